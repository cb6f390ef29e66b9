// A read-mostly map from words (or short phrases) to values, looked up by
// std::string_view. The quote stages look up several tables for nearly every
// token; std::unordered_map<std::string, …> cannot be queried with a view in
// C++17, so each lookup built a std::string and hashed it with a generic
// hash. Here a lookup reads the token's bytes in place: a small bit filter
// rejects most words at once (inlined where tables are consulted per token),
// and the rest probe a flat open-addressing index; nothing is allocated.
// Entries stay in insertion order; keys are owned (std::string), or viewed
// (Key = std::string_view) in data that outlives the map.
#ifndef PAROLE_QUOTES_WORD_MAP_HPP
#define PAROLE_QUOTES_WORD_MAP_HPP

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "text/tokens.hpp"

namespace parole::quotes {

// A fast hash for short keys (words are a few bytes), inlined, with no
// call to memcpy for the tail: 8-byte loads, overlapping at the end, and
// for 1 to 7 bytes two overlapping 4-byte loads or three single bytes. Not
// for untrusted keys at scale, but the tables are fixed at load time, so a
// text cannot lengthen their probe chains.
inline std::uint64_t load8(const char* p) noexcept {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

inline std::uint64_t load4(const char* p) noexcept {
  std::uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}

[[gnu::always_inline]] inline std::uint64_t word_hash(std::string_view s) noexcept {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ULL;
  const char* p = s.data();
  const std::size_t n = s.size();
  std::uint64_t a;
  std::uint64_t b;
  if (n >= 8) {
    a = n;
    for (std::size_t k = 0; k + 8 < n; k += 8) a = (a ^ load8(p + k)) * kMul;
    b = load8(p + n - 8);
  } else if (n >= 4) {
    a = n;
    b = load4(p) << 32U | load4(p + n - 4);
  } else if (n > 0) {
    const auto c0 = static_cast<unsigned char>(p[0]);
    const auto c1 = static_cast<unsigned char>(p[n / 2]);
    const auto c2 = static_cast<unsigned char>(p[n - 1]);
    a = n;
    b = std::uint64_t{c0} << 16U | std::uint64_t{c1} << 8U | c2;
  } else {
    return 0;
  }
  std::uint64_t h = (a * kMul) ^ (b * 0xBF58476D1CE4E5B9ULL);
  h ^= h >> 32U;
  h *= 0x94D049BB133111EBULL;
  return h ^ (h >> 29U);
}

// Byte equality of two short strings without a call to memcmp: the same
// overlapping loads as word_hash.
[[gnu::always_inline]] inline bool same_word(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  if (n >= 8) {
    for (std::size_t k = 0; k + 8 < n; k += 8) {
      if (load8(p + k) != load8(q + k)) return false;
    }
    return load8(p + n - 8) == load8(q + n - 8);
  }
  if (n >= 4) return load4(p) == load4(q) && load4(p + n - 4) == load4(q + n - 4);
  for (std::size_t k = 0; k < n; ++k) {
    if (p[k] != q[k]) return false;
  }
  return true;
}

template <typename Value, typename Key = std::string>
class WordMap {
 public:
  // False when the key is certainly absent: the common case, cheap enough to
  // be inlined where tables are consulted for every token.
  // The two filters are combined without a branch between them: which
  // words pass the first is unpredictable, and a mispredicted branch costs
  // more than hashing every word.
  bool may_contain(std::string_view key) const {
    return key.size() <= max_key_ &&
           (static_cast<unsigned>(shaped(key)) & static_cast<unsigned>(filtered(hash_of(key)))) != 0;
  }
  const Value* find(std::string_view key) const { return may_contain(key) ? probe(key) : nullptr; }
  // may_contain() for a key followed by at least eight readable bytes (a
  // token's folded form: Tokens::kFoldedPadding): its first eight bytes
  // are hashed with one load and one multiplication (the tables consulted
  // at every token). The first byte is read even when the key is empty. A
  // table of a few dozen words (pronouns, determiners) asks the head filter
  // alone: one bit in 64 or fewer is set, and the shape test adds little.
  bool may_contain_padded(std::string_view key) const {
    if (head_only_) {
      const std::uint64_t bit = head_hash(padded_head(key.data(), key.size()), key.size()) >> filter_shift_;
      return (head_filter_[bit / 64] >> (bit % 64) & 1U) != 0;
    }
    return filtered_padded(key.data(), key.size(), shapes_.data(), head_filter_.data(), filter_shift_, max_key_);
  }
  // Calls fn(i, value) for every token i whose folded form is a key, in
  // token order. After prepare_scan(), one pass over a text asks the scan
  // filter alone, without a branch or a call: the tokens it lets through
  // are noted, a block at a time, and looked up after.
  template <typename Tokens, typename Fn>
  void scan(const Tokens& toks, Fn fn) const {
    if (scan_bytes_.empty()) {
      for (std::size_t i = 0; i < toks.size(); ++i) {
        if (const Value* v = find(toks.folded(i))) fn(i, *v);
      }
      return;
    }
    scan_prepared(toks, fn);
  }
  // Makes scan() read a filter of its own, a byte per hash value (8 KB),
  // which a token tests with one load. It hashes a word's length and its
  // first bytes, as many as the shortest key has (eight at most): those are
  // within every key, so a token's eight loaded bytes are masked with a
  // constant instead of by its length. Tokens that share those bytes and the
  // length of a key pass, and are looked up. For a table of a few hundred
  // words at most, scanned over whole texts, once its words are in: an
  // insertion undoes it.
  void prepare_scan() {
    std::size_t head_bytes = 8;
    for (const auto& entry : entries_) {
      head_bytes = std::min<std::size_t>(head_bytes, std::string_view(entry.first).size());
    }
    scan_mask_ = head_bytes == 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * head_bytes)) - 1;
    scan_bytes_.assign(kScanFilterBytes, 0);
    for (const auto& entry : entries_) {
      const std::string_view key = entry.first;
      scan_bytes_[scan_slot(head_of(key), key.size())] = 1;
    }
  }
  // find() for a key that passed may_contain(): the filters are not asked again.
  const Value* probe(std::string_view key) const { return probe(key, hash_of(key)); }
  bool contains(std::string_view key) const { return find(key) != nullptr; }
  // The value of `key`, inserted default-constructed when absent. The
  // reference holds until the next insertion.
  Value& operator[](std::string_view key) {
    if (const Value* v = find(key)) return const_cast<Value&>(*v);
    return insert(key, Value{});
  }
  // Inserts unless the key is present (like std::unordered_map::emplace),
  // hashing the key once.
  void emplace(std::string_view key, Value value) {
    const std::uint64_t h = hash_of(key);
    if (entries_.empty() || probe(key, h) == nullptr) insert(key, std::move(value), h);
  }
  // probe() for a key followed by at least eight readable bytes, as for may_contain_padded().
  const Value* probe_padded(std::string_view key) const {
    return probe(key, large_ ? word_hash(key) : head_hash(padded_head(key.data(), key.size()), key.size()));
  }
  // probe() with h = hash_of(key).
  const Value* probe(std::string_view key, std::uint64_t h) const {
    const auto tag = static_cast<std::uint32_t>(h);
    for (std::size_t s = h >> slot_shift_;; s = (s + 1) & mask_) {
      const Slot& slot = slots_[s];
      if (slot.index == 0) return nullptr;
      if (slot.tag == tag && same_word(entries_[slot.index - 1].first, key)) return &entries_[slot.index - 1].second;
    }
  }
  std::size_t size() const { return entries_.size(); }
  // Room for n keys without growing: a table loaded from a long file is
  // sized once instead of rehashed at every doubling.
  void reserve(std::size_t n) {
    entries_.reserve(n);
    std::size_t slots = std::max<std::size_t>(slots_.size(), 16);
    while (n * 2 > slots) slots *= 2;
    if (slots != slots_.size()) rehash(slots);
  }
  // The lengths of the keys that start with byte `first`: bit n for n bytes
  // (bit 31 for 31 or more), for callers that can reject a word by its shape
  // before building or hashing it.
  std::uint32_t lengths_starting(char first) const { return shapes_[static_cast<unsigned char>(first)]; }
  // Longest key: longer words are rejected before hashing.
  std::size_t max_key_size() const { return max_key_; }
  // Entries in insertion order; values may change in place, keys may not.
  const std::vector<std::pair<Key, Value>>& entries() const { return entries_; }
  Value& value(std::size_t entry) { return entries_[entry].second; }

