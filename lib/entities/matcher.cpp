#include "entities/matcher.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <tuple>

#include "entities/records.hpp"

namespace parole::entities {
namespace {

constexpr std::size_t kMaxAcronymLetters = 5;
constexpr std::size_t kMaxShortAcronym = 3;  // these need capitals: US, UN, AP
// Room made at a text's first match: an article names a dozen or so (grown
// from one, the vector of matches was moved four or five times).
constexpr std::size_t kFirstMatches = 16;

// A form token written in capitals only (OTAN, US) with few letters: the text
// must spell it with a capital too, so that « us » or « afp » are not hits.
bool is_acronym(const text::Tokens& form, std::size_t k) {
  const text::Token& t = form[k];
  const std::size_t letters = form.folded(k).size();  // acronyms are ASCII in practice
  return t.is_word() && t.has(text::kAllUpper) && letters >= 2 && letters <= kMaxAcronymLetters;
}

std::uint64_t head_of(std::string_view s) {
  std::uint64_t head = 0;
  std::memcpy(&head, s.data(), std::min<std::size_t>(s.size(), 8));
  return head;
}

// Tokens are short: the head, then eight bytes at a time, then a final mix.
std::uint64_t hash_token(std::string_view s, std::uint64_t head) {
  std::uint64_t h = (0x9E3779B97F4A7C15ULL ^ s.size() ^ head) * 0xBF58476D1CE4E5B9ULL;
  for (std::size_t i = 8; i < s.size(); i += 8) {
    std::uint64_t w = 0;
    std::memcpy(&w, s.data() + i, std::min<std::size_t>(s.size() - i, 8));
    h = ((h ^ (h >> 31U)) ^ w) * 0xBF58476D1CE4E5B9ULL;
  }
  h ^= h >> 29U;
  h *= 0x94D049BB133111EBULL;
  return h ^ (h >> 32U);
}

std::uint64_t hash_edge(std::uint64_t key) {
  key ^= key >> 33U;
  key *= 0xFF51AFD7ED558CCDULL;
  return key ^ (key >> 33U);
}

std::size_t slots_for(std::size_t count) {
  std::size_t slots = 16;
  while (slots < count * 2) slots <<= 1U;
  return slots;
}

std::uint32_t find_slot(ArrayView<Matcher::TokenSlot> slots, std::string_view token_text,
                        ArrayView<std::uint32_t> token_offsets, std::string_view folded, std::uint64_t head,
                        std::uint64_t hash, std::size_t* free_slot = nullptr) {
  const std::size_t mask = slots.size() - 1;
  for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const Matcher::TokenSlot& here = slots[slot];
    if (here.id == 0) {
      if (free_slot != nullptr) *free_slot = slot;
      return 0;
    }
    if (here.head != head || here.bytes != folded.size()) continue;
    if (folded.size() <= 8) return here.id;
    const std::uint32_t end = token_offsets[here.id - 1];
    if (std::memcmp(token_text.data() + end - folded.size() + 8, folded.data() + 8, folded.size() - 8) == 0) {
      return here.id;
    }
  }
}

// Builds the tables form by form, straight into their flat layout (open
// addressing that doubles at half load): a million forms build in seconds
// and without a node allocation per token or edge.
class Builder {
 public:
  void add_form(const std::string& form, std::uint32_t entity);
  Matcher::Tables finish();

 private:
  struct PendingEnd {
    std::uint32_t node;
    Matcher::FormEnd end;
  };
  std::uint32_t intern(std::string_view folded);
  std::uint32_t edge(std::uint32_t node, std::uint32_t token);

