// parole CLI — `parole compile-gazetteer IN... OUT`: one or more gazetteers
// (JSON, JSON Lines, TSV, or compiled) merged into one compiled gazetteer,
// which `parole extract -g OUT` then loads without parsing or building.
#ifndef PAROLE_CLI_COMPILE_HPP
#define PAROLE_CLI_COMPILE_HPP

#include <string>
#include <vector>

namespace parole_cli {

struct CompileArgs {
  std::vector<std::string> inputs;
  std::string output;
  std::string gazetteer_format = "auto";
  bool no_default_gazetteer = false;
};

// Returns the exit code: 0, or 2 (kSetupError) with the reason on stderr.
int run_compile(const CompileArgs& args);

}  // namespace parole_cli

#endif  // PAROLE_CLI_COMPILE_HPP
