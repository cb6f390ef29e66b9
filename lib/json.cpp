// The JSON document is written straight into one string: a tree of JSON values
// for a large document costs several times its output in memory and most of
// the run time (measured on 26 MB of text: 84 MB of JSON). nlohmann/json only
// re-indents the compact text when a pretty form is asked for, and checks the
// gazetteer's extra values.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <nlohmann/json.hpp>
#include <utility>

#include "parole/parole.hpp"
#include "text/json_plain.hpp"
#include "text/utf8.hpp"

namespace parole {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";

// The text written so far, appended to through a pointer: std::string's own
// appends are calls into the C++ library, each with its checks, and most of
// the pieces of a document are a few bytes long.
class Writer {
 public:
  Writer& operator+=(std::string_view piece) {
    if (piece.empty()) return *this;  // its data() may be null, which memcpy may not be given
    std::memcpy(room(piece.size()), piece.data(), piece.size());
    size_ += piece.size();
    return *this;
  }
  void push_back(char c) {
    *room(1) = c;
    ++size_;
  }
  // Room for `n` more bytes, to be counted with wrote().
  char* room(std::size_t n) {
    if (buffer_.size() - size_ < n) buffer_.resize(std::max(2 * buffer_.size(), size_ + n + kMinimum));
    return buffer_.data() + size_;
  }
  void wrote(std::size_t n) { size_ += n; }

  std::size_t size() const { return size_; }
  std::string_view text() const { return {buffer_.data(), size_}; }
  void clear() { size_ = 0; }
  std::string take() {
    buffer_.resize(size_);
    return std::move(buffer_);
  }

