// The compiled gazetteer (save_compiled / from_file) and matching with one
// matcher per gazetteer: same results as the source files, and every damaged
// file refused with a positioned error.
#include "support.hpp"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "entities/compiled.hpp"
#include "entities/matcher.hpp"
#include "parole/parole.hpp"
#include "text/tokens.hpp"

using namespace parole;

namespace {

EntityRecord entity(const std::string& id, const std::string& name, std::vector<std::string> aliases = {},
                    const std::string& type = "PERSON") {
  EntityRecord r;
  r.id = id;
  r.name = name;
  r.type = type;
  r.aliases = std::move(aliases);
  return r;
}

Gazetteer sample() {
  Gazetteer g;
  EntityRecord dupont = entity("dupont", "Claire Dupont", {"Dupont", "C. Dupont"});
  dupont.gender = "f";
  dupont.roles = {"maire de Lyonnaz"};
  dupont.extra["wikidata"] = "\"Q0\"";
  dupont.extra["parti"] = "{\"nom\": \"Les Verts\", \"depuis\": 2001}";
  g.add(dupont);
  g.add(entity("union", "Union des dockers", {"UDD"}, "ORG"));
  g.add(entity("lyonnaz", "Lyonnaz", {}, "LOC"));
  return g;
}

std::string temp_path(const char* name) { return std::string("/tmp/parole-test-") + name; }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

Error::Code load_error(const std::string& bytes, std::size_t* offset = nullptr) {
  try {
    Gazetteer::from_string(bytes, Gazetteer::Format::kAuto, "damaged.parolegz");
  } catch (const Error& e) {
    if (offset != nullptr) *offset = e.offset();
    CHECK(e.source() == "damaged.parolegz");
    return e.code();
  }
  FAIL("a damaged compiled gazetteer was accepted");
  return Error::Code::kIo;
}

}  // namespace

TEST_CASE("a compiled gazetteer gives back every record and the same results") {
  const Gazetteer source = sample();
  const std::string path = temp_path("sample.parolegz");
  source.save_compiled(path);
  const Gazetteer loaded = Gazetteer::from_file(path);  // recognised by its header, whatever the name
  REQUIRE(loaded.size() == source.size());
  for (std::size_t i = 0; i < source.size(); ++i) {
    const EntityRecord& a = source.records()[i];
    const EntityRecord& b = loaded.records()[i];
    CHECK(a.id == b.id);
    CHECK(a.name == b.name);
    CHECK(a.type == b.type);
    CHECK(a.aliases == b.aliases);
    CHECK(a.gender == b.gender);
    CHECK(a.roles == b.roles);
    CHECK(a.extra == b.extra);
  }
  const std::string text =
      "« Le port restera ouvert », a déclaré Claire Dupont, maire de Lyonnaz. L’UDD n’a pas réagi. Selon "
      "Mme Dupont, « rien n’est joué ».";
  for (const bool with_default : {false, true}) {
    Options options;
    options.use_default_gazetteer = with_default;
    const std::string expected = to_json(Extractor(options, {source}).extract(text));
    CHECK(to_json(Extractor(options, {loaded}).extract(text)) == expected);
    // Records added after loading: the tables no longer cover them and are rebuilt.
    Gazetteer grown = loaded;
    grown.add(entity("port", "Port de Lyonnaz", {}, "LOC"));
    Gazetteer grown_source = source;
    grown_source.add(entity("port", "Port de Lyonnaz", {}, "LOC"));
    CHECK(to_json(Extractor(options, {grown}).extract(text)) ==
          to_json(Extractor(options, {grown_source}).extract(text)));
  }
  std::remove(path.c_str());
}

