#!/bin/sh
# CLI tests of `gongkai case` and `gongkai report`: an officer's year on a store — a ledger
# imported (tests/fixtures/ledger: the spec's key CSV; Chinese headings as GBK CSV, UTF-8-BOM CSV
# and a handwritten XLSX), applications added and worked (补正, extension, consultation, fee),
# review and litigation cases, the 第二十条 figures, the report generated, `gongkai check` of it
# clean and its cells equal to counts worked out by hand from the fixtures; the year closed and an
# amendment restated. Then bad input: each refused with exit 2, a Chinese / English message (with
# the line for an import) and nothing written. The workflow runs on SQLite, and on PostgreSQL too
# when GK_TEST_PG names a server (scripts/pg-test).
# usage: case.sh GONGKAI SOURCE_ROOT
. "$(dirname "$0")/lib.sh" "$@"
fx=$root/tests/fixtures/ledger
export GONGKAI_CALENDAR="$root/data/calendar-cn.tsv"
unset GONGKAI_DB
tag=$$-$(date +%s)
META="'\";--\\%_ 汉字 x' OR '1'='1'; DROP TABLE applications; --"

# run CMD... : runs it (a program or a function of this script; meson's timeout stops a hang)
# with stdout in $tmp/out, stderr in $tmp/err; sets rc
run() {
    "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
}

# must WHAT CMD... : the command succeeds
must() {
    what=$1; shift
    run "$@"
    if [ "$rc" = 0 ]; then ok; else bad "$what exited $rc: $(head -c 400 "$tmp/err")"; fi
}

# refused PATTERN CMD... : exit 2 and PATTERN in the message
refused() {
    pat=$1; shift
    run "$@"
    check "$rc" 2 "exit status of $*"
    expect_grep "$pat" "$tmp/err"
}

# id_of: the application number `case new` printed
id_of() { sed -n 's/^编号 id: //p' "$tmp/out"; }

# steps ID: the number of events in an application's log
steps() {
    "$gk" case show "$1" --db "$db" >"$tmp/show" 2>&1
    grep -c '^  [0-9]*\. ' "$tmp/show"
}

# cells FILE KEY=VALUE… : the report CSV FILE has these values
cells() {
    cells_file=$1; shift
    for kv in "$@"; do
        got=$(awk -F, -v k="${kv%%=*}" '$2 == k { print $3 }' "$cells_file")
        check "$got" "${kv#*=}" "report cell ${kv%%=*} ($cells_file)"
    done
}

# report_ok AGENCY YEAR OUT : the report as text (OUT.txt), Markdown, HTML and CSV; gongkai check
# of the text, Markdown and HTML exits 0 without an error or warning line
report_ok() {
    must "report $1" "$gk" report --db "$db" --agency "$1" --year "$2" -o "$3.txt"
    expect_grep "提示 note: " "$tmp/err"
    expect_grep "$1$2年政府信息公开工作年度报告" "$3.txt"
    must "report md" "$gk" report --db "$db" --agency "$1" --year "$2" --format md -o "$3.md"
    must "report html" "$gk" report --db "$db" --agency "$1" --year "$2" --format html -o "$3.html"
    for ext in txt md html; do
        run "$gk" check "$3.$ext"
        check "$rc" 0 "gongkai check $3.$ext"
        check "$(grep -c '错误\|警告' "$tmp/out")" 0 "errors or warnings in $3.$ext"
    done
    must "report csv" "$gk" report --db "$db" --agency "$1" --year "$2" --format csv -o "$3.csv"
}

# ---- the workflow ---------------------------------------------------------------------------

