#include "quotes/lexicon.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <unordered_map>

#include "data/embedded.hpp"
#include "quotes/scanner.hpp"
#include "text/fold.hpp"
#include "text/tokens.hpp"
#include "text/tsv.hpp"
#include "text/utf8.hpp"

namespace parole::quotes {

// The phrases of a first word are kept longest first, in the order added
// among those of a length: the first that matches is the longest, and the
// one added first of that length, as when every phrase was tried.
template <typename Value>
void PhraseTable<Value>::add(const std::vector<std::string>& tokens, Value value) {
  if (tokens.empty()) return;
  std::vector<Entry>& same_first = by_first_[tokens.front()];
  const auto after = std::find_if(same_first.begin(), same_first.end(),
                                  [&](const Entry& e) { return e.tokens.size() < tokens.size(); });
  same_first.insert(after, Entry{tokens, value});
  longest_ = std::max(longest_, tokens.size());
}

template <typename Value>
std::size_t PhraseTable<Value>::match_listed(const text::Tokens& toks, std::size_t at, const Value** value) const {
  const std::vector<Entry>* found = by_first_.probe_padded(toks.folded(at));  // match() asked the filter
  if (found == nullptr) return 0;
  const std::size_t left = toks.size() - at;
  for (const Entry& entry : *found) {
    const std::size_t n = entry.tokens.size();
    if (n > left) continue;
    bool same = true;
    for (std::size_t k = 1; k < n && same; ++k) same = same_word(toks.folded(at + k), entry.tokens[k]);
    if (same) {
      if (value != nullptr) *value = &entry.value;
      return n;
    }
  }
  return 0;
}

template class PhraseTable<bool>;
template class PhraseTable<TitleInfo>;
template class PhraseTable<DeterminerInfo>;

namespace {

std::string_view require(std::string_view name) {
  const std::string_view bytes = data::embedded(name);
  if (bytes.empty()) throw std::logic_error("parole: embedded data file missing: " + std::string(name));
  return bytes;
}

// The folded tokens of a lexicon word back to back, as the tokenizer folds
// them, valid until `scratch` is used again: it is reused from word to word
// (the lexicon has thousands), and the tables copy their keys.
std::string_view fold_word(text::Tokens& scratch, std::string_view s) {
  scratch.assign(s);
  return scratch.folded_text();
}

// text::lower(s), without a second pass when s is in lower case already
// (every verb form is). Defined with Lowered, below.
std::string lower_form(std::string_view s);

char32_t single_code_point(std::string_view s) {
  const text::Decoded d = text::decode_at(s, 0);
  return d.code_point;
}

struct VerbModel {
  std::string strip;
  std::vector<std::string> endings;  // 10 finite, then past participle, present participle
};

void load_verbs(Lexicon& lex) {
  text::Tokens scratch;
  std::unordered_map<std::string, VerbModel> models;
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/verb_models.tsv"))) {
    if (row.fields.size() != 14) throw std::logic_error("verb_models.tsv: 14 columns expected");
    VerbModel model{std::string(row.fields[1]), {}};
    for (std::size_t i = 2; i < row.fields.size(); ++i) model.endings.emplace_back(row.fields[i]);
    models.emplace(std::string(row.fields[0]), std::move(model));
  }
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/reporting_verbs.tsv"))) {
    const std::string full(row.fields.at(0));
    const std::size_t space = full.find(' ');
    const std::string lemma = full.substr(0, space);
    std::uint32_t tail = 0;
    if (space != std::string::npos) {
      lex.verb_tails.push_back(text::folded_tokens(scratch, full.substr(space + 1)));
      tail = static_cast<std::uint32_t>(lex.verb_tails.size());
    }
    const VerbModel& model = models.at(std::string(row.fields.at(1)));
    const std::string_view voice_name = row.fields.at(2);
    const bool needs_clause = row.fields.size() > 3 && row.fields[3] == "clause";
    const Voice voice = voice_name == "reflexive" ? Voice::kReflexive
                        : voice_name == "both"    ? Voice::kBoth
                                                  : Voice::kPlain;
    if (lemma.size() < model.strip.size() ||
        lemma.compare(lemma.size() - model.strip.size(), model.strip.size(), model.strip) != 0) {
      throw std::logic_error("reporting_verbs.tsv: " + lemma + " does not end in " + model.strip);
    }
    const std::string stem = lemma.substr(0, lemma.size() - model.strip.size());
    const auto id = static_cast<std::uint32_t>(lex.lemmas.size());
    lex.lemmas.push_back(full);
    auto add = [&](const std::string& form, VerbFormKind kind, Number number) {
      std::vector<VerbForm>& same_fold = lex.verb_forms[fold_word(scratch, form)];
      std::string written = lower_form(form);
      for (VerbForm& known : same_fold) {
        if (known.lower == written && known.lemma == id) {
          known.kinds |= kind;
          return;
        }
      }
      same_fold.push_back(VerbForm{std::move(written), id, kind, voice, number, tail, needs_clause});
    };
    for (std::size_t i = 0; i < 10; ++i) {
      add(stem + model.endings[i], kFinite, i % 2 == 0 ? Number::kSingular : Number::kPlural);
    }
    const std::string participle = stem + model.endings[10];
    add(participle, kPastParticiple, Number::kSingular);
    add(participle + "e", kPastParticiple, Number::kSingular);
    add(participle + "es", kPastParticiple, Number::kPlural);
    if (participle.back() != 's') add(participle + "s", kPastParticiple, Number::kPlural);
    add(stem + model.endings[11], kPresentParticiple, Number::kUnknown);
    add(lemma, kInfinitive, Number::kUnknown);
  }
}

