#include "support.hpp"

#include <nlohmann/json.hpp>
#include <string>

#include "parole/parole.hpp"

using Json = nlohmann::json;

TEST_CASE("the JSON output follows the documented schema") {
  const parole::Extractor ex;
  const std::string text = "« Nous suspendons la mission », a déclaré Sergueï Lavrov à Moscou.";
  const Json doc = Json::parse(parole::to_json(ex.extract(text)));
  CHECK(doc["schema_version"] == parole::kJsonSchemaVersion);
  REQUIRE(doc["quotes"].size() == 1);
  const Json& q = doc["quotes"][0];
  CHECK(q["text"] == "Nous suspendons la mission");
  CHECK(text.substr(q["start"].get<std::size_t>(), q["end"].get<std::size_t>() - q["start"].get<std::size_t>()) ==
        "Nous suspendons la mission");
  CHECK(q["kind"] == "direct");
  CHECK(q["speaker"]["name"] == "Sergueï Lavrov");
  CHECK(q["speaker"]["entity"] == "person:sergey-lavrov");
  CHECK(q["speaker"]["mention"]["text"] == "Sergueï Lavrov");
  CHECK(q["speaker"]["mention"]["kind"] == "name");
  CHECK(q["speaker"]["via"] == "incise");
  CHECK(q["cue"]["text"] == "a déclaré");
  CHECK(q["parent"].is_null());
  CHECK(q["confidence"].get<double>() > 0.5);
  bool moscou = false;
  for (const Json& e : doc["entities"]) {
    if (e["name"] == "Moscou") {
      moscou = true;
      CHECK(e["type"] == "LOC");
      CHECK(e["mentions"][0]["kind"] == "name");
    }
  }
  CHECK(moscou);
  CHECK(doc["diagnostics"]["invalid_utf8_bytes"] == 0);
}

TEST_CASE("a quote with no speaker has speaker null") {
  const parole::Extractor ex;
  const Json doc = Json::parse(parole::to_json(ex.extract("Le panneau : rien. « Une phrase sans auteur. »")));
  REQUIRE(doc["quotes"].size() == 1);
  CHECK(doc["quotes"][0]["speaker"].is_null());
  CHECK(doc["quotes"][0]["cue"].is_null());
}

TEST_CASE("invalid UTF-8 never throws, keeps offsets and is reported") {
  const parole::Extractor ex;
  const std::string text = std::string("\xFF\xFE« caf\xE9 », a dit Paul Durand.");
  const parole::Result r = ex.extract(text);
  CHECK(r.diagnostics.invalid_utf8_bytes == 3);
  CHECK(r.diagnostics.first_invalid_offset == 0);
  REQUIRE(r.quotes.size() == 1);
  CHECK(r.quotes[0].start == 5);
  CHECK(r.quotes[0].text == "caf\xE9");
  const Json doc = Json::parse(parole::to_json(r));  // still valid JSON
  CHECK(doc["diagnostics"]["first_invalid_offset"] == 0);
}

TEST_CASE("empty and oversized documents") {
  const parole::Extractor ex;
  const parole::Result empty = ex.extract("");
  CHECK(empty.quotes.empty());
  CHECK(empty.entities.empty());
  parole::Options small;
  small.max_document_bytes = 10;
  const parole::Result big = parole::Extractor(small).extract("« Ceci est trop long pour la limite »");
  CHECK(big.diagnostics.too_large);
  CHECK(big.quotes.empty());
}

TEST_CASE("default extractor alone: the README promise") {
  parole::Extractor ex;
  auto r = ex.extract("« Nous suspendons la mission », a déclaré Sergueï Lavrov.");
  CHECK(r.quotes.size() == 1);
}

TEST_CASE("write_json hands over the same document in pieces and stops when the sink fails") {
  const parole::Extractor ex;
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "« Nous partons », a déclaré Sergueï Lavrov à Moscou. ";
  const parole::Result r = ex.extract(text);
  std::string joined;
  std::size_t pieces = 0;
  CHECK(parole::write_json(r, [&](std::string_view piece) {
    joined += piece;
    ++pieces;
    return true;
  }));
  CHECK(joined == parole::to_json(r));
  CHECK(pieces > 1);
  std::size_t calls = 0;
  CHECK_FALSE(parole::write_json(r, [&](std::string_view) { return ++calls < 2; }));
  CHECK(calls == 2);
}
