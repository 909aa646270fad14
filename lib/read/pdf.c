/*
 * pdf.c — the PDF reader (poppler-glib): pages become blocks much as `pdftotext -layout` lays
 * them out, but structured.
 *
 * Poppler gives every character of a page with its box (poppler_page_get_text and
 * poppler_page_get_text_layout, which share the page's one cached extraction) and font size
 * (poppler_page_get_text_attributes). A page whose text runs down, up or upside down (a page
 * turned by /Rotate) is turned back first. Characters are grouped into visual lines by vertical
 * position (baseline jitter and superscripts tolerated), ordered left to right and split into
 * pieces at gaps wider than about two thirds of a character. Then, page by page:
 *
 * - Page numbers alone on the first or last line, in the top or bottom margin ("-4-", "— 4 —",
 *   "第 4 页"), are dropped, so the footer of a table that runs across pages is never a value.
 * - A line with numbers is a ROW: its text pieces, then one cell per number, left to right.
 *   A row label printed over several lines around its numbers (the lines in its column, above
 *   up to the one starting a list item and below, nearer this row's numbers than another row's)
 *   becomes one cell before the numbers, so a merged group cell beside it (（六）其他处理)
 *   never splits it.
 * - Blank cells: where the rows of the same table just above or below have a number between
 *   two numbers of a row, the row has an empty cell there.
 * - Other wrapped cell text (headers such as 结果/维持, a group cell split by the sub-item
 *   labels beside it) is joined to the piece it continues.
 * - A line of one piece is running text (PARA). Lines of one paragraph — the previous one
 *   reaching the right edge, the next neither indented nor starting a list item — are joined,
 *   across a page break too, as the text, HTML and DOCX readers give whole paragraphs.
 * - Any other line of several pieces is a ROW of text cells.
 *
 * Positions: `page` is 1-based; `line` is the visual line on its page, top to bottom, 1-based
 * (a dropped page-number line still counts; a paragraph or an assembled label has the line of
 * its numbers or of its first line); `col` is the column of a cell's first character on a grid
 * of half-em steps (the width of a digit) from the page's leftmost text, roughly where
 * pdftotext -layout would put it.
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

#include "readers.h"

/* Tuning, in em (the font size of the characters concerned), measured on real reports:
 * letters spaced out inside a cell are up to 0.5 em apart, neighbouring header cells 0.74 em,
 * numbers in neighbouring cells 1.2 em or more; a word space is 0.2–0.5 em. */
#define LINE_OVERLAP 0.5      /* a character joins a line when they share half the taller height */
#define CELL_GAP_EM  0.65     /* a wider horizontal gap starts a new piece (cell) */
#define WORD_GAP_EM  0.15     /* a wider gap inside a piece is written as a space (not CJK) */
#define WRAP_GAP_EM  3.0      /* a cell's wrapped text is at most this far below its start */
#define SAME_COL_EM  1.0      /* pieces of one column start (or are centred) this close */
#define LABEL_REACH  3.5      /* a row label's lines are at most this far from its numbers */
#define LABEL_GAP_EM 1.2      /* … and at most this far apart */
#define LABEL_LOOK   12       /* lines looked at above and below for a row label's lines */
#define BLANK_LOOK   8        /* rows looked at above and below for a blank cell's column */
#define MARGIN_FRAC  0.15     /* page numbers are looked for in the outer 15% of the page height */
#define PARA_GAP_EM  1.2      /* lines of one paragraph are at most this far apart */
#define PARA_END_EM  1.5      /* … and each but the last ends this close to the right edge */
#define PARA_MIN_EM  10.0     /* … and is at least this long */
#define MAX_GLYPHS   200000u  /* characters read per page */
#define MAX_LINES    5000u    /* lines read per page */
#define MAX_TEXT     3000000u /* characters read in all; later pages are left out */

typedef struct glyph {
    double x1, y1, x2, y2;
    double em;           /* font size */
    uint32_t line;       /* the line it was put on */
    const char *s;       /* UTF-8 bytes in the page text (or U+FFFD) */
    uint32_t len : 8;    /* bytes; 0 for a dropped duplicate */
    uint32_t cjk : 1;    /* a CJK character or full-width form */
    uint32_t joined : 1; /* follows the previous character of the page text directly */
    uint32_t order : 22; /* position in the page text, to keep sorting stable */
} glyph;

