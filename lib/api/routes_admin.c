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

/* ---- the report ---- */

/* The report of an agency's year from the store (gk_generate_from_store, as gongkai report
 * writes it); NULL after replying: 422 when the generator refuses the records, 503 for the
 * database. */
static gk_doc *generate(ctx *c, const gk_agency *ag, int year, const char *fee)
{
    gk_doc *doc = NULL;
    gk_error err = {GK_OK, ""};
    gk_status st = gk_generate_from_store(db(c), ag->id, year, fee, &doc, &err);
    if (st == GK_ERR_INVALID_ARG)
        reply_error(c, 422, NULL, "无法生成报告：%s / the report cannot be generated", err.msg);
    else if (st != GK_OK)
        reply_db_error(c, &err);
    return st == GK_OK ? doc : NULL;
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