TEST_CASE("damaged compiled gazetteers are refused with a positioned error") {
  const std::string path = temp_path("damaged.parolegz");
  sample().save_compiled(path);
  const std::string good = read_file(path);
  REQUIRE(good.size() > 64);
  std::remove(path.c_str());

  std::size_t offset = 0;
  std::string flipped = good;
  flipped[good.size() / 2] = static_cast<char>(flipped[good.size() / 2] ^ 0x20);
  CHECK(load_error(flipped) == Error::Code::kSchema);  // checksum

  CHECK(load_error(good.substr(0, good.size() - 8)) == Error::Code::kSchema);  // cut short
  CHECK(load_error(good.substr(0, 20), &offset) == Error::Code::kSchema);      // header cut short
  CHECK(offset <= 20);

  std::string other_version = good;
  other_version[8] = 9;
  CHECK(load_error(other_version, &offset) == Error::Code::kSchema);
  CHECK(offset == 12);  // just after the version field

  std::string other_order = good;
  std::swap(other_order[12], other_order[15]);
  CHECK(load_error(other_order) == Error::Code::kSchema);

  CHECK(load_error(good + "extra bytes") == Error::Code::kSchema);

  // Format kCompiled forced on a JSON gazetteer.
  CHECK_THROWS_AS(Gazetteer::from_string("{\"entities\": []}", Gazetteer::Format::kCompiled, "g.json"), Error);
}

TEST_CASE("tables that pass the checksum but point out of range are refused") {
  const std::vector<EntityRecord> records = sample().records();
  const entities::Matcher good(records);
  struct Row {
    const char* what;
    void (*damage)(entities::Matcher::Tables&);
  };
  const Row rows[] = {
      {"entity index past the records", [](entities::Matcher::Tables& t) { t.ends.back().entity = 1000; }},
      {"edge to a node that does not exist",
       [](entities::Matcher::Tables& t) {
         for (std::size_t i = 0; i < t.edge_keys.size(); ++i) {
           if (t.edge_keys[i] != 0) t.edge_children[i] = 1U << 30U;
         }
       }},
      {"token offset past the text", [](entities::Matcher::Tables& t) { t.token_offsets.back() = 1U << 30U; }},
      {"slot table not a power of two",
       [](entities::Matcher::Tables& t) {
         t.token_slots.push_back({0, 0, 0});
       }},
      {"root edges of the wrong size", [](entities::Matcher::Tables& t) { t.root_children.pop_back(); }},
      {"lower-case starter past the tokens",
       [](entities::Matcher::Tables& t) {
         t.lower_start_ids.push_back(static_cast<std::uint32_t>(t.token_offsets.size() + 1));
       }},
      {"no empty edge slot (endless probe)",
       [](entities::Matcher::Tables& t) {
         for (std::uint64_t& key : t.edge_keys) {
           if (key == 0) key = (std::uint64_t{0} << 32U) | 1U;
         }
       }},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    entities::Matcher::Tables tables = good.tables();
    row.damage(tables);
    const std::string bytes = entities::serialize(records, entities::Matcher(std::move(tables)));
    CHECK(load_error(bytes) == Error::Code::kSchema);
  }
}

TEST_CASE("the matcher's filters only spare look-ups: without them it finds the same") {
  const std::vector<EntityRecord> records = sample().records();
  const entities::Matcher good(records);
  entities::Matcher::Tables tables = good.tables();
  tables.lower_start_filter.clear();
  tables.capital_start_filter.pop_back();
  tables.edge_filter.pop_back();  // no longer a power of two
  const entities::Matcher unfiltered(std::move(tables));
  const text::Tokens toks("Claire Dupont, maire de Lyonnaz, et l’UDD (Union des dockers) ; C. Dupont à LYONNAZ.");
  const std::vector<entities::NameMatch> expected = good.find(toks);
  const std::vector<entities::NameMatch> found = unfiltered.find(toks);
  REQUIRE(found.size() == expected.size());
  CHECK(!found.empty());
  for (std::size_t i = 0; i < found.size(); ++i) {
    CHECK(found[i].first == expected[i].first);
    CHECK(found[i].last == expected[i].last);
    CHECK(found[i].candidates == expected[i].candidates);
  }
}

