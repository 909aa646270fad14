/*
 * test_formats.c — a report reads to the same document whatever its format or encoding.
 *
 * Every seed report (examples/NAME.txt) was also saved as GB18030, UTF-16LE/BE, UTF-8 with a
 * BOM, traditional characters (UTF-8 and Big5), a web page, a Word document and a PDF, under
 * tests/fixtures/seeds/ (see its README.md). Each fixture is read and checked, and compared
 * with the text seed, ignoring source positions: year, agency, publication date, table
 * templates, sections, every cell, the extra rows and the diagnostics. Every cell of the
 * fixture is also compared with the hand-transcribed tests/golden/NAME.expected.json, so a
 * fixture is right even where the seed's text would be misread.
 *
 * usage: test-formats SOURCE_ROOT
 */
#include <gongkai/gongkai.h>
#include <jansson.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "harness.h"

static const char *const seeds[] = {"000_610e68cbc9aa9a29", "001_0786ebd486ce37d5",
                                    "002_dc3f67fcb14f95e4", "003_43b3efced0382fbe",
                                    "004_6cbc9befc1ec18ab"};
#define NSEEDS (sizeof seeds / sizeof seeds[0])

/* A fixture kind: the suffix after NAME, and the seeds (bit i = seeds[i]) it exists for. */
typedef struct fixture {
    const char *suffix;
    unsigned seeds;
} fixture;

#define ALL_SEEDS 0x1Fu

static const fixture fixtures[] = {
    {".gb18030.txt", ALL_SEEDS},
    {".utf16le.txt", ALL_SEEDS},
    {".utf16be.txt", ALL_SEEDS},
    {".utf8bom.txt", ALL_SEEDS},
    {".trad.txt", ALL_SEEDS},
    /* Seed 002 holds U+00A0 and private-use icon characters that have no Big5 code. */
    {".big5.txt", ALL_SEEDS & ~(1u << 2)},
    {".html", ALL_SEEDS},
    {".docx", ALL_SEEDS},
    {".pdf", ALL_SEEDS},
};

/*
 * Reader notes that say how the bytes were read, not what the report says. Nothing else is
 * left out, for any format: the web pages, Word documents and PDFs hold every prose line of
 * their seed, so the prose checks must find the same things in them.
 */
static int is_reader_note(const gk_diag *d)
{
    return strcmp(d->rule, "GK-ENCODING") == 0 || strcmp(d->rule, "GK-TRADITIONAL") == 0;
}

/* ---- describing values ---------------------------------------------------------------- */

static const char *unit_name(int unit)
{
    return unit == GK_UNIT_YUAN ? "元" : unit == GK_UNIT_WAN ? "万元" : "";
}

/* A value for a message: "missing", "blank", "invalid \"x\"" or the number with its unit. */
static const char *describe(const gk_value *v, char *buf, size_t size)
{
    char num[64];
    if (!v)
        snprintf(buf, size, "(no cell)");
    else if (v->state == GK_CELL_MISSING)
        snprintf(buf, size, "missing");
    else if (v->state == GK_CELL_BLANK)
        snprintf(buf, size, "blank");
    else if (v->state == GK_CELL_INVALID)
        snprintf(buf, size, "invalid \"%.*s\"", (int)v->src.raw_len, v->src.raw);
    else
        snprintf(buf, size, "%s%s", gk_value_format(v, num, sizeof num), unit_name(v->unit));
    return buf;
}

static int same_value(const gk_value *a, const gk_value *b)
{
    if (!a || !b)
        return a == b;
    if (a->state != b->state)
        return 0;
    if (a->state != GK_CELL_NUMBER)
        return 1;
    return a->value == b->value && a->scale == b->scale && a->unit == b->unit;
}

static void check_value(const char *file, const char *key, const gk_value *fx, const gk_value *txt)
{
    char a[128], b[128];
    CHECK_MSG(same_value(fx, txt), "%s: %s: fixture %s, text %s", file, key,
              describe(fx, a, sizeof a), describe(txt, b, sizeof b));
}

/* ---- document-level facts -------------------------------------------------------------- */

static const char *const section_keys[] = {"s1_overall",           "s2_proactive", "s3_requests",
                                           "s4_review_litigation", "s5_problems",  "s6_other"};

