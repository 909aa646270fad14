/*
 * test_docx.c — the DOCX reader on the hand-written files of tests/fixtures/docx (made by
 * make_docx.py there): paragraphs and inline content, tables on their grid, layout tables,
 * automatic list labels, limits, damaged and hostile files, and a complete 2021-format report.
 * Every expected value comes from the WordprocessingML the script writes (list labels: as Word
 * numbers them). argv[1] is the source root.
 */
#include <gongkai/gongkai.h>
#include <stdlib.h>

#include "harness.h"

static const char *root = ".";

/* The bytes of tests/fixtures/docx/<name>, or NULL. */
static char *load(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/fixtures/docx/%s", root, name);
    char *data = t_slurp(path, len);
    CHECK_MSG(data != NULL, "cannot open %s", path);
    return data;
}

/* Blocks of a buffer read as detected; the kind must be DOCX. */
static gk_blocks *read_bytes(const char *data, size_t len)
{
    gk_blocks *b = NULL;
    gk_error err = {0};
    CHECK_INT(gk_detect_input(data, len), GK_INPUT_DOCX);
    gk_status st = gk_blocks_read(data, len, &b, &err);
    CHECK_MSG(st == GK_OK, "read failed: %d %s", st, err.msg);
    if (b)
        CHECK_INT(gk_blocks_kind(b), GK_INPUT_DOCX);
    return b;
}

static gk_blocks *read_fixture(const char *name)
{
    size_t len = 0;
    char *data = load(name, &len);
    gk_blocks *b = data ? read_bytes(data, len) : NULL;
    free(data);
    return b;
}

static void check_para(const gk_blocks *b, size_t i, const char *text)
{
    const gk_block *blk = gk_blocks_get(b, i);
    CHECK_MSG(blk != NULL, "block %zu missing (want \"%s\")", i, text);
    if (!blk)
        return;
    CHECK_INT(blk->kind, GK_BLOCK_PARA);
    CHECK_STR(blk->text.raw, text);
    CHECK_INT(blk->text.line, i + 1);
    CHECK_INT(blk->text.col, 1);
}

/* A row: n cells whose text and grid column are given ("" for a blank cell). */
static void check_row(const gk_blocks *b, size_t i, uint32_t n, const char *const *text,
                      const uint32_t *col)
{
    const gk_block *blk = gk_blocks_get(b, i);
    CHECK_MSG(blk != NULL, "row %zu missing", i);
    if (!blk)
        return;
    CHECK_INT(blk->kind, GK_BLOCK_ROW);
    CHECK_INT(blk->text.line, i + 1);
    CHECK_INT(blk->ncells, n);
    for (uint32_t c = 0; c < n && c < blk->ncells; c++) {
        const gk_text *t = &blk->cells[c];
        CHECK_MSG(t->raw_len == strlen(text[c]) && memcmp(t->raw, text[c], t->raw_len) == 0,
                  "row %zu cell %u: got \"%.*s\", want \"%s\"", i, c, (int)t->raw_len, t->raw,
                  text[c]);
        CHECK_MSG(t->col == col[c], "row %zu cell %u: col %u, want %u", i, c, t->col, col[c]);
        CHECK_MSG((t->norm_len == 0) == (text[c][0] == '\0'), "row %zu cell %u: blank is %d", i, c,
                  t->norm_len == 0);
        CHECK_INT(t->line, i + 1);
    }
}

/* Number of diagnostics with this rule and severity. */
static size_t diags(const gk_doc *doc, const char *rule, gk_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < gk_doc_diag_count(doc); i++) {
        const gk_diag *d = gk_doc_diag(doc, i);
        if (strcmp(d->rule, rule) == 0 && d->severity == sev)
            n++;
    }
    return n;
}

static size_t diags_any(const gk_doc *doc, const char *rule)
{
    return diags(doc, rule, GK_SEV_NOTE) + diags(doc, rule, GK_SEV_WARNING) +
           diags(doc, rule, GK_SEV_ERROR);
}

