#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "entities/matcher.hpp"
#include "entities/records.hpp"
#include "entities/short_names.hpp"
#include "parole/parole.hpp"
#include "quotes/attribution.hpp"
#include "quotes/interview.hpp"
#include "quotes/lexicon.hpp"
#include "quotes/organisations.hpp"
#include "quotes/people.hpp"
#include "quotes/scanner.hpp"
#include "text/tokens.hpp"
#include "text/utf8.hpp"

namespace parole {
namespace {

constexpr std::size_t kOffsetLimit = 0xFFFFFFFFULL;

std::vector<EntityRecord> merge(const Options& options, const std::vector<Gazetteer>& gazetteers) {
  std::vector<EntityRecord> records;
  std::unordered_set<std::string> ids;
  for (const Gazetteer& g : gazetteers) {
    for (const EntityRecord& rec : g.records()) {
      if (!ids.insert(rec.id).second) {
        throw Error(Error::Code::kDuplicateId, "entity id \"" + rec.id + "\" is defined by two gazetteers");
      }
      records.push_back(rec);
    }
  }
  if (options.use_default_gazetteer) {
    // A user entity with the id of a default one replaces it.
    for (const EntityRecord& rec : Gazetteer::builtin().records()) {
      if (ids.count(rec.id) == 0) records.push_back(rec);
    }
  }
  return records;
}

std::vector<std::vector<std::string>> role_words(const std::vector<EntityRecord>& records) {
  std::vector<std::vector<std::string>> out(records.size());
  for (std::size_t e = 0; e < records.size(); ++e) {
    for (const std::string& role : records[e].roles) {
      for (std::string& w : text::folded_tokens(role)) {
        if (w.size() > 2) out[e].push_back(std::move(w));
      }
    }
  }
  return out;
}

std::string slice(std::string_view input, std::size_t start, std::size_t end) {
  return std::string(input.substr(start, end - start));
}

}  // namespace

struct Extractor::Impl {
  Impl(const Options& opts, const std::vector<Gazetteer>& gazetteers)
      : options(opts), records(merge(opts, gazetteers)), matcher(records), roles(role_words(records)) {}

  Options options;
  std::vector<EntityRecord> records;
  entities::Matcher matcher;
  std::vector<std::vector<std::string>> roles;
  const quotes::Lexicon& lex = quotes::Lexicon::builtin();

  Result run(std::string_view input) const;
  void add_quotes(const text::Tokens& toks, const quotes::ScanResult& scan,
                  const std::vector<quotes::Attribution>& atts, const entities::Records& all, Result& out) const;
  void add_entities(const text::Tokens& toks, const std::vector<entities::NameMatch>& names,
                    const entities::Records& all, Result& out) const;
};

Result Extractor::Impl::run(std::string_view input) const {
  Result out;
  if (input.size() > options.max_document_bytes || input.size() >= kOffsetLimit) {
    out.diagnostics.too_large = true;
    return out;
  }
  const text::Utf8Check utf8 = text::check_utf8(input);
  out.diagnostics.invalid_utf8_bytes = utf8.invalid_bytes;
  out.diagnostics.first_invalid_offset = utf8.first_invalid;

  const text::Tokens toks(input);
  quotes::ScanResult scan = quotes::scan_quotes(toks, lex);
  quotes::add_interview_answers(toks, lex, scan);
  out.diagnostics.unclosed_quotes = scan.unclosed;
  out.diagnostics.stray_closing_marks = scan.stray_closing;
  std::vector<entities::NameMatch> names = matcher.find(toks);
  entities::resolve_ambiguity(names);
  entities::Records all(records, roles);
  // « le quotidien El Punt Avui »: an organisation noun is a stronger sign than a given name.
  quotes::find_organisations(toks, lex, all, names);
  quotes::find_people(toks, lex, all, names);
  entities::add_short_names(toks, all, names);
  const std::vector<quotes::Attribution> atts = quotes::attribute(toks, lex, scan, names, all);
  add_quotes(toks, scan, atts, all, out);
  add_entities(toks, names, all, out);
  return out;
}

void Extractor::Impl::add_quotes(const text::Tokens& toks, const quotes::ScanResult& scan,
                                 const std::vector<quotes::Attribution>& atts, const entities::Records& all,
                                 Result& out) const {
  const std::string_view input = toks.input();
  std::vector<std::optional<std::size_t>> index(scan.quotes.size());
  for (std::size_t qi = 0; qi < scan.quotes.size(); ++qi) {
    const quotes::ScannedQuote& sq = scan.quotes[qi];
    const quotes::Attribution& a = atts[qi];
    if (a.kind == "term" && !options.report_terms) continue;
    Quote q;
    q.start = toks[sq.first].start;
    q.end = toks[sq.last].end;
    q.text = slice(input, q.start, q.end);
    q.kind = a.kind;
    for (std::optional<std::size_t> p = sq.parent; p; p = scan.quotes[*p].parent) {
      if (index[*p]) {
        q.parent = index[*p];
        break;
      }
    }
    if (a.cue) {
      const std::size_t s = toks[a.cue->first].start;
      const std::size_t e = toks[a.cue->last].end;
      q.cue = Cue{slice(input, s, e), s, e};
    }
    if (!a.speaker_name.empty()) {
      Speaker sp;
      sp.name = a.speaker_name;
      if (a.entity >= 0) sp.entity = all[static_cast<std::size_t>(a.entity)].id;
      sp.via = a.via;
      if (a.speaker_phrase) {
        const std::size_t s = toks[a.speaker_phrase->first].start;
        const std::size_t e = toks[a.speaker_phrase->last].end;
        sp.mention = Mention{slice(input, s, e), s, e, a.mention_kind};
      }
      q.speaker = std::move(sp);
      q.confidence = a.confidence;
    }
    index[qi] = out.quotes.size();
    out.quotes.push_back(std::move(q));
  }
}

void Extractor::Impl::add_entities(const text::Tokens& toks, const std::vector<entities::NameMatch>& names,
                                   const entities::Records& all, Result& out) const {
  std::unordered_map<std::uint32_t, std::size_t> slot;
  for (const entities::NameMatch& m : names) {
    const std::uint32_t e = m.candidates.front();
    const auto [it, fresh] = slot.emplace(e, out.entities.size());
    if (fresh) {
      const EntityRecord& rec = all[e];
      out.entities.push_back(Entity{rec.id, rec.name, rec.type, rec.extra, {}});
    }
    const std::size_t s = toks[m.first].start;
    const std::size_t end = toks[m.last].end;
    out.entities[it->second].mentions.push_back(Mention{slice(toks.input(), s, end), s, end, "name"});
  }
}

Extractor::Extractor() : Extractor(Options{}) {}

Extractor::Extractor(const Options& options, const std::vector<Gazetteer>& gazetteers)
    : impl_(std::make_unique<const Impl>(options, gazetteers)) {}

Extractor::~Extractor() = default;
Extractor::Extractor(Extractor&&) noexcept = default;
Extractor& Extractor::operator=(Extractor&&) noexcept = default;

Result Extractor::extract(std::string_view utf8) const { return impl_->run(utf8); }

}  // namespace parole
