// memchr over the text for a byte it does not have: the cost of reading the
// bytes, the ceiling for any tagger (bench/peers.sh). Best of 5 runs.
#include <cstring>

#include "peer_common.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s TEXT\n", argv[0]);
    return 2;
  }
  const std::string text = peer::read_file(argv[1]);
  double best = 1e30;
  std::size_t found = 0;
  for (int r = 0; r < 5; ++r) {
    const auto t0 = peer::Clock::now();
    found = std::memchr(text.data(), 0x01, text.size()) != nullptr ? 1 : 0;
    best = std::min(best, peer::since(t0));
  }
  peer::print("memchr", text.size(), best, found, 0);
  return 0;
}
