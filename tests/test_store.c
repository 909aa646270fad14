/*
 * test_store.c — the store (lib/store) through its public API, one suite run on SQLite (a
 * temporary file) and, when GK_TEST_PG names a server (scripts/pg-test starts one), on
 * PostgreSQL: migrations, every record kind read back, SQL metacharacters in every text field,
 * refused writes that leave nothing behind, all-or-nothing batches, the audit chain and a row
 * tampered with directly in SQL, closed years and amendments, passwords, staff sessions (expiry,
 * delete, purge), and two threads appending events to one application at once.
 *
 * Raw SQL (to tamper with a row, or count rows) goes straight to the database: sqlite3 for
 * SQLite, libpq loaded with dlopen for PostgreSQL.
 *
 * usage: test-store SOURCE_ROOT      (GK_TEST_PG=postgresql://… for the PostgreSQL half)
 */
#include <dlfcn.h>
#include <gongkai/store.h>
#include <jansson.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dates.h"
#include "harness.h"

/* Every text field gets this: quotes, statement ends, comments, backslash, LIKE wildcards,
 * Chinese, an emoji and a classic injection. */
#define META "'\";--\\%_ 汉字😀 x' OR '1'='1'; DROP TABLE applications; --"

static gk_calendar *cal;

typedef struct env {
    const char *name; /* "SQLite", "PostgreSQL" */
    char url[4096];
    int pg;
    char tag[24]; /* makes names unique per run (a PostgreSQL database outlives a run) */
    char sqlite_path[256];
} env;

static gk_who WHO = {"clerk-1", NULL, 0};

static void init_who(void)
{
    WHO.today = D("2025-06-30");
}

/* ---- raw SQL, beside the store ---- */

typedef void *(*pq_connectdb_fn)(const char *);
typedef int (*pq_status_fn)(const void *);
typedef void *(*pq_execparams_fn)(void *, const char *, int, const unsigned *, const char *const *,
                                  const int *, const int *, int);
typedef int (*pq_resultstatus_fn)(const void *);
typedef char *(*pq_getvalue_fn)(const void *, int, int);
typedef int (*pq_ntuples_fn)(const void *);
typedef void (*pq_clear_fn)(void *);
typedef void (*pq_finish_fn)(void *);

static struct {
    pq_connectdb_fn connectdb;
    pq_status_fn status;
    pq_execparams_fn execparams;
    pq_resultstatus_fn resultstatus;
    pq_getvalue_fn getvalue;
    pq_ntuples_fn ntuples;
    pq_clear_fn clear;
    pq_finish_fn finish;
} pq;

static int load_sym(void *h, const char *name, void *fn, size_t size)
{
    void *p = dlsym(h, name);
    if (!p)
        return -1;
    memcpy(fn, &p, size);
    return 0;
}

static int load_libpq(void)
{
    void *h = dlopen("libpq.so.5", RTLD_NOW);
    if (!h)
        return -1;
    int bad = load_sym(h, "PQconnectdb", &pq.connectdb, sizeof pq.connectdb) |
              load_sym(h, "PQstatus", &pq.status, sizeof pq.status) |
              load_sym(h, "PQexecParams", &pq.execparams, sizeof pq.execparams) |
              load_sym(h, "PQresultStatus", &pq.resultstatus, sizeof pq.resultstatus) |
              load_sym(h, "PQgetvalue", &pq.getvalue, sizeof pq.getvalue) |
              load_sym(h, "PQntuples", &pq.ntuples, sizeof pq.ntuples) |
              load_sym(h, "PQclear", &pq.clear, sizeof pq.clear) |
              load_sym(h, "PQfinish", &pq.finish, sizeof pq.finish);
    return bad ? -1 : 0;
}

/*
 * Runs sql with text parameters $1..$n directly on the database; returns the first column of
 * the first row as a malloc'd string ("" if no row), or NULL on error.
 */
static char *raw(const env *e, const char *sql, int n, const char *const *params)
{
    char *out = NULL;
    if (e->pg) {
        void *c = pq.connectdb(e->url);
        if (pq.status(c) == 0) {
            void *r = pq.execparams(c, sql, n, NULL, params, NULL, NULL, 0);
            int st = pq.resultstatus(r); /* 1 PGRES_COMMAND_OK, 2 PGRES_TUPLES_OK */
            if (st == 1 || st == 2)
                out = strdup(st == 2 && pq.ntuples(r) > 0 ? pq.getvalue(r, 0, 0) : "");
            pq.clear(r);
        }
        pq.finish(c);
        return out;
    }
    sqlite3 *db;
    sqlite3_stmt *st;
    if (sqlite3_open(e->sqlite_path, &db) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        sqlite3_busy_timeout(db, 30000);
        for (int i = 0; i < n; i++) {
            char name[16];
            snprintf(name, sizeof name, "$%d", i + 1);
            sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, name), params[i], -1,
                              SQLITE_TRANSIENT);
        }
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            out =
                strdup(sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "");
        else if (rc == SQLITE_DONE)
            out = strdup("");
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return out;
}

/* The integer a raw query returns, or -1. */
static long long raw_int(const env *e, const char *sql)
{
    char *s = raw(e, sql, 0, NULL);
    long long v = s && *s ? strtoll(s, NULL, 10) : -1;
    free(s);
    return v;
}

static long long audit_count(const env *e)
{
    return raw_int(e, "SELECT COUNT(*) FROM audit_log");
}

static long long event_count(const env *e)
{
    return raw_int(e, "SELECT COUNT(*) FROM events");
}

static long long app_count(const env *e)
{
    return raw_int(e, "SELECT COUNT(*) FROM applications");
}

/* ---- helpers ---- */

static gk_store *open_store(const env *e)
{
    gk_store *s = NULL;
    gk_error err = {GK_OK, ""};
    gk_status st = gk_store_open(e->url, &s, &err);
    CHECK_MSG(st == GK_OK, "%s: open: %s", e->name, err.msg);
    return st == GK_OK ? s : NULL;
}

static gk_application new_app(int64_t agency, const char *received)
{
    gk_application a;
    memset(&a, 0, sizeof a);
    a.agency_id = agency;
    a.received = D(received);
    a.channel = GK_CHANNEL_POST;
    strcpy(a.applicant_type, "biz");
    strcpy(a.applicant_name, "某某建设有限公司");
    strcpy(a.applicant_contact, "北京市某区某路1号\n010-12345678");
    strcpy(a.request, "某项目环境影响评价批复");
    return a;
}

static int64_t add_app(gk_store *s, int64_t agency, const char *received)
{
    gk_application a = new_app(agency, received);
    gk_error err;
    gk_status st = gk_store_app_add(s, &WHO, &a, &err);
    CHECK_MSG(st == GK_OK, "app add: %s", err.msg);
    return a.id;
}

static gk_event mk_event(int64_t app, gk_event_kind kind, const char *date)
{
    gk_event e;
    memset(&e, 0, sizeof e);
    e.app_id = app;
    e.kind = kind;
    e.date = D(date);
    return e;
}

static gk_status add_event(gk_store *s, gk_event *e, gk_error *err)
{
    *err = (gk_error){GK_OK, ""};
    return gk_store_event_add(s, &WHO, e, err);
}

static int64_t add_agency(gk_store *s, const env *e, const char *name)
{
    char full[GK_AGENCY_MAX + 1];
    int64_t id = 0;
    gk_error err;
    snprintf(full, sizeof full, "%s-%s", name, e->tag);
    gk_status st = gk_store_agency_add(s, &WHO, full, &id, &err);
    CHECK_MSG(st == GK_OK, "agency add: %s", err.msg);
    return id;
}

/* The details of the last audit entry, parsed (json_decref it). */
static int last_entry_cb(void *ctx, const gk_audit_entry *a)
{
    json_t **out = ctx;
    json_decref(*out);
    *out = json_pack("{s:s,s:s,s:s,s:o}", "actor", a->actor, "action", a->action, "object",
                     a->object, "details", json_loads(a->details, 0, NULL));
    return 0;
}