// A one-column table of words or phrases.
void load_words(text::Tokens& scratch, const char* file, PhraseTable<bool>& table) {
  for (const text::TsvRow& row : text::read_tsv(require(file)))
    table.add(text::folded_tokens(scratch, row.fields.at(0)), true);
}

// The regular plural of a folded word: « analystes », « generaux », « bureaux ».
std::string plural_word(const std::string& w) {
  if (w.empty() || w.back() == 's' || w.back() == 'x' || w.back() == 'z') return w;
  if (w.size() > 2 && w.compare(w.size() - 2, 2, "al") == 0) return w.substr(0, w.size() - 2) + "aux";
  if (w.size() > 2 && (w.compare(w.size() - 2, 2, "au") == 0 || w.compare(w.size() - 2, 2, "eu") == 0)) return w + "x";
  return w + "s";
}

// A title and its plural (« les analystes », « les secrétaires généraux »,
// « les porte-paroles »): the words before any complement take the mark,
// the first part of a hyphenated compound does not.
template <typename Value>
void add_with_plural(PhraseTable<Value>& table, const std::vector<std::string>& tokens, Value value) {
  table.add(tokens, value);
  std::vector<std::string> plural = tokens;
  for (std::size_t k = 0; k < plural.size(); ++k) {
    const std::string& w = plural[k];
    if (w == "de" || w == "du" || w == "des" || w == "d") break;
    const bool hyphen_follows = k + 1 < plural.size() && plural[k + 1] == "-";
    if (w.size() > 1 && !hyphen_follows && w != "-") plural[k] = plural_word(w);
  }
  if (plural != tokens) table.add(plural, value);
}

