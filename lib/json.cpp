#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "parole/parole.hpp"

namespace parole {
namespace {

using Json = nlohmann::ordered_json;

Json span_json(const std::string& text, std::size_t start, std::size_t end) {
  return Json{{"text", text}, {"start", start}, {"end", end}};
}

Json quote_json(const Quote& q) {
  Json j = span_json(q.text, q.start, q.end);
  j["kind"] = q.kind;
  if (q.speaker) {
    const Speaker& sp = *q.speaker;
    Json mention = nullptr;
    if (sp.mention) {
      mention = span_json(sp.mention->text, sp.mention->start, sp.mention->end);
      mention["kind"] = sp.mention->kind;
    }
    j["speaker"] = Json{{"name", sp.name},
                        {"entity", sp.entity.empty() ? Json(nullptr) : Json(sp.entity)},
                        {"mention", mention},
                        {"via", sp.via}};
  } else {
    j["speaker"] = nullptr;
  }
  j["cue"] = q.cue ? span_json(q.cue->text, q.cue->start, q.cue->end) : Json(nullptr);
  j["confidence"] = std::round(q.confidence * 1000.0) / 1000.0;
  j["parent"] = q.parent ? Json(*q.parent) : Json(nullptr);
  return j;
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

// An extra field as JSON. Its text comes from a gazetteer (valid JSON) or from
// code (EntityRecord::extra, anything): a text that is not JSON, or nested too
// deep for the recursive serializer, is echoed as a string so that the output
// stays valid JSON and dump() cannot exhaust the stack.
Json extra_json(const std::string& text) {
  constexpr std::size_t kMaxDepth = 256;
  if (nesting_depth(text) <= kMaxDepth) {
    Json value = Json::parse(text, nullptr, false);
    if (!value.is_discarded()) return value;
  }
  return Json(text);
}

Json entity_json(const Entity& e) {
  Json j{{"id", e.id.empty() ? Json(nullptr) : Json(e.id)}, {"name", e.name}, {"type", e.type}};
  for (const auto& [key, value] : e.extra) {
    if (j.contains(key) || key == "mentions") continue;
    j[key] = extra_json(value);
  }
  Json mentions = Json::array();
  for (const Mention& m : e.mentions) {
    Json mj = span_json(m.text, m.start, m.end);
    mj["kind"] = m.kind;
    mentions.push_back(std::move(mj));
  }
  j["mentions"] = std::move(mentions);
  return j;
}

}  // namespace

std::string to_json(const Result& result, int indent) {
  Json doc;
  doc["schema_version"] = kJsonSchemaVersion;
  doc["quotes"] = Json::array();
  for (const Quote& q : result.quotes) doc["quotes"].push_back(quote_json(q));
  doc["entities"] = Json::array();
  for (const Entity& e : result.entities) doc["entities"].push_back(entity_json(e));
  const Diagnostics& d = result.diagnostics;
  Json diag{{"too_large", d.too_large},
            {"invalid_utf8_bytes", d.invalid_utf8_bytes},
            {"unclosed_quotes", d.unclosed_quotes},
            {"stray_closing_marks", d.stray_closing_marks}};
  if (d.invalid_utf8_bytes > 0) diag["first_invalid_offset"] = d.first_invalid_offset;
  doc["diagnostics"] = std::move(diag);
  // Text is valid UTF-8 or replaced: never throw on bytes from the input.
  return doc.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace parole
