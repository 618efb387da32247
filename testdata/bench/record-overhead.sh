#!/usr/bin/env bash
# What `check --record` adds to a check of the BBC corpus: alternates plain
# and recording runs and prints the median wall time of each.
#   bash testdata/bench/record-overhead.sh [runs]
set -euo pipefail
runs=${1:-15}
root=$(cd "$(dirname "$0")/../.." && pwd)
corpus="$root/../shared/corpora/bbc/bbc"
[ -d "$corpus" ] || { echo "../shared/corpora not found: the BBC corpus is needed" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$root" && go build -o "$tmp/copydesk" ./cmd/copydesk)

ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N); echo $(((t1 - t0) / 1000000)); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

for _ in $(seq "$runs"); do
  ms "$tmp/copydesk" check "$corpus" --format json --fail-on none >>"$tmp/plain"
  ms "$tmp/copydesk" check "$corpus" --format json --fail-on none --record --store "$tmp/history.db" >>"$tmp/record"
done
plain=$(median <"$tmp/plain")
record=$(median <"$tmp/record")
echo "check:          median ${plain} ms over $runs runs"
echo "check --record: median ${record} ms ($(awk -v a="$plain" -v b="$record" 'BEGIN {printf "%+.1f%%", (b-a)/a*100}'))"
