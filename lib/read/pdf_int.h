/*
 * pdf_int.h — what the three parts of the PDF reader share: pdf.c reads the document and each
 * page's characters, pdf_lines.c groups them into lines and pieces, pdf_rows.c builds rows and
 * paragraphs over those lines and writes the blocks. All state of one reading is a pdf_reader.
 */
#ifndef GK_PDF_INT_H
#define GK_PDF_INT_H

#include "readers.h"

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
static inline double dmin(double a, double b)
{
    return a < b ? a : b;
}

static inline double dmax(double a, double b)
{
    return a > b ? a : b;
}

static inline double dabs(double a)
{
    return a < 0 ? -a : a;
}

/* pdf.c */

/* Grows array p of *cap elements of elsize bytes to hold at least `need`. */
void *pdf_grow(void *p, size_t *cap, size_t need, size_t elsize);

/* Length of the valid UTF-8 sequence at s[0..len) and its code point, or 0 if invalid. */
size_t pdf_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/* pdf_lines.c */

/* An ASCII or full-width digit. */
int pdf_is_digit(uint32_t c);

/* Groups the page's glyphs into lines and pieces, marks page-number lines (page_h is the
 * page's height) and sets the page's column grid. */
void pdf_lay_out_lines(pdf_reader *r, double page_h);

/* pdf_rows.c */

/* Assembles row labels, joins wrapped cell text, finds blank cells and the right edge of the
 * page's running text. */
void pdf_lay_out_rows(pdf_reader *r);

/* Writes line k as a paragraph or a row; returns -1 when the block limit is reached. */
int pdf_emit_line(pdf_reader *r, size_t k);

/* Writes the pending paragraph; returns -1 when the block limit is reached. */
int pdf_flush_para(pdf_reader *r);

#endif
