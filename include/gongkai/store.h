/*
 * store.h — the case records (work.h) in a database: SQLite (WAL) as the embedded default,
 * PostgreSQL for a shared deployment; one schema, migrated on open (docs/store.md).
 *
 * Rules of every write (every function taking a gk_who):
 *   - it is one transaction: all of it is committed, or nothing (any error rolls back);
 *   - its audit entry is written in the same transaction (hash-chained, see
 *     gk_store_audit_verify);
 *   - its input is checked with the rules of work.h inside the transaction, after the write
 *     lock is taken (SQLite BEGIN IMMEDIATE; PostgreSQL a row lock that serialises writers,
 *     and the application's row FOR UPDATE for events), so two writers cannot both append
 *     events that conflict;
 *   - a change touching a closed year (gk_store_year_close) needs an amendment reason
 *     (gk_who.reason) and is recorded as an amendment; without one it is refused;
 *   - values are bound as parameters, never put into SQL text.
 * Acknowledged is durable: SQLite runs with synchronous=FULL, PostgreSQL commits synchronously
 * unless the server is configured otherwise.
 *
 * Errors: GK_ERR_INVALID_ARG for input the rules reject (the message says why, Chinese first,
 * then English), GK_ERR_IO for the database (connection, disk, constraint). A lookup that finds
 * nothing is not an error: it sets *found to 0.
 *
 * A gk_store is one connection: use it from one thread at a time; open one per thread.
 * Callbacks of the list functions must not use the same store; return nonzero to stop.
 */
#ifndef GONGKAI_STORE_H
#define GONGKAI_STORE_H

#include <stddef.h>
#include <stdint.h>

#include <gongkai/deadline.h>
#include <gongkai/status.h>
#include <gongkai/work.h>

typedef struct gk_store gk_store;

/* The schema version this library migrates to. */
#define GK_STORE_SCHEMA_VERSION 2

/*
 * Opens the store at url and migrates it to the latest schema:
 *   "sqlite:PATH"                  a SQLite file (created if missing);
 *   "postgresql://…", "postgres://…" a PostgreSQL database (libpq connection URI, e.g.
 *                                  "postgresql:///gongkai?host=/run/postgresql").
 * *out is freed with gk_store_close. GK_ERR_INVALID_ARG for an unknown URL form, GK_ERR_IO if
 * the database cannot be opened or migrated.
 */
GK_API gk_status gk_store_open(const char *url, gk_store **out, gk_error *err);

/* Closes the store (rolling back an open batch); NULL does nothing. */
GK_API void gk_store_close(gk_store *s);

/* "sqlite" or "postgresql". */
GK_API const char *gk_store_backend(const gk_store *s);

/* The schema version the store is at (GK_STORE_SCHEMA_VERSION after a successful open). */
GK_API int gk_store_schema_version(const gk_store *s);

/* Who makes a change, and why when it touches a closed year. */
typedef struct gk_who {
    const char *actor;  /* user name recorded in the audit log; required, <= GK_PERSON_MAX */
    const char *reason; /* amendment reason (更正理由) for a closed year, else NULL */
    gk_date today;      /* the current date for "not in the future" checks; GK_DATE_NONE:
                           the system's local date */
} gk_who;

/*
 * A batch: the writes between gk_store_begin and gk_store_commit share one transaction — all
 * or nothing (for imports). A write that fails inside the batch fails the batch: later writes
 * and gk_store_commit fail, and only gk_store_rollback is left. Batches do not nest.
 */
GK_API gk_status gk_store_begin(gk_store *s, gk_error *err);
GK_API gk_status gk_store_commit(gk_store *s, gk_error *err);
GK_API void gk_store_rollback(gk_store *s);

/* ---- agencies ---- */

/* Adds an agency (the name is unique; non-empty). */
GK_API gk_status gk_store_agency_add(gk_store *s, const gk_who *who, const char *name, int64_t *id,
                                     gk_error *err);
/* Finds an agency by its exact name or by id; *found 0 if there is none. */
GK_API gk_status gk_store_agency_find(gk_store *s, const char *name, gk_agency *out, int *found,
                                      gk_error *err);
GK_API gk_status gk_store_agency_get(gk_store *s, int64_t id, gk_agency *out, int *found,
                                     gk_error *err);
typedef int (*gk_agency_cb)(void *ctx, const gk_agency *a);
/* Every agency, by id. */
GK_API gk_status gk_store_agency_list(gk_store *s, gk_agency_cb cb, void *ctx, gk_error *err);

/* ---- applications ---- */

