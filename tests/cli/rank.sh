#!/bin/sh
# CLI tests of `gongkai rank`: each indicator of the real PDFs recomputed here from the
# hand-transcribed golden values (python3, exact fractions) and compared with the ranking.
# usage: rank.sh GONGKAI SOURCE_ROOT
. "$(dirname "$0")/lib.sh" "$@"
"$gk" rank --format csv "$root"/tests/fixtures/peers/*.pdf >"$tmp/rank.csv" 2>"$tmp/err"
st=$?
if [ $st = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: rank exited $st"; fi

python3 - "$root" "$tmp/rank.csv" >"$tmp/result" <<'PY'
import csv, json, sys
from fractions import Fraction
root, out = sys.argv[1], sys.argv[2]
def cells(name):
    return json.load(open(f"{root}/tests/golden/peers/{name}.expected.json", encoding="utf-8"))["cells"]
def total(c, prefix):
    return sum(v for k, v in c.items() if k.startswith(prefix) and k.endswith(".total") and isinstance(v, int))
def pct(n, d):
    if d <= 0:
        return ""
    f = Fraction(n * 1000, d)
    tenths = int(f + Fraction(1, 2)) if f >= 0 else -int(-f + Fraction(1, 2))
    return f"{tenths // 10}.{tenths % 10}" if tenths >= 0 else f"-{(-tenths) // 10}.{(-tenths) % 10}"
want = {}
for name in ("szfgs2024", "hzq2023_working", "hzq2024_working"):
    c = cells(name)
    tp = c["t3.total_processed.total"]
    review_done = c["t4.review.total"] - c["t4.review.pending"]
    lit = ("t4.lit_direct", "t4.lit_after_review")
    lit_done = sum(c[f"{r}.total"] - c[f"{r}.pending"] for r in lit)
    want[name] = {
        "disclosed": pct(c["t3.grant.total"] + c["t3.partial.total"], tp),
        "unable": pct(total(c, "t3.unable."), tp),
        "ignored": pct(total(c, "t3.ignore."), tp),
        "refused": pct(total(c, "t3.refuse."), tp),
        "org_share": pct(c["t3.new.total"] - c["t3.new.np"], c["t3.new.total"]),
        "carry_over": pct(c["t3.carry_out.total"], c["t3.new.total"] + c["t3.carry_in.total"]),
        "review_corrected": pct(c["t4.review.corrected"], review_done),
        "litigation_corrected": pct(sum(c[f"{r}.corrected"] for r in lit), lit_done),
    }
rows = list(csv.DictReader(open(out, encoding="utf-8")))
ok = bad = 0
for r in rows:
    name = r["file"].rsplit("/", 1)[-1].removesuffix(".pdf")
    for k, v in want[name].items():
        if r[k] == v:
            ok += 1
        else:
            bad += 1
            print(f"FAIL: {name} {k}: got {r[k]!r}, want {v!r}")
order = [r["file"].rsplit("/", 1)[-1] for r in rows]
expect = sorted(want, key=lambda n: -Fraction(*(lambda c: (c["t3.grant.total"] + c["t3.partial.total"], c["t3.total_processed.total"]))(cells(n))))
if [n + ".pdf" for n in expect] == order:
    ok += 1
else:
    bad += 1
    print(f"FAIL: order {order}, want {expect}")
print(f"RESULT {ok} {bad}")
PY
grep '^FAIL' "$tmp/result"
set -- $(grep '^RESULT' "$tmp/result")
pass=$((pass + ${2:-0})); fail=$((fail + ${3:-1}))
finish
