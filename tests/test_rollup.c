/*
 * test_rollup.c — gk_rollup on real reports: the three PDFs in tests/fixtures/peers/ (2021 T2;
 * the hzq ones have the 2019 T3 with one （六）其他处理 row) and the five seed reports in
 * examples/ (004 is wholly in the 2019 format).
 *
 * Every summed cell is compared with the sum of the hand-transcribed golden values
 * (tests/golden/…expected.json; null adds nothing), mapped from the 2019 keys by spec §c.4 as
 * transcribed here, independently of lib/rollup/map.c. Also: the notes on the 2019 mappings,
 * the text rendering read back to the same cells, no error from gk_check on a rollup of
 * consistent reports (szfgs2024 + hzq2024), V-T4-01 on a rollup with hzq2023's wrong printed
 * T4 totals, and unreadable inputs, non-reports, 元 amounts and overflow on small made-up
 * reports.
 *
 * usage: test-rollup SOURCE_ROOT
 */
#include <gongkai/gongkai.h>
#include <jansson.h>
#include <stdlib.h>

#include "harness.h"

static char root[1000];

typedef struct input {
    const char *file, *golden;
} input;

enum { SZFGS2024, HZQ2023, HZQ2024, SEED000, SEED004 = SEED000 + 4, NINPUTS };

static const input inputs[NINPUTS] = {
    {"tests/fixtures/peers/szfgs2024.pdf", "tests/golden/peers/szfgs2024.expected.json"},
    {"tests/fixtures/peers/hzq2023_working.pdf",
     "tests/golden/peers/hzq2023_working.expected.json"},
    {"tests/fixtures/peers/hzq2024_working.pdf",
     "tests/golden/peers/hzq2024_working.expected.json"},
    {"examples/000_610e68cbc9aa9a29.txt", "tests/golden/000_610e68cbc9aa9a29.expected.json"},
    {"examples/001_0786ebd486ce37d5.txt", "tests/golden/001_0786ebd486ce37d5.expected.json"},
    {"examples/002_dc3f67fcb14f95e4.txt", "tests/golden/002_dc3f67fcb14f95e4.expected.json"},
    {"examples/003_43b3efced0382fbe.txt", "tests/golden/003_43b3efced0382fbe.expected.json"},
    {"examples/004_6cbc9befc1ec18ab.txt", "tests/golden/004_6cbc9befc1ec18ab.expected.json"},
};

static gk_doc *docs[NINPUTS];
static json_t *golds[NINPUTS];

static void load_all(void)
{
    char path[1100];
    for (int i = 0; i < NINPUTS; i++) {
        json_error_t jerr;
        snprintf(path, sizeof path, "%s/%s", root, inputs[i].file);
        CHECK_MSG(gk_doc_read_file(path, &docs[i], NULL) == GK_OK, "cannot read %s", path);
        snprintf(path, sizeof path, "%s/%s", root, inputs[i].golden);
        golds[i] = json_load_file(path, 0, &jerr);
        CHECK_MSG(golds[i] != NULL, "cannot load %s: %s", path, jerr.text);
    }
}

/* ---- exact decimals, from the golden JSON ---- */

typedef struct dec {
    int64_t v;
    int scale;
    int any; /* some report gave a number */
} dec;

/* An integer or a decimal string ("96171.6"); 0 for null or anything else. */
static int dec_of(json_t *j, dec *d)
{
    *d = (dec){0, 0, 1};
    if (json_is_integer(j)) {
        d->v = json_integer_value(j);
        return 1;
    }
    const char *s = json_string_value(j);
    if (!s)
        return 0;
    for (int frac = 0; *s; s++) {
        if (*s == '.') {
            frac = 1;
            continue;
        }
        d->v = d->v * 10 + (*s - '0');
        d->scale += frac;
    }
    return 1;
}

static int64_t scaled(int64_t v, int from, int to)
{
    while (from++ < to)
        v *= 10;
    return v;
}

