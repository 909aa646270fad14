#!/usr/bin/env bash
# bench/run.sh — the parse+check throughput benchmark, in one run.
#
# Usage: bench/run.sh [BUILD_DIR]   (default: build; use a release build for real figures)
# Generates N (default 10000, override with BENCH_N) report files into bench/data/ from the
# seed reports in examples/, runs bench-parse over them (single thread: MB/s, reports/s, peak
# RSS), then times `wc -l` over the same files as the floor. Prints figures; never fails on them.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
n=${BENCH_N:-10000}
data=$root/bench/data
list=$data/files.list

for exe in bench-gen bench-parse; do
    if [[ ! -x $build/bench/$exe ]]; then
        echo "run.sh: $build/bench/$exe not found; build first (ninja -C $build)" >&2
        exit 2
    fi
done

rm -rf "$data"
mkdir -p "$data"
"$build/bench/bench-gen" "$data" "$n" "$root"/examples/*.txt
find "$data" -name 'r*.txt' | LC_ALL=C sort > "$list"
bytes=$(xargs -d '\n' cat < "$list" | wc -c)

echo "== gongkai bench: $(wc -l < "$list") files, $bytes bytes, build $build"
# Warm the page cache so both timings read from memory.
xargs -d '\n' cat < "$list" > /dev/null

echo "-- bench-parse (read + gk_check + free, 1 thread)"
"$build/bench/bench-parse" --list "$list"

echo "-- floor: wc -l over the same files"
t0=$(date +%s.%N)
xargs -d '\n' wc -l < "$list" > /dev/null
t1=$(date +%s.%N)
awk -v b="$bytes" -v t0="$t0" -v t1="$t1" -v n="$n" 'BEGIN {
    s = t1 - t0
    printf "seconds:          %.3f\nMB/s:             %.1f\nfiles/s:          %.0f\n",
        s, b / 1e6 / s, n / s
}'

# HTML and DOCX: the seed reports as web pages and Word files (tests/fixtures/seeds), each read
# BENCH_ROUNDS times (default 200) by the same bench-parse; the files stay in the page cache.
for kind in html docx; do
    klist=$data/$kind.list
    : > "$klist"
    for _ in $(seq "${BENCH_ROUNDS:-200}"); do
        ls "$root"/tests/fixtures/seeds/*."$kind" >> "$klist"
    done
    echo "-- bench-parse on $kind ($(wc -l < "$klist") reads of $(ls "$root"/tests/fixtures/seeds/*."$kind" | wc -l) files)"
    "$build/bench/bench-parse" --list "$klist"
done

# Export: the generated corpus directory into one dataset per format, on every core (the
# directory also holds the three path lists, which come out as three "not a report" rows).
for f in csv xlsx sqlite; do
    out=$data/export.$f
    echo "-- gongkai export --format $f ($(wc -l < "$list") reports)"
    /usr/bin/time -f "seconds: %e  peak RSS: %M KiB  CPU: %P" \
        "$build/gongkai" export --format "$f" -o "$out" "$data" >/dev/null 2>"$data/export.err" || true
    tail -n 1 "$data/export.err"
    echo "output bytes: $(wc -c < "$out" 2>/dev/null || echo 0)"
done
