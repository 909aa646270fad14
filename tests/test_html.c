/*
 * test_html.c — the HTML reader: paragraphs and grid-placed table rows from small pages written
 * here, layout tables, page chrome, damaged and hostile markup, a GB18030 page, and one complete
 * 2021-format report page read through to its cell values.
 *
 * usage: test-html SOURCE_ROOT (fixtures under tests/fixtures/html/)
 */
#include <gongkai/gongkai.h>
#include <stdlib.h>

#include "harness.h"

static const char *root = ".";

/* ---- helpers -------------------------------------------------------------------------- */

static gk_blocks *read_page(const char *html)
{
    gk_blocks *b = NULL;
    gk_error err = {0};
    gk_status st = gk_blocks_read_as(GK_INPUT_HTML, html, strlen(html), &b, &err);
    CHECK_MSG(st == GK_OK, "read failed: %s", err.msg);
    return b;
}

/* Index of the first block of `kind` at or after `from`, or -1. */
static long next_of(const gk_blocks *b, size_t from, gk_block_kind kind)
{
    for (size_t i = from; i < gk_blocks_count(b); i++)
        if (gk_blocks_get(b, i)->kind == kind)
            return (long)i;
    return -1;
}

static int raw_is(const gk_text *t, const char *s)
{
    return t->raw_len == strlen(s) && memcmp(t->raw, s, t->raw_len) == 0;
}

/* Index of the paragraph whose raw text is `s`, or -1. */
static long find_para(const gk_blocks *b, const char *s)
{
    for (size_t i = 0; i < gk_blocks_count(b); i++) {
        const gk_block *k = gk_blocks_get(b, i);
        if (k->kind == GK_BLOCK_PARA && raw_is(&k->text, s))
            return (long)i;
    }
    return -1;
}

/* 1 if some paragraph or cell contains `s`. */
static int any_text_has(const gk_blocks *b, const char *s)
{
    for (size_t i = 0; i < gk_blocks_count(b); i++) {
        const gk_block *k = gk_blocks_get(b, i);
        if (strstr(k->text.raw, s))
            return 1;
        for (uint32_t c = 0; c < k->ncells; c++)
            if (strstr(k->cells[c].raw, s))
                return 1;
    }
    return 0;
}

/* Checks block `i` is a row of exactly the cells `texts` ("" = blank) at grid columns `cols`. */
#define CHECK_ROW(b, i, cols, texts)                                                               \
    check_row(b, i, cols, texts, sizeof cols / sizeof cols[0], __LINE__)
static void check_row(const gk_blocks *b, long i, const uint32_t *cols, const char *const *texts,
                      uint32_t n, int line)
{
    const gk_block *k = i >= 0 ? gk_blocks_get(b, (size_t)i) : NULL;
    CHECK_MSG(k && k->kind == GK_BLOCK_ROW, "line %d: block %ld is not a row", line, i);
    if (!k || k->kind != GK_BLOCK_ROW)
        return;
    CHECK_MSG(k->ncells == n, "line %d: row has %u cells, want %u", line, k->ncells, n);
    for (uint32_t c = 0; c < n && c < k->ncells; c++) {
        const gk_text *t = &k->cells[c];
        CHECK_MSG(raw_is(t, texts[c]), "line %d: cell %u is \"%.*s\", want \"%s\"", line, c,
                  (int)t->raw_len, t->raw, texts[c]);
        CHECK_MSG(t->col == cols[c], "line %d: cell %u col %u, want %u", line, c, t->col, cols[c]);
        CHECK_MSG((t->norm_len == 0) == (texts[c][0] == '\0'), "line %d: cell %u blank is %d", line,
                  c, t->norm_len == 0);
    }
}

/* Number of diagnostics of `rule` once the blocks are made a document. */
static size_t diags_of(const gk_blocks *b, const char *rule)
{
    gk_doc *doc = NULL;
    size_t n = 0;
    if (gk_doc_from_blocks(b, "t.html", &doc, NULL) != GK_OK)
        return 0;
    for (size_t i = 0; i < gk_doc_diag_count(doc); i++)
        n += strcmp(gk_doc_diag(doc, i)->rule, rule) == 0;
    gk_doc_free(doc);
    return n;
}

static char *load(const char *rel, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    char *data = t_slurp(path, len);
    CHECK_MSG(data != NULL, "cannot open %s", path);
    return data;
}

