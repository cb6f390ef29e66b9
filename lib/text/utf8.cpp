#include "text/utf8.hpp"

#include <cstring>

namespace parole::text {
namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0U) == 0x80U; }

}  // namespace

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

std::size_t skip_ascii(std::string_view s, std::size_t pos) noexcept {
  const std::size_t n = s.size();
  for (; pos + 8 <= n; pos += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, s.data() + pos, 8);
    if ((word & 0x8080808080808080ULL) != 0) break;
  }
  while (pos < n && static_cast<unsigned char>(s[pos]) < 0x80U) ++pos;
  return pos;
}

Utf8Check check_utf8(std::string_view s) noexcept {
  Utf8Check result;
  for (std::size_t pos = skip_ascii(s, 0); pos < s.size(); pos = skip_ascii(s, pos)) {
    const Decoded d = decode_at(s, pos);
    if (!d.valid) {
      if (result.invalid_bytes == 0) result.first_invalid = pos;
      ++result.invalid_bytes;
    }
    pos += d.length;
  }
  return result;
}

}  // namespace parole::text
