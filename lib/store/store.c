/*
 * store.c — the store (store.h): opening by URL, the query helpers every file uses, write
 * transactions and batches, closed years and amendments, and the records — agencies,
 * applications, events, cases, T2 figures. Users are in users.c, the audit log in audit.c,
 * the schema in migrate.c, the two backends in sqlite.c and pg.c.
 *
 * Every write: write_begin (the transaction and the write lock), the rules of work.h against
 * what the database holds now, the change, its audit entry and its amendments, write_end
 * (commit, or roll back on any error). Nothing is written before the checks pass.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "../core/arena.h"
#include "store_int.h"

/* ---- errors, times ---- */

void store_now(char buf[GK_TIME_MAX + 1])
{
    struct timespec ts;
    struct tm tm;
    char tmp[96];
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000);
    snprintf(buf, GK_TIME_MAX + 1, "%.31s", tmp);
}

/* Room for one more element after n in an array of *cap (doubled when full). */
static void *grow_array(void *v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return v;
    *cap = *cap ? *cap * 2 : 16;
    v = realloc(v, *cap * size);
    if (!v)
        gk_oom();
    return v;
}

static gk_date today_of(const gk_who *who)
{
    return who->today != GK_DATE_NONE ? who->today : gk_date_today();
}

static int year_of(gk_date d)
{
    int y = 0;
    if (d != GK_DATE_NONE)
        gk_date_ymd(d, &y, NULL, NULL);
    return y;
}

gk_status check_change(const gk_who *who, gk_error *err)
{
    char actor[GK_PERSON_MAX + 1];
    if (!who || !who->actor || !who->actor[0])
        return gk_fail(err, GK_ERR_INVALID_ARG, "缺少操作人 / the change has no actor");
    gk_status st = gk_field_set(actor, sizeof actor, who->actor, "actor", 0, err);
    if (st == GK_OK && who->reason && strlen(who->reason) > GK_NOTE_MAX)
        st = gk_fail(err, GK_ERR_INVALID_ARG,
                     "更正理由超过 %d 字节 / the reason is longer "
                     "than %d bytes",
                     GK_NOTE_MAX, GK_NOTE_MAX);
    if (st == GK_OK && who->reason)
        st = gk_field_check(who->reason, strlen(who->reason) + 1, "reason", 1, err);
    return st;
}

/* ---- queries ---- */

char *sql_subst(const gk_backend *be, const char *sql)
{
    size_t cap = strlen(sql) * 2 + 256, n = 0;
    char *out = malloc(cap);
    if (!out)
        gk_oom();
    for (const char *p = sql; *p;) {
        const char *rep = NULL;
        size_t mlen = 0;
        for (const char *const *m = be->subst; *p == '@' && m[0]; m += 2)
            if (strncmp(p, m[0], strlen(m[0])) == 0) {
                rep = m[1];
                mlen = strlen(m[0]);
                break;
            }
        size_t add = rep ? strlen(rep) : 1;
        if (n + add + 1 > cap) {
            cap = (n + add + 1) * 2;
            char *grown = realloc(out, cap);
            if (!grown)
                gk_oom();
            out = grown;
        }
        if (rep) {
            memcpy(out + n, rep, add);
            p += mlen;
        } else {
            out[n] = *p++;
        }
        n += add;
    }
    out[n] = '\0';
    return out;
}

static gk_status vquery(gk_store *s, gk_stmt **out, gk_error *err, const char *sql, const char *fmt,
                        va_list ap)
{
    char *q = sql_subst(s->be, sql);
    gk_stmt *st = NULL;
    gk_status rc = s->be->prepare(s, q, &st, err);
    free(q);
    *out = NULL;
    if (rc != GK_OK)
        return rc;
    for (int i = 0; fmt[i]; i++) {
        char date[11];
        gk_date d;
        switch (fmt[i]) {
        case 't':
            s->be->bind_text(st, i + 1, va_arg(ap, const char *));
            break;
        case 'i':
            s->be->bind_int(st, i + 1, va_arg(ap, int64_t));
            break;
        case 'n':
            s->be->bind_int(st, i + 1, va_arg(ap, int));
            break;
        case 'd':
            d = (gk_date)va_arg(ap, int);
            s->be->bind_text(st, i + 1, d == GK_DATE_NONE ? NULL : gk_date_format(d, date));
            break;
        default:
            s->be->finalize(st);
            return gk_fail(err, GK_ERR_INVALID_ARG, "bad bind format '%c'", fmt[i]);
        }
    }
    *out = st;
    return GK_OK;
}

gk_status db_query(gk_store *s, gk_stmt **out, gk_error *err, const char *sql, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    gk_status rc = vquery(s, out, err, sql, fmt, ap);
    va_end(ap);
    return rc;
}

gk_status db_exec(gk_store *s, int *rows, gk_error *err, const char *sql, const char *fmt, ...)
{
    gk_stmt *st = NULL;
    va_list ap;
    va_start(ap, fmt);
    gk_status rc = vquery(s, &st, err, sql, fmt, ap);
    va_end(ap);
    if (rc != GK_OK)
        return rc;
    int r, count = 0;
    while ((r = db_step(s, st, err)) == 1)
        count++;
    db_done(s, st);
    if (rows)
        *rows = count;
    return r < 0 ? GK_ERR_IO : GK_OK;
}

int db_step(gk_store *s, gk_stmt *st, gk_error *err)
{
    return s->be->step(st, err);
}

const char *db_text(gk_store *s, gk_stmt *st, int i)
{
    const char *t = s->be->col_text(st, i);
    return t ? t : "";
}

int db_null(gk_store *s, gk_stmt *st, int i)
{
    return s->be->col_text(st, i) == NULL;
}

int64_t db_int(gk_store *s, gk_stmt *st, int i)
{
    return strtoll(db_text(s, st, i), NULL, 10);
}

