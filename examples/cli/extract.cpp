#include "cli/extract.hpp"

#include <sched.h>
#include <unistd.h>

#include <cstring>
#include <functional>
#include <future>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "cli/inputs.hpp"
#include "cli/pipeline.hpp"
#include "cli/records.hpp"
#include "parole/encoding.hpp"
#include "parole/parole.hpp"

namespace parole_cli {
namespace {

using ExtractorReady = std::function<const parole::Extractor*()>;

unsigned all_cores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) return CPU_COUNT(&set);
  const unsigned n = std::thread::hardware_concurrency();
  return n > 0 ? n : 1;
}

// The longest JSON Lines record read: JSON escapes make a line longer than its text.
std::size_t max_line_bytes(std::size_t max_bytes) {
  return max_bytes > (SIZE_MAX - (std::size_t{1} << 20U)) / 2 ? SIZE_MAX : 2 * max_bytes + (std::size_t{1} << 20U);
}

bool is_utf8(const std::string& name) { return name == "utf-8" || name == "UTF-8" || name == "utf8" || name == "UTF8"; }

// Checks the options that do not depend on the input; prints why not and returns false.
bool check_options(const ExtractArgs& args, bool batch) {
  const Format format = parse_format(args.format);
  if (args.pretty && (batch || format != Format::kJson)) {
    std::cerr << "parole: --pretty indents the JSON of a single document; batch output is one JSON line per "
                 "record or file, and --format csv/tsv has no indentation\n";
    return false;
  }
  if (!is_utf8(args.encoding) && args.encoding != "auto") {
    try {
      (void)parole::decode("a", args.encoding);
    } catch (const parole::Error& e) {
      std::cerr << "parole: --encoding " << args.encoding << ": unknown encoding (try utf-8, latin1, cp1252, "
                << "iso-8859-15, utf-16, auto)\n";
      return false;
    }
  }
  if (args.jsonl && !parole::is_ascii_compatible(args.encoding)) {
    std::cerr << "parole: --encoding " << args.encoding
              << " cannot be used with --jsonl: JSON Lines are split on bytes, so their encoding must be "
                 "ASCII-compatible (UTF-8 or an 8-bit encoding); convert the file first (iconv)\n";
    return false;
  }
  return true;
}

std::optional<parole::Extractor> build_extractor(const ExtractArgs& args) {
  parole::Options options;
  options.use_default_gazetteer = !args.no_default;
  options.report_terms = args.report_terms;
  options.overlapping_mentions = args.overlapping;
  options.max_document_bytes = args.max_bytes;
  std::vector<parole::Gazetteer> gazetteers;
  try {
    for (const std::string& path : args.gazetteers) {
      gazetteers.push_back(parole::Gazetteer::from_file(path, gazetteer_format(args.gazetteer_format)));
    }
  } catch (const parole::Error& e) {
    std::cerr << "parole: gazetteer error: " << e.what() << "\n";
    return std::nullopt;
  }
  try {
    return std::optional<parole::Extractor>(std::in_place, options, std::move(gazetteers));
  } catch (const parole::Error& e) {
    std::cerr << "parole: " << e.what() << "\n";
    return std::nullopt;
  }
}

int write_error(const Output& out) {
  std::cerr << "parole: " << out.error() << "\n";
  return kOutputError;
}

