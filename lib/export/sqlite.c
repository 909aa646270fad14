/*
 * sqlite.c — the SQLite writer: one database with the tables reports, cells and diagnostics,
 * the dictionary cell_keys, the table meta and the view v_cells (docs/dataset.md, "SQLite").
 *
 * The database is written at the temporary path export.c gives, with the rollback journal and
 * fsync off (the file is renamed into place only when it is complete), in transactions of
 * BATCH reports. The indexes are built once at the end, which is faster than keeping them up
 * to date row by row. The schema's comments are part of the CREATE statements, so `.schema`
 * in the sqlite3 shell shows them.
 */
#include "export_int.h"

#include <gongkai/gongkai.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"

#define BATCH          500 /* reports per transaction */
#define SCHEMA_VERSION 1   /* PRAGMA user_version and meta.schema_version */
#define STR_(x)        #x
#define STR(x)         STR_(x)

/* The schema, with the comments `.schema` shows; docs/dataset.md describes it at length. */
// clang-format off
static const char schema_sql[] =
    "PRAGMA user_version = " STR(SCHEMA_VERSION) ";\n"
    "CREATE TABLE meta ( -- about the dataset: generator, schema_version, lang\n"
    "  name  TEXT PRIMARY KEY,\n"
    "  value TEXT\n"
    ");\n"
    "CREATE TABLE reports ( -- one row per input, in the order added\n"
    "  id           INTEGER PRIMARY KEY, -- 1-based order in which the input was added\n"
    "  file         TEXT NOT NULL,       -- the input as named to the exporter\n"
    "  agency       TEXT,                -- issuing body from the title; NULL if unknown\n"
    "  level        TEXT,                -- 省级|市级|县级|乡镇级|部门 (meta.lang zh) or\n"
    "                                    -- province|city|county|township|department (en);\n"
    "                                    -- NULL if unknown\n"
    "  year         INTEGER,             -- statistics year; NULL if unknown\n"
    "  template     TEXT,                -- '2021' or '2019': format of table 二, else 三\n"
    "  input        TEXT,                -- text|html|docx|pdf; NULL for an unreadable input\n"
    "  encoding     TEXT,                -- e.g. UTF-8, GB18030; NULL for PDF and DOCX\n"
    "  published    TEXT,                -- publication date YYYY-MM-DD; NULL if not found\n"
    "  is_report    INTEGER NOT NULL,    -- 1 if anything of a report was found, else 0\n"
    "  errors       INTEGER NOT NULL,    -- diagnostics of severity error\n"
    "  warnings     INTEGER NOT NULL,    -- diagnostics of severity warning\n"
    "  notes        INTEGER NOT NULL,    -- diagnostics of severity note\n"
    "  duplicate_of INTEGER REFERENCES reports(id), -- the first report with the same\n"
    "                                    -- agency, year and cells; NULL if none\n"
    "  unreadable   TEXT                 -- why the input could not be read; NULL if it was\n"
    ");\n"
    "CREATE TABLE cells ( -- every cell of every table a report has\n"
    "  report_id INTEGER NOT NULL REFERENCES reports(id),\n"
    "  key       TEXT NOT NULL,    -- spec cell key <row_key>.<col_key>, e.g. t3.new.np\n"
    "  table_key TEXT NOT NULL,    -- t2|t3|t4\n"
    "  row_key   TEXT NOT NULL,    -- e.g. t3.new, t2v19.procurement.sub1\n"
    "  col_key   TEXT NOT NULL,    -- e.g. np, total, amount_wan\n"
    "  state     TEXT NOT NULL CHECK (state IN ('number', 'blank', 'missing', 'invalid')),\n"
    "  value     INTEGER,          -- number: the fixed-point digits (59.91 -> 5991)\n"
    "  scale     INTEGER,          -- number: decimals; the number is value / 10^scale\n"
    "  unit      TEXT,             -- 元 or 万元 when written in the cell, else NULL\n"
    "  text      TEXT,             -- number: as written without unit (59.91); invalid: the\n"
    "                              -- source text; blank: the mark written (- / 无) or NULL\n"
    "  label     TEXT,             -- extra rows (...subN): the row label as written\n"
    "  line      INTEGER,          -- 1-based source line (PDF: on its page); NULL if missing\n"
    "  col       INTEGER,          -- 1-based source column in characters\n"
    "  page      INTEGER,          -- 1-based PDF page; NULL for other inputs\n"
    "  PRIMARY KEY (report_id, key)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE diagnostics ( -- every finding of the reader and the checker\n"
    "  report_id  INTEGER NOT NULL REFERENCES reports(id),\n"
    "  severity   TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'note')),\n"
    "  rule       TEXT NOT NULL, -- V-T3-02, P-COUNT, GK-BLANK, ... (docs/rules.md)\n"
    "  keys       TEXT,          -- cell keys involved, space-separated; NULL if none\n"
    "  expected   TEXT,          -- expected value as a decimal literal; NULL if none\n"
    "  actual     TEXT,          -- value found; NULL if none\n"
    "  line       INTEGER,       -- 1-based source line; NULL for the whole file\n"
    "  col        INTEGER,       -- 1-based source column; NULL for the whole file\n"
    "  page       INTEGER,       -- 1-based PDF page; NULL for inputs without pages\n"
    "  message_zh TEXT NOT NULL,\n"
    "  message_en TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE cell_keys ( -- the templates' cells: labels and kinds of every key\n"
    "  key       TEXT PRIMARY KEY, -- as cells.key (extra rows ...subN are not listed)\n"
    "  table_key TEXT NOT NULL,    -- t2|t3|t4\n"
    "  row_key   TEXT NOT NULL,\n"
    "  col_key   TEXT NOT NULL,\n"
    "  row_label TEXT NOT NULL,    -- numbering and canonical label, e.g. （一）予以公开\n"
    "  row_group TEXT,             -- group or spanning label: （三）不予公开, 行政诉讼\n"
    "  col_label TEXT NOT NULL,    -- e.g. 自然人\n"
    "  kind      TEXT NOT NULL,    -- count|signed|money\n"
    "  is_total  INTEGER NOT NULL, -- 1 for a 总计 column\n"
    "  in_2021   INTEGER NOT NULL, -- 1 if the 2021 format has this cell\n"
    "  in_2019   INTEGER NOT NULL  -- 1 if the 2019 trial format has this cell\n"
    ");\n"
    "CREATE VIEW v_cells AS -- cells with their report, the number as REAL\n"
    "  SELECT r.id AS report_id, r.file, r.agency, r.level, r.year, r.template, c.key,\n"
    "         c.state, c.unit, c.text,\n"
    "         CASE WHEN c.state = 'number' THEN c.value * 1.0 / (CASE c.scale\n"
    "           WHEN 0 THEN 1 WHEN 1 THEN 10 WHEN 2 THEN 100 WHEN 3 THEN 1000\n"
    "           WHEN 4 THEN 10000 WHEN 5 THEN 100000 ELSE 1000000 END) END AS value\n"
    "  FROM cells c JOIN reports r ON r.id = c.report_id;\n";

