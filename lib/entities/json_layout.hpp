// Reading a gazetteer's JSON text in place, for the loader (gazetteer.cpp, its
// only user). scan_json(): where the records and their fields are, and
// whether an object repeats a key; nlohmann::json keeps no byte positions and
// silently keeps the last of two equal keys, so the loader scans the text
// again, once nlohmann has accepted it as JSON, to explain an error.
// JsonCursor: the tokens of valid JSON read one by one, for the loader's
// quick path, which builds records without a document tree.
#ifndef PAROLE_ENTITIES_JSON_LAYOUT_HPP
#define PAROLE_ENTITIES_JSON_LAYOUT_HPP

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/utf8.hpp"

namespace parole::entities {

struct JsonMember {
  std::string key;
  std::size_t key_offset = 0;
  std::size_t value_offset = 0;
  std::vector<std::size_t> items;  // where each element starts, when the value is an array
};

struct JsonRecordLayout {
  std::size_t offset = 0;  // where the record's value starts
  std::vector<JsonMember> members;
};

struct JsonDuplicateKey {
  std::string key;
  std::size_t offset = 0;        // of the second occurrence
  std::size_t first_offset = 0;  // of the first
};

struct JsonLayout {
  std::size_t root_offset = 0;                 // the top-level value
  std::optional<std::size_t> entities_offset;  // the value of the top-level "entities" key (documents)
  std::vector<JsonRecordLayout> records;       // in order
  std::optional<JsonDuplicateKey> duplicate;   // the earliest repeated key, in any object
};

namespace json_layout_detail {

inline bool ends_token(char c) {
  switch (c) {
    case ' ':
    case '\t':
    case '\r':
    case '\n':
    case ',':
    case ':':
    case '[':
    case ']':
    case '{':
    case '}':
    case '"':
      return true;
    default:
      return false;
  }
}

// Index of the closing quote of the string that opens at `open`.
inline std::size_t string_end(std::string_view text, std::size_t open) {
  for (std::size_t i = open + 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      return i;
    }
  }
  return text.size();
}

// The key as nlohmann stores it: "a" and "\u0061" are the same key.
inline std::string decode_key(std::string_view token) {
  const std::string_view inner = token.size() >= 2 ? token.substr(1, token.size() - 2) : std::string_view();
  if (inner.find('\\') == std::string_view::npos) return std::string(inner);
  try {
    return nlohmann::json::parse(token.begin(), token.end()).get<std::string>();
  } catch (const nlohmann::json::exception&) {
    return std::string(inner);
  }
}

}  // namespace json_layout_detail