gk_date db_date(gk_store *s, gk_stmt *st, int i)
{
    gk_date d;
    return gk_date_parse(db_text(s, st, i), &d) == 0 ? d : GK_DATE_NONE;
}

void db_done(gk_store *s, gk_stmt *st)
{
    if (st)
        s->be->finalize(st);
}

void db_copy(gk_store *s, gk_stmt *st, int i, char *dst, size_t size)
{
    const char *t = db_text(s, st, i);
    size_t n = strnlen(t, size - 1);
    memcpy(dst, t, n);
    dst[n] = '\0';
}

/* Runs a query that returns at most one row with one integer: *found and *value. */
static gk_status db_one_int(gk_store *s, gk_stmt *st, gk_status rc, int *found, int64_t *value,
                            gk_error *err)
{
    if (rc != GK_OK)
        return rc;
    int r = db_step(s, st, err);
    *found = r == 1;
    if (r == 1 && value)
        *value = db_int(s, st, 0);
    db_done(s, st);
    return r < 0 ? GK_ERR_IO : GK_OK;
}

/* ---- opening ---- */

gk_status gk_store_open(const char *url, gk_store **out, gk_error *err)
{
    *out = NULL;
    if (sodium_init() < 0)
        return gk_fail(err, GK_ERR_IO, "libsodium 初始化失败 / libsodium failed to start");
    if (!url)
        return gk_fail(err, GK_ERR_INVALID_ARG, "没有数据库地址 / no database URL");
    gk_store *s = calloc(1, sizeof *s);
    if (!s)
        gk_oom();
    gk_status st;
    if (strncmp(url, "sqlite:", 7) == 0) {
        const char *path = url + 7;
        if (strncmp(path, "//", 2) == 0)
            path += 2; /* sqlite:///abs/path */
        st = *path ? gk_sqlite_open(s, path, err)
                   : gk_fail(err, GK_ERR_INVALID_ARG,
                             "sqlite: 后缺少文件路径 / sqlite: needs "
                             "a file path");
    } else if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0) {
        st = gk_pg_open(s, url, err);
    } else {
        st = gk_fail(err, GK_ERR_INVALID_ARG,
                     "未知的数据库地址 / unknown database URL (use "
                     "sqlite:PATH or postgresql://…)");
    }
    if (st == GK_OK)
        st = migrate(s, err);
    if (st != GK_OK) {
        gk_store_close(s);
        return st;
    }
    *out = s;
    return GK_OK;
}

void gk_store_close(gk_store *s)
{
    if (!s)
        return;
    if (s->be && s->conn && s->in_tx)
        s->be->exec(s, "ROLLBACK", NULL);
    if (s->be && s->conn)
        s->be->close(s);
    free(s);
}

const char *gk_store_backend(const gk_store *s)
{
    return s->be->name;
}

int gk_store_schema_version(const gk_store *s)
{
    return s->schema_version;
}

/* ---- transactions ---- */

/* BEGIN and the write lock: SQLite's BEGIN IMMEDIATE has it; on PostgreSQL the audit head row,
 * which every write updates, locked first so that writers queue in one order (no deadlocks). */
static gk_status lock_begin(gk_store *s, gk_error *err)
{
    gk_status st = s->be->begin_write(s, err);
    if (st != GK_OK)
        return st;
    s->in_tx = 1;
    st = db_exec(s, NULL, err, "SELECT last_id FROM audit_head WHERE id = 1@FOR_UPDATE@", "");
    if (st != GK_OK) {
        s->be->exec(s, "ROLLBACK", NULL);
        s->in_tx = 0;
    }
    return st;
}

/* COMMIT if st is GK_OK (a failed commit is rolled back and becomes the status), else
 * ROLLBACK keeping the first error. */
static gk_status end_tx(gk_store *s, gk_status st, gk_error *err)
{
    if (st == GK_OK)
        st = s->be->exec(s, "COMMIT", err);
    if (st != GK_OK)
        s->be->exec(s, "ROLLBACK", NULL);
    s->in_tx = 0;
    return st;
}

gk_status write_begin(gk_store *s, gk_status st, gk_error *err)
{
    if (s->batch) {
        if (st == GK_OK && s->batch_failed)
            st = gk_fail(err, GK_ERR_INVALID_ARG,
                         "批处理中已有写入失败，只能回滚 / a write in the batch failed; it can "
                         "only be rolled back");
        if (st != GK_OK)
            s->batch_failed = 1;
        return st;
    }
    return st == GK_OK ? lock_begin(s, err) : st;
}

gk_status write_end(gk_store *s, gk_status st, gk_error *err)
{
    if (s->batch) {
        if (st != GK_OK)
            s->batch_failed = 1;
        return st;
    }
    return end_tx(s, st, err);
}

gk_status gk_store_begin(gk_store *s, gk_error *err)
{
    if (s->batch)
        return gk_fail(err, GK_ERR_INVALID_ARG, "批处理已开始 / a batch is already open");
    gk_status st = lock_begin(s, err);
    if (st == GK_OK) {
        s->batch = 1;
        s->batch_failed = 0;
    }
    return st;
}

gk_status gk_store_commit(gk_store *s, gk_error *err)
{
    if (!s->batch)
        return gk_fail(err, GK_ERR_INVALID_ARG, "没有打开的批处理 / no batch is open");
    int failed = s->batch_failed;
    s->batch = s->batch_failed = 0;
    if (failed) {
        end_tx(s, GK_ERR_INVALID_ARG, NULL);
        return gk_fail(err, GK_ERR_INVALID_ARG,
                       "批处理中有写入失败，已全部回滚 / a write in "
                       "the batch failed; all of it was rolled back");
    }
    return end_tx(s, GK_OK, err);
}

void gk_store_rollback(gk_store *s)
{
    if (!s->batch)
        return;
    s->batch = s->batch_failed = 0;
    end_tx(s, GK_ERR_INVALID_ARG, NULL);
}

/* ---- closed years and amendments ---- */

