#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz/ with clang
# (-fsanitize=fuzzer,address,undefined) in build-fuzz/ and fuzzes each one.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     # default: 600 s each, all targets
#
# Targets: extract, gazetteer (JSON, JSON Lines and TSV on every input),
# compiled (compiled gazetteers), jsonl (the CLI's JSON Lines reader). They
# run one after another; FUZZ_PARALLEL=1 runs them at the same time (one core
# each). FUZZ_NICE (default 10) is their priority. New inputs go to
# build-fuzz/corpus/TARGET (the committed seeds in tests/fuzz/corpus/TARGET
# are read, never written); crashes, leaks, timeouts and out-of-memory inputs
# go to build-fuzz/artifacts/TARGET/. A finding
# makes the script fail: copy the file into tests/fuzz/corpus/TARGET/ so that
# the replay test (ctest -R fuzz) keeps it fixed, or into
# tests/fuzz/known-bugs/TARGET/ while it is not fixed. FUZZ_KEEP_GOING=1 runs
# libFuzzer in fork mode and goes on after a finding (every one is saved), to
# look past a known bug. The last line per target gives its execution count.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=600
if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9]+$ ]]; then
  seconds=$1
  shift
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extract gazetteer compiled jsonl)
for t in "${targets[@]}"; do
  case "$t" in
    extract | gazetteer | compiled | jsonl) ;;
    *)
      echo "fuzz: unknown target $t (extract, gazetteer, compiled, jsonl)" >&2
      exit 2
      ;;
  esac
done
nice_level=${FUZZ_NICE:-10}

scripts/install-deps.sh
flags="-O1 -g -fno-omit-frame-pointer -D_GLIBCXX_ASSERTIONS -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all"
# The compiler by its absolute path, as CMake stores it (see scripts/test.sh).
cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER="$(command -v clang++)" -DPAROLE_FUZZ=ON \
  -DCMAKE_CXX_FLAGS="$flags" >/dev/null
if ! grep -qxF "CMAKE_CXX_FLAGS:STRING=$flags" build-fuzz/CMakeCache.txt; then
  echo "fuzz: build-fuzz lost its flags (delete build-fuzz and run again)" >&2
  exit 1
fi
cmake --build build-fuzz -j "$(nproc)" --target $(printf 'fuzz_%s ' "${targets[@]}")

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

max_len() {
  case "$1" in
    extract) echo 16384 ;;
    jsonl | compiled) echo 8192 ;; # several records, or a whole compiled file
    *) echo 4096 ;;
  esac
}

run_one() {
  local target=$1
  local work=build-fuzz/corpus/$target
  local artifacts=build-fuzz/artifacts/$target
  local log=build-fuzz/fuzz-$target.log
  mkdir -p "$work" "$artifacts"
  local stamp=build-fuzz/fuzz-$target.start
  touch "$stamp"
  local dict=()
  [ -f "tests/fuzz/$target.dict" ] && dict=(-dict="tests/fuzz/$target.dict")
  echo "fuzz: $target for ${seconds}s, log in $log" >&2
  local keep_going=()
  [ "${FUZZ_KEEP_GOING:-0}" = 1 ] && keep_going=(-fork=1 -ignore_crashes=1)
  local status=0
  nice -n "$nice_level" "build-fuzz/tests/fuzz/fuzz_$target" "${dict[@]}" "${keep_going[@]}" \
    -max_total_time="$seconds" -max_len="$(max_len "$target")" -timeout=20 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" \
    "$work" "tests/fuzz/corpus/$target" >"$log" 2>&1 || status=$?
  local execs
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  # Fork mode prints "#EXECS: cov: …" lines instead of the final stats.
  [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9]*\): cov:.*/\1/p' "$log" | tail -n 1)
  local findings
  findings=$(find "$artifacts" -type f -newer "$stamp" | wc -l)
  if [ "$status" -ne 0 ]; then
    echo "fuzz: $target FAILED (exit $status) after ${execs:-?} executions; see $log and $artifacts/" >&2
    tail -n 40 "$log" >&2
    return 1
  fi
  if [ "$findings" -gt 0 ]; then
    echo "fuzz: $target: ${execs:-?} executions in ${seconds}s, $findings findings in $artifacts/" >&2
    return 1
  fi
  echo "fuzz: $target ok, ${execs:-?} executions in ${seconds}s, corpus $(find "$work" -type f | wc -l) files"
}

failed=0
if [ "${FUZZ_PARALLEL:-0}" = 1 ]; then
  pids=()
  for t in "${targets[@]}"; do
    run_one "$t" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
else
  for t in "${targets[@]}"; do run_one "$t" || failed=1; done
fi
exit "$failed"