 private:
  static constexpr std::size_t kMinimum = 1024;
  std::string buffer_;
  std::size_t size_ = 0;
};

// The escape of the quote, the backslash or the control character `c`.
void put_escape(Writer& out, unsigned char c) {
  static constexpr std::pair<char, std::string_view> kShort[] = {
      {'"', "\\\""}, {'\\', "\\\\"}, {'\b', "\\b"}, {'\f', "\\f"}, {'\n', "\\n"}, {'\r', "\\r"}, {'\t', "\\t"},
  };
  for (const auto& [plain, escaped] : kShort) {
    if (c == static_cast<unsigned char>(plain)) {
      out += escaped;
      return;
    }
  }
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04x", c);
  out += buf;
}

// A JSON string: quotes, backslashes and control characters escaped; invalid
// UTF-8 bytes written as U+FFFD, each one (the offsets in the document still
// point at the original bytes). What needs no change, valid UTF-8 included,
// is copied a run at a time.
void put_string(Writer& out, std::string_view s) {
  out.push_back('"');
  std::size_t copied = 0;  // s[copied, pos) is still to be copied as it is
  std::size_t pos = 0;
  while (true) {
    pos = text::skip_json_plain(s, pos);
    if (pos == s.size()) break;
    const auto c = static_cast<unsigned char>(s[pos]);
    std::size_t length = 1;
    if (c >= 0x80) {
      const text::Decoded d = text::decode_at(s, pos);
      if (d.valid) {
        pos += d.length;
        continue;
      }
      length = d.length;
    }
    out += s.substr(copied, pos - copied);
    if (c >= 0x80) {
      out += kReplacementUtf8;
    } else {
      put_escape(out, c);
    }
    pos += length;
    copied = pos;
  }
  out += s.substr(copied, pos - copied);
  out.push_back('"');
}

void put_number(Writer& out, std::size_t n) {
  constexpr std::size_t kDigits = 20;  // of the largest 64-bit number
  char* const at = out.room(kDigits);
  out.wrote(static_cast<std::size_t>(std::to_chars(at, at + kDigits, n).ptr - at));
}

// Confidence to three decimals, written as the shortest decimal that reads
// back as that double ("0.95", "1.0"), as JSON libraries print it.
void put_confidence(Writer& out, double value) {
  const long long thousandths = std::llround(value * 1000.0);
  const long long magnitude = thousandths < 0 ? -thousandths : thousandths;
  if (thousandths < 0) out.push_back('-');
  out += std::to_string(magnitude / 1000);
  std::string fraction = std::to_string(1000 + magnitude % 1000).substr(1);
  while (fraction.size() > 1 && fraction.back() == '0') fraction.pop_back();
  out.push_back('.');
  out += fraction;
}

void put_key(Writer& out, std::string_view key) {
  put_string(out, key);
  out.push_back(':');
}

void put_span(Writer& out, const std::string& text, std::size_t start, std::size_t end) {
  out += "\"text\":";
  put_string(out, text);
  out += ",\"start\":";
  put_number(out, start);
  out += ",\"end\":";
  put_number(out, end);
}

void put_mention(Writer& out, const Mention& m) {
  out.push_back('{');
  put_span(out, m.text, m.start, m.end);
  out += ",\"kind\":";
  put_string(out, m.kind);
  for (const auto& [key, part] : {std::pair{"honorific", &m.honorific}, std::pair{"title", &m.title}}) {
    if (!*part) continue;
    out += ",\"";
    out += key;
    out += "\":{";
    put_span(out, (*part)->text, (*part)->start, (*part)->end);
    out.push_back('}');
  }
  out.push_back('}');
}

void put_quote(Writer& out, const Quote& q) {
  out.push_back('{');
  put_span(out, q.text, q.start, q.end);
  out += ",\"kind\":";
  put_string(out, q.kind);
  out += ",\"speaker\":";
  if (q.speaker) {
    const Speaker& sp = *q.speaker;
    out += "{\"name\":";
    put_string(out, sp.name);
    out += ",\"entity\":";
    if (sp.entity.empty()) {
      out += "null";
    } else {
      put_string(out, sp.entity);
    }
    out += ",\"mention\":";
    if (sp.mention) {
      put_mention(out, *sp.mention);
    } else {
      out += "null";
    }
    out += ",\"via\":";
    put_string(out, sp.via);
    out.push_back('}');
  } else {
    out += "null";
  }
  out += ",\"cue\":";
  if (q.cue) {
    out.push_back('{');
    put_span(out, q.cue->text, q.cue->start, q.cue->end);
    out.push_back('}');
  } else {
    out += "null";
  }
  out += ",\"confidence\":";
  put_confidence(out, q.confidence);
  out += ",\"parent\":";
  if (q.parent) {
    put_number(out, *q.parent);
  } else {
    out += "null";
  }
  out.push_back('}');
}

// Deepest nesting of arrays and objects in JSON text (brackets in strings aside).
std::size_t nesting_depth(const std::string& text) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

// A JSON string literal with no escape, control character or invalid UTF-8:
// one that parsing and serialising leaves as it is.
bool plain_string_literal(std::string_view text) {
  if (text.size() < 2 || text.front() != '"' || text.back() != '"') return false;
  const std::string_view inside = text.substr(1, text.size() - 2);
  std::size_t pos = 0;
  while (pos < inside.size()) {
    const auto c = static_cast<unsigned char>(inside[pos]);
    if (text::json_plain(c)) {
      ++pos;
      continue;
    }
    if (c < 0x80) return false;
    const text::Decoded d = text::decode_at(inside, pos);
    if (!d.valid) return false;
    pos += d.length;
  }
  return true;
}

// An extra field. Its text comes from a gazetteer (valid JSON) or from code
// (EntityRecord::extra, anything): a text that is not JSON, or nested too deep
// for a recursive reader downstream, is echoed as a string so that the output
// stays valid JSON.
void put_extra(Writer& out, const std::string& text) {
  if (plain_string_literal(text)) {  // most extras ("wikidata": "Q90"): nlohmann/json would write them back as they are
    out += text;
    return;
  }
  constexpr std::size_t kMaxDepth = 256;
  if (nesting_depth(text) <= kMaxDepth) {
    const Json value = Json::parse(text, nullptr, false);
    if (!value.is_discarded()) {
      out += value.dump(-1, ' ', false, Json::error_handler_t::replace);
      return;
    }
  }
  put_string(out, text);
}

void put_entity(Writer& out, const Entity& e) {
  out += "{\"id\":";
  if (e.id.empty()) {
    out += "null";
  } else {
    put_string(out, e.id);
  }
  out += ",\"name\":";
  put_string(out, e.name);
  out += ",\"type\":";
  put_string(out, e.type);
  for (const auto& [key, value] : e.extra) {
    if (key == "id" || key == "name" || key == "type" || key == "mentions") continue;
    out.push_back(',');
    put_key(out, key);
    put_extra(out, value);
  }
  out += ",\"mentions\":[";
  for (std::size_t i = 0; i < e.mentions.size(); ++i) {
    if (i > 0) out.push_back(',');
    put_mention(out, e.mentions[i]);
  }
  out += "]}";
}

void put_diagnostics(Writer& out, const Diagnostics& d) {
  out += "{\"too_large\":";
  out += d.too_large ? "true" : "false";
  out += ",\"invalid_utf8_bytes\":";
  put_number(out, d.invalid_utf8_bytes);
  out += ",\"unclosed_quotes\":";
  put_number(out, d.unclosed_quotes);
  out += ",\"stray_closing_marks\":";
  put_number(out, d.stray_closing_marks);
  if (d.invalid_utf8_bytes > 0) {
    out += ",\"first_invalid_offset\":";
    put_number(out, d.first_invalid_offset);
  }
  out.push_back('}');
}

// The whole document into `out`. `piece_written` is called after each quote
// and entity, so that a caller can hand over what is there; false stops.
template <typename PieceWritten>
bool put_result(Writer& out, const Result& result, const PieceWritten& piece_written) {
  out += "{\"schema_version\":";
  put_string(out, kJsonSchemaVersion);
  out += ",\"quotes\":[";
  for (std::size_t i = 0; i < result.quotes.size(); ++i) {
    if (i > 0) out.push_back(',');
    put_quote(out, result.quotes[i]);
    if (!piece_written()) return false;
  }
  out += "],\"entities\":[";
  for (std::size_t i = 0; i < result.entities.size(); ++i) {
    if (i > 0) out.push_back(',');
    put_entity(out, result.entities[i]);
    if (!piece_written()) return false;
  }
  out += "],\"diagnostics\":";
  put_diagnostics(out, result.diagnostics);
  out.push_back('}');
  return true;
}

}  // namespace

bool write_json(const Result& result, const std::function<bool(std::string_view)>& sink) {
  constexpr std::size_t kPiece = std::size_t{1} << 16U;
  Writer out;
  const auto flush = [&](bool all) {
    if (out.size() < kPiece && !all) return true;
    const bool written = sink(out.text());
    out.clear();
    return written;
  };
  return put_result(out, result, [&] { return flush(false); }) && flush(true);
}

// Written straight into the string it returns: no buffer of pieces to copy
// from (and to allocate, 128 KiB, for each document of a batch).
std::string to_json(const Result& result, int indent) {
  Writer out;
  put_result(out, result, [] { return true; });
  if (indent < 0) return out.take();
  return Json::parse(out.text()).dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace parole
