#include <algorithm>
#include <iterator>
#include <optional>
#include <tuple>
#include <utility>

#include "entities/compiled.hpp"
#include "entities/matcher.hpp"
#include "entities/name_context.hpp"
#include "entities/records.hpp"
#include "entities/short_names.hpp"
#include "parole/parole.hpp"
#include "quotes/attribution.hpp"
#include "quotes/interview.hpp"
#include "quotes/lexicon.hpp"
#include "quotes/organisations.hpp"
#include "quotes/people.hpp"
#include "quotes/scanner.hpp"
#include "quotes/word_map.hpp"
#include "text/tokens.hpp"

namespace parole {
namespace {

constexpr std::size_t kOffsetLimit = 0xFFFFFFFFULL;

// The default gazetteer's matcher is built once per process and shared by
// every Extractor.
const std::shared_ptr<const entities::Matcher>& builtin_matcher() {
  static const auto& matcher =  // never destroyed, as Lexicon::builtin()
      *new std::shared_ptr<const entities::Matcher>(
          std::make_shared<const entities::Matcher>(Gazetteer::builtin().records()));
  return matcher;
}

std::string slice(std::string_view input, std::size_t start, std::size_t end) {
  return std::string(input.substr(start, end - start));
}

Span span_of(const text::Tokens& toks, entities::TokenRange range) {
  const std::size_t start = toks[range.first].start;
  const std::size_t end = toks[range.last].end;
  return Span{slice(toks.input(), start, end), start, end};
}

// One gazetteer's records (at `offset` in Impl::records) and its matcher.
struct Segment {
  std::shared_ptr<const entities::Matcher> matcher;
  std::uint32_t offset = 0;
  std::vector<bool> disabled;  // default records replaced by a user record with the same id
  // Entities of the matcher from this one on are not used: the default
  // gazetteer's forms in a compiled file, when the default gazetteer is off
  // or matched apart (see entities::DefaultPart).
  std::uint32_t entity_limit = entities::Matcher::kAllEntities;
};

}  // namespace

// Documents up to this size are tokenized in memory kept by the thread (see run()).
constexpr std::size_t kReusedTokensBytes = std::size_t{256} << 10U;

struct Extractor::Impl {
  static void merge(const Options& options, std::vector<Gazetteer>& gazetteers, entities::RecordStore& store,
                    std::vector<Segment>& segments);

  Impl(const Options& opts, std::vector<Gazetteer> gazetteers) : options(opts) {
    merge(opts, gazetteers, records, segments);
  }

  Options options;
  entities::RecordStore records;  // every gazetteer's, user gazetteers first
  std::vector<Segment> segments;
  const quotes::Lexicon& lex = quotes::Lexicon::builtin();
  entities::TypeOf type_of = [this](std::uint32_t e) { return std::string_view(records[e].type); };

