// parole CLI — what the parts of `parole extract` share: arguments, exit
// codes, and the unit of work of a batch (a Job in, an Outcome out).
#ifndef PAROLE_CLI_COMMON_HPP
#define PAROLE_CLI_COMMON_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parole/parole.hpp"

namespace parole_cli {

// Exit codes of `parole extract` (README: Command line).
enum ExitCode : int {
  kOk = 0,            // everything processed
  kInputError = 1,    // single document: unreadable, too large, invalid encoding (--strict-utf8)
  kSetupError = 2,    // usage, gazetteer or option error: nothing was processed
  kRecordErrors = 3,  // batch: ran to the end, but at least one error line was written
  kOutputError = 4,   // output not writable (closed pipe, full disk): stopped early
};

enum class Format { kJson, kCsv, kTsv };

// --gazetteer-format: auto, json, jsonl, tsv or compiled.
inline parole::Gazetteer::Format gazetteer_format(const std::string& name) {
  if (name == "json") return parole::Gazetteer::Format::kJson;
  if (name == "jsonl") return parole::Gazetteer::Format::kJsonLines;
  if (name == "tsv") return parole::Gazetteer::Format::kTsv;
  if (name == "compiled") return parole::Gazetteer::Format::kCompiled;
  return parole::Gazetteer::Format::kAuto;
}

struct ExtractArgs {
  std::vector<std::string> gazetteers;
  std::string gazetteer_format = "auto";
  bool no_default = false;
  bool pretty = false;
  bool report_terms = false;
  bool overlapping = false;
  std::size_t max_bytes = std::size_t{64} << 20U;
  std::vector<std::string> inputs;  // files, folders or "-"; none = standard input
  bool jsonl = false;
  bool batch = false;
  unsigned threads = 0;  // 0 = all cores
  std::string format = "json";
  std::string encoding = "utf-8";
  bool strict_utf8 = false;
  bool keep_text = false;
  std::string id_field = "id";
  std::string text_field = "text";
  bool no_progress = false;
  bool error_lines_ok = false;  // exit 0 instead of kRecordErrors
};

// Why a record or document could not be processed.
struct Failure {
  std::string code;                   // json, schema, encoding, too_large, io, empty, internal
  std::string reason;                 // for people
  std::optional<std::size_t> offset;  // byte offset of an encoding error, when known
  std::optional<std::size_t> column;  // 1-based byte column of a JSON syntax error in its line
};

// One JSON Lines record or one plain-text document, as read.
struct Job {
  std::size_t source = 0;          // index of the input's name
  std::uint64_t line = 0;          // 1-based line in its file (JSON Lines), 0 for a document
  std::string bytes;               // the line (without its end) or the whole document
  std::size_t input_bytes = 0;     // bytes consumed from the input, for progress
  std::optional<Failure> failure;  // set by the reader: too large, unreadable
};

// Consecutive jobs handed to one worker at once: small records would
// otherwise cost more in thread hand-overs than in analysis. At most
// kChunkBytes of input (or one larger document) and kChunkJobs jobs.
struct Chunk {
  std::uint64_t seq = 0;  // position in the output, set by the pipeline
  std::vector<Job> jobs;
  std::size_t bytes = 0;
};
inline constexpr std::size_t kChunkBytes = std::size_t{256} << 10U;
inline constexpr std::size_t kChunkJobs = 1024;

// What the writer prints for a Job, in input order.
struct Outcome {
  std::string text;     // output bytes (a JSON line, CSV/TSV rows, or nothing)
  std::string message;  // for stderr (errors in CSV/TSV mode, warnings)
  bool error = false;   // an error line (or row-less error) was produced
  std::size_t input_bytes = 0;
};

}  // namespace parole_cli

#endif  // PAROLE_CLI_COMMON_HPP
