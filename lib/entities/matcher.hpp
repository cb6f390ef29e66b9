// Gazetteer matching over tokens.
//
// Semantics, by example (gazetteer: « OTAN », « Moscou », « New York »,
// « Secrétariat international de l'OTAN », « Paris » (two entities)):
//   « l’OTAN »            -> OTAN       elision is a token boundary; ' and ’ alike
//   « #OTAN », « /TASS/ » -> OTAN, TASS  punctuation is a boundary
//   « MOSCOU », « Moscou » -> Moscou    case and accents are folded...
//   « otan », « moscou »  -> nothing    ...but a capitalised name needs a capital
//                                        in the text, and an acronym (all capitals,
//                                        at most 5 letters) needs one on each token
//   « Un », « Us »        -> nothing    acronyms of 1-3 letters (UN, US) need all capitals
//   « New\u00A0\nYork »   -> New York   any run of white space between words
//   « Parisien »          -> nothing    whole tokens only
//   « le Secrétariat international de l’OTAN » -> one mention (leftmost-longest,
//                                        non-overlapping)
//   « Paris »             -> one mention with both candidates; see resolve_ambiguity
#ifndef PAROLE_ENTITIES_MATCHER_HPP
#define PAROLE_ENTITIES_MATCHER_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "parole/parole.hpp"
#include "text/tokens.hpp"

namespace parole::entities {

struct NameMatch {
  std::size_t first;  // tokens [first, last]
  std::size_t last;
  std::vector<std::uint32_t> candidates;  // entity indices, best first after resolution
};

class Matcher {
 public:
  explicit Matcher(const std::vector<EntityRecord>& records);

  // Leftmost-longest, non-overlapping matches in text order, each with its
  // candidate entities (more than one when a form is shared).
  std::vector<NameMatch> find(const text::Tokens& toks) const;

  std::size_t forms() const { return form_count_; }

 private:
  struct FormEnd {
    std::uint32_t entity;
    std::uint32_t capital_mask;  // bit k: token k of the form needs a capital in the text
    std::uint32_t upper_mask;    // bit k: token k must be all capitals (short acronyms)
  };
  static constexpr std::uint32_t kNoNode = 0xFFFFFFFFU;

  void add_form(const std::string& form, std::uint32_t entity);
  std::uint32_t child(std::uint32_t node, std::uint32_t token) const;
  bool accepts(const FormEnd& end, const text::Tokens& toks, std::size_t first) const;

  std::unordered_map<std::string, std::uint32_t> token_ids_;  // folded token -> id (from 1)
  std::unordered_map<std::uint64_t, std::uint32_t> edges_;    // (node << 32 | token) -> node
  std::vector<std::vector<FormEnd>> ends_;                    // forms ending at each node
  std::size_t form_count_ = 0;
};

// Picks, for each ambiguous match, the candidate that the rest of the document
// supports: the one with the most unambiguous mentions elsewhere; on a tie, the
// first listed (user gazetteers come before the default one).
void resolve_ambiguity(std::vector<NameMatch>& matches);

}  // namespace parole::entities

#endif
