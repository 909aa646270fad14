#!/bin/sh
# CLI tests of `gongkai deadline` and `gongkai calendar`: due dates worked out by hand from the
# State Council notices (the hand counts are in tests/test_deadline.c, next to the same cases),
# the derivation, the warnings, and the exit status 2 with a message for every kind of bad input.
# usage: deadline.sh GONGKAI SOURCE_ROOT
. "$(dirname "$0")/lib.sh" "$@"
data=$root/data/calendar-cn.tsv
unset GONGKAI_CALENDAR

# due WANT ARGS... : the first line of `gongkai deadline ARGS` is WANT
due() {
    want=$1; shift
    "$gk" deadline --calendar "$data" "$@" >"$tmp/out" 2>"$tmp/err"
    check "$(head -n 1 "$tmp/out")" "$want" "deadline $*"
}

# refused PATTERN ARGS... : exit 2 and PATTERN in the message
refused() {
    pat=$1; shift
    expect_status 2 "$gk" deadline --calendar "$data" "$@"
    expect_grep "$pat" "$tmp/err"
}

# 国庆 2024 (09-29 Sun and 10-12 Sat make-up days), 春节 2025 (01-26 Sun, 02-08 Sat)
due 2024-10-30 --received 2024-09-27
due 2025-02-27 --received 2025-01-24
# a year boundary, 元旦 2025 off
due 2025-01-14 --received 2024-12-16
# 补正: the count restarts from the corrected application (清明 2025 on the way)
due 2025-04-14 --received 2025-03-03 --correction-notice 2025-03-05 --corrected 2025-03-14
# extensions
due 2024-11-27 --received 2024-09-27 --extend 20
due 2025-03-06 --received 2025-01-24 --extend 5
due 2025-03-06 --received 2025-01-24 --extend 2 --extend 3
# a pause over 中秋 2024 (6 working days removed), then 国庆 on the way
due 2024-10-14 --received 2024-09-02 --pause 2024-09-12..2024-09-20
due 2024-10-10 --received 2024-09-02 --pause 2024-09-23..2024-09-23 --pause 2024-09-09..2024-09-10
due 2024-09-30 --received 2024-09-02 --pause 2024-10-08..

# an open pause: no due date, said on stderr, exit 0
expect_status 0 "$gk" deadline --calendar "$data" --received 2024-09-02 --pause 2024-09-12..
check "$(head -n 1 "$tmp/out")" none "open pause"
expect_grep "暂停尚未结束" "$tmp/err"
expect_grep "no due date yet" "$tmp/err"
# a 补正 notice sent, the corrected application not yet received
expect_status 0 "$gk" deadline --calendar "$data" --received 2025-03-03 --correction-notice 2025-03-05
check "$(head -n 1 "$tmp/out")" none "awaiting correction"
expect_grep "awaiting the corrected application" "$tmp/err"

# a late 补正 notice (working day 8): flagged, exit 1, the due date still printed
expect_status 1 "$gk" deadline --calendar "$data" --received 2025-03-03 --correction-notice 2025-03-13 --corrected 2025-03-14
check "$(head -n 1 "$tmp/out")" 2025-04-14 "late notice due date"
expect_grep "第 8 个工作日" "$tmp/err"
expect_grep "第三十条" "$tmp/err"
expect_status 0 "$gk" deadline --calendar "$data" --received 2025-03-03 --correction-notice 2025-03-12 --corrected 2025-03-14

# a year with no published notice: weekdays only, a warning, never silent
expect_status 0 "$gk" deadline --calendar "$data" --received 2028-03-01
check "$(head -n 1 "$tmp/out")" 2028-03-29 "2028 (not in the calendar)"
expect_grep "未经确认" "$tmp/err"
expect_grep "2028-03-02" "$tmp/err"
due 2027-01-07 --received 2026-12-10
expect_grep "2026-12-25" "$tmp/err"
due 2026-12-14 --received 2026-11-16
check "$(cat "$tmp/err")" "" "no warning before 25 December"