void load_small_tables(Lexicon& lex) {
  text::Tokens scratch;
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/auxiliaries.tsv"))) {
    const std::string_view folded = fold_word(scratch, row.fields.at(0));  // once for both tables
    lex.auxiliaries.emplace(folded, std::make_pair(text::lower(row.fields.at(0)), parse_number(row.fields.at(2))));
    lex.auxiliary_is_etre.emplace(folded, row.fields.at(1) == "être");
  }
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/pronouns.tsv"))) {
    PronounInfo& info = lex.pronouns[fold_word(scratch, row.fields.at(0))];
    info.gender = parse_gender(row.fields.at(1));
    info.number = parse_number(row.fields.at(2));
    (row.fields.at(3) == "subject" ? info.subject : info.object) = true;
  }
  load_words(scratch, "lexicon/adverbs.tsv", lex.adverbs);
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/titles.tsv"))) {
    add_with_plural(lex.titles, text::folded_tokens(scratch, row.fields.at(0)),
                    TitleInfo{parse_gender(row.fields.at(1)), false});
  }
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/org_nouns.tsv"))) {
    const bool named_by_head = row.fields.size() > 1 && row.fields[1] == "head";
    add_with_plural(lex.titles, text::folded_tokens(scratch, row.fields.at(0)),
                    TitleInfo{Gender::kUnknown, true, named_by_head});
  }
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/determiners.tsv"))) {
    lex.determiners.add(
        text::folded_tokens(scratch, row.fields.at(0)),
        DeterminerInfo{parse_gender(row.fields.at(1)), parse_number(row.fields.at(2)), row.fields.at(3) == "yes"});
  }
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/cue_prepositions.tsv"))) {
    lex.cue_prepositions.add(text::folded_tokens(scratch, row.fields.at(0)),
                             row.fields.size() > 1 && row.fields[1] == "ambiguous");
  }
  load_words(scratch, "lexicon/phrase_stops.tsv", lex.phrase_stops);
  load_words(scratch, "lexicon/contracted_articles.tsv", lex.contracted_articles);
  load_words(scratch, "lexicon/complement_prepositions.tsv", lex.complement_prepositions);
  load_words(scratch, "lexicon/place_prepositions.tsv", lex.place_prepositions);
  load_words(scratch, "lexicon/non_place_locutions.tsv", lex.non_place_locutions);
  load_words(scratch, "lexicon/of_forms.tsv", lex.of_forms);
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/clitics.tsv"))) {
    const std::string_view kind = row.fields.at(1);
    if (kind != "object" && kind != "preverbal") {
      throw std::logic_error("clitics.tsv: unknown kind \"" + std::string(kind) + "\"");
    }
    (kind == "object" ? lex.object_clitics : lex.preverbal_particles)
        .add(text::folded_tokens(scratch, row.fields.at(0)), true);
  }
  load_words(scratch, "lexicon/not_speakers.tsv", lex.not_speakers);
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/honorifics.tsv"))) {
    lex.honorifics.emplace(std::string(row.fields.at(0)),
                           HonorificInfo{parse_gender(row.fields.at(1)), parse_number(row.fields.at(2))});
  }
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/role_equivalents.tsv"))) {
    std::string key;
    for (const std::string& tok : text::folded_tokens(scratch, row.fields.at(0))) key += (key.empty() ? "" : " ") + tok;
    auto& words = lex.role_equivalents[key];
    for (std::string_view role : text::split(row.fields.at(1), '|'))
      words.push_back(text::folded_tokens(scratch, role));
  }
  // Tens of thousands of given names: the table sized once (by lines), the
  // rows read as they come, not kept.
  const std::string_view name_files[] = {require("lexicon/first_names.tsv"),
                                         require("lexicon/first_names_dicollecte.tsv")};
  lex.first_names.reserve(text::count_line_feeds(name_files[0]) + text::count_line_feeds(name_files[1]) + 2);
  for (const std::string_view names : name_files) {
    text::for_each_row(names, true, [&](const text::TsvRow& row) {
      if (row.fields.size() < 2) throw std::logic_error("first names: two columns expected");
      lex.first_names.emplace(row.fields[0], parse_gender(row.fields[1]));
    });
  }
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/interview_markers.tsv"))) {
    lex.interview_markers.emplace(std::string(row.fields.at(0)), row.fields.at(1) == "answer");
  }
  load_words(scratch, "lexicon/document_nouns.tsv", lex.document_nouns);
  load_words(scratch, "lexicon/sentence_openers.tsv", lex.sentence_openers);
  load_words(scratch, "lexicon/conjunctions.tsv", lex.conjunctions);
  load_words(scratch, "lexicon/term_cues.tsv", lex.term_cues);
  load_words(scratch, "lexicon/name_particles.tsv", lex.name_particles);
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/quote_marks.tsv"))) {
    std::u32string reopen;
    const std::string_view marks = row.fields.at(3);
    for (std::size_t pos = 0; pos < marks.size();) {
      const text::Decoded d = text::decode_at(marks, pos);
      reopen.push_back(d.code_point);
      pos += d.length;
    }
    const std::string_view when = row.fields.at(4);
    lex.quote_pairs.push_back(QuotePair{single_code_point(row.fields.at(0)), single_code_point(row.fields.at(1)),
                                        std::string(row.fields.at(2)), std::move(reopen),
                                        when == "normal"     ? QuotePair::When::kNormal
                                        : when == "reversed" ? QuotePair::When::kReversed
                                                             : QuotePair::When::kAlways});
  }
  lex.quote_marks = MarkFinder(scanned_code_points(lex.quote_pairs));
  for (const std::string_view w : lex.titles.first_words([](const TitleInfo& t) { return t.organisation; })) {
    lex.noun_starts[w] |= Lexicon::kOrganisationNoun;
  }
  for (const std::string_view w : lex.document_nouns.first_words([](bool) { return true; })) {
    lex.noun_starts[w] |= Lexicon::kDocumentNoun;
  }
  lex.noun_starts.prepare_scan();  // scanned over every text
}

}  // namespace

