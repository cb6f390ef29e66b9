// libFuzzer target: the compiled gazetteer format (Gazetteer::save_compiled,
// Format::kCompiled), a binary file that -g loads as it is. The input is the
// payload: this target puts the header in front (magic, version and byte
// order as save_compiled writes them at start-up, the size, the checksum), so
// that the fuzzer gets past the checksum and reaches the records and the
// matcher tables. The raw input is also loaded as a whole file.
//
// Checked, and aborting when violated:
//   * only parole::Error escapes a load, with the source name and a byte
//     offset inside the file;
//   * a file that loads builds an Extractor (or gets a parole::Error from it)
//     that runs on a text made of its names and aliases: no read out of
//     bounds (the sanitizers), no exception, offsets and texts inside the
//     input, one line of valid JSON.
// The checksum is the library's own (entities/compiled.hpp); at start-up the
// header of a file that save_compiled wrote is checked with it.
// Built with -fsanitize=fuzzer it is a fuzzer (scripts/fuzz.sh); otherwise
// replay_main.cpp runs it over the seed corpus as a plain test.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entities/compiled.hpp"
#include "parole/parole.hpp"

namespace {

using parole::Error;
using parole::Gazetteer;

constexpr std::size_t kHeaderBytes = 32;  // magic 8, version 4, byte order 4, payload size 8, checksum 8
constexpr const char* kSource = "fuzz.parolegz";

[[noreturn]] void violated(const char* what, std::size_t size, const std::string& detail = {}) {
  std::fprintf(stderr, "fuzz_compiled: contract violated: %s (payload of %zu bytes) %s\n", what, size,
               detail.substr(0, 2000).c_str());
  std::abort();
}

using parole::entities::checksum;

// Magic, version and byte order, as this library writes them.
const std::string& header_start() {
  static const std::string start = [] {
    Gazetteer g;
    parole::EntityRecord r;
    r.id = "a";
    r.name = "Anne Bertin";
    r.type = "PERSON";
    g.add(r);
    const std::string path = "/tmp/fuzz_compiled-" + std::to_string(::getpid()) + ".parolegz";
    g.save_compiled(path);
    std::ifstream in(path, std::ios::binary);
    const std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::remove(path.c_str());
    std::uint64_t sum = 0;
    if (file.size() >= kHeaderBytes) std::memcpy(&sum, file.data() + 24, sizeof sum);
    if (file.size() < kHeaderBytes || checksum(std::string_view(file).substr(kHeaderBytes)) != sum) {
      std::fprintf(stderr,
                   "fuzz_compiled: the header of lib/entities/compiled.cpp changed: update "
                   "tests/fuzz/fuzz_compiled.cpp (and its seeds: payloads of files from parole compile-gazetteer)\n");
      std::abort();
    }
    return file.substr(0, 16);
  }();
  return start;
}

template <typename T>
void append(std::string& out, T value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

void check_run(const Gazetteer& g, std::size_t size) {
  std::string text = "« Bonjour », a déclaré ";
  for (const parole::EntityRecord& r : g.records()) {
    if (text.size() > 4096) break;
    text += r.name + ". « Oui », selon " + (r.aliases.empty() ? r.name : r.aliases.front()) + ", " +
            (r.roles.empty() ? std::string("le ministre") : r.roles.front()) + ".\n\n";
  }
  parole::Options options;
  options.use_default_gazetteer = false;
  options.report_terms = true;
  std::optional<parole::Extractor> ex;
  try {
    ex.emplace(options, std::vector<Gazetteer>{g});
  } catch (const Error&) {
    return;  // refused when built (duplicate ids, ...): fine
  }
  try {
    const parole::Result result = ex->extract(text);
    auto inside = [&](const std::string& t, std::size_t start, std::size_t end) {
      if (start > end || end > text.size() || text.compare(start, end - start, t) != 0)
        violated("a span outside the input or not its text", size, t);
    };
    for (const parole::Quote& q : result.quotes) inside(q.text, q.start, q.end);
    for (const parole::Entity& e : result.entities) {
      for (const parole::Mention& m : e.mentions) inside(m.text, m.start, m.end);
    }
    const std::string json = parole::to_json(result);
    if (json.find('\n') != std::string::npos || !nlohmann::json::accept(json))
      violated("to_json is not one line of valid JSON", size, json);
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    violated("extract() or to_json() threw", size, e.what());
  }
}

void load(const std::string& file, std::size_t size) {
  try {
    const Gazetteer g = Gazetteer::from_string(file, Gazetteer::Format::kCompiled, kSource);
    check_run(g, size);
  } catch (const Error& e) {
    if (e.source() != kSource || std::string(e.what()).empty()) violated("error without source", size, e.what());
    if (e.offset() > file.size()) violated("error offset past the end of the file", size, e.what());
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    violated("an exception other than parole::Error escaped", size, e.what());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string payload(reinterpret_cast<const char*>(data), size);
  std::string file = header_start();
  append<std::uint64_t>(file, payload.size());
  append<std::uint64_t>(file, checksum(payload));
  file += payload;
  load(file, size);
  load(payload, size);
  return 0;
}