static void compare_outline(const char *file, const gk_doc *fx, const gk_doc *txt)
{
    CHECK_MSG(gk_doc_year(fx) == gk_doc_year(txt), "%s: year: fixture %d, text %d", file,
              gk_doc_year(fx), gk_doc_year(txt));
    CHECK_MSG(strcmp(gk_doc_agency(fx), gk_doc_agency(txt)) == 0,
              "%s: agency: fixture \"%s\", text \"%s\"", file, gk_doc_agency(fx),
              gk_doc_agency(txt));
    CHECK_MSG(gk_doc_published(fx) == gk_doc_published(txt), "%s: published: fixture %d, text %d",
              file, gk_doc_published(fx), gk_doc_published(txt));
    CHECK_MSG(gk_doc_template(fx) == gk_doc_template(txt), "%s: template: fixture %d, text %d",
              file, gk_doc_template(fx), gk_doc_template(txt));
    for (int t = 0; t < GK_TABLE_COUNT; t++) {
        gk_format f = gk_doc_format(fx, (gk_table_id)t), g = gk_doc_format(txt, (gk_table_id)t);
        CHECK_MSG(f == g, "%s: t%d template: fixture %d, text %d", file, t + 2, f, g);
    }
    for (int s = 0; s < GK_SECTION_COUNT; s++) {
        const gk_section *a = gk_doc_section(fx, (gk_section_id)s);
        const gk_section *b = gk_doc_section(txt, (gk_section_id)s);
        CHECK_MSG(a->present == b->present && a->ordinal == b->ordinal &&
                      a->digit_ordinal == b->digit_ordinal,
                  "%s: %s: fixture present %d ordinal %d%s, text present %d ordinal %d%s", file,
                  section_keys[s], a->present, a->ordinal, a->digit_ordinal ? " (digit)" : "",
                  b->present, b->ordinal, b->digit_ordinal ? " (digit)" : "");
    }
}

/* ---- cells ----------------------------------------------------------------------------- */

static void compare_table(const char *file, const gk_doc *fx, const gk_doc *txt, gk_table_id t)
{
    const gk_table_def *def = gk_doc_table(txt, t);
    if (!def || gk_doc_table(fx, t) != def)
        return; /* a missing table or another template: compare_outline reported it */
    for (int r = 0; r < def->nrows; r++)
        for (int c = 0; c < gk_schema_ncols(def, r); c++) {
            char key[96];
            gk_schema_cell_key(def, r, c, key, sizeof key);
            check_value(file, key, gk_doc_cell(fx, t, r, c), gk_doc_cell(txt, t, r, c));
        }
}

static void compare_extras(const char *file, const gk_doc *fx, const gk_doc *txt)
{
    int n = gk_doc_extra_count(fx), m = gk_doc_extra_count(txt);
    CHECK_MSG(n == m, "%s: extra rows: fixture %d, text %d", file, n, m);
    for (int i = 0; i < n && i < m; i++) {
        const gk_extra_row *a = gk_doc_extra(fx, i), *b = gk_doc_extra(txt, i);
        CHECK_MSG(strcmp(a->parent, b->parent) == 0 && a->label.norm_len == b->label.norm_len &&
                      memcmp(a->label.norm, b->label.norm, a->label.norm_len) == 0,
                  "%s: extra row %d: fixture %s \"%.*s\", text %s \"%.*s\"", file, i + 1, a->parent,
                  (int)a->label.norm_len, a->label.norm, b->parent, (int)b->label.norm_len,
                  b->label.norm);
        CHECK_MSG(a->nvalues == b->nvalues, "%s: extra row %d: fixture %d values, text %d", file,
                  i + 1, a->nvalues, b->nvalues);
        for (int k = 0; k < a->nvalues && k < b->nvalues; k++) {
            char key[96];
            snprintf(key, sizeof key, "%s.sub%d[%d]", a->parent, i + 1, k);
            check_value(file, key, &a->values[k], &b->values[k]);
        }
    }
}

/* ---- diagnostics ----------------------------------------------------------------------- */

static const char *const severities[] = {"note", "warning", "error"};

