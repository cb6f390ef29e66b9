#!/usr/bin/env bash
# Throughput and memory of `parole extract --jsonl` end to end (read JSON
# Lines, quotes + attribution + entities with the default gazetteer, JSON
# written), as in issue 7. A benchmark program, not a test.
#
#   bench/batch_throughput.sh [PAROLE] [CORPUS_DIR]
#
#   PAROLE      the CLI (default build/parole)
#   CORPUS_DIR  folder of UTF-8 .txt files (default ../shared/corpus/bench-fr)
#
# Also measured: the Wikinews articles of BENCH_NEWS (default
# ../shared/corpus/wikinews-fr), one document per article, repeated to
# BENCH_NEWS_MB (default 100) MB; and the start-up alone (an empty input).
#
# A run pays the start-up once (about 12 ms of CPU: the lexicon and the
# default gazetteer), so on a 20 MB input of 0.1 s it is several per cent of
# the run and caps the scaling from 1 to 2 threads; the 100 MB runs show the
# rate a long batch runs at, and the start-up row what each run adds.
#
# Environment: BENCH_TMP (work folder, default /tmp/parole-bench; large files
# are generated there, never in the repository), BENCH_SIZES_MB (default
# "100 1000": inputs made by repeating the corpus, for the memory check),
# BENCH_DOC_BYTES (target document size, default 5000), BENCH_REPEAT (runs
# per measure, best kept; default 1).
#
# Steps: cut the corpus into JSON Lines documents of about BENCH_DOC_BYTES
# (whole paragraphs: blank-line separated blocks, or lines when a block is
# too long); run with --threads 1 and --threads 2 (wall clock, CPU time of
# every thread and peak RSS, read by Python from wait4()); then the same at
# BENCH_SIZES_MB with all cores, to compare peak RSS (the first size with
# one thread too, for the scaling on a long run).
set -euo pipefail
cd "$(dirname "$0")/.."

PAROLE=${1:-build/parole}
CORPUS=${2:-../shared/corpus/bench-fr}
WORK=${BENCH_TMP:-/tmp/parole-bench}
SIZES=${BENCH_SIZES_MB-100 1000}
DOC_BYTES=${BENCH_DOC_BYTES:-5000}
REPEAT=${BENCH_REPEAT:-1}
NEWS=${BENCH_NEWS:-../shared/corpus/wikinews-fr}
NEWS_MB=${BENCH_NEWS_MB:-100}

[ -x "$PAROLE" ] || { echo "batch_throughput: no CLI at $PAROLE (build it: cmake --build build)" >&2; exit 2; }
[ -d "$CORPUS" ] || { echo "batch_throughput: no corpus folder $CORPUS" >&2; exit 2; }
mkdir -p "$WORK"
BASE="$WORK/corpus.jsonl"

python3 - "$CORPUS" "$BASE" "$DOC_BYTES" <<'EOF'
import json, os, re, sys
corpus, out_path, target = sys.argv[1], sys.argv[2], int(sys.argv[3])
docs = 0
with open(out_path, "w", encoding="utf-8") as out:
    for name in sorted(os.listdir(corpus)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(corpus, name), encoding="utf-8", errors="replace") as f:
            text = f.read()
        blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
        pieces = []
        for b in blocks:  # a block longer than the target is cut at line ends
            if len(b.encode()) <= target:
                pieces.append(b)
                continue
            cur = ""
            for line in b.split("\n"):
                if cur and len((cur + line).encode()) > target:
                    pieces.append(cur)
                    cur = ""
                cur += line + "\n"
            if cur.strip():
                pieces.append(cur)
        cur = []
        size = 0
        for p in pieces:
            cur.append(p)
            size += len(p.encode()) + 2
            if size >= target:
                docs += 1
                out.write(json.dumps({"id": f"{name}#{docs}", "text": "\n\n".join(cur)}, ensure_ascii=False) + "\n")
                cur, size = [], 0
        if cur:
            docs += 1
            out.write(json.dumps({"id": f"{name}#{docs}", "text": "\n\n".join(cur)}, ensure_ascii=False) + "\n")
print(f"batch_throughput: {out_path}: {docs} documents, {os.path.getsize(out_path) / 1e6:.1f} MB", file=sys.stderr)
EOF

# The Wikinews articles, one document per article (~2 KB, news-sized), repeated to NEWS_MB.
NEWS_JSONL=""
if [ -d "$NEWS" ]; then
  NEWS_JSONL="$WORK/wikinews-${NEWS_MB}MB.jsonl"
  python3 - "$NEWS" "$NEWS_JSONL" "$NEWS_MB" <<'EOF'
import json, os, sys
folder, out_path, mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
articles = []
for name in sorted(os.listdir(folder)):
    if name.endswith(".txt"):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            articles.append((name, f.read()))
