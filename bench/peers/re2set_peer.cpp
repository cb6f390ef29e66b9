// RE2::Set peer (bench/peers.sh): every surface form a literal, caseless
// pattern (RE2 folds Unicode case, not accents); the text is matched line by
// line and a match is a form found in a line. No word boundaries: RE2::Set says
// which patterns match, not where, so a match cannot be checked (and wrapping
// each form in (?:^|[^\pL\pN])…(?:$|[^\pL\pN]) makes 100 k forms fail to
// compile within 8 GB). build_s is the compile.
#include <re2/re2.h>
#include <re2/set.h>

#include "peer_common.hpp"

int main(int argc, char** argv) {
  const auto [forms, text] = peer::read_inputs(argc, argv);
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_max_mem(std::int64_t{8} << 30);
  options.set_log_errors(false);
  options.set_literal(true);
  const auto t0 = peer::Clock::now();
  RE2::Set set(options, RE2::UNANCHORED);
  for (const std::string& f : forms) {
    std::string error;
    if (set.Add(f, &error) < 0) {
      std::fprintf(stderr, "re2set: %s: %s\n", f.c_str(), error.c_str());
      return 1;
    }
  }
  if (!set.Compile()) {
    std::fprintf(stderr, "re2set: compile failed (out of memory?)\n");
    return 1;
  }
  const double build_s = peer::since(t0);
  std::size_t matches = 0;
  std::size_t failed = 0;
  std::vector<int> found;
  const auto t1 = peer::Clock::now();
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    RE2::Set::ErrorInfo info;
    if (set.Match(re2::StringPiece(text.data() + start, end - start), &found, &info)) {
      matches += found.size();
    } else if (info.kind != RE2::Set::kNoError) {
      ++failed;
    }
    start = end + 1;
  }
  const double seconds = peer::since(t1);
  if (failed > 0) std::fprintf(stderr, "re2set: %zu lines not matched (DFA out of memory)\n", failed);
  peer::print("re2set", text.size(), seconds, matches, build_s);
  return 0;
}
