#!/usr/bin/env bash
# bench/peers.sh — gazetteer tagging: parole and its peers side by side, in one
# run, with ratios (issue #6).
#
#   bench/peers.sh [BUILD_DIR]          # default BUILD_DIR: build
#
# What it does, in order:
#   1. installs the peers' Debian packages (scripts/install-bench-deps.sh;
#      PEERS_NO_INSTALL=1 skips it) and builds, Release, in BUILD_DIR:
#      parole-bench-tagging and the C++ peers in BUILD_DIR/peers/ (memchr,
#      RE2::Set, Hyperscan when libhs is there);
#   2. prepares in a temporary folder (PEERS_TMP, removed at the end unless
#      given): the 50 MB text (../shared/corpus/bench-fr/ concatenated twice in
#      MANIFEST order, cut at the last line break before 50,000,000 bytes), the
#      100k gazetteer (../shared/bench/gazetteer-100k.parole.tsv) and a 1 M-form
#      one (bench/make-gazetteer-1m.py; PEERS_SKIP_1M=1 skips it), and their
#      surface forms one per line for grep and ripgrep;
#   3. runs every peer on each gazetteer, one at a time, under /usr/bin/time
#      (peak RSS) and `timeout` (PEERS_TIMEOUT seconds, default 300);
#   4. prints one table per gazetteer: MB/s, MB/s relative to parole, build or
#      compile seconds, peak RSS, and what the peer counts as a match; then
#      the whole parole extract process against pyahocorasick's loop and its
#      whole process (issue #6's 10x target).
#
# The peers (each prints `NAME MB/s=... matches=... build_s=... rss_mb=...`):
#   parole-tagging  BUILD_DIR/parole-bench-tagging GAZETTEER TEXT (tokenizer +
#                   matcher; skipped with a message when it is not built)
#   parole-extract  BUILD_DIR/parole extract -g GAZETTEER TEXT: the whole
#                   process (start-up, quotes, speakers, entities with the
#                   default gazetteer and the list, JSON), wall-clock MB/s
#   parole-extract-docs  the same over the text cut into the documents it is
#                   made of (bench-fr's MANIFEST.tsv: novels and articles), one
#                   file each in a folder, one output line each, all cores
#   parole-extract-compiled, parole-extract-docs-compiled  the same two with
#                   the list compiled first (parole compile-gazetteer)
#   pyahocorasick   bench/peers/pyahocorasick_peer.py, Debian's python3: lower
#                   case + accents folded, whole words, its matching loop timed
#                   (best of two); and the automaton alone
#   pyahocorasick-process  the same script with --once, the whole process
#                   timed from outside as parole-extract is (start-up,
#                   automaton built, text read, folded and matched once)
# Whole processes (parole-extract*, pyahocorasick-process) keep the fastest
# of PEERS_REPEAT runs (default 3).
#   hyperscan       literal caseless patterns (ASCII case), whole-word check
#   re2set          RE2::Set of literal caseless patterns, line by line
#   grep            LC_ALL=C grep -F -i -c -f FORMS TEXT: matching lines, no
#                   word boundaries (in a UTF-8 locale, -i with 100 k patterns
#                   does not finish in 10 minutes here)
#   ripgrep         rg -F -i -c -f FORMS TEXT, size limits raised: matching lines
#   memchr          memchr for an absent byte: the cost of reading the text
# grep and ripgrep are timed end to end; their build_s is the same command on
# an empty file, and MB/s uses the time past it.
#
# The machine is shared: run it when it is quiet, and run it twice. Figures
# and the command line go to the README (issue #6).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(realpath -m "${1:-$root/build}")"
shared="${PAROLE_SHARED:-$root/../shared}"
timeout_s="${PEERS_TIMEOUT:-300}"
py=/usr/bin/python3  # Debian's interpreter: python3-ahocorasick is installed for it

if [ -z "${PEERS_NO_INSTALL:-}" ]; then
  "$root/scripts/install-bench-deps.sh"
fi

echo "== build ($build, Release)" >&2
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release > /dev/null
for target in parole_bench_tagging parole_peer_memchr parole_peer_re2set parole_peer_hyperscan; do
  if ! cmake --build "$build" -j "$(nproc)" --target "$target" > "$build/peers-build-$target.log" 2>&1; then
    echo "peers: $target not built (see $build/peers-build-$target.log): its row is skipped" >&2
  fi