static json_t *last_audit(gk_store *s, const env *e)
{
    json_t *out = NULL;
    gk_error err;
    long long n = raw_int(e, "SELECT MAX(id) FROM audit_log");
    gk_store_audit_list(s, n - 1, last_entry_cb, &out, &err);
    return out;
}

static const char *jget(json_t *o, const char *path1, const char *path2)
{
    json_t *v = json_object_get(o, path1);
    if (path2)
        v = json_object_get(v, path2);
    return json_is_string(v) ? json_string_value(v) : "(none)";
}

/* ---- migrations ---- */

static void test_open(const env *e)
{
    gk_store *a = open_store(e), *b = open_store(e);
    if (!a || !b) {
        gk_store_close(a);
        gk_store_close(b);
        return;
    }
    CHECK_STR(gk_store_backend(a), e->pg ? "postgresql" : "sqlite");
    CHECK_INT(gk_store_schema_version(a), GK_STORE_SCHEMA_VERSION);
    CHECK_INT(gk_store_schema_version(b), GK_STORE_SCHEMA_VERSION);
    CHECK_INT(raw_int(e, "SELECT COUNT(*) FROM schema_version"), GK_STORE_SCHEMA_VERSION);
    CHECK_INT(raw_int(e, "SELECT COUNT(*) FROM audit_head"), 1);
    CHECK_INT(raw_int(e, "SELECT COUNT(*) FROM sessions"), 0);
    gk_store_close(b);
    gk_store_close(a);
    a = open_store(e); /* a third time: still one row per migration */
    gk_store_close(a);
    CHECK_INT(raw_int(e, "SELECT COUNT(*) FROM schema_version"), GK_STORE_SCHEMA_VERSION);
    if (!e->pg) {
        char *mode = raw(e, "PRAGMA journal_mode", 0, NULL);
        CHECK_STR(mode ? mode : "", "wal");
        free(mode);
    }
}

static void test_bad_urls(void)
{
    gk_store *s = NULL;
    gk_error err;
    CHECK(gk_store_open("mysql://localhost/x", &s, &err) == GK_ERR_INVALID_ARG && !s);
    CHECK(strstr(err.msg, "未知的数据库地址") && strstr(err.msg, "unknown database URL"));
    CHECK(gk_store_open("sqlite:", &s, &err) == GK_ERR_INVALID_ARG && !s);
    CHECK(gk_store_open("sqlite:/nonexistent-dir/x/y.db", &s, &err) == GK_ERR_IO && !s);
    CHECK(gk_store_open("postgresql:///nodb?host=/nonexistent-dir&port=1", &s, &err) == GK_ERR_IO &&
          !s);
    CHECK(strstr(err.msg, "PostgreSQL"));
}

/* ---- records read back ---- */

static void test_agencies(gk_store *s, const env *e)
{
    gk_error err;
    int64_t id = add_agency(s, e, "某市某区人民政府办公室");
    char name[GK_AGENCY_MAX + 1];
    snprintf(name, sizeof name, "某市某区人民政府办公室-%s", e->tag);
    gk_agency a;
    int found;
    CHECK(gk_store_agency_find(s, name, &a, &found, &err) == GK_OK && found && a.id == id);
    CHECK(gk_store_agency_get(s, id, &a, &found, &err) == GK_OK && found);
    CHECK_STR(a.name, name);
    CHECK(gk_store_agency_get(s, 987654321, &a, &found, &err) == GK_OK && !found);
    snprintf(name, sizeof name, "测试机关 %s-%s", META, e->tag);
    int64_t meta = add_agency(s, e, "测试机关 " META);
    CHECK(gk_store_agency_find(s, name, &a, &found, &err) == GK_OK && found && a.id == meta);
    CHECK_STR(a.name, name);
    snprintf(name, sizeof name, "某市某区人民政府办公室-%s", e->tag);
    CHECK(gk_store_agency_find(s, "无此机关", &a, &found, &err) == GK_OK && !found);
    CHECK(gk_store_agency_add(s, &WHO, name, NULL, &err) == GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "已存在"));
    CHECK(gk_store_agency_add(s, &WHO, "", NULL, &err) == GK_ERR_INVALID_ARG);
    char longname[GK_AGENCY_MAX + 2];
    memset(longname, 'x', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    CHECK(gk_store_agency_add(s, &WHO, longname, NULL, &err) == GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "255"));
    gk_who nobody = {"", NULL, GK_DATE_NONE};
    CHECK(gk_store_agency_add(s, &nobody, "x", NULL, &err) == GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "actor"));
}

static int count_cb(void *ctx, const gk_application *a)
{
    (void)a;
    ++*(int *)ctx;
    return 0;
}

static void same_app(const gk_application *a, const gk_application *b)
{
    CHECK_INT(a->id, b->id);
    CHECK_INT(a->agency_id, b->agency_id);
    CHECK_STR(a->tracking, b->tracking);
    CHECK_STR(S(a->received), S(b->received));
    CHECK_INT(a->channel, b->channel);
    CHECK_STR(a->applicant_type, b->applicant_type);
    CHECK_STR(a->applicant_name, b->applicant_name);
    CHECK_STR(a->applicant_contact, b->applicant_contact);
    CHECK_STR(a->request, b->request);
}

static void test_applications(gk_store *s, const env *e, int64_t agency)
{
    gk_error err;
    gk_application a = new_app(agency, "2025-03-03");
    a.channel = GK_CHANNEL_ONLINE;
    strcpy(a.applicant_type, "other_org");
    strcpy(a.applicant_name, META);
    strcpy(a.applicant_contact, META "\n" META);
    strcpy(a.request, META);
    gk_who who = {"经办人 " META, NULL, D("2025-06-30")};
    CHECK_MSG(gk_store_app_add(s, &who, &a, &err) == GK_OK, "%s", err.msg);
    CHECK(a.id > 0);
    CHECK_INT(strlen(a.tracking), GK_TRACKING_LEN);
    CHECK_INT(strspn(a.tracking, "23456789ABCDEFGHJKMNPQRSTUVWXYZ"), GK_TRACKING_LEN);
    CHECK(a.created_at[0] == '2' && a.created_at[strlen(a.created_at) - 1] == 'Z');
    gk_application b;
    int found;
    CHECK(gk_store_app_get(s, a.id, &b, &found, &err) == GK_OK && found);
    same_app(&a, &b);
    CHECK_INT(b.closed, GK_DATE_NONE);
    CHECK_STR(b.outcome, "");
    CHECK(gk_store_app_by_tracking(s, a.tracking, &b, &found, &err) == GK_OK && found);
    same_app(&a, &b);
    CHECK(gk_store_app_by_tracking(s, "' OR 1=1 --", &b, &found, &err) == GK_OK && !found);
    CHECK(gk_store_app_by_tracking(s, "", &b, &found, &err) == GK_OK && !found);
    CHECK(gk_store_app_get(s, 987654321, &b, &found, &err) == GK_OK && !found);

    json_t *j = last_audit(s, e);
    CHECK_STR(jget(j, "action", NULL), "app.add");
    CHECK_STR(jget(j, "actor", NULL), "经办人 " META);
    CHECK_STR(jget(j, "details", "applicant_name"), META);
    CHECK_STR(jget(j, "details", "request"), META);
    CHECK_STR(jget(j, "details", "tracking"), a.tracking);
    json_decref(j);

    /* a second one, and the tracking codes differ */
    gk_application c = new_app(agency, "2025-03-04");
    CHECK(gk_store_app_add(s, &WHO, &c, &err) == GK_OK);
    CHECK(strcmp(a.tracking, c.tracking) != 0);
    int n = 0;
    CHECK(gk_store_app_list(s, agency, 0, count_cb, &n, &err) == GK_OK);
    CHECK_INT(n, 2);

    /* refused: nothing written, no audit entry */
    long long apps = app_count(e), audits = audit_count(e);
    gk_application bad = new_app(agency, "2025-03-03");
    strcpy(bad.applicant_type, "lp");
    CHECK(gk_store_app_add(s, &WHO, &bad, &err) == GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "申请人类型"));
    bad = new_app(agency, "2025-07-01"); /* after today */
    CHECK(gk_store_app_add(s, &WHO, &bad, &err) == GK_ERR_INVALID_ARG);
    bad = new_app(987654321, "2025-03-03");
    CHECK(gk_store_app_add(s, &WHO, &bad, &err) == GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "no agency"));
    CHECK_INT(app_count(e), apps);
    CHECK_INT(audit_count(e), audits);
    CHECK(
        raw_int(e, "SELECT COUNT(*) FROM applications WHERE applicant_name LIKE '%DROP TABLE%'") >=
        1);
}

