/*
 * html.c — the HTML reader: libxml2's HTML parser (recover mode, on UTF-8 already decoded by
 * input.c) builds a tree, and the tree is walked into blocks.
 *
 * Running text becomes paragraphs, split at block-level elements and at <br>. A table with no
 * table inside is a data table: its cells are placed on a grid honouring rowspan and colspan,
 * and each <tr> becomes one row holding the cells that start in it, with `col` set to their
 * 1-based grid column. A table holding another table is page layout and is read as ordinary
 * content. Nesting, spans and row widths are bounded so a hostile page stays cheap.
 */
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/norm.h"
#include "readers.h"

#define GRID_COLS   GK_MAX_ROW_CELLS /* grid columns of a data table */
#define MAX_ROWSPAN 1000u

/* How the walker treats an element. */
typedef enum el_kind {
    EL_INLINE = 0, /* anything not listed: its text runs on */
    EL_SKIP,       /* never text of the report: script, style, head, … */
    EL_BLOCK,      /* starts and ends a paragraph */
    EL_BR,         /* ends a paragraph */
    EL_PRE,        /* a block whose line breaks end paragraphs */
    EL_TABLE,
    EL_GROUP, /* thead, tbody, tfoot */
    EL_ROW,   /* tr */
    EL_CELL,  /* td, th */
} el_kind;

typedef struct el_name {
    const char *name;
    el_kind kind;
} el_name;

/* Sorted by name for bsearch. */
static const el_name el_names[] = {
    {"address", EL_BLOCK},    {"article", EL_BLOCK},  {"aside", EL_BLOCK},
    {"blockquote", EL_BLOCK}, {"body", EL_BLOCK},     {"br", EL_BR},
    {"caption", EL_BLOCK},    {"center", EL_BLOCK},   {"dd", EL_BLOCK},
    {"details", EL_BLOCK},    {"dialog", EL_BLOCK},   {"dir", EL_BLOCK},
    {"div", EL_BLOCK},        {"dl", EL_BLOCK},       {"dt", EL_BLOCK},
    {"embed", EL_SKIP},       {"fieldset", EL_BLOCK}, {"figcaption", EL_BLOCK},
    {"figure", EL_BLOCK},     {"footer", EL_BLOCK},   {"form", EL_BLOCK},
    {"frameset", EL_SKIP},    {"h1", EL_BLOCK},       {"h2", EL_BLOCK},
    {"h3", EL_BLOCK},         {"h4", EL_BLOCK},       {"h5", EL_BLOCK},
    {"h6", EL_BLOCK},         {"head", EL_SKIP},      {"header", EL_BLOCK},
    {"hgroup", EL_BLOCK},     {"hr", EL_BLOCK},       {"html", EL_BLOCK},
    {"iframe", EL_SKIP},      {"legend", EL_BLOCK},   {"li", EL_BLOCK},
    {"listing", EL_PRE},      {"main", EL_BLOCK},     {"math", EL_SKIP},
    {"menu", EL_BLOCK},       {"nav", EL_BLOCK},      {"noframes", EL_SKIP},
    {"noscript", EL_SKIP},    {"object", EL_SKIP},    {"ol", EL_BLOCK},
    {"optgroup", EL_SKIP},    {"option", EL_SKIP},    {"p", EL_BLOCK},
    {"plaintext", EL_PRE},    {"pre", EL_PRE},        {"script", EL_SKIP},
    {"section", EL_BLOCK},    {"select", EL_SKIP},    {"style", EL_SKIP},
    {"summary", EL_BLOCK},    {"svg", EL_SKIP},       {"table", EL_TABLE},
    {"tbody", EL_GROUP},      {"td", EL_CELL},        {"template", EL_SKIP},
    {"textarea", EL_SKIP},    {"tfoot", EL_GROUP},    {"th", EL_CELL},
    {"thead", EL_GROUP},      {"title", EL_SKIP},     {"tr", EL_ROW},
    {"ul", EL_BLOCK},         {"xmp", EL_PRE},
};