/* The years of one agency a change touches; after touch_check only the closed ones. */
typedef struct touch {
    int64_t agency;
    int n;
    int years[4];
} touch;

static void touch_year(touch *t, int year)
{
    for (int i = 0; i < t->n; i++)
        if (t->years[i] == year)
            return;
    if (year > 0 && t->n < 4)
        t->years[t->n++] = year;
}

/* Keeps the closed years of t; refuses a change to one without an amendment reason. */
static gk_status touch_check(gk_store *s, const gk_who *who, touch *t, gk_error *err)
{
    int k = 0;
    for (int i = 0; i < t->n; i++) {
        int found;
        gk_stmt *st = NULL;
        gk_status rc =
            db_query(s, &st, err, "SELECT 1 FROM closed_years WHERE agency_id = $1 AND year = $2",
                     "in", t->agency, t->years[i]);
        rc = db_one_int(s, st, rc, &found, NULL, err);
        if (rc != GK_OK)
            return rc;
        if (found)
            t->years[k++] = t->years[i];
    }
    t->n = k;
    if (k && (!who->reason || !who->reason[0]))
        return gk_fail(err, GK_ERR_INVALID_ARG,
                       "%d 年度已关闭：修改须作为更正并说明理由 / year %d is closed: the change "
                       "needs an amendment reason",
                       t->years[0], t->years[0]);
    return GK_OK;
}

/* The audit entry of a change (details: a new JSON object, taken) and its amendments. */
static gk_status record(gk_store *s, const gk_who *who, const touch *t, const char *action,
                        const char *object, json_t *details, gk_error *err)
{
    if (t && t->n) {
        json_t *years = json_array();
        for (int i = 0; i < t->n; i++)
            json_array_append_new(years, json_integer(t->years[i]));
        json_object_set_new(details, "amendment",
                            json_pack("{s:o,s:s}", "years", years, "reason", who->reason));
    }
    int64_t audit_id;
    gk_status st = audit_append(s, who->actor, action, object, details, &audit_id, err);
    char now[GK_TIME_MAX + 1];
    store_now(now);
    for (int i = 0; st == GK_OK && t && i < t->n; i++)
        st = db_exec(s, NULL, err,
                     "INSERT INTO amendments (agency_id, year, amended_at, actor, action, object, "
                     "reason, audit_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                     "inttttti", t->agency, t->years[i], now, who->actor, action, object,
                     who->reason, audit_id);
    return st;
}

/* Sets key to a string, or leaves it out for "" (keeps the audit details short). */
static void jstr(json_t *o, const char *key, const char *v)
{
    if (v && v[0])
        json_object_set_new(o, key, json_string(v));
}

static void jdate(json_t *o, const char *key, gk_date d)
{
    char buf[11];
    if (d != GK_DATE_NONE)
        json_object_set_new(o, key, json_string(gk_date_format(d, buf)));
}

/* ---- agencies ---- */

static gk_status agency_exists(gk_store *s, int64_t id, gk_error *err)
{
    int found;
    gk_stmt *st = NULL;
    gk_status rc = db_query(s, &st, err, "SELECT id FROM agencies WHERE id = $1", "i", id);
    rc = db_one_int(s, st, rc, &found, NULL, err);
    if (rc == GK_OK && !found)
        rc = gk_fail(err, GK_ERR_INVALID_ARG, "没有编号为 %lld 的机关 / no agency %lld",
                     (long long)id, (long long)id);
    return rc;
}

gk_status gk_store_agency_add(gk_store *s, const gk_who *who, const char *name, int64_t *id,
                              gk_error *err)
{
    gk_agency a;
    gk_status st = check_change(who, err);
    if (st == GK_OK)
        st = gk_field_set(a.name, sizeof a.name, name, "agency name", 0, err);
    if (st == GK_OK && !a.name[0])
        st = gk_fail(err, GK_ERR_INVALID_ARG, "机关名称为空 / the agency name is empty");
    if ((st = write_begin(s, st, err)) != GK_OK)
        return st;
    int found;
    gk_stmt *q = NULL;
    char now[GK_TIME_MAX + 1], object[32];
    st = db_query(s, &q, err, "SELECT id FROM agencies WHERE name = $1", "t", a.name);
    st = db_one_int(s, q, st, &found, NULL, err);
    if (st == GK_OK && found)
        st = gk_fail(err, GK_ERR_INVALID_ARG, "机关“%s”已存在 / the agency exists", a.name);
    store_now(now);
    if (st == GK_OK)
        st = db_query(s, &q, err,
                      "INSERT INTO agencies (name, created_at) VALUES ($1, $2) RETURNING id", "tt",
                      a.name, now);
    st = db_one_int(s, q, st, &found, &a.id, err);
    if (st == GK_OK) {
        snprintf(object, sizeof object, "agency:%lld", (long long)a.id);
        st = record(s, who, NULL, "agency.add", object, json_pack("{s:s}", "name", a.name), err);
    }
    st = write_end(s, st, err);
    if (st == GK_OK && id)
        *id = a.id;
    return st;
}

/* Reads at most one row of a query already run (rc its status) with `read`: *found 1 when there
 * was one. The statement is done after. */
typedef gk_status (*row_reader)(gk_store *s, gk_stmt *st, void *out, gk_error *err);

static gk_status db_one(gk_store *s, gk_stmt *st, gk_status rc, row_reader read, void *out,
                        int *found, gk_error *err)
{
    *found = 0;
    if (rc != GK_OK)
        return rc;
    int r = db_step(s, st, err);
    if (r == 1) {
        *found = 1;
        rc = read(s, st, out, err);
    }
    db_done(s, st);
    return r < 0 ? GK_ERR_IO : rc;
}

static gk_status read_agency(gk_store *s, gk_stmt *st, void *out, gk_error *err)
{
    gk_agency *a = out;
    (void)err;
    a->id = db_int(s, st, 0);
    db_copy(s, st, 1, a->name, sizeof a->name);
    return GK_OK;
}

