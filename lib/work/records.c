/*
 * records.c — the rules of the case records (work.h): text fields and their caps, the keys
 * taken from the schema (applicant types, outcomes), the order of an application's events
 * (gk_event_check), its state on a day with the deadline from the engine (gk_app_state_get),
 * cases and the T2 figures. Pure functions: the store calls them inside its transactions.
 */
#include "../core/fail.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include <gongkai/schema.h>
#include <gongkai/work.h>

#define fail(err, ...) gk_fail(err, GK_ERR_INVALID_ARG, __VA_ARGS__)

/* 1 if s is a decimal >= 0: digits without a leading zero (or "0"), at most maxint of them,
 * then optionally '.' and 1..maxfrac digits (none if maxfrac is 0). */
static int decimal_ok(const char *s, size_t maxint, size_t maxfrac)
{
    size_t n = strspn(s, "0123456789");
    if (n < 1 || n > maxint || (n > 1 && s[0] == '0'))
        return 0;
    if (s[n] == '\0')
        return 1;
    size_t frac = s[n] == '.' ? strspn(s + n + 1, "0123456789") : 0;
    return frac >= 1 && frac <= maxfrac && s[n + 1 + frac] == '\0';
}

/* Puts prefix before err->msg, cutting the message at a character boundary to fit. */
static void prefix_msg(gk_error *err, const char *prefix)
{
    char msg[sizeof err->msg];
    size_t p = strlen(prefix), n = strlen(err->msg);
    if (p >= sizeof msg)
        return;
    if (p + n >= sizeof msg) {
        n = sizeof msg - 1 - p;
        while (n > 0 && ((unsigned char)err->msg[n] & 0xc0) == 0x80)
            n--; /* err->msg[n] would start the cut: keep whole characters */
    }
    memcpy(msg, prefix, p);
    memcpy(msg + p, err->msg, n);
    msg[p + n] = '\0';
    memcpy(err->msg, msg, sizeof msg);
}

/* ---- text fields ---- */

/* 1 if s[0..len) is valid UTF-8 without control characters (tab, CR, LF allowed if multiline). */
static int text_ok(const char *s, size_t len, int multiline)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)len;
    while (left > 0) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &c);
        if (n <= 0)
            return 0;
        int ctl = c < 0x20 || (c >= 0x7f && c < 0xa0);
        if (ctl && !(multiline && (c == '\t' || c == '\n' || c == '\r')))
            return 0;
        p += n;
        left -= n;
    }
    return 1;
}

gk_status gk_field_check(const char *s, size_t size, const char *field, int multiline,
                         gk_error *err)
{
    const char *nul = memchr(s, '\0', size);
    if (!nul)
        return fail(err, "%s 超过 %zu 字节 / %s is longer than %zu bytes", field, size - 1, field,
                    size - 1);
    if (!text_ok(s, (size_t)(nul - s), multiline))
        return fail(err,
                    "%s 含有无效的 UTF-8 或控制字符 / %s has invalid UTF-8 or control characters",
                    field, field);
    return GK_OK;
}

gk_status gk_field_set(char *dst, size_t size, const char *src, const char *field, int multiline,
                       gk_error *err)
{
    if (!src)
        src = "";
    size_t n = strlen(src);
    if (n >= size)
        return fail(err, "%s 超过 %zu 字节 / %s is longer than %zu bytes", field, size - 1, field,
                    size - 1);
    if (!text_ok(src, n, multiline))
        return fail(err,
                    "%s 含有无效的 UTF-8 或控制字符 / %s has invalid UTF-8 or control characters",
                    field, field);
    memcpy(dst, src, n + 1);
    return GK_OK;
}

#define CHECK_FIELD(st, obj, member, name, multi)                                                  \
    do {                                                                                           \
        if ((st) == GK_OK)                                                                         \
            (st) = gk_field_check((obj)->member, sizeof(obj)->member, name, multi, err);           \
    } while (0)

/* ---- keys ---- */

static const char *const channel_keys[] = {"in_person", "post", "fax", "online", "email", "other"};
static const char *const channel_labels[] = {"当面",       "邮寄",     "传真",
                                             "互联网在线", "电子邮件", "其他"};

const char *gk_channel_key(gk_channel c)
{
    return (unsigned)c < GK_CHANNEL_COUNT ? channel_keys[c] : "";
}