  Matcher::Tables t_;
  std::size_t tokens_ = 0;
  std::size_t edges_ = 0;
  std::uint32_t nodes_ = 1;  // the root
  std::vector<PendingEnd> ends_;
  std::vector<std::uint32_t> lower_starts_;  // first tokens of forms that need no capital
  struct FormStart {
    std::uint64_t head, next_head;
    std::size_t bytes, next_bytes;
  };
  // The first two tokens of each form (see Matcher::start_bit), of the forms
  // that need no capital, and of the others.
  std::vector<FormStart> lower_start_pairs_;
  std::vector<FormStart> capital_start_pairs_;
  text::Tokens form_tokens_;  // of the form being added, its memory reused from form to form
  static std::vector<std::uint64_t> start_filter(const std::vector<FormStart>& starts);
};

std::uint32_t Builder::intern(std::string_view folded) {
  if (t_.token_slots.empty()) t_.token_slots.assign(16, Matcher::TokenSlot{0, 0, 0});
  const std::uint64_t head = head_of(folded);
  const std::uint64_t hash = hash_token(folded, head);
  std::size_t free_slot = 0;
  const std::uint32_t known =
      find_slot(t_.token_slots, t_.token_text, t_.token_offsets, folded, head, hash, &free_slot);
  if (known != 0) return known;
  t_.token_text += folded;
  if (t_.token_text.size() >= 0xFFFFFFFFULL) throw std::length_error("gazetteer forms over 4 GiB");
  t_.token_offsets.push_back(static_cast<std::uint32_t>(t_.token_text.size()));
  const auto id = static_cast<std::uint32_t>(++tokens_);
  t_.token_slots[free_slot] = Matcher::TokenSlot{head, id, static_cast<std::uint32_t>(folded.size())};
  if (tokens_ * 2 > t_.token_slots.size()) {
    std::vector<Matcher::TokenSlot> old(t_.token_slots.size() * 2, Matcher::TokenSlot{0, 0, 0});
    old.swap(t_.token_slots);
    const std::size_t mask = t_.token_slots.size() - 1;
    for (const Matcher::TokenSlot& slot : old) {
      if (slot.id == 0) continue;
      const std::uint32_t end = t_.token_offsets[slot.id - 1];
      const std::string_view tok(t_.token_text.data() + end - slot.bytes, slot.bytes);
      std::size_t at = hash_token(tok, slot.head) & mask;
      while (t_.token_slots[at].id != 0) at = (at + 1) & mask;
      t_.token_slots[at] = slot;
    }
  }
  return id;
}

std::uint32_t Builder::edge(std::uint32_t node, std::uint32_t token) {
  if (t_.edge_keys.empty()) {
    t_.edge_keys.assign(16, 0);
    t_.edge_children.assign(16, 0);
  }
  const std::uint64_t key = (static_cast<std::uint64_t>(node) << 32U) | token;
  std::size_t mask = t_.edge_keys.size() - 1;
  std::size_t slot = hash_edge(key) & mask;
  for (; t_.edge_keys[slot] != 0; slot = (slot + 1) & mask) {
    if (t_.edge_keys[slot] == key) return t_.edge_children[slot];
  }
  if (nodes_ == Matcher::kNoNode) throw std::length_error("gazetteer forms over 2^32 trie nodes");
  const std::uint32_t child = nodes_++;
  t_.edge_keys[slot] = key;
  t_.edge_children[slot] = child;
  if (++edges_ * 2 > t_.edge_keys.size()) {
    std::vector<std::uint64_t> keys(t_.edge_keys.size() * 2, 0);
    std::vector<std::uint32_t> children(keys.size(), 0);
    mask = keys.size() - 1;
    for (std::size_t i = 0; i < t_.edge_keys.size(); ++i) {
      if (t_.edge_keys[i] == 0) continue;
      std::size_t at = hash_edge(t_.edge_keys[i]) & mask;
      while (keys[at] != 0) at = (at + 1) & mask;
      keys[at] = t_.edge_keys[i];
      children[at] = t_.edge_children[i];
    }
    t_.edge_keys.swap(keys);
    t_.edge_children.swap(children);
  }
  return child;
}

void Builder::add_form(const std::string& form, std::uint32_t entity) {
  text::Tokens& toks = form_tokens_;
  toks.assign(form);
  if (toks.size() == 0) return;
  std::uint32_t node = 0;
  std::uint32_t mask = 0;
  std::uint32_t upper = 0;
  std::uint32_t first = 0;
  for (std::size_t k = 0; k < toks.size(); ++k) {
    const std::uint32_t token = intern(toks.folded(k));
    if (k == 0) first = token;
    node = edge(node, token);
    const bool capital = toks[k].has(text::kCapitalised);
    if (k < 32 && capital && (k == 0 || is_acronym(toks, k))) mask |= 1U << k;
    if (k < 32 && is_acronym(toks, k) && toks.folded(k).size() <= kMaxShortAcronym) upper |= 1U << k;
  }
  ends_.push_back(PendingEnd{node, Matcher::FormEnd{entity, mask, upper}});
  const bool two = toks.size() > 1;
  const FormStart start{head_of(toks.folded(0)), two ? head_of(toks.folded(1)) : 0, toks.folded(0).size(),
                        two ? toks.folded(1).size() : 0};
  if ((mask & 1U) == 0) {
    lower_starts_.push_back(first);
    lower_start_pairs_.push_back(start);
  } else {
    capital_start_pairs_.push_back(start);
  }
  ++t_.form_count;
}

std::size_t filter_bit(ArrayView<std::uint64_t> filter, std::uint64_t hash) {
  return (hash >> 20U) & (filter.size() * 64 - 1);
}

// A bit per token (of `ids`) in a table of bits_per_token x as many bits: a
// token whose bit is clear is certainly not in the table.
std::vector<std::uint64_t> filter_of(const std::vector<std::string_view>& tokens_by_id,
                                     const std::vector<std::uint32_t>& ids, std::size_t bits_per_token) {
  std::vector<std::uint64_t> filter(std::max<std::size_t>(1, slots_for(ids.size() * bits_per_token / 2) / 64), 0);
  for (const std::uint32_t id : ids) {
    const std::string_view tok = tokens_by_id[id - 1];
    Matcher::set_bit(filter, filter_bit(filter, hash_token(tok, head_of(tok))));
  }
  return filter;
}

// The k of a filter of 2^k bits, from 12 to 24, for about `bits_per_key` bits per key.
unsigned filter_bits_for(std::size_t keys, std::size_t bits_per_key) {
  constexpr unsigned kMaxBits = 24;
  unsigned bits = 12;
  while (bits < kMaxBits && (std::size_t{1} << bits) < keys * bits_per_key) ++bits;
  return bits;
}

std::vector<std::uint64_t> empty_filter(std::size_t keys, std::size_t bits_per_key, unsigned* filter_bits) {
  *filter_bits = filter_bits_for(keys, bits_per_key);
  return std::vector<std::uint64_t>((std::size_t{1} << *filter_bits) / 64, 0);
}

// About eight bits per edge.
std::vector<std::uint64_t> edge_filter(const std::vector<std::uint64_t>& edge_keys, std::size_t edges,
                                       const std::vector<std::string_view>& tokens_by_id) {
  unsigned bits = 0;
  std::vector<std::uint64_t> filter = empty_filter(edges, 8, &bits);
  for (const std::uint64_t key : edge_keys) {
    if (key == 0) continue;
    const std::string_view tok = tokens_by_id[(key & 0xFFFFFFFFU) - 1];
    Matcher::set_bit(filter, Matcher::edge_bit(static_cast<std::uint32_t>(key >> 32U), head_of(tok), tok.size(), bits));
  }
  return filter;
}

bool passes(ArrayView<std::uint64_t> filter, std::uint64_t hash) {
  return Matcher::bit_at(filter, filter_bit(filter, hash)) != 0;
}

std::vector<std::uint64_t> Builder::start_filter(const std::vector<FormStart>& starts) {
  unsigned bits = 0;
  std::vector<std::uint64_t> filter = empty_filter(starts.size(), 16, &bits);
  for (const FormStart& s : starts) {
    Matcher::set_bit(filter, Matcher::start_bit(s.head, s.bytes, s.next_head, s.next_bytes, bits));
  }
  return filter;
}

Matcher::Tables Builder::finish() {
  std::vector<std::string_view> tokens_by_id(tokens_);
  for (std::size_t id = 1; id <= tokens_; ++id) {
    const std::uint32_t begin = id == 1 ? 0 : t_.token_offsets[id - 2];
    tokens_by_id[id - 1] = std::string_view(t_.token_text).substr(begin, t_.token_offsets[id - 1] - begin);
  }
  if (t_.token_slots.empty()) t_.token_slots.assign(16, Matcher::TokenSlot{0, 0, 0});
  if (t_.edge_keys.empty()) {
    t_.edge_keys.assign(16, 0);
    t_.edge_children.assign(16, 0);
  }
  std::vector<std::uint32_t> all_ids(tokens_);
  for (std::size_t id = 1; id <= tokens_; ++id) all_ids[id - 1] = static_cast<std::uint32_t>(id);
  std::sort(lower_starts_.begin(), lower_starts_.end());
  lower_starts_.erase(std::unique(lower_starts_.begin(), lower_starts_.end()), lower_starts_.end());
  t_.lower_start_ids = lower_starts_;
  t_.token_filter = filter_of(tokens_by_id, all_ids, 4);
  t_.lower_start_filter = start_filter(lower_start_pairs_);
  t_.capital_start_filter = start_filter(capital_start_pairs_);
  t_.root_children.assign(tokens_ + 1, Matcher::kNoNode);
  for (std::size_t i = 0; i < t_.edge_keys.size(); ++i) {
    const std::uint64_t key = t_.edge_keys[i];
    if (key != 0 && key >> 32U == 0) t_.root_children[key & 0xFFFFFFFFU] = t_.edge_children[i];
  }
  t_.edge_filter = edge_filter(t_.edge_keys, edges_, tokens_by_id);
  // Form ends by node, then by entity and masks; the same form twice for an
  // entity counts once. A counting sort by node (a comparison sort of a
  // million ends was most of a build), then each node's few ends sorted.
  const auto key = [](const PendingEnd& e) {
    return std::make_tuple(e.node, e.end.entity, e.end.capital_mask, e.end.upper_mask);
  };
  std::vector<std::uint32_t> first_end(nodes_ + 1, 0);  // of each node, in by_node
  for (const PendingEnd& e : ends_) ++first_end[e.node + 1];
  for (std::size_t n = 1; n < first_end.size(); ++n) first_end[n] += first_end[n - 1];
  std::vector<PendingEnd> by_node(ends_.size());
  std::vector<std::uint32_t> next(first_end.begin(), first_end.end() - 1);
  for (const PendingEnd& e : ends_) by_node[next[e.node]++] = e;
  t_.end_offsets.assign(nodes_ + 1, 0);
  t_.ends.reserve(ends_.size());
  for (std::size_t n = 0; n < nodes_; ++n) {
    const auto begin = by_node.begin() + first_end[n];
    const auto end = by_node.begin() + first_end[n + 1];
    std::sort(begin, end, [&](const PendingEnd& a, const PendingEnd& b) { return key(a) < key(b); });
    for (auto it = begin; it != end; ++it) {
      if (it != begin && key(*it) == key(*(it - 1))) continue;
      t_.ends.push_back(it->end);
      ++t_.end_offsets[n + 1];
    }
  }
  for (std::size_t n = 1; n < t_.end_offsets.size(); ++n) t_.end_offsets[n] += t_.end_offsets[n - 1];
  return std::move(t_);
}

template <typename RecordList>
Matcher::Tables build_tables(const RecordList& records) {
  Builder builder;
  for (std::size_t e = 0; e < records.size(); ++e) {
    const auto entity = static_cast<std::uint32_t>(e);
    builder.add_form(records[e].name, entity);
    for (const std::string& alias : records[e].aliases) builder.add_form(alias, entity);
  }
  return builder.finish();
}

}  // namespace