static void dec_add(dec *a, dec x)
{
    int s = a->scale > x.scale ? a->scale : x.scale;
    a->v = scaled(a->v, a->scale, s) + scaled(x.v, x.scale, s);
    a->scale = s;
    a->any = 1;
}

static int dec_same(dec want, const gk_value *got)
{
    int s = want.scale > got->scale ? want.scale : got->scale;
    return got->state == GK_CELL_NUMBER &&
           scaled(want.v, want.scale, s) == scaled(got->value, got->scale, s);
}

/* ---- spec §c.4, the 2019 → 2021 mapping ---- */

static const char *const t2_from_2019[][2] = {
    {"t2.reg.issued", "t2v19.reg.made_new"},
    {"t2.reg.in_force", "t2v19.reg.public_total"},
    {"t2.nd.issued", "t2v19.nd.made_new"},
    {"t2.nd.in_force", "t2v19.nd.public_total"},
    {"t2.license.decisions", "t2v19.license.decisions"},
    {"t2.penalty.decisions", "t2v19.penalty.decisions"},
    {"t2.coercion.decisions", "t2v19.coercion.decisions"},
};

static int is_2019(json_t *gold, const char *table)
{
    const char *f = json_string_value(json_object_get(json_object_get(gold, "template"), table));
    return f && strcmp(f, "2019") == 0;
}

/* The golden key a 2021 cell takes its value from; NULL if none. *zero: only covers it. */
static const char *golden_key(json_t *gold, const char *key, char *buf, size_t size, int *zero)
{
    *zero = 0;
    if (strncmp(key, "t2.", 3) == 0 && is_2019(gold, "t2")) {
        for (size_t i = 0; i < sizeof t2_from_2019 / sizeof t2_from_2019[0]; i++)
            if (strcmp(t2_from_2019[i][0], key) == 0)
                return t2_from_2019[i][1];
        return NULL;
    }
    if (strncmp(key, "t3.other.", 9) == 0 && is_2019(gold, "t3")) {
        snprintf(buf, size, "t3.other%s", strrchr(key, '.'));
        *zero = strncmp(key, "t3.other.other.", 15) != 0;
        return buf;
    }
    return key;
}

/* The expected sum of 2021 cell `key` over the reports picked by `which`. */
static dec expected(const int *which, int n, const char *key)
{
    dec sum = {0, 0, 0}, x;
    char buf[128];
    for (int i = 0; i < n; i++) {
        json_t *gold = golds[which[i]];
        int zero;
        const char *src = golden_key(gold, key, buf, sizeof buf, &zero);
        if (!src || !dec_of(json_object_get(json_object_get(gold, "cells"), src), &x))
            continue;
        if (zero)
            x = (dec){0, 0, 1};
        dec_add(&sum, x);
    }
    return sum;
}

static dec gold_cell(int which, const char *key)
{
    dec d = {0, 0, 0};
    dec_of(json_object_get(json_object_get(golds[which], "cells"), key), &d);
    return d;
}

/* Every cell of the three 2021 tables of `sum` against the golden sums; returns how many. */
static int check_sums(const char *what, const gk_doc *sum, const int *which, int n)
{
    char key[128], buf[64];
    int cells = 0;
    for (int t = 0; t < GK_TABLE_COUNT; t++) {
        const gk_table_def *def = gk_schema_table((gk_table_id)t, GK_FORMAT_2021);
        CHECK_MSG(gk_doc_format(sum, (gk_table_id)t) == GK_FORMAT_2021, "%s: table %s", what,
                  def->key);
        for (int r = 0; r < def->nrows; r++)
            for (int c = 0; c < gk_schema_ncols(def, r); c++, cells++) {
                gk_schema_cell_key(def, r, c, key, sizeof key);
                dec want = expected(which, n, key);
                const gk_value *got = gk_doc_cell_by_key(sum, key);
                if (!got)
                    CHECK_MSG(0, "%s: %s missing", what, key);
                else if (want.any)
                    CHECK_MSG(dec_same(want, got), "%s: %s = %s (state %d), want %lld/10^%d", what,
                              key, gk_value_format(got, buf, sizeof buf), got->state,
                              (long long)want.v, want.scale);
                else
                    CHECK_MSG(got->state == GK_CELL_BLANK, "%s: %s should be blank", what, key);
            }
    }
    return cells;
}

