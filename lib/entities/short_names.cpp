#include "entities/short_names.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>

namespace parole::entities {
namespace {

constexpr std::size_t kMinSurnameBytes = 3;

using Sequence = std::vector<std::string>;

bool is_hyphen(const text::Tokens& toks, std::size_t i) {
  return toks[i].has(text::kPunct) && (toks[i].first == '-' || toks[i].first == 0x2010 || toks[i].first == 0x2011);
}

}  // namespace

std::vector<Sequence> surnames(const text::Tokens& toks, const NameMatch& m) {
  std::vector<Sequence> out;
  std::size_t after_given = m.first + 1;
  while (after_given + 1 <= m.last && is_hyphen(toks, after_given)) after_given += 2;
  if (after_given > m.last) return out;  // a single-word name
  Sequence rest;
  for (std::size_t i = after_given; i <= m.last; ++i) rest.emplace_back(toks.folded(i));
  const bool usable = toks[after_given].has(text::kCapitalised) || rest.size() > 1;
  if (usable && toks.folded(m.last).size() >= kMinSurnameBytes) out.push_back(rest);
  const Sequence last{std::string(toks.folded(m.last))};
  if (rest.size() > 1 && toks[m.last].has(text::kCapitalised) && last[0].size() >= kMinSurnameBytes) {
    out.push_back(last);
  }
  return out;
}

void add_short_names(const text::Tokens& toks, const Records& records, std::vector<NameMatch>& matches) {
  struct Owner {
    std::uint32_t entity;
    std::size_t from;  // token after the first full mention
    bool shared;
  };
  std::map<Sequence, Owner> owners;
  for (const NameMatch& m : matches) {
    const std::uint32_t e = m.candidates.front();
    if (records[e].type != "PERSON") continue;
    for (Sequence& s : surnames(toks, m)) {
      const auto [it, fresh] = owners.emplace(std::move(s), Owner{e, m.last + 1, false});
      if (!fresh && it->second.entity != e) it->second.shared = true;
    }
  }
  if (owners.empty()) return;
  std::vector<bool> covered(toks.size(), false);
  for (const NameMatch& m : matches) std::fill(covered.begin() + m.first, covered.begin() + m.last + 1, true);
  // Surnames by their first word, so that each token looks at its own only.
  std::unordered_map<std::string, std::vector<const std::pair<const Sequence, Owner>*>> by_first;
  for (const auto& entry : owners) by_first[entry.first.front()].push_back(&entry);
  std::vector<NameMatch> added;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (covered[i] || !toks[i].has(text::kCapitalised)) continue;
    const auto candidates = by_first.find(std::string(toks.folded(i)));
    if (candidates == by_first.end()) continue;
    for (const auto* entry : candidates->second) {
      const Sequence& seq = entry->first;
      const Owner& owner = entry->second;
      if (owner.shared || i < owner.from || i + seq.size() > toks.size()) continue;
      bool same = true;
      for (std::size_t k = 1; k < seq.size() && same; ++k) same = !covered[i + k] && toks.folded(i + k) == seq[k];
      // A longer capitalised name going on after it is someone else (« Lavrov Junior »).
      const std::size_t next = i + seq.size();
      if (same && next < toks.size() && toks[next].is_word() && toks[next].has(text::kCapitalised) &&
          !toks[next].has(text::kParagraphBefore)) {
        same = false;
      }
      if (!same) continue;
      added.push_back(NameMatch{i, i + seq.size() - 1, {owner.entity}});
      std::fill(covered.begin() + i, covered.begin() + i + seq.size(), true);
      break;
    }
  }
  if (added.empty()) return;
  matches.insert(matches.end(), added.begin(), added.end());
  std::sort(matches.begin(), matches.end(), [](const NameMatch& a, const NameMatch& b) { return a.first < b.first; });
}

}  // namespace parole::entities