// One document: the README's JSON (or CSV/TSV rows); problems on stderr.
// `ready` gives the extractor once the document is read (nullptr when it
// could not be built: its error is told, and comes before the input's).
int run_single(const ExtractArgs& args, const ExtractorReady& ready, const std::vector<Source>& sources) {
  const Source& source = sources.front();
  const Format format = parse_format(args.format);
  Output out;
  if (format != Format::kJson) {
    Job job;
    std::size_t consumed = 0;
    job.failure = read_document(source, args.max_bytes, job.bytes, consumed);
    const parole::Extractor* extractor = ready();
    if (extractor == nullptr) return kSetupError;
    const Processor processor(*extractor, args, sources);
    const Outcome outcome = processor.process(job);
    if (!outcome.message.empty()) std::cerr << outcome.message << "\n";
    if (!out.write(table_header(format)) || !out.write(outcome.text) || !out.flush()) return write_error(out);
    return outcome.error ? kInputError : kOk;
  }

  std::string bytes;
  std::size_t consumed = 0;
  const std::optional<Failure> failure = read_document(source, args.max_bytes, bytes, consumed);
  parole::DecodedText decoded;
  std::optional<std::string> decode_error;
  if (!failure) {
    try {
      parole::DecodeOptions options;
      options.strict = args.strict_utf8;
      options.source = source.name;
      decoded = parole::decode(std::move(bytes), args.encoding, options);
    } catch (const parole::Error& e) {
      decode_error = e.what();
    }
  }
  const parole::Extractor* extractor = ready();
  if (extractor == nullptr) return kSetupError;
  if (failure) {
    std::cerr << "parole: " << source.name << ": " << failure->reason << "\n";
    return kInputError;
  }
  if (decode_error) {
    std::cerr << "parole: " << *decode_error << "\n";
    return kInputError;
  }
  if (args.encoding == "auto") {
    std::cerr << "parole: note: " << source.name << ": read as " << decoded.encoding << " (detected, confidence "
              << decoded.confidence << ")\n";
  }
  if (!is_utf8(decoded.encoding) && decoded.invalid_bytes > 0) {
    std::cerr << "parole: warning: " << source.name << ": " << decoded.invalid_bytes << " byte(s) not valid "
              << decoded.encoding << ", the first at byte offset " << decoded.first_invalid_offset
              << " of the input (read as U+FFFD)\n";
  }
  const parole::Result result = extractor->extract(decoded.text);
  if (result.diagnostics.too_large) {
    std::cerr << "parole: " << source.name << ": document of " << decoded.text.size() << " bytes exceeds the limit of "
              << args.max_bytes << " bytes (raise it with --max-bytes)\n";
    return kInputError;
  }
  if (result.diagnostics.invalid_utf8_bytes > 0) {
    std::cerr << "parole: warning: " << source.name << ": " << result.diagnostics.invalid_utf8_bytes
              << " byte(s) of invalid UTF-8, the first at byte offset " << result.diagnostics.first_invalid_offset
              << " (read as U+FFFD)\n";
  }
  // The JSON of a large document goes out a piece at a time rather than as one string.
  const bool written = args.pretty
                           ? out.write(parole::to_json(result, 2))
                           : parole::write_json(result, [&](std::string_view piece) { return out.write(piece); });
  if (!written || !out.write("\n") || !out.flush()) return write_error(out);
  return kOk;
}

