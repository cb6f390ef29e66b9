#!/usr/bin/env bash
# Installs what is missing, builds everything and runs every test (unit tests,
# golden and evaluation gates, CLI tests). The README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)"
ctest --test-dir build --output-on-failure -j "$(nproc)"
