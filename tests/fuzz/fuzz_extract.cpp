// libFuzzer target: Extractor::extract and to_json on arbitrary bytes.
//
// Every input goes through three extractors: the default one (embedded
// gazetteer) and two with a small user gazetteer and report_terms, so that
// user entities, roles and quoted terms are exercised too, one of them with
// overlapping_mentions (whose result must hold the other's). Besides "no crash,
// no sanitizer report", the documented contracts of parole.hpp are checked and
// a violation aborts:
//   * extract() never throws;
//   * every offset is a half-open range inside the input and every text is a
//     copy of input[start, end);
//   * parent indexes point to an earlier quote; kinds and confidences are in
//     their documented sets and ranges;
//   * to_json() gives one line of valid JSON whatever the bytes.
// Built with -fsanitize=fuzzer it is a fuzzer (scripts/fuzz.sh); otherwise
// replay_main.cpp runs it over the seed corpus as a plain test.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parole/parole.hpp"

namespace {

[[noreturn]] void violated(const char* what, std::size_t size) {
  std::fprintf(stderr, "fuzz_extract: contract violated: %s (input of %zu bytes)\n", what, size);
  std::abort();
}

#define PAROLE_FUZZ_CHECK(cond)                 \
  do {                                          \
    if (!(cond)) violated(#cond, input.size()); \
  } while (0)

const parole::Extractor& default_extractor() {
  static const parole::Extractor instance;
  return instance;
}

const parole::Gazetteer& user_gazetteer() {
  static const parole::Gazetteer instance = [] {
    parole::Gazetteer users = parole::Gazetteer::from_string(
        R"({"entities": [
  {"id": "dupont", "name": "Marie Dupont", "type": "PERSON", "gender": "f",
   "aliases": ["Mme Dupont", "M. D."], "roles": ["maire de Trévou", "porte-parole"], "party": {"x": [1, null]}},
  {"id": "lavrov", "name": "Sergueï Lavrov", "type": "PERSON", "gender": "m", "aliases": ["Lavrov"],
   "roles": ["chef de la diplomatie russe"]},
  {"id": "cgt", "name": "Confédération générale du travail", "type": "ORG", "aliases": ["CGT", "la C.G.T."]},
  {"id": "x", "name": "«", "type": "SYMBOL", "aliases": ["»", "\"", "’"]},
  {"id": "e", "name": "É", "type": "LOC", "aliases": ["e", "ÉÉÉ"]}
]})",
        parole::Gazetteer::Format::kJson, "fuzz-users.json");
    // A record built in code: its extras need not be JSON text, nor shallow
    // (to_json once printed <discarded> and recursed without bound on them).
    parole::EntityRecord extra;
    extra.id = "extra";
    extra.name = "Jeanne Extra";
    extra.type = "PERSON";
    extra.extra["note"] = "pas du JSON";
    extra.extra["empty"] = "";
    extra.extra["bad_utf8"] = "\"\xff\xfe\"";
    extra.extra["deep"] = std::string(100000, '[') + std::string(100000, ']');
    extra.extra["ok"] = R"({"a": [1, 2.5, null, "é"]})";
    users.add(extra);
    return users;
  }();
  return instance;
}

const parole::Extractor& user_extractor(bool overlapping) {
  const auto make = [](bool every_match) {
    parole::Options options;
    options.report_terms = true;
    options.overlapping_mentions = every_match;
    return parole::Extractor(options, {user_gazetteer()});
  };
  static const parole::Extractor leftmost_longest = make(false);
  static const parole::Extractor every_match = make(true);
  return overlapping ? every_match : leftmost_longest;
}

// The overlapping view is the other one plus the overlaps: the same quotes,
// and every mention of the other view (a shared name may be resolved to
// another candidate there: the overlaps count in the document's evidence).
void check_views(std::string_view input, const parole::Result& plain, const parole::Result& every) {
  PAROLE_FUZZ_CHECK(plain.quotes.size() == every.quotes.size());
  for (std::size_t i = 0; i < plain.quotes.size() && i < every.quotes.size(); ++i) {
    PAROLE_FUZZ_CHECK(plain.quotes[i].start == every.quotes[i].start && plain.quotes[i].end == every.quotes[i].end);
    PAROLE_FUZZ_CHECK(plain.quotes[i].speaker.has_value() == every.quotes[i].speaker.has_value());
  }
  const auto spans = [](const parole::Result& r) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (const parole::Entity& e : r.entities) {
      for (const parole::Mention& m : e.mentions) out.emplace_back(m.start, m.end);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  };
  const auto in_plain = spans(plain);
  const auto in_every = spans(every);
  PAROLE_FUZZ_CHECK(std::includes(in_every.begin(), in_every.end(), in_plain.begin(), in_plain.end()));
}