/* ---- listing an agency's applications (one plan for a store of one agency, another for
 * several: the same rows either way) ---- */

typedef struct listed {
    int n;
    int64_t last_id;
    int in_order;
    gk_application v[8];
} listed;

static int list_cb(void *ctx, const gk_application *a)
{
    listed *l = ctx;
    l->in_order &= a->id > l->last_id;
    l->last_id = a->id;
    if (l->n < 8)
        l->v[l->n] = *a;
    l->n++;
    return 0;
}

static listed list_of(gk_store *s, int64_t agency, unsigned flags)
{
    listed l;
    memset(&l, 0, sizeof l);
    l.in_order = 1;
    gk_error err;
    CHECK_MSG(gk_store_app_list(s, agency, flags, list_cb, &l, &err) == GK_OK, "%s", err.msg);
    CHECK(l.in_order);
    return l;
}

static void check_lists(gk_store *s, const env *e)
{
    int64_t first = add_agency(s, e, "列表机关甲");
    gk_application a[3];
    gk_error err;
    static const char *const days[] = {"2025-02-03", "2025-01-02", "2025-03-04"};
    for (int i = 0; i < 3; i++) {
        a[i] = new_app(first, days[i]);
        snprintf(a[i].request, sizeof a[i].request, "%s %d", META, i);
        CHECK_MSG(gk_store_app_add(s, &WHO, &a[i], &err) == GK_OK, "%s", err.msg);
    }
    gk_event ev = mk_event(a[1].id, GK_EV_REPLY, "2025-01-10");
    strcpy(ev.outcome, "partial");
    CHECK_MSG(add_event(s, &ev, &err) == GK_OK, "%s", err.msg);
    for (int round = 0; round < 2; round++) { /* alone, then beside a second agency */
        listed l = list_of(s, first, 0);
        CHECK_INT(l.n, 3);
        for (int i = 0; i < 3 && i < l.n; i++)
            same_app(&l.v[i], &a[i]);
        if (l.n == 3) {
            CHECK_STR(S(l.v[1].closed), "2025-01-10");
            CHECK_STR(l.v[1].outcome, "partial");
            CHECK_INT(l.v[0].closed, GK_DATE_NONE);
        }
        l = list_of(s, first, GK_LIST_OPEN);
        CHECK_INT(l.n, 2);
        if (round == 0) {
            int64_t second = add_agency(s, e, "列表机关乙");
            add_app(s, second, "2025-02-01");
            add_app(s, second, "2025-02-02");
            CHECK_INT(list_of(s, second, 0).n, 2);
        }
    }
    listed all = list_of(s, 0, 0);
    CHECK(all.n >= 5);
}

/* On a store of its own (one agency at first), and on the suite's store (several). */
static void test_app_lists(gk_store *s, const env *e)
{
    check_lists(s, e);
    if (e->pg)
        return;
    env one = *e;
    snprintf(one.sqlite_path, sizeof one.sqlite_path, "%.240s.lists", e->sqlite_path);
    snprintf(one.url, sizeof one.url, "sqlite:%s", one.sqlite_path);
    gk_store *t = open_store(&one);
    if (t) {
        check_lists(t, &one);
        gk_store_close(t);
    }
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    char f[300];
    for (int i = 0; i < 3; i++) {
        snprintf(f, sizeof f, "%s%s", one.sqlite_path, suffixes[i]);
        unlink(f);
    }
}

static void same_event(const gk_event *a, const gk_event *b)
{
    CHECK_INT(a->id, b->id);
    CHECK_INT(a->app_id, b->app_id);
    CHECK_INT(a->seq, b->seq);
    CHECK_INT(a->kind, b->kind);
    CHECK_STR(S(a->date), S(b->date));
    CHECK_INT(a->days, b->days);
    CHECK_INT(a->consult, b->consult);
    CHECK_STR(a->party, b->party);
    CHECK_STR(a->approver, b->approver);
    CHECK_STR(a->outcome, b->outcome);
    CHECK_STR(a->amount, b->amount);
    CHECK_STR(a->note, b->note);
    CHECK_STR(a->actor, b->actor);
    CHECK_STR(a->recorded_at, b->recorded_at);
}

static void test_events(gk_store *s, const env *e, int64_t agency)
{
    gk_error err;
    /* Received Fri 2024-09-27 (see test_records.c): a consultation 10-09..10-15 and an
     * extension of 10 put the due date on 2024-11-21. Every kind of event, with META in its
     * text. */
    int64_t id = add_app(s, agency, "2024-09-27");
    gk_event log[9];
    log[0] = mk_event(id, GK_EV_CONSULT_START, "2024-10-09");
    log[0].consult = GK_CONSULT_THIRD_PARTY;
    strcpy(log[0].party, META);
    strcpy(log[0].note, META "\n第二行");
    log[1] = mk_event(id, GK_EV_CONSULT_END, "2024-10-15");
    log[2] = mk_event(id, GK_EV_EXTENSION, "2024-11-01");
    log[2].days = 10;
    strcpy(log[2].approver, META);
    log[3] = mk_event(id, GK_EV_FEE_NOTICE, "2024-11-20");
    strcpy(log[3].amount, "200.00");
    log[4] = mk_event(id, GK_EV_FEE_PAID, "2024-11-20");
    strcpy(log[4].amount, "200.00");
    log[5] = mk_event(id, GK_EV_REPLY, "2024-11-21");
    strcpy(log[5].outcome, "partial");
    strcpy(log[5].note, META);
    for (int i = 0; i < 6; i++) {
        gk_status st = add_event(s, &log[i], &err);
        CHECK_MSG(st == GK_OK, "event %d: %s", i, err.msg);
        CHECK_INT(log[i].seq, i + 1);
        CHECK(log[i].id > 0);
        CHECK_STR(log[i].actor, WHO.actor);
    }
    gk_event *got;
    size_t n;
    CHECK(gk_store_event_list(s, id, &got, &n, &err) == GK_OK);
    CHECK_INT(n, 6);
    for (size_t i = 0; i < n && i < 6; i++)
        same_event(&log[i], &got[i]);
    gk_application app;
    int found;
    CHECK(gk_store_app_get(s, id, &app, &found, &err) == GK_OK && found);
    CHECK_STR(S(app.closed), "2024-11-21");
    CHECK_STR(app.outcome, "partial");
    gk_app_state state;
    CHECK(gk_app_state_get(cal, &app, got, n, D("2025-01-01"), &state, &err) == GK_OK);
    /* the fee notice and payment on one day (11-20) pause that working day: due 11-22 */
    CHECK_STR(S(state.due), "2024-11-22");
    CHECK(state.closed && !state.replied_late);
    free(got);

    json_t *j = last_audit(s, e);
    CHECK_STR(jget(j, "action", NULL), "event.add");
    CHECK_STR(jget(j, "details", "kind"), "reply");
    CHECK_STR(jget(j, "details", "outcome"), "partial");
    CHECK_STR(jget(j, "details", "note"), META);
    json_decref(j);

    /* 补正 and the corrected application; a withdrawal */
    int64_t id2 = add_app(s, agency, "2024-09-20");
    gk_event c1 = mk_event(id2, GK_EV_CORRECTION_NOTICE, "2024-09-30");
    gk_event c2 = mk_event(id2, GK_EV_CORRECTED, "2024-10-10");
    gk_event c3 = mk_event(id2, GK_EV_WITHDRAWAL, "2024-10-11");
    strcpy(c3.note, META);
    CHECK(add_event(s, &c1, &err) == GK_OK);
    CHECK(add_event(s, &c2, &err) == GK_OK);
    CHECK(add_event(s, &c3, &err) == GK_OK);
    CHECK(gk_store_app_get(s, id2, &app, &found, &err) == GK_OK);
    CHECK_STR(app.outcome, GK_OUTCOME_WITHDRAWN);
    int open = 0, all = 0;
    CHECK(gk_store_app_list(s, agency, GK_LIST_OPEN, count_cb, &open, &err) == GK_OK);
    CHECK(gk_store_app_list(s, agency, 0, count_cb, &all, &err) == GK_OK);
    CHECK_INT(all - open, 2);

    /* refused events leave no event and no audit entry */
    int64_t id3 = add_app(s, agency, "2025-06-02");
    long long events = event_count(e), audits = audit_count(e);
    gk_event bad = mk_event(id3, GK_EV_CONSULT_END, "2025-06-03");
    CHECK(add_event(s, &bad, &err) == GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "没有进行中的征求意见"));
    bad = mk_event(id3, GK_EV_REPLY, "2025-06-03");
    strcpy(bad.outcome, "grant'; DELETE FROM events; --");
    CHECK(add_event(s, &bad, &err) == GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "未知的办理结果"));
    bad = mk_event(id3, GK_EV_EXTENSION, "2025-06-03");
    bad.days = 21;
    strcpy(bad.approver, "李处长");
    CHECK(add_event(s, &bad, &err) == GK_ERR_INVALID_ARG);
    bad = mk_event(id3, GK_EV_REPLY, "2025-07-01"); /* after today */
    strcpy(bad.outcome, "grant");
    CHECK(add_event(s, &bad, &err) == GK_ERR_INVALID_ARG);
    bad = mk_event(987654321, GK_EV_REPLY, "2025-06-03");
    strcpy(bad.outcome, "grant");
    CHECK(add_event(s, &bad, &err) == GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "no application"));
    bad = mk_event(id, GK_EV_REPLY, "2025-06-03"); /* closed */
    strcpy(bad.outcome, "grant");
    CHECK(add_event(s, &bad, &err) == GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "closed"));
    CHECK_INT(event_count(e), events);
    CHECK_INT(audit_count(e), audits);
}

