// The compiled gazetteer (save_compiled / from_file) and matching with one
// matcher per gazetteer: same results as the source files, and every damaged
// file refused with a positioned error.
#include "support.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "entities/compiled.hpp"
#include "entities/matcher.hpp"
#include "entities/records.hpp"
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
    const std::string bytes = entities::serialize(records, entities::Matcher(std::move(tables)), {});
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
  std::string bytes = entities::serialize(clean, entities::Matcher(clean), {});
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

namespace {

// Where the id table's slots of a compiled file are (its slot count, then the
// slots): found by its shape, the records' indices + 1 each once among zeros.
std::size_t id_slots_at(const std::string& file, std::size_t records) {
  std::uint64_t slots = 2;
  while (slots < 2 * records) slots *= 2;
  for (std::size_t at = 32; at + 8 + slots * 4 <= file.size(); at += 8) {
    std::uint64_t count = 0;
    std::memcpy(&count, file.data() + at, 8);
    if (count != slots) continue;
    std::vector<std::uint32_t> values(slots);
    std::memcpy(values.data(), file.data() + at + 8, slots * 4);
    std::sort(values.begin(), values.end());
    bool shape = true;
    for (std::size_t k = 0; k < slots; ++k) {
      const std::size_t expected = k < slots - records ? 0 : k - (slots - records) + 1;
      shape = shape && values[k] == expected;
    }
    if (shape) return at + 8;
  }
  FAIL("no id table in the file");
  return 0;
}

std::string with_checksum(std::string file) {
  const std::uint64_t sum = entities::checksum(std::string_view(file).substr(32));
  std::memcpy(&file[24], &sum, sizeof sum);
  return file;
}

Error::Code build_error(const std::vector<Gazetteer>& gazetteers, std::string* message = nullptr) {
  try {
    Extractor(Options{}, gazetteers);
  } catch (const Error& e) {
    if (message != nullptr) *message = e.what();
    return e.code();
  }
  FAIL("the extractor was built");
  return Error::Code::kIo;
}

}  // namespace

TEST_CASE("an id table that points past the records, or has no empty slot, is refused") {
  const std::string path = temp_path("ids.parolegz");
  sample().save_compiled(path);
  const std::string good = read_file(path);
  std::remove(path.c_str());
  const std::size_t slots = id_slots_at(good, 3);
  CHECK(Gazetteer::from_string(good, Gazetteer::Format::kAuto, "ids.parolegz").size() == 3);

  std::string past = good;
  const std::uint32_t beyond = 4;  // record index 3: there are three
  for (std::size_t k = 0; k < 8; ++k) {
    std::uint32_t value = 0;
    std::memcpy(&value, past.data() + slots + 4 * k, 4);
    if (value == 3) std::memcpy(&past[slots + 4 * k], &beyond, 4);
  }
  std::size_t offset = 0;
  CHECK(load_error(with_checksum(past), &offset) == Error::Code::kSchema);
  CHECK(offset == slots);

  std::string full = good;
  const std::uint32_t one = 1;
  for (std::size_t k = 0; k < 8; ++k) {
    std::uint32_t value = 0;
    std::memcpy(&value, full.data() + slots + 4 * k, 4);
    if (value == 0) std::memcpy(&full[slots + 4 * k], &one, 4);
  }
  CHECK(load_error(with_checksum(full)) == Error::Code::kSchema);
}

TEST_CASE("an id twice across compiled and text gazetteers is refused, naming both files") {
  const std::string first_path = temp_path("first.parolegz");
  const std::string second_path = temp_path("second.parolegz");
  sample().save_compiled(first_path);
  Gazetteer other;
  other.add(entity("port", "Port de Lyonnaz", {}, "LOC"));
  other.add(entity("union", "Union des marins", {}, "ORG"));  // the sample's id
  other.save_compiled(second_path);
  const Gazetteer first = Gazetteer::from_file(first_path);
  const Gazetteer second = Gazetteer::from_file(second_path);
  const Gazetteer as_text = Gazetteer::from_string("port\tLOC\tPort de Lyonnaz\nunion\tORG\tUnion des marins\n",
                                                   Gazetteer::Format::kTsv, "other.tsv");
  struct Row {
    const char* what;
    std::vector<Gazetteer> gazetteers;
    const char* later;
    const char* earlier;
  };
  const Row rows[] = {
      {"compiled, then compiled", {first, second}, "second.parolegz", "first.parolegz"},
      {"compiled, then text", {first, as_text}, "other.tsv", "first.parolegz"},
      {"text, then compiled", {as_text, first}, "first.parolegz", "other.tsv"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    std::string message;
    CHECK(build_error(row.gazetteers, &message) == Error::Code::kDuplicateId);
    CHECK(message.find("\"union\"") != std::string::npos);
    CHECK(message.find(row.later) != std::string::npos);
    CHECK(message.find(row.earlier) != std::string::npos);
  }
  // Apart, each is fine, and a compiled record replaces a default one with its id.
  Gazetteer otan;
  otan.add(entity("org:otan", "Organisation atlantique", {}, "ORG"));
  otan.save_compiled(second_path);
  const Result r =
      Extractor(Options{}, {first, Gazetteer::from_file(second_path)}).extract("Le porte-parole de l'OTAN.");
  for (const Entity& e : r.entities) CHECK(e.id != "org:otan");
  std::remove(first_path.c_str());
  std::remove(second_path.c_str());
}

TEST_CASE("a compiled file replaced while in use: the loaded gazetteer keeps its records") {
  const std::string path = temp_path("replaced.parolegz");
  sample().save_compiled(path);
  const Gazetteer loaded = Gazetteer::from_file(path);
  const Extractor before(Options{}, {loaded});
  Gazetteer other;
  other.add(entity("port", "Port de Lyonnaz", {}, "LOC"));
  other.save_compiled(path);  // written beside and renamed: the old file stays mapped
  const std::string text = "Claire Dupont, maire de Lyonnaz, et l’UDD.";
  CHECK(to_json(before.extract(text)) == to_json(Extractor(Options{}, {sample()}).extract(text)));
  REQUIRE(loaded.size() == 3);
  CHECK(loaded.records()[0].name == "Claire Dupont");
  CHECK(Gazetteer::from_file(path).records().front().id == "port");
  std::remove(path.c_str());
}

TEST_CASE("the records of a compiled file are decoded once, whichever thread asks first") {
  Gazetteer many;
  for (int i = 0; i < 400; ++i) {
    EntityRecord r = entity("p" + std::to_string(i), "Anne Vernier" + std::to_string(i));
    r.roles = {"maire de Lyonnaz"};
    r.extra["rang"] = std::to_string(i);
    many.add(r);
  }
  const std::string path = temp_path("threads.parolegz");
  many.save_compiled(path);
  std::string text;
  for (int i = 0; i < 400; i += 7) text += "« Oui », a dit Anne Vernier" + std::to_string(i) + ". ";
  const std::string expected = to_json(Extractor(Options{}, {many}).extract(text));
  const Extractor shared(Options{}, {Gazetteer::from_file(path)});
  std::vector<std::string> results(8);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&, t] { results[t] = to_json(shared.extract(text)); });
  }
  for (std::thread& th : threads) th.join();
  for (const std::string& r : results) CHECK(r == expected);
  std::remove(path.c_str());
}