Matcher::Matcher(const std::vector<EntityRecord>& records) : Matcher(build_tables(records)) {}

Matcher::Matcher(const RecordStore& records) : Matcher(build_tables(records)) {}

Matcher::TableViews Matcher::views_of(const Tables& t) {
  return TableViews{t.token_text,         t.token_offsets,        t.token_slots,   t.lower_start_ids, t.token_filter,
                    t.lower_start_filter, t.capital_start_filter, t.root_children, t.edge_keys,       t.edge_children,
                    t.edge_filter,        t.end_offsets,          t.ends,          t.form_count};
}

Matcher::Tables Matcher::tables() const {
  const auto copy = [](auto view) { return std::vector<std::decay_t<decltype(view[0])>>(view.begin(), view.end()); };
  return Tables{std::string(t_.token_text),
                copy(t_.token_offsets),
                copy(t_.token_slots),
                copy(t_.lower_start_ids),
                copy(t_.token_filter),
                copy(t_.lower_start_filter),
                copy(t_.capital_start_filter),
                copy(t_.root_children),
                copy(t_.edge_keys),
                copy(t_.edge_children),
                copy(t_.edge_filter),
                copy(t_.end_offsets),
                copy(t_.ends),
                t_.form_count};
}

Matcher::Matcher(Tables tables) : owned_(std::move(tables)), t_(views_of(owned_)), form_count_(t_.form_count) {
  prepare();
}

