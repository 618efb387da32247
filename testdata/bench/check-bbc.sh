#!/usr/bin/env bash
# Wall time and MB/s of `copydesk check` over the BBC folder (median of N runs), with the default rules
# (all of them) and with only the rules of the engine issue (placeholder, chatbot-leftover).
#   testdata/bench/check-bbc.sh [runs]      # needs ../shared/corpora beside the repository
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
BBC=${BBC:-$REPO/../shared/corpora/bbc/bbc}
RUNS=${1:-11}
[ -d "$BBC" ] || { echo "check-bbc.sh: $BBC not found" >&2; exit 2; }
BIN=$(mktemp -d)/copydesk
(cd "$REPO" && CGO_ENABLED=0 go build -o "$BIN" ./cmd/copydesk)
bytes=$(find "$BBC" -name '*.txt' -print0 | xargs -0 cat | wc -c)
files=$(find "$BBC" -name '*.txt' | wc -l)
measure() { # label, args...
  local label=$1; shift
  local times=()
  for _ in $(seq "$RUNS"); do
    s=${EPOCHREALTIME/[.,]/}; "$BIN" check --fail-on none "$@" "$BBC" > /dev/null 2>&1; e=${EPOCHREALTIME/[.,]/}
    times+=($(( (e - s) / 1000 )))
  done
  med=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
  awk -v l="$label" -v ms="$med" -v b="$bytes" 'BEGIN { printf "| %s | %d ms | %.1f MB/s |\n", l, ms, b / 1e6 / (ms / 1000) }'
}
echo "BBC folder: $files files, $(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}') MB; median of $RUNS runs; $(nproc) cores; $(date -u +%Y-%m-%d)"
echo "| rule set | wall time | throughput |"
echo "| --- | ---: | ---: |"
measure "all default rules (document and corpus rules)"
measure "document rules only (--disable near-duplicate,reused-passage,corpus-boilerplate)" --disable near-duplicate,reused-passage,corpus-boilerplate
measure "engine issue's rules only (placeholder, chatbot-leftover)" --disable all --enable placeholder,chatbot-leftover
