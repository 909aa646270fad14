/*
 * test_export_text.c — the dataset as wide CSV, long CSV and JSON Lines, read back and compared
 * with the values a person transcribed from the reports (tests/golden/…/NAME.expected.json),
 * never with the library's own output.
 *
 * The dataset: the five example reports, one real PDF (szfgs2024), an input that cannot be
 * read, the first example again (a duplicate of report 1), and an unreadable input whose name
 * is not UTF-8 and holds a comma, quotes and a newline. Each format is exported into its own
 * temporary directory, which must then hold only the output; an aborted export must leave it
 * empty; an output in a directory that does not exist fails with GK_ERR_IO.
 *
 * Every transcribed cell of every report is looked up in each format: its wide CSV column, its
 * long CSV row (the 2019 procurement sub-rows too), its JSON line; and agency, year, template,
 * the blank cell 000 t3.grant.legal, the duplicate pointing at report 1, the unreadable inputs
 * with their reasons, the wide header against the schema's keys, the BOM, RFC 4180 quoting
 * (parsed back strictly) and U+FFFD for a file name that is not UTF-8.
 *
 * usage: test-export-text SOURCE_ROOT
 */
#include <dirent.h>
#include <gongkai/gongkai.h>
#include <jansson.h>
#include <stdlib.h>
#include <unistd.h>

#include "harness.h"

/* A string for CHECK_STR: "(null)" for NULL (a missing member). */
static const char *nz(const char *s)
{
    return s ? s : "(null)";
}

/* ---- the dataset ---- */

static const struct {
    const char *input, *golden;
} seeds[] = {
    {"examples/000_610e68cbc9aa9a29.txt", "tests/golden/000_610e68cbc9aa9a29.expected.json"},
    {"examples/001_0786ebd486ce37d5.txt", "tests/golden/001_0786ebd486ce37d5.expected.json"},
    {"examples/002_dc3f67fcb14f95e4.txt", "tests/golden/002_dc3f67fcb14f95e4.expected.json"},
    {"examples/003_43b3efced0382fbe.txt", "tests/golden/003_43b3efced0382fbe.expected.json"},
    {"examples/004_6cbc9befc1ec18ab.txt", "tests/golden/004_6cbc9befc1ec18ab.expected.json"},
    {"tests/fixtures/peers/szfgs2024.pdf", "tests/golden/peers/szfgs2024.expected.json"},
};
#define NSEEDS     (int)(sizeof seeds / sizeof seeds[0])
#define SEED_000   0
#define SEED_004   4
#define SEED_SZFGS 5

/* Dataset positions (0-based) of the inputs after the seeds. */
#define POS_MISSING 6 /* a file that does not exist */
#define POS_DUP     7 /* seed 000 read again */
#define POS_ODD     8 /* unreadable, with an awkward name */
#define NREPORTS    9

static const char odd_name[] = "odd\xff, \"name\"\nx.txt";
static const char odd_why[] = "cannot read, \"really\"\r\nsecond line";

typedef struct dataset {
    gk_doc *docs[NSEEDS], *dup;
    json_t *golden[NSEEDS];
    char *missing_path, missing_why[256];
} dataset;

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *s = malloc(n);
    if (!s)
        abort();
    snprintf(s, n, "%s/%s", a, b);
    return s;
}

static gk_doc *read_checked(const char *root, const char *rel)
{
    char *path = join(root, rel);
    gk_doc *doc = NULL;
    gk_error err = {GK_OK, ""};
    gk_status st = gk_doc_read_file(path, &doc, &err);
    CHECK_MSG(st == GK_OK, "%s: %s", path, err.msg);
    if (doc)
        gk_check(doc);
    free(path);
    return doc;
}

static int dataset_load(dataset *d, const char *root)
{
    memset(d, 0, sizeof *d);
    for (int i = 0; i < NSEEDS; i++) {
        d->docs[i] = read_checked(root, seeds[i].input);
        char *g = join(root, seeds[i].golden);
        json_error_t jerr;
        d->golden[i] = json_load_file(g, 0, &jerr);
        CHECK_MSG(d->golden[i] != NULL, "%s: %s", g, jerr.text);
        free(g);
        if (!d->docs[i] || !d->golden[i])
            return 0;
    }
    d->dup = read_checked(root, seeds[SEED_000].input);
    d->missing_path = join(root, "tests/no-such-report.txt");
    gk_doc *none = NULL;
    gk_error err = {GK_OK, ""};
    CHECK(gk_doc_read_file(d->missing_path, &none, &err) != GK_OK);
    CHECK(none == NULL);
    CHECK(err.msg[0] != '\0');
    snprintf(d->missing_why, sizeof d->missing_why, "%s", err.msg);
    return d->dup != NULL;
}