  Result run(std::string_view input) const;
  Result analyse(const text::Tokens& toks) const;
  std::vector<entities::NameMatch> find_names(const text::Tokens& toks) const;
  std::string_view type_called_for(const text::Tokens& toks, const entities::NameMatch& m) const;
  bool after_non_place_locution(const text::Tokens& toks, const entities::NameMatch& m) const;
  std::vector<entities::NameMatch> all_names(const text::Tokens& toks) const;
  static void add_found_in_text(std::vector<entities::NameMatch>& every, const std::vector<entities::NameMatch>& names,
                                const std::vector<entities::NameMatch>& matched);
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
  // A thread's tokens of a document are reused for its next one: a batch
  // of articles otherwise allocates and clears their memory again for each.
  // A long document has its own, so that it leaves no thread holding its size.
  if (input.size() <= kReusedTokensBytes) {
    thread_local text::Tokens reused;
    reused.assign(input);
    return analyse(reused);
  }
  return analyse(text::Tokens(input));
}

Result Extractor::Impl::analyse(const text::Tokens& toks) const {
  Result out;
  out.diagnostics.invalid_utf8_bytes = toks.invalid_bytes();
  out.diagnostics.first_invalid_offset = toks.first_invalid();
  quotes::ScanResult scan = quotes::scan_quotes(toks, lex);
  quotes::add_interview_answers(toks, lex, scan);
  out.diagnostics.unclosed_quotes = scan.unclosed;
  out.diagnostics.stray_closing_marks = scan.stray_closing;
  const entities::TypeHint type_hint = [&](const entities::NameMatch& m) { return type_called_for(toks, m); };
  std::vector<entities::NameMatch> names = find_names(toks);
  entities::resolve_ambiguity(names, type_of, type_hint);
  // What the gazetteers matched, to tell what the finders below add to it.
  std::vector<entities::NameMatch> matched;
  if (options.overlapping_mentions) matched = names;
  entities::Records all(records);
  // « le quotidien El Punt Avui »: an organisation noun is a stronger sign than a given name.
  const quotes::NounStarts nouns = lex.noun_starts_in(toks);
  quotes::find_organisations(toks, lex, nouns.organisation, all, names);
  const std::vector<std::uint32_t> capitals = entities::capitalised_words(toks);
  quotes::find_people(toks, lex, capitals, all, names);
  entities::add_short_names(toks, capitals, all, names);
  const std::vector<quotes::Attribution> atts = quotes::attribute(toks, lex, scan, names, all, nouns.document);
  add_quotes(toks, scan, atts, all, out);
  if (options.overlapping_mentions) {
    std::vector<entities::NameMatch> every = all_names(toks);
    entities::resolve_ambiguity(every, type_of, type_hint);
    add_found_in_text(every, names, matched);
    add_entities(toks, every, all, out);
  } else {
    add_entities(toks, names, all, out);
  }
  return out;
}

namespace {

const char* resolution_name(entities::Resolution r) {
  switch (r) {
    case entities::Resolution::kDocument:
      return "document";
    case entities::Resolution::kContext:
      return "context";
    case entities::Resolution::kFirstListed:
    case entities::Resolution::kUnique:
      break;
  }
  return "first-listed";
}

// A shared name's candidates, the chosen one first, and what chose it.
void report_candidates(const entities::NameMatch& m, const entities::Records& all, Mention& mention) {
  mention.candidates.reserve(m.candidates.size());
  for (const std::uint32_t e : m.candidates) mention.candidates.push_back(all[e].id);
  mention.resolved_by = resolution_name(m.resolution);
}

}  // namespace

// Whether the words right before the match end a locution such as « face à »,
// after which a name is not a place.
bool Extractor::Impl::after_non_place_locution(const text::Tokens& toks, const entities::NameMatch& m) const {
  for (std::size_t length = 2; length <= lex.non_place_locutions.longest() && length <= m.first; ++length) {
    if (lex.non_place_locutions.match(toks, m.first - length) == length) return true;
  }
  return false;
}

// The entity type that the words right before a shared name call for: a
// person after an honorific or a person's title (« Mme Paris », « le
// président Jordan »), an organisation after an organisation noun, a place
// after a place preposition (« à Paris », « en Géorgie »).
std::string_view Extractor::Impl::type_called_for(const text::Tokens& toks, const entities::NameMatch& m) const {
  const entities::NameContext context = entities::name_context(toks, lex, m.first);
  if (context.honorific || (context.title && !context.title_is_organisation)) return "PERSON";
  if (context.title) return "ORG";
  if (m.first > 0 && lex.place_prepositions.match(toks, m.first - 1) == 1 && !after_non_place_locution(toks, m)) {
    return "LOC";
  }
  return {};
}

namespace {

// « gaz.tsv, entity 3 »: where the record at `index` of the merged records
// comes from (`starts`: where each gazetteer's records begin).
std::string record_place(const std::vector<Gazetteer>& gazetteers, const std::vector<std::size_t>& starts,
                         std::size_t index) {
  const std::size_t g =
      static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), index) - starts.begin()) - 1;
  const std::string& source = gazetteers[g].source();
  return (source.empty() ? "gazetteer " + std::to_string(g + 1) + " (built in code)" : source) + ", entity " +
         std::to_string(index - starts[g] + 1);
}

