/*
 * generate_store.c — the annual report of an agency's year generated from a store
 * (gk_generate_from_store, generate.h): the generator's input filled from the records — every
 * application of the agency (received; closed with its outcome), its review and litigation
 * cases, the year's 第二十条 figures and the amendments made after the year was closed, each
 * said in words. The command line (gongkai report) and the web service (GET /api/report) both
 * use it, so the two cannot differ.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gongkai/generate.h>
#include <gongkai/schema.h>
#include <gongkai/store.h>

#include "../core/fail.h"

typedef struct records {
    gk_gen_application *apps;
    size_t napps, capps;
    gk_gen_case *cases;
    size_t ncases, ccases;
    gk_t2_figure *figs;
    size_t nfigs;
    gk_amendment *amends;
    size_t namends;
    int failed; /* out of memory, or a key the schema does not have */
} records;

static void *grow(void *v, size_t *cap, size_t n, size_t size, int *failed)
{
    if (n < *cap)
        return v;
    size_t cap2 = *cap ? *cap * 2 : 1024;
    void *p = realloc(v, cap2 * size);
    if (!p) {
        *failed = 1;
        return v;
    }
    *cap = cap2;
    return p;
}

/* The schema's own copy of an applicant or outcome key, so that a million applications hold
 * pointers, not strings; NULL if it is none. First characters are compared before the rest: a
 * million applications pass through here. */
static const char *static_key(const char *key, int outcome)
{
    const gk_table_def *t = gk_schema_table(GK_T3, GK_FORMAT_2021);
    if (outcome) {
        for (int i = 0; i < t->nrows; i++)
            if (t->rows[i].key[3] == key[0] && strcmp(t->rows[i].key + 3, key) == 0)
                return t->rows[i].key + 3;
        return NULL;
    }
    for (int c = 0; c < t->blocks[0].ncols; c++)
        if (t->blocks[0].cols[c].key[0] == key[0] && strcmp(t->blocks[0].cols[c].key, key) == 0)
            return t->blocks[0].cols[c].key;
    return NULL;
}

static int collect_app(void *p, const gk_application *a)
{
    records *r = p;
    r->apps = grow(r->apps, &r->capps, r->napps, sizeof *r->apps, &r->failed);
    if (r->failed)
        return 1;
    gk_gen_application *x = &r->apps[r->napps++];
    x->received = a->received;
    x->applicant = static_key(a->applicant_type, 0);
    x->outcome = a->outcome[0] ? static_key(a->outcome, 1) : NULL;
    x->closed = x->outcome ? a->closed : GK_DATE_NONE;
    r->failed = !x->applicant || (a->outcome[0] && !x->outcome);
    return r->failed;
}

static int collect_case(void *p, const gk_case *k)
{
    records *r = p;
    r->cases = grow(r->cases, &r->ccases, r->ncases, sizeof *r->cases, &r->failed);
    if (r->failed)
        return 1;
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

static gk_status read_records(gk_store *s, int64_t agency, int year, records *r, gk_error *err)
{
    gk_status st = gk_store_app_list(s, agency, 0, collect_app, r, err);
    if (st == GK_OK)
        st = gk_store_case_list(s, agency, 0, collect_case, r, err);
    if (st == GK_OK)
        st = gk_store_t2_get(s, agency, year, &r->figs, &r->nfigs, err);
    if (st == GK_OK)
        st = gk_store_amendments(s, agency, year, &r->amends, &r->namends, err);
    if (st == GK_OK && r->failed)
        st =
            gk_fail(err, GK_ERR_INVALID_ARG,
                    "记录中有未知的键或内存不足 / an unknown key in the records, or out of memory");
    return st;
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

/* Generates the report from the records read. */
static gk_status generate(const char *agency, int year, const char *info_fee, records *r,
                          gk_doc **out, gk_error *err)
{
    gk_gen_figure *figs = calloc(r->nfigs + 1, sizeof *figs);
    gk_gen_amendment *am = calloc(r->namends + 1, sizeof *am);
    char(*what)[160] = calloc(r->namends + 1, sizeof *what);
    gk_status st = GK_ERR_LIMIT;
    if (!figs || !am || !what) {
        gk_fail(err, st, "内存不足 / out of memory");
    } else {
        for (size_t i = 0; i < r->nfigs; i++)
            figs[i] = (gk_gen_figure){r->figs[i].key, r->figs[i].value};
        for (size_t i = 0; i < r->namends; i++) {
            char day[11];
            snprintf(day, sizeof day, "%.10s", r->amends[i].at);
            if (gk_date_parse(day, &am[i].date) < 0)
                am[i].date = GK_DATE_NONE;
            snprintf(what[i], sizeof what[i], "%s（%s）", action_label(r->amends[i].action),
                     r->amends[i].object);
            am[i].what = what[i];
            am[i].reason = r->amends[i].reason;
        }
        gk_gen_input in = {agency, year,     r->apps, r->napps,   r->cases, r->ncases,
                           figs,   r->nfigs, am,      r->namends, info_fee};
        st = gk_generate_report(&in, out, err);
    }
    free(figs);
    free(am);
    free(what);
    return st;
}

gk_status gk_generate_from_store(gk_store *s, int64_t agency_id, int year, const char *info_fee,
                                 gk_doc **out, gk_error *err)
{
    gk_agency ag;
    int found = 0;
    records r;
    memset(&r, 0, sizeof r);
    if (out)
        *out = NULL;
    if (!s || !out)
        return gk_fail(err, GK_ERR_INVALID_ARG, "gk_generate_from_store: no store or out");
    gk_status st = gk_store_agency_get(s, agency_id, &ag, &found, err);
    if (st == GK_OK && !found)
        st = gk_fail(err, GK_ERR_INVALID_ARG, "没有编号为 %lld 的机关 / no agency %lld",
                     (long long)agency_id, (long long)agency_id);
    if (st == GK_OK)
        st = read_records(s, agency_id, year, &r, err);
    if (st == GK_OK)
        st = generate(ag.name, year, info_fee, &r, out, err);
    records_free(&r);
    return st;
}
