#include "quotes/attribution.hpp"

#include "quotes/discourse.hpp"
#include "quotes/grammar.hpp"

namespace parole::quotes {
namespace {

constexpr std::size_t kMaxTermWords = 4;
constexpr std::size_t kMaxSentenceTokens = 200;  // how far back a sentence's start is searched
constexpr std::size_t kMaxTitleComplement = 6;   // « … de France en Afghanistan » before an apposed name

// One way the text attributes a quote, before the speaker phrase is resolved.
struct Finding {
  std::optional<TokenSpan> cue;
  std::optional<SpeakerPhrase> phrase;
  std::string via;
  double weight;  // how reliable the pattern is
};

struct Speaker {
  std::int64_t entity = -1;
  std::string name;
  std::string mention_kind;
  Gender gender = Gender::kUnknown;
  bool person = false;
  double confidence = 0.0;
};

class Attributor {
 public:
  Attributor(const text::Tokens& toks, const Lexicon& lex, const ScanResult& scan,
             const std::vector<entities::NameMatch>& names, const entities::Records& records)
      : toks_(toks),
        lex_(lex),
        scan_(scan),
        names_(names),
        records_(records),
        quote_of_token_(toks.size(), -1),
        nested_(toks.size(), false),
        name_at_(toks.size(), -1),
        indexed_(index()),
        grammar_(toks, lex, name_at_, name_last_, name_person_),
        discourse_(toks, lex, grammar_, names, records, quote_of_token_) {}

  std::vector<Attribution> run() {
    std::vector<Attribution> out(scan_.quotes.size());
    std::optional<std::size_t> previous;  // last top-level quote
    std::optional<Speaker> previous_speaker;
    std::optional<Speaker> interviewee;  // fixed by the first answer
    for (std::size_t qi = 0; qi < scan_.quotes.size(); ++qi) {
      const ScannedQuote& q = scan_.quotes[qi];
      Attribution& a = out[qi];
      if (q.parent) {
        a.kind = "partial";
        continue;
      }
      discourse_.advance_to(q.open);
      if (q.interview) {
        // The interviewee: the person the introduction put on stage last.
        a.kind = "direct";
        a.via = "interview";
        if (!interviewee) {
          if (const auto r = discourse_.latest_person(q.open, 0)) interviewee = from_referent(*r, "name", 0.85);
        }
        if (interviewee) {
          const Speaker& sp = *interviewee;
          a.entity = sp.entity;
          a.speaker_name = sp.name;
          a.mention_kind = sp.mention_kind;
          a.confidence = sp.confidence;
        }
        previous = qi;
        previous_speaker.reset();
        continue;
      }
      if (is_term(q)) {
        a.kind = "term";
        continue;
      }
      std::optional<Finding> found = incise_after(q);
      if (!found) found = incise_inside(q);
      if (!found) found = before(q, qi);
      std::optional<Speaker> speaker;
      if (found && found->phrase) speaker = resolve(*found->phrase);
      if (!found && previous && previous_speaker && continues(*previous, qi)) {
        found = Finding{std::nullopt, std::nullopt, "continuation", 0.75};
        speaker = previous_speaker;
      }
      if (!found && standalone(q)) {
        // A quote standing as its own sentence right after a sentence whose
        // subject is a description: « Une habitante craint pour sa maison. « Le… »
        if (auto phrase = previous_sentence_subject(q)) {
          found = Finding{std::nullopt, phrase, "context", 0.6};
          speaker = resolve(*phrase);
        }
      }
      if (!found && standalone(q)) {
        // A quote standing as its own sentence or paragraph right after a
        // sentence about someone: « Martine X a annoncé son départ. » « J'ai… »
        const std::size_t para = toks_.paragraph_start(q.open);
        const std::size_t window = para > 0 ? toks_.paragraph_start(para - 1) : 0;
        if (const auto r = discourse_.latest_person(q.open, window)) {
          found = Finding{std::nullopt, std::nullopt, "context", 0.6};
          speaker = from_referent(*r, "name", 1.0);
        }
      }
      a.kind = kind_of(q);
      if (found) {
        a.cue = found->cue;
        a.via = found->via;
        if (found->phrase) a.speaker_phrase = TokenSpan{found->phrase->first, found->phrase->last};
      }
      if (speaker && !speaker->name.empty()) {
        a.entity = speaker->entity;
        a.speaker_name = speaker->name;
        a.mention_kind = speaker->mention_kind;
        a.confidence = speaker->confidence * found->weight;
        if (speaker->person) {
          const std::size_t pos =
              std::max(a.cue ? a.cue->last : q.open, a.speaker_phrase ? a.speaker_phrase->last : q.open);
          discourse_.add_speaker(Referent{pos, speaker->entity, speaker->name, speaker->gender, true});
        }
      } else if (a.kind == "partial" && !found && word_count(q) <= kMaxTermWords) {
        a.kind = "term";
      }
      previous = qi;
      previous_speaker = a.speaker_name.empty() ? std::nullopt : speaker;
    }
    return out;
  }

