/*
 * xlsx.c — the XLSX sheet reader (sheet.h): the first worksheet of a workbook becomes rows of
 * cell strings with their row numbers. The parts come out of the ZIP package with libzip; the
 * workbook, its relationships, the shared strings and the worksheet are read as streams with
 * libxml2's reader, so a large sheet is never held as a tree. Used by the ledger reader.
 */
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "../core/arena.h"
#include "readers.h"
#include "sheet.h"

#define PATH_MAX_BYTES 512   /* the worksheet's path in the package */
#define READ_CHUNK     65536 /* bytes decompressed at a time */

#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* A growing NUL-terminated text (malloc'd). */
typedef struct tbuf {
    char *p;
    size_t len, cap;
} tbuf;

/* Appends s[0..n) and keeps the text NUL-terminated. */
static void tbuf_putn(tbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        if (!b->p)
            gk_oom();
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void tbuf_put(tbuf *b, const char *s)
{
    tbuf_putn(b, s, strlen(s));
}

/* Empties b, leaving "" (never a NULL text). */
static void tbuf_clear(tbuf *b)
{
    b->len = 0;
    tbuf_put(b, "");
}

/* ---- the package ---- */

/* Decompresses a part of the package into *out (NUL-terminated) up to GK_MAX_UNZIPPED bytes.
 * 1 read, 0 missing, -1 damaged or too large (err set). */
static int xlsx_part(zip_t *za, const char *name, tbuf *out, gk_error *err)
{
    zip_int64_t idx = zip_name_locate(za, name, ZIP_FL_NOCASE);
    if (idx < 0)
        return 0;
    zip_file_t *f = zip_fopen_index(za, (zip_uint64_t)idx, 0);
    if (!f)
        return reader_error(
                   err, GK_ERR_INVALID_ARG,
                   "XLSX 文件已损坏：无法打开其中的部件 / damaged XLSX: a part cannot be opened"),
               -1;
    char chunk[READ_CHUNK];
    zip_int64_t got;
    tbuf_clear(out);
    while ((got = zip_fread(f, chunk, sizeof chunk)) > 0) {
        if (out->len + (size_t)got > GK_MAX_UNZIPPED) {
            zip_fclose(f);
            return reader_error(err, GK_ERR_LIMIT,
                                "XLSX 部件超过 32 MiB / an XLSX part larger than 32 MiB"),
                   -1;
        }
        tbuf_putn(out, chunk, (size_t)got);
    }
    zip_fclose(f);
    if (got < 0)
        return reader_error(err, GK_ERR_INVALID_ARG,
                            "XLSX 文件已损坏：无法解压 / damaged XLSX: a part cannot be read"),
               -1;
    return 1;
}

/* ---- XML ---- */

static xmlTextReaderPtr xml_reader(const tbuf *b, const char *name)
{
    reader_libxml_init();
    xmlTextReaderPtr x = xmlReaderForMemory(
        b->p, (int)b->len, name, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!x)
        gk_oom();
    return x;
}

static int is_elem(xmlTextReaderPtr x, const char *name)
{
    const xmlChar *n = xmlTextReaderConstLocalName(x);
    return n && strcmp((const char *)n, name) == 0;
}

static char *attr(xmlTextReaderPtr x, const char *name)
{
    return (char *)xmlTextReaderGetAttribute(x, (const xmlChar *)name);
}

/* 1 for a node that carries text: text, significant white space, CDATA. */
static int is_text(int type)
{
    return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
           type == XML_READER_TYPE_CDATA;
}

static gk_status xml_damaged(gk_error *err, const char *part)
{
    char msg[256];
    snprintf(msg, sizeof msg,
             "XLSX 文件已损坏：%s 不是格式正确的 XML / damaged XLSX: %s is not well-formed XML",
             part, part);
    return reader_error(err, GK_ERR_INVALID_ARG, msg);
}

/* ---- the shared strings ---- */

typedef struct sst {
    const char **v;
    size_t n, cap;
    arena mem; /* the strings and v */
} sst;

static void sst_add(sst *ss, const char *s)
{
    if (ss->n == ss->cap) {
        ss->cap = ss->cap ? ss->cap * 2 : 256;
        ss->v = arena_grow(&ss->mem, ss->v, ss->n, ss->cap, sizeof *ss->v);
    }
    ss->v[ss->n++] = arena_strdup(&ss->mem, s);
}

/* Each <si>'s text (its <t> elements, not the phonetic <rPh> runs). */
static gk_status read_shared(const tbuf *xml, sst *out, gk_error *err)
{
    xmlTextReaderPtr x = xml_reader(xml, "sharedStrings.xml");
    tbuf text = {0};
    int in_t = 0, in_rph = 0, rc;
    while ((rc = xmlTextReaderRead(x)) == 1) {
        int type = xmlTextReaderNodeType(x), empty = xmlTextReaderIsEmptyElement(x);
        if (type == XML_READER_TYPE_ELEMENT && is_elem(x, "si"))
            tbuf_clear(&text);
        else if (type == XML_READER_TYPE_ELEMENT && is_elem(x, "rPh"))
            in_rph = !empty;
        else if (type == XML_READER_TYPE_ELEMENT && is_elem(x, "t"))
            in_t = !empty;
        else if (type == XML_READER_TYPE_END_ELEMENT && is_elem(x, "rPh"))
            in_rph = 0;
        else if (type == XML_READER_TYPE_END_ELEMENT && is_elem(x, "t"))
            in_t = 0;
        else if (is_text(type) && in_t && !in_rph)
            tbuf_put(&text, (const char *)xmlTextReaderConstValue(x));
        if ((type == XML_READER_TYPE_END_ELEMENT || empty) && is_elem(x, "si"))
            sst_add(out, text.p ? text.p : "");
    }
    xmlFreeTextReader(x);
    free(text.p);
    return rc < 0 ? xml_damaged(err, "xl/sharedStrings.xml") : GK_OK;
}

/* ---- the first worksheet ---- */

/* The r:id of the workbook's first <sheet> (xmlFree'd by the caller, NULL if none), and the
 * date system into info. */
static char *workbook_first_rid(const tbuf *xml, sheet_info *info)
{
    char *rid = NULL;
    xmlTextReaderPtr x = xml_reader(xml, "workbook.xml");
    while (xmlTextReaderRead(x) == 1) {
        if (xmlTextReaderNodeType(x) != XML_READER_TYPE_ELEMENT)
            continue;
        char *v = is_elem(x, "workbookPr") ? attr(x, "date1904") : NULL;
        if (v)
            info->date1904 = strcmp(v, "1") == 0 || strcmp(v, "true") == 0;
        xmlFree(v);
        if (is_elem(x, "sheet") && !rid)
            rid = (char *)xmlTextReaderGetAttributeNs(x, (const xmlChar *)"id",
                                                      (const xmlChar *)REL_NS);
    }
    xmlFreeTextReader(x);
    return rid;
}

/* The target of relationship `rid` in the workbook's relationships, as a package path. */
static void rels_target(const tbuf *xml, const char *rid, char *path, size_t size)
{
    xmlTextReaderPtr x = xml_reader(xml, "workbook.xml.rels");
    while (xmlTextReaderRead(x) == 1) {
        if (xmlTextReaderNodeType(x) != XML_READER_TYPE_ELEMENT || !is_elem(x, "Relationship"))
            continue;
        char *id = attr(x, "Id"), *target = attr(x, "Target");
        if (id && target && strcmp(id, rid) == 0)
            snprintf(path, size, "%s%s", target[0] == '/' ? "" : "xl/",
                     target + (target[0] == '/'));
        xmlFree(id);
        xmlFree(target);
    }
    xmlFreeTextReader(x);
}

/* The path of the first worksheet (xl/workbook.xml and its relationships), and the date
 * system; "xl/worksheets/sheet1.xml" when they do not say. */
static void first_sheet(zip_t *za, char *path, size_t size, sheet_info *info, gk_error *err)
{
    tbuf xml = {0};
    char *rid = NULL;
    snprintf(path, size, "xl/worksheets/sheet1.xml");
    if (xlsx_part(za, "xl/workbook.xml", &xml, err) > 0)
        rid = workbook_first_rid(&xml, info);
    if (rid && xlsx_part(za, "xl/_rels/workbook.xml.rels", &xml, err) > 0)
        rels_target(&xml, rid, path, size);
    xmlFree(rid);
    free(xml.p);
}

/* The 0-based column of a cell reference ("B7" → 1), or -1. */
static int column_of(const char *ref)
{
    int c = 0, n = 0;
    for (; *ref >= 'A' && *ref <= 'Z' && n < 4; ref++, n++)
        c = c * 26 + (*ref - 'A' + 1);
    return n ? c - 1 : -1;
}

/* The worksheet being read: the current row's cells and the current cell. */
typedef struct ws {
    const sst *ss;
    sheet_row_fn fn;
    void *ctx;
    int stopped; /* the callback stopped the reading */
    arena tmp;   /* the current row's cells */
    sheet_cell v[SHEET_COLS_MAX];
    size_t n;
    size_t rows;       /* rows passed */
    sheet_limit limit; /* a cap the current row is past */
    int line, next_line, col, next_col;
    char type[16];
    int in_value; /* inside <v> or an inline string's <t> */
    int in_rph;
    tbuf text;
} ws;

static void pass_row(ws *w)
{
    if (w->stopped)
        return;
    sheet_row row = {w->line, w->v, w->limit == SHEET_WITHIN ? w->n : 0, w->limit};
    if (w->rows++ == SHEET_ROWS_MAX) {
        row.n = 0;
        row.limit = SHEET_TOO_MANY_ROWS;
        w->fn(w->ctx, &row);
        w->stopped = 1;
        return;
    }
    w->stopped = w->fn(w->ctx, &row);
}

static void cell_end(ws *w)
{
    const char *s = w->text.p ? w->text.p : "";
    int num = 0;
    if (strcmp(w->type, "s") == 0) {
        char *end;
        unsigned long i = strtoul(s, &end, 10);
        s = *s && !*end && i < w->ss->n ? w->ss->v[i] : "";
    } else if (strcmp(w->type, "n") == 0 || !w->type[0]) {
        num = *s != '\0';
    }
    if (strlen(s) > SHEET_CELL_MAX)
        w->limit = SHEET_CELL_TOO_LONG;
    if (w->col < 0 || w->col >= SHEET_COLS_MAX)
        return;
    while (w->n < (size_t)w->col)
        w->v[w->n++] = (sheet_cell){"", 0};
    if ((size_t)w->col < w->n)
        return; /* a cell given twice: the first counts */
    w->v[w->n++] = (sheet_cell){arena_strdup(&w->tmp, s), num};
}

/* The row number an r attribute gives (as atoi reads it), or 0 if none or outside
 * 1..SHEET_ROWS_MAX. */
static int row_number(const char *v)
{
    long n = v ? strtol(v, NULL, 10) : 0;
    return n >= 1 && n <= SHEET_ROWS_MAX ? (int)n : 0;
}

static void row_start(ws *w, xmlTextReaderPtr x, int empty)
{
    char *v = attr(x, "r");
    int given = row_number(v);
    xmlFree(v);
    w->line = given ? given : w->next_line;
    w->next_line = w->line + 1;
    w->n = 0;
    w->limit = SHEET_WITHIN;
    w->next_col = 0;
    arena_free(&w->tmp);
    arena_init(&w->tmp);
    if (empty)
        pass_row(w);
}

static void cell_start(ws *w, xmlTextReaderPtr x, int empty)
{
    char *ref = attr(x, "r"), *t = attr(x, "t");
    w->col = ref ? column_of(ref) : w->next_col;
    w->next_col = w->col + 1;
    snprintf(w->type, sizeof w->type, "%s", t ? t : "");
    xmlFree(ref);
    xmlFree(t);
    tbuf_clear(&w->text);
    if (empty)
        cell_end(w);
}

static void element(ws *w, xmlTextReaderPtr x, int empty)
{
    if (is_elem(x, "row"))
        row_start(w, x, empty);
    else if (is_elem(x, "c"))
        cell_start(w, x, empty);
    else if (is_elem(x, "v") || is_elem(x, "t"))
        w->in_value = !empty;
    else if (is_elem(x, "rPh"))
        w->in_rph = !empty;
}

static void end_element(ws *w, xmlTextReaderPtr x)
{
    if (is_elem(x, "v") || is_elem(x, "t"))
        w->in_value = 0;
    else if (is_elem(x, "rPh"))
        w->in_rph = 0;
    else if (is_elem(x, "c"))
        cell_end(w);
    else if (is_elem(x, "row"))
        pass_row(w);
}

static gk_status read_worksheet(ws *w, const tbuf *xml, gk_error *err)
{
    xmlTextReaderPtr x = xml_reader(xml, "sheet.xml");
    w->next_line = 1;
    int rc = 1;
    while (!w->stopped && (rc = xmlTextReaderRead(x)) == 1) {
        int type = xmlTextReaderNodeType(x);
        if (type == XML_READER_TYPE_ELEMENT)
            element(w, x, xmlTextReaderIsEmptyElement(x));
        else if (type == XML_READER_TYPE_END_ELEMENT)
            end_element(w, x);
        else if (is_text(type) && w->in_value && !w->in_rph && w->text.len <= SHEET_CELL_MAX)
            tbuf_put(&w->text, (const char *)xmlTextReaderConstValue(x));
    }
    xmlFreeTextReader(x);
    return !w->stopped && rc < 0 ? xml_damaged(err, "worksheet") : GK_OK;
}

/* The worksheet at `path` read row by row into fn. */
static gk_status read_sheet(zip_t *za, const char *path, const sst *ss, sheet_row_fn fn, void *ctx,
                            gk_error *err)
{
    tbuf xml = {0};
    int got = xlsx_part(za, path, &xml, err);
    if (got <= 0) {
        free(xml.p);
        return got < 0 ? err->code
                       : reader_error(err, GK_ERR_INVALID_ARG,
                                      "不是电子表格：XLSX 中没有工作表 / not a spreadsheet: the "
                                      "XLSX package has no worksheet");
    }
    ws *w = calloc(1, sizeof *w);
    if (!w)
        gk_oom();
    w->ss = ss;
    w->fn = fn;
    w->ctx = ctx;
    arena_init(&w->tmp);
    gk_status st = read_worksheet(w, &xml, err);
    arena_free(&w->tmp);
    free(w->text.p);
    free(w);
    free(xml.p);
    return st;
}

static zip_t *open_package(const char *data, size_t len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    zip_error_fini(&ze);
    if (!za)
        zip_source_free(src);
    return za;
}

gk_status sheet_read_xlsx(const char *data, size_t len, sheet_row_fn fn, void *ctx,
                          sheet_info *info, gk_error *err)
{
    gk_error local;
    if (!err)
        err = &local;
    zip_t *za = open_package(data, len);
    if (!za)
        return reader_error(err, GK_ERR_INVALID_ARG,
                            "XLSX 文件已损坏：不是 ZIP 压缩包 / damaged XLSX: not a ZIP archive");
    char path[PATH_MAX_BYTES];
    tbuf xml = {0};
    sst ss = {0};
    arena_init(&ss.mem);
    gk_status st = GK_OK;
    info->encoding = NULL;
    info->date1904 = 0;
    first_sheet(za, path, sizeof path, info, err);
    int got = xlsx_part(za, "xl/sharedStrings.xml", &xml, err);
    if (got < 0)
        st = err->code;
    else if (got > 0)
        st = read_shared(&xml, &ss, err);
    free(xml.p);
    if (st == GK_OK)
        st = read_sheet(za, path, &ss, fn, ctx, err);
    arena_free(&ss.mem);
    zip_discard(za);
    return st;
}
