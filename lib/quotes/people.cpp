#include "quotes/people.hpp"

#include "entities/short_names.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace parole::quotes {
namespace {

constexpr std::size_t kMaxSurnameTokens = 5;
constexpr std::size_t kFirstFound = 8;  // room for the mentions found, made at the first

class PeopleFinder {
 public:
  PeopleFinder(const text::Tokens& toks, const Lexicon& lex, entities::Records& records,
               std::vector<entities::NameMatch>& matches)
      : toks_(toks), lex_(lex), records_(records), matches_(matches), covered_(toks.size(), 0) {
    drop_bare_given_names();
    for (const entities::NameMatch& m : matches) {
      std::fill(covered_.begin() + m.first, covered_.begin() + m.last + 1, 1);
      if (std::string_view(records_[m.candidates.front()].type) != "PERSON") continue;
      for (const entities::Surname& s : entities::surnames(toks_, m)) {
        std::string key;
        for (std::size_t k = s.first; k <= s.last; ++k) key.append(toks_.folded(k)).push_back(' ');
        known_surnames_.emplace(std::move(key), m.last);
      }
    }
  }

  // `capitals`: the capitalised words of the text, in order.
  void run(const std::vector<std::uint32_t>& capitals) {
    std::vector<entities::NameMatch> found;
    // A person starts at a capitalised word (the name, or « M. », « Mme »):
    // the other tokens are passed over here, without try_person's set-up.
    std::size_t from = 0;  // the tokens before are taken or passed over
    for (const std::size_t i : capitals) {
      if (i < from || covered_[i] || !name_may_start(i)) continue;
      const std::size_t next = try_person(i, found);
      from = next > i ? next : i + 1;
    }
    entities::add_in_text_order(matches_, std::move(found));
  }

 private:
  // A one-word gazetteer name followed by a capitalised word is part of a
  // longer name no gazetteer knows: a person known by a given name alone (a
  // king « Philippe ») is not « Philippe Varin », the place « Serena » not
  // « Serena Williams », the « Maghreb » not « Maghreb Online ».
  // The matches kept are moved down in place: surname_of_given_name() reads
  // the previous match's end, which a move leaves as it was.
  void drop_bare_given_names() {
    std::size_t kept = 0;
    for (std::size_t k = 0; k < matches_.size(); ++k) {
      const entities::NameMatch& m = matches_[k];
      const std::size_t next = m.last + 1;
      const std::string_view type = records_[m.candidates.front()].type;
      const bool bare = m.first == m.last &&
                        (type == "LOC" || (type == "PERSON" && lex_.first_names.contains(toks_.original(m.first)))) &&
                        next < toks_.size() && toks_[next].is_word() && toks_[next].has(text::kCapitalised) &&
                        toks_.space_before(next) && joined(next);
      const bool next_free = k + 1 == matches_.size() || matches_[k + 1].first != next;  // matches are in text order
      if (!(bare && next_free) && !surname_of_given_name(m, k)) {
        if (kept != k) matches_[kept] = std::move(matches_[k]);
        ++kept;
      }
    }
    matches_.erase(matches_.begin() + static_cast<std::ptrdiff_t>(kept), matches_.end());
  }

  // « Miguel Neiva », « Jack London »: a one-word place right after a given
  // name that no match covers is that person's surname.
  bool surname_of_given_name(const entities::NameMatch& m, std::size_t k) const {
    if (m.first != m.last || m.first == 0 || std::string_view(records_[m.candidates.front()].type) != "LOC") {
      return false;
    }
    const std::size_t given = m.first - 1;
    const bool given_free = k == 0 || matches_[k - 1].last < given;
    return given_free && toks_[given].is_word() && toks_[given].has(text::kCapitalised) && joined(m.first) &&
           toks_.space_before(m.first) && lex_.first_names.contains(toks_.original(given)) &&
           lex_.determiners.match(toks_, given) == 0;
  }

