/*
 * case.c — `gongkai case`: an agency's disclosure requests (依申请公开) worked from the command
 * line, over the store (store.h) with the rules of work.h and the deadline engine.
 *
 *   gongkai case agency add NAME | agency list
 *   gongkai case new --received DATE --applicant-type T --name NAME --request TEXT
 *                    [--contact TEXT] [--channel CH] [--agency NAME]
 *   gongkai case event ID --kind KIND --date DATE [--days N --approver NAME] [--outcome KEY]
 *                    [--consult third_party|agency --party NAME] [--amount YUAN] [--note TEXT]
 *   gongkai case close ID --outcome KEY --date DATE [--note TEXT]
 *   gongkai case show ID [--as-of DATE]
 *   gongkai case list [--open] [--overdue] [--due-soon] [--as-of DATE] [--format text|csv]
 *   gongkai case import FILE [--agency NAME] [--dry-run]
 *   gongkai case review add APP --kind K --filed DATE [--result R --decided DATE] [--ref REF]
 *   gongkai case review update CASE [--kind K] [--filed DATE] [--result R] [--decided DATE] …
 *   gongkai case review list [--year Y]
 *   gongkai case t2 --year Y [KEY=VALUE]…
 *   gongkai case year-close YEAR
 *
 * Every command takes --db URL (default $GONGKAI_DB) and --actor NAME (default $USER, for the
 * audit log); --agency NAME where the store holds several agencies; every write --reason TEXT
 * (a change to a closed year is an amendment and needs one); commands that print due dates
 * --calendar FILE. ID is an application's number or its tracking code. Errors are printed in
 * Chinese and English and exit 2; nothing is written then (the store checks every write in
 * one transaction; an import is one batch). Docs: docs/ledger.md, README.
 */
#include <getopt.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <gongkai/deadline.h>
#include <gongkai/ledger.h>
#include <gongkai/queue.h>
#include <gongkai/schema.h>
#include <gongkai/store.h>

#include "calendar_path.h"
#include "store_cli.h"

/* ---- options ---- */

enum opt {
    O_DB,
    O_ACTOR,
    O_AGENCY,
    O_REASON,
    O_CALENDAR,
    O_AS_OF,
    O_RECEIVED,
    O_TYPE,
    O_NAME,
    O_CONTACT,
    O_REQUEST,
    O_CHANNEL,
    O_KIND,
    O_DATE,
    O_DAYS,
    O_APPROVER,
    O_OUTCOME,
    O_CONSULT,
    O_PARTY,
    O_AMOUNT,
    O_NOTE,
    O_FILED,
    O_RESULT,
    O_DECIDED,
    O_REF,
    O_YEAR,
    O_OPEN,
    O_OVERDUE,
    O_DUE_SOON,
    O_DRY_RUN,
    O_FORMAT,
    O_HELP,
    O_COUNT
};

#define OPT_BASE 1000
#define BIT(o)   (UINT64_C(1) << (o))
#define COMMON   (BIT(O_DB) | BIT(O_ACTOR) | BIT(O_HELP))
#define WRITE    (COMMON | BIT(O_REASON))

static const struct option longopts[] = {
    {"db", required_argument, NULL, OPT_BASE + O_DB},
    {"actor", required_argument, NULL, OPT_BASE + O_ACTOR},
    {"agency", required_argument, NULL, OPT_BASE + O_AGENCY},
    {"reason", required_argument, NULL, OPT_BASE + O_REASON},
    {"calendar", required_argument, NULL, OPT_BASE + O_CALENDAR},
    {"as-of", required_argument, NULL, OPT_BASE + O_AS_OF},
    {"received", required_argument, NULL, OPT_BASE + O_RECEIVED},
    {"applicant-type", required_argument, NULL, OPT_BASE + O_TYPE},
    {"name", required_argument, NULL, OPT_BASE + O_NAME},
    {"contact", required_argument, NULL, OPT_BASE + O_CONTACT},
    {"request", required_argument, NULL, OPT_BASE + O_REQUEST},
    {"channel", required_argument, NULL, OPT_BASE + O_CHANNEL},
    {"kind", required_argument, NULL, OPT_BASE + O_KIND},
    {"date", required_argument, NULL, OPT_BASE + O_DATE},
    {"days", required_argument, NULL, OPT_BASE + O_DAYS},
    {"approver", required_argument, NULL, OPT_BASE + O_APPROVER},
    {"outcome", required_argument, NULL, OPT_BASE + O_OUTCOME},
    {"consult", required_argument, NULL, OPT_BASE + O_CONSULT},
    {"party", required_argument, NULL, OPT_BASE + O_PARTY},
    {"amount", required_argument, NULL, OPT_BASE + O_AMOUNT},
    {"note", required_argument, NULL, OPT_BASE + O_NOTE},
    {"filed", required_argument, NULL, OPT_BASE + O_FILED},
    {"result", required_argument, NULL, OPT_BASE + O_RESULT},
    {"decided", required_argument, NULL, OPT_BASE + O_DECIDED},
    {"ref", required_argument, NULL, OPT_BASE + O_REF},
    {"year", required_argument, NULL, OPT_BASE + O_YEAR},
    {"open", no_argument, NULL, OPT_BASE + O_OPEN},
    {"overdue", no_argument, NULL, OPT_BASE + O_OVERDUE},
    {"due-soon", no_argument, NULL, OPT_BASE + O_DUE_SOON},
    {"dry-run", no_argument, NULL, OPT_BASE + O_DRY_RUN},
    {"format", required_argument, NULL, OPT_BASE + O_FORMAT},
    {"help", no_argument, NULL, OPT_BASE + O_HELP},
    {NULL, 0, NULL, 0},
};

/* One run of a subcommand: its options, arguments, store and calendar. */
typedef struct ctx {
    const char *cmd; /* "case new" … */
    const char *val[O_COUNT];
    char **args;
    int nargs;
    gk_store *s;
    gk_who who;
    gk_calendar *cal;
    int cal_failed;
} ctx;

__attribute__((format(printf, 2, 3))) static int fail(const ctx *c, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "gongkai %s: ", c->cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return EXIT_UNREADABLE;
}

