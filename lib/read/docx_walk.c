/*
 * docx_walk.c — the walk of a DOCX body (w:body) in document order: paragraphs and their
 * runs, fields, alternate content, and tables read on their grid (gridSpan, gridBefore,
 * vMerge); layout tables (a table in a cell) are read as ordinary content. Deleted text,
 * field codes and hidden runs are left out. Reaching a limit stops the walk.
 */
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/norm.h"
#include "docx_int.h"

#define MC_NS      "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define MAX_FIELDS 32 /* nested complex fields tracked */

/* The elements the walker treats specially. */
typedef enum elem {
    E_OTHER = 0, /* walked through: its children are content */
    E_SKIP,      /* never content: deleted text, field codes, properties, references */
    E_P,
    E_TBL,
    E_TR,
    E_TC,
    E_R,
    E_T,
    E_TAB,
    E_BR,
    E_HYPHEN,
    E_FLDCHAR,
    E_ALT,      /* mc:AlternateContent */
    E_CHOICE,   /* mc:Choice */
    E_FALLBACK, /* mc:Fallback */
} elem;

/* The cells of the table row being read. */
typedef struct row_state {
    uint32_t col;  /* grid column of the next cell */
    uint32_t n;    /* cells kept */
    uint32_t seen; /* w:tc elements met */
    buf text;      /* the kept cells' text, one after another */
    size_t off[GK_MAX_ROW_CELLS], len[GK_MAX_ROW_CELLS];
    uint32_t cols[GK_MAX_ROW_CELLS];
} row_state;

enum { NOTE_DEPTH = 1, NOTE_CELLS = 2, NOTE_SPAN = 4 };

typedef struct walker {
    gk_blocks *b;
    gk_error *err;
    gk_status st;     /* GK_OK until a limit is reached */
    uint32_t emitted; /* blocks emitted: the next one's line is emitted + 1 */
    buf line;         /* text of the current paragraph line */
    int in_cell;      /* reading a table cell: lines join row.text from cell_start */
    size_t cell_start;
    int hidden;                /* > 0 inside a hidden (w:vanish) run */
    uint8_t field[MAX_FIELDS]; /* open complex fields: 1 while in their field code */
    int nfield, field_over, ncode;
    unsigned noted; /* NOTE_* already given */
    lists *lists;   /* NULL when the package has no list numbering */
    row_state row;
} walker;

/* ---- buffers ---- */

static void buf_put(buf *b, const char *s, size_t n)
{
    if (n == 0)
        return;
    if (b->cap - b->len < n) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap - b->len < n)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            gk_oom();
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

/* ---- notes ---- */

static void limit_note(walker *w, unsigned kind, const char *zh, const char *en)
{
    if (w->noted & kind)
        return;
    w->noted |= kind;
    blocks_note_add(w->b, 1, "GK-LIMIT", w->emitted + 1, zh, en);
}

static void depth_note(walker *w)
{
    char zh[160], en[160];
    snprintf(zh, sizeof zh, "DOCX 内容嵌套超过 %u 层，更深的内容未读取", GK_MAX_NESTING);
    snprintf(en, sizeof en,
             "DOCX content nested deeper than %u levels; the deeper content was not read",
             GK_MAX_NESTING);
    limit_note(w, NOTE_DEPTH, zh, en);
}

/* ---- elements ---- */

typedef struct elem_name {
    const char *name;
    elem kind;
} elem_name;

/* WordprocessingML elements by local name, sorted for bsearch. */
static const elem_name w_elems[] = {
    {"annotationRef", E_SKIP},
    {"br", E_BR},
    {"commentReference", E_SKIP},
    {"continuationSeparator", E_SKIP},
    {"cr", E_BR},
    {"del", E_SKIP},
    {"delInstrText", E_SKIP},
    {"delText", E_SKIP},
    {"endnoteRef", E_SKIP},
    {"endnoteReference", E_SKIP},
    {"fldChar", E_FLDCHAR},
    {"fldData", E_SKIP},
    {"footnoteRef", E_SKIP},
    {"footnoteReference", E_SKIP},
    {"instrText", E_SKIP},
    {"moveFrom", E_SKIP},
    {"noBreakHyphen", E_HYPHEN},
    {"p", E_P},
    {"pPr", E_SKIP},
    {"ptab", E_TAB},
    {"r", E_R},
    {"rPr", E_SKIP},
    {"sdtEndPr", E_SKIP},
    {"sdtPr", E_SKIP},
    {"sectPr", E_SKIP},
    {"separator", E_SKIP},
    {"t", E_T},
    {"tab", E_TAB},
    {"tbl", E_TBL},
    {"tblGrid", E_SKIP},
    {"tblPr", E_SKIP},
    {"tblPrEx", E_SKIP},
    {"tc", E_TC},
    {"tcPr", E_SKIP},
    {"tr", E_TR},
    {"trPr", E_SKIP},
};

