#include "text/utf8.hpp"

#include <algorithm>
#include <iterator>

#include "text/sse2.hpp"

namespace parole::text {
namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0U) == 0x80U; }

// From a code point boundary, the sixteen-byte blocks made of ASCII and
// well-formed two-byte sequences (lead byte C2–DF, then one continuation
// byte: the accents of French, Latin and Cyrillic letters), checked without a
// branch per byte; returns where the first other block starts (a code point
// boundary), for the byte-by-byte check. A sequence cut by the end of a block
// is left to the next one: the block is taken one byte shorter.
std::size_t skip_two_byte_blocks(std::string_view s, std::size_t pos) noexcept {
#if defined(__SSE2__)
  const std::size_t n = s.size();
  while (pos + 16 <= n) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + pos));
    unsigned high = static_cast<unsigned>(_mm_movemask_epi8(v));
    auto leads = static_cast<unsigned>(_mm_movemask_epi8(sse2::bytes_in_range(v, 0xC2, 0xE0 - 0xC2)));
    auto continuations = static_cast<unsigned>(_mm_movemask_epi8(sse2::bytes_in_range(v, 0x80, 0xC0 - 0x80)));
    std::size_t length = 16;
    if ((leads & 0x8000U) != 0) {  // its continuation is in the next block
      length = 15;
      high &= 0x7FFFU;
      leads &= 0x7FFFU;
      continuations &= 0x7FFFU;
    }
    if ((leads | continuations) != high || continuations != ((leads << 1U) & 0xFFFFU)) return pos;
    pos += length;
  }
#endif
  return pos;
}

}  // namespace

// Offsets keep pointing at the reference in the input: the caller advances by
// its whole length.
bool html_reference(std::string_view s, std::size_t pos, Decoded* out) noexcept {
  struct Named {
    std::string_view name;
    char32_t cp;
  };
  static constexpr Named kNamed[] = {
      {"quot", '"'},     {"laquo", 0xAB},    {"raquo", 0xBB},    {"ldquo", 0x201C},  {"rdquo", 0x201D},
      {"bdquo", 0x201E}, {"lsaquo", 0x2039}, {"rsaquo", 0x203A}, {"lsquo", 0x2018},  {"rsquo", 0x2019},
      {"apos", '\''},    {"nbsp", 0xA0},     {"amp", '&'},       {"hellip", 0x2026}, {"ndash", 0x2013},
      {"mdash", 0x2014}, {"thinsp", 0x2009}, {"eacute", 0xE9},   {"egrave", 0xE8},   {"agrave", 0xE0},
  };
  constexpr std::size_t kLongest = 10;
  const std::size_t semi = s.substr(pos, kLongest).find(';');
  if (semi == std::string_view::npos || semi < 2) return false;
  const std::string_view body = s.substr(pos + 1, semi - 1);
  char32_t cp = 0;
  if (body[0] == '#') {
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    const std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) return false;
    for (const char c : digits) {
      const int v = c >= '0' && c <= '9'          ? c - '0'
                    : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                  : -1;
      if (v < 0) return false;
      cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(v);
      if (cp > 0x10FFFF) return false;
    }
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
  } else {
    const auto* found =
        std::find_if(std::begin(kNamed), std::end(kNamed), [&](const Named& n) { return n.name == body; });
    if (found == std::end(kNamed)) return false;
    cp = found->cp;
  }
  *out = Decoded{cp, static_cast<std::uint8_t>(semi + 1), true};
  return true;
}

Decoded decode_at(std::string_view s, std::size_t pos) noexcept {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80U) return {b0, 1, true};
  const Decoded bad{kReplacement, 1, false};
  std::size_t need = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (b0 >= 0xC2U && b0 <= 0xDFU) {
    need = 1, cp = b0 & 0x1FU, min = 0x80;
  } else if (b0 >= 0xE0U && b0 <= 0xEFU) {
    need = 2, cp = b0 & 0x0FU, min = 0x800;
  } else if (b0 >= 0xF0U && b0 <= 0xF4U) {
    need = 3, cp = b0 & 0x07U, min = 0x10000;
  } else {
    return bad;
  }
  if (pos + need >= s.size()) return bad;
  for (std::size_t i = 1; i <= need; ++i) {
    const auto b = static_cast<unsigned char>(s[pos + i]);
    if (!is_continuation(b)) return bad;
    cp = (cp << 6U) | (b & 0x3FU);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return bad;
  return {cp, static_cast<std::uint8_t>(need + 1), true};
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6U)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3FU)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12U)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6U) & 0x3FU)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3FU)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18U)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12U) & 0x3FU)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6U) & 0x3FU)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3FU)));
  }
}

std::size_t skip_valid_utf8(std::string_view s, std::size_t pos) noexcept {
  const std::size_t n = s.size();
  while (pos < n) {
    pos = skip_two_byte_blocks(s, pos);
    // The block that stopped it, code point by code point, then blocks again.
    const std::size_t block_end = std::min(n, pos + 16);
    while (pos < block_end) {
      if (static_cast<unsigned char>(s[pos]) < 0x80U) {
        ++pos;
      } else if (two_byte_at(s, pos) != 0) {
        pos += 2;
      } else {
        const Decoded d = decode_at(s, pos);
        if (!d.valid) return pos;
        pos += d.length;
      }
    }
  }
  return n;
}

Utf8Check check_utf8(std::string_view s) noexcept {
  Utf8Check result;
  for (std::size_t pos = skip_valid_utf8(s, 0); pos < s.size(); pos = skip_valid_utf8(s, pos + 1)) {
    if (result.invalid_bytes == 0) result.first_invalid = pos;
    ++result.invalid_bytes;
  }
  return result;
}

}  // namespace parole::text
