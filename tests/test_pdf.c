/*
 * test_pdf.c — the PDF reader on the three real reports of tests/fixtures/peers (values read off
 * the rendered pages) and on the hand-made files of tests/fixtures/pdf (made by make_pdf.py
 * there: text at known coordinates, a turned page, a scan, damaged and encrypted files, too
 * many pages).
 * Block-level checks (cells in visual order, no page footer inside a table, wrapped labels,
 * pages and lines) and whole-report checks through the public API. argv[1] is the source root.
 */
#include <gongkai/gongkai.h>
#include <stdlib.h>

#include "harness.h"

static const char *root = ".";

/* The bytes of tests/fixtures/<name>, or NULL. */
static char *load(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/fixtures/%s", root, name);
    char *data = t_slurp(path, len);
    CHECK_MSG(data != NULL, "cannot open %s", path);
    return data;
}

/* The blocks of a fixture read as PDF (NULL if it cannot be loaded). */
static gk_blocks *read_pdf(const char *name)
{
    size_t len = 0;
    char *data = load(name, &len);
    if (!data)
        return NULL;
    gk_blocks *b = NULL;
    gk_error err = {0};
    gk_status st = gk_blocks_read_as(GK_INPUT_PDF, data, len, &b, &err);
    CHECK_MSG(st == GK_OK, "%s: status %d (%s)", name, (int)st, err.msg);
    free(data);
    return b;
}

static int text_is(const gk_text *t, const char *s)
{
    return t->raw_len == strlen(s) && memcmp(t->raw, s, t->raw_len) == 0;
}

static int text_has(const gk_text *t, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i + n <= t->raw_len; i++)
        if (memcmp(t->raw + i, s, n) == 0)
            return 1;
    return 0;
}

/* The first block with a cell (or paragraph) equal to s, or NULL. */
static const gk_block *block_with(const gk_blocks *b, const char *s)
{
    for (size_t i = 0; i < gk_blocks_count(b); i++) {
        const gk_block *blk = gk_blocks_get(b, i);
        if (blk->kind == GK_BLOCK_PARA && text_is(&blk->text, s))
            return blk;
        for (uint32_t c = 0; blk->kind == GK_BLOCK_ROW && c < blk->ncells; c++)
            if (text_is(&blk->cells[c], s))
                return blk;
    }
    CHECK_MSG(0, "no block holds \"%s\"", s);
    return NULL;
}

/* The first row of n cells whose first cell is s, or NULL. */
static const gk_block *row_starting(const gk_blocks *b, const char *s, uint32_t n)
{
    for (size_t i = 0; i < gk_blocks_count(b); i++) {
        const gk_block *blk = gk_blocks_get(b, i);
        if (blk->kind == GK_BLOCK_ROW && blk->ncells == n && text_is(&blk->cells[0], s))
            return blk;
    }
    CHECK_MSG(0, "no row of %u cells starts with \"%s\"", n, s);
    return NULL;
}

/* Checks that row `blk` has exactly the cells want[0..n) (raw text; "" for a blank cell). */
static void check_cells(const gk_block *blk, const char *const *want, uint32_t n, uint32_t page)
{
    if (!blk)
        return;
    CHECK_INT(blk->kind, GK_BLOCK_ROW);
    CHECK_MSG(blk->ncells == n, "row \"%.*s\": %u cells, want %u", (int)blk->text.raw_len,
              blk->text.raw, blk->ncells, n);
    for (uint32_t c = 0; c < n && c < blk->ncells; c++) {
        CHECK_MSG(text_is(&blk->cells[c], want[c]), "cell %u: \"%.*s\", want \"%s\"", c,
                  (int)blk->cells[c].raw_len, blk->cells[c].raw, want[c]);
        CHECK_INT(blk->cells[c].page, page);
    }
}

#define CELLS(blk, page, ...)                                                                      \
    do {                                                                                           \
        static const char *const want_[] = {__VA_ARGS__};                                          \
        check_cells(blk, want_, (uint32_t)(sizeof want_ / sizeof want_[0]), page);                 \
    } while (0)