/* A growable byte buffer (malloc'd; the block builders copy what they keep). */
typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

/* A data table's grid and the row being built. */
typedef struct grid {
    uint32_t left[GRID_COLS]; /* rows a cell from an earlier row still covers, per column */
    buf text;                 /* the current row's cells, one after another */
    size_t start[GRID_COLS], len[GRID_COLS];
    uint32_t col[GRID_COLS]; /* 1-based grid column of each cell */
    uint32_t n, next;        /* cells in the row; next grid column to try */
} grid;

typedef struct walker {
    gk_blocks *b;
    buf para;           /* the paragraph being gathered */
    uint32_t para_line; /* source line of its first text; 0 while it has none */
    uint32_t last_line; /* line of the last element start met, in document order */
    int in_pre;
    int full; /* GK_MAX_BLOCKS reached: stop */
    int deep_noted, wide_noted;
    grid g;
} walker;

static void walk_node(walker *w, xmlNode *n, unsigned depth);

static int el_cmp(const void *key, const void *item)
{
    return strcmp(key, ((const el_name *)item)->name);
}

static el_kind kind_of(const xmlNode *n)
{
    const el_name *e = bsearch(n->name, el_names, sizeof el_names / sizeof el_names[0],
                               sizeof el_names[0], el_cmp);
    return e ? e->kind : EL_INLINE;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static void buf_reserve(buf *t, size_t more)
{
    if (t->len + more <= t->cap)
        return;
    size_t cap = t->cap ? t->cap : 256;
    while (cap < t->len + more)
        cap *= 2;
    char *p = realloc(t->p, cap);
    if (!p)
        gk_oom();
    t->p = p;
    t->cap = cap;
}

/* Appends one space unless the buffer is empty or already ends in one. */
static void buf_space(buf *t)
{
    if (t->len == 0 || t->p[t->len - 1] == ' ')
        return;
    buf_reserve(t, 1);
    t->p[t->len++] = ' ';
}

/* Appends s[0..len) with every run of ASCII white space made one space. */
static void buf_text(buf *t, const char *s, size_t len)
{
    buf_reserve(t, len);
    for (size_t i = 0; i < len; i++) {
        if (is_space(s[i]))
            buf_space(t);
        else
            t->p[t->len++] = s[i];
    }
}

static uint32_t node_line(const xmlNode *n)
{
    long line = xmlGetLineNo(n);
    return line > 0 ? (uint32_t)line : 0;
}

/*
 * Line where a text node starts, counting `skip` bytes of it. libxml2 records the line where
 * the parser stood when it stored the text (its end, or the end of its first chunk), so count
 * back over the node's line breaks, but never before the element that precedes it.
 */
static uint32_t text_line(const walker *w, const xmlNode *n, const char *s, size_t len, size_t skip)
{
    uint32_t end = node_line(n), total = 0, before = 0;
    for (size_t i = 0; i < len; i++) {
        total += s[i] == '\n';
        before += s[i] == '\n' && i < skip;
    }
    uint32_t start = end > total ? end - total : 1;
    if (start < w->last_line)
        start = w->last_line;
    start += before;
    if (end && start > end)
        start = end;
    return start ? start : 1;
}

/* Warns once that the walk went no deeper than GK_MAX_NESTING. */
static void note_deep(walker *w, const xmlNode *n)
{
    if (w->deep_noted)
        return;
    w->deep_noted = 1;
    char zh[160], en[160];
    snprintf(zh, sizeof zh, "HTML 元素嵌套超过 %u 层，更深处的内容未读取", GK_MAX_NESTING);
    snprintf(en, sizeof en,
             "HTML elements nested deeper than %u levels; the content below was not read",
             GK_MAX_NESTING);
    blocks_note_add(w->b, 1, "GK-LIMIT", node_line(n), zh, en);
}

/* Warns once that a table row was cut at GRID_COLS columns. */
static void note_wide(walker *w, uint32_t line)
{
    if (w->wide_noted)
        return;
    w->wide_noted = 1;
    char zh[160], en[160];
    snprintf(zh, sizeof zh, "表格一行超过 %u 列，其余单元格未读取", GRID_COLS);
    snprintf(en, sizeof en, "a table row is wider than %u columns; the cells past it were not read",
             GRID_COLS);
    blocks_note_add(w->b, 1, "GK-LIMIT", line, zh, en);
}

/* Ends the paragraph being gathered, adding it as a block if it holds any text. */
static void flush_para(walker *w)
{
    if (w->para.len && !w->full && blocks_add_para(w->b, w->para.p, w->para.len, w->para_line) < 0)
        w->full = 1;
    w->para.len = 0;
    w->para_line = 0;
}

/* Adds a text node's content to the paragraph; in <pre>, each line break ends it. */
static void add_text(walker *w, const xmlNode *n)
{
    const char *s = (const char *)n->content;
    if (!s)
        return;
    size_t len = strlen(s);
    if (!w->in_pre) {
        size_t k = 0;
        while (w->para_line == 0 && k < len && is_space(s[k]))
            k++;
        if (w->para_line == 0 && k < len)
            w->para_line = text_line(w, n, s, len, k);
        buf_text(&w->para, s, len);
        return;
    }
    uint32_t line = text_line(w, n, s, len, 0);
    for (size_t i = 0; i < len; i++) {
        size_t j = i;
        while (j < len && s[j] != '\n')
            j++;
        if (w->para_line == 0)
            w->para_line = line;
        buf_text(&w->para, s + i, j - i);
        if (j < len) {
            flush_para(w);
            line++;
        }
        i = j;
    }
}

/* 1 if a table element lies inside n (searched no deeper than the nesting limit). */
static int has_table_inside(const xmlNode *n, unsigned depth)
{
    if (depth > GK_MAX_NESTING)
        return 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)c->name, "table") == 0 || has_table_inside(c, depth + 1))
            return 1;
    }
    return 0;
}