Matcher::Matcher(std::shared_ptr<const void> owner, const TableViews& tables)
    : owner_(std::move(owner)), t_(tables), form_count_(t_.form_count) {
  prepare();
}

// What is made from the tables rather than stored with them.
void Matcher::prepare() {
  const std::uint32_t max_id = t_.lower_start_ids.empty() ? 0 : t_.lower_start_ids.back();
  lower_start_bits_.assign(max_id / 64 + 1, 0);
  for (const std::uint32_t id : t_.lower_start_ids) set_bit(lower_start_bits_, id);
  lower_start_filter_bits_ = usable_filter(t_.lower_start_filter);
  capital_start_filter_bits_ = usable_filter(t_.capital_start_filter);
  edge_filter_bits_ = usable_filter(t_.edge_filter);
  make_first_token_filter();
}

// About sixteen hash values per first token, as the start filters.
void Matcher::make_first_token_filter() {
  const std::size_t tokens =
      t_.root_children.empty() ? 0 : std::min(t_.token_offsets.size(), t_.root_children.size() - 1);
  std::size_t starters = 0;
  for (std::size_t id = 1; id <= tokens; ++id) starters += t_.root_children[id] != kNoNode ? 1 : 0;
  const unsigned bits = filter_bits_for(starters, 16);
  first_token_filter_.assign(2 * (std::size_t{1} << bits) / 64, 0);
  first_token_filter_bits_ = bits;
  const auto key_of = [&](std::size_t id) {
    const std::uint32_t begin = id == 1 ? 0 : t_.token_offsets[id - 2];
    const std::string_view tok = std::string_view(t_.token_text).substr(begin, t_.token_offsets[id - 1] - begin);
    return start_key(head_of(tok), tok.size());
  };
  for (std::size_t id = 1; id <= tokens; ++id) {
    if (t_.root_children[id] != kNoNode) set_bit(first_token_filter_, first_token_bits(key_of(id)) + 1);
  }
  for (const std::uint32_t id : t_.lower_start_ids) {
    if (id >= 1 && id <= tokens) set_bit(first_token_filter_, first_token_bits(key_of(id)));
  }
}

