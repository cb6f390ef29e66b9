// The linguistic knowledge used to find cues and speakers, loaded from the
// data files in data/lexicon/ (embedded in the library). Everything is keyed
// by folded tokens (see text/fold.hpp), so accents and case never matter
// except where a table says so (honorifics are matched as written).
#ifndef PAROLE_QUOTES_LEXICON_HPP
#define PAROLE_QUOTES_LEXICON_HPP

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quotes/marks.hpp"
#include "quotes/word_map.hpp"
#include "text/tokens.hpp"

namespace parole::quotes {

enum class Gender : std::uint8_t { kUnknown, kMasculine, kFeminine };
enum class Number : std::uint8_t { kUnknown, kSingular, kPlural };

// « m », « f », « s », « p »; anything else is unknown. Inline: read for
// each of the 47,000 given names at start-up, and by the discourse per name.
// One byte compared (operator== called std::string_view::compare here).
inline Gender parse_gender(std::string_view s) {
  if (s.size() != 1) return Gender::kUnknown;
  return s[0] == 'm' ? Gender::kMasculine : s[0] == 'f' ? Gender::kFeminine : Gender::kUnknown;
}
inline Number parse_number(std::string_view s) {
  if (s.size() != 1) return Number::kUnknown;
  return s[0] == 's' ? Number::kSingular : s[0] == 'p' ? Number::kPlural : Number::kUnknown;
}

// A set of phrases (one or more folded tokens each) with a value per phrase,
// matched longest-first at a token position.
template <typename Value>
class PhraseTable {
 public:
  void add(const std::vector<std::string>& tokens, Value value);
  // Length in tokens of the longest phrase starting at `at` (0 if none), and its value.
  // Inline: most tokens start no phrase, and the filter says so without a call.
  std::size_t match(const text::Tokens& toks, std::size_t at, const Value** value = nullptr) const {
    if (at >= toks.size() || !by_first_.may_contain_padded(toks.folded(at))) return 0;
    return match_listed(toks, at, value);
  }
  bool empty() const { return by_first_.size() == 0; }
  // Tokens of the longest phrase.
  std::size_t longest() const { return longest_; }
  // The first words of the phrases whose value passes `keep`.
  template <typename Keep>
  std::vector<std::string_view> first_words(Keep keep) const {
    std::vector<std::string_view> out;
    for (const auto& [word, entries] : by_first_.entries()) {
      if (std::any_of(entries.begin(), entries.end(), [&](const Entry& e) { return keep(e.value); })) {
        out.emplace_back(word);
      }
    }
    return out;
  }

 private:
  std::size_t match_listed(const text::Tokens& toks, std::size_t at, const Value** value) const;

  struct Entry {
    std::vector<std::string> tokens;
    Value value;
  };
  WordMap<std::vector<Entry>> by_first_;
  std::size_t longest_ = 0;
};

enum VerbFormKind : std::uint8_t {
  kFinite = 1U << 0U,
  kPastParticiple = 1U << 1U,
  kPresentParticiple = 1U << 2U,
  kInfinitive = 1U << 3U,  // « avant de poursuivre », « et d'ajouter »
};
enum class Voice : std::uint8_t { kPlain, kReflexive, kBoth };

struct VerbForm {
  std::string lower;    // the form as written, lower case, accents kept
  std::uint32_t lemma;  // index into Lexicon::lemmas
  std::uint8_t kinds;   // VerbFormKind bits: « dit » is finite and a participle
  Voice voice;
  Number number;
  std::uint32_t tail = 0;     // 1 + index into Lexicon::verb_tails (« état » of « faire état »), 0: none
  bool needs_clause = false;  // reports words only with que, a colon or an incise (« remarquer »)
};

struct PronounInfo {
  Gender gender;
  Number number;
  bool subject;
  bool object;
};

struct TitleInfo {
  Gender gender;
  bool organisation = false;  // an organisation noun (le syndicat), not a person's title
  // The proper noun after it names the organisation's head, not the
  // organisation: « le gouvernement Mariano Rajoy ».
  bool named_by_head = false;
};

struct DeterminerInfo {
  Gender gender;
  Number number;
  bool definite;
};

struct HonorificInfo {
  Gender gender;
  Number number;
};

// Where the nouns two stages look for may start in a text, in token order:
// few tokens are such first words, and one lookup per token finds them for
// both stages (each scanned the whole text on its own).
struct NounStarts {
  std::vector<std::uint32_t> organisation;  // « syndicat », « l'association »: an organisation may be named after it
  std::vector<std::uint32_t> document;      // « communiqué », « compte rendu »: its author may speak
};

struct QuotePair {
  char32_t open;
  char32_t close;
  std::string style;
  std::u32string reopen;  // marks that continue the quote in the next paragraph
  enum class When : std::uint8_t { kAlways, kNormal, kReversed } when = When::kAlways;
};

class Lexicon {
 public:
  // The lexicon embedded in the library.
  static const Lexicon& builtin();