 private:
  bool index() {
    for (std::size_t qi = 0; qi < scan_.quotes.size(); ++qi) {
      const ScannedQuote& q = scan_.quotes[qi];
      const std::size_t end = q.close != kNoToken ? q.close : q.last;
      for (std::size_t i = q.open; i <= end && i < toks_.size(); ++i) {
        if (q.parent) {
          nested_[i] = true;
        } else {
          quote_of_token_[i] = static_cast<std::int32_t>(qi);
        }
      }
    }
    name_last_.reserve(names_.size());
    for (std::size_t k = 0; k < names_.size(); ++k) {
      name_at_[names_[k].first] = static_cast<std::int32_t>(k);
      name_last_.push_back(names_[k].last);
      name_person_.push_back(records_[names_[k].candidates.front()].type == "PERSON");
    }
    return true;
  }

  bool punct(std::size_t i, char32_t c) const {
    return i < toks_.size() && toks_[i].has(text::kPunct) && toks_[i].first == c;
  }

  std::size_t word_count(const ScannedQuote& q) const {
    std::size_t words = 0;
    for (std::size_t i = q.first; i <= q.last; ++i) words += toks_[i].is_word() ? 1 : 0;
    return words;
  }

  std::size_t paragraph_end(std::size_t i) const { return toks_.paragraph_end(i); }

  // First token of the sentence holding token o: after the previous sentence
  // end, the paragraph start or another quote; at most kMaxSentenceTokens back
  // so that a text without punctuation stays linear.
  std::size_t sentence_start(std::size_t o, bool across_quotes = false) const {
    const std::size_t floor = std::max(toks_.paragraph_start(o), o > kMaxSentenceTokens ? o - kMaxSentenceTokens : 0);
    std::size_t s = o;
    while (s > floor) {
      const std::size_t prev = s - 1;
      const bool other_quote = quote_of_token_[prev] >= 0 && quote_of_token_[prev] != quote_of_token_[o];
      if (other_quote ? !across_quotes : grammar_.is_sentence_end(prev)) break;
      s = prev;
    }
    return s;
  }

  SpeakerPhrase pronoun_phrase(std::size_t at) const {
    const auto& info = lex_.pronouns.at(std::string(toks_.folded(at)));
    return SpeakerPhrase{PhraseKind::kPronoun, at, at, std::nullopt, 0, info.gender, info.number};
  }

