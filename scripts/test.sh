#!/usr/bin/env bash
# Installs what is missing, builds everything and runs every test (unit tests,
# golden and evaluation gates, CLI tests, fuzz corpus replays). The README's
# test command, and CI's (.ci/run).
#
# Then the suite again under sanitizers, any report being fatal:
#   build-asan/  clang, AddressSanitizer + UndefinedBehaviorSanitizer: every
#                test that runs the project's code (not the docs and lint
#                checks, nor the consumer build of the sources as a subproject);
#   build-tsan/  clang, ThreadSanitizer: the unit tests (tests/test_threads.cpp runs
#                one Extractor from 8 threads) and the CLI's multi-threaded batches.
# PAROLE_SANITIZERS=0 skips both for a quick local run (not under CI).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc)

stage_start=$SECONDS
stage_done() { echo "test.sh: $1 passed in $((SECONDS - stage_start)) s" >&2; stage_start=$SECONDS; }

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"
stage_done "build and tests (build)"

if [ "${PAROLE_SANITIZERS:-1}" = 0 ] && [ -z "${CI:-}" ]; then
  echo "test.sh: sanitizer builds skipped (PAROLE_SANITIZERS=0)" >&2
  exit 0
fi

# Sanitizer builds: -O1 and line tables keep them quick to build and run;
# _GLIBCXX_ASSERTIONS adds bounds checks to the standard containers.
# The compiler is given by its absolute path: CMake stores it so, and a
# different spelling on a later run would make it wipe the cache and drop
# every other -D (the build would silently lose its sanitizers).
clangxx=$(command -v clang++)
sanitizer_build() {
  local dir=$1 sanitizers=$2
  shift 2
  local flags="-O1 -gline-tables-only -fno-omit-frame-pointer -D_GLIBCXX_ASSERTIONS -fsanitize=$sanitizers -fno-sanitize-recover=all"
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER="$clangxx" -DCMAKE_CXX_FLAGS="$flags" >/dev/null
  if ! grep -qxF "CMAKE_CXX_FLAGS:STRING=$flags" "$dir/CMakeCache.txt"; then
    echo "test.sh: $dir is not configured with -fsanitize=$sanitizers (delete $dir and run again)" >&2
    exit 1
  fi
  cmake --build "$dir" -j "$jobs" "$@"
}

symbolizer=/usr/lib/llvm-14/bin/llvm-symbolizer
if [ -x "$symbolizer" ]; then
  export ASAN_SYMBOLIZER_PATH=$symbolizer TSAN_SYMBOLIZER_PATH=$symbolizer UBSAN_SYMBOLIZER_PATH=$symbolizer
fi

echo "test.sh: AddressSanitizer + UndefinedBehaviorSanitizer build (build-asan)" >&2
sanitizer_build build-asan address,undefined
# A report aborts the process, so its test fails.
ASAN_OPTIONS=abort_on_error=1:halt_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1 \
UBSAN_OPTIONS=abort_on_error=1:halt_on_error=1:print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs" -E '^(docs|lint[.].*|consumer[.]add-subdirectory)$'
stage_done "AddressSanitizer + UndefinedBehaviorSanitizer (build-asan)"

echo "test.sh: ThreadSanitizer build of the unit tests and the CLI (build-tsan)" >&2
sanitizer_build build-tsan thread --target parole_unit_tests parole_cli
export TSAN_OPTIONS=halt_on_error=1:abort_on_error=1:second_deadlock_stack=1
build-tsan/tests/parole_unit_tests
# The CLI's batches on several threads (--threads 2).
ctest --test-dir build-tsan --output-on-failure --no-tests=error -R '^cli-batch$'
stage_done "ThreadSanitizer (build-tsan)"