/* ---- diagnostics ---- */

/* The first diagnostic of `rule` whose English message contains `needle` (any if NULL). */
static const gk_diag *find_diag(const gk_doc *d, const char *rule, const char *needle)
{
    for (size_t i = 0; i < gk_doc_diag_count(d); i++) {
        const gk_diag *g = gk_doc_diag(d, i);
        if (strcmp(g->rule, rule) == 0 && (!needle || strstr(g->msg_en, needle)))
            return g;
    }
    return NULL;
}

static size_t count_rule(const gk_doc *d, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < gk_doc_diag_count(d); i++)
        n += strcmp(gk_doc_diag(d, i)->rule, rule) == 0;
    return n;
}

static size_t errors_other_than(const gk_doc *d, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < gk_doc_diag_count(d); i++) {
        const gk_diag *g = gk_doc_diag(d, i);
        if (g->severity == GK_SEV_ERROR && (!rule || strcmp(g->rule, rule) != 0)) {
            printf("  error: [%s] %s\n", g->rule, g->msg_en);
            n++;
        }
    }
    return n;
}

static gk_doc *roll(const int *which, int n, const char *name)
{
    const gk_doc *in[NINPUTS];
    for (int i = 0; i < n; i++)
        in[i] = docs[which[i]];
    gk_doc *sum = NULL;
    CHECK(gk_rollup(in, (size_t)n, name, &sum, NULL) == GK_OK);
    return sum;
}

/* ---- round trip through the canonical text ---- */

static void same_cells(const char *what, const gk_doc *a, const gk_doc *b)
{
    char key[128];
    for (int t = 0; t < GK_TABLE_COUNT; t++) {
        const gk_table_def *def = gk_doc_table(a, (gk_table_id)t);
        CHECK_MSG(def == gk_doc_table(b, (gk_table_id)t), "%s: table %d differs", what, t);
        for (int r = 0; def && def == gk_doc_table(b, (gk_table_id)t) && r < def->nrows; r++)
            for (int c = 0; c < gk_schema_ncols(def, r); c++) {
                const gk_value *x = gk_doc_cell(a, (gk_table_id)t, r, c);
                const gk_value *y = gk_doc_cell(b, (gk_table_id)t, r, c);
                gk_schema_cell_key(def, r, c, key, sizeof key);
                CHECK_MSG(x->state == y->state && (x->state != GK_CELL_NUMBER ||
                                                   (x->value == y->value && x->scale == y->scale &&
                                                    x->unit == y->unit)),
                          "%s: %s read back differently", what, key);
            }
    }
}

/* Renders `sum` as text, reads it back and compares; returns the read-back document. */
static gk_doc *round_trip(const char *what, const gk_doc *sum)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CHECK(f && gk_render(sum, GK_RENDER_TEXT, GK_LANG_ZH, f) == GK_OK);
    if (f)
        fclose(f);
    gk_doc *back = NULL;
    CHECK(buf && gk_doc_read_text(buf, len, "rollup.txt", &back, NULL) == GK_OK);
    free(buf);
    if (!back)
        return NULL;
    CHECK(gk_doc_is_report(back));
    CHECK_INT(gk_doc_year(back), gk_doc_year(sum));
    same_cells(what, sum, back);
    for (int s = 0; s < GK_SECTION_COUNT; s++) {
        const gk_section *x = gk_doc_section(sum, (gk_section_id)s);
        const gk_section *y = gk_doc_section(back, (gk_section_id)s);
        CHECK_MSG(y->present && y->ordinal == s + 1 && x->body_len == y->body_len &&
                      memcmp(x->body, y->body, x->body_len) == 0,
                  "%s: section %d read back differently", what, s + 1);
    }
    return back;
}

