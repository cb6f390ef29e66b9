// libFuzzer target: Gazetteer::from_string in each format (JSON, JSON Lines,
// TSV) on the same bytes. Checked, and aborting when violated:
//   * only parole::Error escapes a load (while a finding is being fixed, the
//     environment variable PAROLE_FUZZ_IGNORE=TEXT lets the fuzzer go past
//     exceptions whose message contains TEXT; the replay tests never set it);
//   * the Error carries a sane position: line/column >= 1 that agree with its
//     byte offset, which lies inside the data (a duplicate id, found after
//     parsing, may carry no position);
//   * a successful load holds only records with id, name and type, unique
//     ids, valid UTF-8 names, aliases and roles; an Extractor built from it
//     runs and serialises a text made of its names without throwing.
// Built with -fsanitize=fuzzer it is a fuzzer (scripts/fuzz.sh); otherwise
// replay_main.cpp runs it over the seed corpus as a plain test.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_set>

#include "parole/parole.hpp"

namespace {

using parole::Error;
using parole::Gazetteer;

[[noreturn]] void violated(const char* what, const char* format, std::size_t size, const char* detail = "") {
  std::fprintf(stderr, "fuzz_gazetteer: contract violated in %s: %s (%zu bytes) %s\n", format, what, size, detail);
  std::abort();
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (b < 0x80) {
      ++i;
      continue;
    }
    if (b >= 0xC2 && b <= 0xDF) {
      n = 1, cp = b & 0x1FU;
    } else if (b >= 0xE0 && b <= 0xEF) {
      n = 2, cp = b & 0x0FU;
    } else if (b >= 0xF0 && b <= 0xF4) {
      n = 3, cp = b & 0x07U;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;
    for (std::size_t k = 1; k <= n; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0U) != 0x80U) return false;
      cp = (cp << 6U) | (c & 0x3FU);
    }
    const std::uint32_t min = n == 1 ? 0x80 : n == 2 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

void check_error(const Error& e, std::string_view data, const char* format) {
  const std::string what = e.what();
  if (what.empty() || e.source().empty()) violated("error without message or source", format, data.size());
  if (e.line() == 0) {
    if (e.code() != Error::Code::kDuplicateId) violated("error without a line", format, data.size(), e.what());
    return;
  }
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
    if (!valid_utf8(r.name)) violated("name is not valid UTF-8", format, size);
    if (!r.gender.empty() && r.gender != "m" && r.gender != "f") violated("bad gender loaded", format, size);
    for (const std::string& a : r.aliases)
      if (!valid_utf8(a)) violated("alias is not valid UTF-8", format, size);
    for (const std::string& a : r.roles)
      if (!valid_utf8(a)) violated("role is not valid UTF-8", format, size);
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

void load(std::string_view data, Gazetteer::Format format, const char* name) {
  try {
    const Gazetteer g = Gazetteer::from_string(data, format, std::string("fuzz.") + name);
    check_loaded(g, name, data.size());
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
