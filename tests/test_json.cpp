#include "support.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "parole/parole.hpp"
#include "text/json_plain.hpp"

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
  const std::string json = parole::to_json(r);
  const Json doc = Json::parse(json);  // still valid JSON
  CHECK(doc["diagnostics"]["first_invalid_offset"] == 0);
  // The invalid byte of the quote is written as U+FFFD, the offsets still count it as one byte.
  CHECK(json.find("\"text\":\"caf\xEF\xBF\xBD\"") != std::string::npos);
  CHECK(doc["quotes"][0]["text"] == "caf\xEF\xBF\xBD");
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

namespace {

// A byte or sequence, and how a JSON string holds it.
struct Escaped {
  std::string_view raw;
  std::string_view json;
};

// Every kind of byte the JSON writer tells apart. Invalid UTF-8 (a stray or
// truncated sequence, an overlong form, a surrogate, beyond U+10FFFF) becomes
// one U+FFFD for each byte that does not start a well-formed sequence.
const Escaped kEscapes[] = {
    {"a", "a"},
    {"\"", "\\\""},
    {"\\", "\\\\"},
    {"/", "/"},
    {"\n", "\\n"},
    {"\t", "\\t"},
    {"\r", "\\r"},
    {"\b", "\\b"},
    {"\f", "\\f"},
    {std::string_view("\0", 1), "\\u0000"},
    {"\x01", "\\u0001"},
    {"\x1f", "\\u001f"},
    {" ", " "},
    {"\x7f", "\x7f"},
    {"\xC3\xA9", "\xC3\xA9"},                  // é
    {"\xC2\xA0", "\xC2\xA0"},                  // no-break space
    {"\xE2\x82\xAC", "\xE2\x82\xAC"},          // €
    {"\xEF\xBF\xBD", "\xEF\xBF\xBD"},          // U+FFFD itself
    {"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"},  // an emoji, 4 bytes
    {"\xFF", "\xEF\xBF\xBD"},
    {"\x80", "\xEF\xBF\xBD"},
    {"\xC3", "\xEF\xBF\xBD"},                                                  // a lead byte with no continuation
    {"\xE2\x82", "\xEF\xBF\xBD\xEF\xBF\xBD"},                                  // truncated
    {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},                                  // overlong
    {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},                  // a surrogate
    {"\xF4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // beyond U+10FFFF
    {"\xC3\xA9\"\xFF\n", "\xC3\xA9\\\"\xEF\xBF\xBD\\n"},
};

// A document whose only string of its own is `name`, the name of an entity.
parole::Result one_name(const std::string& name) {
  parole::Result r;
  parole::Entity e;
  e.name = name;
  e.type = "PERSON";
  r.entities.push_back(e);
  return r;
}

std::string written_name(const std::string& name) {
  const std::string json = parole::to_json(one_name(name));
  const std::string_view open = "\"name\":";
  const std::string_view close = ",\"type\":\"PERSON\"";
  const std::size_t start = json.find(open) + open.size();
  return json.substr(start, json.rfind(close) - start);
}

}  // namespace

TEST_CASE("strings are escaped the same wherever a special byte falls in the 4-, 8- and 16-byte blocks") {
  const std::string filler = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (const Escaped& e : kEscapes) {
    for (std::size_t before = 0; before <= 34; ++before) {
      for (std::size_t after : {0, 1, 2, 3, 5, 7, 8, 9, 15, 16, 17}) {
        const std::string raw = filler.substr(0, before) + std::string(e.raw) + filler.substr(0, after);
        const std::string expected =
            "\"" + filler.substr(0, before) + std::string(e.json) + filler.substr(0, after) + "\"";
        CAPTURE(raw);
        REQUIRE(written_name(raw) == expected);
      }
    }
  }
}

TEST_CASE("two special bytes in one string, at every pair of places up to 40 bytes") {
  const std::string filler(40, 'x');
  for (const Escaped& first : {kEscapes[1], kEscapes[14], kEscapes[19], kEscapes[18]}) {
    for (const Escaped& second : {kEscapes[4], kEscapes[16], kEscapes[21], kEscapes[2]}) {
      for (std::size_t i = 0; i <= 20; ++i) {
        for (std::size_t j = 0; j <= 20; ++j) {
          const std::string raw = filler.substr(0, i) + std::string(first.raw) + filler.substr(0, j) +
                                  std::string(second.raw) + filler.substr(0, 3);
          const std::string expected = "\"" + filler.substr(0, i) + std::string(first.json) + filler.substr(0, j) +
                                       std::string(second.json) + filler.substr(0, 3) + "\"";
          CAPTURE(raw);
          REQUIRE(written_name(raw) == expected);
        }
      }
    }
  }
}

TEST_CASE("long strings: over the writer's room, and over its scratch area") {
  for (std::size_t length : {255, 256, 257, 1023, 1024, 1025, 5000}) {
    std::string raw;
    std::string expected = "\"";
    for (std::size_t i = 0; raw.size() < length; ++i) {
      const Escaped& e = i % 37 == 36 ? kEscapes[1 + i % 26] : kEscapes[i % 5 == 4 ? 14 : 0];
      raw += e.raw;
      expected += e.json;
    }
    expected += "\"";
    CAPTURE(length);
    CHECK(written_name(raw) == expected);
    std::string plain(length, 'q');  // no byte to change at all
    CHECK(written_name(plain) == "\"" + plain + "\"");
  }
}

TEST_CASE("every string field goes through the same escaping") {
  parole::Result r = one_name("n\xFF");
  parole::Entity& e = r.entities[0];
  e.id = "i\"";
  e.type = "t\n";
  e.extra["k\x01"] = "\"v\xFF\"";  // not JSON (invalid UTF-8): echoed as a string
  parole::Mention m;
  m.text = "m\\";
  m.kind = "name\t";
  m.honorific = parole::Span{"h\xC3", 0, 1};
  m.title = parole::Span{"\x1f", 0, 1};
  e.mentions.push_back(m);
  parole::Quote q;
  q.text = "q\xE2\x82";
  q.kind = "direct\"";
  q.speaker = parole::Speaker{"s\xC0", "e\xFF", m, "v\r"};
  q.cue = parole::Span{"c\b", 2, 3};
  r.quotes.push_back(q);
  const std::string json = parole::to_json(r);
  const std::string_view fffd = "\xEF\xBF\xBD";
  for (const std::string& piece :
       {std::string("\"name\":\"n") + std::string(fffd) + "\"", std::string("\"id\":\"i\\\"\""),
        std::string("\"type\":\"t\\n\""), std::string("\"k\\u0001\":\"\\\"v") + std::string(fffd) + "\\\"\"",
        std::string("\"text\":\"m\\\\\""), std::string("\"kind\":\"name\\t\""),
        std::string("\"honorific\":{\"text\":\"h") + std::string(fffd) + "\"",
        std::string("\"title\":{\"text\":\"\\u001f\""),
        std::string("\"text\":\"q") + std::string(fffd) + std::string(fffd) + "\"",
        std::string("\"kind\":\"direct\\\"\""), std::string("\"name\":\"s") + std::string(fffd) + "\"",
        std::string("\"entity\":\"e") + std::string(fffd) + "\"", std::string("\"via\":\"v\\r\""),
        std::string("\"cue\":{\"text\":\"c\\b\"")}) {
    CAPTURE(piece);
    CHECK(json.find(piece) != std::string::npos);
  }
  CHECK(Json::parse(json).is_object());
  CHECK(Json::parse(parole::to_json(r, 2)) == Json::parse(json));
}

TEST_CASE("offsets and confidences are written as before") {
  const std::size_t kMax = std::numeric_limits<std::size_t>::max();
  for (std::size_t n :
       {std::size_t{0}, std::size_t{9}, std::size_t{10}, std::size_t{99}, std::size_t{100}, std::size_t{999},
        std::size_t{1000}, std::size_t{9999}, std::size_t{10000}, std::size_t{123456789}, kMax}) {
    parole::Result r;
    parole::Quote q;
    q.start = n;
    q.end = n;
    q.parent = n;
    r.quotes.push_back(q);
    const std::string digits = std::to_string(n);
    CHECK(parole::to_json(r).find("\"start\":" + digits + ",\"end\":" + digits + ",") != std::string::npos);
    CHECK(parole::to_json(r).find("\"parent\":" + digits + "}") != std::string::npos);
  }
  const std::pair<double, std::string_view> kConfidences[] = {
      {0.0, "0.0"},     {1.0, "1.0"},       {0.95, "0.95"},  {0.5, "0.5"},     {0.05, "0.05"},     {0.005, "0.005"},
      {0.955, "0.955"}, {0.9554, "0.955"},  {0.9996, "1.0"}, {12.34, "12.34"}, {1234.5, "1234.5"}, {-0.25, "-0.25"},
      {-0.0004, "0.0"}, {-2.005, "-2.005"}, {0.1, "0.1"},    {0.07, "0.07"},   {0.123, "0.123"},   {0.12, "0.12"},
  };
  for (const auto& row : kConfidences) {
    const double value = row.first;  // not a structured binding: CAPTURE's lambda may not capture one in C++17
    parole::Result r;
    parole::Quote q;
    q.confidence = value;
    r.quotes.push_back(q);
    CAPTURE(value);
    CHECK(parole::to_json(r).find(",\"confidence\":" + std::string(row.second) + ",") != std::string::npos);
  }
  // No extractor writes these; JSON has no number for them.
  for (double odd : {std::nan(""), std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                     1e300, -1e300, 1e15}) {
    parole::Result r;
    parole::Quote q;
    q.confidence = odd;
    r.quotes.push_back(q);
    CAPTURE(odd);
    CHECK(Json::parse(parole::to_json(r))["quotes"][0]["confidence"].is_null());
  }
}

TEST_CASE("json_string_bytes and skip_json_plain agree with a byte-by-byte look") {
  const std::string filler = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF";
  for (const Escaped& e : kEscapes) {
    for (std::size_t before = 0; before <= 33; ++before) {
      for (std::size_t after : {0, 1, 3, 4, 7, 8, 15, 16, 17}) {
        const std::string s = filler.substr(0, before) + std::string(e.raw) + filler.substr(0, after);
        bool escapes = false;
        bool non_ascii = false;
        std::size_t first_strict = s.size();  // first byte that is not printable ASCII but quote and backslash
        std::size_t first_utf8 = s.size();    // the same, bytes >= 0x80 allowed
        for (std::size_t i = s.size(); i-- > 0;) {
          const auto c = static_cast<unsigned char>(s[i]);
          const bool escaped = c < 0x20 || c == '"' || c == '\\';
          escapes = escapes || escaped;
          non_ascii = non_ascii || c >= 0x80;
          if (escaped || c >= 0x80) first_strict = i;
          if (escaped) first_utf8 = i;
        }
        CAPTURE(s);
        const parole::text::JsonStringBytes bytes = parole::text::json_string_bytes(s);
        CHECK(bytes.escapes == escapes);
        CHECK(bytes.non_ascii == non_ascii);
        if (s.size() <= 16) {
          CHECK(parole::text::json_short_string_bytes(s).escapes == escapes);
          CHECK(parole::text::json_short_string_bytes(s).non_ascii == non_ascii);
        }
        CHECK(parole::text::skip_json_plain(s, 0) == first_strict);
        CHECK(parole::text::skip_json_plain<true>(s, 0) == first_utf8);
      }
    }
  }
}
