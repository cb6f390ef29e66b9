#include "quotes/organisations.hpp"

#include <algorithm>
#include <map>
#include <string>

#include "entities/short_names.hpp"

namespace parole::quotes {
namespace {

constexpr std::size_t kMaxAdjectives = 3;  // « le quotidien français Le Figaro »
constexpr std::size_t kMaxNameTokens = 6;

class OrganisationFinder {
 public:
  OrganisationFinder(const text::Tokens& toks, const Lexicon& lex, const std::vector<std::uint32_t>& nouns,
                     entities::Records& records, std::vector<entities::NameMatch>& matches)
      : toks_(toks), lex_(lex), nouns_(nouns), records_(records), matches_(matches), covered_(toks.size(), 0) {
    for (const entities::NameMatch& m : matches)
      std::fill(covered_.begin() + m.first, covered_.begin() + m.last + 1, 1);
  }

  void run() {
    std::vector<entities::NameMatch> found;
    // An article (one token when contracted) stands right before the noun.
    const std::size_t article_tokens = std::max<std::size_t>(lex_.determiners.longest(), 1);
    std::size_t noun = next_noun(0);
    for (std::size_t i = 0; i < toks_.size(); ++i) {
      if (noun <= i) noun = next_noun(i + 1);
      // No organisation noun close enough after token i: go on to the last
      // article position before the next one.
      if (noun > i + article_tokens) {
        if (noun == toks_.size()) break;
        i = noun - article_tokens - 1;
        continue;
      }
      const DeterminerInfo* det = nullptr;
      std::size_t d = lex_.determiners.match(toks_, i, &det);
      if (d > 0 && !det->definite) continue;
      // « du groupe X », « au syndicat X »: an article merged with its preposition.
      if (d == 0) d = lex_.contracted_articles.match(toks_, i);
      if (d == 0 || covered_[i]) continue;
      const TitleInfo* noun = nullptr;
      const std::size_t n = lex_.titles.match(toks_, i + d, &noun);
      if (n == 0 || !noun->organisation) continue;
      std::size_t q = i + d + n;
      for (std::size_t adjectives = 0; adjectives < kMaxAdjectives && lowercase_word(q); ++adjectives) ++q;
      const std::size_t last = name_end(q);
      if (last + 1 == q) continue;
      const std::string name(toks_.input().substr(toks_[q].start, toks_[last].end - toks_[q].start));
      std::vector<std::string> role;
      for (std::size_t k = i + d; k < i + d + n; ++k) role.emplace_back(toks_.folded(k));
      // « le gouvernement Ayrault »: the name is its head's, a person. A full
      // name (« le gouvernement Mariano Rajoy ») is left to the people finder,
      // which names that person once however often the text names them.
      if (noun->named_by_head && last > q) continue;
      const std::size_t entity = noun->named_by_head ? local(name, "PERSON", {}) : local(name, "ORG", role);
      found.push_back(entities::NameMatch{q, last, {static_cast<std::uint32_t>(entity)}});
      std::fill(covered_.begin() + q, covered_.begin() + last + 1, 1);
      i = last;
    }
    entities::add_in_text_order(matches_, std::move(found));
  }

 private:
  // The first token from `from` on that may start an organisation noun (the
  // end of the text if none): most tokens are far from any, and are passed
  // over without asking whether they are articles.
  std::size_t next_noun(std::size_t from) const {
    const auto next = std::lower_bound(nouns_.begin(), nouns_.end(), from);
    return next == nouns_.end() ? toks_.size() : *next;
  }

  bool lowercase_word(std::size_t i) const {
    return i < toks_.size() && toks_[i].is_word() && !toks_[i].has(text::kCapitalised) && !covered_[i] &&
           lex_.phrase_stops.match(toks_, i) == 0 && lex_.name_particles.match(toks_, i) == 0 &&
           !lex_.is_verb_or_auxiliary(toks_, i);
  }

  bool free_capital(std::size_t i) const {
    return i < toks_.size() && !covered_[i] && toks_[i].is_word() && toks_[i].has(text::kCapitalised) &&
           !toks_[i].has(text::kParagraphBefore) && !toks_[i].has(text::kLineBefore);
  }

  // Last token of a proper noun starting at i (i - 1 when there is none).
  std::size_t name_end(std::size_t i) const {
    std::size_t last = i - 1;
    for (std::size_t q = i; q < toks_.size() && q < i + kMaxNameTokens;) {
      if (free_capital(q)) {
        last = q++;
      } else if (q > i && toks_[q].has(text::kPunct) && (toks_[q].first == '-' || toks_[q].first == '\'') &&
                 !toks_.space_before(q) && free_capital(q + 1)) {
        q += 1;
      } else {
        break;
      }
    }
    return last;
  }

  // The document's entity of this name and type, added at its first mention.
  std::size_t local(const std::string& name, const std::string& type, const std::vector<std::string>& role) {
    std::string key = type + ":";
    for (const std::string& w : text::folded_tokens(name)) key += w + " ";
    const auto known = by_name_.find(key);
    if (known != by_name_.end()) return known->second;
    EntityRecord rec;
    rec.name = name;
    rec.type = type;
    std::string role_text;
    for (const std::string& w : role) role_text += (role_text.empty() ? "" : " ") + w;
    if (!role_text.empty()) rec.roles.push_back(role_text);
    const std::size_t entity = records_.add_local(std::move(rec), role);
    by_name_.emplace(key, entity);
    return entity;
  }

  const text::Tokens& toks_;
  const Lexicon& lex_;
  const std::vector<std::uint32_t>& nouns_;  // where organisation nouns may start
  entities::Records& records_;
  std::vector<entities::NameMatch>& matches_;
  std::vector<std::uint8_t> covered_;  // bytes, not bits: set for every match, read at every candidate
  std::map<std::string, std::size_t> by_name_;
};

}  // namespace

void find_organisations(const text::Tokens& toks, const Lexicon& lex, const std::vector<std::uint32_t>& nouns,
                        entities::Records& records, std::vector<entities::NameMatch>& matches) {
  OrganisationFinder(toks, lex, nouns, records, matches).run();
}

}  // namespace parole::quotes
