// People the gazetteer does not know. News is full of mayors, witnesses and
// spokespeople: a given name followed by a surname (« Gérald Karsenti »,
// « Jean-Marie Le Pen », « Charles de Gaulle ») or an honorific followed by a
// capitalised name (« M. Foote ») is a person. Each becomes a document-local,
// unlinked record (no id) with the gender its given name or honorific tells;
// « M. Karsenti » after « Gérald Karsenti » is the same person.
#ifndef PAROLE_QUOTES_PEOPLE_HPP
#define PAROLE_QUOTES_PEOPLE_HPP

#include <cstdint>
#include <vector>

#include "entities/matcher.hpp"
#include "entities/records.hpp"
#include "quotes/lexicon.hpp"
#include "text/tokens.hpp"

namespace parole::quotes {

// Adds the people found to `records` (as local records) and their mentions to
// `matches` (kept in text order, never overlapping a gazetteer match).
// `capitals`: entities::capitalised_words(toks).
void find_people(const text::Tokens& toks, const Lexicon& lex, const std::vector<std::uint32_t>& capitals,
                 entities::Records& records, std::vector<entities::NameMatch>& matches);

}  // namespace parole::quotes

#endif
