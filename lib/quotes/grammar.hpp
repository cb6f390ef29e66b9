// Small grammar of attribution: reporting-verb groups (a déclaré, a-t-il
// ajouté, poursuit-elle, s'est exclamé, a notamment souligné), non-verbal cues
// (selon, d'après) and the noun phrases that name a speaker (M. Lavrov, le
// plus haut diplomate russe, il, un manifestant, Hassan). It reads tokens and
// the lexicon only; which phrase is the speaker of which quote is decided in
// attribution.cpp.
#ifndef PAROLE_QUOTES_GRAMMAR_HPP
#define PAROLE_QUOTES_GRAMMAR_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "quotes/lexicon.hpp"
#include "text/tokens.hpp"

namespace parole::quotes {

struct VerbGroup {
  std::size_t first;  // tokens [first, last]
  std::size_t last;
  std::optional<std::size_t> pronoun;  // inverted subject (a-t-il): its token
  Number number = Number::kUnknown;
  bool needs_clause = false;  // a verb of perception: speech only with que, a colon or an incise
};

enum class PhraseKind : std::uint8_t { kName, kPronoun, kTitle, kDescription, kUnknownName };

struct SpeakerPhrase {
  PhraseKind kind;
  std::size_t first;  // tokens [first, last] of the whole phrase (honorific included)
  std::size_t last;
  std::optional<std::size_t> name_match;  // index into the name matches, for kName
  std::size_t head = 0;                   // title head token, for kTitle
  Gender gender = Gender::kUnknown;
  Number number = Number::kUnknown;
  bool organisation = false;   // a title that is an organisation noun (« le syndicat »)
  bool authored = false;       // the author of a document (« le rapport de la Ligue arabe »)
  bool staff = false;          // an organisation through unnamed staff (« des analystes de la banque X »)
  std::size_t name_first = 0;  // for a description headed by a proper noun (« la NASA »,
                               // « l'Association des leaders… »): where the name starts
};

// A phrase that names its speaker (not « un porte-parole de l'OTAN », which
// names only the organisation).
inline bool is_named(const SpeakerPhrase& p) {
  return (p.kind == PhraseKind::kName && !p.staff) || p.kind == PhraseKind::kUnknownName;
}

class Grammar {
 public:
  // name_at[i]: index of the name match starting at token i, or -1.
  // name_last[k]: last token of name match k.
  // name_person[k]: name match k is a person (only people stand in apposition
  // after a title: « le ministre Marco Rossi », not « le ministre de France »;
  // organisations after an organisation noun: « le syndicat CGT »).
  Grammar(const text::Tokens& toks, const Lexicon& lex, const std::vector<std::int32_t>& name_at,
          const std::vector<std::size_t>& name_last, const std::vector<bool>& name_person);

  // A reporting-verb group starting exactly at token i.
  std::optional<VerbGroup> verb_group_at(std::size_t i) const;
  // The reporting-verb groups ending at tokens asked about from right to left
  // (for « X a déclaré : »), starting at `floor` or after: the longest group
  // ending exactly at e, of those starting at most kLongestGroup tokens
  // before it. Each possible start is looked at once, not once for every
  // token the group may end at (the attribution asks about every token
  // before a quote in its sentence).
  class GroupsEndingAt {
   public:
    GroupsEndingAt(const Grammar& grammar, std::size_t floor) : grammar_(grammar), floor_(floor) {}
    std::optional<VerbGroup> at(std::size_t e);  // e below the one asked before

   private:
    static constexpr std::size_t kSlots = 32;  // more than the 2 * kLongestGroup + 1 ends in view
    struct Slot {
      std::size_t end = static_cast<std::size_t>(-1);
      std::size_t first = 0;  // the earliest start seen of a group ending at `end`
    };
    const Grammar& grammar_;
    std::size_t floor_;
    std::size_t seen_ = static_cast<std::size_t>(-1);  // starts from here on are in slots_
    Slot slots_[kSlots];
  };
  static constexpr std::size_t kLongestGroup = 8;  // tokens from a group's first to its last, minus one
  // Length of a non-verbal cue (selon, d'après...) at token i, 0 if none.
  // Tokens of the cue at i (0 when none); `ambiguous`: whether it is also an
  // ordinary preposition (« pour »).
  std::size_t cue_preposition_at(std::size_t i, bool* ambiguous = nullptr) const {
    const bool* value = nullptr;
    const std::size_t n = lex_.cue_prepositions.match(toks_, i, &value);
    if (ambiguous != nullptr) *ambiguous = n > 0 && *value;
    return n;
  }
  // A noun phrase naming a speaker, starting at token i, not past `limit`.
  std::optional<SpeakerPhrase> speaker_at(std::size_t i, std::size_t limit) const;