static void dataset_free(dataset *d)
{
    for (int i = 0; i < NSEEDS; i++) {
        gk_doc_free(d->docs[i]);
        json_decref(d->golden[i]);
    }
    gk_doc_free(d->dup);
    free(d->missing_path);
}

/* Adds the whole dataset in order; GK_OK if every add succeeded. */
static gk_status dataset_add(const dataset *d, gk_exporter *x)
{
    gk_error err = {GK_OK, ""};
    gk_status st = GK_OK;
    for (int i = 0; i < NSEEDS && st == GK_OK; i++)
        st = gk_export_add(x, d->docs[i], &err);
    if (st == GK_OK)
        st = gk_export_add_unreadable(x, d->missing_path, d->missing_why, &err);
    if (st == GK_OK)
        st = gk_export_add(x, d->dup, &err);
    if (st == GK_OK)
        st = gk_export_add_unreadable(x, odd_name, odd_why, &err);
    CHECK_MSG(st == GK_OK, "adding the dataset: %s", err.msg);
    return st;
}

/* The file of dataset position `pos`. */
static const char *file_at(const dataset *d, int pos)
{
    return pos < NSEEDS         ? gk_doc_name(d->docs[pos])
           : pos == POS_MISSING ? d->missing_path
           : pos == POS_DUP     ? gk_doc_name(d->dup)
                                : odd_name;
}

/* A cell key of a table (not of an extra row, t2v19.procurement.subN.*). */
static int is_table_key(const char *key)
{
    return strstr(key, ".sub") == NULL;
}

/* A golden value as the CSV shows it: the number as written, "" for an empty cell. */
static const char *golden_text(json_t *v, char *buf, size_t size)
{
    if (json_is_integer(v))
        snprintf(buf, size, "%lld", (long long)json_integer_value(v));
    else if (json_is_string(v))
        snprintf(buf, size, "%s", json_string_value(v));
    else
        buf[0] = '\0';
    return buf;
}

static const char *golden_str(const dataset *d, int seed, const char *field)
{
    return nz(json_string_value(json_object_get(d->golden[seed], field)));
}

static int golden_year(const dataset *d, int seed)
{
    return (int)json_integer_value(json_object_get(d->golden[seed], "year"));
}

static const char *golden_template(const dataset *d, int seed)
{
    return nz(
        json_string_value(json_object_get(json_object_get(d->golden[seed], "template"), "t2")));
}

/* ---- the expected wide columns, from the public schema ---- */

typedef struct strs {
    char **s;
    size_t n, cap;
} strs;

static void strs_push(strs *v, const char *s, size_t len)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 64;
        v->s = realloc(v->s, v->cap * sizeof *v->s);
        if (!v->s)
            abort();
    }
    char *c = malloc(len + 1);
    if (!c)
        abort();
    memcpy(c, s, len);
    c[len] = '\0';
    v->s[v->n++] = c;
}

static void strs_free(strs *v)
{
    for (size_t i = 0; i < v->n; i++)
        free(v->s[i]);
    free(v->s);
    memset(v, 0, sizeof *v);
}

static long strs_find(const strs *v, const char *s)
{
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->s[i], s) == 0)
            return (long)i;
    return -1;
}

static void add_table_keys(strs *v, gk_table_id table, gk_format format, const char *only_row)
{
    const gk_table_def *t = gk_schema_table(table, format);
    char key[128];
    for (int r = 0; t && r < t->nrows; r++) {
        if (only_row && strcmp(t->rows[r].key, only_row) != 0)
            continue;
        for (int c = 0; c < gk_schema_ncols(t, r); c++) {
            gk_schema_cell_key(t, r, c, key, sizeof key);
            strs_push(v, key, strlen(key));
        }
    }
}

/* The metadata columns, then sheets t2 (2021), t2v19 (2019), t3 (2021 and the 2019 row
 * t3.other), t4, as export_int.h describes them. */
