/*
 * test_records.c — the rules of the case records (lib/work/records.c): keys taken from the
 * schema, text caps, the order of an application's events (gk_event_check) and its state with
 * the due date from the deadline engine (gk_app_state_get), cases and T2 values.
 *
 * Due dates are worked out by hand from the State Council notices (data/calendar-cn.tsv):
 * "d1" is the first working day counted, "W" a make-up working day (调休), "off" a holiday.
 * 2024: 中秋 09-15..17 off, 09-14 W; 国庆 10-01..07 off, 09-29 W and 10-12 W.
 * 2025: 元旦 01-01 off; 春节 01-28..02-04 off, 01-26 W and 02-08 W.
 *
 * usage: test-records SOURCE_ROOT
 */
#include <gongkai/schema.h>
#include <gongkai/work.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "harness.h"

static gk_calendar *cal;

static gk_application app_at(const char *received)
{
    gk_application a;
    memset(&a, 0, sizeof a);
    a.id = 1;
    a.agency_id = 1;
    a.received = D(received);
    a.channel = GK_CHANNEL_ONLINE;
    strcpy(a.applicant_type, "np");
    strcpy(a.applicant_name, "张三");
    strcpy(a.request, "2024年某街道改造工程的批复文件");
    a.closed = GK_DATE_NONE;
    return a;
}

static gk_event ev(gk_event_kind kind, const char *date)
{
    gk_event e;
    memset(&e, 0, sizeof e);
    e.kind = kind;
    e.date = D(date);
    return e;
}

static gk_event extension(const char *date, int days, const char *approver)
{
    gk_event e = ev(GK_EV_EXTENSION, date);
    e.days = days;
    snprintf(e.approver, sizeof e.approver, "%s", approver);
    return e;
}

static gk_event consult(const char *date, gk_consult_kind k)
{
    gk_event e = ev(GK_EV_CONSULT_START, date);
    e.consult = k;
    strcpy(e.party, "某建设公司");
    return e;
}

static gk_event reply(const char *date, const char *outcome)
{
    gk_event e = ev(GK_EV_REPLY, date);
    snprintf(e.outcome, sizeof e.outcome, "%s", outcome);
    return e;
}

/* A log being built: each event is checked before it is appended. */
typedef struct logbuf {
    gk_application app;
    gk_event ev[64];
    size_t n;
    gk_date today;
    gk_error err;
} logbuf;

static gk_status add(logbuf *l, gk_event e)
{
    l->err = (gk_error){GK_OK, ""};
    gk_status st = gk_event_check(&l->app, l->ev, l->n, &e, l->today, &l->err);
    if (st == GK_OK)
        l->ev[l->n++] = e;
    return st;
}

static logbuf start(const char *received, const char *today)
{
    logbuf l;
    memset(&l, 0, sizeof l);
    l.app = app_at(received);
    l.today = today ? D(today) : GK_DATE_NONE;
    return l;
}

