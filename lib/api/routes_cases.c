/*
 * routes_cases.c — reconsideration and litigation cases (行政复议、行政诉讼, the report's T4) and
 * the yearly 第二十条 figures (T2): adding, listing and updating cases; reading and setting
 * figures one at a time or as a batch in one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include "api_int.h"

/* ---- cases ---- */

enum { K_APP, K_KIND, K_FILED, K_RESULT, K_DECIDED, K_REF, K_NOTE, K_REASON, K_N };

static const fdef case_fields[K_N] = {
    {"application", F_ID, 1, 0, 0},      {"kind", F_TEXT, 1, GK_KEY_MAX, 0},
    {"filed", F_DATE, 1, 0, 0},          {"result", F_TEXT, 0, GK_KEY_MAX, 0},
    {"decided", F_DATE_NULL, 0, 0, 0},   {"ref", F_TEXT, 0, GK_CASE_REF_MAX, 0},
    {"note", F_TEXT, 0, GK_NOTE_MAX, 1}, {"reason", F_TEXT, 0, GK_NOTE_MAX, 1},
};

/* Applies the body's fields (those present) to the case; -1 after replying. */
static int case_from_body(ctx *c, json_t **v, gk_case *k)
{
    if (v[K_KIND] && gk_case_kind_parse(json_string_value(v[K_KIND]), &k->kind) < 0) {
        reply_error(c, 400, "kind",
                    "kind 须为 review（行政复议）、lit_direct（未经复议直接起诉）或 "
                    "lit_after_review（复议后起诉）/ kind must be review, lit_direct or "
                    "lit_after_review");
        return -1;
    }
    if (v[K_RESULT] && gk_case_result_parse(json_string_value(v[K_RESULT]), &k->result) < 0) {
        reply_error(c, 400, "result",
                    "result 须为 pending、upheld、corrected 或 other / result must be pending, "
                    "upheld, corrected or other");
        return -1;
    }
    if (v[K_FILED])
        k->filed = date_of(v[K_FILED], GK_DATE_NONE);
    if (v[K_DECIDED])
        k->decided = date_of(v[K_DECIDED], GK_DATE_NONE); /* null: not decided */
    else if (v[K_RESULT] && k->result == GK_RESULT_PENDING)
        k->decided = GK_DATE_NONE;
    if (v[K_REF])
        text_into(k->ref, sizeof k->ref, v[K_REF]);
    if (v[K_NOTE])
        text_into(k->note, sizeof k->note, v[K_NOTE]);
    return 0;
}

void route_case_add(ctx *c)
{
    static const char *const q[] = {NULL};
    json_t *v[K_N];
    if (query_only(c, q) < 0 || body_fields(c, case_fields, K_N, v) < 0)
        return;
    gk_case k;
    memset(&k, 0, sizeof k);
    k.result = GK_RESULT_PENDING;
    k.decided = GK_DATE_NONE;
    if (case_from_body(c, v, &k) < 0)
        return;
    k.app_id = json_integer_value(v[K_APP]);
    gk_store *s = db(c);
    if (!s)
        return;
    gk_application *app = malloc(sizeof *app);
    if (!app)
        gk_oom();
    int found = 0;
    gk_error err = {GK_OK, ""};
    gk_who who = change_of(c, NULL);
    if (gk_store_app_get(s, k.app_id, app, &found, &err) != GK_OK) {
        reply_db_error(c, &err);
    } else if (!found) {
        reply_error(c, 400, "application", "没有编号为 %lld 的申请 / no application %lld",
                    (long long)k.app_id, (long long)k.app_id);
    } else {
        gk_status st = gk_store_case_add(s, &who, &k, &err);
        if (st == GK_ERR_INVALID_ARG)
            reply_error(c, 409, NULL, "%s", err.msg);
        else if (st != GK_OK)
            reply_db_error(c, &err);
        else
            reply_json(c, 201, case_json(&k));
    }
    free(app);
}