const char *gk_channel_label(gk_channel c)
{
    return (unsigned)c < GK_CHANNEL_COUNT ? channel_labels[c] : "";
}

/* Finds s among keys (or labels, if not NULL) of n entries: its index or -1. */
static int find_key(const char *s, const char *const *keys, const char *const *labels, int n)
{
    for (int i = 0; s && i < n; i++)
        if (strcmp(s, keys[i]) == 0 || (labels && strcmp(s, labels[i]) == 0))
            return i;
    return -1;
}

int gk_channel_parse(const char *s, gk_channel *out)
{
    int i = find_key(s, channel_keys, channel_labels, GK_CHANNEL_COUNT);
    if (i < 0)
        return -1;
    *out = (gk_channel)i;
    return 0;
}

static const gk_table_def *t3(void)
{
    return gk_schema_table(GK_T3, GK_FORMAT_2021);
}

/* The T3 applicant column of key, or NULL (the 总计 column is no applicant type). */
static const gk_col_def *applicant_col(const char *key)
{
    const gk_table_def *t = t3();
    for (int c = 0; key && c < gk_schema_ncols(t, 0); c++) {
        const gk_col_def *col = gk_schema_col(t, 0, c);
        if (!col->is_total && strcmp(col->key, key) == 0)
            return col;
    }
    return NULL;
}

int gk_applicant_type_valid(const char *key)
{
    return applicant_col(key) != NULL;
}

const char *gk_applicant_type_label(const char *key)
{
    const gk_col_def *col = applicant_col(key);
    return col ? col->labels[0] : NULL;
}

/* The T3 row of outcome key (without "t3."), or NULL for unknown keys and non-outcome rows. */
static const gk_row_def *outcome_row(const char *key)
{
    static const char *const not_outcomes[] = {"new", "carry_in", "total_processed", "carry_out"};
    char full[GK_KEY_MAX + 8];
    if (!key || strlen(key) > GK_KEY_MAX || find_key(key, not_outcomes, NULL, 4) >= 0)
        return NULL;
    snprintf(full, sizeof full, "t3.%s", key);
    const gk_table_def *t = t3();
    int r = gk_schema_find_row(t, full);
    return r < 0 ? NULL : &t->rows[r];
}

int gk_outcome_valid(const char *key)
{
    return outcome_row(key) != NULL;
}

const char *gk_outcome_label(const char *key)
{
    const gk_row_def *row = outcome_row(key);
    return row ? row->labels[0] : NULL;
}

static const char *const event_keys[] = {"correction_notice", "corrected",  "consult_start",
                                         "consult_end",       "extension",  "fee_notice",
                                         "fee_paid",          "withdrawal", "reply"};
static const char *const event_labels[] = {"补正告知",     "收到补正",     "征求意见",
                                           "征求意见结束", "延长答复期限", "收费通知",
                                           "缴纳费用",     "撤回申请",     "答复"};

const char *gk_event_kind_key(gk_event_kind k)
{
    return (unsigned)k < GK_EV_KIND_COUNT ? event_keys[k] : "";
}

const char *gk_event_kind_label(gk_event_kind k)
{
    return (unsigned)k < GK_EV_KIND_COUNT ? event_labels[k] : "";
}

int gk_event_kind_parse(const char *s, gk_event_kind *out)
{
    int i = find_key(s, event_keys, event_labels, GK_EV_KIND_COUNT);
    if (i < 0)
        return -1;
    *out = (gk_event_kind)i;
    return 0;
}

static const char *const consult_keys[] = {"", "third_party", "agency"};
static const char *const consult_labels[] = {"", "第三方", "其他机关"};

const char *gk_consult_kind_key(gk_consult_kind k)
{
    return (unsigned)k <= GK_CONSULT_AGENCY ? consult_keys[k] : "";
}

int gk_consult_kind_parse(const char *s, gk_consult_kind *out)
{
    int i = find_key(s, consult_keys + 1, consult_labels + 1, 2);
    if (i < 0)
        return -1;
    *out = (gk_consult_kind)(i + 1);
    return 0;
}

static const char *const case_kind_keys[] = {"review", "lit_direct", "lit_after_review"};
static const char *const case_kind_labels[] = {"行政复议", "未经复议直接起诉", "复议后起诉"};
static const char *const result_keys[] = {"pending", "upheld", "corrected", "other"};
static const char *const result_labels[] = {"尚未审结", "结果维持", "结果纠正", "其他结果"};

