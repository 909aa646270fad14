#!/bin/sh
# CLI tests: exit statuses, output formats and the text round trip, run against the built
# gongkai binary. usage: run.sh GONGKAI SOURCE_ROOT
. "$(dirname "$0")/lib.sh" "$@"
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
expect_grep "invalid UTF-8 at line 1, byte 4" "$tmp/err"
# UTF-16 by its BOM with an unpaired surrogate: no position to give
printf '\377\376a\000\000\330' >"$tmp/bad16.txt"
expect_status 2 "$gk" check "$tmp/bad16.txt"
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

# UTF-16 without a BOM, LE and BE, reads like the UTF-8 seed (一 U+4E00 and 开 U+5F00 leave
# zero bytes on the other side); so does UTF-16 with a stray last byte, with or without BOM
seeds=$root/tests/fixtures/seeds
same_values() { # same_values FILE EXAMPLE : FILE's values are EXAMPLE's
    "$gk" parse --format csv "$1" | cut -d, -f2- >"$tmp/got.csv"
    "$gk" parse --format csv "$2" | cut -d, -f2- >"$tmp/want.csv"
    if [ "$(wc -l <"$tmp/want.csv")" -gt 100 ] && cmp -s "$tmp/got.csv" "$tmp/want.csv" &&
        grep -q '^t3.new.np,[0-9]' "$tmp/got.csv"
    then ok; else bad "$1 does not read like $2: $(diff "$tmp/got.csv" "$tmp/want.csv" | head -5)"; fi
}
for f in "$seeds"/*.utf16le.txt "$seeds"/*.utf16be.txt; do
    base=$(basename "$f"); want=$ex/${base%%.*}.txt
    tail -c +3 "$f" >"$tmp/nobom.txt"
    same_values "$tmp/nobom.txt" "$want"
    { cat "$f"; printf '\n'; } >"$tmp/odd.txt"
    same_values "$tmp/odd.txt" "$want"
    { cat "$tmp/nobom.txt"; printf '\n'; } >"$tmp/odd.txt"
    same_values "$tmp/odd.txt" "$want"
done
# one bad byte in UTF-8 is reported where it is, with or without a BOM
{ head -n 6 "$ex/003_43b3efced0382fbe.txt"; printf '\344\270\200\345\274\200\377x\n'
  tail -n +8 "$ex/003_43b3efced0382fbe.txt"; } >"$tmp/bad8.txt"
expect_status 2 "$gk" check "$tmp/bad8.txt"
expect_grep "invalid UTF-8 at line 7, byte 7" "$tmp/err"
{ printf '\357\273\277'; cat "$tmp/bad8.txt"; } >"$tmp/bad8bom.txt"
expect_status 2 "$gk" check "$tmp/bad8bom.txt"
expect_grep "invalid UTF-8 at line 7, byte 7" "$tmp/err"
printf '\357\273\277<html><body><p>\344\270\255\377</p></body></html>' >"$tmp/bad8.html"
expect_status 2 "$gk" check "$tmp/bad8.html"
expect_grep "invalid UTF-8 at line 1, byte 19" "$tmp/err"
# a t2s.json in the working directory does not replace OpenCC's installed table
mkdir -p "$tmp/cwd"
printf '\347\204\241\t\346\227\240\n' >"$tmp/cwd/d.txt"
printf '{"name":"x","segmentation":{"type":"mmseg","dict":{"type":"text","file":"%s"}},
"conversion_chain":[{"dict":{"type":"text","file":"%s"}}]}\n' "$tmp/cwd/d.txt" "$tmp/cwd/d.txt" \
    >"$tmp/cwd/t2s.json"
gk_abs=$(cd "$(dirname "$gk")" && pwd)/$(basename "$gk")
trad=$(cd "$seeds" && pwd)/003_43b3efced0382fbe.trad.txt
(cd "$tmp/cwd" && "$gk_abs" parse --format csv "$trad") >"$tmp/out"
expect_grep "trad.txt,t3.new.np,10" "$tmp/out"
# a 25 MiB GBK page (larger than 32 MiB once decoded) is read
line='<script>var s="政府信息公开工作年度报告，本机关依法公开政府信息，受理申请并办理。政府信息公开工作年度报告，本机关依法公开政府信息，受理申请并办理。";</script>'
awk -v l="$line" 'BEGIN { for (i = 0; i < 150000; i++) print l }' |
    iconv -f UTF-8 -t GB18030 >"$tmp/pad.html"
page=$seeds/003_43b3efced0382fbe.html
n=$(grep -n "</body>" "$page" | cut -d: -f1)
{ head -n $((n - 1)) "$page"; cat "$tmp/pad.html"; tail -n +"$n" "$page"; } >"$tmp/big.html"
rm -f "$tmp/pad.html"
expect_status 0 "$gk" parse --format csv "$tmp/big.html"
expect_grep "big.html,t3.new.np,10" "$tmp/out"
rm -f "$tmp/big.html"

# short text: Big5 and GB18030 both decode most byte pairs; the one full of report words wins
for t in 總體情況 年度報告 本機關政府資訊公開申請件數; do
    printf '%s\n' "$t" | iconv -f UTF-8 -t BIG5 >"$tmp/b5.txt"
    "$gk" parse --format json "$tmp/b5.txt" >"$tmp/out" 2>/dev/null
    expect_grep '"encoding": "BIG5' "$tmp/out"
done
for t in 总体情况 年度报告 本机关政府信息公开申请件数; do
    printf '%s\n' "$t" | iconv -f UTF-8 -t GB18030 >"$tmp/gb.txt"
    "$gk" parse --format json "$tmp/gb.txt" >"$tmp/out" 2>/dev/null
    expect_grep '"encoding": "GB18030"' "$tmp/out"
done

# a share of zero (占 50% of 0 件) is not checked, never a division by zero (found by fuzzing)
printf '一、总体情况\n本年共收到申请0件，其中办结5件，占50%%。\n' >"$tmp/zero.txt"
expect_status 1 "$gk" check "$tmp/zero.txt"

# a sentence with a year in it is not the title: no agency "根据《条例》规定，…" (generated
# reports with implausible title years showed it); a real title still gives the agency
printf '某某区人民政府1800年政府信息公开工作年度报告\n根据《中华人民共和国政府信息公开条例》规定，现向社会公开2024年政府信息公开工作年度报告。\n一、总体情况\n' >"$tmp/title.txt"
"$gk" parse --format json "$tmp/title.txt" >"$tmp/out" 2>/dev/null
expect_grep '"agency": ""' "$tmp/out"
printf '某某区人民政府2024年政府信息公开工作年度报告\n一、总体情况\n' >"$tmp/title.txt"
"$gk" parse --format json "$tmp/title.txt" >"$tmp/out" 2>/dev/null
expect_grep '"agency": "某某区人民政府"' "$tmp/out"

# prose before a table that names its rows is not part of the first row's label (a generated
# report's section 二 read back from Markdown gave 规章's numbers to 行政规范性文件)
printf '## 二、主动公开政府信息情况\n\n本年度制发规章1件；制发行政规范性文件2件。\n\n【待填写：行政规范性文件现行有效件数】\n\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| --- | ---: | ---: | ---: |\n| 规章 | 1 | 0 | 0 |\n| 行政规范性文件 | 2 | 0 | 0 |\n' >"$tmp/prose.md"
"$gk" parse --format csv "$tmp/prose.md" >"$tmp/out" 2>/dev/null
expect_grep "prose.md,t2.reg.issued,1" "$tmp/out"
expect_grep "prose.md,t2.nd.issued,2" "$tmp/out"
"$gk" check "$tmp/prose.md" >"$tmp/out" 2>&1
grep -q "GK-DUPLICATE-ROW" "$tmp/out" && bad "prose read as a row: $(grep DUPLICATE "$tmp/out")" || ok

finish
