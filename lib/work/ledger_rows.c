/*
 * ledger_rows.c — each row of the sheet (ledger_int.h): the first row with a receipt-date and an
 * applicant-type heading is the heading row and says which column holds which field; each later
 * row is parsed field by field (ledger_values.c) and checked with the rules of work.h exactly as
 * the import will write it, becoming a record or problems with its line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/norm.h"
#include "ledger_int.h"

#define HEADING_SCAN_ROWS 20 /* rows looked at for the heading row */

/* ---- the columns ---- */

#define VARIANTS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Each field's key heading and its Chinese headings, the preferred first: when a ledger has
 * two columns for one field (申请日期 and 收到日期), the earlier heading here is used. */
static const struct heading {
    const char *key, *zh;
    const char *const *variants;
} headings[F_COUNT] = {
    {"received", "收到日期",
     VARIANTS("收到日期", "收到申请日期", "收到时间", "收件日期", "申请日期", "申请时间",
              "受理日期", "登记日期")},
    {"applicant_type", "申请人类型",
     VARIANTS("申请人类型", "申请人类别", "申请主体类型", "申请人性质", "申请主体", "主体类型")},
    {"outcome", "办理结果",
     VARIANTS("办理结果", "答复结果", "处理结果", "答复类型", "办理结果类型", "答复情况",
              "办理情况")},
    {"closed", "办结日期",
     VARIANTS("办结日期", "答复日期", "办结时间", "答复时间", "回复日期", "结案日期",
              "办理完成日期")},
    {"applicant_name", "申请人",
     VARIANTS("申请人", "申请人姓名", "申请人名称", "申请人姓名或名称", "姓名或名称", "姓名")},
    {"applicant_contact", "联系方式",
     VARIANTS("联系方式", "联系电话", "联系地址", "通讯地址", "申请人联系方式")},
    {"request", "申请内容",
     VARIANTS("申请内容", "申请公开内容", "申请公开的内容", "申请公开的信息", "申请公开的政府信息",
              "所需信息", "所需政府信息", "所需信息的内容描述", "申请事项")},
    {"channel", "申请方式", VARIANTS("申请方式", "提交方式", "申请渠道", "收到方式", "申请途径")},
    {"note", "备注", VARIANTS("备注", "说明")},
    {"correction_notice", "补正告知日期", VARIANTS("补正告知日期", "补正通知日期", "告知补正日期")},
    {"corrected", "收到补正日期", VARIANTS("收到补正日期", "补正日期", "补正后收到日期")},
    {"fee_notice", "收费通知日期", VARIANTS("收费通知日期", "缴费通知日期")},
};

void ledger_reader_init(reader *r)
{
    for (int f = 0; f < F_COUNT; f++) {
        r->col[f] = -1;
        r->heading[f] = headings[f].zh;
    }
}

/* ---- the heading row ---- */

/* The field a heading names (its matching form without a bracketed or starred remark:
 * "收到日期（必填）", "*申请人类型"), or -1; *rank is its place among the field's headings. */
