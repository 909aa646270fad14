#!/bin/sh
# CLI tests of `gongkai compare` on two sets paired by agency: 洪泽区人民政府 (2023) pairs with
# 淮安市洪泽区人民政府 (2024), 西塞山区 with 西塞山区, and a report with no partner is named.
# usage: compare.sh GONGKAI SOURCE_ROOT
. "$(dirname "$0")/lib.sh" "$@"
mkdir -p "$tmp/old" "$tmp/new"
cp "$root/tests/fixtures/peers/hzq2023_working.pdf" "$root/tests/fixtures/compare/xisaishan_2023_edited.txt" "$tmp/old/"
cp "$root/tests/fixtures/peers/hzq2024_working.pdf" "$root/tests/rules/v-t3-01.silent.1.txt" \
   "$root/examples/000_610e68cbc9aa9a29.txt" "$tmp/new/"

"$gk" compare --format json "$tmp/old" "$tmp/new" >"$tmp/out.json" 2>"$tmp/err"
check $? 0 "exit status"
got=$(python3 -c 'import json,sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
pairs = sorted(x["compare"].replace(sys.argv[2], "") for x in d)
print(len(d), " ".join(pairs))
rules = sorted(g["rule"] for x in d for g in x["diagnostics"])
print(" ".join(rules))
for x in d:
    for c in x["cells"]:
        if c["key"] == "t3.new.total" and "hzq" in x["compare"]:
            print(c["old"], c["new"], c["delta"])' "$tmp/out.json" "$tmp" 2>&1)
check "$(echo "$got" | sed -n 1p)" "2 /old/hzq2023_working.pdf → /new/hzq2024_working.pdf /old/xisaishan_2023_edited.txt → /new/v-t3-01.silent.1.txt" "pairs"
check "$(echo "$got" | sed -n 2p)" "GK-COMPARE-AGENCY V-T2-02 V-T3-07 V-T3-07" "cross-year rules"
# t3.new.total 21 → 95 (tests/golden/peers/hzq202{3,4}_working.expected.json)
check "$(echo "$got" | sed -n 3p)" "21 95 +74" "hzq t3.new.total"
grep -qF "000_610e68cbc9aa9a29.txt" "$tmp/err" && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: the unpaired report is not named"; }

# CSV: one header, then every cell of every pair, each row naming its agency and years;
# hzq t3.new.total 21 → 95 is +74, +352.4% (74/21 = 3.5238); the agency is the 2024 report's
"$gk" compare --format csv "$tmp/old" "$tmp/new" >"$tmp/sets.csv" 2>/dev/null
check $? 0 "csv for sets (a report only in NEW is named, as in text)"
check "$(grep -c '^agency,old_year,new_year,key,old,new,delta,pct$' "$tmp/sets.csv")" 1 "one header"
check "$(grep -c '^淮安市洪泽区人民政府,2023,2024,t3.new.total,21,95,+74,+352.4%$' "$tmp/sets.csv")" 1 "hzq row"
check "$(grep -c ',t2.nd.in_force,11,12,+1,+9.1%$' "$tmp/sets.csv")" 1 "xisaishan row"
"$gk" compare --format csv "$tmp/old/xisaishan_2023_edited.txt" "$root/tests/rules/v-t3-01.silent.1.txt" >"$tmp/one.csv" 2>/dev/null
check "$(grep -c ',t2.nd.in_force,11,12,+1,+9.1%$' "$tmp/one.csv")" 1 "csv for one pair"
check "$(sed -n 1p "$tmp/one.csv")" "agency,old_year,new_year,key,old,new,delta,pct" "header of one pair"

finish
