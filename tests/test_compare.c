/*
 * test_compare.c — gk_compare on a real pair (洪泽区 2023 → 2024, PDFs) against the changes the
 * hand-transcribed golden files imply, and the cross-year rules on an edited pair
 * (tests/fixtures/compare/README.md says what fires and why).
 *
 * usage: test-compare SOURCE_ROOT
 */
#include <gongkai/gongkai.h>
#include <jansson.h>
#include <stdlib.h>

#include "harness.h"

static char root[1000];

static gk_doc *load(const char *rel)
{
    char path[1100];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    gk_doc *doc = NULL;
    CHECK_MSG(gk_doc_read_file(path, &doc, NULL) == GK_OK, "cannot read %s", rel);
    if (doc)
        gk_check(doc);
    return doc;
}

static const gk_change *change_of(const gk_comparison *c, const char *key)
{
    for (size_t i = 0; i < gk_comparison_count(c); i++)
        if (strcmp(gk_comparison_get(c, i)->key, key) == 0)
            return gk_comparison_get(c, i);
    return NULL;
}

static size_t rule_count(const gk_comparison *c, const char *rule, const char *keys)
{
    size_t n = 0;
    for (size_t i = 0; i < gk_comparison_diag_count(c); i++) {
        const gk_diag *d = gk_comparison_diag(c, i);
        n += strcmp(d->rule, rule) == 0 && (!keys || strncmp(d->keys, keys, strlen(keys)) == 0);
    }
    return n;
}

/* Every integer cell of both golden files: the comparison's delta is new − old. */
static void real_pair(void)
{
    gk_doc *a = load("tests/fixtures/peers/hzq2023_working.pdf");
    gk_doc *b = load("tests/fixtures/peers/hzq2024_working.pdf");
    char p1[1100], p2[1100];
    snprintf(p1, sizeof p1, "%s/tests/golden/peers/hzq2023_working.expected.json", root);
    snprintf(p2, sizeof p2, "%s/tests/golden/peers/hzq2024_working.expected.json", root);
    json_t *g1 = json_load_file(p1, 0, NULL), *g2 = json_load_file(p2, 0, NULL);
    gk_comparison *c = NULL;
    CHECK(a && b && g1 && g2 && gk_compare(a, b, &c, NULL) == GK_OK);
    const char *key;
    json_t *v1;
    int compared = 0;
    json_object_foreach(json_object_get(g1, "cells"), key, v1)
    {
        json_t *v2 = json_object_get(json_object_get(g2, "cells"), key);
        if (!c || !json_is_integer(v1) || !json_is_integer(v2))
            continue;
        const gk_change *ch = change_of(c, key);
        int64_t want = json_integer_value(v2) - json_integer_value(v1);
        CHECK_MSG(ch && ch->has_delta && ch->scale == 0 && ch->delta == want,
                  "%s: delta %lld, want %lld", key, ch ? (long long)ch->delta : 0LL,
                  (long long)want);
        compared++;
    }
    CHECK_MSG(compared >= 180, "%d cells compared", compared);
    const gk_change *n = c ? change_of(c, "t3.new.total") : NULL; /* 21 → 95 */
    CHECK(n && n->has_pct && n->pct_tenths == 3524);              /* +352.4% */
    /* 结转下年度 0 → 上年结转 0, 现行有效 5 → 5 + 3 − 0 = 8 (SOURCES.md): both rules silent */
    CHECK_INT(c ? rule_count(c, "V-T3-07", NULL) : 1, 0);
    CHECK_INT(c ? rule_count(c, "V-T2-02", NULL) : 1, 0);
    /* the 2023 title names 洪泽区人民政府, the 2024 one 淮安市洪泽区人民政府 */
    CHECK_INT(c ? rule_count(c, "GK-COMPARE-AGENCY", NULL) : 0, 1);
    CHECK_INT(c ? rule_count(c, "GK-COMPARE-YEAR", NULL) : 1, 0);
    gk_comparison_free(c);
    json_decref(g1), json_decref(g2);
    gk_doc_free(a), gk_doc_free(b);
}

