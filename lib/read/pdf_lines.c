/*
 * pdf_lines.c — the geometry of a PDF page. Its characters (pdf.c) are grouped into visual
 * lines by vertical position (baseline jitter and superscripts tolerated), ordered left to
 * right and split into pieces (cells) at gaps wider than about two thirds of a character; a
 * piece with a letter or CJK character is text, any other a number. Page numbers alone on the
 * first or last line, in the top or bottom margin ("-4-", "— 4 —", "第 4 页"), are marked to be
 * dropped, so the footer of a table that runs across pages is never a value. The page's column
 * grid is set here too; pdf_rows.c builds rows and paragraphs over the lines.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"

/* Tuning, in em (the font size of the characters concerned), measured on real reports:
 * letters spaced out inside a cell are up to 0.5 em apart, neighbouring header cells 0.74 em,
 * numbers in neighbouring cells 1.2 em or more. */
#define LINE_OVERLAP 0.5   /* a character joins a line when they share half the taller height */
#define CELL_GAP_EM  0.65  /* a wider horizontal gap starts a new piece (cell) */
#define MARGIN_FRAC  0.15  /* page numbers are looked for in the outer 15% of the page height */
#define MAX_LINES    5000u /* lines read per page */

/* ---- characters -------------------------------------------------------------------------- */

int pdf_is_digit(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

/* A letter or CJK character: what makes a piece text rather than a number. */
static int is_wordy(uint32_t c)
{
    if (c >= 0xFF10 && c <= 0xFF19)
        return 0; /* full-width digits */
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c < 0x2000) ||
           (c >= 0x3040 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFF21 && c <= 0xFF5A) || c >= 0x20000;
}

/* ---- lines ------------------------------------------------------------------------------- */

static int by_center(const void *pa, const void *pb)
{
    const glyph *a = pa, *b = pb;
    double ca = a->y1 + a->y2, cb = b->y1 + b->y2;
    if (ca != cb)
        return ca < cb ? -1 : 1;
    if (a->x1 != b->x1)
        return a->x1 < b->x1 ? -1 : 1;
    return (a->order > b->order) - (a->order < b->order);
}

static int by_x(const void *pa, const void *pb)
{
    const glyph *a = pa, *b = pb;
    if (a->x1 != b->x1)
        return a->x1 < b->x1 ? -1 : 1;
    return (a->order > b->order) - (a->order < b->order);
}

/* Whether glyph g shares enough height with the line's mean band to belong to it. */
static int joins(const line *l, const glyph *g)
{
    double top = l->sum1 / (double)l->n, bottom = l->sum2 / (double)l->n;
    double overlap = dmin(bottom, g->y2) - dmax(top, g->y1);
    double taller = dmax(bottom - top, g->y2 - g->y1);
    return overlap >= LINE_OVERLAP * taller;
}

static int by_line_x(const void *pa, const void *pb)
{
    const glyph *a = pa, *b = pb;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return by_x(pa, pb);
}

/* The line among the last few that glyph g joins (a tall glyph of its own, such as a
 * watermark, does not cut a line in two), or NONE. */
static size_t line_for(const pdf_reader *r, const glyph *g)
{
    for (size_t k = r->nl, n = 0; k-- > 0 && n < 4; n++)
        if (joins(&r->ln[k], g))
            return k;
    return NONE;
}

/* Groups the glyphs (taken top to bottom by centre) into lines, each sorted left to right. */
static void group_lines(pdf_reader *r)
{
    if (r->ng > 1)
        qsort(r->g, r->ng, sizeof *r->g, by_center);
    r->nl = 0;
    for (size_t i = 0; i < r->ng; i++) {
        glyph *g = &r->g[i];
        size_t k = line_for(r, g);
        if (k == NONE) {
            if (r->nl >= MAX_LINES) {
                r->ng = i;
                r->lines_cut = 1;
                break;
            }
            r->ln = pdf_grow(r->ln, &r->lcap, r->nl + 1, sizeof *r->ln);
            k = r->nl++;
            r->ln[k] = (line){.n = 0};
        }
        line *l = &r->ln[k];
        l->n++;
        l->sum1 += g->y1;
        l->sum2 += g->y2;
        g->line = (uint32_t)k;
    }
    if (r->ng > 1)
        qsort(r->g, r->ng, sizeof *r->g, by_line_x);
    for (size_t k = 0, first = 0; k < r->nl; first += r->ln[k++].n)
        r->ln[k].first = first;
}

