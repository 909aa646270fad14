/*
 * test_generate.c — gk_generate_report on a hand-made set of records for 2024, every cell of
 * the three tables compared with values worked out by hand below; the generated prose (its
 * facts, shares, placeholders and the amendments listed by date); gk_check finding no error and
 * no warning; every renderer; the text rendering read back to the same cells and sections (and,
 * when the built gongkai is beside this test, `gongkai check` of that text exiting 0 with no
 * error or warning); and every kind of bad input rejected with GK_ERR_INVALID_ARG.
 *
 * usage: test-generate SOURCE_ROOT
 */
#include <gongkai/gongkai.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include "harness.h"

/* A date as a constant expression (days since 1970-01-01, the civil-from-days algorithm run
   backwards), so the records below can be static; checked against gk_date_from_ymd. */
#define YEAR_(y, m) ((y) - ((m) <= 2))
#define D(y, m, d)                                                                                 \
    ((gk_date)((YEAR_(y, m) / 400) * 146097 + (YEAR_(y, m) % 400) * 365 +                          \
               (YEAR_(y, m) % 400) / 4 - (YEAR_(y, m) % 400) / 100 +                               \
               (153 * ((m) > 2 ? (m)-3 : (m) + 9) + 2) / 5 + (d)-1 - 719468))
#define NONE GK_DATE_NONE
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the records ---------------------------------------------------------------------------

   Year 2024. Applications, and where each one counts:

   received in 2023 (carried in, t3.carry_in):
     a0  np         2023-12-20  closed 2024-01-01 grant          carry_in.np, grant.np (closed
                                                                  on 1 January: open that day)
     a1  biz        2023-11-05  closed 2024-02-10 refuse.third_party  carry_in.biz,
                                                                  refuse.third_party.biz
     a2  np         2023-12-28  open                             carry_in.np, carry_out.np
     a3  np         2023-06-01  closed 2023-12-31 grant          nowhere (done before 2024)
     a4  legal      2023-12-30  closed 2025-01-03 partial        carry_in.legal, carry_out.legal
   received in 2024 (t3.new):
     b0  np         2024-01-01  closed 2024-01-15 grant          new.np, grant.np
     b1  np         2024-03-01  closed 2024-03-20 grant          new.np, grant.np
     b2  np         2024-04-02  closed 2024-04-25 partial        new.np, partial.np
     b3  biz        2024-05-06  closed 2024-05-30 refuse.state_secret
     b4  research   2024-06-03  closed 2024-06-28 unable.not_held
     b5  research   2024-06-10  closed 2024-07-01 unable.need_creation
     b6  ngo        2024-07-01  closed 2024-07-10 ignore.repeat
     b7  np         2024-08-01  closed 2024-08-02 ignore.petition
     b8  other_org  2024-09-02  closed 2024-09-30 other.no_correction
     b9  np         2024-10-08  closed 2024-11-20 other.no_fee
     b10 legal      2024-11-01  closed 2024-11-29 t3.other.other (the key with its t3. prefix)
     b11 np         2024-12-31  open                             new.np, carry_out.np
     b12 biz        2024-12-02  closed 2025-01-06 grant          new.biz, carry_out.biz
     b13 np         2024-12-31  closed 2024-12-31 grant          new.np, grant.np
     b14 np         2024-02-01  closed 2024-02-20 refuse.process_info
   received in 2025:
     c0  np         2025-01-02  open                             nowhere

   So, by column          np biz research ngo legal other_org total
     new (b*)              8   2     2      1    1      1       15   np: b0 b1 b2 b7 b9 b11 b13 b14
     carry_in (a0 a1 a2 a4) 2  1     0      0    1      0        4
     grant (a0 b0 b1 b13)  4   0     0      0    0      0        4
     partial (b2)          1                                     1
     refuse.state_secret       1 (b3)                            1
     refuse.third_party        1 (a1)                            1
     refuse.process_info   1 (b14)                               1
     unable.not_held               1 (b4)                        1
     unable.need_creation          1 (b5)                        1
     ignore.petition       1 (b7)                                1
     ignore.repeat                        1 (b6)                 1
     other.no_correction                                 1 (b8)  1
     other.no_fee          1 (b9)                                1
     other.other                               1 (b10)           1
     total_processed       8   2     2      1    1      1       15
     carry_out (a2 b11; b12; a4) 2 1 0      0    1      0        4
   and 新收 + 上年结转 = 办理总计 + 结转下年度 in every column: np 8+2 = 8+2, biz 2+1 = 2+1, …,
   total 15+4 = 15+4. Outcome groups: 予以公开 4, 部分公开 1, 不予公开 3, 无法提供 2,
   不予处理 2, 其他处理 3 (= 15). Shares of the 15 processed: 4/15 = 26.7%, 1/15 = 6.7%,
   3/15 = 20.0%, 2/15 = 13.3%; of the 15 new: 自然人 8/15 = 53.3%, 法人或其他组织 7/15 = 46.7%.
*/
static const gk_gen_application apps[] = {
    {D(2023, 12, 20), D(2024, 1, 1), "np", "grant"},                     /* a0 */
    {D(2023, 11, 5), D(2024, 2, 10), "biz", "refuse.third_party"},       /* a1 */
    {D(2023, 12, 28), NONE, "np", NULL},                                 /* a2 */
    {D(2023, 6, 1), D(2023, 12, 31), "np", "grant"},                     /* a3 */
    {D(2023, 12, 30), D(2025, 1, 3), "legal", "partial"},                /* a4 */
    {D(2024, 1, 1), D(2024, 1, 15), "np", "grant"},                      /* b0 */
    {D(2024, 3, 1), D(2024, 3, 20), "np", "grant"},                      /* b1 */
    {D(2024, 4, 2), D(2024, 4, 25), "np", "partial"},                    /* b2 */
    {D(2024, 5, 6), D(2024, 5, 30), "biz", "refuse.state_secret"},       /* b3 */
    {D(2024, 6, 3), D(2024, 6, 28), "research", "unable.not_held"},      /* b4 */
    {D(2024, 6, 10), D(2024, 7, 1), "research", "unable.need_creation"}, /* b5 */
    {D(2024, 7, 1), D(2024, 7, 10), "ngo", "ignore.repeat"},             /* b6 */
    {D(2024, 8, 1), D(2024, 8, 2), "np", "ignore.petition"},             /* b7 */
    {D(2024, 9, 2), D(2024, 9, 30), "other_org", "other.no_correction"}, /* b8 */
    {D(2024, 10, 8), D(2024, 11, 20), "np", "other.no_fee"},             /* b9 */
    {D(2024, 11, 1), D(2024, 11, 29), "legal", "t3.other.other"},        /* b10 */
    {D(2024, 12, 31), NONE, "np", NULL},                                 /* b11 */
    {D(2024, 12, 2), D(2025, 1, 6), "biz", "grant"},                     /* b12 */
    {D(2024, 12, 31), D(2024, 12, 31), "np", "grant"},                   /* b13 */
    {D(2024, 2, 1), D(2024, 2, 20), "np", "refuse.process_info"},        /* b14 */
    {D(2025, 1, 2), NONE, "np", NULL},                                   /* c0 */
};

