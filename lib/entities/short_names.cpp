#include "entities/short_names.hpp"

#include "quotes/word_map.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace parole::entities {
namespace {

constexpr std::size_t kMinSurnameBytes = 3;
constexpr std::size_t kMaxSurnameTokens = 3;  // « Le Pen », « de Gaulle »: longer ones are not used alone

// A headline names people by their surname before the article names them
// in full (« Obama raille Romney », then « Barack Obama s'adresse… »). So the
// first paragraph, when it is this short, ends without a stop, colon or
// comma, and others follow, takes the short names of the whole text; unless
// a capitalised word comes right before the surname (« mort du comédien Mouss
// Diouf »: another name, which the finders missed).
constexpr std::size_t kMaxHeadlineTokens = 40;

// A paragraph ending so is prose, or goes on in the next one (« il écrivit : »).
bool ends_prose(const text::Tokens& toks, std::size_t i) {
  if (!toks[i].has(text::kPunct)) return false;
  const char32_t c = toks[i].first;
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == ':' || c == ';' || c == ',';
}

// One past the headline's last token; 0 when the text has none.
std::size_t headline_end(const text::Tokens& toks) {
  const std::vector<std::uint32_t>& paragraphs = toks.paragraph_starts();
  if (paragraphs.size() < 2 || paragraphs[1] > kMaxHeadlineTokens || paragraphs[1] == 0) return 0;
  std::size_t last = paragraphs[1] - 1;
  // « … : « Le parquet exagère les chiffres » »: the mark closes a quote, not the line.
  if (last > 0 && toks[last].has(text::kPunct) && (toks[last].first == 0xBB || toks[last].first == 0x201D)) --last;
  return ends_prose(toks, last) ? 0 : paragraphs[1];
}

bool is_hyphen(const text::Tokens& toks, std::size_t i) {
  return toks[i].has(text::kPunct) && (toks[i].first == '-' || toks[i].first == 0x2010 || toks[i].first == 0x2011);
}

// A hyphen at token h with words right against it on both sides: a compound.
bool joined_by_hyphen(const text::Tokens& toks, std::size_t h) {
  return h > 0 && h + 1 < toks.size() && is_hyphen(toks, h) && toks[h - 1].is_word() && toks[h + 1].is_word() &&
         !toks.space_before(h) && !toks.space_before(h + 1);
}

// Whether two surnames have the same words.
bool same_words(const text::Tokens& toks, const Surname& a, const Surname& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (toks.folded(a.first + k) != toks.folded(b.first + k)) return false;
  }
  return true;
}

// A surname whose full name the document gave, and from where it may stand alone.
struct Owner {
  Surname words;
  std::uint32_t entity;
  std::size_t from;  // token after the first full mention
  bool shared;       // two people of the document have this surname
};

// The surnames of the document's people. An article has a handful, looked
// through in the order they were added, after a small filter of their first
// words; a long document (a book, an archive as one text) has thousands,
// which are then indexed by all their words (indexed by the first word
// alone, the many surnames of a text of capitalised words that start with
// the same one made the search quadratic) so that the search stays linear.
class Owners {
 public:
  Owners(const text::Tokens& toks, const Records& records, const std::vector<NameMatch>& matches)
      : toks_(toks), by_words_(0, WordsHash{&toks}, WordsEqual{&toks}) {
    for (const NameMatch& m : matches) {
      const std::uint32_t e = m.candidates.front();
      if (std::string_view(records[e].type) != "PERSON") continue;
      for (const Surname& s : surnames(toks, m)) {
        if (s.size() <= kMaxSurnameTokens) add(s, e, m.last + 1);
      }
    }
    build_filter();
  }

  bool empty() const { return owners_.empty(); }

  // The owner of the surname that fills tokens [i, i + len), if any.
  const Owner* at(std::size_t i, std::size_t len) const {
    const std::uint32_t found = find(Surname{i, i + len - 1});
    return found == kNone ? nullptr : &owners_[found];
  }

  // Whether some surname starts with the word at token i.
  bool may_start(std::size_t i) const {
    const std::size_t bit = filter_bit(i);
    if ((first_words_[bit / 64] >> (bit % 64) & 1U) == 0) return false;
    const std::string_view word = toks_.folded(i);
    if (indexed_) return first_word_set_.count(word) > 0;
    return std::any_of(owners_.begin(), owners_.end(),
                       [&](const Owner& o) { return toks_.folded(o.words.first) == word; });
  }

 private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFU;
  static constexpr std::size_t kLinearOwners = 32;