/* ---- values ---- */

static int date_opt(const ctx *c, int o, const char *name, gk_date *out)
{
    if (gk_date_parse(c->val[o], out) == 0)
        return 0;
    fail(c,
         "%s“%s”不是有效日期，应为存在的 YYYY-MM-DD / %s '%s' is not a valid date "
         "(an existing YYYY-MM-DD)",
         name, c->val[o], name, c->val[o]);
    return -1;
}

static int need(const ctx *c, int o, const char *name)
{
    if (c->val[o])
        return 0;
    fail(c, "需要 %s / %s is required", name, name);
    return -1;
}

static const gk_table_def *t3(void)
{
    return gk_schema_table(GK_T3, GK_FORMAT_2021);
}

/* An applicant type given as key or label: the key, or NULL. */
static const char *applicant_key(const char *s)
{
    const gk_block_def *b = &t3()->blocks[0];
    for (int i = 0; i < b->ncols; i++)
        if (!b->cols[i].is_total &&
            (strcmp(s, b->cols[i].key) == 0 || strcmp(s, b->cols[i].labels[0]) == 0))
            return b->cols[i].key;
    return NULL;
}

/* An outcome given as key (with or without "t3.") or label: the key, or NULL. */
static const char *outcome_key(const char *s)
{
    const gk_table_def *t = t3();
    if (strncmp(s, "t3.", 3) == 0)
        s += 3;
    for (int i = 0; i < t->nrows; i++) {
        const char *k = t->rows[i].key + 3;
        if (gk_outcome_valid(k) && (strcmp(s, k) == 0 || strcmp(s, gk_outcome_label(k)) == 0))
            return k;
    }
    return NULL;
}

/* The application named by an argument: its number or its tracking code (a code may be all
 * digits: one of GK_TRACKING_LEN digits is looked up as a code when no number matches). */
static int find_app(ctx *c, const char *arg, gk_application *app)
{
    gk_error err = {GK_OK, ""};
    int found = 0;
    char *end;
    long long id = strtoll(arg, &end, 10);
    gk_status st = GK_OK;
    if (*arg && !*end)
        st = gk_store_app_get(c->s, id, app, &found, &err);
    if (st == GK_OK && !found && (*end || strlen(arg) == GK_TRACKING_LEN))
        st = gk_store_app_by_tracking(c->s, arg, app, &found, &err);
    if (st != GK_OK)
        return fail(c, "%s", err.msg), -1;
    if (!found)
        return fail(c, "没有申请“%s” / no application '%s'", arg, arg), -1;
    return 0;
}

/* The calendar, loaded once; NULL (said once) if it cannot be. */
static gk_calendar *calendar(ctx *c)
{
    if (!c->cal && !c->cal_failed) {
        c->cal = cli_calendar_open(c->cmd, c->val[O_CALENDAR]);
        c->cal_failed = !c->cal;
    }
    return c->cal;
}

/* The log of an application up to and including `upto` (GK_DATE_NONE: all of it). */
static int load_log(ctx *c, int64_t id, gk_date upto, gk_event **log, size_t *n)
{
    gk_error err = {GK_OK, ""};
    if (gk_store_event_list(c->s, id, log, n, &err) != GK_OK)
        return fail(c, "%s", err.msg), -1;
    while (upto != GK_DATE_NONE && *n > 0 && (*log)[*n - 1].date > upto)
        (*n)--;
    return 0;
}

/* ---- the state of an application, in words ---- */

static void state_text(const gk_app_state *st, char *buf, size_t size)
{
    char due[11], closed[11];
    gk_date_format(st->due, due);
    int left = st->days_left;
    size_t n = 0;
    if (st->closed) {
        const char *o = st->closed_by == GK_EV_WITHDRAWAL ? "withdrawal" : st->outcome;
        const char *lab = st->closed_by == GK_EV_WITHDRAWAL ? gk_event_kind_label(GK_EV_WITHDRAWAL)
                                                            : gk_outcome_label(st->outcome);
        n = (size_t)snprintf(buf, size, "已办结 %s：%s / closed %s: %s",
                             gk_date_format(st->closed_date, closed), lab ? lab : "", closed, o);
        if (st->replied_late)
            n += (size_t)snprintf(buf + n, size - n, "；逾期答复（期限 %s）/ replied late (due %s)",
                                  due, due);
    } else if (st->deadline == GK_DEADLINE_AWAITING) {
        n = (size_t)snprintf(buf, size,
                             "待补正：尚无答复期限 / awaiting the corrected application: no due "
                             "date yet");
    } else if (st->deadline == GK_DEADLINE_PAUSED) {
        n = (size_t)snprintf(
            buf, size,
            "暂停（征求意见或待缴费）：尚无答复期限 / paused (consultation or fee): "
            "no due date yet");
    } else if (st->overdue) {
        n = (size_t)snprintf(buf, size,
                             "已逾期 %d 个工作日（期限 %s）/ overdue by %d working days (due %s)",
                             -left, due, -left, due);
    } else {
        n = (size_t)snprintf(buf, size,
                             "%s：还剩 %d 个工作日（期限 %s）/ %s: %d working days left "
                             "(due %s)",
                             st->due_soon ? "即将到期" : "办理中", left, due,
                             st->due_soon ? "due soon" : "open", left, due);
    }
    if (st->late_notice && n < size)
        n += (size_t)snprintf(buf + n, size - n,
                              "；补正告知晚于第 7 个工作日（第三十条）/ late correction notice");
    if (st->unconfirmed && n < size)
        snprintf(buf + n, size - n,
                 "；期限未经确认：节假日安排通知未发布 / unconfirmed: no published holiday notice");
}

/* Computes the state on `today`; -1 (said) if it cannot be. */
static int app_state(ctx *c, const gk_application *app, const gk_event *log, size_t n,
                     gk_date today, gk_app_state *st)
{
    gk_calendar *cal = calendar(c);
    gk_error err = {GK_OK, ""};
    if (!cal)
        return -1;
    if (gk_app_state_get(cal, app, log, n, today, st, &err) != GK_OK)
        return fail(c, "申请 %lld：%s", (long long)app->id, err.msg), -1;
    return 0;
}

