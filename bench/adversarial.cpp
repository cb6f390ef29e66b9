// Adversarial inputs for linear time: each case is generated at 1, 10 and
// 100 MB and run through one Extractor (default options and gazetteer, the
// document limit raised past 100 MB) and to_json. Per case and size it prints
// the throughput, the time per MB relative to the smallest size (about 1 when
// the cost is linear) and the peak resident memory after extract() and after
// to_json(). Each run happens in a child process so that its peak RSS is its
// own (it includes the extractor and the generated text).
//
//   parole-bench-adversarial [--sizes 1,10,100] [--case NAME]... [--budget SECONDS]
//
// A size whose time, extrapolated from the smaller ones, would pass the budget
// (default 300 s) is not run and is reported as such: with a cost per MB that
// grows with the size (the "s/MB x" column), that is the sign of a
// super-linear stage. This is a benchmark, not a test: nothing here fails.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "parole/parole.hpp"

namespace {

// Deterministic generator (xorshift), so every run sees the same text.
struct Rng {
  std::uint64_t state = 0x9E3779B97F4A7C15ULL;
  std::uint64_t next() {
    state ^= state << 13U;
    state ^= state >> 7U;
    state ^= state << 17U;
    return state;
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
};

void fill(std::string& out, std::size_t bytes, const std::function<void(std::string&)>& piece) {
  out.clear();
  out.reserve(bytes + 64);
  while (out.size() < bytes) piece(out);
  // Cut at a code point boundary at or before `bytes`.
  std::size_t cut = bytes;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0U) == 0x80U) --cut;
  out.resize(cut);
}

const char* const kMarks[] = {"«", "»", "“", "”", "„", "‹", "›", "\"", "«\u00a0", "\u00a0»", "\u202f»"};
const char* const kNames[] = {"Sergueï", "Lavrov", "Emmanuel", "Macron", "Marie", "Dupont",   "Paris",
                              "Moscou",  "OTAN",   "ONU",      "Le",     "Pen",   "Jean-Luc", "Mélenchon",
                              "Kremlin", "CGT",    "Selon",    "Mme",    "M."};

// Only quote marks, every style, with a space now and then so that straight
// quotes and guillemets with spaces take both roles.
void quote_marks(std::string& out, std::size_t bytes) {
  Rng rng;
  fill(out, bytes, [&](std::string& s) {
    s += kMarks[rng.below(sizeof kMarks / sizeof *kMarks)];
    if (rng.below(3) == 0) s += ' ';
  });
}

// Only capitalised words: known names, titles and invented ones, no verbs.
void capitalised_words(std::string& out, std::size_t bytes) {
  Rng rng;
  static const char* const kSyllables[] = {"Ka", "Lo", "Mé", "Ri", "Tan", "Vou", "Zé", "Bra", "Chi", "Dou"};
  fill(out, bytes, [&](std::string& s) {
    if (rng.below(2) == 0) {
      s += kNames[rng.below(sizeof kNames / sizeof *kNames)];
    } else {
      s += kSyllables[rng.below(10)];
      s += "lov";
    }
    s += rng.below(40) == 0 ? "\n\n" : " ";
  });
}

// One line without any white space: words glued by punctuation, elisions,
// hyphens and quote marks.
void one_line(std::string& out, std::size_t bytes) {
  Rng rng;
  static const char* const kGlue[] = {"-", "’", "«", "»", ",", ".", "/", "#", "“", "”", ":"};
  fill(out, bytes, [&](std::string& s) {
    s += kNames[rng.below(sizeof kNames / sizeof *kNames)];
    s += kGlue[rng.below(sizeof kGlue / sizeof *kGlue)];
  });
}

