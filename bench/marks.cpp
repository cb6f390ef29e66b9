// The quote-mark scan at memchr speed (issue #4): MB/s of
//   (a) a bare memchr over the text (a byte that is absent: the pure scan),
//       and a memchr loop over every C2 byte (one lead byte of « »);
//   (b) the prefilter alone (quotes/marks.hpp), per kernel: candidate bytes
//       only, then real marks (the full code point confirmed);
//   (c) the whole scanner stage, scan_quotes() on tokens built beforehand (the
//       tokenizer is timed apart: it is the entity matcher's stage too);
// on the French benchmark text (every *.txt of the folder, concatenated in
// memory) and on 1, 10 and 50 MB of unbalanced quote marks only, where MB/s
// that stay flat across the sizes show the scan is linear.
//
//   parole-bench-marks [--corpus DIR] [--sizes 1,10,50] [--repeat N]
//
// Each figure is the best of N runs (default 5): the machine is shared, the
// best run is the one least disturbed. A benchmark, not a test.
#include <dirent.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "quotes/lexicon.hpp"
#include "quotes/marks.hpp"
#include "quotes/scanner.hpp"
#include "text/tokens.hpp"

namespace {

using parole::quotes::MarkFinder;
using Clock = std::chrono::steady_clock;

// Best wall time of `repeat` runs of fn, in seconds.
double best_of(int repeat, const std::function<void()>& fn) {
  double best = 1e30;
  for (int r = 0; r < repeat; ++r) {
    const auto t0 = Clock::now();
    fn();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  return best;
}

std::string read_corpus(const std::string& dir) {
  std::vector<std::string> names;
  if (DIR* d = opendir(dir.c_str())) {
    while (const dirent* e = readdir(d)) {
      const std::string name = e->d_name;
      if (name.size() > 4 && name.compare(name.size() - 4, 4, ".txt") == 0) names.push_back(name);
    }
    closedir(d);
  }
  std::sort(names.begin(), names.end());
  std::string text;
  for (const std::string& name : names) {
    std::ifstream in(dir + "/" + name, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    text += ss.str();
  }
  return text;
}

// Quote marks of every style only (UTF-8, no-break spaces, HTML references),
// a space now and then so that straight quotes and spaced guillemets take both
// roles; deterministic (xorshift).
std::string unbalanced_marks(std::size_t bytes) {
  static const char* const kMarks[] = {"«",  "»",       "“",       "”",       "„",       "‹",     "›",
                                       "\"", "«\u00a0", "\u00a0»", "\u202f»", "&laquo;", "&quot;"};
  std::uint64_t state = 0x9E3779B97F4A7C15ULL;
  std::string out;
  out.reserve(bytes + 16);
  while (out.size() < bytes) {
    state ^= state << 13U;
    state ^= state >> 7U;
    state ^= state << 17U;
    out += kMarks[state % (sizeof kMarks / sizeof *kMarks)];
    if ((state >> 20U) % 3 == 0) out += ' ';
  }
  std::size_t cut = bytes;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0U) == 0x80U) --cut;
  out.resize(cut);
  return out;
}

volatile std::size_t g_sink;  // keeps the measured loops from being optimised away

void row(const char* label, const char* what, std::size_t bytes, double seconds, std::size_t found) {
  const double mb = static_cast<double>(bytes) / 1e6;
  std::printf("%-22s %-34s %8.1f %10.1f %12zu\n", label, what, mb, mb / seconds, found);
  std::fflush(stdout);
}

void run_text(const char* label, const std::string& text, int repeat, bool memchr_rows) {
  const std::string_view view(text);
  std::size_t found = 0;
  if (memchr_rows) {
    // A byte no French text has: memchr runs to the end, the cost of reading.
    const double bare = best_of(repeat, [&] { g_sink = memchr(text.data(), 0x01, text.size()) != nullptr; });
    row(label, "(a) memchr, absent byte", text.size(), bare, 0);
    const double c2 = best_of(repeat, [&] {
      found = 0;
      for (const char* p = text.data();
           (p = static_cast<const char*>(memchr(p, 0xC2, text.size() - static_cast<std::size_t>(p - text.data()))));
           ++p) {
        ++found;
      }
      g_sink = found;
    });
    row(label, "(a) memchr loop, every C2 byte", text.size(), c2, found);
  }
  const std::u32string marks = parole::quotes::scanned_code_points(parole::quotes::Lexicon::builtin().quote_pairs);
  for (const MarkFinder::Kernel k :
       {MarkFinder::Kernel::kPortable, MarkFinder::Kernel::kSse2, MarkFinder::Kernel::kAvx2}) {
    if (!MarkFinder::supported(k)) continue;
    const MarkFinder finder(marks, k);
    const double cand = best_of(repeat, [&] {
      found = 0;
      MarkFinder::Cursor cursor(finder, view);
      for (std::size_t p = cursor.next(); p < view.size(); p = cursor.next()) ++found;
      g_sink = found;
    });
    row(label, (std::string("(b) candidates, ") + MarkFinder::name(k)).c_str(), text.size(), cand, found);
    const double real = best_of(repeat, [&] {
      found = 0;
      parole::quotes::Mark m;
      MarkFinder::Cursor cursor(finder, view);
      for (std::size_t p = cursor.next(); p < view.size(); p = cursor.next()) found += finder.mark_at(view, p, &m);
      g_sink = found;
    });
    row(label, (std::string("(b) marks, ") + MarkFinder::name(k)).c_str(), text.size(), real, found);
  }
  std::string copy = text;  // Tokens keeps a view: build once, outside the timing
  const auto t0 = Clock::now();
  const parole::text::Tokens toks(copy);
  const double tok_s = std::chrono::duration<double>(Clock::now() - t0).count();
  const double scan = best_of(std::max(1, repeat / 2 + 1), [&] {
    const parole::quotes::ScanResult r = parole::quotes::scan_quotes(toks, parole::quotes::Lexicon::builtin());
    found = r.quotes.size();
    g_sink = found;
  });
  row(label, "(c) scan_quotes (quotes found)", text.size(), scan, found);
  row(label, "    tokens, for scale (1 run)", text.size(), tok_s, toks.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus = "../shared/corpus/bench-fr";
  std::vector<std::size_t> sizes{1, 10, 50};
  int repeat = 5;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--corpus" && i + 1 < argc) {
      corpus = argv[++i];
    } else if (arg == "--sizes" && i + 1 < argc) {
      sizes.clear();
      for (char* p = argv[++i]; *p;) {
        sizes.push_back(std::strtoul(p, &p, 10));
        if (*p == ',') ++p;
      }
    } else if (arg == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else {
      std::fprintf(stderr, "usage: %s [--corpus DIR] [--sizes 1,10,50] [--repeat N]\n", argv[0]);
      return 2;
    }
  }
  (void)parole::quotes::Lexicon::builtin();  // loaded once, outside the timings
  const MarkFinder auto_finder = parole::quotes::Lexicon::builtin().quote_marks;
  std::printf("kernel in use: %s; best of %d runs (scan_quotes: %d)\n\n", MarkFinder::name(auto_finder.kernel()),
              repeat, std::max(1, repeat / 2 + 1));
  std::printf("%-22s %-34s %8s %10s %12s\n", "text", "stage", "MB", "MB/s", "found");
  const std::string text = read_corpus(corpus);
  if (text.empty()) {
    std::fprintf(stderr, "parole-bench-marks: no .txt file in %s (--corpus DIR)\n", corpus.c_str());
  } else {
    run_text("bench-fr", text, repeat, true);
  }
  for (const std::size_t mb : sizes) {
    const std::string marks = unbalanced_marks(mb * 1000 * 1000);
    const std::string label = "marks only, " + std::to_string(mb) + " MB";
    run_text(label.c_str(), marks, repeat, mb == sizes.front());
  }
  return 0;
}