  std::optional<Finding> incise_after(const ScannedQuote& q) const {
    std::size_t p = (q.close != kNoToken ? q.close : q.last) + 1;
    if (p >= toks_.size() || toks_[p].has(text::kParagraphBefore)) return std::nullopt;
    const bool paren = punct(p, '(');
    const bool comma = punct(p, ',');
    if (comma || paren) ++p;
    // « …, lui avait dit X », « …, leur a lancé X »: an object pronoun before the verb.
    if (p + 1 < toks_.size() && is_object_clitic(p)) {
      const std::size_t verb = p + (punct(p + 1, '\'') ? 2 : 1);
      if (grammar_.verb_group_at(verb)) p = verb;
    }
    if (p >= toks_.size() || toks_[p].has(text::kParagraphBefore)) return std::nullopt;
    const std::size_t limit = paragraph_end(p);
    if (const auto group = grammar_.verb_group_at(p)) {
      Finding f{TokenSpan{p, group->last}, std::nullopt, "incise", 1.0};
      if (group->pronoun) {
        f.phrase = pronoun_phrase(*group->pronoun);
      } else {
        const std::size_t after = skip_addressee(grammar_.skip_adverbs(group->last + 1, limit), limit);
        f.phrase = with_apposed_name(grammar_.speaker_at(after, limit), limit);
      }
      return f;
    }
    // « … », selon X — without the comma, « … » pour X is the writer's own sentence.
    if (const std::size_t n = comma ? grammar_.cue_preposition_at(p) : 0) {
      return Finding{TokenSpan{p, p + n - 1}, with_apposed_name(grammar_.speaker_at(p + n, limit), limit), "selon",
                     0.95};
    }
    if (paren) {
      const auto phrase = grammar_.speaker_at(p, limit);
      if (phrase && punct(phrase->last + 1, ')')) return Finding{std::nullopt, phrase, "parenthesis", 0.9};
    }
    return std::nullopt;
  }

  // « a expliqué à l'AFP Gilles-Éric Séralini », « a déclaré au Figaro le
  // ministre »: the addressee between the verb and the speaker is skipped.
  std::size_t skip_addressee(std::size_t i, std::size_t limit) const {
    const std::string_view w = i < limit ? toks_.folded(i) : std::string_view();
    if (w != "a" && w != "au" && w != "aux") return i;  // « à » folds to « a »
    if (lex_.auxiliary_at(toks_, i)) return i;
    std::size_t q = i + 1;
    const std::size_t d = lex_.determiners.match(toks_, q);
    q += d;
    if (q < limit && name_at_[q] >= 0) return grammar_.skip_adverbs(name_last_[name_at_[q]] + 1, limit);
    // « à la presse », « aux journalistes »: one common noun.
    if (q < limit && toks_[q].is_word() && !toks_[q].has(text::kCapitalised) && (d > 0 || w != "a")) {
      return grammar_.skip_adverbs(q + 1, limit);
    }
    return i;
  }

  // « a expliqué le maire sortant, Gilbert Rances »: a title or description
  // followed by a name between commas is that person.
  // « l'ambassadeur de France en Afghanistan, Bernard Bajolet : »,
  // « la principale association du logiciel libre, l'April : »: complements
  // may follow the title before the comma; the apposed name may be an
  // organisation's (a proper noun after an article).
  std::optional<SpeakerPhrase> with_apposed_name(std::optional<SpeakerPhrase> phrase, std::size_t limit) const {
    if (!phrase || (phrase->kind != PhraseKind::kTitle && phrase->kind != PhraseKind::kDescription)) return phrase;
    std::size_t comma = phrase->last + 1;
    while (comma < limit && comma < phrase->last + 1 + kMaxTitleComplement && !grammar_.is_stop(comma)) ++comma;
    if (!punct(comma, ',')) return phrase;
    auto name = grammar_.speaker_at(comma + 1, limit);
    if (!name || !(is_named(*name) || name->name_first > 0)) return phrase;
    const std::size_t after = name->last + 1;
    if (after < toks_.size() && !grammar_.is_stop(after) && !toks_[after].has(text::kParagraphBefore)) return phrase;
    return name;
  }

  std::optional<Finding> incise_inside(const ScannedQuote& q) const {
    for (std::size_t k = q.first; k < q.last; ++k) {
      if (!punct(k, ',') || nested_[k]) continue;
      const auto group = grammar_.verb_group_at(k + 1);
      if (!group || group->last >= q.last) continue;
      std::optional<SpeakerPhrase> phrase;
      if (group->pronoun) {
        phrase = pronoun_phrase(*group->pronoun);
      } else {
        phrase = grammar_.speaker_at(grammar_.skip_adverbs(group->last + 1, q.last), q.last);
      }
      if (!phrase) continue;
      const std::size_t after = phrase->last + 1;
      if (after <= q.last && (punct(after, ',') || punct(after, '.'))) {
        return Finding{TokenSpan{k + 1, group->last}, phrase, "incise-inside", 0.95};
      }
    }
    return std::nullopt;
  }

