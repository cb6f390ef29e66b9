// parole — who said what in French news text.
//
// Tutorial
// --------
//   #include <parole/parole.hpp>
//
//   parole::Extractor ex;  // default options, embedded default gazetteer
//   parole::Result r = ex.extract(
//       "« Nous suspendons la mission », a déclaré Sergueï Lavrov.");
//   for (const parole::Quote& q : r.quotes)
//     std::cout << (q.speaker ? q.speaker->name : "?") << ": " << q.text << "\n";
//   std::cout << parole::to_json(r) << "\n";
//
// Your own people, organisations and places go into a Gazetteer, loaded from a
// file (JSON, JSON Lines or TSV; see README) or built in code, and added to the
// default one:
//
//   parole::Gazetteer g = parole::Gazetteer::from_file("people.json");
//   parole::EntityRecord dupont;
//   dupont.id = "dupont";
//   dupont.name = "Marie Dupont";
//   dupont.type = "PERSON";
//   dupont.gender = "f";
//   g.add(dupont);
//   parole::Extractor ex2(parole::Options{}, {g});
//
// Contracts
// ---------
// * Input is UTF-8. Every offset in a Result is a half-open byte range
//   [start, end) into the exact bytes passed to extract(), whatever the
//   normalisation used internally (case, accents, apostrophes, spaces).
// * Invalid UTF-8 never throws: each bad byte is read as U+FFFD for analysis,
//   offsets still point into the original bytes, and Result::diagnostics says
//   how many bytes were bad and where the first one was.
// * Exceptions (parole::Error) are thrown only while loading gazetteers and
//   building an Extractor, never by extract() for any input.
// * Thread safety: an Extractor is immutable once built; extract() is const and
//   may be called from any number of threads at once. Gazetteer is a plain value
//   type (not synchronised; a compiled one keeps its file mapped, shared by its
//   copies and the extractors built from it). Result owns all its strings.
#ifndef PAROLE_PAROLE_HPP
#define PAROLE_PAROLE_HPP

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "parole/version.hpp"

namespace parole {

// Thrown at load/build time. code() is stable for programs; what() is for people
// and names the source (file), line, column and byte offset when known.
class Error : public std::runtime_error {
 public:
  enum class Code { kIo, kJsonSyntax, kSchema, kDuplicateId, kEncoding, kTooLarge };
  Error(Code code, const std::string& message, std::string source = {}, std::size_t line = 0, std::size_t column = 0,
        std::size_t offset = 0);
  Code code() const noexcept { return code_; }
  const std::string& source() const noexcept { return source_; }
  std::size_t line() const noexcept { return line_; }      // 1-based, 0 = unknown
  std::size_t column() const noexcept { return column_; }  // 1-based byte column, 0 = unknown
  std::size_t offset() const noexcept { return offset_; }  // byte offset in the source

 private:
  Code code_;
  std::string source_;
  std::size_t line_;
  std::size_t column_;
  std::size_t offset_;
};

namespace entities {
class Matcher;
struct Compiled;
class FileBytes;
}  // namespace entities

// One entry of a gazetteer: a canonical entity and the surface forms that name it.
struct EntityRecord {
  std::string id;                    // unique within the extractor
  std::string name;                  // canonical name, also a surface form
  std::string type;                  // PERSON, ORG, LOC or any user type
  std::vector<std::string> aliases;  // other surface forms
  std::string gender;                // "m", "f" or empty (persons)
  std::vector<std::string> roles;    // titles that may stand for the person
  // Unknown keys of the source record: key -> value serialised as JSON text.
  std::map<std::string, std::string> extra;
};

// A list of entity records. Loading validates everything and throws Error with
// the file, line and column of the first problem; nothing is dropped silently.
class Gazetteer {
 public:
  // kAuto: compiled when the data starts with the compiled header, else by
  // the file's extension (.jsonl/.ndjson, .tsv/.tab, anything else JSON).
  enum class Format { kAuto, kJson, kJsonLines, kTsv, kCompiled };

  static Gazetteer from_file(const std::string& path, Format format = Format::kAuto);
  // `source` names the data in error messages.
  static Gazetteer from_string(std::string_view data, Format format, const std::string& source);
  // The gazetteer embedded in the library (countries, capitals, organisations,
  // news agencies, heads of state...; see data/gazetteer/SOURCES.md).
  static const Gazetteer& builtin();

  void add(EntityRecord record);
  // A compiled gazetteer's records are decoded from the file when first asked
  // for here (an extractor decodes only those a document names).
  const std::vector<EntityRecord>& records() const;
  std::size_t size() const noexcept;
  // The file (or the `source` of from_string()) it was loaded from; empty
  // for a gazetteer built in code. Errors about its records name it.
  const std::string& source() const noexcept { return source_; }

  // The compiled form: the records and the ready-built matcher tables in one
  // binary file (versioned, checksummed) that from_file() maps and checks
  // without parsing or building anything: for big lists used every day. The
  // file is written beside `path` and renamed over it, so that processes
  // using the old file go on reading it: replace a compiled file the same
  // way (mv), not by rewriting it in place (cp), while it is in use. Throws
  // Error(kIo) when the file cannot be written.
  //
  // kIncluded (the default) puts the default gazetteer's forms in the
  // matcher too (about 0.9 MB): an extractor with the default gazetteer and
  // this list alone then matches a text in one pass instead of two. It
  // still works with another version of the default gazetteer (matched
  // apart, as kLeftOut) or without it. kLeftOut: a smaller file, for
  // extractors without the default gazetteer.
  enum class DefaultForms { kIncluded, kLeftOut };
  void save_compiled(const std::string& path, DefaultForms default_forms = DefaultForms::kIncluded) const;

