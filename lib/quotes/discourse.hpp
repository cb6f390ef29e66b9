// What the reader knows about people at each point of the text: who was
// mentioned (outside quotes), who spoke, and which titles the text gave them
// (appositions such as « le ministre russe des Affaires étrangères Sergueï
// Lavrov » or « Dmitri Peskov, porte-parole du Kremlin », and gazetteer roles).
// Pronouns and titles that stand for a person are resolved against it.
// Lazily: the text is read only when a question needs it, and the roles of
// a name only when a title is compared with its entity.
#ifndef PAROLE_QUOTES_DISCOURSE_HPP
#define PAROLE_QUOTES_DISCOURSE_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "entities/matcher.hpp"
#include "entities/records.hpp"
#include "parole/parole.hpp"
#include "quotes/grammar.hpp"

namespace parole::quotes {

// A person the text has put on stage, at a token position.
struct Referent {
  std::size_t pos;
  std::int64_t entity;  // index into the records, or -1 for a name no gazetteer knows
  // The record's canonical name, or the words of the text: a view of the
  // records or of the input, which outlive the attribution (no copy).
  std::string_view name;
  Gender gender;
  bool subject = false;  // put on stage as a sentence's subject (or as a speaker): more salient
  Number number = Number::kSingular;
  bool group = false;  // an organisation or a group (« le gouvernement », « les dockers »), not a person
};

struct Resolution {
  Referent referent;
  bool compatible_role;  // for titles: a known role of the person matches the title
  bool unique;           // for pronouns: no other candidate of the same gender
};

// Who a speaker phrase stands for, as the attribution reports it.
struct Speaker {
  std::int64_t entity = -1;
  std::string_view name;  // as Referent::name
  std::string_view mention_kind;
  Gender gender = Gender::kUnknown;
  bool person = false;
  bool group = false;  // an organisation or a group of people: a later « il » or « ils » may be them
  Number number = Number::kSingular;
  double confidence = 0.0;
};

// The tokens that top-level quotes cover, marks included.
struct QuoteCover {
  std::vector<std::int32_t> quote_of_token;  // the quote covering each token, or -1
  std::vector<std::size_t> last;             // by quote: the last token it covers (top-level quotes only)
};

class Discourse {
 public:
  Discourse(const text::Tokens& toks, const Lexicon& lex, const Grammar& grammar,
            const std::vector<entities::NameMatch>& names, const entities::Records& records, const QuoteCover& quotes,
            const std::vector<std::uint32_t>& document_starts);

  // Adds the name mentions outside quotes that start before token `pos`.
  // Deferred, like add_speaker: what was added is taken in, in the order it
  // came, when a question needs it (catch_up); the last quotes of most
  // documents ask none (their speakers are named), and the text up to them
  // is not read.
  void advance_to(std::size_t pos) { pending_.push_back(Pending{pos, std::nullopt}); }
  // A speaker the attribution found: it becomes salient from `pos` on.
  void add_speaker(const Referent& referent) { pending_.push_back(Pending{0, referent}); }

  // The person put on stage last in [from, pos), if any.
  std::optional<Referent> latest_person(std::size_t pos, std::size_t from);
  // The speaker a phrase stands for (null: a pronoun with no antecedent).
  std::optional<Speaker> speaker_of(const SpeakerPhrase& phrase);
  static Speaker from_referent(const Referent& r, const char* kind, double confidence) {
    return Speaker{r.entity, r.name, kind, r.gender, !r.group, r.group, r.number, confidence};
  }

 private:
  Gender gender_of(std::int64_t entity) const;  // the record's, or the one the text taught (caught up)
  bool is_person(std::int64_t entity) const;
  // Antecedents are searched among the most recent people put on stage only:
  // readers do not reach further back, and it keeps long documents linear.
  static constexpr std::size_t kMaxCandidates = 64;
  // The questions, about the discourse as caught up (titles: roles.cpp).
  std::optional<Resolution> resolve_pronoun(const SpeakerPhrase& pronoun) const;
  std::optional<Resolution> resolve_title(const SpeakerPhrase& title) const;
  // « le documentaire » after « le documentaire d'Al Jazeera »: the author the
  // text gave a document of that name, if the phrase is such a document alone.
  std::optional<Referent> resolve_document(const SpeakerPhrase& phrase) const;
  void catch_up();
  void walk_to(std::size_t pos);                // advance_to, taken in
  void put_on_stage(const Referent& referent);  // add_speaker, taken in
  struct Pending {
    std::size_t walk_to;  // when no speaker
    std::optional<Referent> speaker;
  };
  std::vector<Pending> pending_;             // in the order they came
  void learn_roles_of(std::size_t k) const;  // the roles name match k teaches
  void learn_role_before(std::size_t k, bool person) const;
  std::size_t last_title_before(std::size_t a) const;
  bool opens_sentence(std::size_t i) const;
  bool in_complement(std::size_t i) const;
  std::string folded_words(std::size_t first, std::size_t count) const;
  std::string_view phrase_text(std::size_t first, std::size_t last) const {
    return toks_.input().substr(toks_[first].start, toks_[last].end - toks_[first].start);
  }
  bool ends_apposition(std::size_t last, std::size_t comma) const;
  void add_name(const entities::NameMatch& m);
  void add_narrative_pronoun(std::size_t i, const PronounInfo& pron);
  // Both for a sentence opening with determiner `det` at token i.
  void add_described_person(std::size_t i, const DeterminerInfo& det);
  void add_group_subject(std::size_t i, const DeterminerInfo& det);
  void add_document(std::size_t i);
  void learn_role(std::size_t pos, std::uint32_t entity, std::size_t first, std::size_t last) const;
  std::vector<std::string> content_words(std::size_t first, std::size_t last) const;

