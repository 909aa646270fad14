# lib.sh — what the CLI tests share; source it first: . "$(dirname "$0")/lib.sh" "$@"
# Sets gk (the gongkai binary), root (the source tree), ex (its examples) and tmp (removed at
# exit), counts checks, and ends with finish: the "N passed, N failed" line and the status.
set -u
gk=$1
root=$2
ex=$root/examples
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# check GOT WANT WHAT : the two are equal
check() { if [ "$1" = "$2" ]; then ok; else bad "$3: got '$1', want '$2'"; fi; }

# expect_status WANT CMD... : the command exits with WANT (and is stopped after 60 s)
expect_status() {
    want=$1; shift
    timeout 60 "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" = "$want" ]; then ok; else bad "$* exited $got, want $want: $(head -c 300 "$tmp/err")"; fi
}

# expect_grep PATTERN FILE : FILE contains PATTERN (fixed string)
expect_grep() {
    if grep -qF -- "$1" "$2"; then ok; else bad "'$1' not in $2: $(head -c 300 "$2")"; fi
}

finish() {
    echo "$pass passed, $fail failed"
    [ "$fail" = 0 ]
}