// Log2 of the bits of a filter; a filter of the wrong size (the compiled
// loader refuses such files) is replaced by one that passes everything: the
// filters only spare look-ups.
unsigned Matcher::usable_filter(ArrayView<std::uint64_t>& filter) {
  static constexpr std::uint64_t kPassAll[1] = {~std::uint64_t{0}};
  const std::size_t bits = filter.size() * 64;
  if (bits == 0 || (bits & (bits - 1)) != 0) filter = ArrayView<std::uint64_t>(kPassAll, 1);
  unsigned log2 = 0;
  while ((std::size_t{1} << log2) < filter.size() * 64) ++log2;
  return log2;
}

std::uint32_t Matcher::token_id(std::string_view folded, std::uint64_t head) const {
  if (folded.empty() || t_.token_filter.empty()) return 0;
  const std::uint64_t hash = hash_token(folded, head);
  return passes(t_.token_filter, hash) ? find_slot(t_.token_slots, t_.token_text, t_.token_offsets, folded, head, hash)
                                       : 0;
}

Matcher::LazyIds::LazyIds(const Matcher& matcher, const text::Tokens& toks)
    : matcher_(matcher),
      toks_(toks),
      seen_bits_(seen_bits(toks.size())),
      seen_(seen_bits_ == 0 ? 0 : std::size_t{1} << seen_bits_, Seen{0, 0, 0}) {}

// About one entry per four tokens; none in a short text.
unsigned Matcher::LazyIds::seen_bits(std::size_t tokens) {
  if (tokens < kMinSeenTokens) return 0;
  unsigned bits = 6;
  while (bits < kMaxSeenBits && (std::size_t{4} << bits) < tokens) ++bits;
  return bits;
}