Error duplicate_id(const std::vector<Gazetteer>& gazetteers, const std::vector<std::size_t>& starts, std::size_t first,
                   std::size_t second, const std::string& id) {
  const std::size_t g = starts.size() - 1;  // the record being added is the last gazetteer's
  return {Error::Code::kDuplicateId,
          "entity " + std::to_string(second - starts[g] + 1) + ": id \"" + id + "\" is already defined (" +
              record_place(gazetteers, starts, first) + ")",
          gazetteers[g].source()};
}

// An id that two compiled lists share, as its record's index in each; the
// smaller list's ids are looked up in the other's table.
std::optional<std::pair<std::size_t, std::size_t>> shared_id(const entities::CompiledRecords& earlier,
                                                             const entities::CompiledRecords& added) {
  const bool walk_earlier = earlier.size() <= added.size();
  const entities::CompiledRecords& walked = walk_earlier ? earlier : added;
  const entities::CompiledRecords& searched = walk_earlier ? added : earlier;
  for (std::size_t i = 0; i < walked.size(); ++i) {
    if (const auto found = searched.find(walked.id(i))) {
      return walk_earlier ? std::make_pair(i, std::size_t{*found}) : std::make_pair(std::size_t{*found}, i);
    }
  }
  return std::nullopt;
}

}  // namespace