/* Adds e expecting success. */
#define ADD_OK(l, e)                                                                               \
    do {                                                                                           \
        gk_status st_ = add(&(l), (e));                                                            \
        CHECK_MSG(st_ == GK_OK, "adding %s: %s", #e, (l).err.msg);                                 \
    } while (0)

/* Adds e expecting a rejection whose message contains both fragments. */
#define ADD_BAD(l, e, zh, en)                                                                      \
    do {                                                                                           \
        size_t n_ = (l).n;                                                                         \
        gk_status st_ = add(&(l), (e));                                                            \
        CHECK_MSG(st_ == GK_ERR_INVALID_ARG && (l).n == n_, "%s should be refused", #e);           \
        CHECK_MSG(strstr((l).err.msg, zh) && strstr((l).err.msg, en),                              \
                  "message of %s: \"%s\" lacks \"%s\" / \"%s\"", #e, (l).err.msg, zh, en);         \
    } while (0)

static gk_app_state state_of(const logbuf *l, const char *today)
{
    gk_app_state s;
    gk_error err = {GK_OK, ""};
    gk_status st =
        gk_app_state_get(cal, &l->app, l->ev, l->n, today ? D(today) : GK_DATE_NONE, &s, &err);
    CHECK_MSG(st == GK_OK, "state: %s", err.msg);
    return s;
}

/* ---- keys from the schema ---- */

static void test_keys(void)
{
    static const char *const types[] = {"np", "biz", "research", "ngo", "legal", "other_org"};
    for (int i = 0; i < 6; i++)
        CHECK_MSG(gk_applicant_type_valid(types[i]), "%s", types[i]);
    CHECK(!gk_applicant_type_valid("total"));
    CHECK(!gk_applicant_type_valid("lp"));
    CHECK(!gk_applicant_type_valid(""));
    CHECK(!gk_applicant_type_valid(NULL));
    CHECK_STR(gk_applicant_type_label("ngo"), "社会公益组织");

    /* every T3 row except the four that are not outcomes */
    const gk_table_def *t3 = gk_schema_table(GK_T3, GK_FORMAT_2021);
    int outcomes = 0;
    for (int r = 0; r < t3->nrows; r++) {
        const char *key = t3->rows[r].key + 3;
        int is = strcmp(key, "new") && strcmp(key, "carry_in") && strcmp(key, "total_processed") &&
                 strcmp(key, "carry_out");
        CHECK_MSG(gk_outcome_valid(key) == is, "outcome %s", key);
        outcomes += is;
    }
    CHECK_INT(outcomes, 21);
    CHECK(gk_outcome_valid("grant"));
    CHECK(gk_outcome_valid("refuse.third_party"));
    CHECK(gk_outcome_valid("other.no_correction"));
    CHECK(!gk_outcome_valid("t3.grant"));
    CHECK(!gk_outcome_valid("refuse"));
    CHECK(!gk_outcome_valid("other")); /* the 2019 single row */
    CHECK(!gk_outcome_valid("grant.np"));
    CHECK(!gk_outcome_valid(""));
    CHECK_STR(gk_outcome_label("unable.not_held"), "本机关不掌握相关政府信息");

    /* case kinds and results are T4 rows and columns */
    const gk_table_def *t4 = gk_schema_table(GK_T4, GK_FORMAT_2021);
    for (int k = 0; k < GK_CASE_KIND_COUNT; k++) {
        char key[64];
        snprintf(key, sizeof key, "t4.%s", gk_case_kind_key((gk_case_kind)k));
        CHECK_MSG(gk_schema_find_row(t4, key) >= 0, "%s", key);
    }
    for (int r = 0; r < GK_RESULT_COUNT; r++) {
        char key[64];
        int row, col;
        snprintf(key, sizeof key, "t4.review.%s", gk_case_result_key((gk_case_result)r));
        CHECK_MSG(gk_schema_find_cell(t4, key, &row, &col) == 0, "%s", key);
    }

    gk_channel c;
    CHECK(gk_channel_parse("online", &c) == 0 && c == GK_CHANNEL_ONLINE);
    CHECK(gk_channel_parse("邮寄", &c) == 0 && c == GK_CHANNEL_POST);
    CHECK(gk_channel_parse("pigeon", &c) == -1);
    CHECK_STR(gk_channel_label(GK_CHANNEL_EMAIL), "电子邮件");
    CHECK_STR(gk_channel_key(GK_CHANNEL_COUNT), "");
    gk_event_kind k;
    CHECK(gk_event_kind_parse("补正告知", &k) == 0 && k == GK_EV_CORRECTION_NOTICE);
    CHECK(gk_event_kind_parse("fee_paid", &k) == 0 && k == GK_EV_FEE_PAID);
    CHECK(gk_event_kind_parse("closed", &k) == -1);
    gk_role role;
    CHECK(gk_role_parse("approver", &role) == 0 && role == GK_ROLE_APPROVER);
    CHECK(gk_role_parse("root", &role) == -1);
    gk_case_result res;
    CHECK(gk_case_result_parse("结果纠正", &res) == 0 && res == GK_RESULT_CORRECTED);
}

/* ---- text fields ---- */

static void test_fields(void)
{
    gk_error err;
    char f[8]; /* cap 7 */
    CHECK(gk_field_set(f, sizeof f, "1234567", "f", 0, &err) == GK_OK);
    CHECK_STR(f, "1234567");
    CHECK(gk_field_set(f, sizeof f, "12345678", "f", 0, &err) == GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "超过 7 字节") && strstr(err.msg, "longer than 7"));
    CHECK_STR(f, "1234567"); /* left as it was, not truncated */
    CHECK(gk_field_set(f, sizeof f, "汉字", "f", 0, &err) == GK_OK);                /* 6 bytes */
    CHECK(gk_field_set(f, sizeof f, "汉字x!", "f", 0, &err) == GK_ERR_INVALID_ARG); /* 8 */
    CHECK(gk_field_set(f, sizeof f, "\xe6\xb1", "f", 0, &err) == GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "UTF-8"));
    CHECK(gk_field_set(f, sizeof f, "a\x01", "f", 0, &err) == GK_ERR_INVALID_ARG);
    CHECK(gk_field_set(f, sizeof f, "a\nb", "f", 0, &err) == GK_ERR_INVALID_ARG);
    CHECK(gk_field_set(f, sizeof f, "a\nb", "f", 1, &err) == GK_OK);
    CHECK(gk_field_set(f, sizeof f, NULL, "f", 0, &err) == GK_OK && f[0] == '\0');
    char emoji[16];
    CHECK(gk_field_set(emoji, sizeof emoji, "'\";--\\%😀", "f", 0, &err) == GK_OK);

    gk_application a = app_at("2024-09-27");
    CHECK(gk_app_check(&a, D("2024-09-27"), &err) == GK_OK);
    CHECK(gk_app_check(&a, D("2024-09-26"), &err) == GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "晚于今天") && strstr(err.msg, "future"));
    strcpy(a.applicant_type, "total");
    CHECK(gk_app_check(&a, GK_DATE_NONE, &err) == GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "申请人类型"));
    a = app_at("2024-09-27");
    a.applicant_name[0] = '\0';
    CHECK(gk_app_check(&a, GK_DATE_NONE, &err) == GK_ERR_INVALID_ARG);
    a = app_at("2024-09-27");
    a.channel = GK_CHANNEL_COUNT;
    CHECK(gk_app_check(&a, GK_DATE_NONE, &err) == GK_ERR_INVALID_ARG);
    a = app_at("2024-09-27");
    a.received = GK_DATE_NONE;
    CHECK(gk_app_check(&a, GK_DATE_NONE, &err) == GK_ERR_INVALID_ARG);
    a = app_at("2024-09-27");
    memset(a.request, 'x', sizeof a.request); /* no NUL within the cap */
    CHECK(gk_app_check(&a, GK_DATE_NONE, &err) == GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "request"));
}