 private:
  struct Slot {
    std::uint32_t tag = 0;    // low bits of the hash (the high ones pick the slot), checked before the key
    std::uint32_t index = 0;  // 1 + index into entries_, 0: empty
  };

  // The scan filter's byte for a word of n bytes whose first eight are `head` (any past the word).
  std::size_t scan_slot(std::uint64_t head, std::size_t n) const { return scan_slot((head & scan_mask_) + n); }
  // sum: the masked head plus the length
  static std::size_t scan_slot(std::uint64_t sum) {
    return static_cast<std::size_t>(sum * 0x9E3779B97F4A7C15ULL >> kScanFilterShift);
  }
  // scan() after prepare_scan(). Each token's folded end is the next one's
  // start, and eight bytes can be read from it (Tokens::kFoldedPadding).
  template <typename Tokens, typename Fn>
  void scan_prepared(const Tokens& toks, Fn& fn) const {
    const std::size_t count = toks.size();
    if (count == 0) return;
    const auto* tok = toks.all().data();
    const char* folded = toks.folded(0).data() - tok[0].fstart;
    const std::uint8_t* filter = scan_bytes_.data();
    constexpr std::size_t kBlock = 256;
    std::uint32_t passed[kBlock];
    for (std::size_t from = 0; from + 1 < count; from += kBlock) {
      const std::size_t to = std::min(from + kBlock, count - 1);  // the last token's end is not the next one's start
      std::size_t n_passed = 0;
      auto i = static_cast<std::uint32_t>(from);
#pragma GCC unroll 4
      for (const auto* t = tok + from; t != tok + to; ++t, ++i) {
        const std::uint64_t begin = t[0].fstart;
        const std::uint64_t end = t[1].fstart;
        passed[n_passed] = i;
        // (head + n) with n = end - begin, in an order that spares the compiler register copies
        n_passed += filter[scan_slot((load8(folded + begin) & scan_mask_) - begin + end)];
      }
      // Then the filters of may_contain_padded(), which hash the whole head
      // (words that share a key's first bytes and length pass the scan
      // filter), again without a branch; and a look-up for the few left.
      std::size_t n_left = 0;
      for (std::size_t k = 0; k < n_passed; ++k) {
        passed[n_left] = passed[k];
        n_left += may_contain_padded(toks.folded(passed[k])) ? 1 : 0;
      }
      for (std::size_t k = 0; k < n_left; ++k) {
        if (const Value* v = probe_padded(toks.folded(passed[k]))) fn(passed[k], *v);
      }
    }
    if (const Value* v = find(toks.folded(count - 1))) fn(count - 1, *v);
  }

