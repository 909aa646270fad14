/*
 * pdf.c — the PDF reader (poppler-glib): pages become blocks much as `pdftotext -layout` lays
 * them out, but structured. This file opens the document, reads it page by page and takes each
 * page's characters; pdf_lines.c groups them into lines and cells, and pdf_rows.c finds the
 * rows and paragraphs over those lines and writes the blocks.
 *
 * Poppler gives every character of a page with its box (poppler_page_get_text and
 * poppler_page_get_text_layout, which share the page's one cached extraction) and font size
 * (poppler_page_get_text_attributes). A page whose text runs down, up or upside down (a page
 * turned by /Rotate) is turned back first.
 *
 * Damaged, encrypted and scanned files are not errors: they become notes (GK-DAMAGED,
 * GK-PDF-ENCRYPTED, GK-PDF-NO-TEXT) and the list stays empty; limits become GK-LIMIT notes.
 * Poppler reports syntax problems through g_log at INFO level, which GLib does not print by
 * default; no global state is changed.
 */
#include <math.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"

#define MAX_GLYPHS 200000u  /* characters read per page */
#define MAX_TEXT   3000000u /* characters read in all; later pages are left out */

static const char replacement[] = "\xEF\xBF\xBD";

/* ---- characters -------------------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s[0..len) and its code point, or 0 if invalid. */
size_t pdf_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
    size_t n = s[0] < 0x80                   ? 1
               : s[0] >= 0xC2 && s[0] < 0xE0 ? 2
               : s[0] >= 0xE0 && s[0] < 0xF0 ? 3
               : s[0] >= 0xF0 && s[0] < 0xF5 ? 4
                                             : 0;
    if (n == 0 || n > len)
        return 0;
    uint32_t c = n == 1 ? s[0] : s[0] & (0x7Fu >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = c << 6 | (s[i] & 0x3Fu);
    }
    static const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < least[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

static int is_space(uint32_t c)
{
    return c <= 0x20 || c == 0x7F || c == 0xA0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200B) ||
           c == 0xFEFF;
}

static int is_cjk(uint32_t c)
{
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFF00 && c <= 0xFFEF) || c >= 0x20000;
}

static int box_ok(const PopplerRectangle *r)
{
    return isfinite(r->x1) && isfinite(r->y1) && isfinite(r->x2) && isfinite(r->y2) &&
           r->x2 >= r->x1 && r->y2 > r->y1 && dabs(r->x1) < 1e6 && dabs(r->y1) < 1e6 &&
           r->x2 - r->x1 < 1e5 && r->y2 - r->y1 < 1e5;
}

void *pdf_grow(void *p, size_t *cap, size_t need, size_t elsize)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap : 256;
    while (c < need)
        c *= 2;
    p = realloc(p, c * elsize);
    if (!p)
        gk_oom();
    *cap = c;
    return p;
}

/* The font size of character i; attributes are ranges of character indices, in order. */
static double font_size_at(GList **at, guint i, double fallback)
{
    while (*at && ((PopplerTextAttributes *)(*at)->data)->end_index < (gint)i)
        *at = (*at)->next;
    if (!*at)
        return fallback;
    const PopplerTextAttributes *a = (*at)->data;
    if (a->start_index > (gint)i || !isfinite(a->font_size) || a->font_size <= 0.5 ||
        a->font_size > 1e4)
        return fallback;
    return a->font_size;
}

/* Keeps the page's characters (white space left out) with their boxes and font sizes. */
static void collect_glyphs(pdf_reader *r, const char *text, const PopplerRectangle *rect,
                           guint nrect, GList *attrs)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t len = strlen(text), off = 0;
    int joined = 0;
    r->ng = 0;
    for (guint i = 0; i < nrect && off < len; i++) {
        uint32_t cp = 0xFFFD;
        size_t n = pdf_utf8_decode(s + off, len - off, &cp);
        const char *bytes = n ? text + off : replacement;
        off += n ? n : 1;
        if (is_space(cp) || !box_ok(&rect[i])) {
            joined = 0;
            continue;
        }
        if (r->ng >= MAX_GLYPHS) {
            r->glyphs_cut = 1;
            break;
        }
        r->g = pdf_grow(r->g, &r->gcap, r->ng + 1, sizeof *r->g);
        double h = rect[i].y2 - rect[i].y1;
        r->g[r->ng] = (glyph){.x1 = rect[i].x1,
                              .y1 = rect[i].y1,
                              .x2 = rect[i].x2,
                              .y2 = rect[i].y2,
                              .em = font_size_at(&attrs, i, h),
                              .s = bytes,
                              .len = n ? (uint32_t)n : 3,
                              .cjk = (uint32_t)is_cjk(cp),
                              .joined = (uint32_t)joined,
                              .order = (uint32_t)(r->ng & 0x3FFFFF)};
        r->ng++;
        joined = 1;
    }
}