static void test_paragraphs(void)
{
    gk_blocks *b = read_fixture("paragraphs.docx");
    if (!b)
        return;
    static const char *const want[] = {
        "政府信息公开",         /* one word over three runs */
        "第一行",               /* w:br */
        "第二行",               /* w:cr */
        "第三行",               /* */
        "甲 乙",                /* w:tab */
        "新增文字",             /* w:ins kept, w:del dropped */
        "详见门户网站（链接）", /* hyperlink, smartTag, customXml, sdt */
        "框前",                 /* text before a text box */
        "文本框内容",           /* the text box, once: its VML fallback is not read */
        "框后",                 /* */
        "第3页共5页",           /* field results, not field codes */
        "2021-2022",            /* w:noBreakHyphen; footnote reference adds nothing */
        "可见文字",             /* w:vanish hides, w:vanish w:val="0" does not */
        "控件段落",             /* a paragraph in a block-level content control */
    };
    size_t n = sizeof want / sizeof want[0];
    CHECK_INT(gk_blocks_count(b), n);
    for (size_t i = 0; i < n; i++)
        check_para(b, i, want[i]);
    gk_blocks_free(b);
}

static void test_table(void)
{
    gk_blocks *b = read_fixture("table.docx");
    if (!b)
        return;
    CHECK_INT(gk_blocks_count(b), 7);
    check_para(b, 0, "表前");
    /* gridSpan: the second cell starts at column 3, the third spans 4–5 */
    check_row(b, 1, 3, (const char *const[]){"项目", "数量", "说明"}, (const uint32_t[]){1, 3, 4});
    /* the vMerge-covered cell is not emitted; the empty cell between values is a blank */
    check_row(b, 2, 3, (const char *const[]){"12", "", "7"}, (const uint32_t[]){3, 4, 5});
    /* the deleted row is skipped; gridBefore=1; two paragraphs joined by a space */
    check_row(b, 3, 2, (const char *const[]){"第一段 第二段", "合计"}, (const uint32_t[]){2, 3});
    /* w:vMerge w:val="continue" is covered too; trailing empty cells are emitted as blanks */
    check_row(b, 4, 3, (const char *const[]){"3", "", ""}, (const uint32_t[]){3, 4, 5});
    /* a merge restarting mid-row starts a cell */
    check_row(b, 5, 4, (const char *const[]){"甲", "乙", "丙", "丁"},
              (const uint32_t[]){1, 2, 3, 4});
    check_para(b, 6, "表后");
    gk_blocks_free(b);
}

static void test_layout(void)
{
    gk_blocks *b = read_fixture("layout.docx");
    if (!b)
        return;
    /* the outer table holds a table: its cells are read in order as ordinary content */
    CHECK_INT(gk_blocks_count(b), 6);
    check_para(b, 0, "左栏");
    check_row(b, 1, 2, (const char *const[]){"甲", "1"}, (const uint32_t[]){1, 2});
    check_row(b, 2, 2, (const char *const[]){"乙", ""}, (const uint32_t[]){1, 2});
    check_para(b, 3, "左栏下");
    check_para(b, 4, "右栏");
    check_para(b, 5, "结束");
    gk_blocks_free(b);
}

static void test_numbering(void)
{
    gk_blocks *b = read_fixture("numbering.docx");
    if (!b)
        return;
    static const char *const want[] = {
        "一、总体情况",             /* style Heading1: list 1, level 0, chineseCounting */
        "（一）主动公开",           /* Heading2: list from Heading1, level 1 from Heading2 */
        "（二）依申请公开",         /* */
        "1. 细项",                  /* level 2, decimal, default tab suffix */
        "二、主动公开政府信息情况", /* */
        "（一）再次",               /* level 1 restarted under the new level 0 */
        "要点",                     /* a bullet adds no text */
        "不编号",                   /* numId 0 switches the style's numbering off */
        "1.甲",                     /* */
        "1.1 乙",                   /* "%1.%2", space suffix */
        "1.2 丙",                   /* */
        "8.丁",                     /* numId 5: same list, start overridden to 8 */
        "9.戊",                     /* numId 2 again: the shared list goes on */
        "IV.x",                     /* upperRoman from 4 */
        "(aa)x",                    /* lowerLetter, 27th */
        "⑫x",                       /* decimalEnclosedCircle from 12 */
        "丙、x",                    /* ideographTraditional from 3 */
        "壹拾壹x",                  /* chineseLegalSimplified from 11 */
        "07x",                      /* decimalZero from 7 */
        "二〇二三x",                /* ideographDigital from 2023 */
        "无定义",                   /* the list's abstract definition is missing */
        "无实例",                   /* the list is missing */
    };
    size_t n = sizeof want / sizeof want[0];
    CHECK_INT(gk_blocks_count(b), n + 2);
    for (size_t i = 0; i < n; i++)
        check_para(b, i, want[i]);
    /* a numbered paragraph in a table cell; then level 0 goes on from 二、 */
    check_row(b, n, 2, (const char *const[]){"（二）表内", "5"}, (const uint32_t[]){1, 2});
    check_para(b, n + 1, "三、最后");
    /* the labels make the headings sections */
    gk_doc *doc = NULL;
    gk_doc_from_blocks(b, "numbering.docx", &doc, NULL);
    const gk_section *s1 = gk_doc_section(doc, GK_S1_OVERALL);
    const gk_section *s2 = gk_doc_section(doc, GK_S2_PROACTIVE);
    CHECK(s1 && s1->present && s1->ordinal == 1 && s1->heading.line == 1);
    CHECK(s2 && s2->present && s2->ordinal == 2 && s2->heading.line == 5);
    CHECK_INT(diags_any(doc, "GK-DAMAGED"), 0);
    gk_doc_free(doc);
    gk_blocks_free(b);

    /* numbering.xml cut short: the text without labels, and a warning */
    b = read_fixture("numbering-bad.docx");
    if (!b)
        return;
    CHECK_INT(gk_blocks_count(b), n + 2);
    check_para(b, 0, "总体情况");
    check_para(b, 9, "乙");
    gk_doc_from_blocks(b, "numbering-bad.docx", &doc, NULL);
    CHECK_INT(diags(doc, "GK-DAMAGED", GK_SEV_WARNING), 1);
    CHECK_INT(diags(doc, "GK-DAMAGED", GK_SEV_ERROR), 0);
    gk_doc_free(doc);
    gk_blocks_free(b);
}