# workflow DB SUFFIX: the officer's year on the store DB; agency names end in SUFFIX
workflow() {
    db=$1
    sfx=$2
    A="示例市交通运输局$sfx"
    c() { "$gk" case "$@" --db "$db" --actor 测试员; }
    must "agency add" c agency add "$A"
    must "agency list" c agency list
    expect_grep "$A" "$tmp/out"

    # the ledger with the spec's keys: 14 records (2 open), from December 2023 on
    must "import keys.csv" c import "$fx/keys.csv" --agency "$A"
    expect_grep "已导入 14 件申请（12 件已办结）" "$tmp/out"

    # A1: 补正 (the count restarts on 10-08: due 11-04), an extension of 10 days (due 11-18),
    # replied on 11-20: late
    must "new A1" c new --agency "$A" --received 2024-09-27 --applicant-type np --name 张三 \
        --request "某路段改造规划" --channel online --contact 13800000000
    a1=$(id_of)
    t1=$(sed -n 's/^查询码 tracking: //p' "$tmp/out")
    check "$(printf '%s' "$t1" | wc -c)" 12 "tracking code length"
    must "补正 notice" c event "$a1" --kind correction_notice --date 2024-09-30
    expect_grep "待补正" "$tmp/out"
    must "corrected" c event "$a1" --kind corrected --date 2024-10-08
    expect_grep "期限 2024-11-04" "$tmp/out"
    must "extension" c event "$a1" --kind extension --days 10 --approver 王局长 --date 2024-10-25
    expect_grep "期限 2024-11-18" "$tmp/out"
    must "close A1" c close "$a1" --outcome grant --date 2024-11-20 --note "当面送达"
    expect_grep "逾期答复（期限 2024-11-18）" "$tmp/out"
    must "show A1" c show "$t1"
    expect_grep "申请 application $a1  查询码 tracking $t1" "$tmp/out"
    check "$(grep -c '^  [0-9]*\. ' "$tmp/out")" 4 "A1 log"
    expect_grep "10 个工作日，审批人 王局长" "$tmp/out"
    expect_grep "replied late (due 2024-11-18)" "$tmp/out"

    # A2: a third party consulted (SQL metacharacters in its name), refused to protect it
    must "new A2" c new --agency "$A" --received 2024-10-14 --applicant-type 商业企业 \
        --name "$META" --request "$META" --contact "$META"
    a2=$(id_of)
    must "consult" c event "$a2" --kind consult_start --consult third_party --party "$META" \
        --date 2024-10-16
    expect_grep "暂停" "$tmp/out"
    must "consult end" c event "$a2" --kind consult_end --date 2024-11-01
    must "close A2" c close "$a2" --outcome refuse.third_party --date 2024-11-15 --note "$META"
    must "show A2" c show "$a2"
    check "$(grep -cF -- "$META" "$tmp/out")" 5 \
        "SQL metacharacters read back (name, contact, request, party, note)"
    expect_grep "$META (third_party)" "$tmp/out"

    # A3: a fee notice, unpaid at the end of the year (paused: no due date); A4: a 补正 notice
    # never answered, closed in 2025 (both carried forward)
    must "new A3" c new --agency "$A" --received 2024-12-02 --applicant-type np --name 李四 \
        --request 会议纪要
    a3=$(id_of)
    must "fee notice" c event "$a3" --kind fee_notice --amount 100 --date 2024-12-05
    must "new A4" c new --agency "$A" --received 2024-12-10 --applicant-type research --name 某大学 \
        --request 统计数据
    a4=$(id_of)
    must "A4 notice" c event "$a4" --kind correction_notice --date 2024-12-12
    must "A4 close" c close "$a4" --outcome other.no_correction --date 2025-01-20

    # the queue on 2025-01-15: open are 2023-12-25 (overdue), 2024-12-20 (due 01-20: 3 working
    # days left), A3 (paused) and A4 (awaiting the 补正)
    must "list open" c list --agency "$A" --open --as-of 2025-01-15
    check "$(grep -c '收到 ' "$tmp/out")" 4 "open on 2025-01-15"
    must "list overdue" c list --agency "$A" --overdue --as-of 2025-01-15
    check "$(grep -c '收到 ' "$tmp/out")" 1 "overdue on 2025-01-15"
    expect_grep "收到 2023-12-25" "$tmp/out"
    must "list due soon" c list --agency "$A" --due-soon --as-of 2025-01-15
    check "$(grep -c '收到 ' "$tmp/out")" 1 "due soon on 2025-01-15"
    expect_grep "还剩 3 个工作日（期限 2025-01-20）" "$tmp/out"
    must "list csv" c list --agency "$A" --format csv --as-of 2025-01-15
    check "$(grep "^$a3," "$tmp/out" | cut -d, -f6,7)" "open," "A3 open, paused, on 2025-01-15"
    check "$(grep "^$a4," "$tmp/out" | cut -d, -f6,7)" "open," "A4 open, no due date, on 2025-01-15"

    # review and litigation: one review decided in 2024 (corrected), one direct suit pending,
    # one review filed in 2025 (not in the 2024 report)
    must "review add" c review add "$a2" --kind review --filed 2024-12-01 --ref "（2024）复字第1号"
    rv=$(sed -n 's/^复议诉讼案件 case id: //p' "$tmp/out")
    must "review decide" c review update "$rv" --result corrected --decided 2024-12-20
    must "suit add" c review add "$a1" --kind lit_direct --filed 2024-12-15 --ref "$META"
    must "review 2025" c review add "$a1" --kind review --filed 2025-01-10
    must "review list" c review list --agency "$A" --year 2024
    check "$(grep -c '案件 case' "$tmp/out")" 2 "cases filed in 2024"

    # the 第二十条 figures, in one batch
    must "t2" c t2 --agency "$A" --year 2024 reg.issued=0 reg.repealed=0 reg.in_force=0 \
        nd.issued=3 nd.repealed=1 nd.in_force=25 license.decisions=120 \
        penalty.decisions=37 coercion.decisions=2 t2.admin_fee.amount_wan=12.3456
    expect_grep "12.3456" "$tmp/out"

    # the report, against the hand counts (docs/generate.md): 2023-11-20 is closed before the
    # year; 2023-12-18/-25/-28 are carried in; the 2024 rows and A1–A4 are new
    report_ok "$A" 2024 "$tmp/a"
    cells "$tmp/a.csv" year=2024 t3.new.np=7 t3.new.biz=3 t3.new.research=2 t3.new.ngo=1 \
        t3.new.legal=0 t3.new.other_org=1 t3.new.total=14 \
        t3.carry_in.np=1 t3.carry_in.biz=1 t3.carry_in.legal=1 t3.carry_in.total=3 \
        t3.grant.np=3 t3.grant.other_org=1 t3.grant.total=4 \
        t3.partial.np=1 t3.partial.research=1 t3.partial.total=2 \
        t3.refuse.third_party.legal=1 t3.refuse.third_party.biz=1 t3.refuse.third_party.total=2 \
        t3.refuse.process_info.ngo=1 t3.unable.not_held.biz=1 t3.ignore.repeat.np=1 \
        t3.other.other.np=1 t3.other.no_correction.total=0 \
        t3.total_processed.np=6 t3.total_processed.biz=2 t3.total_processed.research=1 \
        t3.total_processed.total=12 \
        t3.carry_out.np=2 t3.carry_out.biz=2 t3.carry_out.research=1 t3.carry_out.total=5 \
        t4.review.corrected=1 t4.review.pending=0 t4.review.total=1 \
        t4.lit_direct.pending=1 t4.lit_direct.total=1 t4.lit_after_review.total=0 \
        t2.nd.issued=3 t2.nd.in_force=25 t2.license.decisions=120 t2.admin_fee.amount_wan=12.3456
    # the text rendering reads back to the same cells
    "$gk" parse --format csv "$tmp/a.txt" >"$tmp/parsed.csv"
    cells "$tmp/parsed.csv" t3.new.total=14 t3.carry_out.total=5 t4.review.corrected=1
    expect_grep "本年度新收政府信息公开申请14件" "$tmp/a.txt"
    # the next year's report carries in what this one carries out
    must "report 2025" "$gk" report --db "$db" --agency "$A" --year 2025 --format csv -o "$tmp/a25.csv"
    cells "$tmp/a25.csv" t3.carry_in.total=5 t3.other.no_correction.research=1 t4.review.total=1

    # closing the year: a change to it needs a reason and is restated in the report
    must "year-close" c year-close 2024 --agency "$A"
    refused "the change needs an amendment reason" c t2 --agency "$A" --year 2024 nd.in_force=26
    must "amend" c t2 --agency "$A" --year 2024 nd.in_force=26 --reason "漏计1件规范性文件"
    refused "already closed" c year-close 2024 --agency "$A"
    report_ok "$A" 2024 "$tmp/b"
    cells "$tmp/b.csv" t2.nd.in_force=26 t3.new.total=14
    expect_grep "漏计1件规范性文件" "$tmp/b.txt"
    expect_grep "重新生成" "$tmp/b.txt"
    # an import touching the closed year is refused as a whole, at the row the store refuses
    refused "keys.csv:3:" c import "$fx/keys.csv" --agency "$A"
    expect_grep "nothing imported" "$tmp/err"
    must "list after refused import" c list --agency "$A" --format csv
    check "$(($(wc -l <"$tmp/out") - 1))" 18 "applications after the refused import"

    # the Chinese-heading ledgers: the same 8 records as GBK CSV, UTF-8-BOM CSV and XLSX
    n=0
    for f in zh-gbk.csv zh-utf8bom.csv ledger.xlsx; do
        n=$((n + 1))
        B="某区司法局$n$sfx"
        must "agency $f" c agency add "$B"
        must "import $f" c import "$fx/$f" --agency "$B"
        expect_grep "已导入 8 件申请（7 件已办结）" "$tmp/out"
        expect_grep "未使用的列 columns not used: 序号, 申请日期, 经办人" "$tmp/err"
        report_ok "$B" 2024 "$tmp/zh-$f"
        cells "$tmp/zh-$f.csv" t3.new.np=5 t3.new.biz=1 t3.new.research=1 t3.new.legal=1 \
            t3.new.total=8 t3.grant.np=1 t3.refuse.third_party.biz=1 \
            t3.other.no_correction.np=1 t3.unable.not_held.legal=1 t3.partial.research=1 \
            t3.ignore.petition.np=1 t3.other.other.np=1 t3.total_processed.total=7 \
            t3.carry_out.np=1 t3.carry_out.total=1
        sed 's/^[^,]*,//' "$tmp/zh-$f.csv" | grep '^t[34]\.' >"$tmp/zh-$f.cells"
    done
    check "$(cmp -s "$tmp/zh-zh-gbk.csv.cells" "$tmp/zh-ledger.xlsx.cells" && echo same)" same \
        "GBK CSV and XLSX give the same tables"
    check "$(cmp -s "$tmp/zh-zh-gbk.csv.cells" "$tmp/zh-zh-utf8bom.csv.cells" && echo same)" \
        same "GBK and UTF-8-BOM CSV give the same tables"
    # what the ledger said is kept: the 补正 notice, the withdrawal, the note
    must "list zh" c list --agency "某区司法局3$sfx" --format csv
    cp "$tmp/out" "$tmp/zh-list.csv"
    x=$(awk -F, '$4 == "2024-05-06" { print $1 }' "$tmp/zh-list.csv")
    must "show imported" c show "$x"
    expect_grep "补正告知 correction_notice" "$tmp/out"
    expect_grep "台账第 6 行导入" "$tmp/out"
    x=$(awk -F, '$4 == "2024-09-09" { print $1 }' "$tmp/zh-list.csv")
    must "show withdrawn" c show "$x"
    expect_grep "撤回申请 withdrawal" "$tmp/out"
    expect_grep "申请人电话撤回" "$tmp/out"

    # an agency named with SQL metacharacters
    must "agency meta" c agency add "$META$2"
    must "new in meta agency" c new --agency "$META$2" --received 2024-03-01 --applicant-type \
        ngo --name x --request y
    must "show meta" c show "$(id_of)"
    expect_grep "机关 agency: $META$2" "$tmp/out"

    bad_input

    # every change went through the audit chain, and it is intact
    must "audit verify" "$gk" audit verify --db "$db"
}