/* Whether b repeats a (the same character drawn again almost on top: simulated bold). */
static int duplicate(const glyph *a, const glyph *b)
{
    double w = dmax(a->x2 - a->x1, 0.1 * a->em);
    return a->len == b->len && memcmp(a->s, b->s, a->len) == 0 && dabs(b->x1 - a->x1) < 0.3 * w &&
           dabs(b->y1 - a->y1) < 0.3 * (a->y2 - a->y1);
}

/* ---- pieces ------------------------------------------------------------------------------ */

static piece *new_piece(pdf_reader *r, size_t first)
{
    r->pc = pdf_grow(r->pc, &r->pcap, r->np + 1, sizeof *r->pc);
    piece *p = &r->pc[r->np++];
    const glyph *g = &r->g[first];
    *p = (piece){first, 0, g->x1, g->x2, g->y1, g->y2, g->em, NONE, 0, 0, 0, 0};
    return p;
}

static void piece_add(piece *p, const glyph *g)
{
    uint32_t cp = 0;
    p->n++;
    p->x2 = dmax(p->x2, g->x2);
    p->top = dmin(p->top, g->y1);
    p->bottom = dmax(p->bottom, g->y2);
    if (!p->is_text && pdf_utf8_decode((const unsigned char *)g->s, g->len, &cp) && is_wordy(cp))
        p->is_text = 1;
}

/* Splits line k into pieces at gaps wider than CELL_GAP_EM; drops repeated glyphs. */
static void split_line(pdf_reader *r, size_t k)
{
    line *l = &r->ln[k];
    glyph *g = r->g + l->first;
    piece *p = NULL;
    const glyph *prev = NULL;
    l->pfirst = r->np;
    l->text_only = 1;
    for (size_t i = 0; i < l->n; i++) {
        if (prev && duplicate(prev, &g[i])) {
            g[i].len = 0;
            continue;
        }
        double gap = p ? (g[i].x1 - p->x2) / ((prev->em + g[i].em) / 2) : 0;
        if (!p || (gap > CELL_GAP_EM && r->np - l->pfirst < GK_MAX_ROW_CELLS))
            p = new_piece(r, l->first + i);
        piece_add(p, &g[i]);
        prev = &g[i];
    }
    l->pn = r->np - l->pfirst;
    for (size_t i = l->pfirst; i < r->np; i++) {
        /* a piece covers its glyphs up to the next piece, dropped duplicates included */
        r->pc[i].n = (i + 1 < r->np ? r->pc[i + 1].first : l->first + l->n) - r->pc[i].first;
        l->text_only &= r->pc[i].is_text;
    }
}

/* ---- page numbers ------------------------------------------------------------------------ */

/* Decorations around a page number: dashes, dots, brackets. */
static int is_decoration(uint32_t c)
{
    static const uint32_t set[] = {'-',    '_',    '~',    '.',    '(',    ')',    '[',
                                   ']',    '*',    0xB7,   0x2010, 0x2011, 0x2012, 0x2013,
                                   0x2014, 0x2015, 0x2022, 0x2212, 0x30FB, 0xFF0D, 0xFF08,
                                   0xFF09, 0x3010, 0x3011, 0x3014, 0x3015, 0xFF5E, 0xFF0E};
    for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
        if (c == set[i])
            return 1;
    return 0;
}

/* Skips digits from cp[*i]; returns how many. */
static size_t skip_digits(const uint32_t *cp, size_t n, size_t *i)
{
    size_t from = *i;
    while (*i < n && pdf_is_digit(cp[*i]))
        (*i)++;
    return *i - from;
}