/* ---- paragraphs ----------------------------------------------------------------------- */

static void test_paragraphs(void)
{
    gk_blocks *b = read_page("<html><body>\n"
                             "<h1>标题</h1>\n"
                             "<p>第一行<br>第二行<br/>\n"
                             "第三行</p>\n"
                             "<div>外<p>内</p>后</div>\n"
                             "<p>  空白   折叠\n\t 为一个  </p>\n"
                             "<ul><li>甲</li><li>乙</li></ul>\n"
                             "<p><b>一、</b>总体<span>情况</span></p>\n"
                             "</body></html>\n");
    if (!b)
        return;
    const char *want[] = {"标题", "第一行",           "第二行", "第三行", "外",          "内",
                          "后",   "空白 折叠 为一个", "甲",     "乙",     "一、总体情况"};
    const uint32_t lines[] = {2, 3, 3, 4, 5, 5, 5, 6, 8, 8, 9};
    CHECK_INT(gk_blocks_count(b), 11);
    for (size_t i = 0; i < 11 && i < gk_blocks_count(b); i++) {
        const gk_block *k = gk_blocks_get(b, i);
        CHECK_INT(k->kind, GK_BLOCK_PARA);
        CHECK_MSG(raw_is(&k->text, want[i]), "para %zu is \"%.*s\", want \"%s\"", i,
                  (int)k->text.raw_len, k->text.raw, want[i]);
        CHECK_MSG(k->text.line == lines[i], "para %zu line %u, want %u", i, k->text.line, lines[i]);
    }
    gk_blocks_free(b);
}

static void test_entities(void)
{
    gk_blocks *b = read_page("<p>&ldquo;三安全一稳定&rdquo;&#x4E00;&#20108;A&amp;B&lt;C&gt;</p>"
                             "<p>&nbsp;&nbsp;</p><p>全角　空格</p>");
    if (!b)
        return;
    CHECK_INT(gk_blocks_count(b), 2); /* the &nbsp;-only paragraph is no paragraph */
    CHECK(find_para(b, "\u201c三安全一稳定\u201d一二A&B<C>") == 0);
    CHECK(find_para(b, "全角　空格") == 1);
    const gk_block *k = gk_blocks_get(b, 0);
    CHECK_STR(k->text.norm, "\"三安全一稳定\"一二A&B<C>");
    gk_blocks_free(b);
}

static void test_skipped(void)
{
    gk_blocks *b = read_page("<html><head><title>不读标题</title><style>p { color: red }</style>"
                             "<script>document.write('<p>不读脚本</p>');</script></head><body>"
                             "<script type=\"text/javascript\">var s = \"不读脚本二\";</script>"
                             "<noscript>不读无脚本</noscript><template><p>不读模板</p></template>"
                             "<iframe src=\"x.html\">不读框架</iframe><!-- 不读注释 -->"
                             "<select><option>不读选项</option></select>"
                             "<p>正文<!-- 注释 -->接续</p></body></html>");
    if (!b)
        return;
    CHECK_INT(gk_blocks_count(b), 1);
    CHECK(find_para(b, "正文接续") == 0);
    CHECK(!any_text_has(b, "不读"));
    gk_blocks_free(b);
}

static void test_pre(void)
{
    gk_blocks *b = read_page("<pre>第一行\n  第二行\n\n第四行</pre>");
    if (!b)
        return;
    CHECK_INT(gk_blocks_count(b), 3);
    CHECK(find_para(b, "第一行") == 0);
    CHECK(find_para(b, "第二行") == 1);
    CHECK(find_para(b, "第四行") == 2);
    CHECK_INT(gk_blocks_get(b, 2)->text.line, 4);
    gk_blocks_free(b);
}

/* ---- tables --------------------------------------------------------------------------- */

/*
 * Grid of the table below (rows 1–3, columns 1–5):
 *   A A B B C
 *   A A D E F
 *   G H I E J
 */
