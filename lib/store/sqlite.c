/*
 * sqlite.c — the SQLite backend of the store: a file in WAL mode, synchronous=FULL (a commit
 * that returned is on disk), foreign keys on, a busy timeout so concurrent writers wait for
 * each other instead of failing. Writes start with BEGIN IMMEDIATE, which takes the write lock
 * before anything is read, so a check and the write it allows cannot be interleaved.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store_int.h"

#define BUSY_TIMEOUT_MS 30000

struct gk_stmt {
    sqlite3 *db;
    sqlite3_stmt *st;
    int bad_param; /* a $n that the statement does not have, or 0 */
};

static sqlite3 *conn(gk_store *s)
{
    return s->conn;
}

static gk_status db_error(sqlite3 *db, gk_error *err)
{
    int code = sqlite3_extended_errcode(db);
    return gk_fail(err, GK_ERR_IO, "SQLite: %s (%d)", sqlite3_errmsg(db), code);
}

static gk_status sq_exec(gk_store *s, const char *sql, gk_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(conn(s), sql, NULL, NULL, &msg) == SQLITE_OK)
        return GK_OK;
    gk_status st = gk_fail(err, GK_ERR_IO, "SQLite: %s", msg ? msg : "error");
    sqlite3_free(msg);
    return st;
}

static gk_status sq_prepare(gk_store *s, const char *sql, gk_stmt **out, gk_error *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(conn(s), sql, -1, &st, NULL) != SQLITE_OK)
        return db_error(conn(s), err);
    gk_stmt *g = calloc(1, sizeof *g);
    if (!g) {
        sqlite3_finalize(st);
        return gk_fail(err, GK_ERR_IO, "out of memory");
    }
    g->db = conn(s);
    g->st = st;
    *out = g;
    return GK_OK;
}

/* The SQLite index of parameter $i (its order of first appearance), or 0. */
static int param_index(gk_stmt *g, int i)
{
    char name[16];
    snprintf(name, sizeof name, "$%d", i);
    int idx = sqlite3_bind_parameter_index(g->st, name);
    if (idx == 0 && !g->bad_param)
        g->bad_param = i;
    return idx;
}

static void sq_bind_text(gk_stmt *g, int i, const char *v)
{
    int idx = param_index(g, i);
    if (idx == 0)
        return;
    if (v)
        sqlite3_bind_text(g->st, idx, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(g->st, idx);
}

static void sq_bind_int(gk_stmt *g, int i, int64_t v)
{
    int idx = param_index(g, i);
    if (idx)
        sqlite3_bind_int64(g->st, idx, v);
}

static int sq_step(gk_stmt *g, gk_error *err)
{
    if (g->bad_param) {
        gk_fail(err, GK_ERR_IO, "SQLite: no parameter $%d", g->bad_param);
        return -1;
    }
    int rc = sqlite3_step(g->st);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    db_error(g->db, err);
    return -1;
}

static const char *sq_col_text(gk_stmt *g, int i)
{
    return (const char *)sqlite3_column_text(g->st, i);
}

static void sq_finalize(gk_stmt *g)
{
    if (!g)
        return;
    sqlite3_finalize(g->st);
    free(g);
}

static gk_status sq_begin_write(gk_store *s, gk_error *err)
{
    return sq_exec(s, "BEGIN IMMEDIATE", err);
}

/* In WAL mode a deferred transaction reads one snapshot from its first read on. */
static gk_status sq_begin_read(gk_store *s, gk_error *err)
{
    return sq_exec(s, "BEGIN", err);
}

static gk_status sq_migrate_lock(gk_store *s, gk_error *err)
{
    (void)s;
    (void)err;
    return GK_OK;
}

static void sq_close(gk_store *s)
{
    sqlite3_close(conn(s));
    s->conn = NULL;
}

static const char *const sq_subst[] = {
    "@ID@",         "INTEGER PRIMARY KEY AUTOINCREMENT", /* never reuses an id */
    "@FOR_UPDATE@", "",                                  /* BEGIN IMMEDIATE locks */
    NULL,
};

const gk_backend gk_backend_sqlite = {
    .name = "sqlite",
    .subst = sq_subst,
    .exec = sq_exec,
    .prepare = sq_prepare,
    .bind_text = sq_bind_text,
    .bind_int = sq_bind_int,
    .step = sq_step,
    .col_text = sq_col_text,
    .finalize = sq_finalize,
    .begin_write = sq_begin_write,
    .begin_read = sq_begin_read,
    .migrate_lock = sq_migrate_lock,
    .close = sq_close,
};

/* Runs a PRAGMA that answers with one value and checks the answer (NULL: any). */
static gk_status pragma(gk_store *s, const char *sql, const char *want, gk_error *err)
{
    gk_stmt *g = NULL;
    gk_status st = sq_prepare(s, sql, &g, err);
    if (st != GK_OK)
        return st;
    int rc = sq_step(g, err);
    if (rc < 0)
        st = GK_ERR_IO;
    else if (want && (rc == 0 || !sq_col_text(g, 0) || strcmp(sq_col_text(g, 0), want) != 0))
        st = gk_fail(err, GK_ERR_IO, "SQLite: %s did not give %s", sql, want);
    sq_finalize(g);
    return st;
}

gk_status gk_sqlite_open(gk_store *s, const char *path, gk_error *err)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        gk_status st = gk_fail(err, GK_ERR_IO, "SQLite: %s: %s", path,
                               db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close(db);
        return st;
    }
    s->be = &gk_backend_sqlite;
    s->conn = db;
    sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
    sqlite3_extended_result_codes(db, 1);
    int memory = strcmp(path, ":memory:") == 0;
    gk_status st = pragma(s, "PRAGMA journal_mode=WAL", memory ? NULL : "wal", err);
    if (st == GK_OK)
        st = sq_exec(s, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON", err);
    if (st == GK_OK)
        st = pragma(s, "PRAGMA foreign_keys", "1", err);
    return st;
}
