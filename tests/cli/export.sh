#!/bin/sh
# CLI tests of `gongkai export`: every format over a directory of reports in several input
# formats, with a duplicate and an unreadable file; the outputs are read back (sqlite3, python3
# for JSON and the XLSX zip). Expected values come from the hand-transcribed golden files.
# usage: export.sh GONGKAI SOURCE_ROOT
. "$(dirname "$0")/lib.sh" "$@"
set_dir=$tmp/set
mkdir -p "$set_dir/pdf"
cp "$root"/examples/*.txt "$set_dir/"
cp "$root/tests/fixtures/peers/szfgs2024.pdf" "$set_dir/pdf/"
cp "$root/examples/003_43b3efced0382fbe.txt" "$set_dir/zz_copy_of_003.txt" # a duplicate
printf '\320\317\021\340\241\261\032\341old' >"$set_dir/old.doc"            # unreadable

# each format: exit 2 (one input unreadable), the output in place, no temporary file left
for f in xlsx csv csv-long jsonl sqlite; do
    "$gk" export --format "$f" -j 3 -o "$tmp/out.$f" "$set_dir" >/dev/null 2>"$tmp/err.$f"
    check $? 2 "export --format $f exit status"
    if [ -s "$tmp/out.$f" ]; then ok; else bad "export --format $f wrote nothing"; fi
    check "$(ls "$tmp" | grep -c '\.tmp')" 0 "temporary files after --format $f"
done
grep -qF "old.doc" "$tmp/err.xlsx" && ok || bad "the unreadable input is named on stderr"

# SQLite: szfgs2024 t3.new.total = 3119 (tests/golden/peers/szfgs2024.expected.json)
db=$tmp/out.sqlite
q() { sqlite3 "$db" "$1" 2>&1; }
check "$(q "SELECT c.value FROM cells c JOIN reports r ON r.id = c.report_id
            WHERE r.file LIKE '%szfgs2024.pdf' AND c.key = 't3.new.total'")" 3119 "sqlite t3.new.total"
check "$(q "SELECT count(*) FROM reports")" 8 "sqlite report count"
check "$(q "SELECT count(*) FROM reports WHERE duplicate_of IS NOT NULL")" 1 "sqlite duplicates"

# the same dataset whatever the number of threads
"$gk" export --format csv -j 1 -o "$tmp/one.csv" "$set_dir" 2>/dev/null
"$gk" export --format csv -j 4 -o "$tmp/four.csv" "$set_dir" 2>/dev/null
if cmp -s "$tmp/one.csv" "$tmp/four.csv"; then ok; else bad "-j 1 and -j 4 differ"; fi

# JSON Lines: one valid object per input, 3119 in szfgs2024's line
check "$(wc -l <"$tmp/out.jsonl" | tr -d ' ')" 8 "jsonl lines"
got=$(python3 -c 'import json,sys
for l in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(l)
    if o.get("file", "").endswith("szfgs2024.pdf"):
        print(o["cells"]["t3.new.total"])' "$tmp/out.jsonl" 2>&1)
check "$got" 3119 "jsonl t3.new.total"

# XLSX: a zip with the workbook and its sheets
got=$(python3 -c 'import zipfile,sys
z = zipfile.ZipFile(sys.argv[1])
print("xl/workbook.xml" in z.namelist() and any(n.startswith("xl/worksheets/") for n in z.namelist()))' "$tmp/out.xlsx" 2>&1)
check "$got" True "xlsx is a workbook"

# the format can come from the extension; a missing -o is a usage error
"$gk" export -o "$tmp/by_ext.jsonl" "$root/examples/002_dc3f67fcb14f95e4.txt" 2>/dev/null
check $? 0 "format from the .jsonl extension"
"$gk" export "$root/examples" >/dev/null 2>&1
check $? 2 "export without -o"

finish
