#!/usr/bin/env bash
# The national-scale benchmark: Tūtahi (release build) against the same six indicators as SQL in
# DuckDB, on the same files, in the same run, with the results compared for equality.
#
#   Benchmarks/run.sh [SCALE ...]        default: 1/16 1/4 1 4 (scale 1 = a national year)
#   SHAPE=wide Benchmarks/run.sh 1       data shaped unlike ours (see Benchmarks/generate.py)
#   RUNS=3                               runs of each, interleaved; the best of each is shown
#
# Data sets are generated once into Benchmarks/data/ (git-ignored; scale 4 is about 3 GB).
# Prints one Markdown table row per scale: Tūtahi's load, compute and output time, its total wall
# time, rows per second and peak memory (max RSS) in its best run; DuckDB's best wall time and its
# peak memory (the Python process, from start to its last query); their ratio; and whether every
# value, score and n is equal (checked after the timed runs, untimed).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import duckdb, holidays" 2>/dev/null || python3 -m pip install --quiet duckdb holidays
# Built as for deployment, with the Swift runtime and libraries linked into the binary
# (--static-swift-stdlib: calls into them are then direct), in a build folder of its own so that it
# does not displace the everyday release build.
build=(swift build -c release --product tutahi --static-swift-stdlib --scratch-path .build/static)
"${build[@]}" >/dev/null
tutahi="$("${build[@]}" --show-bin-path)/tutahi"
shape=${SHAPE:-national}
runs=${RUNS:-3}
scales=("$@")
[ ${#scales[@]} -gt 0 ] || scales=(1/16 1/4 1 4)
echo "| shape | scale | rows | load s | compute s | output s | total s | rows/s | max RSS MB | DuckDB s | DuckDB RSS MB | ratio | equal |"
echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|"
for scale in "${scales[@]}"; do
    dir="Benchmarks/data/scale-${scale//\//_}"
    [ "$shape" = national ] || dir="$dir-$shape"
    [ -f "$dir/interactions.csv" ] || python3 Benchmarks/generate.py "$scale" "$dir" "$shape" >&2
    rows=$(( $(wc -l < "$dir/interactions.csv") + $(wc -l < "$dir/surveys.csv") - 2 ))
    best="" duck=""
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %M" -o "$dir/tutahi.time" "$tutahi" run -c "$dir/tutahi.yaml" \
            --as-of 2026-06-30 --timings 2> "$dir/tutahi.stderr" > /dev/null
        read -r total rss < <(tail -1 "$dir/tutahi.time")
        if [ -z "$best" ] || awk "BEGIN { exit !($total < ${best%% *}) }"; then
            best="$total $rss $(grep '^timings:' "$dir/tutahi.stderr" | tr -d '\n')"
        fi
        /usr/bin/time -f "%e %M" -o "$dir/duckdb.time" python3 Benchmarks/duckdb_baseline.py "$dir" 2026-06-30 \
            > "$dir/duckdb.out" 2>&1
        read -r seconds duckrss < <(tail -1 "$dir/duckdb.time")
        if [ -z "$duck" ] || awk "BEGIN { exit !($seconds < ${duck%% *}) }"; then duck="$seconds $duckrss"; fi
    done
    read -r total rss timings <<< "$best"
    read -r seconds duckrss <<< "$duck"
    load=$(sed -E 's/.*load ([0-9.]+) s.*/\1/' <<< "$timings")
    compute=$(sed -E 's/.*compute ([0-9.]+) s.*/\1/' <<< "$timings")
    output=$(sed -E 's/.*outputs ([0-9.]+) s.*/\1/' <<< "$timings")
    equal=yes
    python3 Benchmarks/duckdb_baseline.py "$dir" 2026-06-30 "$dir/out/scorecard.json" > "$dir/compare.out" 2>&1 || equal=no
    printf "| %s | %s | %d | %s | %s | %s | %s | %d | %d | %s | %d | %.2f | %s |\n" "$shape" "$scale" "$rows" "$load" \
        "$compute" "$output" "$total" "$(python3 -c "print(round($rows / $total))")" $((rss / 1024)) "$seconds" \
        $((duckrss / 1024)) "$(python3 -c "print($total / $seconds)")" "$equal"
done