static int field_of(reader *r, const char *heading, int *rank)
{
    char *m = ledger_match_form(r, heading);
    char *br = strchr(m, '(');
    if (br && br != m)
        *br = '\0';
    size_t n = strlen(m);
    while (n > 0 && strchr("*:", m[n - 1]))
        m[--n] = '\0';
    while (*m == '*')
        m++;
    for (char *p = m; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    for (int f = 0; f < F_COUNT; f++) {
        if (strcmp(m, headings[f].key) == 0)
            return *rank = 0, f;
        for (int i = 0; headings[f].variants[i]; i++)
            if (strcmp(m, headings[f].variants[i]) == 0)
                return *rank = i + 1, f;
    }
    return -1;
}

static void ignore_heading(reader *r, const char *h)
{
    gk_ledger *L = r->L;
    if (!*h)
        return;
    if (L->nignored == L->capignored) {
        L->capignored = L->capignored ? L->capignored * 2 : 8;
        L->ignored = ledger_realloc(L->ignored, L->capignored, sizeof *L->ignored);
    }
    L->ignored[L->nignored++] = arena_strdup(&L->mem, h);
}

static int is_heading_row(reader *r, const cell *c, size_t n)
{
    int rank, has_received = 0, has_type = 0;
    for (size_t i = 0; i < n; i++) {
        int f = field_of(r, c[i].s, &rank);
        has_received |= f == F_RECEIVED;
        has_type |= f == F_TYPE;
    }
    return has_received && has_type;
}

static void take_headings(reader *r, int line, const cell *c, size_t n)
{
    int rank[F_COUNT] = {0};
    for (size_t i = 0; i < n; i++) {
        int k, f = field_of(r, c[i].s, &k);
        if (f >= 0 && (r->col[f] < 0 || k < rank[f])) {
            if (r->col[f] >= 0)
                ignore_heading(r, r->heading[f]);
            r->col[f] = (int)i;
            rank[f] = k;
            r->heading[f] = arena_strdup(&r->L->mem, c[i].s);
        } else {
            ignore_heading(r, c[i].s);
        }
    }
    r->header_done = 1;
    r->L->heading_line = line;
    r->L->headings = rank[F_RECEIVED] == 0 ? "keys" : "zh";
    if ((r->col[F_OUTCOME] < 0) != (r->col[F_CLOSED] < 0))
        ledger_problem(
            r, line, "有“%s”列而没有“%s”列：办结的申请需要两者 / a %s column needs a %s column too",
            r->col[F_OUTCOME] < 0 ? r->heading[F_CLOSED] : r->heading[F_OUTCOME],
            headings[r->col[F_OUTCOME] < 0 ? F_OUTCOME : F_CLOSED].zh,
            r->col[F_OUTCOME] < 0 ? "closed" : "outcome",
            r->col[F_OUTCOME] < 0 ? "outcome" : "closed");
}

/* ---- a record ---- */

/* The trimmed text of a field's cell ("" if the ledger has no such column), in the scratch
 * arena; *num set for a number cell. */
static const char *field(reader *r, const cell *c, size_t n, int f, int *num)
{
    int i = r->col[f];
    if (num)
        *num = 0;
    if (i < 0 || (size_t)i >= n)
        return "";
    size_t len = strlen(c[i].s);
    const char *s = trim_space(c[i].s, &len);
    if (num)
        *num = c[i].num;
    return arena_strndup(&r->tmp, s, len);
}

/* A date field; GK_DATE_NONE if empty, and a problem if it is not a date. */
static gk_date date_field(reader *r, int line, const cell *c, size_t n, int f)
{
    cell v;
    char buf[SHOWN_MAX + 4];
    v.s = field(r, c, n, f, &v.num);
    gk_date d = GK_DATE_NONE;
    if (*v.s && ledger_parse_date(r, &v, &d) < 0)
        ledger_problem(
            r, line,
            "%s“%s”不是有效日期（应为存在的日期，如 2024-03-05）/ %s '%s' is not a valid date",
            r->heading[f], ledger_shown(v.s, buf), headings[f].key, ledger_shown(v.s, buf));
    return d;
}

/* A text field copied into the ledger, line breaks and tabs made spaces unless multiline; a
 * problem if longer than cap bytes. */
static const char *text_field(reader *r, int line, const cell *c, size_t n, int f, size_t cap,
                              int multiline)
{
    const char *s = field(r, c, n, f, NULL);
    if (strlen(s) > cap) {
        ledger_problem(r, line, "%s 超过 %zu 字节 / %s is longer than %zu bytes", r->heading[f],
                       cap, headings[f].key, cap);
        return "";
    }
    char *copy = arena_strdup(&r->L->mem, s);
    for (char *p = copy; !multiline && *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    return copy;
}

static void applicant_field(reader *r, int line, const cell *c, size_t n, gk_ledger_row *row)
{
    char buf[SHOWN_MAX + 4];
    const char *s = field(r, c, n, F_TYPE, NULL);
    if (!*s) {
        ledger_problem(r, line, "缺少%s / no applicant_type", r->heading[F_TYPE]);
        return;
    }
    row->applicant_type = ledger_parse_applicant(r, s);
    if (!row->applicant_type)
        ledger_problem(
            r, line,
            "%s“%s”未知：应为 自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他 "
            "之一 / unknown applicant_type '%s': np, biz, research, ngo, legal or other_org",
            r->heading[F_TYPE], ledger_shown(s, buf), ledger_shown(s, buf));
}

static void outcome_field(reader *r, int line, const cell *c, size_t n, gk_ledger_row *row)
{
    char buf[SHOWN_MAX + 4];
    const char *s = field(r, c, n, F_OUTCOME, NULL), *key = NULL;
    if (!*s)
        return;
    int rc = ledger_parse_outcome(r, s, &key, &row->closed_by);
    const char *h = r->heading[F_OUTCOME];
    if (rc == OUT_OK)
        row->outcome = key;
    else if (rc == OUT_GROUP)
        ledger_problem(
            r, line,
            "%s“%s”须写明具体情形（如“不予公开—保护第三方合法权益”）/ outcome '%s' needs "
            "its row, e.g. refuse.third_party (docs/ledger.md)",
            h, ledger_shown(s, buf), ledger_shown(s, buf));
    else if (rc == OUT_AMBIGUOUS)
        ledger_problem(r, line, "%s“%s”含有多个办理结果 / outcome '%s' names more than one T3 row",
                       h, ledger_shown(s, buf), ledger_shown(s, buf));
    else
        ledger_problem(
            r, line,
            "%s“%s”未知：应为年报表三的办理结果（予以公开、部分公开、不予公开—属于国家秘密 "
            "…）或其键 / unknown outcome '%s': a T3 outcome row key (grant, partial, "
            "refuse.third_party …) or its label",
            h, ledger_shown(s, buf), ledger_shown(s, buf));
}

static void channel_field(reader *r, int line, const cell *c, size_t n, gk_ledger_row *row)
{
    char buf[SHOWN_MAX + 4];
    const char *s = field(r, c, n, F_CHANNEL, NULL);
    row->channel = GK_CHANNEL_OTHER;
    if (*s && ledger_parse_channel(r, s, &row->channel) < 0)
        ledger_problem(
            r, line,
            "%s“%s”未知：应为 当面、邮寄、传真、互联网在线、电子邮件、其他 之一 / unknown "
            "channel '%s': in_person, post, fax, online, email or other",
            r->heading[F_CHANNEL], ledger_shown(s, buf), ledger_shown(s, buf));
}

/* The text fields; an open row's note goes into its request (it has no event to carry it). */
static void text_fields(reader *r, int line, const cell *c, size_t n, gk_ledger_row *row)
{
    row->applicant_name = text_field(r, line, c, n, F_NAME, GK_NAME_MAX, 0);
    row->applicant_contact = text_field(r, line, c, n, F_CONTACT, GK_CONTACT_MAX, 0);
    row->request = text_field(r, line, c, n, F_REQUEST, GK_REQUEST_MAX, 1);
    row->note = text_field(r, line, c, n, F_NOTE, GK_NOTE_MAX - NOTE_ROOM, 1);
    if (!*row->applicant_name)
        row->applicant_name = GK_LEDGER_NOT_RECORDED;
    if (!*row->request)
        row->request = GK_LEDGER_NOT_RECORDED;
}

/* Checks the row with the store's rules, as gk_store_app_add and gk_store_event_add will. */
static void check_rules(reader *r, const gk_ledger_row *row)
{
    gk_error err = {GK_OK, ""};
    gk_ledger_row_application(row, 1, &r->app);
    if (row->outcome == NULL && *row->note &&
        strlen(row->request) + strlen(row->note) + 16 > GK_REQUEST_MAX) {
        ledger_problem(r, row->line,
                       "申请内容加备注超过 %d 字节 / request and note are longer than %d "
                       "bytes",
                       GK_REQUEST_MAX, GK_REQUEST_MAX);
        return;
    }
    if (gk_app_check(&r->app, r->today, &err) != GK_OK) {
        ledger_problem(r, row->line, "%s", err.msg);
        return;
    }
    size_t n = gk_ledger_row_events(row, r->ev);
    if (gk_event_log_check(&r->app, r->ev, n, r->today, &err) != GK_OK)
        ledger_problem(r, row->line, "%s", err.msg);
}

static void take_record(reader *r, int line, const cell *c, size_t n)
{
    gk_ledger_row row;
    memset(&row, 0, sizeof row);
    row.line = line;
    row.closed_by = GK_EV_REPLY;
    size_t before = r->L->total;
    row.received = date_field(r, line, c, n, F_RECEIVED);
    if (row.received == GK_DATE_NONE && !*field(r, c, n, F_RECEIVED, NULL))
        ledger_problem(r, line, "缺少%s / no received date", r->heading[F_RECEIVED]);
    applicant_field(r, line, c, n, &row);
    outcome_field(r, line, c, n, &row);
    row.closed = date_field(r, line, c, n, F_CLOSED);
    int has_closed = *field(r, c, n, F_CLOSED, NULL) != '\0';
    if (row.outcome && !has_closed)
        ledger_problem(r, line, "有办理结果而没有办结日期 / an outcome without a closed date");
    if (!*field(r, c, n, F_OUTCOME, NULL) && has_closed)
        ledger_problem(r, line, "有办结日期而没有办理结果 / a closed date without an outcome");
    channel_field(r, line, c, n, &row);
    row.correction_notice = date_field(r, line, c, n, F_NOTICE);
    row.corrected = date_field(r, line, c, n, F_CORRECTED);
    row.fee_notice = date_field(r, line, c, n, F_FEE);
    text_fields(r, line, c, n, &row);
    if (r->L->total != before)
        return;
    check_rules(r, &row);
    if (r->L->total != before)
        return;
    gk_ledger *L = r->L;
    if (L->nrows == L->caprows) {
        L->caprows = L->caprows ? L->caprows * 2 : 64;
        L->rows = ledger_realloc(L->rows, L->caprows, sizeof *L->rows);
    }
    L->rows[L->nrows++] = row;
}

static int blank_row(const cell *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(c[i].s);
        trim_space(c[i].s, &len);
        if (len)
            return 0;
    }
    return 1;
}

/* One row of the sheet, from either container: the heading row, a record, or skipped. */
static void take_sheet_row(reader *r, int line, const cell *c, size_t n)
{
    if (blank_row(c, n))
        return;
    if (r->header_done) {
        if (r->L->nrows + r->L->total >= GK_LEDGER_ROWS_MAX) {
            ledger_problem(r, line, "台账超过 %d 条记录 / the ledger has more than %d records",
                           GK_LEDGER_ROWS_MAX, GK_LEDGER_ROWS_MAX);
            r->stopped = 1;
            return;
        }
        take_record(r, line, c, n);
    } else if (is_heading_row(r, c, n)) {
        take_headings(r, line, c, n);
    } else {
        if (!r->first_line)
            r->first_line = line;
        if (++r->scanned == HEADING_SCAN_ROWS)
            r->stopped = 1;
    }
}

/* A row the sheet reader passed without its cells: the cap it is past. */
static void row_past_limit(reader *r, const sheet_row *row)
{
    if (row->limit == SHEET_TOO_WIDE)
        ledger_problem(r, row->line, "一行超过 %d 列 / more than %d columns", SHEET_COLS_MAX,
                       SHEET_COLS_MAX);
    else if (row->limit == SHEET_CELL_TOO_LONG)
        ledger_problem(r, row->line, "有单元格超过 %d 字节 / a cell is longer than %d bytes",
                       SHEET_CELL_MAX, SHEET_CELL_MAX);
    else
        ledger_problem(r, row->line,
                       "表格超过 %d 行，其后未读 / more than %d rows: the rest is not read",
                       SHEET_ROWS_MAX, SHEET_ROWS_MAX);
}

int ledger_take_row(void *ctx, const sheet_row *row)
{
    reader *r = ctx;
    arena_free(&r->tmp);
    arena_init(&r->tmp);
    if (row->limit != SHEET_WITHIN)
        row_past_limit(r, row);
    else
        take_sheet_row(r, row->line, row->cells, row->n);
    return r->stopped;
}
