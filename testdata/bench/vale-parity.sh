#!/usr/bin/env bash
# Vale parity for house rules loaded from a Vale style folder.
#
#   testdata/bench/vale-parity.sh            regenerate the golden file
#   testdata/bench/vale-parity.sh --corpus   compare on the BBC corpus
#
# Without arguments it rewrites rules/engine/testdata/config/vale/
# vale.golden.json: what Vale v3.21.0 reports on the sample story with the
# sample Newsroom style (one rule of each loadable kind). The engine's
# TestValeParity compares copydesk's house rules, loaded from the same
# folder, with it.
#
# With --corpus it runs Vale and copydesk with that style over every text of
# ../shared/corpora/bbc and compares the alerts (file, line, column, rule,
# message) with testdata/bench/valecompare. Known difference: Vale's
# conditional rule places its alerts by searching for the matched text, so
# when the same acronym occurs twice on a line (or inside "HD-DVD") Vale
# reports it once; copydesk reports each at its own place.
#
# Uses $VALE when set (it must be v3.21.0; a Vale built by go install says
# "master"), else installs Vale into a temporary GOBIN.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
dir="$root/rules/engine/testdata/config/vale"
want=v3.21.0

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
vale=${VALE:-}
if [[ -z "$vale" ]]; then
	GOBIN="$tmp/bin" go install "github.com/vale-cli/vale/v3/cmd/vale@$want"
	vale="$tmp/bin/vale"
fi

if [[ "${1:-}" != "--corpus" ]]; then
	cd "$dir"
	# Vale exits 1 when it reports errors; that is expected here.
	"$vale" --no-global --output=JSON story.md > vale.golden.json.tmp || [[ $? -eq 1 ]]
	mv vale.golden.json.tmp vale.golden.json
	echo "wrote $dir/vale.golden.json ($(grep -c '"Check"' vale.golden.json) alerts)"
	exit 0
fi

bbc="$root/../shared/corpora/bbc/bbc"
[[ -d "$bbc" ]] || { echo "vale-parity.sh: $bbc not found: put ../shared beside the repository" >&2; exit 2; }
(cd "$root" && go build -o "$tmp/bin/copydesk" ./cmd/copydesk)
mkdir -p "$tmp/run/in"
cp -r "$dir/styles" "$tmp/run/"
for d in "$bbc"/*/; do
	for f in "$d"*.txt; do cp "$f" "$tmp/run/in/$(basename "$d")-$(basename "$f")"; done
done
cd "$tmp/run"
printf 'StylesPath = styles\nMinAlertLevel = suggestion\n[*.txt]\nBasedOnStyles = Newsroom\n' > .vale.ini
printf 'styles: [styles/Newsroom]\n' > .copydesk.yml
echo "== $(ls in | wc -l) files" >&2
"$vale" --output=JSON in > vale.json || [[ $? -eq 1 ]]
"$tmp/bin/copydesk" check --format json --fail-on none in > copydesk.json 2> copydesk.err || [[ $? -eq 1 ]]
(cd "$root" && go run ./testdata/bench/valecompare "$tmp/run/vale.json" "$tmp/run/copydesk.json")
