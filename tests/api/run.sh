#!/bin/sh
# run.sh — runs one of the service tests (e2e.py, crash.py) on SQLite and, when GK_TEST_PG names
# a PostgreSQL server (scripts/pg-test start), on a database of its own there (created with
# psql and dropped after). Ends with the sum as "N passed, N failed".
#
# usage: tests/api/run.sh e2e|crash GONGKAI SOURCE_ROOT
set -u
test=$1
gk=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
root=$3
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

# one BACKEND DB_URL: runs the test and adds up its last line
one() {
    mkdir -p "$tmp/$1"
    out=$(python3 "$here/$test.py" "$gk" "$root" "$2" "$tmp/$1" 2>&1)
    printf '%s\n' "$out" | grep -v '^[0-9]* passed, [0-9]* failed$' | sed "s/^/[$1] /"
    line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -n 1)
    if [ -n "$line" ]; then
        p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed}
    else
        p=0; f=1
        echo "[$1] the test did not finish"
    fi
    echo "[$1] $p passed, $f failed"
    passed=$((passed + p)); failed=$((failed + f))
}

one sqlite "sqlite:$tmp/$test.db"

if [ -n "${GK_TEST_PG:-}" ]; then
    db="gk_${test}_$$_$(date +%s)"
    url=$(printf '%s\n' "$GK_TEST_PG" | sed "s#^\(postgres[a-z]*://[^/?]*\)/[^?]*#\1/$db#")
    if psql -q "$GK_TEST_PG" -c "CREATE DATABASE $db" >/dev/null 2>"$tmp/psql.err"; then
        one postgresql "$url"
        psql -q "$GK_TEST_PG" -c "DROP DATABASE $db WITH (FORCE)" >/dev/null 2>&1
    else
        echo "[postgresql] cannot create a database: $(cat "$tmp/psql.err")"
        failed=$((failed + 1))
    fi
else
    echo "[postgresql] skipped (GK_TEST_PG is not set)"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
