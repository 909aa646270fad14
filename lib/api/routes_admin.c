/*
 * routes_admin.c — the year's work: the annual report generated from the records (generate.h)
 * for download in every format gk_render writes, a year's state and amendments, closing a year
 * (admin), and the audit log: its check (admin) and its entries (admin).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gongkai/generate.h>
#include <gongkai/render.h>

#include "../core/arena.h"
#include "api_int.h"

/* ---- the records of a report ---- */

typedef struct rapp {
    gk_date received, closed;
    char type[GK_KEY_MAX + 1];
    char outcome[GK_KEY_MAX + 1];
} rapp;

typedef struct records {
    rapp *apps;
    size_t napps, capps;
    gk_gen_case *cases;
    size_t ncases, ccases;
    gk_t2_figure *figs;
    size_t nfigs;
    gk_amendment *amends;
    size_t namends;
} records;

static void *grow(void *v, size_t *cap, size_t n, size_t el)
{
    if (n < *cap)
        return v;
    *cap = *cap ? *cap * 2 : 256;
    v = realloc(v, *cap * el);
    if (!v)
        gk_oom();
    return v;
}

static int collect_app(void *p, const gk_application *a)
{
    records *r = p;
    r->apps = grow(r->apps, &r->capps, r->napps, sizeof *r->apps);
    rapp *x = &r->apps[r->napps++];
    x->received = a->received;
    x->closed = a->outcome[0] ? a->closed : GK_DATE_NONE;
    memcpy(x->type, a->applicant_type, sizeof x->type);
    memcpy(x->outcome, a->outcome, sizeof x->outcome);
    return 0;
}

static int collect_case(void *p, const gk_case *k)
{
    records *r = p;
    r->cases = grow(r->cases, &r->ccases, r->ncases, sizeof *r->cases);
    gk_gen_case *x = &r->cases[r->ncases++];
    x->kind = gk_case_kind_key(k->kind);
    x->filed = k->filed;
    x->result = gk_case_result_key(k->result);
    x->decided = k->result == GK_RESULT_PENDING ? GK_DATE_NONE : k->decided;
    return 0;
}

static void records_free(records *r)
{
    free(r->apps);
    free(r->cases);
    free(r->figs);
    free(r->amends);
}

/* What an audit action did, in words. */
static const char *action_label(const char *action)
{
    static const char *const map[][2] = {
        {"app.add", "新增申请"},          {"event.add", "补录办理事件"},
        {"case.add", "新增复议诉讼案件"}, {"case.update", "更新复议诉讼案件"},
        {"t2.set", "更正第二十条数据"},   {"t2.unset", "删除第二十条数据"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i][0], action) == 0)
            return map[i][1];
    return action;
}

/* Reads an agency's records; -1 after replying. */
static int read_records(ctx *c, const gk_agency *ag, int year, records *r)
{
    gk_store *s = db(c);
    gk_error err = {GK_OK, ""};
    if (gk_store_app_list(s, ag->id, 0, collect_app, r, &err) != GK_OK ||
        gk_store_case_list(s, ag->id, 0, collect_case, r, &err) != GK_OK ||
        gk_store_t2_get(s, ag->id, year, &r->figs, &r->nfigs, &err) != GK_OK ||
        gk_store_amendments(s, ag->id, year, &r->amends, &r->namends, &err) != GK_OK) {
        reply_db_error(c, &err);
        return -1;
    }
    return 0;
}

/* Generates the report of an agency's year (info_fee: 信息处理费 in 元, or NULL); NULL after
 * replying. */