 private:
  friend class Extractor;
  static Gazetteer from_compiled(const std::shared_ptr<const entities::FileBytes>& file, const std::string& source);
  static Gazetteer from_compiled_file(const std::string& path);
  // A compiled file's records and matcher (records_ is then empty). add()
  // decodes the records into records_ and drops the file: its matcher no
  // longer covers every record.
  std::shared_ptr<const entities::Compiled> compiled_;
  std::vector<EntityRecord> records_;
  std::string source_;
};

struct Options {
  bool use_default_gazetteer = true;
  // Larger documents are not analysed: extract() returns an empty Result with
  // Diagnostics::too_large set. Offsets are 32-bit, so the bound is < 4 GiB.
  std::size_t max_document_bytes = std::size_t{64} << 20U;
  // Report quoted terms that are not speech (titles, names, scare quotes) as
  // quotes of kind "term" instead of leaving them out.
  bool report_terms = false;
  // Report every gazetteer match as an entity mention, overlapping ones
  // included (« Secrétariat international de l’OTAN » and « OTAN » inside it),
  // instead of the leftmost-longest, non-overlapping ones. The mentions found
  // in the text itself (people and organisations no gazetteer lists, a surname
  // alone) are reported either way. Speakers are found from the
  // leftmost-longest matches either way.
  bool overlapping_mentions = false;
};

// A piece of the input: text is a copy of input[start, end).
struct Span {
  std::string text;
  std::size_t start = 0;
  std::size_t end = 0;
};

// The reporting verb or expression of a quote (« a déclaré », « selon »).
using Cue = Span;

struct Mention {
  std::string text;
  std::size_t start = 0;
  std::size_t end = 0;
  std::string kind;  // "name", "title", "pronoun" or "description"
  // Entity mentions (kind "name"): the honorific (« M. », « Mme », « Dr ») and
  // the title (« ministre russe des Affaires étrangères », without its
  // determiner) written right before the name, when there are any. They are
  // not part of the name and change no entity, except that for a name
  // several entities share they pick among its candidates (see below).
  std::optional<Span> honorific;
  std::optional<Span> title;
  // Entity mentions whose name several entities share (« Paris », « Québec »):
  // the ids of them all, the entity chosen first, and what chose it:
  // "document" (the document names it unambiguously more often than the
  // others), "context" (an honorific, a title or a place preposition right
  // before the name fits its type only, as in « à Paris », « Mme Paris ») or
  // "first-listed" (nothing told them apart; user gazetteers are listed
  // before the default one). Both empty for a name that one entity has.
  std::vector<std::string> candidates;
  std::string resolved_by;
};

struct Speaker {
  std::string name;                // canonical name, or the words of the text (« un manifestant »)
  std::string entity;              // gazetteer id; empty when the speaker is not a known entity
  std::optional<Mention> mention;  // where the text names the speaker for this quote
                                   // (none for a continuation of the previous quote)
  // The pattern that found the speaker: incise, incise-inside, before, colon,
  // selon, parenthesis, continuation, context or interview (see README).
  // How the mention names them is Mention::kind: name, title, pronoun or
  // description.
  std::string via;
};

struct Quote {
  std::string text;  // content between the marks, outer spaces trimmed
  std::size_t start = 0;
  std::size_t end = 0;
  std::string kind;  // "direct", "partial" or "term"
  std::optional<Speaker> speaker;
  std::optional<Cue> cue;
  double confidence = 0.0;            // of the attribution; 0 when there is no speaker
  std::optional<std::size_t> parent;  // index of the enclosing quote, if nested
};

struct Entity {
  std::string id;
  std::string name;
  std::string type;
  std::map<std::string, std::string> extra;  // echoed from the gazetteer
  std::vector<Mention> mentions;             // in text order
};

struct Diagnostics {
  bool too_large = false;  // over Options::max_document_bytes: nothing was analysed
  std::size_t invalid_utf8_bytes = 0;
  std::size_t first_invalid_offset = 0;  // meaningful when invalid_utf8_bytes > 0
  std::size_t unclosed_quotes = 0;       // opening marks closed by recovery rules
  std::size_t stray_closing_marks = 0;
};

struct Result {
  std::vector<Quote> quotes;     // in text order of their opening mark
  std::vector<Entity> entities;  // in order of first mention
  Diagnostics diagnostics;
};

class Extractor {
 public:
  // Default options and the embedded default gazetteer.
  Extractor();
  // Throws Error when the gazetteers are inconsistent: an id given twice is
  // Error(kDuplicateId), whose source is the gazetteer of the second record
  // and whose message gives both places (« b.tsv: entity 4: id "x" is
  // already defined (a.tsv, entity 2) »; a gazetteer built in code is
  // named by its position).
  explicit Extractor(const Options& options, const std::vector<Gazetteer>& gazetteers = {});
  // The same, taking the gazetteers' records rather than copying them: for a
  // large list, less time and half the memory. `gazetteers` is moved from.
  Extractor(const Options& options, std::vector<Gazetteer>&& gazetteers);
  ~Extractor();
  Extractor(Extractor&&) noexcept;
  Extractor& operator=(Extractor&&) noexcept;
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  // Never throws for any input (std::bad_alloc aside).
  Result extract(std::string_view utf8) const;

 private:
  struct Impl;
  std::unique_ptr<const Impl> impl_;
};

// The JSON document described in the README. indent < 0 gives one line.
std::string to_json(const Result& result, int indent = -1);

// The same document on one line, handed to `sink` a piece at a time (about
// 64 KB each, in order), so that a huge document's JSON is never all in
// memory. Stops and returns false as soon as the sink returns false (a
// closed pipe, a full disk); true once everything was written.
bool write_json(const Result& result, const std::function<bool(std::string_view)>& sink);

}  // namespace parole

#endif  // PAROLE_PAROLE_HPP
