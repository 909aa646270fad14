/*
 * docx.c — the DOCX reader: word/document.xml of a Word file (libzip + libxml2) becomes blocks.
 *
 * The body is walked in document order. A paragraph becomes a PARA block, and a line break
 * inside it starts a new one, like a line of a text file. A table row becomes a ROW block
 * whose cells sit at their grid columns; cells covered by a vertical merge are left out, so
 * they cannot be read as blank values. A table holding another table is a layout table: its
 * cells' content is read as ordinary content. Deleted text, field codes and the fallback
 * copies of alternate content are skipped. A damaged file becomes an error note with no
 * blocks; only limits are errors.
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "../core/norm.h"
#include "readers.h"

#define W_NS        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define MC_NS       "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define MAIN_PART   "word/document.xml"
#define READ_CHUNK  (64u * 1024u)
#define MAX_FIELDS  32 /* nested complex fields tracked */

/* A growing byte buffer (malloc'd; the text read from the XML tree). */
typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

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

static void buf_free(buf *b)
{
    free(b->p);
    *b = (buf){0};
}

/* ---- notes ---- */

static void damaged(gk_blocks *b, const char *zh_what, const char *en_what, const char *detail)
{
    char zh[256], en[512];
    snprintf(zh, sizeof zh, "DOCX 文件已损坏：%s", zh_what);
    if (detail && *detail)
        snprintf(en, sizeof en, "damaged DOCX: %s (%s)", en_what, detail);
    else
        snprintf(en, sizeof en, "damaged DOCX: %s", en_what);
    blocks_note_add(b, 2, "GK-DAMAGED", 0, zh, en);
}

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

/* ---- elements and attributes ---- */

static int ns_is(const xmlNode *n, const char *href)
{
    return n->ns && n->ns->href && strcmp((const char *)n->ns->href, href) == 0;
}

static int is_w_ns(const xmlNode *n)
{
    return ns_is(n, W_NS) || ns_is(n, W_NS_STRICT);
}

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
    if (is_w_ns(n)) {
        const elem_name *e =
            bsearch(name, w_elems, sizeof w_elems / sizeof w_elems[0], sizeof w_elems[0], elem_cmp);
        return e ? e->kind : E_OTHER;
    }
    if (ns_is(n, MC_NS)) {
        if (strcmp(name, "AlternateContent") == 0)
            return E_ALT;
        if (strcmp(name, "Choice") == 0)
            return E_CHOICE;
        if (strcmp(name, "Fallback") == 0)
            return E_FALLBACK;
    }
    return E_OTHER;
}

/* The first WordprocessingML child element of n called `name`, or NULL. */
static const xmlNode *w_child(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && is_w_ns(c) && strcmp((const char *)c->name, name) == 0)
            return c;
    return NULL;
}

/* Attribute `name` (any namespace) of n as a short string in out, or NULL if absent. Only
 * literal text is taken: entity references are never expanded. */
static const char *attr(const xmlNode *n, const char *name, char *out, size_t cap)
{
    for (const xmlAttr *a = n ? n->properties : NULL; a; a = a->next) {
        if (strcmp((const char *)a->name, name) != 0)
            continue;
        size_t len = 0;
        for (const xmlNode *t = a->children; t; t = t->next) {
            if (t->type != XML_TEXT_NODE || !t->content)
                continue;
            size_t k = strlen((const char *)t->content);
            if (k > cap - 1 - len)
                k = cap - 1 - len;
            memcpy(out + len, t->content, k);
            len += k;
        }
        out[len] = '\0';
        return out;
    }
    return NULL;
}

/* An on/off property (w:vanish, …): present and not switched off. */
static int prop_on(const xmlNode *prop)
{
    char v[8];
    if (!prop)
        return 0;
    const char *s = attr(prop, "val", v, sizeof v);
    return !s || !(strcmp(s, "0") == 0 || strcmp(s, "false") == 0 || strcmp(s, "off") == 0);
}

