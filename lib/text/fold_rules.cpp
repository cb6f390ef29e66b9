#include "text/fold_rules.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "text/utf8.hpp"

namespace parole::text::rules {
namespace {

bool is_apostrophe(char32_t cp) {
  return cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x2032 || cp == 0x0060 || cp == 0x00B4 || cp == 0xFF07;
}

bool is_hyphen(char32_t cp) { return cp == 0x2010 || cp == 0x2011 || cp == 0xFE63 || cp == 0xFF0D; }

}  // namespace

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

}  // namespace parole::text::rules