  std::vector<std::string> lemmas;
  // The reporting-verb form at token i that has one of the `kinds` bits, or
  // null. Accents decide when the text has them (« déclare » is finite,
  // « déclaré » a participle); unaccented text accepts either.
  // Inline, like the filters of the questions below: most tokens are in no
  // table, and the filter says so without a call.
  const VerbForm* verb_at(const text::Tokens& toks, std::size_t i, std::uint8_t kinds) const {
    if (i >= toks.size() || !toks[i].is_word() || !verb_forms.may_contain_padded(toks.folded(i))) return nullptr;
    return listed_verb_at(toks, i, kinds);
  }
  // The forms spelt like token i once folded (one filter and one probe), or
  // null: for a caller that asks about one token for several kinds (« à »
  // before a participle that is not finite, a participle or an infinitive
  // after a quote), which looks the token up once and picks each answer
  // with pick_verb_form(): pick_verb_form(verb_forms_at(toks, i), toks, i,
  // kinds) is verb_at(toks, i, kinds).
  const std::vector<VerbForm>* verb_forms_at(const text::Tokens& toks, std::size_t i) const {
    if (i >= toks.size() || !toks[i].is_word() || !verb_forms.may_contain_padded(toks.folded(i))) return nullptr;
    return verb_forms.probe_padded(toks.folded(i));
  }
  const VerbForm* pick_verb_form(const std::vector<VerbForm>* forms, const text::Tokens& toks, std::size_t i,
                                 std::uint8_t kinds) const {
    return forms == nullptr ? nullptr : pick_verb(*forms, toks, i, kinds);
  }
  // Tokens the form's fixed complement takes after it (0 for a plain verb).
  std::size_t tail_length(const VerbForm& form) const { return form.tail == 0 ? 0 : verb_tails[form.tail - 1].size(); }
  std::vector<std::vector<std::string>> verb_tails;  // folded tokens
  // The number of an avoir/être form at token i (« a », not « à »), if any.
  std::optional<Number> auxiliary_at(const text::Tokens& toks, std::size_t i) const {
    if (i >= toks.size() || !toks[i].is_word() || !auxiliaries.may_contain_padded(toks.folded(i))) return std::nullopt;
    return listed_auxiliary_at(toks, i);
  }
  bool is_verb_or_auxiliary(const text::Tokens& toks, std::size_t i) const {
    return verb_at(toks, i, kFinite | kPastParticiple | kPresentParticiple) != nullptr || auxiliary_at(toks, i);
  }
  // Tokens taken by an honorific at i (« M. » is two, « Mme » one), 0 if none.
  // Inline: the word's first byte and length reject most words, the honorific
  // being the word (n bytes) or the word and a dot (n + 1 bytes).
  std::size_t honorific_at(const text::Tokens& toks, std::size_t i, HonorificInfo* info) const {
    if (i >= toks.size() || !toks[i].is_word()) return 0;
    const std::string_view word = toks.original(i);
    if (word.empty() || (honorifics.lengths_starting(word[0]) >> std::min<std::size_t>(word.size(), 30) & 3U) == 0) {
      return 0;
    }
    return listed_honorific_at(toks, i, info);
  }