const char *gk_case_kind_key(gk_case_kind k)
{
    return (unsigned)k < GK_CASE_KIND_COUNT ? case_kind_keys[k] : "";
}

int gk_case_kind_parse(const char *s, gk_case_kind *out)
{
    int i = find_key(s, case_kind_keys, case_kind_labels, GK_CASE_KIND_COUNT);
    if (i < 0)
        return -1;
    *out = (gk_case_kind)i;
    return 0;
}

const char *gk_case_result_key(gk_case_result r)
{
    return (unsigned)r < GK_RESULT_COUNT ? result_keys[r] : "";
}

int gk_case_result_parse(const char *s, gk_case_result *out)
{
    int i = find_key(s, result_keys, result_labels, GK_RESULT_COUNT);
    if (i < 0)
        return -1;
    *out = (gk_case_result)i;
    return 0;
}

static const char *const role_keys[] = {"clerk", "approver", "admin"};
static const char *const role_labels[] = {"经办人", "审批人", "管理员"};

const char *gk_role_key(gk_role r)
{
    return (unsigned)r < GK_ROLE_COUNT ? role_keys[r] : "";
}

int gk_role_parse(const char *s, gk_role *out)
{
    int i = find_key(s, role_keys, role_labels, GK_ROLE_COUNT);
    if (i < 0)
        return -1;
    *out = (gk_role)i;
    return 0;
}

/* ---- dates ---- */

static int valid_date(gk_date d)
{
    return d != GK_DATE_NONE && d >= gk_date_from_ymd(1900, 1, 1) &&
           d <= gk_date_from_ymd(9999, 12, 31);
}

/* The date after today check: GK_OK, or the error naming `what`. */
static gk_status not_future(gk_date d, gk_date today, const char *what_zh, const char *what_en,
                            gk_error *err)
{
    char a[11], b[11];
    if (today != GK_DATE_NONE && d > today)
        return fail(err, "%s %s 晚于今天 %s / the %s is in the future", what_zh,
                    gk_date_format(d, a), gk_date_format(today, b), what_en);
    return GK_OK;
}

/* ---- applications ---- */

gk_status gk_app_check(const gk_application *app, gk_date today, gk_error *err)
{
    gk_status st = GK_OK;
    CHECK_FIELD(st, app, applicant_type, "applicant_type", 0);
    CHECK_FIELD(st, app, applicant_name, "applicant_name", 0);
    CHECK_FIELD(st, app, applicant_contact, "applicant_contact", 1);
    CHECK_FIELD(st, app, request, "request", 1);
    if (st != GK_OK)
        return st;
    if (!valid_date(app->received))
        return fail(err, "收到申请的日期无效 / the receipt date is invalid");
    if ((unsigned)app->channel >= GK_CHANNEL_COUNT)
        return fail(err, "未知的申请渠道 / unknown channel");
    if (!gk_applicant_type_valid(app->applicant_type))
        return fail(err,
                    "未知的申请人类型“%s” / unknown applicant type (np, biz, research, ngo, "
                    "legal, other_org)",
                    app->applicant_type);
    if (!app->applicant_name[0])
        return fail(err, "缺少申请人姓名或名称 / the applicant's name is missing");
    if (!app->request[0])
        return fail(err, "缺少所需信息的描述 / the description of the information is missing");
    return not_future(app->received, today, "收到申请的日期", "receipt date", err);
}

/* ---- the event log ---- */

/* What a log says so far: the facts the next event is checked against. */
typedef struct scan {
    gk_date last; /* the last event's date, or the receipt date */
    int nevents;
    int closed;
    gk_date closed_date;
    gk_event_kind closed_by;
    const char *outcome;
    gk_date notice, corrected;
    int consult;     /* index in pauses of the open consultation, or -1 */
    int fee;         /* index in pauses of the unpaid fee notice, or -1 */
    int fee_notices; /* fee notices sent */
    int ext_total;
    int nexts;
    int exts[GK_EXTENSION_MAX];
    size_t npauses;
    gk_pause pauses[GK_PAUSES_MAX];
} scan;

static void scan_init(scan *s, const gk_application *app)
{
    memset(s, 0, sizeof *s);
    s->last = app->received;
    s->closed_date = GK_DATE_NONE;
    s->notice = s->corrected = GK_DATE_NONE;
    s->consult = s->fee = -1;
}