/* Prints the state line of an application after a write (a missing calendar is only said). */
static void print_state(ctx *c, const gk_application *app)
{
    gk_event *log = NULL;
    size_t n = 0;
    gk_app_state st;
    char text[600];
    if (load_log(c, app->id, GK_DATE_NONE, &log, &n) == 0 &&
        app_state(c, app, log, n, gk_date_today(), &st) == 0) {
        state_text(&st, text, sizeof text);
        printf("状态 state: %s\n", text);
    }
    free(log);
}

/* ---- agency ---- */

static int print_agency(void *p, const gk_agency *a)
{
    (void)p;
    printf("%lld\t%s\n", (long long)a->id, a->name);
    return 0;
}

static int run_agency(ctx *c)
{
    gk_error err = {GK_OK, ""};
    if (strcmp(c->args[0], "list") == 0 && c->nargs == 1)
        return gk_store_agency_list(c->s, print_agency, NULL, &err) == GK_OK
                   ? EXIT_CLEAN
                   : fail(c, "%s", err.msg);
    if (strcmp(c->args[0], "add") != 0 || c->nargs != 2)
        return fail(c, "用法 usage: gongkai case agency add NAME | agency list");
    int64_t id;
    if (gk_store_agency_add(c->s, &c->who, c->args[1], &id, &err) != GK_OK)
        return fail(c, "%s", err.msg);
    printf("机关 agency %lld: %s\n", (long long)id, c->args[1]);
    return EXIT_CLEAN;
}

/* ---- new ---- */

static int new_fields(ctx *c, gk_application *app)
{
    gk_error err = {GK_OK, ""};
    if (need(c, O_RECEIVED, "--received") < 0 || need(c, O_TYPE, "--applicant-type") < 0 ||
        need(c, O_NAME, "--name") < 0 || need(c, O_REQUEST, "--request") < 0 ||
        date_opt(c, O_RECEIVED, "--received", &app->received) < 0)
        return -1;
    const char *type = applicant_key(c->val[O_TYPE]);
    if (!type)
        return fail(
                   c,
                   "申请人类型“%s”未知：应为 np 自然人、biz 商业企业、research 科研机构、ngo "
                   "社会公益组织、legal 法律服务机构、other_org 其他 / unknown applicant type '%s'",
                   c->val[O_TYPE], c->val[O_TYPE]),
               -1;
    snprintf(app->applicant_type, sizeof app->applicant_type, "%s", type);
    app->channel = GK_CHANNEL_OTHER;
    if (c->val[O_CHANNEL] && gk_channel_parse(c->val[O_CHANNEL], &app->channel) < 0)
        return fail(
                   c,
                   "申请方式“%s”未知：应为 in_person 当面、post 邮寄、fax 传真、online 互联网在线、"
                   "email 电子邮件、other 其他 / unknown channel '%s'",
                   c->val[O_CHANNEL], c->val[O_CHANNEL]),
               -1;
    if (gk_field_set(app->applicant_name, sizeof app->applicant_name, c->val[O_NAME], "--name", 0,
                     &err) != GK_OK ||
        gk_field_set(app->applicant_contact, sizeof app->applicant_contact, c->val[O_CONTACT],
                     "--contact", 0, &err) != GK_OK ||
        gk_field_set(app->request, sizeof app->request, c->val[O_REQUEST], "--request", 1, &err) !=
            GK_OK)
        return fail(c, "%s", err.msg), -1;
    return 0;
}

static int run_new(ctx *c)
{
    gk_agency ag;
    gk_application *app = calloc(1, sizeof *app);
    gk_error err = {GK_OK, ""};
    int rc = EXIT_UNREADABLE;
    if (!app)
        return fail(c, "内存不足 / out of memory");
    if (cli_agency(c->cmd, c->s, c->val[O_AGENCY], &ag) == 0 && new_fields(c, app) == 0) {
        app->agency_id = ag.id;
        if (gk_store_app_add(c->s, &c->who, app, &err) != GK_OK) {
            fail(c, "%s", err.msg);
        } else {
            printf("编号 id: %lld\n查询码 tracking: %s\n", (long long)app->id, app->tracking);
            print_state(c, app);
            rc = EXIT_CLEAN;
        }
    }
    free(app);
    return rc;
}

/* ---- event and close ---- */

static int event_days(ctx *c, gk_event *ev)
{
    char *end;
    long d = strtol(c->val[O_DAYS], &end, 10);
    if (!*c->val[O_DAYS] || *end || d < 1 || d > GK_EXTENSION_MAX)
        return fail(c,
                    "--days“%s”无效：延长期限为 1 至 20 个工作日（第三十三条）/ --days '%s': an "
                    "extension is 1 to 20 working days",
                    c->val[O_DAYS], c->val[O_DAYS]),
               -1;
    ev->days = (int)d;
    return 0;
}

static int event_text_fields(ctx *c, gk_event *ev)
{
    gk_error err = {GK_OK, ""};
    if (gk_field_set(ev->approver, sizeof ev->approver, c->val[O_APPROVER], "--approver", 0,
                     &err) != GK_OK ||
        gk_field_set(ev->party, sizeof ev->party, c->val[O_PARTY], "--party", 0, &err) != GK_OK ||
        gk_field_set(ev->amount, sizeof ev->amount, c->val[O_AMOUNT], "--amount", 0, &err) !=
            GK_OK ||
        gk_field_set(ev->note, sizeof ev->note, c->val[O_NOTE], "--note", 1, &err) != GK_OK)
        return fail(c, "%s", err.msg), -1;
    return 0;
}