static void test_grid(void)
{
    gk_blocks *b = read_page("<table>\n"
                             "<tr><td rowspan=\"2\" colspan=\"2\">A</td><td colspan=\"2\">B</td>"
                             "<th>C</th></tr>\n"
                             "<tr><td>D</td><td rowspan=\"2\">E</td><td>F</td></tr>\n"
                             "<tr><td>G</td><td>H</td><td>I</td><td>J</td></tr>\n"
                             "</table>");
    if (!b)
        return;
    CHECK_INT(gk_blocks_count(b), 3);
    const uint32_t c1[] = {1, 3, 5}, c2[] = {3, 4, 5}, c3[] = {1, 2, 3, 5};
    const char *t1[] = {"A", "B", "C"}, *t2[] = {"D", "E", "F"}, *t3[] = {"G", "H", "I", "J"};
    CHECK_ROW(b, 0, c1, t1);
    CHECK_ROW(b, 1, c2, t2);
    CHECK_ROW(b, 2, c3, t3);
    for (size_t i = 0; i < 3 && i < gk_blocks_count(b); i++)
        CHECK_INT(gk_blocks_get(b, i)->text.line, i + 2);
    gk_blocks_free(b);
}

/* Rowspans end with their row group; cells written outside any <tr> are one row; rows wrapped
 * in a <form> are still rows; a caption is a paragraph. */
static void test_row_groups(void)
{
    gk_blocks *b = read_page("<table><thead><tr><th rowspan=\"5\">头</th><th>1</th></tr></thead>"
                             "<tbody><tr><td>x</td><td>y</td></tr></tbody></table>"
                             "<table><td>p</td><td>q</td></table>"
                             "<table><caption>表一</caption><form action=\"x\"><tr><td>r</td>"
                             "<td>&nbsp;</td><td>s</td></tr></form></table>");
    if (!b)
        return;
    CHECK_INT(gk_blocks_count(b), 5);
    const uint32_t c1[] = {1, 2}, c2[] = {1, 2}, c3[] = {1, 2}, c5[] = {1, 2, 3};
    const char *t1[] = {"头", "1"}, *t2[] = {"x", "y"}, *t3[] = {"p", "q"}, *t5[] = {"r", "", "s"};
    CHECK_ROW(b, 0, c1, t1);
    CHECK_ROW(b, 1, c2, t2);
    CHECK_ROW(b, 2, c3, t3);
    CHECK(find_para(b, "表一") == 3);
    CHECK_ROW(b, 4, c5, t5);
    gk_blocks_free(b);
}

static void test_blank_cells(void)
{
    gk_blocks *b = read_page("<table><tr><td>（一）予以公开</td><td>5</td><td>&nbsp;</td>"
                             "<td> \n </td><td><p>&nbsp;</p></td><td>9</td><td></td></tr></table>");
    if (!b)
        return;
    const uint32_t cols[] = {1, 2, 3, 4, 5, 6, 7};
    const char *texts[] = {"（一）予以公开", "5", "", "", "", "9", ""};
    CHECK_ROW(b, 0, cols, texts);
    gk_blocks_free(b);
}

static void test_cell_breaks(void)
{
    gk_blocks *b = read_page(
        "<table><tr><td colspan=\"2\">（二）部分公开<br />（区分处理的，只计这一情形，"
        "不计其他情形）</td><td>3</td></tr>\n"
        "<tr><td><p>1.属于</p><p>国家秘密</p></td><td><span>4.</span>保护<b>第三方</b></td>"
        "<td><div>0</div></td></tr></table>");
    if (!b)
        return;
    const uint32_t c1[] = {1, 3}, c2[] = {1, 2, 3};
    const char *t1[] = {"（二）部分公开 （区分处理的，只计这一情形，不计其他情形）", "3"};
    const char *t2[] = {"1.属于 国家秘密", "4.保护第三方", "0"};
    CHECK_ROW(b, 0, c1, t1);
    CHECK_ROW(b, 1, c2, t2);
    const gk_block *k = gk_blocks_get(b, 0);
    if (k && k->ncells)
        CHECK_STR(k->cells[0].norm, "(二)部分公开(区分处理的,只计这一情形,不计其他情形)");
    gk_blocks_free(b);
}

