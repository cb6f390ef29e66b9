// Strict UTF-8 decoding that never fails: a byte that does not start a
// well-formed sequence (overlong, surrogate, beyond U+10FFFF, truncated) is
// read as U+FFFD and consumes exactly one byte, so offsets stay exact.
#ifndef PAROLE_TEXT_UTF8_HPP
#define PAROLE_TEXT_UTF8_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace parole::text {

inline constexpr char32_t kReplacement = 0xFFFD;

struct Decoded {
  char32_t code_point;
  std::uint8_t length;  // bytes consumed, 1..4
  bool valid;
};

Decoded decode_at(std::string_view s, std::size_t pos) noexcept;

// decode_at() for the commonest case of French text, inline: the code point
// of the well-formed two-byte sequence (U+0080 to U+07FF: accented letters,
// « », the no-break space) at s[pos], or 0 when there is none there.
inline char32_t two_byte_at(std::string_view s, std::size_t pos) noexcept {
  const auto lead = static_cast<unsigned char>(s[pos]);
  if (lead < 0xC2U || lead > 0xDFU || pos + 1 >= s.size()) return 0;
  const auto next = static_cast<unsigned char>(s[pos + 1]);
  return (next & 0xC0U) != 0x80U ? 0 : (static_cast<char32_t>(lead & 0x1FU) << 6U) | (next & 0x3FU);
}

// The HTML character reference at s[pos] (a '&': « &laquo; », « &quot; »,
// « &#171; », « &#x201C; », the ';' within 10 bytes) as the character it stands
// for, with its whole length; false when there is none. Scraped text keeps
// them; the tokenizer and the quote-mark finder read them the same way.
bool html_reference(std::string_view s, std::size_t pos, Decoded* out) noexcept;

void append_utf8(std::string& out, char32_t cp);

// The first position at or after pos where a byte is not part of a
// well-formed sequence (or s.size()): sixteen bytes at a time where they are
// ASCII and two-byte sequences (French accents), else code point by code point.
std::size_t skip_valid_utf8(std::string_view s, std::size_t pos) noexcept;

// Number of bytes that are not part of a well-formed sequence, and the first one.
struct Utf8Check {
  std::size_t invalid_bytes = 0;
  std::size_t first_invalid = 0;
};
Utf8Check check_utf8(std::string_view s) noexcept;

}  // namespace parole::text

#endif
