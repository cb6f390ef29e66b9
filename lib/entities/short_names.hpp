// Short names of people already named in full: once a document has said
// « Sergueï Lavrov » or « Jean-Marie Le Pen », a later « Lavrov » or « Le Pen »
// is the same person, whether or not the gazetteer lists that short form.
// Only surnames of at least three letters, written with a capital, after the
// first full mention; a surname shared by two people named in the document is
// left alone.
#ifndef PAROLE_ENTITIES_SHORT_NAMES_HPP
#define PAROLE_ENTITIES_SHORT_NAMES_HPP

#include <array>
#include <cstddef>
#include <vector>

#include "entities/matcher.hpp"
#include "entities/records.hpp"
#include "parole/parole.hpp"
#include "text/tokens.hpp"

namespace parole::entities {

// A surname: the folded words of tokens [first, last].
struct Surname {
  std::size_t first;
  std::size_t last;
  std::size_t size() const { return last - first + 1; }
};

// The surnames a full-name match offers (at most two, nothing allocated).
struct Surnames {
  std::array<Surname, 2> items{};
  std::size_t count = 0;
  const Surname* begin() const { return items.data(); }
  const Surname* end() const { return items.data() + count; }
};

// The surnames a full-name match offers: what follows the first given name
// (« Jean-Marie Le Pen » -> « le pen »), and the last word alone.
Surnames surnames(const text::Tokens& toks, const NameMatch& m);

// Adds the short-name mentions to `matches` (kept in text order, non-overlapping).
void add_short_names(const text::Tokens& toks, const Records& records, std::vector<NameMatch>& matches);

// The first token from `from` on that is a capitalised word (toks.size()
// when none): about one token in ten is, and four are tested at once.
inline std::size_t next_capitalised(const text::Tokens& toks, std::size_t from) {
  const text::Token* tok = toks.all().data();
  const std::size_t count = toks.size();
  std::size_t i = from;
  for (; i + 4 <= count; i += 4) {
    if (((tok[i].flags | tok[i + 1].flags | tok[i + 2].flags | tok[i + 3].flags) & text::kCapitalised) != 0) break;
  }
  while (i < count && !tok[i].has(text::kCapitalised)) ++i;
  return i;
}

// Adds `more` (in text order) to `matches` (in text order), sorted by first
// token as std::sort would leave them: merged when no two share a first
// token (then the order is the only one), else sorted.
void add_in_text_order(std::vector<NameMatch>& matches, std::vector<NameMatch>&& more);

}  // namespace parole::entities

#endif