static int case_cb(void *ctx, const gk_case *c)
{
    gk_case *out = ctx;
    out[out[0].id == 0 ? 0 : 1] = *c; /* first two */
    return 0;
}

static void test_cases(gk_store *s, int64_t agency)
{
    gk_error err;
    int64_t app = add_app(s, agency, "2024-09-27");
    gk_case c;
    memset(&c, 0, sizeof c);
    c.app_id = app;
    c.kind = GK_CASE_LIT_AFTER_REVIEW;
    c.filed = D("2024-12-02");
    c.result = GK_RESULT_PENDING;
    c.decided = GK_DATE_NONE;
    strcpy(c.ref, META);
    strcpy(c.note, META);
    CHECK_MSG(gk_store_case_add(s, &WHO, &c, &err) == GK_OK, "%s", err.msg);
    CHECK(c.id > 0);
    gk_case got;
    int found;
    CHECK(gk_store_case_get(s, c.id, &got, &found, &err) == GK_OK && found);
    CHECK_INT(got.app_id, app);
    CHECK_INT(got.kind, GK_CASE_LIT_AFTER_REVIEW);
    CHECK_STR(S(got.filed), "2024-12-02");
    CHECK_INT(got.result, GK_RESULT_PENDING);
    CHECK_INT(got.decided, GK_DATE_NONE);
    CHECK_STR(got.ref, META);
    CHECK_STR(got.note, META);
    c.result = GK_RESULT_CORRECTED;
    c.decided = D("2025-03-14");
    strcpy(c.note, "撤销原答复 " META);
    c.app_id = 0; /* ignored: a case keeps its application */
    CHECK_MSG(gk_store_case_update(s, &WHO, &c, &err) == GK_OK, "%s", err.msg);
    CHECK(gk_store_case_get(s, c.id, &got, &found, &err) == GK_OK && found);
    CHECK_INT(got.app_id, app);
    CHECK_INT(got.result, GK_RESULT_CORRECTED);
    CHECK_STR(S(got.decided), "2025-03-14");
    CHECK_STR(got.note, "撤销原答复 " META);
    gk_case two[2];
    memset(two, 0, sizeof two);
    CHECK(gk_store_case_list(s, 0, app, case_cb, two, &err) == GK_OK);
    CHECK_INT(two[0].id, c.id);
    memset(two, 0, sizeof two);
    CHECK(gk_store_case_list(s, agency, 0, case_cb, two, &err) == GK_OK);
    CHECK_INT(two[0].id, c.id);
    /* refused */
    c.decided = GK_DATE_NONE; /* corrected without a date */
    CHECK(gk_store_case_update(s, &WHO, &c, &err) == GK_ERR_INVALID_ARG);
    c.id = 987654321;
    c.decided = D("2025-03-14");
    CHECK(gk_store_case_update(s, &WHO, &c, &err) == GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "no case"));
    gk_case orphan = got;
    orphan.app_id = 987654321;
    CHECK(gk_store_case_add(s, &WHO, &orphan, &err) == GK_ERR_INVALID_ARG);
}

static void test_t2(gk_store *s, int64_t agency)
{
    gk_error err;
    CHECK(gk_store_t2_set(s, &WHO, agency, 2024, "t2.reg.issued", "3", &err) == GK_OK);
    CHECK(gk_store_t2_set(s, &WHO, agency, 2024, "t2.admin_fee.amount_wan", "12.5", &err) == GK_OK);
    CHECK(gk_store_t2_set(s, &WHO, agency, 2024, "t2.reg.issued", "4", &err) == GK_OK);
    CHECK(gk_store_t2_set(s, &WHO, agency, 2024, "t2.nd.issued", "1", &err) == GK_OK);
    CHECK(gk_store_t2_set(s, &WHO, agency, 2024, "t2.nd.issued", NULL, &err) == GK_OK);
    CHECK(gk_store_t2_set(s, &WHO, agency, 2024, "t2.reg'; --", "1", &err) == GK_ERR_INVALID_ARG);
    CHECK(gk_store_t2_set(s, &WHO, agency, 2024, "t2.reg.issued", "1'; --", &err) ==
          GK_ERR_INVALID_ARG);
    CHECK(gk_store_t2_set(s, &WHO, agency, 20240, "t2.reg.issued", "1", &err) ==
          GK_ERR_INVALID_ARG);
    CHECK(gk_store_t2_set(s, &WHO, 987654321, 2024, "t2.reg.issued", "1", &err) ==
          GK_ERR_INVALID_ARG);
    gk_t2_figure *f;
    size_t n;
    CHECK(gk_store_t2_get(s, agency, 2024, &f, &n, &err) == GK_OK);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_STR(f[0].key, "t2.admin_fee.amount_wan");
        CHECK_STR(f[0].value, "12.5");
        CHECK_STR(f[1].key, "t2.reg.issued");
        CHECK_STR(f[1].value, "4");
    }
    free(f);
    CHECK(gk_store_t2_get(s, agency, 2023, &f, &n, &err) == GK_OK && n == 0 && !f);
}