static void scan_apply(scan *s, const gk_event *ev)
{
    s->last = ev->date;
    s->nevents++;
    switch (ev->kind) {
    case GK_EV_CORRECTION_NOTICE:
        s->notice = ev->date;
        break;
    case GK_EV_CORRECTED:
        s->corrected = ev->date;
        break;
    case GK_EV_CONSULT_START:
    case GK_EV_FEE_NOTICE:
        if (s->npauses < GK_PAUSES_MAX) {
            if (ev->kind == GK_EV_CONSULT_START) {
                s->consult = (int)s->npauses;
            } else {
                s->fee = (int)s->npauses;
                s->fee_notices++;
            }
            s->pauses[s->npauses++] = (gk_pause){ev->date, GK_DATE_NONE};
        }
        break;
    case GK_EV_CONSULT_END:
    case GK_EV_FEE_PAID: {
        int *open = ev->kind == GK_EV_CONSULT_END ? &s->consult : &s->fee;
        if (*open >= 0)
            s->pauses[*open].end = ev->date;
        *open = -1;
        break;
    }
    case GK_EV_EXTENSION:
        if (s->nexts < GK_EXTENSION_MAX)
            s->exts[s->nexts++] = ev->days;
        s->ext_total += ev->days;
        break;
    case GK_EV_WITHDRAWAL:
    case GK_EV_REPLY:
        s->closed = 1;
        s->closed_date = ev->date;
        s->closed_by = ev->kind;
        s->outcome = ev->kind == GK_EV_REPLY ? ev->outcome : GK_OUTCOME_WITHDRAWN;
        break;
    case GK_EV_KIND_COUNT:
        break;
    }
}

/* The fields of an event, whatever the log: kind, date, text, what belongs to the kind. */
static gk_status check_fields(const gk_event *ev, gk_date today, gk_error *err)
{
    gk_status st = GK_OK;
    CHECK_FIELD(st, ev, party, "party", 0);
    CHECK_FIELD(st, ev, approver, "approver", 0);
    CHECK_FIELD(st, ev, outcome, "outcome", 0);
    CHECK_FIELD(st, ev, amount, "amount", 0);
    CHECK_FIELD(st, ev, note, "note", 1);
    if (st != GK_OK)
        return st;
    if ((unsigned)ev->kind >= GK_EV_KIND_COUNT)
        return fail(err, "未知的事件类型 / unknown event kind");
    if (!valid_date(ev->date))
        return fail(err, "事件日期无效 / the event date is invalid");
    if (ev->kind != GK_EV_EXTENSION && ev->days != 0)
        return fail(err, "只有延长答复期限才有天数 / only an extension has days");
    if (ev->kind != GK_EV_REPLY && ev->outcome[0])
        return fail(err, "只有答复才有办理结果 / only a reply has an outcome");
    if (ev->kind == GK_EV_CONSULT_START && ev->consult != GK_CONSULT_THIRD_PARTY &&
        ev->consult != GK_CONSULT_AGENCY)
        return fail(err, "征求意见须注明征求第三方还是其他机关 / a consultation must say whether "
                         "it asks a third party or another agency");
    if (ev->kind != GK_EV_CONSULT_START && ev->consult != GK_CONSULT_NONE)
        return fail(err, "只有征求意见才有征求对象类型 / only a consultation has a consulted kind");
    if (ev->amount[0] && ev->kind != GK_EV_FEE_NOTICE && ev->kind != GK_EV_FEE_PAID)
        return fail(err, "只有收费通知和缴费才有金额 / only a fee notice or payment has an amount");
    if (ev->amount[0] && !decimal_ok(ev->amount, 14, 2))
        return fail(err, "金额“%s”无效 / the amount is not a decimal >= 0", ev->amount);
    return not_future(ev->date, today, "事件日期", "event date", err);
}

static gk_status check_extension(const scan *s, const gk_event *ev, gk_error *err)
{
    if (ev->days < 1 || ev->days > GK_EXTENSION_MAX)
        return fail(err,
                    "延长期限 %d 无效：应为 1 至 %d 个工作日 / an extension of %d is invalid: 1 "
                    "to %d working days (第三十三条)",
                    ev->days, GK_EXTENSION_MAX, ev->days, GK_EXTENSION_MAX);
    if (s->ext_total + ev->days > GK_EXTENSION_MAX)
        return fail(err,
                    "延长期限合计 %d 个工作日，超过 %d（第三十三条）/ extensions would total %d "
                    "working days, more than %d",
                    s->ext_total + ev->days, GK_EXTENSION_MAX, s->ext_total + ev->days,
                    GK_EXTENSION_MAX);
    if (!ev->approver[0])
        return fail(err, "延长答复期限须经批准，缺少批准人（第三十三条）/ an extension needs its "
                         "approver (Art. 33)");
    return GK_OK;
}