/* Every other format renders. */
static void renders(const gk_doc *sum)
{
    static const gk_render_format fmts[] = {GK_RENDER_JSON, GK_RENDER_CSV, GK_RENDER_MD,
                                            GK_RENDER_HTML};
    for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++) {
        FILE *f = tmpfile();
        CHECK_MSG(f && gk_render(sum, fmts[i], GK_LANG_ZH, f) == GK_OK, "format %d", fmts[i]);
        if (f)
            fclose(f);
    }
}

/* ---- the cases ---- */

/* All eight reports: sums, the 2019 notes, the sections, the round trip. */
static void test_all(void)
{
    int all[NINPUTS];
    for (int i = 0; i < NINPUTS; i++)
        all[i] = i;
    gk_doc *sum = roll(all, NINPUTS, NULL);
    if (!sum)
        return;
    CHECK_INT(check_sums("all", sum, all, NINPUTS), 10 + 175 + 15);
    CHECK_STR(gk_doc_agency(sum), "汇总（8 份报告）");
    CHECK_INT(gk_doc_year(sum), 0); /* 2019, 2023 and 2024 */
    CHECK(find_diag(sum, "GK-ROLLUP-YEAR", "2019: 1, 2023: 1, 2024: 6") != NULL);
    /* （六）其他处理 of the 2019 T3s, each named */
    CHECK_INT(count_rule(sum, "GK-ROLLUP-OTHER"), 3);
    CHECK(find_diag(sum, "GK-ROLLUP-OTHER", "hzq2023_working.pdf: T3 is in the 2019") != NULL);
    CHECK(find_diag(sum, "GK-ROLLUP-OTHER", "hzq2024_working.pdf: T3 is in the 2019") != NULL);
    CHECK(find_diag(sum, "GK-ROLLUP-OTHER", "004_6cbc9befc1ec18ab.txt: T3") != NULL);
    const gk_diag *d = find_diag(sum, "GK-ROLLUP-OTHER", "hzq2023");
    CHECK(d && strstr(d->keys, "t3.other.other.total") && d->severity == GK_SEV_NOTE);
    /* the 2019 T2 of 004: approximate and dropped cells */
    d = find_diag(sum, "GK-ROLLUP-APPROX", "004_6cbc9befc1ec18ab.txt");
    CHECK(d && strcmp(d->keys, "t2.reg.issued t2.reg.in_force t2.nd.issued t2.nd.in_force") == 0);
    CHECK(d && strstr(d->msg_zh, "t2v19.nd.made_new → t2.nd.issued"));
    d = find_diag(sum, "GK-ROLLUP-DROPPED", "004_6cbc9befc1ec18ab.txt");
    CHECK(d && d->severity == GK_SEV_WARNING); /* 本年新公开数量 7 is lost */
    static const char *const dropped[] = {
        "t2v19.nd.published_new",        "t2v19.license.prev_items",   "t2v19.license.delta",
        "t2v19.other_service.decisions", "t2v19.admin_fee.prev_items", "t2v19.procurement.projects",
        "t2v19.procurement.amount"};
    for (size_t i = 0; d && i < sizeof dropped / sizeof dropped[0]; i++)
        CHECK_MSG(strstr(d->keys, dropped[i]), "dropped keys lack %s", dropped[i]);
    CHECK(d && strstr(d->msg_en, "3 sub-rows") && strstr(d->msg_en, "t2.admin_fee.amount_wan"));
    CHECK_INT(count_rule(sum, "GK-ROLLUP-APPROX"), 1);
    CHECK_INT(count_rule(sum, "GK-ROLLUP-DROPPED"), 1);
    /* how many reports had each table */
    CHECK(find_diag(sum, "GK-ROLLUP-TABLE", "t2: 8 of 8 reports have this table (1 in the 2019"));
    CHECK(find_diag(sum, "GK-ROLLUP-TABLE", "t3: 8 of 8 reports have this table (3 in the 2019"));
    /* 000 leaves t3.grant.legal blank: summed over seven reports only */
    d = find_diag(sum, "GK-ROLLUP-PARTIAL", "t3:");
    CHECK(d && strcmp(d->keys, "t3.grant.legal") == 0);
    d = find_diag(sum, "GK-ROLLUP-PARTIAL", "t2:");
    CHECK(d && strstr(d->keys, "t2.admin_fee.amount_wan") && strstr(d->keys, "t2.nd.repealed"));
    /* the six sections, with the prose */
    for (int s = 0; s < GK_SECTION_COUNT; s++)
        CHECK(gk_doc_section(sum, (gk_section_id)s)->present);
    CHECK(strstr(gk_doc_section(sum, GK_S1_OVERALL)->body, "本报告由 8 份"));
    CHECK(strstr(gk_doc_section(sum, GK_S6_OTHER)->body, "信息处理费"));
    gk_check(sum);
    CHECK_INT(errors_other_than(sum, "V-T4-01"), 0); /* hzq2023's T4, below */
    gk_doc *back = round_trip("all", sum);
    renders(sum);
    gk_doc_free(back);
    gk_doc_free(sum);
}