static void test_users(gk_store *s, const env *e)
{
    gk_error err;
    char name[GK_PERSON_MAX + 1];
    snprintf(name, sizeof name, "%.60s-%s", META, e->tag);
    int64_t id = 0;
    CHECK_MSG(gk_store_user_add(s, &WHO, name, "正确的密码 correct horse", GK_ROLE_CLERK, &id,
                                &err) == GK_OK,
              "%s", err.msg);
    CHECK(id > 0);
    json_t *j = last_audit(s, e);
    char *text = json_dumps(j, 0);
    CHECK_STR(jget(j, "action", NULL), "user.add");
    CHECK_STR(jget(j, "details", "name"), name);
    CHECK(text && !strstr(text, "correct horse") && !strstr(text, "argon2"));
    free(text);
    json_decref(j);
    char *hash =
        raw(e, "SELECT pw_hash FROM users WHERE id = (SELECT MAX(id) FROM users)", 0, NULL);
    CHECK(hash && strncmp(hash, "$argon2id$", 10) == 0);
    free(hash);

    gk_user u;
    int ok;
    CHECK(gk_store_user_check(s, name, "正确的密码 correct horse", &u, &ok, &err) == GK_OK && ok);
    CHECK_INT(u.id, id);
    CHECK_STR(u.name, name);
    CHECK_INT(u.role, GK_ROLE_CLERK);
    CHECK(gk_store_user_check(s, name, "正确的密码 correct horsE", &u, &ok, &err) == GK_OK && !ok);
    CHECK(gk_store_user_check(s, name, "", &u, &ok, &err) == GK_OK && !ok);
    CHECK(gk_store_user_check(s, "no such user", "whatever12", &u, &ok, &err) == GK_OK && !ok);
    CHECK(gk_store_user_check(s, "' OR '1'='1", "' OR '1'='1", &u, &ok, &err) == GK_OK && !ok);
    CHECK(gk_store_user_add(s, &WHO, name, "another password", GK_ROLE_ADMIN, NULL, &err) ==
          GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "已存在"));
    CHECK(gk_store_user_add(s, &WHO, "short-pw", "1234567", GK_ROLE_ADMIN, NULL, &err) ==
          GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "8"));
    CHECK(gk_store_user_set_role(s, &WHO, name, GK_ROLE_APPROVER, &err) == GK_OK);
    CHECK(gk_store_user_get(s, name, &u, &ok, &err) == GK_OK && ok && u.role == GK_ROLE_APPROVER);
    CHECK(gk_store_user_set_role(s, &WHO, "no such user", GK_ROLE_ADMIN, &err) ==
          GK_ERR_INVALID_ARG);
    CHECK(gk_store_user_set_password(s, &WHO, name, "新的密码 new password", &err) == GK_OK);
    CHECK(gk_store_user_check(s, name, "正确的密码 correct horse", &u, &ok, &err) == GK_OK && !ok);
    CHECK(gk_store_user_check(s, name, "新的密码 new password", &u, &ok, &err) == GK_OK && ok);
    CHECK_INT(u.role, GK_ROLE_APPROVER);
}

/* ---- sessions ---- */

/* Rows of the sessions table with this hash (expired or not). */
static long long session_rows(const env *e, const char *hash)
{
    const char *params[] = {hash};
    char *v = raw(e, "SELECT COUNT(*) FROM sessions WHERE token_hash = $1", 1, params);
    long long n = v && *v ? strtoll(v, NULL, 10) : -1;
    free(v);
    return n;
}

/* A session hash made unique per run: "TAG-n" after the metacharacters. */
static const char *hash_of(const env *e, int n)
{
    static char buf[4][GK_SESSION_KEY_MAX + 1];
    static int i;
    i = (i + 1) % 4;
    snprintf(buf[i], sizeof buf[i], "%s-%s-%d", META, e->tag, n);
    return buf[i];
}

static void test_sessions(gk_store *s, const env *e)
{
    gk_error err;
    char user[GK_PERSON_MAX + 1];
    snprintf(user, sizeof user, "会话 %.60s-%s", META, e->tag);
    CHECK_MSG(gk_store_user_add(s, &WHO, user, "session password", GK_ROLE_CLERK, NULL, &err) ==
                  GK_OK,
              "%s", err.msg);
    long long audits = audit_count(e);
    int64_t now = (int64_t)time(NULL);
    gk_session got;
    int found = -1;

    /* added and read back exactly: metacharacters in the hash, the user and the CSRF token */
    CHECK_MSG(gk_store_session_add(s, hash_of(e, 1), user, META, now + 3600, &err) == GK_OK, "%s",
              err.msg);
    CHECK(gk_store_session_get(s, hash_of(e, 1), &got, &found, &err) == GK_OK && found == 1);
    CHECK_STR(got.user, user);
    CHECK_STR(got.csrf, META);
    CHECK_INT(got.expires_at, now + 3600);
    const char *p1[] = {hash_of(e, 1)};
    char *exp = raw(e, "SELECT expires_at FROM sessions WHERE token_hash = $1", 1, p1);
    CHECK(exp && strlen(exp) == 27 && exp[10] == 'T' && strcmp(exp + 19, ".000000Z") == 0);
    free(exp);
    /* another connection sees it (committed) */
    gk_store *other = open_store(e);
    CHECK(other && gk_store_session_get(other, hash_of(e, 1), &got, &found, &err) == GK_OK &&
          found == 1);
    gk_store_close(other);
    /* a hash that is not there, and injections, find nothing */
    CHECK(gk_store_session_get(s, hash_of(e, 99), &got, &found, &err) == GK_OK && found == 0);
    CHECK(gk_store_session_get(s, "' OR '1'='1", &got, &found, &err) == GK_OK && found == 0);
    CHECK(gk_store_session_get(s, "%", &got, &found, &err) == GK_OK && found == 0);

    /* refused: nothing written */
    long long rows = raw_int(e, "SELECT COUNT(*) FROM sessions");
    CHECK(gk_store_session_add(s, hash_of(e, 1), user, "x", now + 60, &err) == GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "已存在"));
    CHECK(gk_store_session_add(s, hash_of(e, 2), "no such user", "x", now + 60, &err) ==
          GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "没有用户"));
    CHECK(gk_store_session_add(s, "", user, "x", now + 60, &err) == GK_ERR_INVALID_ARG);
    CHECK(gk_store_session_add(s, hash_of(e, 2), user, "", now + 60, &err) == GK_ERR_INVALID_ARG);
    CHECK(gk_store_session_add(s, hash_of(e, 2), user, "bad \xff utf-8", now + 60, &err) ==
          GK_ERR_INVALID_ARG);
    char longhash[GK_SESSION_KEY_MAX + 2];
    memset(longhash, 'a', sizeof longhash - 1);
    longhash[sizeof longhash - 1] = '\0';
    CHECK(gk_store_session_add(s, longhash, user, "x", now + 60, &err) == GK_ERR_INVALID_ARG);
    CHECK(gk_store_session_get(s, longhash, &got, &found, &err) == GK_ERR_INVALID_ARG);
    CHECK(gk_store_session_add(s, hash_of(e, 2), user, "x", -1, &err) == GK_ERR_INVALID_ARG);
    CHECK_INT(raw_int(e, "SELECT COUNT(*) FROM sessions"), rows);

    /* expiry: expired and expiring-now sessions are stored but not found */
    CHECK(gk_store_session_add(s, hash_of(e, 3), user, "c3", now - 10, &err) == GK_OK);
    CHECK(gk_store_session_add(s, hash_of(e, 4), user, "c4", now, &err) == GK_OK);
    CHECK(gk_store_session_add(s, hash_of(e, 5), user, "c5", now + 3600, &err) == GK_OK);
    CHECK(gk_store_session_add(s, hash_of(e, 6), user, "c6", 253402300799LL, &err) == GK_OK);
    CHECK(gk_store_session_get(s, hash_of(e, 3), &got, &found, &err) == GK_OK && found == 0);
    CHECK(gk_store_session_get(s, hash_of(e, 4), &got, &found, &err) == GK_OK && found == 0);
    CHECK(gk_store_session_get(s, hash_of(e, 6), &got, &found, &err) == GK_OK && found == 1);
    CHECK_INT(got.expires_at, 253402300799LL);
    CHECK_INT(session_rows(e, hash_of(e, 3)), 1);

    /* purge: the expired ones go, the others stay */
    CHECK(gk_store_session_purge(s, -1, &err) == GK_ERR_INVALID_ARG);
    CHECK_MSG(gk_store_session_purge(s, now, &err) == GK_OK, "%s", err.msg);
    CHECK_INT(session_rows(e, hash_of(e, 3)), 0);
    CHECK_INT(session_rows(e, hash_of(e, 4)), 0);
    CHECK_INT(session_rows(e, hash_of(e, 5)), 1);
    CHECK_INT(session_rows(e, hash_of(e, 1)), 1);
    CHECK(gk_store_session_get(s, hash_of(e, 5), &got, &found, &err) == GK_OK && found == 1);
    CHECK_STR(got.csrf, "c5");

    /* delete: gone at once; deleting again is no error */
    CHECK(gk_store_session_delete(s, hash_of(e, 1), &err) == GK_OK);
    CHECK(gk_store_session_get(s, hash_of(e, 1), &got, &found, &err) == GK_OK && found == 0);
    CHECK_INT(session_rows(e, hash_of(e, 1)), 0);
    CHECK(gk_store_session_delete(s, hash_of(e, 1), &err) == GK_OK);
    CHECK(gk_store_session_delete(s, "' OR '1'='1", &err) == GK_OK);
    CHECK_INT(session_rows(e, hash_of(e, 5)), 1);
    CHECK(gk_store_session_delete(s, "", &err) == GK_ERR_INVALID_ARG);

    /* in a batch: all or nothing */
    CHECK(gk_store_begin(s, &err) == GK_OK);
    CHECK(gk_store_session_add(s, hash_of(e, 7), user, "c7", now + 60, &err) == GK_OK);
    CHECK(gk_store_session_delete(s, hash_of(e, 5), &err) == GK_OK);
    gk_store_rollback(s);
    CHECK_INT(session_rows(e, hash_of(e, 7)), 0);
    CHECK_INT(session_rows(e, hash_of(e, 5)), 1);
    CHECK(gk_store_begin(s, &err) == GK_OK);
    CHECK(gk_store_session_add(s, hash_of(e, 7), user, "c7", now + 60, &err) == GK_OK);
    CHECK(gk_store_commit(s, &err) == GK_OK);
    CHECK(gk_store_session_get(s, hash_of(e, 7), &got, &found, &err) == GK_OK && found == 1);

    /* not audited */
    CHECK_INT(audit_count(e), audits);
    /* leave no session behind (a PostgreSQL database may be reused) */
    for (int i = 5; i <= 7; i++)
        CHECK(gk_store_session_delete(s, hash_of(e, i), &err) == GK_OK);
}