/* ---- the order of events ---- */

static void test_order(void)
{
    logbuf l = start("2024-09-27", "2024-12-31");
    ADD_BAD(l, ev(GK_EV_CONSULT_END, "2024-10-08"), "没有进行中的征求意见", "no consultation");
    ADD_BAD(l, ev(GK_EV_CORRECTED, "2024-10-08"), "没有补正告知", "without a correction notice");
    ADD_BAD(l, ev(GK_EV_FEE_PAID, "2024-10-08"), "没有未缴费的收费通知", "fee paid without");
    ADD_BAD(l, consult("2024-09-26", GK_CONSULT_THIRD_PARTY), "早于收到申请", "before the receipt");
    ADD_BAD(l, consult("2025-01-02", GK_CONSULT_THIRD_PARTY), "晚于今天", "in the future");
    ADD_BAD(l, ev(GK_EV_CONSULT_START, "2024-10-09"), "第三方还是其他机关", "third party or");
    ADD_OK(l, consult("2024-10-09", GK_CONSULT_THIRD_PARTY));
    ADD_BAD(l, consult("2024-10-10", GK_CONSULT_AGENCY), "尚未结束", "already in progress");
    ADD_BAD(l, reply("2024-10-10", "grant"), "尚未结束", "has not ended");
    ADD_BAD(l, ev(GK_EV_CONSULT_END, "2024-10-08"), "早于上一事件", "before the previous");
    ADD_BAD(l, ev(GK_EV_CORRECTION_NOTICE, "2024-10-09"), "补正告知须在其他办理步骤之前",
            "before any other step");
    ADD_OK(l, ev(GK_EV_CONSULT_END, "2024-10-15"));
    ADD_BAD(l, ev(GK_EV_CONSULT_END, "2024-10-16"), "没有进行中的征求意见", "no consultation");
    ADD_BAD(l, extension("2024-11-01", 0, "李处长"), "1 至 20", "1 to 20");
    ADD_BAD(l, extension("2024-11-01", 21, "李处长"), "1 至 20", "1 to 20");
    ADD_BAD(l, extension("2024-11-01", 10, ""), "批准人", "approver");
    ADD_OK(l, extension("2024-11-01", 10, "李处长"));
    ADD_BAD(l, extension("2024-11-04", 11, "李处长"), "合计 21", "more than 20");
    ADD_OK(l, extension("2024-11-04", 10, "李处长")); /* 20 in all */
    ADD_BAD(l, extension("2024-11-05", 1, "李处长"), "合计 21", "more than 20");
    ADD_OK(l, ev(GK_EV_FEE_NOTICE, "2024-11-05"));
    ADD_BAD(l, ev(GK_EV_FEE_NOTICE, "2024-11-06"), "已发出收费通知", "already sent");
    ADD_BAD(l, reply("2024-11-06", "no_such_outcome"), "未知的办理结果", "unknown outcome");
    ADD_BAD(l, reply("2024-11-06", "total_processed"), "未知的办理结果", "unknown outcome");
    ADD_BAD(l, reply("2024-11-06", "other.no_correction"), "逾期不补正", "no_correction");
    gk_event days_on_reply = reply("2024-11-06", "grant");
    days_on_reply.days = 3;
    ADD_BAD(l, days_on_reply, "只有延长答复期限才有天数", "only an extension");
    ADD_OK(l, reply("2024-11-20", "other.no_fee")); /* the fee notice went unpaid */
    ADD_BAD(l, ev(GK_EV_FEE_PAID, "2024-11-21"), "不能再记录事件", "closed on 2024-11-20");
    ADD_BAD(l, ev(GK_EV_WITHDRAWAL, "2024-11-21"), "不能再记录事件", "closed");
    CHECK_INT(l.n, 6);
    gk_error err;
    CHECK(gk_event_log_check(&l.app, l.ev, l.n, D("2024-12-31"), &err) == GK_OK);

    /* 补正: once, first, and nothing but the corrected application (or closing) after it */
    logbuf c = start("2024-09-20", NULL);
    ADD_OK(c, ev(GK_EV_CORRECTION_NOTICE, "2024-09-30"));
    ADD_BAD(c, ev(GK_EV_CORRECTION_NOTICE, "2024-10-08"), "补正只能告知一次", "only one");
    ADD_BAD(c, consult("2024-10-08", GK_CONSULT_AGENCY), "等待补正期间", "awaited");
    ADD_BAD(c, extension("2024-10-08", 5, "李处长"), "等待补正期间", "awaited");
    ADD_BAD(c, ev(GK_EV_FEE_NOTICE, "2024-10-08"), "等待补正期间", "awaited");
    ADD_OK(c, ev(GK_EV_CORRECTED, "2024-10-10"));
    ADD_BAD(c, ev(GK_EV_CORRECTED, "2024-10-11"), "已于 2024-10-10 收到", "already received");
    ADD_BAD(c, ev(GK_EV_CORRECTION_NOTICE, "2024-10-11"), "补正只能告知一次", "only one");
    ADD_BAD(c, reply("2024-10-11", "other.no_correction"), "逾期不补正", "no_correction");

    /* a 补正 never answered: other.no_correction closes it */
    logbuf u = start("2024-09-20", NULL);
    ADD_OK(u, ev(GK_EV_CORRECTION_NOTICE, "2024-09-30"));
    ADD_OK(u, reply("2024-11-30", "other.no_correction"));

    /* a withdrawal closes, too; an outcome on it is refused */
    logbuf w = start("2024-09-27", NULL);
    gk_event wd = ev(GK_EV_WITHDRAWAL, "2024-10-08");
    strcpy(wd.outcome, "grant");
    ADD_BAD(w, wd, "只有答复才有办理结果", "only a reply");
    ADD_OK(w, ev(GK_EV_WITHDRAWAL, "2024-10-08"));
    ADD_BAD(w, reply("2024-10-09", "grant"), "不能再记录事件", "closed");

    /* bad fields */
    logbuf b = start("2024-09-27", NULL);
    gk_event bad = ev(GK_EV_REPLY, "2024-10-08");
    bad.kind = GK_EV_KIND_COUNT;
    ADD_BAD(b, bad, "未知的事件类型", "unknown event kind");
    bad = reply("2024-10-08", "grant");
    bad.date = GK_DATE_NONE;
    ADD_BAD(b, bad, "事件日期无效", "invalid");
    bad = reply("2024-10-08", "grant");
    memset(bad.note, 'x', sizeof bad.note);
    ADD_BAD(b, bad, "note 超过 2047 字节", "longer than 2047");
    bad = ev(GK_EV_FEE_NOTICE, "2024-10-08");
    strcpy(bad.amount, "-5");
    ADD_BAD(b, bad, "金额", "amount");
    bad = ev(GK_EV_FEE_NOTICE, "2024-10-08");
    strcpy(bad.amount, "100.50");
    ADD_OK(b, bad);

    /* a log out of order is found by gk_event_log_check, with the event's number */
    gk_event broken[2] = {reply("2024-10-08", "grant"), reply("2024-10-09", "grant")};
    CHECK(gk_event_log_check(&b.app, broken, 2, GK_DATE_NONE, &err) == GK_ERR_INVALID_ARG);
    CHECK_MSG(strstr(err.msg, "第 2 个事件") && strstr(err.msg, "event 2"), "%s", err.msg);
}