/* The event of the options; the store checks it against the log (work.h). */
static int event_fields(ctx *c, gk_event *ev)
{
    if (need(c, O_KIND, "--kind") < 0 || need(c, O_DATE, "--date") < 0 ||
        date_opt(c, O_DATE, "--date", &ev->date) < 0)
        return -1;
    if (gk_event_kind_parse(c->val[O_KIND], &ev->kind) < 0)
        return fail(c,
                    "事件类型“%s”未知：应为 correction_notice 补正告知、corrected 收到补正、"
                    "consult_start 征求意见、consult_end 征求意见结束、extension 延长答复期限、"
                    "fee_notice 收费通知、fee_paid 缴纳费用、withdrawal 撤回申请、reply 答复 / "
                    "unknown event kind '%s'",
                    c->val[O_KIND], c->val[O_KIND]),
               -1;
    if (c->val[O_DAYS] && event_days(c, ev) < 0)
        return -1;
    if (c->val[O_OUTCOME]) {
        const char *k = outcome_key(c->val[O_OUTCOME]);
        if (!k)
            return fail(c,
                        "办理结果“%s”未知：应为年报表三的办理结果键（grant、partial、"
                        "refuse.third_party … 见 docs/ledger.md）/ unknown outcome '%s'",
                        c->val[O_OUTCOME], c->val[O_OUTCOME]),
                   -1;
        snprintf(ev->outcome, sizeof ev->outcome, "%s", k);
    }
    if (c->val[O_CONSULT] && gk_consult_kind_parse(c->val[O_CONSULT], &ev->consult) < 0)
        return fail(c, "--consult 应为 third_party 第三方 或 agency 其他机关 / --consult is "
                       "third_party or agency"),
               -1;
    return event_text_fields(c, ev);
}

static int add_event(ctx *c, gk_event *ev)
{
    gk_application *app = calloc(1, sizeof *app);
    gk_error err = {GK_OK, ""};
    int rc = EXIT_UNREADABLE;
    char date[11];
    if (!app)
        return fail(c, "内存不足 / out of memory");
    if (find_app(c, c->args[0], app) == 0) {
        ev->app_id = app->id;
        if (gk_store_event_add(c->s, &c->who, ev, &err) != GK_OK) {
            fail(c, "申请 %lld：%s", (long long)app->id, err.msg);
        } else {
            printf("申请 %lld 第 %d 项已记录 / recorded as step %d: %s %s %s\n", (long long)app->id,
                   ev->seq, ev->seq, gk_date_format(ev->date, date), gk_event_kind_label(ev->kind),
                   gk_event_kind_key(ev->kind));
            print_state(c, app);
            rc = EXIT_CLEAN;
        }
    }
    free(app);
    return rc;
}

static int run_event(ctx *c)
{
    gk_event *ev = calloc(1, sizeof *ev);
    int rc = !ev                        ? fail(c, "内存不足 / out of memory")
             : event_fields(c, ev) == 0 ? add_event(c, ev)
                                        : EXIT_UNREADABLE;
    free(ev);
    return rc;
}

static int run_close(ctx *c)
{
    if (need(c, O_OUTCOME, "--outcome") < 0 || need(c, O_DATE, "--date") < 0)
        return EXIT_UNREADABLE;
    c->val[O_KIND] = "reply";
    return run_event(c);
}

/* ---- show ---- */

static void event_details(const gk_event *e)
{
    if (e->kind == GK_EV_EXTENSION)
        printf(" %d 个工作日，审批人 %s / %d working days, approved by %s", e->days, e->approver,
               e->days, e->approver);
    if (e->kind == GK_EV_REPLY)
        printf("：%s (%s)", gk_outcome_label(e->outcome), e->outcome);
    if (e->kind == GK_EV_CONSULT_START)
        printf(" %s (%s)", e->party, gk_consult_kind_key(e->consult));
    if (e->amount[0])
        printf(" %s 元 yuan", e->amount);
    if (e->note[0])
        printf(" — %s", e->note);
    printf("  [%s %s]\n", e->actor, e->recorded_at);
}

static int print_case_line(void *p, const gk_case *k)
{
    char filed[11], decided[11];
    (void)p;
    printf("  案件 case %lld: %s %s, 收到 filed %s, 结果 result %s", (long long)k->id,
           gk_case_kind_key(k->kind), k->ref, gk_date_format(k->filed, filed),
           gk_case_result_key(k->result));
    if (k->result != GK_RESULT_PENDING)
        printf(" %s", gk_date_format(k->decided, decided));
    printf("%s%s\n", k->note[0] ? " — " : "", k->note);
    return 0;
}

static void print_app(const gk_application *a, const gk_agency *ag)
{
    char d[11];
    printf("申请 application %lld  查询码 tracking %s\n", (long long)a->id, a->tracking);
    printf("机关 agency: %s\n", ag->name);
    printf("收到 received: %s  方式 channel: %s (%s)\n", gk_date_format(a->received, d),
           gk_channel_label(a->channel), gk_channel_key(a->channel));
    printf("申请人 applicant: %s  类型 type: %s (%s)\n", a->applicant_name,
           gk_applicant_type_label(a->applicant_type), a->applicant_type);
    if (a->applicant_contact[0])
        printf("联系方式 contact: %s\n", a->applicant_contact);
    printf("申请内容 request: %s\n", a->request);
}

static int show(ctx *c, gk_application *app)
{
    gk_agency ag = {0, ""};
    gk_event *log = NULL;
    size_t n = 0;
    gk_date as_of = gk_date_today();
    gk_app_state st;
    gk_error err = {GK_OK, ""};
    int found = 0, rc = EXIT_UNREADABLE;
    char date[11], text[600];
    if ((c->val[O_AS_OF] && date_opt(c, O_AS_OF, "--as-of", &as_of) < 0) ||
        find_app(c, c->args[0], app) < 0)
        return EXIT_UNREADABLE;
    if (gk_store_agency_get(c->s, app->agency_id, &ag, &found, &err) != GK_OK)
        return fail(c, "%s", err.msg);
    if (load_log(c, app->id, as_of, &log, &n) == 0 && app_state(c, app, log, n, as_of, &st) == 0) {
        print_app(app, &ag);
        printf("办理记录 log:%s\n", n ? "" : " （无 none）");
        for (size_t i = 0; i < n; i++) {
            printf("  %d. %s %s %s", log[i].seq, gk_date_format(log[i].date, date),
                   gk_event_kind_label(log[i].kind), gk_event_kind_key(log[i].kind));
            event_details(&log[i]);
        }
        state_text(&st, text, sizeof text);
        printf("状态 state (%s): %s\n", gk_date_format(as_of, date), text);
        printf("复议诉讼 review and litigation:\n");
        rc = gk_store_case_list(c->s, 0, app->id, print_case_line, NULL, &err) == GK_OK
                 ? EXIT_CLEAN
                 : fail(c, "%s", err.msg);
    }
    free(log);
    return rc;
}

