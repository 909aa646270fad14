#!/usr/bin/env bash
# bench/serve.sh — the HTTP service under load on loopback (wrk): durable submissions/s
# (POST /api/applications, each acknowledged after its commit) and status lookups/s
# (GET /api/track/{code}), with p50/p99 latency.
#
# Usage: bench/serve.sh [BUILD_DIR]   (default: build; a release build gives the real figures)
#   BENCH_SECONDS   seconds per run (default 10)
#   BENCH_THREADS   server worker threads (default 4)
#   BENCH_CONNS     concurrent connections (default 16 for submissions, 32 for lookups)
#   BENCH_DB        the store (default: a new SQLite file in a temporary directory); for
#                   PostgreSQL give an empty database's URL
# Prints wrk's figures and one summary line per run; never fails on the figures.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
gk=$build/gongkai
secs=${BENCH_SECONDS:-10}
threads=${BENCH_THREADS:-4}
command -v wrk >/dev/null || { echo "serve.sh: wrk not found (apt-get install wrk)" >&2; exit 2; }
command -v curl >/dev/null || { echo "serve.sh: curl not found" >&2; exit 2; }
[[ -x $gk ]] || { echo "serve.sh: $gk not found; build first" >&2; exit 2; }

tmp=$(mktemp -d)
pid=
cleanup() {
    [[ -n $pid ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
db=${BENCH_DB:-sqlite:$tmp/bench.db}

echo "bench password" | "$gk" user add bench --role admin --db "$db" >/dev/null
"$gk" serve --db "$db" --listen 127.0.0.1:0 --calendar "$root/data/calendar-cn.tsv" \
    --threads "$threads" 2>"$tmp/serve.log" &
pid=$!
for _ in $(seq 100); do
    port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$tmp/serve.log" | grep -o '[0-9]*$' || true)
    [[ -n $port ]] && break
    sleep 0.1
done
[[ -n $port ]] || { cat "$tmp/serve.log" >&2; exit 2; }
url=http://127.0.0.1:$port

# an agency, made by the admin through the API
login=$(curl -s -c "$tmp/cookies" -H 'Content-Type: application/json' \
    -d '{"name":"bench","password":"bench password"}' "$url/api/login")
csrf=$(printf '%s' "$login" | sed -n 's/.*"csrf_token":"\([0-9a-f]*\)".*/\1/p')
curl -s -b "$tmp/cookies" -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
    -d '{"name":"压测市人民政府办公室"}' "$url/api/agencies" >/dev/null

# summary NAME FILE: one line from wrk's output
summary() {
    local rps p50 p99 errs
    rps=$(awk '/^Requests\/sec/ {print $2}' "$2")
    p50=$(awk '$1 == "50%" {print $2}' "$2")
    p99=$(awk '$1 == "99%" {print $2}' "$2")
    errs=$(awk '/Non-2xx/ {print $5}' "$2")
    printf '%-34s %10s req/s   p50 %-9s p99 %-9s non-2xx %s\n' "$1" "$rps" "$p50" "$p99" "${errs:-0}"
}

echo "== gongkai serve: $(nproc) cores, $threads server threads, $secs s per run, store ${db%%:*}"
conns=${BENCH_CONNS:-16}
wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$root/bench/submit.lua" "$url" | tee "$tmp/submit.out"
n=$(curl -s -b "$tmp/cookies" "$url/api/queue?limit=1" | sed -n 's/.*"open":\([0-9]*\).*/\1/p')
echo "-- $n applications stored"

# the tracking codes of (up to) 10000 of them, for the lookups
curl -s -b "$tmp/cookies" "$url/api/queue?limit=5000" | grep -o '"tracking":"[A-Z0-9]*"' |
    cut -d'"' -f4 > "$tmp/codes"
conns=${BENCH_CONNS:-32}
wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$root/bench/track.lua" "$url" -- "$tmp/codes" |
    tee "$tmp/track.out"

echo "== summary"
summary "durable submissions (POST)" "$tmp/submit.out"
summary "status lookups (GET /api/track)" "$tmp/track.out"