/* ---- the state and the due date ---- */

static void test_state(void)
{
    /* Received Fri 2024-09-27, before 国庆: 09-29 W d1, 09-30 d2, 10-01..07 off, 10-08 d3,
     * 10-09 d4, 10-10 d5, 10-11 d6, 10-12 W d7, 10-14 d8 … 10-18 d12, 10-21 d13 … 10-25 d17,
     * 10-28 d18, 10-29 d19, 10-30 d20. */
    logbuf l = start("2024-09-27", NULL);
    gk_app_state s = state_of(&l, "2024-10-08");
    CHECK_STR(S(s.due), "2024-10-30");
    CHECK_INT(s.deadline, GK_DEADLINE_DUE);
    CHECK_INT(s.days_left, 17); /* 10-09 … 10-30 */
    CHECK(!s.closed && !s.paused && !s.overdue && !s.due_soon);

    /* A third-party consultation 10-09..10-15 (inclusive) removes 10-09, 10, 11, 12 (W), 14,
     * 15: six working days. The count: 09-29 d1, 09-30 d2, 10-08 d3, then 10-16 d4 … 10-31
     * d15, 11-01 d16, 11-04 d17, 11-05 d18, 11-06 d19, 11-07 d20. */
    ADD_OK(l, consult("2024-10-09", GK_CONSULT_THIRD_PARTY));
    s = state_of(&l, "2024-10-12");
    CHECK(s.paused && s.consulting && !s.fee_pending);
    CHECK_INT(s.deadline, GK_DEADLINE_PAUSED);
    CHECK_INT(s.due, GK_DATE_NONE);
    CHECK(!s.overdue && !s.due_soon);
    ADD_OK(l, ev(GK_EV_CONSULT_END, "2024-10-15"));
    s = state_of(&l, "2024-10-16");
    CHECK(!s.paused);
    CHECK_STR(S(s.due), "2024-11-07");

    /* An extension of 10 approved on 11-01 adds 11-08 (1), 11-11 … 11-15 (2-6), 11-18 … 11-21
     * (7-10): due Thu 2024-11-21. */
    ADD_OK(l, extension("2024-11-01", 10, "李处长"));
    s = state_of(&l, "2024-11-15");
    CHECK_STR(S(s.due), "2024-11-21");
    CHECK_INT(s.extension_days, 10);
    CHECK_INT(s.days_left, 4); /* 11-18, 19, 20, 21 */
    CHECK(!s.due_soon && !s.overdue);
    s = state_of(&l, "2024-11-18");
    CHECK_INT(s.days_left, 3);
    CHECK(s.due_soon && !s.overdue);
    s = state_of(&l, "2024-11-21");
    CHECK_INT(s.days_left, 0);
    CHECK(s.due_soon && !s.overdue);
    s = state_of(&l, "2024-11-22");
    CHECK_INT(s.days_left, -1);
    CHECK(s.overdue && !s.due_soon);
    s = state_of(&l, "2024-11-24"); /* Sunday: overdue, still one working day past */
    CHECK_INT(s.days_left, -1);
    CHECK(s.overdue);

    /* The state on a day before later events ignores them: on 10-12 the consultation is open. */
    s = state_of(&l, "2024-10-12");
    CHECK(s.paused);
    CHECK_INT(s.extension_days, 0);

    /* Replied on 11-25: closed, late by two working days (11-22, 11-25). */
    ADD_OK(l, reply("2024-11-25", "refuse.third_party"));
    s = state_of(&l, "2024-12-31");
    CHECK(s.closed && s.closed_by == GK_EV_REPLY && s.replied_late);
    CHECK_STR(S(s.closed_date), "2024-11-25");
    CHECK_STR(s.outcome, "refuse.third_party");
    CHECK_INT(s.days_left, -2);
    CHECK(!s.overdue && !s.due_soon);
    CHECK(!s.unconfirmed);
}

