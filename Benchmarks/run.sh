#!/usr/bin/env bash
# The national-scale benchmark: Tūtahi (release build) against the same four indicators as SQL in
# DuckDB, on the same files, in the same run, with the results compared for equality.
#
#   Benchmarks/run.sh [SCALE ...]        default: 1/16 1/4 1 4 (scale 1 = a national year)
#
# Data sets are generated once into Benchmarks/data/ (git-ignored; scale 4 is about 3 GB).
# Prints one Markdown table row per scale: load, compute and output time, rows per second,
# peak memory (max RSS), and DuckDB's time and peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import duckdb" 2>/dev/null || python3 -m pip install --quiet duckdb
swift build -c release --product tutahi >/dev/null
scales=("$@")
[ ${#scales[@]} -gt 0 ] || scales=(1/16 1/4 1 4)
echo "| scale | rows | load s | compute s | output s | total s | rows/s | max RSS MB | DuckDB s | DuckDB RSS MB | equal |"
echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|"
for scale in "${scales[@]}"; do
    dir="Benchmarks/data/scale-${scale//\//_}"
    [ -f "$dir/interactions.csv" ] || python3 Benchmarks/generate.py "$scale" "$dir" >&2
    rows=$(( $(wc -l < "$dir/interactions.csv") + $(wc -l < "$dir/surveys.csv") - 2 ))
    /usr/bin/time -f "%e %M" -o "$dir/tutahi.time" .build/release/tutahi run -c "$dir/tutahi.yaml" \
        --as-of 2026-06-30 --timings 2> "$dir/tutahi.stderr" > /dev/null
    read -r total rss < <(tail -1 "$dir/tutahi.time")
    timings=$(grep '^timings:' "$dir/tutahi.stderr")
    load=$(sed -E 's/.*load ([0-9.]+) s.*/\1/' <<< "$timings")
    compute=$(sed -E 's/.*compute ([0-9.]+) s.*/\1/' <<< "$timings")
    output=$(sed -E 's/.*outputs ([0-9.]+) s.*/\1/' <<< "$timings")
    equal=yes
    /usr/bin/time -f "%e %M" -o "$dir/duckdb.time" python3 Benchmarks/duckdb_baseline.py "$dir" 2026-06-30 \
        "$dir/out/scorecard.json" > "$dir/duckdb.out" 2>&1 || equal=no
    read -r duck duckrss < <(tail -1 "$dir/duckdb.time")
    printf "| %s | %d | %s | %s | %s | %s | %d | %d | %s | %d | %s |\n" "$scale" "$rows" "$load" "$compute" "$output" \
        "$total" "$(python3 -c "print(round($rows / $total))")" $((rss / 1024)) "$duck" $((duckrss / 1024)) "$equal"
done