/* A layout table (a table inside one of its cells) is read as content around its tables. */
static void test_layout_table(void)
{
    gk_blocks *b = read_page(
        "<html><body><table width=\"1000\"><tr><td>\n"
        "<div class=\"nav\"><a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政务公开</a></div>\n"
        "</td></tr><tr><td><h2>三、收到和处理政府信息公开申请情况</h2>\n"
        "<table border=\"1\"><tr><td>自然人</td><td>总计</td></tr>\n"
        "<tr><td>12</td><td>&nbsp;</td></tr></table>说明文字\n"
        "</td><td>侧栏</td></tr>\n"
        "<tr><td><div class=\"footer\">网站标识码：1234567890 京ICP备12345678号</div>"
        "</td></tr></table></body></html>");
    if (!b)
        return;
    CHECK_INT(gk_blocks_count(b), 7);
    CHECK(find_para(b, "首页 > 政务公开") == 0);
    CHECK(find_para(b, "三、收到和处理政府信息公开申请情况") == 1);
    const uint32_t c1[] = {1, 2}, c2[] = {1, 2};
    const char *t1[] = {"自然人", "总计"}, *t2[] = {"12", ""};
    CHECK_ROW(b, 2, c1, t1);
    CHECK_ROW(b, 3, c2, t2);
    CHECK(find_para(b, "说明文字") == 4);
    CHECK(find_para(b, "侧栏") == 5);
    CHECK(find_para(b, "网站标识码：1234567890 京ICP备12345678号") == 6);
    if (gk_blocks_count(b) > 3)
        CHECK_INT(gk_blocks_get(b, 3)->text.line, 5);
    gk_blocks_free(b);
}

static void test_unclosed(void)
{
    gk_blocks *b = read_page("<html><body><p>甲<p>乙<b>粗<table><tr><td>1<td>2<tr><td>3"
                             "</table><div>丙");
    if (!b)
        return;
    CHECK_INT(gk_blocks_count(b), 5);
    CHECK(find_para(b, "甲") == 0);
    CHECK(find_para(b, "乙粗") == 1);
    const uint32_t c1[] = {1, 2}, c2[] = {1};
    const char *t1[] = {"1", "2"}, *t2[] = {"3"};
    CHECK_ROW(b, 2, c1, t1);
    CHECK_ROW(b, 3, c2, t2);
    CHECK(find_para(b, "丙") == 4);
    gk_blocks_free(b);
}

/* ---- limits --------------------------------------------------------------------------- */

static char *nested_divs(int n, const char *inner, const char *after)
{
    size_t cap = (size_t)n * 11 + strlen(inner) + strlen(after) + 64;
    char *s = malloc(cap), *w = s;
    w += sprintf(w, "<html><body>");
    for (int i = 0; i < n; i++)
        w += sprintf(w, "<div>");
    w += sprintf(w, "%s", inner);
    for (int i = 0; i < n; i++)
        w += sprintf(w, "</div>");
    sprintf(w, "%s", after);
    return s;
}

static void test_deep(void)
{
    /* Deeper than GK_MAX_NESTING (64) but within libxml2's own limit: the deep text is left
     * out with a warning, the text after it is read. */
    char *s = nested_divs(100, "深处", "<p>其后</p>");
    gk_blocks *b = read_page(s);
    if (b) {
        CHECK(!any_text_has(b, "深处"));
        CHECK(find_para(b, "其后") >= 0);
        CHECK_INT(diags_of(b, "GK-LIMIT"), 1);
        gk_blocks_free(b);
    }
    free(s);
    /* 10,000 levels: libxml2 stops parsing; a warning, no crash, no error. */
    s = nested_divs(10000, "深处", "<p>其后</p>");
    b = read_page(s);
    if (b) {
        CHECK(!any_text_has(b, "深处"));
        CHECK(diags_of(b, "GK-LIMIT") >= 1);
        gk_blocks_free(b);
    }
    free(s);
    /* Deep inside a table cell. */
    s = nested_divs(200, "格内", "");
    size_t n = strlen(s) + 64;
    char *t = malloc(n);
    snprintf(t, n, "<table><tr><td>标签</td><td>%s</td></tr></table>", s + 12);
    b = read_page(t);
    if (b) {
        CHECK(!any_text_has(b, "格内"));
        long r = next_of(b, 0, GK_BLOCK_ROW);
        CHECK(r >= 0 && gk_blocks_get(b, (size_t)r)->ncells == 2);
        CHECK_INT(diags_of(b, "GK-LIMIT"), 1);
        gk_blocks_free(b);
    }
    free(t);
    free(s);
}