static void test_correction(void)
{
    /* Received Fri 2024-09-20: 09-23 d1 … 09-27 d5, 09-29 W d6, 09-30 d7: a 补正 notice on
     * 09-30 is in time (第三十条: 7 working days); on 10-08 (d8) it is late. The corrected
     * application received Thu 10-10 restarts the count: 10-11 d1, 10-12 W d2, 10-14 d3 …
     * 10-18 d7, 10-21 d8 … 10-25 d12, 10-28 d13 … 11-01 d17, 11-04 d18, 11-05 d19, 11-06 d20. */
    logbuf l = start("2024-09-20", NULL);
    ADD_OK(l, ev(GK_EV_CORRECTION_NOTICE, "2024-09-30"));
    gk_app_state s = state_of(&l, "2024-10-09");
    CHECK(s.awaiting_correction && !s.late_notice);
    CHECK_INT(s.deadline, GK_DEADLINE_AWAITING);
    CHECK_INT(s.due, GK_DATE_NONE);
    ADD_OK(l, ev(GK_EV_CORRECTED, "2024-10-10"));
    s = state_of(&l, "2024-10-10");
    CHECK(!s.awaiting_correction);
    CHECK_STR(S(s.start), "2024-10-10");
    CHECK_STR(S(s.due), "2024-11-06");

    logbuf late = start("2024-09-20", NULL);
    ADD_OK(late, ev(GK_EV_CORRECTION_NOTICE, "2024-10-08"));
    s = state_of(&late, "2024-10-08");
    CHECK(s.late_notice);

    /* A withdrawal counts under other.other. */
    logbuf w = start("2024-09-20", NULL);
    ADD_OK(w, ev(GK_EV_WITHDRAWAL, "2024-09-23"));
    s = state_of(&w, "2024-09-30");
    CHECK(s.closed && s.closed_by == GK_EV_WITHDRAWAL);
    CHECK_STR(s.outcome, GK_OUTCOME_WITHDRAWN);
    CHECK(!s.replied_late);
}