// Deeply nested quotes: half the text opens quotes (guillemets doubled «« as
// in the issue, and alternating styles so that each level is a real one),
// then a sentence, then every level is closed.
void nested(std::string& out, std::size_t bytes) {
  static const char* const kOpen[] = {"«« ", "“ ", "‹ ", "„ ", "« "};
  static const char* const kClose[] = {" »»", " ”", " ›", " “", " »"};
  out.clear();
  out.reserve(bytes + 64);
  const std::string middle = "Nous suspendons la mission, a déclaré Sergueï Lavrov";
  std::vector<std::size_t> stack;
  std::size_t i = 0;
  while (out.size() + middle.size() < bytes / 2) {
    out += kOpen[i % 5];
    stack.push_back(i % 5);
    ++i;
  }
  out += middle;
  while (!stack.empty()) {
    out += kClose[stack.back()];
    stack.pop_back();
  }
  out += ", a-t-il ajouté.";
}

// An opening guillemet per paragraph, never closed: every paragraph may
// continue the quote of the previous one.
void open_paragraphs(std::string& out, std::size_t bytes) {
  Rng rng;
  fill(out, bytes, [&](std::string& s) {
    s += "«";
    if (rng.below(2) == 0) s += " Non";
    s += "\n\n";
  });
}

// Many people, each named in full once and then by surname, speaking with
// incises, pronouns and titles: the tables a document builds as it goes
// (surnames, people on stage, their roles) grow with its length.
void many_people(std::string& out, std::size_t bytes) {
  Rng rng;
  static const char* const kGiven[] = {"Marie", "Jean", "Sophie", "Pierre", "Claire", "Ahmed", "Nadia", "Luc"};
  static const char* const kSyllables[] = {"ka",  "lo",  "mé",  "ri",  "tan", "vou", "zé",  "bra",
                                           "chi", "dou", "gar", "nel", "pou", "sin", "tér", "vil"};
  std::uint64_t person = 0;
  fill(out, bytes, [&](std::string& s) {
    std::string surname = "B";
    for (std::uint64_t n = ++person; n > 0; n /= 16) surname += kSyllables[n % 16];
    s += "« Nous verrons », a déclaré ";
    s += kGiven[rng.below(8)];
    s += ' ';
    s += surname;
    s += ", ministre de la Culture. ";
    s += surname;
    s += " a ajouté : « Rien n’est décidé. » « C’est tôt », a-t-il dit, selon le ministre.\n\n";
  });
}

struct Case {
  const char* name;
  void (*make)(std::string&, std::size_t);
};

const Case kCases[] = {
    {"quote-marks", quote_marks}, {"capitalised-words", capitalised_words}, {"one-line-no-spaces", one_line},
    {"nested-quotes", nested},    {"open-paragraphs", open_paragraphs},     {"many-people", many_people},
};

// Peak resident memory of this process so far, in MB (VmHWM).
double peak_rss_mb() {
  FILE* f = std::fopen("/proc/self/status", "r");
  if (f == nullptr) return 0;
  char line[256];
  double kb = 0;
  while (std::fgets(line, sizeof line, f) != nullptr) {
    if (std::strncmp(line, "VmHWM:", 6) == 0) kb = std::strtod(line + 6, nullptr);
  }
  std::fclose(f);
  return kb / 1024.0;
}

