#!/bin/sh
# CLI tests of `gongkai summary`: the page for the seed reports and the real PDFs holds every
# report's agency (from the hand-transcribed golden values), the problem row of a known error
# (examples/000: P-COUNT, 其他处理15宗 against 17 in the table, line 17), the unreadable inputs
# with their reasons, one inline SVG per chart and nothing loaded from elsewhere; it is written
# atomically (no temporary file is left, a failed write leaves nothing); -o is required.
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
svgs = re.findall(r"<svg .*?</svg>", html, re.S)
check(len(svgs) == 3 + len(goldens), f"{len(svgs)} charts, want {3 + len(goldens)}")
check(all("<title>" in s for s in svgs), "a chart without <title>")
check("<script" not in html.lower(), "script in page")
check(re.search(r'(src|href)="(?!#)', html) is None, "external resource")
check(re.search(r"https?://(?!www\.w3\.org/2000/svg)", html) is None, "external URL")
# the ranking table lists every report and every indicator
rank = re.search(r'<table class="ranking">(.*?)</table>', html, re.S)
check(rank is not None and rank.group(1).count("<tr>") == len(goldens) + 1, "ranking table rows")
check(rank is not None and "公开率" in rank.group(1) and "行政诉讼纠错率" in rank.group(1), "indicator names")
# each report's three tables in the official layout
for t in ("t2", "t3", "t4"):
    check(html.count(f'<table class="{t}">') == len(goldens), f"{t} tables")
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