/* A decimal attribute value; `dflt` if absent or not a number. */
static unsigned long num_val(const xmlNode *prop, unsigned long dflt)
{
    char v[24];
    const char *s = prop ? attr(prop, "val", v, sizeof v) : NULL;
    if (!s || *s < '0' || *s > '9')
        return dflt;
    unsigned long n = 0;
    for (; *s >= '0' && *s <= '9'; s++)
        n = n > 100000000ul ? n : n * 10 + (unsigned long)(*s - '0');
    return n;
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
    if (!attr(n, "fldCharType", v, sizeof v))
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
    walk_children(w, p, depth);
    end_line(w);
    field_codes_end(w);
}

static void walk_run(walker *w, const xmlNode *r, unsigned depth)
{
    int hide = prop_on(w_child(w_child(r, "rPr"), "vanish"));
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
        const xmlNode *m = w_child(tcpr, i == 0 ? "vMerge" : "hMerge");
        if (!m)
            continue;
        const char *s = attr(m, "val", v, sizeof v);
        if (!s || strcmp(s, "restart") != 0)
            return 1;
    }
    return 0;
}

/* A column count (w:gridSpan, w:gridBefore), clamped to GK_MAX_ROW_CELLS with a note. */
static uint32_t columns(walker *w, const xmlNode *prop, unsigned long dflt)
{
    unsigned long n = num_val(prop, dflt);
    if (n <= GK_MAX_ROW_CELLS)
        return (uint32_t)n;
    char zh[160], en[160];
    snprintf(zh, sizeof zh, "表格单元格跨 %lu 列，超过上限 %u，按 %u 列读取", n, GK_MAX_ROW_CELLS,
             GK_MAX_ROW_CELLS);
    snprintf(en, sizeof en, "a table cell spans %lu columns, more than %u; read as %u", n,
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
    const xmlNode *pr = w_child(tc, "tcPr");
    uint32_t span = columns(w, w_child(pr, "gridSpan"), 1);
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
    const xmlNode *pr = w_child(tr, "trPr");
    if (w_child(pr, "del"))
        return; /* a row deleted with tracked changes */
    row_state *r = &w->row;
    r->col = 1 + columns(w, w_child(pr, "gridBefore"), 0);
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

/* ---- the container ---- */

static zip_t *open_zip(gk_blocks *b, const char *data, size_t len)
{
    if (len < 4 || memcmp(data, "PK", 2) != 0) {
        damaged(b, "不是 ZIP 压缩包", "not a ZIP archive", NULL);
        return NULL;
    }
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!za) {
        zip_source_free(src);
        damaged(b, "无法作为 ZIP 压缩包打开", "cannot be opened as a ZIP archive",
                zip_error_strerror(&ze));
    }
    zip_error_fini(&ze);
    return za;
}

/* Decompresses entry `idx` into out, never more than GK_MAX_UNZIPPED bytes whatever the
 * archive says. Returns 1 when read, 0 when damaged (noted), -1 at the limit (err set). */
static int read_part(gk_blocks *b, zip_t *za, zip_int64_t idx, buf *out, gk_error *err)
{
    zip_file_t *f = zip_fopen_index(za, (zip_uint64_t)idx, 0);
    if (!f) {
        damaged(b, "无法打开 " MAIN_PART, "cannot open " MAIN_PART, zip_strerror(za));
        return 0;
    }
    int ok = 1;
    for (;;) {
        if (out->cap - out->len < READ_CHUNK) {
            size_t cap = out->cap ? out->cap * 2 : 4 * READ_CHUNK;
            if (cap > (size_t)GK_MAX_UNZIPPED + 1)
                cap = (size_t)GK_MAX_UNZIPPED + 1;
            char *p = cap > out->cap ? realloc(out->p, cap) : out->p;
            if (!p)
                gk_oom();
            out->p = p;
            out->cap = cap;
        }
        size_t want = out->cap - out->len < READ_CHUNK ? out->cap - out->len : READ_CHUNK;
        zip_int64_t got = zip_fread(f, out->p + out->len, want);
        if (got < 0) {
            damaged(b, "无法解压 " MAIN_PART, "cannot decompress " MAIN_PART, zip_file_strerror(f));
            ok = 0;
            break;
        }
        if (got == 0)
            break;
        out->len += (size_t)got;
        if (out->len > GK_MAX_UNZIPPED) {
            reader_error(err, GK_ERR_LIMIT, "DOCX part larger than 128 MiB (" MAIN_PART ")");
            ok = -1;
            break;
        }
    }
    zip_fclose(f);
    return ok;
}

/* Reads word/document.xml into out: 1 when read, 0 when damaged (noted), -1 at a limit. */
static int read_main_part(gk_blocks *b, const char *data, size_t len, buf *out, gk_error *err)
{
    zip_t *za = open_zip(b, data, len);
    if (!za)
        return 0;
    zip_int64_t idx = zip_name_locate(za, MAIN_PART, 0);
    if (idx < 0)
        idx = zip_name_locate(za, MAIN_PART, ZIP_FL_NOCASE);
    int ok = 0;
    if (idx < 0)
        blocks_note_add(b, 2, "GK-NOT-DOCX", 0, "不是 Word 文档：压缩包中没有 " MAIN_PART,
                        "not a Word document: the ZIP archive has no " MAIN_PART);
    else
        ok = read_part(b, za, idx, out, err);
    zip_discard(za);
    return ok;
}

static void init_libxml(void)
{
    xmlInitParser();
}

/* Parses the part without network, DTD loading or entity substitution; NULL if damaged. */
static xmlDoc *parse_part(gk_blocks *b, const buf *xml)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, init_libxml);
    xmlParserCtxt *ctxt = xmlNewParserCtxt();
    if (!ctxt)
        gk_oom();
    xmlDoc *doc = xmlCtxtReadMemory(ctxt, xml->p ? xml->p : "", (int)xml->len, MAIN_PART, NULL,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                        XML_PARSE_COMPACT);
    if (!doc) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        char zh[160], detail[200];
        int line = e ? e->line : 0;
        int mlen = e && e->message ? (int)strcspn(e->message, "\r\n") : 0;
        snprintf(zh, sizeof zh, MAIN_PART " 不是格式正确的 XML（第 %d 行）", line);
        snprintf(detail, sizeof detail, "line %d: %.*s", line, mlen > 150 ? 150 : mlen,
                 e && e->message ? e->message : "");
        damaged(b, zh, MAIN_PART " is not well-formed XML", detail);
    }
    xmlFreeParserCtxt(ctxt);
    return doc;
}

