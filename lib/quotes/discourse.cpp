#include "quotes/discourse.hpp"

#include <algorithm>
#include <string_view>

namespace parole::quotes {
namespace {

constexpr std::size_t kSubjectWindow = 10;  // a name this close to its sentence's start is its subject
constexpr std::size_t kTitleWords = 5;      // words of a title before a name (« l'ancien ministre russe »)
constexpr std::size_t kFirstReferents = 32;

// The same bytes, as a referent's name is when it comes from the same record.
bool same_view(std::string_view a, std::string_view b) { return a.data() == b.data() && a.size() == b.size(); }

}  // namespace

bool compatible(Gender a, Gender b) { return a == Gender::kUnknown || b == Gender::kUnknown || a == b; }

Discourse::Discourse(const text::Tokens& toks, const Lexicon& lex, const Grammar& grammar,
                     const std::vector<entities::NameMatch>& names, const entities::Records& records,
                     const QuoteCover& quotes, const std::vector<std::uint32_t>& document_starts)
    : toks_(toks),
      lex_(lex),
      grammar_(grammar),
      names_(names),
      records_(records),
      quotes_(quotes),
      document_starts_(document_starts),
      next_name_first_(names.empty() ? kNoName : names.front().first) {
  pending_.reserve(kFirstReferents);  // two per quote: no growing from one
}

bool Discourse::is_person(std::int64_t entity) const {
  return entity < 0 || std::string_view(records_[static_cast<std::size_t>(entity)].type) == "PERSON";
}

Gender Discourse::gender_of(std::int64_t entity) const {
  if (entity < 0) return Gender::kUnknown;
  KnownGender& known = known_genders_[static_cast<std::size_t>(entity) & (kKnownGenders - 1)];
  if (known.entity == entity && known.learnt == genders_learnt_) return known.gender;
  Gender gender = parse_gender(records_[static_cast<std::size_t>(entity)].gender);
  if (gender == Gender::kUnknown) {
    const auto learnt = text_gender_.find(entity);
    if (learnt != text_gender_.end()) gender = learnt->second;
  }
  known = KnownGender{entity, genders_learnt_, gender};
  return gender;
}

// Within the first words of its sentence: a subject more likely than an object.
bool Discourse::opens_sentence(std::size_t i) const {
  for (std::size_t back = 0; back <= kSubjectWindow && back <= i; ++back) {
    const std::size_t t = i - back;
    if (toks_[t].has(text::kParagraphBefore) || (t > 0 && grammar_.is_sentence_end(t - 1))) return true;
    if (t == 0) return true;
  }
  return false;
}

void Discourse::add_name(const entities::NameMatch& m) {
  const std::int64_t entity = m.candidates.front();
  if (!is_person(entity)) {
    if (std::string_view(records_[static_cast<std::size_t>(entity)].type) == "ORG") {
      organisations_.push_back(
          Referent{m.first, entity, records_[static_cast<std::size_t>(entity)].name, Gender::kUnknown, false});
    }
    return;
  }
  HonorificInfo honorific{Gender::kUnknown, Number::kUnknown};
  for (std::size_t back = 1; back <= 2 && back <= m.first; ++back) {
    if (grammar_.honorific_length(m.first - back, &honorific) == back) break;
    honorific.gender = Gender::kUnknown;
  }
  if (honorific.gender != Gender::kUnknown) learn_gender(entity, honorific.gender);
  referents_.push_back(Referent{m.first, entity, records_[static_cast<std::size_t>(entity)].name, gender_of(entity),
                                opens_sentence(m.first) && !in_complement(m.first)});
}

// « l'avocat d'Yvan Colonna », « avec Sollacaro »: a name after a preposition
// is a complement, not the sentence's subject.
bool Discourse::in_complement(std::size_t i) const {
  std::size_t t = i;
  HonorificInfo honorific{Gender::kUnknown, Number::kUnknown};
  if (t >= 2 && grammar_.honorific_length(t - 2, &honorific) == 2) t -= 2;
  if (t >= 1 && grammar_.honorific_length(t - 1, &honorific) == 1) t -= 1;
  if (t == 0) return false;
  auto preposition = [&](std::size_t at) {
    if (toks_.folded(at) == "'" && at > 0) --at;
    return lex_.complement_prepositions.match(toks_, at) > 0;
  };
  if (preposition(t - 1)) return true;
  // « la politique du président José Ramón Bauzà », « avec l'ancien ministre
  // X »: the title before the name, and its determiner, follow a preposition.
  for (std::size_t back = 1; back <= kTitleWords && back <= t; ++back) {
    const std::size_t k = t - back;
    if (!toks_[k].is_word() && toks_.folded(k) != "'") return false;
    const std::string_view w = toks_.folded(k);
    if (lex_.contracted_articles.match(toks_, k) > 0) return true;
    if (lex_.determiners.match(toks_, k) > 0 || w == "'") return k > 0 && preposition(k - 1);
  }
  return false;
}

// « Dès 1976, il fit parler de lui. » : a subject pronoun of the narrative
// keeps its person on stage, so the next « il » still finds them.
void Discourse::add_narrative_pronoun(std::size_t i, const PronounInfo& pron) {
  if (!pron.subject || pron.number == Number::kPlural) return;
  if (i > 0 && toks_[i - 1].has(text::kPunct) && !toks_.space_before(i)) return;  // a-t-il: inversion
  if (!opens_sentence(i) && !(i > 0 && toks_[i - 1].has(text::kPunct) && toks_[i - 1].first == ',')) return;
  const SpeakerPhrase phrase{PhraseKind::kPronoun, i, i, std::nullopt, 0, pron.gender, pron.number};
  if (const auto found = resolve_pronoun(phrase)) {
    Referent r = found->referent;
    r.pos = i;
    r.subject = true;
    referents_.push_back(r);
  }
}

// « Une habitante, installée ici depuis quarante ans, craint… »: someone the
// text never names, put on stage as a sentence's subject; a later « elle »
// can be them.
void Discourse::add_described_person(std::size_t i, const DeterminerInfo& det) {
  if (det.definite || det.number == Number::kPlural) return;
  const auto phrase = grammar_.speaker_at(i, toks_.size());
  if (!phrase || phrase->kind != PhraseKind::kDescription || phrase->head == 0 || phrase->organisation) return;
  const std::string_view text = phrase_text(phrase->first, phrase->last);
  referents_.push_back(Referent{i, -1, text, phrase->gender, true});
}

// « Le nouveau gouvernement s'est donné pour objectif… Il a déclaré que… »,
// « Les dockers ont voté la grève. « … », ont-ils expliqué »: an organisation
// or a group as a sentence's subject is what a later « il » or « ils » may
// stand for.
void Discourse::add_group_subject(std::size_t i, const DeterminerInfo& det) {
  if (!det.definite) return;
  const auto phrase = grammar_.speaker_at(i, toks_.size());
  if (!phrase || !grammar_.opens_predicate(phrase->last + 1)) return;
  const bool plural = det.number == Number::kPlural;
  Referent r{i,
             -1,
             phrase_text(phrase->first, phrase->last),
             phrase->gender,
             true,
             plural ? Number::kPlural : Number::kSingular,
             true};
  if (phrase->kind == PhraseKind::kName) {
    r.entity = names_[*phrase->name_match].candidates.front();
    if (is_person(r.entity)) return;
    r.name = records_[static_cast<std::size_t>(r.entity)].name;
  } else if (phrase->kind == PhraseKind::kTitle || phrase->kind == PhraseKind::kDescription) {
    if (!phrase->organisation && !plural) return;
    if (phrase->organisation && phrase->kind == PhraseKind::kTitle) {
      if (const auto found = resolve_title(*phrase)) r.entity = found->referent.entity, r.name = found->referent.name;
    }
  } else {
    return;
  }
  if (!plural && r.gender == Gender::kUnknown) return;  // « il » or « elle » needs the determiner's gender
  put_on_stage(r);
}

std::string Discourse::folded_words(std::size_t first, std::size_t count) const {
  std::string key;
  for (std::size_t k = first; k < first + count && k < toks_.size(); ++k) {
    if (!key.empty()) key += ' ';
    key += toks_.folded(k);
  }
  return key;
}

// « Le documentaire d'Al Jazeera, réalisé après neuf mois d'enquête, … »:
// the author of a document, for a later « le documentaire » alone.
void Discourse::add_document(std::size_t i) {
  const DeterminerInfo* det = nullptr;
  const std::size_t d = lex_.determiners.match(toks_, i, &det);
  if (d == 0 || !det->definite) return;
  const std::size_t n = lex_.document_nouns.match(toks_, i + d);
  if (n == 0) return;
  const auto phrase = grammar_.speaker_at(i, toks_.size());
  if (!phrase || !phrase->authored) return;
  Referent author{i, -1, {}, det->gender, true, Number::kSingular, true};
  if (phrase->kind == PhraseKind::kName) {
    author.entity = names_[*phrase->name_match].candidates.front();
    author.name = records_[static_cast<std::size_t>(author.entity)].name;
    author.group = !is_person(author.entity);
  } else {
    author.name = phrase_text(phrase->first, phrase->last);
  }
  documents_.push_back(Document{folded_words(i + d, n), author});
}

std::optional<Referent> Discourse::resolve_document(const SpeakerPhrase& phrase) const {
  const DeterminerInfo* det = nullptr;
  const std::size_t d = lex_.determiners.match(toks_, phrase.first, &det);
  if (d == 0 || !det->definite) return std::nullopt;
  const std::size_t n = lex_.document_nouns.match(toks_, phrase.first + d);
  if (n == 0 || phrase.first + d + n != phrase.last + 1) return std::nullopt;
  const std::string noun = folded_words(phrase.first + d, n);
  std::size_t looked = 0;
  for (auto it = documents_.rbegin(); it != documents_.rend() && looked < kMaxCandidates; ++it, ++looked) {
    if (it->author.pos < phrase.first && it->noun == noun) return it->author;
  }
  return std::nullopt;
}

// Walked once over every token before the last quote, cheap tests first.
// Members are read through locals: as far as the compiler knows, the calls
// below could change them, and it would reload them for every token.
void Discourse::catch_up() {
  // A document that asks puts a few dozen people on stage: no growing from one.
  if (referents_.capacity() == 0) referents_.reserve(kFirstReferents);
  for (const Pending& pending : pending_) {
    if (pending.speaker) {
      put_on_stage(*pending.speaker);
    } else {
      walk_to(pending.walk_to);
    }
  }
  pending_.clear();
}

void Discourse::walk_to(std::size_t pos) {
  const std::size_t end = std::min(pos, toks_.size());
  const std::int32_t* quote = quotes_.quote_of_token.data();
  const text::Token* tokens = toks_.all().data();
  const std::size_t count = toks_.size();
  const std::string_view folded = toks_.folded_text();  // followed by padding: the byte at its end is readable
  const std::size_t document_reach = lex_.determiners.longest();
  for (std::size_t i = next_token_; i < end; ++i) {
    // People named inside quotes are not antecedents. Every token up to the
    // quote's last is inside one (a quote that overlaps it included).
    if (quote[i] >= 0) {
      i = quotes_.last[static_cast<std::size_t>(quote[i])];
      continue;
    }
    // Names are in text order: the next one starting at or after i.
    while (next_name_first_ < i) next_name_first_ = ++next_name_ < names_.size() ? names_[next_name_].first : kNoName;
    if (next_name_first_ == i) {
      const entities::NameMatch& m = names_[next_name_];
      add_name(m);
      i = m.last;
      next_name_first_ = ++next_name_ < names_.size() ? names_[next_name_].first : kNoName;
      continue;
    }
    if (!tokens[i].is_word()) continue;
    // A document noun may start within a determiner's length after token i
    // (add_document looks for one there): few tokens may.
    // (A noun passed over, at or before i, is within that reach too: one test for most words.)
    if (next_document_noun_ <= i + document_reach) {
      if (next_document_noun_ <= i) {
        const auto next = std::lower_bound(document_starts_.begin(), document_starts_.end(), i + 1);
        next_document_noun_ = next == document_starts_.end() ? toks_.size() : *next;
      }
      if (next_document_noun_ <= i + document_reach) add_document(i);
    }
    // A sentence opening with a determiner: « Une habitante… », « Le gouvernement… ».
    const bool opens = i == 0 || tokens[i].has(text::kParagraphBefore) ||
                       (tokens[i - 1].has(text::kPunct) && grammar_.is_sentence_end(i - 1));
    const DeterminerInfo* det = nullptr;
    if (opens && lex_.determiners.match(toks_, i, &det) > 0) {
      add_described_person(i, *det);
      add_group_subject(i, *det);
    }
    // Most words have neither the first letter nor the length of any
    // pronoun, which two loads tell (the byte after an empty folded form is
    // readable, and stands for the empty key): pronoun_at() hashes the word.
    const std::size_t folded_end = i + 1 < count ? tokens[i + 1].fstart : folded.size();
    const std::size_t bytes = folded_end - tokens[i].fstart;
    const std::uint32_t lengths = lex_.pronouns.lengths_starting(folded.data()[tokens[i].fstart]);
    if ((lengths >> std::min<std::size_t>(bytes, 31) & 1U) != 0) {
      if (const PronounInfo* pron = lex_.pronoun_at(toks_, i)) add_narrative_pronoun(i, *pron);
    }
  }
  next_token_ = std::max(next_token_, pos);
}

void Discourse::put_on_stage(const Referent& referent) {
  if (referent.entity >= 0 && referent.gender != Gender::kUnknown &&
      parse_gender(records_[static_cast<std::size_t>(referent.entity)].gender) == Gender::kUnknown) {
    learn_gender(referent.entity, referent.gender);
  }
  referents_.push_back(referent);
  // « le ministère de l'Intérieur » put on stage: a later « le ministère » is it.
  if (referent.group && referent.number != Number::kPlural && referent.entity < 0) organisations_.push_back(referent);
}

// The most recent person of the pronoun's gender; but a subject of that
// person's paragraph wins over them when they are only an object (« Roland a
// croisé Larqué. Il ajoute… » is about Roland).
std::optional<Resolution> Discourse::resolve_pronoun(const SpeakerPhrase& pronoun) const {
  const bool plural = pronoun.number == Number::kPlural;
  // A group is looked for in the pronoun's paragraph and the one before only.
  const std::size_t para = toks_.paragraph_start(pronoun.first);
  const std::size_t group_floor = plural && para > 0 ? toks_.paragraph_start(para - 1) : para;
  std::optional<Resolution> recent;
  std::optional<Resolution> subject;
  std::size_t window = 0;  // the paragraph of the most recent candidate
  // Whether every candidate has one name (no set of names: this runs for
  // every narrative pronoun).
  const std::string_view* first_name = nullptr;
  bool one_name = true;
  std::size_t looked = 0;
  for (auto it = referents_.rbegin(); it != referents_.rend() && looked < kMaxCandidates; ++it) {
    if (it->pos >= pronoun.first) continue;
    ++looked;
    if ((it->number == Number::kPlural) != plural || (plural && it->pos < group_floor)) continue;
    const Gender g = it->entity >= 0 && !it->group ? gender_of(it->entity) : it->gender;
    if (!compatible(g, pronoun.gender)) continue;
    if (first_name == nullptr) {
      first_name = &it->name;
    } else if (one_name && !same_view(it->name, *first_name) && it->name != *first_name) {
      one_name = false;
    }
    // Referents are copied only when kept (they hold a name).
    if (!recent) {
      recent = Resolution{*it, false, true};
      recent->referent.gender = g;
      window = toks_.paragraph_start(it->pos);
    }
    if (!subject && it->subject && it->pos >= window) {
      subject = Resolution{*it, false, true};
      subject->referent.gender = g;
    }
    if (subject && !one_name) break;  // nothing further can change the answer
  }
  std::optional<Resolution> found = subject ? subject : recent;
  if (found) found->unique = one_name;
  return found;
}

// The person the passage is about: the latest subject in [from, pos), else
// the latest person at all (« Le maire, Michael Bloomberg, appelle à voter
// pour Barack Obama. « Notre climat change… » » is Bloomberg's).
std::optional<Referent> Discourse::latest_person(std::size_t pos, std::size_t from) {
  catch_up();
  std::optional<Referent> latest;
  std::size_t looked = 0;
  for (auto it = referents_.rbegin(); it != referents_.rend() && looked < kMaxCandidates; ++it, ++looked) {
    if (it->pos >= pos) continue;
    if (it->pos < from) break;
    if (it->group) continue;
    Referent r = *it;
    if (r.entity >= 0) r.gender = gender_of(r.entity);
    if (r.subject) return r;
    if (!latest) latest = r;
  }
  return latest;
}

// A speaker phrase resolved: a gazetteer name, a name no gazetteer knows, a
// description, a title standing for someone, a pronoun.
std::optional<Speaker> Discourse::speaker_of(const SpeakerPhrase& phrase) {
  Speaker sp;
  switch (phrase.kind) {
    case PhraseKind::kName: {
      const std::uint32_t entity = names_[*phrase.name_match].candidates.front();
      const EntityRecord& rec = records_[entity];
      sp.entity = entity;
      sp.name = rec.name;
      sp.mention_kind = "name";
      const std::string_view type = rec.type;
      sp.person = type == "PERSON";
      sp.group = type == "ORG";
      // The gender the text gave a name is asked only when neither the
      // phrase nor the record has one.
      if (phrase.gender == Gender::kUnknown && parse_gender(rec.gender) == Gender::kUnknown) catch_up();
      sp.gender = phrase.gender != Gender::kUnknown ? phrase.gender : gender_of(entity);
      sp.confidence = type == "LOC" ? 0.7 : 0.95;
      return sp;
    }
    case PhraseKind::kUnknownName: {
      HonorificInfo honorific{Gender::kUnknown, Number::kUnknown};
      const std::size_t h = grammar_.honorific_length(phrase.first, &honorific);
      sp.name = phrase_text(phrase.first + h, phrase.last);
      sp.mention_kind = "name";
      sp.person = true;
      sp.gender = phrase.gender;
      sp.confidence = 0.85;
      return sp;
    }
    case PhraseKind::kDescription:
      catch_up();
      if (const auto author = resolve_document(phrase)) {
        sp = from_referent(*author, "description", 0.85);
        sp.gender = phrase.gender;
        return sp;
      }
      sp.name = phrase_text(phrase.name_first > 0 ? phrase.name_first : phrase.first, phrase.last);
      sp.mention_kind = "description";
      sp.confidence = 0.85;
      // « un manifestant » can be the « il » of the next incise.
      sp.person = phrase.head > 0 && !phrase.organisation && phrase.number != Number::kPlural;
      sp.group = !sp.person && (phrase.organisation || phrase.number == Number::kPlural);
      sp.number = phrase.number == Number::kPlural ? Number::kPlural : Number::kSingular;
      sp.gender = phrase.gender;
      return sp;
    case PhraseKind::kTitle: {
      catch_up();
      const auto found = resolve_title(phrase);
      sp.mention_kind = "title";
      if (!found) {
        sp.name = phrase_text(phrase.first, phrase.last);
        sp.confidence = 0.6;
        sp.group = phrase.organisation || phrase.number == Number::kPlural;
        sp.number = phrase.number == Number::kPlural ? Number::kPlural : Number::kSingular;
        sp.gender = phrase.gender;
        return sp;
      }
      Speaker resolved = from_referent(found->referent, "title", found->compatible_role ? 0.85 : 0.6);
      resolved.person = !phrase.organisation;
      resolved.group = phrase.organisation;
      if (phrase.organisation) resolved.gender = phrase.gender;
      return resolved;
    }
    case PhraseKind::kPronoun: {
      catch_up();
      const auto found = resolve_pronoun(phrase);
      if (!found) return std::nullopt;
      return from_referent(found->referent, "pronoun", found->unique ? 0.9 : 0.75);
    }
  }
  return std::nullopt;
}

}  // namespace parole::quotes