typedef struct line {
    size_t first, n;   /* glyphs, contiguous after grouping */
    double sum1, sum2; /* sums of the members' top and bottom, for the mean band */
    size_t pfirst, pn; /* pieces */
    int text_only;     /* no piece of it is a number */
    int skip;          /* a page number */
    int has_values;    /* some piece of it is a number */
    double vx1, vy;    /* the left edge of its first number, the centre of its numbers */
    size_t label;      /* a row label assembled from several lines, written before the first
                          number; NONE if none */
} line;

/* A run of glyphs of one line between wide gaps: one cell of a row. */
typedef struct piece {
    size_t first, n; /* glyphs */
    double x1, x2, top, bottom, em;
    size_t next;    /* the piece continuing this one further down, or NONE */
    int is_text;    /* has a letter or CJK character: not a number */
    int absorbed;   /* written as the continuation of a piece above */
    int blanks;     /* empty cells (blank values) right before this piece */
    double blank_x; /* where they are */
} piece;

#define NONE ((size_t)-1)

/* A paragraph of running text being collected over lines (and pages) before it is written. */
typedef struct para {
    char *text;
    size_t len, cap;
    uint32_t line, page, col;
    uint32_t last_page;               /* the page of its last line */
    double x1, x2, bottom, em, right; /* its last line; the right edge of the text on its page */
    int open, last_cjk;
} para;

typedef struct pdf_reader {
    gk_blocks *b;
    glyph *g;
    size_t ng, gcap;
    line *ln;
    size_t nl, lcap;
    piece *pc;
    size_t np, pcap;
    char *buf; /* the text of the line being written */
    size_t blen, bcap;
    double xmin, unit; /* the page's leftmost text and its column step */
    double right;      /* the right edge of the page's running text */
    para pa;
    size_t page_lines; /* lines written on this page */
    uint32_t page;
    int glyphs_cut, lines_cut, limit_noted;
    uint32_t empty_pages, first_empty;
    size_t total_glyphs;
} pdf_reader;

/* Small helpers: the library is not linked with libm. */
static double dmin(double a, double b)
{
    return a < b ? a : b;
}

static double dmax(double a, double b)
{
    return a > b ? a : b;
}

static double dabs(double a)
{
    return a < 0 ? -a : a;
}

static const char replacement[] = "\xEF\xBF\xBD";

/* ---- characters -------------------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s[0..len) and its code point, or 0 if invalid. */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
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

static int is_digit(uint32_t c)
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

static int box_ok(const PopplerRectangle *r)
{
    return isfinite(r->x1) && isfinite(r->y1) && isfinite(r->x2) && isfinite(r->y2) &&
           r->x2 >= r->x1 && r->y2 > r->y1 && dabs(r->x1) < 1e6 && dabs(r->y1) < 1e6 &&
           r->x2 - r->x1 < 1e5 && r->y2 - r->y1 < 1e5;
}

static void *grow(void *p, size_t *cap, size_t need, size_t elsize)
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
        size_t n = utf8_decode(s + off, len - off, &cp);
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
        r->g = grow(r->g, &r->gcap, r->ng + 1, sizeof *r->g);
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
            r->ln = grow(r->ln, &r->lcap, r->nl + 1, sizeof *r->ln);
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
    r->pc = grow(r->pc, &r->pcap, r->np + 1, sizeof *r->pc);
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
    if (!p->is_text && utf8_decode((const unsigned char *)g->s, g->len, &cp) && is_wordy(cp))
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

static int overlaps(const piece *a, const piece *b)
{
    return a->x1 < b->x2 && b->x1 < a->x2;
}

/* Whether x1..x2 lies within piece p, give or take tol. */
static int within(double x1, double x2, const piece *p, double tol)
{
    return x1 > p->x1 - tol && x2 < p->x2 + tol;
}

/* Whether pieces a and b (on different lines) sit in one column: overlapping, and one within
 * the other (a wrapped line, a hanging indent) or starting or centred alike. */