static const xmlNode *find_body(const xmlDoc *doc)
{
    const xmlNode *root = xmlDocGetRootElement(doc);
    if (!root || !is_w_ns(root) || strcmp((const char *)root->name, "document") != 0)
        return NULL;
    return w_child(root, "body");
}

static gk_status walk_body(gk_blocks *b, const xmlNode *body, gk_error *err)
{
    walker *w = calloc(1, sizeof *w);
    if (!w)
        gk_oom();
    w->b = b;
    w->err = err;
    w->st = GK_OK;
    walk_children(w, body, 0);
    end_line(w);
    gk_status st = w->st;
    buf_free(&w->line);
    buf_free(&w->row.text);
    free(w);
    return st;
}

gk_status read_docx(gk_blocks *b, const char *data, size_t len, gk_error *err)
{
    buf xml = {0};
    int ok = read_main_part(b, data, len, &xml, err);
    if (ok <= 0) {
        buf_free(&xml);
        return ok < 0 ? GK_ERR_LIMIT : GK_OK;
    }
    xmlDoc *doc = parse_part(b, &xml);
    buf_free(&xml);
    if (!doc)
        return GK_OK;
    const xmlNode *body = find_body(doc);
    gk_status st = GK_OK;
    if (body)
        st = walk_body(b, body, err);
    else
        damaged(b, MAIN_PART " 中没有正文（w:body）", MAIN_PART " has no w:body", NULL);
    xmlFreeDoc(doc);
    return st;
}