static gk_doc *generate(ctx *c, const gk_agency *ag, int year, const char *info_fee)
{
    records r;
    memset(&r, 0, sizeof r);
    gk_doc *doc = NULL;
    if (read_records(c, ag, year, &r) < 0) {
        records_free(&r);
        return NULL;
    }
    gk_gen_application *apps = calloc(r.napps + 1, sizeof *apps);
    gk_gen_figure *figs = calloc(r.nfigs + 1, sizeof *figs);
    gk_gen_amendment *am = calloc(r.namends + 1, sizeof *am);
    char(*what)[160] = calloc(r.namends + 1, sizeof *what);
    if (!apps || !figs || !am || !what)
        gk_oom();
    for (size_t i = 0; i < r.napps; i++) {
        apps[i].received = r.apps[i].received;
        apps[i].closed = r.apps[i].closed;
        apps[i].applicant = r.apps[i].type;
        apps[i].outcome = r.apps[i].outcome[0] ? r.apps[i].outcome : NULL;
    }
    for (size_t i = 0; i < r.nfigs; i++) {
        figs[i].key = r.figs[i].key;
        figs[i].value = r.figs[i].value;
    }
    for (size_t i = 0; i < r.namends; i++) {
        char day[11];
        snprintf(day, sizeof day, "%.10s", r.amends[i].at);
        if (gk_date_parse(day, &am[i].date) < 0)
            am[i].date = GK_DATE_NONE;
        snprintf(what[i], sizeof what[i], "%s（%s）", action_label(r.amends[i].action),
                 r.amends[i].object);
        am[i].what = what[i];
        am[i].reason = r.amends[i].reason;
    }
    gk_gen_input in = {ag->name, year,    apps, r.napps,   r.cases, r.ncases,
                       figs,     r.nfigs, am,   r.namends, info_fee};
    gk_error err = {GK_OK, ""};
    if (gk_generate_report(&in, &doc, &err) != GK_OK) {
        doc = NULL;
        reply_error(c, 422, NULL, "无法生成报告：%s / the report cannot be generated", err.msg);
    }
    free(apps);
    free(figs);
    free(am);
    free(what);
    records_free(&r);
    return doc;
}

/* ---- GET /api/report/{year} ---- */

typedef struct fmt {
    const char *name, *ext, *type;
} fmt;

static const fmt formats[] = {
    {"html", "html", "text/html; charset=utf-8"},
    {"text", "txt", "text/plain; charset=utf-8"},
    {"md", "md", "text/markdown; charset=utf-8"},
    {"json", "json", "application/json; charset=utf-8"},
    {"csv", "csv", "text/csv; charset=utf-8"},
};

void route_report(ctx *c)
{
    static const char *const q[] = {"agency", "format", "info_fee", NULL};
    if (query_only(c, q) < 0)
        return;
    int year = param_year(c, 0);
    if (!year)
        return;
    if (year < GK_GEN_FIRST_YEAR || year > GK_GEN_LAST_YEAR) {
        reply_error(c, 400, "year", "报告年份须为 %d..%d / the report year must be %d..%d",
                    GK_GEN_FIRST_YEAR, GK_GEN_LAST_YEAR, GK_GEN_FIRST_YEAR, GK_GEN_LAST_YEAR);
        return;
    }
    const char *fs = query_get(c, "format");
    const fmt *f = &formats[0];
    if (fs) {
        f = NULL;
        for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
            if (strcmp(formats[i].name, fs) == 0)
                f = &formats[i];
        if (!f) {
            reply_error(c, 400, "format",
                        "format 须为 html、text、md、json 或 csv / format must "
                        "be html, text, md, json or csv");
            return;
        }
    }
    const char *fee = query_get(c, "info_fee");
    size_t whole = fee ? strspn(fee, "0123456789") : 0;
    if (fee && (whole == 0 || whole > 12 ||
                (fee[whole] && (fee[whole] != '.' || strspn(fee + whole + 1, "0123456789") < 1 ||
                                strspn(fee + whole + 1, "0123456789") > 2 ||
                                fee[whole + 1 + strspn(fee + whole + 1, "0123456789")])))) {
        reply_error(c, 400, "info_fee",
                    "info_fee 为信息处理费（元），如 0 或 120.50 / info_fee "
                    "is the fee collected in yuan, as 0 or 120.50");
        return;
    }
    gk_agency ag;
    if (agency_of(c, NULL, &ag) < 0)
        return;
    gk_doc *doc = generate(c, &ag, year, fee);
    if (!doc)
        return;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (!out)
        gk_oom();
    if (f->name[0] == 'c')
        gk_render_csv_header(out);
    gk_status st =
        gk_render(doc, (gk_render_format)gk_render_format_from_name(f->name), GK_LANG_ZH, out);
    fclose(out);
    gk_doc_free(doc);
    if (st != GK_OK) {
        free(buf);
        reply_error(c, 500, NULL, "报告输出失败 / the report could not be written");
        return;
    }
    reply_bytes(c, 200, f->type, buf, len);
    free(buf);
    char cd[96];
    snprintf(cd, sizeof cd, "attachment; filename=\"report-%lld-%d.%s\"", (long long)ag.id, year,
             f->ext);
    header_add(c->resp, "Content-Disposition", cd);
    if (f->name[0] == 'h')
        header_add(c->resp, "Content-Security-Policy",
                   "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
}

/* ---- years ---- */

void route_year_get(ctx *c)
{
    static const char *const q[] = {"agency", NULL};
    if (query_only(c, q) < 0)
        return;
    int year = param_year(c, 0);
    gk_agency ag;
    if (!year || agency_of(c, NULL, &ag) < 0)
        return;
    gk_store *s = db(c);
    int closed = 0;
    gk_amendment *am = NULL;
    size_t n = 0;
    gk_error err = {GK_OK, ""};
    if (gk_store_year_is_closed(s, ag.id, year, &closed, &err) != GK_OK ||
        gk_store_amendments(s, ag.id, year, &am, &n, &err) != GK_OK) {
        free(am);
        reply_db_error(c, &err);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr,
                              json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I}", "id",
                                        (json_int_t)am[i].id, "at", am[i].at, "actor", am[i].actor,
                                        "action", am[i].action, "object", am[i].object, "reason",
                                        am[i].reason, "audit_id", (json_int_t)am[i].audit_id));
    free(am);
    reply_json(c, 200,
               json_pack("{s:{s:I, s:s}, s:i, s:b, s:o}", "agency", "id", (json_int_t)ag.id, "name",
                         ag.name, "year", year, "closed", closed, "amendments", arr));
}