/* Skips the letters of `word` (ASCII, any case) at cp[*i]. */
static int skip_word(const uint32_t *cp, size_t n, size_t *i, const char *word)
{
    size_t k = *i;
    for (; *word; word++, k++)
        if (k >= n || (cp[k] | 0x20) != (uint32_t)(*word | 0x20))
            return 0;
    *i = k;
    return 1;
}

/* "第 N 页", optionally followed by "共 M 页"; cp[*i] is 第. */
static int chinese_page_number(const uint32_t *cp, size_t z, size_t i)
{
    i++;
    if (!skip_digits(cp, z, &i) || i >= z || cp[i++] != 0x9875) /* 页 */
        return 0;
    while (i < z && (cp[i] == ',' || cp[i] == 0xFF0C || cp[i] == '/' || is_decoration(cp[i])))
        i++;
    if (i < z && cp[i] == 0x5171) { /* 共 */
        i++;
        if (!skip_digits(cp, z, &i) || i >= z || cp[i++] != 0x9875)
            return 0;
    }
    return i == z;
}

/* "4", "-4-", "— 4 —", "第4页", "第4页 共6页", "4/6", "Page 4 of 6" (spaces already gone). */
static int page_number_text(const uint32_t *cp, size_t n)
{
    size_t a = 0, z = n;
    while (a < z && is_decoration(cp[a]))
        a++;
    while (z > a && is_decoration(cp[z - 1]))
        z--;
    size_t i = a;
    if (i < z && cp[i] == 0x7B2C) /* 第 */
        return chinese_page_number(cp, z, i);
    if (skip_word(cp, z, &i, "page"))
        while (i < z && (cp[i] == '.' || cp[i] == ':'))
            i++;
    if (!skip_digits(cp, z, &i))
        return 0;
    if (i < z && (cp[i] == '/' || skip_word(cp, z, &i, "of"))) {
        i += cp[i] == '/';
        if (!skip_digits(cp, z, &i))
            return 0;
    }
    return i == z;
}

/* Whether line k, the first or last of the page, is a page number in the top or bottom
 * margin. */
static int is_page_number(const pdf_reader *r, size_t k, double page_h)
{
    const line *l = &r->ln[k];
    double mid = (l->sum1 + l->sum2) / (2.0 * (double)l->n);
    if ((k != 0 && k + 1 != r->nl) || l->n > 40 ||
        (mid > MARGIN_FRAC * page_h && mid < (1 - MARGIN_FRAC) * page_h))
        return 0;
    uint32_t cp[40];
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++) {
        const glyph *g = &r->g[l->first + i];
        if (g->len == 0)
            continue;
        if (pdf_utf8_decode((const unsigned char *)g->s, g->len, &cp[n]) == 0)
            return 0;
        n++;
    }
    int digits_only = 1;
    for (size_t i = 0; i < n; i++)
        digits_only &= pdf_is_digit(cp[i]);
    if (l->pn > 1 && digits_only)
        return 0; /* numbers in several cells: a row of values, not "1 2" */
    return page_number_text(cp, n);
}

/* The page's leftmost text and column step (half the mean font size), page numbers left out. */
static void page_grid(pdf_reader *r)
{
    double xmin = HUGE_VAL, ems = 0;
    size_t n = 0;
    for (size_t k = 0; k < r->nl; k++) {
        const line *l = &r->ln[k];
        for (size_t i = 0; i < l->n && !l->skip; i++, n++) {
            xmin = dmin(xmin, r->g[l->first + i].x1);
            ems += r->g[l->first + i].em;
        }
    }
    r->xmin = n ? xmin : 0;
    r->unit = n ? dmax(ems / (double)n / 2, 0.5) : 1;
}

/* ---- the page ---------------------------------------------------------------------------- */

void pdf_lay_out_lines(pdf_reader *r, double page_h)
{
    group_lines(r);
    r->np = 0;
    for (size_t k = 0; k < r->nl; k++)
        split_line(r, k);
    for (size_t k = 0; k < r->nl; k++)
        r->ln[k].skip = is_page_number(r, k, page_h);
    page_grid(r);
}
