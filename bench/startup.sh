#!/usr/bin/env bash
# What a `parole extract` run costs before its first document: the process
# started, the lexicon and the default gazetteer ready, a user list loaded
# and the extractor built (issue #6: loading a list, as text and compiled).
# A benchmark script, not a test.
#
#   bench/startup.sh [PAROLE]          # default build/parole
#
# Each case runs `parole extract [-g LIST] --jsonl EMPTY` (no document)
# STARTUP_RUNS times (default 7) and prints the median wall-clock time, the
# median CPU time (user + system) and the peak RSS. The lists: none (the
# default gazetteer alone), the 100 k-form benchmark list
# (../shared/bench/gazetteer-100k.parole.tsv) and the 1 M-form list of
# bench/make-gazetteer-1m.py, each as TSV and compiled (`parole
# compile-gazetteer`, whose time is printed too). Work files go to
# STARTUP_TMP (default a temporary folder, removed at the end).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
parole="$(realpath -m "${1:-$root/build/parole}")"
shared="${PAROLE_SHARED:-$root/../shared}"
runs="${STARTUP_RUNS:-7}"
[ -x "$parole" ] || { echo "startup: no CLI at $parole (cmake --build build)" >&2; exit 2; }

if [ -n "${STARTUP_TMP:-}" ]; then
  tmp="$STARTUP_TMP"
  mkdir -p "$tmp"
else
  tmp="$(mktemp -d /tmp/parole-startup.XXXXXX)"
  trap 'rm -rf "$tmp"' EXIT
fi
: > "$tmp/empty.jsonl"
cp "$shared/bench/gazetteer-100k.parole.tsv" "$tmp/100k.tsv"
[ -s "$tmp/1M.tsv" ] || python3 "$root/bench/make-gazetteer-1m.py" "$tmp/1M.tsv" --shared "$shared" > /dev/null
for list in 100k 1M; do
  start=$(date +%s.%N)
  "$parole" compile-gazetteer "$tmp/$list.tsv" "$tmp/$list.parolegz" 2> /dev/null
  end=$(date +%s.%N)
  awk -v l="$list" -v a="$start" -v b="$end" -v s="$(stat -c %s "$tmp/$list.parolegz")" \
    'BEGIN { printf "compile-gazetteer %s: %.2f s, %.0f MB\n", l, b - a, s / 1e6 }'
done
echo

# median LABEL ARGS...: the medians of `runs` runs of parole with ARGS.
median() {
  local label="$1"
  shift
  python3 - "$runs" "$label" "$parole" "$@" <<'EOF'
import os, subprocess, sys, time
runs, label, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
walls, cpus, rss = [], [], 0
for _ in range(runs):
    with open(os.devnull, "wb") as null:
        t = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=null)
        _, status, usage = os.wait4(child.pid, 0)
        walls.append(time.perf_counter() - t)
    if status != 0:
        sys.exit("startup: %s failed" % " ".join(cmd))
    cpus.append(usage.ru_utime + usage.ru_stime)
    rss = max(rss, usage.ru_maxrss)
walls.sort()
cpus.sort()
print("| %s | %.1f | %.1f | %.0f |" % (label, 1000 * walls[runs // 2], 1000 * cpus[runs // 2], rss / 1024))
EOF
}

echo "| start-up of \`parole extract\` | wall ms | CPU ms | peak RSS MB |"
echo "| --- | ---: | ---: | ---: |"
median "default gazetteer alone" extract --jsonl "$tmp/empty.jsonl"
for list in 100k 1M; do
  median "$list list, TSV" extract -g "$tmp/$list.tsv" --jsonl "$tmp/empty.jsonl"
  median "$list list, compiled" extract -g "$tmp/$list.parolegz" --jsonl "$tmp/empty.jsonl"
done
echo
echo "$runs runs each, medians; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)."