static int same_column(const piece *a, const piece *b)
{
    double em = dmax(a->em, b->em);
    if (!overlaps(a, b))
        return 0;
    return within(a->x1, a->x2, b, em) || within(b->x1, b->x2, a, em) ||
           dabs(a->x1 - b->x1) < SAME_COL_EM * em ||
           dabs((a->x1 + a->x2) - (b->x1 + b->x2)) < 2 * SAME_COL_EM * em;
}

/* ---- row labels ------------------------------------------------------------------------ */

/* Where each line's numbers are. */
static void find_values(pdf_reader *r)
{
    for (size_t k = 0; k < r->nl; k++) {
        line *l = &r->ln[k];
        double sum = 0;
        int n = 0;
        l->label = NONE;
        l->has_values = 0;
        for (size_t i = l->pfirst; i < l->pfirst + l->pn; i++) {
            const piece *p = &r->pc[i];
            if (p->is_text)
                continue;
            if (n++ == 0)
                l->vx1 = p->x1;
            sum += (p->top + p->bottom) / 2;
        }
        l->has_values = n > 0 && !l->skip;
        l->vy = n ? sum / n : 0;
    }
}

static int is_cjk_numeral(uint32_t c)
{
    static const uint32_t set[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
                                   0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341};
    for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
        if (c == set[i])
            return 1;
    return 0;
}

/* Whether piece p starts like a list item ("1." "1、" "（一）" "(1)" "一、"): the first line of
 * a row label, never the continuation of another. */
static int starts_item(const pdf_reader *r, const piece *p)
{
    uint32_t cp[6];
    size_t n = 0;
    for (size_t i = 0; i < p->n && n < 6; i++) {
        const glyph *g = &r->g[p->first + i];
        if (g->len && !utf8_decode((const unsigned char *)g->s, g->len, &cp[n++]))
            return 0;
    }
    size_t i = n > 0 && (cp[0] == '(' || cp[0] == 0xFF08), from = i;
    while (i < n && (is_digit(cp[i]) || is_cjk_numeral(cp[i])))
        i++;
    if (i == from || i >= n)
        return 0;
    if (from)
        return cp[i] == ')' || cp[i] == 0xFF09;
    if (cp[i] == '.' || cp[i] == 0xFF0E)
        return i + 1 >= n || !is_digit(cp[i + 1]); /* not a decimal number such as 14.1% */
    return cp[i] == 0x3001;
}

static double center(const piece *p)
{
    return (p->top + p->bottom) / 2;
}

/* The nearest line with numbers from line k in direction dir (-1 up, 1 down), or NONE. */
static size_t value_line_from(const pdf_reader *r, size_t k, int dir)
{
    for (size_t n = 1; n <= LABEL_LOOK; n++) {
        if ((dir < 0 && k < n) || (dir > 0 && k + n >= r->nl))
            break;
        size_t j = dir < 0 ? k - n : k + n;
        if (r->ln[j].has_values)
            return j;
    }
    return NONE;
}

/* Whether line t holds only text, all of it left of x (the label zone of a row). */
static int label_zone_line(const pdf_reader *r, size_t t, double x)
{
    const line *l = &r->ln[t];
    size_t live = 0;
    if (l->skip || l->has_values)
        return 0;
    for (size_t i = l->pfirst; i < l->pfirst + l->pn; i++)
        if (!r->pc[i].absorbed && (live++, r->pc[i].x2 > x))
            return 0;
    return live > 0;
}

/* The piece of line t in the column of ref: its index, NONE if the line has nothing there
 * (keep looking), or NONE with *stop set if something else is there. */
static size_t piece_in_column(const pdf_reader *r, size_t t, const piece *ref, int *stop)
{
    const line *l = &r->ln[t];
    for (size_t i = l->pfirst; i < l->pfirst + l->pn; i++) {
        const piece *p = &r->pc[i];
        if (p->absorbed || !overlaps(p, ref))
            continue;
        if (!p->is_text || !same_column(p, ref))
            *stop = 1;
        return *stop ? NONE : i;
    }
    return NONE;
}

