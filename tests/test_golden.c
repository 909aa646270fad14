/*
 * test_golden.c — every cell of every seed report against values transcribed by reading the
 * reports (tests/golden/NAME.expected.json), plus template, year, agency and section lines.
 *
 * usage: test-golden GOLDEN_DIR EXAMPLES_DIR
 */
#include <gongkai/gongkai.h>
#include <jansson.h>
#include <stdlib.h>

#include "harness.h"

static const char *const seeds[] = {"000_610e68cbc9aa9a29", "001_0786ebd486ce37d5",
                                    "002_dc3f67fcb14f95e4", "003_43b3efced0382fbe",
                                    "004_6cbc9befc1ec18ab"};

/* Compares one expected cell (integer, decimal string or null) with the parsed value. */
static void check_cell(const char *seed, const char *key, json_t *want, const gk_value *got)
{
    char buf[64];
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
        check_cell(seed, key, v, got);
        ncells += strstr(key, ".sub") == NULL;
    }
    int parsed = 0;
    for (int t = 0; t < GK_TABLE_COUNT; t++)
        parsed += gk_doc_table(doc, (gk_table_id)t)
                      ? gk_schema_cell_count(gk_doc_table(doc, (gk_table_id)t))
                      : 0;
    CHECK_MSG(parsed == ncells, "%s: %d cells parsed, %d expected", seed, parsed, ncells);
}

static void check_outline(const char *seed, const gk_doc *doc, json_t *exp)
{
    CHECK_INT(gk_doc_year(doc), json_integer_value(json_object_get(exp, "year")));
    CHECK_STR(gk_doc_agency(doc), json_string_value(json_object_get(exp, "agency")));
    static const char *const keys[] = {"s1_overall",           "s2_proactive", "s3_requests",
                                       "s4_review_litigation", "s5_problems",  "s6_other"};
    json_t *secs = json_object_get(exp, "sections");
    for (int s = 0; s < GK_SECTION_COUNT; s++) {
        const gk_section *sec = gk_doc_section(doc, (gk_section_id)s);
        json_int_t want = json_integer_value(json_object_get(secs, keys[s]));
        CHECK_MSG(sec->present && sec->heading.line == want, "%s: %s at line %u, want %lld", seed,
                  keys[s], sec->present ? sec->heading.line : 0, (long long)want);
    }
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test-golden GOLDEN_DIR EXAMPLES_DIR\n");
        return 2;
    }
    for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
        char gpath[1024], rpath[1024];
        snprintf(gpath, sizeof gpath, "%s/%s.expected.json", argv[1], seeds[i]);
        snprintf(rpath, sizeof rpath, "%s/%s.txt", argv[2], seeds[i]);
        json_error_t jerr;
        json_t *exp = json_load_file(gpath, 0, &jerr);
        gk_doc *doc = NULL;
        CHECK_MSG(exp != NULL, "cannot load %s: %s", gpath, jerr.text);
        CHECK_MSG(gk_doc_read_file(rpath, &doc, NULL) == GK_OK, "cannot read %s", rpath);
        if (exp && doc) {
            check_tables(seeds[i], doc, exp);
            check_outline(seeds[i], doc, exp);
        }
        json_decref(exp);
        gk_doc_free(doc);
    }
    return t_report();
}