const VerbForm* Lexicon::listed_verb_at(const text::Tokens& toks, std::size_t i, std::uint8_t kinds) const {
  const std::vector<VerbForm>* found = verb_forms.probe_padded(toks.folded(i));  // verb_at() asked the filter
  return found == nullptr ? nullptr : pick_verb(*found, toks, i, kinds);
}

namespace {

// text::lower lower-cases code point by code point. The lower-case forms of
// the two-byte code points up to U+017F (Latin-1 and Latin Extended-A:
// every letter of French), as it writes them, once.
constexpr char32_t kLatinEnd = 0x180;
struct LatinLower {
  std::array<std::array<char, 4>, kLatinEnd - 0x80> bytes{};
  std::array<std::uint8_t, kLatinEnd - 0x80> length{};
};

const LatinLower& latin_lower() {
  static const LatinLower table = [] {
    LatinLower t;
    for (char32_t cp = 0x80; cp < kLatinEnd; ++cp) {
      std::string one;
      text::append_utf8(one, cp);
      const std::string lower = text::lower(one);
      if (lower.size() > 4) throw std::logic_error("lexicon: a lower-case code point longer than four bytes");
      std::copy(lower.begin(), lower.end(), t.bytes[cp - 0x80].begin());
      t.length[cp - 0x80] = static_cast<std::uint8_t>(lower.size());
    }
    return t;
  }();
  return table;
}

// Whether every byte is ASCII and none is an upper-case letter, eight bytes
// at a time (overlapping loads within the string, as same_word reads).
bool ascii_lower(std::string_view s) {
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  const auto lower_word = [](std::uint64_t w) {
    // For bytes below 0x80, w + 0x3F sets the high bit from 'A' on and w + 0x25 from '[' on.
    const std::uint64_t upper = (w + 0x3F3F3F3F3F3F3F3FULL) & ~(w + 0x2525252525252525ULL);
    return ((w | upper) & kHigh) == 0;
  };
  const char* p = s.data();
  const std::size_t n = s.size();
  if (n >= 8) {
    for (std::size_t k = 0; k + 8 < n; k += 8) {
      if (!lower_word(load8(p + k))) return false;
    }
    return lower_word(load8(p + n - 8));
  }
  if (n >= 4) return lower_word(load4(p) | load4(p + n - 4) << 32U);
  for (std::size_t k = 0; k < n; ++k) {
    const auto c = static_cast<unsigned char>(p[k]);
    if (c >= 0x80 || (c >= 'A' && c <= 'Z')) return false;
  }
  return true;
}

// A token as text::lower would write it, compared without building that
// string when the token is ASCII (most are) or its other letters are
// two-byte Latin ones (« Déclaré », « à »): verbs and auxiliaries are
// checked against their accented spelling for many tokens.
class Lowered {
 public:
  explicit Lowered(std::string_view original) : original_(original), size_(original.size()) {
    if (ascii_lower(original)) return;  // most tokens: text::lower leaves them as they are
    for (std::size_t k = 0; k < original.size(); ++k) {
      const auto c = static_cast<unsigned char>(original[k]);
      if (c < 0x80) {
        if (c >= 'A' && c <= 'Z') lower_already_ = false;
        continue;
      }
      const char32_t cp = text::two_byte_at(original, k);
      if (cp != 0 && cp < kLatinEnd) {
        if (latin_ == nullptr) latin_ = &latin_lower();
        const std::size_t n = latin_->length[cp - 0x80];
        const char* lower = latin_->bytes[cp - 0x80].data();
        if (n != 2 || lower[0] != original[k] || lower[1] != original[k + 1]) lower_already_ = false;
        size_ = size_ - 2 + n;
        ++k;
        continue;
      }
      latin_ = nullptr;
      general_ = true;
      lowered_ = text::lower(original);
      break;
    }
  }
  // The token as text::lower writes it.
  std::string lowered() const {
    if (general_) return lowered_;
    return lower_already_ ? std::string(original_) : text::lower(original_);
  }
  bool is(std::string_view lower) const {
    if (general_) return lowered_ == lower;
    if (lower_already_) return same_word(lower, original_);
    if (lower.size() != size_) return false;
    std::size_t q = 0;
    for (std::size_t k = 0; k < original_.size(); ++k) {
      const auto c = static_cast<unsigned char>(original_[k]);
      if (c < 0x80) {
        const char l = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        if (q >= lower.size() || lower[q] != l) return false;
        ++q;
        continue;
      }
      const char32_t cp = text::two_byte_at(original_, k++);  // the constructor saw a two-byte Latin letter
      const std::size_t n = latin_->length[cp - 0x80];
      if (lower.compare(q, n, latin_->bytes[cp - 0x80].data(), n) != 0) return false;
      q += n;
    }
    return q == lower.size();
  }

