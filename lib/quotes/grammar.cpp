#include "quotes/grammar.hpp"

#include <algorithm>

namespace parole::quotes {
namespace {

constexpr std::size_t kMaxPhraseTokens = 12;

bool is_punct(const text::Tokens& toks, std::size_t i, char32_t c) {
  return i < toks.size() && toks[i].has(text::kPunct) && toks[i].first == c;
}

bool is_hyphen(const text::Tokens& toks, std::size_t i) {
  return is_punct(toks, i, '-') || is_punct(toks, i, 0x2010) || is_punct(toks, i, 0x2011);
}

}  // namespace

Grammar::Grammar(const text::Tokens& toks, const Lexicon& lex, const std::vector<std::int32_t>& name_at,
                 const std::vector<std::size_t>& name_last, const std::vector<bool>& name_person)
    : toks_(toks), lex_(lex), name_at_(name_at), name_last_(name_last), name_person_(name_person) {}

bool Grammar::is_stop(std::size_t i) const {
  if (i >= toks_.size()) return true;
  if (!toks_[i].has(text::kPunct)) return false;
  switch (toks_[i].first) {
    case '-':
    case 0x2010:
    case 0x2011:
    case '\'':
    case 0x2019:
      return false;  // inside names
    case '.':
      return is_sentence_end(i);  // « M. », « J. » are abbreviations
    default:
      return true;
  }
}

std::size_t Grammar::honorific_length(std::size_t i, HonorificInfo* info) const {
  return lex_.honorific_at(toks_, i, info);
}

bool Grammar::is_sentence_end(std::size_t i) const {
  if (i >= toks_.size() || !toks_[i].has(text::kPunct)) return false;
  const char32_t c = toks_[i].first;
  if (c == '!' || c == '?' || c == 0x2026) return true;
  if (c != '.') return false;
  if (i == 0) return true;
  // « M. Lavrov », « J. Smith »: the dot belongs to an abbreviation.
  if (honorific_length(i - 1, nullptr) == 2) return false;
  const std::string_view prev = toks_.original(i - 1);
  return !(toks_[i - 1].is_word() && prev.size() == 1 && toks_[i - 1].has(text::kCapitalised));
}

std::size_t Grammar::skip_adverbs(std::size_t i, std::size_t limit) const {
  while (i < limit) {
    const std::size_t n = lex_.adverbs.match(toks_, i);
    if (n == 0 || i + n > limit) break;
    i += n;
  }
  return i;
}

std::optional<std::size_t> Grammar::inverted_pronoun(std::size_t i, std::size_t* end) const {
  if (!is_hyphen(toks_, i)) return std::nullopt;
  std::size_t p = i + 1;
  if (p + 1 < toks_.size() && toks_.folded(p) == "t" && is_hyphen(toks_, p + 1)) p += 2;
  if (p >= toks_.size() || toks_.space_before(p)) return std::nullopt;
  const auto pron = lex_.pronouns.find(std::string(toks_.folded(p)));
  if (pron == lex_.pronouns.end() || !pron->second.subject) return std::nullopt;
  *end = p;
  return p;
}

std::optional<VerbGroup> Grammar::verb_group_at(std::size_t i) const {
  if (i >= toks_.size()) return std::nullopt;
  std::size_t p = i;
  bool reflexive = false;
  if (toks_.folded(p) == "se") {
    reflexive = true, ++p;
  } else if (toks_.folded(p) == "s" && p + 1 < toks_.size() && toks_.folded(p + 1) == "'") {
    reflexive = true, p += 2;
  }
  if (p >= toks_.size() || !toks_[p].is_word()) return std::nullopt;
  VerbGroup group{i, p, std::nullopt, Number::kUnknown};
  auto voice_ok = [&](const VerbForm& form) { return form.voice != Voice::kReflexive || reflexive; };

  std::optional<Number> aux = lex_.auxiliary_at(toks_, p);
  // « De Pavant à indiqué » : « à » before a participle can only be a typo for « a ».
  if (!aux && toks_.folded(p) == "a" && lex_.verb_at(toks_, p + 1, kPastParticiple) != nullptr &&
      lex_.verb_at(toks_, p + 1, kFinite) == nullptr) {
    aux = Number::kSingular;
  }
  if (aux) {
    std::size_t q = p + 1;
    std::size_t pron_end = 0;
    if (const auto pron = inverted_pronoun(q, &pron_end)) group.pronoun = pron, q = pron_end + 1;
    q = skip_adverbs(q, toks_.size());
    const VerbForm* part = lex_.verb_at(toks_, q, kPastParticiple);
    if (part != nullptr && voice_ok(*part)) {
      group.last = q + lex_.tail_length(*part);
      group.number = *aux;
      return group;
    }
    group.pronoun.reset();
  }
  const VerbForm* verb = lex_.verb_at(toks_, p, kFinite);
  if (verb == nullptr || !voice_ok(*verb)) return std::nullopt;
  group.number = verb->number;
  group.last = p + lex_.tail_length(*verb);
  std::size_t pron_end = 0;
  if (const auto pron = inverted_pronoun(group.last + 1, &pron_end)) group.pronoun = pron, group.last = pron_end;
  return group;
}

std::optional<VerbGroup> Grammar::verb_group_ending_at(std::size_t i, std::size_t floor) const {
  constexpr std::size_t kLongestGroup = 8;
  for (std::size_t back = 0; back <= kLongestGroup && back <= i && i - back >= floor; ++back) {
    const auto group = verb_group_at(i - back);
    if (group && group->last == i) {
      // Prefer the longest group: keep looking for an earlier start (s'est, a-t-il).
      std::optional<VerbGroup> best = group;
      for (std::size_t more = back + 1; more <= kLongestGroup && more <= i && i - more >= floor; ++more) {
        const auto longer = verb_group_at(i - more);
        if (longer && longer->last == i) best = longer;
      }
      return best;
    }
  }
  return std::nullopt;
}

std::optional<SpeakerPhrase> Grammar::speaker_at(std::size_t i, std::size_t limit) const {
  if (i >= limit || i >= toks_.size()) return std::nullopt;
  HonorificInfo honorific{Gender::kUnknown, Number::kUnknown};
  const std::size_t h = honorific_length(i, &honorific);
  const std::size_t p = i + h;
  if (p < limit && name_at_[p] >= 0) {
    const auto k = static_cast<std::size_t>(name_at_[p]);
    return SpeakerPhrase{PhraseKind::kName, i, name_last_[k], k, 0, honorific.gender, honorific.number};
  }
  if (h == 0) {
    const auto pron = lex_.pronouns.find(std::string(toks_.folded(p)));
    if (pron != lex_.pronouns.end()) {
      return SpeakerPhrase{PhraseKind::kPronoun, p, p, std::nullopt, 0, pron->second.gender, pron->second.number};
    }
    if (auto np = noun_phrase(p, limit)) return np;
  }
  auto name = capitalised_name(p, limit);
  if (name) {
    name->first = i;
    if (honorific.gender != Gender::kUnknown) name->gender = honorific.gender;
  }
  return name;
}

std::optional<SpeakerPhrase> Grammar::noun_phrase(std::size_t i, std::size_t limit) const {
  const DeterminerInfo* det = nullptr;
  const std::size_t d = lex_.determiners.match(toks_, i, &det);
  if (d == 0) return std::nullopt;
  if (auto author = document_author(i + d, limit)) return author;
  SpeakerPhrase phrase{PhraseKind::kDescription, i, i + d - 1, std::nullopt, 0, det->gender, det->number};
  bool has_head = false;
  std::size_t q = i + d;
  const std::size_t end = std::min({limit, toks_.size(), i + kMaxPhraseTokens});
  // « de Villeneuve-sur-Lot »: a stop word hyphenated inside a name does not end the phrase.
  auto hyphenated = [&](std::size_t t) { return t > 0 && is_hyphen(toks_, t - 1) && !toks_.space_before(t); };
  while (q < end && !is_stop(q) && (lex_.phrase_stops.match(toks_, q) == 0 || hyphenated(q))) {
    if (name_at_[q] >= 0) {
      const auto k = static_cast<std::size_t>(name_at_[q]);
      if (!has_head && q == i + d) {
        // « le Kremlin », « la CGT »: the determiner belongs to the name.
        return SpeakerPhrase{PhraseKind::kName, i, name_last_[k], k, 0, det->gender, det->number};
      }
      // « de la France », « de l'OTAN »: a complement, not an apposition.
      auto preposition = [&](std::size_t t) {
        const std::string_view w = toks_.folded(t);
        return lex_.phrase_stops.match(toks_, t) > 0 || w == "de" || w == "du" || w == "des" || w == "d";
      };
      const std::string_view before = toks_.folded(q - 1);
      const bool article = before == "la" || before == "le" || before == "les" || before == "'";
      const std::size_t back = before == "'" ? 2 : 1;
      const bool after_preposition = preposition(q - 1) || (article && q > i + back && preposition(q - 1 - back));
      // « le ministre … Sergueï Lavrov », « le fleuriste Patrice Delmas »,
      // « le syndicat CGT »: apposition.
      const bool fits = name_person_[k] ? !phrase.organisation : (has_head && phrase.organisation);
      if (fits && toks_[q].has(text::kCapitalised) && !is_punct(toks_, q - 1, '\'') && toks_[q - 1].is_word() &&
          !after_preposition) {
        // « le ministre russe des Affaires étrangères Sergueï Lavrov »: apposition.
        phrase.kind = PhraseKind::kName;
        phrase.name_match = k;
        phrase.last = name_last_[k];
        return phrase;
      }
      q = name_last_[k] + 1;
      phrase.last = q - 1;
      continue;
    }
    if (lex_.is_verb_or_auxiliary(toks_, q)) break;
    const TitleInfo* title = nullptr;
    const std::size_t t = lex_.titles.match(toks_, q, &title);
    if (t > 0 && !has_head) {
      has_head = true;
      phrase.head = q;
      phrase.organisation = title->organisation;
      if (title->gender != Gender::kUnknown) phrase.gender = title->gender;
      q += t;
      phrase.last = q - 1;
      continue;
    }
    if (!has_head && lex_.not_speakers.match(toks_, q) > 0) return std::nullopt;
    phrase.last = q;
    ++q;
  }
  if (phrase.last < i + d) return std::nullopt;  // a determiner alone
  if (has_head && det->definite) phrase.kind = PhraseKind::kTitle;
  if (!has_head && toks_[i + d].has(text::kCapitalised)) phrase.name_first = i + d;
  return phrase;
}

// « le communiqué du ministère de l'Intérieur », « un rapport de la Ligue
// arabe », « le documentaire d'Al Jazeera »: the author the complement names.
std::optional<SpeakerPhrase> Grammar::document_author(std::size_t i, std::size_t limit) const {
  const std::size_t n = lex_.document_nouns.match(toks_, i);
  if (n == 0) return std::nullopt;
  std::size_t q = i + n;
  if (q < limit && toks_[q].is_word() && !toks_[q].has(text::kCapitalised) && lex_.phrase_stops.match(toks_, q) == 0 &&
      toks_.folded(q) != "de" && toks_.folded(q) != "du" && toks_.folded(q) != "des" && toks_.folded(q) != "d") {
    ++q;  // one adjective: « le rapport annuel de… », « une étude scientifique de… »
  }
  if (q >= limit) return std::nullopt;
  const std::string_view w = toks_.folded(q);
  std::size_t author = 0;
  if (w == "du" || w == "des") {
    // « du ministère »: « du » stands for « de le »: read the rest as « le ministère »
    if (q + 1 < limit && name_at_[q + 1] >= 0) {
      const auto k = static_cast<std::size_t>(name_at_[q + 1]);
      SpeakerPhrase phrase{PhraseKind::kName, q + 1, name_last_[k], k, 0, Gender::kUnknown, Number::kUnknown};
      phrase.authored = true;
      return phrase;
    }
    const TitleInfo* title = nullptr;
    if (lex_.titles.match(toks_, q + 1, &title) == 0 || !title->organisation) return std::nullopt;
    std::size_t last = q + 1;
    while (last + 1 < limit && !is_stop(last + 1) && lex_.phrase_stops.match(toks_, last + 1) == 0 &&
           !lex_.is_verb_or_auxiliary(toks_, last + 1) && last + 1 < q + kMaxPhraseTokens) {
      ++last;
    }
    SpeakerPhrase phrase{PhraseKind::kTitle, q + 1, last, std::nullopt, q + 1, Gender::kUnknown, Number::kSingular};
    phrase.organisation = true;
    phrase.authored = true;
    return phrase;
  }
  if (w == "de") author = q + 1;
  if (w == "d" && q + 1 < limit && is_punct(toks_, q + 1, '\'')) author = q + 2;
  if (author == 0 || author >= limit) return std::nullopt;
  auto phrase = speaker_at(author, limit);
  if (!phrase || phrase->kind == PhraseKind::kPronoun) return std::nullopt;
  if (phrase->kind == PhraseKind::kDescription && phrase->name_first == 0) return std::nullopt;
  phrase->authored = true;
  return phrase;
}

std::optional<SpeakerPhrase> Grammar::capitalised_name(std::size_t i, std::size_t limit) const {
  auto starts_name = [&](std::size_t q) {
    return q < limit && q < toks_.size() && toks_[q].is_word() && toks_[q].has(text::kCapitalised) &&
           !toks_[q].has(text::kHasDigit) && lex_.determiners.match(toks_, q) == 0 &&
           lex_.pronouns.count(std::string(toks_.folded(q))) == 0 && lex_.phrase_stops.match(toks_, q) == 0 &&
           lex_.cue_prepositions.match(toks_, q) == 0;
  };
  // « Lot » of « Villeneuve-sur-Lot » is the end of a name, not one.
  if (!starts_name(i) || (i > 0 && is_hyphen(toks_, i - 1) && !toks_.space_before(i))) return std::nullopt;
  const bool sentence_start = i == 0 || toks_[i].has(text::kParagraphBefore) || is_sentence_end(i - 1);
  std::size_t last = i;
  for (std::size_t q = i + 1; q < limit && q < toks_.size() && q < i + kMaxPhraseTokens;) {
    if (starts_name(q) && toks_.space_before(q)) {
      last = q++;
    } else if (is_hyphen(toks_, q) && !toks_.space_before(q) && starts_name(q + 1)) {
      last = q + 1, q += 2;
    } else if (q + 1 < limit && is_punct(toks_, q, '\'') && !toks_.space_before(q) && toks_.folded(q + 1) == "s" &&
               toks_.space_after(q + 1)) {
      last = q + 1, q += 2;  // « Moody's », « McDonald's »
    } else {
      break;
    }
  }
  // A lone capitalised word opening a sentence is a name only when it is not a
  // word that opens sentences (« Cependant, »).
  // « Barroso, le président de la Commission, … » is a name with its apposition.
  const bool comma_not_apposition =
      is_punct(toks_, i + 1, ',') && lex_.determiners.match(toks_, i + 2) == 0 && lex_.titles.match(toks_, i + 2) == 0;
  if (sentence_start && last == i &&
      (comma_not_apposition || lex_.sentence_openers.match(toks_, i) > 0 || lex_.adverbs.match(toks_, i) > 0)) {
    return std::nullopt;
  }
  return SpeakerPhrase{PhraseKind::kUnknownName, i, last, std::nullopt, 0, Gender::kUnknown, Number::kSingular};
}

}  // namespace parole::quotes