static gk_status check_reply(const scan *s, const gk_event *ev, gk_error *err)
{
    char a[11];
    if (!gk_outcome_valid(ev->outcome))
        return fail(err,
                    "未知的办理结果“%s” / unknown outcome (a T3 row key such as grant, "
                    "partial, refuse.third_party)",
                    ev->outcome);
    if (s->consult >= 0)
        return fail(err,
                    "%s 起的征求意见尚未结束，不能答复 / the consultation since %s has not "
                    "ended; record its end first",
                    gk_date_format(s->pauses[s->consult].start, a), a);
    if (strcmp(ev->outcome, "other.no_correction") == 0 &&
        (s->notice == GK_DATE_NONE || s->corrected != GK_DATE_NONE))
        return fail(err, "逾期不补正须有未获补正的补正告知 / other.no_correction needs a "
                         "correction notice that was not answered");
    if (strcmp(ev->outcome, "other.no_fee") == 0 && s->fee < 0)
        return fail(err,
                    "逾期未缴费须有未缴费的收费通知 / other.no_fee needs an unpaid fee notice");
    return GK_OK;
}

/* The rules of the order of events: ev against what the log says so far. */
static gk_status check_order(const scan *s, const gk_event *ev, gk_error *err)
{
    char a[11];
    const char *what = gk_event_kind_label(ev->kind);
    int awaiting = s->notice != GK_DATE_NONE && s->corrected == GK_DATE_NONE;
    switch (ev->kind) {
    case GK_EV_CORRECTION_NOTICE:
        if (s->notice != GK_DATE_NONE)
            return fail(err, "补正只能告知一次（第三十条）/ only one correction notice is allowed "
                             "(Art. 30)");
        if (s->nevents > 0)
            return fail(err, "补正告知须在其他办理步骤之前 / the correction notice must come "
                             "before any other step");
        return GK_OK;
    case GK_EV_CORRECTED:
        if (s->notice == GK_DATE_NONE)
            return fail(err, "没有补正告知，不能记录收到补正 / a corrected application without a "
                             "correction notice");
        if (s->corrected != GK_DATE_NONE)
            return fail(err,
                        "已于 %s 收到补正后的申请 / the corrected application was already "
                        "received on %s",
                        gk_date_format(s->corrected, a), a);
        return GK_OK;
    case GK_EV_WITHDRAWAL:
        return GK_OK;
    case GK_EV_REPLY:
        return check_reply(s, ev, err);
    default:
        break;
    }
    if (awaiting)
        return fail(err,
                    "等待补正期间不能记录“%s” / cannot record %s while the correction is "
                    "awaited",
                    what, gk_event_kind_key(ev->kind));
    switch (ev->kind) {
    case GK_EV_CONSULT_START:
        if (s->consult >= 0)
            return fail(err,
                        "%s 起的征求意见尚未结束 / a consultation is already in progress "
                        "(since %s)",
                        gk_date_format(s->pauses[s->consult].start, a), a);
        break;
    case GK_EV_CONSULT_END:
        if (s->consult < 0)
            return fail(err, "没有进行中的征求意见 / no consultation in progress to end");
        return GK_OK;
    case GK_EV_EXTENSION:
        return check_extension(s, ev, err);
    case GK_EV_FEE_NOTICE:
        if (s->fee_notices > 0)
            return fail(err, "已发出收费通知 / a fee notice was already sent");
        break;
    case GK_EV_FEE_PAID:
        if (s->fee < 0)
            return fail(err, "没有未缴费的收费通知，不能记录缴费 / fee paid without an unpaid fee "
                             "notice");
        return GK_OK;
    default:
        break;
    }
    if (s->npauses >= GK_PAUSES_MAX)
        return fail(err, "暂停超过 %d 次 / more than %d pauses", GK_PAUSES_MAX, GK_PAUSES_MAX);
    return GK_OK;
}

