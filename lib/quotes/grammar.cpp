#include "quotes/grammar.hpp"

#include <algorithm>

namespace parole::quotes {
namespace {

constexpr std::size_t kMaxPhraseTokens = 12;
constexpr std::size_t kMaxTitleComplement = 6;  // « … de France en Afghanistan » before an apposed name
// « la principale association de promotion et la défense du logiciel libre, l'April »
constexpr std::size_t kMaxApposedComplement = 10;

bool is_punct(const text::Tokens& toks, std::size_t i, char32_t c) {
  return i < toks.size() && toks[i].has(text::kPunct) && toks[i].first == c;
}

bool is_hyphen(const text::Tokens& toks, std::size_t i) {
  return is_punct(toks, i, '-') || is_punct(toks, i, 0x2010) || is_punct(toks, i, 0x2011);
}

}  // namespace

Grammar::Grammar(const text::Tokens& toks, const Lexicon& lex, const std::vector<std::int32_t>& name_at,
                 const std::vector<std::size_t>& name_last, const std::vector<bool>& name_person)
    : toks_(toks),
      lex_(lex),
      name_at_(name_at),
      name_last_(name_last),
      name_person_(name_person),
      remembered_(toks.size()),
      dot_ends_(toks.size(), kDotUnknown) {
  // A document with quotes has a few dozen of each: no growing from one.
  groups_.reserve(kFirstCapacity);
  speakers_.reserve(kFirstCapacity);
}

bool Grammar::punct_stops(std::size_t i) const {
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

bool Grammar::dot_ends_sentence(std::size_t i) const {
  bool ends = true;
  if (i > 0) {
    // « M. Lavrov », « J. Smith »: the dot belongs to an abbreviation.
    const std::string_view prev = toks_.original(i - 1);
    ends = honorific_length(i - 1, nullptr) != 2 &&
           !(toks_[i - 1].is_word() && prev.size() == 1 && toks_[i - 1].has(text::kCapitalised));
  }
  dot_ends_[i] = ends ? kDotEnds : kDotAbbreviation;
  return ends;
}

std::size_t Grammar::skip_adverbs(std::size_t i, std::size_t limit) const {
  while (i < limit) {
    const std::size_t n = lex_.adverbs.match(toks_, i);
    if (n == 0 || i + n > limit) break;
    i += n;
  }
  return i;
}

// « en souriant », « en riant »: a gerund between an incise's verb and its subject.
std::size_t Grammar::skip_gerund(std::size_t i, std::size_t limit) const {
  if (i + 1 >= limit || toks_.folded(i) != "en" || !toks_[i + 1].is_word()) return i;
  const std::string_view w = toks_.folded(i + 1);
  constexpr std::string_view kEnding = "ant";
  if (w.size() <= kEnding.size() + 2 || w.substr(w.size() - kEnding.size()) != kEnding) return i;
  return i + 2;
}

std::optional<std::size_t> Grammar::inverted_pronoun(std::size_t i, std::size_t* end) const {
  if (!is_hyphen(toks_, i)) return std::nullopt;
  std::size_t p = i + 1;
  if (p + 1 < toks_.size() && toks_.folded(p) == "t" && is_hyphen(toks_, p + 1)) p += 2;
  if (p >= toks_.size() || toks_.space_before(p)) return std::nullopt;
  const PronounInfo* pron = lex_.pronoun_at(toks_, p);
  if (pron == nullptr || !pron->subject) return std::nullopt;
  *end = p;
  return p;
}

std::optional<VerbGroup> Grammar::verb_group_at(std::size_t i) const {
  const VerbGroup* group = group_starting_at(i);
  if (group == nullptr) return std::nullopt;
  return *group;
}

const VerbGroup* Grammar::cache_group_at(std::size_t i) const {
  const std::optional<VerbGroup> group = find_verb_group(i);
  remembered_[i].group = group ? static_cast<std::int32_t>(groups_.size()) : kNoGroup;
  if (!group) return nullptr;
  groups_.push_back(*group);
  return &groups_.back();
}

std::optional<VerbGroup> Grammar::find_verb_group(std::size_t i) const {
  std::size_t p = i;
  bool reflexive = false;
  if (toks_.folded(p) == "se") {
    reflexive = true, ++p;
  } else if (toks_.folded(p) == "s" && p + 1 < toks_.size() && toks_.folded(p + 1) == "'") {
    reflexive = true, p += 2;
  }
  if (p >= toks_.size() || !toks_[p].is_word()) return std::nullopt;
  // Most words are neither an auxiliary (nor « a ») nor a verb form: the two
  // filters say so before anything else.
  const std::string_view word = toks_.folded(p);
  if (!lex_.auxiliaries.may_contain_padded(word) && !lex_.verb_forms.may_contain_padded(word) && word != "a") {
    return std::nullopt;
  }
  VerbGroup group{i, p, std::nullopt, Number::kUnknown};
  auto voice_ok = [&](const VerbForm& form) { return form.voice != Voice::kReflexive || reflexive; };

  std::optional<Number> aux = lex_.auxiliary_at(toks_, p);
  // « De Pavant à indiqué » : « à » before a participle can only be a typo for « a ».
  if (!aux && toks_.folded(p) == "a") {
    const std::vector<VerbForm>* forms = lex_.verb_forms_at(toks_, p + 1);
    if (lex_.pick_verb_form(forms, toks_, p + 1, kPastParticiple) != nullptr &&
        lex_.pick_verb_form(forms, toks_, p + 1, kFinite) == nullptr) {
      aux = Number::kSingular;
    }
  }
  // « les prisonniers sont maintenus dans… »: être without « se » makes a
  // passive, whose subject is not the one who speaks.
  if (aux && !reflexive && lex_.is_etre_at(toks_, p)) aux.reset();
  if (aux) {
    std::size_t q = p + 1;
    std::size_t pron_end = 0;
    if (const auto pron = inverted_pronoun(q, &pron_end)) group.pronoun = pron, q = pron_end + 1;
    q = skip_adverbs(q, toks_.size());
    const VerbForm* part = lex_.verb_at(toks_, q, kPastParticiple);
    if (part != nullptr && voice_ok(*part)) {
      group.last = q + lex_.tail_length(*part);
      group.number = *aux;
      group.needs_clause = part->needs_clause;
      return group;
    }
    group.pronoun.reset();
  }
  const VerbForm* verb = lex_.verb_at(toks_, p, kFinite);
  if (verb == nullptr || !voice_ok(*verb)) return std::nullopt;
  group.number = verb->number;
  group.needs_clause = verb->needs_clause;
  group.last = p + lex_.tail_length(*verb);
  std::size_t pron_end = 0;
  if (const auto pron = inverted_pronoun(group.last + 1, &pron_end)) group.pronoun = pron, group.last = pron_end;
  return group;
}

// Starts are read right to left, each once: a start is read before the
// ends it may have (at most kLongestGroup tokens after it) are asked about,
// and a group ending at e is written to slot e % kSlots. Starts later read
// are earlier tokens: they overwrite the slot with a longer group ending at
// e, or with nothing else, since every end in view when e is asked about
// lies within kSlots tokens of it.
std::optional<VerbGroup> Grammar::GroupsEndingAt::at(std::size_t e) {
  const std::size_t low = std::max(floor_, e >= kLongestGroup ? e - kLongestGroup : 0);
  std::size_t x = std::min(seen_, e + 1);
  while (x > low) {
    --x;
    const VerbGroup* group = grammar_.group_starting_at(x);
    if (group != nullptr && group->last - x <= kLongestGroup) slots_[group->last % kSlots] = Slot{group->last, x};
  }
  seen_ = x;
  const Slot& slot = slots_[e % kSlots];
  if (slot.end != e) return std::nullopt;
  return *grammar_.group_starting_at(slot.first);
}

std::optional<SpeakerPhrase> Grammar::speaker_at(std::size_t i, std::size_t limit) const {
  if (i >= limit || i >= toks_.size()) return std::nullopt;
  if (limit != toks_.size()) return find_speaker(i, limit);
  std::int32_t& slot = remembered_[i].speaker;
  if (slot == kNotComputed) {
    const std::optional<SpeakerPhrase> phrase = find_speaker(i, limit);
    slot = phrase ? static_cast<std::int32_t>(speakers_.size()) : kNoGroup;
    if (phrase) speakers_.push_back(*phrase);
  }
  if (slot == kNoGroup) return std::nullopt;
  return speakers_[static_cast<std::size_t>(slot)];
}

std::optional<SpeakerPhrase> Grammar::find_speaker(std::size_t i, std::size_t limit) const {
  HonorificInfo honorific{Gender::kUnknown, Number::kUnknown};
  const std::size_t h = honorific_length(i, &honorific);
  const std::size_t p = i + h;
  if (p < limit && name_at_[p] >= 0) {
    const auto k = static_cast<std::size_t>(name_at_[p]);
    return SpeakerPhrase{PhraseKind::kName, i, name_last_[k], k, 0, honorific.gender, honorific.number};
  }
  if (h == 0) {
    if (const PronounInfo* pron = lex_.pronoun_at(toks_, p)) {
      return SpeakerPhrase{PhraseKind::kPronoun, p, p, std::nullopt, 0, pron->gender, pron->number};
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
  bool complement = false;  // past a « de » before any head
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
      // « les analystes du groupe Crédit Mutuel CIC », « un porte-parole de
      // l'OTAN »: unnamed staff speak for their named organisation (but « le
      // porte-parole de l'OTAN » is one person, whom the text may name).
      const bool one_person = det->definite && det->number != Number::kPlural;
      if (has_head && !phrase.organisation && !name_person_[k] && !one_person && staff_of(phrase.head, q)) {
        SpeakerPhrase staff{PhraseKind::kName, i, name_last_[k], k, phrase.head, Gender::kUnknown, det->number};
        staff.staff = true;
        return staff;
      }
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
    if (t > 0 && !has_head && !complement) {
      has_head = true;
      phrase.head = q;
      phrase.organisation = title->organisation;
      if (title->gender != Gender::kUnknown) phrase.gender = title->gender;
      q += t;
      phrase.last = q - 1;
      continue;
    }
    if (!has_head && lex_.not_speakers.match(toks_, q) > 0) return std::nullopt;
    // « des représailles de l'organisation »: a title inside a complement is
    // not the head of the phrase.
    if (lex_.of_forms.match(toks_, q) > 0) complement = true;
    phrase.last = q;
    ++q;
  }
  if (phrase.last < i + d) return std::nullopt;  // a determiner alone
  // « les manifestants » is a group, not a title standing for one person.
  if (has_head && det->definite && det->number != Number::kPlural) phrase.kind = PhraseKind::kTitle;
  if (!has_head && toks_[i + d].has(text::kCapitalised)) phrase.name_first = i + d;
  return phrase;
}

// Between a person's title at `head` and a name at `name` stands only « de »,
// an article and an organisation noun: « analystes du groupe X », « porte-parole de l'X ».
bool Grammar::staff_of(std::size_t head, std::size_t name) const {
  std::size_t t = head + lex_.titles.match(toks_, head);
  if (t >= name || lex_.of_forms.match(toks_, t) == 0) return false;
  const bool elided = toks_.folded(t) == "d";  // « d' » is two tokens
  if (elided && !is_punct(toks_, t + 1, '\'')) return false;
  t += elided ? 2 : 1;
  const DeterminerInfo* det = nullptr;
  if (t < name && lex_.determiners.match(toks_, t, &det) > 0 && det->definite) t += lex_.determiners.match(toks_, t);
  const TitleInfo* noun = nullptr;
  const std::size_t n = t < name ? lex_.titles.match(toks_, t, &noun) : 0;
  if (n > 0 && noun->organisation) t += n;
  return t == name;
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
           lex_.pronoun_at(toks_, q) == nullptr && lex_.phrase_stops.match(toks_, q) == 0 &&
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

// ---- Subjects: who a verb group or a cue is about ----

SpeakerPhrase Grammar::pronoun_phrase(std::size_t at) const {
  const PronounInfo& info = *lex_.pronoun_at(toks_, at);
  return SpeakerPhrase{PhraseKind::kPronoun, at, at, std::nullopt, 0, info.gender, info.number};
}

// « a expliqué à l'AFP Gilles-Éric Séralini », « a déclaré au Figaro le
// ministre »: the addressee between the verb and the speaker is skipped.
std::size_t Grammar::skip_addressee(std::size_t i, std::size_t limit) const {
  const std::string_view w = i < limit ? toks_.folded(i) : std::string_view();
  if (w != "a" && w != "au" && w != "aux") return i;  // « à » folds to « a »
  if (lex_.auxiliary_at(toks_, i)) return i;
  std::size_t q = i + 1;
  const std::size_t d = lex_.determiners.match(toks_, q);
  q += d;
  if (q < limit && name_at_[q] >= 0) return skip_adverbs(name_last_[name_at_[q]] + 1, limit);
  // « à la presse », « aux journalistes »: one common noun.
  if (q < limit && toks_[q].is_word() && !toks_[q].has(text::kCapitalised) && (d > 0 || w != "a")) {
    return skip_adverbs(q + 1, limit);
  }
  return i;
}

// « a expliqué le maire sortant, Gilbert Rances »: a title or description
// followed by a name between commas is that person.
// « l'ambassadeur de France en Afghanistan, Bernard Bajolet : »,
// « la principale association du logiciel libre, l'April : »: complements
// may follow the title before the comma; the apposed name may be an
// organisation's (a proper noun after an article).
std::optional<SpeakerPhrase> Grammar::with_apposed_name(std::optional<SpeakerPhrase> phrase, std::size_t limit) const {
  if (!phrase || (phrase->kind != PhraseKind::kTitle && phrase->kind != PhraseKind::kDescription && !phrase->staff)) {
    return phrase;
  }
  std::size_t comma = phrase->last + 1;
  const std::size_t end = phrase->last + 1 + kMaxApposedComplement;
  while (comma < limit && comma < end && !is_stop(comma)) ++comma;
  // « le président de l'Union française des industries pétrolières (UFIP), X »
  if (is_punct(toks_, comma, '(')) {
    const std::size_t close = comma + kMaxTitleComplement;
    while (comma < limit && comma < close && !is_punct(toks_, comma, ')')) ++comma;
    ++comma;
  }
  if (!is_punct(toks_, comma, ',')) return phrase;
  auto name = speaker_at(comma + 1, limit);
  if (!name || !(is_named(*name) || name->name_first > 0)) return phrase;
  const std::size_t after = name->last + 1;
  if (after < toks_.size() && !is_stop(after) && !toks_[after].has(text::kParagraphBefore)) return phrase;
  // « Selon la présidence, Moscou « n'a jamais… » »: a name right before a
  // quote is the subject of the quoted clause, not an apposition.
  if (is_opening_mark(after)) return phrase;
  return name;
}

// What may follow a sentence's subject: a verb (« avait entrepris »), a
// pronoun or negation before it (« s'est basé », « n'a pas »), an apposition.
bool Grammar::opens_predicate(std::size_t i) const {
  if (i >= toks_.size()) return false;
  if (is_punct(toks_, i, ',') || lex_.is_verb_or_auxiliary(toks_, i)) return true;
  if (lex_.preverbal_particles.match(toks_, i) > 0 || is_object_clitic(i)) return true;
  return toks_[i].is_word() && !toks_[i].has(text::kCapitalised) && lex_.auxiliary_at(toks_, i + 1).has_value();
}

bool Grammar::is_opening_mark(std::size_t i) const {
  if (i >= toks_.size() || !toks_[i].has(text::kPunct)) return false;
  const char32_t c = toks_[i].first;
  return std::any_of(lex_.quote_pairs.begin(), lex_.quote_pairs.end(), [c](const QuotePair& pair) {
    return pair.open == c && pair.close != c && pair.when != QuotePair::When::kReversed;
  });
}

// The phrase that fills a comma-separated piece [first, end] exactly; but a
// description headed by no title or name gives way to a phrase inside it
// that can speak (« des représailles de l'organisation islamique, qui affirme »).
std::optional<SpeakerPhrase> Grammar::segment_phrase(std::size_t first, std::size_t end) const {
  std::optional<SpeakerPhrase> found;
  for (std::size_t t = first; t <= end; ++t) {
    const auto phrase = speaker_at(t, end + 1);
    if (!phrase || phrase->last != end) continue;
    const bool headless = phrase->kind == PhraseKind::kDescription && phrase->head == 0 && phrase->name_first == 0;
    if (!headless) return phrase;
    if (!found) found = phrase;
  }
  return found;
}

bool Grammar::is_object_clitic(std::size_t i) const {
  if (is_punct(toks_, i, '\'') && i > 0) --i;
  return lex_.object_clitics.match(toks_, i) > 0;
}

// The subject of a verb group, within [s, group.first): the pronoun before
// it, the phrase ending right before it, or with an apposition between
// commas, « X, apposition, a dit »: X, unless X is only a description and
// the apposition names someone (« L'un des porte-parole, Joe Incandela, »).
std::optional<SpeakerPhrase> Grammar::subject(const VerbGroup& group, std::size_t s) const {
  if (group.pronoun) return pronoun_phrase(*group.pronoun);
  std::size_t v = group.first;
  // « Pastor l'avait annoncé », « il lui a dit »: object pronouns stand between.
  while (v > s + 1 && is_object_clitic(v - 1)) v -= is_punct(toks_, v - 1, '\'') ? 2 : 1;
  if (v == 0 || v <= s) return std::nullopt;
  std::size_t end = v - 1;
  // « la Commission européenne, qui regrette… »: the antecedent of « qui ».
  if (toks_.folded(end) == "qui" && end > s) {
    end -= is_punct(toks_, end - 1, ',') && end - 1 > s ? 2 : 1;
    // « la Commission européenne de Bruxelles qui… »: a « de X » complement
    // closing the antecedent is not the antecedent.
    for (std::size_t back = 0; back < kMaxTitleComplement && end > s + 2; ++back) {
      std::size_t name_first = end;
      while (name_first > s && name_at_[name_first] < 0 && end - name_first < kMaxTitleComplement) --name_first;
      if (name_at_[name_first] < 0 || name_last_[static_cast<std::size_t>(name_at_[name_first])] != end) break;
      const std::string_view w = toks_.folded(name_first - 1);
      const std::size_t before = w == "'" ? name_first - 2 : name_first - 1;
      const std::string_view prep = toks_.folded(before);
      if (prep != "de" && prep != "d" && prep != "du") break;
      end = before - 1;
    }
    std::size_t first = end;
    while (first > s && !is_punct(toks_, first - 1, ',') && end - first < kMaxTitleComplement) --first;
    return segment_phrase(first, end);
  }
  const PronounInfo* pron = lex_.pronoun_at(toks_, end);
  if (pron != nullptr && pron->subject) return pronoun_phrase(end);
  if (!is_punct(toks_, end, ',')) {
    std::size_t first = end;
    while (first > s && !is_punct(toks_, first - 1, ',')) --first;
    auto phrase = segment_phrase(first, end);
    // « Barroso, le président de la Commission se dit … »: the apposition's
    // closing comma is missing; the name before it is the subject.
    if (phrase && !is_named(*phrase) && first > s + 1) {
      std::size_t head_first = first - 2;
      while (head_first > s && !is_punct(toks_, head_first - 1, ',')) --head_first;
      const auto head = segment_phrase(head_first, first - 2);
      if (head && is_named(*head)) return head;
    }
    return phrase;
  }
  if (end == s) return std::nullopt;
  --end;
  std::size_t first = end;
  while (first > s && !is_punct(toks_, first - 1, ',')) --first;
  const auto apposition = segment_phrase(first, end);
  if (first <= s + 1) return apposition;
  std::size_t head_first = first - 2;
  while (head_first > s && !is_punct(toks_, head_first - 1, ',')) --head_first;
  const auto head = segment_phrase(head_first, first - 2);
  if (!head) return apposition;
  if (!is_named(*head) && apposition && is_named(*apposition)) return apposition;
  return head;
}

// The first phrase naming someone at the start of a comma-separated piece of
// [s, end): « Plus tard, Claude Bertolone, président…, a fait… et a déclaré ».
std::optional<SpeakerPhrase> Grammar::sentence_subject(std::size_t s, std::size_t end) const {
  for (std::size_t t = s; t < end; ++t) {
    if (t != s && !is_punct(toks_, t - 1, ',')) continue;
    const auto phrase = speaker_at(t, end);
    // A description counts only as the sentence's first words (« Le fisc défend… »).
    if (phrase && (t == s || phrase->kind != PhraseKind::kDescription)) return with_apposed_name(phrase, end);
  }
  return std::nullopt;
}

}  // namespace parole::quotes