  const text::Tokens& toks_;
  const Lexicon& lex_;
  const Grammar& grammar_;
  const std::vector<entities::NameMatch>& names_;
  const entities::Records& records_;
  const QuoteCover& quotes_;
  const std::vector<std::uint32_t>& document_starts_;  // where document nouns may start
  static constexpr std::size_t kNoName = static_cast<std::size_t>(-1);
  std::size_t next_name_ = 0;
  std::size_t next_name_first_;  // names_[next_name_].first, or kNoName past the last name
  std::size_t next_token_ = 0;
  std::size_t next_document_noun_ = 0;   // the first token after the last one asked about that may start one
  std::vector<Referent> referents_;      // people, in text order
  std::vector<Referent> organisations_;  // organisations named outside quotes, in text order
  // The words of the roles the entity's names (appositions) teach before
  // token pos, and maybe more: each word once, with the first token where a
  // role teaches it (a title asks only whether a word was taught before it).
  // An entity named again and again in a long text learns the same roles again
  // and again: the roles kept in full were all read at every title.
  using RoleWords = std::unordered_map<std::string, std::size_t>;
  const RoleWords& roles_before(std::int64_t entity, std::size_t pos) const;
  struct EntityRoles {
    RoleWords words;
    std::size_t read = 0;         // the entity's names read, in names_by_entity_
    std::size_t first = kNoName;  // its names there: [first, last), once located
    std::size_t last = 0;
    void learn(std::size_t pos, std::vector<std::string> taught) {
      for (std::string& w : taught) {
        const auto [it, added] = words.try_emplace(std::move(w), pos);
        if (!added && pos < it->second) it->second = pos;
      }
    }
  };
  // An organisation's name folded (text::folded_tokens), once per name: the
  // titles of a long text compare their words with the same organisations
  // again and again. A map's nodes stay in place: views into them stay valid.
  mutable std::unordered_map<std::string_view, std::vector<std::string>> folded_names_;
  const std::vector<std::string>& folded_name(std::string_view name) const {
    const auto [it, added] = folded_names_.try_emplace(name);
    if (added) it->second = text::folded_tokens(name);
    return it->second;
  }
  mutable std::unordered_map<std::int64_t, EntityRoles> roles_;  // learnt on demand (roles_before)
  // entity << 32 | name match, sorted: by entity, then in text order (a
  // document's names are under 2^32, as its tokens are)
  mutable std::vector<std::uint64_t> names_by_entity_;
  std::size_t name_of(std::size_t k) const { return static_cast<std::size_t>(names_by_entity_[k] & 0xFFFFFFFFU); }
  mutable bool names_indexed_ = false;
  mutable bool names_in_order_ = true;  // names_ by first token (as the extractor sorts them), known once indexed
  std::unordered_map<std::int64_t, Gender> text_gender_;  // learnt from honorifics; the first one stays
  void learn_gender(std::int64_t entity, Gender gender) {
    if (text_gender_.emplace(entity, gender).second) ++genders_learnt_;
  }
  // gender_of() asks the same few entities again for every pronoun (each of
  // the last candidates): its answers are kept until a gender is learnt.
  struct KnownGender {
    std::int64_t entity = -1;
    std::uint32_t learnt = 0;  // genders_learnt_ when kept
    Gender gender = Gender::kUnknown;
  };
  static constexpr std::size_t kKnownGenders = 64;  // a power of two
  mutable std::array<KnownGender, kKnownGenders> known_genders_{};
  std::uint32_t genders_learnt_ = 0;
  struct Document {
    std::string noun;  // folded, space-joined (« documentaire », « compte rendu »)
    Referent author;
  };
  std::vector<Document> documents_;  // documents whose author the text named, in text order
};

bool compatible(Gender a, Gender b);

}  // namespace parole::quotes

#endif