static void test_limits(void)
{
    gk_blocks *b = read_fixture("limits.docx");
    if (!b)
        return;
    /* the paragraph 70 content controls deep is not read */
    CHECK_INT(gk_blocks_count(b), 4);
    check_para(b, 0, "开头");
    const gk_block *wide = gk_blocks_get(b, 1);
    if (wide) {
        CHECK_INT(wide->kind, GK_BLOCK_ROW);
        CHECK_INT(wide->ncells, GK_MAX_ROW_CELLS); /* 300 cells clamped */
        if (wide->ncells == GK_MAX_ROW_CELLS) {
            const gk_text *last = &wide->cells[GK_MAX_ROW_CELLS - 1];
            CHECK(last->raw_len == 3 && memcmp(last->raw, "256", 3) == 0);
            CHECK_INT(wide->cells[GK_MAX_ROW_CELLS - 1].col, 256);
        }
    }
    /* gridSpan 100000 is read as 256 columns: the next cell is at column 257 */
    check_row(b, 2, 2, (const char *const[]){"宽", "后"}, (const uint32_t[]){1, 257});
    check_para(b, 3, "结尾");
    gk_doc *doc = NULL;
    gk_doc_from_blocks(b, "limits.docx", &doc, NULL);
    CHECK_INT(diags(doc, "GK-LIMIT", GK_SEV_WARNING), 3); /* nesting, cells, span */
    CHECK_INT(diags_any(doc, "GK-DAMAGED"), 0);
    gk_doc_free(doc);
    gk_blocks_free(b);
}

/* A file that reads with no blocks and one error-severity diagnostic `rule`. */
static void check_damaged_bytes(const char *what, const char *data, size_t len, const char *rule)
{
    gk_blocks *b = NULL;
    gk_error err = {0};
    gk_status st = gk_blocks_read_as(GK_INPUT_DOCX, data, len, &b, &err);
    CHECK_MSG(st == GK_OK, "%s: status %d (%s)", what, st, err.msg);
    if (!b)
        return;
    CHECK_MSG(gk_blocks_count(b) == 0, "%s: %zu blocks", what, gk_blocks_count(b));
    gk_doc *doc = NULL;
    gk_doc_from_blocks(b, what, &doc, NULL);
    CHECK_MSG(diags(doc, rule, GK_SEV_ERROR) == 1, "%s: no %s error", what, rule);
    for (size_t i = 0; i < gk_doc_diag_count(doc); i++) {
        const gk_diag *d = gk_doc_diag(doc, i);
        if (strcmp(d->rule, rule) == 0) {
            const char *zh =
                strcmp(rule, "GK-DAMAGED") == 0 ? "DOCX 文件已损坏：" : "不是 Word 文档";
            const char *en = strcmp(rule, "GK-DAMAGED") == 0 ? "damaged DOCX: " : "not a Word";
            CHECK_MSG(strstr(d->msg_zh, zh) == d->msg_zh, "%s: %s", what, d->msg_zh);
            CHECK_MSG(strstr(d->msg_en, en) == d->msg_en, "%s: %s", what, d->msg_en);
        }
    }
    gk_doc_free(doc);
    gk_blocks_free(b);
}