  bool free_capital(std::size_t i) const {
    return i < toks_.size() && !covered_[i] && toks_[i].is_word() && toks_[i].has(text::kCapitalised) &&
           !toks_[i].has(text::kHasDigit);
  }

  bool joined(std::size_t i) const { return !toks_[i].has(text::kParagraphBefore) && !toks_[i].has(text::kLineBefore); }

  bool is_hyphen(std::size_t i) const {
    return i < toks_.size() && toks_[i].has(text::kPunct) && (toks_[i].first == '-' || toks_[i].first == 0x2011);
  }

  // Last token of a surname starting at i, or i - 1 when there is none.
  std::size_t surname_end(std::size_t i) const {
    std::size_t last = i - 1;
    std::size_t q = i;
    while (q < toks_.size() && q < i + kMaxSurnameTokens && joined(q)) {
      if (free_capital(q)) {
        last = q++;
        if (is_hyphen(q) && !toks_.space_before(q) && free_capital(q + 1)) last = ++q, ++q;
        continue;
      }
      const std::size_t particle = lex_.name_particles.match(toks_, q);
      if (particle > 0 && !toks_[q].has(text::kCapitalised) && free_capital(q + particle)) {
        q += particle;
        continue;
      }
      // « Rami Abd al-Rahman »: a particle hyphenated to the name.
      if (particle > 0 && !toks_[q].has(text::kCapitalised) && is_hyphen(q + particle) &&
          free_capital(q + particle + 1)) {
        q += particle + 1;
        continue;
      }
      break;
    }
    return last;
  }

  // Not a word that opens sentences (« 40 °C. Une… », « R. Maintenant… »).
  bool plausible_surname(std::size_t i) const {
    return free_capital(i) && lex_.determiners.match(toks_, i) == 0 && lex_.pronoun_at(toks_, i) == nullptr &&
           lex_.phrase_stops.match(toks_, i) == 0 && lex_.adverbs.match(toks_, i) == 0 &&
           lex_.cue_prepositions.match(toks_, i) == 0 && !lex_.is_verb_or_auxiliary(toks_, i);
  }

  // Whether a surname, or the second half of a compound given name, can
  // follow a given name at token i (what try_person then asks): most
  // capitalised words open a sentence and a lower-case word follows them,
  // and they are not looked up in the large table of given names.
  bool name_may_follow(std::size_t i) const {
    const std::size_t next = i + 1;
    if (is_hyphen(next) && !toks_.space_before(next)) return true;  // « Jean-Marie »
    if (next >= toks_.size() || !toks_.space_before(next) || !joined(next)) return false;
    return free_capital(next) || (!toks_[next].has(text::kCapitalised) && lex_.name_particles.match(toks_, next) > 0);
  }

  // Whether what follows the capitalised word at i lets a person start
  // there (try_person then asks): most capitalised words open a sentence,
  // and a lower-case word or a punctuation mark other than an honorific's
  // dot or a hyphen follows them. After an honorific, a given name or an
  // initial, the name goes on with a capitalised word, a particle, a hyphen
  // or the dot.
  bool name_may_start(std::size_t i) const {
    const std::size_t next = i + 1;
    if (next >= toks_.size()) return true;
    const text::Token& t = toks_[next];
    const bool lower_word = t.is_word() && !t.has(text::kCapitalised);
    const bool other_punct = t.has(text::kPunct) && t.first != '.' && t.first != '-' && t.first != 0x2011;
    return !(lower_word || other_punct) || lex_.name_particles.match(toks_, next) > 0;
  }

  // « Joji Otaki, chercheur en sciences naturelles », « Timor Goksel,
  // aujourd'hui professeur »: two capitalised words with a person's title
  // apposed after them are a person although no table lists the given name,
  // which then counts for the rest of the document (given_name_gender()).
  // Only inside a sentence: a sentence's first word is capitalised whatever
  // it is (« Salut Bithisarca, roi de Saba », « Sauf Me Lefaucheux, avocat »).
  // Sets the given name's last token.
  bool apposed_person(std::size_t i, std::size_t* given_end) {
    if (!free_capital(i + 1) || !comma_within_surname(i + 1) || !inside_sentence(i)) return false;
    const std::size_t last = surname_end(i + 1);
    if (last <= i || !apposed_title_after(last + 1) || !plausible_surname(i) ||
        lex_.sentence_openers.match(toks_, i) > 0) {
      return false;
    }
    document_given_names_.insert(toks_.original(i));
    *given_end = i;
    return true;
  }