done

if [ -n "${PEERS_TMP:-}" ]; then
  tmp="$PEERS_TMP"
  mkdir -p "$tmp"
else
  tmp="$(mktemp -d /tmp/parole-peers.XXXXXX)"
  trap 'rm -rf "$tmp"' EXIT
fi

echo "== data ($tmp)" >&2
text="$tmp/fr-50mb.txt"
"$py" - "$shared/corpus/bench-fr" "$text" <<'EOF'
import os, sys
folder, out = sys.argv[1], sys.argv[2]
files = []
with open(os.path.join(folder, "MANIFEST.tsv"), encoding="utf-8") as f:
    for line in f.read().splitlines()[1:]:
        name = line.split("\t")[0]
        if name not in files:
            files.append(name)
data = b"".join(open(os.path.join(folder, name), "rb").read() for name in files) * 2
cut = data.rfind(b"\n", 0, 50_000_000) + 1
with open(out, "wb") as f:
    f.write(data[:cut])
# The same bytes as the documents they are made of (MANIFEST.tsv: the novels
# and articles of each file), one file each, in order: what a user tagging
# this text would give the CLI.
docs = out[: -len(".txt")] + "-documents"
os.makedirs(docs, exist_ok=True)
starts = {}
pos = 0
for name in files:
    starts[name] = pos
    pos += os.path.getsize(os.path.join(folder, name))
bounds = []
with open(os.path.join(folder, "MANIFEST.tsv"), encoding="utf-8") as f:
    for line in f.read().splitlines()[1:]:
        name, offset = line.split("\t")[:2]
        bounds.append(starts[name] + int(offset))
bounds = sorted(set(bounds + [b + pos for b in bounds]))
bounds = [b for b in bounds if b < cut] + [cut]
for k in range(len(bounds) - 1):
    with open(os.path.join(docs, "%05d.txt" % k), "wb") as f:
        f.write(data[bounds[k] : bounds[k + 1]])
EOF
documents="$tmp/fr-50mb-documents"
bytes=$(stat -c %s "$text")

gazetteers=("100k:$shared/bench/gazetteer-100k.parole.tsv")
if [ -z "${PEERS_SKIP_1M:-}" ]; then
  "$py" "$root/bench/make-gazetteer-1m.py" "$tmp/gazetteer-1m.tsv" --shared "$shared"
  gazetteers+=("1M:$tmp/gazetteer-1m.tsv")
fi

# Surface forms one per line (name and aliases), for grep and ripgrep.
forms_of() {
  awk -F'\t' '!/^#/ && NF >= 3 { print $3; n = split($4, a, "|"); for (i = 1; i <= n; i++) if (a[i] != "") print a[i] }' "$1"
}

results="$tmp/results.tsv"
: > "$results"

# run LABEL GAZ_LABEL NOTE COMMAND...: one peer under timeout and /usr/bin/time;
# appends gaz, name, MB/s, matches, build_s, rss_mb, note for each result line.
run() {
  local label="$1" gaz="$2" note="$3"
  shift 3
  echo "== $gaz: $label" >&2
  local out="$tmp/out" err="$tmp/err" rss="$tmp/rss"
  if ! timeout "$timeout_s" /usr/bin/time -f "%M %e" -o "$rss" "$@" > "$out" 2> "$err"; then
    echo "peers: $label failed or timed out after ${timeout_s} s: $(grep -v CoalesceWalker "$err" | tail -n 2 | tr '\n' ' ')" >&2
    printf '%s\t%s\t-\t-\t-\t-\t%s\n' "$gaz" "$label" "failed or over ${timeout_s} s" >> "$results"
    return 0
  fi
  local rss_mb
  rss_mb=$(awk '{ printf "%.0f", $1 / 1024 }' "$rss")
  grep 'MB/s=' "$out" | while read -r name rest; do
    local mbps matches build line_note="$note"
    [[ "$name" == *-automaton ]] && line_note="every occurrence of a folded form (the automaton alone)"
    mbps=$(sed -n 's/^ MB\/s=\([0-9.]*\).*/\1/p' <<< " $rest")  # the first field: parole also prints tokenizer_MB/s=
    matches=$(sed -n 's/.*matches=\([0-9]*\).*/\1/p' <<< " $rest")
    build=$(sed -n 's/.*build_s=\([0-9.]*\).*/\1/p' <<< " $rest")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$gaz" "$name" "$mbps" "$matches" "$build" "$rss_mb" "$line_note" >> "$results"
  done
}

