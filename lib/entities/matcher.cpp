#include "entities/matcher.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <unordered_map>

namespace parole::entities {
namespace {

constexpr std::size_t kMaxAcronymLetters = 5;
constexpr std::size_t kMaxShortAcronym = 3;  // these need capitals: US, UN, AP

// A form token written in capitals only (OTAN, US) with few letters: the text
// must spell it with a capital too, so that « us » or « afp » are not hits.
bool is_acronym(const text::Tokens& form, std::size_t k) {
  const text::Token& t = form[k];
  const std::size_t letters = form.folded(k).size();  // acronyms are ASCII in practice
  return t.is_word() && t.has(text::kAllUpper) && letters >= 2 && letters <= kMaxAcronymLetters;
}

// Tokens are short: eight bytes at a time, then a final mix.
std::uint64_t hash_token(std::string_view s) {
  std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ s.size();
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w = 0;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 31U;
  }
  std::uint64_t w = 0;
  std::memcpy(&w, s.data() + i, s.size() - i);
  h = (h ^ w) * 0x94D049BB133111EBULL;
  return h ^ (h >> 29U);
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

// Builds the tables form by form, then lays them out flat.
class Builder {
 public:
  void add_form(const std::string& form, std::uint32_t entity);
  Matcher::Tables finish();