// The records of every gazetteer in one index space, user gazetteers first,
// and their matchers. Gazetteers given as text share one matcher with the
// default gazetteer: a document is then matched in one pass rather than one
// per gazetteer (a pass reads every token), and the matches are the same. A
// compiled gazetteer's tables, and the default one's when no other gazetteer
// is given as text, are used as they are: one matcher each.
// Records given as text are moved out of `gazetteers` (Impl's own copy, or
// the caller's vector when it was handed over); the default gazetteer's and
// compiled ones' stay where they are.
void Extractor::Impl::merge(const Options& options, std::vector<Gazetteer>& gazetteers, entities::RecordStore& store,
                            std::vector<Segment>& segments) {
  std::size_t total = 0;
  for (const Gazetteer& g : gazetteers) total += g.size();
  if (total + Gazetteer::builtin().size() >= 0xFFFFFFFFULL) {
    throw Error(Error::Code::kTooLarge, "more than 2^32 entities");
  }
  const auto compiled = [](const Gazetteer& g) { return g.compiled_ != nullptr; };
  const bool one_matcher = total > 0 && std::none_of(gazetteers.begin(), gazetteers.end(), compiled);
  // The ids of the records given as text, each with its record's index: views
  // into the store, whose lists stay put. A flat table, as a node-based set
  // took an allocation per record (most of a 100 k list's merge). A compiled
  // file has its own table (CompiledRecords::find).
  quotes::WordMap<std::uint32_t, std::string_view> ids;
  struct CompiledPart {
    const entities::CompiledRecords* records;
    std::uint32_t offset;
  };
  std::vector<CompiledPart> compiled_parts;
  std::vector<std::size_t> starts;              // of each gazetteer's records in the store
  std::optional<std::size_t> default_forms_in;  // the segment whose matcher has the default forms
  const auto in_compiled = [&](std::string_view id) -> std::optional<std::uint32_t> {
    for (const CompiledPart& part : compiled_parts) {
      if (const auto found = part.records->find(id)) return part.offset + *found;
    }
    return std::nullopt;
  };
  for (Gazetteer& g : gazetteers) {
    Segment seg;
    const auto offset = static_cast<std::uint32_t>(store.size());
    seg.offset = offset;
    starts.push_back(offset);
    if (compiled(g)) {
      const entities::CompiledRecords& added = *g.compiled_->records;
      // An id of an earlier gazetteer in this one: each of the earlier ids
      // is looked up in it (or its ids in a smaller earlier file), not the
      // other way round, so that a big compiled list is not read through.
      for (const auto& [id, e] : ids.entries()) {
        if (const auto found = added.find(id))
          throw duplicate_id(gazetteers, starts, e, offset + *found, std::string(id));
      }
      for (const CompiledPart& earlier : compiled_parts) {
        if (const auto both = shared_id(*earlier.records, added)) {
          throw duplicate_id(gazetteers, starts, earlier.offset + both->first, offset + both->second,
                             std::string(added.id(both->second)));
        }
      }
      compiled_parts.push_back(CompiledPart{&added, offset});
      seg.matcher = g.compiled_->matcher;
      // Its matcher has the default gazetteer's forms too: used for them
      // when it is the only list and the library's default gazetteer is the
      // one it was compiled with, so that a text is matched in one pass.
      const entities::DefaultPart defaults = g.compiled_->defaults;
      const entities::DefaultPart builtin = entities::builtin_forms();
      if (options.use_default_gazetteer && gazetteers.size() == 1 && defaults.records == builtin.records &&
          defaults.fingerprint == builtin.fingerprint && defaults.records > 0) {
        default_forms_in = segments.size();
      } else {
        seg.entity_limit = static_cast<std::uint32_t>(added.size());
      }
      store.add_compiled(g.compiled_->records);
    } else {
      // A matcher of its own is built from the records before they move.
      if (!one_matcher && !g.records_.empty()) seg.matcher = std::make_shared<const entities::Matcher>(g.records_);
      ids.reserve(ids.size() + g.records_.size());
      store.add_owned(std::move(g.records_));
      g.records_.clear();
      for (std::size_t e = offset; e < store.size(); ++e) {
        const std::string& id = store[e].id;
        const std::size_t known = ids.size();
        ids.emplace(id, static_cast<std::uint32_t>(e));
        if (ids.size() == known) throw duplicate_id(gazetteers, starts, *ids.find(id), e, id);
        if (const auto found = in_compiled(id)) throw duplicate_id(gazetteers, starts, *found, e, id);
      }
    }
    if (seg.matcher) segments.push_back(std::move(seg));
  }
  Segment seg;  // the default gazetteer's, or the shared one
  if (options.use_default_gazetteer) {
    const std::vector<EntityRecord>& builtin = Gazetteer::builtin().records();
    seg.offset = static_cast<std::uint32_t>(one_matcher ? 0 : store.size());
    // Default records replaced by a user record with the same id: their
    // forms are passed over. In a matcher shared with the user records,
    // the default ones come after them (the only list's, when compiled).
    const std::size_t masked = one_matcher || default_forms_in ? store.size() : 0;
    seg.disabled.resize(masked + builtin.size());
    bool any_disabled = false;
    for (std::size_t i = 0; i < builtin.size(); ++i) {
      seg.disabled[masked + i] = ids.contains(builtin[i].id) || in_compiled(builtin[i].id).has_value();
      any_disabled = any_disabled || seg.disabled[masked + i];
    }
    // None replaced: no mask, so that one matcher takes find_names()'s single-matcher path.
    if (!any_disabled) seg.disabled.clear();
    store.add_borrowed(builtin);  // never destroyed: used where they are
    if (default_forms_in) {
      segments[*default_forms_in].disabled = std::move(seg.disabled);
    } else if (!one_matcher) {
      seg.matcher = builtin_matcher();
    }
  }
  if (one_matcher) seg.matcher = std::make_shared<const entities::Matcher>(store);
  if (seg.matcher) segments.push_back(std::move(seg));
}

