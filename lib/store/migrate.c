/*
 * migrate.c — the store's schema as numbered migrations, one SQL text for both backends
 * (markers @ID@ … replaced per backend, see store_int.h). Opening a store applies the ones it
 * has not got, each in one transaction with its row in schema_version, under a lock, so two
 * processes opening a new database at once migrate it once. Migrations are only ever added,
 * never edited: a released schema is changed by a new migration. docs/store.md describes the
 * tables.
 *
 * Dates are TEXT "YYYY-MM-DD" and times TEXT "YYYY-MM-DDTHH:MM:SS.uuuuuuZ" (UTC) in both
 * backends, so they compare and sort as text and read the same everywhere.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

static const char schema_1[] =
    "CREATE TABLE agencies (\n"
    "    id @ID@,\n"
    "    name TEXT NOT NULL UNIQUE,\n"
    "    created_at TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE applications (\n"
    "    id @ID@,\n"
    "    agency_id BIGINT NOT NULL REFERENCES agencies (id),\n"
    "    tracking TEXT NOT NULL UNIQUE,\n"
    "    received TEXT NOT NULL,\n"
    "    channel TEXT NOT NULL,\n"
    "    applicant_type TEXT NOT NULL,\n"
    "    applicant_name TEXT NOT NULL,\n"
    "    applicant_contact TEXT NOT NULL,\n"
    "    request TEXT NOT NULL,\n"
    "    closed TEXT,\n"
    "    outcome TEXT,\n"
    "    created_at TEXT NOT NULL,\n"
    "    created_by TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX applications_agency ON applications (agency_id, closed);\n"
    "CREATE INDEX applications_received ON applications (received);\n"
    "CREATE INDEX applications_closed ON applications (closed);\n"
    "CREATE TABLE events (\n"
    "    id @ID@,\n"
    "    app_id BIGINT NOT NULL REFERENCES applications (id),\n"
    "    seq INTEGER NOT NULL,\n"
    "    kind TEXT NOT NULL,\n"
    "    event_date TEXT NOT NULL,\n"
    "    days INTEGER NOT NULL DEFAULT 0,\n"
    "    consult TEXT NOT NULL DEFAULT '',\n"
    "    party TEXT NOT NULL DEFAULT '',\n"
    "    approver TEXT NOT NULL DEFAULT '',\n"
    "    outcome TEXT NOT NULL DEFAULT '',\n"
    "    amount TEXT NOT NULL DEFAULT '',\n"
    "    note TEXT NOT NULL DEFAULT '',\n"
    "    created_at TEXT NOT NULL,\n"
    "    created_by TEXT NOT NULL,\n"
    "    UNIQUE (app_id, seq)\n"
    ");\n"
    "CREATE TABLE cases (\n"
    "    id @ID@,\n"
    "    app_id BIGINT NOT NULL REFERENCES applications (id),\n"
    "    kind TEXT NOT NULL,\n"
    "    filed TEXT NOT NULL,\n"
    "    result TEXT NOT NULL,\n"
    "    decided TEXT,\n"
    "    ref TEXT NOT NULL DEFAULT '',\n"
    "    note TEXT NOT NULL DEFAULT '',\n"
    "    created_at TEXT NOT NULL,\n"
    "    updated_at TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX cases_app ON cases (app_id);\n"
    "CREATE INDEX cases_filed ON cases (filed);\n"
    "CREATE TABLE t2_figures (\n"
    "    agency_id BIGINT NOT NULL REFERENCES agencies (id),\n"
    "    year INTEGER NOT NULL,\n"
    "    cell TEXT NOT NULL,\n"
    "    value TEXT NOT NULL,\n"
    "    updated_at TEXT NOT NULL,\n"
    "    updated_by TEXT NOT NULL,\n"
    "    PRIMARY KEY (agency_id, year, cell)\n"
    ");\n"
    "CREATE TABLE closed_years (\n"
    "    agency_id BIGINT NOT NULL REFERENCES agencies (id),\n"
    "    year INTEGER NOT NULL,\n"
    "    closed_at TEXT NOT NULL,\n"
    "    closed_by TEXT NOT NULL,\n"
    "    PRIMARY KEY (agency_id, year)\n"
    ");\n"
    "CREATE TABLE amendments (\n"
    "    id @ID@,\n"
    "    agency_id BIGINT NOT NULL REFERENCES agencies (id),\n"
    "    year INTEGER NOT NULL,\n"
    "    amended_at TEXT NOT NULL,\n"
    "    actor TEXT NOT NULL,\n"
    "    action TEXT NOT NULL,\n"
    "    object TEXT NOT NULL,\n"
    "    reason TEXT NOT NULL,\n"
    "    audit_id BIGINT NOT NULL\n"
    ");\n"
    "CREATE INDEX amendments_year ON amendments (agency_id, year);\n"
    "CREATE TABLE users (\n"
    "    id @ID@,\n"
    "    name TEXT NOT NULL UNIQUE,\n"
    "    role TEXT NOT NULL,\n"
    "    pw_hash TEXT NOT NULL,\n"
    "    created_at TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE sessions (\n"
    "    token_hash TEXT PRIMARY KEY,\n"
    "    user_id BIGINT NOT NULL REFERENCES users (id),\n"
    "    csrf_token TEXT NOT NULL,\n"
    "    created_at TEXT NOT NULL,\n"
    "    expires_at TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX sessions_user ON sessions (user_id);\n"
    "CREATE TABLE audit_log (\n"
    "    id BIGINT PRIMARY KEY,\n"
    "    logged_at TEXT NOT NULL,\n"
    "    actor TEXT NOT NULL,\n"
    "    action TEXT NOT NULL,\n"
    "    object TEXT NOT NULL,\n"
    "    details TEXT NOT NULL,\n"
    "    hash TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE audit_head (\n"
    "    id INTEGER PRIMARY KEY,\n"
    "    last_id BIGINT NOT NULL,\n"
    "    last_hash TEXT NOT NULL\n"
    ");\n"
    "INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, "
    "'0000000000000000000000000000000000000000000000000000000000000000');\n";

typedef struct migration {
    int version;
    const char *sql;
} migration;

/* 2: an agency's applications in id order without a sort (gk_store_app_list) */
static const char schema_2[] =
    "CREATE INDEX applications_agency_id ON applications (agency_id, id);\n";