gk_status gk_store_agency_find(gk_store *s, const char *name, gk_agency *out, int *found,
                               gk_error *err)
{
    gk_stmt *st = NULL;
    gk_status rc =
        db_query(s, &st, err, "SELECT id, name FROM agencies WHERE name = $1", "t", name);
    return db_one(s, st, rc, read_agency, out, found, err);
}

gk_status gk_store_agency_get(gk_store *s, int64_t id, gk_agency *out, int *found, gk_error *err)
{
    gk_stmt *st = NULL;
    gk_status rc = db_query(s, &st, err, "SELECT id, name FROM agencies WHERE id = $1", "i", id);
    return db_one(s, st, rc, read_agency, out, found, err);
}

gk_status gk_store_agency_list(gk_store *s, gk_agency_cb cb, void *ctx, gk_error *err)
{
    gk_stmt *st = NULL;
    gk_status rc = db_query(s, &st, err, "SELECT id, name FROM agencies ORDER BY id", "");
    if (rc != GK_OK)
        return rc;
    int r;
    gk_agency a;
    while ((r = db_step(s, st, err)) == 1) {
        a.id = db_int(s, st, 0);
        db_copy(s, st, 1, a.name, sizeof a.name);
        if (cb(ctx, &a))
            break;
    }
    db_done(s, st);
    return r < 0 ? GK_ERR_IO : GK_OK;
}

/* ---- applications ---- */

#define APP_COLS                                                                                   \
    "id, agency_id, tracking, received, channel, applicant_type, applicant_name, "                 \
    "applicant_contact, request, closed, outcome, created_at"

/* Fills every field of *a from the row (a list reuses one struct: no memset per row). */
static gk_status read_app(gk_store *s, gk_stmt *st, gk_application *a, gk_error *err)
{
    a->id = db_int(s, st, 0);
    a->agency_id = db_int(s, st, 1);
    db_copy(s, st, 2, a->tracking, sizeof a->tracking);
    a->received = db_date(s, st, 3);
    db_copy(s, st, 5, a->applicant_type, sizeof a->applicant_type);
    db_copy(s, st, 6, a->applicant_name, sizeof a->applicant_name);
    db_copy(s, st, 7, a->applicant_contact, sizeof a->applicant_contact);
    db_copy(s, st, 8, a->request, sizeof a->request);
    a->closed = db_date(s, st, 9);
    db_copy(s, st, 10, a->outcome, sizeof a->outcome);
    db_copy(s, st, 11, a->created_at, sizeof a->created_at);
    if (gk_channel_parse(db_text(s, st, 4), &a->channel) != 0 || a->received == GK_DATE_NONE)
        return gk_fail(err, GK_ERR_IO,
                       "数据库中第 %lld 号申请的数据无效 / application %lld "
                       "in the database is malformed",
                       (long long)a->id, (long long)a->id);
    return GK_OK;
}

static gk_status read_app_row(gk_store *s, gk_stmt *st, void *out, gk_error *err)
{
    memset(out, 0, sizeof(gk_application));
    return read_app(s, st, out, err);
}

gk_status gk_store_app_get(gk_store *s, int64_t id, gk_application *out, int *found, gk_error *err)
{
    gk_stmt *st = NULL;
    gk_status rc =
        db_query(s, &st, err, "SELECT " APP_COLS " FROM applications WHERE id = $1", "i", id);
    return db_one(s, st, rc, read_app_row, out, found, err);
}

gk_status gk_store_app_by_tracking(gk_store *s, const char *code, gk_application *out, int *found,
                                   gk_error *err)
{
    gk_stmt *st = NULL;
    gk_status rc =
        db_query(s, &st, err, "SELECT " APP_COLS " FROM applications WHERE tracking = $1", "t",
                 code ? code : "");
    return db_one(s, st, rc, read_app_row, out, found, err);
}

/* 1 if the store has more than one agency, 0 if not, -1 on error. */
gk_status gk_store_app_list(gk_store *s, int64_t agency_id, unsigned flags, gk_app_cb cb, void *ctx,
                            gk_error *err)
{
    /* in id order without a sort: the primary key, or the index (agency_id, id) */
    static const char *const sql[] = {
        "SELECT " APP_COLS " FROM applications ORDER BY id",
        "SELECT " APP_COLS " FROM applications WHERE closed IS NULL ORDER BY id",
        "SELECT " APP_COLS " FROM applications WHERE agency_id = $1 ORDER BY id",
        "SELECT " APP_COLS " FROM applications WHERE agency_id = $1 AND closed IS NULL ORDER BY id",
    };
    int q = (agency_id ? 2 : 0) + ((flags & GK_LIST_OPEN) != 0);
    gk_stmt *st = NULL;
    gk_status rc =
        q >= 2 ? db_query(s, &st, err, sql[q], "i", agency_id) : db_query(s, &st, err, sql[q], "");
    if (rc != GK_OK)
        return rc;
    gk_application *a = calloc(1, sizeof *a);
    if (!a)
        gk_oom();
    int r;
    while ((r = db_step(s, st, err)) == 1) {
        if ((rc = read_app(s, st, a, err)) != GK_OK)
            break;
        if (cb(ctx, a))
            break;
    }
    free(a);
    db_done(s, st);
    return r < 0 ? GK_ERR_IO : rc;
}

/* A new tracking code: GK_TRACKING_LEN characters, no 0/O, 1/I/L look-alikes. */
static void new_tracking(char out[GK_TRACKING_LEN + 1])
{
    static const char alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    for (int i = 0; i < GK_TRACKING_LEN; i++)
        out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    out[GK_TRACKING_LEN] = '\0';
}