written, n, copy = 0, 0, 0
with open(out_path, "w", encoding="utf-8") as out:
    while articles and written < mb * 1e6:
        copy += 1
        for name, text in articles:
            line = json.dumps({"id": f"{name}#{copy}", "text": text}, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode())
            n += 1
print(f"batch_throughput: {out_path}: {n} documents ({len(articles)} articles x {copy}), {written / 1e6:.1f} MB",
      file=sys.stderr)
EOF
fi

# run FILE THREADS -> prints "seconds rss_kb lines cpu_seconds" of the fastest of REPEAT runs.
# Timed from Python: wall clock by perf_counter, CPU time (user + system, every
# thread) and peak RSS by wait4(), to the microsecond; /usr/bin/time prints
# hundredths, and a 0.2 s run read to 10 ms moved the per-core figure by 5 %.
run() {
  local file=$1 threads=$2 res lines s rss cpu
  res=$(python3 - "$PAROLE" "$file" "$threads" "$REPEAT" "$WORK/out.jsonl" <<'EOF'
import os, subprocess, sys, time
parole, path, threads, repeat, out_path = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
best = None
for _ in range(repeat):
    with open(out_path, "wb") as out:
        start = time.perf_counter()
        child = subprocess.Popen([parole, "extract", "--jsonl", "--no-progress", "--threads", threads, path], stdout=out)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"batch_throughput: parole failed (exit {child.returncode})")
    run = (wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
    if best is None or run[0] < best[0]:
        best = run
print(f"{best[0]:.6f} {best[1]} {best[2]:.6f}")
EOF
) || exit 1
  read -r s rss cpu <<< "$res"
  lines=$(wc -l < "$WORK/out.jsonl")
  echo "$s $rss $lines $cpu"
}

report() {  # label file threads
  local label=$1 file=$2 threads=$3 mb res s rss lines cpu
  mb=$(python3 -c "import os; print(os.path.getsize('$file') / 1e6)")
  res=$(run "$file" "$threads")
  read -r s rss lines cpu <<< "$res"
  python3 -c "
mb, s, rss, t, cpu = $mb, $s, $rss, $threads, $cpu
print(f'| $label | {mb:.1f} | {t} | $lines | {s:.3f} | {mb / s:.1f} | {cpu:.3f} | {mb / cpu:.1f} | {rss / 1024:.0f} |')"
  echo "$s" > "$WORK/last_seconds"
}

echo "machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews wall-clock figures; MB per CPU-second does not depend on it)"
echo "| input | MB | threads | docs | wall s | MB/s | CPU s (user+sys) | MB per CPU-second | peak RSS (MB) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
report "bench-fr as JSONL" "$BASE" 1
t1=$(cat "$WORK/last_seconds")
report "bench-fr as JSONL" "$BASE" 2
t2=$(cat "$WORK/last_seconds")
if [ -n "$NEWS_JSONL" ]; then
  report "Wikinews articles" "$NEWS_JSONL" 1
  n1=$(cat "$WORK/last_seconds")
  report "Wikinews articles" "$NEWS_JSONL" 2
  n2=$(cat "$WORK/last_seconds")
fi

cores=$(nproc)
first_size=1
for size in $SIZES; do
  big="$WORK/corpus-${size}MB.jsonl"
  if [ ! -f "$big" ]; then
    python3 - "$BASE" "$big" "$size" <<'EOF'
import sys
src, dst, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(src, "rb").read()
target = mb * 1000 * 1000
with open(dst, "wb") as out:
    written = 0
    while written < target:
        chunk = data[: target - written]
        chunk = chunk[: chunk.rfind(b"\n") + 1] if len(chunk) < len(data) else chunk
        if not chunk:
            break
        out.write(chunk)
        written += len(chunk)
EOF
  fi
  if [ -n "$first_size" ]; then
    report "bench-fr repeated to ${size} MB" "$big" 1
    b1=$(cat "$WORK/last_seconds")
    report "bench-fr repeated to ${size} MB" "$big" "$cores"
    b2=$(cat "$WORK/last_seconds")
    long_size=$size
    first_size=""
  else
    report "bench-fr repeated to ${size} MB" "$big" "$cores"
  fi
done
: > "$WORK/empty.jsonl"
report "start-up alone (empty input)" "$WORK/empty.jsonl" 1
base_mb=$(python3 -c "import os; print(round(os.path.getsize('$BASE') / 1e6, 1))")
python3 -c "print(f'scaling 1 -> 2 threads, bench-fr ($base_mb MB): {$t1 / $t2:.2f}x')"
if [ -n "${b1:-}" ]; then python3 -c "print(f'scaling 1 -> $cores threads, bench-fr repeated to $long_size MB: {$b1 / $b2:.2f}x')"; fi
if [ -n "$NEWS_JSONL" ]; then python3 -c "print(f'scaling 1 -> 2 threads, Wikinews ($NEWS_MB MB): {$n1 / $n2:.2f}x')"; fi