# run_tool LABEL GAZ_LABEL NOTE COMMAND... (FILE last): a command-line tool timed
# end to end; the same command on an empty file is its build time.
run_tool() {
  local label="$1" gaz="$2" note="$3"
  shift 3
  echo "== $gaz: $label" >&2
  local args=("$@")
  local n=${#args[@]}
  local empty=("${args[@]:0:$((n - 1))}" /dev/null)
  local t0 t1 t2 out
  t0=$(date +%s.%N)
  timeout "$timeout_s" "${empty[@]}" > /dev/null 2>&1 || true
  t1=$(date +%s.%N)
  if ! out=$(timeout "$timeout_s" /usr/bin/time -f "%M" -o "$tmp/rss" "${args[@]}" 2> "$tmp/err"); then
    # grep and rg exit 1 when nothing matches: only a timeout or an error fails.
    if [ -z "$out" ]; then
      echo "peers: $label failed or timed out: $(tail -n 2 "$tmp/err" | tr '\n' ' ')" >&2
      printf '%s\t%s\t-\t-\t-\t-\t%s\n' "$gaz" "$label" "failed or over ${timeout_s} s" >> "$results"
      return 0
    fi
  fi
  t2=$(date +%s.%N)
  awk -v gaz="$gaz" -v name="$label" -v note="$note" -v b="$bytes" -v t0="$t0" -v t1="$t1" -v t2="$t2" \
    -v m="$out" -v rss="$(cat "$tmp/rss")" 'BEGIN {
      build = t1 - t0; total = t2 - t1; scan = total - build
      # A scan hidden in the noise of the build (1 M patterns): end to end instead.
      if (scan < 0.1 * total) { scan = total; note = note ", MB/s end to end (build included)" }
      printf "%s\t%s\t%.1f\t%s\t%.3f\t%.0f\t%s\n", gaz, name, b / 1e6 / scan, m, build, rss / 1024, note }' >> "$results"
}

# run_process LABEL GAZ_LABEL NOTE COMMAND...: a whole process timed end to end
# (start-up and gazetteer loading included): MB/s over its wall-clock time,
# the fastest of PEERS_REPEAT runs (default 3: the machine is shared, and
# the pyahocorasick loop it is compared with is a best of two too).
run_process() {
  local label="$1" gaz="$2" note="$3"
  shift 3
  echo "== $gaz: $label" >&2
  local t0 t1 best="" rss=0 run
  for ((run = 0; run < ${PEERS_REPEAT:-3}; run++)); do
    t0=$(date +%s.%N)
    if ! timeout "$timeout_s" /usr/bin/time -f "%M" -o "$tmp/rss" "$@" > /dev/null 2> "$tmp/err"; then
      echo "peers: $label failed or timed out: $(tail -n 2 "$tmp/err" | tr '\n' ' ')" >&2
      printf '%s\t%s\t-\t-\t-\t-\t%s\n' "$gaz" "$label" "failed or over ${timeout_s} s" >> "$results"
      return 0
    fi
    t1=$(date +%s.%N)
    best=$(awk -v best="$best" -v t="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" \
      'BEGIN { print (best == "" || t < best) ? t : best }')
    rss=$(awk -v a="$rss" -v b="$(cat "$tmp/rss")" 'BEGIN { print (b > a) ? b : a }')
  done
  awk -v gaz="$gaz" -v name="$label" -v note="$note" -v b="$bytes" -v t="$best" -v rss="$rss" 'BEGIN {
      printf "%s\t%s\t%.1f\t-\t-\t%.0f\t%s\n", gaz, name, b / 1e6 / t, rss / 1024, note }' >> "$results"
}