# --explain: the derivation day by day
"$gk" deadline --calendar "$data" --received 2024-09-27 --explain >"$tmp/out" 2>"$tmp/err"
check "$(head -n 1 "$tmp/out")" 2024-10-30 "explain first line"
expect_grep "2024-09-29 周日  调休上班（国庆节），第 1 个工作日" "$tmp/out"
expect_grep "2024-10-01 周二  放假（国庆节），不计" "$tmp/out"
expect_grep "2024-10-12 周六  调休上班（国庆节），第 7 个工作日" "$tmp/out"
expect_grep "2024-10-30 周三  答复期限：第 20 个工作日" "$tmp/out"
check "$(grep -c '不计$' "$tmp/out")" 13 "days not counted: 7 holidays (10-01..07), 6 weekend days (09-28, 10-13, 19, 20, 26, 27)"
"$gk" deadline --calendar "$data" --received 2024-09-02 --pause 2024-09-12..2024-09-20 --extend 3 \
    --explain --lang en >"$tmp/out" 2>"$tmp/err"
expect_grep "2024-09-12 Thu  paused to 2024-09-20: 6 working days not counted" "$tmp/out"
expect_grep "the due date before the extension of 3 working days" "$tmp/out"
expect_grep "2024-10-17 Thu  reply due: working day 23" "$tmp/out"
"$gk" deadline --calendar "$data" --received 2028-03-01 --explain >"$tmp/out" 2>"$tmp/err"
expect_grep "[未确认" "$tmp/out"
"$gk" deadline --calendar "$data" --received 2025-03-03 --correction-notice 2025-03-13 --corrected 2025-03-14 \
    --explain >"$tmp/out" 2>"$tmp/err"
expect_grep "2025-03-13 周四  发出补正通知：收到后第 8 个工作日（应在 7 个工作日内），逾期（第三十条）" "$tmp/out"
expect_grep "2025-03-14 周五  收到补正后的申请：重新起算（当日不计）" "$tmp/out"
expect_grep "2025-03-17 周一  第 1 个工作日" "$tmp/out"
expect_grep "2025-04-04 周五  放假（清明节），不计" "$tmp/out"
"$gk" deadline --calendar "$data" --received 2024-09-02 --pause 2024-09-12.. --explain --lang en >"$tmp/out" 2>"$tmp/err"
expect_grep "2024-09-12 Thu  paused, not ended: 7 of 20 working days counted, no due date yet" "$tmp/out"

# bad input: a message and exit 2
refused "不是有效日期" --received 2025-02-30
refused "not a valid date" --received 2024-13-01
refused "not a valid date" --received 2024-1-5
refused "not a valid date" --received 2024-09-27 --corrected 2024-09-31
refused "1 to 20 working days" --received 2024-09-27 --extend 21
refused "1 to 20 working days" --received 2024-09-27 --extend 0
refused "1 to 20 working days" --received 2024-09-27 --extend x
refused "more than 20" --received 2024-09-27 --extend 15 --extend 10
refused "before the application" --received 2024-09-27 --corrected 2024-09-26
refused "before the application" --received 2024-09-27 --correction-notice 2024-09-26
refused "after the corrected application" --received 2024-09-27 --correction-notice 2024-10-10 --corrected 2024-10-09
refused "cannot end before it starts" --received 2024-09-27 --pause 2024-10-10..2024-10-09
refused "overlapping pauses" --received 2024-09-27 --pause 2024-10-08..2024-10-10 --pause 2024-10-10..2024-10-12
refused "overlapping pauses" --received 2024-09-27 --pause 2024-10-08.. --pause 2024-10-20..2024-10-21
refused "before the day the count runs from" --received 2024-09-27 --pause 2024-09-20..2024-10-09
refused "START..END" --received 2024-09-27 --pause 2024-10-08
refused "not a valid date" --received 2024-09-27 --pause 2024-10-08..2024-02-30
refused "--received DATE is required" --extend 5
refused "unexpected argument" --received 2024-09-27 2024-10-01
refused "after 9999-12-31" --received 9999-12-20
expect_status 2 "$gk" deadline --calendar "$tmp/missing.tsv" --received 2024-09-27
expect_grep "missing.tsv" "$tmp/err"
printf 'gongkai-calendar\t1\n2025-02-30\toff\tx\n' >"$tmp/bad.tsv"
expect_status 2 "$gk" deadline --calendar "$tmp/bad.tsv" --received 2024-09-27
expect_grep "bad.tsv:2:" "$tmp/err"
expect_status 0 "$gk" deadline --help

