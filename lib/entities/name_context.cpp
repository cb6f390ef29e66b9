#include "entities/name_context.hpp"

namespace parole::entities {
namespace {

// Words a title may take after its noun before the name: adjectives and
// complements (« russe », « des Affaires étrangères »), a few at most.
constexpr std::size_t kMaxTitleTail = 6;

bool is_apostrophe(const text::Token& t) { return t.has(text::kPunct) && (t.first == '\'' || t.first == 0x2019); }

// A word that can sit between a title noun and the name: not a verb, not a
// word that ends a noun phrase (et, qui, à, hier...), no punctuation but
// elision apostrophes and hyphens inside words.
bool fits_title_tail(const text::Tokens& toks, const quotes::Lexicon& lex, std::size_t i) {
  const text::Token& t = toks[i];
  if (t.has(text::kPunct)) return is_apostrophe(t) || t.first == '-';
  if (t.has(text::kParagraphBefore) || t.has(text::kLineBefore)) return false;
  if (lex.is_verb_or_auxiliary(toks, i) || lex.phrase_stops.match(toks, i) > 0) return false;
  return true;
}

// « de l’OTAN », « du Kremlin »: a name that completes a noun is not the
// person that noun describes (« la mission militaire de l’OTAN »).
bool is_complement(const text::Tokens& toks, const quotes::Lexicon& lex, std::size_t end) {
  if (end == 0) return false;
  const std::string_view before = toks.folded(end - 1);
  return is_apostrophe(toks[end - 1]) || before == "de" || before == "du" || before == "des" ||
         lex.determiners.match(toks, end - 1) == 1;
}

// Titles are written in lower case in running text: a capitalised one
// (« le Parti communiste », « l’Autorité palestinienne ») names an
// organisation, unless it opens a sentence or a headline.
bool written_as_title(const text::Tokens& toks, std::size_t j) {
  if (!toks[j].has(text::kCapitalised) || j == 0 || toks[j].has(text::kParagraphBefore)) return true;
  const char32_t before = toks[j - 1].has(text::kPunct) ? toks[j - 1].first : 0;
  return before == '.' || before == '!' || before == '?' || before == ':' || before == 0x2014 || before == 0x2013;
}

// The title closest to the name, grown back over title words right before it
// (« secrétaire général », « haut représentant »).
std::optional<TokenRange> title_before(const text::Tokens& toks, const quotes::Lexicon& lex, std::size_t end,
                                       bool* organisation) {
  if (is_complement(toks, lex, end)) return std::nullopt;
  for (std::size_t back = 1; back <= kMaxTitleTail + 1 && back <= end; ++back) {
    std::size_t j = end - back;
    const quotes::TitleInfo* info = nullptr;
    const std::size_t len = lex.titles.match(toks, j, &info);
    if (len > 0 && j + len <= end && written_as_title(toks, j)) {
      *organisation = info->organisation;
      while (j > 0 && !toks[j].has(text::kParagraphBefore) && !toks[j].has(text::kLineBefore) &&
             lex.titles.match(toks, j - 1) > 0 && written_as_title(toks, j - 1)) {
        --j;
      }
      return TokenRange{j, end - 1};
    }
    if (!fits_title_tail(toks, lex, j)) return std::nullopt;
    if (toks[j].has(text::kParagraphBefore) || toks[j].has(text::kLineBefore)) return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

NameContext name_context(const text::Tokens& toks, const quotes::Lexicon& lex, std::size_t name_first) {
  NameContext out;
  std::size_t end = name_first;
  if (toks[name_first].has(text::kParagraphBefore) || toks[name_first].has(text::kLineBefore)) return out;
  for (const std::size_t k : {std::size_t{2}, std::size_t{1}}) {
    if (end >= k && lex.honorific_at(toks, end - k, nullptr) == k) {
      out.honorific = TokenRange{end - k, end - 1};
      end -= k;
      break;
    }
  }
  if (out.honorific && (toks[end].has(text::kParagraphBefore) || toks[end].has(text::kLineBefore))) return out;
  out.title = title_before(toks, lex, end, &out.title_is_organisation);
  return out;
}

}  // namespace parole::entities