  // The phrase that fills a comma-separated piece [first, end] exactly.
  std::optional<SpeakerPhrase> segment_phrase(std::size_t first, std::size_t end) const {
    for (std::size_t t = first; t <= end; ++t) {
      const auto phrase = grammar_.speaker_at(t, end + 1);
      if (phrase && phrase->last == end) return phrase;
    }
    return std::nullopt;
  }

  bool is_object_clitic(std::size_t i) const {
    if (punct(i, '\'') && i > 0) --i;
    const std::string_view w = toks_.folded(i);
    return w == "l" || w == "le" || w == "la" || w == "les" || w == "lui" || w == "leur" || w == "y" || w == "en" ||
           w == "nous" || w == "vous" || w == "m" || w == "t" || w == "me" || w == "te";
  }

  static bool is_named(const SpeakerPhrase& p) {
    return p.kind == PhraseKind::kName || p.kind == PhraseKind::kUnknownName;
  }

  // The subject of a verb group, within [s, group.first): the pronoun before
  // it, the phrase ending right before it, or with an apposition between
  // commas, « X, apposition, a dit »: X, unless X is only a description and
  // the apposition names someone (« L'un des porte-parole, Joe Incandela, »).
  std::optional<SpeakerPhrase> subject(const VerbGroup& group, std::size_t s) const {
    if (group.pronoun) return pronoun_phrase(*group.pronoun);
    std::size_t v = group.first;
    // « Pastor l'avait annoncé », « il lui a dit »: object pronouns stand between.
    while (v > s + 1 && is_object_clitic(v - 1)) v -= punct(v - 1, '\'') ? 2 : 1;
    if (v == 0 || v <= s) return std::nullopt;
    std::size_t end = v - 1;
    // « la Commission européenne, qui regrette… »: the antecedent of « qui ».
    if (toks_.folded(end) == "qui" && end > s) {
      end -= punct(end - 1, ',') && end - 1 > s ? 2 : 1;
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
      while (first > s && !punct(first - 1, ',') && end - first < kMaxTitleComplement) --first;
      for (std::size_t t = first; t <= end; ++t) {
        const auto phrase = grammar_.speaker_at(t, end + 1);
        if (phrase && phrase->last == end) return phrase;
      }
      return std::nullopt;
    }
    const auto pron = lex_.pronouns.find(std::string(toks_.folded(end)));
    if (pron != lex_.pronouns.end() && pron->second.subject) return pronoun_phrase(end);
    if (!punct(end, ',')) {
      std::size_t first = end;
      while (first > s && !punct(first - 1, ',')) --first;
      auto phrase = segment_phrase(first, end);
      // « Barroso, le président de la Commission se dit … »: the apposition's
      // closing comma is missing; the name before it is the subject.
      if (phrase && !is_named(*phrase) && first > s + 1) {
        std::size_t head_first = first - 2;
        while (head_first > s && !punct(head_first - 1, ',')) --head_first;
        const auto head = segment_phrase(head_first, first - 2);
        if (head && is_named(*head)) return head;
      }
      return phrase;
    }
    if (end == s) return std::nullopt;
    --end;
    std::size_t first = end;
    while (first > s && !punct(first - 1, ',')) --first;
    const auto apposition = segment_phrase(first, end);
    if (first <= s + 1) return apposition;
    std::size_t head_first = first - 2;
    while (head_first > s && !punct(head_first - 1, ',')) --head_first;
    const auto head = segment_phrase(head_first, first - 2);
    if (!head) return apposition;
    if (!is_named(*head) && apposition && is_named(*apposition)) return apposition;
    return head;
  }