/*
 * Adds an application: checked with gk_app_check (receipt not after who->today), its agency
 * must exist. Sets app->id, app->tracking (a new random code of GK_TRACKING_LEN characters from
 * an alphabet without look-alikes: 23456789ABCDEFGHJKMNPQRSTUVWXYZ) and app->created_at;
 * app->closed and app->outcome are reset (they follow the event log).
 */
GK_API gk_status gk_store_app_add(gk_store *s, const gk_who *who, gk_application *app,
                                  gk_error *err);
GK_API gk_status gk_store_app_get(gk_store *s, int64_t id, gk_application *out, int *found,
                                  gk_error *err);
/* By tracking code (case-sensitive, as issued). */
GK_API gk_status gk_store_app_by_tracking(gk_store *s, const char *code, gk_application *out,
                                          int *found, gk_error *err);

enum {
    GK_LIST_OPEN = 1, /* only applications not closed */
};
typedef int (*gk_app_cb)(void *ctx, const gk_application *app);
/* The applications of an agency (agency_id 0: of every agency), by id; flags GK_LIST_OPEN. */
GK_API gk_status gk_store_app_list(gk_store *s, int64_t agency_id, unsigned flags, gk_app_cb cb,
                                   void *ctx, gk_error *err);

/* ---- the event log ---- */

/*
 * Appends an event to its application's log (ev->app_id): checked with gk_event_check against
 * the stored log on who->today, in the same transaction as the write. Sets ev->id, ev->seq,
 * ev->actor and ev->recorded_at. A reply or withdrawal closes the application (its closed date
 * and outcome). GK_ERR_INVALID_ARG (and nothing written) for an event the rules reject or an
 * application that does not exist.
 */
GK_API gk_status gk_store_event_add(gk_store *s, const gk_who *who, gk_event *ev, gk_error *err);
/* The log of an application, in order: *out (free() it; NULL if empty) and its length. */
GK_API gk_status gk_store_event_list(gk_store *s, int64_t app_id, gk_event **out, size_t *n,
                                     gk_error *err);

/* ---- reconsideration and litigation cases ---- */

/* Adds a case (checked with gk_case_check against its application); sets c->id. */
GK_API gk_status gk_store_case_add(gk_store *s, const gk_who *who, gk_case *c, gk_error *err);
/* Updates a case's kind, dates, result, ref and note (not its application) by c->id. */
GK_API gk_status gk_store_case_update(gk_store *s, const gk_who *who, const gk_case *c,
                                      gk_error *err);
GK_API gk_status gk_store_case_get(gk_store *s, int64_t id, gk_case *out, int *found,
                                   gk_error *err);
typedef int (*gk_case_cb)(void *ctx, const gk_case *c);
/* The cases of an agency's applications (0: every agency), or of one application (app_id not
 * 0), by id. */
GK_API gk_status gk_store_case_list(gk_store *s, int64_t agency_id, int64_t app_id, gk_case_cb cb,
                                    void *ctx, gk_error *err);

/* ---- the yearly 第二十条 figures (T2) ---- */

/* Sets one T2 cell of an agency's year (checked with gk_t2_check); value NULL removes it. */
GK_API gk_status gk_store_t2_set(gk_store *s, const gk_who *who, int64_t agency_id, int year,
                                 const char *key, const char *value, gk_error *err);
/* The figures of an agency's year, by key: *out (free() it; NULL if none) and their number. */
GK_API gk_status gk_store_t2_get(gk_store *s, int64_t agency_id, int year, gk_t2_figure **out,
                                 size_t *n, gk_error *err);

/* ---- closing a year and amendments ---- */

/*
 * Closes an agency's year: its figures are locked. Later changes that touch it — an
 * application received in it, an event dated in it, a case whose T4 entry for its filing year
 * changes, its T2 figures — need who->reason and are recorded as amendments. Closing a closed
 * year is GK_ERR_INVALID_ARG.
 */
GK_API gk_status gk_store_year_close(gk_store *s, const gk_who *who, int64_t agency_id, int year,
                                     gk_error *err);
GK_API gk_status gk_store_year_is_closed(gk_store *s, int64_t agency_id, int year, int *closed,
                                         gk_error *err);

/* One restatement of a closed year. */
typedef struct gk_amendment {
    int64_t id;
    int64_t agency_id;
    int year;
    char at[GK_TIME_MAX + 1];
    char actor[GK_PERSON_MAX + 1];
    char action[GK_KEY_MAX + 1]; /* the audit action: "event.add", "t2.set" … */
    char object[96];             /* the audit object: "app:12", "t2:3:2024:t2.reg.issued" … */
    char reason[GK_NOTE_MAX + 1];
    int64_t audit_id; /* the audit entry of the change */
} gk_amendment;