/* T3 as worked out above: np biz research ngo legal other_org total. */
static const struct {
    const char *row;
    int64_t v[7];
} want_t3[] = {
    {"t3.new", {8, 2, 2, 1, 1, 1, 15}},
    {"t3.carry_in", {2, 1, 0, 0, 1, 0, 4}},
    {"t3.grant", {4, 0, 0, 0, 0, 0, 4}},
    {"t3.partial", {1, 0, 0, 0, 0, 0, 1}},
    {"t3.refuse.state_secret", {0, 1, 0, 0, 0, 0, 1}},
    {"t3.refuse.law_prohibited", {0, 0, 0, 0, 0, 0, 0}},
    {"t3.refuse.security_stability", {0, 0, 0, 0, 0, 0, 0}},
    {"t3.refuse.third_party", {0, 1, 0, 0, 0, 0, 1}},
    {"t3.refuse.internal_affairs", {0, 0, 0, 0, 0, 0, 0}},
    {"t3.refuse.process_info", {1, 0, 0, 0, 0, 0, 1}},
    {"t3.refuse.enforcement_file", {0, 0, 0, 0, 0, 0, 0}},
    {"t3.refuse.admin_query", {0, 0, 0, 0, 0, 0, 0}},
    {"t3.unable.not_held", {0, 0, 1, 0, 0, 0, 1}},
    {"t3.unable.need_creation", {0, 0, 1, 0, 0, 0, 1}},
    {"t3.unable.unclear", {0, 0, 0, 0, 0, 0, 0}},
    {"t3.ignore.petition", {1, 0, 0, 0, 0, 0, 1}},
    {"t3.ignore.repeat", {0, 0, 0, 1, 0, 0, 1}},
    {"t3.ignore.publication", {0, 0, 0, 0, 0, 0, 0}},
    {"t3.ignore.excessive", {0, 0, 0, 0, 0, 0, 0}},
    {"t3.ignore.confirm_reissue", {0, 0, 0, 0, 0, 0, 0}},
    {"t3.other.no_correction", {0, 0, 0, 0, 0, 1, 1}},
    {"t3.other.no_fee", {1, 0, 0, 0, 0, 0, 1}},
    {"t3.other.other", {0, 0, 0, 0, 1, 0, 1}},
    {"t3.total_processed", {8, 2, 2, 1, 1, 1, 15}},
    {"t3.carry_out", {2, 1, 0, 0, 1, 0, 4}},
};

/* ---- cases ----------------------------------------------------------------------------------
     k0 review            filed 2024-03-01 upheld    decided 2024-05-01  review.upheld
     k1 review            filed 2024-06-01 corrected decided 2024-08-01  review.corrected
     k2 review            filed 2024-11-20 upheld    decided 2025-01-10  review.pending (decided
                                                                          after 31 December)
     k3 review            filed 2024-12-01 pending                       review.pending
     k4 lit_direct        filed 2024-04-01 other     decided 2024-10-01  lit_direct.other
     k5 lit_after_review  filed 2024-09-01 upheld    decided 2024-12-31  lit_after_review.upheld
     k6 review            filed 2023-12-15 upheld    decided 2024-02-01  nowhere (filed in 2023)
     k7 lit_direct        filed 2025-01-05 pending                       nowhere (filed in 2025)
   T4: review 1 1 0 2 = 4; lit_direct 0 0 1 0 = 1; lit_after_review 1 0 0 0 = 1.
*/
static const gk_gen_case cases[] = {
    {"review", D(2024, 3, 1), "upheld", D(2024, 5, 1)},
    {"review", D(2024, 6, 1), "corrected", D(2024, 8, 1)},
    {"review", D(2024, 11, 20), "upheld", D(2025, 1, 10)},
    {"review", D(2024, 12, 1), "pending", NONE},
    {"lit_direct", D(2024, 4, 1), "other", D(2024, 10, 1)},
    {"lit_after_review", D(2024, 9, 1), "upheld", D(2024, 12, 31)},
    {"review", D(2023, 12, 15), "upheld", D(2024, 2, 1)},
    {"lit_direct", D(2025, 1, 5), "pending", NONE},
};

static const struct {
    const char *row;
    int64_t v[5]; /* upheld corrected other pending total */
} want_t4[] = {
    {"t4.review", {1, 1, 0, 2, 4}},
    {"t4.lit_direct", {0, 0, 1, 0, 1}},
    {"t4.lit_after_review", {1, 0, 0, 0, 1}},
};

/* T2: every figure given; the fee in 万元 with four decimals (123 456 元). */
static const gk_gen_figure figures[] = {
    {"t2.reg.issued", "0"},          {"t2.reg.repealed", "0"},
    {"t2.reg.in_force", "0"},        {"t2.nd.issued", "3"},
    {"t2.nd.repealed", "1"},         {"t2.nd.in_force", "25"},
    {"t2.license.decisions", "120"}, {"t2.penalty.decisions", "37"},
    {"t2.coercion.decisions", "2"},  {"t2.admin_fee.amount_wan", "12.3456"},
};

/* Corrections after the year was locked, out of date order; the first is superseded by the
   last for the same cell (3 -> 4: grant.np is 4 above). Listed by date: [0], [1], [2], [3]. */