static void test_spans(void)
{
    gk_blocks *b = read_page("<table>"
                             "<tr><td colspan=\"abc\">a</td><td colspan=\"0\">b</td>"
                             "<td colspan=\"-2\">c</td><td rowspan=\"\">d</td></tr>"
                             "<tr><td rowspan=\"99999999999999999999\">x</td><td>y</td></tr>"
                             "<tr><td>z</td></tr>"
                             "</table>");
    if (b) {
        const uint32_t c1[] = {1, 2, 3, 4}, c2[] = {1, 2}, c3[] = {2};
        const char *t1[] = {"a", "b", "c", "d"}, *t2[] = {"x", "y"}, *t3[] = {"z"};
        CHECK_ROW(b, 0, c1, t1);
        CHECK_ROW(b, 1, c2, t2);
        CHECK_ROW(b, 2, c3, t3);
        CHECK_INT(diags_of(b, "GK-LIMIT"), 0);
        gk_blocks_free(b);
    }
    /* A colspan past the row limit takes the whole row; the cell after it is dropped. */
    b = read_page("<table><tr><td colspan=\"4294967297\">w</td><td>v</td></tr>"
                  "<tr><td>1</td><td>2</td></tr></table>");
    if (b) {
        const uint32_t c1[] = {1}, c2[] = {1, 2};
        const char *t1[] = {"w"}, *t2[] = {"1", "2"};
        CHECK_ROW(b, 0, c1, t1);
        CHECK_ROW(b, 1, c2, t2);
        CHECK_INT(diags_of(b, "GK-LIMIT"), 1);
        gk_blocks_free(b);
    }
    /* Rowspan clamped to 1000 rows: row 1002 is free again. */
    size_t cap = 1100 * 24 + 128;
    char *s = malloc(cap), *w = s;
    w += sprintf(w, "<table><tr><td rowspan=\"123456789\">r</td><td>0</td></tr>");
    for (int i = 1; i <= 1001; i++)
        w += sprintf(w, "<tr><td>%d</td></tr>", i);
    sprintf(w, "</table>");
    b = read_page(s);
    if (b) {
        CHECK_INT(gk_blocks_count(b), 1002);
        const gk_block *k = gk_blocks_get(b, 999);
        CHECK(k && k->ncells == 1 && k->cells[0].col == 2 && raw_is(&k->cells[0], "999"));
        k = gk_blocks_get(b, 1000);
        CHECK(k && k->ncells == 1 && k->cells[0].col == 1 && raw_is(&k->cells[0], "1000"));
        gk_blocks_free(b);
    }
    free(s);
}

static void test_wide_row(void)
{
    char *s = malloc(300 * 16 + 64), *w = s;
    w += sprintf(w, "<table><tr>");
    for (int i = 1; i <= 300; i++)
        w += sprintf(w, "<td>%d</td>", i);
    sprintf(w, "</tr></table>");
    gk_blocks *b = read_page(s);
    if (b) {
        const gk_block *k = gk_blocks_get(b, 0);
        CHECK(k && k->kind == GK_BLOCK_ROW);
        if (k) {
            CHECK_INT(k->ncells, GK_MAX_ROW_CELLS);
            CHECK(raw_is(&k->cells[GK_MAX_ROW_CELLS - 1], "256"));
            CHECK_INT(k->cells[GK_MAX_ROW_CELLS - 1].col, 256);
        }
        CHECK_INT(diags_of(b, "GK-LIMIT"), 1);
        gk_blocks_free(b);
    }
    free(s);
}

static void test_empty_and_garbage(void)
{
    const char *pages[] = {"",
                           "<",
                           "<html>",
                           "<table><tr><td rowspan=2></table>",
                           "<p>\xE4\xB8",
                           "<table><caption>标题</caption></table>"};
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        gk_blocks *b = NULL;
        gk_status st = gk_blocks_read_as(GK_INPUT_HTML, pages[i], strlen(pages[i]), &b, NULL);
        CHECK_MSG(st == GK_OK || st == GK_ERR_ENCODING, "page %zu: status %d", i, (int)st);
        gk_blocks_free(b);
    }
}

/* ---- encodings ------------------------------------------------------------------------ */

static void test_gb2312_page(void)
{
    size_t len = 0;
    char *data = load("tests/fixtures/html/gb2312.html", &len);
    if (!data)
        return;
    gk_blocks *b = NULL;
    gk_error err = {0};
    CHECK_INT(gk_blocks_read(data, len, &b, &err), GK_OK);
    if (b) {
        CHECK_INT(gk_blocks_kind(b), GK_INPUT_HTML);
        CHECK_STR(gk_blocks_encoding(b), "GB18030");
        CHECK(find_para(b, "政府信息公开工作年度报告") == 0);
        const uint32_t cols[] = {1, 2, 3, 4};
        const char *texts[] = {"一、本年新收政府信息公开申请数量", "7", "", "9"};
        CHECK_ROW(b, 1, cols, texts);
        CHECK(find_para(b, "\u201c三安全一稳定\u201d与\u00a0网站标识码") == 2);
        CHECK_INT(gk_blocks_get(b, 0)->text.line, 8);
        CHECK_INT(gk_blocks_get(b, 1)->text.line, 10);
        gk_blocks_free(b);
    }
    free(data);
}

