/*
 * text.c — the canonical text layout: title, preamble, the six sections under their canonical
 * headings, the tables as TAB-separated rows. gongkai's text reader reads it back to the same
 * document (year, agency, templates, every cell and blank, section bodies). A table comes
 * before its section's body so that no prose sits among its row labels.
 */
#include <string.h>

#include "render_int.h"

/* Header label of T2 blocks, left of the column labels (the official wording). */
#define INFO_CONTENT "信息内容"

static int same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* One cell, after a TAB if `tab`: a number as written (with 元/万元 if it was written with
 * one); anything else "-", which the reader takes as blank wherever it stands in the row. */
static void put_cell(const gk_value *v, int tab, FILE *out)
{
    char buf[64];
    const char *sep = tab ? "\t" : "";
    if (!v || v->state != GK_CELL_NUMBER) {
        fprintf(out, "%s-", sep);
        return;
    }
    const char *unit = v->unit == GK_UNIT_WAN ? "万元" : v->unit == GK_UNIT_YUAN ? "元" : "";
    fprintf(out, "%s%s%s", sep, gk_value_format(v, buf, sizeof buf), unit);
}

/* Cells to write for a row: up to its last cell that is not MISSING (the reader leaves the
 * cells after a short row MISSING, so trailing missing cells round-trip by being left out). */
static int row_width(const gk_doc *doc, gk_table_id id, int row)
{
    const gk_table_def *t = gk_doc_table(doc, id);
    int w = 0;
    for (int c = 0; c < gk_schema_ncols(t, row); c++) {
        const gk_value *v = gk_doc_cell(doc, id, row, c);
        if (v && v->state != GK_CELL_MISSING)
            w = c + 1;
    }
    return w;
}

static int has_extras(const gk_doc *doc, const char *row_key)
{
    for (int i = 0; i < gk_doc_extra_count(doc); i++)
        if (gk_doc_extra(doc, i) && same(gk_doc_extra(doc, i)->parent, row_key))
            return 1;
    return 0;
}

static void put_extras(const gk_doc *doc, const char *row_key, FILE *out)
{
    for (int i = 0; i < gk_doc_extra_count(doc); i++) {
        const gk_extra_row *x = gk_doc_extra(doc, i);
        if (!x || !same(x->parent, row_key))
            continue;
        int w = 0;
        for (int c = 0; c < x->nvalues; c++)
            if (x->values[c].state != GK_CELL_MISSING)
                w = c + 1;
        fprintf(out, "%.*s", (int)x->label.raw_len, x->label.raw ? x->label.raw : "");
        for (int c = 0; c < w; c++)
            put_cell(&x->values[c], 1, out);
        fputc('\n', out);
    }
}

/* A block's caption line (if any) and its header line: 信息内容 (or nothing) + column labels. */
static void put_block_head(const gk_block_def *b, FILE *out)
{
    if (b->caption)
        fprintf(out, "%s\n", b->caption);
    fputs(b->caption ? INFO_CONTENT : "", out);
    for (int c = 0; c < b->ncols; c++)
        fprintf(out, "\t%s", b->cols[c].labels[0]);
    fputc('\n', out);
}

/* Label of a row: its parent and group where their runs start, then num + label. */
static void put_row_label(const gk_table_def *t, int row, const char **parent, const char **group,
                          FILE *out)
{
    const gk_row_def *r = &t->rows[row];
    const char *caption = t->blocks[r->block].caption;
    if (r->parent && !same(r->parent, *parent))
        fputs(r->parent, out);
    if (r->group && !same(r->group, caption) && !same(r->group, *group))
        fputs(r->group, out);
    *parent = r->parent;
    *group = r->group;
    fprintf(out, "%s%s", r->num, r->labels[0]);
}

/* T2 and T3: one line per row, label then values; the reader matches rows by label. A block's
 * caption and header come only before rows that are written, so none trails the table. */
static void put_labelled(const gk_doc *doc, gk_table_id id, FILE *out)
{
    const gk_table_def *t = gk_doc_table(doc, id);
    const char *parent = NULL, *group = NULL;
    int block = -1;
    for (int r = 0; r < t->nrows; r++) {
        int w = row_width(doc, id, r);
        if (w == 0 && !has_extras(doc, t->rows[r].key))
            continue; /* left out: its cells read back MISSING */
        if (t->rows[r].block != block) {
            block = t->rows[r].block;
            put_block_head(&t->blocks[block], out);
        }
        if (w > 0) {
            put_row_label(t, r, &parent, &group, out);
            for (int c = 0; c < w; c++)
                put_cell(gk_doc_cell(doc, id, r, c), 1, out);
            fputc('\n', out);
        }
        put_extras(doc, t->rows[r].key, out);
    }
}