/* rowspan/colspan: leading digits, clamped to [1, max]; missing, 0 or not a number → 1. */
static uint32_t span_attr(xmlNode *n, const char *name, uint32_t max)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return 1;
    const char *p = (const char *)v;
    while (is_space(*p))
        p++;
    if (*p == '+')
        p++;
    uint32_t x = 0;
    for (; *p >= '0' && *p <= '9'; p++)
        if (x <= max)
            x = x * 10 + (uint32_t)(*p - '0');
    xmlFree(v);
    if (x > max)
        return max;
    return x ? x : 1;
}

/* Appends the text inside a cell: block elements and <br> become single spaces. */
static void cell_text(walker *w, buf *t, const xmlNode *n, unsigned depth)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                buf_text(t, (const char *)c->content, strlen((const char *)c->content));
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue;
        el_kind k = kind_of(c);
        if (k == EL_SKIP)
            continue;
        if (depth >= GK_MAX_NESTING) {
            note_deep(w, c);
            continue;
        }
        if (k != EL_INLINE)
            buf_space(t);
        cell_text(w, t, c, depth + 1);
        if (k != EL_INLINE)
            buf_space(t);
    }
}

/* Places a cell on the grid at the first free column and gathers its text. */
static void place_cell(walker *w, xmlNode *cell, uint32_t row_line, unsigned depth)
{
    grid *g = &w->g;
    while (g->next < GRID_COLS && g->left[g->next] > 0)
        g->next++;
    if (g->next >= GRID_COLS) {
        note_wide(w, row_line);
        return;
    }
    uint32_t rs = span_attr(cell, "rowspan", MAX_ROWSPAN);
    uint32_t cs = span_attr(cell, "colspan", GRID_COLS);
    if (cs > GRID_COLS - g->next)
        cs = GRID_COLS - g->next;
    for (uint32_t k = g->next; k < g->next + cs; k++)
        if (g->left[k] < rs)
            g->left[k] = rs;
    g->start[g->n] = g->text.len;
    cell_text(w, &g->text, cell, depth + 1);
    g->len[g->n] = g->text.len - g->start[g->n];
    g->col[g->n] = g->next + 1;
    g->n++;
    g->next += cs;
}

