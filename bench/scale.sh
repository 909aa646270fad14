#!/usr/bin/env bash
# bench/scale.sh — many reports at once: export (XLSX, SQLite, CSV), rollup, summary and compare over a
# generated set of BENCH_N reports (default 100000), each timed with /usr/bin/time.
#
# Usage: bench/scale.sh [BUILD_DIR]   (default: build-release)
# The set is made by bench-gen from the seed reports into $BENCH_DIR (default
# /tmp/gongkai-scale; about 8 KB per report) and kept for the next run when it has the right
# size. Prints, per command: seconds, reports/s, reports/s per core used, CPU and peak RSS.
# Prints figures; never fails on them.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-build-release}
case $build in /*) ;; *) build=$root/$build ;; esac
n=${BENCH_N:-100000}
data=${BENCH_DIR:-/tmp/gongkai-scale}
out=$data.out

for exe in gongkai bench/bench-gen; do
    [[ -x $build/$exe ]] || { echo "scale.sh: $build/$exe not found; build first" >&2; exit 2; }
done
if [[ $(find "$data" -name 'r*.txt' 2>/dev/null | wc -l) != "$n" ]]; then
    rm -rf "$data" && mkdir -p "$data"
    "$build/bench/bench-gen" "$data" "$n" "$root"/examples/*.txt
fi
rm -rf "$out" && mkdir -p "$out"
echo "== gongkai scale: $n reports ($(du -sh "$data" | cut -f1)), $(nproc) cores, build $build"
printf '%-16s %9s %10s %14s %6s %10s %12s\n' command seconds reports/s "per core used" CPU "peak RSS" output

run() { # name output-file command...
    local name=$1 file=$2
    shift 2
    /usr/bin/time -o "$out/time" -f "%e %P %M" "$@" >/dev/null 2>"$out/$name.err" || true
    # the last line: /usr/bin/time puts "Command exited with non-zero status" above it
    read -r secs cpu rss < <(tail -n 1 "$out/time")
    awk -v name="$name" -v n="$n" -v s="$secs" -v cpu="${cpu%\%}" -v rss="$rss" \
        -v bytes="$(wc -c < "$file" 2>/dev/null || echo 0)" 'BEGIN {
        core = cpu > 0 ? n / s / (cpu / 100) : 0
        printf "%-16s %9.1f %10.0f %14.0f %5d%% %7.0f MiB %9.1f MB\n", name, s, n / s, core, cpu,
            rss / 1024, bytes / 1e6 }'
}

run export-xlsx "$out/set.xlsx" "$build/gongkai" export -o "$out/set.xlsx" "$data"
run export-sqlite "$out/set.sqlite" "$build/gongkai" export -o "$out/set.sqlite" "$data"
run export-csv "$out/set.csv" "$build/gongkai" export -o "$out/set.csv" "$data"
run rollup "$out/rollup.txt" "$build/gongkai" rollup -o "$out/rollup.txt" "$data"
run summary "$out/summary.html" "$build/gongkai" summary -o "$out/summary.html" "$data"
# the set against itself: every report paired by agency, every cell written as CSV
run compare-csv "$out/compare.csv" sh -c '"$0" compare --format csv "$1" "$1" >"$2"' \
    "$build/gongkai" "$data" "$out/compare.csv"