  // The first owner added with these words, or kNone.
  std::uint32_t find(const Surname& words) const {
    if (!indexed_) {
      for (std::size_t o = 0; o < owners_.size(); ++o) {
        if (same_words(toks_, owners_[o].words, words)) return static_cast<std::uint32_t>(o);
      }
      return kNone;
    }
    const auto found = by_words_.find(words);
    return found == by_words_.end() ? kNone : found->second;
  }

  // The first full mention gives the surname its start; a second person
  // with the same surname makes it ambiguous.
  void add(const Surname& words, std::uint32_t entity, std::size_t from) {
    const std::uint32_t found = find(words);
    if (found != kNone) {
      if (owners_[found].entity != entity) owners_[found].shared = true;
      return;
    }
    owners_.push_back(Owner{words, entity, from, false});
    if (indexed_) {
      index(static_cast<std::uint32_t>(owners_.size() - 1));
    } else if (owners_.size() > kLinearOwners) {
      indexed_ = true;
      for (std::size_t o = 0; o < owners_.size(); ++o) index(static_cast<std::uint32_t>(o));
    }
  }

  // Owners have distinct words (add() looks them up first).
  // A bit per first word of a surname, about eight bits per surname: a
  // novel names thousands of people, and a filter of fixed size would let
  // every capitalised word through to the look-ups.
  void build_filter() {
    if (owners_.empty()) return;
    unsigned log2_bits = kMinFilterLog2Bits;
    while ((std::size_t{1} << log2_bits) < owners_.size() * 8) ++log2_bits;
    filter_shift_ = 64 - log2_bits;
    first_words_.assign((std::size_t{1} << log2_bits) / 64, 0);
    for (const Owner& o : owners_) {
      const std::size_t bit = filter_bit(o.words.first);
      first_words_[bit / 64] |= std::uint64_t{1} << (bit % 64);
    }
  }

  void index(std::uint32_t o) {
    by_words_.emplace(owners_[o].words, o);
    first_word_set_.insert(toks_.folded(owners_[o].words.first));
  }

  // A surname's words hashed and compared in the text, without building a key.
  struct WordsHash {
    const text::Tokens* toks;
    std::size_t operator()(const Surname& s) const {
      std::size_t h = s.size();
      for (std::size_t k = s.first; k <= s.last; ++k)
        h = h * 0x9E3779B97F4A7C15ULL + quotes::word_hash(toks->folded(k));
      return h;
    }
  };
  struct WordsEqual {
    const text::Tokens* toks;
    bool operator()(const Surname& a, const Surname& b) const { return same_words(*toks, a, b); }
  };

  // A bit of the filter for the folded word at token i: its first eight
  // bytes and its length.
  std::size_t filter_bit(std::size_t i) const {
    return static_cast<std::size_t>(((toks_.folded_head(i) + toks_.folded(i).size()) * 0x9E3779B97F4A7C15ULL) >>
                                    filter_shift_);
  }

  const text::Tokens& toks_;
  std::vector<Owner> owners_;
  static constexpr unsigned kMinFilterLog2Bits = 8;
  std::vector<std::uint64_t> first_words_;  // the filter of build_filter()
  unsigned filter_shift_ = 64 - kMinFilterLog2Bits;
  // Past kLinearOwners: the owners by words, and their first words.
  bool indexed_ = false;
  std::unordered_map<Surname, std::uint32_t, WordsHash, WordsEqual> by_words_;
  struct WordHash {
    std::size_t operator()(std::string_view w) const { return quotes::word_hash(w); }
  };
  std::unordered_set<std::string_view, WordHash> first_word_set_;
};

}  // namespace

Surnames surnames(const text::Tokens& toks, const NameMatch& m) {
  Surnames out;
  std::size_t after_given = m.first + 1;
  while (after_given + 1 <= m.last && is_hyphen(toks, after_given)) after_given += 2;
  if (after_given > m.last) return out;  // a single-word name
  const Surname rest{after_given, m.last};
  const bool usable = toks[after_given].has(text::kCapitalised) || rest.size() > 1;
  if (usable && toks.folded(m.last).size() >= kMinSurnameBytes) out.items[out.count++] = rest;
  if (rest.size() > 1 && toks[m.last].has(text::kCapitalised) && toks.folded(m.last).size() >= kMinSurnameBytes) {
    out.items[out.count++] = Surname{m.last, m.last};
  }
  return out;
}

