// What the reader knows about people at each point of the text: who was
// mentioned (outside quotes), who spoke, and which titles the text gave them
// (appositions such as « le ministre russe des Affaires étrangères Sergueï
// Lavrov » or « Dmitri Peskov, porte-parole du Kremlin », and gazetteer roles).
// Pronouns and titles that stand for a person are resolved against it.
#ifndef PAROLE_QUOTES_DISCOURSE_HPP
#define PAROLE_QUOTES_DISCOURSE_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
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
  std::string name;     // canonical name, or the words of the text
  Gender gender;
  bool subject = false;  // put on stage as a sentence's subject (or as a speaker): more salient
};

struct Resolution {
  Referent referent;
  bool compatible_role;  // for titles: a known role of the person matches the title
  bool unique;           // for pronouns: no other candidate of the same gender
};

class Discourse {
 public:
  Discourse(const text::Tokens& toks, const Lexicon& lex, const Grammar& grammar,
            const std::vector<entities::NameMatch>& names, const entities::Records& records,
            const std::vector<std::int32_t>& quote_of_token);

  // Adds the name mentions outside quotes that start before token `pos`.
  void advance_to(std::size_t pos);
  // A speaker the attribution found: it becomes salient from `pos` on.
  void add_speaker(const Referent& referent);

  std::optional<Resolution> resolve_pronoun(const SpeakerPhrase& pronoun) const;
  // The person put on stage last in [from, pos), if any.
  std::optional<Referent> latest_person(std::size_t pos, std::size_t from) const;
  std::optional<Resolution> resolve_title(const SpeakerPhrase& title) const;

  Gender gender_of(std::int64_t entity) const;
  bool is_person(std::int64_t entity) const;

 private:
  void learn_roles();
  bool opens_sentence(std::size_t i) const;
  bool in_complement(std::size_t i) const;
  void add_name(const entities::NameMatch& m);
  void add_narrative_pronoun(std::size_t i);
  bool opens_sentence_here(std::size_t i) const;
  void add_described_person(std::size_t i);
  void learn_role(std::size_t pos, std::uint32_t entity, std::size_t first, std::size_t last);
  std::vector<std::string> content_words(std::size_t first, std::size_t last) const;

  const text::Tokens& toks_;
  const Lexicon& lex_;
  const Grammar& grammar_;
  const std::vector<entities::NameMatch>& names_;
  const entities::Records& records_;
  const std::vector<std::int32_t>& quote_of_token_;
  std::size_t next_name_ = 0;
  std::size_t next_token_ = 0;
  std::vector<Referent> referents_;      // people, in text order
  std::vector<Referent> organisations_;  // organisations named outside quotes, in text order
  struct LearnedRole {
    std::size_t pos;
    std::vector<std::string> words;
  };
  std::unordered_map<std::int64_t, std::vector<LearnedRole>> roles_;  // appositions per entity, in text order
  std::unordered_map<std::int64_t, Gender> text_gender_;              // learnt from honorifics
};

bool compatible(Gender a, Gender b);

}  // namespace parole::quotes

#endif