static int run_show(ctx *c)
{
    gk_application *app = calloc(1, sizeof *app);
    int rc = app ? show(c, app) : fail(c, "内存不足 / out of memory");
    free(app);
    return rc;
}

/* ---- list ---- */

static int wanted(const ctx *c, const gk_queue_item *it)
{
    if ((c->val[O_OVERDUE] || c->val[O_DUE_SOON]) &&
        !((c->val[O_OVERDUE] && it->st.overdue) || (c->val[O_DUE_SOON] && it->st.due_soon)))
        return 0;
    return 1;
}

static void print_item(const gk_queue_item *it, int csv)
{
    char rec[11], due[11], text[600];
    const char *type = applicant_key(it->applicant_type);
    gk_date_format(it->received, rec);
    gk_date_format(it->st.due, due);
    if (csv) {
        char closed[11];
        printf("%lld,%s,%lld,%s,%s,%s,%s,%d,%d,%d,%s,%s\n", (long long)it->id, it->tracking,
               (long long)it->agency_id, rec, type ? type : "", it->st.closed ? "closed" : "open",
               it->st.due == GK_DATE_NONE ? "" : due, it->st.days_left, it->st.overdue,
               it->st.due_soon, it->st.closed ? gk_date_format(it->st.closed_date, closed) : "",
               it->st.outcome);
        return;
    }
    state_text(&it->st, text, sizeof text);
    printf("%lld  %s  收到 %s  %s  %s\n", (long long)it->id, it->tracking, rec,
           type ? gk_applicant_type_label(type) : "", text);
}

static int run_list(ctx *c)
{
    gk_date as_of = GK_DATE_NONE;
    gk_agency ag = {0, ""};
    gk_error err = {GK_OK, ""};
    const char *fmt = c->val[O_FORMAT] ? c->val[O_FORMAT] : "text";
    int csv = strcmp(fmt, "csv") == 0;
    if (!csv && strcmp(fmt, "text") != 0)
        return fail(c, "--format 应为 text 或 csv / --format is text or csv");
    if ((c->val[O_AS_OF] && date_opt(c, O_AS_OF, "--as-of", &as_of) < 0) ||
        (c->val[O_AGENCY] && cli_agency(c->cmd, c->s, c->val[O_AGENCY], &ag) < 0) || !calendar(c))
        return EXIT_UNREADABLE;
    unsigned flags =
        (c->val[O_OPEN] ? GK_QUEUE_OPEN : 0) |
        (c->val[O_OPEN] || c->val[O_OVERDUE] || c->val[O_DUE_SOON] ? GK_QUEUE_BY_DUE : 0);
    gk_queue_item *v = NULL;
    size_t n = 0, shown = 0;
    if (gk_queue_get(c->s, calendar(c), ag.id, as_of, flags, SIZE_MAX, &v, &n, NULL, &err) != GK_OK)
        return fail(c, "%s", err.msg);
    if (csv)
        puts("id,tracking,agency_id,received,applicant_type,state,due,days_left,overdue,due_soon,"
             "closed,outcome");
    for (size_t i = 0; i < n; i++)
        if (wanted(c, &v[i]))
            print_item(&v[i], csv), shown++;
    if (!csv)
        printf("共 %zu 件 / %zu applications (%s)\n", shown, shown,
               gk_date_format(as_of == GK_DATE_NONE ? gk_date_today() : as_of, (char[11]){0}));
    free(v);
    return EXIT_CLEAN;
}

/* ---- import ---- */

static void print_problems(const char *path, const gk_ledger *l)
{
    size_t n = gk_ledger_problem_count(l);
    for (size_t i = 0; i < n && i < GK_LEDGER_PROBLEMS_MAX; i++) {
        const gk_ledger_problem *p = gk_ledger_problem_at(l, i);
        fprintf(stderr, "%s:%d: 错误 error: %s\n", path, p->line, p->msg);
    }
    if (n > GK_LEDGER_PROBLEMS_MAX)
        fprintf(stderr, "%s: 另有 %zu 处错误未列出 / %zu more errors not listed\n", path,
                n - GK_LEDGER_PROBLEMS_MAX, n - GK_LEDGER_PROBLEMS_MAX);
}

/* Writes the rows in one batch; 0, or -1 (said, with the row's line) and nothing written. */
static int import_rows(ctx *c, const char *path, const gk_ledger *l, int64_t agency_id,
                       size_t *closed)
{
    gk_application *app = calloc(1, sizeof *app);
    gk_event *ev = calloc(GK_LEDGER_EVENTS_MAX, sizeof *ev);
    gk_error err = {GK_OK, ""};
    int rc = app && ev ? 0 : -1;
    if (rc == 0 && gk_store_begin(c->s, &err) != GK_OK)
        rc = -1;
    for (size_t i = 0; i < gk_ledger_count(l) && rc == 0; i++) {
        const gk_ledger_row *r = gk_ledger_row_at(l, i);
        gk_ledger_row_application(r, agency_id, app);
        rc = gk_store_app_add(c->s, &c->who, app, &err) == GK_OK ? 0 : -1;
        size_t n = rc == 0 ? gk_ledger_row_events(r, ev) : 0;
        for (size_t k = 0; k < n && rc == 0; k++) {
            ev[k].app_id = app->id;
            rc = gk_store_event_add(c->s, &c->who, &ev[k], &err) == GK_OK ? 0 : -1;
        }
        *closed += r->outcome != NULL;
        if (rc < 0)
            fprintf(stderr, "%s:%d: 错误 error: %s\n", path, r->line, err.msg);
        err.msg[0] = '\0';
    }
    if (rc == 0 && gk_store_commit(c->s, &err) != GK_OK)
        rc = -1;
    if (rc < 0) {
        gk_store_rollback(c->s);
        if (err.msg[0])
            fail(c, "%s", err.msg);
    }
    free(app);
    free(ev);
    return rc;
}

