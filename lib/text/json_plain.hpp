// Bytes that a JSON string holds as they are: printable ASCII but the quote
// and the backslash. Most of a news text is such bytes between its accents,
// so both the JSON writer and the CLI's reader of JSON Lines step over them
// eight at a time.
#ifndef PAROLE_TEXT_JSON_PLAIN_HPP
#define PAROLE_TEXT_JSON_PLAIN_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace parole::text {

template <bool kUtf8Plain = false>
bool json_plain(unsigned char c) {
  return c >= 0x20 && (kUtf8Plain || c < 0x80) && c != '"' && c != '\\';
}

// Where the first of the 8 bytes at `p` that is not plain is, 8 if none. Such
// a byte marks its high bit in the word (the lowest mark is exact, those above
// it may not be). kUtf8Plain: bytes of UTF-8 sequences count as plain (for
// text known to be valid UTF-8, which JSON holds as it is).
template <bool kUtf8Plain = false>
std::size_t first_not_json_plain(const char* p) {
  constexpr std::uint64_t kOnes = 0x0101010101010101U;
  constexpr std::uint64_t kHigh = kOnes * 0x80U;
  const auto zero_bytes = [](std::uint64_t v) { return (v - kOnes) & ~v; };
  std::uint64_t x = 0;
  std::memcpy(&x, p, sizeof x);
  const std::uint64_t control = (x - kOnes * 0x20U) & ~x;
  const std::uint64_t high = kUtf8Plain ? 0 : x;
  const std::uint64_t marks = (high | control | zero_bytes(x ^ (kOnes * '"')) | zero_bytes(x ^ (kOnes * '\\'))) & kHigh;
  if (marks == 0) return sizeof x;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  return static_cast<std::size_t>(__builtin_ctzll(marks)) / 8;
#else
  std::size_t i = 0;
  while (json_plain<kUtf8Plain>(static_cast<unsigned char>(p[i]))) ++i;
  return i;
#endif
}

// The first byte at or after `pos` that is not plain (or s.size()).
template <bool kUtf8Plain = false>
std::size_t skip_json_plain(std::string_view s, std::size_t pos) {
  while (pos + sizeof(std::uint64_t) <= s.size()) {
    const std::size_t plain = first_not_json_plain<kUtf8Plain>(s.data() + pos);
    pos += plain;
    if (plain < sizeof(std::uint64_t)) return pos;
  }
  while (pos < s.size() && json_plain<kUtf8Plain>(static_cast<unsigned char>(s[pos]))) ++pos;
  return pos;
}

}  // namespace parole::text

#endif