/* 1 if value line o has a label of its own (the text nearest its numbers) that starts a list
 * item: that row's label begins on its line, so text just above it is not part of it. */
static int own_label_starts_item(const pdf_reader *r, size_t o)
{
    const line *l = &r->ln[o];
    const piece *own = NULL;
    for (size_t i = l->pfirst; i < l->pfirst + l->pn; i++)
        if (r->pc[i].is_text && !r->pc[i].absorbed && r->pc[i].x2 <= l->vx1)
            own = &r->pc[i];
    return own && starts_item(r, own);
}

/* Whether text piece p, on line t, is nearer the numbers of row k than those of the row on its
 * other side (heads: ties go to the row above, unless p starts a list item). */
static int belongs_to_row(const pdf_reader *r, size_t k, size_t t, const piece *p)
{
    int head = t < k;
    double d = dabs(r->ln[k].vy - center(p));
    if (d > LABEL_REACH * p->em)
        return 0;
    if (head && starts_item(r, p))
        return 1;
    if (!head && starts_item(r, p))
        return 0;
    size_t o = value_line_from(r, t, head ? -1 : 1);
    double od = o == NONE ? HUGE_VAL : dabs(r->ln[o].vy - center(p));
    if (!head && o != NONE && own_label_starts_item(r, o))
        return 1; /* the next row's label starts on its own line: this is our label's end */
    return head ? d < od : d <= od;
}

/* Collects the label lines of row k in direction dir into out[] (nearest first); returns n.
 * `own` is the row's own label piece or NONE; lines of one label are close together. */
static size_t label_lines(const pdf_reader *r, size_t k, int dir, const piece *ref, size_t own,
                          size_t *out, size_t cap)
{
    size_t n = 0;
    const piece *prev = own != NONE ? &r->pc[own] : NULL;
    double skipped = 0;
    for (size_t step = 1; step <= LABEL_LOOK && n < cap; step++) {
        if ((dir < 0 && k < step) || (dir > 0 && k + step >= r->nl))
            break;
        size_t t = dir < 0 ? k - step : k + step;
        int stop = 0;
        if (!label_zone_line(r, t, r->ln[k].vx1))
            break;
        size_t i = piece_in_column(r, t, ref, &stop);
        if (stop)
            break;
        const line *l = &r->ln[t];
        if (i == NONE) { /* only a group cell to the left: look further, past its height */
            skipped += (l->sum2 - l->sum1) / (double)l->n;
            continue;
        }
        const piece *p = &r->pc[i];
        double gap = !prev ? 0 : dir < 0 ? prev->top - p->bottom : p->top - prev->bottom;
        if (gap - skipped > LABEL_GAP_EM * p->em || !belongs_to_row(r, k, t, p))
            break;
        skipped = 0;
        out[n++] = i;
        prev = p;
        if (dir < 0 && starts_item(r, p))
            break;
    }
    return n;
}

/* Row k's own label: its last text piece left of its first number, or NONE. */
static size_t own_label(const pdf_reader *r, size_t k)
{
    const line *l = &r->ln[k];
    size_t found = NONE;
    for (size_t i = l->pfirst; i < l->pfirst + l->pn; i++) {
        const piece *p = &r->pc[i];
        if (p->x1 >= l->vx1)
            break;
        if (!p->absorbed && p->is_text && p->x2 <= l->vx1)
            found = i;
    }
    return found;
}

/* The column a row without a label piece of its own takes its label from: the last text piece
 * of the label-zone line right above or below. */
static size_t label_column(const pdf_reader *r, size_t k)
{
    for (int dir = -1; dir <= 1; dir += 2) {
        if ((dir < 0 && k == 0) || (dir > 0 && k + 1 >= r->nl))
            continue;
        size_t t = dir < 0 ? k - 1 : k + 1;
        if (!label_zone_line(r, t, r->ln[k].vx1))
            continue;
        const line *l = &r->ln[t];
        for (size_t i = l->pfirst + l->pn; i-- > l->pfirst;)
            if (!r->pc[i].absorbed)
                return i;
    }
    return NONE;
}

