// Shared by the C++ peers of bench/peers.sh (issue #6): reading the gazetteer
// (parole's TSV: id, type, name, aliases separated by |) and the text, timing,
// the whole-word test, and the one result line every peer prints:
//   NAME MB/s=... matches=... build_s=... rss_mb=...
// These programs measure other engines on parole's data; they are not part of
// parole and use nothing from it.
#ifndef PAROLE_BENCH_PEER_COMMON_HPP
#define PAROLE_BENCH_PEER_COMMON_HPP

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace peer {

using Clock = std::chrono::steady_clock;

inline double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

inline std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path);
    std::exit(2);
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every surface form (name and aliases), once each after ASCII lower-casing:
// the same list for every peer.
inline std::vector<std::string> read_forms(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path);
    std::exit(2);
  }
  std::vector<std::string> forms;
  std::set<std::string> seen;
  std::string line;
  const auto add = [&](std::string form) {
    if (form.empty()) return;
    std::string key = form;
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    if (seen.insert(key).second) forms.push_back(std::move(form));
  };
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (std::size_t tab = line.find('\t');; tab = line.find('\t', start)) {
      fields.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    if (fields.size() < 3) continue;
    add(fields[2]);
    if (fields.size() > 3) {
      std::size_t a = 0;
      for (std::size_t bar = fields[3].find('|');; bar = fields[3].find('|', a)) {
        add(fields[3].substr(a, bar == std::string::npos ? std::string::npos : bar - a));
        if (bar == std::string::npos) break;
        a = bar + 1;
      }
    }
  }
  return forms;
}

// The arguments of a peer that matches forms: GAZETTEER TEXT (exits with the
// usage otherwise).
struct Inputs {
  std::vector<std::string> forms;
  std::string text;
};
inline Inputs read_inputs(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s GAZETTEER TEXT\n", argv[0]);
    std::exit(2);
  }
  return Inputs{read_forms(argv[1]), read_file(argv[2])};
}

// A code point that is part of a word: ASCII letters and digits, Latin letters
// (U+00C0..U+024F but × and ÷), combining marks. Punctuation such as « » ’ and
// no-break spaces is not.
inline bool word_code_point(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20U) >= 'a' && (c | 0x20U) <= 'z');
  if (c == 0xD7 || c == 0xF7) return false;
  return (c >= 0xC0 && c <= 0x24F) || (c >= 0x300 && c <= 0x36F) || (c >= 0x370 && c < 0x2000);
}

inline char32_t decode(const std::string& s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return b;
  const int n = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
  char32_t c = b & (0x3F >> n);
  for (int k = 1; k <= n && i + k < s.size(); ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return c;
}

// [from, to) is a whole word in s: no word character right before or after.
inline bool whole_word(const std::string& s, std::size_t from, std::size_t to) {
  if (from > 0) {
    std::size_t p = from - 1;
    while (p > 0 && (static_cast<unsigned char>(s[p]) & 0xC0U) == 0x80U) --p;
    if (word_code_point(decode(s, p))) return false;
  }
  return to >= s.size() || !word_code_point(decode(s, to));
}

inline double rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

inline void print(const char* name, std::size_t bytes, double seconds, std::size_t matches, double build_s) {
  std::printf("%s MB/s=%.1f matches=%zu build_s=%.3f rss_mb=%.0f\n", name, static_cast<double>(bytes) / 1e6 / seconds,
              matches, build_s, rss_mb());
}

}  // namespace peer

#endif