// Many records or files: one output line each (or CSV/TSV rows), in input order.
int run_batch(const ExtractArgs& args, const parole::Extractor& extractor, const std::vector<Source>& sources,
              unsigned threads) {
  const Format format = parse_format(args.format);
  Output out;
  if (format != Format::kJson && !out.write(table_header(format))) return write_error(out);
  const Processor processor(extractor, args, sources);
  std::optional<Progress> progress;
  if (!args.no_progress && isatty(STDERR_FILENO) == 1) progress.emplace(total_size(sources));
  Pipeline pipeline(processor, threads, std::size_t{4} * threads, out, progress ? &*progress : nullptr);
  const std::size_t max_line = max_line_bytes(args.max_bytes);

  // Jobs go to the workers in chunks of consecutive jobs (common.hpp: Chunk).
  Chunk chunk;
  bool stopped = false;
  auto add = [&](Job job) {
    chunk.bytes += job.bytes.size();
    chunk.jobs.push_back(std::move(job));
    if (chunk.bytes >= kChunkBytes || chunk.jobs.size() >= kChunkJobs) {
      stopped = !pipeline.submit(std::move(chunk));
      chunk = Chunk();
    }
  };
  auto hand_over = [&] {
    stopped = stopped || !pipeline.submit(std::move(chunk));
    chunk = Chunk();
  };
  for (std::size_t i = 0; i < sources.size() && !stopped; ++i) {
    const Source& source = sources[i];
    if (!args.jsonl) {
      Job job;
      job.source = i;
      job.failure = read_document(source, args.max_bytes, job.bytes, job.input_bytes);
      add(std::move(job));
      continue;
    }
    std::string error;
    const int fd = open_source(source, error);
    if (fd < 0) {
      Job job;
      job.source = i;
      job.failure = Failure{"io", error, std::nullopt, std::nullopt};
      add(std::move(job));
      continue;
    }
    LineReader reader(fd, max_line);
    for (std::uint64_t line = 1; !stopped; ++line) {
      // Before waiting for more input, let the workers have what was read.
      if (!reader.buffered()) hand_over();
      Job job;
      job.source = i;
      job.line = line;
      const LineReader::Status status = reader.next(job.bytes, job.input_bytes);
      if (status == LineReader::Status::kEnd) break;
      if (status == LineReader::Status::kTooLong) {
        job.failure = Failure{"too_large",
                              "line of " + std::to_string(job.input_bytes) + " bytes exceeds the limit of " +
                                  std::to_string(max_line) + " bytes (2 x --max-bytes + 1 MiB)",
                              std::nullopt, std::nullopt};
      } else if (status == LineReader::Status::kError) {
        job.failure = Failure{
            "io",
            std::string("read error: ") + std::strerror(reader.errno_value()) + "; the rest of the file is not read",
            std::nullopt, std::nullopt};
      }
      add(std::move(job));
      if (status == LineReader::Status::kError) break;
    }
    close_source(source, fd);
  }
  if (!stopped) hand_over();
  pipeline.finish();
  if (progress) progress->finish();
  if (out.failed()) {
    std::cerr << "parole: " << out.error() << "; stopped after " << pipeline.written() << " output record(s)\n";
    return kOutputError;
  }
  if (pipeline.errors() > 0) {
    std::cerr << "parole: " << pipeline.errors() << " of " << pipeline.written() << " record(s) could not be processed"
              << (format == Format::kJson ? " (see their \"error\" lines)" : "") << "\n";
    return args.error_lines_ok ? kOk : kRecordErrors;
  }
  return kOk;
}

}  // namespace

int run_extract(const ExtractArgs& given) {
  ExtractArgs args = given;
  if (args.inputs.empty()) args.inputs.emplace_back("-");
  const bool batch = args.jsonl || args.batch || args.inputs.size() > 1 || is_directory(args.inputs.front());
  if (!check_options(args, batch)) return kSetupError;
  const unsigned threads = args.threads == 0 ? all_cores() : args.threads;

  // A single document file is read and checked while the extractor is
  // built on another thread: a large file takes about as long as a large
  // gazetteer. From standard input the extractor comes first, so that a
  // gazetteer error is told without waiting for the end of the input.
  std::future<std::optional<parole::Extractor>> building;
  std::optional<parole::Extractor> extractor;
  if (!batch && args.inputs.front() != "-") {
    building = std::async(std::launch::async, [&args] { return build_extractor(args); });
  } else {
    extractor = build_extractor(args);
    if (!extractor) return kSetupError;
  }
  const ExtractorReady ready = [&]() -> const parole::Extractor* {
    if (building.valid()) extractor = building.get();
    return extractor ? &*extractor : nullptr;
  };

  std::string error;
  const std::vector<Source> sources = expand_inputs(args.inputs, error);
  if (!error.empty()) {
    if (ready() == nullptr) return kSetupError;
    std::cerr << "parole: " << error << "\n";
    return kInputError;
  }
  if (!batch) return run_single(args, ready, sources);
  return run_batch(args, *extractor, sources, threads);
}

}  // namespace parole_cli