/* The edited 2023 report against B21 (2024): V-T3-07 twice, V-T2-02 once. */
static void rules_fire(void)
{
    gk_doc *a = load("tests/fixtures/compare/xisaishan_2023_edited.txt");
    gk_doc *b = load("tests/rules/v-t3-01.silent.1.txt");
    gk_comparison *c = NULL;
    CHECK(a && b && gk_compare(a, b, &c, NULL) == GK_OK);
    CHECK_INT(c ? rule_count(c, "V-T3-07", "t3.carry_in.np ") : 0, 1);
    CHECK_INT(c ? rule_count(c, "V-T3-07", "t3.carry_in.total ") : 0, 1);
    CHECK_INT(c ? rule_count(c, "V-T3-07", NULL) : 0, 2);
    CHECK_INT(c ? rule_count(c, "V-T2-02", "t2.nd.in_force") : 0, 1);
    for (size_t i = 0; c && i < gk_comparison_diag_count(c); i++) {
        const gk_diag *d = gk_comparison_diag(c, i);
        if (strcmp(d->rule, "V-T2-02") == 0) {
            CHECK_STR(d->expected, "10");
            CHECK_STR(d->actual, "12");
        }
    }
    const gk_change *same = c ? change_of(c, "t3.new.total") : NULL;
    CHECK(same && same->has_delta && same->delta == 0 && same->has_pct && same->pct_tenths == 0);
    CHECK_INT(c ? rule_count(c, "GK-COMPARE-YEAR", NULL) : 1, 0);

    /* CSV: every cell, with the changes as signed numbers and per cents */
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    CHECK(mem && gk_render_comparison_csv_header(mem) == GK_OK);
    CHECK(c && mem && gk_render_comparison(c, GK_RENDER_CSV, GK_LANG_ZH, mem) == GK_OK);
    if (mem)
        fclose(mem);
    CHECK(buf && strncmp(buf, "agency,old_year,new_year,key,old,new,delta,pct\n", 47) == 0);
    CHECK(buf && strstr(buf, ",t2.nd.in_force,11,12,+1,+9.1%\n"));
    CHECK(buf && strstr(buf, ",t3.carry_out.total,3,0,-3,-100.0%\n"));
    free(buf);
    gk_comparison_free(c);
    gk_doc_free(a), gk_doc_free(b);
}

/* A report against itself: nothing changed, but the years are not consecutive. */
static void same_year(void)
{
    gk_doc *a = load("examples/003_43b3efced0382fbe.txt");
    gk_comparison *c = NULL;
    CHECK(a && gk_compare(a, a, &c, NULL) == GK_OK);
    size_t moved = 0;
    for (size_t i = 0; c && i < gk_comparison_count(c); i++)
        moved += gk_comparison_get(c, i)->has_delta && gk_comparison_get(c, i)->delta != 0;
    CHECK_INT(moved, 0);
    CHECK_INT(c ? rule_count(c, "GK-COMPARE-YEAR", NULL) : 0, 1);
    gk_comparison *none = NULL;
    CHECK(gk_compare(a, NULL, &none, NULL) == GK_ERR_INVALID_ARG && none == NULL);
    gk_comparison_free(c);
    gk_doc_free(a);
}

/* 同比 claims in the prose checked against last year (tests/fixtures/compare/README.md). */
static void prose_claims(void)
{
    gk_doc *a = load("tests/fixtures/compare/xisaishan_2023_edited.txt");
    gk_doc *b = load("tests/fixtures/compare/xisaishan_2024_yoy.txt");
    gk_comparison *c = NULL;
    CHECK(a && b && gk_compare(a, b, &c, NULL) == GK_OK);
    CHECK_INT(c ? rule_count(c, "P-YOY", NULL) : 0, 1);
    CHECK_INT(c ? rule_count(c, "P-YOY", "t3.new.total") : 0, 1);
    for (size_t i = 0; c && i < gk_comparison_diag_count(c); i++) {
        const gk_diag *d = gk_comparison_diag(c, i);
        if (strcmp(d->rule, "P-YOY") == 0) {
            CHECK_STR(d->actual, "+25%");
            CHECK_STR(d->expected, "+0.0%");
        }
    }
    gk_comparison_free(c);
    gk_doc_free(a), gk_doc_free(b);
}

int main(int argc, char **argv)
{
    if (argc != 2 || strlen(argv[1]) >= sizeof root)
        return 2;
    snprintf(root, sizeof root, "%s", argv[1]);
    real_pair();
    rules_fire();
    same_year();
    prose_claims();
    return t_report();
}