namespace {

// Entity indices of a segment's matches made global (its records start at `offset`).
void shift(std::vector<entities::NameMatch>& matches, std::uint32_t offset) {
  for (entities::NameMatch& m : matches) {
    for (std::uint32_t& c : m.candidates) c += offset;
  }
}

// What `find(matcher, disabled, entity_limit)` gives for every segment, with global indices.
template <typename Find>
std::vector<entities::NameMatch> from_every_segment(const std::vector<Segment>& segments, const Find& find) {
  std::vector<entities::NameMatch> all;
  for (const Segment& seg : segments) {
    std::vector<entities::NameMatch> found =
        find(*seg.matcher, seg.disabled.empty() ? nullptr : &seg.disabled, seg.entity_limit);
    shift(found, seg.offset);
    all.insert(all.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  }
  return all;
}

// Where a mention is and whom it names: the same in two lists of matches.
using MentionKey = std::tuple<std::size_t, std::size_t, std::uint32_t>;
MentionKey key_of(const entities::NameMatch& m) { return {m.first, m.last, m.candidates.front()}; }

}  // namespace

// The mentions the finders added to the gazetteers' matches (people and
// organisations no gazetteer lists, a surname alone for a person named in
// full), put among every overlapping match: the overlapping view is the
// other one plus the overlaps, never less.
void Extractor::Impl::add_found_in_text(std::vector<entities::NameMatch>& every,
                                        const std::vector<entities::NameMatch>& names,
                                        const std::vector<entities::NameMatch>& matched) {
  std::vector<MentionKey> known;
  known.reserve(matched.size() + every.size());
  for (const entities::NameMatch& m : matched) known.push_back(key_of(m));
  for (const entities::NameMatch& m : every) known.push_back(key_of(m));
  std::sort(known.begin(), known.end());
  const std::size_t before = every.size();
  for (const entities::NameMatch& m : names) {
    if (!std::binary_search(known.begin(), known.end(), key_of(m))) every.push_back(m);
  }
  if (every.size() == before) return;
  std::stable_sort(every.begin(), every.end(), entities::earlier_span);
}

std::vector<entities::NameMatch> Extractor::Impl::find_names(const text::Tokens& toks) const {
  if (segments.size() == 1 && segments.front().disabled.empty()) {
    std::vector<entities::NameMatch> names = segments.front().matcher->find(toks, segments.front().entity_limit);
    shift(names, segments.front().offset);
    return names;
  }
  return entities::leftmost_longest(
      from_every_segment(segments, [&](const entities::Matcher& m, const std::vector<bool>* disabled,
                                       std::uint32_t limit) { return m.longest_per_start(toks, disabled, limit); }));
}

std::vector<entities::NameMatch> Extractor::Impl::all_names(const text::Tokens& toks) const {
  return entities::pool_spans(
      from_every_segment(segments, [&](const entities::Matcher& m, const std::vector<bool>* disabled,
                                       std::uint32_t limit) { return m.find_all(toks, disabled, limit); }));
}

void Extractor::Impl::add_quotes(const text::Tokens& toks, const quotes::ScanResult& scan,
                                 const std::vector<quotes::Attribution>& atts, const entities::Records& all,
                                 Result& out) const {
  const std::string_view input = toks.input();
  std::vector<std::optional<std::size_t>> index(scan.quotes.size());
  out.quotes.reserve(out.quotes.size() + scan.quotes.size());  // at most one each: no Quote moved by regrowth
  for (std::size_t qi = 0; qi < scan.quotes.size(); ++qi) {
    const quotes::ScannedQuote& sq = scan.quotes[qi];
    const quotes::Attribution& a = atts[qi];
    if (std::string_view(a.kind) == "term" && !options.report_terms) continue;
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
        sp.mention = Mention{slice(input, s, e), s, e, a.mention_kind, std::nullopt, std::nullopt, {}, {}};
      }
      q.speaker = std::move(sp);
      q.confidence = a.confidence;
    }
    index[qi] = out.quotes.size();
    out.quotes.push_back(std::move(q));
  }
}

namespace {

// The group of each name's entity, groups numbered in order of first mention,
// and the size of each group: one pass through an open-addressing table
// sized from the names (linear in the document, no node per entity).
struct EntityGroups {
  struct Group {
    std::uint32_t entity;
    std::uint32_t names;  // how many names are of this group
  };
  std::vector<std::uint32_t> of_name;  // group of names[i]
  std::vector<Group> groups;