/* The hzq 2019 （六） rows go into t3.other.other; the other two rows take szfgs's only. */
static void test_other_row(void)
{
    int three[] = {SZFGS2024, HZQ2023, HZQ2024};
    gk_doc *sum = roll(three, 3, "淮安市汇总");
    if (!sum)
        return;
    check_sums("szfgs+hzq", sum, three, 3);
    static const char *const cols[] = {"np",    "biz",       "research", "ngo",
                                       "legal", "other_org", "total"};
    for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
        char k21[64], k19[64], kfix[64];
        snprintf(k21, sizeof k21, "t3.other.other.%s", cols[c]);
        snprintf(k19, sizeof k19, "t3.other.%s", cols[c]);
        snprintf(kfix, sizeof kfix, "t3.other.no_correction.%s", cols[c]);
        dec want = gold_cell(SZFGS2024, k21);
        dec_add(&want, gold_cell(HZQ2023, k19));
        dec_add(&want, gold_cell(HZQ2024, k19));
        CHECK_MSG(dec_same(want, gk_doc_cell_by_key(sum, k21)), "%s", k21);
        CHECK_MSG(dec_same(gold_cell(SZFGS2024, kfix), gk_doc_cell_by_key(sum, kfix)), "%s", kfix);
    }
    CHECK_STR(gk_doc_agency(sum), "淮安市汇总");
    CHECK_INT(count_rule(sum, "GK-ROLLUP-OTHER"), 2);
    CHECK_INT(count_rule(sum, "GK-ROLLUP-APPROX"), 0); /* their T2 is in the 2021 format */
    gk_doc_free(sum);
}

/* A copy of `text` with the line that starts with `prefix` replaced by `line` (malloc'd). */
static char *replace_line(const char *text, const char *prefix, const char *line)
{
    const char *at = strstr(text, prefix);
    CHECK_MSG(at != NULL, "no line %s", prefix);
    if (!at)
        return NULL;
    const char *end = strchr(at, '\n');
    end = end ? end : at + strlen(at);
    size_t head = (size_t)(at - text), n = strlen(line), tail = strlen(end);
    char *out = malloc(head + n + tail + 1);
    memcpy(out, text, head);
    memcpy(out + head, line, n);
    memcpy(out + head + n, end, tail + 1);
    return out;
}

/* The real 2019 （六） rows are all 0, so seed 004 is given 3 of them (and 3 more new and
 * processed, so that it still adds up): they must land in t3.other.other, nowhere else. */
