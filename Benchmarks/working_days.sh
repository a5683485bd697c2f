#!/usr/bin/env bash
# What a deadline in working days costs: the benchmark's `replies` indicator with `within: 10d`
# against the same with `within: 10wd` (on the `nz` calendar), on the same national data, best of
# three `--timings` compute phases each, interleaved.
#
#   Benchmarks/working_days.sh [SCALE]      default 1/4
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-1/4}
dir="Benchmarks/data/scale-${scale//\//_}"
[ -f "$dir/interactions.csv" ] || python3 Benchmarks/generate.py "$scale" "$dir" >&2
swift build -c release --product tutahi >/dev/null
sed 's/within: 10d}/within: 10wd}/' "$dir/tutahi.yaml" > "$dir/tutahi-wd.yaml"
best() { sort -n | head -1; }
days=(); workdays=()
for _ in 1 2 3; do
    for variant in tutahi tutahi-wd; do
        compute=$(.build/release/tutahi run -c "$dir/$variant.yaml" --as-of 2026-06-30 --timings 2>&1 >/dev/null \
            | sed -nE 's/^timings:.*compute ([0-9.]+) s.*/\1/p')
        if [ "$variant" = tutahi ]; then days+=("$compute"); else workdays+=("$compute"); fi
    done
done
echo "| scale | compute s, within: 10d | compute s, within: 10wd |"
echo "|---|--:|--:|"
echo "| $scale | $(printf '%s\n' "${days[@]}" | best) | $(printf '%s\n' "${workdays[@]}" | best) |"
