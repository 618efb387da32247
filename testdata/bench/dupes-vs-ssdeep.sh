#!/usr/bin/env bash
# Side by side on the same files: copydesk dupes and ssdeep -r -d (fuzzy
# hashing, the usual peer) on the labelled near-duplicate set generated from
# the BBC corpus: pair precision, recall per kind of variant, wall time.
#
#   bash testdata/bench/dupes-vs-ssdeep.sh            (from the repository root)
#
# Needs ../shared/corpora beside the repository and ssdeep (apt-get install -y ssdeep).
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus=${CORPUS:-../shared/corpora/bbc}
[ -d "$corpus" ] || { echo "corpus $corpus not found" >&2; exit 2; }
command -v ssdeep >/dev/null || { echo "ssdeep not found: apt-get install -y ssdeep" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/copydesk" ./cmd/copydesk
go build -o "$tmp/dupscore" ./testdata/bench/dupscore
"$tmp/dupscore" gen -source "$corpus" -out "$tmp/set"
mv "$tmp/set/labels.tsv" "$tmp/labels.tsv"
files=$(ls "$tmp/set" | wc -l)
bytes=$(cat "$tmp/set"/* | wc -c)

now() { date +%s.%N; }
cd "$tmp/set"
t0=$(now); "$tmp/copydesk" dupes --format json . > "$tmp/copydesk.json"; t1=$(now)
t2=$(now); ssdeep -r -d . > "$tmp/ssdeep.txt"; t3=$(now)
cd - >/dev/null

echo "labelled set: $files files, $bytes bytes, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
"$tmp/dupscore" score -labels "$tmp/labels.tsv" -copydesk "$tmp/copydesk.json" -name copydesk
printf 'wall time: %.2f s\n\n' "$(echo "$t1 - $t0" | bc)"
"$tmp/dupscore" score -labels "$tmp/labels.tsv" -ssdeep "$tmp/ssdeep.txt" -name "ssdeep -r -d"
printf 'wall time: %.2f s\n' "$(echo "$t3 - $t2" | bc)"