TEST_CASE("one matcher per gazetteer finds what one matcher over all the forms finds") {
  // Forms that overlap across the two lists: the longest wins wherever it comes from,
  // equal spans pool their candidates.
  const std::vector<EntityRecord> first = {entity("a", "Banque de Lyonnaz"), entity("b", "Lyonnaz"),
                                           entity("c", "Paul Durand")};
  const std::vector<EntityRecord> second = {entity("d", "Banque de Lyonnaz du Sud"), entity("e", "Lyonnaz"),
                                            entity("f", "Durand"), entity("g", "de Lyonnaz")};
  std::vector<EntityRecord> both = first;
  both.insert(both.end(), second.begin(), second.end());
  const entities::Matcher one(both);
  const entities::Matcher m1(first);
  const entities::Matcher m2(second);
  for (const char* text : {"La Banque de Lyonnaz du Sud et Paul Durand, à Lyonnaz.", "Banque de Lyonnaz de Lyonnaz",
                           "Durand Paul Durand Banque de Lyonnaz du Nord", "de Lyonnaz du Sud"}) {
    CAPTURE(text);
    const text::Tokens toks(text);
    std::vector<entities::NameMatch> merged = m1.longest_per_start(toks, nullptr);
    for (entities::NameMatch& m : m2.longest_per_start(toks, nullptr)) {
      for (std::uint32_t& c : m.candidates) c += static_cast<std::uint32_t>(first.size());
      merged.push_back(m);
    }
    merged = entities::leftmost_longest(std::move(merged));
    const std::vector<entities::NameMatch> expected = one.find(toks);
    REQUIRE(merged.size() == expected.size());
    for (std::size_t i = 0; i < merged.size(); ++i) {
      CHECK(merged[i].first == expected[i].first);
      CHECK(merged[i].last == expected[i].last);
      CHECK(merged[i].candidates == expected[i].candidates);
    }
  }
}

TEST_CASE("a user entity with the id of a default one replaces it, forms included") {
  const std::string text = "Le porte-parole de l'OTAN a parlé.";
  Gazetteer g;
  g.add(entity("org:otan", "Organisation atlantique", {}, "ORG"));  // same id, none of the default forms
  const Result r = Extractor(Options{}, {g}).extract(text);
  for (const Entity& e : r.entities) CHECK(e.id != "org:otan");
  const Result plain = Extractor().extract(text);
  bool found = false;
  for (const Entity& e : plain.entities) found = found || e.id == "org:otan";
  CHECK(found);
}

TEST_CASE("a compiled file holds only what a text gazetteer could") {
  struct Row {
    const char* what;
    void (*damage)(EntityRecord&);
  };
  const Row rows[] = {
      {"NUL in a name", [](EntityRecord& r) { r.name = std::string("Claire\0Dupont", 13); }},
      {"invalid UTF-8 in an id", [](EntityRecord& r) { r.id = "dup\xC3"; }},
      {"empty alias", [](EntityRecord& r) { r.aliases.push_back(""); }},
      {"unknown gender", [](EntityRecord& r) { r.gender = "x"; }},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    Gazetteer g;
    EntityRecord r = entity("dupont", "Claire Dupont");
    row.damage(r);
    g.add(r);
    CHECK_THROWS_AS(g.save_compiled(temp_path("invalid.parolegz")), Error);
  }
  // A control character put into a valid file, its checksum made right again: refused on load.
  const std::vector<EntityRecord> clean = {entity("dupont", "Claire Dupont")};
  std::string bytes = entities::serialize(clean, entities::Matcher(clean));
  const std::size_t at = bytes.find("Claire");
  REQUIRE(at != std::string::npos);
  bytes[at + 2] = '\x01';
  const std::uint64_t sum = entities::checksum(std::string_view(bytes).substr(32));
  std::memcpy(&bytes[24], &sum, sizeof sum);
  std::size_t offset = 0;
  CHECK(load_error(bytes, &offset) == Error::Code::kSchema);
  CHECK(offset >= 32);
  CHECK(offset < at);
  Gazetteer twice;
  twice.add(entity("a", "Alpha"));
  twice.add(entity("a", "Beta"));
  CHECK_THROWS_AS(twice.save_compiled(temp_path("twice.parolegz")), Error);
}