static void print_ledger_summary(const char *path, const gk_ledger *l)
{
    const char *enc = gk_ledger_encoding(l);
    fprintf(stderr, "%s: %s%s%s, %s 表头 headings (第 %d 行 line %d)\n", path, gk_ledger_format(l),
            enc ? " " : "", enc ? enc : "", gk_ledger_headings(l), gk_ledger_heading_line(l),
            gk_ledger_heading_line(l));
    size_t n = gk_ledger_ignored_count(l);
    if (n == 0)
        return;
    fprintf(stderr, "%s: 未使用的列 columns not used:", path);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "%s %s", i ? "," : "", gk_ledger_ignored_at(l, i));
    fputc('\n', stderr);
}

static int run_import(ctx *c)
{
    const char *path = c->args[0];
    gk_ledger *l = NULL;
    gk_agency ag = {0, ""};
    gk_error err = {GK_OK, ""};
    if (!c->val[O_DRY_RUN] && cli_agency(c->cmd, c->s, c->val[O_AGENCY], &ag) < 0)
        return EXIT_UNREADABLE;
    if (gk_ledger_read_file(path, gk_date_today(), &l, &err) != GK_OK)
        return fail(c, "%s: %s", path, err.msg);
    print_ledger_summary(path, l);
    size_t problems = gk_ledger_problem_count(l), closed = 0, n = gk_ledger_count(l);
    int rc = EXIT_CLEAN;
    if (problems) {
        print_problems(path, l);
        rc = fail(c, "%zu 处错误，未导入任何记录 / %zu errors: nothing imported", problems,
                  problems);
    } else if (c->val[O_DRY_RUN]) {
        for (size_t i = 0; i < n; i++)
            closed += gk_ledger_row_at(l, i)->outcome != NULL;
        printf("检查通过：%zu 条记录（%zu 条已办结）可以导入 / %zu records (%zu closed) can be "
               "imported\n",
               n, closed, n, closed);
    } else if (import_rows(c, path, l, ag.id, &closed) < 0) {
        rc = fail(c, "未导入任何记录 / nothing imported");
    } else {
        printf("已导入 %zu 件申请（%zu 件已办结）到 %s / imported %zu applications (%zu closed) "
               "into %s\n",
               n, closed, ag.name, n, closed, ag.name);
    }
    gk_ledger_free(l);
    return rc;
}

/* ---- review and litigation ---- */

static int case_fields(ctx *c, gk_case *k)
{
    gk_error err = {GK_OK, ""};
    if (c->val[O_KIND] && gk_case_kind_parse(c->val[O_KIND], &k->kind) < 0)
        return fail(c, "--kind 应为 review 行政复议、lit_direct 未经复议直接起诉、lit_after_review "
                       "复议后起诉 / --kind is review, lit_direct or lit_after_review"),
               -1;
    if (c->val[O_RESULT] && gk_case_result_parse(c->val[O_RESULT], &k->result) < 0)
        return fail(c, "--result 应为 pending 尚未审结、upheld 结果维持、corrected 结果纠正、other "
                       "其他结果 / --result is pending, upheld, corrected or other"),
               -1;
    if ((c->val[O_FILED] && date_opt(c, O_FILED, "--filed", &k->filed) < 0) ||
        (c->val[O_DECIDED] && date_opt(c, O_DECIDED, "--decided", &k->decided) < 0))
        return -1;
    if (c->val[O_RESULT] && k->result == GK_RESULT_PENDING && !c->val[O_DECIDED])
        k->decided = GK_DATE_NONE;
    if ((c->val[O_REF] &&
         gk_field_set(k->ref, sizeof k->ref, c->val[O_REF], "--ref", 0, &err) != GK_OK) ||
        (c->val[O_NOTE] &&
         gk_field_set(k->note, sizeof k->note, c->val[O_NOTE], "--note", 1, &err) != GK_OK))
        return fail(c, "%s", err.msg), -1;
    return 0;
}

static int review_add(ctx *c, gk_case *k)
{
    gk_application *app = calloc(1, sizeof *app);
    gk_error err = {GK_OK, ""};
    int rc = EXIT_UNREADABLE;
    if (!app)
        return fail(c, "内存不足 / out of memory");
    k->decided = GK_DATE_NONE;
    k->result = GK_RESULT_PENDING;
    if (need(c, O_KIND, "--kind") == 0 && need(c, O_FILED, "--filed") == 0 &&
        find_app(c, c->args[1], app) == 0 && case_fields(c, k) == 0) {
        k->app_id = app->id;
        if (gk_store_case_add(c->s, &c->who, k, &err) != GK_OK)
            fail(c, "%s", err.msg);
        else
            rc = EXIT_CLEAN, printf("复议诉讼案件 case id: %lld\n", (long long)k->id);
    }
    free(app);
    return rc;
}

static int review_update(ctx *c, gk_case *k)
{
    gk_error err = {GK_OK, ""};
    int found = 0;
    char *end;
    long long id = strtoll(c->args[1], &end, 10);
    if (!*c->args[1] || *end)
        return fail(c, "案件编号“%s”无效 / invalid case id '%s'", c->args[1], c->args[1]);
    if (gk_store_case_get(c->s, id, k, &found, &err) != GK_OK)
        return fail(c, "%s", err.msg);
    if (!found)
        return fail(c, "没有案件 %lld / no case %lld", id, id);
    if (case_fields(c, k) < 0)
        return EXIT_UNREADABLE;
    if (gk_store_case_update(c->s, &c->who, k, &err) != GK_OK)
        return fail(c, "%s", err.msg);
    printf("复议诉讼案件 case %lld 已更新 / updated\n", id);
    return EXIT_CLEAN;
}

typedef struct case_filter {
    int year;
} case_filter;