static const gk_gen_amendment amendments[] = {
    {D(2025, 2, 1), "t3.grant.np", "2", "3", NULL, "补录一件漏登的申请"},
    {D(2025, 2, 10), NULL, NULL, NULL,
     "第二件结转申请的办结日期由2024年2月1日更正为2024年2月10日。", "原登记日期有误。"},
    {D(2025, 2, 15), "t2.admin_fee.amount_wan", "12.3", "12.3456", "按财政决算数更正",
     "原数据为预算数"},
    {D(2025, 3, 2), "t3.grant.np", "3", "4", NULL, "补录一件1月1日办结的申请"},
};
static const size_t amendment_order[] = {0, 1, 2, 3};

#define AGENCY "示例市交通运输局"

static gk_gen_input full_input(void)
{
    gk_gen_input in = {0};
    in.agency = AGENCY;
    in.year = 2024;
    in.apps = apps;
    in.napps = N(apps);
    in.cases = cases;
    in.ncases = N(cases);
    in.figures = figures;
    in.nfigures = N(figures);
    in.amendments = amendments;
    in.namendments = N(amendments);
    in.info_fee_yuan = "0";
    return in;
}

/* ---- helpers -------------------------------------------------------------------------------- */

static void check_cell(const gk_doc *d, const char *key, int64_t value, int scale)
{
    const gk_value *v = gk_doc_cell_by_key(d, key);
    CHECK_MSG(v && v->state == GK_CELL_NUMBER && v->value == value && v->scale == scale,
              "%s: got %lld/%d, want %lld/%d", key, v ? (long long)v->value : -1LL,
              v ? v->scale : -1, (long long)value, scale);
}

static void check_tables(const gk_doc *d)
{
    static const char *const t3cols[] = {"np",    "biz",       "research", "ngo",
                                         "legal", "other_org", "total"};
    static const char *const t4cols[] = {"upheld", "corrected", "other", "pending", "total"};
    char key[128];
    CHECK_INT(N(want_t3), gk_doc_table(d, GK_T3)->nrows); /* every row listed */
    for (size_t r = 0; r < N(want_t3); r++)
        for (int c = 0; c < 7; c++) {
            snprintf(key, sizeof key, "%s.%s", want_t3[r].row, t3cols[c]);
            check_cell(d, key, want_t3[r].v[c], 0);
        }
    for (size_t r = 0; r < N(want_t4); r++)
        for (int c = 0; c < 5; c++) {
            snprintf(key, sizeof key, "%s.%s", want_t4[r].row, t4cols[c]);
            check_cell(d, key, want_t4[r].v[c], 0);
        }
    static const int64_t t2v[] = {0, 0, 0, 3, 1, 25, 120, 37, 2};
    for (size_t i = 0; i < N(t2v); i++)
        check_cell(d, figures[i].key, t2v[i], 0);
    check_cell(d, "t2.admin_fee.amount_wan", 123456, 4);
    CHECK_INT(gk_schema_cell_count(gk_doc_table(d, GK_T2)), 10);
    CHECK_INT(gk_doc_format(d, GK_T2), GK_FORMAT_2021);
    CHECK_INT(gk_doc_format(d, GK_T3), GK_FORMAT_2021);
    CHECK_INT(gk_doc_format(d, GK_T4), GK_FORMAT_2021);
}

static const char *body(const gk_doc *d, gk_section_id s)
{
    return gk_doc_section(d, s)->body;
}

#define CHECK_HAS(s, needle) CHECK_MSG(strstr((s), (needle)) != NULL, "missing: %s", (needle))
#define CHECK_LACKS(s, needle)                                                                     \
    CHECK_MSG(strstr((s), (needle)) == NULL, "should not contain: %s", (needle))