/* A tracking code no application has (checked under the write lock). */
static gk_status unused_tracking(gk_store *s, char out[GK_TRACKING_LEN + 1], gk_error *err)
{
    for (int tries = 0; tries < 16; tries++) {
        int found;
        gk_stmt *st = NULL;
        new_tracking(out);
        gk_status rc =
            db_query(s, &st, err, "SELECT id FROM applications WHERE tracking = $1", "t", out);
        rc = db_one_int(s, st, rc, &found, NULL, err);
        if (rc != GK_OK || !found)
            return rc;
    }
    return gk_fail(err, GK_ERR_IO, "无法生成查询码 / could not make a tracking code");
}

static json_t *app_details(const gk_application *a)
{
    json_t *o = json_object();
    json_object_set_new(o, "agency_id", json_integer(a->agency_id));
    jstr(o, "tracking", a->tracking);
    jdate(o, "received", a->received);
    jstr(o, "channel", gk_channel_key(a->channel));
    jstr(o, "applicant_type", a->applicant_type);
    jstr(o, "applicant_name", a->applicant_name);
    jstr(o, "applicant_contact", a->applicant_contact);
    jstr(o, "request", a->request);
    return o;
}

gk_status gk_store_app_add(gk_store *s, const gk_who *who, gk_application *app, gk_error *err)
{
    gk_status st = check_change(who, err);
    if (st == GK_OK)
        st = gk_app_check(app, today_of(who), err);
    if ((st = write_begin(s, st, err)) != GK_OK)
        return st;
    touch t = {app->agency_id, 0, {0}};
    touch_year(&t, year_of(app->received));
    st = agency_exists(s, app->agency_id, err);
    if (st == GK_OK)
        st = touch_check(s, who, &t, err);
    char tracking[GK_TRACKING_LEN + 1], now[GK_TIME_MAX + 1], object[32];
    if (st == GK_OK)
        st = unused_tracking(s, tracking, err);
    store_now(now);
    gk_stmt *q = NULL;
    int found;
    int64_t id = 0;
    if (st == GK_OK)
        st = db_query(s, &q, err,
                      "INSERT INTO applications (agency_id, tracking, received, channel, "
                      "applicant_type, applicant_name, applicant_contact, request, created_at, "
                      "created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                      "itdttttttt", app->agency_id, tracking, app->received,
                      gk_channel_key(app->channel), app->applicant_type, app->applicant_name,
                      app->applicant_contact, app->request, now, who->actor);
    st = db_one_int(s, q, st, &found, &id, err);
    if (st == GK_OK) {
        memcpy(app->tracking, tracking, sizeof tracking);
        snprintf(object, sizeof object, "app:%lld", (long long)id);
        st = record(s, who, &t, "app.add", object, app_details(app), err);
    }
    st = write_end(s, st, err);
    if (st == GK_OK) {
        app->id = id;
        app->closed = GK_DATE_NONE;
        app->outcome[0] = '\0';
        memcpy(app->created_at, now, sizeof now);
    } else {
        app->tracking[0] = '\0';
    }
    return st;
}

/* ---- the event log ---- */

#define EVENT_COLS                                                                                 \
    "id, app_id, seq, kind, event_date, days, consult, party, approver, outcome, amount, note, "   \
    "created_by, created_at"

static gk_status read_event(gk_store *s, gk_stmt *st, gk_event *e, gk_error *err)
{
    memset(e, 0, sizeof *e);
    e->id = db_int(s, st, 0);
    e->app_id = db_int(s, st, 1);
    e->seq = (int)db_int(s, st, 2);
    e->date = db_date(s, st, 4);
    e->days = (int)db_int(s, st, 5);
    db_copy(s, st, 7, e->party, sizeof e->party);
    db_copy(s, st, 8, e->approver, sizeof e->approver);
    db_copy(s, st, 9, e->outcome, sizeof e->outcome);
    db_copy(s, st, 10, e->amount, sizeof e->amount);
    db_copy(s, st, 11, e->note, sizeof e->note);
    db_copy(s, st, 12, e->actor, sizeof e->actor);
    db_copy(s, st, 13, e->recorded_at, sizeof e->recorded_at);
    const char *consult = db_text(s, st, 6);
    int bad = gk_event_kind_parse(db_text(s, st, 3), &e->kind) != 0 || e->date == GK_DATE_NONE;
    if (consult[0])
        bad |= gk_consult_kind_parse(consult, &e->consult) != 0;
    if (bad)
        return gk_fail(err, GK_ERR_IO,
                       "数据库中第 %lld 号事件的数据无效 / event %lld in the "
                       "database is malformed",
                       (long long)e->id, (long long)e->id);
    return GK_OK;
}

static gk_status events_load(gk_store *s, int64_t app_id, gk_event **out, size_t *n, gk_error *err)
{
    *out = NULL;
    *n = 0;
    gk_stmt *st = NULL;
    gk_status rc =
        db_query(s, &st, err, "SELECT " EVENT_COLS " FROM events WHERE app_id = $1 ORDER BY seq",
                 "i", app_id);
    if (rc != GK_OK)
        return rc;
    size_t cap = 0;
    int r;
    while ((r = db_step(s, st, err)) == 1) {
        *out = grow_array(*out, &cap, *n, sizeof **out);
        if ((rc = read_event(s, st, &(*out)[*n], err)) != GK_OK)
            break;
        ++*n;
    }
    db_done(s, st);
    if (r < 0 || rc != GK_OK) {
        free(*out);
        *out = NULL;
        *n = 0;
        return r < 0 ? GK_ERR_IO : rc;
    }
    return GK_OK;
}

gk_status gk_store_event_list(gk_store *s, int64_t app_id, gk_event **out, size_t *n, gk_error *err)
{
    return events_load(s, app_id, out, n, err);
}

static json_t *event_details(const gk_event *e)
{
    json_t *o = json_object();
    json_object_set_new(o, "seq", json_integer(e->seq));
    jstr(o, "kind", gk_event_kind_key(e->kind));
    jdate(o, "date", e->date);
    if (e->days)
        json_object_set_new(o, "days", json_integer(e->days));
    jstr(o, "consult", gk_consult_kind_key(e->consult));
    jstr(o, "party", e->party);
    jstr(o, "approver", e->approver);
    jstr(o, "outcome", e->outcome);
    jstr(o, "amount", e->amount);
    jstr(o, "note", e->note);
    return o;
}

