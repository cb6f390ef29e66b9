#include "entities/short_names.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include "quotes/word_map.hpp"

namespace parole::entities {
namespace {

constexpr std::size_t kMinSurnameBytes = 3;
constexpr std::size_t kMaxSurnameTokens = 3;  // « Le Pen », « de Gaulle »: longer ones are not used alone

bool is_hyphen(const text::Tokens& toks, std::size_t i) {
  return toks[i].has(text::kPunct) && (toks[i].first == '-' || toks[i].first == 0x2010 || toks[i].first == 0x2011);
}

// A surname whose full name the document gave, and from where it may stand alone.
struct Owner {
  Surname words;
  std::uint32_t entity;
  std::size_t from;  // token after the first full mention
  bool shared;       // two people of the document have this surname
};

// The surnames of the document's people, indexed by their first word: most
// capitalised tokens start none, and are passed over after one lookup,
// without building a key of the words that follow them.
class Owners {
 public:
  Owners(const text::Tokens& toks, const Records& records, const std::vector<NameMatch>& matches) {
    for (const NameMatch& m : matches) {
      const std::uint32_t e = m.candidates.front();
      if (records[e].type != "PERSON") continue;
      for (Surname& s : surnames(toks, m)) {
        if (s.size() <= kMaxSurnameTokens) add(std::move(s), e, m.last + 1);
      }
    }
  }

  bool empty() const { return owners_.empty(); }

  // The owner of the surname that fills tokens [i, i + len), if any.
  const Owner* at(const text::Tokens& toks, std::size_t i, std::size_t len) const {
    const std::vector<std::uint32_t>* starting = by_first_.find(toks.folded(i));
    if (starting == nullptr) return nullptr;
    for (const std::uint32_t o : *starting) {
      const Surname& words = owners_[o].words;
      if (words.size() != len) continue;
      bool same = true;
      for (std::size_t k = 1; k < len && same; ++k) same = words[k] == toks.folded(i + k);
      if (same) return &owners_[o];
    }
    return nullptr;
  }

  // Whether some surname starts with the word at token i.
  bool may_start(const text::Tokens& toks, std::size_t i) const { return by_first_.contains(toks.folded(i)); }

 private:
  // The first full mention gives the surname its start; a second person
  // with the same surname makes it ambiguous.
  void add(Surname words, std::uint32_t entity, std::size_t from) {
    std::vector<std::uint32_t>& starting = by_first_[words.front()];
    for (const std::uint32_t o : starting) {
      if (owners_[o].words != words) continue;
      if (owners_[o].entity != entity) owners_[o].shared = true;
      return;
    }
    starting.push_back(static_cast<std::uint32_t>(owners_.size()));
    owners_.push_back(Owner{std::move(words), entity, from, false});
  }

  std::vector<Owner> owners_;
  quotes::WordMap<std::vector<std::uint32_t>> by_first_;  // first word -> owners_ indices
};

}  // namespace

std::vector<Surname> surnames(const text::Tokens& toks, const NameMatch& m) {
  std::vector<Surname> out;
  std::size_t after_given = m.first + 1;
  while (after_given + 1 <= m.last && is_hyphen(toks, after_given)) after_given += 2;
  if (after_given > m.last) return out;  // a single-word name
  Surname rest;
  for (std::size_t i = after_given; i <= m.last; ++i) rest.push_back(toks.folded(i));
  const bool usable = toks[after_given].has(text::kCapitalised) || rest.size() > 1;
  if (usable && toks.folded(m.last).size() >= kMinSurnameBytes) out.push_back(rest);
  const std::string_view last = toks.folded(m.last);
  if (rest.size() > 1 && toks[m.last].has(text::kCapitalised) && last.size() >= kMinSurnameBytes) {
    out.push_back(Surname{last});
  }
  return out;
}

void add_short_names(const text::Tokens& toks, const Records& records, std::vector<NameMatch>& matches) {
  const Owners owners(toks, records, matches);
  if (owners.empty()) return;
  // Bytes, not bits: read for every capitalised token, and bits cost shifts and masks.
  std::vector<std::uint8_t> covered(toks.size(), 0);
  for (const NameMatch& m : matches) std::fill(covered.begin() + m.first, covered.begin() + m.last + 1, 1);
  std::vector<NameMatch> added;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (!toks[i].has(text::kCapitalised) || covered[i] || !owners.may_start(toks, i)) continue;
    // The longest surname first: « Le Pen » before « Pen ».
    for (std::size_t len = std::min(kMaxSurnameTokens, toks.size() - i); len > 0; --len) {
      if (std::any_of(covered.begin() + i, covered.begin() + i + len, [](std::uint8_t c) { return c != 0; })) continue;
      const Owner* found = owners.at(toks, i, len);
      if (found == nullptr || found->shared || i < found->from) continue;
      // A longer capitalised name going on after it is someone else (« Lavrov Junior »).
      const std::size_t next = i + len;
      if (next < toks.size() && toks[next].is_word() && toks[next].has(text::kCapitalised) &&
          !toks[next].has(text::kParagraphBefore)) {
        continue;
      }
      added.push_back(NameMatch{i, next - 1, {found->entity}});
      std::fill(covered.begin() + i, covered.begin() + next, 1);
      break;
    }
  }
  if (added.empty()) return;
  matches.insert(matches.end(), added.begin(), added.end());
  std::sort(matches.begin(), matches.end(), [](const NameMatch& a, const NameMatch& b) { return a.first < b.first; });
}

}  // namespace parole::entities