  // Punctuation that ends a phrase. Inline: words, most tokens, are not.
  bool is_stop(std::size_t i) const {
    if (i >= toks_.size()) return true;
    return toks_[i].has(text::kPunct) && punct_stops(i);
  }
  // . ! ? … but not « M. ». Inline: most tokens are words, and the test
  // that says so is cheaper than the call (asked for nearly every token);
  // only a full stop needs more than its code point.
  bool is_sentence_end(std::size_t i) const {
    if (i >= toks_.size() || !toks_[i].has(text::kPunct)) return false;
    const char32_t c = toks_[i].first;
    if (c == '.') {
      const std::uint8_t known = dot_ends_[i];
      return known != kDotUnknown ? known == kDotEnds : dot_ends_sentence(i);
    }
    return c == '!' || c == '?' || c == 0x2026;
  }
  std::size_t skip_adverbs(std::size_t i, std::size_t limit) const;
  std::size_t skip_gerund(std::size_t i, std::size_t limit) const;  // « en souriant »
  std::size_t honorific_length(std::size_t i, HonorificInfo* info) const;

  // Subjects (the subject of a verb group, the first phrase of a sentence…).
  SpeakerPhrase pronoun_phrase(std::size_t at) const;  // token `at` is a pronoun
  // « a expliqué à l'AFP X »: the token after the addressee that follows a verb.
  std::size_t skip_addressee(std::size_t i, std::size_t limit) const;
  // « le maire sortant, Gilbert Rances »: the name apposed to a title or description.
  std::optional<SpeakerPhrase> with_apposed_name(std::optional<SpeakerPhrase> phrase, std::size_t limit) const;
  // The phrase that fills [first, end] exactly.
  std::optional<SpeakerPhrase> segment_phrase(std::size_t first, std::size_t end) const;
  bool is_object_clitic(std::size_t i) const;
  bool opens_predicate(std::size_t i) const;  // a verb (or its clitics) may start at i
  bool is_opening_mark(std::size_t i) const;  // « “ ‹ (not the straight " that opens and closes)
  // The subject of a verb group, within [s, group.first).
  std::optional<SpeakerPhrase> subject(const VerbGroup& group, std::size_t s) const;
  // The first phrase naming someone at the start of a comma-separated piece of [s, end).
  std::optional<SpeakerPhrase> sentence_subject(std::size_t s, std::size_t end) const;

 private:
  std::optional<VerbGroup> find_verb_group(std::size_t i) const;
  // The cached group starting at i, or null; valid until the next group is
  // cached. Inline: asked for every token before a quote.
  const VerbGroup* group_starting_at(std::size_t i) const {
    if (i >= toks_.size()) return nullptr;
    std::int32_t& slot = remembered_[i].group;
    if (slot == kNotComputed) {
      if (may_start_group(i)) return cache_group_at(i);
      slot = kNoGroup;
    }
    return slot == kNoGroup ? nullptr : &groups_[static_cast<std::size_t>(slot)];
  }
  // False when token i is none of the words a group starts with (« se »,
  // « s' », an auxiliary, « a », a verb form): what find_verb_group() asks
  // first, inline, without the call.
  bool may_start_group(std::size_t i) const {
    if (!toks_[i].is_word()) return false;
    const std::string_view word = toks_.folded(i);
    return lex_.auxiliaries.may_contain_padded(word) || lex_.verb_forms.may_contain_padded(word) || word == "se" ||
           word == "s" || word == "a";
  }
  const VerbGroup* cache_group_at(std::size_t i) const;
  bool punct_stops(std::size_t i) const;        // is_stop() of a punctuation token
  bool dot_ends_sentence(std::size_t i) const;  // token i is a full stop
  std::optional<SpeakerPhrase> find_speaker(std::size_t i, std::size_t limit) const;
  std::optional<std::size_t> inverted_pronoun(std::size_t i, std::size_t* end) const;
  std::optional<SpeakerPhrase> noun_phrase(std::size_t i, std::size_t limit) const;
  std::optional<SpeakerPhrase> capitalised_name(std::size_t i, std::size_t limit) const;
  std::optional<SpeakerPhrase> document_author(std::size_t i, std::size_t limit) const;
  bool staff_of(std::size_t head, std::size_t name) const;

  const text::Tokens& toks_;
  const Lexicon& lex_;
  const std::vector<std::int32_t>& name_at_;
  const std::vector<std::size_t>& name_last_;
  const std::vector<bool>& name_person_;
  // verb_group_at per token, computed on first use: the attribution asks
  // about the same tokens again for every quote of a sentence and for each
  // possible end of a group (GroupsEndingAt).
  static constexpr std::int32_t kNotComputed = -2;
  static constexpr std::int32_t kNoGroup = -1;
  // speaker_at(i, end of text) the same way: the discourse parses the phrase
  // at each determiner near a name, at each sentence start, and again later.
  // Both in one array (one allocation per document).
  struct Remembered {
    std::int32_t group = kNotComputed;    // index into groups_, or one of the two above
    std::int32_t speaker = kNotComputed;  // index into speakers_, or kNotComputed / kNoGroup (none)
  };
  mutable std::vector<Remembered> remembered_;
  mutable std::vector<VerbGroup> groups_;
  mutable std::vector<SpeakerPhrase> speakers_;
  static constexpr std::size_t kFirstCapacity = 32;
  // dot_ends_sentence() per full stop, computed on first use: the stages ask
  // about the same sentence ends again and again.
  static constexpr std::uint8_t kDotUnknown = 0;
  static constexpr std::uint8_t kDotEnds = 1;
  static constexpr std::uint8_t kDotAbbreviation = 2;
  mutable std::vector<std::uint8_t> dot_ends_;
};

}  // namespace parole::quotes

#endif