# ---- bad input --------------------------------------------------------------------------------

bad_input() {
    refused "2025-02-30" c new --agency "$A" --received 2025-02-30 --applicant-type np --name x \
        --request y
    refused "applicant type 'person'" c new --agency "$A" --received 2024-03-01 \
        --applicant-type person --name x --request y
    refused "--name is required" c new --agency "$A" --received 2024-03-01 --applicant-type np \
        --request y
    refused "channel 'pigeon'" c new --agency "$A" --received 2024-03-01 --applicant-type np \
        --name x --request y --channel pigeon
    refused "the receipt date is in the future" c new --agency "$A" --received 2099-03-01 \
        --applicant-type np --name x --request y

    # (2024 is closed by now: B1 is of 2025)
    must "new B1" c new --agency "$A" --received 2025-06-03 --applicant-type np --name 王五 \
        --request 某文件
    b1=$(id_of)
    refused "outcome 'approved'" c close "$b1" --outcome approved --date 2025-06-20
    refused "the event date is before the receipt date" c close "$b1" --outcome grant \
        --date 2025-05-30
    refused "event kind 'call'" c event "$b1" --kind call --date 2025-06-04
    refused "1 to 20 working days" c event "$b1" --kind extension --days 21 --approver 王局长 \
        --date 2025-06-10
    refused "an extension needs its approver" c event "$b1" --kind extension --days 5 \
        --date 2025-06-10
    refused "2025-06-31" c event "$b1" --kind correction_notice --date 2025-06-31
    must "B1 notice" c event "$b1" --kind correction_notice --date 2025-06-05
    refused "only one correction notice is allowed" c event "$b1" --kind correction_notice \
        --date 2025-06-06
    must "B1 corrected" c event "$b1" --kind corrected --date 2025-06-07
    must "B1 ext 15" c event "$b1" --kind extension --days 15 --approver 王局长 --date 2025-06-20
    refused "extensions would total 25 working days" c event "$b1" --kind extension --days 10 \
        --approver 王局长 --date 2025-06-21
    refused "needs a correction notice that was not answered" c close "$b1" \
        --outcome other.no_correction --date 2025-07-01
    check "$(steps "$b1")" 3 "B1 log after refused events"
    refused "no application '99999999'" c event 99999999 --kind reply --outcome grant \
        --date 2025-06-20
    refused "does not apply" c show "$b1" --received 2024-01-01
    refused "--as-of" c list --as-of 2024-13-01
    refused "unknown subcommand" c frobnicate

    # T2: one bad key and nothing of the batch is saved
    refused "nothing saved" c t2 --agency "$A" --year 2023 nd.issued=4 bogus.cell=1
    refused "nothing saved" c t2 --agency "$A" --year 2023 nd.issued=1.5
    must "t2 2023" c t2 --agency "$A" --year 2023
    expect_grep "未录入 not entered" "$tmp/out"
    check "$(grep -c 't2.nd.issued *行政规范性文件 本年制发件数  未录入' "$tmp/out")" 1 \
        "nd.issued not saved"

    # an import with errors on lines 3 and 7: both reported, nothing imported
    C="导入失败测试$sfx"
    must "agency C" c agency add "$C"
    refused "bad.csv:3: " c import "$fx/bad.csv" --agency "$C"
    expect_grep "bad.csv:7: " "$tmp/err"
    expect_grep "2025-02-30" "$tmp/err"
    expect_grep "'individual'" "$tmp/err"
    expect_grep "'approved'" "$tmp/err"
    check "$(grep -c 'bad.csv:[0-9]*:' "$tmp/err")" 3 "problems listed"
    expect_grep "3 处错误，未导入任何记录 / 3 errors: nothing imported" "$tmp/err"
    must "list C" c list --agency "$C" --format csv
    check "$(wc -l <"$tmp/out")" 1 "nothing imported into C"

    # the report: years outside the 2021 format, unknown formats, no agency named among several
    refused "2021" "$gk" report --db "$db" --agency "$A" --year 2019
    refused "--format" "$gk" report --db "$db" --agency "$A" --year 2024 --format pdf
    refused "--agency" "$gk" report --db "$db" --year 2024
    refused "no agency" "$gk" report --db "$db" --agency "没有这个机关" --year 2024
}

