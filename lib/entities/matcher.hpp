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

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parole/parole.hpp"
#include "text/tokens.hpp"

namespace parole::entities {

class RecordStore;  // entities/records.hpp

// A read-only array that someone else owns: the matcher's tables, in its own
// vectors or where they lie in a compiled file.
template <typename T>
class ArrayView {
 public:
  ArrayView() = default;
  ArrayView(const T* data, std::size_t size) : data_(data), size_(size) {}
  ArrayView(const std::vector<T>& v) : data_(v.data()), size_(v.size()) {}  // NOLINT(google-explicit-constructor)
  const T& operator[](std::size_t i) const { return data_[i]; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T* data() const { return data_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  const T& front() const { return data_[0]; }
  const T& back() const { return data_[size_ - 1]; }

 private:
  const T* data_ = nullptr;
  std::size_t size_ = 0;
};

// The entity indices of a match. Nearly every match has one, kept inline:
// no allocation per match; a form that several entities share keeps its
// candidates in a vector.
class Candidates {
 public:
  Candidates() = default;
  Candidates(std::initializer_list<std::uint32_t> entities) { assign(entities.begin(), entities.end()); }
  Candidates(const Candidates&) = default;
  Candidates& operator=(const Candidates&) = default;
  // A moved-from Candidates is empty (its vector went with the move).
  Candidates(Candidates&& other) noexcept : one_(other.one_), size_(other.size_), many_(std::move(other.many_)) {
    other.clear();
  }
  Candidates& operator=(Candidates&& other) noexcept {
    if (this == &other) return *this;
    one_ = other.one_;
    size_ = other.size_;
    many_ = std::move(other.many_);
    other.clear();
    return *this;
  }
  ~Candidates() = default;

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::uint32_t front() const { return *begin(); }
  const std::uint32_t* begin() const { return size_ > 1 ? many_.data() : &one_; }
  const std::uint32_t* end() const { return begin() + size_; }
  std::uint32_t* begin() { return size_ > 1 ? many_.data() : &one_; }
  std::uint32_t* end() { return begin() + size_; }

  void clear() {
    size_ = 0;
    many_.clear();
  }
  void push_back(std::uint32_t entity) {
    if (size_ == 1) many_.assign(1, one_);
    if (size_ == 0) {
      one_ = entity;
    } else {
      many_.push_back(entity);
    }
    ++size_;
  }
  template <typename It>
  void assign(It first, It last) {
    clear();
    for (; first != last; ++first) push_back(*first);
  }
  friend bool operator==(const Candidates& a, const Candidates& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }

 private:
  std::uint32_t one_ = 0;  // the candidate, when there is one
  std::uint32_t size_ = 0;
  std::vector<std::uint32_t> many_;  // all of them, when there are more
};

// How a name that several entities share was given to one of them (see
// resolve_ambiguity).
enum class Resolution : std::uint8_t {
  kUnique,       // one entity has the name: nothing to resolve
  kDocument,     // the document names that candidate most often unambiguously
  kContext,      // the words before the name fit that candidate's type only
  kFirstListed,  // nothing told them apart: the first listed
};

struct NameMatch {
  std::size_t first;  // tokens [first, last]
  std::size_t last;
  Candidates candidates;  // entity indices, best first after resolution
  Resolution resolution = Resolution::kUnique;
};

// Text order of spans: by first token, then by last (a shorter span first).
inline bool earlier_span(const NameMatch& a, const NameMatch& b) {
  return a.first != b.first ? a.first < b.first : a.last < b.last;
}

// Built once, then immutable: find() is const and thread-safe. The tables are
// flat arrays (open addressing, no pointers) so that a compiled gazetteer can
// store them and the matcher read them where they lie in the mapped file.
class Matcher {
 public:
  explicit Matcher(const std::vector<EntityRecord>& records);
  explicit Matcher(const RecordStore& records);

  // Leftmost-longest, non-overlapping matches in text order, each with its
  // candidate entities (more than one when a form is shared).
  // Entities from `entity_limit` on are left out, as if their forms were not
  // there (a compiled file's default forms, when not used).
  std::vector<NameMatch> find(const text::Tokens& toks, std::uint32_t entity_limit = kAllEntities) const;
  // Every match, overlapping ones included (each start, each length), in
  // order of first token then length.
  std::vector<NameMatch> find_all(const text::Tokens& toks, const std::vector<bool>* disabled = nullptr,
                                  std::uint32_t entity_limit = kAllEntities) const;

  // For each start token, its longest match, with the candidates that
  // `disabled` (by entity index, may be null) does not mark: what
  // leftmost_longest() merges when one matcher per gazetteer tags a text.
  std::vector<NameMatch> longest_per_start(const text::Tokens& toks, const std::vector<bool>* disabled,
                                           std::uint32_t entity_limit = kAllEntities) const;

  std::size_t forms() const { return form_count_; }

  struct FormEnd {
    std::uint32_t entity;
    std::uint32_t capital_mask;  // bit k: token k of the form needs a capital in the text
    std::uint32_t upper_mask;    // bit k: token k must be all capitals (short acronyms)
  };
  // A token's hash slot: its first eight bytes inline, so that most lookups
  // (French words are short) compare without touching token_text.
  struct TokenSlot {
    std::uint64_t head;   // the first 8 bytes of the folded token, zero-padded
    std::uint32_t id;     // token id, 0 for an empty slot
    std::uint32_t bytes;  // length of the folded token
  };
  // The tables, for the compiled gazetteer format (see compiled.hpp).
  struct Tables {
    std::string token_text;                         // folded tokens, back to back
    std::vector<std::uint32_t> token_offsets;       // token id k (from 1) is [offsets[k-1], offsets[k])
    std::vector<TokenSlot> token_slots;             // open addressing by hash_token; size 2^k
    std::vector<std::uint32_t> lower_start_ids;     // ids of the tokens that start a form needing no capital, ascending
    std::vector<std::uint64_t> token_filter;        // one bit per hash value modulo its size: quick misses
    std::vector<std::uint64_t> lower_start_filter;  // start_bit of the forms needing no capital; 2^k bits
    std::vector<std::uint64_t> capital_start_filter;  // start_bit of the others; 2^k bits
    std::vector<std::uint32_t> root_children;         // token id -> node after the root, kNoNode if none
    std::vector<std::uint64_t> edge_keys;             // hash slots: node << 32 | token id, or 0
    std::vector<std::uint32_t> edge_children;
    std::vector<std::uint64_t> edge_filter;  // one bit per edge (edge_bit): most word pairs of a text are no edge
    std::vector<std::uint32_t> end_offsets;  // node n ends the forms ends[end_offsets[n], end_offsets[n + 1])
    std::vector<FormEnd> ends;
    std::uint64_t form_count = 0;
  };
  // The same tables, read where they are.
  struct TableViews {
    std::string_view token_text;
    ArrayView<std::uint32_t> token_offsets;
    ArrayView<TokenSlot> token_slots;
    ArrayView<std::uint32_t> lower_start_ids;
    ArrayView<std::uint64_t> token_filter;
    ArrayView<std::uint64_t> lower_start_filter;
    ArrayView<std::uint64_t> capital_start_filter;
    ArrayView<std::uint32_t> root_children;
    ArrayView<std::uint64_t> edge_keys;
    ArrayView<std::uint32_t> edge_children;
    ArrayView<std::uint64_t> edge_filter;
    ArrayView<std::uint32_t> end_offsets;
    ArrayView<FormEnd> ends;
    std::uint64_t form_count = 0;
  };
  static TableViews views_of(const Tables& t);
  explicit Matcher(Tables tables);
  // Tables that stay where they are (a compiled file's), kept alive by `owner`.
  Matcher(std::shared_ptr<const void> owner, const TableViews& tables);
  Matcher(const Matcher&) = delete;  // its views point into its own tables
  Matcher& operator=(const Matcher&) = delete;
  // A copy of the tables (tests damage one to check the compiled loader).
  Tables tables() const;
  const TableViews& table_views() const { return t_; }
  static constexpr std::uint32_t kNoNode = 0xFFFFFFFFU;
  static constexpr std::uint32_t kAllEntities = 0xFFFFFFFFU;
  // Bit `bit` of a bit array of 64-bit words (the filters, the starter bitmap).
  static void set_bit(std::vector<std::uint64_t>& bits, std::size_t bit) {
    bits[bit / 64] |= std::uint64_t{1} << (bit % 64);
  }
  static unsigned bit_at(ArrayView<std::uint64_t> bits, std::size_t bit) {
    return static_cast<unsigned>(bits[bit / 64] >> (bit % 64) & 1U);
  }
  // A bit by hash of the first two tokens of a form (of the text), each as
  // its first eight bytes zero-padded and its length; a form of one token
  // has a second one of zeros. In a filter of 2^k bits.
  static std::size_t start_bit(std::uint64_t head, std::size_t bytes, std::uint64_t next_head, std::size_t next_bytes,
                               unsigned filter_bits) {
    return static_cast<std::size_t>(start_hash(start_key(head, bytes), start_key(next_head, next_bytes)) >>
                                    (64U - filter_bits));
  }
  // The parts of start_bit(): a token's key, and the hash of two keys.
  static std::uint64_t start_key(std::uint64_t head, std::size_t bytes) { return head ^ bytes; }
  static std::uint64_t start_hash(std::uint64_t key, std::uint64_t next_key) {
    std::uint64_t h = (key * 0x9E3779B97F4A7C15ULL) ^ (next_key * 0xD6E8FEB86659FD93ULL);
    return (h ^ (h >> 31U)) * 0xBF58476D1CE4E5B9ULL;
  }
  // A bit by hash of an edge (a node and the folded token that follows it:
  // its first eight bytes zero-padded, and its length) in a filter of 2^k
  // bits. By the token's bytes, not its id, so that the filter spares the id
  // look-up too.
  static std::size_t edge_bit(std::uint32_t node, std::uint64_t head, std::size_t bytes, unsigned filter_bits) {
    std::uint64_t h = ((head ^ bytes) * 0x9E3779B97F4A7C15ULL) ^ (node * 0xD6E8FEB86659FD93ULL);
    h = (h ^ (h >> 29U)) * 0xBF58476D1CE4E5B9ULL;
    return static_cast<std::size_t>(h >> (64U - filter_bits));
  }

 private:
  // Token ids of one text, looked up when needed: most tokens are neither
  // capitalised nor able to start a form, and are never looked up. In a
  // long text, short words already seen are remembered by their bytes:
  // function words (de, la, le, les) are a third of any French text, and a
  // table look-up each would cost more than the rest of the matching. A
  // short text (a news article) looks up a dozen tokens: there, making the
  // table would cost more than the look-ups it spares.
  class LazyIds {
   public:
    LazyIds(const Matcher& matcher, const text::Tokens& toks);
    std::uint32_t operator[](std::size_t i);
    // The id of token i if a form can start there, else 0. Only for the
    // tokens that for_each_may_start() visits: the filters are not tested again.
    std::uint32_t start(std::size_t i);
    // False when no form can start at token i.
    bool may_start(std::size_t i) const {
      return matcher_.may_start_form(toks_[i].has(text::kCapitalised), key_of(i),
                                     i + 1 < toks_.size() ? key_of(i + 1) : 0);
    }
    // Calls visit(i) for each token i that passes may_start(), in order. The
    // tests run over a block of tokens without a branch per token (whether a
    // word may start a form is as good as random to a branch predictor):
    // first whether the token alone starts a form (one bit test, which most
    // tokens fail), then may_start() for the few that pass.
    template <typename Visit>
    void for_each_may_start(Visit visit) const {
      constexpr std::size_t kBlock = 256;
      std::array<std::uint32_t, kBlock> found;  // NOLINT(cppcoreguidelines-pro-type-member-init): written before read
      const std::size_t n = toks_.size();
      for (std::size_t from = 0; from < n; from += kBlock) {
        const std::size_t count = may_start_alone(from, std::min(n, from + kBlock), found.data());
        std::size_t kept = 0;
        for (std::size_t k = 0; k < count; ++k) {
          const std::uint32_t i = found[k];
          found[kept] = i;
          kept += may_start(i) ? 1 : 0;
        }
        for (std::size_t k = 0; k < kept; ++k) visit(found[k]);
      }
    }

   private:
    // Writes to `found` the tokens of [from, to) that pass starts_form(),
    // and the text's last token if it is there (its folded form does not
    // end where a next one starts): left to may_start(). Returns their count.
    std::size_t may_start_alone(std::size_t from, std::size_t to, std::uint32_t* found) const;
    std::uint64_t key_of(std::size_t i) const { return start_key(toks_.folded_head(i), toks_.folded(i).size()); }
    struct Seen {
      std::uint64_t head;   // the folded word, zero-padded
      std::uint32_t bytes;  // 0: an empty entry
      std::uint32_t id;
    };
    static constexpr unsigned kMaxSeenBits = 9;          // more only spreads a short text thinner
    static constexpr std::size_t kMinSeenTokens = 2048;  // no table of seen words under this
    static unsigned seen_bits(std::size_t tokens);

    std::uint32_t look_up(std::size_t i) const;
    const Matcher& matcher_;
    const text::Tokens& toks_;
    unsigned seen_bits_;
    std::vector<Seen> seen_;  // empty in a short text
  };

  static unsigned usable_filter(ArrayView<std::uint64_t>& filter);
  std::uint32_t token_id(std::string_view folded, std::uint64_t head) const;
  // False when no form starts with these two tokens of the text (their
  // start_keys; the next one may be absent: 0), nor is that one token; true
  // for those that do and a few others. A few bit tests and no branch: most
  // tokens of a text start no form, even « de » or « Le », which start some
  // but are seldom followed by the word those go on with. A token without a
  // capital starts only the forms that need none.
  bool may_start_form(bool capital, std::uint64_t key, std::uint64_t next_key) const {
    const std::uint64_t pair = start_hash(key, next_key);
    const std::uint64_t alone = start_hash(key, 0);
    const unsigned lower = bit_set(t_.lower_start_filter, lower_start_filter_bits_, pair, alone);
    const unsigned with_capital = bit_set(t_.capital_start_filter, capital_start_filter_bits_, pair, alone);
    return (lower | (static_cast<unsigned>(capital) & with_capital)) != 0;  // no branch
  }
  // 0 when no form starts with the token of this start_key (no form that
  // needs no capital, for a token without one), else 1 (a filter: now and
  // then 1 for a token that starts none). Coarser than may_start_form(),
  // which also looks at the next token, but a single bit test.
  unsigned starts_form(bool capital, std::uint64_t key) const {
    return bit_at(first_token_filter_, first_token_bits(key) | std::size_t{capital});
  }
  // The first of a token's two bits in first_token_filter_, by a
  // multiplicative hash of its start_key (one product and no shift by the
  // capital: starts_form() runs for every token of a text).
  std::size_t first_token_bits(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> (63U - first_token_filter_bits_)) &
           ~std::size_t{1};
  }
  void prepare();
  void make_first_token_filter();
  // 1 when the filter has the bit of the pair's hash or of the token's alone, else 0.
  static unsigned bit_set(ArrayView<std::uint64_t> filter, unsigned bits, std::uint64_t pair, std::uint64_t alone) {
    return bit_at(filter, pair >> (64U - bits)) | bit_at(filter, alone >> (64U - bits));
  }
  bool starts_lower_case_form(std::uint32_t id) const {
    return id < lower_start_bits_.size() * 64 && bit_at(lower_start_bits_, id) != 0;
  }
  std::uint32_t child(std::uint32_t node, std::uint32_t token) const;
  // The node after `node` (not the root) through token j, or kNoNode.
  std::uint32_t follow(LazyIds& ids, const text::Tokens& toks, std::uint32_t node, std::size_t j) const;
  bool accepts(const FormEnd& end, const text::Tokens& toks, std::size_t first, std::size_t last) const;
  // The longest match starting at token `first` into `out`; false if none.
  // Entities of `disabled` (may be null) and from `entity_limit` on are left out.
  struct LeftOut {
    const std::vector<bool>* disabled = nullptr;
    std::uint32_t entity_limit = kAllEntities;
  };
  bool longest_at(LazyIds& ids, const text::Tokens& toks, std::size_t first, LeftOut left_out, Candidates& scratch,
                  NameMatch& out) const;
  // Entities whose forms end at `node` (a match of tokens [first, last]) and whose capitals the text has.
  void accepted(std::uint32_t node, const text::Tokens& toks, std::size_t first, std::size_t last, Candidates& out,
                LeftOut left_out) const;

  Tables owned_;                       // the tables when the matcher built them, else empty
  std::shared_ptr<const void> owner_;  // what holds them otherwise
  TableViews t_;
  std::size_t form_count_ = 0;
  std::vector<std::uint64_t> lower_start_bits_;  // by token id: t_.lower_start_ids as a bitmap
  // log2 of the number of bits of each filter of t_
  unsigned edge_filter_bits_ = 0;
  unsigned lower_start_filter_bits_ = 0;
  unsigned capital_start_filter_bits_ = 0;
  // Made from the trie (a compiled gazetteer does not store it), for
  // starts_form(): two bits for each of 2^k hash values of a token, set when
  // such a token starts a form that needs no capital, and when it starts any.
  std::vector<std::uint64_t> first_token_filter_;
  // k. A std::size_t, not an unsigned: then the filter loop's stores of
  // std::uint32_t token numbers cannot change it (strict aliasing), and the
  // compiler keeps it in a register instead of reloading it for every token.
  std::size_t first_token_filter_bits_ = 0;
};

// Leftmost-longest, non-overlapping matches out of matches from several
// matchers (any order, entity indices already global); equal spans pool their
// candidates. The same result as one matcher over all the forms.
std::vector<NameMatch> leftmost_longest(std::vector<NameMatch> matches);

// Matches of several matchers (entity indices already global) in order of
// first token then length, equal spans pooling their candidates.
std::vector<NameMatch> pool_spans(std::vector<NameMatch> matches);

// The entity type that the words before a match call for (« M. », « le
// président » -> PERSON, « à », « en » -> LOC, « le quotidien » -> ORG), or
// empty when they call for none.
using TypeHint = std::function<std::string_view(const NameMatch&)>;
// The type of an entity (its record's type).
using TypeOf = std::function<std::string_view(std::uint32_t)>;

// Orders the candidates of each ambiguous match, the chosen one first, and
// says what chose it:
//   1. the document: the candidate with strictly the most unambiguous
//      mentions elsewhere in it (« Paris Hilton » earlier makes a later
//      « Paris » hers);
//   2. the context: among the candidates tied at the top, those whose type
//      the words before the match call for (type_hint; type_of gives each
//      entity's type), when some do and some do not (« à Paris » is the city,
//      « Mme Paris » the person);
//   3. else the first listed (user gazetteers come before the default one).
// Without a hint (type_hint empty) step 2 is skipped.
void resolve_ambiguity(std::vector<NameMatch>& matches, const TypeOf& type_of = {}, const TypeHint& type_hint = {});

}  // namespace parole::entities

#endif