static void test_fee_pause(void)
{
    /* Received Fri 2024-12-20: 12-23 d1, 12-24 d2; the fee notice 12-25 until payment Mon
     * 2025-01-06 pauses 12-25, 26, 27, 30, 31, 01-02, 03, 06 (01-01 off); then 01-07 d3 …
     * 01-10 d6, 01-13 d7 … 01-17 d11, 01-20 d12 … 01-24 d16, 01-26 W d17, 01-27 d18, 01-28 ..
     * 02-04 off (春节), 02-05 d19, 02-06 d20. */
    logbuf l = start("2024-12-20", NULL);
    ADD_OK(l, ev(GK_EV_FEE_NOTICE, "2024-12-25"));
    gk_app_state s = state_of(&l, "2024-12-31");
    CHECK(s.paused && s.fee_pending && !s.consulting);
    CHECK_INT(s.due, GK_DATE_NONE);
    ADD_OK(l, ev(GK_EV_FEE_PAID, "2025-01-06"));
    s = state_of(&l, "2025-01-06");
    CHECK(!s.paused);
    CHECK_STR(S(s.due), "2025-02-06");

    /* A consultation during the fee pause: the two spans merge (no working day counted
     * twice). Consult 12-30..01-10 overlaps the fee pause 12-25..01-06: paused 12-25..01-10
     * removes 12 working days; 01-13 d3 … 01-17 d7, 01-20 d8 … 01-24 d12, 01-26 W d13, 01-27
     * d14, 02-05 d15, 02-06 d16, 02-07 d17, 02-08 W d18, 02-10 d19, 02-11 d20. */
    logbuf m = start("2024-12-20", NULL);
    ADD_OK(m, ev(GK_EV_FEE_NOTICE, "2024-12-25"));
    ADD_OK(m, consult("2024-12-30", GK_CONSULT_AGENCY));
    ADD_OK(m, ev(GK_EV_FEE_PAID, "2025-01-06"));
    s = state_of(&m, "2025-01-07");
    CHECK(s.paused && s.consulting && !s.fee_pending);
    ADD_OK(m, ev(GK_EV_CONSULT_END, "2025-01-10"));
    s = state_of(&m, "2025-01-10");
    CHECK_STR(S(s.due), "2025-02-11");

    /* Closed while the fee was unpaid: the pause ends on the closed date. */
    ADD_BAD(m, reply("2025-01-05", "grant"), "早于上一事件", "before the previous");
    logbuf n = start("2024-12-20", NULL);
    ADD_OK(n, ev(GK_EV_FEE_NOTICE, "2024-12-25"));
    ADD_OK(n, reply("2025-02-10", "other.no_fee"));
    s = state_of(&n, "2025-03-01");
    CHECK(s.closed && !s.paused && !s.fee_pending);
    CHECK_STR(s.outcome, "other.no_fee");
    CHECK(s.due != GK_DATE_NONE);
}