 private:
  std::string_view original_;
  std::size_t size_;  // of the lower-case form, unless general_
  const LatinLower* latin_ = nullptr;
  bool lower_already_ = true;  // text::lower would leave the token as it is
  bool general_ = false;
  std::string lowered_;  // only when general_
};

std::string lower_form(std::string_view s) { return Lowered(s).lowered(); }

}  // namespace

const VerbForm* Lexicon::pick_verb(const std::vector<VerbForm>& forms, const text::Tokens& toks, std::size_t i,
                                   std::uint8_t kinds) const {
  const Lowered written(toks.original(i));
  auto tail_fits = [&](const VerbForm& form) {
    if (form.tail == 0) return true;
    const std::vector<std::string>& tail = verb_tails[form.tail - 1];
    for (std::size_t k = 0; k < tail.size(); ++k) {
      if (i + 1 + k >= toks.size() || toks.folded(i + 1 + k) != tail[k]) return false;
    }
    return true;
  };
  bool spelled = false;  // the text spells one of the forms exactly
  const VerbForm* best = nullptr;
  int best_rank = -1;
  for (const VerbForm& form : forms) {
    const bool exact = written.is(form.lower);
    spelled = spelled || exact;
    if ((form.kinds & kinds) == 0 || !tail_fits(form)) continue;
    const int rank = (exact ? 2 : 0) + (form.tail != 0 ? 1 : 0);  // accents first, then the longer expression
    if (rank > best_rank) best = &form, best_rank = rank;
  }
  if (spelled && best_rank < 2) return nullptr;
  return best;
}

std::optional<Number> Lexicon::listed_auxiliary_at(const text::Tokens& toks, std::size_t i) const {
  const auto* found = auxiliaries.probe_padded(toks.folded(i));  // auxiliary_at() asked the filter
  if (found == nullptr || !Lowered(toks.original(i)).is(found->first)) return std::nullopt;
  return found->second;
}

NounStarts Lexicon::noun_starts_in(const text::Tokens& toks) const {
  NounStarts out;
  // About one token in a hundred or two of news: room for them at once, not by regrowth.
  out.organisation.reserve(toks.size() / 128 + 8);
  out.document.reserve(toks.size() / 128 + 8);
  noun_starts.scan(toks, [&](std::size_t i, std::uint8_t kinds) {
    if ((kinds & kOrganisationNoun) != 0) out.organisation.push_back(static_cast<std::uint32_t>(i));
    if ((kinds & kDocumentNoun) != 0) out.document.push_back(static_cast<std::uint32_t>(i));
  });
  return out;
}

std::size_t Lexicon::listed_honorific_at(const text::Tokens& toks, std::size_t i, HonorificInfo* info) const {
  const std::string_view word = toks.original(i);  // honorific_at() asked its shape
  // Only a word shorter than the longest honorific can take its dot.
  if (word.size() < honorifics.max_key_size() && i + 1 < toks.size() && toks[i + 1].has(text::kPunct) &&
      toks[i + 1].first == '.' && !toks.space_before(i + 1)) {
    if (const HonorificInfo* dotted = dotted_honorific(toks, i)) {
      if (info != nullptr) *info = *dotted;
      return 2;
    }
  }
  const HonorificInfo* plain = honorifics.find(word);
  if (plain == nullptr) return 0;
  if (info != nullptr) *info = *plain;
  return 1;
}

// The honorific spelt by word i and the dot after it: read in the input
// when nothing stands between them (the usual case), else built.
const HonorificInfo* Lexicon::dotted_honorific(const text::Tokens& toks, std::size_t i) const {
  if (toks[i].end == toks[i + 1].start) {
    const std::string_view written = toks.input().substr(toks[i].start, toks[i + 1].end - toks[i].start);
    return honorifics.find(written);
  }
  std::string key(toks.original(i));
  key += '.';
  return honorifics.find(key);
}

Lexicon::Lexicon() {
  load_verbs(*this);
  load_small_tables(*this);
}

const Lexicon& Lexicon::builtin() {
  // Never destroyed, as the other built-in tables: freeing them at exit
  // is work for nothing (a few milliseconds of every short run).
  static const Lexicon& instance = *new Lexicon();
  return instance;
}

}  // namespace parole::quotes
