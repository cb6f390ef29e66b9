#include "support.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "parole/parole.hpp"

using parole::Error;
using parole::Gazetteer;

namespace {

Error load_error(const std::string& data, Gazetteer::Format format, const std::string& source) {
  try {
    (void)Gazetteer::from_string(data, format, source);
  } catch (const Error& e) {
    return e;
  }
  FAIL("no error for: " << data);
  return Error(Error::Code::kIo, "unreachable");
}

}  // namespace

TEST_CASE("a JSON gazetteer loads every field and keeps unknown keys") {
  const Gazetteer g = Gazetteer::from_string(
      R"({"entities": [{"id": "d", "name": "Marie Dupont", "type": "PERSON", "aliases": ["Mme Dupont"],
                        "gender": "f", "roles": ["maire de Trévou"], "wikidata": "Q1", "party": {"x": 1}}]})",
      Gazetteer::Format::kJson, "people.json");
  REQUIRE(g.size() == 1);
  const parole::EntityRecord& r = g.records()[0];
  CHECK(r.name == "Marie Dupont");
  CHECK(r.gender == "f");
  CHECK(r.aliases == std::vector<std::string>{"Mme Dupont"});
  CHECK(r.roles == std::vector<std::string>{"maire de Trévou"});
  CHECK(r.extra.at("wikidata") == "\"Q1\"");
  CHECK(r.extra.at("party") == "{\"x\":1}");
}

TEST_CASE("gazetteer errors say what and where") {
  SUBCASE("syntax error: line and column") {
    const Error e = load_error("{\"entities\": [\n  {\"id\": \"a\",, }\n]}", Gazetteer::Format::kJson, "g.json");
    CHECK(e.code() == Error::Code::kJsonSyntax);
    CHECK(e.line() == 2);
    CHECK(e.column() > 1);
    CHECK(std::string(e.what()).find("g.json:2:") == 0);
  }
  SUBCASE("missing field: the line of the record") {
    const Error e = load_error(
        "{\"entities\": [\n {\"id\": \"a\", \"name\": \"A\", \"type\": \"ORG\"},\n {\"id\": \"b\", \"type\": "
        "\"ORG\"}\n]}",
        Gazetteer::Format::kJson, "g.json");
    CHECK(e.code() == Error::Code::kSchema);
    CHECK(e.line() == 3);
    CHECK(std::string(e.what()).find("\"name\"") != std::string::npos);
  }
  SUBCASE("duplicate id") {
    const Error e = load_error("a\tORG\tA\nb\tORG\tB\na\tORG\tC\n", Gazetteer::Format::kTsv, "g.tsv");
    CHECK(e.code() == Error::Code::kDuplicateId);
  }
  SUBCASE("empty alias") {
    const Error e = load_error("{\"id\":\"a\",\"name\":\"A\",\"type\":\"ORG\",\"aliases\":[\"\"]}\n",
                               Gazetteer::Format::kJsonLines, "g.jsonl");
    CHECK(e.code() == Error::Code::kSchema);
    CHECK(e.line() == 1);
  }
  SUBCASE("a 10 MB alias is refused, not loaded") {
    const std::string huge(10U << 20U, 'x');
    const Error e = load_error("a\tORG\tA\t" + huge + "\n", Gazetteer::Format::kTsv, "g.tsv");
    CHECK(e.code() == Error::Code::kTooLarge);
  }
  SUBCASE("bad JSON line: its line number") {
    const Error e = load_error("{\"id\":\"a\",\"name\":\"A\",\"type\":\"ORG\"}\n{oops}\n",
                               Gazetteer::Format::kJsonLines, "g.jsonl");
    CHECK(e.code() == Error::Code::kJsonSyntax);
    CHECK(e.line() == 2);
  }
  SUBCASE("TSV with the wrong number of columns") {
    const Error e = load_error("id\ttype\tname\taliases\na\tORG\n", Gazetteer::Format::kTsv, "g.tsv");
    CHECK(e.code() == Error::Code::kSchema);
    CHECK(e.line() == 2);
  }
  SUBCASE("wrong gender") {
    const Error e = load_error("{\"id\":\"a\",\"name\":\"A\",\"type\":\"PERSON\",\"gender\":\"x\"}\n",
                               Gazetteer::Format::kJsonLines, "g.jsonl");
    CHECK(e.code() == Error::Code::kSchema);
  }
  SUBCASE("unreadable file") { CHECK_THROWS_AS((void)Gazetteer::from_file("/nonexistent/g.json"), Error); }
  SUBCASE("a folder is not an empty gazetteer") {
    try {
      (void)Gazetteer::from_file(PAROLE_TEST_CORPUS_DIR);
      FAIL("a folder loaded");
    } catch (const Error& e) {
      CHECK(e.code() == Error::Code::kIo);
      CHECK(std::string(e.what()).find("folder") != std::string::npos);
    }
  }
}

