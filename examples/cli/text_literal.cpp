#include "cli/text_literal.hpp"

#include <simdjson.h>

#include <cstdint>
#include <cstring>

#include "text/json_plain.hpp"

namespace parole_cli {
namespace {

constexpr std::size_t kNone = std::string_view::npos;

bool json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::size_t skip_space(std::string_view s, std::size_t pos) {
  while (pos < s.size() && json_space(s[pos])) ++pos;
  return pos;
}

// ---- Checking a string literal as nlohmann/json's lexer does ------------------

// The value of the 4 hex digits at `pos`, or -1.
long hex4(std::string_view s, std::size_t pos) {
  if (pos + 4 > s.size()) return -1;
  long value = 0;
  for (std::size_t i = pos; i < pos + 4; ++i) {
    const char c = s[i];
    int digit = -1;
    if (c >= '0' && c <= '9') digit = c - '0';
    if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

bool high_surrogate(long u) { return u >= 0xD800 && u <= 0xDBFF; }
bool low_surrogate(long u) { return u >= 0xDC00 && u <= 0xDFFF; }

// Past the escape sequence at `pos` (a backslash), or kNone when the lexer
// would refuse it: an unknown escape, bad hex digits, a lone surrogate.
std::size_t escape_end(std::string_view s, std::size_t pos) {
  if (pos + 1 >= s.size()) return kNone;
  switch (s[pos + 1]) {
    case '"':
    case '\\':
    case '/':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
      return pos + 2;
    case 'u':
      break;
    default:
      return kNone;
  }
  const long unit = hex4(s, pos + 2);
  if (unit < 0 || low_surrogate(unit)) return kNone;
  if (!high_surrogate(unit)) return pos + 6;
  const bool paired = pos + 8 <= s.size() && s[pos + 6] == '\\' && s[pos + 7] == 'u';
  return paired && low_surrogate(hex4(s, pos + 8)) ? pos + 12 : kNone;
}

// Past the closing quote of the valid string literal at `pos`, or kNone;
// kNone too for a literal with an escape unless `escapes`. The line is valid
// UTF-8 (find_text_literal's contract; read_flat_record checks it): only
// quotes, backslashes and control characters need a look.
std::size_t valid_literal_end(std::string_view s, std::size_t pos, bool escapes = true) {
  std::size_t i = pos + 1;
  while (true) {
    i = parole::text::skip_json_plain<true>(s, i);
    if (i >= s.size()) return kNone;  // no closing quote
    if (s[i] == '"') return i + 1;
    if (s[i] != '\\' || !escapes) return kNone;  // a control character, or an escape refused
    i = escape_end(s, i);
    if (i == kNone) return kNone;
  }
}

// ---- Finding the member ----------------------------------------------------

// Past the closing quote of the string at `pos`, unchecked; kNone when it is not closed.
std::size_t string_end(std::string_view s, std::size_t pos) {
  for (std::size_t i = pos + 1; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      return i + 1;
    }
  }
  return kNone;
}

// Past the value at `pos`, unchecked: a string, an array or object with what
// it holds, or a literal or number up to the next delimiter.
std::size_t value_end(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return kNone;
  if (s[pos] == '"') return string_end(s, pos);
  if (s[pos] != '{' && s[pos] != '[') {
    while (pos < s.size() && !json_space(s[pos]) && s[pos] != ',' && s[pos] != '}' && s[pos] != ']') ++pos;
    return pos;
  }
  std::size_t depth = 0;
  for (std::size_t i = pos; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"') {
      i = string_end(s, i);
      if (i == kNone) return kNone;
      --i;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return i + 1;
    }
  }
  return kNone;
}

// ---- Reading a flat record in one pass -------------------------------------

// Past the integer at `pos` that nlohmann/json writes back as it is
// written: -?(0|[1-9][0-9]*) of at most 18 digits (an int64 for sure), not
// -0 (written 0); kNone otherwise. What follows is the caller's to check (a
// '.' or an 'e' there is not read as a delimiter).
std::size_t plain_integer_end(std::string_view s, std::size_t pos) {
  const bool negative = s[pos] == '-';
  const std::size_t first = pos + (negative ? 1 : 0);
  std::size_t i = first;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  const std::size_t digits = i - first;
  constexpr std::size_t kMaxDigits = 18;
  if (digits == 0 || digits > kMaxDigits) return kNone;
  if (s[first] == '0' && (digits > 1 || negative)) return kNone;
  return i;
}

std::size_t word_end(std::string_view s, std::size_t pos, std::string_view word) {
  return s.compare(pos, word.size(), word) == 0 ? pos + word.size() : kNone;
}

// Past a value of a flat record's member other than the text, or kNone.
std::size_t flat_value_end(std::string_view s, std::size_t pos) {
  switch (s[pos]) {
    case '"':
      return valid_literal_end(s, pos, false);
    case 't':
      return word_end(s, pos, "true");
    case 'f':
      return word_end(s, pos, "false");
    case 'n':
      return word_end(s, pos, "null");
    default:
      return s[pos] == '-' || (s[pos] >= '0' && s[pos] <= '9') ? plain_integer_end(s, pos) : kNone;
  }
}

}  // namespace

const FlatRecord::Member* FlatRecord::find(std::string_view key) const {
  for (std::size_t i = 0; i < size; ++i) {
    if (members[i].key == key) return &members[i];
  }
  return nullptr;
}

bool read_flat_record(std::string_view line, std::string_view text_field, FlatRecord& record) {
  record.size = 0;
  // The whole line's UTF-8 at once, by simdjson's vectorised check; the
  // scan below then looks for quotes, backslashes and control characters only.
  if (!simdjson::validate_utf8(line.data(), line.size())) return false;
  bool has_text = false;
  std::size_t pos = skip_space(line, 0);
  if (pos >= line.size() || line[pos] != '{') return false;
  do {
    pos = skip_space(line, pos + 1);
    if (pos >= line.size() || line[pos] != '"' || record.size == FlatRecord::kMaxMembers) return false;
    const std::size_t key_end = valid_literal_end(line, pos, false);
    if (key_end == kNone) return false;
    const std::string_view key = line.substr(pos + 1, key_end - pos - 2);
    if (record.find(key) != nullptr) return false;  // a key given twice: nlohmann/json's to read
    pos = skip_space(line, key_end);
    if (pos >= line.size() || line[pos] != ':') return false;
    pos = skip_space(line, pos + 1);
    if (pos >= line.size()) return false;
    const bool is_text = key == text_field;
    std::size_t value_end = kNone;
    if (!is_text) {
      value_end = flat_value_end(line, pos);
    } else if (line[pos] == '"') {
      value_end = valid_literal_end(line, pos);
    }
    if (value_end == kNone) return false;
    if (is_text) {
      has_text = true;
      record.text = record.size;
      record.text_span = LiteralSpan{pos, value_end};
    }
    record.members[record.size++] = FlatRecord::Member{key, line.substr(pos, value_end - pos)};
    pos = skip_space(line, value_end);
  } while (pos < line.size() && line[pos] == ',');
  return has_text && pos < line.size() && line[pos] == '}' && skip_space(line, pos + 1) == line.size();
}

std::optional<LiteralSpan> find_text_literal(std::string_view line, std::string_view field) {
  std::size_t pos = skip_space(line, 0);
  if (pos >= line.size() || line[pos] != '{') return std::nullopt;
  std::optional<LiteralSpan> found;
  pos = skip_space(line, pos + 1);
  if (pos < line.size() && line[pos] == '}') return std::nullopt;
  while (pos < line.size() && line[pos] == '"') {
    const std::size_t key_end = string_end(line, pos);
    if (key_end == kNone) return std::nullopt;
    const std::string_view key = line.substr(pos + 1, key_end - pos - 2);
    if (key.find('\\') != std::string_view::npos) return std::nullopt;
    pos = skip_space(line, key_end);
    if (pos >= line.size() || line[pos] != ':') return std::nullopt;
    pos = skip_space(line, pos + 1);
    if (key == field) {
      if (found || pos >= line.size() || line[pos] != '"') return std::nullopt;
      found = LiteralSpan{pos, valid_literal_end(line, pos)};
      pos = found->end;
    } else {
      pos = value_end(line, pos);
    }
    if (pos == kNone) return std::nullopt;
    pos = skip_space(line, pos);
    if (pos < line.size() && line[pos] == '}') return found;
    if (pos >= line.size() || line[pos] != ',') return std::nullopt;
    pos = skip_space(line, pos + 1);
  }
  return std::nullopt;
}

std::string without_literal(std::string_view line, LiteralSpan span) {
  std::string out;
  out.reserve(line.size() - (span.end - span.begin) + 2);
  out.append(line.substr(0, span.begin));
  out += "\"\"";
  out.append(line.substr(span.end));
  return out;
}

namespace {

// Writes code point `cp` as UTF-8 at `out`; returns the number of bytes.
std::size_t put_utf8(char* out, long cp) {
  const auto u = static_cast<std::uint32_t>(cp);
  if (u < 0x80) {
    out[0] = static_cast<char>(u);
    return 1;
  }
  if (u < 0x800) {
    out[0] = static_cast<char>(0xC0U | (u >> 6U));
    out[1] = static_cast<char>(0x80U | (u & 0x3FU));
    return 2;
  }
  if (u < 0x10000) {
    out[0] = static_cast<char>(0xE0U | (u >> 12U));
    out[1] = static_cast<char>(0x80U | ((u >> 6U) & 0x3FU));
    out[2] = static_cast<char>(0x80U | (u & 0x3FU));
    return 3;
  }
  out[0] = static_cast<char>(0xF0U | (u >> 18U));
  out[1] = static_cast<char>(0x80U | ((u >> 12U) & 0x3FU));
  out[2] = static_cast<char>(0x80U | ((u >> 6U) & 0x3FU));
  out[3] = static_cast<char>(0x80U | (u & 0x3FU));
  return 4;
}

char simple_escape(char c) {
  switch (c) {
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    default:  // '"', '\\', '/'
      return c;
  }
}

}  // namespace

// Every escape is at least as long as what it stands for, so the decoded
// text is written over the literal from the start of the buffer, never past
// what is still to be read.
void decode_literal_in_place(std::string& line, LiteralSpan span) {
  const std::string_view in(line);
  char* const data = line.data();
  std::size_t out = 0;
  std::size_t pos = span.begin + 1;
  const std::size_t stop = span.end - 1;
  while (pos < stop) {
    const void* backslash = std::memchr(data + pos, '\\', stop - pos);
    const std::size_t run_end =
        backslash != nullptr ? static_cast<std::size_t>(static_cast<const char*>(backslash) - data) : stop;
    std::memmove(data + out, data + pos, run_end - pos);
    out += run_end - pos;
    pos = run_end;
    if (pos == stop) break;
    if (in[pos + 1] != 'u') {
      data[out++] = simple_escape(in[pos + 1]);
      pos += 2;
      continue;
    }
    long cp = hex4(in, pos + 2);
    pos += 6;
    if (high_surrogate(cp)) {
      cp = 0x10000 + ((cp - 0xD800) << 10U) + (hex4(in, pos + 2) - 0xDC00);
      pos += 6;
    }
    out += put_utf8(data + out, cp);
  }
  line.resize(out);
}

}  // namespace parole_cli