static void expected_header(strs *v)
{
    static const char *const meta[] = {"file",     "agency",   "level",       "year",
                                       "template", "input",    "encoding",    "published",
                                       "errors",   "warnings", "duplicate_of"};
    for (size_t i = 0; i < sizeof meta / sizeof meta[0]; i++)
        strs_push(v, meta[i], strlen(meta[i]));
    add_table_keys(v, GK_T2, GK_FORMAT_2021, NULL);
    add_table_keys(v, GK_T2, GK_FORMAT_2019, NULL);
    add_table_keys(v, GK_T3, GK_FORMAT_2021, NULL);
    add_table_keys(v, GK_T3, GK_FORMAT_2019, "t3.other");
    add_table_keys(v, GK_T4, GK_FORMAT_2021, NULL);
}

/* ---- files and directories ---- */

/* Number of entries in dir (besides . and ..); *only gets the name if there is exactly one. */
static int dir_entries(const char *dir, char *only, size_t size)
{
    DIR *dp = opendir(dir);
    int n = 0;
    struct dirent *e;
    if (!dp)
        return -1;
    while ((e = readdir(dp)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (n++ == 0 && only)
            snprintf(only, size, "%s", e->d_name);
    }
    closedir(dp);
    return n;
}

static char *make_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char *tmpl = join(base && *base ? base : "/tmp", "gk-export-text.XXXXXX");
    if (!mkdtemp(tmpl)) {
        CHECK_MSG(0, "mkdtemp %s", tmpl);
        free(tmpl);
        return NULL;
    }
    return tmpl;
}

/* Exports the dataset as `format` into a new directory; returns the output's contents (and
 * removes the directory). Checks that nothing but the output is left there. */
static char *export_to_memory(const dataset *d, gk_export_format format, const char *name,
                              size_t *len)
{
    char *dir = make_tmpdir();
    if (!dir)
        return NULL;
    char *out = join(dir, name), *data = NULL, only[256] = "";
    gk_exporter *x = NULL;
    gk_error err = {GK_OK, ""};
    gk_status st = gk_export_open(format, out, GK_LANG_ZH, &x, &err);
    CHECK_MSG(st == GK_OK, "%s: open: %s", name, err.msg);
    if (st == GK_OK) {
        if (dataset_add(d, x) != GK_OK) {
            gk_export_abort(x);
        } else {
            st = gk_export_close(x, &err);
            CHECK_MSG(st == GK_OK, "%s: close: %s", name, err.msg);
            CHECK_MSG(dir_entries(dir, only, sizeof only) == 1 && strcmp(only, name) == 0,
                      "%s: the directory should hold only the output (first entry %s)", name, only);
            data = t_slurp(out, len);
            CHECK_MSG(data != NULL, "%s: cannot read the output back", name);
        }
    }
    unlink(out);
    rmdir(dir);
    free(out);
    free(dir);
    return data;
}

/* An aborted export leaves nothing; an output in a missing directory is an I/O error. */
static void test_abort_and_io(const dataset *d, gk_export_format format, const char *name)
{
    char *dir = make_tmpdir();
    if (!dir)
        return;
    char *out = join(dir, name);
    gk_exporter *x = NULL;
    gk_error err = {GK_OK, ""};
    CHECK(gk_export_open(format, out, GK_LANG_EN, &x, &err) == GK_OK);
    if (x) {
        CHECK(gk_export_add(x, d->docs[SEED_000], &err) == GK_OK);
        CHECK(gk_export_add_unreadable(x, "x.txt", "why", &err) == GK_OK);
        gk_export_abort(x);
    }
    CHECK_MSG(dir_entries(dir, NULL, 0) == 0, "%s: abort should leave an empty directory", name);
    CHECK(access(out, F_OK) != 0);

    char *nowhere = join(dir, "no-such-dir/out");
    x = NULL;
    err = (gk_error){GK_OK, ""};
    gk_status st = gk_export_open(format, nowhere, GK_LANG_EN, &x, &err);
    CHECK_MSG(st == GK_ERR_IO, "%s: output in a missing directory: status %d", name, (int)st);
    CHECK(x == NULL);
    CHECK(err.msg[0] != '\0');
    if (x)
        gk_export_abort(x);
    CHECK(dir_entries(dir, NULL, 0) == 0);
    free(nowhere);
    rmdir(dir);
    free(out);
    free(dir);
}

