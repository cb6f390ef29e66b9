#include "entities/short_names.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>

namespace parole::entities {
namespace {

constexpr std::size_t kMinSurnameBytes = 3;
constexpr std::size_t kMaxSurnameTokens = 3;  // « Le Pen », « de Gaulle »: longer ones are not used alone

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
  // Surnames as their folded words joined, so that each token is looked up a
  // fixed number of times whatever the document (linear time).
  auto key = [](const Sequence& seq) {
    std::string k;
    for (const std::string& w : seq) k += w + '\x1f';
    return k;
  };
  std::unordered_map<std::string, Owner> owners;
  for (const NameMatch& m : matches) {
    const std::uint32_t e = m.candidates.front();
    if (records[e].type != "PERSON") continue;
    for (const Sequence& s : surnames(toks, m)) {
      if (s.size() > kMaxSurnameTokens) continue;
      const auto [it, fresh] = owners.emplace(key(s), Owner{e, m.last + 1, false});
      if (!fresh && it->second.entity != e) it->second.shared = true;
    }
  }
  if (owners.empty()) return;
  std::vector<bool> covered(toks.size(), false);
  for (const NameMatch& m : matches) std::fill(covered.begin() + m.first, covered.begin() + m.last + 1, true);
  std::vector<NameMatch> added;
  std::string k;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (covered[i] || !toks[i].has(text::kCapitalised)) continue;
    // The longest surname first: « Le Pen » before « Pen ».
    for (std::size_t len = std::min(kMaxSurnameTokens, toks.size() - i); len > 0; --len) {
      k.clear();
      bool free = true;
      for (std::size_t t = i; t < i + len && free; ++t) {
        free = !covered[t];
        k.append(toks.folded(t)).push_back('\x1f');
      }
      if (!free) continue;
      const auto found = owners.find(k);
      if (found == owners.end() || found->second.shared || i < found->second.from) continue;
      // A longer capitalised name going on after it is someone else (« Lavrov Junior »).
      const std::size_t next = i + len;
      if (next < toks.size() && toks[next].is_word() && toks[next].has(text::kCapitalised) &&
          !toks[next].has(text::kParagraphBefore)) {
        continue;
      }
      added.push_back(NameMatch{i, next - 1, {found->second.entity}});
      std::fill(covered.begin() + i, covered.begin() + next, true);
      break;
    }
  }
  if (added.empty()) return;
  matches.insert(matches.end(), added.begin(), added.end());
  std::sort(matches.begin(), matches.end(), [](const NameMatch& a, const NameMatch& b) { return a.first < b.first; });
}

}  // namespace parole::entities