  // A comma no further than a surname starting at token i can end (its
  // last word may take a hyphenated second half past kMaxSurnameTokens: two
  // tokens more): the test that rules out nearly every capitalised word,
  // before the surname is read.
  bool comma_within_surname(std::size_t i) const {
    for (std::size_t k = i + 1; k < toks_.size() && k <= i + kMaxSurnameTokens + 2; ++k) {
      if (toks_[k].has(text::kPunct) && toks_[k].first == ',') return true;
    }
    return false;
  }

  // « , chercheur … », « , aujourd'hui professeur … »: a comma, adverbs, and
  // a person's title (not an organisation's noun) at token k.
  bool apposed_title_after(std::size_t k) const {
    if (!(k < toks_.size() && toks_[k].has(text::kPunct) && toks_[k].first == ',')) return false;
    ++k;
    for (std::size_t n = 0; k < toks_.size() && (n = lex_.adverbs.match(toks_, k)) > 0;) k += n;
    const TitleInfo* title = nullptr;
    return lex_.titles.match(toks_, k, &title) > 0 && !title->organisation;
  }

  // Whether token i follows a lower-case word or a mark inside its sentence:
  // not the paragraph's first, nor after an end of sentence, a colon, an
  // opening quotation mark or a dash, nor after a capitalised word (then a
  // longer name starts before it: « Nock Ag Attia »).
  bool inside_sentence(std::size_t i) const {
    if (i == 0 || !joined(i)) return false;
    const text::Token& prev = toks_[i - 1];
    if (prev.is_word()) return !prev.has(text::kCapitalised);
    const char32_t c = prev.first;
    return !(c == '.' || c == '!' || c == '?' || c == 0x2026 || c == ':' || c == 0xAB || c == 0x201C || c == 0x2014 ||
             c == 0x2013 || c == '"');
  }

  Gender given_name_gender(std::size_t i, std::size_t* end) const {
    // « V. Sapounov »: an initial stands for the given name.
    if (toks_.original(i).size() == 1 && i + 1 < toks_.size() && toks_[i + 1].has(text::kPunct) &&
        toks_[i + 1].first == '.' && !toks_.space_before(i + 1) && plausible_surname(i + 2) &&
        !(i > 0 && (toks_[i - 1].has(text::kHasDigit) || !toks_.space_before(i))) &&
        !lex_.interview_markers.contains(toks_.original(i))) {
      *end = i + 1;
      return Gender::kUnknown;
    }
    if (!name_may_follow(i)) return kNotAName;  // no person here, given name or not
    const Gender* it = lex_.first_names.find(toks_.original(i));
    if (it == nullptr) {
      // Most documents learn none: no look-up then.
      if (document_given_names_.empty() || document_given_names_.count(toks_.original(i)) == 0) return kNotAName;
      *end = i;
      return Gender::kUnknown;
    }
    *end = i;
    // « Jean-Marie », « Marie-Claire »: a compound given name.
    if (is_hyphen(i + 1) && !toks_.space_before(i + 1) && free_capital(i + 2) &&
        lex_.first_names.contains(toks_.original(i + 2))) {
      *end = i + 2;
    }
    return *it;
  }

