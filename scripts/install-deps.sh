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

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