static const migration migrations[] = {
    {1, schema_1},
    {2, schema_2},
};

_Static_assert(sizeof migrations / sizeof migrations[0] == GK_STORE_SCHEMA_VERSION,
               "GK_STORE_SCHEMA_VERSION is the number of migrations");

/* The highest version applied, 0 for a new database. */
static gk_status current_version(gk_store *s, int *version, gk_error *err)
{
    gk_stmt *st = NULL;
    gk_status rc = db_query(s, &st, err, "SELECT MAX(version) FROM schema_version", "");
    if (rc != GK_OK)
        return rc;
    int r = db_step(s, st, err);
    *version = r == 1 ? (int)db_int(s, st, 0) : 0;
    db_done(s, st);
    return r < 0 ? GK_ERR_IO : GK_OK;
}

/* Applies the migrations after the current version, in one transaction. */
static gk_status apply(gk_store *s, gk_error *err)
{
    gk_status st = s->be->migrate_lock(s, err);
    if (st == GK_OK)
        st = db_exec(s, NULL, err,
                     "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                     "applied_at TEXT NOT NULL)",
                     "");
    int version = 0;
    if (st == GK_OK)
        st = current_version(s, &version, err);
    if (st == GK_OK && version > GK_STORE_SCHEMA_VERSION)
        st = gk_fail(err, GK_ERR_IO,
                     "数据库的结构版本 %d 比本程序新（%d）/ the database schema version %d is "
                     "newer than this program's (%d)",
                     version, GK_STORE_SCHEMA_VERSION, version, GK_STORE_SCHEMA_VERSION);
    for (size_t i = 0; st == GK_OK && i < sizeof migrations / sizeof migrations[0]; i++) {
        if (migrations[i].version <= version)
            continue;
        char *sql = sql_subst(s->be, migrations[i].sql);
        char now[GK_TIME_MAX + 1];
        store_now(now);
        st = s->be->exec(s, sql, err);
        free(sql);
        if (st == GK_OK)
            st = db_exec(s, NULL, err,
                         "INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)", "nt",
                         migrations[i].version, now);
        if (st == GK_OK)
            version = migrations[i].version;
    }
    if (st == GK_OK)
        s->schema_version = version;
    return st;
}

gk_status migrate(gk_store *s, gk_error *err)
{
    gk_status st = s->be->begin_write(s, err);
    if (st != GK_OK)
        return st;
    s->in_tx = 1;
    st = apply(s, err);
    st = st == GK_OK ? s->be->exec(s, "COMMIT", err) : st;
    if (st != GK_OK)
        s->be->exec(s, "ROLLBACK", NULL);
    s->in_tx = 0;
    return st;
}