/* ---- batches ---- */

static void test_batch(gk_store *s, const env *e, int64_t agency)
{
    gk_error err;
    long long apps = app_count(e), audits = audit_count(e), events = event_count(e);
    CHECK(gk_store_begin(s, &err) == GK_OK);
    CHECK(gk_store_begin(s, &err) == GK_ERR_INVALID_ARG); /* no nesting */
    int64_t a1 = add_app(s, agency, "2025-01-06");
    add_app(s, agency, "2025-01-07");
    gk_event ev = mk_event(a1, GK_EV_REPLY, "2025-01-08");
    strcpy(ev.outcome, "grant");
    CHECK(add_event(s, &ev, &err) == GK_OK);
    gk_application bad = new_app(agency, "2025-01-08");
    strcpy(bad.applicant_type, "nobody");
    CHECK(gk_store_app_add(s, &WHO, &bad, &err) == GK_ERR_INVALID_ARG);
    gk_application more = new_app(agency, "2025-01-09");
    CHECK(gk_store_app_add(s, &WHO, &more, &err) == GK_ERR_INVALID_ARG); /* the batch failed */
    CHECK(strstr(err.msg, "batch"));
    CHECK(gk_store_commit(s, &err) == GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "rolled back"));
    CHECK_INT(app_count(e), apps);
    CHECK_INT(event_count(e), events);
    CHECK_INT(audit_count(e), audits);

    CHECK(gk_store_begin(s, &err) == GK_OK);
    add_app(s, agency, "2025-01-06");
    gk_store_rollback(s);
    CHECK_INT(app_count(e), apps);
    CHECK_INT(audit_count(e), audits);

    CHECK(gk_store_begin(s, &err) == GK_OK);
    for (int i = 0; i < 20; i++)
        add_app(s, agency, "2025-02-10");
    CHECK(gk_store_commit(s, &err) == GK_OK);
    CHECK_INT(app_count(e), apps + 20);
    CHECK_INT(audit_count(e), audits + 20);
    CHECK(gk_store_commit(s, &err) == GK_ERR_INVALID_ARG); /* none open */
    int64_t n;
    CHECK(gk_store_audit_verify(s, &n, &err) == GK_OK);
}

/* ---- the audit chain ---- */

/* Entry k's columns, copied: id, time, actor, action, object, details, hash. */
typedef struct entry_copy {
    char *col[7];
} entry_copy;

static int entry_cb(void *ctx, const gk_audit_entry *a)
{
    entry_copy *c = ctx;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)a->id);
    const char *cols[7] = {id, a->at, a->actor, a->action, a->object, a->details, a->hash};
    for (int i = 0; i < 7; i++)
        c->col[i] = strdup(cols[i]);
    return 1;
}

/* Sets column `col` of audit entry k to value directly in SQL. */
static void tamper(const env *e, const char *col, const char *value, const char *k)
{
    char sql[128];
    snprintf(sql, sizeof sql, "UPDATE audit_log SET %s = $1 WHERE id = CAST($2 AS BIGINT)", col);
    const char *params[] = {value, k};
    char *r = raw(e, sql, 2, params);
    CHECK_MSG(r != NULL, "tampering with %s", col);
    free(r);
}

