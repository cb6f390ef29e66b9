// Bytes that a JSON string holds as they are: printable ASCII but the quote
// and the backslash. Most of a news text is such bytes between its accents,
// so both the JSON writer and the CLI's reader of JSON Lines step over them
// sixteen (SSE2) or eight at a time.
#ifndef PAROLE_TEXT_JSON_PLAIN_HPP
#define PAROLE_TEXT_JSON_PLAIN_HPP

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "text/utf8.hpp"

namespace parole::text {

template <bool kUtf8Plain = false>
bool json_plain(unsigned char c) {
  return c >= 0x20 && (kUtf8Plain || c < 0x80) && c != '"' && c != '\\';
}

namespace json_plain_detail {

constexpr std::uint64_t kOnes = 0x0101010101010101U;
constexpr std::uint64_t kHigh = kOnes * 0x80U;

// The quotes, backslashes and control characters of the 8 bytes in `x`, each
// marked by its high bit. The lowest mark is exact, those above it may not
// be (a borrow runs up from a marked byte); with no such byte there is no
// mark at all. A byte >= 0x80 is never marked.
inline std::uint64_t escape_marks(std::uint64_t x) {
  const auto zero_bytes = [](std::uint64_t v) { return (v - kOnes) & ~v; };
  const std::uint64_t control = (x - kOnes * 0x20U) & ~x;
  return (control | zero_bytes(x ^ (kOnes * '"')) | zero_bytes(x ^ (kOnes * '\\'))) & kHigh;
}

#if defined(__SSE2__)
// The bytes of the 16 at `p` that are not plain, one bit each (bit i: p[i]).
template <bool kUtf8Plain>
unsigned not_plain_mask16(const char* p) {
  const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // x <= 0x1F, unsigned: the control characters (and nothing >= 0x80).
  const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1F)), x);
  const __m128i quote = _mm_cmpeq_epi8(x, _mm_set1_epi8('"'));
  const __m128i backslash = _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'));
  auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))));
  if (!kUtf8Plain) mask |= static_cast<unsigned>(_mm_movemask_epi8(x));  // the high bits
  return mask;
}
#endif

}  // namespace json_plain_detail

// Where the first of the 8 bytes at `p` that is not plain is, 8 if none. Such
// a byte marks its high bit in the word (the lowest mark is exact, those above
// it may not be). kUtf8Plain: bytes of UTF-8 sequences count as plain (for
// text known to be valid UTF-8, which JSON holds as it is).
template <bool kUtf8Plain = false>
std::size_t first_not_json_plain(const char* p) {
  std::uint64_t x = 0;
  std::memcpy(&x, p, sizeof x);
  const std::uint64_t high = kUtf8Plain ? 0 : x & json_plain_detail::kHigh;
  const std::uint64_t marks = high | json_plain_detail::escape_marks(x);
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
#if defined(__SSE2__)
  constexpr std::size_t kBlock = 16;
  for (; pos + kBlock <= s.size(); pos += kBlock) {
    const unsigned mask = json_plain_detail::not_plain_mask16<kUtf8Plain>(s.data() + pos);
    if (mask != 0) return pos + static_cast<std::size_t>(__builtin_ctz(mask));
  }
#endif
  while (pos + sizeof(std::uint64_t) <= s.size()) {
    const std::size_t plain = first_not_json_plain<kUtf8Plain>(s.data() + pos);
    pos += plain;
    if (plain < sizeof(std::uint64_t)) return pos;
  }
  while (pos < s.size() && json_plain<kUtf8Plain>(static_cast<unsigned char>(s[pos]))) ++pos;
  return pos;
}

// What the bytes of a whole string ask of a JSON writer, found without
// stopping at each one: whether any is a quote, a backslash or a control
// character (to be escaped), and whether any is >= 0x80 (part of a UTF-8
// sequence, valid or not: to be checked).
struct JsonStringBytes {
  bool escapes = false;
  bool non_ascii = false;
};

namespace json_plain_detail {

inline std::uint64_t load8(const char* at) {
  std::uint64_t x = 0;
  std::memcpy(&x, at, sizeof x);
  return x;
}

inline JsonStringBytes bytes_of_words(std::uint64_t escape_marks, std::uint64_t any_bytes) {
  return {escape_marks != 0, (any_bytes & kHigh) != 0};
}

}  // namespace json_plain_detail

// json_string_bytes() of a string of 16 bytes at most: a few instructions,
// no loop. Each word it reads is made of bytes of `s` only, some read twice
// (an "any" does not mind): a padding byte would read as a control character.
inline JsonStringBytes json_short_string_bytes(std::string_view s) {
  using json_plain_detail::escape_marks;
  using json_plain_detail::load8;
  const char* const p = s.data();
  const std::size_t n = s.size();
  std::uint64_t x = 0;  // 8 bytes of `s`
  std::uint64_t y = 0;  // 8 more, or the same again
  if (n >= 8) {
    x = load8(p);
    y = load8(p + n - 8);
  } else if (n >= 4) {
    std::uint32_t head = 0;
    std::uint32_t tail = 0;
    std::memcpy(&head, p, sizeof head);
    std::memcpy(&tail, p + n - 4, sizeof tail);
    x = y = head | static_cast<std::uint64_t>(tail) << 32U;
  } else if (n > 0) {
    const auto byte = [&](std::size_t i) { return static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])); };
    const std::uint64_t three = byte(0) | byte(n / 2) << 8U | byte(n - 1) << 16U;  // some read twice
    x = y = three | three << 24U | three << 48U;                                   // copied over all 8
  } else {
    return {};
  }
  return json_plain_detail::bytes_of_words(escape_marks(x) | escape_marks(y), x | y);
}

inline JsonStringBytes json_string_bytes(std::string_view s) {
  const char* const p = s.data();
  const std::size_t n = s.size();
  if (n <= 16) return json_short_string_bytes(s);
#if defined(__SSE2__)
  unsigned escapes = 0;
  unsigned high = 0;
  const auto add_block = [&](const char* at) {
    escapes |= json_plain_detail::not_plain_mask16<true>(at);
    high |= static_cast<unsigned>(_mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(at))));
  };
  for (std::size_t pos = 0; pos + 16 < n; pos += 16) add_block(p + pos);
  add_block(p + n - 16);  // over the last bytes again, if need be
  return {escapes != 0, high != 0};
#else
  std::uint64_t escapes = 0;
  std::uint64_t any_bytes = 0;
  const auto add_word = [&](std::uint64_t x) {
    escapes |= json_plain_detail::escape_marks(x);
    any_bytes |= x;
  };
  for (std::size_t pos = 0; pos + 8 < n; pos += 8) add_word(json_plain_detail::load8(p + pos));
  add_word(json_plain_detail::load8(p + n - 8));
  return json_plain_detail::bytes_of_words(escapes, any_bytes);
#endif
}

// True when JSON writes `s` as it is between its quotes: no quote,
// backslash or control character, and its bytes >= 0x80 all in well-formed
// UTF-8 sequences. `bytes`: json_string_bytes(s) or, when s has 16 bytes at
// most, json_short_string_bytes(s).
inline bool verbatim_in_json(std::string_view s, JsonStringBytes bytes) {
  return !bytes.escapes && (!bytes.non_ascii || skip_valid_utf8(s, 0) == s.size());
}

inline bool verbatim_in_json(std::string_view s) { return verbatim_in_json(s, json_string_bytes(s)); }

}  // namespace parole::text

#endif