/* ---- CSV (RFC 4180) ---- */

typedef struct csv {
    strs *rows; /* each row a list of fields */
    size_t n;
} csv;

/* Parses RFC 4180 CSV (records end with LF or CRLF); 0 on a malformed file. */
static int csv_parse(const char *s, size_t len, csv *out)
{
    memset(out, 0, sizeof *out);
    size_t cap = 0, i = 0;
    char *fld = malloc(len + 1);
    if (!fld)
        abort();
    while (i < len) {
        if (out->n == cap) {
            cap = cap ? cap * 2 : 64;
            out->rows = realloc(out->rows, cap * sizeof *out->rows);
            if (!out->rows)
                abort();
        }
        strs *row = &out->rows[out->n++];
        memset(row, 0, sizeof *row);
        for (;;) { /* one field */
            size_t n = 0;
            if (i < len && s[i] == '"') {
                for (i++;; i++) {
                    if (i >= len) {
                        free(fld);
                        return 0; /* unterminated quote */
                    }
                    if (s[i] == '"') {
                        if (i + 1 < len && s[i + 1] == '"')
                            fld[n++] = s[i++];
                        else
                            break;
                    } else {
                        fld[n++] = s[i];
                    }
                }
                i++; /* closing quote */
                if (i < len && s[i] != ',' && s[i] != '\n' && s[i] != '\r') {
                    free(fld);
                    return 0; /* text after the closing quote */
                }
            } else {
                while (i < len && s[i] != ',' && s[i] != '\n' && s[i] != '\r') {
                    if (s[i] == '"' || s[i] == '\r') {
                        free(fld);
                        return 0; /* a quote in an unquoted field */
                    }
                    fld[n++] = s[i++];
                }
            }
            strs_push(row, fld, n);
            if (i < len && s[i] == ',') {
                i++;
                continue;
            }
            if (i < len && s[i] == '\r')
                i++;
            if (i < len && s[i] != '\n') {
                free(fld);
                return 0;
            }
            i++;
            break;
        }
    }
    free(fld);
    return 1;
}

static void csv_free(csv *c)
{
    for (size_t i = 0; i < c->n; i++)
        strs_free(&c->rows[i]);
    free(c->rows);
}

/* ---- wide CSV ---- */

static const char *wide_cell(const csv *c, const strs *header, size_t row, const char *column)
{
    long col = strs_find(header, column);
    if (col < 0 || row >= c->n || (size_t)col >= c->rows[row].n)
        return NULL;
    return c->rows[row].s[col];
}

#define CHECK_CELL(got, want, what, ...)                                                           \
    CHECK_MSG((got) && strcmp((got), (want)) == 0, what ": got \"%s\", want \"%s\"", __VA_ARGS__,  \
              (got) ? (got) : "(none)", (want))