  explicit EntityGroups(const std::vector<entities::NameMatch>& names) : of_name(names.size()) {
    constexpr std::uint32_t kEmpty = 0xFFFFFFFFU;
    struct Slot {
      std::uint32_t entity = kEmpty;
      std::uint32_t group = 0;
    };
    std::size_t slots = 16;
    while (slots < 2 * names.size()) slots *= 2;
    std::vector<Slot> table(slots);
    groups.reserve(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
      const std::uint32_t e = names[i].candidates.front();
      std::size_t at = static_cast<std::uint32_t>(e * 0x9E3779B1U) & (slots - 1);
      while (table[at].entity != kEmpty && table[at].entity != e) at = (at + 1) & (slots - 1);
      if (table[at].entity == kEmpty) {
        table[at] = Slot{e, static_cast<std::uint32_t>(groups.size())};
        groups.push_back(Group{e, 0});
      }
      of_name[i] = table[at].group;
      ++groups[table[at].group].names;
    }
  }
};

}  // namespace

// Entities in order of first mention, each with its mentions in text order;
// every vector made at its size, each record's type compared once.
void Extractor::Impl::add_entities(const text::Tokens& toks, const std::vector<entities::NameMatch>& names,
                                   const entities::Records& all, Result& out) const {
  const EntityGroups groups(names);
  struct Kind {
    bool person, organisation, place;
  };
  std::vector<Kind> kinds;
  kinds.reserve(groups.groups.size());
  const std::size_t base = out.entities.size();
  out.entities.reserve(base + groups.groups.size());
  for (const EntityGroups::Group& group : groups.groups) {
    const EntityRecord& rec = all[group.entity];
    Entity& entity = out.entities.emplace_back();  // filled in place: no temporary to move and destroy
    entity.id = rec.id;
    entity.name = rec.name;
    entity.type = rec.type;
    if (!rec.extra.empty()) entity.extra = rec.extra;  // most records have none: no call to copy an empty map
    entity.mentions.reserve(group.names);
    const std::string_view type = rec.type;  // compared inline, not through std::string::compare
    kinds.push_back(Kind{type == "PERSON", type == "ORG", type == "LOC"});
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    const entities::NameMatch& m = names[i];
    const Kind kind = kinds[groups.of_name[i]];
    const std::size_t s = toks[m.first].start;
    const std::size_t stop = toks[m.last].end;
    // Default-initialised, then filled: a braced initialiser has the whole
    // struct zeroed first (a rep stos of its 250 bytes, a fifth of this loop).
    Mention mention;
    mention.text.assign(toks.input(), s, stop - s);
    mention.start = s;
    mention.end = stop;
    mention.kind = "name";
    // A place takes neither an honorific nor a title: its context is not read.
    if (!kind.place) {
      const entities::NameContext context = entities::name_context(toks, lex, m.first);
      if (context.honorific && !kind.organisation) mention.honorific = span_of(toks, *context.honorific);
      // An organisation noun titles an organisation, a person's title a person.
      const bool title_fits = kind.person         ? !context.title_is_organisation
                              : kind.organisation ? context.title_is_organisation
                                                  : true;
      if (context.title && title_fits) mention.title = span_of(toks, *context.title);
    }
    if (m.candidates.size() > 1) report_candidates(m, all, mention);
    out.entities[base + groups.of_name[i]].mentions.push_back(std::move(mention));
  }
}

Extractor::Extractor() : Extractor(Options{}) {}

Extractor::Extractor(const Options& options, const std::vector<Gazetteer>& gazetteers)
    : impl_(std::make_unique<const Impl>(options, gazetteers)) {}

Extractor::Extractor(const Options& options, std::vector<Gazetteer>&& gazetteers)
    : impl_(std::make_unique<const Impl>(options, std::move(gazetteers))) {}

Extractor::~Extractor() = default;
Extractor::Extractor(Extractor&&) noexcept = default;
Extractor& Extractor::operator=(Extractor&&) noexcept = default;

Result Extractor::extract(std::string_view utf8) const { return impl_->run(utf8); }

}  // namespace parole