/* ---- cases and T2 ---- */

static void test_cases(void)
{
    gk_application a = app_at("2024-09-27");
    gk_case c;
    memset(&c, 0, sizeof c);
    gk_error err;
    c.kind = GK_CASE_REVIEW;
    c.filed = D("2024-12-02");
    c.result = GK_RESULT_PENDING;
    c.decided = GK_DATE_NONE;
    CHECK(gk_case_check(&a, &c, D("2024-12-31"), &err) == GK_OK);
    c.decided = D("2025-01-10");
    CHECK(gk_case_check(&a, &c, D("2025-02-01"), &err) == GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "尚未审结") && strstr(err.msg, "pending"));
    c.result = GK_RESULT_CORRECTED;
    CHECK(gk_case_check(&a, &c, D("2025-02-01"), &err) == GK_OK);
    CHECK(gk_case_check(&a, &c, D("2025-01-09"), &err) == GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "future"));
    c.decided = D("2024-12-01");
    CHECK(gk_case_check(&a, &c, GK_DATE_NONE, &err) == GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "decided before it was filed"));
    c.decided = GK_DATE_NONE;
    CHECK(gk_case_check(&a, &c, GK_DATE_NONE, &err) == GK_ERR_INVALID_ARG);
    c.result = GK_RESULT_PENDING;
    c.filed = D("2024-09-26");
    CHECK(gk_case_check(&a, &c, GK_DATE_NONE, &err) == GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "before the application"));
    c.filed = D("2024-12-02");
    c.kind = GK_CASE_KIND_COUNT;
    CHECK(gk_case_check(&a, &c, GK_DATE_NONE, &err) == GK_ERR_INVALID_ARG);
}