static void test_wide(const dataset *d)
{
    size_t len = 0;
    char *data = export_to_memory(d, GK_EXPORT_CSV_WIDE, "dataset.csv", &len);
    if (!data)
        return;
    CHECK_MSG(len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0, "wide CSV starts with a BOM");
    csv c;
    int parsed = len >= 3 && csv_parse(data + 3, len - 3, &c);
    CHECK_MSG(parsed, "wide CSV parses as RFC 4180");
    if (!parsed) {
        free(data);
        return;
    }
    strs want = {0};
    expected_header(&want);
    CHECK_INT(c.n, 1 + NREPORTS);
    const strs *header = &c.rows[0];
    CHECK_INT(header->n, want.n);
    for (size_t i = 0; i < want.n && i < header->n; i++)
        CHECK_MSG(strcmp(header->s[i], want.s[i]) == 0, "wide column %zu: got %s, want %s", i,
                  header->s[i], want.s[i]);
    for (size_t i = 0; i < header->n; i++)
        CHECK_MSG(strs_find(header, header->s[i]) == (long)i, "wide column %s twice", header->s[i]);
    for (size_t r = 1; r < c.n; r++)
        CHECK_MSG(c.rows[r].n == header->n, "wide row %zu has %zu fields, header %zu", r,
                  c.rows[r].n, header->n);

    char buf[128];
    for (int s = 0; s < NSEEDS; s++) {
        size_t row = 1 + (size_t)s;
        const char *got = wide_cell(&c, header, row, "file");
        CHECK_CELL(got, gk_doc_name(d->docs[s]), "wide %s file", seeds[s].input);
        got = wide_cell(&c, header, row, "agency");
        CHECK_CELL(got, golden_str(d, s, "agency"), "wide %s agency", seeds[s].input);
        snprintf(buf, sizeof buf, "%d", golden_year(d, s));
        got = wide_cell(&c, header, row, "year");
        CHECK_CELL(got, buf, "wide %s year", seeds[s].input);
        got = wide_cell(&c, header, row, "template");
        CHECK_CELL(got, golden_template(d, s), "wide %s template", seeds[s].input);
        got = wide_cell(&c, header, row, "duplicate_of");
        CHECK_CELL(got, "", "wide %s duplicate_of", seeds[s].input);
        const char *key;
        json_t *v;
        json_object_foreach(json_object_get(d->golden[s], "cells"), key, v)
        {
            if (!is_table_key(key))
                continue;
            got = wide_cell(&c, header, row, key);
            CHECK_CELL(got, golden_text(v, buf, sizeof buf), "wide %s %s", seeds[s].input, key);
        }
    }
    /* The two examples cited by name, and the other template's columns left empty. */
    CHECK_CELL(wide_cell(&c, header, 1 + SEED_SZFGS, "t3.new.total"), "3119", "%s",
               "wide szfgs2024 t3.new.total");
    CHECK_CELL(wide_cell(&c, header, 1 + SEED_SZFGS, "level"), "市级", "%s", "wide szfgs level");
    CHECK_CELL(wide_cell(&c, header, 1 + SEED_000, "t3.grant.legal"), "", "%s",
               "wide 000 t3.grant.legal (blank)");
    CHECK_CELL(wide_cell(&c, header, 1 + SEED_000, "t3.grant.np"), "23", "%s", "wide 000");
    CHECK_CELL(wide_cell(&c, header, 1 + SEED_000, "t2v19.nd.made_new"), "", "%s",
               "wide 000 (2021) has no 2019 cells");
    CHECK_CELL(wide_cell(&c, header, 1 + SEED_004, "t2.reg.issued"), "", "%s",
               "wide 004 (2019) has no 2021 T2 cells");

    /* The duplicate names report 1, and has the same cells. */
    CHECK_CELL(wide_cell(&c, header, 1 + POS_DUP, "file"), gk_doc_name(d->dup), "%s",
               "wide duplicate file");
    CHECK_CELL(wide_cell(&c, header, 1 + POS_DUP, "duplicate_of"), "1", "%s", "wide duplicate_of");
    CHECK_CELL(wide_cell(&c, header, 1 + POS_DUP, "t3.new.total"), "99", "%s",
               "wide duplicate t3.new.total");

    /* Unreadable inputs: their file, every cell empty. */
    const int unreadable[] = {POS_MISSING, POS_ODD};
    for (int u = 0; u < 2; u++) {
        size_t row = 1 + (size_t)unreadable[u];
        CHECK_CELL(wide_cell(&c, header, row, "file"), file_at(d, unreadable[u]), "wide %s",
                   "unreadable file");
        size_t filled = 0;
        for (size_t k = 11; row < c.n && k < c.rows[row].n; k++)
            filled += c.rows[row].s[k][0] != '\0';
        CHECK_MSG(filled == 0, "wide unreadable row %zu: %zu cells filled", row, filled);
    }
    strs_free(&want);
    csv_free(&c);
    free(data);
}

/* ---- long CSV ---- */

typedef struct long_report {
    const char *file;
    strs keys, values; /* in file order */
} long_report;

static const char *long_get(const long_report *r, const char *key)
{
    long i = strs_find(&r->keys, key);
    return i < 0 ? NULL : r->values.s[i];
}