  // A small table (the lexicon's word lists) is hashed by the key's first
  // eight bytes and its length (head_hash): keys that share them are told
  // apart by comparing them, which is cheaper than hashing every byte of
  // every token, and a token's folded form is hashed with one load
  // (probe_padded). A large one (the given names) holds too many words that
  // share a head: it uses word_hash.
  [[gnu::always_inline]] std::uint64_t hash_of(std::string_view key) const {
    return large_ ? word_hash(key) : head_hash(head_of(key), key.size());
  }

  // Whether a key has the first byte and the length of this one (lengths
  // past 31 count as 31): two loads and a shift, cheaper than hashing, and
  // enough to reject most words for the small tables (a table of a few
  // dozen words has few shapes).
  bool shaped(std::string_view key) const {
    if (key.empty()) return true;
    const std::uint32_t lengths = shapes_[static_cast<unsigned char>(key[0])];
    return (lengths >> std::min<std::size_t>(key.size(), 31) & 1U) != 0;
  }

  // The first eight bytes of a key, zero-padded past its end; `p` may be
  // read eight bytes on (padded_head), or not (head_of).
  static std::uint64_t head_of(std::string_view key) noexcept {
    std::uint64_t head = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    // The memcpy below, without a call: overlapping loads as in word_hash.
    const char* p = key.data();
    const std::size_t n = key.size();
    if (n >= 8) return load8(p);
    if (n >= 4) return load4(p) | load4(p + n - 4) << (8 * (n - 4));
    for (std::size_t k = 0; k < n; ++k) head |= std::uint64_t{static_cast<unsigned char>(p[k])} << (8 * k);
#else
    std::memcpy(&head, key.data(), std::min<std::size_t>(key.size(), 8));
#endif
    return head;
  }
  static std::uint64_t padded_head(const char* p, std::size_t n) noexcept { return text::padded_head(p, n); }
  static std::uint64_t head_hash(std::uint64_t head, std::size_t n) noexcept {
    return (head + n) * 0x9E3779B97F4A7C15ULL;  // the top bits are used
  }
  // The shape and head filters for a padded key, branch-free.
  [[gnu::always_inline]] static bool filtered_padded(const char* p, std::size_t n, const std::uint32_t* shapes,
                                                     const std::uint64_t* filter, unsigned shift,
                                                     std::size_t max_key) noexcept {
    const std::uint32_t lengths = shapes[static_cast<unsigned char>(*p)];
    const std::uint64_t bit = head_hash(padded_head(p, n), n) >> shift;
    const auto fits = static_cast<std::uint64_t>(n <= max_key);
    return (fits & lengths >> std::min<std::size_t>(n, 31) & filter[bit / 64] >> (bit % 64)) != 0;
  }

  // Whether the filter has the bit of this hash.
  bool filtered(std::uint64_t h) const {
    const std::uint64_t bit = h >> filter_shift_;
    return (filter_[bit / 64] >> (bit % 64) & 1U) != 0;
  }

