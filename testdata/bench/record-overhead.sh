#!/usr/bin/env bash
# What `check --record` adds to a check of the BBC corpus: alternates plain
# and recording runs and prints the medians of wall time and of CPU time
# (user + system; on a shared, loaded machine the CPU figure is the steadier).
#   bash testdata/bench/record-overhead.sh [runs]
set -euo pipefail
runs=${1:-15}
root=$(cd "$(dirname "$0")/../.." && pwd)
corpus="$root/../shared/corpora/bbc/bbc"
[ -d "$corpus" ] || { echo "../shared/corpora not found: the BBC corpus is needed" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed (apt-get install time)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$root" && go build -o "$tmp/copydesk" ./cmd/copydesk)

# One run: appends "wall_ms cpu_ms" to $1.
measure() {
  local out=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$tmp/t" "$@" >/dev/null 2>&1 || true
  awk '{printf "%d %d\n", $1*1000, ($2+$3)*1000}' "$tmp/t" >>"$out"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%+.1f%%", (b-a)/a*100}'; }

for _ in $(seq "$runs"); do
  measure "$tmp/plain" "$tmp/copydesk" check "$corpus" --format json --fail-on none
  measure "$tmp/record" "$tmp/copydesk" check "$corpus" --format json --fail-on none --record --store "$tmp/history.db"
done
pw=$(cut -d' ' -f1 "$tmp/plain" | median); pc=$(cut -d' ' -f2 "$tmp/plain" | median)
rw=$(cut -d' ' -f1 "$tmp/record" | median); rc=$(cut -d' ' -f2 "$tmp/record" | median)
echo "check:          wall ${pw} ms, cpu ${pc} ms (medians of $runs runs)"
echo "check --record: wall ${rw} ms ($(pct "$pw" "$rw")), cpu ${rc} ms ($(pct "$pc" "$rc"))"