/* The message of the first diagnostic of `rule` (English if en), or "" (copied to out). */
static const char *diag_msg(const gk_blocks *b, const char *rule, int en, char *out, size_t cap)
{
    gk_doc *doc = NULL;
    out[0] = '\0';
    if (gk_doc_from_blocks(b, "t.html", &doc, NULL) != GK_OK)
        return out;
    for (size_t i = 0; i < gk_doc_diag_count(doc); i++) {
        const gk_diag *d = gk_doc_diag(doc, i);
        if (strcmp(d->rule, rule) == 0) {
            snprintf(out, cap, "%s", en ? d->msg_en : d->msg_zh);
            break;
        }
    }
    gk_doc_free(doc);
    return out;
}

/* A page declaring GBK whose bytes are valid UTF-8 is UTF-8, with a note that says so; one
 * declaring UTF-8 whose bytes are GBK is read as GB18030, and the note names the declaration. */
static void test_declared_charset(void)
{
    char msg[256];
    const char *utf8 = "<html><head><meta charset=\"gbk\"></head><body><p>政府信息公开</p>"
                       "</body></html>";
    gk_blocks *b = NULL;
    CHECK_INT(gk_blocks_read(utf8, strlen(utf8), &b, NULL), GK_OK);
    if (b) {
        CHECK_STR(gk_blocks_encoding(b), "UTF-8");
        CHECK(find_para(b, "政府信息公开") >= 0);
        CHECK_INT(diags_of(b, "GK-ENCODING"), 1);
        CHECK_STR(diag_msg(b, "GK-ENCODING", 1, msg, sizeof msg),
                  "declared gbk, but read as UTF-8");
        CHECK_STR(diag_msg(b, "GK-ENCODING", 0, msg, sizeof msg),
                  "声明的编码为 gbk，但内容按 UTF-8 读取");
        gk_blocks_free(b);
    }
    /* 政府信息公开 in GBK, under a page that says it is UTF-8 */
    const char *gbk = "<html><head><meta charset=\"utf-8\"></head><body><p>"
                      "\xD5\xFE\xB8\xAE\xD0\xC5\xCF\xA2\xB9\xAB\xBF\xAA</p></body></html>";
    b = NULL;
    CHECK_INT(gk_blocks_read(gbk, strlen(gbk), &b, NULL), GK_OK);
    if (b) {
        CHECK_STR(gk_blocks_encoding(b), "GB18030");
        CHECK(find_para(b, "政府信息公开") >= 0);
        CHECK_STR(diag_msg(b, "GK-ENCODING", 1, msg, sizeof msg),
                  "declared utf-8, but read as GB18030");
        CHECK(!strstr(msg, "no encoding declared"));
        gk_blocks_free(b);
    }
    /* declared and true: no note */
    const char *honest = "<html><head><meta charset=\"gbk\"></head><body><p>"
                         "\xD5\xFE\xB8\xAE\xD0\xC5\xCF\xA2\xB9\xAB\xBF\xAA</p></body></html>";
    b = NULL;
    CHECK_INT(gk_blocks_read(honest, strlen(honest), &b, NULL), GK_OK);
    if (b) {
        CHECK_STR(gk_blocks_encoding(b), "GB18030");
        CHECK_INT(diags_of(b, "GK-ENCODING"), 0);
        gk_blocks_free(b);
    }
}