  Value& insert(std::string_view key, Value value) { return insert(key, std::move(value), hash_of(key)); }
  // h: hash_of(key), as the table hashes now.
  Value& insert(std::string_view key, Value value, std::uint64_t h) {
    entries_.emplace_back(std::piecewise_construct, std::forward_as_tuple(key),
                          std::forward_as_tuple(std::move(value)));
    if (key.size() > max_key_) max_key_ = key.size();
    if (!key.empty()) {
      shapes_[static_cast<unsigned char>(key[0])] |= 1U << std::min<std::size_t>(key.size(), 31);
    } else {
      for (std::uint32_t& lengths : shapes_) lengths |= 1U;  // may_contain_padded() reads the byte after the key
    }
    if (entries_.size() * 2 > slots_.size()) {
      rehash(slots_.empty() ? 16 : slots_.size() * 2);  // at most half full: short probes
    } else {
      place(entries_.size() - 1, h);
    }
    scan_bytes_.clear();                                  // prepare_scan() is to be asked again
    head_only_ = entries_.size() <= head_filter_.size();  // at least 64 filter bits per key
    return entries_.back().second;
  }

  // The slot and the filter bit are the top bits of the hash. The filter
  // has four bits per slot, a quarter of the slots' bytes, and at least
  // kMinFilterBits: most words of a text are in no table, and the filter,
  // small enough to stay in the nearest cache, rejects most of them without
  // touching the slots. With only four bits per slot, a small table's
  // filter let one word in eight through, and the common words that got
  // through were looked up at every occurrence.
  void rehash(std::size_t n) {
    slots_.assign(n, Slot{});
    mask_ = n - 1;
    large_ = n > kLargeSlots;
    slot_shift_ = 64;
    for (std::size_t b = n; b > 1; b /= 2) --slot_shift_;
    std::size_t bits = n * 4;
    filter_shift_ = slot_shift_ - 2;
    for (; bits < kMinFilterBits; bits *= 2) --filter_shift_;
    filter_.assign(bits / 64, 0);
    head_filter_.assign(bits / 64, 0);
    for (std::size_t e = 0; e < entries_.size(); ++e) place(e, hash_of(entries_[e].first));
  }

  void place(std::size_t e, std::uint64_t h) {
    const std::uint64_t bit = h >> filter_shift_;
    filter_[bit / 64] |= std::uint64_t{1} << (bit % 64);
    const std::string_view key = entries_[e].first;
    const std::uint64_t head_bit = head_hash(head_of(key), key.size()) >> filter_shift_;
    head_filter_[head_bit / 64] |= std::uint64_t{1} << (head_bit % 64);
    std::size_t s = h >> slot_shift_;
    while (slots_[s].index != 0) s = (s + 1) & mask_;
    slots_[s] = Slot{static_cast<std::uint32_t>(h), static_cast<std::uint32_t>(e + 1)};
  }

  static constexpr std::size_t kLargeSlots = 8192;
  static constexpr std::size_t kMinFilterBits = 8192;  // one kilobyte
  static constexpr unsigned kMinFilterShift = 51;      // 64 - log2(kMinFilterBits)
  static_assert(kMinFilterBits == std::size_t{1} << (64 - kMinFilterShift));
  std::vector<std::pair<Key, Value>> entries_;
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  unsigned slot_shift_ = 64;
  // Bit h >> filter_shift_ set: a key may have the hash h. An empty map has
  // an empty filter, which may_contain() reads without asking whether there
  // are slots.
  std::vector<std::uint64_t> filter_ = std::vector<std::uint64_t>(kMinFilterBits / 64);
  // The same by head_hash, for the padded look-ups (for a small table, which
  // hashes by head_hash, the same bits as filter_).
  std::vector<std::uint64_t> head_filter_ = std::vector<std::uint64_t>(kMinFilterBits / 64);
  // After prepare_scan(): a byte per scan_slot(), 1 where a key may hash
  static constexpr std::size_t kScanFilterBytes = 8192;
  static constexpr unsigned kScanFilterShift = 51;  // 64 - log2(kScanFilterBytes)
  static_assert(kScanFilterBytes == std::size_t{1} << (64 - kScanFilterShift));
  std::vector<std::uint8_t> scan_bytes_;
  std::uint64_t scan_mask_ = ~std::uint64_t{0};  // keeps the bytes of a word's head that scan_slot() hashes
  std::array<std::uint32_t, 256> shapes_{};      // first byte -> bit n set: a key of length n starts with it
  unsigned filter_shift_ = kMinFilterShift;
  bool large_ = false;
  bool head_only_ = true;  // may_contain_padded() asks the head filter alone
  std::size_t max_key_ = 0;
};

}  // namespace parole::quotes

#endif
