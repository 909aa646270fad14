#!/bin/sh
# CLI tests: exit statuses, output formats and the text round trip, run against the built
# gongkai binary. usage: run.sh GONGKAI SOURCE_ROOT
set -u
gk=$1
root=$2
ex=$root/examples
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect_status WANT CMD... : the command exits with WANT
expect_status() {
    want=$1; shift
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" = "$want" ]; then ok; else bad "$* exited $got, want $want"; fi
}

# expect_grep PATTERN FILE : FILE contains PATTERN (fixed string)
expect_grep() {
    if grep -qF -- "$1" "$2"; then ok; else bad "'$1' not in $2: $(head -c 300 "$2")"; fi
}

expect_status 0 "$gk" --version
expect_status 2 "$gk"
expect_status 2 "$gk" frobnicate x
expect_status 2 "$gk" check
expect_status 2 "$gk" parse --format xml "$ex/003_43b3efced0382fbe.txt"

# seed 000: prose says 其他处理 15 宗, the table totals 17 -> an error, exit 1
expect_status 1 "$gk" check "$ex/000_610e68cbc9aa9a29.txt"
expect_grep "000_610e68cbc9aa9a29.txt:17:163: 错误:" "$tmp/out"
expect_grep "[P-COUNT]" "$tmp/out"
expect_grep "其他处理15宗" "$tmp/out"
expect_status 1 "$gk" check --lang en "$ex/000_610e68cbc9aa9a29.txt"
expect_grep "error: prose" "$tmp/out"
expect_status 1 "$gk" check --format json "$ex/000_610e68cbc9aa9a29.txt"
expect_grep '"rule":"P-COUNT"' "$tmp/out"
expect_grep '"expected":"17"' "$tmp/out"

# clean seeds exit 0; several files: the worst status wins
expect_status 0 "$gk" check "$ex/003_43b3efced0382fbe.txt"
expect_status 1 "$gk" check "$ex/003_43b3efced0382fbe.txt" "$ex/000_610e68cbc9aa9a29.txt"

# unreadable input and not-a-report: exit 2 with a one-line message
printf '' >"$tmp/empty.txt"
expect_status 2 "$gk" check "$tmp/empty.txt"
expect_grep "GK-EMPTY" "$tmp/out"
printf 'abc\377\376def' >"$tmp/bin.txt"
expect_status 2 "$gk" check "$tmp/bin.txt"
expect_grep "not text in a supported encoding" "$tmp/err"
expect_status 2 "$gk" check "$tmp/missing.txt"
printf '今天天气很好。\n' >"$tmp/news.txt"
expect_status 2 "$gk" check "$tmp/news.txt"
expect_grep "GK-NOT-REPORT" "$tmp/out"
head -c 40000000 /dev/zero | tr '\0' 'a' >"$tmp/huge.txt"
expect_status 2 "$gk" check "$tmp/huge.txt"
expect_grep "32 MiB" "$tmp/err"
head -n 60 "$ex/000_610e68cbc9aa9a29.txt" >"$tmp/truncated.txt"
expect_status 1 "$gk" check "$tmp/truncated.txt"
expect_grep "GK-MISSING-TABLE" "$tmp/out"
expect_status 0 "$gk" check - <"$ex/003_43b3efced0382fbe.txt"

# parse: JSON, CSV, Markdown, HTML
expect_status 0 "$gk" parse --format json "$ex/003_43b3efced0382fbe.txt"
expect_grep '"t3.new.np": 10' "$tmp/out"
expect_grep '"t2.admin_fee.amount_wan": "59.91"' "$tmp/out"
expect_status 0 "$gk" parse --format json "$ex/000_610e68cbc9aa9a29.txt"
expect_grep '"t3.grant.legal": null' "$tmp/out"
expect_status 0 "$gk" parse --format csv "$ex/004_6cbc9befc1ec18ab.txt"
expect_grep "file,key,value" "$tmp/out"
expect_grep "004_6cbc9befc1ec18ab.txt,t2v19.procurement.amount,1767211.05" "$tmp/out"
# seed 002 row 一: 167 8 0 0 1 13 189 (read from the report)
expect_status 0 "$gk" parse --format md "$ex/002_dc3f67fcb14f95e4.txt"
expect_grep "| 一、本年新收政府信息公开申请数量 |  |  | 167 | 8 | 0 | 0 | 1 | 13 | 189 |" "$tmp/out"
# spans from the spec (§a.4): 三、本年度办理结果 rowspan 22 in 2021, 20 in 2019; （三） rowspan 8
expect_status 0 "$gk" parse --format html "$ex/002_dc3f67fcb14f95e4.txt"
expect_grep '<th rowspan="22">三、本年度办理结果' "$tmp/out"
expect_grep '<th rowspan="8">（三）不予公开' "$tmp/out"
expect_status 0 "$gk" parse --format html "$ex/004_6cbc9befc1ec18ab.txt"
expect_grep '<th rowspan="20">三、本年度办理结果' "$tmp/out"

# text round trip: the canonical layout reads back to the same data
for f in "$ex"/*.txt; do
    "$gk" parse --format text "$f" >"$tmp/canon.txt" || bad "text render of $f"
    keep='/"(template|t2|t3|t4|year|agency)"/p; /"cells"/,/"extra_rows"/p'
    "$gk" parse --format json "$f" | sed -En "$keep" >"$tmp/a.json"
    "$gk" parse --format json "$tmp/canon.txt" | sed -En "$keep" >"$tmp/b.json"
    if cmp -s "$tmp/a.json" "$tmp/b.json" && [ -s "$tmp/a.json" ]; then ok; else bad "round trip of $f"; fi
done

# inputs: a directory stands for the files under it (recursively, in name order); - is stdin
mkdir -p "$tmp/dir/sub" "$tmp/dir/.hidden"
cp "$ex/003_43b3efced0382fbe.txt" "$tmp/dir/b.txt"
cp "$ex/002_dc3f67fcb14f95e4.txt" "$tmp/dir/sub/a.txt"
cp "$ex/000_610e68cbc9aa9a29.txt" "$tmp/dir/.hidden/x.txt"
expect_status 0 "$gk" parse --format csv "$tmp/dir"
if [ "$(cut -d, -f1 "$tmp/out" | uniq | tr '\n' ' ')" = "file $tmp/dir/b.txt $tmp/dir/sub/a.txt " ]
then ok; else bad "directory walk: $(cut -d, -f1 "$tmp/out" | uniq | tr '\n' ' ')"; fi
# standard input in GB18030 and a UTF-16LE file with BOM read like the UTF-8 seed
iconv -f UTF-8 -t GB18030 "$ex/002_dc3f67fcb14f95e4.txt" >"$tmp/gb.txt"
"$gk" parse --format csv - <"$tmp/gb.txt" >"$tmp/gb.csv"; st=$?
if [ $st = 0 ] && grep -qF -- "-,t3.new.np,167" "$tmp/gb.csv"; then ok; else bad "GB18030 on stdin"; fi
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$ex/002_dc3f67fcb14f95e4.txt"; } >"$tmp/u16.txt"
expect_status 0 "$gk" parse --format csv "$tmp/u16.txt"
expect_grep "u16.txt,t3.new.np,167" "$tmp/out"
expect_status 0 "$gk" check --format json "$tmp/gb.txt"
expect_grep '"rule":"GK-ENCODING"' "$tmp/out"
# an old binary Word file is refused with a clear message
printf '\320\317\021\340\241\261\032\341rest' >"$tmp/old.doc"
expect_status 2 "$gk" check "$tmp/old.doc"
expect_grep "save it as DOCX or PDF" "$tmp/err"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