TEST_CASE("TSV and JSON Lines formats, chosen by name") {
  const Gazetteer tsv =
      Gazetteer::from_string("id\ttype\tname\taliases\na\tORG\tAlpha\tAl|ALF\n", Gazetteer::Format::kAuto, "x.tsv");
  REQUIRE(tsv.size() == 1);
  CHECK(tsv.records()[0].aliases == std::vector<std::string>{"Al", "ALF"});
  const Gazetteer jsonl =
      Gazetteer::from_string("{\"id\":\"a\",\"name\":\"A\",\"type\":\"LOC\"}\n\n", Gazetteer::Format::kAuto, "x.jsonl");
  CHECK(jsonl.size() == 1);
}

TEST_CASE("the embedded default gazetteer holds the entities of a Russian-NATO dispatch") {
  const Gazetteer& g = Gazetteer::builtin();
  CHECK(g.size() > 1000);
  auto has = [&](const std::string& name) {
    for (const auto& r : g.records()) {
      if (r.name == name) return true;
    }
    return false;
  };
  for (const char* name : {"Sergueï Lavrov", "Jens Stoltenberg", "OTAN", "TASS", "Russie", "Moscou", "Belgique",
                           "Bruxelles", "New York", "AFP", "Reuters", "Organisation des Nations unies"}) {
    CAPTURE(name);
    CHECK(has(name));
  }
}

TEST_CASE("default gazetteer: a French region whose name is a common word, and no region named like a person") {
  // « Corse » is also the adjective « corse »: listed, it must be written with
  // its capital. « Paul » is a region of Cape Verde and a given name: not listed.
  const parole::Extractor extractor;
  const parole::Result r =
      extractor.extract("Le préfet de Corse est à Ajaccio. La charcuterie corse se vend bien. Paul est arrivé hier.");
  std::vector<std::string> places;
  for (const parole::Entity& e : r.entities) {
    if (e.type != "LOC") continue;
    for (const parole::Mention& m : e.mentions) places.push_back(m.text);
  }
  CHECK(std::count(places.begin(), places.end(), "Corse") == 1);
  CHECK(std::count(places.begin(), places.end(), "corse") == 0);
  CHECK(std::count(places.begin(), places.end(), "Paul") == 0);
}

TEST_CASE("default gazetteer: organisations by their French acronyms, linked to their French names") {
  const parole::Extractor extractor;
  const parole::Result r =
      extractor.extract("Le PNUD, l'OIT et la CEDEAO ont signé avec la BERD. Le pam et le bad ne sont pas cités.");
  std::vector<std::pair<std::string, std::string>> found;  // (mention, entity name)
  for (const parole::Entity& e : r.entities) {
    if (e.type != "ORG") continue;
    for (const parole::Mention& m : e.mentions) found.emplace_back(m.text, e.name);
  }
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"PNUD", "Programme des Nations unies pour le développement"},
      {"OIT", "Organisation internationale du travail"},
      {"CEDEAO", "communauté économique des États de l'Afrique de l'Ouest"},
      {"BERD", "Banque européenne pour la reconstruction et le développement"}};
  for (const auto& pair : expected) {
    CAPTURE(pair.first);
    CHECK(std::count(found.begin(), found.end(), pair) == 1);
  }
  CHECK(found.size() == expected.size());  // « pam », « bad »: acronyms only in capitals
}

TEST_CASE("default gazetteer: seats named like common words are places with their capital, other towns are not") {
  // Bordeaux, a regional seat, is also the wine « bordeaux »; Orange, a town
  // of 30 000 and no seat, is mostly the company in the news: left out.
  const parole::Extractor extractor;
  const parole::Result r = extractor.extract(
      "Le maire de Bordeaux a servi un bordeaux. Orange a relevé ses prix. Elle est partie pour Berne et Quimper.");
  std::vector<std::string> places;
  for (const parole::Entity& e : r.entities) {
    if (e.type != "LOC") continue;
    for (const parole::Mention& m : e.mentions) places.push_back(m.text);
  }
  for (const char* place : {"Bordeaux", "Berne", "Quimper"}) {
    CAPTURE(place);
    CHECK(std::count(places.begin(), places.end(), place) == 1);
  }
  CHECK(std::count(places.begin(), places.end(), "bordeaux") == 0);
  CHECK(std::count(places.begin(), places.end(), "Orange") == 0);
}
TEST_CASE("two user gazetteers may not define the same id") {
  parole::Gazetteer a, b;
  a.add(parole_test::record("x", "X", "ORG"));
  b.add(parole_test::record("x", "X", "ORG"));
  CHECK_THROWS_AS(parole::Extractor(parole::Options{}, {a, b}), Error);
}