# ---- ledgers without a store ------------------------------------------------------------------

ledgers() {
    for f in keys.csv zh-gbk.csv zh-utf8bom.csv ledger.xlsx serials-1900.xlsx serials-1904.xlsx; do
        must "dry run $f" "$gk" case import --dry-run "$fx/$f"
        expect_grep "检查通过" "$tmp/out"
    done
    run "$gk" case import --dry-run "$fx/zh-gbk.csv"
    expect_grep "csv GB18030, zh 表头 headings (第 3 行 line 3)" "$tmp/err"
    refused "serial-60.xlsx:3: " "$gk" case import --dry-run "$fx/serial-60.xlsx"
    expect_grep "'60' is not a valid date" "$tmp/err"
    # Excel serials: 1, 59, 61 are 1900-01-01, 1900-02-28, 1900-03-01 (Excel's 29 February 1900
    # is skipped), 45355 is 2024-03-04; in the 1904 system 0 and 43893
    db="sqlite:$tmp/serials.db"
    must "serials agency" "$gk" case agency add S --db "$db"
    must "serials 1900" "$gk" case import "$fx/serials-1900.xlsx" --db "$db"
    must "serials 1904" "$gk" case import "$fx/serials-1904.xlsx" --db "$db"
    must "serials list" "$gk" case list --format csv --db "$db"
    check "$(cut -d, -f4 "$tmp/out" | tr '\n' ' ')" \
        "received 1900-01-01 1900-02-28 1900-03-01 2024-03-04 1904-01-01 2024-03-04 " \
        "Excel serial dates"

    # value variants a ledger may use, and a heading row below a title; a title alone is no ledger
    printf '台账\n收到日期（必填）,*申请人类型,办理结果,办结日期,申请方式\n' >"$tmp/v.csv"
    printf '2024年3月5日,科研机构,（四）无法提供—没有现成信息需要另行制作,2024/3/20,互联网在线\n' >>"$tmp/v.csv"
    printf '20240306,法人或其他组织：社会公益组织,不予处理（重复申请）,2024.3.21,邮寄\n' >>"$tmp/v.csv"
    printf '2024-03-07,其他,属于国家秘密不予公开,2024-03-22,当面\n' >>"$tmp/v.csv"
    printf '2024-03-08,自然人,部分公开（区分处理的，只计这一情形，不计其他情形）,2024-03-22,email\n' >>"$tmp/v.csv"
    must "variants" "$gk" case import --dry-run "$tmp/v.csv"
    expect_grep "4 条记录（4 条已办结）" "$tmp/out"
    printf 'received\tapplicant_type\toutcome\tclosed\n2024-03-05\tnp\tgrant\t2024-03-20\n' >"$tmp/t.tsv"
    must "tab-separated" "$gk" case import --dry-run "$tmp/t.tsv"
    # Excel's "Unicode text": UTF-16 with a BOM, tab-separated; Excel's sep= line
    if iconv -f UTF-8 -t UTF-16 "$tmp/t.tsv" >"$tmp/t16.txt" 2>/dev/null; then
        must "UTF-16" "$gk" case import --dry-run "$tmp/t16.txt"
        expect_grep "1 条记录（1 条已办结）" "$tmp/out"
        expect_grep "csv UTF-16" "$tmp/err"
    fi
    printf 'sep=;\r\nreceived;applicant_type;outcome;closed\r\n2024-03-05;biz;grant;2024-03-20\r\n' >"$tmp/s.csv"
    must "sep=;" "$gk" case import --dry-run "$tmp/s.csv"
    expect_grep "1 条记录（1 条已办结）" "$tmp/out"
    printf 'received,applicant_type,outcome,closed\n' >"$tmp/w.csv"
    printf '2024-03-05,np,不予公开,2024-03-20\n' >>"$tmp/w.csv"
    printf '2024-03-05,np,部分予以公开,2024-03-20\n' >>"$tmp/w.csv"
    printf '2024-03-05,np,grant,\n' >>"$tmp/w.csv"
    printf '2024-03-05,np,,2024-03-20\n' >>"$tmp/w.csv"
    printf '2024-03-05,np,grant,2024-03-01\n' >>"$tmp/w.csv"
    printf '2024-03-05,np,other.no_correction,2024-03-20\n' >>"$tmp/w.csv"
    printf '2099-03-05,np,,\n' >>"$tmp/w.csv"
    printf '"2024-03-05,np,grant,2024-03-20\n' >>"$tmp/w.csv"
    refused "w.csv:2: " "$gk" case import --dry-run "$tmp/w.csv"
    expect_grep "needs its row" "$tmp/err"
    expect_grep "w.csv:3: 错误 error: outcome“部分予以公开”未知" "$tmp/err"
    expect_grep "w.csv:4: 错误 error: 有办理结果而没有办结日期" "$tmp/err"
    expect_grep "w.csv:5: 错误 error: 有办结日期而没有办理结果" "$tmp/err"
    expect_grep "w.csv:6: " "$tmp/err"
    expect_grep "w.csv:7: " "$tmp/err"
    expect_grep "w.csv:8: " "$tmp/err"
    expect_grep "w.csv:9: " "$tmp/err"
    printf '2024年度台账\n序号,姓名\n1,王五\n' >"$tmp/h.csv"
    refused "h.csv:1: 错误 error: 找不到表头行" "$gk" case import --dry-run "$tmp/h.csv"
    printf 'PK\3\4not a zip' >"$tmp/z.xlsx"
    refused "damaged XLSX" "$gk" case import --dry-run "$tmp/z.xlsx"
    ledger_limits
}

