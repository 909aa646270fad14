/*
 * store_int.h — inside the store: the one backend interface (sqlite.c, pg.c) every query goes
 * through, the small query helpers built on it (store.c), transactions, the audit log
 * (audit.c) and migrations (migrate.c). Not installed; only lib/store includes it.
 *
 * Queries are written once, with $1..$n placeholders (PostgreSQL's form; SQLite takes "$1" as
 * a named parameter, and the binder looks each one up by name). Values are always bound, never
 * put into the SQL text. Markers @NAME@ in SQL text are replaced per backend (see subst in
 * each backend): @ID@ the identity column type, @FOR_UPDATE@ a row lock.
 */
#ifndef GK_STORE_INT_H
#define GK_STORE_INT_H

#include "../core/fail.h"
#include <stdarg.h>
#include <stdint.h>

#include <jansson.h>

#include <gongkai/store.h>

typedef struct gk_stmt gk_stmt;

#define GK_STMT_PARAMS 24 /* parameters one statement may have */

/* One database backend. Statements are used by one thread at a time, like the store. */
typedef struct gk_backend {
    const char *name;         /* "sqlite", "postgresql" */
    const char *const *subst; /* pairs marker, replacement; ends with NULL */
    /* Runs SQL text without parameters (one or more statements). */
    gk_status (*exec)(gk_store *s, const char *sql, gk_error *err);
    gk_status (*prepare)(gk_store *s, const char *sql, gk_stmt **out, gk_error *err);
    /* Binds parameter $i (1-based): text (NULL: SQL NULL) or an integer. A failure shows at
     * step. */
    void (*bind_text)(gk_stmt *st, int i, const char *v);
    void (*bind_int)(gk_stmt *st, int i, int64_t v);
    /* 1: a row is ready; 0: done; -1: error (err set). */
    int (*step)(gk_stmt *st, gk_error *err);
    /* Column i (0-based) of the current row: text (NULL for SQL NULL; valid until the next
     * step) or an integer. */
    const char *(*col_text)(gk_stmt *st, int i);
    void (*finalize)(gk_stmt *st);
    /* Starts a write transaction that holds the write lock (SQLite: BEGIN IMMEDIATE). */
    gk_status (*begin_write)(gk_store *s, gk_error *err);
    /* Starts a read-only transaction whose reads all see one snapshot. */
    gk_status (*begin_read)(gk_store *s, gk_error *err);
    /* Takes the lock that serialises the store's writers and the migrations across processes
     * (PostgreSQL: an advisory transaction lock; SQLite: nothing, BEGIN IMMEDIATE has it). */
    gk_status (*migrate_lock)(gk_store *s, gk_error *err);
    void (*close)(gk_store *s);
} gk_backend;

struct gk_store {
    const gk_backend *be;
    void *conn;       /* sqlite3 * or PGconn * */
    int in_tx;        /* a transaction is open */
    int batch;        /* gk_store_begin was called: writes join its transaction */
    int batch_failed; /* a write in the batch failed: only rollback is left */
    int schema_version;
};

extern const gk_backend gk_backend_sqlite;
extern const gk_backend gk_backend_pg;

/* Opens the backend's connection into s (sqlite.c: path; pg.c: the URL). */
gk_status gk_sqlite_open(gk_store *s, const char *path, gk_error *err);
gk_status gk_pg_open(gk_store *s, const char *url, gk_error *err);

/* ---- errors (store.c) ---- */

/* gk_fail (../core/fail.h) sets err and returns the code. */

/* ---- queries (store.c) ---- */

/* sql with the backend's markers replaced (malloc'd; free it). */
char *sql_subst(const gk_backend *be, const char *sql);

/*
 * Prepares sql (markers replaced) and binds arguments by the letters of fmt, one per $n in
 * order: 't' text (const char *, NULL = SQL NULL), 'i' int64_t, 'n' int, 'd' gk_date
 * (GK_DATE_NONE = SQL NULL, else "YYYY-MM-DD").
 */
gk_status db_query(gk_store *s, gk_stmt **out, gk_error *err, const char *sql, const char *fmt,
                   ...);
/* The same, run to completion; *rows (if not NULL) counts the rows it returned. */
gk_status db_exec(gk_store *s, int *rows, gk_error *err, const char *sql, const char *fmt, ...);
int db_step(gk_store *s, gk_stmt *st, gk_error *err); /* 1 row, 0 done, -1 error */
const char *db_text(gk_store *s, gk_stmt *st, int i); /* "" for SQL NULL */
int db_null(gk_store *s, gk_stmt *st, int i);
int64_t db_int(gk_store *s, gk_stmt *st, int i);
gk_date db_date(gk_store *s, gk_stmt *st, int i); /* GK_DATE_NONE for NULL or bad text */
void db_done(gk_store *s, gk_stmt *st);           /* finalize; NULL does nothing */
/* Copies column i into a text field (truncation cannot happen for values the store wrote). */
void db_copy(gk_store *s, gk_stmt *st, int i, char *dst, size_t size);

/* ---- transactions (store.c) ---- */

/* Starts a write whose checks so far gave st: its own transaction, or the open batch's, with
 * the write lock. If st is an error, nothing starts and st is returned — inside a batch the
 * batch fails with it (all or nothing). */
gk_status write_begin(gk_store *s, gk_status st, gk_error *err);
/* Ends a write started by write_begin with its status: commits if st is GK_OK (a failed commit
 * becomes the status), else rolls back (in a batch: marks the batch failed). Returns the
 * status. */
gk_status write_end(gk_store *s, gk_status st, gk_error *err);

/* The current UTC time, "YYYY-MM-DDTHH:MM:SS.uuuuuuZ". */
void store_now(char buf[GK_TIME_MAX + 1]);
/* Checks the actor of a change: a non-empty name within GK_PERSON_MAX. */
gk_status check_change(const gk_who *who, gk_error *err);

/* ---- the audit log (audit.c) ---- */

/*
 * Appends an entry to the audit log inside the open write transaction: details (a JSON
 * object; the reference is taken) dumped canonically, hash chained to the previous entry.
 * *id (if not NULL) is the new entry's id.
 */
gk_status audit_append(gk_store *s, const char *actor, const char *action, const char *object,
                       json_t *details, int64_t *id, gk_error *err);

/* ---- migrations (migrate.c) ---- */

/* Brings the schema to the latest version; sets s->schema_version. */
gk_status migrate(gk_store *s, gk_error *err);

#endif