/*
 * A row label wrapped over several lines, with the row's numbers on one of them, becomes one
 * cell written before the numbers: its lines above (up to the one starting a list item) and
 * below (up to the next row's), in its column, nearer this row's numbers than another row's.
 * Group cells to the left (（六）其他处理) and the vertical 三、本年度办理结果 are left where they
 * are.
 */
static void assemble_label(pdf_reader *r, size_t k)
{
    size_t own = own_label(r, k), ref = own != NONE ? own : label_column(r, k);
    if (ref == NONE)
        return;
    size_t up[LABEL_LOOK], down[LABEL_LOOK], nu = 0, nd;
    if (own == NONE || !starts_item(r, &r->pc[own]))
        nu = label_lines(r, k, -1, &r->pc[ref], own, up, LABEL_LOOK);
    nd = label_lines(r, k, 1, &r->pc[ref], own, down, LABEL_LOOK);
    if (nu + nd == 0)
        return;
    size_t chain[2 * LABEL_LOOK + 1] = {0}, n = 0;
    for (size_t i = nu; i-- > 0;)
        chain[n++] = up[i];
    if (own != NONE)
        chain[n++] = own;
    for (size_t i = 0; i < nd; i++)
        chain[n++] = down[i];
    for (size_t i = 0; i < n; i++) {
        r->pc[chain[i]].absorbed = 1;
        r->pc[chain[i]].next = i + 1 < n ? chain[i + 1] : NONE;
    }
    r->ln[k].label = chain[0];
}

static void assemble_labels(pdf_reader *r)
{
    find_values(r);
    for (size_t k = 0; k < r->nl; k++)
        if (r->ln[k].has_values)
            assemble_label(r, k);
}

/* ---- wrapped cells ---------------------------------------------------------------------- */

/*
 * The piece that text piece b (on line k) continues: the nearest piece above it in its column,
 * two or more lines up, with nothing in the lines between but pieces entirely to the right of b
 * (the numbers of the row) and text already joined elsewhere. NONE if there is none: the line
 * right above holds the column (plain wrapped text), something sits to the left in between (a
 * group cell of another row), or the text above is too far.
 */
static size_t continued_piece(const pdf_reader *r, size_t k, const piece *b)
{
    for (size_t j = k; j-- > 0 && k - j <= LABEL_LOOK;) {
        const line *l = &r->ln[j];
        if (l->skip)
            continue;
        if (l->pn && b->top - r->pc[l->pfirst].bottom > WRAP_GAP_EM * b->em)
            return NONE;
        int left = 0;
        for (size_t i = l->pfirst; i < l->pfirst + l->pn; i++) {
            const piece *a = &r->pc[i];
            if (a->x1 >= b->x2)
                break; /* this and the rest are entirely to the right */
            if (a->x2 <= b->x1) {
                left |= !a->absorbed;
                continue;
            }
            if (j + 1 == k || a->absorbed || !a->is_text || !l->text_only || !same_column(a, b))
                return NONE;
            return i;
        }
        if (left)
            return NONE;
    }
    return NONE;
}

/* Whether two font sizes are about the same (a heading is not a cell's text). */
static int same_size_em(double a, double b)
{
    return a < 1.15 * b && b < 1.15 * a;
}

static int same_size(const piece *a, const piece *b)
{
    return same_size_em(a->em, b->em);
}

/* The end of the continuation chain starting at piece i. */
static size_t chain_end(const pdf_reader *r, size_t i)
{
    while (r->pc[i].next != NONE)
        i = r->pc[i].next;
    return i;
}

/* Joins wrapped cell text to the piece it continues (see the comment at the top). */
static void join_wrapped(pdf_reader *r)
{
    for (size_t k = 1; k < r->nl; k++) {
        const line *l = &r->ln[k];
        if (l->skip || !l->text_only)
            continue;
        for (size_t i = l->pfirst; i < l->pfirst + l->pn; i++) {
            if (r->pc[i].absorbed || starts_item(r, &r->pc[i]))
                continue;
            size_t a = continued_piece(r, k, &r->pc[i]);
            if (a == NONE || !same_size(&r->pc[a], &r->pc[i]))
                continue;
            r->pc[chain_end(r, a)].next = i;
            r->pc[i].absorbed = 1;
            /* the joined piece now reaches down to this line, for pieces further down */
            r->pc[a].bottom = dmax(r->pc[a].bottom, r->pc[i].bottom);
            r->pc[a].x2 = dmax(r->pc[a].x2, r->pc[i].x2);
        }
    }
}