// About one token in ten is a capitalised word: four are tested at once.
std::vector<std::uint32_t> capitalised_words(const text::Tokens& toks) {
  const text::Token* tok = toks.all().data();
  const std::size_t count = toks.size();
  std::vector<std::uint32_t> out;
  out.reserve(count / 8);
  // A block at a time, without a branch per token: whether a word is
  // capitalised is as good as random to a branch predictor. Each index is
  // written, and kept by moving past it only when its token is capitalised.
  constexpr std::size_t kBlock = 256;
  std::uint32_t found[kBlock];
  for (std::size_t from = 0; from < count; from += kBlock) {
    const std::size_t to = std::min(count, from + kBlock);
    std::size_t n = 0;
    for (std::size_t i = from; i < to; ++i) {
      found[n] = static_cast<std::uint32_t>(i);
      n += (tok[i].flags & text::kCapitalised) != 0 ? 1 : 0;
    }
    out.insert(out.end(), found, found + n);
  }
  return out;
}

void add_short_names(const text::Tokens& toks, const std::vector<std::uint32_t>& capitals, const Records& records,
                     std::vector<NameMatch>& matches) {
  const Owners owners(toks, records, matches);
  if (owners.empty()) return;
  // Bytes, not bits: read for every capitalised token, and bits cost shifts and masks.
  std::vector<std::uint8_t> covered(toks.size(), 0);
  for (const NameMatch& m : matches) std::fill(covered.begin() + m.first, covered.begin() + m.last + 1, 1);
  std::vector<NameMatch> added;
  const std::size_t count = toks.size();
  const text::Token* tok = toks.all().data();
  const std::size_t headline = headline_end(toks);
  for (const std::size_t i : capitals) {
    if (covered[i] || !owners.may_start(i)) continue;
    // The longest surname first: « Le Pen » before « Pen ».
    for (std::size_t len = std::min(kMaxSurnameTokens, count - i); len > 0; --len) {
      if (std::any_of(covered.begin() + i, covered.begin() + i + len, [](std::uint8_t c) { return c != 0; })) continue;
      const Owner* found = owners.at(i, len);
      if (found == nullptr || found->shared) continue;
      if (i < found->from && (i >= headline || (i > 0 && tok[i - 1].is_word() && tok[i - 1].has(text::kCapitalised)))) {
        continue;
      }
      // A longer capitalised name going on after it is someone else (« Lavrov Junior »).
      const std::size_t next = i + len;
      if (next < count && tok[next].is_word() && tok[next].has(text::kCapitalised) &&
          !tok[next].has(text::kParagraphBefore)) {
        continue;
      }
      // So is a compound it is part of (« Maréchal-Textiles », « Saint-Ormel »).
      if (joined_by_hyphen(toks, next) || (i > 0 && joined_by_hyphen(toks, i - 1))) continue;
      if (added.empty()) added.reserve(8);  // room for a few short mentions at once
      added.push_back(NameMatch{i, next - 1, {found->entity}});
      std::fill(covered.begin() + i, covered.begin() + next, 1);
      break;
    }
  }
  add_in_text_order(matches, std::move(added));
}

void add_in_text_order(std::vector<NameMatch>& matches, std::vector<NameMatch>&& more) {
  if (more.empty()) return;
  const auto by_first = [](const NameMatch& a, const NameMatch& b) { return a.first < b.first; };
  // Whether every first token differs: both in strictly increasing order, and none in both.
  bool distinct = true;
  for (std::size_t k = 1; k < matches.size() && distinct; ++k) distinct = matches[k - 1].first < matches[k].first;
  for (std::size_t k = 1; k < more.size() && distinct; ++k) distinct = more[k - 1].first < more[k].first;
  for (std::size_t a = 0, b = 0; a < matches.size() && b < more.size() && distinct;) {
    distinct = matches[a].first != more[b].first;
    (matches[a].first < more[b].first ? a : b) += 1;
  }
  if (!distinct) {
    matches.insert(matches.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    std::stable_sort(matches.begin(), matches.end(), by_first);
    return;
  }
  // Merged in place from the back (what std::merge gives when no first
  // token is shared): no vector built per call, and the room is made by
  // resize(), which allocates only when the capacity is short.
  std::size_t a = matches.size();
  std::size_t b = more.size();
  matches.resize(a + b);
  for (std::size_t out = a + b; b > 0;) {
    if (a > 0 && matches[a - 1].first > more[b - 1].first) {
      matches[--out] = std::move(matches[--a]);
    } else {
      matches[--out] = std::move(more[--b]);
    }
  }
}

}  // namespace parole::entities