static void check_damaged(const char *name, const char *rule)
{
    size_t len = 0;
    char *data = load(name, &len);
    if (data)
        check_damaged_bytes(name, data, len, rule);
    free(data);
}

static void test_damaged(void)
{
    check_damaged("truncated.docx", "GK-DAMAGED"); /* no central directory */
    check_damaged("bad-xml.docx", "GK-DAMAGED");   /* a paragraph left open */
    check_damaged("entities.docx", "GK-DAMAGED");  /* entities growing to 10^11 characters */
    check_damaged("workbook.xlsx", "GK-NOT-DOCX"); /* a ZIP without word/document.xml */
    check_damaged_bytes("text", "政府信息公开", strlen("政府信息公开"), "GK-DAMAGED");
    check_damaged_bytes("empty", "", 0, "GK-DAMAGED");
    check_damaged_bytes("zip head only", "PK\3\4", 4, "GK-DAMAGED");
}

static void test_entity_refs(void)
{
    /* neither the internal entity nor the external (file) one is expanded */
    gk_blocks *b = read_fixture("entity-ref.docx");
    if (!b)
        return;
    CHECK_INT(gk_blocks_count(b), 3);
    check_para(b, 0, "前");
    check_para(b, 1, "甲乙丙");
    check_para(b, 2, "后");
    gk_blocks_free(b);
}

/* Sets the uncompressed size recorded for word/document.xml, in the local and central
 * headers, to `size`. Returns the number of headers changed. */
static int fake_size(char *zip, size_t len, uint32_t size)
{
    static const char name[] = "word/document.xml";
    const size_t nlen = sizeof name - 1;
    int changed = 0;
    for (size_t i = 0; i + 46 + nlen <= len; i++) {
        int local = memcmp(zip + i, "PK\3\4", 4) == 0, central = memcmp(zip + i, "PK\1\2", 4) == 0;
        size_t name_at = local ? 30 : 46, size_at = local ? 22 : 24;
        if ((!local && !central) || memcmp(zip + i + name_at, name, nlen) != 0)
            continue;
        for (int k = 0; k < 4; k++)
            zip[i + size_at + (size_t)k] = (char)(size >> (8 * k) & 0xff);
        changed++;
    }
    return changed;
}

static void check_bomb(const char *what, const char *data, size_t len)
{
    gk_blocks *b = NULL;
    gk_error err = {0};
    gk_status st = gk_blocks_read(data, len, &b, &err);
    CHECK_MSG(st == GK_ERR_LIMIT, "%s: status %d, want GK_ERR_LIMIT", what, st);
    CHECK_MSG(b == NULL, "%s: blocks returned", what);
    CHECK_MSG(strstr(err.msg, "DOCX part larger than") != NULL, "%s: %s", what, err.msg);
    gk_blocks_free(b);
}

static void test_bomb(void)
{
    size_t len = 0;
    char *data = load("bomb.docx", &len);
    if (!data)
        return;
    CHECK(len < 200 * 1024);
    check_bomb("bomb.docx", data, len); /* 129 MiB of document.xml */
    /* the archive claims 1000 bytes: the claim is not believed */
    CHECK_INT(fake_size(data, len, 1000), 2);
    check_bomb("bomb.docx, size claimed 1000", data, len);
    free(data);

    /* a small part claiming almost 4 GiB is read as what it is */
    data = load("table.docx", &len);
    if (!data)
        return;
    CHECK_INT(fake_size(data, len, 0xfffffff0u), 2);
    gk_blocks *b = read_bytes(data, len);
    if (b) {
        CHECK_INT(gk_blocks_count(b), 7);
        check_para(b, 0, "表前");
        check_para(b, 6, "表后");
    }
    gk_blocks_free(b);
    free(data);
}

static void check_cell(const gk_doc *doc, const char *key, int64_t value, int scale)
{
    const gk_value *v = gk_doc_cell_by_key(doc, key);
    CHECK_MSG(v != NULL, "no cell %s", key);
    if (!v)
        return;
    CHECK_MSG(v->state == GK_CELL_NUMBER && v->value == value && v->scale == scale,
              "%s: state %d value %" PRId64 " scale %d, want %" PRId64 " scale %d", key, v->state,
              v->value, v->scale, value, scale);
}