/* Appends ev to the locked application's log after checking it against the stored log. */
static gk_status event_insert(gk_store *s, const gk_who *who, const gk_application *app,
                              gk_event *ev, gk_error *err)
{
    gk_event *log;
    size_t n;
    gk_status st = events_load(s, app->id, &log, &n, err);
    if (st != GK_OK)
        return st;
    st = gk_event_check(app, log, n, ev, today_of(who), err);
    free(log);
    touch t = {app->agency_id, 0, {0}};
    touch_year(&t, year_of(ev->date));
    if (st == GK_OK)
        st = touch_check(s, who, &t, err);
    if (st != GK_OK)
        return st;
    char now[GK_TIME_MAX + 1], object[32];
    store_now(now);
    ev->seq = (int)n + 1;
    gk_stmt *q = NULL;
    int found;
    st = db_query(s, &q, err,
                  "INSERT INTO events (app_id, seq, kind, event_date, days, consult, party, "
                  "approver, outcome, amount, note, created_at, created_by) VALUES ($1, $2, $3, "
                  "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
                  "intdntttttttt", app->id, ev->seq, gk_event_kind_key(ev->kind), ev->date,
                  ev->days, gk_consult_kind_key(ev->consult), ev->party, ev->approver, ev->outcome,
                  ev->amount, ev->note, now, who->actor);
    st = db_one_int(s, q, st, &found, &ev->id, err);
    if (st == GK_OK && (ev->kind == GK_EV_REPLY || ev->kind == GK_EV_WITHDRAWAL))
        st = db_exec(
            s, NULL, err, "UPDATE applications SET closed = $1, outcome = $2 WHERE id = $3", "dti",
            ev->date, ev->kind == GK_EV_REPLY ? ev->outcome : GK_OUTCOME_WITHDRAWN, app->id);
    if (st == GK_OK) {
        snprintf(object, sizeof object, "app:%lld", (long long)app->id);
        snprintf(ev->actor, sizeof ev->actor, "%s", who->actor);
        memcpy(ev->recorded_at, now, sizeof now);
        st = record(s, who, &t, "event.add", object, event_details(ev), err);
    }
    return st;
}

gk_status gk_store_event_add(gk_store *s, const gk_who *who, gk_event *ev, gk_error *err)
{
    gk_status st = check_change(who, err);
    if ((st = write_begin(s, st, err)) != GK_OK)
        return st;
    gk_application *app = malloc(sizeof *app);
    if (!app)
        gk_oom();
    int found;
    gk_stmt *q = NULL;
    st = db_query(s, &q, err, "SELECT " APP_COLS " FROM applications WHERE id = $1@FOR_UPDATE@",
                  "i", ev->app_id);
    st = db_one(s, q, st, read_app_row, app, &found, err);
    if (st == GK_OK && !found)
        st = gk_fail(err, GK_ERR_INVALID_ARG, "没有编号为 %lld 的申请 / no application %lld",
                     (long long)ev->app_id, (long long)ev->app_id);
    if (st == GK_OK)
        st = event_insert(s, who, app, ev, err);
    free(app);
    return write_end(s, st, err);
}

/* ---- cases ---- */

#define CASE_COLS "c.id, c.app_id, c.kind, c.filed, c.result, c.decided, c.ref, c.note"

static gk_status read_case(gk_store *s, gk_stmt *st, gk_case *c, gk_error *err)
{
    memset(c, 0, sizeof *c);
    c->id = db_int(s, st, 0);
    c->app_id = db_int(s, st, 1);
    c->filed = db_date(s, st, 3);
    c->decided = db_date(s, st, 5);
    db_copy(s, st, 6, c->ref, sizeof c->ref);
    db_copy(s, st, 7, c->note, sizeof c->note);
    if (gk_case_kind_parse(db_text(s, st, 2), &c->kind) != 0 ||
        gk_case_result_parse(db_text(s, st, 4), &c->result) != 0 || c->filed == GK_DATE_NONE)
        return gk_fail(err, GK_ERR_IO,
                       "数据库中第 %lld 号案件的数据无效 / case %lld in the "
                       "database is malformed",
                       (long long)c->id, (long long)c->id);
    return GK_OK;
}

static gk_status read_case_row(gk_store *s, gk_stmt *st, void *out, gk_error *err)
{
    return read_case(s, st, out, err);
}

gk_status gk_store_case_get(gk_store *s, int64_t id, gk_case *out, int *found, gk_error *err)
{
    gk_stmt *st = NULL;
    *found = 0;
    gk_status rc =
        db_query(s, &st, err, "SELECT " CASE_COLS " FROM cases c WHERE c.id = $1", "i", id);
    return db_one(s, st, rc, read_case_row, out, found, err);
}

gk_status gk_store_case_list(gk_store *s, int64_t agency_id, int64_t app_id, gk_case_cb cb,
                             void *ctx, gk_error *err)
{
    gk_stmt *st = NULL;
    gk_status rc;
    if (app_id)
        rc = db_query(s, &st, err,
                      "SELECT " CASE_COLS " FROM cases c WHERE c.app_id = $1 ORDER BY c.id", "i",
                      app_id);
    else if (agency_id) /* the cases in id order, each application looked up by its key: a
                           JOIN made SQLite walk every application of the agency instead (a
                           million index probes for 10,000 cases) and sort the result */
        rc = db_query(s, &st, err,
                      "SELECT " CASE_COLS " FROM cases c WHERE (SELECT a.agency_id FROM "
                      "applications a WHERE a.id = c.app_id) = $1 ORDER BY c.id",
                      "i", agency_id);
    else
        rc = db_query(s, &st, err, "SELECT " CASE_COLS " FROM cases c ORDER BY c.id", "");
    if (rc != GK_OK)
        return rc;
    int r;
    gk_case *c = malloc(sizeof *c);
    if (!c)
        gk_oom();
    while ((r = db_step(s, st, err)) == 1)
        if ((rc = read_case(s, st, c, err)) != GK_OK || cb(ctx, c))
            break;
    free(c);
    db_done(s, st);
    return r < 0 ? GK_ERR_IO : rc;
}