// `text` must be JSON that nlohmann accepts (a leading UTF-8 byte-order mark
// is skipped, as nlohmann does). Records are the elements of the top-level
// "entities" array of a document, or the top-level value itself for a JSON
// Lines line (`records_at_root`). Iterative: any depth is fine.
inline JsonLayout scan_json(std::string_view text, bool records_at_root) {
  using namespace json_layout_detail;
  // kRecordArray: an array value of a record's member (aliases, roles).
  enum class Role : std::uint8_t { kPlain, kEntities, kRecord, kRecordArray };
  struct Frame {
    bool object;
    Role role;
    bool expect_key;
    std::size_t keys_begin;  // this object's keys in `keys`
  };
  struct Key {
    std::string name;
    std::size_t offset;
  };
  JsonLayout out;
  std::vector<Frame> stack;
  std::vector<Key> keys;  // of the open objects, innermost last

  // A value starts at `at`: note it where it belongs; the role of the
  // container it opens, if it is one.
  auto begin_value = [&](std::size_t at, char c) {
    Role role = Role::kPlain;
    if (stack.empty()) {
      out.root_offset = at;
      if (records_at_root) {
        out.records.push_back({at, {}});
        role = Role::kRecord;
      }
    } else if (stack.back().role == Role::kEntities) {
      out.records.push_back({at, {}});
      role = Role::kRecord;
    } else if (stack.back().role == Role::kRecord && !out.records.back().members.empty()) {
      out.records.back().members.back().value_offset = at;
      role = Role::kRecordArray;
    } else if (stack.back().role == Role::kRecordArray) {
      out.records.back().members.back().items.push_back(at);
    } else if (!records_at_root && stack.size() == 1 && stack.back().object && keys.size() > 0 &&
               keys.back().name == "entities") {
      out.entities_offset = at;
      role = Role::kEntities;
    }
    if (role == Role::kRecord && c != '{') return Role::kPlain;
    if ((role == Role::kEntities || role == Role::kRecordArray) && c != '[') return Role::kPlain;
    return role;
  };
  // At the end of an object: its first repeated key, if earlier than the one found so far.
  auto close_object = [&](std::size_t keys_begin) {
    if (keys.size() - keys_begin < 2) return;
    std::vector<const Key*> sorted;
    for (std::size_t k = keys_begin; k < keys.size(); ++k) sorted.push_back(&keys[k]);
    std::sort(sorted.begin(), sorted.end(), [](const Key* a, const Key* b) {
      return a->name != b->name ? a->name < b->name : a->offset < b->offset;
    });
    for (std::size_t k = 1; k < sorted.size(); ++k) {
      if (sorted[k]->name != sorted[k - 1]->name) continue;
      if (!out.duplicate || sorted[k]->offset < out.duplicate->offset) {
        std::size_t first = k - 1;
        while (first > 0 && sorted[first - 1]->name == sorted[k]->name) --first;
        out.duplicate = JsonDuplicateKey{sorted[k]->name, sorted[k]->offset, sorted[first]->offset};
      }
    }
  };

  std::size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (i < text.size()) {
    const char c = text[i];
    switch (c) {
      case ' ':
      case '\t':
      case '\r':
      case '\n':
      case ':':
        ++i;
        break;
      case ',':
        if (!stack.empty() && stack.back().object) stack.back().expect_key = true;
        ++i;
        break;
      case '{':
      case '[':
        stack.push_back(Frame{c == '{', begin_value(i, c), c == '{', keys.size()});
        ++i;
        break;
      case '}':
      case ']':
        if (stack.empty()) return out;  // not JSON after all: nothing more to learn
        if (stack.back().object) close_object(stack.back().keys_begin);
        keys.resize(stack.back().keys_begin);
        stack.pop_back();
        ++i;
        break;
      case '"': {
        const std::size_t end = string_end(text, i);
        if (!stack.empty() && stack.back().object && stack.back().expect_key) {
          std::string name = decode_key(text.substr(i, end + 1 - i));
          if (stack.back().role == Role::kRecord) out.records.back().members.push_back(JsonMember{name, i, i, {}});
          keys.push_back(Key{std::move(name), i});
          stack.back().expect_key = false;
        } else {
          begin_value(i, c);
        }
        i = end + 1;
        break;
      }
      default:
        begin_value(i, c);
        while (i < text.size() && !ends_token(text[i])) ++i;
    }
  }
  return out;
}

