#!/usr/bin/env bash
# Two builds of tutahi on the same national data: best of three interleaved runs each, total and
# compute time and peak memory. Used to show that a change costs nothing where it should not.
#
#   Benchmarks/compare.sh BEFORE_BINARY AFTER_BINARY [SCALE]      default scale 1
set -euo pipefail
cd "$(dirname "$0")/.."
before=$1 after=$2 scale=${3:-1}
dir="Benchmarks/data/scale-${scale//\//_}"
[ -f "$dir/interactions.csv" ] || python3 Benchmarks/generate.py "$scale" "$dir" >&2
measure() {  # prints "total compute rss_mb"
    /usr/bin/time -f "%e %M" -o "$dir/compare.time" "$1" run -c "$dir/tutahi.yaml" --as-of 2026-06-30 --timings \
        2> "$dir/compare.stderr" > /dev/null
    read -r total rss < <(tail -1 "$dir/compare.time")
    compute=$(sed -nE 's/^timings:.*compute ([0-9.]+) s.*/\1/p' "$dir/compare.stderr")
    echo "$total $compute $((rss / 1024))"
}
: > "$dir/compare.before"; : > "$dir/compare.after"
for _ in 1 2 3; do
    measure "$before" >> "$dir/compare.before"
    measure "$after" >> "$dir/compare.after"
done
echo "| build | best total s | best compute s | peak RSS MB |"
echo "|---|--:|--:|--:|"
for side in before after; do
    printf "| %s | %s | %s | %s |\n" "$side" "$(sort -n -k1 "$dir/compare.$side" | head -1 | cut -d' ' -f1)" \
        "$(sort -n -k2 "$dir/compare.$side" | head -1 | cut -d' ' -f2)" "$(sort -n -k3 "$dir/compare.$side" | head -1 | cut -d' ' -f3)"
done
