#!/usr/bin/env bash
# bench/report.sh — `gongkai report` over a large store (issue 5, item 7): bench-fill writes one
# agency's applications over two years (BENCH_APPS, default 1,000,000) into a SQLite store, then
# `gongkai report --year Y` is timed with /usr/bin/time (seconds, CPU, peak RSS), BENCH_RUNS
# times. With GK_TEST_PG set (scripts/pg-test start), the same on a PostgreSQL database of its
# own (created with psql, dropped after).
#
# Usage: bench/report.sh [BUILD_DIR]   (default: build-release)
#   BENCH_APPS    applications (default 1000000)
#   BENCH_YEAR    the report year (default: last year); receipts run over YEAR-1 and YEAR
#   BENCH_RUNS    timed runs of the report per store (default 3)
#   BENCH_DIR     where the SQLite store is kept (default /tmp/gongkai-report); a store of the
#                 right size and year there is reused, so only the first run pays for the fill
#   BENCH_FORMAT  the report's format (default text)
#   BENCH_KEEP_PG 1: keep the PostgreSQL database (gk_bench_report_APPS_YEAR) for the next run
#                 instead of dropping it (a million applications take half an hour to write
#                 there, one round trip per statement)
# Prints figures; never fails on them.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-build-release}
case $build in /*) ;; *) build=$root/$build ;; esac
apps=${BENCH_APPS:-1000000}
year=${BENCH_YEAR:-$(($(date +%Y) - 1))}
runs=${BENCH_RUNS:-3}
dir=${BENCH_DIR:-/tmp/gongkai-report}
format=${BENCH_FORMAT:-text}
gk=$build/gongkai
fill=$build/bench/bench-fill
for exe in "$gk" "$fill"; do
    [[ -x $exe ]] || { echo "report.sh: $exe not found; build first (ninja -C $build)" >&2; exit 2; }
done
[[ -x /usr/bin/time ]] || { echo "report.sh: /usr/bin/time not found (apt-get install time)" >&2; exit 2; }
mkdir -p "$dir"
tmp=$(mktemp -d)
pgdb=
cleanup() {
    [[ -n $pgdb ]] && psql -q "$GK_TEST_PG" -c "DROP DATABASE $pgdb WITH (FORCE)" >/dev/null 2>&1
    rm -rf "$tmp"
}
trap cleanup EXIT

# fill URL INFO: fills the store at URL (bench-fill's output into INFO), timed
fill_store() {
    echo "-- filling $1 with $apps applications ($((year - 1))–$year)"
    /usr/bin/time -o "$tmp/time" -f "%e %M" "$fill" "$1" "$apps" "$year" >"$2"
    read -r secs rss < <(tail -n 1 "$tmp/time")
    sed 's/^/   /' "$2"
    awk -v s="$secs" -v rss="$rss" 'BEGIN { printf "   fill: %.1f s, peak RSS %.0f MiB\n", s, rss / 1024 }'
}

# report BACKEND URL AGENCY: times the report BENCH_RUNS times
report() {
    local backend=$1 url=$2 agency=$3 i secs cpu rss
    for i in $(seq "$runs"); do
        /usr/bin/time -o "$tmp/time" -f "%e %P %M" "$gk" report --db "$url" --year "$year" \
            --agency "$agency" --format "$format" -o "$tmp/report.$format" 2>"$tmp/report.err" ||
            { echo "   report failed:"; sed 's/^/   /' "$tmp/report.err"; return 0; }
        read -r secs cpu rss < <(tail -n 1 "$tmp/time")
        printf '%-12s run %d: %6.2f s  CPU %5s  peak RSS %6.0f MiB\n' "$backend" "$i" "$secs" \
            "$cpu" "$(awk -v r="$rss" 'BEGIN { print r / 1024 }')"
    done
    if [[ $format == text ]]; then
        "$gk" check "$tmp/report.text" >"$tmp/check.out" 2>&1 && echo "   gongkai check: clean" ||
            echo "   gongkai check: exit $? ($(grep -c '错误' "$tmp/check.out" || true) errors)"
    fi
    grep -E '^(一、本年新收|二、上年结转|四、结转下年度)' "$tmp/report.$format" | sed 's/^/   /' || true
}

echo "== gongkai report: $apps applications, year $year, build $build, $(nproc) cores"

# SQLite: reuse a store of the same size and year
db=$dir/apps-$apps-$year.db
if [[ ! -s $dir/apps-$apps-$year.info ]] || [[ ! -f $db ]]; then
    rm -f "$db" "$db-wal" "$db-shm"
    fill_store "sqlite:$db" "$dir/apps-$apps-$year.info"
else
    echo "-- reusing $db ($(du -h "$db" | cut -f1))"
fi
agency=$(sed -n 's/^agency: //p' "$dir/apps-$apps-$year.info")
echo "   store: $(du -h "$db" | cut -f1)"
report SQLite "sqlite:$db" "$agency"

if [[ -n ${GK_TEST_PG:-} ]]; then
    name="gk_bench_report_${apps}_${year}"
    url=$(printf '%s\n' "$GK_TEST_PG" | sed "s#^\(postgres[a-z]*://[^/?]*\)/[^?]*#\1/$name#")
    have=$(psql -qtA "$GK_TEST_PG" -c "SELECT 1 FROM pg_database WHERE datname = '$name'" || true)
    [[ -n $have ]] && have=$(psql -qtA "$url" -c "SELECT COUNT(*) FROM applications" || true)
    [[ ${BENCH_KEEP_PG:-0} == 1 ]] || pgdb=$name # dropped at exit
    if [[ $have == "$apps" ]]; then
        echo "-- reusing the PostgreSQL database $name"
        pgagency=$(psql -qtA "$url" -c "SELECT name FROM agencies ORDER BY id LIMIT 1")
    elif psql -q "$GK_TEST_PG" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" \
        -c "CREATE DATABASE $name" >/dev/null; then
        fill_store "$url" "$tmp/pg.info"
        pgagency=$(sed -n 's/^agency: //p' "$tmp/pg.info")
    else
        echo "PostgreSQL: cannot create a database at $GK_TEST_PG"
        pgdb=
        exit 0
    fi
    psql -q "$url" -c "VACUUM ANALYZE" >/dev/null 2>&1 || true
    echo "   database: $(psql -qtA "$url" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")"
    report PostgreSQL "$url" "$pgagency"
else
    echo "PostgreSQL: skipped (GK_TEST_PG is not set)"
fi