/* Markup after a long run of white space, or after a long comment, is still HTML. */
static void test_detect_late_markup(void)
{
    const char *page = "<html><body><p>政府信息公开</p></body></html>";
    static char buf[20000];
    const size_t leads[] = {300, 4000};
    for (size_t k = 0; k < sizeof leads / sizeof leads[0]; k++) {
        memset(buf, k ? '\n' : ' ', leads[k]);
        snprintf(buf + leads[k], sizeof buf - leads[k], "%s", page);
        CHECK_INT(gk_detect_input(buf, strlen(buf)), GK_INPUT_HTML);
    }
    size_t n = (size_t)snprintf(buf, sizeof buf, "\xEF\xBB\xBF  <!-- ");
    memset(buf + n, 'x', 12000);
    n += 12000;
    snprintf(buf + n, sizeof buf - n, " -->\n<!-- two --> %s", page);
    CHECK_INT(gk_detect_input(buf, strlen(buf)), GK_INPUT_HTML);
    gk_blocks *b = NULL;
    CHECK_INT(gk_blocks_read(buf, strlen(buf), &b, NULL), GK_OK);
    if (b) {
        CHECK_INT(gk_blocks_kind(b), GK_INPUT_HTML);
        CHECK(find_para(b, "政府信息公开") >= 0);
        gk_blocks_free(b);
    }
    /* a charset declared after a long comment is found */
    n = (size_t)snprintf(buf, sizeof buf, "<!-- ");
    memset(buf + n, 'x', 9000);
    n += 9000;
    snprintf(buf + n, sizeof buf - n,
             " --><html><head><meta charset=\"big5\"></head><body><p>\xAC\x46\xA9\xB2</p>"
             "</body></html>");
    b = NULL;
    CHECK_INT(gk_blocks_read(buf, strlen(buf), &b, NULL), GK_OK);
    if (b) {
        CHECK_STR(gk_blocks_encoding(b), "BIG5");
        CHECK(find_para(b, "政府") >= 0);
        gk_blocks_free(b);
    }
    /* text that merely starts with '<' is still text */
    const char *text = "<一>政府信息公开\n";
    CHECK_INT(gk_detect_input(text, strlen(text)), GK_INPUT_TEXT);
}

/* UTF-8 validation: full-width punctuation (lead bytes EE–EF) is UTF-8; a surrogate (ED A0 80)
 * or a truncated EF sequence is not. */
static void test_utf8_validation(void)
{
    const char *ok = "<p>（一）全角，标点！\xEE\x80\x80</p>";
    gk_blocks *b = NULL;
    CHECK_INT(gk_blocks_read(ok, strlen(ok), &b, NULL), GK_OK);
    if (b) {
        CHECK_STR(gk_blocks_encoding(b), "UTF-8");
        gk_blocks_free(b);
    }
    const char *bad[] = {"<p>\xED\xA0\x80\xED\xB0\x80</p>", "<p>\xEF\xBC</p>"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        b = NULL;
        gk_status st = gk_blocks_read(bad[i], strlen(bad[i]), &b, NULL);
        CHECK_MSG(st != GK_OK || strcmp(gk_blocks_encoding(b), "UTF-8") != 0,
                  "page %zu read as UTF-8", i);
        gk_blocks_free(b);
    }
}

/* DOCX and PDF have no text encoding: NULL. An unknown kind is refused. */
static void test_encoding_of_containers(void)
{
    const char *files[] = {"tests/fixtures/seeds/003_43b3efced0382fbe.docx",
                           "tests/fixtures/seeds/003_43b3efced0382fbe.pdf"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        size_t len = 0;
        char *data = load(files[i], &len);
        if (!data)
            continue;
        gk_blocks *b = NULL;
        CHECK_INT(gk_blocks_read(data, len, &b, NULL), GK_OK);
        if (b) {
            CHECK_MSG(gk_blocks_encoding(b) == NULL, "%s: encoding %s", files[i],
                      gk_blocks_encoding(b));
            gk_blocks_free(b);
        }
        free(data);
    }
    CHECK(gk_blocks_encoding(NULL) == NULL);
    gk_blocks *b = NULL;
    gk_error err = {0};
    CHECK_INT(gk_blocks_read_as((gk_input_kind)42, "abc", 3, &b, &err), GK_ERR_INVALID_ARG);
    CHECK(b == NULL);
    CHECK_INT(err.code, GK_ERR_INVALID_ARG);
}