void route_year_close(ctx *c)
{
    static const char *const q[] = {NULL};
    static const fdef f[] = {{"agency", F_TEXT_ID, 0, GK_AGENCY_MAX, 0}};
    json_t *v[1];
    if (query_only(c, q) < 0 || body_fields(c, f, 1, v) < 0)
        return;
    int year = param_year(c, 0);
    gk_agency ag;
    if (!year || agency_of(c, v[0], &ag) < 0)
        return;
    gk_error err = {GK_OK, ""};
    gk_who who = change_of(c, NULL);
    gk_status st = gk_store_year_close(db(c), &who, ag.id, year, &err);
    if (st == GK_ERR_INVALID_ARG)
        reply_error(c, 409, NULL, "%s", err.msg);
    else if (st != GK_OK)
        reply_db_error(c, &err);
    else
        reply_json(c, 200,
                   json_pack("{s:{s:I, s:s}, s:i, s:b}", "agency", "id", (json_int_t)ag.id, "name",
                             ag.name, "year", year, "closed", 1));
}

/* ---- the audit log ---- */

void route_audit_verify(ctx *c)
{
    static const char *const q[] = {NULL};
    if (query_only(c, q) < 0)
        return;
    gk_store *s = db(c);
    if (!s)
        return;
    int64_t count = 0;
    gk_error err = {GK_OK, ""};
    gk_status st = gk_store_audit_verify(s, &count, &err);
    if (st == GK_OK)
        reply_json(c, 200, json_pack("{s:b, s:I}", "intact", 1, "entries", (json_int_t)count));
    else if (st == GK_ERR_INVALID_ARG)
        reply_json(c, 200,
                   json_pack("{s:b, s:I, s:s}", "intact", 0, "entries", (json_int_t)count, "error",
                             err.msg));
    else
        reply_db_error(c, &err);
}

typedef struct audit_page {
    json_t *arr;
    size_t left;
    int64_t last;
} audit_page;

static int audit_entry(void *p, const gk_audit_entry *e)
{
    audit_page *pg = p;
    if (pg->left == 0)
        return 1;
    pg->left--;
    pg->last = e->id;
    json_t *details = json_loads(e->details, 0, NULL);
    json_array_append_new(pg->arr,
                          json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:s}", "id", (json_int_t)e->id,
                                    "at", e->at, "actor", e->actor, "action", e->action, "object",
                                    e->object, "details",
                                    details ? details : json_string(e->details), "hash", e->hash));
    return 0;
}

void route_audit_list(ctx *c)
{
    static const char *const q[] = {"after", "limit", NULL};
    if (query_only(c, q) < 0)
        return;
    const char *as = query_get(c, "after"), *ls = query_get(c, "limit");
    int64_t after = as && strcmp(as, "0") == 0 ? 0 : (as ? parse_id(as) : 0);
    int64_t limit = ls ? parse_id(ls) : 100;
    if (after < 0 || limit <= 0 || limit > 1000) {
        reply_error(c, 400, after < 0 ? "after" : "limit",
                    "after 须为非负整数，limit 须为 1..1000 / after must be an id, limit 1..1000");
        return;
    }
    gk_store *s = db(c);
    if (!s)
        return;
    audit_page pg = {json_array(), (size_t)limit, after};
    gk_error err = {GK_OK, ""};
    if (gk_store_audit_list(s, after, audit_entry, &pg, &err) != GK_OK) {
        json_decref(pg.arr);
        reply_db_error(c, &err);
        return;
    }
    reply_json(c, 200, json_pack("{s:o, s:I}", "entries", pg.arr, "last", (json_int_t)pg.last));
}
