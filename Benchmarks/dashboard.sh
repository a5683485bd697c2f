#!/usr/bin/env bash
# Requests per second of `serve`'s live view at national scale (scale 1 of Benchmarks/generate.py),
# measured with wrk from a second process on loopback, with a viewer's bearer token.
#
#   Benchmarks/dashboard.sh [SCALE]        default: 1
#
# Records two runs (30 June and 31 July 2026) into a throwaway SQLite store, starts `serve`, then
# loads the overview, an agency page, a relationship page and the relationship's explanation for
# 20 s each with 2 threads and 16 connections. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "installing wrk…" >&2; apt-get install -y -qq wrk >/dev/null; }
swift build -c release --product tutahi >/dev/null
scale=${1:-1}
dir="Benchmarks/data/scale-${scale//\//_}"
[ -f "$dir/interactions.csv" ] || python3 Benchmarks/generate.py "$scale" "$dir" >&2
work=$(mktemp -d)
trap 'kill $serve 2>/dev/null || true; rm -rf "$work"' EXIT
export BENCH_TOKEN=benchmark-token-0123456789abcdef
sed -e "s#^  parties: #  parties: $PWD/$dir/#" -e "s#surveys: \[#surveys: [$PWD/$dir/#" \
    -e "s#interactions: \[#interactions: [$PWD/$dir/#" -e '/^outputs:/,$d' "$dir/tutahi.yaml" > "$work/tutahi.yaml"
cat >> "$work/tutahi.yaml" <<'YAML'
outputs: []
store: state.sqlite
schedules: [{id: yearly, cron: "0 7 1 1 *"}]
http: {listen: "127.0.0.1:0"}
viewers: [{name: bench, token: "${BENCH_TOKEN}", scope: all}]
YAML
for as_of in 2026-06-30 2026-07-31; do .build/release/tutahi run -c "$work/tutahi.yaml" --as-of "$as_of" >/dev/null 2>&1; done
.build/release/tutahi serve -c "$work/tutahi.yaml" 2> "$work/serve.log" &
serve=$!
until grep -q "dashboard listening" "$work/serve.log"; do sleep 0.2; done
url=$(grep -o 'url=http://[^ ]*' "$work/serve.log" | cut -d= -f2)
header="Authorization: Bearer $BENCH_TOKEN"
read -r agency partner < <(curl -s -H "$header" "$url/api/v1/scorecard" \
    | python3 -c 'import json,sys; r=json.load(sys.stdin)["relationships"]; print(len(r), file=sys.stderr); print(r[len(r)//2]["agency"], r[len(r)//2]["partner"])')
echo "| page | requests/s | mean latency | bytes |"
echo "|---|--:|--:|--:|"
for path in / "/agencies/$agency" "/relationships/$agency/$partner" "/api/v1/explain/$agency/$partner"; do
    bytes=$(curl -s -H "$header" "$url$path" | wc -c)
    out=$(wrk -t2 -c16 -d20s -H "$header" "$url$path")
    rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
    latency=$(awk '/Latency/ {print $2; exit}' <<< "$out")
    echo "| \`$path\` | $rps | $latency | $bytes |"
done