static int print_case_of_year(void *p, const gk_case *k)
{
    const case_filter *f = p;
    int y;
    gk_date_ymd(k->filed, &y, NULL, NULL);
    if (!f->year || f->year == y) {
        printf("申请 app %lld ", (long long)k->app_id);
        print_case_line(NULL, k);
    }
    return 0;
}

static int review_list(ctx *c)
{
    case_filter f = {0};
    gk_agency ag = {0, ""};
    gk_error err = {GK_OK, ""};
    if ((c->val[O_YEAR] && cli_year(c->cmd, c->val[O_YEAR], &f.year) < 0) ||
        (c->val[O_AGENCY] && cli_agency(c->cmd, c->s, c->val[O_AGENCY], &ag) < 0))
        return EXIT_UNREADABLE;
    if (gk_store_case_list(c->s, ag.id, 0, print_case_of_year, &f, &err) != GK_OK)
        return fail(c, "%s", err.msg);
    return EXIT_CLEAN;
}

static int run_review(ctx *c)
{
    const char *verb = c->args[0];
    int list = strcmp(verb, "list") == 0;
    if (!(list && c->nargs == 1) &&
        !((strcmp(verb, "add") == 0 || strcmp(verb, "update") == 0) && c->nargs == 2))
        return fail(c, "用法 usage: gongkai case review add APP | update CASE | list");
    if (list)
        return review_list(c);
    gk_case *k = calloc(1, sizeof *k);
    int rc = !k                         ? fail(c, "内存不足 / out of memory")
             : strcmp(verb, "add") == 0 ? review_add(c, k)
                                        : review_update(c, k);
    free(k);
    return rc;
}

/* ---- T2 figures and closing a year ---- */

static void print_t2(const gk_t2_figure *figs, size_t n)
{
    const gk_table_def *t = gk_schema_table(GK_T2, GK_FORMAT_2021);
    char key[64];
    for (int r = 0; r < t->nrows; r++)
        for (int col = 0; col < gk_schema_ncols(t, r); col++) {
            gk_schema_cell_key(t, r, col, key, sizeof key);
            const char *v = NULL;
            for (size_t i = 0; i < n; i++)
                if (strcmp(figs[i].key, key) == 0)
                    v = figs[i].value;
            printf("%-26s %s %s  %s\n", key, t->rows[r].labels[0],
                   gk_schema_col(t, r, col)->labels[0], v ? v : "未录入 not entered");
        }
}

/* Sets the KEY=VALUE arguments in one batch (an empty VALUE removes the figure). */
static int t2_set(ctx *c, const gk_agency *ag, int year)
{
    gk_error err = {GK_OK, ""};
    int rc = gk_store_begin(c->s, &err) == GK_OK ? 0 : -1;
    for (int i = 0; i < c->nargs && rc == 0; i++) {
        char key[GK_KEY_MAX + 8];
        const char *eq = strchr(c->args[i], '=');
        if (!eq || eq == c->args[i] || (size_t)(eq - c->args[i]) > GK_KEY_MAX) {
            snprintf(err.msg, sizeof err.msg, "参数“%s”应为 KEY=VALUE / '%s' is not KEY=VALUE",
                     c->args[i], c->args[i]);
            rc = -1;
            break;
        }
        snprintf(key, sizeof key, "%s%.*s", strncmp(c->args[i], "t2.", 3) ? "t2." : "",
                 (int)(eq - c->args[i]), c->args[i]);
        rc = gk_store_t2_set(c->s, &c->who, ag->id, year, key, eq[1] ? eq + 1 : NULL, &err) == GK_OK
                 ? 0
                 : -1;
    }
    if (rc == 0 && gk_store_commit(c->s, &err) != GK_OK)
        rc = -1;
    if (rc < 0) {
        gk_store_rollback(c->s);
        fail(c, "%s；未保存任何数据 / nothing saved", err.msg);
    }
    return rc;
}

static int run_t2(ctx *c)
{
    gk_agency ag;
    int year;
    gk_t2_figure *figs = NULL;
    size_t n = 0;
    gk_error err = {GK_OK, ""};
    if (need(c, O_YEAR, "--year") < 0 || cli_year(c->cmd, c->val[O_YEAR], &year) < 0 ||
        cli_agency(c->cmd, c->s, c->val[O_AGENCY], &ag) < 0 ||
        (c->nargs && t2_set(c, &ag, year) < 0))
        return EXIT_UNREADABLE;
    if (gk_store_t2_get(c->s, ag.id, year, &figs, &n, &err) != GK_OK)
        return fail(c, "%s", err.msg);
    printf("%s %d 年第二十条数据 / section 20 figures:\n", ag.name, year);
    print_t2(figs, n);
    free(figs);
    return EXIT_CLEAN;
}

static int run_year_close(ctx *c)
{
    gk_agency ag;
    int year;
    gk_error err = {GK_OK, ""};
    if (cli_year(c->cmd, c->args[0], &year) < 0 ||
        cli_agency(c->cmd, c->s, c->val[O_AGENCY], &ag) < 0)
        return EXIT_UNREADABLE;
    if (gk_store_year_close(c->s, &c->who, ag.id, year, &err) != GK_OK)
        return fail(c, "%s", err.msg);
    printf("%s %d 年度已关闭：此后的修改须作为更正并说明理由（--reason）/ year %d closed: later "
           "changes are amendments and need --reason\n",
           ag.name, year, year);
    return EXIT_CLEAN;
}

/* ---- dispatch ---- */

typedef struct sub {
    const char *name;
    int (*run)(ctx *c);
    uint64_t allowed;
    int min_args, max_args;
} sub;

