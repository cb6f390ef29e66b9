// libFuzzer target: Gazetteer::from_string in each format (JSON, JSON Lines,
// TSV) on the same bytes, so one run covers the three loaders. Checked, and
// aborting when violated:
//   * only parole::Error escapes a load (while a finding is being fixed, the
//     environment variable PAROLE_FUZZ_IGNORE=TEXT lets the fuzzer go past
//     exceptions whose message contains TEXT; the replay tests never set it);
//   * the Error names the source and carries a position: line/column >= 1
//     that agree with its byte offset, which lies inside the data (every
//     error, a duplicate id included, names the place at fault);
//   * a successful load holds only records with id, name and type, unique
//     ids, valid UTF-8 without control characters; an Extractor built from it
//     runs and serialises a text made of its names without throwing;
//   * the records loaded, written back as JSON Lines and as a JSON document,
//     load again to the same records (the loaders agree with each other).
// Built with -fsanitize=fuzzer it is a fuzzer (scripts/fuzz.sh); otherwise
// replay_main.cpp runs it over the seed corpus as a plain test.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_set>

#include "parole/parole.hpp"
#include "utf8_check.hpp"

namespace {

using parole::Error;
using parole::Gazetteer;

[[noreturn]] void violated(const char* what, const char* format, std::size_t size, const char* detail = "") {
  std::fprintf(stderr, "fuzz_gazetteer: contract violated in %s: %s (%zu bytes) %s\n", format, what, size, detail);
  std::abort();
}

bool has_control(std::string_view s) {
  for (const char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return true;
  }
  return false;
}

void check_error(const Error& e, std::string_view data, const char* format) {
  const std::string what = e.what();
  if (what.empty() || e.source().empty()) violated("error without message or source", format, data.size());
  if (e.line() == 0) violated("error without a line", format, data.size(), e.what());
  if (e.column() == 0) violated("error with a line but no column", format, data.size(), e.what());
  if (e.offset() > data.size()) violated("error offset past the end of the data", format, data.size(), e.what());
  // The line and column must be those of the byte offset.
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < e.offset(); ++i) {
    if (data[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  if (line != e.line() || column != e.column()) {
    const std::string detail =
        std::string(e.what()) + " but offset is at " + std::to_string(line) + ":" + std::to_string(column);
    violated("line/column disagree with the offset", format, data.size(), detail.c_str());
  }
}

void check_loaded(const Gazetteer& g, const char* format, std::size_t size) {
  std::unordered_set<std::string> ids;
  std::string text = "« Bonjour », a déclaré ";
  for (const parole::EntityRecord& r : g.records()) {
    if (r.id.empty() || r.name.empty() || r.type.empty()) violated("record without id, name or type", format, size);
    if (!ids.insert(r.id).second) violated("duplicate id loaded", format, size);
    for (const std::string* f : {&r.id, &r.name, &r.type}) {
      if (!parole_fuzz::valid_utf8(*f) || has_control(*f))
        violated("id, name or type not valid UTF-8 or with controls", format, size);
    }
    if (!r.gender.empty() && r.gender != "m" && r.gender != "f") violated("bad gender loaded", format, size);
    for (const std::string& a : r.aliases)
      if (!parole_fuzz::valid_utf8(a) || has_control(a))
        violated("alias not valid UTF-8 or with controls", format, size);
    for (const std::string& a : r.roles)
      if (!parole_fuzz::valid_utf8(a) || has_control(a))
        violated("role not valid UTF-8 or with controls", format, size);
    if (text.size() < 4096) {
      text += r.name + ". « Oui », selon " + (r.aliases.empty() ? r.name : r.aliases.front()) + ", " +
              (r.roles.empty() ? std::string("le ministre") : r.roles.front()) + ".\n\n";
    }
  }
  try {
    parole::Options options;
    options.use_default_gazetteer = false;
    options.report_terms = true;
    const parole::Extractor ex(options, {g});
    (void)parole::to_json(ex.extract(text));
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    violated("building or running an Extractor threw", format, size, e.what());
  }
}

bool same_records(const Gazetteer& a, const Gazetteer& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const parole::EntityRecord& x = a.records()[i];
    const parole::EntityRecord& y = b.records()[i];
    if (x.id != y.id || x.name != y.name || x.type != y.type || x.gender != y.gender || x.aliases != y.aliases ||
        x.roles != y.roles || x.extra != y.extra)
      return false;
  }
  return true;
}

// The loaded records as JSON Lines and as a JSON document must load again to
// the same records.
void check_round_trip(const Gazetteer& g, const char* format, std::size_t size) {
  std::string lines;
  nlohmann::json doc = {{"entities", nlohmann::json::array()}};
  for (const parole::EntityRecord& r : g.records()) {
    nlohmann::json obj = {{"id", r.id}, {"name", r.name}, {"type", r.type}};
    if (!r.gender.empty()) obj["gender"] = r.gender;
    if (!r.aliases.empty()) obj["aliases"] = r.aliases;
    if (!r.roles.empty()) obj["roles"] = r.roles;
    for (const auto& [key, value] : r.extra) obj[key] = nlohmann::json::parse(value);
    lines += obj.dump() + "\n";
    doc["entities"].push_back(std::move(obj));
  }
  try {
    if (!same_records(g, Gazetteer::from_string(lines, Gazetteer::Format::kJsonLines, "round-trip.jsonl")))
      violated("records differ once written as JSON Lines and loaded again", format, size);
    if (!same_records(g, Gazetteer::from_string(doc.dump(1), Gazetteer::Format::kJson, "round-trip.json")))
      violated("records differ once written as JSON and loaded again", format, size);
  } catch (const Error& e) {
    violated("records written back do not load again", format, size, e.what());
  }
}

void load(std::string_view data, Gazetteer::Format format, const char* name) {
  try {
    const Gazetteer g = Gazetteer::from_string(data, format, std::string("fuzz.") + name);
    check_loaded(g, name, data.size());
    check_round_trip(g, name, data.size());
  } catch (const Error& e) {
    check_error(e, data, name);
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    static const char* const ignored = std::getenv("PAROLE_FUZZ_IGNORE");
    if (ignored != nullptr && *ignored != '\0' && std::string_view(e.what()).find(ignored) != std::string_view::npos)
      return;
    violated("an exception other than parole::Error escaped", name, data.size(), e.what());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  load(bytes, Gazetteer::Format::kJson, "json");
  load(bytes, Gazetteer::Format::kJsonLines, "jsonl");
  load(bytes, Gazetteer::Format::kTsv, "tsv");
  return 0;
}