/* Whether any text of the list (paragraph or cell) contains s. */
static int any_text_has(const gk_blocks *b, const char *s)
{
    for (size_t i = 0; i < gk_blocks_count(b); i++) {
        const gk_block *blk = gk_blocks_get(b, i);
        if (blk->kind == GK_BLOCK_PARA && text_has(&blk->text, s))
            return 1;
        for (uint32_t c = 0; blk->kind == GK_BLOCK_ROW && c < blk->ncells; c++)
            if (text_has(&blk->cells[c], s))
                return 1;
    }
    return 0;
}

/* The document made from b, for the reader's notes as diagnostics. */
static gk_doc *doc_of(const gk_blocks *b)
{
    gk_doc *doc = NULL;
    CHECK_INT(gk_doc_from_blocks(b, "t.pdf", &doc, NULL), GK_OK);
    return doc;
}

/* The first diagnostic with this rule, or NULL. */
static const gk_diag *diag_of(const gk_doc *doc, const char *rule)
{
    for (size_t i = 0; doc && i < gk_doc_diag_count(doc); i++)
        if (strcmp(gk_doc_diag(doc, i)->rule, rule) == 0)
            return gk_doc_diag(doc, i);
    return NULL;
}

/* ---- the real reports ------------------------------------------------------------------- */