for entry in "${gazetteers[@]}"; do
  gaz="${entry%%:*}"
  file="${entry#*:}"
  forms="$tmp/forms-$gaz.txt"
  forms_of "$file" > "$forms"
  if [ -x "$build/parole-bench-tagging" ]; then
    run parole-tagging "$gaz" "whole words, leftmost-longest, folded" "$build/parole-bench-tagging" "$file" "$text"
  else
    echo "peers: $build/parole-bench-tagging does not exist yet: parole's row is skipped" >&2
  fi
  if [ -x "$build/parole" ]; then
    run_process parole-extract "$gaz" "the whole \`parole extract -g LIST TEXT\` process: quotes, speakers, entities, JSON" \
      "$build/parole" extract -g "$file" "$text"
    run_process parole-extract-docs "$gaz" \
      "the same, the text as the $(find "$documents" -type f | wc -l) documents it is made of (\`parole extract -g LIST FOLDER\`)" \
      "$build/parole" extract -g "$file" "$documents"
    # The list compiled once (parole compile-gazetteer), as a user tagging
    # with it every day would: the same runs, the same output.
    compiled="$tmp/gazetteer-$gaz.parolegz"
    if "$build/parole" compile-gazetteer "$file" "$compiled" 2> /dev/null; then
      run_process parole-extract-compiled "$gaz" "\`parole extract -g LIST.parolegz TEXT\`: the list compiled" \
        "$build/parole" extract -g "$compiled" "$text"
      run_process parole-extract-docs-compiled "$gaz" "\`parole extract -g LIST.parolegz FOLDER\`: the list compiled" \
        "$build/parole" extract -g "$compiled" "$documents"
    else
      echo "peers: parole compile-gazetteer failed on $file: the compiled rows are skipped" >&2
    fi
  fi
  run pyahocorasick "$gaz" "whole words, lower case and accents folded" "$py" \
    "$root/bench/peers/pyahocorasick_peer.py" "$file" "$text"
  run_process pyahocorasick-process "$gaz" \
    "the same, the whole process timed (start-up, automaton built, text read, one pass), as parole-extract" \
    "$py" "$root/bench/peers/pyahocorasick_peer.py" --once "$file" "$text"
  if [ -x "$build/peers/hyperscan-peer" ]; then
    run hyperscan "$gaz" "whole words, ASCII caseless" "$build/peers/hyperscan-peer" "$file" "$text"
  fi
  if [ -x "$build/peers/re2set-peer" ]; then
    run re2set "$gaz" "forms per line, caseless, no word check" "$build/peers/re2set-peer" "$file" "$text"
  fi
  run_tool grep "$gaz" "matching lines, ASCII caseless" env LC_ALL=C grep -F -i -c -f "$forms" "$text"
  run_tool ripgrep "$gaz" "matching lines, caseless" rg -F -i -c --regex-size-limit 8G --dfa-size-limit 8G \
    -f "$forms" "$text"
  if [ -x "$build/peers/memchr-peer" ]; then
    run memchr "$gaz" "bytes read, nothing matched" "$build/peers/memchr-peer" "$text"
  fi
done

echo
echo "Text: $bytes bytes ($(basename "$text")); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)."
awk -F'\t' '
  { rows[NR] = $0; if ($2 == "parole-tagging") parole[$1] = $3 }
  END {
    last = ""
    for (i = 1; i <= NR; i++) {
      split(rows[i], f, "\t")
      if (f[1] != last) {
        printf "\nGazetteer %s\n\n| peer | MB/s | MB/s ÷ parole | build s | peak RSS MB | matches | what counts |\n", f[1]
        print "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
        last = f[1]
      }
      ratio = (f[3] != "-" && parole[f[1]] > 0) ? sprintf("%.2f", f[3] / parole[f[1]]) : "-"
      printf "| %s | %s | %s | %s | %s | %s | %s |\n", f[2], f[3], ratio, f[5], f[6], f[4], f[7]
    }
  }' "$results"
# The issue's target: the whole parole extract process against pyahocorasick,
# its matching loop alone (best of two) and its whole process.
awk -F'\t' '
  $3 != "-" { mbps[$1, $2] = $3; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
  END {
    for (i = 1; i <= n; i++) {
      g = order[i]; loop = mbps[g, "pyahocorasick"]; process = mbps[g, "pyahocorasick-process"]
      if (loop == "" || process == "") continue
      printf "\nGazetteer %s, parole extract against pyahocorasick (its loop %s MB/s; its whole process %s MB/s):\n", g, loop, process
      split("parole-extract parole-extract-docs parole-extract-compiled parole-extract-docs-compiled", rows, " ")
      for (k = 1; k <= 4; k++) {
        r = rows[k]
        if ((g, r) in mbps) printf "  %-30s %7.1f MB/s  %5.1f x its loop  %5.1f x its process\n", r, mbps[g, r], mbps[g, r] / loop, mbps[g, r] / process
      }
    }
  }' "$results"
