// The folding and classification rules, computed with ICU for one code point.
// fold.cpp answers from a table that the build generates with these same
// functions (make_fold_table.cpp) for the code points below kFoldTableLimit,
// and calls them for the rest.
#ifndef PAROLE_TEXT_FOLD_RULES_HPP
#define PAROLE_TEXT_FOLD_RULES_HPP

#include <string>

#include "text/fold.hpp"

namespace parole::text::rules {

CharInfo compute_class(char32_t cp);
std::string compute_fold(char32_t cp);

}  // namespace parole::text::rules

#endif