/* Places the cells among n's children (looking through other elements, such as a <form>
 * wrapped around cells); stray text goes to the paragraph before the row. */
static void row_cells(walker *w, xmlNode *n, uint32_t row_line, unsigned depth)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            add_text(w, c);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue;
        el_kind k = kind_of(c);
        if (k == EL_SKIP)
            continue;
        if (depth >= GK_MAX_NESTING)
            note_deep(w, c);
        else if (k == EL_CELL)
            place_cell(w, c, row_line, depth + 1);
        else
            row_cells(w, c, row_line, depth + 1);
    }
}

static void row_begin(walker *w)
{
    buf_reserve(&w->g.text, 1); /* never a NULL base for the cells' pointers */
    w->g.text.len = 0;
    w->g.n = 0;
    w->g.next = 0;
}

/* Emits the row built since row_begin (if any cell starts in it) and moves the grid down. */
static void row_end(walker *w, uint32_t line)
{
    grid *g = &w->g;
    flush_para(w);
    if (g->n && !w->full) {
        const char *cells[GRID_COLS];
        for (uint32_t i = 0; i < g->n; i++) /* trimmed here: a cell's col is its grid column */
            cells[i] = trim_space(g->text.p + g->start[i], &g->len[i]);
        if (blocks_add_row(w->b, cells, g->len, g->col, g->n, line) < 0)
            w->full = 1;
    }
    for (uint32_t k = 0; k < GRID_COLS; k++)
        if (g->left[k] > 0)
            g->left[k]--;
}

/* Cells written straight under a table or row group, without a <tr>, read as one row. Returns
 * the last node taken. */
static xmlNode *implicit_row(walker *w, xmlNode *first, unsigned depth)
{
    uint32_t line = node_line(first);
    xmlNode *last = first;
    row_begin(w);
    for (xmlNode *c = first; c && !w->full; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            if (kind_of(c) != EL_CELL)
                break;
            place_cell(w, c, line, depth);
        }
        last = c;
    }
    row_end(w, line);
    return last;
}

/* 1 if n has rows, row groups or cells among its children. */
static int holds_rows(const xmlNode *n)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        el_kind k = c->type == XML_ELEMENT_NODE ? kind_of(c) : EL_INLINE;
        if (k == EL_ROW || k == EL_GROUP || k == EL_CELL)
            return 1;
    }
    return 0;
}

/* The rows of a data table or of one of its row groups; anything else inside is content. */
static void table_part(walker *w, xmlNode *n, unsigned depth)
{
    for (xmlNode *c = n->children; c && !w->full; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) {
            walk_node(w, c, depth);
            continue;
        }
        el_kind k = kind_of(c);
        if (k == EL_CELL) {
            c = implicit_row(w, c, depth);
        } else if (k == EL_ROW && depth < GK_MAX_NESTING) {
            uint32_t line = node_line(c);
            w->last_line = line > w->last_line ? line : w->last_line;
            row_begin(w);
            row_cells(w, c, line, depth + 1);
            row_end(w, line);
        } else if (k == EL_GROUP && depth < GK_MAX_NESTING) {
            memset(w->g.left, 0, sizeof w->g.left); /* rowspans end with their group */
            table_part(w, c, depth + 1);
            memset(w->g.left, 0, sizeof w->g.left);
        } else if (holds_rows(c) && depth < GK_MAX_NESTING) {
            table_part(w, c, depth + 1); /* a <form> or <div> wrapped around rows */
        } else {
            walk_node(w, c, depth);
        }
    }
}