  // The first phrase naming someone at the start of a comma-separated piece of
  // [s, end): « Plus tard, Claude Bertolone, président…, a fait… et a déclaré ».
  std::optional<SpeakerPhrase> sentence_subject(std::size_t s, std::size_t end) const {
    for (std::size_t t = s; t < end; ++t) {
      if (t != s && !punct(t - 1, ',')) continue;
      const auto phrase = grammar_.speaker_at(t, end);
      // A description counts only as the sentence's first words (« Le fisc défend… »).
      if (phrase && (t == s || phrase->kind != PhraseKind::kDescription)) return with_apposed_name(phrase, end);
    }
    return std::nullopt;
  }

  // The reporting verb group nearest before token `t` in the sentence [s, t),
  // complements allowed in between (« explique dans un communiqué que »), not
  // reaching into another quote.
  std::optional<VerbGroup> verb_before(std::size_t t, std::size_t s, std::int32_t quote) const {
    for (std::size_t e = t; e-- > s;) {
      if (quote_of_token_[e] >= 0 && quote_of_token_[e] != quote) return std::nullopt;
      if (const auto group = grammar_.verb_group_ending_at(e, s)) return group;
      if (lex_.verb_at(toks_, e, kPresentParticiple) != nullptr) {
        return VerbGroup{e, e, std::nullopt, Number::kUnknown};
      }
    }
    return std::nullopt;
  }

  std::optional<Finding> from_verb(const VerbGroup& group, std::size_t s, const ScannedQuote& q, const char* via,
                                   double weight) const {
    std::optional<SpeakerPhrase> phrase;
    const std::size_t v = group.first;
    const bool inverted =
        v >= 2 && (toks_.folded(v - 1) == "le" || toks_.folded(v - 1) == "l") &&
        (toks_.folded(v - 2) == "comme" || (v >= 3 && toks_.folded(v - 2) == "'" && toks_.folded(v - 3) == "comme"));
    if (inverted || (v >= 1 && toks_.folded(v - 1) == "comme")) {
      // « comme le précise l'ambassadeur, Bernard Bajolet : » — the subject follows.
      const std::size_t limit = paragraph_end(group.last + 1);
      phrase = with_apposed_name(grammar_.speaker_at(group.last + 1, limit), limit);
    } else if (lex_.verb_at(toks_, group.first, kPresentParticiple) != nullptr && group.first == group.last) {
      if (group.first == s) {
        // « Estimant que « … », il vota contre »: the subject follows the quote.
        std::size_t after = (q.close != kNoToken ? q.close : q.last) + 1;
        if (punct(after, ',')) ++after;
        phrase = grammar_.speaker_at(after, paragraph_end(after));
      } else {
        // « X a réfuté l'idée, affirmant : « … » », « X a précisé que « … » en
        // ajoutant : « … » »: the subject of the whole sentence.
        phrase = sentence_subject(sentence_start(group.first, true), group.first);
      }
    } else {
      phrase = subject(group, s);
      // « X a fait voter la loi et a déclaré que… »: the sentence's subject.
      if (!phrase) phrase = sentence_subject(s, group.first);
    }
    return Finding{TokenSpan{group.first, group.last}, phrase, via, weight};
  }

  std::optional<Finding> before(const ScannedQuote& q, std::size_t qi) const {
    const std::size_t o = q.open;
    const std::size_t s = sentence_start(o);
    if (o == 0 || o <= s) return std::nullopt;
    const auto self = static_cast<std::int32_t>(qi);
    const std::size_t prev = o - 1;
    const bool colon = punct(prev, ':');
    std::size_t que = kNoToken;
    if (toks_.folded(prev) == "que") que = prev;
    if (prev >= 1 && toks_.folded(prev) == "'" && toks_.folded(prev - 1) == "qu") que = prev - 1;
    if ((colon || que != kNoToken) && prev > s) {
      if (const auto group = verb_before(colon ? prev : que, s, self)) {
        return from_verb(*group, s, q, "before", colon ? 0.95 : 0.9);
      }
      if (colon) {
        // « Paul Durand : « … » », and « Le délégué X reste prudent : « … » »:
        // the subject of the sentence that the colon opens onto the quote.
        const auto phrase = grammar_.speaker_at(s, prev);
        if (phrase && phrase->last == prev - 1) return Finding{std::nullopt, phrase, "colon", 0.9};
        if (phrase && (phrase->kind == PhraseKind::kPronoun || phrase->kind == PhraseKind::kTitle || phrase->authored ||
                       (phrase->kind == PhraseKind::kName && names_person(*phrase)))) {
          return Finding{std::nullopt, phrase, "colon", 0.8};
        }
      }
    }
    for (std::size_t t = s; t < o; ++t) {
      if (t != s && !punct(t - 1, ',') && !punct(t - 1, ':')) continue;
      const std::size_t n = grammar_.cue_preposition_at(t);
      if (n == 0) continue;
      const auto phrase = with_apposed_name(grammar_.speaker_at(t + n, o), o);
      if (phrase && (phrase->last + 1 == o || punct(phrase->last + 1, ','))) {
        return Finding{TokenSpan{t, t + n - 1}, phrase, "selon", 0.9};
      }
    }
    // A quote inside the writer's sentence (« Barroso s'est dit « rassuré » »,
    // « X a salué la « détermination » de… »): the sentence's reporting verb.
    if (const auto group = verb_before(o, s, self)) return from_verb(*group, s, q, "before", 0.8);
    return std::nullopt;
  }

