// Gazetteer tagging alone: the tokenizer and the matcher that parole runs on
// every document, over one text with one gazetteer (no default gazetteer, no
// quotes, no attribution, no JSON), so that the figure compares with plain
// multi-pattern matchers (bench/peers.sh runs them side by side).
//
//   parole-bench-tagging GAZETTEER TEXT [--repeat N] [--chunk BYTES]
//
// The text is cut into documents of about --chunk bytes (default 1 MiB, at a
// line break) as a batch would be; each run tags every chunk; the best of N
// runs (default 3), in CPU time of the thread, is reported. Prints one line:
//   parole-tagging MB/s=... tokenizer_MB/s=... matches=... build_s=... load_s=... rss_mb=... forms=...
// build_s is the gazetteer load (parse) plus the matcher build. A benchmark, not
// a test.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "entities/matcher.hpp"
#include "parole/parole.hpp"
#include "text/tokens.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// CPU time of this thread: on a shared machine, the time others take from it
// does not count against the figure (cache contention still does).
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::string read_all(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "parole-bench-tagging: cannot read %s\n", path);
    std::exit(2);
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string_view> chunks(std::string_view text, std::size_t size) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    std::size_t cut = text.size() <= size ? text.size() : text.find('\n', size);
    if (cut == std::string_view::npos) cut = text.size();
    out.push_back(text.substr(0, cut));
    text.remove_prefix(cut < text.size() ? cut + 1 : cut);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: parole-bench-tagging GAZETTEER TEXT [--repeat N] [--chunk BYTES]\n");
    return 2;
  }
  int repeat = 3;
  std::size_t chunk = std::size_t{1} << 20U;
  for (int i = 3; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--repeat") repeat = std::atoi(argv[i + 1]);
    if (flag == "--chunk") chunk = static_cast<std::size_t>(std::atoll(argv[i + 1]));
  }
  const std::string text = read_all(argv[2]);

  const auto t0 = Clock::now();
  parole::Gazetteer gazetteer;
  try {
    gazetteer = parole::Gazetteer::from_file(argv[1]);
  } catch (const parole::Error& e) {
    std::fprintf(stderr, "parole-bench-tagging: %s\n", e.what());
    return 2;
  }
  const double load_s = seconds_since(t0);
  const parole::entities::Matcher matcher(gazetteer.records());
  const double build_s = seconds_since(t0);

  const std::vector<std::string_view> docs = chunks(text, chunk);
  double best_tokens = 1e300;
  for (int r = 0; r < repeat; ++r) {
    const double t1 = cpu_seconds();
    std::size_t count = 0;
    for (const std::string_view doc : docs) count += parole::text::Tokens(doc).size();
    best_tokens = std::min(best_tokens, cpu_seconds() - t1);
    if (count == 0) std::fprintf(stderr, "parole-bench-tagging: no tokens\n");
  }
  double best = 1e300;
  std::size_t matches = 0;
  for (int r = 0; r < repeat; ++r) {
    const double t1 = cpu_seconds();
    std::size_t found = 0;
    for (const std::string_view doc : docs) {
      const parole::text::Tokens toks(doc);
      found += matcher.find(toks).size();
    }
    best = std::min(best, cpu_seconds() - t1);
    matches = found;
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double mb = static_cast<double>(text.size()) / 1e6;
  std::printf(
      "parole-tagging MB/s=%.1f tokenizer_MB/s=%.1f matches=%zu build_s=%.3f load_s=%.3f rss_mb=%.1f forms=%zu\n",
      mb / best, mb / best_tokens, matches, build_s, load_s, static_cast<double>(usage.ru_maxrss) / 1024.0,
      matcher.forms());
  return 0;
}
