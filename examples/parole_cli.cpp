// parole — command-line front end of the library.
//
//   parole extract [OPTIONS] [FILE|-]            one document -> the README's JSON
//   parole extract [OPTIONS] FILE... | FOLDER    plain-text batch -> one JSON line per file
//   parole extract --jsonl [OPTIONS] [FILE...|-] JSON Lines -> one JSON line per input line
//   parole compile-gazetteer IN... OUT            gazetteers -> one compiled gazetteer
//
// The parts: cli/extract.cpp (the command), cli/pipeline.cpp (bounded,
// ordered, multi-threaded batch), cli/records.cpp (one record or document ->
// output line, CSV/TSV rows or error line), cli/inputs.cpp (files, folders,
// line reading), cli/compile.cpp (compile-gazetteer). See README: Command
// line, Batch, Gazetteers.
//
// Exit codes: 0 success; 1 the (single) input could not be processed; 2 usage
// or set-up error (bad option, unreadable or malformed gazetteer, unknown
// encoding); 3 batch done but some records gave error lines; 4 the output
// could not be written (closed pipe, full disk).
#include <CLI/CLI.hpp>
#include <csignal>
#include <string>

#include "cli/common.hpp"
#include "cli/compile.hpp"
#include "cli/extract.hpp"
#include "parole/parole.hpp"

int main(int argc, char** argv) {
  // A closed output pipe becomes EPIPE on write, reported with exit code 4,
  // instead of killing the process silently.
  std::signal(SIGPIPE, SIG_IGN);

  CLI::App app{"parole: who said what in French news text (quotes, speakers, named entities)"};
  app.set_version_flag("--version",
                       std::string("parole ") + parole::kVersion + " (JSON schema " + parole::kJsonSchemaVersion + ")");
  app.require_subcommand(1);

  parole_cli::ExtractArgs args;
  CLI::App* extract = app.add_subcommand(
      "extract",
      "Find quotes, speakers and entities; print JSON. One document: the JSON result. Several files, a folder, "
      "--batch or --jsonl: one JSON line per file or record, in input order.");
  extract
      ->add_option("--gazetteer,-g", args.gazetteers,
                   "Gazetteer file to add (JSON {\"entities\": [...]}, .jsonl, .tsv, or compiled by "
                   "compile-gazetteer); repeatable")
      ->allow_extra_args(false)
      ->check(CLI::ExistingFile);
  extract->add_option("--gazetteer-format", args.gazetteer_format, "Format of the gazetteer files")
      ->check(CLI::IsMember({"auto", "json", "jsonl", "tsv", "compiled"}));
  extract->add_flag("--no-default-gazetteer", args.no_default, "Do not use the embedded default gazetteer");
  extract->add_flag("--pretty", args.pretty, "Indent the JSON output (single document only)");
  extract->add_flag("--overlapping-mentions", args.overlapping,
                    "Report every gazetteer match as an entity mention, overlapping ones included (default: "
                    "leftmost-longest, non-overlapping)");
  extract->add_flag("--report-terms", args.report_terms,
                    "Also report quoted terms that are not speech (titles, names, scare quotes) as kind \"term\"");
  extract
      ->add_option("--max-bytes", args.max_bytes,
                   "Largest document analysed, in bytes (input and UTF-8 text); with --jsonl a line may be "
                   "2 x this + 1 MiB")
      ->check(CLI::Range(std::size_t{1}, std::size_t{0xFFFFFFFEULL}));
  extract->add_flag("--jsonl", args.jsonl,
                    "Input is JSON Lines: one {\"id\": ..., \"text\": ..., ...} per line; one output line per "
                    "input line (the id, the other fields, and \"result\"; or \"error\")");
  extract->add_flag("--batch", args.batch,
                    "Batch output (one {\"file\": ..., \"result\": ...} line per file) even for one file");
  extract
      ->add_option("--threads,-j", args.threads,
                   "Threads for a batch, the one reading the input included: the run uses N cores at "
                   "most (default 0: all cores)")
      ->check(CLI::Range(0U, 1024U));
  extract->add_option("--format", args.format, "Output: json, or one row per quote as csv or tsv")
      ->check(CLI::IsMember({"json", "csv", "tsv"}));
  extract
      ->add_option("--encoding", args.encoding,
                   "Encoding of the input: utf-8 (default), latin1, cp1252, iso-8859-15, utf-16, utf-16le, ... "
                   "or auto (detected); offsets then refer to the converted UTF-8 text")
      ->capture_default_str();
  extract->add_flag("--strict-utf8", args.strict_utf8,
                    "Reject input that is not valid UTF-8 (or not valid in --encoding) with the byte offset, "
                    "instead of reading bad bytes as U+FFFD");
  extract->add_flag("--keep-text", args.keep_text, "With --jsonl: echo the text field in the output lines too");
  extract->add_option("--id-field", args.id_field, "With --jsonl: the field that identifies a record")
      ->capture_default_str();
  extract->add_option("--text-field", args.text_field, "With --jsonl: the field that holds the text")
      ->capture_default_str();
  extract->add_flag("--no-progress", args.no_progress,
                    "No progress line on stderr (shown for batches only when stderr is a terminal)");
  extract->add_flag("--error-lines-ok", args.error_lines_ok,
                    "Exit 0 rather than 3 when a batch wrote error lines (for engines that fail a task on any "
                    "non-zero exit: Hadoop Streaming, Spark's RDD.pipe in Scala)");
  extract->add_option("input", args.inputs,
                      "Text files or folders (UTF-8 unless --encoding), or JSON Lines files with --jsonl; - or "
                      "nothing for standard input");

  parole_cli::CompileArgs compile_args;
  CLI::App* compile = app.add_subcommand(
      "compile-gazetteer",
      "Merge gazetteers (JSON, .jsonl, .tsv) into one compiled file that extract -g loads in milliseconds");
  compile->add_option("--gazetteer-format", compile_args.gazetteer_format, "Format of the input files")
      ->check(CLI::IsMember({"auto", "json", "jsonl", "tsv", "compiled"}));
  compile->add_flag("--no-default-gazetteer", compile_args.no_default_gazetteer,
                    "Leave the default gazetteer's forms out of the file (smaller; for extract --no-default-gazetteer, "
                    "where they are not used). With them, extract with the default gazetteer matches a text in one "
                    "pass");
  compile->add_option("files", compile_args.inputs, "Gazetteer files, then the compiled gazetteer to write (last)")
      ->required()
      ->expected(2, -1);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : parole_cli::kSetupError;
  }
  if (extract->parsed()) return parole_cli::run_extract(args);
  if (compile->parsed()) {
    compile_args.output = compile_args.inputs.back();
    compile_args.inputs.pop_back();
    return parole_cli::run_compile(compile_args);
  }
  return parole_cli::kSetupError;
}