void check_span(std::string_view input, const std::string& text, std::size_t start, std::size_t end) {
  PAROLE_FUZZ_CHECK(start <= end);
  PAROLE_FUZZ_CHECK(end <= input.size());
  PAROLE_FUZZ_CHECK(input.substr(start, end - start) == text);
}

void check_result(std::string_view input, const parole::Result& r, bool report_terms) {
  const parole::Diagnostics& d = r.diagnostics;
  PAROLE_FUZZ_CHECK(!d.too_large);
  PAROLE_FUZZ_CHECK(d.invalid_utf8_bytes <= input.size());
  if (d.invalid_utf8_bytes > 0) PAROLE_FUZZ_CHECK(d.first_invalid_offset < input.size());
  for (std::size_t i = 0; i < r.quotes.size(); ++i) {
    const parole::Quote& q = r.quotes[i];
    check_span(input, q.text, q.start, q.end);
    PAROLE_FUZZ_CHECK(q.kind == "direct" || q.kind == "partial" || (report_terms && q.kind == "term"));
    PAROLE_FUZZ_CHECK(q.confidence >= 0.0 && q.confidence <= 1.0);
    if (q.parent) PAROLE_FUZZ_CHECK(*q.parent < i);
    if (q.cue) check_span(input, q.cue->text, q.cue->start, q.cue->end);
    if (q.speaker) {
      PAROLE_FUZZ_CHECK(!q.speaker->name.empty());
      PAROLE_FUZZ_CHECK(!q.speaker->via.empty());
      if (q.speaker->mention) {
        const parole::Mention& m = *q.speaker->mention;
        check_span(input, m.text, m.start, m.end);
        PAROLE_FUZZ_CHECK(m.kind == "name" || m.kind == "title" || m.kind == "pronoun" || m.kind == "description");
      }
    } else {
      PAROLE_FUZZ_CHECK(q.confidence == 0.0);
    }
  }
  for (const parole::Entity& e : r.entities) {
    PAROLE_FUZZ_CHECK(!e.mentions.empty());
    for (const parole::Mention& m : e.mentions) {
      check_span(input, m.text, m.start, m.end);
      PAROLE_FUZZ_CHECK(m.kind == "name");
    }
  }
  const std::string json = parole::to_json(r);
  PAROLE_FUZZ_CHECK(json.find('\n') == std::string::npos);
  const nlohmann::json doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  PAROLE_FUZZ_CHECK(!doc.is_discarded());
  PAROLE_FUZZ_CHECK(doc.is_object() && doc["quotes"].size() == r.quotes.size());
  PAROLE_FUZZ_CHECK(doc["entities"].size() == r.entities.size());
  PAROLE_FUZZ_CHECK(doc["diagnostics"]["invalid_utf8_bytes"] == d.invalid_utf8_bytes);
  for (const nlohmann::json& e : doc["entities"]) {
    if (e["id"] != "extra") continue;
    PAROLE_FUZZ_CHECK(e["note"] == "pas du JSON" && e["empty"] == "" && e["deep"].is_string());
    PAROLE_FUZZ_CHECK(e["ok"]["a"].size() == 4);
  }
  (void)parole::to_json(r, 2);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  try {
    check_result(input, default_extractor().extract(input), false);
    const parole::Result plain = user_extractor(false).extract(input);
    check_result(input, plain, true);
    const parole::Result every = user_extractor(true).extract(input);
    check_result(input, every, true);
    check_views(input, plain, every);
  } catch (const std::bad_alloc&) {
    throw;  // out of memory is the one documented exception
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz_extract: extract() or to_json() threw: %s\n", e.what());
    std::abort();
  }
  return 0;
}
