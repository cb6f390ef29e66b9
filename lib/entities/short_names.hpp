// Short names of people already named in full: once a document has said
// « Sergueï Lavrov » or « Jean-Marie Le Pen », a later « Lavrov » or « Le Pen »
// is the same person, whether or not the gazetteer lists that short form.
// Only surnames of at least three letters, written with a capital, after the
// first full mention; a surname shared by two people named in the document is
// left alone.
#ifndef PAROLE_ENTITIES_SHORT_NAMES_HPP
#define PAROLE_ENTITIES_SHORT_NAMES_HPP

#include <string_view>
#include <vector>

#include "entities/matcher.hpp"
#include "entities/records.hpp"
#include "parole/parole.hpp"
#include "text/tokens.hpp"

namespace parole::entities {

// A surname's folded words, viewed in the tokens (valid while they are).
using Surname = std::vector<std::string_view>;

// The surnames a full-name match offers: what follows the first given name
// (« Jean-Marie Le Pen » -> « le pen »), and the last word alone.
std::vector<Surname> surnames(const text::Tokens& toks, const NameMatch& m);

// Adds the short-name mentions to `matches` (kept in text order, non-overlapping).
void add_short_names(const text::Tokens& toks, const Records& records, std::vector<NameMatch>& matches);

}  // namespace parole::entities

#endif
