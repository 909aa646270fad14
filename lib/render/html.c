/*
 * html.c — HTML output: a complete UTF-8 HTML5 page with the title, the six sections and the
 * three tables in the official layout, with real merged cells. Every rowspan and colspan is
 * computed from the schema (runs of equal parent/group, column counts of blocks and rows).
 * Blank cells carry class="blank", missing cells class="missing" (shown as "?").
 */
#include <string.h>

#include "render_int.h"

/* Header labels of the official layout that are not row or column labels of the schema. */
#define INFO_CONTENT "信息内容"
#define T3_NOTE      "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
#define T3_APPLICANT "申请人情况"
#define T3_ORG       "法人或其他组织"
#define T3_HEAD_ROWS 3 /* 申请人情况 / 自然人, 法人或其他组织, 总计 / the organisation kinds */

static const char style[] =
    "body{font-family:sans-serif;max-width:72em;margin:1em auto;padding:0 1em}"
    "table{border-collapse:collapse;margin:1em 0}"
    "th,td{border:1px solid #555;padding:.2em .5em}"
    "th{font-weight:normal;background:#f3f3f3}td{text-align:right}"
    "td.blank{background:#fafafa}td.missing{background:#fde2e2;color:#a00}";

static int same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static void esc(const char *s, size_t len, FILE *out)
{
    for (size_t i = 0; i < len; i++) {
        switch (s[i]) {
        case '&':
            fputs("&amp;", out);
            break;
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        case '\'':
            fputs("&#39;", out);
            break;
        default:
            fputc(s[i], out);
        }
    }
}

static void esc_z(const char *s, FILE *out)
{
    if (s)
        esc(s, strlen(s), out);
}

/* Opens a cell: <tag[ class][ rowspan][ colspan]>. */
static void open_cell(const char *tag, const char *cls, int rowspan, int colspan, FILE *out)
{
    fprintf(out, "<%s", tag);
    if (cls)
        fprintf(out, " class=\"%s\"", cls);
    if (rowspan > 1)
        fprintf(out, " rowspan=\"%d\"", rowspan);
    if (colspan > 1)
        fprintf(out, " colspan=\"%d\"", colspan);
    fputc('>', out);
}

/* A header cell holding a + b (either may be NULL). */
static void th(int rowspan, int colspan, const char *a, const char *b, FILE *out)
{
    open_cell("th", NULL, rowspan, colspan, out);
    esc_z(a, out);
    esc_z(b, out);
    fputs("</th>", out);
}

static void td_value(const gk_value *v, int colspan, FILE *out)
{
    char buf[128];
    const char *cls = NULL, *unit = "";
    render_cell_text(v, buf, sizeof buf);
    if (!v || v->state == GK_CELL_MISSING)
        cls = "missing";
    else if (v->state == GK_CELL_BLANK)
        cls = "blank";
    else if (v->state == GK_CELL_INVALID)
        cls = "invalid";
    else
        unit = v->unit == GK_UNIT_WAN ? "万元" : v->unit == GK_UNIT_YUAN ? "元" : "";
    open_cell("td", cls, 1, colspan, out);
    esc_z(buf, out);
    esc_z(unit, out);
    fputs("</td>", out);
}

/* ---- T2: one caption block per 第二十条 item, all blocks as wide as the widest ---- */

static int t2_width(const gk_table_def *t)
{
    int w = 0;
    for (int b = 0; b < t->nblocks; b++)
        w = t->blocks[b].ncols > w ? t->blocks[b].ncols : w;
    return w;
}

/* Columns spanned by value column c of a block of n columns in a table `w` values wide:
 * one each, the last one taking what is left (3 for a single column in the 2021 format). */
static int t2_span(int c, int n, int w)
{
    return c == n - 1 ? w - (n - 1) : 1;
}

static void t2_extras(const gk_doc *doc, const char *row_key, int w, FILE *out)
{
    for (int i = 0; i < gk_doc_extra_count(doc); i++) {
        const gk_extra_row *x = gk_doc_extra(doc, i);
        if (!x || !same(x->parent, row_key))
            continue;
        fputs("<tr><th>", out);
        esc(x->label.raw ? x->label.raw : "", x->label.raw_len, out);
        fputs("</th>", out);
        for (int c = 0; c < x->nvalues; c++)
            td_value(&x->values[c], t2_span(c, x->nvalues, w), out);
        fputs("</tr>\n", out);
    }
}