/* The application of a case, which must exist. */
static gk_status case_app(gk_store *s, int64_t app_id, gk_application *app, gk_error *err)
{
    int found;
    gk_status st = gk_store_app_get(s, app_id, app, &found, err);
    if (st == GK_OK && !found)
        st = gk_fail(err, GK_ERR_INVALID_ARG, "没有编号为 %lld 的申请 / no application %lld",
                     (long long)app_id, (long long)app_id);
    return st;
}

/* What a case puts into T4 of its filing year: its row and its result as of 31 December. */
static void t4_entry(const gk_case *c, int *year, int *kind, int *result)
{
    *year = year_of(c->filed);
    *kind = c->kind;
    *result = c->decided != GK_DATE_NONE && year_of(c->decided) == *year ? (int)c->result
                                                                         : GK_RESULT_PENDING;
}

static json_t *case_details(const gk_case *c)
{
    json_t *o = json_object();
    json_object_set_new(o, "app_id", json_integer(c->app_id));
    jstr(o, "kind", gk_case_kind_key(c->kind));
    jdate(o, "filed", c->filed);
    jstr(o, "result", gk_case_result_key(c->result));
    jdate(o, "decided", c->decided);
    jstr(o, "ref", c->ref);
    jstr(o, "note", c->note);
    return o;
}

/* Checks a case and the years it touches (old: the case before an update, or NULL). */
static gk_status case_prepare(gk_store *s, const gk_who *who, const gk_case *c, const gk_case *old,
                              touch *t, gk_error *err)
{
    gk_application *app = malloc(sizeof *app);
    if (!app)
        gk_oom();
    gk_status st = case_app(s, c->app_id, app, err);
    if (st == GK_OK)
        st = gk_case_check(app, c, today_of(who), err);
    *t = (touch){app->agency_id, 0, {0}};
    free(app);
    int y, k, r, oy, ok, orr;
    t4_entry(c, &y, &k, &r);
    if (!old) {
        touch_year(t, y);
    } else {
        t4_entry(old, &oy, &ok, &orr);
        if (y != oy || k != ok || r != orr) {
            touch_year(t, y);
            touch_year(t, oy);
        }
    }
    return st == GK_OK ? touch_check(s, who, t, err) : st;
}

gk_status gk_store_case_add(gk_store *s, const gk_who *who, gk_case *c, gk_error *err)
{
    gk_status st = check_change(who, err);
    if ((st = write_begin(s, st, err)) != GK_OK)
        return st;
    touch t;
    st = case_prepare(s, who, c, NULL, &t, err);
    char now[GK_TIME_MAX + 1], object[32];
    store_now(now);
    gk_stmt *q = NULL;
    int found;
    int64_t id = 0;
    if (st == GK_OK)
        st = db_query(s, &q, err,
                      "INSERT INTO cases (app_id, kind, filed, result, decided, ref, note, "
                      "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                      "RETURNING id",
                      "itdtdtttt", c->app_id, gk_case_kind_key(c->kind), c->filed,
                      gk_case_result_key(c->result), c->decided, c->ref, c->note, now, now);
    st = db_one_int(s, q, st, &found, &id, err);
    if (st == GK_OK) {
        snprintf(object, sizeof object, "case:%lld", (long long)id);
        st = record(s, who, &t, "case.add", object, case_details(c), err);
    }
    st = write_end(s, st, err);
    if (st == GK_OK)
        c->id = id;
    return st;
}

gk_status gk_store_case_update(gk_store *s, const gk_who *who, const gk_case *c, gk_error *err)
{
    gk_status st = check_change(who, err);
    if ((st = write_begin(s, st, err)) != GK_OK)
        return st;
    gk_case old, upd = *c;
    int found;
    st = gk_store_case_get(s, c->id, &old, &found, err);
    if (st == GK_OK && !found)
        st = gk_fail(err, GK_ERR_INVALID_ARG, "没有编号为 %lld 的案件 / no case %lld",
                     (long long)c->id, (long long)c->id);
    touch t;
    if (st == GK_OK) {
        upd.app_id = old.app_id;
        st = case_prepare(s, who, &upd, &old, &t, err);
    }
    char now[GK_TIME_MAX + 1], object[32];
    store_now(now);
    if (st == GK_OK)
        st = db_exec(s, NULL, err,
                     "UPDATE cases SET kind = $1, filed = $2, result = $3, decided = $4, ref = $5, "
                     "note = $6, updated_at = $7 WHERE id = $8",
                     "tdtdttti", gk_case_kind_key(upd.kind), upd.filed,
                     gk_case_result_key(upd.result), upd.decided, upd.ref, upd.note, now, upd.id);
    if (st == GK_OK) {
        snprintf(object, sizeof object, "case:%lld", (long long)upd.id);
        st = record(s, who, &t, "case.update", object, case_details(&upd), err);
    }
    return write_end(s, st, err);
}

/* ---- T2 figures ---- */

static gk_status check_year(int year, gk_error *err)
{
    if (year < 1900 || year > 9999)
        return gk_fail(err, GK_ERR_INVALID_ARG, "年度 %d 无效 / year %d is invalid", year, year);
    return GK_OK;
}