struct Figures {
  double extract_rss_mb = 0;
  double seconds = 0;
  double json_seconds = 0;
  std::size_t quotes = 0;
  std::size_t entities = 0;
  std::size_t json_bytes = 0;
};

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> sizes{1, 10, 100};
  std::vector<std::string> only;
  double budget = 300;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--sizes" && i + 1 < argc) {
      sizes.clear();
      for (char* p = argv[++i]; *p;) {
        sizes.push_back(std::strtoul(p, &p, 10));
        if (*p == ',') ++p;
      }
    } else if (arg == "--case" && i + 1 < argc) {
      only.emplace_back(argv[++i]);
    } else if (arg == "--budget" && i + 1 < argc) {
      budget = std::strtod(argv[++i], nullptr);
    } else {
      std::fprintf(stderr, "usage: %s [--sizes 1,10,100] [--case NAME]... [--budget SECONDS]\n", argv[0]);
      return 2;
    }
  }

  parole::Options options;
  options.max_document_bytes = std::size_t{1} << 30U;
  const auto build_start = std::chrono::steady_clock::now();
  const parole::Extractor extractor(options);
  (void)extractor.extract("« Échauffement », a dit Marie Dupont.");
  const double build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - build_start).count();
  rusage self{};
  getrusage(RUSAGE_SELF, &self);
  std::printf("extractor built in %.2f s, %.0f MB resident before any case\n\n", build_seconds,
              static_cast<double>(self.ru_maxrss) / 1024.0);
  std::printf("%-20s %7s %9s %9s %8s %8s %10s %9s %12s %12s\n", "case", "MB", "extract s", "MB/s", "s/MB x", "json s",
              "quotes", "entities", "RSS extract", "RSS +json");
  std::fflush(stdout);

  for (const Case& c : kCases) {
    if (!only.empty()) {
      bool wanted = false;
      for (const std::string& o : only) wanted = wanted || o == c.name;
      if (!wanted) continue;
    }
    double first_per_mb = 0;
    double last_seconds = 0;
    double last_growth = 1;
    std::size_t last_mb = 0;
    bool skip = false;
    for (const std::size_t mb : sizes) {
      if (!skip && last_mb > 0) {
        const double ratio = static_cast<double>(mb) / static_cast<double>(last_mb);
        const double predicted = last_seconds * ratio * (last_growth > 1.5 ? last_growth * ratio : 1.0);
        if (predicted > budget) {
          std::printf("%-20s %7zu   not run: about %.0f s predicted (time per MB grew %.1fx), over the %.0f s budget\n",
                      c.name, mb, predicted, last_growth, budget);
          skip = true;
        }
      }
      if (skip) continue;
      int fds[2];
      if (pipe(fds) != 0) return 1;
      std::fflush(stdout);
      const pid_t child = fork();
      if (child == 0) {
        close(fds[0]);
        std::string text;
        c.make(text, mb << 20U);
        Figures f;
        const auto t0 = std::chrono::steady_clock::now();
        const parole::Result r = extractor.extract(text);
        const auto t1 = std::chrono::steady_clock::now();
        f.extract_rss_mb = peak_rss_mb();
        const std::string json = parole::to_json(r);
        const auto t2 = std::chrono::steady_clock::now();
        f.seconds = std::chrono::duration<double>(t1 - t0).count();
        f.json_seconds = std::chrono::duration<double>(t2 - t1).count();
        f.quotes = r.quotes.size();
        f.entities = r.entities.size();
        f.json_bytes = json.size();
        if (r.diagnostics.too_large) f.quotes = static_cast<std::size_t>(-1);
        (void)!write(fds[1], &f, sizeof f);
        _exit(0);
      }
      close(fds[1]);
      Figures f;
      const bool got = read(fds[0], &f, sizeof f) == static_cast<ssize_t>(sizeof f);
      close(fds[0]);
      int status = 0;
      rusage usage{};
      wait4(child, &status, 0, &usage);
      if (!got || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::printf("%-20s %7zu   FAILED (status %d)\n", c.name, mb, status);
        skip = true;
        continue;
      }
      const double per_mb = f.seconds / static_cast<double>(mb);
      if (first_per_mb == 0) first_per_mb = per_mb;
      std::printf("%-20s %7zu %9.3f %9.2f %8.2f %8.3f %10zu %9zu %9.0f MB %9.0f MB\n", c.name, mb, f.seconds,
                  static_cast<double>(mb) / f.seconds, per_mb / first_per_mb, f.json_seconds, f.quotes, f.entities,
                  f.extract_rss_mb, static_cast<double>(usage.ru_maxrss) / 1024.0);
      std::fflush(stdout);
      // Extrapolate from the cost per MB seen so far (it grows with the size
      // when a stage is not linear) before running the next size.
      last_seconds = f.seconds + f.json_seconds;
      last_mb = mb;
      last_growth = std::max(1.0, per_mb / first_per_mb);
    }
  }
  return 0;
}
