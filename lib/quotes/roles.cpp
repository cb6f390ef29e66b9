// The roles the text gives the entities it names (« le ministre russe des
// Affaires étrangères Sergueï Lavrov », « Dmitri Peskov, porte-parole du
// Kremlin »), learnt when a title is compared with them, and the titles that
// stand for someone resolved against those roles: the part of Discourse
// (discourse.hpp) that reads appositions.
#include <algorithm>
#include <string_view>

#include "quotes/discourse.hpp"

namespace parole::quotes {
namespace {

constexpr std::size_t kApposition = 12;  // tokens searched around a name for its title
constexpr std::size_t kNoTitle = static_cast<std::size_t>(-1);

// Compared in place: no hashing, no allocation.
bool is_function_word(std::string_view w) {
  static constexpr std::string_view kWords[] = {"de",  "des", "du", "d",  "la",  "le", "les",  "l",    "un",
                                                "une", "et",  "en", "au", "aux", "a",  "plus", "tres", "'"};
  return w.size() <= 4 && std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

bool is_comma(const text::Tokens& toks, std::size_t i) {
  return i < toks.size() && toks[i].has(text::kPunct) && toks[i].first == ',';
}

}  // namespace

std::vector<std::string> Discourse::content_words(std::size_t first, std::size_t last) const {
  std::vector<std::string> words;
  if (first <= last) words.reserve(last - first + 1);
  for (std::size_t i = first; i <= last && i < toks_.size(); ++i) {
    if (!toks_[i].is_word() || is_function_word(toks_.folded(i))) continue;
    words.emplace_back(toks_.folded(i));
  }
  return words;
}

void Discourse::learn_role(std::size_t pos, std::uint32_t entity, std::size_t first, std::size_t last) const {
  if (first > last) return;
  roles_[entity].learn(pos, content_words(first, last));
}

// Roles are learnt when a title is resolved, from the names of the
// candidates it is compared with and up to its position only: most
// documents resolve no title, and most names are no candidate. A role
// learnt at a token before `pos` comes from a name starting before pos + 2
// (an honorific before the name is at most two tokens), and names are in
// text order, so the entity has the same roles before `pos` as if every
// name had been read (names out of order are all read at once). `entity`
// is a record's index (not -1).
const Discourse::RoleWords& Discourse::roles_before(std::int64_t entity, std::size_t pos) const {
  if (!names_indexed_) {
    names_by_entity_.reserve(names_.size());
    for (std::size_t k = 0; k < names_.size(); ++k) {
      names_by_entity_.push_back(std::uint64_t{names_[k].candidates.front()} << 32U | k);
      names_in_order_ = names_in_order_ && (k == 0 || names_[k - 1].first <= names_[k].first);
    }
    std::sort(names_by_entity_.begin(), names_by_entity_.end());
    names_indexed_ = true;
  }
  EntityRoles& known = roles_[entity];  // a node: stays in place when learning adds others
  if (known.first == kNoName) {         // the entity's names located once, not at every title
    const std::uint64_t key = static_cast<std::uint64_t>(entity) << 32U;
    const auto begin = std::lower_bound(names_by_entity_.begin(), names_by_entity_.end(), key);
    const auto end = std::lower_bound(begin, names_by_entity_.end(), key + (std::uint64_t{1} << 32U));
    known.first = static_cast<std::size_t>(begin - names_by_entity_.begin());
    known.last = static_cast<std::size_t>(end - names_by_entity_.begin());
  }
  const std::size_t bound = names_in_order_ ? pos + 2 : kNoName;
  for (std::size_t k = known.first + known.read; k < known.last && names_[name_of(k)].first < bound; ++k) {
    ++known.read;
    learn_roles_of(name_of(k));
  }
  return known.words;
}

void Discourse::learn_roles_of(std::size_t k) const {
  const entities::NameMatch& m = names_[k];
  const std::uint32_t entity = m.candidates.front();
  if (quotes_.quote_of_token[m.first] >= 0) return;
  const bool person = is_person(entity);
  learn_role_before(k, person);
  // « Dmitri Peskov, porte-parole du Kremlin ».
  const std::size_t b = m.last;
  if (is_comma(toks_, b + 1) && b + 2 < toks_.size()) {
    const std::size_t q = b + 2;
    const auto phrase = grammar_.speaker_at(q, toks_.size());
    if (phrase && (phrase->kind == PhraseKind::kTitle || phrase->kind == PhraseKind::kDescription) &&
        phrase->head > 0 && phrase->organisation != person) {
      learn_role(b, entity, phrase->head, phrase->last);
    } else if (lex_.titles.match(toks_, q) > 0) {
      std::size_t end = q;
      while (end + 1 < toks_.size() && end + 1 < q + kApposition && !grammar_.is_stop(end + 1)) ++end;
      learn_role(b, entity, q, end);
    }
  }
}

// « le ministre russe des Affaires étrangères Sergueï Lavrov » and
// « le secrétaire général de l'OTAN, Jens Stoltenberg ».
void Discourse::learn_role_before(std::size_t k, bool person) const {
  const entities::NameMatch& m = names_[k];
  const std::uint32_t entity = m.candidates.front();
  std::size_t a = m.first;
  // « le chef du gouvernement, M. Ayrault »: the honorific goes with the name.
  for (std::size_t h = 2; h >= 1; --h) {
    if (a > h && is_comma(toks_, a - h - 1) && grammar_.honorific_length(a - h, nullptr) == h) {
      a -= h;
      break;
    }
  }
  const bool comma = a >= 2 && is_comma(toks_, a - 1);
  // The phrases that teach a role have a title head between their
  // determiner and the name (a document's author too: « le rapport de
  // l'ambassadeur X »): only the determiners before the sentence's last
  // title word are parsed; most determiners near a name are not.
  const std::size_t title = last_title_before(a);
  if (title == kNoTitle) return;
  const std::size_t floor = a - std::min(kApposition, a);
  for (std::size_t s = title; s-- > floor;) {
    if (grammar_.is_sentence_end(s)) break;
    const std::size_t d = lex_.determiners.match(toks_, s);
    if (d == 0 || title < s + d) continue;
    const auto phrase = grammar_.speaker_at(s, comma ? a - 1 : toks_.size());
    if (!phrase) continue;
    if (phrase->organisation == person) continue;  // people take person titles, organisations their nouns
    if (!comma && phrase->kind == PhraseKind::kName && phrase->name_match == k && phrase->head > 0 && !phrase->staff) {
      learn_role(a, entity, phrase->head, a - 1);
      return;
    }
    if (comma && phrase->kind == PhraseKind::kTitle && ends_apposition(phrase->last, a - 1)) {
      learn_role(a, entity, phrase->head, a - 2);
      return;
    }
  }
}

// Where the last title word of the sentence in the kApposition tokens
// before token a starts (kNoTitle if none).
std::size_t Discourse::last_title_before(std::size_t a) const {
  for (std::size_t back = 1; back <= kApposition && back <= a; ++back) {
    if (grammar_.is_sentence_end(a - back)) return kNoTitle;
    if (lex_.titles.match(toks_, a - back) > 0) return a - back;
  }
  return kNoTitle;
}

// A title ending at `last` is apposed to the name after the comma at `comma`,
// directly or across one short apposition (« Le groupe de cosmétique
// français, numéro un mondial, L'Oréal »).
bool Discourse::ends_apposition(std::size_t last, std::size_t comma) const {
  if (last + 1 == comma) return true;
  if (!is_comma(toks_, last + 1) || comma - last > kApposition) return false;
  for (std::size_t k = last + 2; k < comma; ++k) {
    if (grammar_.is_stop(k) || lex_.is_verb_or_auxiliary(toks_, k)) return false;
  }
  return last + 2 < comma;
}

std::optional<Resolution> Discourse::resolve_title(const SpeakerPhrase& title) const {
  const std::vector<std::string> words = content_words(title.head, title.last);
  const auto equivalents = lex_.role_equivalents.find(folded_words(title.head, lex_.titles.match(toks_, title.head)));
  std::optional<Resolution> best;
  int best_score = -1;
  // Small sets, searched linearly: a candidate knows a few dozen role words
  // at most, and hashing them (and allocating the nodes) cost more.
  std::vector<std::string_view> seen;  // names of the candidates looked at
  std::vector<std::string_view> known;
  auto is_known = [&](std::string_view w) { return std::find(known.begin(), known.end(), w) != known.end(); };
  // « le syndicat » stands for an organisation, and only one the text gave that noun.
  const std::vector<Referent>& candidates = title.organisation ? organisations_ : referents_;
  if (title.organisation) best_score = 0;
  std::size_t looked = 0;
  for (auto it = candidates.rbegin(); it != candidates.rend() && looked < kMaxCandidates; ++it) {
    if (it->pos >= title.first || (it->group && !title.organisation)) continue;
    ++looked;
    if (std::find(seen.begin(), seen.end(), it->name) != seen.end()) continue;
    seen.emplace_back(it->name);
    const Gender g = it->entity >= 0 ? gender_of(it->entity) : it->gender;
    if (!title.organisation && !compatible(g, title.gender)) continue;
    known.clear();
    if (it->entity >= 0) {
      for (const std::string& w : records_.role_words(static_cast<std::size_t>(it->entity))) known.emplace_back(w);

      for (const auto& [word, first] : roles_before(it->entity, title.first)) {
        if (first < title.first) known.emplace_back(word);
      }
    }
    // « le ministère » for the « ministère de l'Intérieur »: an organisation's own name.
    if (title.organisation) {
      for (const std::string& w : folded_name(it->name)) {
        if (!is_function_word(w)) known.emplace_back(w);
      }
    }
    int score = 0;
    for (const std::string& w : words) score += is_known(w) ? 1 : 0;
    if (equivalents != nullptr) {
      for (const std::vector<std::string>& phrase : *equivalents) {
        const bool all = std::all_of(phrase.begin(), phrase.end(),
                                     [&](const std::string& w) { return is_function_word(w) || is_known(w); });
        if (all) {
          ++score;
          break;
        }
      }
    }
    if (score > best_score) {
      best_score = score;
      best = Resolution{*it, score > 0, true};
      best->referent.gender = g;
    }
  }
  return best;
}

}  // namespace parole::quotes
