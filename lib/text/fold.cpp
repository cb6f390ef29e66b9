#include "text/fold.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <vector>

#include "text/utf8.hpp"

namespace parole::text {
namespace {

constexpr char32_t kTableLimit = kFoldTableLimit;

bool is_apostrophe(char32_t cp) {
  return cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x2032 || cp == 0x0060 || cp == 0x00B4 || cp == 0xFF07;
}

bool is_hyphen(char32_t cp) { return cp == 0x2010 || cp == 0x2011 || cp == 0xFE63 || cp == 0xFF0D; }

CharInfo compute_class(char32_t cp) {
  const auto c = static_cast<UChar32>(cp);
  const bool upper = u_isUUppercase(c) || u_istitle(c);
  const bool lower = u_isULowercase(c);
  if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
    return {CharClass::kLineBreak, false, false};
  }
  if (u_isUWhiteSpace(c)) return {CharClass::kSpace, false, false};
  if (cp == 0x00AD || cp == 0xFEFF || cp == 0x2060 || (cp >= 0x200B && cp <= 0x200D)) {
    return {CharClass::kIgnorable, false, false};
  }
  if (u_isalnum(c) || u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY_MASK) & U_GC_M_MASK) {
    return {CharClass::kWord, upper, lower};
  }
  return {CharClass::kPunct, false, false};
}

std::string compute_fold(char32_t cp) {
  std::string out;
  if (is_apostrophe(cp)) return "'";
  if (is_hyphen(cp)) return "-";
  const CharInfo info = compute_class(cp);
  if (info.cls == CharClass::kIgnorable) return out;
  if (info.cls == CharClass::kSpace || info.cls == CharClass::kLineBreak) return " ";
  if (cp == 0x0153 || cp == 0x0152) return "oe";
  if (cp == 0x00E6 || cp == 0x00C6) return "ae";
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  const UChar32 folded = u_foldCase(static_cast<UChar32>(cp), U_FOLD_CASE_DEFAULT);
  icu::UnicodeString decomposition;
  if (U_FAILURE(status) || nfkd == nullptr || !nfkd->getDecomposition(folded, decomposition)) {
    decomposition = icu::UnicodeString(folded);
  }
  for (int32_t i = 0; i < decomposition.length();) {
    const UChar32 part = decomposition.char32At(i);
    i += U16_LENGTH(part);
    if (u_getIntPropertyValue(part, UCHAR_GENERAL_CATEGORY_MASK) & U_GC_MN_MASK) continue;
    append_utf8(out, static_cast<char32_t>(u_foldCase(part, U_FOLD_CASE_DEFAULT)));
  }
  return out;
}

struct Tables {
  std::vector<std::string> folded;
  std::vector<FoldedChar> chars;  // the class, and the folded form when it is short
  Tables() : folded(kTableLimit), chars(kTableLimit) {
    for (char32_t cp = 0; cp < kTableLimit; ++cp) {
      folded[cp] = compute_fold(cp);
      FoldedChar& c = chars[cp];
      c.info = compute_class(cp);
      const bool fits = folded[cp].size() <= sizeof(c.bytes);
      c.length = fits ? static_cast<std::uint8_t>(folded[cp].size()) : FoldedChar::kLongFold;
      std::fill(std::begin(c.bytes), std::end(c.bytes), '\0');
      if (fits) std::copy(folded[cp].begin(), folded[cp].end(), std::begin(c.bytes));
    }
  }
};

const Tables& tables() {
  static const Tables instance;
  return instance;
}

}  // namespace

const FoldedChar* folded_chars() noexcept { return tables().chars.data(); }

CharInfo classify(char32_t cp) noexcept {
  if (cp < kTableLimit) return tables().chars[cp].info;
  return compute_class(cp);
}

void append_folded(std::string& out, char32_t cp) {
  if (cp > 0x20 && cp < 0x7F && cp != 0x60) {
    out.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp));
    return;
  }
  if (cp < kTableLimit) {
    out += tables().folded[cp];
  } else {
    out += compute_fold(cp);
  }
}

std::string fold(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t pos = 0; pos < utf8.size();) {
    const Decoded d = decode_at(utf8, pos);
    append_folded(out, d.code_point);
    pos += d.length;
  }
  return out;
}

std::string lower(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t pos = 0; pos < utf8.size();) {
    const Decoded d = decode_at(utf8, pos);
    const char32_t cp = d.code_point;
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp));
    } else if (cp == 0x2019 || cp == 0x2018) {
      out.push_back('\'');
    } else {
      append_utf8(out, static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp))));
    }
    pos += d.length;
  }
  return out;
}

}  // namespace parole::text
