// Speaker attribution: for each quotation, the cue and the speaker a careful
// reader finds, tried in this order:
//   incise after the quote     « … », a déclaré M. Lavrov / a-t-il ajouté / (Nom) /
//                              « … » qui…, a indiqué X (the incise closing the sentence)
//   incise inside the quote    « Moi, dit-il, j'ai… »
//   before the quote           X a déclaré : « … » / X a souligné que « … » / X : « … » /
//                              Lors du procès, X s'en prit au juge : « … »
//   selon / d'après            selon lui, cette mesure n'est « … »
//   shared subject             X se dit « ravi » et pense que « … » / …, avant
//                              d'ajouter « … »: the sentence's earlier speaker
//   continuation               a quote with no cue after one of the same paragraph
//                              (or the previous one) keeps its speaker
// The speaker phrase is then resolved (Discourse::speaker_of): a gazetteer
// name, a pronoun (most salient person, organisation or group of that gender
// and number), a title (a person whose known roles match it), an
// organisation noun (the organisation the text named with it), a document
// (its author), a description (« un manifestant ») or a name no gazetteer knows.
// Unnamed staff of a named organisation (« des analystes de la banque X »)
// speak for it. A passive or a verb of perception with a noun object is no
// speech act; after a dialogue (« A ! — B ! », répondit X) the incise names
// the last voice, not the quote's speaker.
#ifndef PAROLE_QUOTES_ATTRIBUTION_HPP
#define PAROLE_QUOTES_ATTRIBUTION_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "entities/matcher.hpp"
#include "entities/records.hpp"
#include "parole/parole.hpp"
#include "quotes/lexicon.hpp"
#include "quotes/scanner.hpp"

namespace parole::quotes {

struct TokenSpan {
  std::size_t first;
  std::size_t last;
};

struct Attribution {
  std::string kind;  // direct, partial, term
  std::optional<TokenSpan> cue;
  std::optional<TokenSpan> speaker_phrase;
  std::string mention_kind;  // name, pronoun, title, description
  std::int64_t entity = -1;
  std::string speaker_name;  // empty: no speaker
  std::string via;
  double confidence = 0.0;
};

// `documents`: where document nouns may start (NounStarts::document).
std::vector<Attribution> attribute(const text::Tokens& toks, const Lexicon& lex, const ScanResult& scan,
                                   const std::vector<entities::NameMatch>& names, const entities::Records& records,
                                   const std::vector<std::uint32_t>& documents);

}  // namespace parole::quotes

#endif