# what the sheet readers must survive (found by fuzz/fuzz_ledger.c, or its caps): an XLSX row
# number past Excel's last row, a record of many quoted fields, a cell or a sheet too large
ledger_limits() {
    python3 - "$tmp" <<'PY'
import sys, zipfile
t = sys.argv[1]
def cell(ref, s):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, s)
sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         '<sheetData><row r="2147483647">' + cell("A1", "received") + cell("B1", "applicant_type")
         + '</row><row>' + cell("A2", "2024-03-05") + cell("B2", "np") + '</row></sheetData></worksheet>')
with zipfile.ZipFile(t + "/rownum.xlsx", "w") as z:
    z.writestr("xl/worksheets/sheet1.xml", sheet)
with open(t + "/quoted.csv", "w") as f:
    f.write("received,applicant_type\n" + '"",' * 1000000 + "\n")
with open(t + "/long.csv", "w") as f:
    f.write("received,applicant_type,request\n2024-03-05,np," + "x" * 140000 + "\n")
with open(t + "/rows.csv", "w") as f:
    f.write("received,applicant_type\n2024-03-05,np\n" + "\n" * 1048574 + "2024-03-06,np\n")
for name, n in (("note", 1962), ("note-long", 1983)):
    with open(t + "/" + name + ".csv", "w") as f:
        f.write("received,applicant_type,outcome,closed,note\n2024-03-05,np,grant,2024-03-20,"
                + "x" * (n - 3) + "end\n")