static void test_long(const dataset *d)
{
    size_t len = 0;
    char *data = export_to_memory(d, GK_EXPORT_CSV_LONG, "dataset-long.csv", &len);
    if (!data)
        return;
    CHECK_MSG(len >= 15 && memcmp(data, "file,key,value\n", 15) == 0,
              "long CSV starts with its header (no BOM)");
    csv c;
    if (!csv_parse(data, len, &c)) {
        CHECK_MSG(0, "long CSV parses as RFC 4180");
        free(data);
        return;
    }
    strs header = {0};
    expected_header(&header);

    /* Split into reports: each starts with its "report" row (files can repeat). */
    long_report reps[NREPORTS + 1];
    memset(reps, 0, sizeof reps);
    int n = 0, well_formed = 1;
    for (size_t r = 1; r < c.n; r++) {
        const strs *row = &c.rows[r];
        if (row->n != 3) {
            well_formed = 0;
            continue;
        }
        if (strcmp(row->s[1], "report") == 0) {
            char num[16];
            snprintf(num, sizeof num, "%d", n + 1);
            CHECK_STR(row->s[2], num);
            if (n == NREPORTS) {
                well_formed = 0;
                break;
            }
            reps[n++].file = row->s[0];
        } else if (n == 0 || strcmp(row->s[0], reps[n - 1].file) != 0) {
            well_formed = 0;
            continue;
        }
        long_report *lr = &reps[n - 1];
        CHECK_MSG(strs_find(&lr->keys, row->s[1]) < 0, "long: %s twice for report %d", row->s[1],
                  n);
        strs_push(&lr->keys, row->s[1], strlen(row->s[1]));
        strs_push(&lr->values, row->s[2], strlen(row->s[2]));
        const char *k = row->s[1]; /* a metadata column but file, or a wide column */
        CHECK_MSG(strs_find(&header, k) >= 1 || strcmp(k, "report") == 0 ||
                      strcmp(k, "unreadable") == 0 || !is_table_key(k),
                  "long key %s is neither metadata nor a wide column", k);
    }
    CHECK_MSG(well_formed, "every long row has three fields and follows its report row");
    CHECK_INT(c.rows[0].n, 3);
    CHECK_INT(n, NREPORTS);

    char buf[128];
    for (int s = 0; s < NSEEDS && s < n; s++) {
        const long_report *lr = &reps[s];
        CHECK_STR(lr->file, gk_doc_name(d->docs[s]));
        const char *got = long_get(lr, "agency");
        CHECK_CELL(got, golden_str(d, s, "agency"), "long %s agency", seeds[s].input);
        snprintf(buf, sizeof buf, "%d", golden_year(d, s));
        got = long_get(lr, "year");
        CHECK_CELL(got, buf, "long %s year", seeds[s].input);
        got = long_get(lr, "template");
        CHECK_CELL(got, golden_template(d, s), "long %s template", seeds[s].input);
        got = long_get(lr, "duplicate_of");
        CHECK_CELL(got, "", "long %s duplicate_of", seeds[s].input);
        CHECK(long_get(lr, "unreadable") == NULL);
        const char *key;
        json_t *v;
        json_object_foreach(json_object_get(d->golden[s], "cells"), key, v)
        { /* extra rows (…subN.*) too */
            got = long_get(lr, key);
            CHECK_CELL(got, golden_text(v, buf, sizeof buf), "long %s %s", seeds[s].input, key);
        }
    }
    if (n == NREPORTS) {
        CHECK_CELL(long_get(&reps[SEED_SZFGS], "t3.new.total"), "3119", "%s",
                   "long szfgs2024 t3.new.total");
        CHECK_CELL(long_get(&reps[SEED_SZFGS], "level"), "市级", "%s", "long szfgs level");
        CHECK_CELL(long_get(&reps[SEED_000], "level"), "县级", "%s", "long 000 level");
        CHECK_CELL(long_get(&reps[SEED_000], "t3.grant.legal"), "", "%s",
                   "long 000 t3.grant.legal: a row, blank");
        CHECK_MSG(long_get(&reps[SEED_000], "t2v19.nd.made_new") == NULL,
                  "long 000 (2021): no rows for cells it does not have");
        CHECK_MSG(long_get(&reps[SEED_004], "t2.reg.issued") == NULL,
                  "long 004 (2019): no rows for cells it does not have");
        /* The 2019 procurement sub-rows in the order the golden README gives them. */
        static const char *const subs[] = {"省级平台采购", "区级平台采购", "自主采购"};
        for (int i = 0; i < 3; i++) {
            char k[64];
            snprintf(k, sizeof k, "t2v19.procurement.sub%d.label", i + 1);
            const char *label = long_get(&reps[SEED_004], k);
            CHECK_MSG(label && strstr(label, subs[i]), "long 004 %s: got %s, want …%s", k,
                      nz(label), subs[i]);
        }
        CHECK(long_get(&reps[SEED_004], "t2v19.procurement.sub4.label") == NULL);

        CHECK_STR(reps[POS_DUP].file, gk_doc_name(d->dup));
        CHECK_CELL(long_get(&reps[POS_DUP], "duplicate_of"), "1", "%s", "long duplicate_of");
        CHECK_CELL(long_get(&reps[POS_DUP], "t3.new.total"), "99", "%s",
                   "long duplicate t3.new.total");

        CHECK_STR(reps[POS_MISSING].file, d->missing_path);
        CHECK_CELL(long_get(&reps[POS_MISSING], "unreadable"), d->missing_why, "%s",
                   "long unreadable reason");
        CHECK_STR(reps[POS_ODD].file, odd_name);
        CHECK_CELL(long_get(&reps[POS_ODD], "unreadable"), odd_why, "%s",
                   "long unreadable reason with quotes and newlines");
        for (int u = POS_MISSING; u <= POS_ODD; u += POS_ODD - POS_MISSING) {
            size_t cells = 0;
            for (size_t k = 0; k < reps[u].keys.n; k++)
                cells += strs_find(&header, reps[u].keys.s[k]) >= 11;
            CHECK_MSG(cells == 0, "long unreadable report %d has %zu cell rows", u + 1, cells);
        }
    }
    for (int i = 0; i < n; i++) {
        strs_free(&reps[i].keys);
        strs_free(&reps[i].values);
    }
    strs_free(&header);
    csv_free(&c);
    free(data);
}

