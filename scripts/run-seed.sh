#!/usr/bin/env bash
# Installs what is missing, builds the CLI and runs it on the reference article
# with the embedded default gazetteer. The README's first command. Build
# messages go to stderr, so stdout is the JSON alone.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >&2
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >&2
cmake --build build -j "$(nproc)" --target parole_cli >&2
exec build/parole extract --pretty test-corpus/seed/tass-2021-10-18.txt
