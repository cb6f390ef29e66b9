// parole — command-line front end of the library.
//
//   parole extract [--gazetteer FILE]... [--no-default-gazetteer] [--pretty] [FILE|-]
//
// Prints one JSON document per input (see README: JSON output). Exit codes:
// 0 success, 1 the input could not be processed, 2 usage or set-up error
// (bad option, unreadable or malformed gazetteer).
#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "parole/parole.hpp"

namespace {

constexpr int kInputError = 1;
constexpr int kSetupError = 2;

struct ExtractArgs {
  std::vector<std::string> gazetteers;
  std::string gazetteer_format = "auto";
  bool no_default = false;
  bool pretty = false;
  bool report_terms = false;
  std::size_t max_bytes = std::size_t{64} << 20U;
  std::string input = "-";
};

parole::Gazetteer::Format parse_format(const std::string& name) {
  if (name == "json") return parole::Gazetteer::Format::kJson;
  if (name == "jsonl") return parole::Gazetteer::Format::kJsonLines;
  if (name == "tsv") return parole::Gazetteer::Format::kTsv;
  return parole::Gazetteer::Format::kAuto;
}

// Reads the whole input; on failure says why on stderr and returns false.
bool read_input(const std::string& name, std::string& out) {
  const bool stdin_input = name == "-";
  std::FILE* f = stdin_input ? stdin : std::fopen(name.c_str(), "rb");
  if (f == nullptr) {
    std::cerr << "parole: " << name << ": cannot open: " << std::strerror(errno) << "\n";
    return false;
  }
  char buffer[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) out.append(buffer, n);
  const bool failed = std::ferror(f) != 0;
  const int saved = errno;
  if (!stdin_input) std::fclose(f);
  if (failed) {
    std::cerr << "parole: " << (stdin_input ? "<stdin>" : name) << ": read error: " << std::strerror(saved) << "\n";
    return false;
  }
  return true;
}

bool write_output(const std::string& text) {
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fputc('\n', stdout) == EOF ||
      std::fflush(stdout) != 0) {
    std::cerr << "parole: cannot write output: " << std::strerror(errno) << "\n";
    return false;
  }
  return true;
}

int run_extract(const ExtractArgs& args) {
  parole::Options options;
  options.use_default_gazetteer = !args.no_default;
  options.report_terms = args.report_terms;
  options.max_document_bytes = args.max_bytes;
  std::vector<parole::Gazetteer> gazetteers;
  try {
    for (const std::string& path : args.gazetteers) {
      gazetteers.push_back(parole::Gazetteer::from_file(path, parse_format(args.gazetteer_format)));
    }
  } catch (const parole::Error& e) {
    std::cerr << "parole: gazetteer error: " << e.what() << "\n";
    return kSetupError;
  }
  std::optional<parole::Extractor> extractor;
  try {
    extractor.emplace(options, gazetteers);
  } catch (const parole::Error& e) {
    std::cerr << "parole: " << e.what() << "\n";
    return kSetupError;
  }
  std::string text;
  if (!read_input(args.input, text)) return kInputError;
  const std::string shown = args.input == "-" ? "<stdin>" : args.input;
  const parole::Result result = extractor->extract(text);
  if (result.diagnostics.too_large) {
    std::cerr << "parole: " << shown << ": document of " << text.size() << " bytes exceeds the limit of "
              << args.max_bytes << " bytes (raise it with --max-bytes)\n";
    return kInputError;
  }
  if (result.diagnostics.invalid_utf8_bytes > 0) {
    std::cerr << "parole: warning: " << shown << ": " << result.diagnostics.invalid_utf8_bytes
              << " byte(s) of invalid UTF-8, the first at byte offset " << result.diagnostics.first_invalid_offset
              << " (read as U+FFFD)\n";
  }
  return write_output(parole::to_json(result, args.pretty ? 2 : -1)) ? 0 : kInputError;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"parole: who said what in French news text (quotes, speakers, named entities)"};
  app.set_version_flag("--version",
                       std::string("parole ") + parole::kVersion + " (JSON schema " + parole::kJsonSchemaVersion + ")");
  app.require_subcommand(1);

  ExtractArgs args;
  CLI::App* extract = app.add_subcommand("extract", "Find quotes, speakers and entities in one document; print JSON");
  extract
      ->add_option("--gazetteer,-g", args.gazetteers,
                   "Gazetteer file to add (JSON {\"entities\": [...]}, .jsonl, or .tsv); repeatable")
      ->allow_extra_args(false)
      ->check(CLI::ExistingFile);
  extract->add_option("--gazetteer-format", args.gazetteer_format, "Format of the gazetteer files")
      ->check(CLI::IsMember({"auto", "json", "jsonl", "tsv"}));
  extract->add_flag("--no-default-gazetteer", args.no_default, "Do not use the embedded default gazetteer");
  extract->add_flag("--pretty", args.pretty, "Indent the JSON output");
  extract->add_flag("--report-terms", args.report_terms,
                    "Also report quoted terms that are not speech (titles, names, scare quotes) as kind \"term\"");
  extract->add_option("--max-bytes", args.max_bytes, "Largest document analysed, in bytes")
      ->check(CLI::Range(std::size_t{1}, std::size_t{0xFFFFFFFEULL}));
  extract->add_option("input", args.input, "UTF-8 text file; - or nothing for standard input");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : kSetupError;
  }
  if (extract->parsed()) return run_extract(args);
  return kSetupError;
}