/* ---- blank cells ------------------------------------------------------------------------- */

/* How many numbers line j has strictly between pieces p and q; -1 unless it also has numbers
 * under both p and q (a row of the same table). */
static int numbers_between(const pdf_reader *r, size_t j, const piece *p, const piece *q)
{
    const line *l = &r->ln[j];
    int under_p = 0, under_q = 0, between = 0;
    size_t lo = l->pfirst, hi = l->pfirst + l->pn;
    while (lo < hi) { /* the first piece ending right of p's start (pieces are in order) */
        size_t mid = lo + (hi - lo) / 2;
        if (r->pc[mid].x2 <= p->x1)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < l->pfirst + l->pn && r->pc[i].x1 < q->x2; i++) {
        const piece *a = &r->pc[i];
        if (a->absorbed || a->is_text)
            continue;
        if (overlaps(a, p))
            under_p = 1;
        else if (overlaps(a, q))
            under_q = 1;
        else if (a->x1 >= p->x2 && a->x2 <= q->x1)
            between++;
    }
    return under_p && under_q ? between : -1;
}

/* The numbers between p and q in the nearest row of the same table above (dir -1) or below. */
static int numbers_beside(const pdf_reader *r, size_t k, int dir, const piece *p, const piece *q)
{
    for (size_t n = 1; n <= BLANK_LOOK; n++) {
        if ((dir < 0 && k < n) || (dir > 0 && k + n >= r->nl))
            break;
        size_t j = dir < 0 ? k - n : k + n;
        int between = r->ln[j].skip ? -1 : numbers_between(r, j, p, q);
        if (between >= 0)
            return between;
    }
    return 0;
}

/*
 * Blank cells: where two neighbouring numbers of a row have, in the rows of the same table
 * just above or below, numbers between them, the row's cells there are empty. The empty cells
 * are emitted, so that the report reader sees a blank value and not a shorter row.
 */
static void find_blanks(pdf_reader *r)
{
    for (size_t k = 0; k < r->nl; k++) {
        const line *l = &r->ln[k];
        piece *prev = NULL;
        for (size_t i = l->pfirst; i < l->pfirst + l->pn; i++) {
            piece *q = &r->pc[i];
            if (q->absorbed)
                continue;
            if (prev && !q->is_text) {
                int up = numbers_beside(r, k, -1, prev, q), down = numbers_beside(r, k, 1, prev, q);
                q->blanks = up > down ? up : down;
                q->blank_x = (prev->x2 + q->x1) / 2;
            }
            prev = q->is_text ? NULL : q;
        }
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
    while (*i < n && is_digit(cp[*i]))
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
        if (utf8_decode((const unsigned char *)g->s, g->len, &cp[n]) == 0)
            return 0;
        n++;
    }
    int digits_only = 1;
    for (size_t i = 0; i < n; i++)
        digits_only &= is_digit(cp[i]);
    if (l->pn > 1 && digits_only)
        return 0; /* numbers in several cells: a row of values, not "1 2" */
    return page_number_text(cp, n);
}

/* ---- blocks ------------------------------------------------------------------------------ */

static void put(pdf_reader *r, const char *s, size_t n)
{
    r->buf = grow(r->buf, &r->bcap, r->blen + n + 1, 1);
    memcpy(r->buf + r->blen, s, n);
    r->blen += n;
}

static uint32_t column_of(const pdf_reader *r, double x)
{
    double c = (x - r->xmin) / r->unit;
    return 1 + (uint32_t)(c > 0 && c < 1e6 ? c + 0.5 : 0);
}