static const char index_sql[] =
    "CREATE INDEX cells_key ON cells(key);\n"
    "CREATE INDEX diagnostics_rule ON diagnostics(rule);\n"
    "CREATE INDEX diagnostics_report ON diagnostics(report_id);\n";
// clang-format on

enum { S_REPORT, S_CELL, S_DIAG, S_KEY, S_META, S_COUNT };

static const char *const stmt_sql[S_COUNT] = {
    "INSERT INTO reports(id, file, agency, level, year, template, input, encoding, published, "
    "is_report, errors, warnings, notes, duplicate_of, unreadable) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    "INSERT INTO cells(report_id, key, table_key, row_key, col_key, state, value, scale, unit, "
    "text, label, line, col, page) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    "INSERT INTO diagnostics(report_id, severity, rule, keys, expected, actual, line, col, page, "
    "message_zh, message_en) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    "INSERT INTO cell_keys(key, table_key, row_key, col_key, row_label, row_group, col_label, "
    "kind, is_total, in_2021, in_2019) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
    "ON CONFLICT(key) DO UPDATE SET in_2021 = in_2021 | excluded.in_2021, "
    "in_2019 = in_2019 | excluded.in_2019",
    "INSERT INTO meta(name, value) VALUES (?1, ?2)",
};

struct export_writer {
    sqlite3 *db;
    sqlite3_stmt *st[S_COUNT];
    gk_lang lang;
    size_t in_batch; /* reports added since the last commit */
    char *path;
    char *fix; /* a UTF-8-repaired copy of a string being bound */
    size_t fix_cap;
};

/* ---- errors ---- */

static gk_status sql_fail(export_writer *w, gk_error *err)
{
    if (err) {
        err->code = GK_ERR_IO;
        snprintf(err->msg, sizeof err->msg, "%s: %s", w->path,
                 w->db ? sqlite3_errmsg(w->db) : "cannot open the database");
    }
    return GK_ERR_IO;
}

static int exec(export_writer *w, const char *sql)
{
    return sqlite3_exec(w->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* Runs a bound statement once and resets it; 0 on success. */
static int run(sqlite3_stmt *s)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- binding ---- */

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0 if it is not one. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    size_t len = s[0] >= 0xC2 && s[0] <= 0xDF   ? 2
                 : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
                 : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4
                                                : 0;
    if (len == 0 || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) || /* overlong, surrogate */
        (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F))   /* overlong, > U+10FFFF */
        return 0;
    return len;
}

/*
 * Binds text as UTF-8. Text from documents already is; a file name or a reason may hold other
 * bytes, and each byte that is not part of valid UTF-8 is bound as U+FFFD (readers such as
 * Python's sqlite3 refuse TEXT that is not UTF-8).
 */
static int bind_text(export_writer *w, sqlite3_stmt *s, int i, const char *text, size_t n)
{
    const unsigned char *u = (const unsigned char *)text;
    size_t k = 0, len;
    while (k < n && (len = utf8_seq(u + k, n - k)) != 0)
        k += len;
    if (k == n)
        return sqlite3_bind_text(s, i, text, (int)n, SQLITE_STATIC);
    if (w->fix_cap < n * 3 + 1) {
        char *p = realloc(w->fix, n * 3 + 1);
        if (!p)
            gk_oom();
        w->fix = p, w->fix_cap = n * 3 + 1;
    }
    size_t o = 0;
    for (k = 0; k < n;) {
        len = utf8_seq(u + k, n - k);
        if (len) {
            memcpy(w->fix + o, u + k, len);
            o += len, k += len;
        } else {
            memcpy(w->fix + o, "\xEF\xBF\xBD", 3);
            o += 3, k++;
        }
    }
    return sqlite3_bind_text(s, i, w->fix, (int)o, SQLITE_TRANSIENT);
}

static int bind_str(export_writer *w, sqlite3_stmt *s, int i, const char *text)
{
    return bind_text(w, s, i, text ? text : "", text ? strlen(text) : 0);
}

/* NULL for NULL or "". */
static int bind_opt(export_writer *w, sqlite3_stmt *s, int i, const char *text)
{
    return text && *text ? bind_str(w, s, i, text) : sqlite3_bind_null(s, i);
}

/* NULL for 0. */
static int bind_pos(sqlite3_stmt *s, int i, long long v)
{
    return v ? sqlite3_bind_int64(s, i, v) : sqlite3_bind_null(s, i);
}

/* ---- the dictionary of cell keys ---- */

static const char *kind_name(gk_kind k)
{
    return k == GK_KIND_SIGNED ? "signed" : k == GK_KIND_MONEY ? "money" : "count";
}

static int add_cell_keys(export_writer *w)
{
    static const gk_format formats[] = {GK_FORMAT_2021, GK_FORMAT_2019};
    sqlite3_stmt *s = w->st[S_KEY];
    char key[128], label[256];
    for (int f = 0; f < 2; f++)
        for (int t = 0; t < GK_TABLE_COUNT; t++) {
            const gk_table_def *def = gk_schema_table((gk_table_id)t, formats[f]);
            for (int r = 0; def && r < def->nrows; r++) {
                const gk_row_def *row = &def->rows[r];
                snprintf(label, sizeof label, "%s%s", row->num, row->labels[0]);
                for (int c = 0; c < gk_schema_ncols(def, r); c++) {
                    const gk_col_def *col = gk_schema_col(def, r, c);
                    gk_schema_cell_key(def, r, c, key, sizeof key);
                    bind_str(w, s, 1, key);
                    bind_str(w, s, 2, def->key);
                    bind_str(w, s, 3, row->key);
                    bind_str(w, s, 4, col->key);
                    bind_str(w, s, 5, label);
                    bind_opt(w, s, 6, row->group ? row->group : row->parent);
                    bind_str(w, s, 7, col->labels[0]);
                    bind_str(w, s, 8, kind_name(col->kind));
                    sqlite3_bind_int(s, 9, col->is_total);
                    sqlite3_bind_int(s, 10, formats[f] == GK_FORMAT_2021);
                    sqlite3_bind_int(s, 11, formats[f] == GK_FORMAT_2019);
                    if (run(s) != 0)
                        return -1;
                }
            }
        }
    return 0;
}

static int add_meta(export_writer *w, const char *name, const char *value)
{
    sqlite3_stmt *s = w->st[S_META];
    bind_str(w, s, 1, name);
    bind_str(w, s, 2, value);
    return run(s);
}

/* ---- the writer ---- */

static void writer_free(export_writer *w)
{
    for (int i = 0; i < S_COUNT; i++)
        sqlite3_finalize(w->st[i]);
    sqlite3_close(w->db);
    free(w->path);
    free(w->fix);
    free(w);
}

static gk_status s_open(export_writer **out, const char *tmp_path, gk_lang lang, gk_error *err)
{
    export_writer *w = calloc(1, sizeof *w);
    if (!w || !(w->path = strdup(tmp_path)))
        gk_oom();
    w->lang = lang;
    *out = NULL;
    int ok = sqlite3_open_v2(tmp_path, &w->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) ==
                 SQLITE_OK &&
             exec(w, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                     "PRAGMA locking_mode = EXCLUSIVE; PRAGMA temp_store = FILE;"
                     "PRAGMA cache_size = -16384; PRAGMA encoding = 'UTF-8';") == 0 &&
             exec(w, "BEGIN") == 0 && exec(w, schema_sql) == 0;
    for (int i = 0; ok && i < S_COUNT; i++)
        ok = sqlite3_prepare_v3(w->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &w->st[i],
                                NULL) == SQLITE_OK;
    ok = ok && add_cell_keys(w) == 0 && add_meta(w, "generator", "gongkai " GK_VERSION) == 0 &&
         add_meta(w, "schema_version", STR(SCHEMA_VERSION)) == 0 &&
         add_meta(w, "lang", lang == GK_LANG_EN ? "en" : "zh") == 0;
    if (!ok) {
        gk_status st = sql_fail(w, err);
        writer_free(w);
        return st;
    }
    *out = w;
    return GK_OK;
}

static const char *state_name(int state)
{
    switch (state) {
    case GK_CELL_BLANK:
        return "blank";
    case GK_CELL_NUMBER:
        return "number";
    case GK_CELL_INVALID:
        return "invalid";
    default:
        return "missing";
    }
}

typedef struct cell_at {
    const char *key, *table_key, *row_key, *col_key;
    const gk_text *label; /* extra rows only */
} cell_at;

static int add_cell(export_writer *w, sqlite3_int64 id, const cell_at *at, const gk_value *v)
{
    static const gk_value missing = {0};
    sqlite3_stmt *s = w->st[S_CELL];
    char buf[64];
    if (!v)
        v = &missing;
    sqlite3_bind_int64(s, 1, id);
    bind_str(w, s, 2, at->key);
    bind_str(w, s, 3, at->table_key);
    bind_str(w, s, 4, at->row_key);
    bind_str(w, s, 5, at->col_key);
    bind_str(w, s, 6, state_name(v->state));
    if (v->state == GK_CELL_NUMBER) {
        sqlite3_bind_int64(s, 7, v->value);
        sqlite3_bind_int(s, 8, v->scale);
        bind_opt(w, s, 9, v->unit == GK_UNIT_WAN ? "万元" : v->unit == GK_UNIT_YUAN ? "元" : NULL);
        bind_str(w, s, 10, gk_value_format(v, buf, sizeof buf));
    } else {
        sqlite3_bind_null(s, 7);
        sqlite3_bind_null(s, 8);
        sqlite3_bind_null(s, 9);
        if (v->state != GK_CELL_MISSING && v->src.raw && v->src.raw_len)
            bind_text(w, s, 10, v->src.raw, v->src.raw_len);
        else
            sqlite3_bind_null(s, 10);
    }
    if (at->label && at->label->raw)
        bind_text(w, s, 11, at->label->raw, at->label->raw_len);
    else
        sqlite3_bind_null(s, 11);
    int placed = v->state != GK_CELL_MISSING;
    bind_pos(s, 12, placed ? v->src.line : 0);
    bind_pos(s, 13, placed ? v->src.col : 0);
    bind_pos(s, 14, placed ? v->src.page : 0);
    return run(s);
}

static int add_cells(export_writer *w, sqlite3_int64 id, const gk_doc *doc)
{
    char key[128];
    for (int t = 0; t < GK_TABLE_COUNT; t++) {
        const gk_table_def *def = gk_doc_table(doc, (gk_table_id)t);
        for (int r = 0; def && r < def->nrows; r++)
            for (int c = 0; c < gk_schema_ncols(def, r); c++) {
                gk_schema_cell_key(def, r, c, key, sizeof key);
                cell_at at = {key, def->key, def->rows[r].key, gk_schema_col(def, r, c)->key, NULL};
                if (add_cell(w, id, &at, gk_doc_cell(doc, (gk_table_id)t, r, c)) != 0)
                    return -1;
            }
    }
    return 0;
}

/* Extra rows (the 2019 procurement breakdown): <parent>.sub<n>.<col>, n counted per parent. */
static int add_extras(export_writer *w, sqlite3_int64 id, const gk_doc *doc)
{
    char row_key[128], key[192];
    int n = gk_doc_extra_count(doc);
    for (int i = 0; i < n; i++) {
        const gk_extra_row *x = gk_doc_extra(doc, i);
        if (!x || !x->parent)
            continue;
        int sub = 1;
        for (int j = 0; j < i; j++)
            if (gk_doc_extra(doc, j) && strcmp(gk_doc_extra(doc, j)->parent, x->parent) == 0)
                sub++;
        const gk_table_def *def = NULL;
        int row = -1;
        for (int t = 0; t < GK_TABLE_COUNT && row < 0; t++) {
            def = gk_doc_table(doc, (gk_table_id)t);
            row = def ? gk_schema_find_row(def, x->parent) : -1;
        }
        if (row < 0)
            continue;
        snprintf(row_key, sizeof row_key, "%s.sub%d", x->parent, sub);
        for (int c = 0; c < x->nvalues && c < gk_schema_ncols(def, row); c++) {
            const char *col = gk_schema_col(def, row, c)->key;
            snprintf(key, sizeof key, "%s.%s", row_key, col);
            cell_at at = {key, def->key, row_key, col, &x->label};
            if (add_cell(w, id, &at, &x->values[c]) != 0)
                return -1;
        }
    }
    return 0;
}

static const char *severity_name(gk_severity s)
{
    return s == GK_SEV_ERROR ? "error" : s == GK_SEV_WARNING ? "warning" : "note";
}

static int add_diag(export_writer *w, sqlite3_int64 id, const gk_diag *d)
{
    sqlite3_stmt *s = w->st[S_DIAG];
    sqlite3_bind_int64(s, 1, id);
    bind_str(w, s, 2, severity_name(d->severity));
    bind_str(w, s, 3, d->rule);
    bind_opt(w, s, 4, d->keys);
    bind_opt(w, s, 5, d->expected);
    bind_opt(w, s, 6, d->actual);
    bind_pos(s, 7, d->line);
    bind_pos(s, 8, d->col);
    bind_pos(s, 9, d->page);
    bind_str(w, s, 10, d->msg_zh);
    bind_str(w, s, 11, d->msg_en);
    return run(s);
}

static int add_report_row(export_writer *w, sqlite3_int64 id, const export_report *r)
{
    sqlite3_stmt *s = w->st[S_REPORT];
    char buf[128];
    const char *vals[EXPORT_META_COLUMNS];
    export_meta_values(r, w->lang, buf, sizeof buf, vals);
    sqlite3_bind_int64(s, 1, id);
    bind_str(w, s, 2, r->file);
    bind_opt(w, s, 3, r->agency);
    bind_opt(w, s, 4, vals[2]); /* level */
    bind_pos(s, 5, r->year);
    bind_opt(w, s, 6, vals[4]); /* template */
    bind_opt(w, s, 7, vals[5]); /* input */
    bind_opt(w, s, 8, vals[6]); /* encoding */
    bind_opt(w, s, 9, vals[7]); /* published */
    sqlite3_bind_int(s, 10, r->doc && gk_doc_is_report(r->doc));
    sqlite3_bind_int64(s, 11, (sqlite3_int64)r->errors);
    sqlite3_bind_int64(s, 12, (sqlite3_int64)r->warnings);
    sqlite3_bind_int64(s, 13, (sqlite3_int64)r->notes);
    bind_pos(s, 14, r->duplicate_of >= 0 ? r->duplicate_of + 1 : 0);
    if (r->doc)
        sqlite3_bind_null(s, 15);
    else
        bind_str(w, s, 15, r->why ? r->why : "");
    return run(s);
}

static gk_status s_add(export_writer *w, const export_report *r, gk_error *err)
{
    sqlite3_int64 id = (sqlite3_int64)r->index + 1;
    if (add_report_row(w, id, r) != 0)
        return sql_fail(w, err);
    if (r->doc) {
        if (add_cells(w, id, r->doc) != 0 || add_extras(w, id, r->doc) != 0)
            return sql_fail(w, err);
        for (size_t i = 0; i < gk_doc_diag_count(r->doc); i++)
            if (add_diag(w, id, gk_doc_diag(r->doc, i)) != 0)
                return sql_fail(w, err);
    } else { /* the one error counted for an unreadable input */
        char zh[1024], en[1024];
        snprintf(zh, sizeof zh, "无法读取：%s", r->why ? r->why : "");
        snprintf(en, sizeof en, "cannot be read: %s", r->why ? r->why : "");
        gk_diag d = {GK_SEV_ERROR, "GK-UNREADABLE", "", "", "", zh, en, 0, 0, 0};
        if (add_diag(w, id, &d) != 0)
            return sql_fail(w, err);
    }
    if (++w->in_batch >= BATCH) {
        if (exec(w, "COMMIT") != 0 || exec(w, "BEGIN") != 0)
            return sql_fail(w, err);
        w->in_batch = 0;
    }
    return GK_OK;
}

static gk_status s_close(export_writer *w, gk_error *err)
{
    gk_status st = GK_OK;
    if (exec(w, index_sql) != 0 || exec(w, "COMMIT") != 0)
        st = sql_fail(w, err);
    for (int i = 0; i < S_COUNT; i++) {
        sqlite3_finalize(w->st[i]);
        w->st[i] = NULL;
    }
    if (sqlite3_close(w->db) != SQLITE_OK) {
        if (st == GK_OK)
            st = sql_fail(w, err);
        sqlite3_close_v2(w->db); /* freed once whatever holds it is done */
    }
    w->db = NULL;
    writer_free(w);
    return st;
}

static void s_abort(export_writer *w)
{
    if (w)
        writer_free(w);
}

const export_ops export_sqlite_ops = {s_open, s_add, s_close, s_abort};
