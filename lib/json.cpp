// The JSON document is written straight into one string: a tree of JSON values
// for a large document costs several times its output in memory and most of
// the run time (measured on 26 MB of text: 84 MB of JSON). nlohmann/json only
// re-indents the compact text when a pretty form is asked for, and checks the
// gazetteer's extra values.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <nlohmann/json.hpp>

#include "parole/parole.hpp"
#include "text/utf8.hpp"

namespace parole {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";

bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\' || c >= 0x80; }

// A JSON string: quotes, backslashes and control characters escaped; invalid
// UTF-8 bytes written as U+FFFD, each one (the offsets in the document still
// point at the original bytes).
void put_string(std::string& out, std::string_view s) {
  out.push_back('"');
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t run = pos;
    while (run < s.size() && !needs_escape(static_cast<unsigned char>(s[run]))) ++run;
    out.append(s.data() + pos, run - pos);
    pos = run;
    if (pos == s.size()) break;
    const auto c = static_cast<unsigned char>(s[pos]);
    if (c >= 0x80) {
      const text::Decoded d = text::decode_at(s, pos);
      if (d.valid) {
        out.append(s.data() + pos, d.length);
      } else {
        out += kReplacementUtf8;
      }
      pos += d.length;
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      }
    }
    ++pos;
  }
  out.push_back('"');
}

void put_number(std::string& out, std::size_t n) { out += std::to_string(n); }

// Confidence to three decimals, written as the shortest decimal that reads
// back as that double ("0.95", "1.0"), as JSON libraries print it.
void put_confidence(std::string& out, double value) {
  const long long thousandths = std::llround(value * 1000.0);
  const long long magnitude = thousandths < 0 ? -thousandths : thousandths;
  if (thousandths < 0) out.push_back('-');
  out += std::to_string(magnitude / 1000);
  std::string fraction = std::to_string(1000 + magnitude % 1000).substr(1);
  while (fraction.size() > 1 && fraction.back() == '0') fraction.pop_back();
  out.push_back('.');
  out += fraction;
}

void put_key(std::string& out, std::string_view key) {
  put_string(out, key);
  out.push_back(':');
}

void put_span(std::string& out, const std::string& text, std::size_t start, std::size_t end) {
  put_key(out, "text");
  put_string(out, text);
  out += ",\"start\":";
  put_number(out, start);
  out += ",\"end\":";
  put_number(out, end);
}

void put_mention(std::string& out, const Mention& m) {
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

void put_quote(std::string& out, const Quote& q) {
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

// An extra field. Its text comes from a gazetteer (valid JSON) or from code
// (EntityRecord::extra, anything): a text that is not JSON, or nested too deep
// for a recursive reader downstream, is echoed as a string so that the output
// stays valid JSON.
void put_extra(std::string& out, const std::string& text) {
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

void put_entity(std::string& out, const Entity& e) {
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

void put_diagnostics(std::string& out, const Diagnostics& d) {
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

}  // namespace

bool write_json(const Result& result, const std::function<bool(std::string_view)>& sink) {
  constexpr std::size_t kPiece = std::size_t{1} << 16U;
  std::string out;
  out.reserve(2 * kPiece);
  const auto flush = [&](bool all) {
    if (out.size() < kPiece && !all) return true;
    const bool written = sink(out);
    out.clear();
    return written;
  };
  out += "{\"schema_version\":";
  put_string(out, kJsonSchemaVersion);
  out += ",\"quotes\":[";
  for (std::size_t i = 0; i < result.quotes.size(); ++i) {
    if (i > 0) out.push_back(',');
    put_quote(out, result.quotes[i]);
    if (!flush(false)) return false;
  }
  out += "],\"entities\":[";
  for (std::size_t i = 0; i < result.entities.size(); ++i) {
    if (i > 0) out.push_back(',');
    put_entity(out, result.entities[i]);
    if (!flush(false)) return false;
  }
  out += "],\"diagnostics\":";
  put_diagnostics(out, result.diagnostics);
  out.push_back('}');
  return flush(true);
}

std::string to_json(const Result& result, int indent) {
  std::string out;
  write_json(result, [&](std::string_view piece) {
    out += piece;
    return true;
  });
  if (indent < 0) return out;
  return Json::parse(out).dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace parole
