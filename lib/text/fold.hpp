// Code-point folding used for matching: case folded, accents removed,
// apostrophe and hyphen variants unified, compatibility forms decomposed
// (NFKD), ligatures expanded. « SERGUEÏ », « Sergueï » and « Serguei » fold to
// the same bytes.
#ifndef PAROLE_TEXT_FOLD_HPP
#define PAROLE_TEXT_FOLD_HPP

#include <cstdint>
#include <string>
#include <string_view>

namespace parole::text {

enum class CharClass : unsigned char {
  kWord,       // letters, digits, combining marks: part of a word token
  kSpace,      // any Unicode white space except line breaks
  kLineBreak,  // \n, \r, U+2028, U+2029, U+0085
  kIgnorable,  // soft hyphen, zero-width characters, BOM: invisible
  kPunct,      // everything else: one token per code point
};

struct CharInfo {
  CharClass cls;
  bool upper;  // an upper-case or title-case letter
  bool lower;  // a lower-case letter
};

CharInfo classify(char32_t cp) noexcept;

// classify() and the folded form of one code point in eight bytes, for the
// tokenizer's hot loop: folded forms of up to four bytes are inline, longer
// ones have length kLongFold (append_folded() gives them).
struct FoldedChar {
  static constexpr std::uint8_t kLongFold = 0xFF;
  CharInfo info;
  std::uint8_t length;
  char bytes[4];
};
static_assert(sizeof(FoldedChar) == 8, "one load per code point");

// Code points below this bound are classified and folded by a table that the
// build generates (make_fold_table.cpp); the others by ICU, as they come.
inline constexpr char32_t kFoldTableLimit = 0x3000;

// The table: kFoldTableLimit entries, indexed by code point.
const FoldedChar* folded_chars() noexcept;

// Appends the folded form of cp (possibly empty) to out.
void append_folded(std::string& out, char32_t cp);

// Folds a whole string code point by code point (invalid bytes become U+FFFD).
std::string fold(std::string_view utf8);

// Lower-cases a string, keeping accents (« Déclaré » -> « déclaré »), for the
// words whose accents carry grammar: « déclare » / « déclaré », « a » / « à ».
std::string lower(std::string_view utf8);

}  // namespace parole::text

#endif
