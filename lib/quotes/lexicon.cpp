#include "quotes/lexicon.hpp"

#include <stdexcept>

#include "data/embedded.hpp"
#include "text/tsv.hpp"
#include "text/utf8.hpp"

namespace parole::quotes {

Gender parse_gender(std::string_view s) {
  if (s == "m") return Gender::kMasculine;
  if (s == "f") return Gender::kFeminine;
  return Gender::kUnknown;
}

Number parse_number(std::string_view s) {
  if (s == "s") return Number::kSingular;
  if (s == "p") return Number::kPlural;
  return Number::kUnknown;
}

template <typename Value>
void PhraseTable<Value>::add(const std::vector<std::string>& tokens, Value value) {
  if (tokens.empty()) return;
  by_first_[tokens.front()].push_back(Entry{tokens, value});
}

template <typename Value>
std::size_t PhraseTable<Value>::match(const text::Tokens& toks, std::size_t at, const Value** value) const {
  if (at >= toks.size()) return 0;
  const auto found = by_first_.find(std::string(toks.folded(at)));
  if (found == by_first_.end()) return 0;
  std::size_t best = 0;
  for (const Entry& entry : found->second) {
    const std::size_t n = entry.tokens.size();
    if (n <= best || at + n > toks.size()) continue;
    bool same = true;
    for (std::size_t k = 1; k < n && same; ++k) same = toks.folded(at + k) == entry.tokens[k];
    if (same) {
      best = n;
      if (value != nullptr) *value = &entry.value;
    }
  }
  return best;
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

std::string fold_word(std::string_view s) {
  std::string out;
  for (const std::string& tok : text::folded_tokens(s)) out += tok;
  return out;
}

char32_t single_code_point(std::string_view s) {
  const text::Decoded d = text::decode_at(s, 0);
  return d.code_point;
}

struct VerbModel {
  std::string strip;
  std::vector<std::string> endings;  // 10 finite, then past participle, present participle
};

void load_verbs(Lexicon& lex) {
  std::unordered_map<std::string, VerbModel> models;
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/verb_models.tsv"))) {
    if (row.fields.size() != 14) throw std::logic_error("verb_models.tsv: 14 columns expected");
    VerbModel model{std::string(row.fields[1]), {}};
    for (std::size_t i = 2; i < row.fields.size(); ++i) model.endings.emplace_back(row.fields[i]);
    models.emplace(std::string(row.fields[0]), std::move(model));
  }
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/reporting_verbs.tsv"))) {
    const std::string lemma(row.fields.at(0));
    const VerbModel& model = models.at(std::string(row.fields.at(1)));
    const std::string_view voice_name = row.fields.at(2);
    const Voice voice = voice_name == "reflexive" ? Voice::kReflexive
                        : voice_name == "both"    ? Voice::kBoth
                                                  : Voice::kPlain;
    if (lemma.size() < model.strip.size() ||
        lemma.compare(lemma.size() - model.strip.size(), model.strip.size(), model.strip) != 0) {
      throw std::logic_error("reporting_verbs.tsv: " + lemma + " does not end in " + model.strip);
    }
    const std::string stem = lemma.substr(0, lemma.size() - model.strip.size());
    const auto id = static_cast<std::uint32_t>(lex.lemmas.size());
    lex.lemmas.push_back(lemma);
    auto add = [&](const std::string& form, VerbFormKind kind, Number number) {
      const auto [it, inserted] = lex.verb_forms.emplace(fold_word(form), VerbForm{id, kind, voice, number});
      if (!inserted) it->second.kinds |= kind;
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
  }
}

void load_small_tables(Lexicon& lex) {
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/auxiliaries.tsv"))) {
    lex.auxiliaries.emplace(fold_word(row.fields.at(0)), parse_number(row.fields.at(2)));
  }
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/pronouns.tsv"))) {
    PronounInfo& info = lex.pronouns[fold_word(row.fields.at(0))];
    info.gender = parse_gender(row.fields.at(1));
    info.number = parse_number(row.fields.at(2));
    (row.fields.at(3) == "subject" ? info.subject : info.object) = true;
  }
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/adverbs.tsv"))) {
    lex.adverbs.add(text::folded_tokens(row.fields.at(0)), true);
  }
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/titles.tsv"))) {
    lex.titles.add(text::folded_tokens(row.fields.at(0)), TitleInfo{parse_gender(row.fields.at(1))});
  }
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/determiners.tsv"))) {
    lex.determiners.add(
        text::folded_tokens(row.fields.at(0)),
        DeterminerInfo{parse_gender(row.fields.at(1)), parse_number(row.fields.at(2)), row.fields.at(3) == "yes"});
  }
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/cue_prepositions.tsv"))) {
    lex.cue_prepositions.add(text::folded_tokens(row.fields.at(0)), true);
  }
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/phrase_stops.tsv"))) {
    lex.phrase_stops.add(text::folded_tokens(row.fields.at(0)), true);
  }
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/not_speakers.tsv"))) {
    lex.not_speakers.add(text::folded_tokens(row.fields.at(0)), true);
  }
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/honorifics.tsv"))) {
    lex.honorifics.emplace(std::string(row.fields.at(0)),
                           HonorificInfo{parse_gender(row.fields.at(1)), parse_number(row.fields.at(2))});
  }
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/role_equivalents.tsv"))) {
    std::string key;
    for (const std::string& tok : text::folded_tokens(row.fields.at(0))) key += (key.empty() ? "" : " ") + tok;
    auto& words = lex.role_equivalents[key];
    for (std::string_view role : text::split(row.fields.at(1), '|')) words.push_back(text::folded_tokens(role));
  }
  for (const text::TsvRow& row : text::read_tsv(require("lexicon/quote_marks.tsv"))) {
    std::u32string reopen;
    const std::string_view marks = row.fields.at(3);
    for (std::size_t pos = 0; pos < marks.size();) {
      const text::Decoded d = text::decode_at(marks, pos);
      reopen.push_back(d.code_point);
      pos += d.length;
    }
    lex.quote_pairs.push_back(QuotePair{single_code_point(row.fields.at(0)), single_code_point(row.fields.at(1)),
                                        std::string(row.fields.at(2)), std::move(reopen)});
  }
}

}  // namespace

Lexicon::Lexicon() {
  load_verbs(*this);
  load_small_tables(*this);
}

const Lexicon& Lexicon::builtin() {
  static const Lexicon instance;
  return instance;
}

}  // namespace parole::quotes
