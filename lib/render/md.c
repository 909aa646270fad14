/*
 * md.c — Markdown: title, the six sections with their bodies, the tables as GitHub pipe tables.
 * Pipe tables cannot merge cells: a header label spanning columns is repeated in each column it
 * spans; a row label spanning rows (三、本年度办理结果, （三）不予公开) is written on the first
 * row of its span only, blank below. Blank cells print empty, missing "?"; "|" is escaped.
 */
#include <string.h>

#include "render_int.h"

/* Header labels of the official layout that are not row or column labels of the schema. */
#define INFO_CONTENT "信息内容"
#define T3_NOTE      "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
#define T3_APPLICANT "申请人情况"
#define T3_ORG       "法人或其他组织"

static int same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static void md_text(const char *s, size_t len, FILE *out)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '|')
            fputc('\\', out);
        fputc(s[i] == '\n' || s[i] == '\t' ? ' ' : s[i], out);
    }
}

/* One cell: "| " + a + b + " " (either part may be NULL). */
static void md_cell(const char *a, const char *b, FILE *out)
{
    fputs("| ", out);
    if (a)
        md_text(a, strlen(a), out);
    if (b)
        md_text(b, strlen(b), out);
    fputc(' ', out);
}

static void md_value(const gk_value *v, FILE *out)
{
    char buf[128];
    render_cell_text(v, buf, sizeof buf);
    const char *unit = "";
    if (v && v->state == GK_CELL_NUMBER)
        unit = v->unit == GK_UNIT_WAN ? "万元" : v->unit == GK_UNIT_YUAN ? "元" : "";
    md_cell(buf, unit, out);
}

static void md_end(FILE *out)
{
    fputs("|\n", out);
}

/* The delimiter row: label columns left-aligned, value columns right-aligned. */
static void md_delim(int nlabels, int nvalues, FILE *out)
{
    for (int i = 0; i < nlabels; i++)
        fputs("| --- ", out);
    for (int i = 0; i < nvalues; i++)
        fputs("| ---: ", out);
    md_end(out);
}

static void md_extras(const gk_doc *doc, const char *row_key, FILE *out)
{
    for (int i = 0; i < gk_doc_extra_count(doc); i++) {
        const gk_extra_row *x = gk_doc_extra(doc, i);
        if (!x || !same(x->parent, row_key))
            continue;
        fputs("| ", out);
        md_text(x->label.raw ? x->label.raw : "", x->label.raw_len, out);
        fputc(' ', out);
        for (int c = 0; c < x->nvalues; c++)
            md_value(&x->values[c], out);
        md_end(out);
    }
}

/* T2: one pipe table per block (第二十条 item), under its caption. */
static void md_t2_block(const gk_doc *doc, const gk_table_def *t, int block, FILE *out)
{
    const gk_block_def *b = &t->blocks[block];
    if (b->caption)
        fprintf(out, "**%s**\n\n", b->caption);
    md_cell(INFO_CONTENT, NULL, out);
    for (int c = 0; c < b->ncols; c++)
        md_cell(b->cols[c].labels[0], NULL, out);
    md_end(out);
    md_delim(1, b->ncols, out);
    for (int r = 0; r < t->nrows; r++) {
        if (t->rows[r].block != block)
            continue;
        md_cell(t->rows[r].num, t->rows[r].labels[0], out);
        for (int c = 0; c < b->ncols; c++)
            md_value(gk_doc_cell(doc, GK_T2, r, c), out);
        md_end(out);
        md_extras(doc, t->rows[r].key, out);
    }
    fputc('\n', out);
}

/* A column of T3 that stands alone in the header (自然人, 总计), not under 法人或其他组织. */
static int t3_alone(const gk_block_def *b, int c)
{
    return c == 0 || b->cols[c].is_total;
}

/* Label columns of T3: one per label level (parent, group, the row's own label). */
static int t3_depth(const gk_table_def *t)
{
    int parent = 0, group = 0;
    for (int r = 0; r < t->nrows; r++) {
        parent |= t->rows[r].parent != NULL;
        group |= t->rows[r].group != NULL;
    }
    return 1 + parent + group;
}

static void md_blanks(int n, FILE *out)
{
    for (int i = 0; i < n; i++)
        md_cell(NULL, NULL, out);
}