static int elem_cmp(const void *key, const void *e)
{
    return strcmp((const char *)key, ((const elem_name *)e)->name);
}

static elem classify(const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE)
        return E_SKIP;
    const char *name = (const char *)n->name;
    if (docx_is_w_ns(n)) {
        const elem_name *e =
            bsearch(name, w_elems, sizeof w_elems / sizeof w_elems[0], sizeof w_elems[0], elem_cmp);
        return e ? e->kind : E_OTHER;
    }
    if (docx_ns_is(n, MC_NS)) {
        if (strcmp(name, "AlternateContent") == 0)
            return E_ALT;
        if (strcmp(name, "Choice") == 0)
            return E_CHOICE;
        if (strcmp(name, "Fallback") == 0)
            return E_FALLBACK;
    }
    return E_OTHER;
}

/* ---- lines ---- */

static int visible(const walker *w)
{
    return w->hidden == 0 && w->ncode == 0;
}

static void put_text(walker *w, const char *s, size_t n)
{
    if (visible(w))
        buf_put(&w->line, s, n);
}

static void emit_para(walker *w, const char *s, size_t n)
{
    size_t before = w->b->n;
    if (blocks_add_para(w->b, s, n, w->emitted + 1) < 0) {
        w->st = reader_error(w->err, GK_ERR_LIMIT, "DOCX has too many paragraphs and table rows");
        return;
    }
    if (w->b->n > before)
        w->emitted++;
}

/* Ends the current line: a paragraph of its own, or a part of the cell being read. */
static void end_line(walker *w)
{
    size_t n = w->line.len;
    const char *s = trim_space(w->line.p ? w->line.p : "", &n);
    w->line.len = 0;
    if (n == 0 || w->st != GK_OK)
        return;
    if (!w->in_cell) {
        emit_para(w, s, n);
        return;
    }
    buf *cell = &w->row.text;
    if (cell->len > w->cell_start)
        buf_put(cell, " ", 1);
    buf_put(cell, s, n);
}

/* ---- fields ---- */

static void field_char(walker *w, const xmlNode *n)
{
    char v[16];
    if (!docx_attr(n, "fldCharType", v, sizeof v))
        return;
    if (strcmp(v, "begin") == 0) {
        if (w->nfield < MAX_FIELDS) {
            w->field[w->nfield++] = 1;
            w->ncode++;
        } else {
            w->field_over++;
        }
    } else if (strcmp(v, "separate") == 0) {
        if (!w->field_over && w->nfield > 0 && w->field[w->nfield - 1]) {
            w->field[w->nfield - 1] = 0;
            w->ncode--;
        }
    } else if (strcmp(v, "end") == 0) {
        if (w->field_over > 0)
            w->field_over--;
        else if (w->nfield > 0 && w->field[--w->nfield])
            w->ncode--;
    }
}

/* A field code never spans paragraphs: a missing separator must not hide the rest. */
static void field_codes_end(walker *w)
{
    for (int i = 0; i < w->nfield; i++)
        w->field[i] = 0;
    w->ncode = 0;
}

/* ---- list labels ---- */

/* Starts a paragraph's text with its list label, as Word shows it. */
static void put_label(walker *w, const xmlNode *ppr)
{
    if (!w->lists)
        return;
    char label[LVL_TEXT * 24];
    int space = 0;
    size_t n = docx_para_label(w->lists, ppr, label, sizeof label, &space);
    put_text(w, label, n);
    if (n > 0 && space)
        put_text(w, " ", 1);
}

/* ---- the walk ---- */

static void walk_node(walker *w, const xmlNode *n, unsigned depth);