  // A quoted name or title rather than speech: introduced by a term cue
  // (« une pétition intitulée "…" », « la sculpture "…" », « de "A3" à "Baa3" »
  // has none but is a code: one token mixing capitals and digits).
  bool is_term(const ScannedQuote& q) const {
    if (q.first == q.last && toks_[q.first].has(text::kHasDigit) && toks_[q.first].has(text::kCapitalised)) return true;
    // Cue words end right before `end`; one article may stand between
    // (« le thème du "…" », « la série "…" »).
    std::size_t end = q.open;
    for (int skipped = 0; skipped < 2 && end > 0; ++skipped) {
      for (std::size_t len = 1; len <= 3 && len <= end; ++len) {
        const std::size_t start = end - len;
        // « l'a nommée "…" »: a naming done by someone, reported as their words.
        if (lex_.term_cues.match(toks_, start) == len) return !(start > 0 && lex_.auxiliary_at(toks_, start - 1));
      }
      const std::string_view w = toks_.folded(end - 1);
      const bool article = w == "le" || w == "la" || w == "les" || w == "du" || w == "des" || w == "'" || w == "de";
      const std::size_t step = w == "'" ? 2 : 1;  // « l' »
      if (!article || step > end) break;
      end -= step;
    }
    return false;
  }

  // The description that opens the sentence just before quote q, in the same
  // paragraph (« Une habitante, installée ici depuis quarante ans, craint… »).
  std::optional<SpeakerPhrase> previous_sentence_subject(const ScannedQuote& q) const {
    if (q.open == 0 || toks_[q.open].has(text::kParagraphBefore)) return std::nullopt;
    const std::size_t s = sentence_start(q.open - 1);
    if (s >= q.open || quote_of_token_[s] >= 0) return std::nullopt;
    auto phrase = grammar_.speaker_at(s, q.open);
    if (!phrase || phrase->kind != PhraseKind::kDescription || phrase->name_first > 0) return std::nullopt;
    // The description must be the subject: a verb or an apposition follows it.
    const std::size_t after = phrase->last + 1;
    if (!(punct(after, ',') || lex_.is_verb_or_auxiliary(toks_, after) || grammar_.verb_group_at(after))) {
      return std::nullopt;
    }
    const DeterminerInfo* det = nullptr;
    lex_.determiners.match(toks_, s, &det);
    if (det == nullptr || det->definite) return std::nullopt;  // « Une habitante », not « La décision »
    return phrase;
  }

  // Direct speech standing alone: at a paragraph start or after a sentence end.
  bool standalone(const ScannedQuote& q) const {
    const std::size_t o = q.open;
    return o == 0 || toks_[o].has(text::kParagraphBefore) || grammar_.is_sentence_end(o - 1);
  }

  bool names_person(const SpeakerPhrase& phrase) const {
    return phrase.name_match && records_[names_[*phrase.name_match].candidates.front()].type == "PERSON";
  }

