// Strict UTF-8 validation for the fuzz targets, written apart from the
// library's own decoder so that the targets check it rather than trust it.
#ifndef PAROLE_FUZZ_UTF8_CHECK_HPP
#define PAROLE_FUZZ_UTF8_CHECK_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace parole_fuzz {

// Well-formed UTF-8 (RFC 3629): no overlong form, surrogate, value beyond
// U+10FFFF or truncated sequence.
inline bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (b < 0x80) {
      ++i;
      continue;
    }
    if (b >= 0xC2 && b <= 0xDF) {
      n = 1, cp = b & 0x1FU;
    } else if (b >= 0xE0 && b <= 0xEF) {
      n = 2, cp = b & 0x0FU;
    } else if (b >= 0xF0 && b <= 0xF4) {
      n = 3, cp = b & 0x07U;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;
    for (std::size_t k = 1; k <= n; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0U) != 0x80U) return false;
      cp = (cp << 6U) | (c & 0x3FU);
    }
    const std::uint32_t min = n == 1 ? 0x80 : n == 2 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

}  // namespace parole_fuzz

#endif  // PAROLE_FUZZ_UTF8_CHECK_HPP