static const sub subs[] = {
    {"agency", run_agency, WRITE, 1, 2},
    {"new", run_new,
     WRITE | BIT(O_AGENCY) | BIT(O_CALENDAR) | BIT(O_RECEIVED) | BIT(O_TYPE) | BIT(O_NAME) |
         BIT(O_CONTACT) | BIT(O_REQUEST) | BIT(O_CHANNEL),
     0, 0},
    {"event", run_event,
     WRITE | BIT(O_CALENDAR) | BIT(O_KIND) | BIT(O_DATE) | BIT(O_DAYS) | BIT(O_APPROVER) |
         BIT(O_OUTCOME) | BIT(O_CONSULT) | BIT(O_PARTY) | BIT(O_AMOUNT) | BIT(O_NOTE),
     1, 1},
    {"close", run_close, WRITE | BIT(O_CALENDAR) | BIT(O_OUTCOME) | BIT(O_DATE) | BIT(O_NOTE), 1,
     1},
    {"show", run_show, COMMON | BIT(O_CALENDAR) | BIT(O_AS_OF), 1, 1},
    {"list", run_list,
     COMMON | BIT(O_AGENCY) | BIT(O_CALENDAR) | BIT(O_AS_OF) | BIT(O_OPEN) | BIT(O_OVERDUE) |
         BIT(O_DUE_SOON) | BIT(O_FORMAT),
     0, 0},
    {"import", run_import, WRITE | BIT(O_AGENCY) | BIT(O_DRY_RUN), 1, 1},
    {"review", run_review,
     WRITE | BIT(O_AGENCY) | BIT(O_KIND) | BIT(O_FILED) | BIT(O_RESULT) | BIT(O_DECIDED) |
         BIT(O_REF) | BIT(O_NOTE) | BIT(O_YEAR),
     1, 2},
    {"t2", run_t2, WRITE | BIT(O_AGENCY) | BIT(O_YEAR), 0, 64},
    {"year-close", run_year_close, WRITE | BIT(O_AGENCY), 1, 1},
};

static void usage(FILE *out)
{
    fputs(
        "用法 usage: gongkai case SUBCOMMAND [--db URL] [--actor NAME] …\n"
        "  agency add NAME | agency list                      机关 agencies\n"
        "  new --received DATE --applicant-type T --name NAME --request TEXT\n"
        "      [--contact TEXT] [--channel CH] [--agency NAME]  登记申请 record an application\n"
        "  event ID --kind KIND --date DATE [--days N --approver NAME] [--outcome KEY]\n"
        "      [--consult third_party|agency --party NAME] [--amount YUAN] [--note TEXT]\n"
        "                                                     办理事件 record a step\n"
        "  close ID --outcome KEY --date DATE [--note TEXT]   答复办结 reply and close\n"
        "  show ID [--as-of DATE]                             记录与期限 log and due date\n"
        "  list [--open] [--overdue] [--due-soon] [--as-of DATE] [--format text|csv]\n"
        "                                                     待办 the queue\n"
        "  import FILE [--agency NAME] [--dry-run]            导入台账 import a ledger (CSV, "
        "XLSX)\n"
        "  review add APP --kind K --filed DATE [--result R --decided DATE] [--ref REF]\n"
        "  review update CASE [--kind K] [--filed D] [--result R] [--decided D] [--ref] [--note]\n"
        "  review list [--year Y]                             行政复议、行政诉讼 review, "
        "litigation\n"
        "  t2 --year Y [KEY=VALUE]…                           第二十条数据 section 20 figures\n"
        "  year-close YEAR                                    关闭年度 lock a year's figures\n"
        "ID: 申请编号或查询码 application number or tracking code. DATE: YYYY-MM-DD.\n"
        "--db URL: sqlite:PATH 或 postgresql://…（默认 $GONGKAI_DB）; --actor NAME: 审计日志中的\n"
        "操作人 the audit log's user (default $USER); --reason TEXT: 已关闭年度的更正理由\n"
        "the amendment reason a change to a closed year needs. Docs: docs/ledger.md.\n"
        "Exit: 0 done, 2 error (nothing written).\n",
        out);
}

/* Parses the options after the subcommand; 0, or -1 (said). */
static int parse(ctx *c, const sub *sc, int argc, char **argv)
{
    int o;
    optind = 1;
    while ((o = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (o < OPT_BASE || o >= OPT_BASE + O_COUNT)
            return fail(c, "用法见 usage: gongkai case --help"), -1;
        o -= OPT_BASE;
        if (!(sc->allowed & BIT(o)))
            return fail(c, "选项 --%s 不适用于此命令 / option --%s does not apply here",
                        longopts[o].name, longopts[o].name),
                   -1;
        c->val[o] = optarg ? optarg : "";
    }
    c->args = argv + optind;
    c->nargs = argc - optind;
    if (!c->val[O_HELP] && (c->nargs < sc->min_args || c->nargs > sc->max_args))
        return fail(c, "参数个数不对，用法见 gongkai case --help / wrong number of arguments: see "
                       "gongkai case --help"),
               -1;
    return 0;
}

int cmd_case(int argc, char **argv)
{
    const sub *sc = NULL;
    for (size_t i = 0; argc >= 2 && i < sizeof subs / sizeof subs[0]; i++)
        if (strcmp(argv[1], subs[i].name) == 0)
            sc = &subs[i];
    int help = argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0);
    if (!sc) {
        if (!help)
            fprintf(stderr, "gongkai case: %s%s / unknown subcommand\n",
                    argc >= 2 ? "未知的子命令 " : "缺少子命令", argc >= 2 ? argv[1] : "");
        usage(help ? stdout : stderr);
        return help ? EXIT_CLEAN : EXIT_UNREADABLE;
    }
    char name[32];
    snprintf(name, sizeof name, "case %s", sc->name);
    ctx c;
    memset(&c, 0, sizeof c);
    c.cmd = name;
    if (parse(&c, sc, argc - 1, argv + 1) < 0)
        return EXIT_UNREADABLE;
    if (c.val[O_HELP]) {
        usage(stdout);
        return EXIT_CLEAN;
    }
    c.who = (gk_who){cli_actor(c.val[O_ACTOR]), c.val[O_REASON], GK_DATE_NONE};
    /* a dry run of an import reads the ledger only */
    if (!(sc->run == run_import && c.val[O_DRY_RUN]) && !(c.s = cli_store_open(c.cmd, c.val[O_DB])))
        return EXIT_UNREADABLE;
    int rc = sc->run(&c);
    gk_store_close(c.s);
    gk_calendar_free(c.cal);
    return rc;
}