# where the calendar is found: GONGKAI_CALENDAR, then beside the executable
GONGKAI_CALENDAR=$data "$gk" deadline --received 2024-09-27 >"$tmp/out" 2>"$tmp/err"
check "$(head -n 1 "$tmp/out")" 2024-10-30 "GONGKAI_CALENDAR"
GONGKAI_CALENDAR=$tmp/missing.tsv "$gk" deadline --received 2024-09-27 >"$tmp/out" 2>"$tmp/err"
check "$?" 2 "GONGKAI_CALENDAR names a missing file"
if [ -r "$(dirname "$gk")/../data/calendar-cn.tsv" ]; then
    "$gk" deadline --received 2024-09-27 >"$tmp/out" 2>"$tmp/err"
    check "$(head -n 1 "$tmp/out")" 2024-10-30 "default calendar beside the executable"
fi

# gongkai calendar show
expect_status 0 "$gk" calendar show 2025 --calendar "$data"
expect_grep "2025 已发布 published" "$tmp/out"
expect_grep "content_6986383.htm" "$tmp/out"
expect_grep "2025-01-26 周日  上班 work  春节" "$tmp/out"
expect_grep "2025-02-08 周六  上班 work  春节" "$tmp/out"
expect_grep "2025-10-08 周三  放假 off  国庆节、中秋节" "$tmp/out"
expect_status 0 "$gk" calendar show 2027 --calendar "$data"
expect_grep "未发布 not published" "$tmp/out"
expect_status 0 "$gk" calendar show 2030 --calendar "$data"
expect_grep "not in the calendar" "$tmp/out"
expect_status 0 "$gk" calendar show 2026 --calendar "$data"
expect_grep "2026-12-25 至 12-31" "$tmp/out"
expect_status 0 "$gk" calendar show --calendar "$data"
check "$(grep -c 已发布 "$tmp/out")" 20 "published years 2007-2026"
expect_status 2 "$gk" calendar show 20x --calendar "$data"
expect_status 2 "$gk" calendar frobnicate

# gongkai calendar import: the committed data file is an import of the shared JSON
json=$root/../shared/data/holidays-cn
if [ -d "$json" ]; then
    expect_status 0 "$gk" calendar import "$json" -o "$tmp/cal.tsv"
    if cmp -s "$tmp/cal.tsv" "$data"; then ok; else bad "data/calendar-cn.tsv is not an import of $json"; fi
    expect_status 0 "$gk" calendar import "$json"
    if cmp -s "$tmp/out" "$data"; then ok; else bad "import to standard output differs"; fi
fi
mkdir "$tmp/json"
printf '{"year": 2030, "papers": ["u"], "days": [{"name": "x", "date": "2030-02-30", "isOffDay": true}]}' \
    >"$tmp/json/2030.json"
expect_status 2 "$gk" calendar import "$tmp/json" -o "$tmp/never.tsv"
expect_grep "2030.json" "$tmp/err"
if [ -e "$tmp/never.tsv" ]; then bad "a failed import left an output file"; else ok; fi
expect_status 2 "$gk" calendar import "$tmp/nonexistent"
# an imported file is used as is, without rebuilding
printf '{"year": 2030, "papers": ["https://example.org/n"], "days": [{"name": "测试", "date": "2030-01-02", "isOffDay": true}]}' \
    >"$tmp/json/2030.json"
expect_status 0 "$gk" calendar import "$tmp/json" -o "$tmp/c2030.tsv"
# 2030-01-01 is a Tuesday; 01-02 off: 01-03 Thu is working day 1
"$gk" deadline --calendar "$tmp/c2030.tsv" --received 2030-01-01 --explain >"$tmp/out" 2>"$tmp/err"
expect_grep "2030-01-02 周三  放假（测试），不计" "$tmp/out"
expect_grep "2030-01-03 周四  第 1 个工作日" "$tmp/out"
finish
