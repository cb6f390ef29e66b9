#include "quotes/attribution.hpp"

#include "quotes/discourse.hpp"
#include "quotes/grammar.hpp"

#include <algorithm>
#include <string_view>

namespace parole::quotes {
namespace {

constexpr std::size_t kMaxTermWords = 4;
constexpr std::size_t kMaxSentenceTokens = 200;  // how far back a sentence's start is searched
constexpr std::size_t kMaxLateIncise = 40;       // how far after a quote its sentence's closing incise is searched

// One way the text attributes a quote, before the speaker phrase is resolved.
struct Finding {
  std::optional<TokenSpan> cue;
  std::optional<SpeakerPhrase> phrase;
  std::string via;
  double weight;        // how reliable the pattern is
  bool shared = false;  // the verb has no subject of its own (« …, avant d'ajouter « … » »)
};

class Attributor {
 public:
  Attributor(const text::Tokens& toks, const Lexicon& lex, const ScanResult& scan,
             const std::vector<entities::NameMatch>& names, const entities::Records& records,
             const std::vector<std::uint32_t>& documents)
      : toks_(toks),
        lex_(lex),
        scan_(scan),
        names_(names),
        records_(records),
        quotes_{std::vector<std::int32_t>(toks.size(), -1), std::vector<std::size_t>(scan.quotes.size(), 0)},
        nested_(toks.size(), false),
        name_at_(toks.size(), -1),
        indexed_(index()),
        grammar_(toks, lex, name_at_, name_last_, name_person_),
        discourse_(toks, lex, grammar_, names, records, quotes_, documents) {}

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
          if (const auto r = discourse_.latest_person(q.open, 0))
            interviewee = Discourse::from_referent(*r, "name", 0.85);
        }
        if (interviewee) {
          const Speaker& sp = *interviewee;
          a.entity = sp.entity;
          a.speaker_name = std::string(sp.name);
          a.mention_kind = std::string(sp.mention_kind);
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
      if (!found) found = closing_incise(qi);
      std::optional<Speaker> speaker;
      if (found && found->shared && previous && previous_speaker &&
          scan_.quotes[*previous].open >= sentence_start(q.open, true)) {
        // The sentence's earlier quote already told who its subject is.
        speaker = previous_speaker;
        found->phrase.reset();
      } else if (found && found->phrase) {
        speaker = discourse_.speaker_of(*found->phrase);
      }
      if (!found && previous && previous_speaker && continues(*previous, qi)) {
        found = Finding{std::nullopt, std::nullopt, "continuation", 0.75};
        speaker = previous_speaker;
      }
      if (!found && standalone(q)) {
        // A quote standing as its own sentence right after a sentence whose
        // subject is a description: « Une habitante craint pour sa maison. « Le… »
        if (auto phrase = previous_sentence_subject(q)) {
          found = Finding{std::nullopt, phrase, "context", 0.6};
          speaker = discourse_.speaker_of(*phrase);
        }
      }
      if (!found && standalone(q)) {
        // A quote standing as its own sentence or paragraph right after a
        // sentence about someone: « Martine X a annoncé son départ. » « J'ai… »
        const std::size_t para = toks_.paragraph_start(q.open);
        const std::size_t window = para > 0 ? toks_.paragraph_start(para - 1) : 0;
        if (const auto r = discourse_.latest_person(q.open, window)) {
          found = Finding{std::nullopt, std::nullopt, "context", 0.6};
          speaker = Discourse::from_referent(*r, "name", 1.0);
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
        a.speaker_name = std::string(speaker->name);
        a.mention_kind = std::string(speaker->mention_kind);
        a.confidence = speaker->confidence * found->weight;
        const std::size_t pos =
            std::max(a.cue ? a.cue->last : q.open, a.speaker_phrase ? a.speaker_phrase->last : q.open);
        if (speaker->person) {
          discourse_.add_speaker(Referent{pos, speaker->entity, speaker->name, speaker->gender, true});
        } else if (speaker->group && (speaker->number == Number::kPlural || speaker->gender != Gender::kUnknown)) {
          discourse_.add_speaker(
              Referent{pos, speaker->entity, speaker->name, speaker->gender, true, speaker->number, true});
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
    if (toks_.size() == 0) return true;  // no quote either
    for (std::size_t qi = 0; qi < scan_.quotes.size(); ++qi) {
      const ScannedQuote& q = scan_.quotes[qi];
      // Tokens [q.open, end] (not past the text), filled as ranges.
      const std::size_t end = std::min(q.close != kNoToken ? q.close : q.last, toks_.size() - 1);
      if (q.open > end) continue;
      const auto from = static_cast<std::ptrdiff_t>(q.open);
      const auto to = static_cast<std::ptrdiff_t>(end) + 1;
      if (q.parent) {
        std::fill(nested_.begin() + from, nested_.begin() + to, true);
      } else {
        std::fill(quotes_.quote_of_token.begin() + from, quotes_.quote_of_token.begin() + to,
                  static_cast<std::int32_t>(qi));
        quotes_.last[qi] = end;
      }
    }
    name_last_.reserve(names_.size());
    for (std::size_t k = 0; k < names_.size(); ++k) {
      name_at_[names_[k].first] = static_cast<std::int32_t>(k);
      name_last_.push_back(names_[k].last);
      name_person_.push_back(std::string_view(records_[names_[k].candidates.front()].type) == "PERSON");
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
      const bool other_quote =
          quotes_.quote_of_token[prev] >= 0 && quotes_.quote_of_token[prev] != quotes_.quote_of_token[o];
      if (other_quote ? !across_quotes : grammar_.is_sentence_end(prev)) break;
      s = prev;
    }
    return s;
  }

  std::optional<Finding> incise_after(const ScannedQuote& q) const {
    // « « Eh oui ! — Tout à fait ! », répondit son complice »: the incise
    // after a dialogue names its last voice, not the first, who speaks the quote.
    if (dialogue(q)) return std::nullopt;
    std::size_t p = (q.close != kNoToken ? q.close : q.last) + 1;
    if (p >= toks_.size() || toks_[p].has(text::kParagraphBefore)) return std::nullopt;
    const bool paren = punct(p, '(');
    const bool comma = punct(p, ',');
    if (comma || paren) ++p;
    // « …, lui avait dit X », « …, leur a lancé X »: an object pronoun before the verb.
    if (p + 1 < toks_.size() && grammar_.is_object_clitic(p)) {
      const std::size_t verb = p + (punct(p + 1, '\'') ? 2 : 1);
      if (grammar_.verb_group_at(verb)) p = verb;
    }
    if (p >= toks_.size() || toks_[p].has(text::kParagraphBefore)) return std::nullopt;
    const std::size_t limit = paragraph_end(p);
    if (auto f = incise_at(p, limit)) return f;
    // « … », selon X; « … » selon X — but without the comma, « … » pour X is
    // the writer's own sentence, and « …. » Selon X opens the next one.
    const bool next_sentence = !comma && !paren && toks_[p].has(text::kCapitalised) && grammar_.is_sentence_end(q.last);
    if (next_sentence) return std::nullopt;
    bool ambiguous = false;
    const std::size_t cue = grammar_.cue_preposition_at(p, &ambiguous);
    if (const std::size_t n = comma || !ambiguous ? cue : 0) {
      return Finding{TokenSpan{p, p + n - 1}, grammar_.with_apposed_name(grammar_.speaker_at(p + n, limit), limit),
                     "selon", 0.95};
    }
    if (paren) {
      const auto phrase = grammar_.speaker_at(p, limit);
      if (phrase && punct(phrase->last + 1, ')')) return Finding{std::nullopt, phrase, "parenthesis", 0.9};
    }
    return late_incise(p, limit);
  }

  // Two voices in one pair of marks: a dash right after a sentence's end.
  bool dialogue(const ScannedQuote& q) const {
    for (std::size_t k = q.first + 1; k <= q.last; ++k) {
      const bool dash = toks_[k].has(text::kPunct) && (toks_[k].first == 0x2014 || toks_[k].first == 0x2013);
      if (dash && grammar_.is_sentence_end(k - 1)) return true;
    }
    return false;
  }

  // A reporting verb group at p with its inverted subject: « a-t-il ajouté »,
  // « a déclaré à la presse le maire, Paul Durand », « a reconnu en souriant X ».
  std::optional<Finding> incise_at(std::size_t p, std::size_t limit) const {
    const auto group = grammar_.verb_group_at(p);
    if (!group) return std::nullopt;
    Finding f{TokenSpan{p, group->last}, std::nullopt, "incise", 1.0};
    if (group->pronoun) {
      f.phrase = grammar_.pronoun_phrase(*group->pronoun);
    } else {
      std::size_t after = grammar_.skip_adverbs(group->last + 1, limit);
      after = grammar_.skip_adverbs(grammar_.skip_gerund(after, limit), limit);
      after = grammar_.skip_addressee(after, limit);
      f.phrase = grammar_.with_apposed_name(grammar_.speaker_at(after, limit), limit);
    }
    return f;
  }

  // The incise closes the sentence that the quote is part of: « L'alerte a été
  // donnée « … » qui peut contenir 12 000 personnes, a indiqué un porte-parole. »,
  // « « … », y compris le montant imposé, commente X, analyste. »: the first
  // comma followed by a reporting verb and its inverted subject, in the same
  // sentence and before any other quote.
  std::optional<Finding> late_incise(std::size_t p, std::size_t limit) const {
    const std::size_t end = std::min(limit, p + kMaxLateIncise);
    for (std::size_t k = p; k < end; ++k) {
      if (quotes_.quote_of_token[k] >= 0 || grammar_.is_sentence_end(k) || toks_[k].has(text::kParagraphBefore)) break;
      if (!punct(k, ',')) continue;
      auto f = incise_at(k + 1, limit);
      if (!f || !f->phrase) continue;
      const std::size_t after = f->phrase->last + 1;
      const bool closes = after >= limit || punct(after, ',') || grammar_.is_sentence_end(after) || punct(after, '(');
      if (!closes) continue;
      f->weight = 0.85;
      return f;
    }
    return std::nullopt;
  }

  // « « Avec … actuel », la question est de savoir « si … » affirme-t-il. »:
  // the incise that closes a sentence speaks for every quote of it that has
  // no cue of its own, not only for the last. Searched from the quote's end
  // through the later quotes of the same sentence, none of them introduced
  // by a reporting verb of its own. A quote that ends its sentence inside
  // its marks (« « Oui. » « Ah ! j'en suis contente », reprit-elle ») is a
  // turn of its own.
  std::optional<Finding> closing_incise(std::size_t qi) const {
    const ScannedQuote& q = scan_.quotes[qi];
    if (grammar_.is_sentence_end(q.last)) return std::nullopt;
    std::size_t from = (q.close != kNoToken ? q.close : q.last) + 1;
    const std::size_t limit = std::min(paragraph_end(q.open), from + kMaxSentenceTokens);
    for (std::size_t next = qi + 1; next < scan_.quotes.size(); ++next) {
      const ScannedQuote& n = scan_.quotes[next];
      if (n.parent) continue;
      if (n.open >= limit || n.interview || n.close == kNoToken) return std::nullopt;
      for (std::size_t k = from; k < n.open; ++k) {
        if (grammar_.is_sentence_end(k)) return std::nullopt;
      }
      if (verb_before(n.open, from, static_cast<std::int32_t>(next))) return std::nullopt;
      if (auto f = incise_after(n)) {
        if (!f->phrase) return std::nullopt;
        f->weight *= 0.85;  // reported as an incise: it is one, further on
        return f;
      }
      if (grammar_.is_sentence_end(n.last)) return std::nullopt;
      from = n.close + 1;
    }
    return std::nullopt;
  }

  std::optional<Finding> incise_inside(const ScannedQuote& q) const {
    for (std::size_t k = q.first; k < q.last; ++k) {
      if (!punct(k, ',') || nested_[k]) continue;
      const auto group = grammar_.verb_group_at(k + 1);
      if (!group || group->last >= q.last) continue;
      std::optional<SpeakerPhrase> phrase;
      if (group->pronoun) {
        phrase = grammar_.pronoun_phrase(*group->pronoun);
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

  // The reporting verb group nearest before token `t` in the sentence [s, t),
  // complements allowed in between (« explique dans un communiqué que »), not
  // reaching into another quote.
  std::optional<VerbGroup> verb_before(std::size_t t, std::size_t s, std::int32_t quote) const {
    Grammar::GroupsEndingAt ending(grammar_, s);
    for (std::size_t e = t; e-- > s;) {
      if (quotes_.quote_of_token[e] >= 0 && quotes_.quote_of_token[e] != quote) return std::nullopt;
      if (auto group = ending.at(e)) return group;
      // Most tokens are no verb form: one look-up answers both questions.
      if (participle_or_infinitive(e)) return VerbGroup{e, e, std::nullopt, Number::kUnknown};
    }
    return std::nullopt;
  }

  // « avant de poursuivre », « et d'ajouter »: a reporting verb in the infinitive
  // whose subject is the sentence's. `forms`: Lexicon::verb_forms_at(e).
  bool infinitive_after_de(std::size_t e, const std::vector<VerbForm>* forms) const {
    if (e < 1 || lex_.pick_verb_form(forms, toks_, e, kInfinitive) == nullptr) return false;
    const std::string_view w = toks_.folded(e - 1);
    return w == "de" || (w == "'" && e >= 2 && toks_.folded(e - 2) == "d");
  }

  // A present participle or an infinitive after « de » at token v (a verb alone, its subject elsewhere).
  bool participle_or_infinitive(std::size_t v) const {
    const std::vector<VerbForm>* forms = lex_.verb_forms_at(toks_, v);
    return lex_.pick_verb_form(forms, toks_, v, kPresentParticiple) != nullptr || infinitive_after_de(v, forms);
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
      phrase = grammar_.with_apposed_name(grammar_.speaker_at(group.last + 1, limit), limit);
    } else if (group.first == group.last && participle_or_infinitive(group.first)) {
      const std::size_t whole = sentence_start(group.first, true);
      if (group.first == whole) {
        // « Estimant que « … », il vota contre »: the subject follows the quote.
        std::size_t after = (q.close != kNoToken ? q.close : q.last) + 1;
        if (punct(after, ',')) ++after;
        phrase = grammar_.speaker_at(after, paragraph_end(after));
      } else {
        // « X a réfuté l'idée, affirmant : « … » », « X a précisé que « … » en
        // ajoutant : « … » », « …, avant de poursuivre « … » »: the subject of
        // the whole sentence.
        Finding f{TokenSpan{group.first, group.last}, grammar_.sentence_subject(whole, group.first), via, weight};
        f.shared = true;
        return f;
      }
    } else {
      phrase = grammar_.subject(group, s);
      // « X a fait voter la loi et a déclaré que… »: the sentence's subject.
      if (!phrase) phrase = grammar_.sentence_subject(s, group.first);
      // « X se dit « rassuré » et pense que « … » »: the sentence goes on after
      // an earlier quote; its subject is before that quote.
      const std::size_t whole = sentence_start(s, true);
      if (!phrase && whole < s) {
        Finding f{TokenSpan{group.first, group.last}, grammar_.sentence_subject(whole, group.first), via, weight};
        f.shared = true;
        return f;
      }
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
        if (auto f = colon_subject(s, prev)) return f;
      }
    }
    // « Mais pour X, « … » »: a conjunction may open the sentence before the cue.
    const std::size_t opener = s + lex_.sentence_openers.match(toks_, s);
    for (std::size_t t = s; t < o; ++t) {
      // Where a cue may stand: the sentence's start, after its opener, a comma
      // or a colon; or after a conjunction (« car selon eux, »), but not an
      // ambiguous cue (« Et pour la dernière période, »).
      const bool cue_place = t == s || t == opener || punct(t - 1, ',') || punct(t - 1, ':');
      if (!cue_place && lex_.conjunctions.match(toks_, t - 1) != 1) continue;
      bool ambiguous = false;
      const std::size_t n = grammar_.cue_preposition_at(t, &ambiguous);
      if (n == 0 || (ambiguous && !cue_place)) continue;
      const auto phrase = grammar_.with_apposed_name(grammar_.speaker_at(t + n, o), o);
      // « Pour l'association, l'April : « … » »
      if (phrase && (phrase->last + 1 == o || punct(phrase->last + 1, ',') || punct(phrase->last + 1, ':'))) {
        return Finding{TokenSpan{t, t + n - 1}, phrase, "selon", 0.9};
      }
    }
    // A quote inside the writer's sentence (« Barroso s'est dit « rassuré » »,
    // « X a salué la « détermination » de… »): the sentence's reporting verb.
    const auto group = verb_before(o, s, self);
    if (group && !group->needs_clause) return from_verb(*group, s, q, "before", 0.8);
    // « Les agresseurs auraient remarqué un « signe distinctif » »: perception,
    // not speech; still someone's words, whose source the sentence does not give.
    if (group) return Finding{TokenSpan{group->first, group->last}, std::nullopt, "before", 0.0};
    return std::nullopt;
  }

  // « Paul Durand : « … » », « Le délégué X reste prudent : « … » », « Son
  // président, Maxime Dufour, reste prudent : « … » », « Lors du procès, X
  // s'en était pris au président : « … » »: the subject of the sentence that
  // the colon opens onto the quote, when it is someone.
  std::optional<Finding> colon_subject(std::size_t s, std::size_t colon) const {
    auto phrase = grammar_.speaker_at(s, colon);
    if (phrase && phrase->last + 1 == colon) return Finding{std::nullopt, phrase, "colon", 0.9};
    double weight = 0.8;
    if (!phrase) {
      // The subject after an opening complement (« Lors du procès, X … »).
      phrase = grammar_.sentence_subject(s, colon);
      weight = 0.7;
      if (!phrase || !grammar_.opens_predicate(phrase->last + 1)) return std::nullopt;
    }
    phrase = grammar_.with_apposed_name(phrase, colon);
    if (phrase->kind == PhraseKind::kPronoun || phrase->kind == PhraseKind::kTitle || phrase->authored ||
        (phrase->kind == PhraseKind::kName && names_person(*phrase))) {
      return Finding{std::nullopt, phrase, "colon", weight};
    }
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
    if (s >= q.open || quotes_.quote_of_token[s] >= 0) return std::nullopt;
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

  bool names_person(const SpeakerPhrase& phrase) const { return phrase.name_match && name_person_[*phrase.name_match]; }

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

  const text::Tokens& toks_;
  const Lexicon& lex_;
  const ScanResult& scan_;
  const std::vector<entities::NameMatch>& names_;
  const entities::Records& records_;
  QuoteCover quotes_;
  std::vector<bool> nested_;  // token inside a nested quote
  std::vector<std::int32_t> name_at_;
  std::vector<std::size_t> name_last_;
  std::vector<bool> name_person_;
  bool indexed_;  // the indexes above are filled before the grammar and discourse use them
  Grammar grammar_;
  Discourse discourse_;
};

}  // namespace

std::vector<Attribution> attribute(const text::Tokens& toks, const Lexicon& lex, const ScanResult& scan,
                                   const std::vector<entities::NameMatch>& names, const entities::Records& records,
                                   const std::vector<std::uint32_t>& documents) {
  // Nothing to attribute: the indexes, the roles the discourse learns and
  // the grammar's caches serve quotes only.
  if (scan.quotes.empty()) return {};
  return Attributor(toks, lex, scan, names, records, documents).run();
}

}  // namespace parole::quotes