/* The amendments of an agency's year, in order: *out (free() it; NULL if none) and their
 * number. */
GK_API gk_status gk_store_amendments(gk_store *s, int64_t agency_id, int year, gk_amendment **out,
                                     size_t *n, gk_error *err);

/* ---- users ---- */

/*
 * Adds a user: name non-empty (<= GK_PERSON_MAX, unique), password GK_PASSWORD_MIN..
 * GK_PASSWORD_MAX bytes, stored only as an Argon2id hash (libsodium crypto_pwhash_str).
 */
GK_API gk_status gk_store_user_add(gk_store *s, const gk_who *who, const char *name,
                                   const char *password, gk_role role, int64_t *id, gk_error *err);
/* Checks a password: *ok 1 and *out (if not NULL) the user when it matches; *ok 0 for a wrong
 * password or an unknown name (which takes as long). */
GK_API gk_status gk_store_user_check(gk_store *s, const char *name, const char *password,
                                     gk_user *out, int *ok, gk_error *err);
GK_API gk_status gk_store_user_get(gk_store *s, const char *name, gk_user *out, int *found,
                                   gk_error *err);
GK_API gk_status gk_store_user_set_role(gk_store *s, const gk_who *who, const char *name,
                                        gk_role role, gk_error *err);
GK_API gk_status gk_store_user_set_password(gk_store *s, const gk_who *who, const char *name,
                                            const char *password, gk_error *err);

/* ---- the audit log ---- */

/*
 * Recomputes the audit chain: each entry's hash is BLAKE2b-256 of the previous entry's hash
 * (32 zero bytes before the first) and the entry's canonical content. GK_OK and *count (if not
 * NULL) the number of entries if every entry matches, the ids run 1, 2, … without gaps and the
 * last one is the chain's recorded head; else GK_ERR_INVALID_ARG naming the first broken
 * entry (*count: the entries before it).
 */
GK_API gk_status gk_store_audit_verify(gk_store *s, int64_t *count, gk_error *err);

typedef int (*gk_audit_cb)(void *ctx, const gk_audit_entry *e);
/* The entries with id > after_id, in order. */
GK_API gk_status gk_store_audit_list(gk_store *s, int64_t after_id, gk_audit_cb cb, void *ctx,
                                     gk_error *err);

/* ---- sessions ---- */

/*
 * The web service's staff sessions (docs/api.md), kept in the store so that they outlive a
 * restart of the service and are shared by every process on one database. A session is found
 * by the hash of its cookie token (the token itself is never stored); it names its user and
 * carries its CSRF token and its expiry. Sessions are not records: no audit entry is written
 * and closed years do not concern them, but each change is durable (one transaction, or part
 * of the open batch). Text is any valid UTF-8 without control characters, bound as parameters.
 */

#define GK_SESSION_KEY_MAX  128 /* bytes of a token hash (the service: 64 hex digits) */
#define GK_SESSION_CSRF_MAX 128 /* bytes of a CSRF token (the service: 64 hex digits) */

typedef struct gk_session {
    char user[GK_PERSON_MAX + 1]; /* the user's name */
    char csrf[GK_SESSION_CSRF_MAX + 1];
    int64_t expires_at; /* seconds since 1970-01-01T00:00:00Z */
} gk_session;

/*
 * Adds a session: token_hash (non-empty, <= GK_SESSION_KEY_MAX, unique), the name of an
 * existing user, a non-empty csrf token (<= GK_SESSION_CSRF_MAX) and when it expires (seconds
 * since the epoch, UTC, 0 to year 9999). GK_ERR_INVALID_ARG for bad input, an unknown user or
 * a hash already stored.
 */
GK_API gk_status gk_store_session_add(gk_store *s, const char *token_hash, const char *user,
                                      const char *csrf, int64_t expires_at, gk_error *err);
/* The session with this hash: *found 1 and *out if it exists and has not expired (expires_at
 * after the current time) and its user still exists; else *found 0. */
GK_API gk_status gk_store_session_get(gk_store *s, const char *token_hash, gk_session *out,
                                      int *found, gk_error *err);
/* Deletes the session with this hash (none: nothing happens, GK_OK). */
GK_API gk_status gk_store_session_delete(gk_store *s, const char *token_hash, gk_error *err);
/* Deletes every session that has expired by `now` (expires_at <= now, seconds since the
 * epoch). */
GK_API gk_status gk_store_session_purge(gk_store *s, int64_t now, gk_error *err);

#endif
