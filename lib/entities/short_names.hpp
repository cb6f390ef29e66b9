// Short names of people already named in full: once a document has said
// « Sergueï Lavrov » or « Jean-Marie Le Pen », a later « Lavrov » or « Le Pen »
// is the same person, whether or not the gazetteer lists that short form.
// Only surnames of at least three letters, written with a capital, after the
// first full mention or in a headline (a short first paragraph that does not
// end like prose); a surname shared by two people named in the document is
// left alone.
#ifndef PAROLE_ENTITIES_SHORT_NAMES_HPP
#define PAROLE_ENTITIES_SHORT_NAMES_HPP

#include <array>
#include <cstddef>
#include <cstdint>
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

// Adds the short-name mentions to `matches` (kept in text order,
// non-overlapping). `capitals`: capitalised_words(toks).
void add_short_names(const text::Tokens& toks, const std::vector<std::uint32_t>& capitals, const Records& records,
                     std::vector<NameMatch>& matches);

// The capitalised words of a text, in order: the name stages (people,
// short names) start only there, and the text is searched for them once.
std::vector<std::uint32_t> capitalised_words(const text::Tokens& toks);

// Adds `more` (in text order) to `matches` (in text order), in order of
// first token: merged when no two share a first token (then the order is the
// only one), else sorted stably (of two with the same first token, the one
// from `matches` first), so that the order never depends on the library's
// std::sort.
void add_in_text_order(std::vector<NameMatch>& matches, std::vector<NameMatch>&& more);

}  // namespace parole::entities

#endif