static void szfgs_blocks(void)
{
    gk_blocks *b = read_pdf("peers/szfgs2024.pdf");
    if (!b)
        return;
    CHECK_INT(gk_blocks_kind(b), GK_INPUT_PDF);
    /* Table 4: one row of 15 numbers in the order printed (raw text order differs). */
    CELLS(row_starting(b, "72", 15), 5, "72", "64", "178", "37", "351", "13", "4", "8", "1", "26",
          "12", "1", "1", "6", "20");
    /* Table 3 runs over pages 4 and 5; the footer "- 4 -" between is in no block. */
    CHECK(!any_text_has(b, "- 4 -") && !any_text_has(b, "-4-") && !any_text_has(b, "- 5 -"));
    CELLS(block_with(b, "1.本机关不掌握相关政府信息"), 4, "（四）无", "1.本机关不掌握相关政府信息",
          "746", "12", "0", "0", "10", "1", "769");
    CELLS(block_with(b, "2.没有现成信息需要另行制作"), 5, "法提供", "2.没有现成信息需要另行制作",
          "11", "0", "0", "0", "0", "0", "11");
    /* Labels printed over two or three lines around their numbers are one cell. */
    CELLS(block_with(b, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"), 4,
          "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "447", "7", "0", "0", "0",
          "0", "454");
    CELLS(block_with(b, "5.要求行政机关确认或重新出具已获取信息"), 5,
          "5.要求行政机关确认或重新出具已获取信息", "1", "0", "0", "0", "0", "0", "1");
    CELLS(
        block_with(b, "2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        5, "2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "6", "0",
        "0", "0", "0", "0", "6");
    /* The group cell beside them ("（六）其" over "他处理") is one paragraph. */
    const gk_block *group = block_with(b, "（六）其他处理");
    CHECK(group && group->kind == GK_BLOCK_PARA && group->text.page == 5);
    /* Table 2 rows, the numbers their own cells. */
    CELLS(block_with(b, "行政规范性文件"), 3, "行政规范性文件", "8", "26", "66");
    CELLS(block_with(b, "行政事业性收费"), 4, "行政事业性收费", "96171.6");
    /* Positions: the heading is the 9th line of page 1 (2 title lines, 6 of the preface). */
    const gk_block *h = block_with(b, "一、总体情况");
    if (h) {
        CHECK_INT(h->text.page, 1);
        CHECK_INT(h->text.line, 9);
    }
    /* A paragraph broken by the page end continues on page 2 (past the footer "-1-"). */
    const gk_block *p = NULL;
    for (size_t i = 0; i < gk_blocks_count(b) && !p; i++)
        if (text_has(&gk_blocks_get(b, i)->text, "（一）主动公开情况。"))
            p = gk_blocks_get(b, i);
    CHECK(p && p->kind == GK_BLOCK_PARA && p->text.page == 1 &&
          text_has(&p->text, "营商环境高质量推进产业发展") && text_has(&p->text, "回应舆论关切。"));
    /* Every text is on a page of the file, in page order. */
    uint32_t last = 1;
    for (size_t i = 0; i < gk_blocks_count(b); i++) {
        const gk_block *blk = gk_blocks_get(b, i);
        CHECK_MSG(blk->text.page >= last && blk->text.page <= 6, "block %zu on page %u", i,
                  blk->text.page);
        last = blk->text.page;
        for (uint32_t c = 0; blk->kind == GK_BLOCK_ROW && c < blk->ncells; c++)
            CHECK_INT(blk->cells[c].page, blk->text.page);
    }
    gk_blocks_free(b);
}

static void hzq_blocks(void)
{
    gk_blocks *b = read_pdf("peers/hzq2023_working.pdf");
    if (!b)
        return;
    /* Table 4 as published, its wrong totals included (行政复议 总计 0). */
    CELLS(row_starting(b, "10", 15), 4, "10", "1", "0", "0", "0", "0", "0", "0", "0", "0", "5", "0",
          "0", "0", "0");
    /* The source's own typo stays (其他法律行政止公开). */
    CELLS(block_with(b, "2.其他法律行政止公开"), 3, "、", "2.其他法律行政止公开", "0", "0", "0",
          "0", "0", "0", "0");
    CELLS(block_with(b, "5.要求行政机关确认或重新出具已获取信息"), 4,
          "5.要求行政机关确认或重新出具已获取信息", "0", "0", "0", "0", "0", "0", "0");
    gk_blocks_free(b);
}

/* Expected cells of a report: per row key, its values ("" when a row's values are all 0). */
typedef struct row_want {
    const char *key;
    const char *vals; /* space-separated values in column order, or "0" for all zeros */
} row_want;

static void check_doc_rows(const gk_doc *doc, const char *file, const row_want *rows, size_t n)
{
    static const char *const t3_cols[] = {"np",    "biz",       "research", "ngo",
                                          "legal", "other_org", "total"};
    static const char *const t4_cols[] = {"upheld", "corrected", "other", "pending", "total"};
    for (size_t r = 0; r < n; r++) {
        const char *key = rows[r].key;
        int t4 = strncmp(key, "t4.", 3) == 0, t3 = strncmp(key, "t3.", 3) == 0;
        int ncols = t3 ? 7 : t4 ? 5 : 1;
        const char *v = rows[r].vals;
        for (int c = 0; c < ncols; c++) {
            char k[128], want[32];
            if (ncols == 1)
                snprintf(k, sizeof k, "%s", key);
            else
                snprintf(k, sizeof k, "%s.%s", key, t3 ? t3_cols[c] : t4_cols[c]);
            size_t wl = strcspn(v, " ");
            snprintf(want, sizeof want, "%.*s", (int)wl, v);
            if (v[wl] == ' ')
                v += wl + 1;
            else if (strcmp(rows[r].vals, "0") != 0)
                v += wl;
            const gk_value *got = gk_doc_cell_by_key(doc, k);
            char buf[64];
            const char *g = got && got->state == GK_CELL_NUMBER
                                ? gk_value_format(got, buf, sizeof buf)
                                : "(not a number)";
            CHECK_MSG(got && strcmp(g, want) == 0, "%s: %s = %s, want %s", file, k, g, want);
        }
    }
}

/* Rows read off the pages of szfgs2024.pdf (pages 3 to 5). */
static const row_want szfgs_rows[] = {
    {"t2.reg.issued", "1"},
    {"t2.reg.repealed", "0"},
    {"t2.reg.in_force", "11"},
    {"t2.nd.issued", "8"},
    {"t2.nd.repealed", "26"},
    {"t2.nd.in_force", "66"},
    {"t2.license.decisions", "447228"},
    {"t2.penalty.decisions", "3985758"},
    {"t2.coercion.decisions", "88283"},
    {"t2.admin_fee.amount_wan", "96171.6"},
    {"t3.new", "3001 53 0 0 61 4 3119"},
    {"t3.carry_in", "34 0 0 0 0 0 34"},
    {"t3.grant", "1288 21 0 0 50 3 1362"},
    {"t3.partial", "447 7 0 0 0 0 454"},
    {"t3.refuse.state_secret", "2 0 0 0 0 0 2"},
    {"t3.refuse.law_prohibited", "30 1 0 0 0 0 31"},
    {"t3.refuse.security_stability", "5 0 0 0 0 0 5"},
    {"t3.refuse.third_party", "6 0 0 0 0 0 6"},
    {"t3.refuse.internal_affairs", "7 1 0 0 0 0 8"},
    {"t3.refuse.process_info", "12 0 0 0 0 0 12"},
    {"t3.refuse.enforcement_file", "9 0 0 0 0 0 9"},
    {"t3.refuse.admin_query", "105 0 0 0 0 0 105"},
    {"t3.unable.not_held", "746 12 0 0 10 1 769"},
    {"t3.unable.need_creation", "11 0 0 0 0 0 11"},
    {"t3.unable.unclear", "1 0 0 0 0 0 1"},
    {"t3.ignore.petition", "56 6 0 0 0 0 62"},
    {"t3.ignore.repeat", "25 0 0 0 0 0 25"},
    {"t3.ignore.publication", "0"},
    {"t3.ignore.excessive", "0"},
    {"t3.ignore.confirm_reissue", "1 0 0 0 0 0 1"},
    {"t3.other.no_correction", "67 3 0 0 1 0 71"},
    {"t3.other.no_fee", "6 0 0 0 0 0 6"},
    {"t3.other.other", "108 2 0 0 0 0 110"},
    {"t3.total_processed", "2932 53 0 0 61 4 3050"},
    {"t3.carry_out", "103 0 0 0 0 0 103"},
    {"t4.review", "72 64 178 37 351"},
    {"t4.lit_direct", "13 4 8 1 26"},
    {"t4.lit_after_review", "12 1 1 6 20"},
};

/* hzq2023_working.pdf, pages 2 to 4 (older T3 layout: one （六） row). */
static const row_want hzq2023_rows[] = {
    {"t2.reg.issued", "0"},
    {"t2.reg.repealed", "0"},
    {"t2.reg.in_force", "0"},
    {"t2.nd.issued", "0"},
    {"t2.nd.repealed", "5"},
    {"t2.nd.in_force", "5"},
    {"t2.license.decisions", "550"},
    {"t2.penalty.decisions", "4119"},
    {"t2.coercion.decisions", "195"},
    {"t2.admin_fee.amount_wan", "7730.28"},
    {"t3.new", "21 0 0 0 0 0 21"},
    {"t3.carry_in", "0"},
    {"t3.grant", "0"},
    {"t3.partial", "4 0 0 0 0 0 4"},
    {"t3.refuse.state_secret", "1 0 0 0 0 0 1"},
    {"t3.refuse.law_prohibited", "0"},
    {"t3.refuse.security_stability", "0"},
    {"t3.refuse.third_party", "0"},
    {"t3.refuse.internal_affairs", "0"},
    {"t3.refuse.process_info", "1 0 0 0 0 0 1"},
    {"t3.refuse.enforcement_file", "1 0 0 0 0 0 1"},
    {"t3.refuse.admin_query", "0"},
    {"t3.unable.not_held", "10 0 0 0 0 0 10"},
    {"t3.unable.need_creation", "3 0 0 0 0 0 3"},
    {"t3.unable.unclear", "0"},
    {"t3.ignore.petition", "1 0 0 0 0 0 1"},
    {"t3.ignore.repeat", "0"},
    {"t3.ignore.publication", "0"},
    {"t3.ignore.excessive", "0"},
    {"t3.ignore.confirm_reissue", "0"},
    {"t3.other", "0"},
    {"t3.total_processed", "21 0 0 0 0 0 21"},
    {"t3.carry_out", "0"},
    {"t4.review", "10 1 0 0 0"},
    {"t4.lit_direct", "0"},
    {"t4.lit_after_review", "5 0 0 0 0"},
};

/* hzq2024_working.pdf, pages 2 to 4. */
static const row_want hzq2024_rows[] = {
    {"t2.reg.issued", "0"},
    {"t2.reg.repealed", "0"},
    {"t2.reg.in_force", "0"},
    {"t2.nd.issued", "3"},
    {"t2.nd.repealed", "0"},
    {"t2.nd.in_force", "8"},
    {"t2.license.decisions", "9487"},
    {"t2.penalty.decisions", "2776"},
    {"t2.coercion.decisions", "84"},
    {"t2.admin_fee.amount_wan", "7545"},
    {"t3.new", "95 0 0 0 0 0 95"},
    {"t3.carry_in", "0"},
    {"t3.grant", "50 0 0 0 0 0 50"},
    {"t3.partial", "9 0 0 0 0 0 9"},
    {"t3.refuse.state_secret", "0"},
    {"t3.refuse.law_prohibited", "0"},
    {"t3.refuse.security_stability", "1 0 0 0 0 0 1"},
    {"t3.refuse.third_party", "0"},
    {"t3.refuse.internal_affairs", "0"},
    {"t3.refuse.process_info", "1 0 0 0 0 0 1"},
    {"t3.refuse.enforcement_file", "1 0 0 0 0 0 1"},
    {"t3.refuse.admin_query", "0"},
    {"t3.unable.not_held", "31 0 0 0 0 0 31"},
    {"t3.unable.need_creation", "1 0 0 0 0 0 1"},
    {"t3.unable.unclear", "0"},
    {"t3.ignore.petition", "1 0 0 0 0 0 1"},
    {"t3.ignore.repeat", "0"},
    {"t3.ignore.publication", "0"},
    {"t3.ignore.excessive", "0"},
    {"t3.ignore.confirm_reissue", "0"},
    {"t3.other", "0"},
    {"t3.total_processed", "95 0 0 0 0 0 95"},
    {"t3.carry_out", "0"},
    {"t4.review", "1 1 0 0 2"},
    {"t4.lit_direct", "1 0 0 0 1"},
    {"t4.lit_after_review", "2 0 1 0 3"},
};

static gk_doc *read_doc(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/fixtures/%s", root, name);
    gk_doc *doc = NULL;
    gk_error err = {0};
    gk_status st = gk_doc_read_file(path, &doc, &err);
    CHECK_MSG(st == GK_OK, "%s: status %d (%s)", name, (int)st, err.msg);
    if (doc)
        gk_check(doc);
    return doc;
}

static void real_reports(void)
{
    gk_doc *doc = read_doc("peers/szfgs2024.pdf");
    if (doc) {
        CHECK_INT(gk_doc_input(doc), GK_INPUT_PDF);
        CHECK_INT(gk_doc_year(doc), 2024);
        check_doc_rows(doc, "szfgs2024", szfgs_rows, sizeof szfgs_rows / sizeof szfgs_rows[0]);
        CHECK_INT(gk_doc_diag_count_at_least(doc, GK_SEV_ERROR), 0);
        gk_doc_free(doc);
    }
    doc = read_doc("peers/hzq2023_working.pdf");
    if (doc) {
        check_doc_rows(doc, "hzq2023", hzq2023_rows, sizeof hzq2023_rows / sizeof hzq2023_rows[0]);
        const gk_diag *d = diag_of(doc, "V-T4-01"); /* the published totals are wrong */
        CHECK(d && d->severity == GK_SEV_ERROR);
        if (d)
            CHECK_INT(d->page, 4);
        gk_doc_free(doc);
    }
    doc = read_doc("peers/hzq2024_working.pdf");
    if (doc) {
        check_doc_rows(doc, "hzq2024", hzq2024_rows, sizeof hzq2024_rows / sizeof hzq2024_rows[0]);
        CHECK(!diag_of(doc, "V-T4-01") && !diag_of(doc, "V-T3-01"));
        gk_doc_free(doc);
    }
}

/* ---- hand-made files --------------------------------------------------------------------- */

/* The blocks grid.pdf (and its variants) must give; see make_pdf.py. */
static void check_grid(const gk_blocks *b, const char *name)
{
    if (!b)
        return;
    CHECK_MSG(gk_blocks_count(b) == 9, "%s: %zu blocks", name, gk_blocks_count(b));
    const gk_block *title = block_with(b, "测试报告");
    CHECK(title && title->kind == GK_BLOCK_PARA && title->text.line == 1 && title->text.page == 1);
    /* Two lines of running text, the first indented and reaching the edge: one paragraph. */
    const gk_block *para = block_with(
        b, "本报告根据条例编制，所列数据的统计期限自二〇二四年一月一日起至二〇二四年十二月"
           "三十一日止。");
    CHECK(para && para->kind == GK_BLOCK_PARA && para->text.line == 2);
    CELLS(block_with(b, "Item"), 1, "Item", "甲", "乙", "丙");
    CELLS(block_with(b, "规章"), 1, "规章", "1", "0", "11");
    /* The 乙 cell of this row is empty: a blank cell between the numbers. */
    const gk_block *blank = block_with(b, "行政规范性文件");
    CELLS(blank, 1, "行政规范性文件", "8", "", "66");
    if (blank && blank->ncells == 4)
        CHECK_INT(blank->cells[2].norm_len, 0);
    /* A label above and below its numbers. */
    CELLS(block_with(b, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"), 1,
          "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "447", "7", "454");
    /* Full-width digits stay as written; their matching form is ASCII. */
    const gk_block *wide = block_with(b, "全角数字");
    CELLS(wide, 1, "全角数字", "１２", "３", "１５");
    if (wide && wide->ncells == 4)
        CHECK_STR(wide->cells[1].norm, "12");
    /* A superscript stays on its line, glued to its word. */
    CELLS(block_with(b, "注释1"), 1, "注释1", "5", "6", "11");
    /* Words and numbers of running text are not split into cells. */
    const gk_block *prose = block_with(b, "Total 2024 cases: 5");
    CHECK(prose && prose->kind == GK_BLOCK_PARA);
    /* The page number in the bottom margin is dropped. */
    CHECK(!any_text_has(b, "- 1 -"));
}

static void hand_made(void)
{
    size_t len = 0;
    char *data = load("pdf/grid.pdf", &len);
    if (data) {
        CHECK_INT(gk_detect_input(data, len), GK_INPUT_PDF);
        gk_blocks *b = NULL;
        CHECK_INT(gk_blocks_read(data, len, &b, NULL), GK_OK);
        check_grid(b, "grid.pdf");
        gk_doc *doc = b ? doc_of(b) : NULL;
        CHECK(doc && gk_doc_diag_count(doc) > 0 && !diag_of(doc, "GK-DAMAGED") &&
              !diag_of(doc, "GK-PDF-NO-TEXT"));
        gk_doc_free(doc);
        gk_blocks_free(b);
        free(data);
    }
    gk_blocks *b = read_pdf("pdf/bad-xref.pdf"); /* poppler rebuilds the cross-reference table */
    check_grid(b, "bad-xref.pdf");
    gk_blocks_free(b);
    b = read_pdf("pdf/owner-only.pdf"); /* encrypted with an empty user password */
    check_grid(b, "owner-only.pdf");
    gk_blocks_free(b);
    b = read_pdf("pdf/rotated.pdf"); /* shown turned by /Rotate 90: its text runs downwards */
    check_grid(b, "rotated.pdf");
    gk_blocks_free(b);

    b = read_pdf("pdf/across.pdf");
    if (b) {
        CELLS(block_with(b, "一、本年新收政府信息公开申请数量"), 1,
              "一、本年新收政府信息公开申请数量", "3", "1", "4");
        CELLS(block_with(b, "二、上年结转政府信息公开申请数量"), 1,
              "二、上年结转政府信息公开申请数量", "0", "0", "0");
        const gk_block *row = block_with(b, "（一）予以公开");
        CELLS(row, 2, "（一）予以公开", "2", "1", "3");
        if (row)
            CHECK_INT(row->text.line, 2); /* the page header "第 2 页" is line 1 */
        CELLS(block_with(b, "（七）总计"), 2, "（七）总计", "2", "1", "3");
        CHECK(!any_text_has(b, "-1-") && !any_text_has(b, "页"));
        CHECK_INT(gk_blocks_count(b), 6);
        gk_blocks_free(b);
    }
}

/* A file that gives no blocks and one error note with this rule. */
static void check_unreadable(const char *name, const char *data, size_t len, const char *rule,
                             const char *zh_part)
{
    gk_blocks *b = NULL;
    gk_error err = {0};
    gk_status st = gk_blocks_read_as(GK_INPUT_PDF, data, len, &b, &err);
    CHECK_MSG(st == GK_OK, "%s: status %d (%s)", name, (int)st, err.msg);
    if (!b)
        return;
    CHECK_MSG(gk_blocks_count(b) == 0, "%s: %zu blocks", name, gk_blocks_count(b));
    gk_doc *doc = doc_of(b);
    const gk_diag *d = diag_of(doc, rule);
    CHECK_MSG(d && d->severity == GK_SEV_ERROR, "%s: no %s error", name, rule);
    if (d)
        CHECK_MSG(strstr(d->msg_zh, zh_part) != NULL, "%s: message \"%s\"", name, d->msg_zh);
    gk_doc_free(doc);
    gk_blocks_free(b);
}

static void check_unreadable_file(const char *name, const char *rule, const char *zh_part)
{
    size_t len = 0;
    char *data = load(name, &len);
    if (data)
        check_unreadable(name, data, len, rule, zh_part);
    free(data);
}

static void unreadable(void)
{
    check_unreadable_file("pdf/scanned.pdf", "GK-PDF-NO-TEXT", "没有文字层");
    check_unreadable_file("pdf/truncated.pdf", "GK-DAMAGED", "损坏");
    check_unreadable_file("pdf/encrypted.pdf", "GK-PDF-ENCRYPTED", "加密");
    static const char garbage[] = "%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage";
    check_unreadable("garbage", garbage, sizeof garbage - 1, "GK-DAMAGED", "损坏");
    check_unreadable("empty", "", 0, "GK-DAMAGED", "损坏");
}

static void too_many_pages(void)
{
    gk_blocks *b = read_pdf("pdf/many-pages.pdf"); /* 2001 pages, one line each */
    if (!b)
        return;
    CHECK_INT(gk_blocks_count(b), GK_MAX_PAGES);
    const gk_block *last = gk_blocks_get(b, gk_blocks_count(b) - 1);
    CHECK(last && last->text.page == GK_MAX_PAGES && text_is(&last->text, "Page text"));
    gk_doc *doc = doc_of(b);
    const gk_diag *d = diag_of(doc, "GK-LIMIT");
    CHECK(d && d->severity == GK_SEV_WARNING && strstr(d->msg_zh, "2001") != NULL);
    gk_doc_free(doc);
    gk_blocks_free(b);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        root = argv[1];
    szfgs_blocks();
    hzq_blocks();
    real_reports();
    hand_made();
    unreadable();
    too_many_pages();
    return t_report();
}