std::uint32_t Matcher::LazyIds::look_up(std::size_t i) const {
  return matcher_.token_id(toks_.folded(i), toks_.folded_head(i));
}

std::uint32_t Matcher::LazyIds::operator[](std::size_t i) {
  const std::string_view folded = toks_.folded(i);
  if (seen_.empty() || folded.empty() || folded.size() > 8) return look_up(i);
  const std::uint64_t head = toks_.folded_head(i);
  Seen& seen = seen_[((head + folded.size()) * 0x9E3779B97F4A7C15ULL) >> (64U - seen_bits_)];
  if (seen.bytes != folded.size() || seen.head != head)
    seen = Seen{head, static_cast<std::uint32_t>(folded.size()), look_up(i)};
  return seen.id;
}

std::size_t Matcher::LazyIds::may_start_alone(std::size_t from, std::size_t to, std::uint32_t* found) const {
  const text::Token* tok = toks_.all().data();
  const char* folded = toks_.folded_text().data();
  const std::size_t n = toks_.size();
  std::size_t count = 0;
  for (std::size_t i = from; i < std::min(to, n - 1); ++i) {
    const std::size_t bytes = tok[i + 1].fstart - tok[i].fstart;
    const std::uint64_t key = start_key(text::padded_head(folded + tok[i].fstart, bytes), bytes);
    found[count] = static_cast<std::uint32_t>(i);
    count += matcher_.starts_form(tok[i].has(text::kCapitalised), key);
  }
  if (to == n) found[count++] = static_cast<std::uint32_t>(n - 1);
  return count;
}

std::uint32_t Matcher::LazyIds::start(std::size_t i) {
  const std::uint32_t id = (*this)[i];
  return toks_[i].has(text::kCapitalised) || matcher_.starts_lower_case_form(id) ? id : 0;
}

std::uint32_t Matcher::child(std::uint32_t node, std::uint32_t token) const {
  if (token == 0) return kNoNode;
  if (node == 0) return t_.root_children[token];
  const std::uint64_t key = (static_cast<std::uint64_t>(node) << 32U) | token;
  const std::size_t mask = t_.edge_keys.size() - 1;
  for (std::size_t slot = hash_edge(key) & mask;; slot = (slot + 1) & mask) {
    const std::uint64_t here = t_.edge_keys[slot];
    if (here == key) return t_.edge_children[slot];
    if (here == 0) return kNoNode;
  }
}

std::uint32_t Matcher::follow(LazyIds& ids, const text::Tokens& toks, std::uint32_t node, std::size_t j) const {
  if (bit_at(t_.edge_filter, edge_bit(node, toks.folded_head(j), toks.folded(j).size(), edge_filter_bits_)) == 0) {
    return kNoNode;
  }
  return child(node, ids[j]);
}

bool Matcher::accepts(const FormEnd& end, const text::Tokens& toks, std::size_t first, std::size_t last) const {
  // Masks name tokens of the form; tables from a damaged compiled file could
  // name tokens past the match (and past the text): such an end never matches.
  const std::size_t length = last - first + 1;
  if (length < 32 && ((end.capital_mask | end.upper_mask) >> length) != 0) return false;
  for (std::uint32_t mask = end.capital_mask, k = 0; mask != 0; mask >>= 1U, ++k) {
    if ((mask & 1U) != 0 && !toks[first + k].has(text::kCapitalised)) return false;
  }
  // Acronyms of up to three letters only in capitals: « Un » is an article, not the UN.
  for (std::uint32_t mask = end.upper_mask, k = 0; mask != 0; mask >>= 1U, ++k) {
    if ((mask & 1U) != 0 && !toks[first + k].has(text::kAllUpper)) return false;
  }
  return true;
}

void Matcher::accepted(std::uint32_t node, const text::Tokens& toks, std::size_t first, std::size_t last,
                       Candidates& out, LeftOut left_out) const {
  out.clear();
  const std::vector<bool>* disabled = left_out.disabled;
  for (std::uint32_t k = t_.end_offsets[node]; k < t_.end_offsets[node + 1]; ++k) {
    const FormEnd& end = t_.ends[k];
    if (end.entity >= left_out.entity_limit) continue;
    if (disabled != nullptr && end.entity < disabled->size() && (*disabled)[end.entity]) continue;
    if (accepts(end, toks, first, last) && std::find(out.begin(), out.end(), end.entity) == out.end()) {
      out.push_back(end.entity);
    }
  }
  std::sort(out.begin(), out.end());
}

