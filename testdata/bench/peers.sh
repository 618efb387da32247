#!/usr/bin/env bash
# Side by side: copydesk against Vale v3.21.0 (with a newsroom style of comparable size), write-good, and
# textlint with its write-good rule, on the same inputs, in one run. Prints one Markdown table.
#
#   testdata/bench/peers.sh            # needs Go, Node.js/npm, and ../shared/corpora beside the repository
#
# Everything is installed into a temporary folder (PEERS_DIR to reuse one): Vale with `go install`, the npm
# tools with `npm install`. The newsroom style is generated there: existence rules for placeholders, Vale's
# repetition rule, and the MIT-licensed npm word lists too-wordy and no-cliches as existence rules.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${SHARED:-$REPO/../shared}
BBC=$SHARED/corpora/bbc/bbc
PAGES=$SHARED/corpora/readability/pages
SAMPLE=$REPO/testdata/articles/scraped-story.txt
PLANTED=$REPO/testdata/articles/scraped-story.planted
[ -d "$BBC" ] || { echo "peers.sh: $BBC not found: put ../shared beside the repository" >&2; exit 2; }

WORK=${PEERS_DIR:-$(mktemp -d)}
mkdir -p "$WORK/bin" "$WORK/out"
cd "$WORK"

echo "== installing into $WORK" >&2
[ -x bin/vale ] || GOBIN="$WORK/bin" go install github.com/vale-cli/vale/v3/cmd/vale@v3.21.0
if [ ! -d node_modules/textlint-rule-write-good ]; then
  npm init -y >/dev/null
  npm install --no-audit --no-fund --silent write-good@1.0.8 textlint@15.8.0 textlint-rule-write-good@2.0.0 \
    too-wordy@0.3.6 no-cliches@0.3.6 >/dev/null
fi
# Built as the README installs it: CGO_ENABLED=0, a static binary.
(cd "$REPO" && CGO_ENABLED=0 go build -o "$WORK/bin/copydesk" ./cmd/copydesk)

# The newsroom style for Vale.
mkdir -p styles/Newsroom
cat > styles/Newsroom/Placeholders.yml <<'EOF'
extends: existence
message: "Placeholder '%s' left in the copy."
level: error
ignorecase: false
nonword: true
tokens:
  - '\[(?i:source|citation needed|link|quote|name|photo|date|tk|insert[^\]]*)\]'
  - '\bTK(?:TK)?\b'
  - '\bXXX?(?= (?:percent|per cent|people|million|billion))'
  - '\$XX\b'
  - '\b(?:TODO|FIXME|TBD)\b'
  - '(?i)lorem ipsum'
  - '\{\{[^}]*\}\}'
EOF
cat > styles/Newsroom/Chatbot.yml <<'EOF'
extends: existence
message: "Chatbot text '%s' left in the copy."
level: error
ignorecase: true
tokens:
  - as an AI language model
  - I hope this helps
  - Certainly! Here is
  - as of my last knowledge update
  - regenerate response
EOF
cat > styles/Newsroom/Repetition.yml <<'EOF'
extends: repetition
message: "'%s' is repeated."
level: error
alpha: true
tokens:
  - '[^\s]+'
EOF
node -e '
const fs = require("fs");
function list(file) {
  const src = fs.readFileSync(file, "utf8");
  const m = src.match(/\[([\s\S]*?)\];/);
  return eval("[" + m[1] + "]");
}
function rule(name, level, words) {
  const esc = w => "  - \x27" + w.replace(/\x27/g, "\x27\x27") + "\x27";
  return "extends: existence\nmessage: \"" + name + ": %s\"\nlevel: " + level + "\nignorecase: true\ntokens:\n" +
    words.map(esc).join("\n") + "\n";
}
fs.writeFileSync("styles/Newsroom/TooWordy.yml", rule("Too wordy", "warning", list("node_modules/too-wordy/too-wordy.js")));
fs.writeFileSync("styles/Newsroom/Cliches.yml", rule("Cliche", "warning", list("node_modules/no-cliches/cliches.js")));
'
cat > .vale.ini <<'EOF'
StylesPath = styles
MinAlertLevel = suggestion
[*]
BasedOnStyles = Newsroom
EOF
printf '{"rules":{"write-good":true}}\n' > .textlintrc.json
vale_rules=$(grep -c "^  - " styles/Newsroom/*.yml | awk -F: '{s+=$2} END {print s}')

# Inputs.
find "$BBC" -name '*.txt' | sort > bbc.list
find "$PAGES" -name source.html | sort > html.list
bytes_of() { xargs cat < "$1" | wc -c; }
bbc_bytes=$(bytes_of bbc.list); html_bytes=$(bytes_of html.list)
bbc_n=$(wc -l < bbc.list); html_n=$(wc -l < html.list)

# run-tool.sh TOOL FILE...: runs one tool over the files and prints one finding a line.
cat > run-tool.sh <<'EOF'
#!/usr/bin/env bash
tool=$1; shift
cd "$(dirname "$0")"
case $tool in
  copydesk)   bin/copydesk check --fail-on none "$@" ;;
  vale)       bin/vale --no-exit --output=line "$@" ;;
  write-good) node_modules/.bin/write-good --parse "$@" || true ;;
  textlint)   node_modules/.bin/textlint --format unix "$@" | grep -E '^.+:[0-9]+:[0-9]+: ' || true ;;
esac
EOF
chmod +x run-tool.sh
run_tool() { "$WORK/run-tool.sh" "$@"; }
measure() { # tool listfile label -> "seconds peakKB findings"
  local tool=$1 list=$2 label=$3
  /usr/bin/time -f "%e %M" -o "out/$tool-$label.time" xargs -a "$list" -d '\n' -s 1000000 "$WORK/run-tool.sh" "$tool" \
    > "out/$tool-$label.out" 2> "out/$tool-$label.err" || true
  local secs kb
  read -r secs kb < <(tail -1 "out/$tool-$label.time")
  echo "$secs $kb $(grep -c . "out/$tool-$label.out" || true)"
}

# The planted problems of the sample article: which each tool found (a finding on the planted line; for
# copydesk, a finding of the planted rule on that line) and how many other findings it raised.
planted() { # tool
  local tool=$1 out=out/$1-sample.out found=0 total=0
  run_tool "$tool" "$SAMPLE" > "$out" 2>/dev/null || true
  local lines
  lines=$(sed -E 's/^[^:]*scraped-story\.txt:([0-9]+):.*/\1/' "$out")
  while IFS=$'\t' read -r line rule _; do
    case $line in \#*|"") continue ;; esac
    total=$((total + 1))
    if [ "$tool" = copydesk ]; then
      grep -qE "^[^:]*:$line:[0-9]+: .*\[$rule\]$" "$out" && found=$((found + 1))
    else
      grep -qx "$line" <<< "$lines" && found=$((found + 1))
    fi
  done < "$PLANTED"
  local other
  if [ "$tool" = copydesk ]; then
    other=0
    while read -r l; do
      ln=$(sed -E 's/^[^:]*:([0-9]+):.*\[([a-z-]+)\]$/\1\t\2/' <<< "$l")
      grep -qxF "$ln" <(grep -v '^#' "$PLANTED" | cut -f1,2) || other=$((other + 1))
    done < "$out"
  else
    planted_lines=$(grep -v '^#' "$PLANTED" | cut -f1 | sort -u)
    other=$(grep -cvxF -f <(echo "$planted_lines") <<< "$lines" || true)
  fi
  echo "$found/$total $other"
}