TEST_CASE("an extractor given its gazetteers to keep finds what one given copies finds") {
  const std::vector<Gazetteer> lists = {
      Gazetteer::from_string("id\ttype\tname\taliases\nvb\tPERSON\tValérie Bertin\tV. Bertin\n",
                             Gazetteer::Format::kTsv, "people.tsv"),
      Gazetteer::from_string("id\ttype\tname\taliases\ncountry:fr\tLOC\tRépublique française\tFrance\n",
                             Gazetteer::Format::kTsv, "override.tsv")};
  const std::string text = "« Nous tiendrons », a déclaré V. Bertin en France.";
  const parole::Extractor copying(parole::Options{}, lists);
  std::vector<Gazetteer> given = lists;
  const parole::Extractor keeping(parole::Options{}, std::move(given));
  CHECK(parole::to_json(keeping.extract(text)) == parole::to_json(copying.extract(text)));
  const parole::Result r = keeping.extract(text);
  REQUIRE(r.quotes.size() == 1);
  REQUIRE(r.quotes[0].speaker);
  CHECK(r.quotes[0].speaker->entity == "vb");
  std::vector<std::string> ids;
  for (const parole::Entity& e : r.entities) ids.push_back(e.id);
  CHECK(ids == std::vector<std::string>{"vb", "country:fr"});
}

TEST_CASE("a duplicate id is reported with both places: file and entity, or the gazetteer built in code") {
  const Gazetteer first =
      Gazetteer::from_string("id\ttype\tname\naa\tORG\tA\nbb\tORG\tB\n", Gazetteer::Format::kTsv, "first.tsv");
  const Gazetteer second =
      Gazetteer::from_string("id\ttype\tname\ncc\tORG\tC\nbb\tORG\tB2\n", Gazetteer::Format::kTsv, "second.tsv");
  CHECK(first.source() == "first.tsv");
  try {
    parole::Extractor extractor(parole::Options{}, {first, second});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == Error::Code::kDuplicateId);
    CHECK(e.source() == "second.tsv");
    CHECK(std::string(e.what()) == "second.tsv: entity 2: id \"bb\" is already defined (first.tsv, entity 2)");
  }
  Gazetteer in_code;
  in_code.add(parole_test::record("aa", "A again", "ORG"));
  try {
    parole::Extractor extractor(parole::Options{}, {in_code, first});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) ==
          "first.tsv: entity 1: id \"aa\" is already defined (gazetteer 1 (built in code), entity 1)");
  }
}

TEST_CASE("a number too large for the parser is a JSON error, not a crash") {
  CHECK(load_error("{\"entities\": [{\"id\": \"a\", \"name\": \"A\", \"type\": \"ORG\", \"x\": 1e999}]}",
                   Gazetteer::Format::kJson, "g.json")
            .code() == Error::Code::kJsonSyntax);
  const Error e = load_error("{\"id\": \"a\", \"name\": \"A\", \"type\": \"ORG\", \"x\": -1e999}\n",
                             Gazetteer::Format::kJsonLines, "g.jsonl");
  CHECK(e.code() == Error::Code::kJsonSyntax);
  CHECK(e.line() == 1);
}

TEST_CASE("an extra field nested deeper than 256 levels is refused, not a stack overflow") {
  std::string deep = "{\"id\":\"a\",\"name\":\"A\",\"type\":\"ORG\",\"x\":";
  for (int i = 0; i < 100000; ++i) deep += "[";
  for (int i = 0; i < 100000; ++i) deep += "]";
  deep += "}\n";
  const Error e = load_error(deep, Gazetteer::Format::kJsonLines, "g.jsonl");
  CHECK(e.code() == Error::Code::kSchema);
  CHECK(e.line() == 1);
}