static void t2_block(const gk_doc *doc, const gk_table_def *t, int block, FILE *out)
{
    const gk_block_def *b = &t->blocks[block];
    int w = t2_width(t);
    if (b->caption) {
        fputs("<tr>", out);
        th(1, w + 1, b->caption, NULL, out);
        fputs("</tr>\n", out);
    }
    fputs("<tr>", out);
    th(1, 1, INFO_CONTENT, NULL, out);
    for (int c = 0; c < b->ncols; c++)
        th(1, t2_span(c, b->ncols, w), b->cols[c].labels[0], NULL, out);
    fputs("</tr>\n", out);
    for (int r = 0; r < t->nrows; r++) {
        if (t->rows[r].block != block)
            continue;
        fputs("<tr>", out);
        th(1, 1, t->rows[r].num, t->rows[r].labels[0], out);
        for (int c = 0; c < b->ncols; c++)
            td_value(gk_doc_cell(doc, GK_T2, r, c), t2_span(c, b->ncols, w), out);
        fputs("</tr>\n", out);
        t2_extras(doc, t->rows[r].key, w, out);
    }
}

static void html_t2(const gk_doc *doc, const gk_table_def *t, FILE *out)
{
    fputs("<table class=\"t2\">\n", out);
    for (int b = 0; b < t->nblocks; b++)
        t2_block(doc, t, b, out);
    fputs("</table>\n", out);
}

/* ---- T3: the three-level row labels merged over runs of equal parent and group ---- */

/* A row's label at level 0 (parent) or 1 (group). */
static const char *level_of(const gk_row_def *row, int level)
{
    return level == 0 ? row->parent : row->group;
}

/* Rows from r on sharing r's label at `level`; 0 if r has none or continues a run. */
static int run_at(const gk_table_def *t, int r, int level)
{
    const char *s = level_of(&t->rows[r], level);
    if (!s || (r > 0 && same(level_of(&t->rows[r - 1], level), s)))
        return 0;
    int n = 1;
    while (r + n < t->nrows && same(level_of(&t->rows[r + n], level), s))
        n++;
    return n;
}

/* Label columns: one per label level present in the table (parent, group, own label). */
static int label_depth(const gk_table_def *t)
{
    int parent = 0, group = 0;
    for (int r = 0; r < t->nrows; r++) {
        parent |= t->rows[r].parent != NULL;
        group |= t->rows[r].group != NULL;
    }
    return 1 + parent + group;
}

/* A column of T3 that stands alone in the header (自然人, 总计), not under 法人或其他组织. */
static int t3_alone(const gk_block_def *b, int c)
{
    return c == 0 || b->cols[c].is_total;
}

/* Columns under 法人或其他组织 from c on (c being the first of them). */
static int t3_org_run(const gk_block_def *b, int c)
{
    int n = 0;
    while (c + n < b->ncols && !t3_alone(b, c + n))
        n++;
    return n;
}

static void t3_head(const gk_block_def *b, int depth, FILE *out)
{
    fputs("<tr>", out);
    th(T3_HEAD_ROWS, depth, T3_NOTE, NULL, out);
    th(1, b->ncols, T3_APPLICANT, NULL, out);
    fputs("</tr>\n<tr>", out);
    for (int c = 0; c < b->ncols; c++) {
        if (t3_alone(b, c))
            th(T3_HEAD_ROWS - 1, 1, b->cols[c].labels[0], NULL, out);
        else if (c == 0 || t3_alone(b, c - 1))
            th(1, t3_org_run(b, c), T3_ORG, NULL, out);
    }
    fputs("</tr>\n<tr>", out);
    for (int c = 0; c < b->ncols; c++)
        if (!t3_alone(b, c))
            th(1, 1, b->cols[c].labels[0], NULL, out);
    fputs("</tr>\n", out);
}

/* The label cells of row r: parent and group where their runs start, then the row's own
 * label spanning the levels the row does not have. */
static void t3_labels(const gk_table_def *t, int r, int depth, FILE *out)
{
    const gk_row_def *row = &t->rows[r];
    int levels = 0;
    for (int level = 0; level < 2; level++) {
        int n = run_at(t, r, level);
        if (n > 0)
            th(n, 1, level_of(row, level), NULL, out);
        levels += level_of(row, level) != NULL;
    }
    th(1, depth - levels, row->num, row->labels[0], out);
}