echo "== running" >&2
printf '| tool | BBC: wall s | BBC: MB/s | BBC: peak MB | BBC: findings per 100 articles | HTML pages: wall s | HTML: MB/s | HTML: peak MB | sample: planted found | sample: other findings |\n'
printf '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n'
for tool in copydesk vale write-good textlint; do
  read -r bs bkb bf <<< "$(measure "$tool" bbc.list bbc)"
  read -r hs hkb _ <<< "$(measure "$tool" html.list html)"
  read -r pf po <<< "$(planted "$tool")"
  awk -v t="$tool" -v bs="$bs" -v bkb="$bkb" -v bf="$bf" -v bb="$bbc_bytes" -v bn="$bbc_n" \
      -v hs="$hs" -v hkb="$hkb" -v hb="$html_bytes" -v pf="$pf" -v po="$po" 'BEGIN {
    printf "| %s | %.2f | %.1f | %.0f | %.1f | %.2f | %.1f | %.0f | %s | %s |\n", t, bs, (bs > 0 ? bb/1e6/bs : 0), bkb/1024,
      100*bf/bn, hs, (hs > 0 ? hb/1e6/hs : 0), hkb/1024, pf, po }'
done
printf '\nInputs: BBC %d files, %.1f MB; Readability source.html %d files, %.1f MB. Vale style: %d tokens in %d rules.\n' \
  "$bbc_n" "$(awk -v b="$bbc_bytes" 'BEGIN{print b/1e6}')" "$html_n" "$(awk -v b="$html_bytes" 'BEGIN{print b/1e6}')" \
  "$vale_rules" "$(ls styles/Newsroom | wc -l)"
printf 'Machine: %s, %s cores, %s. Date: %s.\n' "$(uname -m)" "$(nproc)" "$(go version | cut -d' ' -f3)" "$(date -u +%Y-%m-%d)"

# Single-article check, process start to exit (median of 21 runs).
single() {
  local t=()
  for _ in $(seq 21); do
    # $EPOCHREALTIME is read by bash itself: no clock process's own start-up lands inside the interval.
    s=${EPOCHREALTIME/[.,]/}; "$@" > /dev/null 2>&1 || true; e=${EPOCHREALTIME/[.,]/}; t+=($(( e - s )))
  done
  printf '%s\n' "${t[@]}" | sort -n | sed -n 11p
}
printf 'Single article (scraped-story.txt), process start to exit, median of 21: copydesk %s µs, vale %s µs.\n' \
  "$(single bin/copydesk check --fail-on none "$SAMPLE")" "$(single bin/vale --no-exit --output=line "$SAMPLE")"

# The speed ratio against Vale over the BBC folder: the table's one-run wall times are at the mercy of a busy
# machine, so both tools run again, alternating, and the medians are compared.
RATIO_RUNS=${RATIO_RUNS:-5}
bbc_run() { # tool -> microseconds of one run over the BBC list
  local s e
  s=${EPOCHREALTIME/[.,]/}
  xargs -a bbc.list -d '\n' -s 1000000 "$WORK/run-tool.sh" "$1" > /dev/null 2>&1 || true
  e=${EPOCHREALTIME/[.,]/}
  echo $(( e - s ))
}
cd_t=(); vale_t=()
for _ in $(seq "$RATIO_RUNS"); do cd_t+=("$(bbc_run copydesk)"); vale_t+=("$(bbc_run vale)"); done
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
cd_med=$(median "${cd_t[@]}"); vale_med=$(median "${vale_t[@]}")
awk -v c="$cd_med" -v v="$vale_med" -v n="$RATIO_RUNS" 'BEGIN {
  printf "BBC folder, median of %d alternating runs: copydesk %.3f s, vale %.3f s: copydesk %.1f times faster.\n", n, c/1e6, v/1e6, v/c }'
echo "Raw outputs: $WORK/out" >&2
