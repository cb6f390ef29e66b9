// Organisations the gazetteer does not know, named the way news names them:
// an organisation noun followed by a proper noun (« l'association Roue
// Libre », « le syndicat SUD-PTT », « le quotidien français Le Figaro »).
// Each becomes a document-local, unlinked ORG record whose role is the noun,
// so that a later « le syndicat » or « l'association » can stand for it.
#ifndef PAROLE_QUOTES_ORGANISATIONS_HPP
#define PAROLE_QUOTES_ORGANISATIONS_HPP

#include <cstdint>
#include <vector>

#include "entities/matcher.hpp"
#include "entities/records.hpp"
#include "quotes/lexicon.hpp"
#include "text/tokens.hpp"

namespace parole::quotes {

// `nouns`: where organisation nouns may start (NounStarts::organisation).
void find_organisations(const text::Tokens& toks, const Lexicon& lex, const std::vector<std::uint32_t>& nouns,
                        entities::Records& records, std::vector<entities::NameMatch>& matches);

}  // namespace parole::quotes

#endif
