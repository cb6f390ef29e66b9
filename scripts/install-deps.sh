#!/usr/bin/env bash
# Installs the Debian 12 packages parole needs to build and test.
# Idempotent: when every package is already present it changes nothing and
# does not touch the network.
set -euo pipefail

packages=(
  g++ cmake make pkg-config git
  libicu-dev          # Unicode normalisation, case folding, break iteration, charset detection
  libre2-dev          # every regular expression (linear time)
  libboost-locale-dev # charset conversion of non-UTF-8 input
  nlohmann-json3-dev  # JSON in and out
  libcli11-dev        # command-line parsing of the CLI
  libsimdjson-dev     # the CLI's UTF-8 check of JSON Lines records
  libjemalloc-dev     # the CLI's malloc (examples/CMakeLists.txt: PAROLE_CLI_MALLOC)
  doctest-dev         # unit tests
  python3             # corpus tooling and the data build script
  clang               # sanitizer builds (build-asan, build-tsan) and libFuzzer (scripts/fuzz.sh)
  libclang-rt-14-dev  # clang's ASan/UBSan/TSan and libFuzzer runtimes
  llvm-14             # llvm-symbolizer: file:line in sanitizer reports
  python3-dask        # examples/dask: the scale-out example and its test
  python3-distributed # examples/dask: LocalCluster of worker processes
  python3-jsonschema  # the JSON output is checked against schema/parole-output.schema.json
  jq                  # examples/pipeline.sh
  doxygen             # API reference (docs/Doxyfile), checked without warnings
  clang-format        # style check of lib/ include/ examples/ tests/
  clang-tidy          # static analysis of lib/
)

# shellcheck source=scripts/apt-install.sh
source "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"
apt_install_missing install-deps "${packages[@]}"
