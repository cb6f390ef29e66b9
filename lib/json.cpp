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

Json entity_json(const Entity& e) {
  Json j{{"id", e.id.empty() ? Json(nullptr) : Json(e.id)}, {"name", e.name}, {"type", e.type}};
  for (const auto& [key, value] : e.extra) {
    if (j.contains(key) || key == "mentions") continue;
    j[key] = Json::parse(value, nullptr, false);
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