  bool continues(std::size_t previous, std::size_t current) const {
    const ScannedQuote& p = scan_.quotes[previous];
    const ScannedQuote& c = scan_.quotes[current];
    const std::size_t para = toks_.paragraph_start(c.open);
    const std::size_t prev_para = toks_.paragraph_start(p.open);
    if (para == prev_para) return true;
    // A quote opening the next paragraph, right after the previous one's paragraph.
    return c.open == para && para > 0 && toks_.paragraph_start(para - 1) == prev_para;
  }

  std::string kind_of(const ScannedQuote& q) const {
    const std::size_t o = q.open;
    if (o == 0 || toks_[o].has(text::kParagraphBefore)) return "direct";
    const std::size_t prev = o - 1;
    if (toks_[prev].has(text::kPunct)) {
      if (toks_.folded(prev) == "'" && prev >= 1 && toks_.folded(prev - 1) == "qu") return "partial";
      return "direct";
    }
    return "partial";
  }

  std::string phrase_text(std::size_t first, std::size_t last) const {
    return std::string(toks_.input().substr(toks_[first].start, toks_[last].end - toks_[first].start));
  }

  std::optional<Speaker> resolve(const SpeakerPhrase& phrase) const {
    Speaker sp;
    switch (phrase.kind) {
      case PhraseKind::kName: {
        const std::uint32_t entity = names_[*phrase.name_match].candidates.front();
        const EntityRecord& rec = records_[entity];
        sp.entity = entity;
        sp.name = rec.name;
        sp.mention_kind = "name";
        sp.person = rec.type == "PERSON";
        sp.gender = phrase.gender != Gender::kUnknown ? phrase.gender : discourse_.gender_of(entity);
        sp.confidence = rec.type == "LOC" ? 0.7 : 0.95;
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
        sp.name = phrase_text(phrase.name_first > 0 ? phrase.name_first : phrase.first, phrase.last);
        sp.mention_kind = "description";
        sp.confidence = 0.85;
        // « un manifestant » can be the « il » of the next incise.
        sp.person = phrase.head > 0 && !phrase.organisation && phrase.number != Number::kPlural;
        sp.gender = phrase.gender;
        return sp;
      case PhraseKind::kTitle: {
        const auto found = discourse_.resolve_title(phrase);
        sp.mention_kind = "title";
        if (!found) {
          sp.name = phrase_text(phrase.first, phrase.last);
          sp.confidence = 0.6;
          return sp;
        }
        Speaker resolved = from_referent(found->referent, "title", found->compatible_role ? 0.85 : 0.6);
        resolved.person = !phrase.organisation;
        return resolved;
      }
      case PhraseKind::kPronoun: {
        const auto found = discourse_.resolve_pronoun(phrase);
        if (!found) return std::nullopt;
        return from_referent(found->referent, "pronoun", found->unique ? 0.9 : 0.75);
      }
    }
    return std::nullopt;
  }

  static Speaker from_referent(const Referent& r, const char* kind, double confidence) {
    Speaker sp;
    sp.entity = r.entity;
    sp.name = r.name;
    sp.mention_kind = kind;
    sp.person = true;
    sp.gender = r.gender;
    sp.confidence = confidence;
    return sp;
  }

  const text::Tokens& toks_;
  const Lexicon& lex_;
  const ScanResult& scan_;
  const std::vector<entities::NameMatch>& names_;
  const entities::Records& records_;
  std::vector<std::int32_t> quote_of_token_;  // top-level quote covering the token (marks included)
  std::vector<bool> nested_;                  // token inside a nested quote
  std::vector<std::int32_t> name_at_;
  std::vector<std::size_t> name_last_;
  std::vector<bool> name_person_;
  bool indexed_;  // the indexes above are filled before the grammar and discourse use them
  Grammar grammar_;
  Discourse discourse_;
};

}  // namespace

std::vector<Attribution> attribute(const text::Tokens& toks, const Lexicon& lex, const ScanResult& scan,
                                   const std::vector<entities::NameMatch>& names, const entities::Records& records) {
  return Attributor(toks, lex, scan, names, records).run();
}

}  // namespace parole::quotes