gk_status gk_store_t2_set(gk_store *s, const gk_who *who, int64_t agency_id, int year,
                          const char *key, const char *value, gk_error *err)
{
    gk_status st = check_change(who, err);
    if (st == GK_OK)
        st = check_year(year, err);
    if (st == GK_OK)
        st = gk_t2_check(key, value ? value : "0", err);
    if ((st = write_begin(s, st, err)) != GK_OK)
        return st;
    touch t = {agency_id, 0, {0}};
    touch_year(&t, year);
    st = agency_exists(s, agency_id, err);
    if (st == GK_OK)
        st = touch_check(s, who, &t, err);
    char now[GK_TIME_MAX + 1], object[96];
    store_now(now);
    if (st == GK_OK && value)
        st = db_exec(s, NULL, err,
                     "INSERT INTO t2_figures (agency_id, year, cell, value, updated_at, "
                     "updated_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (agency_id, year, "
                     "cell) DO UPDATE SET value = excluded.value, updated_at = "
                     "excluded.updated_at, updated_by = excluded.updated_by",
                     "intttt", agency_id, year, key, value, now, who->actor);
    else if (st == GK_OK)
        st = db_exec(s, NULL, err,
                     "DELETE FROM t2_figures WHERE agency_id = $1 AND year = $2 AND cell = $3",
                     "int", agency_id, year, key);
    if (st == GK_OK) {
        snprintf(object, sizeof object, "t2:%lld:%d:%s", (long long)agency_id, year, key);
        json_t *d = json_pack("{s:I,s:i,s:s}", "agency_id", (json_int_t)agency_id, "year", year,
                              "key", key);
        if (value)
            json_object_set_new(d, "value", json_string(value));
        st = record(s, who, &t, value ? "t2.set" : "t2.unset", object, d, err);
    }
    return write_end(s, st, err);
}

gk_status gk_store_t2_get(gk_store *s, int64_t agency_id, int year, gk_t2_figure **out, size_t *n,
                          gk_error *err)
{
    *out = NULL;
    *n = 0;
    gk_stmt *st = NULL;
    gk_status rc = db_query(s, &st, err,
                            "SELECT cell, value FROM t2_figures WHERE agency_id = $1 AND year = "
                            "$2 ORDER BY cell",
                            "in", agency_id, year);
    if (rc != GK_OK)
        return rc;
    size_t cap = 0;
    int r;
    while ((r = db_step(s, st, err)) == 1) {
        *out = grow_array(*out, &cap, *n, sizeof **out);
        db_copy(s, st, 0, (*out)[*n].key, sizeof(*out)[*n].key);
        db_copy(s, st, 1, (*out)[*n].value, sizeof(*out)[*n].value);
        ++*n;
    }
    db_done(s, st);
    if (r < 0) {
        free(*out);
        *out = NULL;
        *n = 0;
        return GK_ERR_IO;
    }
    return GK_OK;
}

/* ---- closing a year ---- */

gk_status gk_store_year_is_closed(gk_store *s, int64_t agency_id, int year, int *closed,
                                  gk_error *err)
{
    gk_stmt *st = NULL;
    gk_status rc =
        db_query(s, &st, err, "SELECT 1 FROM closed_years WHERE agency_id = $1 AND year = $2", "in",
                 agency_id, year);
    return db_one_int(s, st, rc, closed, NULL, err);
}

gk_status gk_store_year_close(gk_store *s, const gk_who *who, int64_t agency_id, int year,
                              gk_error *err)
{
    gk_status st = check_change(who, err);
    if (st == GK_OK)
        st = check_year(year, err);
    if ((st = write_begin(s, st, err)) != GK_OK)
        return st;
    int closed = 0;
    st = agency_exists(s, agency_id, err);
    if (st == GK_OK)
        st = gk_store_year_is_closed(s, agency_id, year, &closed, err);
    if (st == GK_OK && closed)
        st = gk_fail(err, GK_ERR_INVALID_ARG, "%d 年度已关闭 / year %d is already closed", year,
                     year);
    char now[GK_TIME_MAX + 1], object[48];
    store_now(now);
    if (st == GK_OK)
        st = db_exec(s, NULL, err,
                     "INSERT INTO closed_years (agency_id, year, closed_at, closed_by) VALUES ($1, "
                     "$2, $3, $4)",
                     "intt", agency_id, year, now, who->actor);
    if (st == GK_OK) {
        snprintf(object, sizeof object, "year:%lld:%d", (long long)agency_id, year);
        st = record(s, who, NULL, "year.close", object,
                    json_pack("{s:I,s:i}", "agency_id", (json_int_t)agency_id, "year", year), err);
    }
    return write_end(s, st, err);
}

gk_status gk_store_amendments(gk_store *s, int64_t agency_id, int year, gk_amendment **out,
                              size_t *n, gk_error *err)
{
    *out = NULL;
    *n = 0;
    gk_stmt *st = NULL;
    gk_status rc = db_query(s, &st, err,
                            "SELECT id, agency_id, year, amended_at, actor, action, object, "
                            "reason, audit_id FROM amendments WHERE agency_id = $1 AND year = $2 "
                            "ORDER BY id",
                            "in", agency_id, year);
    if (rc != GK_OK)
        return rc;
    size_t cap = 0;
    int r;
    while ((r = db_step(s, st, err)) == 1) {
        *out = grow_array(*out, &cap, *n, sizeof **out);
        gk_amendment *a = &(*out)[(*n)++];
        a->id = db_int(s, st, 0);
        a->agency_id = db_int(s, st, 1);
        a->year = (int)db_int(s, st, 2);
        db_copy(s, st, 3, a->at, sizeof a->at);
        db_copy(s, st, 4, a->actor, sizeof a->actor);
        db_copy(s, st, 5, a->action, sizeof a->action);
        db_copy(s, st, 6, a->object, sizeof a->object);
        db_copy(s, st, 7, a->reason, sizeof a->reason);
        a->audit_id = db_int(s, st, 8);
    }
    db_done(s, st);
    if (r < 0) {
        free(*out);
        *out = NULL;
        *n = 0;
        return GK_ERR_IO;
    }
    return GK_OK;
}
