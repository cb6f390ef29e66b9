#!/bin/sh
# pipeline.sh — who is quoted, how often, across articles: the parole CLI and jq.
#
#   examples/pipeline.sh article.txt...
#   PAROLE=build/parole examples/pipeline.sh test-corpus/seed/*.txt
#
# Prints one line per quote (speaker, gazetteer id, the first words), then the
# number of quotes per speaker, most quoted first. PAROLE names the CLI
# (default: `parole` on the PATH, e.g. after `cmake --install`).
set -eu
parole=${PAROLE:-parole}
if [ "$#" -eq 0 ]; then
  echo "usage: pipeline.sh FILE..." >&2
  exit 2
fi

# One JSON document per article, one line each.
docs=$(mktemp)
trap 'rm -f "$docs"' EXIT
for file in "$@"; do
  "$parole" extract "$file"
done > "$docs"

echo "== quotes"
jq -r '.quotes[]
       | [(.speaker.name // "?"), (.speaker.entity // "-"),
          (.text | if length > 60 then .[0:60] + "…" else . end)]
       | @tsv' "$docs"

echo "== quotes per speaker"
jq -rs '[.[].quotes[] | .speaker.name // "?"]
        | group_by(.) | map({speaker: .[0], quotes: length})
        | sort_by(-.quotes, .speaker)[]
        | "\(.quotes)\t\(.speaker)"' "$docs"