/* T3 header: three rows, the spanning labels repeated; the note in the first label column. */
static void md_t3_head(const gk_block_def *b, int depth, FILE *out)
{
    md_cell(T3_NOTE, NULL, out);
    md_blanks(depth - 1, out);
    for (int c = 0; c < b->ncols; c++)
        md_cell(T3_APPLICANT, NULL, out);
    md_end(out);
    md_delim(depth, b->ncols, out);
    for (int level = 0; level < 2; level++) {
        md_blanks(depth, out);
        for (int c = 0; c < b->ncols; c++)
            md_cell(level == 0 && !t3_alone(b, c) ? T3_ORG : b->cols[c].labels[0], NULL, out);
        md_end(out);
    }
}

/* The three label cells of a T3 row: parent, group, num + label, each at the column of its
 * level; parent and group only where their run starts. */
static void md_t3_labels(const gk_table_def *t, int r, int depth, FILE *out)
{
    const gk_row_def *row = &t->rows[r], *prev = r > 0 ? &t->rows[r - 1] : NULL;
    int used = 0;
    if (row->parent) {
        md_cell(prev && same(prev->parent, row->parent) ? NULL : row->parent, NULL, out);
        used++;
    }
    if (row->group) {
        md_cell(prev && same(prev->group, row->group) ? NULL : row->group, NULL, out);
        used++;
    }
    md_cell(row->num, row->labels[0], out);
    md_blanks(depth - used - 1, out);
}

static void md_t3(const gk_doc *doc, const gk_table_def *t, FILE *out)
{
    int depth = t3_depth(t);
    md_t3_head(&t->blocks[0], depth, out);
    for (int r = 0; r < t->nrows; r++) {
        md_t3_labels(t, r, depth, out);
        for (int c = 0; c < gk_schema_ncols(t, r); c++)
            md_value(gk_doc_cell(doc, GK_T3, r, c), out);
        md_end(out);
    }
    fputc('\n', out);
}

/* One T4 header row: level 0 = parent (or row label), 1 = row label under a parent (or column
 * label), 2 = column label; every label repeated over the columns it spans. */
static void md_t4_head_row(const gk_table_def *t, int level, FILE *out)
{
    for (int r = 0; r < t->nrows; r++) {
        const gk_row_def *row = &t->rows[r];
        for (int c = 0; c < gk_schema_ncols(t, r); c++) {
            const char *col = gk_schema_col(t, r, c)->labels[0];
            const char *top = row->parent ? row->parent : row->labels[0];
            const char *mid = row->parent ? row->labels[0] : col;
            md_cell(level == 0 ? top : level == 1 ? mid : col, NULL, out);
        }
    }
    md_end(out);
}

static void md_t4(const gk_doc *doc, const gk_table_def *t, FILE *out)
{
    md_t4_head_row(t, 0, out);
    md_delim(0, gk_schema_cell_count(t), out);
    md_t4_head_row(t, 1, out);
    md_t4_head_row(t, 2, out);
    for (int r = 0; r < t->nrows; r++)
        for (int c = 0; c < gk_schema_ncols(t, r); c++)
            md_value(gk_doc_cell(doc, GK_T4, r, c), out);
    md_end(out);
    fputc('\n', out);
}

static void md_table(const gk_doc *doc, int s, FILE *out)
{
    const gk_table_def *t = render_section_table(doc, s);
    if (!t)
        return;
    if (t->id == GK_T2)
        for (int b = 0; b < t->nblocks; b++)
            md_t2_block(doc, t, b, out);
    else if (t->id == GK_T3)
        md_t3(doc, t, out);
    else
        md_t4(doc, t, out);
}

static void md_para(const char *s, size_t len, FILE *out)
{
    md_text(s, len, out);
    fputs("\n\n", out);
}

/* Each line of the body as its own paragraph. */
static void md_body(const gk_section *sec, FILE *out)
{
    render_lines(sec, md_para, out);
}

gk_status render_md(const gk_doc *doc, FILE *out)
{
    if (!doc || !out)
        return GK_ERR_INVALID_ARG;
    fprintf(out, "# %s", gk_doc_agency(doc));
    if (gk_doc_year(doc) > 0)
        fprintf(out, "%d年", gk_doc_year(doc));
    fputs("政府信息公开工作年度报告\n\n", out);
    for (int s = 0; s < GK_SECTION_COUNT; s++) {
        fprintf(out, "## %s、%s\n\n", gk_schema_section((gk_section_id)s)->ordinal,
                gk_schema_section((gk_section_id)s)->labels[0]);
        md_body(gk_doc_section(doc, (gk_section_id)s), out);
        md_table(doc, s, out);
    }
    return ferror(out) ? GK_ERR_IO : GK_OK;
}