static gk_status check_next(const gk_application *app, const scan *s, const gk_event *ev,
                            gk_date today, gk_error *err)
{
    char a[11], b[11];
    gk_status st = check_fields(ev, today, err);
    if (st != GK_OK)
        return st;
    if (s->closed)
        return fail(err,
                    "申请已于 %s %s，不能再记录事件 / the application was closed on %s; no "
                    "further events",
                    gk_date_format(s->closed_date, a), gk_event_kind_label(s->closed_by), a);
    if (ev->date < app->received)
        return fail(err,
                    "事件日期 %s 早于收到申请的日期 %s / the event date is before the "
                    "receipt date",
                    gk_date_format(ev->date, a), gk_date_format(app->received, b));
    if (ev->date < s->last)
        return fail(err,
                    "事件日期 %s 早于上一事件的日期 %s / the event date is before the "
                    "previous event's",
                    gk_date_format(ev->date, a), gk_date_format(s->last, b));
    return check_order(s, ev, err);
}

static gk_status scan_log(const gk_application *app, const gk_event *log, size_t n, gk_date today,
                          int check, scan *s, gk_error *err)
{
    scan_init(s, app);
    for (size_t i = 0; i < n; i++) {
        if (check) {
            gk_status st = check_next(app, s, &log[i], today, err);
            if (st != GK_OK) {
                if (err) {
                    char prefix[96];
                    snprintf(prefix, sizeof prefix, "第 %zu 个事件 / event %zu: ", i + 1, i + 1);
                    prefix_msg(err, prefix);
                }
                return st;
            }
        }
        scan_apply(s, &log[i]);
    }
    return GK_OK;
}

gk_status gk_event_check(const gk_application *app, const gk_event *log, size_t n,
                         const gk_event *ev, gk_date today, gk_error *err)
{
    scan s;
    scan_log(app, log, n, today, 0, &s, NULL);
    return check_next(app, &s, ev, today, err);
}

gk_status gk_event_log_check(const gk_application *app, const gk_event *log, size_t n,
                             gk_date today, gk_error *err)
{
    scan s;
    return scan_log(app, log, n, today, 1, &s, err);
}

/* ---- the state of an application ---- */

static int cmp_pause(const void *a, const void *b)
{
    gk_date x = ((const gk_pause *)a)->start, y = ((const gk_pause *)b)->start;
    return (x > y) - (x < y);
}

/* Sorts the pauses and merges the overlapping ones (an open pause absorbs all after it);
 * returns how many are left. */
static size_t merge_pauses(gk_pause *p, size_t n)
{
    if (n == 0)
        return 0;
    qsort(p, n, sizeof *p, cmp_pause);
    size_t k = 0;
    for (size_t i = 1; i < n; i++) {
        gk_pause *cur = &p[k];
        if (cur->end == GK_DATE_NONE)
            continue;
        if (p[i].start <= cur->end) {
            if (p[i].end == GK_DATE_NONE || p[i].end > cur->end)
                cur->end = p[i].end;
        } else {
            p[++k] = p[i];
        }
    }
    return k + 1;
}

static void fill_deadline(const gk_calendar *cal, const gk_deadline *dl, gk_date today,
                          gk_app_state *out)
{
    out->deadline = dl->state;
    out->start = dl->start;
    out->due = dl->state == GK_DEADLINE_DUE ? dl->due : GK_DATE_NONE;
    out->late_notice = (dl->flags & GK_DEADLINE_LATE_NOTICE) != 0;
    out->unconfirmed = (dl->flags & GK_DEADLINE_UNCONFIRMED) != 0;
    out->first_unconfirmed = dl->first_unconfirmed;
    gk_date ref = out->closed ? out->closed_date : today;
    if (out->due == GK_DATE_NONE || ref == GK_DATE_NONE)
        return;
    out->days_left = gk_working_days_between(cal, ref, out->due, NULL);
    if (out->closed) {
        out->replied_late = out->closed_date > out->due;
    } else {
        out->overdue = today > out->due;
        out->due_soon = !out->overdue && out->days_left <= GK_DUE_SOON_DAYS;
    }
}