/* Writes the glyphs of piece p, a space where a word gap is (never between CJK characters). */
static void put_piece(pdf_reader *r, const piece *p, const glyph **prev)
{
    double right = *prev ? (*prev)->x2 : 0;
    for (size_t i = 0; i < p->n; i++) {
        const glyph *g = &r->g[p->first + i];
        if (g->len == 0)
            continue;
        const glyph *q = *prev;
        if (q && !(q->cjk && g->cjk) &&
            (i == 0 || g->x1 - right > WORD_GAP_EM * (q->em + g->em) / 2))
            put(r, " ", 1);
        put(r, g->s, g->len);
        right = i == 0 || g->x2 > right ? g->x2 : right;
        *prev = g;
    }
}

/* Writes piece i and the pieces continuing it into r->buf. */
static void put_chain(pdf_reader *r, size_t i)
{
    const glyph *prev = NULL;
    for (; i != NONE; i = r->pc[i].next)
        put_piece(r, &r->pc[i], &prev);
}

static void set_page(gk_text *t, uint32_t page, uint32_t col)
{
    t->page = page;
    if (col)
        t->col = col;
}

/* ---- paragraphs ------------------------------------------------------------------------- */

/* Writes the pending paragraph; returns -1 when the block limit is reached. */
static int flush_para(pdf_reader *r)
{
    para *pa = &r->pa;
    if (!pa->open)
        return 0;
    pa->open = 0;
    size_t before = r->b->n;
    if (blocks_add_para(r->b, pa->text, pa->len, pa->line) < 0)
        return -1;
    if (r->b->n > before) {
        gk_text *t = &r->b->v[r->b->n - 1].text;
        t->page = pa->page;
        t->col = pa->col;
    }
    return 0;
}

/* The width of the first word of piece p: one CJK character, or a run of others ("14.1%"). */
static double first_word(const pdf_reader *r, const piece *p)
{
    const glyph *g = &r->g[p->first], *last = g;
    for (size_t i = 1; !g->cjk && i < p->n; i++) {
        const glyph *h = &r->g[p->first + i];
        if (h->cjk || h->x1 - last->x2 > WORD_GAP_EM * h->em)
            break;
        last = h;
    }
    return last->x2 - g->x1;
}

/* Whether the one-piece line p continues the pending paragraph: the paragraph's last line
 * was long and reached the right edge (p's first word would not have fitted on it), p is not
 * indented (or both are centred), not a new item, in the same size, right below (or first on the
 * next page). */
static int continues_para(const pdf_reader *r, const piece *p)
{
    const para *pa = &r->pa;
    if (!pa->open || !same_size_em(pa->em, p->em) || starts_item(r, p) || p->next != NONE)
        return 0;
    if (pa->x2 + first_word(r, p) < pa->right - PARA_END_EM * pa->em ||
        pa->x2 - pa->x1 < PARA_MIN_EM * pa->em)
        return 0;
    if (pa->last_page != r->page) /* margins may differ: not indented from this page's text */
        return r->page_lines == 0 && pa->last_page + 1 == r->page && p->x1 < r->xmin + 0.5 * pa->em;
    int centred = dabs((p->x1 + p->x2) - (pa->x1 + pa->x2)) < 2 * pa->em; /* a wrapped title */
    if (!centred && (p->x1 > pa->x1 + 0.5 * pa->em || p->x1 < pa->x1 - 4 * pa->em))
        return 0;
    return p->top - pa->bottom < PARA_GAP_EM * pa->em;
}

/* Takes line k, one piece i of running text, into the pending paragraph or starts one. */
static int para_line(pdf_reader *r, size_t k, size_t i)
{
    const piece *p = &r->pc[i];
    para *pa = &r->pa;
    const glyph *first = &r->g[p->first];
    if (continues_para(r, p)) {
        if (!(pa->last_cjk && first->cjk)) {
            pa->text = grow(pa->text, &pa->cap, pa->len + 1, 1);
            pa->text[pa->len++] = ' ';
        }
    } else {
        if (flush_para(r) < 0)
            return -1;
        *pa = (para){.text = pa->text,
                     .cap = pa->cap,
                     .line = (uint32_t)(k + 1),
                     .page = r->page,
                     .col = column_of(r, p->x1),
                     .open = 1};
    }
    pa->text = grow(pa->text, &pa->cap, pa->len + r->blen + 1, 1);
    if (r->blen)
        memcpy(pa->text + pa->len, r->buf, r->blen);
    pa->len += r->blen;
    pa->x1 = p->x1;
    pa->x2 = p->x2;
    pa->bottom = p->bottom;
    pa->em = p->em;
    pa->right = r->right;
    pa->last_page = r->page;
    pa->last_cjk = r->g[p->first + p->n - 1].cjk;
    return 0;
}