static void html_t3(const gk_doc *doc, const gk_table_def *t, FILE *out)
{
    int depth = label_depth(t);
    fputs("<table class=\"t3\">\n", out);
    t3_head(&t->blocks[0], depth, out);
    for (int r = 0; r < t->nrows; r++) {
        fputs("<tr>", out);
        t3_labels(t, r, depth, out);
        for (int c = 0; c < gk_schema_ncols(t, r); c++)
            td_value(gk_doc_cell(doc, GK_T3, r, c), 1, out);
        fputs("</tr>\n", out);
    }
    fputs("</table>\n", out);
}

/* ---- T4: three header rows over one row of values ---- */

/* Header row 1: a row's own label over its columns, or its parent over the run it heads. */
static void t4_head_top(const gk_table_def *t, FILE *out)
{
    fputs("<tr>", out);
    for (int r = 0; r < t->nrows; r++) {
        const gk_row_def *row = &t->rows[r];
        if (!row->parent) {
            th(1, gk_schema_ncols(t, r), row->labels[0], NULL, out);
            continue;
        }
        int n = run_at(t, r, 0), span = 0;
        for (int k = 0; k < n; k++)
            span += gk_schema_ncols(t, r + k);
        if (n > 0)
            th(1, span, row->parent, NULL, out);
    }
    fputs("</tr>\n", out);
}

/* Header rows 2 and 3: column labels of rows without parent (spanning both), row labels
 * under a parent, then those rows' column labels. */
static void t4_head_rest(const gk_table_def *t, FILE *out)
{
    fputs("<tr>", out);
    for (int r = 0; r < t->nrows; r++) {
        if (t->rows[r].parent)
            th(1, gk_schema_ncols(t, r), t->rows[r].labels[0], NULL, out);
        else
            for (int c = 0; c < gk_schema_ncols(t, r); c++)
                th(2, 1, gk_schema_col(t, r, c)->labels[0], NULL, out);
    }
    fputs("</tr>\n<tr>", out);
    for (int r = 0; r < t->nrows; r++)
        for (int c = 0; t->rows[r].parent && c < gk_schema_ncols(t, r); c++)
            th(1, 1, gk_schema_col(t, r, c)->labels[0], NULL, out);
    fputs("</tr>\n", out);
}

static void html_t4(const gk_doc *doc, const gk_table_def *t, FILE *out)
{
    fputs("<table class=\"t4\">\n", out);
    t4_head_top(t, out);
    t4_head_rest(t, out);
    fputs("<tr>", out);
    for (int r = 0; r < t->nrows; r++)
        for (int c = 0; c < gk_schema_ncols(t, r); c++)
            td_value(gk_doc_cell(doc, GK_T4, r, c), 1, out);
    fputs("</tr>\n</table>\n", out);
}

/* ---- The page ---- */

static void html_table(const gk_doc *doc, int s, FILE *out)
{
    const gk_table_def *t = render_section_table(doc, s);
    if (!t)
        return;
    if (t->id == GK_T2)
        html_t2(doc, t, out);
    else if (t->id == GK_T3)
        html_t3(doc, t, out);
    else
        html_t4(doc, t, out);
}

static void html_para(const char *s, size_t len, FILE *out)
{
    fputs("<p>", out);
    esc(s, len, out);
    fputs("</p>\n", out);
}

/* The body, one <p> per line. */
static void html_body(const gk_section *sec, FILE *out)
{
    render_lines(sec, html_para, out);
}

static void html_title(const gk_doc *doc, FILE *out)
{
    esc_z(gk_doc_agency(doc), out);
    if (gk_doc_year(doc) > 0)
        fprintf(out, "%d年", gk_doc_year(doc));
    fputs("政府信息公开工作年度报告", out);
}

gk_status render_html(const gk_doc *doc, FILE *out)
{
    if (!doc || !out)
        return GK_ERR_INVALID_ARG;
    fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>", out);
    html_title(doc, out);
    fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", style);
    html_title(doc, out);
    fputs("</h1>\n", out);
    for (int s = 0; s < GK_SECTION_COUNT; s++) {
        fprintf(out, "<h2>%s、", gk_schema_section((gk_section_id)s)->ordinal);
        esc_z(gk_schema_section((gk_section_id)s)->labels[0], out);
        fputs("</h2>\n", out);
        html_body(gk_doc_section(doc, (gk_section_id)s), out);
        html_table(doc, s, out);
    }
    fputs("</body>\n</html>\n", out);
    return ferror(out) ? GK_ERR_IO : GK_OK;
}
