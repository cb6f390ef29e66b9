#!/usr/bin/env bash
# Installs the Debian 12 packages that bench/peers.sh compares parole with
# (issue #6): pyahocorasick, Hyperscan, ripgrep, RE2 and GNU grep/time. Kept
# apart from scripts/install-deps.sh so that the library's own dependencies stay
# minimal: nothing here is needed to build, test or use parole.
# Idempotent: when every package is already present it changes nothing and
# does not touch the network.
set -euo pipefail

packages=(
  python3-ahocorasick # pyahocorasick: Aho-Corasick automaton from Python (bench/peers/pyahocorasick_peer.py)
  libhyperscan-dev    # Hyperscan: literal caseless multi-pattern matching (bench/peers/hyperscan_peer.cpp)
  libre2-dev          # RE2::Set (bench/peers/re2set_peer.cpp); also a library dependency
  ripgrep             # rg -F -i -c over the pattern list
  grep                # GNU grep -F -i -c
  time                # /usr/bin/time -f: peak RSS of each peer
  pkg-config          # finds libhs and re2 for bench/CMakeLists.txt
)

# shellcheck source=scripts/apt-install.sh
source "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"
apt_install_missing install-bench-deps "${packages[@]}"