  std::size_t try_person(std::size_t i, std::vector<entities::NameMatch>& found) {
    if (covered_[i]) return i + 1;
    HonorificInfo honorific{Gender::kUnknown, Number::kUnknown};
    const std::size_t h = honorific_length(i, &honorific);
    std::size_t start = i + h;
    if (!free_capital(start)) return i + 1;
    std::size_t given_end = 0;
    const Gender given = h == 0 ? given_name_gender(start, &given_end) : kNotAName;
    std::size_t surname_first;
    Gender gender = honorific.gender;
    if (given != kNotAName) {
      surname_first = given_end + 1;
      if (gender == Gender::kUnknown) gender = given;
    } else if (h > 0) {
      surname_first = start;
    } else if (apposed_person(start, &given_end)) {
      surname_first = given_end + 1;
    } else {
      return i + 1;
    }
    // « M.Houdré »: the space after an abbreviated honorific is often lost.
    const bool glued_ok = h == 2 && given == kNotAName;
    if (surname_first >= toks_.size() || (!toks_.space_before(surname_first) && !glued_ok)) return i + 1;
    const std::size_t last = surname_end(surname_first);
    if (last + 1 == surname_first) return i + 1;
    std::string surname;
    for (std::size_t k = surname_first; k <= last; ++k) surname.append(toks_.folded(k)).push_back(' ');
    // « M. Lavrov » after « Sergueï Lavrov »: a gazetteer person, linked by short names.
    const auto gazetteer_person = known_surnames_.find(surname);
    if (given == kNotAName && gazetteer_person != known_surnames_.end() && gazetteer_person->second < start) {
      return last + 1;
    }
    const std::size_t entity = person(surname, start, last, gender, given != kNotAName);
    if (found.empty()) found.reserve(kFirstFound);  // grown from one, most documents' few people were moved three times
    found.push_back(entities::NameMatch{start, last, {static_cast<std::uint32_t>(entity)}});
    std::fill(covered_.begin() + start, covered_.begin() + last + 1, 1);
    return last + 1;
  }

  // The record of the person with this surname, created on first sight; a
  // full name seen later gives its name to a person first met as « M. X ».
  std::size_t person(const std::string& surname, std::size_t first, std::size_t last, Gender gender, bool full) {
    const std::string_view text = toks_.input().substr(toks_[first].start, toks_[last].end - toks_[first].start);
    const auto known = by_surname_.find(surname);
    if (known != by_surname_.end()) {
      Known& k = known->second;
      if (full && !k.full) {
        k.full = true;
        records_.local(k.entity).name = std::string(text);
      }
      return k.entity;
    }
    // Strings built, then moved in (assigning a string_view or a literal to a string takes a slower path).
    EntityRecord rec;
    rec.name = std::string(text);
    rec.type = std::string("PERSON");
    rec.gender = std::string(gender == Gender::kMasculine ? "m" : gender == Gender::kFeminine ? "f" : "");
    const std::size_t entity = records_.add_local(std::move(rec));
    by_surname_.emplace(surname, Known{entity, full});
    return entity;
  }

  // Honorifics as people write them before a name: with a capital (« M. », « Mme », « Me »).
  std::size_t honorific_length(std::size_t i, HonorificInfo* info) const {
    return toks_[i].has(text::kCapitalised) ? lex_.honorific_at(toks_, i, info) : 0;
  }

  static constexpr Gender kNotAName = static_cast<Gender>(0xFF);

  struct Known {
    std::size_t entity;
    bool full;
  };

  const text::Tokens& toks_;
  const Lexicon& lex_;
  entities::Records& records_;
  std::vector<entities::NameMatch>& matches_;
  std::vector<std::uint8_t> covered_;  // bytes, not bits: read for every capitalised token
  std::unordered_map<std::string, Known> by_surname_;
  std::unordered_set<std::string_view> document_given_names_;  // apposed_person(), viewed in the input
  std::unordered_map<std::string, std::size_t>
      known_surnames_;  // surnames of gazetteer people -> their first mention end
};

}  // namespace

void find_people(const text::Tokens& toks, const Lexicon& lex, const std::vector<std::uint32_t>& capitals,
                 entities::Records& records, std::vector<entities::NameMatch>& matches) {
  PeopleFinder(toks, lex, records, matches).run(capitals);
}

}  // namespace parole::quotes