// Reads JSON text token by token, in place: a string without escapes is
// viewed in the text. Each reading says only whether the text there is what
// was asked for, read as nlohmann::json reads it: no raw control character
// in a string, valid UTF-8, the escapes JSON has (a \u escape of a surrogate
// only in a pair). After a false the position is unspecified: the caller
// gives up, and nlohmann::json reads the text and says what is wrong.
class JsonCursor {
 public:
  // Skips a byte-order mark, as nlohmann::json does at the start of its input.
  void start(std::string_view text) {
    text_ = text;
    pos_ = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  }
  std::string_view text() const { return text_; }
  std::size_t pos() const { return pos_; }
  // Nothing but space left.
  bool at_end() {
    skip_space();
    return pos_ == text_.size();
  }
  void skip_space() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }
  // `c` (after any space), and the space after it.
  bool open(char c) {
    skip_space();
    if (peek() != c) return false;
    ++pos_;
    skip_space();
    return true;
  }
  // The closing `c` of an empty container; of a full one, after its last element.
  bool closes(char c) {
    skip_space();
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  // A comma after an element: another follows (else the container should close).
  bool comma() {
    skip_space();
    if (peek() != ',') return false;
    ++pos_;
    skip_space();
    return true;
  }
  bool null() {
    if (text_.compare(pos_, 4, "null") != 0) return false;
    pos_ += 4;
    return true;
  }

  bool string(std::string& out) {
    std::string_view plain;
    if (!plain_string(plain)) return escaped_string(out);
    out.assign(plain.data(), plain.size());
    return true;
  }
  // A string without escapes (most): its bytes, viewed in the text. False,
  // the position unchanged, for any other.
  bool plain_string(std::string_view& out) {
    if (peek() != '"') return false;
    const std::size_t n = text_.size();
    for (std::size_t i = pos_ + 1;;) {
      i = plain_run_end(i);
      if (i >= n) return false;
      const auto c = static_cast<unsigned char>(text_[i]);
      if (c == '"') {
        out = text_.substr(pos_ + 1, i - pos_ - 1);
        pos_ = i + 1;
        return true;
      }
      if (c < 0x80) return false;  // a backslash or a control character
      if (text::two_byte_at(text_, i) != 0) {
        i += 2;
      } else {
        const text::Decoded d = text::decode_at(text_, i);
        if (!d.valid) return false;
        i += d.length;
      }
    }
  }
  // Any string, escapes decoded.
  bool escaped_string(std::string& out) {
    if (peek() != '"') return false;
    out.clear();
    const std::size_t n = text_.size();
    std::size_t run = ++pos_;  // start of the bytes not yet copied
    while (pos_ < n) {
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        out.append(text_.data() + run, pos_ - run);
        ++pos_;
        return true;
      }
      if (c == '\\') {
        out.append(text_.data() + run, pos_ - run);
        if (!escape(out)) return false;
        run = pos_;
      } else if (c < 0x20) {
        return false;
      } else if (c < 0x80) {
        ++pos_;
      } else {
        const text::Decoded d = text::decode_at(text_, pos_);
        if (!d.valid) return false;
        pos_ += d.length;
      }
    }
    return false;
  }

  // The text of the value here, for nlohmann::json to read: the brackets of
  // a container counted, its strings skipped, a number or a literal up to
  // the next delimiter. Valid JSON ends there; of anything else, nlohmann
  // refuses the text, or what follows does not fit. Empty where nlohmann
  // would read the text alone otherwise than in its place: it takes a NUL
  // byte for the end of its input, and skips a byte-order mark at its start.
  std::string_view value_text() {
    const std::size_t from = pos_;
    if (pos_ >= text_.size() || std::string_view("{[\"-0123456789tfn").find(text_[pos_]) == std::string_view::npos) {
      return {};
    }
    const std::size_t n = text_.size();
    std::size_t depth = 0;
    do {
      if (pos_ >= n) break;
      const char c = text_[pos_];
      if (c == '"') {
        for (++pos_; pos_ < n && text_[pos_] != '"'; ++pos_) {
          if (text_[pos_] == '\\') ++pos_;
        }
        ++pos_;
      } else if (c == '{' || c == '[') {
        ++depth, ++pos_;
      } else if (c == '}' || c == ']') {
        if (depth == 0) break;
        --depth, ++pos_;
      } else if (depth > 0) {
        ++pos_;
      } else {
        while (pos_ < n && !json_layout_detail::ends_token(text_[pos_])) ++pos_;
      }
    } while (depth > 0);
    pos_ = std::min(pos_, n);
    const std::string_view value = text_.substr(from, pos_ - from);
    return value.find('\0') == std::string_view::npos ? value : std::string_view();
  }

 private:
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  // The first byte from `i` that is not printable ASCII other than a quote
  // or a backslash (or the end): sixteen bytes at a time.
  std::size_t plain_run_end(std::size_t i) const {
    const std::size_t n = text_.size();
#if defined(__SSE2__)
    for (; i + 16 <= n; i += 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text_.data() + i));
      const __m128i special = _mm_or_si128(  // signed: bytes from 0x80 are below 0x20 too
          _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20)),
          _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'))));
      const auto found = static_cast<unsigned>(_mm_movemask_epi8(special));
      if (found != 0) return i + static_cast<unsigned>(__builtin_ctz(found));
    }
#endif
    for (; i < n; ++i) {
      const auto c = static_cast<unsigned char>(text_[i]);
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') return i;
    }
    return n;
  }
  // The escape here (a backslash), appended to out.
  bool escape(std::string& out) {
    if (pos_ + 1 >= text_.size()) return false;
    const char e = text_[pos_ + 1];
    pos_ += 2;
    switch (e) {
      case '"':
      case '\\':
      case '/':
        out += e;
        return true;
      case 'b':
        out += '\b';
        return true;
      case 'f':
        out += '\f';
        return true;
      case 'n':
        out += '\n';
        return true;
      case 'r':
        out += '\r';
        return true;
      case 't':
        out += '\t';
        return true;
      case 'u':
        break;
      default:
        return false;
    }
    char32_t cp = 0;
    if (!hex4(cp) || (cp >= 0xDC00 && cp <= 0xDFFF)) return false;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      char32_t low = 0;
      if (text_.compare(pos_, 2, "\\u") != 0) return false;
      pos_ += 2;
      if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10U) + (low - 0xDC00);
    }
    text::append_utf8(out, cp);
    return true;
  }
  bool hex4(char32_t& cp) {
    if (pos_ + 4 > text_.size()) return false;
    for (std::size_t k = 0; k < 4; ++k) {
      const char c = text_[pos_ + k];
      const int v = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
      if (v < 0) return false;
      cp = cp * 16 + static_cast<char32_t>(v);
    }
    pos_ += 4;
    return true;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace parole::entities

#endif  // PAROLE_ENTITIES_JSON_LAYOUT_HPP
