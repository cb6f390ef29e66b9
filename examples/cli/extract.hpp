// parole CLI — `parole extract`: one document (the JSON of the README), or a
// batch (JSON Lines in, one line out per line in; or one line per file).
#ifndef PAROLE_CLI_EXTRACT_HPP
#define PAROLE_CLI_EXTRACT_HPP

#include "cli/common.hpp"

namespace parole_cli {

// Runs the command; returns the exit code (ExitCode).
int run_extract(const ExtractArgs& args);

}  // namespace parole_cli

#endif  // PAROLE_CLI_EXTRACT_HPP