static int cmp_lines(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The document's diagnostics as sorted "severity rule (keys)" lines, reader notes left out. */
static size_t diag_lines(const gk_doc *doc, char ***out)
{
    size_t n = gk_doc_diag_count(doc), k = 0;
    char **lines = calloc(n ? n : 1, sizeof *lines);
    for (size_t i = 0; i < n; i++) {
        const gk_diag *d = gk_doc_diag(doc, i);
        if (is_reader_note(d))
            continue;
        size_t len = strlen(d->rule) + strlen(d->keys) + 32;
        lines[k] = malloc(len);
        const char *sev = d->severity <= GK_SEV_ERROR ? severities[d->severity] : "?";
        snprintf(lines[k++], len, "%s %s (%s)", sev, d->rule, d->keys);
    }
    qsort(lines, k, sizeof *lines, cmp_lines);
    *out = lines;
    return k;
}

static void free_lines(char **lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
}

/* Reports every diagnostic found in one document and not the other (as multisets). */
static void compare_diags(const char *file, const gk_doc *fx, const gk_doc *txt)
{
    char **a, **b;
    size_t na = diag_lines(fx, &a), nb = diag_lines(txt, &b), i = 0, j = 0;
    int same = 1;
    while (i < na || j < nb) {
        int c = i == na ? 1 : j == nb ? -1 : strcmp(a[i], b[j]);
        if (c == 0) {
            i++, j++;
            continue;
        }
        same = 0;
        if (c < 0)
            printf("  %s: diagnostic %s: in fixture, not in text\n", file, a[i++]);
        else
            printf("  %s: diagnostic %s: in text, not in fixture\n", file, b[j++]);
    }
    CHECK_MSG(same, "%s: diagnostics differ (%zu in fixture, %zu in text)", file, na, nb);
    free_lines(a, na);
    free_lines(b, nb);
}

/* ---- the golden values ----------------------------------------------------------------- */

/* t2v19.procurement.subN.COL: column COL of the N-th extra row under the procurement row. */
static const gk_value *sub_cell(const gk_doc *doc, const char *key)
{
    int n = 0;
    char col[32];
    if (sscanf(key, "t2v19.procurement.sub%d.%31s", &n, col) != 2)
        return NULL;
    const gk_extra_row *x = gk_doc_extra(doc, n - 1);
    if (!x || x->nvalues < 2)
        return NULL;
    return &x->values[strcmp(col, "projects") == 0 ? 0 : 1];
}

/* 1 if the parsed value is what the golden file says: null = blank, integer, decimal string. */
static int matches_golden(json_t *want, const gk_value *got)
{
    char buf[64];
    if (!got)
        return 0;
    if (json_is_null(want))
        return got->state == GK_CELL_BLANK;
    if (got->state != GK_CELL_NUMBER)
        return 0;
    if (json_is_integer(want))
        return got->scale == 0 && got->value == json_integer_value(want);
    return strcmp(gk_value_format(got, buf, sizeof buf), json_string_value(want)) == 0;
}

static void check_golden(const char *file, const gk_doc *doc, json_t *exp)
{
    const char *key;
    json_t *want;
    json_object_foreach(json_object_get(exp, "cells"), key, want)
    {
        const gk_value *got =
            strstr(key, ".sub") ? sub_cell(doc, key) : gk_doc_cell_by_key(doc, key);
        char a[128];
        char *w = json_dumps(want, JSON_ENCODE_ANY);
        CHECK_MSG(matches_golden(want, got), "%s: %s: fixture %s, golden %s", file, key,
                  describe(got, a, sizeof a), w ? w : "?");
        free(w);
    }
}

/* ---- one fixture ----------------------------------------------------------------------- */

static gk_doc *read_checked(const char *path)
{
    gk_doc *doc = NULL;
    gk_error err = {0};
    if (gk_doc_read_file(path, &doc, &err) != GK_OK) {
        CHECK_MSG(0, "%s: cannot read: %s", path, err.msg);
        return NULL;
    }
    gk_check(doc);
    return doc;
}

static void compare_fixture(const char *path, const char *file, const gk_doc *txt, json_t *exp)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        CHECK_MSG(0, "%s: fixture missing (the fixtures are committed)", path);
        return;
    }
    gk_doc *fx = read_checked(path);
    if (!fx)
        return;
    compare_outline(file, fx, txt);
    for (int t = 0; t < GK_TABLE_COUNT; t++)
        compare_table(file, fx, txt, (gk_table_id)t);
    compare_extras(file, fx, txt);
    compare_diags(file, fx, txt);
    check_golden(file, fx, exp);
    gk_doc_free(fx);
}

static void run_seed(const char *root, size_t i)
{
    char gpath[1024], tpath[1024];
    snprintf(gpath, sizeof gpath, "%s/tests/golden/%s.expected.json", root, seeds[i]);
    snprintf(tpath, sizeof tpath, "%s/examples/%s.txt", root, seeds[i]);
    json_error_t jerr;
    json_t *exp = json_load_file(gpath, 0, &jerr);
    CHECK_MSG(exp != NULL, "cannot load %s: %s", gpath, jerr.text);
    gk_doc *txt = read_checked(tpath);
    for (size_t f = 0; exp && txt && f < sizeof fixtures / sizeof fixtures[0]; f++) {
        if (!(fixtures[f].seeds & 1u << i))
            continue;
        char path[1200], file[256];
        snprintf(file, sizeof file, "%s%s", seeds[i], fixtures[f].suffix);
        snprintf(path, sizeof path, "%s/tests/fixtures/seeds/%s", root, file);
        int failed = t_failed;
        compare_fixture(path, file, txt, exp);
        printf("%s %s\n", t_failed == failed ? "same " : "DIFFERS", file);
    }
    gk_doc_free(txt);
    json_decref(exp);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test-formats SOURCE_ROOT\n");
        return 2;
    }
    for (size_t i = 0; i < NSEEDS; i++)
        run_seed(argv[1], i);
    return t_report();
}