/* The right edge of the page's running text: the furthest of its one-piece text lines. */
static void text_right(pdf_reader *r)
{
    double right = 0;
    for (size_t k = 0; k < r->nl; k++) {
        const line *l = &r->ln[k];
        if (!l->skip && l->pn == 1 && l->text_only)
            right = dmax(right, r->pc[l->pfirst].x2);
    }
    r->right = right > 0 ? right : HUGE_VAL;
}

/* Writes line k as a paragraph or a row; returns -1 when the block limit is reached. */
static int emit_line(pdf_reader *r, size_t k)
{
    const line *l = &r->ln[k];
    size_t starts[GK_MAX_ROW_CELLS + 1];
    uint32_t col[GK_MAX_ROW_CELLS];
    uint32_t n = 0;
    r->blen = 0;
    size_t label = l->label, only = NONE;
    for (size_t i = l->pfirst; i < l->pfirst + l->pn; i++) {
        if (label != NONE && !r->pc[i].is_text && !r->pc[i].absorbed) {
            starts[n] = r->blen;
            col[n++] = column_of(r, r->pc[label].x1);
            put_chain(r, label);
            label = NONE;
        }
        if (r->pc[i].absorbed)
            continue;
        for (int e = 0; e < r->pc[i].blanks && n + 1 < GK_MAX_ROW_CELLS; e++) {
            starts[n] = r->blen;
            col[n++] = column_of(r, r->pc[i].blank_x);
        }
        if (n >= GK_MAX_ROW_CELLS)
            break;
        starts[n] = r->blen;
        col[n++] = column_of(r, r->pc[i].x1);
        put_chain(r, i);
        only = i; /* the piece, if it is the only cell */
    }
    starts[n] = r->blen;
    if (n == 0)
        return 0;
    if (n == 1) { /* one piece, and never a label: labels come with numbers */
        int st = para_line(r, k, only);
        r->page_lines++;
        return st;
    }
    r->page_lines++;
    if (flush_para(r) < 0)
        return -1;
    const char *cells[GK_MAX_ROW_CELLS];
    size_t lens[GK_MAX_ROW_CELLS], before = r->b->n;
    for (uint32_t c = 0; c < n; c++) {
        cells[c] = r->buf + starts[c];
        lens[c] = starts[c + 1] - starts[c];
    }
    if (blocks_add_row(r->b, cells, lens, col, n, (uint32_t)(k + 1)) < 0)
        return -1;
    if (r->b->n == before)
        return 0;
    gk_block *blk = &r->b->v[r->b->n - 1];
    set_page(&blk->text, r->page, col[0]);
    for (uint32_t c = 0; c < blk->ncells; c++)
        set_page((gk_text *)&blk->cells[c], r->page, 0);
    return 0;
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

/* Lines, pieces and joins of the page's glyphs; page numbers marked. */
static void lay_out(pdf_reader *r, double page_h)
{
    group_lines(r);
    r->np = 0;
    for (size_t k = 0; k < r->nl; k++)
        split_line(r, k);
    for (size_t k = 0; k < r->nl; k++)
        r->ln[k].skip = is_page_number(r, k, page_h);
    page_grid(r);
    assemble_labels(r);
    join_wrapped(r);
    find_blanks(r);
    text_right(r);
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
    lay_out(r, h);
    if (r->glyphs_cut)
        note_limit(r, "文字过多，只读取了前 200000 个字符",
                   "too much text; only the first 200000 characters were read");
    if (r->lines_cut)
        note_limit(r, "行数过多，只读取了前 5000 行",
                   "too many lines; only the first 5000 were read");
    int st = 0;
    for (size_t k = 0; k < r->nl && st == 0; k++)
        if (!r->ln[k].skip)
            st = emit_line(r, k);
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
    if (flush_para(r) < 0)
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