TEST_CASE("the fuzzer's seeds are files of this format version") {
  // tests/fuzz/make_compiled_seeds.py writes them again when the format changes.
  std::size_t seeds = 0;
  for (const auto& item : std::filesystem::directory_iterator(PAROLE_FUZZ_CORPUS_DIR "/compiled")) {
    const std::string name = item.path().filename().string();
    CAPTURE(name);
    const std::string payload = read_file(item.path().string());
    std::string file(32, '\0');
    const std::string good = [] {
      const std::string path = temp_path("header.parolegz");
      sample().save_compiled(path);
      std::string bytes = read_file(path);
      std::remove(path.c_str());
      return bytes;
    }();
    file.replace(0, 16, good.substr(0, 16));
    const std::uint64_t size = payload.size();
    std::memcpy(&file[16], &size, sizeof size);
    CHECK_NOTHROW(Gazetteer::from_string(with_checksum(file + payload), Gazetteer::Format::kCompiled, name));
    ++seeds;
  }
  CHECK(seeds >= 5);
}

TEST_CASE("the default gazetteer's forms in a compiled file: used when they are the library's, else left out") {
  // A user record replacing a default one (org:otan), a form shared with a
  // default entity (Paris), and names of both lists.
  Gazetteer own = sample();
  own.add(entity("org:otan", "Organisation atlantique", {"Alliance"}, "ORG"));
  own.add(entity("paris-hilton", "Paris Hilton", {"Paris"}));
  const std::string text =
      "« Le port restera ouvert », a déclaré Claire Dupont à Paris. L’OTAN, l’Alliance, l’ONU et l’UDD se taisent ; "
      "Paris Hilton aussi. Selon le président français, « rien n’est joué ».";
  const std::string path = temp_path("defaults.parolegz");
  const std::string bytes = [&] {
    own.save_compiled(path);
    return read_file(path);
  }();
  const std::string lean_path = temp_path("lean.parolegz");
  own.save_compiled(lean_path, Gazetteer::DefaultForms::kLeftOut);
  CHECK(read_file(lean_path).size() < bytes.size());
  // The same file with another fingerprint: compiled with another version of the default gazetteer.
  const std::vector<EntityRecord>& builtin = Gazetteer::builtin().records();
  const entities::DefaultPart stale{builtin.size(), entities::builtin_forms().fingerprint + 1};
  entities::RecordStore forms;
  forms.add_borrowed(own.records());
  forms.add_borrowed(builtin);
  const std::string stale_bytes = entities::serialize(own.records(), entities::Matcher(forms), stale);
  for (const bool with_default : {true, false}) {
    CAPTURE(with_default);
    Options options;
    options.use_default_gazetteer = with_default;
    const std::string expected = to_json(Extractor(options, {own}).extract(text));
    CHECK(to_json(Extractor(options, {Gazetteer::from_file(path)}).extract(text)) == expected);
    CHECK(to_json(Extractor(options, {Gazetteer::from_file(lean_path)}).extract(text)) == expected);
    const Gazetteer from_stale = Gazetteer::from_string(stale_bytes, Gazetteer::Format::kAuto, "stale.parolegz");
    CHECK(to_json(Extractor(options, {from_stale}).extract(text)) == expected);
    options.overlapping_mentions = true;
    CHECK(to_json(Extractor(options, {Gazetteer::from_file(path)}).extract(text)) ==
          to_json(Extractor(options, {own}).extract(text)));
  }
  const Result r = Extractor(Options{}, {Gazetteer::from_file(path)}).extract(text);
  bool replaced = false;
  for (const Entity& e : r.entities) replaced = replaced || (e.id == "org:otan" && e.name == "Organisation atlantique");
  CHECK(replaced);
  std::remove(path.c_str());
  std::remove(lean_path.c_str());
}