static int count_of(const char *s, const char *needle)
{
    int n = 0;
    for (const char *p = s; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* No error and no warning from gk_check (notes are allowed); prints what was found. */
static void check_clean(const char *what, gk_doc *d)
{
    gk_check(d);
    size_t bad = gk_doc_diag_count_at_least(d, GK_SEV_WARNING);
    CHECK_MSG(bad == 0, "%s: gk_check found %zu errors or warnings", what, bad);
    if (bad)
        gk_render_diags_gcc(d, GK_LANG_ZH, stdout);
}

static char *render(const gk_doc *d, gk_render_format fmt, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    CHECK(f && gk_render(d, fmt, GK_LANG_ZH, f) == GK_OK);
    if (f)
        fclose(f);
    if (len)
        *len = n;
    return buf;
}

/* Paragraphs in the six sections (not the preamble). */
static size_t section_paras(const gk_doc *d)
{
    size_t n = 0;
    for (size_t i = 0; i < gk_doc_para_count(d); i++) {
        gk_section_id s = GK_SECTION_COUNT;
        gk_doc_para(d, i, &s);
        n += s != GK_SECTION_COUNT;
    }
    return n;
}

/* The text rendering read back: same year, agency, cells and section bodies; checked clean. */
static void round_trip(const char *what, const gk_doc *d)
{
    size_t len = 0;
    char *text = render(d, GK_RENDER_TEXT, &len);
    gk_doc *back = NULL;
    CHECK(text && gk_doc_read_text(text, len, "generated.txt", &back, NULL) == GK_OK);
    if (!back) {
        free(text);
        return;
    }
    CHECK(gk_doc_is_report(back));
    CHECK_INT(gk_doc_year(back), gk_doc_year(d));
    CHECK_STR(gk_doc_agency(back), gk_doc_agency(d));
    CHECK_INT(gk_doc_published(back), 0);
    char key[128];
    for (int t = 0; t < GK_TABLE_COUNT; t++) {
        const gk_table_def *def = gk_doc_table(d, (gk_table_id)t);
        CHECK_MSG(def == gk_doc_table(back, (gk_table_id)t), "%s: table %d", what, t);
        for (int r = 0; def == gk_doc_table(back, (gk_table_id)t) && r < def->nrows; r++)
            for (int c = 0; c < gk_schema_ncols(def, r); c++) {
                const gk_value *x = gk_doc_cell(d, (gk_table_id)t, r, c);
                const gk_value *y = gk_doc_cell(back, (gk_table_id)t, r, c);
                gk_schema_cell_key(def, r, c, key, sizeof key);
                CHECK_MSG(y->state == GK_CELL_NUMBER && x->value == y->value &&
                              x->scale == y->scale && x->unit == y->unit,
                          "%s: %s read back differently", what, key);
            }
    }
    for (int s = 0; s < GK_SECTION_COUNT; s++) {
        const gk_section *x = gk_doc_section(d, (gk_section_id)s);
        const gk_section *y = gk_doc_section(back, (gk_section_id)s);
        CHECK_MSG(y->present && y->ordinal == s + 1 && !y->digit_ordinal &&
                      x->body_len == y->body_len && memcmp(x->body, y->body, x->body_len) == 0,
                  "%s: section %d read back differently:\n%s\n---\n%s", what, s + 1, x->body,
                  y->body);
    }
    CHECK_INT(section_paras(back), section_paras(d)); /* the title is a preamble paragraph */
    check_clean(what, back);
    gk_doc_free(back);
    free(text);
}

static void renders_everywhere(const gk_doc *d)
{
    static const gk_render_format fmts[] = {GK_RENDER_JSON, GK_RENDER_CSV, GK_RENDER_MD,
                                            GK_RENDER_HTML, GK_RENDER_TEXT};
    for (size_t i = 0; i < N(fmts); i++) {
        size_t len = 0;
        char *out = render(d, fmts[i], &len);
        CHECK_MSG(out && len > 1000, "format %d: %zu bytes", fmts[i], len);
        if (out && fmts[i] != GK_RENDER_CSV)
            CHECK_MSG(strstr(out, "予以公开") != NULL, "format %d lacks the tables", fmts[i]);
        free(out);
    }
}

/* `gongkai check` of the text rendering, when the built binary is beside this test
   (build/tests/test-generate -> build/gongkai): exit 0 and no error or warning line. */
static void cli_check(const gk_doc *d)
{
    char self[PATH_MAX], exe[PATH_MAX + 32], path[] = "/tmp/gk-generate-XXXXXX";
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return;
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (!slash)
        return;
    *slash = '\0';
    snprintf(exe, sizeof exe, "%s/../gongkai", self);
    if (access(exe, X_OK) != 0) {
        printf("note: %s not found; gongkai check not run\n", exe);
        return;
    }
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    FILE *f = fdopen(fd, "w");
    CHECK(f && gk_render(d, GK_RENDER_TEXT, GK_LANG_ZH, f) == GK_OK);
    if (f)
        fclose(f);
    char cmd[PATH_MAX * 2 + 64], line[2048];
    snprintf(cmd, sizeof cmd, "'%s' check '%s' 2>&1", exe, path);
    FILE *p = popen(cmd, "r");
    CHECK(p != NULL);
    int bad = 0;
    while (p && fgets(line, sizeof line, p)) {
        if (strstr(line, ": 错误:") || strstr(line, ": 警告:")) {
            bad++;
            printf("gongkai check: %s", line);
        }
    }
    int status = p ? pclose(p) : -1;
    CHECK_MSG(status == 0, "gongkai check exited with status %d", status);
    CHECK_INT(bad, 0);
    unlink(path);
}

/* ---- the cases ------------------------------------------------------------------------------ */

static void test_full(void)
{
    gk_gen_input in = full_input();
    gk_doc *d = NULL;
    gk_error err = {0};
    CHECK(gk_generate_report(&in, &d, &err) == GK_OK);
    if (!d) {
        printf("error: %s\n", err.msg);
        return;
    }
    CHECK(gk_doc_is_report(d));
    CHECK_INT(gk_doc_year(d), 2024);
    CHECK_STR(gk_doc_agency(d), AGENCY);
    CHECK_INT(gk_doc_published(d), 0);
    check_tables(d);
    for (int s = 0; s < GK_SECTION_COUNT; s++) {
        const gk_section *sec = gk_doc_section(d, (gk_section_id)s);
        char heading[256];
        snprintf(heading, sizeof heading, "%s、%s", gk_schema_section((gk_section_id)s)->ordinal,
                 gk_schema_section((gk_section_id)s)->labels[0]);
        CHECK(sec->present && sec->ordinal == s + 1);
        CHECK_MSG(sec->heading.raw && strcmp(sec->heading.raw, heading) == 0, "heading %d", s);
    }

    const char *s1 = body(d, GK_S1_OVERALL);
    CHECK_HAS(s1, "统计期限为2024年1月1日至2024年12月31日");
    CHECK_HAS(s1, "本年度新收政府信息公开申请15件，上年结转政府信息公开申请4件；办结申请15件，"
                  "结转下年度继续办理4件。");
    CHECK_HAS(s1, "办结的申请中，予以公开4件，部分公开1件，不予公开3件，无法提供2件，"
                  "不予处理2件，其他处理3件。");
    CHECK_HAS(s1, "被申请行政复议4件，被提起行政诉讼2件。");
    CHECK_HAS(s1, "制发规章0件、行政规范性文件3件，废止规章0件、行政规范性文件1件。");
    CHECK_HAS(s1, "更正情况见第六部分");
    CHECK_LACKS(s1, "工作考核"); /* only for a 人民政府 */

    const char *s2 = body(d, GK_S2_PROACTIVE);
    CHECK_HAS(s2, "制发行政规范性文件3件、废止1件，现行有效行政规范性文件25件。");
    CHECK_HAS(s2, "行政许可处理决定120件，行政处罚处理决定37件，行政强制处理决定2件；"
                  "行政事业性收费金额12.3456万元。");
    CHECK_LACKS(s2, "未录入");

    const char *s3 = body(d, GK_S3_REQUESTS);
    CHECK_HAS(s3, "本年度新收政府信息公开申请15件，其中自然人申请8件，占53.3%；"
                  "法人或其他组织申请7件，占46.7%。");
    CHECK_HAS(s3, "法人或其他组织申请中，商业企业2件、科研机构2件、社会公益组织1件、"
                  "法律服务机构1件、其他1件。");
    CHECK_HAS(s3, "上年结转政府信息公开申请4件。本年度办结政府信息公开申请15件，"
                  "其中予以公开4件，占26.7%；部分公开1件，占6.7%；不予公开3件，占20.0%；"
                  "无法提供2件，占13.3%；不予处理2件，占13.3%；其他处理3件，占20.0%。"
                  "结转下年度继续办理4件。");
    CHECK_HAS(s3, "不予公开的申请中，属于国家秘密1件、保护第三方合法权益1件、"
                  "属于四类过程性信息1件；无法提供的申请中，本机关不掌握相关政府信息1件、"
                  "没有现成信息需要另行制作1件；不予处理的申请中，信访举报投诉类申请1件、"
                  "重复申请1件；其他处理的申请中，");
    CHECK_HAS(s3, "、其他1件。");

    const char *s4 = body(d, GK_S4_REVIEW_LITIGATION);
    CHECK_HAS(s4, "被申请行政复议4件，其中结果维持1件、结果纠正1件、其他结果0件、尚未审结2件。");
    CHECK_HAS(s4, "被提起行政诉讼2件，其中未经复议直接起诉1件、复议后起诉1件。");
    CHECK_HAS(s4, "未经复议直接起诉的案件中，结果维持0件、结果纠正0件、其他结果1件、尚未审结0件。");
    CHECK_HAS(s4, "复议后起诉的案件中，结果维持1件、结果纠正0件、其他结果0件、尚未审结0件。");
    CHECK_HAS(s4, "截至2024年12月31日");
    CHECK_HAS(s4, GK_GEN_TODO "：被纠正案件"); /* one review was corrected */

    const char *s5 = body(d, GK_S5_PROBLEMS);
    CHECK_HAS(s5, GK_GEN_TODO "：本年度政府信息公开工作存在的主要问题");

    const char *s6 = body(d, GK_S6_OTHER);
    CHECK_HAS(s6, "本年度未收取信息处理费。");
    CHECK_HAS(s6, "因申请人逾期未按收费通知要求缴纳费用、本机关不再处理的政府信息公开申请1件。");
    CHECK_HAS(s6, "（五）数据更正情况。本报告2024年度数据在年度结束后锁定");
    const char *m[4] = {
        strstr(s6, "1. 2025年2月1日，表三“（一）予以公开”“自然人”栏由2件更正为3件。"
                   "更正原因：补录一件漏登的申请。"),
        strstr(s6, "2. 2025年2月10日，第二件结转申请的办结日期由2024年2月1日更正为2024年2月10日。"
                   "更正原因：原登记日期有误。\n"),
        strstr(s6, "3. 2025年2月15日，表二“行政事业性收费”“本年收费金额（单位：万元）”栏"
                   "由12.3万元更正为12.3456万元（按财政决算数更正）。更正原因：原数据为预算数。"),
        strstr(s6, "4. 2025年3月2日，表三“（一）予以公开”“自然人”栏由3件更正为4件。"),
    };
    for (size_t i = 0; i < 4; i++)
        CHECK_MSG(m[i] != NULL, "amendment %zu (amendments[%zu]) not listed as expected", i + 1,
                  amendment_order[i]);
    CHECK(m[0] && m[1] && m[2] && m[3] && m[0] < m[1] && m[1] < m[2] && m[2] < m[3]);

    /* the notes: every placeholder counted, no T2 figure missing */
    int todo = 0;
    for (int s = 0; s < GK_SECTION_COUNT; s++)
        todo += count_of(body(d, (gk_section_id)s), GK_GEN_TODO);
    CHECK(todo >= 8);
    int found_todo = 0;
    for (size_t i = 0; i < gk_doc_diag_count(d); i++) {
        const gk_diag *g = gk_doc_diag(d, i);
        CHECK_MSG(g->severity == GK_SEV_NOTE, "generator diagnostic %s is not a note", g->rule);
        CHECK_MSG(strcmp(g->rule, "GK-GEN-T2") != 0, "all T2 figures were given");
        if (strcmp(g->rule, "GK-GEN-TODO") == 0) {
            char want[32];
            snprintf(want, sizeof want, "正文有 %d 处", todo);
            CHECK_HAS(g->msg_zh, want);
            found_todo = 1;
        }
    }
    CHECK(found_todo);

    renders_everywhere(d);
    round_trip("full", d);
    cli_check(d);
    const char *dump = getenv("GK_GENERATE_DUMP"); /* a path: the report as text, to look at */
    FILE *f = dump ? fopen(dump, "w") : NULL;
    if (f) {
        gk_render(d, GK_RENDER_TEXT, GK_LANG_ZH, f);
        fclose(f);
    }
    check_clean("full", d);
    gk_doc_free(d);
}

/* A 人民政府, no records at all, figures not entered, the fee not recorded. */
static void test_empty_government(void)
{
    gk_gen_input in = {0};
    in.agency = "示例县人民政府";
    in.year = 2023;
    gk_doc *d = NULL;
    gk_error err = {0};
    CHECK(gk_generate_report(&in, &d, &err) == GK_OK);
    if (!d) {
        printf("error: %s\n", err.msg);
        return;
    }
    const gk_table_def *t3 = gk_doc_table(d, GK_T3);
    for (int r = 0; t3 && r < t3->nrows; r++)
        for (int c = 0; c < 7; c++) {
            const gk_value *v = gk_doc_cell(d, GK_T3, r, c);
            CHECK(v->state == GK_CELL_NUMBER && v->value == 0);
        }
    check_cell(d, "t2.admin_fee.amount_wan", 0, 0);
    check_cell(d, "t4.review.total", 0, 0);
    CHECK_HAS(body(d, GK_S1_OVERALL), "（六）工作考核、社会评议和责任追究结果情况。");
    CHECK_HAS(body(d, GK_S1_OVERALL), "统计期限为2023年1月1日至2023年12月31日");
    CHECK_LACKS(body(d, GK_S1_OVERALL), "第六部分");
    CHECK_HAS(body(d, GK_S2_PROACTIVE),
              "下列数据未录入，表中暂按0填列，请核实：规章本年制发件数、");
    CHECK_HAS(body(d, GK_S2_PROACTIVE), "、行政事业性收费本年收费金额（单位：万元）】");
    CHECK_HAS(body(d, GK_S3_REQUESTS), "本年度未收到新的政府信息公开申请。");
    CHECK_HAS(body(d, GK_S3_REQUESTS), "本年度办结政府信息公开申请0件。");
    CHECK_LACKS(body(d, GK_S3_REQUESTS), "%");
    CHECK_HAS(body(d, GK_S4_REVIEW_LITIGATION), "本年度未发生因政府信息公开工作被申请行政复议、"
                                                "提起行政诉讼的情况。");
    CHECK_HAS(body(d, GK_S6_OTHER), "（一）信息处理费收取情况。" GK_GEN_TODO);
    CHECK_LACKS(body(d, GK_S6_OTHER), "数据更正");
    int t2note = 0;
    for (size_t i = 0; i < gk_doc_diag_count(d); i++)
        if (strcmp(gk_doc_diag(d, i)->rule, "GK-GEN-T2") == 0) {
            t2note = 1;
            CHECK_HAS(gk_doc_diag(d, i)->keys, "t2.reg.issued");
            CHECK_HAS(gk_doc_diag(d, i)->msg_zh, "10 项");
        }
    CHECK(t2note);
    renders_everywhere(d);
    round_trip("empty", d);
    cli_check(d);
    check_clean("empty", d);
    gk_doc_free(d);
}

/* Part of the figures, a fee collected, a review only, no lawsuit. */
static void test_partial(void)
{
    static const gk_gen_figure some[] = {{"t2.nd.issued", "4"},
                                         {"t2.admin_fee.amount_wan", "0.05"}};
    static const gk_gen_application few[] = {
        {D(2022, 3, 1), D(2022, 3, 2), "np", "grant"},
        {D(2022, 3, 3), D(2022, 3, 4), "np", "grant"},
        {D(2022, 3, 5), D(2022, 3, 9), "biz", "ignore.excessive"},
    };
    static const gk_gen_case one[] = {{"review", D(2022, 5, 1), "pending", NONE}};
    gk_gen_input in = {0};
    in.agency = "示例市生态环境局";
    in.year = 2022;
    in.apps = few;
    in.napps = N(few);
    in.cases = one;
    in.ncases = N(one);
    in.figures = some;
    in.nfigures = N(some);
    in.info_fee_yuan = "300.5";
    /* free text as a web form gives it: line breaks and TABs become spaces, none at the end */
    static const gk_gen_amendment typed[] = {
        {D(2023, 1, 5), NULL, NULL, NULL, "第一行\r\n第二行", "原因\t说明\r\n"},
        {D(2023, 1, 6), "t2.nd.issued", "3", "4", "补录\n", "漏报一件！\n"}};
    in.amendments = typed;
    in.namendments = N(typed);
    gk_doc *d = NULL;
    gk_error err = {0};
    CHECK(gk_generate_report(&in, &d, &err) == GK_OK);
    if (!d) {
        printf("error: %s\n", err.msg);
        return;
    }
    check_cell(d, "t2.nd.issued", 4, 0);
    check_cell(d, "t2.nd.in_force", 0, 0);
    check_cell(d, "t2.admin_fee.amount_wan", 5, 2);
    check_cell(d, "t3.grant.np", 2, 0);
    check_cell(d, "t3.ignore.excessive.biz", 1, 0);
    check_cell(d, "t3.total_processed.total", 3, 0);
    check_cell(d, "t4.review.pending", 1, 0);
    /* 2/3 = 66.666… -> 66.7; 1/3 -> 33.3 */
    CHECK_HAS(body(d, GK_S3_REQUESTS), "其中予以公开2件，占66.7%；部分公开0件；不予公开0件；"
                                       "无法提供0件；不予处理1件，占33.3%；其他处理0件。");
    CHECK_HAS(body(d, GK_S3_REQUESTS), "不予处理的申请中，无正当理由大量反复申请1件。");
    CHECK_HAS(body(d, GK_S3_REQUESTS), "其中自然人申请2件，占66.7%；法人或其他组织申请1件，"
                                       "占33.3%。法人或其他组织申请中，商业企业1件。");
    CHECK_HAS(body(d, GK_S4_REVIEW_LITIGATION), "被提起行政诉讼0件。");
    CHECK_LACKS(body(d, GK_S4_REVIEW_LITIGATION), "直接起诉的案件中");
    CHECK_LACKS(body(d, GK_S4_REVIEW_LITIGATION), GK_GEN_TODO); /* nothing corrected */
    CHECK_HAS(body(d, GK_S2_PROACTIVE), "规章本年制发件数、");
    CHECK_LACKS(body(d, GK_S2_PROACTIVE), "行政规范性文件本年制发件数");
    CHECK_HAS(body(d, GK_S6_OTHER), "收取信息处理费300.5元。");
    CHECK_HAS(body(d, GK_S6_OTHER), "1. 2023年1月5日，第一行  第二行。更正原因：原因 说明。\n");
    CHECK_HAS(body(d, GK_S6_OTHER), "2. 2023年1月6日，表二“行政规范性文件”“本年制发件数”栏"
                                    "由3件更正为4件（补录）。更正原因：漏报一件！\n");
    round_trip("partial", d);
    cli_check(d);
    check_clean("partial", d);
    gk_doc_free(d);
}

/* The year before from the same records: its 结转下年度 is this year's 上年结转, column by column
   (V-T3-07). 2023 has a0 a1 a2 a3 a4 new (np 3: a0 a2 a3; biz a1; legal a4; total 5), nothing
   carried in, a3 granted on 31 December, and a0 a1 a2 a4 open on 31 December (np 2, biz 1,
   legal 1: the 2024 carry-in); the review k6, filed 2023-12-15 and decided only in 2024, is
   pending. */
static void test_year_before(void)
{
    static const char *const cols[] = {"np",    "biz",       "research", "ngo",
                                       "legal", "other_org", "total"};
    gk_gen_input in = full_input();
    gk_doc *d23 = NULL, *d24 = NULL;
    in.amendments = NULL;
    in.namendments = 0;
    CHECK(gk_generate_report(&in, &d24, NULL) == GK_OK);
    in.year = 2023;
    CHECK(gk_generate_report(&in, &d23, NULL) == GK_OK);
    if (!d23 || !d24)
        return;
    for (int c = 0; c < 7; c++) {
        char out[64], into[64];
        snprintf(out, sizeof out, "t3.carry_out.%s", cols[c]);
        snprintf(into, sizeof into, "t3.carry_in.%s", cols[c]);
        CHECK_MSG(gk_doc_cell_by_key(d23, out)->value == gk_doc_cell_by_key(d24, into)->value,
                  "%s (2023) != %s (2024)", out, into);
    }
    check_cell(d23, "t3.new.np", 3, 0);
    check_cell(d23, "t3.new.total", 5, 0);
    check_cell(d23, "t3.carry_in.total", 0, 0);
    check_cell(d23, "t3.grant.np", 1, 0);
    check_cell(d23, "t3.total_processed.total", 1, 0);
    check_cell(d23, "t3.carry_out.total", 4, 0);
    check_cell(d23, "t4.review.pending", 1, 0);
    check_cell(d23, "t4.review.total", 1, 0);
    check_clean("2023", d23);
    gk_doc_free(d23);
    gk_doc_free(d24);
}

/* ---- bad input ------------------------------------------------------------------------------ */

static void expect_invalid(const char *what, const gk_gen_input *in, const char *in_msg)
{
    gk_doc *d = (gk_doc *)1;
    gk_error err = {0};
    gk_status st = gk_generate_report(in, &d, &err);
    CHECK_MSG(st == GK_ERR_INVALID_ARG, "%s: status %d", what, st);
    CHECK_MSG(d == NULL, "%s: out not NULL", what);
    CHECK_MSG(err.code == GK_ERR_INVALID_ARG, "%s: err.code %d", what, err.code);
    CHECK_MSG(strstr(err.msg, in_msg) != NULL, "%s: message \"%s\" lacks \"%s\"", what, err.msg,
              in_msg);
    CHECK_MSG(strstr(err.msg, " / ") != NULL, "%s: message \"%s\" is not Chinese / English", what,
              err.msg);
    if (st == GK_OK)
        gk_doc_free(d);
}

static void bad_app(const char *what, gk_gen_application a, const char *msg)
{
    gk_gen_application list[3] = {apps[0], apps[1], a};
    gk_gen_input in = full_input();
    in.apps = list;
    in.napps = 3;
    in.amendments = NULL;
    in.namendments = 0;
    expect_invalid(what, &in, msg);
}

static void bad_case(const char *what, gk_gen_case k, const char *msg)
{
    gk_gen_input in = full_input();
    in.cases = &k;
    in.ncases = 1;
    in.amendments = NULL;
    in.namendments = 0;
    expect_invalid(what, &in, msg);
}

static void bad_figure(const char *what, const char *key, const char *value, const char *msg)
{
    gk_gen_figure f[2] = {{"t2.nd.issued", "1"}, {key, value}};
    gk_gen_input in = full_input();
    in.figures = f;
    in.nfigures = 2;
    in.amendments = NULL;
    in.namendments = 0;
    expect_invalid(what, &in, msg);
}

static void bad_amendment(const char *what, gk_gen_amendment m, const char *msg)
{
    gk_gen_amendment list[2] = {amendments[2], m};
    gk_gen_input in = full_input();
    in.amendments = list;
    in.namendments = 2;
    expect_invalid(what, &in, msg);
}

static void test_invalid(void)
{
    gk_date d0 = D(2024, 3, 1), d1 = D(2024, 3, 5);
    bad_app("applicant", (gk_gen_application){d0, d1, "person", "grant"}, "apps[2]");
    bad_app("applicant total", (gk_gen_application){d0, d1, "total", "grant"}, "“total”");
    bad_app("applicant NULL", (gk_gen_application){d0, d1, NULL, "grant"}, "(null)");
    bad_app("outcome", (gk_gen_application){d0, d1, "np", "granted"}, "granted");
    bad_app("outcome not a row", (gk_gen_application){d0, d1, "np", "total_processed"},
            "不是表三的办理结果");
    bad_app("outcome carry_out", (gk_gen_application){d0, d1, "np", "t3.carry_out"}, "apps[2]");
    bad_app("outcome prefix", (gk_gen_application){d0, d1, "np", "refuse"}, "refuse");
    bad_app("closed before received", (gk_gen_application){d1, d0, "np", "grant"}, "早于收到日期");
    bad_app("outcome while open", (gk_gen_application){d0, NONE, "np", "grant"}, "没有办结日期");
    bad_app("closed without outcome", (gk_gen_application){d0, d1, "np", NULL}, "没有办理结果");
    bad_app("no received", (gk_gen_application){NONE, d1, "np", "grant"}, "收到日期无效");
    bad_app("received out of range", (gk_gen_application){INT32_MAX, NONE, "np", NULL},
            "收到日期无效");
    bad_app("long key", (gk_gen_application){d0, d1, "np", "一二三四五六七八九十一二三四五六七八"},
            "一二三四五六七八九十一二三…");

    bad_case("kind", (gk_gen_case){"appeal", d0, "upheld", d1}, "appeal");
    bad_case("result", (gk_gen_case){"review", d0, "won", d1}, "won");
    bad_case("result total", (gk_gen_case){"review", d0, "total", d1}, "cases[0]");
    bad_case("pending decided in the year", (gk_gen_case){"review", d0, "pending", d1},
             "尚未审结的案件不应有审结日期");
    bad_case("pending decided on 31 December",
             (gk_gen_case){"review", d0, "pending", D(2024, 12, 31)}, "2024-12-31");
    bad_case("pending decided later", (gk_gen_case){"review", d0, "pending", D(2025, 2, 1)},
             "pending but decided");
    bad_case("decided without a date", (gk_gen_case){"lit_direct", d0, "upheld", NONE},
             "没有审结日期");
    bad_case("decided before filed", (gk_gen_case){"review", d1, "upheld", d0}, "早于立案日期");
    bad_case("no filed date", (gk_gen_case){"review", NONE, "pending", NONE}, "立案日期无效");

    bad_figure("T2 key", "t2.reg.total", "1", "t2.reg.total");
    bad_figure("T3 key as figure", "t3.new.np", "1", "不是表二的单元格");
    bad_figure("duplicate", "t2.nd.issued", "2", "重复");
    bad_figure("decimal count", "t2.license.decisions", "1.5", "非负整数");
    bad_figure("negative", "t2.penalty.decisions", "-1", "figures[1]");
    bad_figure("exponent", "t2.penalty.decisions", "1e3", "1e3");
    bad_figure("empty", "t2.penalty.decisions", "", "figures[1]");
    bad_figure("NULL value", "t2.penalty.decisions", NULL, "(null)");
    bad_figure("trailing point", "t2.admin_fee.amount_wan", "12.", "非负数");
    bad_figure("leading point", "t2.admin_fee.amount_wan", ".5", "figures[1]");
    bad_figure("7 decimals", "t2.admin_fee.amount_wan", "1.1234567", "至多 6 位小数");
    bad_figure("separator", "t2.admin_fee.amount_wan", "1,000", "figures[1]");
    bad_figure("unit", "t2.admin_fee.amount_wan", "5万元", "figures[1]");
    bad_figure("overflow", "t2.license.decisions", "99999999999999999999", "figures[1]");

    gk_gen_input in = full_input();
    in.info_fee_yuan = "十元";
    expect_invalid("fee", &in, "信息处理费");

    gk_date later = D(2025, 1, 10);
    bad_amendment("in the year", (gk_gen_amendment){D(2024, 12, 31), NULL, NULL, NULL, "x", "y"},
                  "年度结束之后");
    bad_amendment("no date", (gk_gen_amendment){NONE, NULL, NULL, NULL, "x", "y"}, "amendments[1]");
    bad_amendment("no reason", (gk_gen_amendment){later, NULL, NULL, NULL, "x", NULL},
                  "缺少更正原因");
    bad_amendment("empty reason", (gk_gen_amendment){later, NULL, NULL, NULL, "x", ""},
                  "缺少更正原因");
    bad_amendment("no what", (gk_gen_amendment){later, NULL, NULL, NULL, NULL, "y"},
                  "缺少更正内容");
    bad_amendment("control character", (gk_gen_amendment){later, NULL, NULL, NULL, "a\x01b", "y"},
                  "缺少更正内容或内容无效");
    bad_amendment("escape", (gk_gen_amendment){later, NULL, NULL, NULL, "x", "a\x1b[1mb"},
                  "更正原因");
    bad_amendment("DEL", (gk_gen_amendment){later, NULL, NULL, NULL, "x\x7f", "y"}, "更正内容");
    bad_amendment("C1 control", (gk_gen_amendment){later, NULL, NULL, NULL, "x\xc2\x85", "y"},
                  "更正内容");
    char longer[GK_GEN_TEXT_MAX + 2];
    memset(longer, 'x', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    bad_amendment("too long", (gk_gen_amendment){later, NULL, NULL, NULL, "x", longer}, "更正原因");
    bad_amendment("not UTF-8", (gk_gen_amendment){later, NULL, NULL, NULL, "a\xff", "y"},
                  "amendments[1]");
    bad_amendment("overlong UTF-8", (gk_gen_amendment){later, NULL, NULL, NULL, "\xc0\xaf", "y"},
                  "amendments[1]");
    bad_amendment("values without key", (gk_gen_amendment){later, NULL, "1", "2", "x", "y"},
                  "没有单元格");
    bad_amendment("unknown key", (gk_gen_amendment){later, "t3.grant", "1", "2", NULL, "y"},
                  "不是表格单元格");
    bad_amendment("no after", (gk_gen_amendment){later, "t3.grant.np", "1", NULL, NULL, "y"},
                  "数值无效");
    bad_amendment("decimal count", (gk_gen_amendment){later, "t3.grant.np", "1", "4.0", NULL, "y"},
                  "数值无效");
    bad_amendment("same", (gk_gen_amendment){later, "t4.review.total", "4", "4", NULL, "y"},
                  "前后数值相同");
    bad_amendment("same money",
                  (gk_gen_amendment){later, "t2.admin_fee.amount_wan", "1.5", "1.50", NULL, "y"},
                  "前后数值相同");
    bad_amendment("not the records", (gk_gen_amendment){later, "t3.grant.np", "4", "5", NULL, "y"},
                  "由记录生成的数值为 4");
    bad_amendment(
        "money not the records",
        (gk_gen_amendment){D(2025, 3, 1), "t2.admin_fee.amount_wan", "12.3456", "12.4", NULL, "y"},
        "由记录生成的数值为 12.3456");

    /* the latest amendment of a cell decides; on the same day, the later one in the array */
    gk_gen_amendment tie[2] = {{later, "t4.review.total", "3", "4", NULL, "r"},
                               {later, "t4.review.total", "4", "5", NULL, "r"}};
    in = full_input();
    in.amendments = tie;
    in.namendments = 2;
    expect_invalid("tie: the later one", &in, "amendments[1]");
    tie[0].after = "5";
    tie[1].before = "5";
    tie[1].after = "4";
    gk_doc *d = NULL;
    CHECK(gk_generate_report(&in, &d, NULL) == GK_OK);
    gk_doc_free(d);

    in = full_input();
    in.year = 2020;
    expect_invalid("year 2020", &in, "2020");
    in.year = 2101;
    expect_invalid("year 2101", &in, "2101");
    in = full_input();
    in.agency = "";
    expect_invalid("agency empty", &in, "机关名称");
    in.agency = NULL;
    expect_invalid("agency NULL", &in, "机关名称");
    in.agency = "示例局\n";
    expect_invalid("agency line break", &in, "机关名称");
    in.agency = "示例局：办公室";
    expect_invalid("agency colon", &in, "冒号");
    in.agency = "\xe7\xa4";
    expect_invalid("agency truncated UTF-8", &in, "UTF-8");
    in = full_input();
    in.apps = NULL;
    expect_invalid("apps NULL", &in, "NULL");
    in = full_input();
    in.cases = NULL;
    expect_invalid("cases NULL", &in, "NULL");
    in = full_input();
    in.namendments = GK_GEN_AMENDMENTS_MAX + 1;
    expect_invalid("too many amendments", &in, "更正记录超过");

    gk_error err = {0};
    in = full_input();
    CHECK(gk_generate_report(NULL, &d, &err) == GK_ERR_INVALID_ARG && d == NULL);
    CHECK(gk_generate_report(&in, NULL, &err) == GK_ERR_INVALID_ARG);
    CHECK(gk_generate_report(NULL, NULL, NULL) == GK_ERR_INVALID_ARG);
}

static void test_dates(void)
{
    CHECK_INT(D(1970, 1, 1), 0);
    CHECK_INT(D(2024, 2, 29), gk_date_from_ymd(2024, 2, 29));
    CHECK_INT(D(2024, 3, 1), gk_date_from_ymd(2024, 3, 1));
    CHECK_INT(D(2023, 12, 31), gk_date_from_ymd(2023, 12, 31));
    CHECK_INT(D(2025, 1, 1), gk_date_from_ymd(2025, 1, 1));
    CHECK_INT(D(2000, 1, 1), gk_date_from_ymd(2000, 1, 1));
}

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    test_dates();
    test_full();
    test_empty_government();
    test_partial();
    test_year_before();
    test_invalid();
    return t_report();
}
