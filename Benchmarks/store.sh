#!/usr/bin/env bash
# Recording a national-scale run: the SQLite store against PostgreSQL, on the same data.
#
#   Benchmarks/store.sh [SCALE]          default 1 (a national year; Benchmarks/run.sh makes the data)
#
# Starts a throwaway PostgreSQL cluster (scripts/postgres-cluster, removed afterwards), then runs the
# benchmark's config three times against each store, interleaved, each into a new store, and prints
# the best `record` phase (writing the run, its scorecard and every relationship's scores in one
# transaction) and the best total, from `run --timings`.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-1}
dir="Benchmarks/data/scale-${scale//\//_}"
[ -f "$dir/interactions.csv" ] || python3 Benchmarks/generate.py "$scale" "$dir" >&2
swift build -c release --product tutahi >/dev/null
cluster=$(mktemp -d /tmp/tutahi-postgres.XXXXXX)
trap 'scripts/postgres-cluster remove "$cluster"' EXIT
url=$(scripts/postgres-cluster start "$cluster")
export TUTAHI_BENCH_PASSWORD
TUTAHI_BENCH_PASSWORD=$(cat "$cluster/password")
port=$(cat "$cluster/port")
work=$(mktemp -d)
declare -A best_record best_total
for round in 1 2 3; do
    for backend in sqlite postgres; do
        if [ "$backend" = sqlite ]; then
            store="store: $work/store-$round.sqlite"
        else
            scripts/postgres-cluster createdb "$cluster" "bench_$round"
            store="store: \"postgresql://tutahi:\${TUTAHI_BENCH_PASSWORD}@127.0.0.1:$port/bench_$round?sslmode=disable\""
        fi
        { cat "$dir/tutahi.yaml"; echo "$store"; } > "$dir/store-bench.yaml"
        timings=$(.build/release/tutahi run -c "$dir/store-bench.yaml" --as-of 2026-06-30 --timings 2>&1 >/dev/null | grep '^timings:')
        record=$(sed -E 's/.*record ([0-9.]+) s.*/\1/' <<< "$timings")
        total=$(sed -E 's/^timings: //; s/ s//g; s/[a-z]+ //g; s/ · /+/g' <<< "$timings" | bc)
        [ -z "${best_record[$backend]:-}" ] || (( $(echo "$record < ${best_record[$backend]}" | bc) )) && best_record[$backend]=$record
        [ -z "${best_total[$backend]:-}" ] || (( $(echo "$total < ${best_total[$backend]}" | bc) )) && best_total[$backend]=$total
    done
done
rm -rf "$work" "$dir/store-bench.yaml"
echo "| store | best record s | best total s |"
echo "|---|--:|--:|"
for backend in sqlite postgres; do
    echo "| $backend | ${best_record[$backend]} | ${best_total[$backend]} |"
done
