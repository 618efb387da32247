#!/usr/bin/env bash
# Regenerates rules/engine/testdata/config/vale/vale.golden.json: what Vale
# v3.21.0 reports on the sample story with the sample Newsroom style. The
# engine's TestValeParity compares copydesk's house rules, loaded from the
# same style folder, with it.
#
# Usage (from the repository root): testdata/bench/vale-parity.sh
# Uses $VALE when set, else installs Vale into a temporary GOBIN.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
dir="$root/rules/engine/testdata/config/vale"
want=v3.21.0

vale=${VALE:-}
if [[ -z "$vale" ]]; then
	gobin=$(mktemp -d)
	trap 'rm -rf "$gobin"' EXIT
	GOBIN="$gobin" go install "github.com/vale-cli/vale/v3/cmd/vale@$want"
	vale="$gobin/vale"
fi
# (A Vale built by go install reports its version as "master"; $VALE must
# be v3.21.0 for the golden to mean what the test says.)

cd "$dir"
# Vale exits 1 when it reports errors; that is expected here.
"$vale" --no-global --output=JSON story.md > vale.golden.json.tmp || [[ $? -eq 1 ]]
mv vale.golden.json.tmp vale.golden.json
echo "wrote $dir/vale.golden.json ($(grep -c '"Check"' vale.golden.json) alerts)"
