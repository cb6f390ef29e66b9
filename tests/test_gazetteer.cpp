#include "support.hpp"

#include <string>

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

TEST_CASE("two user gazetteers may not define the same id") {
  parole::Gazetteer a, b;
  parole::EntityRecord r;
  r.id = "x";
  r.name = "X";
  r.type = "ORG";
  a.add(r);
  b.add(r);
  CHECK_THROWS_AS(parole::Extractor(parole::Options{}, {a, b}), Error);
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
