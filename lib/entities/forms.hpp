// What a gazetteer may hold, for every way in (JSON, JSON Lines, TSV, a
// compiled file, save_compiled): one set of rules, so that no format lets in
// what another refuses.
#ifndef PAROLE_ENTITIES_FORMS_HPP
#define PAROLE_ENTITIES_FORMS_HPP

#include <cstddef>
#include <string_view>

#include "text/utf8.hpp"

namespace parole::entities {

inline constexpr std::size_t kMaxFormBytes = 4096;

enum class FormProblem { kNone, kBlank, kTooLong, kNotUtf8, kControl };

struct FormCheck {
  FormProblem problem = FormProblem::kNone;
  std::size_t at = 0;  // byte of the form where the problem is (kNotUtf8, kControl)
};

// Valid UTF-8 without control characters (a NUL would cut text short in C
// APIs, a tab or line break would corrupt TSV and CSV output). Invalid UTF-8
// is reported first, wherever it is. One pass: a million names are checked
// when a big gazetteer loads.
inline FormCheck check_text(std::string_view s) {
  std::size_t control = std::string_view::npos;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if ((c < 0x20 || c == 0x7F) && control == std::string_view::npos) control = i;
      ++i;
      continue;
    }
    const char32_t two = text::two_byte_at(s, i);
    if (two != 0) {
      i += 2;
      continue;
    }
    const text::Decoded d = text::decode_at(s, i);
    if (!d.valid) return {FormProblem::kNotUtf8, i};
    i += d.length;
  }
  if (control != std::string_view::npos) return {FormProblem::kControl, control};
  return {};
}

// A name, alias, role, id or type: not blank, not huge, and check_text.
inline FormCheck check_form(std::string_view form) {
  if (form.find_first_not_of(" \t") == std::string_view::npos) return {FormProblem::kBlank, 0};
  if (form.size() > kMaxFormBytes) return {FormProblem::kTooLong, 0};
  return check_text(form);
}

inline bool valid_gender(std::string_view gender) { return gender.empty() || gender == "m" || gender == "f"; }

}  // namespace parole::entities

#endif
