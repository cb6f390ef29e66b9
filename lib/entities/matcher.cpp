#include "entities/matcher.hpp"

#include <algorithm>

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

}  // namespace

Matcher::Matcher(const std::vector<EntityRecord>& records) {
  ends_.emplace_back();  // root
  for (std::size_t e = 0; e < records.size(); ++e) {
    const auto entity = static_cast<std::uint32_t>(e);
    add_form(records[e].name, entity);
    for (const std::string& alias : records[e].aliases) add_form(alias, entity);
  }
}

void Matcher::add_form(const std::string& form, std::uint32_t entity) {
  const text::Tokens toks(form);
  if (toks.size() == 0) return;
  std::uint32_t node = 0;
  std::uint32_t mask = 0;
  std::uint32_t upper = 0;
  for (std::size_t k = 0; k < toks.size(); ++k) {
    const auto [it, fresh] =
        token_ids_.emplace(std::string(toks.folded(k)), static_cast<std::uint32_t>(token_ids_.size() + 1));
    const std::uint64_t key = (static_cast<std::uint64_t>(node) << 32U) | it->second;
    const auto edge = edges_.find(key);
    if (edge == edges_.end()) {
      const auto next = static_cast<std::uint32_t>(ends_.size());
      ends_.emplace_back();
      edges_.emplace(key, next);
      node = next;
    } else {
      node = edge->second;
    }
    const bool capital = toks[k].has(text::kCapitalised);
    if (k < 32 && capital && (k == 0 || is_acronym(toks, k))) mask |= 1U << k;
    if (k < 32 && is_acronym(toks, k) && toks.folded(k).size() <= kMaxShortAcronym) upper |= 1U << k;
  }
  std::vector<FormEnd>& here = ends_[node];
  const bool known = std::any_of(here.begin(), here.end(), [&](const FormEnd& f) {
    return f.entity == entity && f.capital_mask == mask && f.upper_mask == upper;
  });
  if (!known) here.push_back(FormEnd{entity, mask, upper});
  ++form_count_;
}

std::uint32_t Matcher::child(std::uint32_t node, std::uint32_t token) const {
  if (token == 0) return kNoNode;
  const auto it = edges_.find((static_cast<std::uint64_t>(node) << 32U) | token);
  return it == edges_.end() ? kNoNode : it->second;
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

std::vector<NameMatch> Matcher::find(const text::Tokens& toks) const {
  std::vector<std::uint32_t> ids(toks.size(), 0);
  for (std::size_t i = 0; i < toks.size(); ++i) {
    const auto it = token_ids_.find(std::string(toks.folded(i)));
    if (it != token_ids_.end()) ids[i] = it->second;
  }
  std::vector<NameMatch> out;
  for (std::size_t i = 0; i < toks.size();) {
    std::uint32_t node = 0;
    std::size_t best_last = 0;
    std::vector<std::uint32_t> best;
    for (std::size_t j = i; j < toks.size(); ++j) {
      node = child(node, ids[j]);
      if (node == kNoNode) break;
      std::vector<std::uint32_t> accepted;
      for (const FormEnd& end : ends_[node]) {
        if (accepts(end, toks, i) && std::find(accepted.begin(), accepted.end(), end.entity) == accepted.end()) {
          accepted.push_back(end.entity);
        }
      }
      if (!accepted.empty()) {
        best_last = j;
        best = std::move(accepted);
      }
    }
    if (best.empty()) {
      ++i;
      continue;
    }
    std::sort(best.begin(), best.end());
    out.push_back(NameMatch{i, best_last, std::move(best)});
    i = best_last + 1;
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