static void data_table(walker *w, xmlNode *table, unsigned depth)
{
    flush_para(w);
    memset(w->g.left, 0, sizeof w->g.left);
    table_part(w, table, depth + 1);
    flush_para(w);
}

static void walk_children(walker *w, xmlNode *n, unsigned depth)
{
    for (xmlNode *c = n->children; c && !w->full; c = c->next)
        walk_node(w, c, depth);
}

static void walk_element(walker *w, xmlNode *n, unsigned depth)
{
    uint32_t line = node_line(n);
    w->last_line = line > w->last_line ? line : w->last_line;
    el_kind k = kind_of(n);
    switch (k) {
    case EL_SKIP:
        return;
    case EL_INLINE:
        walk_children(w, n, depth + 1);
        return;
    case EL_BR:
        flush_para(w);
        return;
    case EL_TABLE:
        if (!has_table_inside(n, depth + 1)) {
            data_table(w, n, depth);
            return;
        }
        break;
    default:
        break;
    }
    flush_para(w);
    w->in_pre += k == EL_PRE;
    walk_children(w, n, depth + 1);
    w->in_pre -= k == EL_PRE;
    flush_para(w);
}

static void walk_node(walker *w, xmlNode *n, unsigned depth)
{
    if (w->full)
        return;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        add_text(w, n);
        return;
    }
    if (n->type != XML_ELEMENT_NODE)
        return;
    if (depth >= GK_MAX_NESTING) {
        note_deep(w, n);
        return;
    }
    walk_element(w, n, depth);
}

static void libxml_init_once(void)
{
    xmlInitParser();
}

void reader_libxml_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, libxml_init_once);
}

/* Parses the page; *halted_at is set to the line where libxml2 gave up (nesting deeper than
 * it allows), or 0 if it read to the end. */
static htmlDocPtr parse(const char *utf8, size_t len, uint32_t *halted_at)
{
    const int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                     HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC;
    *halted_at = 0;
    reader_libxml_init();
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt)
        gk_oom();
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, utf8, (int)len, NULL, "UTF-8", opts);
    if (doc && ctxt->disableSAX) /* only a halt sets it in recover mode */
        *halted_at = ctxt->input && ctxt->input->line > 0 ? (uint32_t)ctxt->input->line : 1;
    htmlFreeParserCtxt(ctxt);
    return doc;
}

static void note_halt(gk_blocks *b, uint32_t line)
{
    char zh[160], en[160];
    snprintf(zh, sizeof zh, "HTML 嵌套过深，解析在第 %u 行停止，其后的内容未读取", line);
    snprintf(en, sizeof en,
             "HTML nested too deep: parsing stopped at line %u, the rest was not read", line);
    blocks_note_add(b, 1, "GK-LIMIT", line, zh, en);
}

gk_status read_html(gk_blocks *b, const char *utf8, size_t len, gk_error *err)
{
    /* The raw input is capped (GK_MAX_INPUT_BYTES) before decoding; decoded to UTF-8 it may be
     * larger (GBK's two bytes become three), which is fine as long as libxml2 can take it. */
    if (len > INT_MAX)
        return reader_error(err, GK_ERR_LIMIT, "HTML larger than 2 GiB once decoded to UTF-8");
    uint32_t halted_at = 0;
    htmlDocPtr doc = len ? parse(utf8, len, &halted_at) : NULL;
    if (!doc)
        return GK_OK; /* nothing the parser could make a tree of: no blocks */
    walker *w = calloc(1, sizeof *w);
    if (!w)
        gk_oom();
    w->b = b;
    for (xmlNode *n = doc->children; n && !w->full; n = n->next)
        walk_node(w, n, 0);
    flush_para(w);
    if (halted_at)
        note_halt(b, halted_at);
    int full = w->full;
    free(w->para.p);
    free(w->g.text.p);
    free(w);
    xmlFreeDoc(doc);
    return full ? reader_error(err, GK_ERR_LIMIT, "too many paragraphs and table rows") : GK_OK;
}