static void test_other_nonzero(void)
{
    char *text = NULL, *a = NULL, *b = NULL, *c = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    CHECK(f && gk_render(docs[SEED004], GK_RENDER_TEXT, GK_LANG_ZH, f) == GK_OK);
    if (f)
        fclose(f);
    if (text)
        a = replace_line(text, "一、本年新收政府信息公开申请数量\t",
                         "一、本年新收政府信息公开申请数量\t4\t0\t0\t0\t0\t0\t4");
    if (a)
        b = replace_line(a, "（六）其他处理\t", "（六）其他处理\t3\t0\t0\t0\t0\t0\t3");
    if (b)
        c = replace_line(b, "（七）总计\t", "（七）总计\t4\t0\t0\t0\t0\t0\t4");
    gk_doc *old = NULL, *sum = NULL;
    CHECK(c && gk_doc_read_text(c, strlen(c), "004-edited.txt", &old, NULL) == GK_OK);
    if (old) {
        CHECK_INT(gk_doc_format(old, GK_T3), GK_FORMAT_2019);
        CHECK_INT(gk_doc_cell_by_key(old, "t3.other.np")->value, 3);
        const gk_doc *in[] = {docs[SZFGS2024], old};
        CHECK(gk_rollup(in, 2, NULL, &sum, NULL) == GK_OK);
    }
    if (sum) {
        static const char *const rows[] = {"t3.other.other", "t3.other.no_correction",
                                           "t3.other.no_fee"};
        for (int r = 0; r < 3; r++)
            for (int k = 0; k < 2; k++) {
                char key[64];
                snprintf(key, sizeof key, "%s.%s", rows[r], k ? "total" : "np");
                dec want = gold_cell(SZFGS2024, key);
                dec_add(&want, (dec){r == 0 ? 3 : 0, 0, 1});
                CHECK_MSG(dec_same(want, gk_doc_cell_by_key(sum, key)), "%s", key);
            }
        CHECK(find_diag(sum, "GK-ROLLUP-OTHER", "004-edited.txt: T3 is in the 2019") != NULL);
        gk_check(sum);
        CHECK_INT(errors_other_than(sum, NULL), 0);
    }
    gk_doc_free(sum);
    gk_doc_free(old);
    free(text);
    free(a);
    free(b);
    free(c);
}

/* szfgs2024 + hzq2024 hold every identity, so their sum does too. */
static void test_consistent(void)
{
    int two[] = {SZFGS2024, HZQ2024};
    gk_doc *sum = roll(two, 2, NULL);
    if (!sum)
        return;
    check_sums("consistent", sum, two, 2);
    CHECK_INT(gk_doc_year(sum), 2024);
    CHECK(strstr(gk_doc_section(sum, GK_S1_OVERALL)->body, "2024年1月1日至12月31日"));
    gk_check(sum);
    CHECK_INT(errors_other_than(sum, NULL), 0);
    CHECK_INT(count_rule(sum, "V-D-04"), 0);
    CHECK_INT(count_rule(sum, "V-D-02"), 0);
    gk_doc *back = round_trip("consistent", sum);
    if (back) {
        gk_check(back);
        CHECK_INT(errors_other_than(back, NULL), 0);
    }
    gk_doc_free(back);
    gk_doc_free(sum);
}