static void test_audit(gk_store *s, const env *e)
{
    gk_error err;
    int64_t n = 0;
    CHECK_MSG(gk_store_audit_verify(s, &n, &err) == GK_OK, "%s", err.msg);
    CHECK_INT(n, raw_int(e, "SELECT MAX(id) FROM audit_log"));
    CHECK(n > 10);

    /* entry k altered directly in SQL: verify names it; restoring it repairs the chain */
    int64_t k = n - 3;
    char kbuf[24], want_zh[64], want_en[64];
    snprintf(kbuf, sizeof kbuf, "%lld", (long long)k);
    snprintf(want_zh, sizeof want_zh, "第 %lld 条", (long long)k);
    snprintf(want_en, sizeof want_en, "audit entry %lld does not match", (long long)k);
    entry_copy row = {{NULL}};
    gk_store_audit_list(s, k - 1, entry_cb, &row, &err);
    if (!row.col[6]) {
        CHECK_MSG(0, "audit entry %lld not listed", (long long)k);
        return;
    }
    static const char *const cols[] = {"details", "actor", "action", "object", "logged_at", "hash"};
    static const int idx[] = {5, 2, 3, 4, 1, 6};
    for (int i = 0; i < 6; i++) {
        tamper(e, cols[i], i == 0 ? "{\"note\":\"nothing happened\"}" : "x", kbuf);
        gk_status st = gk_store_audit_verify(s, &n, &err);
        CHECK_MSG(st == GK_ERR_INVALID_ARG && strstr(err.msg, want_zh) && strstr(err.msg, want_en),
                  "tampered %s: %s", cols[i], err.msg);
        CHECK_INT(n, k - 1);
        tamper(e, cols[i], row.col[idx[i]], kbuf);
        CHECK_MSG(gk_store_audit_verify(s, &n, &err) == GK_OK, "restored %s: %s", cols[i], err.msg);
    }

    /* entry k deleted, then put back */
    const char *del[] = {kbuf};
    free(raw(e, "DELETE FROM audit_log WHERE id = CAST($1 AS BIGINT)", 1, del));
    CHECK(gk_store_audit_verify(s, &n, &err) == GK_ERR_INVALID_ARG);
    snprintf(want_en, sizeof want_en, "audit entry %lld is missing", (long long)k);
    CHECK_MSG(strstr(err.msg, want_en), "%s", err.msg);
    free(raw(e,
             "INSERT INTO audit_log (id, logged_at, actor, action, object, details, hash) VALUES "
             "(CAST($1 AS BIGINT), $2, $3, $4, $5, $6, $7)",
             7, (const char *const *)row.col));
    CHECK_MSG(gk_store_audit_verify(s, &n, &err) == GK_OK, "%s", err.msg);

    /* the last entry deleted: the head still names it */
    int64_t last = n;
    entry_copy tail = {{NULL}};
    gk_store_audit_list(s, last - 1, entry_cb, &tail, &err);
    snprintf(kbuf, sizeof kbuf, "%lld", (long long)last);
    free(raw(e, "DELETE FROM audit_log WHERE id = CAST($1 AS BIGINT)", 1, del));
    CHECK(gk_store_audit_verify(s, &n, &err) == GK_ERR_INVALID_ARG);
    snprintf(want_en, sizeof want_en, "audit entry %lld is missing", (long long)last);
    CHECK_MSG(strstr(err.msg, want_en), "%s", err.msg);
    if (tail.col[0])
        free(raw(e,
                 "INSERT INTO audit_log (id, logged_at, actor, action, object, details, hash) "
                 "VALUES (CAST($1 AS BIGINT), $2, $3, $4, $5, $6, $7)",
                 7, (const char *const *)tail.col));
    CHECK_MSG(gk_store_audit_verify(s, &n, &err) == GK_OK, "%s", err.msg);

    /* an entry forged after the head, and the head itself altered */
    char next[24];
    snprintf(next, sizeof next, "%lld", (long long)last + 1);
    const char *forged[] = {next, "2025-01-01T00:00:00.000000Z", "intruder", "app.add", "app:1",
                            "{}", tail.col[6] ? tail.col[6] : ""};
    free(raw(e,
             "INSERT INTO audit_log (id, logged_at, actor, action, object, details, hash) VALUES "
             "(CAST($1 AS BIGINT), $2, $3, $4, $5, $6, $7)",
             7, forged));
    CHECK(gk_store_audit_verify(s, &n, &err) == GK_ERR_INVALID_ARG);
    snprintf(want_en, sizeof want_en, "audit entry %lld is after the chain's head",
             (long long)last + 1);
    CHECK_MSG(strstr(err.msg, want_en), "%s", err.msg);
    const char *del_next[] = {next};
    free(raw(e, "DELETE FROM audit_log WHERE id = CAST($1 AS BIGINT)", 1, del_next));
    char *head = raw(e, "SELECT last_hash FROM audit_head WHERE id = 1", 0, NULL);
    const char *zero[] = {"00000000000000000000000000000000000000000000000000000000000000ff"};
    free(raw(e, "UPDATE audit_head SET last_hash = $1 WHERE id = 1", 1, zero));
    CHECK(gk_store_audit_verify(s, &n, &err) == GK_ERR_INVALID_ARG);
    CHECK_MSG(strstr(err.msg, "the audit head does not match"), "%s", err.msg);
    const char *back_head[] = {head ? head : ""};
    free(raw(e, "UPDATE audit_head SET last_hash = $1 WHERE id = 1", 1, back_head));
    free(head);
    CHECK_MSG(gk_store_audit_verify(s, &n, &err) == GK_OK, "%s", err.msg);
    for (int i = 0; i < 7; i++) {
        free(row.col[i]);
        free(tail.col[i]);
    }
}

/* ---- closed years and amendments ---- */

static void test_years(gk_store *s, const env *e, int64_t agency)
{
    gk_error err;
    int64_t app2024 = add_app(s, agency, "2024-11-04");
    gk_case c;
    memset(&c, 0, sizeof c);
    c.app_id = app2024;
    c.kind = GK_CASE_REVIEW;
    c.filed = D("2024-12-02");
    c.result = GK_RESULT_PENDING;
    c.decided = GK_DATE_NONE;
    CHECK(gk_store_case_add(s, &WHO, &c, &err) == GK_OK);
    CHECK(gk_store_t2_set(s, &WHO, agency, 2024, "t2.license.decisions", "15", &err) == GK_OK);

    int closed = 1;
    CHECK(gk_store_year_is_closed(s, agency, 2024, &closed, &err) == GK_OK && !closed);
    CHECK(gk_store_year_close(s, &WHO, agency, 2024, &err) == GK_OK);
    CHECK(gk_store_year_is_closed(s, agency, 2024, &closed, &err) == GK_OK && closed);
    CHECK(gk_store_year_close(s, &WHO, agency, 2024, &err) == GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "already closed"));

    long long apps = app_count(e), audits = audit_count(e), events = event_count(e);
    /* refused without a reason: an application, an event, T2, a case change in 2024 */
    gk_application a = new_app(agency, "2024-12-30");
    CHECK(gk_store_app_add(s, &WHO, &a, &err) == GK_ERR_INVALID_ARG);
    CHECK_MSG(strstr(err.msg, "2024 年度已关闭") && strstr(err.msg, "amendment reason"), "%s",
              err.msg);
    gk_event ev = mk_event(app2024, GK_EV_REPLY, "2024-12-20");
    strcpy(ev.outcome, "grant");
    CHECK(add_event(s, &ev, &err) == GK_ERR_INVALID_ARG);
    CHECK(strstr(err.msg, "2024"));
    CHECK(gk_store_t2_set(s, &WHO, agency, 2024, "t2.license.decisions", "16", &err) ==
          GK_ERR_INVALID_ARG);
    gk_case upd = c;
    upd.result = GK_RESULT_UPHELD;
    upd.decided = D("2024-12-20"); /* changes T4 of 2024 */
    CHECK(gk_store_case_update(s, &WHO, &upd, &err) == GK_ERR_INVALID_ARG);
    CHECK_INT(app_count(e), apps);
    CHECK_INT(event_count(e), events);
    CHECK_INT(audit_count(e), audits);

    /* allowed without a reason: what does not touch 2024 */
    upd.decided = D("2025-01-15"); /* as of 2024-12-31 still pending: T4 2024 unchanged */
    CHECK_MSG(gk_store_case_update(s, &WHO, &upd, &err) == GK_OK, "%s", err.msg);
    gk_event later = mk_event(app2024, GK_EV_REPLY, "2025-01-06");
    strcpy(later.outcome, "grant");
    CHECK_MSG(add_event(s, &later, &err) == GK_OK, "%s", err.msg);
    CHECK(gk_store_t2_set(s, &WHO, agency, 2025, "t2.license.decisions", "3", &err) == GK_OK);
    int64_t other = add_agency(s, e, "另一机关");
    CHECK(add_app(s, other, "2024-12-30") > 0); /* another agency's 2024 is open */

    /* with a reason: done, and recorded as amendments */
    gk_who amend = {"管理员", "补录遗漏的申请 " META, D("2025-06-30")};
    a = new_app(agency, "2024-12-30");
    CHECK_MSG(gk_store_app_add(s, &amend, &a, &err) == GK_OK, "%s", err.msg);
    CHECK(gk_store_t2_set(s, &amend, agency, 2024, "t2.license.decisions", "16", &err) == GK_OK);
    json_t *j = last_audit(s, e);
    CHECK_STR(jget(json_object_get(j, "details"), "amendment", "reason"), "补录遗漏的申请 " META);
    CHECK_INT(
        json_integer_value(json_array_get(
            json_object_get(json_object_get(json_object_get(j, "details"), "amendment"), "years"),
            0)),
        2024);
    json_decref(j);
    gk_amendment *am;
    size_t n;
    CHECK(gk_store_amendments(s, agency, 2024, &am, &n, &err) == GK_OK);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_STR(am[0].action, "app.add");
        CHECK_STR(am[0].reason, "补录遗漏的申请 " META);
        CHECK_STR(am[0].actor, "管理员");
        CHECK_INT(am[0].year, 2024);
        CHECK(am[0].audit_id > 0 && am[1].audit_id == am[0].audit_id + 1);
        CHECK_STR(am[1].action, "t2.set");
        char object[96];
        snprintf(object, sizeof object, "t2:%lld:2024:t2.license.decisions", (long long)agency);
        CHECK_STR(am[1].object, object);
    }
    free(am);
    CHECK(gk_store_amendments(s, agency, 2025, &am, &n, &err) == GK_OK && n == 0);
    gk_t2_figure *f;
    CHECK(gk_store_t2_get(s, agency, 2024, &f, &n, &err) == GK_OK && n == 1);
    CHECK_STR(n ? f[0].value : "", "16");
    free(f);
}