/*
 * Which way the page's text runs, from the characters that follow one another in a word:
 * 0 left to right, 1 top to bottom (a page turned by /Rotate 90 whose text is upright on the
 * paper), 2 right to left (upside down), 3 bottom to top. Only a clear majority turns a page.
 */
static int text_direction(const pdf_reader *r)
{
    size_t votes[4] = {0}, all = 0;
    for (size_t i = 1; i < r->ng; i++) {
        const glyph *a = &r->g[i - 1], *b = &r->g[i];
        if (!b->joined)
            continue;
        double dx = (b->x1 + b->x2) - (a->x1 + a->x2), dy = (b->y1 + b->y2) - (a->y1 + a->y2);
        int dir = dabs(dx) >= dabs(dy) ? (dx >= 0 ? 0 : 2) : (dy >= 0 ? 1 : 3);
        votes[dir]++;
        all++;
    }
    int best = 0;
    for (int d = 1; d < 4; d++)
        if (votes[d] > votes[best])
            best = d;
    return all >= 8 && votes[best] * 10 > all * 6 ? best : 0;
}

/* Turns every box so that the text runs left to right; w and h are the page's size as shown,
 * h becomes the height in the turned frame. */
static void turn_page(pdf_reader *r, int dir, double w, double *h)
{
    for (size_t i = 0; i < r->ng && dir; i++) {
        glyph *g = &r->g[i];
        double x1 = g->x1, y1 = g->y1, x2 = g->x2, y2 = g->y2;
        if (dir == 1) { /* reading down, lines going left */
            g->x1 = y1, g->x2 = y2, g->y1 = w - x2, g->y2 = w - x1;
        } else if (dir == 3) { /* reading up, lines going right */
            g->x1 = *h - y2, g->x2 = *h - y1, g->y1 = x1, g->y2 = x2;
        } else { /* upside down */
            g->x1 = w - x2, g->x2 = w - x1, g->y1 = *h - y2, g->y2 = *h - y1;
        }
    }
    if (dir == 1 || dir == 3)
        *h = w;
}

/* ---- a page ------------------------------------------------------------------------------ */

static void note_limit(pdf_reader *r, const char *zh, const char *en)
{
    if (r->limit_noted)
        return;
    r->limit_noted = 1;
    char z[200], e[200];
    snprintf(z, sizeof z, "第 %u 页%s", (unsigned)r->page, zh);
    snprintf(e, sizeof e, "page %u: %s", (unsigned)r->page, en);
    blocks_note_add(r->b, 1, "GK-LIMIT", 0, z, e);
}

/* Reads one page into blocks; returns -1 when the block limit is reached. */
static int read_page(pdf_reader *r, PopplerPage *page)
{
    char *text = poppler_page_get_text(page);
    PopplerRectangle *rect = NULL;
    guint nrect = 0;
    if (text && !poppler_page_get_text_layout(page, &rect, &nrect))
        nrect = 0;
    GList *attrs = nrect ? poppler_page_get_text_attributes(page) : NULL;
    r->glyphs_cut = r->lines_cut = 0;
    collect_glyphs(r, text ? text : "", rect, nrect, attrs);
    r->total_glyphs += r->ng;
    if (r->ng == 0 && r->empty_pages++ == 0)
        r->first_empty = r->page;
    double w = 0, h = 0;
    poppler_page_get_size(page, &w, &h);
    turn_page(r, text_direction(r), w, &h);
    pdf_lay_out_lines(r, h);
    pdf_lay_out_rows(r);
    if (r->glyphs_cut)
        note_limit(r, "文字过多，只读取了前 200000 个字符",
                   "too much text; only the first 200000 characters were read");
    if (r->lines_cut)
        note_limit(r, "行数过多，只读取了前 5000 行",
                   "too many lines; only the first 5000 were read");
    int st = 0;
    for (size_t k = 0; k < r->nl && st == 0; k++)
        if (!r->ln[k].skip)
            st = pdf_emit_line(r, k);
    poppler_page_free_text_attributes(attrs);
    g_free(rect);
    g_free(text);
    return st;
}