bool Matcher::longest_at(LazyIds& ids, const text::Tokens& toks, std::size_t first, LeftOut left_out,
                         Candidates& scratch, NameMatch& out) const {
  out.first = first;
  out.candidates.clear();
  const std::uint32_t start = ids.start(first);
  if (start == 0) return false;
  std::uint32_t node = 0;
  for (std::size_t j = first; j < toks.size(); ++j) {
    node = j == first ? child(0, start) : follow(ids, toks, node, j);
    if (node == kNoNode) break;
    accepted(node, toks, first, j, scratch, left_out);
    if (!scratch.empty()) {
      out.last = j;
      std::swap(out.candidates, scratch);
    }
  }
  return !out.candidates.empty();
}

std::vector<NameMatch> Matcher::find(const text::Tokens& toks, std::uint32_t entity_limit) const {
  LazyIds ids(*this, toks);
  std::vector<NameMatch> out;
  Candidates scratch;
  NameMatch m{};
  std::size_t next = 0;  // matches do not overlap
  ids.for_each_may_start([&](std::uint32_t i) {
    if (i < next || !longest_at(ids, toks, i, LeftOut{nullptr, entity_limit}, scratch, m)) return;
    if (out.empty()) out.reserve(kFirstMatches);
    out.push_back(m);
    next = m.last + 1;
  });
  return out;
}

std::vector<NameMatch> Matcher::longest_per_start(const text::Tokens& toks, const std::vector<bool>* disabled,
                                                  std::uint32_t entity_limit) const {
  LazyIds ids(*this, toks);
  std::vector<NameMatch> out;
  Candidates scratch;
  NameMatch m{};
  ids.for_each_may_start([&](std::uint32_t i) {
    if (longest_at(ids, toks, i, LeftOut{disabled, entity_limit}, scratch, m)) out.push_back(m);
  });
  return out;
}

std::vector<NameMatch> Matcher::find_all(const text::Tokens& toks, const std::vector<bool>* disabled,
                                         std::uint32_t entity_limit) const {
  LazyIds ids(*this, toks);
  std::vector<NameMatch> out;
  Candidates here;
  ids.for_each_may_start([&](std::uint32_t i) {
    const std::uint32_t start = ids.start(i);
    std::uint32_t node = 0;
    for (std::size_t j = i; start != 0 && j < toks.size(); ++j) {
      node = j == i ? child(0, start) : follow(ids, toks, node, j);
      if (node == kNoNode) break;
      accepted(node, toks, i, j, here, LeftOut{disabled, entity_limit});
      if (!here.empty()) out.push_back(NameMatch{i, j, here});
    }
  });
  return out;
}

std::vector<NameMatch> pool_spans(std::vector<NameMatch> matches) {
  std::sort(matches.begin(), matches.end(), earlier_span);
  std::vector<NameMatch> out;
  for (NameMatch& m : matches) {
    if (!out.empty() && m.first == out.back().first && m.last == out.back().last) {
      std::vector<std::uint32_t> pooled(out.back().candidates.begin(), out.back().candidates.end());
      pooled.insert(pooled.end(), m.candidates.begin(), m.candidates.end());
      std::sort(pooled.begin(), pooled.end());
      pooled.erase(std::unique(pooled.begin(), pooled.end()), pooled.end());
      out.back().candidates.assign(pooled.begin(), pooled.end());
    } else {
      out.push_back(std::move(m));
    }
  }
  return out;
}

std::vector<NameMatch> leftmost_longest(std::vector<NameMatch> matches) {
  std::vector<NameMatch> pooled = pool_spans(std::move(matches));  // by first token, then length
  std::vector<NameMatch> out;
  for (std::size_t i = 0; i < pooled.size(); ++i) {
    const bool longer_follows = i + 1 < pooled.size() && pooled[i + 1].first == pooled[i].first;
    if (longer_follows || (!out.empty() && pooled[i].first <= out.back().last)) continue;
    out.push_back(std::move(pooled[i]));
  }
  return out;
}

}  // namespace parole::entities