/* hzq2023 prints 总计 0 in two T4 groups: the rollup keeps the printed totals, check says so. */
static void test_wrong_totals(void)
{
    int two[] = {HZQ2023, HZQ2024};
    gk_doc *sum = roll(two, 2, NULL);
    if (!sum)
        return;
    check_sums("hzq", sum, two, 2);
    gk_check(sum);
    static const char *const groups[] = {"t4.review", "t4.lit_direct", "t4.lit_after_review"};
    for (int g = 0; g < 3; g++) {
        char key[64], want[32], got[32];
        dec parts = {0, 0, 0}, total = {0, 0, 0};
        static const char *const cols[] = {"upheld", "corrected", "other", "pending"};
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < 4; c++) {
                snprintf(key, sizeof key, "%s.%s", groups[g], cols[c]);
                dec_add(&parts, gold_cell(two[i], key));
            }
            snprintf(key, sizeof key, "%s.total", groups[g]);
            dec_add(&total, gold_cell(two[i], key));
        }
        const gk_diag *d = NULL;
        for (size_t i = 0; i < gk_doc_diag_count(sum); i++) {
            const gk_diag *x = gk_doc_diag(sum, i);
            if (strcmp(x->rule, "V-T4-01") == 0 && strncmp(x->keys, key, strlen(key)) == 0)
                d = x;
        }
        snprintf(want, sizeof want, "%lld", (long long)parts.v);
        snprintf(got, sizeof got, "%lld", (long long)total.v);
        if (parts.v == total.v)
            CHECK_MSG(d == NULL, "%s: no V-T4-01 expected", groups[g]);
        else
            CHECK_MSG(d && strcmp(d->expected, want) == 0 && strcmp(d->actual, got) == 0,
                      "%s: V-T4-01 %s ≠ %s expected", groups[g], got, want);
    }
    CHECK_INT(count_rule(sum, "V-T4-01"), 2); /* review and lit_after_review */
    CHECK_INT(errors_other_than(sum, "V-T4-01"), 0);
    gk_doc_free(sum);
}

/* ---- made-up inputs ---- */

static gk_doc *text_doc(const char *name, const char *license, const char *fee)
{
    char buf[2048];
    snprintf(buf, sizeof buf,
             "某局2024年政府信息公开工作年度报告\n\n一、总体情况\n\n二、主动公开政府信息情况\n\n"
             "第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t%s\n"
             "第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t%s\n\n"
             "三、收到和处理政府信息公开申请情况\n\n",
             license, fee);
    gk_doc *d = NULL;
    CHECK(gk_doc_read_text(buf, strlen(buf), name, &d, NULL) == GK_OK);
    return d;
}

static void test_made_up(void)
{
    gk_doc *a = text_doc("a.txt", "9000000000000000000", "2500.5元");
    gk_doc *b = text_doc("b.txt", "9000000000000000000", "1.5");
    gk_doc *junk = NULL;
    CHECK(gk_doc_read_text("hello\n", 6, "junk.txt", &junk, NULL) == GK_OK);
    const gk_doc *in[] = {a, NULL, junk, b};
    gk_doc *sum = NULL;
    CHECK(gk_rollup(in, 4, NULL, &sum, NULL) == GK_OK);
    if (sum) {
        CHECK_STR(gk_doc_agency(sum), "汇总（2 份报告）");
        const gk_value *fee = gk_doc_cell_by_key(sum, "t2.admin_fee.amount_wan");
        CHECK(fee && fee->state == GK_CELL_NUMBER && fee->value == 175005 && fee->scale == 5);
        const gk_value *lic = gk_doc_cell_by_key(sum, "t2.license.decisions");
        CHECK(lic && lic->state == GK_CELL_MISSING);
        const gk_diag *d = find_diag(sum, "GK-ROLLUP-OVERFLOW", NULL);
        CHECK(d && d->severity == GK_SEV_ERROR && strcmp(d->keys, "t2.license.decisions") == 0);
        CHECK(find_diag(sum, "GK-ROLLUP-SKIPPED", "junk.txt is not an annual report"));
        CHECK(find_diag(sum, "GK-ROLLUP-SKIPPED", "1 inputs could not be read"));
        CHECK(strstr(gk_doc_section(sum, GK_S1_OVERALL)->body, "1 个输入文件无法读取"));
        CHECK(gk_doc_table(sum, GK_T3) == NULL); /* neither has one */
        CHECK(find_diag(sum, "GK-ROLLUP-TABLE", "t3: 0 of 2 reports"));
        CHECK(gk_doc_cell_by_key(sum, "t2.reg.issued")->state == GK_CELL_BLANK);
        renders(sum);
        gk_doc_free(round_trip("made-up", sum)); /* blanks, no T3/T4, a missing cell */
    }
    gk_doc_free(sum);
    gk_doc *none = NULL;
    CHECK(gk_rollup(NULL, 0, NULL, &none, NULL) == GK_OK);
    CHECK(none && find_diag(none, "GK-ROLLUP-EMPTY", NULL));
    gk_doc_free(none);
    gk_error err = {GK_OK, ""};
    CHECK(gk_rollup(NULL, 1, NULL, &none, &err) == GK_ERR_INVALID_ARG && none == NULL);
    CHECK(err.code == GK_ERR_INVALID_ARG && err.msg[0]);
    gk_doc_free(a);
    gk_doc_free(b);
    gk_doc_free(junk);
}