/* ---- JSON Lines ---- */

static int is_utf8_fffd_name(const char *s)
{
    return s && strcmp(s, "odd\xEF\xBF\xBD, \"name\"\nx.txt") == 0;
}

static void test_jsonl(const dataset *d)
{
    size_t len = 0;
    char *data = export_to_memory(d, GK_EXPORT_JSONL, "dataset.jsonl", &len);
    if (!data)
        return;
    json_t *lines[NREPORTS] = {0};
    int n = 0;
    for (char *p = data, *nl; p < data + len; p = nl + 1) {
        nl = memchr(p, '\n', (size_t)(data + len - p));
        CHECK_MSG(nl != NULL, "JSON line %d ends with a newline", n + 1);
        if (!nl)
            break;
        json_error_t jerr;
        json_t *o = json_loadb(p, (size_t)(nl - p), 0, &jerr);
        CHECK_MSG(json_is_object(o), "JSON line %d: %s", n + 1, jerr.text);
        if (n < NREPORTS)
            lines[n] = o;
        else
            json_decref(o);
        n++;
    }
    CHECK_INT(n, NREPORTS);
    for (int i = 0; i < NREPORTS && i < n; i++)
        CHECK_INT(json_integer_value(json_object_get(lines[i], "index")), i);

    for (int s = 0; s < NSEEDS && lines[s]; s++) {
        json_t *o = lines[s];
        CHECK_STR(nz(json_string_value(json_object_get(o, "file"))), gk_doc_name(d->docs[s]));
        CHECK(json_equal(json_object_get(o, "agency"), json_object_get(d->golden[s], "agency")));
        CHECK(json_equal(json_object_get(o, "year"), json_object_get(d->golden[s], "year")));
        CHECK_STR(nz(json_string_value(json_object_get(o, "template"))), golden_template(d, s));
        CHECK(json_is_null(json_object_get(o, "duplicate_of")));
        json_t *cells = json_object_get(o, "cells");
        const char *key;
        json_t *v;
        json_object_foreach(json_object_get(d->golden[s], "cells"), key, v)
        {
            if (!is_table_key(key))
                continue;
            json_t *got = json_object_get(cells, key);
            char *g = got ? json_dumps(got, JSON_ENCODE_ANY) : NULL;
            char *w = json_dumps(v, JSON_ENCODE_ANY);
            CHECK_MSG(got && json_equal(got, v), "jsonl %s %s: got %s, want %s", seeds[s].input,
                      key, g ? g : "(none)", w);
            free(g);
            free(w);
        }
    }
    if (n == NREPORTS) {
        json_t *sz = lines[SEED_SZFGS], *e0 = lines[SEED_000];
        CHECK_INT(json_integer_value(json_object_get(json_object_get(sz, "cells"), "t3.new.total")),
                  3119);
        CHECK_STR(nz(json_string_value(json_object_get(sz, "level"))), "city");
        CHECK_STR(nz(json_string_value(json_object_get(e0, "level"))), "county");
        json_t *legal = json_object_get(json_object_get(e0, "cells"), "t3.grant.legal");
        CHECK_MSG(legal && json_is_null(legal), "jsonl 000 t3.grant.legal is null (blank)");

        /* 004's procurement sub-rows, as extra rows with their values as written. */
        json_t *extras = json_object_get(lines[SEED_004], "extra_rows");
        CHECK_INT(json_array_size(extras), 3);
        for (size_t i = 0; i < json_array_size(extras); i++) {
            json_t *x = json_array_get(extras, i), *vals = json_object_get(x, "values");
            CHECK_STR(nz(json_string_value(json_object_get(x, "parent"))), "t2v19.procurement");
            static const char *const cols[] = {"projects", "amount"};
            for (size_t c = 0; c < 2; c++) {
                char key[96], want[64], got[64];
                snprintf(key, sizeof key, "t2v19.procurement.sub%zu.%s", i + 1, cols[c]);
                golden_text(json_object_get(json_object_get(d->golden[SEED_004], "cells"), key),
                            want, sizeof want);
                golden_text(json_array_get(vals, c), got, sizeof got);
                CHECK_MSG(want[0] && strcmp(got, want) == 0, "jsonl 004 %s: got %s, want %s", key,
                          got, want);
            }
        }

        /* The same object `parse --format json` gives, plus index, level, duplicate_of. */
        char *one = NULL;
        size_t one_len = 0;
        FILE *mem = open_memstream(&one, &one_len);
        CHECK(mem && gk_render_json_line(d->docs[SEED_SZFGS], GK_LANG_ZH, mem) == GK_OK);
        if (mem)
            fclose(mem);
        json_t *parsed = one ? json_loads(one, 0, NULL) : NULL;
        CHECK(json_is_object(parsed));
        const char *key;
        json_t *v;
        json_object_foreach(parsed, key, v)
            CHECK_MSG(json_equal(json_object_get(sz, key), v), "jsonl szfgs %s as in parse", key);
        CHECK_INT(json_object_size(sz), json_object_size(parsed) + 3);
        json_decref(parsed);
        free(one);

        json_t *dup = lines[POS_DUP];
        CHECK_STR(nz(json_string_value(json_object_get(dup, "file"))), gk_doc_name(d->dup));
        CHECK_STR(nz(json_string_value(json_object_get(dup, "duplicate_of"))),
                  gk_doc_name(d->docs[SEED_000]));
        CHECK_INT(
            json_integer_value(json_object_get(json_object_get(dup, "cells"), "t3.new.total")), 99);

        json_t *miss = lines[POS_MISSING];
        CHECK_STR(nz(json_string_value(json_object_get(miss, "file"))), d->missing_path);
        CHECK_STR(nz(json_string_value(json_object_get(miss, "unreadable"))), d->missing_why);
        CHECK(json_object_get(miss, "cells") == NULL);
        json_t *odd = lines[POS_ODD];
        CHECK_MSG(is_utf8_fffd_name(json_string_value(json_object_get(odd, "file"))),
                  "jsonl: the invalid byte in the file name becomes U+FFFD");
        CHECK_STR(nz(json_string_value(json_object_get(odd, "unreadable"))), odd_why);
    }
    for (int i = 0; i < NREPORTS; i++)
        json_decref(lines[i]);
    free(data);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s SOURCE_ROOT\n", argv[0]);
        return 2;
    }
    dataset d;
    if (dataset_load(&d, argv[1])) {
        test_wide(&d);
        test_long(&d);
        test_jsonl(&d);
        test_abort_and_io(&d, GK_EXPORT_CSV_WIDE, "a.csv");
        test_abort_and_io(&d, GK_EXPORT_CSV_LONG, "a-long.csv");
        test_abort_and_io(&d, GK_EXPORT_JSONL, "a.jsonl");
    }
    dataset_free(&d);
    return t_report();
}