/* Cells of a flat table (T4) up to the last one that is not MISSING. */
static int flat_width(const gk_doc *doc, gk_table_id id)
{
    const gk_table_def *t = gk_doc_table(doc, id);
    int n = 0, w = 0;
    for (int r = 0; r < t->nrows; r++)
        for (int c = 0; c < gk_schema_ncols(t, r); c++, n++) {
            const gk_value *v = gk_doc_cell(doc, id, r, c);
            if (v && v->state != GK_CELL_MISSING)
                w = n + 1;
        }
    return w;
}

/* T4: one header line of row label + column label per cell, then one line of all values. */
static void put_flat(const gk_doc *doc, gk_table_id id, FILE *out)
{
    const gk_table_def *t = gk_doc_table(doc, id);
    int n = 0, w = flat_width(doc, id);
    for (int r = 0; r < t->nrows; r++)
        for (int c = 0; c < gk_schema_ncols(t, r); c++, n++)
            fprintf(out, "%s%s%s", n ? "\t" : "", t->rows[r].labels[0],
                    gk_schema_col(t, r, c)->labels[0]);
    fputc('\n', out);
    n = 0;
    for (int r = 0; r < t->nrows; r++)
        for (int c = 0; c < gk_schema_ncols(t, r) && n < w; c++, n++)
            put_cell(gk_doc_cell(doc, id, r, c), n > 0, out);
    fputc('\n', out);
}

static void put_table(const gk_doc *doc, int s, FILE *out)
{
    const gk_table_def *t = render_section_table(doc, s);
    if (!t)
        return;
    if (t->id == GK_T4)
        put_flat(doc, t->id, out);
    else
        put_labelled(doc, t->id, out);
    fputc('\n', out);
}

static void put_section(const gk_doc *doc, int s, FILE *out)
{
    const gk_section *sec = gk_doc_section(doc, (gk_section_id)s);
    fprintf(out, "%s、%s\n\n", gk_schema_section((gk_section_id)s)->ordinal,
            gk_schema_section((gk_section_id)s)->labels[0]);
    put_table(doc, s, out);
    if (!sec || !sec->body || sec->body_len == 0)
        return;
    fwrite(sec->body, 1, sec->body_len, out);
    if (sec->body[sec->body_len - 1] != '\n')
        fputc('\n', out);
    fputc('\n', out);
}

#define TITLE_TAIL "政府信息公开工作年度报告"

/*
 * The title carries year and agency. The publication date goes right under it as
 * "发布日期：…": the reader finds it there, and a line at the end would join the last
 * section's body (where a date the report ended with already is).
 */
static void put_title(const gk_doc *doc, FILE *out)
{
    int year = gk_doc_year(doc), date = gk_doc_published(doc);
    fputs(gk_doc_agency(doc), out);
    if (year > 0)
        fprintf(out, "%d年", year);
    fputs(TITLE_TAIL "\n", out);
    if (date > 0)
        fprintf(out, "发布日期：%d年%d月%d日\n", date / 10000, date / 100 % 100, date % 100);
}

/* 1 if a paragraph (matching form) is the very title put_title() writes. */
static int is_our_title(const gk_doc *doc, const char *norm)
{
    char year[16] = "";
    const char *agency = gk_doc_agency(doc);
    size_t n = strlen(agency);
    if (!norm || strncmp(norm, agency, n) != 0)
        return 0;
    if (gk_doc_year(doc) > 0)
        snprintf(year, sizeof year, "%d年", gk_doc_year(doc));
    if (strncmp(norm + n, year, strlen(year)) != 0)
        return 0;
    return strcmp(norm + n + strlen(year), TITLE_TAIL) == 0;
}

/* The paragraphs before the first section heading (all of them in a file that is not a
 * report), as they were, but for a title line that is the same as ours. */
static void put_preamble(const gk_doc *doc, FILE *out)
{
    for (size_t i = 0; i < gk_doc_para_count(doc); i++) {
        gk_section_id s = GK_S1_OVERALL;
        const gk_text *t = gk_doc_para(doc, i, &s);
        if (!t || !t->raw || s != GK_SECTION_COUNT || is_our_title(doc, t->norm))
            continue;
        fprintf(out, "%.*s\n", (int)t->raw_len, t->raw);
    }
}

gk_status render_text(const gk_doc *doc, FILE *out)
{
    if (!doc || !out)
        return GK_ERR_INVALID_ARG;
    if (!gk_doc_is_report(doc)) {
        put_preamble(doc, out);
        return ferror(out) ? GK_ERR_IO : GK_OK;
    }
    put_title(doc, out);
    put_preamble(doc, out);
    fputc('\n', out);
    for (int s = 0; s < GK_SECTION_COUNT; s++)
        put_section(doc, s, out);
    return ferror(out) ? GK_ERR_IO : GK_OK;
}
