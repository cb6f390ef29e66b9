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