/* The same report twice (a PDF and its `pdftotext -layout` copy, and the PDF itself again) is
 * added once: the sums are the golden values of one report, with a GK-ROLLUP-DUPLICATE per copy
 * naming both files. */
static void test_duplicates(void)
{
    char path[1100];
    gk_doc *copy = NULL, *sum = NULL;
    snprintf(path, sizeof path, "%s/tests/fixtures/peers/szfgs2024.layout.txt", root);
    CHECK(gk_doc_read_file(path, &copy, NULL) == GK_OK);
    const gk_doc *set[3] = {docs[SZFGS2024], copy, docs[SZFGS2024]};
    CHECK(copy && gk_rollup(set, 3, NULL, &sum, NULL) == GK_OK);
    if (!copy || !sum)
        return;
    gk_check(sum);
    int which[1] = {SZFGS2024};
    check_sums("duplicates", sum, which, 1);
    CHECK_INT(count_rule(sum, "GK-ROLLUP-DUPLICATE"), 2);
    const gk_diag *d = find_diag(sum, "GK-ROLLUP-DUPLICATE", "szfgs2024.layout.txt");
    CHECK(d && strstr(d->msg_zh, "szfgs2024.pdf") && d->severity == GK_SEV_WARNING);
    gk_doc_free(sum);
    gk_doc_free(copy);
}

/* One report given 300 times: 299 duplicates, of which only the notes up to the cap are listed
 * and the rest counted in one GK-ROLLUP-MORE note; the sums are the report's own. */
static void test_many_notes(void)
{
    enum { N = 300 };
    const gk_doc *set[N];
    gk_doc *sum = NULL;
    for (int i = 0; i < N; i++)
        set[i] = docs[SEED000];
    CHECK(gk_rollup(set, N, NULL, &sum, NULL) == GK_OK);
    if (!sum)
        return;
    int which[1] = {SEED000};
    check_sums("300 copies", sum, which, 1);
    size_t listed = count_rule(sum, "GK-ROLLUP-DUPLICATE"), folded = 0, reports = 0;
    const gk_diag *more = find_diag(sum, "GK-ROLLUP-MORE", NULL);
    CHECK(more && sscanf(more->msg_en, "%zu more notes about %zu", &folded, &reports) == 2);
    CHECK_MSG(listed + folded == N - 1 && folded == reports, "listed %zu, folded %zu of %zu",
              listed, folded, reports);
    CHECK_MSG(gk_doc_diag_count(sum) < 220, "%zu notes", gk_doc_diag_count(sum));
    gk_doc_free(sum);
}

int main(int argc, char **argv)
{
    if (argc != 2 || strlen(argv[1]) >= sizeof root) {
        fprintf(stderr, "usage: test-rollup SOURCE_ROOT\n");
        return 2;
    }
    snprintf(root, sizeof root, "%s", argv[1]);
    load_all();
    int ok = 1;
    for (int i = 0; i < NINPUTS; i++)
        ok &= docs[i] && golds[i];
    if (ok) {
        test_all();
        test_other_row();
        test_other_nonzero();
        test_consistent();
        test_wrong_totals();
        test_duplicates();
        test_many_notes();
    }
    test_made_up();
    for (int i = 0; i < NINPUTS; i++) {
        gk_doc_free(docs[i]);
        json_decref(golds[i]);
    }
    return t_report();
}