static void walk_children(walker *w, const xmlNode *parent, unsigned depth)
{
    for (const xmlNode *c = parent->children; c && w->st == GK_OK; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            walk_node(w, c, depth + 1);
}

static void walk_para(walker *w, const xmlNode *p, unsigned depth)
{
    end_line(w); /* text before a paragraph nested in this one (a text box) */
    put_label(w, docx_w_child(p, "pPr"));
    walk_children(w, p, depth);
    end_line(w);
    field_codes_end(w);
}

static void walk_run(walker *w, const xmlNode *r, unsigned depth)
{
    int hide = docx_prop_on(docx_w_child(docx_w_child(r, "rPr"), "vanish"));
    w->hidden += hide;
    walk_children(w, r, depth);
    w->hidden -= hide;
}

static void walk_text(walker *w, const xmlNode *t)
{
    for (const xmlNode *c = t->children; c; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            put_text(w, (const char *)c->content, strlen((const char *)c->content));
}

/* mc:AlternateContent: the first choice, or the fallback only when there is no choice. */
static void walk_alternate(walker *w, const xmlNode *alt, unsigned depth)
{
    const xmlNode *fallback = NULL;
    for (const xmlNode *c = alt->children; c; c = c->next) {
        elem k = classify(c);
        if (k == E_CHOICE) {
            walk_children(w, c, depth + 1);
            return;
        }
        if (k == E_FALLBACK && !fallback)
            fallback = c;
    }
    if (fallback)
        walk_children(w, fallback, depth + 1);
}

/* 1 if a table sits anywhere inside one of the cells below n. */
static int has_inner_table(const xmlNode *n, unsigned depth, int in_cell)
{
    if (depth > GK_MAX_NESTING)
        return 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        elem k = classify(c);
        if (k == E_SKIP || k == E_FALLBACK)
            continue;
        if (in_cell && k == E_TBL)
            return 1;
        if (has_inner_table(c, depth + 1, in_cell || k == E_TC))
            return 1;
    }
    return 0;
}

/* Whether a cell's properties mark it as covered by a merge that started before it. */
static int covered(const xmlNode *tcpr)
{
    char v[16];
    for (int i = 0; i < 2; i++) {
        const xmlNode *m = docx_w_child(tcpr, i == 0 ? "vMerge" : "hMerge");
        if (!m)
            continue;
        const char *s = docx_attr(m, "val", v, sizeof v);
        if (!s || strcmp(s, "restart") != 0)
            return 1;
    }
    return 0;
}

/* A column count (w:gridSpan, w:gridBefore), clamped to GK_MAX_ROW_CELLS with a note. */
static uint32_t columns(walker *w, const xmlNode *prop, long dflt)
{
    long n = docx_num_val(prop, dflt);
    if (n <= (long)GK_MAX_ROW_CELLS)
        return (uint32_t)n;
    char zh[160], en[160];
    snprintf(zh, sizeof zh, "表格单元格跨 %ld 列，超过上限 %u，按 %u 列读取", n, GK_MAX_ROW_CELLS,
             GK_MAX_ROW_CELLS);
    snprintf(en, sizeof en, "a table cell spans %ld columns, more than %u; read as %u", n,
             GK_MAX_ROW_CELLS, GK_MAX_ROW_CELLS);
    limit_note(w, NOTE_SPAN, zh, en);
    return GK_MAX_ROW_CELLS;
}

static void cells_note(walker *w)
{
    char zh[160], en[160];
    snprintf(zh, sizeof zh, "表格行超过 %u 个单元格，其余单元格未读取", GK_MAX_ROW_CELLS);
    snprintf(en, sizeof en, "a table row has more than %u cells; the rest were not read",
             GK_MAX_ROW_CELLS);
    limit_note(w, NOTE_CELLS, zh, en);
}

/* One w:tc of a grid table: kept at its grid column unless a merge covers it. */
static void walk_cell(walker *w, const xmlNode *tc, unsigned depth)
{
    row_state *r = &w->row;
    if (++r->seen > GK_MAX_ROW_CELLS) {
        cells_note(w);
        return;
    }
    const xmlNode *pr = docx_w_child(tc, "tcPr");
    uint32_t span = columns(w, docx_w_child(pr, "gridSpan"), 1);
    if (!covered(pr)) {
        end_line(w);
        w->in_cell = 1;
        w->cell_start = r->text.len;
        walk_children(w, tc, depth);
        end_line(w);
        w->in_cell = 0;
        r->off[r->n] = w->cell_start;
        r->len[r->n] = r->text.len - w->cell_start;
        r->cols[r->n++] = r->col;
    }
    r->col += span ? span : 1;
}

/* The cells of a row, also inside content controls and custom XML wrapping them. */
static void walk_cells(walker *w, const xmlNode *n, unsigned depth)
{
    if (depth > GK_MAX_NESTING) {
        depth_note(w);
        return;
    }
    for (const xmlNode *c = n->children; c && w->st == GK_OK; c = c->next) {
        elem k = classify(c);
        if (k == E_TC)
            walk_cell(w, c, depth + 1);
        else if (k == E_OTHER || k == E_ALT || k == E_CHOICE)
            walk_cells(w, c, depth + 1);
    }
}

static void emit_row(walker *w)
{
    row_state *r = &w->row;
    const char *cells[GK_MAX_ROW_CELLS];
    for (uint32_t i = 0; i < r->n; i++)
        cells[i] = r->text.p ? r->text.p + r->off[i] : "";
    if (blocks_add_row(w->b, cells, r->len, r->cols, r->n, w->emitted + 1) < 0)
        w->st = reader_error(w->err, GK_ERR_LIMIT, "DOCX has too many paragraphs and table rows");
    else
        w->emitted++;
}

static void walk_row(walker *w, const xmlNode *tr, unsigned depth)
{
    const xmlNode *pr = docx_w_child(tr, "trPr");
    if (docx_w_child(pr, "del"))
        return; /* a row deleted with tracked changes */
    row_state *r = &w->row;
    r->col = 1 + columns(w, docx_w_child(pr, "gridBefore"), 0);
    r->n = r->seen = 0;
    r->text.len = 0;
    walk_cells(w, tr, depth);
    if (r->n > 0 && w->st == GK_OK)
        emit_row(w);
}

/* The rows of a grid table, also inside content controls and custom XML wrapping them. */
static void walk_rows(walker *w, const xmlNode *n, unsigned depth)
{
    if (depth > GK_MAX_NESTING) {
        depth_note(w);
        return;
    }
    for (const xmlNode *c = n->children; c && w->st == GK_OK; c = c->next) {
        elem k = classify(c);
        if (k == E_TR)
            walk_row(w, c, depth + 1);
        else if (k == E_P || k == E_TBL)
            walk_node(w, c, depth + 1);
        else if (k == E_OTHER || k == E_ALT || k == E_CHOICE)
            walk_rows(w, c, depth + 1);
    }
}

static void walk_table(walker *w, const xmlNode *tbl, unsigned depth)
{
    end_line(w);
    if (w->in_cell)
        walk_children(w, tbl, depth); /* below the depth the layout check looks at */
    else if (has_inner_table(tbl, depth, 0))
        walk_children(w, tbl, depth); /* a layout table: its cells are ordinary content */
    else
        walk_rows(w, tbl, depth);
}

static void walk_node(walker *w, const xmlNode *n, unsigned depth)
{
    if (depth > GK_MAX_NESTING) {
        depth_note(w);
        return;
    }
    switch (classify(n)) {
    case E_P:
        walk_para(w, n, depth);
        break;
    case E_TBL:
        walk_table(w, n, depth);
        break;
    case E_R:
        walk_run(w, n, depth);
        break;
    case E_T:
        walk_text(w, n);
        break;
    case E_TAB:
        put_text(w, " ", 1);
        break;
    case E_BR:
        if (visible(w))
            end_line(w);
        break;
    case E_HYPHEN:
        put_text(w, "-", 1);
        break;
    case E_FLDCHAR:
        field_char(w, n);
        break;
    case E_ALT:
        walk_alternate(w, n, depth);
        break;
    case E_SKIP:
    case E_FALLBACK:
        break;
    default:
        walk_children(w, n, depth);
        break;
    }
}

/* Walks w:body into blocks, with list labels from L (may be NULL); GK_OK unless at a limit. */
gk_status docx_walk_body(gk_blocks *b, const xmlNode *body, lists *L, gk_error *err)
{
    walker *w = docx_alloc_n(1, sizeof *w);
    w->b = b;
    w->err = err;
    w->st = GK_OK;
    w->lists = L;
    walk_children(w, body, 0);
    end_line(w);
    gk_status st = w->st;
    docx_buf_free(&w->line);
    docx_buf_free(&w->row.text);
    free(w);
    return st;
}
