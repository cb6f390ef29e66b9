// Which of the entities that share a name a mention is given to: by the
// document, then by the words before the name, then by the order of the
// gazetteers (see resolve_ambiguity in matcher.hpp).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "entities/matcher.hpp"

namespace parole::entities {
namespace {

// Puts first, among the candidates before `tied_end`, those of the type that
// the words before the match call for; false (and nothing moved) unless some
// are of that type and some not.
bool prefer_hinted_type(NameMatch& m, std::uint32_t* tied_end, const TypeOf& type_of, const TypeHint& type_hint) {
  if (!type_hint || !type_of) return false;
  const std::string_view wanted = type_hint(m);
  if (wanted.empty()) return false;
  const auto fits = [&](std::uint32_t e) { return type_of(e) == wanted; };
  const std::ptrdiff_t fitting = std::count_if(m.candidates.begin(), tied_end, fits);
  if (fitting == 0 || fitting == tied_end - m.candidates.begin()) return false;
  std::stable_partition(m.candidates.begin(), tied_end, fits);
  return true;
}

}  // namespace

void resolve_ambiguity(std::vector<NameMatch>& matches, const TypeOf& type_of, const TypeHint& type_hint) {
  // A document without an ambiguous name builds no table of support.
  if (std::none_of(matches.begin(), matches.end(), [](const NameMatch& m) { return m.candidates.size() > 1; })) {
    return;
  }
  // The support of the entities that ambiguous matches name, and of no
  // other: a sorted vector of them (no hash node per entity), each
  // unambiguous match looked up by binary search.
  struct Support {
    std::uint32_t entity;
    std::size_t mentions;
  };
  std::vector<Support> support;
  for (const NameMatch& m : matches) {
    if (m.candidates.size() < 2) continue;
    for (const std::uint32_t e : m.candidates) support.push_back(Support{e, 0});
  }
  const auto by_entity = [](const Support& a, const Support& b) { return a.entity < b.entity; };
  std::sort(support.begin(), support.end(), by_entity);
  support.erase(std::unique(support.begin(), support.end(),
                            [](const Support& a, const Support& b) { return a.entity == b.entity; }),
                support.end());
  const auto support_of = [&](std::uint32_t e) {
    const auto it = std::lower_bound(support.begin(), support.end(), Support{e, 0}, by_entity);
    return it != support.end() && it->entity == e ? &*it : nullptr;
  };
  for (const NameMatch& m : matches) {
    if (m.candidates.size() != 1) continue;
    if (Support* s = support_of(m.candidates.front())) ++s->mentions;
  }
  for (NameMatch& m : matches) {
    if (m.candidates.size() < 2) continue;
    std::stable_sort(m.candidates.begin(), m.candidates.end(), [&](std::uint32_t a, std::uint32_t b) {
      return support_of(a)->mentions > support_of(b)->mentions;
    });
    const std::size_t top = support_of(m.candidates.front())->mentions;
    const auto tied_end = std::find_if(m.candidates.begin(), m.candidates.end(),
                                       [&](std::uint32_t e) { return support_of(e)->mentions < top; });
    if (tied_end - m.candidates.begin() == 1) {
      m.resolution = Resolution::kDocument;
    } else if (prefer_hinted_type(m, tied_end, type_of, type_hint)) {
      m.resolution = Resolution::kContext;
    } else {
      m.resolution = Resolution::kFirstListed;
    }
  }
}

}  // namespace parole::entities
