/*
 * test_golden.c — every cell of every report in tests/golden/manifest.tsv against values
 * transcribed by reading the report (tests/golden/…/NAME.expected.json), plus template, year,
 * agency and where each section heading is (its line, or for PDFs its page).
 *
 * usage: test-golden SOURCE_ROOT
 */
#include <gongkai/gongkai.h>
#include <jansson.h>
#include <stdlib.h>

#include "harness.h"

/* Compares one expected cell (integer, decimal string or null) with the parsed value. */
/*
 * 1 if the reader said it could not read the cell: a GK-SPLIT-AMBIGUOUS diagnostic on its row
 * (numbers run together that split several ways). Unread-with-a-reason is right; a guess is not.
 */
static int declared_unread(const gk_doc *doc, const char *key, const gk_value *got)
{
    if (!got || got->state != GK_CELL_MISSING)
        return 0;
    for (size_t i = 0; i < gk_doc_diag_count(doc); i++) {
        const gk_diag *d = gk_doc_diag(doc, i);
        size_t n = strlen(d->keys);
        if (strcmp(d->rule, "GK-SPLIT-AMBIGUOUS") == 0 && n && strncmp(key, d->keys, n) == 0 &&
            key[n] == '.')
            return 1;
    }
    return 0;
}

static void check_cell(const char *seed, const gk_doc *doc, const char *key, json_t *want,
                       const gk_value *got)
{
    char buf[64];
    if (declared_unread(doc, key, got)) {
        CHECK(1);
        return;
    }
    if (!got) {
        CHECK_MSG(0, "%s: %s not in the parsed document", seed, key);
        return;
    }
    if (json_is_null(want)) {
        CHECK_MSG(got->state == GK_CELL_BLANK, "%s: %s should be blank, state %d", seed, key,
                  got->state);
    } else if (json_is_integer(want)) {
        CHECK_MSG(got->state == GK_CELL_NUMBER && got->scale == 0 &&
                      got->value == json_integer_value(want),
                  "%s: %s = %s, want %lld", seed, key, gk_value_format(got, buf, sizeof buf),
                  (long long)json_integer_value(want));
    } else {
        gk_value_format(got, buf, sizeof buf);
        CHECK_MSG(got->state == GK_CELL_NUMBER && strcmp(buf, json_string_value(want)) == 0,
                  "%s: %s = \"%s\", want \"%s\"", seed, key, buf, json_string_value(want));
    }
}

/* t2v19.procurement.subN.COL: the N-th extra row under the procurement row. */
static const gk_value *sub_cell(const gk_doc *doc, const char *key)
{
    int n = 0;
    char col[32];
    if (sscanf(key, "t2v19.procurement.sub%d.%31s", &n, col) != 2)
        return NULL;
    const gk_extra_row *x = gk_doc_extra(doc, n - 1);
    if (!x)
        return NULL;
    return &x->values[strcmp(col, "projects") == 0 ? 0 : 1];
}

static void check_tables(const char *seed, const gk_doc *doc, json_t *exp)
{
    json_t *tpl = json_object_get(exp, "template");
    for (int t = 0; t < GK_TABLE_COUNT; t++) {
        const char *name = gk_schema_table((gk_table_id)t, GK_FORMAT_2021)->key;
        const char *want = json_string_value(json_object_get(tpl, name));
        CHECK_MSG(want && atoi(want) == (int)gk_doc_format(doc, (gk_table_id)t),
                  "%s: %s format %d, want %s", seed, name, gk_doc_format(doc, (gk_table_id)t),
                  want);
    }
    const char *key;
    json_t *v;
    int ncells = 0;
    json_object_foreach(json_object_get(exp, "cells"), key, v)
    {
        const gk_value *got =
            strstr(key, ".sub") ? sub_cell(doc, key) : gk_doc_cell_by_key(doc, key);
        check_cell(seed, doc, key, v, got);
        ncells += strstr(key, ".sub") == NULL;
    }
    int parsed = 0;
    for (int t = 0; t < GK_TABLE_COUNT; t++)
        parsed += gk_doc_table(doc, (gk_table_id)t)
                      ? gk_schema_cell_count(gk_doc_table(doc, (gk_table_id)t))
                      : 0;
    CHECK_MSG(parsed == ncells, "%s: %d cells parsed, %d expected", seed, parsed, ncells);
}

static void check_outline(const char *seed, const gk_doc *doc, json_t *exp, int pages)
{
    CHECK_INT(gk_doc_year(doc), json_integer_value(json_object_get(exp, "year")));
    CHECK_STR(gk_doc_agency(doc), json_string_value(json_object_get(exp, "agency")));
    static const char *const keys[] = {"s1_overall",           "s2_proactive", "s3_requests",
                                       "s4_review_litigation", "s5_problems",  "s6_other"};
    json_t *secs = json_object_get(exp, "sections");
    for (int s = 0; s < GK_SECTION_COUNT; s++) {
        const gk_section *sec = gk_doc_section(doc, (gk_section_id)s);
        json_int_t want = json_integer_value(json_object_get(secs, keys[s]));
        uint32_t got = pages ? sec->heading.page : sec->heading.line;
        CHECK_MSG(sec->present && got == want, "%s: %s at %s %u, want %lld", seed, keys[s],
                  pages ? "page" : "line", sec->present ? got : 0, (long long)want);
    }
}

/* One manifest line: INPUT, GOLDEN and "lines" or "pages" (what section positions mean). */
static void check_one(const char *root, const char *input, const char *golden, const char *pos)
{
    char gpath[4096], rpath[4096];
    snprintf(gpath, sizeof gpath, "%s/%s", root, golden);
    snprintf(rpath, sizeof rpath, "%s/%s", root, input);
    json_error_t jerr;
    json_t *exp = json_load_file(gpath, 0, &jerr);
    gk_doc *doc = NULL;
    CHECK_MSG(exp != NULL, "cannot load %s: %s", gpath, jerr.text);
    CHECK_MSG(gk_doc_read_file(rpath, &doc, NULL) == GK_OK, "cannot read %s", rpath);
    if (exp && doc) {
        check_tables(input, doc, exp);
        check_outline(input, doc, exp, strcmp(pos, "pages") == 0);
    }
    json_decref(exp);
    gk_doc_free(doc);
}

int main(int argc, char **argv)
{
    if (argc != 2 || strlen(argv[1]) > 1000) {
        fprintf(stderr, "usage: test-golden SOURCE_ROOT\n");
        return 2;
    }
    char path[1100], line[3072];
    snprintf(path, sizeof path, "%s/tests/golden/manifest.tsv", argv[1]);
    FILE *f = fopen(path, "r");
    CHECK_MSG(f != NULL, "cannot open %s", path);
    while (f && fgets(line, sizeof line, f)) {
        char input[1024], golden[1024], pos[16]; /* the root is at most 1000 bytes */
        if (line[0] != '#' && sscanf(line, "%1023s %1023s %15s", input, golden, pos) == 3)
            check_one(argv[1], input, golden, pos);
    }
    if (f)
        fclose(f);
    return t_report();
}