with open(t + "/heading.csv", "w") as f:
    f.write("收到日期（" + "说" * 200 + "）,申请人类型\n2024-02-30,np\n")
PY
    # a row number beyond 1048576 is not one: the rows are 1 and 2 (was a signed overflow)
    must "XLSX row number past the last row" "$gk" case import --dry-run "$tmp/rownum.xlsx"
    expect_grep "xlsx, keys 表头 headings (第 1 行 line 1)" "$tmp/err"
    expect_grep "1 条记录" "$tmp/out"
    # each quoted field allocated the rest of the file: 3 MB took 4 GB (peak RSS in MB printed)
    mb=$(python3 -c 'import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
sys.stderr.buffer.write(r.stderr)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)' \
        "$gk" case import --dry-run "$tmp/quoted.csv" 2>"$tmp/err")
    check "$([ "${mb:-99999}" -lt 500 ] && echo under)" under \
        "memory for a record of a million quoted fields: ${mb:-?} MB"
    expect_grep "quoted.csv:2: 错误 error: 一行超过 256 列" "$tmp/err"
    refused "long.csv:2: 错误 error: 有单元格超过 131072 字节" "$gk" case import --dry-run "$tmp/long.csv"
    # Excel's last row is 1048576: the record on line 1048577 is past it
    refused "rows.csv:1048577: 错误 error: 表格超过 1048576 行" "$gk" case import --dry-run "$tmp/rows.csv"
    # a note fits in its event with "台账第 N 行导入" before it whatever N, or is refused (a note
    # of up to 1983 bytes was cut at the end, by up to 15 bytes, or mid-character)
    db="sqlite:$tmp/notes.db"
    must "notes agency" "$gk" case agency add N --db "$db"
    must "note of 1962 bytes" "$gk" case import "$tmp/note.csv" --db "$db"
    must "list notes" "$gk" case list --format csv --db "$db"
    must "show note" "$gk" case show "$(sed -n '2s/,.*//p' "$tmp/out")" --db "$db"
    expect_grep "$(printf '%01959dend' 0 | tr 0 x)" "$tmp/out"
    refused "note-long.csv:2: 错误 error: note 超过 1962 字节" "$gk" case import --dry-run "$tmp/note-long.csv"
    # a problem quoting a long heading is cut at a character, not inside one
    refused "heading.csv:2: " "$gk" case import --dry-run "$tmp/heading.csv"
    check "$(python3 -c 'import sys; open(sys.argv[1], encoding="utf-8").read(); print("ok")' \
        "$tmp/err" 2>/dev/null)" ok "a problem with a long heading is valid UTF-8"
    refused "cannot open the ledger file: No such file" "$gk" case import --dry-run "$tmp/none.csv"
}

ledgers
refused "GONGKAI_DB" "$gk" case list
refused "GONGKAI_DB" "$gk" report --year 2024

# a store with one agency needs no --agency
db="sqlite:$tmp/one.db"
must "one agency" "$gk" case agency add 单一机关 --db "$db"
must "new without --agency" "$gk" case new --db "$db" --received 2024-05-06 --applicant-type np \
    --name x --request y
export GONGKAI_DB="$db"
must "report from GONGKAI_DB" "$gk" report --year 2024 -o "$tmp/one.txt"
unset GONGKAI_DB
expect_grep "单一机关2024年政府信息公开工作年度报告" "$tmp/one.txt"

workflow "sqlite:$tmp/work.db" ""
if command -v sqlite3 >/dev/null; then
    check "$(sqlite3 "$tmp/work.db" 'SELECT count(*) FROM applications')" 44 \
        "applications in SQLite (metacharacters did not touch the schema)"
fi
if [ -n "${GK_TEST_PG:-}" ]; then
    workflow "$GK_TEST_PG" "-pg-$tag"
else
    echo "PostgreSQL skipped (GK_TEST_PG not set)"
fi
finish