/* Loads the case of the path's id; 0, or -1 after replying. */
static int load_case(ctx *c, gk_case *k)
{
    int64_t id = param_id(c, 0);
    gk_store *s = id ? db(c) : NULL;
    if (!s)
        return -1;
    int found = 0;
    gk_error err = {GK_OK, ""};
    if (gk_store_case_get(s, id, k, &found, &err) != GK_OK) {
        reply_db_error(c, &err);
        return -1;
    }
    if (!found) {
        reply_error(c, 404, "id", "没有编号为 %lld 的案件 / no case %lld", (long long)id,
                    (long long)id);
        return -1;
    }
    return 0;
}

void route_case_get(ctx *c)
{
    static const char *const q[] = {NULL};
    gk_case k;
    if (query_only(c, q) == 0 && load_case(c, &k) == 0)
        reply_json(c, 200, case_json(&k));
}

void route_case_update(ctx *c)
{
    static const char *const q[] = {NULL};
    json_t *v[K_N];
    fdef f[K_N - 1]; /* a case's fields but its application, all optional */
    for (int i = 1; i < K_N; i++) {
        f[i - 1] = case_fields[i];
        f[i - 1].required = 0;
    }
    if (query_only(c, q) < 0 || body_fields(c, f, K_N - 1, v + 1) < 0)
        return;
    v[K_APP] = NULL;
    gk_case k;
    if (load_case(c, &k) < 0 || case_from_body(c, v, &k) < 0)
        return;
    gk_error err = {GK_OK, ""};
    gk_who who = change_of(c, NULL);
    gk_status st = gk_store_case_update(db(c), &who, &k, &err);
    if (st == GK_ERR_INVALID_ARG)
        reply_error(c, 409, NULL, "%s", err.msg);
    else if (st != GK_OK)
        reply_db_error(c, &err);
    else
        reply_json(c, 200, case_json(&k));
}

static int case_to_array(void *p, const gk_case *k)
{
    json_array_append_new(p, case_json(k));
    return 0;
}

void route_case_list(ctx *c)
{
    static const char *const q[] = {"agency", "application", NULL};
    if (query_only(c, q) < 0)
        return;
    gk_agency ag = {0, ""};
    if (query_get(c, "agency") && agency_of(c, NULL, &ag) < 0)
        return;
    int64_t app_id = 0;
    const char *as = query_get(c, "application");
    if (as && (app_id = parse_id(as)) <= 0) {
        reply_error(c, 400, "application",
                    "application 须为正整数 / application must be a "
                    "positive integer");
        return;
    }
    gk_store *s = db(c);
    if (!s)
        return;
    json_t *arr = json_array();
    gk_error err = {GK_OK, ""};
    if (gk_store_case_list(s, ag.id, app_id, case_to_array, arr, &err) != GK_OK) {
        json_decref(arr);
        reply_db_error(c, &err);
        return;
    }
    reply_json(c, 200, json_pack("{s:o}", "cases", arr));
}

/* ---- T2 figures ---- */