gk_status gk_app_state_get(const gk_calendar *cal, const gk_application *app, const gk_event *log,
                           size_t n, gk_date today, gk_app_state *out, gk_error *err)
{
    memset(out, 0, sizeof *out);
    out->closed_date = out->start = out->due = out->first_unconfirmed = GK_DATE_NONE;
    out->deadline = GK_DEADLINE_DUE;
    size_t upto = 0; /* the events up to today */
    while (upto < n && (today == GK_DATE_NONE || log[upto].date <= today))
        upto++;
    scan s;
    gk_status st = scan_log(app, log, upto, GK_DATE_NONE, 1, &s, err);
    if (st != GK_OK)
        return st;
    out->closed = s.closed;
    out->closed_date = s.closed_date;
    out->closed_by = s.closed_by;
    if (s.closed)
        snprintf(out->outcome, sizeof out->outcome, "%s", s.outcome);
    out->awaiting_correction = s.notice != GK_DATE_NONE && s.corrected == GK_DATE_NONE;
    out->consulting = !s.closed && s.consult >= 0;
    out->fee_pending = !s.closed && s.fee >= 0;
    out->paused = out->consulting || out->fee_pending;
    out->extension_days = s.ext_total;
    for (size_t i = 0; s.closed && i < s.npauses; i++)
        if (s.pauses[i].end == GK_DATE_NONE)
            s.pauses[i].end = s.closed_date;
    gk_deadline_events ev = {app->received,
                             s.notice,
                             s.corrected,
                             s.exts,
                             (size_t)s.nexts,
                             s.pauses,
                             merge_pauses(s.pauses, s.npauses)};
    gk_deadline dl;
    st = gk_deadline_compute(cal, &ev, &dl, err);
    if (st == GK_OK)
        fill_deadline(cal, &dl, today, out);
    gk_deadline_free(&dl);
    return st;
}

/* ---- cases ---- */

gk_status gk_case_check(const gk_application *app, const gk_case *c, gk_date today, gk_error *err)
{
    char a[11], b[11];
    gk_status st = GK_OK;
    CHECK_FIELD(st, c, ref, "ref", 0);
    CHECK_FIELD(st, c, note, "note", 1);
    if (st != GK_OK)
        return st;
    if ((unsigned)c->kind >= GK_CASE_KIND_COUNT)
        return fail(err, "未知的案件类型 / unknown case kind (review, lit_direct, "
                         "lit_after_review)");
    if ((unsigned)c->result >= GK_RESULT_COUNT)
        return fail(err, "未知的审理结果 / unknown case result (upheld, corrected, other, "
                         "pending)");
    if (!valid_date(c->filed))
        return fail(err, "立案日期无效 / the filing date is invalid");
    if (c->filed < app->received)
        return fail(err,
                    "立案日期 %s 早于收到申请的日期 %s / the case is filed before the "
                    "application was received",
                    gk_date_format(c->filed, a), gk_date_format(app->received, b));
    st = not_future(c->filed, today, "立案日期", "filing date", err);
    if (st != GK_OK)
        return st;
    if (c->result == GK_RESULT_PENDING) {
        if (c->decided != GK_DATE_NONE)
            return fail(err, "尚未审结的案件不能有审结日期 / a pending case has no decided date");
        return GK_OK;
    }
    if (!valid_date(c->decided))
        return fail(err, "已审结的案件须有有效的审结日期 / a decided case needs a valid decided "
                         "date");
    if (c->decided < c->filed)
        return fail(err, "审结日期 %s 早于立案日期 %s / the case is decided before it was filed",
                    gk_date_format(c->decided, a), gk_date_format(c->filed, b));
    return not_future(c->decided, today, "审结日期", "decided date", err);
}

/* ---- T2 figures ---- */

gk_status gk_t2_check(const char *key, const char *value, gk_error *err)
{
    const gk_table_def *t = gk_schema_table(GK_T2, GK_FORMAT_2021);
    int row, col;
    if (!key || strlen(key) > GK_KEY_MAX || gk_schema_find_cell(t, key, &row, &col) != 0)
        return fail(err, "未知的第二十条数据项“%.64s” / unknown T2 cell key", key ? key : "(null)");
    if (gk_schema_col(t, row, col)->kind == GK_KIND_MONEY) {
        if (value && decimal_ok(value, 14, 4))
            return GK_OK;
        return fail(err,
                    "%s 的值“%.32s”应为非负数，最多 4 位小数（1 元）/ %s must be a decimal "
                    ">= 0 with at most 4 decimals",
                    key, value ? value : "", key);
    }
    if (value && decimal_ok(value, 18, 0))
        return GK_OK;
    return fail(err, "%s 的值“%.32s”应为非负整数 / %s must be an integer >= 0", key,
                value ? value : "", key);
}