/* ---- two writers at once ---- */

static pthread_barrier_t barrier; /* both workers start writing at once */

typedef struct worker {
    const env *e;
    int64_t app, agency;
    int phase;
    int ok, refused, errors;
    char last_error[256];
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    gk_store *s = NULL;
    gk_error err;
    int opened = gk_store_open(w->e->url, &s, &err) == GK_OK;
    pthread_barrier_wait(&barrier);
    if (!opened) {
        w->errors++;
        snprintf(w->last_error, sizeof w->last_error, "%s", err.msg);
        return NULL;
    }
    for (int i = 0; i < (w->phase == 3 ? 25 : w->phase == 4 ? 1 : 20); i++) {
        gk_status st;
        if (w->phase == 1) { /* one-day extensions: only 20 in all fit */
            gk_event ev = mk_event(w->app, GK_EV_EXTENSION, "2025-06-03");
            ev.days = 1;
            strcpy(ev.approver, "审批人");
            st = add_event(s, &ev, &err);
        } else if (w->phase == 2) { /* consultations opened and closed by either thread */
            gk_event ev = mk_event(w->app, GK_EV_CONSULT_START, "2025-06-04");
            ev.consult = GK_CONSULT_AGENCY;
            st = add_event(s, &ev, &err);
            if (st == GK_ERR_INVALID_ARG) {
                ev = mk_event(w->app, GK_EV_CONSULT_END, "2025-06-04");
                st = add_event(s, &ev, &err);
            }
        } else if (w->phase == 3) { /* new applications */
            gk_application a = new_app(w->agency, "2025-06-05");
            st = gk_store_app_add(s, &WHO, &a, &err);
        } else { /* the reply: only one */
            gk_event ev = mk_event(w->app, GK_EV_REPLY, "2025-06-06");
            strcpy(ev.outcome, "grant");
            st = add_event(s, &ev, &err);
        }
        nanosleep(&(struct timespec){0, 300000}, NULL); /* let the other writer in */
        if (st == GK_OK) {
            w->ok++;
        } else if (st == GK_ERR_INVALID_ARG) {
            w->refused++;
        } else {
            w->errors++;
            snprintf(w->last_error, sizeof w->last_error, "%s", err.msg);
        }
    }
    gk_store_close(s);
    return NULL;
}

/* Runs two workers of a phase at once; returns the ok and refused counts summed. */
static void run_two(const env *e, int phase, int64_t app, int64_t agency, int *ok, int *refused)
{
    worker w[2];
    pthread_t t[2];
    pthread_barrier_init(&barrier, NULL, 2);
    for (int i = 0; i < 2; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].e = e;
        w[i].phase = phase;
        w[i].app = app;
        w[i].agency = agency;
        pthread_create(&t[i], NULL, work, &w[i]);
    }
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&barrier);
    printf("  %s phase %d: ok %d + %d, refused %d + %d\n", e->name, phase, w[0].ok, w[1].ok,
           w[0].refused, w[1].refused);
    for (int i = 0; i < 2; i++)
        CHECK_MSG(w[i].errors == 0, "phase %d worker %d: %s", phase, i, w[i].last_error);
    *ok = w[0].ok + w[1].ok;
    *refused = w[0].refused + w[1].refused;
}

static void test_concurrent(gk_store *s, const env *e, int64_t agency)
{
    gk_error err;
    int64_t app = add_app(s, agency, "2025-06-02");
    int ok, refused;
    run_two(e, 1, app, agency, &ok, &refused);
    CHECK_INT(ok, 20);
    CHECK_INT(refused, 20);
    run_two(e, 2, app, agency, &ok, &refused);
    int consults = ok;
    CHECK_INT(ok + refused, 40);
    gk_event *log;
    size_t n;
    CHECK(gk_store_event_list(s, app, &log, &n, &err) == GK_OK);
    CHECK_INT(n, 20 + consults);
    gk_application a;
    int found;
    CHECK(gk_store_app_get(s, app, &a, &found, &err) == GK_OK && found);
    CHECK_MSG(gk_event_log_check(&a, log, n, D("2025-06-30"), &err) == GK_OK, "%s", err.msg);
    int ext = 0;
    for (size_t i = 0; i < n; i++) {
        CHECK_INT(log[i].seq, (int)i + 1);
        ext += log[i].kind == GK_EV_EXTENSION ? log[i].days : 0;
    }
    CHECK_INT(ext, 20);
    if (n && log[n - 1].kind == GK_EV_CONSULT_START) {
        gk_event end = mk_event(app, GK_EV_CONSULT_END, "2025-06-04");
        CHECK(add_event(s, &end, &err) == GK_OK);
    }
    free(log);
    run_two(e, 4, app, agency, &ok, &refused);
    CHECK_INT(ok, 1);
    CHECK_INT(refused, 1);

    long long apps = app_count(e);
    run_two(e, 3, app, agency, &ok, &refused);
    CHECK_INT(ok, 50);
    CHECK_INT(app_count(e), apps + 50);
    CHECK_INT(raw_int(e, "SELECT COUNT(DISTINCT tracking) - COUNT(*) FROM applications"), 0);
    int64_t count;
    CHECK_MSG(gk_store_audit_verify(s, &count, &err) == GK_OK, "%s", err.msg);
}

/* ---- the suite ---- */

static void suite(env *e)
{
    int before = t_failed;
    snprintf(e->tag, sizeof e->tag, "%lx%x", (unsigned long)time(NULL), (unsigned)getpid());
    test_open(e);
    gk_store *s = open_store(e);
    if (!s)
        return;
    test_agencies(s, e);
    int64_t agency = add_agency(s, e, "申请机关 " META);
    test_applications(s, e, agency);
    test_app_lists(s, e);
    test_events(s, e, agency);
    test_cases(s, agency);
    test_t2(s, agency);
    test_users(s, e);
    test_sessions(s, e);
    test_batch(s, e, agency);
    test_years(s, e, add_agency(s, e, "年度机关"));
    test_concurrent(s, e, add_agency(s, e, "并发机关"));
    test_audit(s, e); /* tampers with rows and puts them back: the chain verifies after */
    gk_store_close(s);
    printf("%s: %s (%d failed)\n", e->name, t_failed == before ? "ok" : "FAILED",
           t_failed - before);
}

int main(int argc, char **argv)
{
    cal = t_calendar(argc > 1 ? argv[1] : ".");
    init_who();
    test_bad_urls();

    char dir[] = "/tmp/gk-store-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    env sq = {"SQLite", "", 0, "", ""};
    snprintf(sq.sqlite_path, sizeof sq.sqlite_path, "%s/store.db", dir);
    snprintf(sq.url, sizeof sq.url, "sqlite:%s", sq.sqlite_path);
    suite(&sq);
    char f[300];
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(f, sizeof f, "%s%s", sq.sqlite_path, suffixes[i]);
        unlink(f);
    }
    rmdir(dir);

    const char *pg = getenv("GK_TEST_PG");
    if (pg && *pg) {
        env p = {"PostgreSQL", "", 1, "", ""};
        snprintf(p.url, sizeof p.url, "%s", pg);
        if (load_libpq() != 0) {
            CHECK_MSG(0, "cannot load libpq.so.5 for raw SQL: %s", dlerror());
        } else {
            printf("PostgreSQL: testing at %s\n", pg);
            suite(&p);
        }
    } else {
        printf("PostgreSQL: skipped (GK_TEST_PG is not set; scripts/pg-test start gives a "
               "server)\n");
    }
    gk_calendar_free(cal);
    return t_report();
}
