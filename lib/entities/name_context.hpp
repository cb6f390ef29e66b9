// What a text writes right before a name it tags: an honorific (« M. »,
// « Mme », « Dr ») and a title (« le président français », « la ministre de
// la Culture », « porte-parole du Kremlin »). They are reported with the
// mention and change no entity, except that for a name several entities
// share they pick among its candidates (resolve_ambiguity's context step).
//
//   « M. Lavrov »                                   honorific « M. »
//   « le ministre russe des Affaires étrangères Sergueï Lavrov »
//                                                   title « ministre russe des Affaires étrangères »
//   « la présidente, Mme Claire Dupont »            honorific « Mme » (the comma ends the title)
//   « le ministre a reçu Paul Durand »              nothing (a verb is not part of a title)
//   « la mission militaire de l’OTAN »              nothing (a complement, not an apposition)
//   « le Parti communiste chinois Xi Jinping »      nothing (capitalised: an organisation's name)
#ifndef PAROLE_ENTITIES_NAME_CONTEXT_HPP
#define PAROLE_ENTITIES_NAME_CONTEXT_HPP

#include <cstddef>
#include <optional>

#include "quotes/lexicon.hpp"
#include "text/tokens.hpp"

namespace parole::entities {

struct TokenRange {
  std::size_t first;  // tokens [first, last]
  std::size_t last;
};

struct NameContext {
  std::optional<TokenRange> honorific;
  std::optional<TokenRange> title;  // without its determiner
  // An organisation noun (« le syndicat », « l’agence »): a title for an
  // organisation, not for a person.
  bool title_is_organisation = false;
};

// The context of the name that starts at token `name_first`.
NameContext name_context(const text::Tokens& toks, const quotes::Lexicon& lex, std::size_t name_first);

}  // namespace parole::entities

#endif