namespace {

// Line and column of a byte offset, counted independently of the loader.
std::pair<std::size_t, std::size_t> line_column(const std::string& data, std::size_t offset) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < data.size(); ++i) {
    if (data[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

// The error's line and column are those of its offset, and the offset is the first occurrence of `at` after `from`.
void check_points_at(const Error& e, const std::string& data, const std::string& at, std::size_t from = 0) {
  const std::size_t expected = data.find(at, from);
  REQUIRE(expected != std::string::npos);
  CHECK(e.offset() == expected);
  const auto [line, column] = line_column(data, e.offset());
  CHECK(e.line() == line);
  CHECK(e.column() == column);
}

}  // namespace

TEST_CASE("TSV fields: every field is checked, and the error points at the bad byte") {
  SUBCASE("invalid UTF-8 in the id") {
    const std::string data = "a\tORG\tA\nb\xff\tORG\tB\n";
    const Error e = load_error(data, Gazetteer::Format::kTsv, "g.tsv");
    CHECK(e.code() == Error::Code::kEncoding);
    CHECK(std::string(e.what()).find("id") != std::string::npos);
    check_points_at(e, data, "\xff");
  }
  SUBCASE("invalid UTF-8 in the type") {
    const std::string data = "a\tO\xc3RG\tA\n";
    const Error e = load_error(data, Gazetteer::Format::kTsv, "g.tsv");
    CHECK(e.code() == Error::Code::kEncoding);
    check_points_at(e, data, "\xc3");
  }
  SUBCASE("a NUL byte inside a name") {
    const std::string data = std::string("a\tORG\tAl\0pha\n", 13);
    const Error e = load_error(data, Gazetteer::Format::kTsv, "g.tsv");
    CHECK(e.code() == Error::Code::kSchema);
    CHECK(std::string(e.what()).find("U+0000") != std::string::npos);
    check_points_at(e, data, std::string(1, '\0'));
  }
  SUBCASE("a control character inside an alias") {
    const std::string data = "a\tORG\tAlpha\tAl|B\x01ta\n";
    const Error e = load_error(data, Gazetteer::Format::kTsv, "g.tsv");
    CHECK(std::string(e.what()).find("alias 2") != std::string::npos);
    check_points_at(e, data, "\x01");
  }
  SUBCASE("an empty alias between two bars") {
    const std::string data = "id\ttype\tname\taliases\na\tORG\tAlpha\tAl||Alf\n";
    const Error e = load_error(data, Gazetteer::Format::kTsv, "g.tsv");
    CHECK(e.code() == Error::Code::kSchema);
    CHECK(std::string(e.what()).find("empty alias 2") != std::string::npos);
    check_points_at(e, data, "|Alf");
  }
  SUBCASE("an empty type") {
    const std::string data = "a\t\tAlpha\n";
    const Error e = load_error(data, Gazetteer::Format::kTsv, "g.tsv");
    CHECK(e.code() == Error::Code::kSchema);
    check_points_at(e, data, "\tAlpha");
  }
}

TEST_CASE("a TSV file with a byte-order mark keeps its header a header") {
  const Gazetteer g = Gazetteer::from_string("\xEF\xBB\xBFid\ttype\tname\taliases\r\na\tORG\tAlpha\tAl\r\n",
                                             Gazetteer::Format::kTsv, "g.tsv");
  REQUIRE(g.size() == 1);
  CHECK(g.records()[0].id == "a");
  const std::string data = "\xEF\xBB\xBF\tORG\tAlpha\n";
  const Error e = load_error(data, Gazetteer::Format::kTsv, "g.tsv");
  CHECK(e.code() == Error::Code::kSchema);
  CHECK(e.offset() == 3);
  CHECK(e.column() == 4);
}

TEST_CASE("a key given twice is an error with both places, not the last one silently") {
  SUBCASE("two \"entities\" lists") {
    const std::string data =
        "{\"entities\": [{\"id\": \"a\", \"name\": \"A\", \"type\": \"ORG\"}],\n \"entities\": []}";
    const Error e = load_error(data, Gazetteer::Format::kJson, "g.json");
    CHECK(e.code() == Error::Code::kSchema);
    CHECK(std::string(e.what()).find("duplicate key \"entities\"") != std::string::npos);
    CHECK(std::string(e.what()).find("first at line 1, column 2") != std::string::npos);
    check_points_at(e, data, "\"entities\"", 2);
  }
  SUBCASE("the same key spelled with an escape") {
    const std::string data = "{\"entities\": [], \"entit\\u0069es\": []}";
    const Error e = load_error(data, Gazetteer::Format::kJson, "g.json");
    CHECK(e.code() == Error::Code::kSchema);
    check_points_at(e, data, "\"entit\\u0069es\"");
  }
  SUBCASE("two ids in one JSON Lines record") {
    const std::string data =
        "{\"id\": \"a\", \"name\": \"A\", \"type\": \"ORG\"}\n{\"id\": \"b\", \"name\": \"B\", \"type\": \"ORG\", "
        "\"id\": \"c\"}\n";
    const Error e = load_error(data, Gazetteer::Format::kJsonLines, "g.jsonl");
    CHECK(e.code() == Error::Code::kSchema);
    CHECK(e.line() == 2);
    check_points_at(e, data, "\"id\": \"c\"");
  }
  SUBCASE("a repeated key deep inside an extra field") {
    const std::string data =
        "{\"entities\": [{\"id\": \"a\", \"name\": \"A\", \"type\": \"ORG\", \"x\": [{\"k\": 1,\n \"k\": 2}]}]}";
    const Error e = load_error(data, Gazetteer::Format::kJson, "g.json");
    CHECK(e.line() == 2);
    check_points_at(e, data, "\"k\": 2");
  }
  SUBCASE("equal keys in different objects are fine") {
    const Gazetteer g = Gazetteer::from_string(
        "{\"entities\": [{\"id\": \"a\", \"name\": \"A\", \"type\": \"ORG\", \"x\": {\"id\": 1}},\n"
        " {\"id\": \"b\", \"name\": \"B\", \"type\": \"ORG\", \"x\": {\"id\": 1}}]}",
        Gazetteer::Format::kJson, "g.json");
    CHECK(g.size() == 2);
  }
}

TEST_CASE("a duplicate id names the file, line and column of its second definition") {
  SUBCASE("TSV") {
    const std::string data = "a\tORG\tA\nb\tORG\tB\na\tORG\tC\n";
    const Error e = load_error(data, Gazetteer::Format::kTsv, "g.tsv");
    CHECK(e.code() == Error::Code::kDuplicateId);
    CHECK(e.source() == "g.tsv");
    CHECK(e.line() == 3);
    CHECK(e.column() == 1);
    CHECK(e.offset() == 16);
    CHECK(std::string(e.what()).find("g.tsv:3:1: duplicate entity id \"a\" (first defined at line 1, column 1)") == 0);
  }
  SUBCASE("JSON Lines") {
    const std::string data =
        "{\"id\": \"a\", \"name\": \"A\", \"type\": \"ORG\"}\n\n{\"name\": \"B\", \"id\": \"a\", \"type\": \"ORG\"}\n";
    const Error e = load_error(data, Gazetteer::Format::kJsonLines, "g.jsonl");
    CHECK(e.code() == Error::Code::kDuplicateId);
    CHECK(e.line() == 3);
    check_points_at(e, data, "\"a\"", data.find("\"name\": \"B\""));
  }
  SUBCASE("JSON") {
    const std::string data =
        "{\"entities\": [\n  {\"id\": \"a\", \"name\": \"A\", \"type\": \"ORG\"},\n  {\"id\": \"b\", \"name\": "
        "\"B\", \"type\": \"ORG\"},\n  {\"type\": \"ORG\", \"id\": \"a\", \"name\": \"C\"}\n]}";
    const Error e = load_error(data, Gazetteer::Format::kJson, "g.json");
    CHECK(e.code() == Error::Code::kDuplicateId);
    CHECK(e.line() == 4);
    CHECK(std::string(e.what()).find("first defined at line 2") != std::string::npos);
    check_points_at(e, data, "\"a\"", data.find("{\"type\""));
  }
}

TEST_CASE("missing fields and wrong types: a positioned schema error at the field") {
  const std::string head = "{\"entities\": [{\"id\": \"a\", \"name\": \"A\", \"type\": \"ORG\"},\n {";
  struct Case {
    const char* record;
    const char* points_at;  // nullptr: the record
    const char* says;
  };
  const Case cases[] = {
      {R"("name": "B", "type": "ORG")", nullptr, "missing required field \"id\""},
      {R"("id": "b", "type": "ORG")", nullptr, "missing required field \"name\""},
      {R"("id": "b", "name": "B")", nullptr, "missing required field \"type\""},
      {R"("id": 7, "name": "B", "type": "ORG")", "7", "\"id\" must be a string, not number"},
      {R"("id": "b", "name": null, "type": "ORG")", nullptr, "missing required field \"name\""},
      {R"("id": "b", "name": ["B"], "type": "ORG")", "[\"B\"]", "must be a string, not array"},
      {R"("id": "b", "name": "B", "type": "ORG", "aliases": "Bee")", "\"Bee\"", "must be an array of strings"},
      {R"("id": "b", "name": "B", "type": "ORG", "aliases": ["Bee", 2])", "2]", "must hold only strings, not number"},
      {R"("id": "b", "name": "B", "type": "ORG", "roles": {"r": 1})", "{\"r\"", "must be an array of strings"},
      {R"("id": "b", "name": "B", "type": "ORG", "gender": 1)", "1}", "\"gender\" must be a string"},
      {R"("id": "b", "name": "B", "type": "ORG", "gender": "x")", "\"x\"", "\"m\" or \"f\""},
      {R"("id": "b", "name": "B", "type": "ORG", "aliases": ["Bee", ""])", "\"\"]", "empty alias 2"},
      {R"("id": "b", "name": "B", "type": "ORG", "aliases": [" \t"])", "\" \\t\"", "empty alias 1"},
      {R"("id": "b", "name": "B\u0000", "type": "ORG")", "\"B\\u", "control character U+0000"},
      {R"("id": "b", "name": "B", "type": "ORG", "roles": ["r\nr"])", "\"r\\n", "role 1 contains the control"},
      {R"("id": "b", "name": "B", "type": " ")", "\" \"", "empty type"},
  };
  for (const Case& c : cases) {
    const std::string data = head + c.record + "}\n]}";
    CAPTURE(data);
    const Error e = load_error(data, Gazetteer::Format::kJson, "g.json");
    CHECK(e.code() != Error::Code::kJsonSyntax);
    CHECK(std::string(e.what()).find("entities[1]: ") != std::string::npos);
    CHECK(std::string(e.what()).find(c.says) != std::string::npos);
    CHECK(e.source() == "g.json");
    check_points_at(e, data, c.points_at != nullptr ? c.points_at : "{", head.size() - 1);
  }
}

TEST_CASE("the same checks in JSON Lines, positioned in the file") {
  const std::string data =
      "{\"id\": \"a\", \"name\": \"A\", \"type\": \"ORG\"}\r\n{\"id\": \"b\", \"name\": \"B\", \"type\": \"ORG\", "
      "\"aliases\": [\"Bee\", \"\"]}\r\n";
  const Error e = load_error(data, Gazetteer::Format::kJsonLines, "g.jsonl");
  CHECK(e.code() == Error::Code::kSchema);
  CHECK(e.line() == 2);
  check_points_at(e, data, "\"\"]");
}

TEST_CASE("an alias of 10 MB is refused with its position in every format") {
  const std::string huge(10U << 20U, 'x');
  const std::string json =
      "{\"entities\": [{\"id\": \"a\", \"name\": \"A\", \"type\": \"ORG\",\n \"aliases\": [\"" + huge + "\"]}]}";
  const Error e = load_error(json, Gazetteer::Format::kJson, "g.json");
  CHECK(e.code() == Error::Code::kTooLarge);
  CHECK(e.line() == 2);
  check_points_at(e, json, "\"xxx");
  const std::string tsv = "a\tORG\tA\tAl|" + huge + "\n";
  const Error t = load_error(tsv, Gazetteer::Format::kTsv, "g.tsv");
  CHECK(t.code() == Error::Code::kTooLarge);
  CHECK(t.offset() == 11);
}

TEST_CASE("the shape of a JSON document: positioned errors") {
  SUBCASE("\"entities\" not an array") {
    const std::string data = "{\"entities\":\n {\"id\": \"a\"}}";
    const Error e = load_error(data, Gazetteer::Format::kJson, "g.json");
    CHECK(e.code() == Error::Code::kSchema);
    check_points_at(e, data, "{\"id\"");
  }
  SUBCASE("an element that is not an object") {
    const std::string data = "{\"entities\": [\n  {\"id\": \"a\", \"name\": \"A\", \"type\": \"ORG\"},\n  \"b\"]}";
    const Error e = load_error(data, Gazetteer::Format::kJson, "g.json");
    CHECK(std::string(e.what()).find("entities[1]: an entity must be a JSON object, not string") != std::string::npos);
    check_points_at(e, data, "\"b\"");
  }
  SUBCASE("no \"entities\" at all") {
    const std::string data = "\n  [1, 2]";
    const Error e = load_error(data, Gazetteer::Format::kJson, "g.json");
    CHECK(e.code() == Error::Code::kSchema);
    check_points_at(e, data, "[");
  }
}

// The loader reads valid JSON records straight from the text, and leaves
// everything else to nlohmann::json and the positioned checks: both ways
// must read the same records (debug builds compare them on every load).
TEST_CASE("JSON records with escapes, nulls, extra fields of every kind and a byte-order mark") {
  const std::string line =
      "{\"\\u0069d\": \"a\\u00e9\", \"name\": \"Caf\\u00e9 \\\"X\\\"\", \"type\": \"ORG\", \"aliases\": [\"A\\/B\", "
      "\"\\ud83d\\ude00\"], \"gender\": null, \"roles\": null, \"n\": 1.50, \"s\": \"t\\n\", \"o\": {\"b\": [1, true, "
      "null], \"a\": -0}, \"p\": \"pl/ain\", \"z\": null}";
  auto check = [](const Gazetteer& g) {
    REQUIRE(g.size() == 1);
    const parole::EntityRecord& r = g.records()[0];
    CHECK(r.id == "a\xC3\xA9");
    CHECK(r.name == "Caf\xC3\xA9 \"X\"");
    CHECK(r.type == "ORG");
    CHECK(r.aliases == std::vector<std::string>{"A/B", "\xF0\x9F\x98\x80"});
    CHECK(r.gender.empty());
    CHECK(r.roles.empty());
    CHECK(r.extra == std::map<std::string, std::string>{{"n", "1.5"},
                                                        {"o", "{\"a\":0,\"b\":[1,true,null]}"},
                                                        {"p", "\"pl/ain\""},
                                                        {"s", "\"t\\n\""},
                                                        {"z", "null"}});
  };
  check(Gazetteer::from_string("\xEF\xBB\xBF" + line + "\r\n", Gazetteer::Format::kJsonLines, "g.jsonl"));
  check(Gazetteer::from_string("\xEF\xBB\xBF {\"version\": {\"x\": [1, {\"y\": \"\\u00e9\"}]},\n \"entities\": [" +
                                   line + "],\n \"meta\": -1e3 }\n",
                               Gazetteer::Format::kJson, "g.json"));
}

TEST_CASE("JSON Lines: records read quickly, then an error still positioned in the file") {
  const std::string good = "{\"id\": \"a\", \"name\": \"A\", \"type\": \"ORG\", \"x\": {\"k\": [1]}}\n";
  SUBCASE("a repeated key inside an extra field") {
    const std::string data =
        good + "{\"id\": \"b\", \"name\": \"B\", \"type\": \"ORG\", \"x\": {\"k\": 1, \"k\": 2}}\n";
    const Error e = load_error(data, Gazetteer::Format::kJsonLines, "g.jsonl");
    CHECK(e.code() == Error::Code::kSchema);
    CHECK(e.line() == 2);
    check_points_at(e, data, "\"k\": 2");
  }
  SUBCASE("a lone low surrogate") {
    const std::string data = good + "{\"id\": \"b\", \"name\": \"B\\udc00\", \"type\": \"ORG\"}\n";
    const Error e = load_error(data, Gazetteer::Format::kJsonLines, "g.jsonl");
    CHECK(e.code() == Error::Code::kJsonSyntax);
    CHECK(e.line() == 2);
  }
  SUBCASE("invalid UTF-8 in a string") {
    const std::string data = good + "{\"id\": \"b\", \"name\": \"B\xC3\", \"type\": \"ORG\"}\n";
    const Error e = load_error(data, Gazetteer::Format::kJsonLines, "g.jsonl");
    CHECK(e.code() == Error::Code::kJsonSyntax);
    CHECK(e.line() == 2);
  }
  SUBCASE("something after the record") {
    const Error e =
        load_error(good + good.substr(0, good.size() - 1) + " x\n", Gazetteer::Format::kJsonLines, "g.jsonl");
    CHECK(e.code() == Error::Code::kJsonSyntax);
    CHECK(e.line() == 2);
  }
}

TEST_CASE("a JSON document: records read quickly, then an error after them") {
  const std::string data = "{\"entities\": [{\"id\": \"a\", \"name\": \"A\", \"type\": \"ORG\"}],\n \"x\": tru}";
  const Error e = load_error(data, Gazetteer::Format::kJson, "g.json");
  CHECK(e.code() == Error::Code::kJsonSyntax);
  CHECK(e.line() == 2);
}

TEST_CASE("an extra field's value read as it stands in its record, not alone") {
  // nlohmann::json would read « 1e99 » followed by NUL bytes, or a byte-order
  // mark and « 1 », as a whole value on its own: in a record, both are errors.
  const std::string nul = "{\"entities\": [{\"id\": \"a\", \"name\": \"A\", \"type\": \"ORG\", \"score\": 1e99" +
                          std::string(3, '\0') + "9}]}";
  CHECK(load_error(nul, Gazetteer::Format::kJson, "g.json").code() == Error::Code::kJsonSyntax);
  const std::string bom =
      "{\"id\": \"a\", \"name\": \"A\", \"type\": \"ORG\", \"x\": \xEF\xBB\xBF"
      "1}\n";
  const Error e = load_error(bom, Gazetteer::Format::kJsonLines, "g.jsonl");
  CHECK(e.code() == Error::Code::kJsonSyntax);
  CHECK(e.line() == 1);
  // After a record, a NUL byte ends what nlohmann::json reads: the record loads.
  const std::string tail = "{\"id\": \"a\", \"name\": \"A\", \"type\": \"ORG\"}" + std::string(1, '\0') + "x\n";
  CHECK(Gazetteer::from_string(tail, Gazetteer::Format::kJsonLines, "g.jsonl").size() == 1);
}

namespace {

// The first mention of the entity `chosen` whose text is exactly `text`.
const parole::Mention* mention_of(const parole::Result& r, const std::string& chosen, const std::string& text) {
  for (const parole::Entity& e : r.entities) {
    if (e.id != chosen) continue;
    for (const parole::Mention& m : e.mentions) {
      if (m.text == text) return &m;
    }
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a name shared by several entities: the document, then the context, then the first listed") {
  // Listed first: the city; then a person and an organisation that share its name.
  const Gazetteer g = Gazetteer::from_string(
      R"({"id": "loc:paris", "name": "Paris", "type": "LOC"}
{"id": "person:paris-hilton", "name": "Paris Hilton", "type": "PERSON", "aliases": ["Paris"]}
{"id": "org:psg", "name": "Paris Saint-Germain", "type": "ORG", "aliases": ["Paris"]}
{"id": "loc:jordanie", "name": "Jordanie", "type": "LOC"})",
      Gazetteer::Format::kJsonLines, "shared.jsonl");
  parole::Options no_default;
  no_default.use_default_gazetteer = false;
  const parole::Extractor ex(no_default, {g});
  struct Row {
    const char* text;
    const char* chosen;       // the entity the lone « Paris » goes to
    const char* resolved_by;  // and why
  };
  const Row rows[] = {
      {"Il est arrivé à Paris hier.", "loc:paris", "context"},
      {"Elle vit en Jordanie, pas dans Paris.", "loc:paris", "context"},
      {"Mme Paris a répondu.", "person:paris-hilton", "context"},
      {"Selon le club Paris, rien n'est fait.", "org:psg", "context"},
      {"Paris Hilton est venue. Paris a souri.", "person:paris-hilton", "document"},
      {"Le Paris Saint-Germain a gagné. Paris a fêté.", "org:psg", "document"},
      // The document outweighs the context: two mentions of the club.
      {"Paris Saint-Germain et Paris Saint-Germain encore ; à Paris, la fête.", "org:psg", "document"},
      {"Paris a répondu.", "loc:paris", "first-listed"},
      // « face à » ends in « à » but makes no place: nothing tells them apart.
      {"Elle a perdu face à Paris.", "loc:paris", "first-listed"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    const parole::Result r = ex.extract(row.text);
    const parole::Mention* m = mention_of(r, row.chosen, "Paris");
    REQUIRE(m != nullptr);
    CHECK(m->resolved_by == row.resolved_by);
    REQUIRE(m->candidates.size() == 3);
    CHECK(m->candidates.front() == row.chosen);
    // The chosen entity's mention carries every candidate once.
    for (const char* id : {"loc:paris", "person:paris-hilton", "org:psg"}) {
      CHECK(std::count(m->candidates.begin(), m->candidates.end(), id) == 1);
    }
  }
  // A name only one entity has reports no candidates; in JSON, neither field.
  const parole::Result r = ex.extract("Elle vit en Jordanie.");
  const parole::Mention* m = mention_of(r, "loc:jordanie", "Jordanie");
  REQUIRE(m != nullptr);
  CHECK(m->candidates.empty());
  CHECK(m->resolved_by.empty());
  CHECK(parole::to_json(r).find("candidates") == std::string::npos);
  CHECK(parole::to_json(ex.extract("Paris a répondu."))
            .find(R"("candidates":["loc:paris","person:paris-hilton","org:psg"],"resolved_by":"first-listed")") !=
        std::string::npos);
}