static void test_t2(void)
{
    gk_error err;
    CHECK(gk_t2_check("t2.reg.issued", "0", &err) == GK_OK);
    CHECK(gk_t2_check("t2.license.decisions", "123456", &err) == GK_OK);
    CHECK(gk_t2_check("t2.admin_fee.amount_wan", "12.3456", &err) == GK_OK);
    CHECK(gk_t2_check("t2.admin_fee.amount_wan", "7", &err) == GK_OK);
    CHECK(gk_t2_check("t2.admin_fee.amount_wan", "1.23456", &err) == GK_ERR_INVALID_ARG);
    CHECK(gk_t2_check("t2.admin_fee.amount_wan", "-1", &err) == GK_ERR_INVALID_ARG);
    CHECK(gk_t2_check("t2.reg.issued", "1.5", &err) == GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "非负整数") && strstr(err.msg, "integer"));
    CHECK(gk_t2_check("t2.reg.issued", "007", &err) == GK_ERR_INVALID_ARG);
    CHECK(gk_t2_check("t2.reg.issued", "", &err) == GK_ERR_INVALID_ARG);
    CHECK(gk_t2_check("t2.reg.issued", "1e3", &err) == GK_ERR_INVALID_ARG);
    CHECK(gk_t2_check("t2.reg.issued", "1234567890123456789", &err) == GK_ERR_INVALID_ARG);
    CHECK(gk_t2_check("t2.reg", "1", &err) == GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "未知的第二十条数据项"));
    CHECK(gk_t2_check("t2v19.reg.made_new", "1", &err) == GK_ERR_INVALID_ARG);
    CHECK(gk_t2_check("t3.new.np", "1", &err) == GK_ERR_INVALID_ARG);
    /* every 2021 T2 cell is accepted */
    const gk_table_def *t2 = gk_schema_table(GK_T2, GK_FORMAT_2021);
    for (int r = 0; r < t2->nrows; r++)
        for (int c = 0; c < gk_schema_ncols(t2, r); c++) {
            char key[64];
            gk_schema_cell_key(t2, r, c, key, sizeof key);
            CHECK_MSG(gk_t2_check(key, "1", &err) == GK_OK, "%s: %s", key, err.msg);
        }
}

int main(int argc, char **argv)
{
    cal = t_calendar(argc > 1 ? argv[1] : ".");
    test_keys();
    test_fields();
    test_order();
    test_state();
    test_correction();
    test_fee_pause();
    test_cases();
    test_t2();
    gk_calendar_free(cal);
    return t_report();
}