/* gk_doc_read_text (UTF-8 only) folds traditional characters as gk_doc_read does. */
static void test_read_text_traditional(void)
{
    size_t len = 0;
    char *data = load("tests/fixtures/seeds/003_43b3efced0382fbe.trad.txt", &len);
    if (!data)
        return;
    gk_doc *a = NULL, *c = NULL;
    CHECK_INT(gk_doc_read_text(data, len, "t.txt", &a, NULL), GK_OK);
    CHECK_INT(gk_doc_read(data, len, "t.txt", &c, NULL), GK_OK);
    if (a && c) {
        const char *keys[] = {"t3.new.np", "t3.total_processed.total"};
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
            const gk_value *va = gk_doc_cell_by_key(a, keys[i]);
            const gk_value *vc = gk_doc_cell_by_key(c, keys[i]);
            CHECK_MSG(va && vc && va->state == GK_CELL_NUMBER && va->state == vc->state &&
                          va->value == vc->value,
                      "%s differs between gk_doc_read_text and gk_doc_read", keys[i]);
        }
        CHECK_INT(gk_doc_year(a), gk_doc_year(c));
    }
    gk_blocks *b = NULL;
    CHECK_INT(gk_blocks_read_text(data, len, &b, NULL), GK_OK);
    if (b) {
        CHECK_INT(diags_of(b, "GK-TRADITIONAL"), 1);
        gk_blocks_free(b);
    }
    gk_doc_free(a);
    gk_doc_free(c);
    free(data);
}

/* ---- a whole report ------------------------------------------------------------------- */

static void check_number(const gk_doc *doc, const char *key, int64_t want)
{
    const gk_value *v = gk_doc_cell_by_key(doc, key);
    CHECK_MSG(v && v->state == GK_CELL_NUMBER && v->value == want && v->scale == 0,
              "%s: state %d value %" PRId64 ", want %" PRId64, key, v ? v->state : -1,
              v ? v->value : 0, want);
}

static void test_report(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/fixtures/html/report2021.html", root);
    gk_doc *doc = NULL;
    gk_error err = {0};
    CHECK_INT(gk_doc_read_file(path, &doc, &err), GK_OK);
    if (!doc)
        return;
    CHECK_INT(gk_doc_input(doc), GK_INPUT_HTML);
    CHECK(gk_doc_is_report(doc));
    CHECK_INT(gk_doc_year(doc), 2022);
    CHECK_STR(gk_doc_agency(doc), "示例县农业农村局");
    CHECK_INT(gk_doc_format(doc, GK_T3), GK_FORMAT_2021);
    check_number(doc, "t3.new.np", 12);
    check_number(doc, "t3.new.total", 18);
    check_number(doc, "t3.carry_in.biz", 1);
    check_number(doc, "t3.grant.np", 5);
    check_number(doc, "t3.grant.other_org", 1);
    check_number(doc, "t3.partial.total", 2);
    check_number(doc, "t3.refuse.third_party.np", 1);
    check_number(doc, "t3.unable.not_held.total", 4);
    check_number(doc, "t3.ignore.repeat.ngo", 1);
    check_number(doc, "t3.other.other.biz", 1);
    check_number(doc, "t3.total_processed.total", 17);
    check_number(doc, "t3.carry_out.other_org", 1);
    const gk_value *v = gk_doc_cell_by_key(doc, "t3.grant.legal");
    CHECK(v && v->state == GK_CELL_BLANK);
    if (v)
        CHECK_INT(v->src.line, 47);
    check_number(doc, "t2.nd.in_force", 9);
    check_number(doc, "t2.license.decisions", 356);
    v = gk_doc_cell_by_key(doc, "t2.admin_fee.amount_wan");
    CHECK(v && v->state == GK_CELL_NUMBER && v->value == 125 && v->scale == 1);
    check_number(doc, "t4.review.total", 2);
    check_number(doc, "t4.lit_after_review.corrected", 1);
    check_number(doc, "t4.lit_after_review.total", 1);
    CHECK_INT(gk_doc_diag_count_at_least(doc, GK_SEV_ERROR), 0);
    for (size_t i = 0; i < gk_doc_para_count(doc); i++)
        CHECK(!strstr(gk_doc_para(doc, i, NULL)->raw, "不应读出"));
    gk_doc_free(doc);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        root = argv[1];
    test_paragraphs();
    test_entities();
    test_skipped();
    test_pre();
    test_grid();
    test_row_groups();
    test_blank_cells();
    test_cell_breaks();
    test_layout_table();
    test_unclosed();
    test_deep();
    test_spans();
    test_wide_row();
    test_empty_and_garbage();
    test_gb2312_page();
    test_declared_charset();
    test_detect_late_markup();
    test_utf8_validation();
    test_encoding_of_containers();
    test_read_text_traditional();
    test_report();
    return t_report();
}