static void check_src(const gk_doc *doc, const char *key, uint32_t line, uint32_t col)
{
    const gk_value *v = gk_doc_cell_by_key(doc, key);
    if (!v)
        return;
    CHECK_MSG(v->src.line == line && v->src.col == col, "%s at %u:%u, want %u:%u", key, v->src.line,
              v->src.col, line, col);
}

static void test_report(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/fixtures/docx/report-2021.docx", root);
    gk_doc *doc = NULL;
    gk_error err = {0};
    gk_status st = gk_doc_read_file(path, &doc, &err);
    CHECK_MSG(st == GK_OK, "read %s: %s", path, err.msg);
    if (!doc)
        return;
    CHECK_INT(gk_doc_input(doc), GK_INPUT_DOCX);
    CHECK(gk_doc_is_report(doc));
    CHECK_INT(gk_doc_year(doc), 2023);
    CHECK_STR(gk_doc_agency(doc), "某市生态环境局");
    CHECK_INT(gk_doc_published(doc), 20240120);
    CHECK_INT(gk_doc_template(doc), GK_FORMAT_2021);
    CHECK_INT(gk_doc_format(doc, GK_T3), GK_FORMAT_2021);
    for (int s = 0; s < GK_SECTION_COUNT; s++) {
        const gk_section *sec = gk_doc_section(doc, (gk_section_id)s);
        CHECK_MSG(sec && sec->present && sec->ordinal == s + 1, "section %d", s + 1);
    }
    /* the merged header and label cells leave every row exactly its values */
    CHECK_INT(diags_any(doc, "GK-ROW-WIDTH"), 0);
    CHECK_INT(diags_any(doc, "GK-UNKNOWN-ROW"), 0);
    CHECK_INT(diags_any(doc, "GK-MISSING-ROW"), 0);
    CHECK_INT(diags_any(doc, "GK-DAMAGED"), 0);

    check_cell(doc, "t2.nd.issued", 2, 0);
    check_cell(doc, "t2.nd.in_force", 5, 0);
    check_cell(doc, "t2.license.decisions", 120, 0);
    check_cell(doc, "t2.admin_fee.amount_wan", 15, 1);
    check_cell(doc, "t3.new.np", 10, 0);
    check_cell(doc, "t3.new.biz", 3, 0);
    check_cell(doc, "t3.new.total", 13, 0);
    check_cell(doc, "t3.carry_in.np", 2, 0);
    check_cell(doc, "t3.grant.np", 5, 0);
    check_cell(doc, "t3.grant.other_org", 0, 0); /* after the blank */
    check_cell(doc, "t3.grant.total", 7, 0);
    check_cell(doc, "t3.partial.np", 1, 0);
    check_cell(doc, "t3.refuse.third_party.np", 1, 0);
    check_cell(doc, "t3.unable.not_held.biz", 1, 0);
    check_cell(doc, "t3.ignore.repeat.total", 1, 0);
    check_cell(doc, "t3.other.other.np", 1, 0);
    check_cell(doc, "t3.total_processed.total", 14, 0);
    check_cell(doc, "t3.carry_out.np", 1, 0);
    check_cell(doc, "t4.review.upheld", 1, 0);
    check_cell(doc, "t4.review.total", 1, 0);
    check_cell(doc, "t4.lit_after_review.corrected", 1, 0);
    check_cell(doc, "t4.lit_after_review.total", 1, 0);
    const gk_value *blank = gk_doc_cell_by_key(doc, "t3.grant.legal");
    CHECK(blank != NULL && blank->state == GK_CELL_BLANK);
    /* positions: block 24 is the 一、 row, 26 the （一） row; the value columns are 4–10 */
    check_src(doc, "t3.new.np", 24, 4);
    check_src(doc, "t3.new.total", 24, 10);
    check_src(doc, "t3.grant.legal", 26, 8);
    check_src(doc, "t3.carry_out.total", 48, 10);

    /* the figures add up: the checker finds no sum errors */
    gk_check(doc);
    CHECK_INT(diags_any(doc, "V-T3-01"), 0);
    CHECK_INT(diags_any(doc, "V-T3-02"), 0);
    CHECK_INT(diags_any(doc, "V-T3-03"), 0);
    CHECK_INT(diags_any(doc, "V-T4-01"), 0);
    gk_doc_free(doc);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        root = argv[1];
    test_paragraphs();
    test_table();
    test_layout();
    test_numbering();
    test_limits();
    test_damaged();
    test_entity_refs();
    test_bomb();
    test_report();
    return t_report();
}