 private:
  std::unordered_map<std::string, std::uint32_t> token_ids_;
  std::vector<std::string_view> tokens_by_id_;  // into token_ids_ keys (stable)
  std::unordered_map<std::uint64_t, std::uint32_t> edges_;
  std::vector<std::vector<Matcher::FormEnd>> ends_{1};  // root
  std::uint64_t forms_ = 0;
};

void Builder::add_form(const std::string& form, std::uint32_t entity) {
  const text::Tokens toks(form);
  if (toks.size() == 0) return;
  std::uint32_t node = 0;
  std::uint32_t mask = 0;
  std::uint32_t upper = 0;
  for (std::size_t k = 0; k < toks.size(); ++k) {
    const auto [it, fresh] =
        token_ids_.emplace(std::string(toks.folded(k)), static_cast<std::uint32_t>(token_ids_.size() + 1));
    if (fresh) tokens_by_id_.push_back(it->first);
    const std::uint64_t key = (static_cast<std::uint64_t>(node) << 32U) | it->second;
    const auto [edge, added] = edges_.emplace(key, static_cast<std::uint32_t>(ends_.size()));
    if (added) ends_.emplace_back();
    node = edge->second;
    const bool capital = toks[k].has(text::kCapitalised);
    if (k < 32 && capital && (k == 0 || is_acronym(toks, k))) mask |= 1U << k;
    if (k < 32 && is_acronym(toks, k) && toks.folded(k).size() <= kMaxShortAcronym) upper |= 1U << k;
  }
  std::vector<Matcher::FormEnd>& here = ends_[node];
  const bool known = std::any_of(here.begin(), here.end(), [&](const Matcher::FormEnd& f) {
    return f.entity == entity && f.capital_mask == mask && f.upper_mask == upper;
  });
  if (!known) here.push_back(Matcher::FormEnd{entity, mask, upper});
  ++forms_;
}

Matcher::Tables Builder::finish() {
  Matcher::Tables t;
  t.token_offsets.reserve(tokens_by_id_.size());
  for (const std::string_view tok : tokens_by_id_) {
    t.token_text += tok;
    t.token_offsets.push_back(static_cast<std::uint32_t>(t.token_text.size()));
  }
  if (t.token_text.size() >= 0xFFFFFFFFULL) throw std::length_error("gazetteer forms over 4 GiB");
  t.token_slots.assign(slots_for(tokens_by_id_.size()), 0);
  t.token_filter.assign(std::max<std::size_t>(1, slots_for(tokens_by_id_.size() * 4) / 64), 0);
  const std::size_t token_mask = t.token_slots.size() - 1;
  const std::size_t filter_bits = t.token_filter.size() * 64;
  for (std::size_t id = 1; id <= tokens_by_id_.size(); ++id) {
    const std::uint64_t hash = hash_token(tokens_by_id_[id - 1]);
    std::size_t slot = hash & token_mask;
    while (t.token_slots[slot] != 0) slot = (slot + 1) & token_mask;
    t.token_slots[slot] = (hash >> 32U << 32U) | id;
    const std::size_t bit = (hash >> 20U) & (filter_bits - 1);
    t.token_filter[bit / 64] |= std::uint64_t{1} << (bit % 64);
  }
  t.root_children.assign(tokens_by_id_.size() + 1, Matcher::kNoNode);
  t.edge_keys.assign(slots_for(edges_.size()), 0);
  t.edge_children.assign(t.edge_keys.size(), 0);
  const std::size_t edge_mask = t.edge_keys.size() - 1;
  for (const auto& [key, child] : edges_) {
    std::size_t slot = hash_edge(key) & edge_mask;
    while (t.edge_keys[slot] != 0) slot = (slot + 1) & edge_mask;
    t.edge_keys[slot] = key;
    t.edge_children[slot] = child;
    if (key >> 32U == 0) t.root_children[key & 0xFFFFFFFFU] = child;
  }
  t.end_offsets.reserve(ends_.size() + 1);
  t.end_offsets.push_back(0);
  for (const std::vector<Matcher::FormEnd>& here : ends_) {
    t.ends.insert(t.ends.end(), here.begin(), here.end());
    t.end_offsets.push_back(static_cast<std::uint32_t>(t.ends.size()));
  }
  t.form_count = forms_;
  return t;
}

Matcher::Tables build_tables(const std::vector<EntityRecord>& records) {
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

Matcher::Matcher(Tables tables) : t_(std::move(tables)), form_count_(t_.form_count) {}

std::uint32_t Matcher::token_id(std::string_view folded) const {
  if (folded.empty() || t_.token_filter.empty()) return 0;
  const std::uint64_t hash = hash_token(folded);
  const std::size_t filter_bits = t_.token_filter.size() * 64;
  const std::size_t bit = (hash >> 20U) & (filter_bits - 1);
  if ((t_.token_filter[bit / 64] >> (bit % 64) & 1U) == 0) return 0;
  const std::size_t mask = t_.token_slots.size() - 1;
  const std::uint64_t check = hash >> 32U << 32U;
  for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const std::uint64_t here = t_.token_slots[slot];
    if (here == 0) return 0;
    if ((here & ~std::uint64_t{0xFFFFFFFFU}) != check) continue;
    const auto id = static_cast<std::uint32_t>(here);
    const std::uint32_t begin = id == 1 ? 0 : t_.token_offsets[id - 2];
    const std::uint32_t end = t_.token_offsets[id - 1];
    if (end - begin == folded.size() && std::memcmp(t_.token_text.data() + begin, folded.data(), folded.size()) == 0) {
      return id;
    }
  }
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

bool Matcher::accepts(const FormEnd& end, const text::Tokens& toks, std::size_t first) const {
  for (std::uint32_t mask = end.capital_mask, k = 0; mask != 0; mask >>= 1U, ++k) {
    if ((mask & 1U) != 0 && !toks[first + k].has(text::kCapitalised)) return false;
  }
  // Acronyms of up to three letters only in capitals: « Un » is an article, not the UN.
  for (std::uint32_t mask = end.upper_mask, k = 0; mask != 0; mask >>= 1U, ++k) {
    if ((mask & 1U) != 0 && !toks[first + k].has(text::kAllUpper)) return false;
  }
  return true;
}

std::vector<std::uint32_t> Matcher::token_ids(const text::Tokens& toks) const {
  std::vector<std::uint32_t> ids(toks.size(), 0);
  if (t_.token_offsets.empty()) return ids;
  for (std::size_t i = 0; i < toks.size(); ++i) ids[i] = token_id(toks.folded(i));
  return ids;
}

void Matcher::accepted(std::uint32_t node, const text::Tokens& toks, std::size_t first, std::vector<std::uint32_t>& out,
                       const std::vector<bool>* disabled) const {
  out.clear();
  for (std::uint32_t k = t_.end_offsets[node]; k < t_.end_offsets[node + 1]; ++k) {
    const FormEnd& end = t_.ends[k];
    if (disabled != nullptr && end.entity < disabled->size() && (*disabled)[end.entity]) continue;
    if (accepts(end, toks, first) && std::find(out.begin(), out.end(), end.entity) == out.end()) {
      out.push_back(end.entity);
    }
  }
  std::sort(out.begin(), out.end());
}

bool Matcher::longest_at(const std::vector<std::uint32_t>& ids, const text::Tokens& toks, std::size_t first,
                         const std::vector<bool>* disabled, std::vector<std::uint32_t>& scratch, NameMatch& out) const {
  out.first = first;
  out.candidates.clear();
  std::uint32_t node = 0;
  for (std::size_t j = first; j < toks.size() && ids[j] != 0; ++j) {
    node = child(node, ids[j]);
    if (node == kNoNode) break;
    accepted(node, toks, first, scratch, disabled);
    if (!scratch.empty()) {
      out.last = j;
      out.candidates.swap(scratch);
    }
  }
  return !out.candidates.empty();
}

std::vector<NameMatch> Matcher::find(const text::Tokens& toks) const {
  const std::vector<std::uint32_t> ids = token_ids(toks);
  std::vector<NameMatch> out;
  std::vector<std::uint32_t> scratch;
  NameMatch m{};
  for (std::size_t i = 0; i < toks.size();) {
    if (ids[i] == 0 || !longest_at(ids, toks, i, nullptr, scratch, m)) {
      ++i;
      continue;
    }
    out.push_back(m);
    i = m.last + 1;
  }
  return out;
}

std::vector<NameMatch> Matcher::longest_per_start(const text::Tokens& toks, const std::vector<bool>* disabled) const {
  const std::vector<std::uint32_t> ids = token_ids(toks);
  std::vector<NameMatch> out;
  std::vector<std::uint32_t> scratch;
  NameMatch m{};
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (ids[i] != 0 && longest_at(ids, toks, i, disabled, scratch, m)) out.push_back(m);
  }
  return out;
}

std::vector<NameMatch> Matcher::find_all(const text::Tokens& toks, const std::vector<bool>* disabled) const {
  const std::vector<std::uint32_t> ids = token_ids(toks);
  std::vector<NameMatch> out;
  std::vector<std::uint32_t> here;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    std::uint32_t node = 0;
    for (std::size_t j = i; j < toks.size() && ids[j] != 0; ++j) {
      node = child(node, ids[j]);
      if (node == kNoNode) break;
      accepted(node, toks, i, here, disabled);
      if (!here.empty()) out.push_back(NameMatch{i, j, here});
    }
  }
  return out;
}

std::vector<NameMatch> pool_spans(std::vector<NameMatch> matches) {
  std::sort(matches.begin(), matches.end(), [](const NameMatch& a, const NameMatch& b) {
    return a.first != b.first ? a.first < b.first : a.last < b.last;
  });
  std::vector<NameMatch> out;
  for (NameMatch& m : matches) {
    if (!out.empty() && m.first == out.back().first && m.last == out.back().last) {
      std::vector<std::uint32_t>& pooled = out.back().candidates;
      pooled.insert(pooled.end(), m.candidates.begin(), m.candidates.end());
      std::sort(pooled.begin(), pooled.end());
      pooled.erase(std::unique(pooled.begin(), pooled.end()), pooled.end());
    } else {
      out.push_back(std::move(m));
    }
  }
  return out;
}

std::vector<NameMatch> leftmost_longest(std::vector<NameMatch> matches) {
  std::sort(matches.begin(), matches.end(), [](const NameMatch& a, const NameMatch& b) {
    return a.first != b.first ? a.first < b.first : a.last > b.last;
  });
  std::vector<NameMatch> out;
  for (NameMatch& m : matches) {
    if (!out.empty() && m.first == out.back().first && m.last == out.back().last) {
      std::vector<std::uint32_t>& pooled = out.back().candidates;
      pooled.insert(pooled.end(), m.candidates.begin(), m.candidates.end());
      std::sort(pooled.begin(), pooled.end());
      pooled.erase(std::unique(pooled.begin(), pooled.end()), pooled.end());
      continue;
    }
    if (!out.empty() && m.first <= out.back().last) continue;
    out.push_back(std::move(m));
  }
  return out;
}

void resolve_ambiguity(std::vector<NameMatch>& matches) {
  std::unordered_map<std::uint32_t, std::size_t> support;
  for (const NameMatch& m : matches) {
    if (m.candidates.size() == 1) ++support[m.candidates.front()];
  }
  for (NameMatch& m : matches) {
    if (m.candidates.size() < 2) continue;
    std::stable_sort(m.candidates.begin(), m.candidates.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return support[a] > support[b]; });
  }
}

}  // namespace parole::entities