/* ---- the document ------------------------------------------------------------------------ */

static void note_open_error(gk_blocks *b, const GError *e)
{
    if (e && e->domain == POPPLER_ERROR && e->code == POPPLER_ERROR_ENCRYPTED)
        blocks_note_add(b, 2, "GK-PDF-ENCRYPTED", 0,
                        "PDF 已加密（需要密码），无法读取；请提供未加密的文件",
                        "the PDF is encrypted (a password is needed) and cannot be read; "
                        "provide an unencrypted file");
    else
        blocks_note_add(b, 2, "GK-DAMAGED", 0, "PDF 文件已损坏或不完整，无法读取",
                        "the PDF file is damaged or incomplete and cannot be read");
}

static void note_missing_text(const pdf_reader *r, uint32_t pages)
{
    if (pages > 0 && r->total_glyphs == 0) {
        blocks_note_add(r->b, 2, "GK-PDF-NO-TEXT", 0,
                        "PDF 没有文字层（可能是扫描件），无法读取文字；"
                        "请提供文字版 PDF 或先进行文字识别（OCR）",
                        "the PDF has no text layer (probably a scan), so its text cannot be read; "
                        "provide a PDF with text or run text recognition (OCR) first");
    } else if (r->empty_pages > 0) {
        char zh[256], en[256];
        snprintf(zh, sizeof zh,
                 "第 %u 页没有文字（可能是扫描页或空白页），其内容未读取；共 %u 页如此",
                 (unsigned)r->first_empty, (unsigned)r->empty_pages);
        snprintf(en, sizeof en,
                 "page %u has no text (probably a scanned or blank page) and was not read; "
                 "%u such page(s) in all",
                 (unsigned)r->first_empty, (unsigned)r->empty_pages);
        blocks_note_add(r->b, 1, "GK-PDF-NO-TEXT", 0, zh, en);
    }
}

static gk_status read_pages(pdf_reader *r, PopplerDocument *doc, gk_error *err)
{
    int total = poppler_document_get_n_pages(doc);
    uint32_t pages = total > 0 ? (uint32_t)total : 0;
    if (pages > GK_MAX_PAGES) {
        char zh[160], en[160];
        snprintf(zh, sizeof zh, "PDF 共 %u 页，只读取了前 %u 页", (unsigned)pages, GK_MAX_PAGES);
        snprintf(en, sizeof en, "the PDF has %u pages; only the first %u were read",
                 (unsigned)pages, GK_MAX_PAGES);
        blocks_note_add(r->b, 1, "GK-LIMIT", 0, zh, en);
        pages = GK_MAX_PAGES;
    }
    for (uint32_t p = 0; p < pages; p++) {
        if (r->total_glyphs >= MAX_TEXT) {
            char zh[160], en[160];
            snprintf(zh, sizeof zh, "PDF 文字过多，只读取了前 %u 页", (unsigned)p);
            snprintf(en, sizeof en, "too much text in the PDF; only the first %u pages were read",
                     (unsigned)p);
            blocks_note_add(r->b, 1, "GK-LIMIT", 0, zh, en);
            break;
        }
        PopplerPage *page = poppler_document_get_page(doc, (int)p);
        if (!page)
            continue;
        r->page = p + 1;
        r->limit_noted = 0;
        r->page_lines = 0;
        int st = read_page(r, page);
        g_object_unref(page);
        if (st < 0)
            return reader_error(err, GK_ERR_LIMIT, "too many lines");
    }
    if (pdf_flush_para(r) < 0)
        return reader_error(err, GK_ERR_LIMIT, "too many lines");
    note_missing_text(r, pages);
    return GK_OK;
}

gk_status read_pdf(gk_blocks *b, const char *data, size_t len, gk_error *err)
{
    GBytes *bytes = g_bytes_new_static(data ? data : "", len);
    GError *e = NULL;
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &e);
    if (!doc) {
        note_open_error(b, e);
        g_clear_error(&e);
        g_bytes_unref(bytes);
        return GK_OK;
    }
    pdf_reader r = {.b = b};
    gk_status st = read_pages(&r, doc, err);
    free(r.g);
    free(r.ln);
    free(r.pc);
    free(r.buf);
    free(r.pa.text);
    g_object_unref(doc);
    g_bytes_unref(bytes);
    return st;
}