/* A T2 value as text: a string as given, an integer in decimal; NULL for null. */
static const char *amount_text(const json_t *v, char buf[32])
{
    if (json_is_integer(v)) {
        snprintf(buf, 32, "%lld", (long long)json_integer_value(v));
        return buf;
    }
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Checks a key and its value (NULL: removal) with gk_t2_check; -1 after replying, naming
 * `field` (the value's) or "key". */
static int t2_valid(ctx *c, const char *key, const char *value, const char *field)
{
    gk_error err = {GK_OK, ""};
    if (gk_t2_check(key, "0", &err) != GK_OK) {
        reply_error(c, 400, strcmp(field, "value") == 0 ? "key" : field, "%s", err.msg);
        return -1;
    }
    if (value && gk_t2_check(key, value, &err) != GK_OK) {
        reply_error(c, 400, field, "%s", err.msg);
        return -1;
    }
    return 0;
}

/* Replies with the figures of an agency's year. */
static void t2_reply(ctx *c, const gk_agency *ag, int year, int status)
{
    gk_store *s = db(c);
    gk_t2_figure *f = NULL;
    size_t n = 0;
    int closed = 0;
    gk_error err = {GK_OK, ""};
    if (gk_store_t2_get(s, ag->id, year, &f, &n, &err) != GK_OK ||
        gk_store_year_is_closed(s, ag->id, year, &closed, &err) != GK_OK) {
        free(f);
        reply_db_error(c, &err);
        return;
    }
    json_t *figs = json_object();
    for (size_t i = 0; i < n; i++)
        json_object_set_new(figs, f[i].key, json_string(f[i].value));
    free(f);
    reply_json(c, status,
               json_pack("{s:{s:I, s:s}, s:i, s:b, s:o}", "agency", "id", (json_int_t)ag->id,
                         "name", ag->name, "year", year, "closed", closed, "figures", figs));
}

void route_t2_get(ctx *c)
{
    static const char *const q[] = {"agency", NULL};
    if (query_only(c, q) < 0)
        return;
    int year = param_year(c, 0);
    gk_agency ag;
    if (year && agency_of(c, NULL, &ag) == 0)
        t2_reply(c, &ag, year, 200);
}

void route_t2_put(ctx *c)
{
    static const char *const q[] = {NULL};
    static const fdef f[] = {
        {"agency", F_TEXT_ID, 0, GK_AGENCY_MAX, 0},
        {"value", F_AMOUNT, 1, GK_AMOUNT_MAX, 0},
        {"reason", F_TEXT, 0, GK_NOTE_MAX, 1},
    };
    json_t *v[3];
    if (query_only(c, q) < 0 || body_fields(c, f, 3, v) < 0)
        return;
    int year = param_year(c, 0);
    const char *key = c->params[1];
    char buf[32];
    const char *value = amount_text(v[1], buf);
    gk_agency ag;
    if (!year || t2_valid(c, key, value, "value") < 0 || agency_of(c, v[0], &ag) < 0)
        return;
    gk_error err = {GK_OK, ""};
    gk_who who = change_of(c, NULL);
    gk_status st = gk_store_t2_set(db(c), &who, ag.id, year, key, value, &err);
    if (st == GK_ERR_INVALID_ARG)
        reply_error(c, 409, NULL, "%s", err.msg);
    else if (st != GK_OK)
        reply_db_error(c, &err);
    else
        t2_reply(c, &ag, year, 200);
}

void route_t2_batch(ctx *c)
{
    static const char *const q[] = {NULL};
    static const fdef f[] = {
        {"agency", F_TEXT_ID, 0, GK_AGENCY_MAX, 0},
        {"figures", F_OBJECT, 1, 0, 0},
        {"reason", F_TEXT, 0, GK_NOTE_MAX, 1},
    };
    json_t *v[3];
    if (query_only(c, q) < 0 || body_fields(c, f, 3, v) < 0)
        return;
    int year = param_year(c, 0);
    if (!year)
        return;
    const char *key;
    json_t *val;
    char buf[32], fname[GK_KEY_MAX + 16];
    json_object_foreach(v[1], key, val)
    {
        snprintf(fname, sizeof fname, "figures.%.*s", GK_KEY_MAX, key);
        if (!json_is_null(val) && !json_is_string(val) &&
            !(json_is_integer(val) && json_integer_value(val) >= 0)) {
            reply_error(c, 400, fname,
                        "%s 须为数值字符串、非负整数或 null / %s must be a decimal "
                        "string, a non-negative integer or null",
                        fname, fname);
            return;
        }
        if (t2_valid(c, key, amount_text(val, buf), fname) < 0)
            return;
    }
    gk_agency ag;
    if (agency_of(c, v[0], &ag) < 0)
        return;
    gk_store *s = db(c);
    gk_error err = {GK_OK, ""};
    gk_who who = change_of(c, NULL);
    gk_status st = gk_store_begin(s, &err);
    json_object_foreach(v[1], key, val)
    {
        if (st == GK_OK)
            st = gk_store_t2_set(s, &who, ag.id, year, key, amount_text(val, buf), &err);
    }
    if (st == GK_OK)
        st = gk_store_commit(s, &err);
    if (st != GK_OK)
        gk_store_rollback(s);
    if (st == GK_ERR_INVALID_ARG)
        reply_error(c, 409, NULL, "%s", err.msg);
    else if (st != GK_OK)
        reply_db_error(c, &err);
    else
        t2_reply(c, &ag, year, 200);
}