  // The pronoun at token i, if any; whether token i is a form of être.
  const PronounInfo* pronoun_at(const text::Tokens& toks, std::size_t i) const {
    return i < toks.size() && pronouns.may_contain_padded(toks.folded(i)) ? pronouns.probe_padded(toks.folded(i))
                                                                          : nullptr;
  }
  bool is_etre_at(const text::Tokens& toks, std::size_t i) const {
    const bool* etre = i < toks.size() ? auxiliary_is_etre.find(toks.folded(i)) : nullptr;
    return etre != nullptr && *etre;
  }

  WordMap<std::vector<VerbForm>> verb_forms;            // folded single token
  WordMap<std::pair<std::string, Number>> auxiliaries;  // folded -> (as written, number)
  WordMap<bool> auxiliary_is_etre;                      // folded -> a form of être
  WordMap<PronounInfo> pronouns;                        // folded single token
  PhraseTable<bool> adverbs;
  PhraseTable<TitleInfo> titles;
  PhraseTable<DeterminerInfo> determiners;
  // First words of the titles that are organisation nouns (where an
  // organisation may be named: « le syndicat X ») and of the document nouns:
  // NounStarts bits.
  enum NounStart : std::uint8_t { kOrganisationNoun = 1U << 0U, kDocumentNoun = 1U << 1U };
  WordMap<std::uint8_t> noun_starts;
  NounStarts noun_starts_in(const text::Tokens& toks) const;
  PhraseTable<bool> cue_prepositions;         // -> ambiguous (« pour »: also an ordinary preposition)
  PhraseTable<bool> phrase_stops;             // words that end a speaker phrase
  PhraseTable<bool> contracted_articles;      // « du », « au »: an article merged with its preposition
  PhraseTable<bool> complement_prepositions;  // a name after them is a complement (« avec le ministre X »)
  PhraseTable<bool> place_prepositions;       // a name after them is a place (« à Paris »)
  PhraseTable<bool> non_place_locutions;      // ...unless they end one of these (« face à »)
  PhraseTable<bool> of_forms;                 // « de », « d' », « du », « des »
  PhraseTable<bool> object_clitics;           // « l' », « lui », « en »...
  PhraseTable<bool> preverbal_particles;      // « se », « ne »: only before a verb
  PhraseTable<bool> not_speakers;             // nouns that never head a speaker phrase
  // Honorifics are matched on the original spelling: « Me » is an honorific,
  // « me » a pronoun. Key: the original text of the tokens without spaces.
  WordMap<HonorificInfo> honorifics;
  // title phrase (folded, space-joined) -> role words it may stand for (folded phrases)
  WordMap<std::vector<std::vector<std::string>>> role_equivalents;
  std::vector<QuotePair> quote_pairs;
  // Byte prefilter for the marks the scanner reacts to (scanner.hpp: scanned_code_points).
  MarkFinder quote_marks;
  // Given names as written (« Gérald », « Sergueï ») -> usual gender.
  WordMap<Gender, std::string_view> first_names;  // keys viewed in the embedded data
  PhraseTable<bool> name_particles;               // de, du, van, ben... inside surnames
  WordMap<bool> interview_markers;                // as written -> is an answer marker
  PhraseTable<bool> term_cues;                    // intitulé, le thème, la sculpture... before a quoted name
  PhraseTable<bool> sentence_openers;             // capitalised words that open sentences, not names
  PhraseTable<bool> document_nouns;               // communiqué, rapport… whose author speaks
  PhraseTable<bool> conjunctions;  // mais, et, car…: a cue may follow one (« car selon eux, « … » »)

 private:
  Lexicon();
  const VerbForm* listed_verb_at(const text::Tokens& toks, std::size_t i, std::uint8_t kinds) const;
  std::optional<Number> listed_auxiliary_at(const text::Tokens& toks, std::size_t i) const;
  std::size_t listed_honorific_at(const text::Tokens& toks, std::size_t i, HonorificInfo* info) const;
  const HonorificInfo* dotted_honorific(const text::Tokens& toks, std::size_t i) const;
  const VerbForm* pick_verb(const std::vector<VerbForm>& forms, const text::Tokens& toks, std::size_t i,
                            std::uint8_t kinds) const;
};

}  // namespace parole::quotes

#endif
