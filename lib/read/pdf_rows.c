/*
 * pdf_rows.c — the structure over a PDF page's lines and pieces (pdf_lines.c): table rows, row
 * labels wrapped around their numbers, blank cells, wrapped cell text, paragraphs of running
 * text, and the blocks written for them. Page by page:
 *
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
 */
#include <math.h>
#include <string.h>

#include "pdf_int.h"

/* Tuning, in em (the font size of the characters concerned), measured on real reports: a word
 * space is 0.2–0.5 em. */
#define WORD_GAP_EM  0.15 /* a wider gap inside a piece is written as a space (not CJK) */
#define WRAP_GAP_EM  3.0  /* a cell's wrapped text is at most this far below its start */
#define SAME_COL_EM  1.0  /* pieces of one column start (or are centred) this close */
#define LABEL_REACH  3.5  /* a row label's lines are at most this far from its numbers */
#define LABEL_GAP_EM 1.2  /* … and at most this far apart */
#define LABEL_LOOK   12   /* lines looked at above and below for a row label's lines */
#define BLANK_LOOK   8    /* rows looked at above and below for a blank cell's column */
#define PARA_GAP_EM  1.2  /* lines of one paragraph are at most this far apart */
#define PARA_END_EM  1.5  /* … and each but the last ends this close to the right edge */
#define PARA_MIN_EM  10.0 /* … and is at least this long */

/* ---- columns ----------------------------------------------------------------------------- */

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
        if (g->len && !pdf_utf8_decode((const unsigned char *)g->s, g->len, &cp[n++]))
            return 0;
    }
    size_t i = n > 0 && (cp[0] == '(' || cp[0] == 0xFF08), from = i;
    while (i < n && (pdf_is_digit(cp[i]) || is_cjk_numeral(cp[i])))
        i++;
    if (i == from || i >= n)
        return 0;
    if (from)
        return cp[i] == ')' || cp[i] == 0xFF09;
    if (cp[i] == '.' || cp[i] == 0xFF0E)
        return i + 1 >= n || !pdf_is_digit(cp[i + 1]); /* not a decimal number such as 14.1% */
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

/* ---- blocks ------------------------------------------------------------------------------ */

static void put(pdf_reader *r, const char *s, size_t n)
{
    r->buf = pdf_grow(r->buf, &r->bcap, r->blen + n + 1, 1);
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
int pdf_flush_para(pdf_reader *r)
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
            pa->text = pdf_grow(pa->text, &pa->cap, pa->len + 1, 1);
            pa->text[pa->len++] = ' ';
        }
    } else {
        if (pdf_flush_para(r) < 0)
            return -1;
        *pa = (para){.text = pa->text,
                     .cap = pa->cap,
                     .line = (uint32_t)(k + 1),
                     .page = r->page,
                     .col = column_of(r, p->x1),
                     .open = 1};
    }
    pa->text = pdf_grow(pa->text, &pa->cap, pa->len + r->blen + 1, 1);
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
int pdf_emit_line(pdf_reader *r, size_t k)
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
    if (pdf_flush_para(r) < 0)
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

/* ---- the page ---------------------------------------------------------------------------- */

void pdf_lay_out_rows(pdf_reader *r)
{
    assemble_labels(r);
    join_wrapped(r);
    find_blanks(r);
    text_right(r);
}
