#!/bin/sh
# CLI tests of `gongkai summary`: the page for the seed reports and the real PDFs holds every
# report's agency (from the hand-transcribed golden values), the problem row of a known error
# (examples/000: P-COUNT, 其他处理15宗 against 17 in the table, line 17), the unreadable inputs
# with their reasons, one inline SVG per chart and nothing loaded from elsewhere; each year's
# totals equal the sums of the golden values; it is written atomically (no temporary file is
# left, a failed write leaves nothing); -o is required. A set of 600 copies shows its limits:
# 200 reports in full, the highest and lowest 250 ranked, totals 120 times each seed's values.
# usage: summary.sh GONGKAI SOURCE_ROOT
. "$(dirname "$0")/lib.sh" "$@"
mkdir "$tmp/out" "$tmp/peers"
# the three real PDFs and their provenance note (not a report), without the text extractions
cp "$root"/tests/fixtures/peers/*.pdf "$root/tests/fixtures/peers/SOURCES.md" "$tmp/peers/"
"$gk" summary -o "$tmp/out/summary.html" "$root/examples" "$tmp/peers" \
    "$tmp/missing.txt" >"$tmp/stdout" 2>"$tmp/err"
st=$?
[ $st = 2 ] && ok || bad "summary with unreadable inputs exited $st, want 2"
[ -s "$tmp/out/summary.html" ] && ok || bad "no page written"
[ "$(ls -A "$tmp/out")" = summary.html ] && ok || bad "left behind: $(ls -A "$tmp/out")"
[ ! -s "$tmp/stdout" ] && ok || bad "wrote to standard output"

python3 - "$root" "$tmp/out/summary.html" >"$tmp/result" <<'PY'
import glob, json, re, sys
root, page = sys.argv[1], sys.argv[2]
html = open(page, encoding="utf-8").read()
ok = bad = 0
def check(cond, what):
    global ok, bad
    if cond:
        ok += 1
    else:
        bad += 1
        print("FAIL:", what)
goldens = sorted(glob.glob(f"{root}/tests/golden/0*.expected.json")) + \
    sorted(glob.glob(f"{root}/tests/golden/peers/*.expected.json"))
for g in goldens:
    j = json.load(open(g, encoding="utf-8"))
    # each report has a section headed by its agency and year
    want = f'. {j["agency"]} {j["year"]}年</h2>'
    check(want in html, f"no report section {want!r}")
    check(html.count(j["file"]) >= 1, f"file {j['file']} not named")
sections = re.findall(r'<section class="report" id="r\d+">', html)
check(len(sections) == len(goldens), f"{len(sections)} report sections, want {len(goldens)}")
# the known error of examples/000: 其他处理 15 in the text, 17 in the table (golden README)
rows = re.findall(r'<tr class="error">(.*?)</tr>', html)
pcount = [r for r in rows if "000_610e68cbc9aa9a29.txt" in r and "<td>P-COUNT</td>" in r]
check(len(pcount) == 1, f"P-COUNT rows of 000: {len(pcount)}")
check(pcount and "15" in pcount[0] and "17" in pcount[0] and
      pcount[0].endswith('<td class="n">17</td>'), f"P-COUNT row: {pcount}")
check(len(re.findall(r'<tr class="warning">', html)) > 0, "no warning rows")
# unreadable inputs, with reasons
un = re.search(r'<table class="unreadable">(.*?)</table>', html, re.S)
check(un is not None, "no table of unreadable inputs")
un = un.group(1) if un else ""
check(re.search(r"SOURCES\.md</td><td>[^<]*not an annual report", un) is not None, "SOURCES.md not listed")
check(re.search(r"missing\.txt</td><td>[^<]+</td>", un) is not None, "missing.txt not listed")
# charts: ranking, two trends (several years), one outcome chart per report; self-contained
years = sorted({json.load(open(g, encoding="utf-8"))["year"] for g in goldens})
svgs = re.findall(r"<svg .*?</svg>", html, re.S)
want = 3 + len(goldens) + len(years)  # ranking, two trends, each report, each year's totals
check(len(svgs) == want, f"{len(svgs)} charts, want {want}")
check(all("<title>" in s for s in svgs), "a chart without <title>")
check("<script" not in html.lower(), "script in page")
check(re.search(r'(src|href)="(?!#)', html) is None, "external resource")
check(re.search(r"https?://(?!www\.w3\.org/2000/svg)", html) is None, "external URL")
# the ranking table lists every report and every indicator
rank = re.search(r'<table class="ranking">(.*?)</table>', html, re.S)
check(rank is not None and rank.group(1).count("<tr>") == len(goldens) + 1, "ranking table rows")
check(rank is not None and "公开率" in rank.group(1) and "行政诉讼纠错率" in rank.group(1), "indicator names")
# each report's three tables in the official layout
reports = "".join(re.findall(r'<section class="report".*?</section>', html, re.S))
for t in ("t2", "t3", "t4"):
    check(reports.count(f'<table class="{t}">') == len(goldens), f"{t} tables")
# each year's totals: the outcome chart's 总计 and 予以公开 are the sums of the golden cells
def golden_sum(year, key):
    return sum(json.load(open(g, encoding="utf-8"))["cells"].get(key, 0) for g in goldens
               if json.load(open(g, encoding="utf-8"))["year"] == year)
for y in years:
    m = re.search(rf'<section class="total" id="total{y}">(.*?)</section>', html, re.S)
    check(m is not None, f"no totals for {y}")
    t = m.group(1) if m else ""
    total = golden_sum(y, "t3.total_processed.total")
    check(f"（七）总计 {total} 件" in t, f"{y} totals: want 总计 {total}")
    check(f"<title>予以公开：{golden_sum(y, 't3.grant.total')}（" in t, f"{y} 予以公开")
print(f"RESULT {ok} {bad}")
PY
grep '^FAIL' "$tmp/result"
set -- $(grep '^RESULT' "$tmp/result")
pass=$((pass + ${2:-0})); fail=$((fail + ${3:-1}))

# readable inputs only: exit 0
"$gk" summary -o "$tmp/out/two.html" "$root/tests/fixtures/peers/szfgs2024.pdf" \
    "$root/examples/001_0786ebd486ce37d5.txt" 2>"$tmp/err"
st=$?
[ $st = 0 ] && ok || bad "summary of readable reports exited $st"
grep -q '南通市海门区人民政府办公室' "$tmp/out/two.html" && ok || bad "two.html lacks an agency"
grep -q 'id="trends"' "$tmp/out/two.html" && bad "trends for a single year" || ok

# a larger set: 120 copies of each seed; only the first 200 reports in full, the ranking
# keeps the 250 highest and 250 lowest of 600, totals are 120 times the seeds' sums
# (each copy's agency gets a prefix of its own, else the copies are one report given 120 times),
# plus one exact copy, which is left out as a duplicate
python3 - "$root" "$tmp/big" <<'PY'
import glob, json, os, sys
root, out = sys.argv[1], sys.argv[2]
stems = "甲乙丙丁戊己庚辛壬癸"
for g in sorted(glob.glob(f"{root}/tests/golden/0*.expected.json")):
    j = json.load(open(g, encoding="utf-8"))
    text = open(f"{root}/examples/{j['file']}", encoding="utf-8").read()
    assert j["agency"] in text
    for i in range(120):
        d = f"{out}/{i:03d}"
        os.makedirs(d, exist_ok=True)
        prefix = "".join(stems[int(c)] for c in f"{i:03d}")
        with open(f"{d}/{j['file']}", "w", encoding="utf-8") as f:
            f.write(text.replace(j["agency"], prefix + j["agency"]))
PY
cp "$tmp/big/007/000_610e68cbc9aa9a29.txt" "$tmp/big/zz-copy.txt"
"$gk" summary -j 2 -o "$tmp/out/big.html" "$tmp/big" 2>"$tmp/err"
st=$?
[ $st = 0 ] && ok || bad "summary of 600 exited $st"
grep -q "zz-copy.txt: 与 .*big/007/000_610e68cbc9aa9a29.txt 数据相同" "$tmp/err" && ok || bad "duplicate not named: $(cat "$tmp/err")"
python3 - "$root" "$tmp/out/big.html" >"$tmp/result" <<'PY'
import glob, json, re, sys
root, page = sys.argv[1], sys.argv[2]
html = open(page, encoding="utf-8").read()
ok = bad = 0
def check(cond, what):
    global ok, bad
    ok, bad = (ok + 1, bad) if cond else (ok, bad + 1)
    if not cond:
        print("FAIL:", what)
seeds = [json.load(open(g, encoding="utf-8")) for g in sorted(glob.glob(f"{root}/tests/golden/0*.expected.json"))]
check("报告 600 份，无法读取 0 个，重复 1 份" in html, "report count")
dup = re.search(r'<table class="duplicates">(.*?)</table>', html, re.S)
check(dup is not None and "zz-copy.txt</td><td>" in dup.group(1) and "007/000_610e68cbc9aa9a29.txt</td>" in dup.group(1), "duplicates table")
check(len(re.findall(r'<section class="report"', html)) == 200, "200 reports in full")
check("仅列出前 200 份报告的详情，共 600" in html, "note on the reports left out")
rank = re.search(r'<table class="ranking">(.*?)</table>', html, re.S).group(1)
rows = re.findall(r"<tr><td class=\"n\">(\d+|-)</td>", rank)
numbered = [int(r) for r in rows if r != "-"]
check(numbered[:3] == [1, 2, 3] and numbered[-1] == 600 - rows.count("-"), f"ranks {numbered[:3]}…{numbered[-1:]}")
check(len(numbered) == min(500, 600 - rows.count("-")), f"{len(numbered)} ranked rows")
check(('中间' in rank) == (600 - rows.count("-") > 500), "gap row")
check("最高的 30 份" in html, "ranking chart of the highest 30")
for y in sorted({j["year"] for j in seeds}):
    t = re.search(rf'<section class="total" id="total{y}">(.*?)</section>', html, re.S)
    total = 120 * sum(j["cells"]["t3.total_processed.total"] for j in seeds if j["year"] == y)
    check(t is not None and f"（七）总计 {total} 件" in t.group(1), f"{y}: want 总计 {total}")
print(f"RESULT {ok} {bad}")
PY
grep '^FAIL' "$tmp/result"
set -- $(grep '^RESULT' "$tmp/result")
pass=$((pass + ${2:-0})); fail=$((fail + ${3:-1}))

# -o is required; a page that cannot be written leaves nothing behind
"$gk" summary "$root/examples" >/dev/null 2>&1
st=$?
[ $st = 2 ] && ok || bad "summary without -o exited $st"
mkdir "$tmp/ro"
chmod a-w "$tmp/ro"
if [ -w "$tmp/ro" ]; then ok; else
    "$gk" summary -o "$tmp/ro/s.html" "$root/examples" >/dev/null 2>&1
    st=$?
    [ $st = 2 ] && [ -z "$(ls -A "$tmp/ro")" ] && ok || bad "unwritable output: exit $st"
fi

finish
