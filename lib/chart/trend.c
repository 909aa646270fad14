/*
 * trend.c — one cell across reports: columns sorted by year, grouped under their years, each
 * labelled with the value as written and the agency; an agency's columns joined by a line.
 */
#include <stdlib.h>
#include <string.h>

#include "svg.h"

__extension__ typedef __int128 wide;

#define LEFT   72 /* plot area */
#define RIGHT  784
#define TOP    84
#define BASE   344 /* the zero line */
#define GAP    24  /* between years */
#define HEIGHT (BASE + 84)
#define LINE_C "#c0392b"

typedef struct column {
    const gk_doc *doc;
    size_t index;
    int year;
    int ok;        /* the cell is a number */
    int64_t v;     /* at the common scale */
    char text[64]; /* as written */
    int x, top;    /* centre and top of the bar */
} column;

/* By year, unknown years last; ties keep the given order. */
static int cmp_column(const void *pa, const void *pb)
{
    const column *a = pa, *b = pb;
    int ya = a->year > 0 ? a->year : 1 << 30, yb = b->year > 0 ? b->year : 1 << 30;
    if (ya != yb)
        return ya < yb ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* Scales v up from `from` to `to` decimals; 0 on overflow. */
static int rescale(int64_t *v, int from, int to)
{
    for (int i = from; i < to; i++)
        if (__builtin_mul_overflow(*v, 10, v))
            return 0;
    return 1;
}

/* Reads the cell of every report and brings the numbers to one scale; returns that scale. */
static int collect(column *c, const gk_doc *const *docs, size_t n, const char *key)
{
    int scale = 0;
    for (size_t i = 0; i < n; i++) {
        const gk_value *v = gk_doc_cell_by_key(docs[i], key);
        c[i] = (column){.doc = docs[i], .index = i, .year = gk_doc_year(docs[i])};
        c[i].ok = v && v->state == GK_CELL_NUMBER;
        if (c[i].ok) {
            c[i].v = v->value;
            scale = v->scale > scale ? v->scale : scale;
            gk_value_format(v, c[i].text, sizeof c[i].text);
        } else {
            snprintf(c[i].text, sizeof c[i].text, "—");
        }
    }
    for (size_t i = 0; i < n; i++)
        if (c[i].ok)
            c[i].ok = rescale(&c[i].v, gk_doc_cell_by_key(docs[i], key)->scale, scale);
    return scale;
}

/* The text after a leading numbering ("三、", "（七）"). */
static const char *unnumbered(const char *s)
{
    const char *p = strstr(s, "、");
    if (p && p - s <= 9)
        return p + strlen("、");
    if (strncmp(s, "（", strlen("（")) == 0 && (p = strstr(s, "）")) && p - s <= 12)
        return p + strlen("）");
    return s;
}

/* A name for the cell from the schema ("本年新收政府信息公开申请数量（总计）"); the key
 * itself when no template has it. */
static void cell_name(const char *key, char *buf, size_t size)
{
    static const gk_format formats[] = {GK_FORMAT_2021, GK_FORMAT_2019};
    snprintf(buf, size, "%s", key);
    for (int t = 0; t < GK_TABLE_COUNT; t++)
        for (int f = 0; f < 2; f++) {
            const gk_table_def *def = gk_schema_table((gk_table_id)t, formats[f]);
            int r, c;
            if (!def || gk_schema_find_cell(def, key, &r, &c) != 0)
                continue;
            const gk_row_def *row = &def->rows[r];
            const char *own = row->labels[0];
            const char *lead = row->group                 ? row->group
                               : strcmp(own, "总计") == 0 ? row->parent
                                                          : NULL;
            snprintf(buf, size, "%s%s%s", lead ? unnumbered(lead) : "", lead ? "·" : "", own);
            if (gk_schema_ncols(def, r) > 1 && strcmp(gk_schema_col(def, r, c)->labels[0], own))
                snprintf(buf + strlen(buf), size - strlen(buf), "（%s）",
                         gk_schema_col(def, r, c)->labels[0]);
            return;
        }
}

/* Writes v (>= 0, at `scale` decimals, at most 6) as a decimal without trailing zeros. */
static void fixed_text(int64_t v, int scale, char *buf, size_t size)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%0*lld", scale + 1, (long long)v);
    int point = len - scale, end = len;
    while (end > point && digits[end - 1] == '0')
        end--;
    if (end > point)
        snprintf(buf, size, "%.*s.%.*s", point, digits, end - point, digits + point);
    else
        snprintf(buf, size, "%.*s", point, digits);
}

/* Horizontal grid lines with their values at the left. */
static void axis(int64_t ymax, int ticks, int scale, FILE *out)
{
    const svg_font f = {12, SVG_END, SVG_MUTED, 0};
    char buf[48];
    for (int k = 0; k <= ticks; k++) {
        int y = BASE - (BASE - TOP) * k / ticks;
        fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>\n", LEFT, y,
                RIGHT, y, k ? SVG_GRID : SVG_MUTED);
        fixed_text(ymax / ticks * k, scale, buf, sizeof buf);
        svg_text(out, LEFT - 6, y + 4, &f, NULL, buf, 0);
    }
}

/* Positions: slot widths, a gap between years. Returns the slot width. */
static int place(column *c, size_t n, int64_t ymax)
{
    size_t years = 0;
    for (size_t i = 0; i < n; i++)
        years += i == 0 || c[i].year != c[i - 1].year;
    int avail = RIGHT - LEFT, gap = GAP;
    if ((size_t)(avail - gap * (int)(years - 1)) < n * 8)
        gap = 0;
    int slot = (int)((size_t)(avail - gap * (int)(years - 1)) / n), x = LEFT;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && c[i].year != c[i - 1].year)
            x += gap;
        c[i].x = x + slot / 2;
        c[i].top = BASE;
        if (c[i].ok && c[i].v > 0)
            c[i].top = BASE - (int)((wide)c[i].v * (BASE - TOP) / ymax);
        x += slot;
    }
    return slot;
}

/* The agency under a column, wrapped into up to two lines of `per` characters. */
static void agency_label(const column *c, int per, FILE *out)
{
    const svg_font f = {12, SVG_MIDDLE, SVG_INK, 0};
    const char *a = gk_doc_agency(c->doc);
    if (per < 2 || !a[0])
        return;
    char line[256];
    size_t first = svg_prefix(a, per);
    snprintf(line, sizeof line, "%.*s", (int)(first < sizeof line - 1 ? first : sizeof line - 1),
             a);
    svg_text(out, c->x, BASE + 18, &f, "label", line, 0);
    if (a[first])
        svg_text(out, c->x, BASE + 34, &f, "label", a + first, per);
}

static void column_draw(const column *c, int slot, gk_lang lang, FILE *out)
{
    const svg_font val = {12, SVG_MIDDLE, SVG_INK, 1};
    int w = slot * 6 / 10 > 64 ? 64 : slot * 6 / 10;
    fputs("<g><title>", out);
    svg_esc(gk_doc_agency(c->doc), 0, out);
    fprintf(out, lang == GK_LANG_EN ? " %d: " : " %d年：", c->year);
    svg_esc(c->text, 0, out);
    fputs("</title>\n", out);
    if (w < 1)
        w = 1;
    fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", c->x - w / 2,
            c->top, w, BASE - c->top, SVG_BAR);
    if (svg_text_width(c->text, 12) <= slot)
        svg_text(out, c->x, c->top - 6, &val, "value", c->text, 0);
    agency_label(c, slot / 12, out);
    fputs("</g>\n", out);
}

/* The year under each group of columns. */
static void year_labels(const column *c, size_t n, gk_lang lang, FILE *out)
{
    const svg_font f = {14, SVG_MIDDLE, SVG_INK, 1};
    char buf[32];
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i; j < n && c[j].year == c[i].year; j++)
            ;
        if (c[i].year > 0)
            snprintf(buf, sizeof buf, lang == GK_LANG_EN ? "%d" : "%d年", c[i].year);
        else
            snprintf(buf, sizeof buf, lang == GK_LANG_EN ? "year?" : "年度不详");
        svg_text(out, (c[i].x + c[j - 1].x) / 2, BASE + 60, &f, "year", buf, 0);
    }
}

/* 1 if the column holds a number and belongs to agency a. */
static int of_agency(const column *c, const char *a)
{
    return c->ok && strcmp(gk_doc_agency(c->doc), a) == 0;
}

/* The line and dots through the columns of agency a from column i on. */
static void agency_line(const column *c, size_t n, size_t i, const char *a, FILE *out)
{
    fprintf(out, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"", LINE_C);
    for (size_t j = i; j < n; j++)
        if (of_agency(&c[j], a))
            fprintf(out, "%s%d,%d", j == i ? "" : " ", c[j].x, c[j].top);
    fputs("\"/>\n", out);
    for (size_t j = i; j < n; j++)
        if (of_agency(&c[j], a))
            fprintf(out, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"%s\"/>\n", c[j].x, c[j].top,
                    LINE_C);
}

/* A line through the tops of the columns of each agency with several reports, drawn from the
 * agency's first column. */
static void agency_lines(const column *c, size_t n, FILE *out)
{
    for (size_t i = 0; i < n; i++) {
        const char *a = gk_doc_agency(c[i].doc);
        size_t k = 0, j;
        for (j = 0; j < i && !of_agency(&c[j], a); j++)
            ;
        if (!a[0] || !c[i].ok || j < i)
            continue;
        for (j = i; j < n; j++)
            k += (size_t)of_agency(&c[j], a);
        if (k >= 2)
            agency_line(c, n, i, a, out);
    }
}

static void plot(column *c, size_t n, int scale, gk_lang lang, FILE *out)
{
    int64_t max = 0;
    for (size_t i = 0; i < n; i++)
        max = c[i].ok && c[i].v > max ? c[i].v : max;
    int ticks;
    int64_t ymax = svg_nice_max(max, &ticks);
    axis(ymax, ticks, scale, out);
    int slot = place(c, n, ymax);
    for (size_t i = 0; i < n; i++)
        column_draw(&c[i], slot, lang, out);
    agency_lines(c, n, out);
    year_labels(c, n, lang, out);
}

gk_status gk_chart_trend(const gk_doc *const *docs, size_t n, const char *key, gk_lang lang,
                         FILE *out)
{
    if ((!docs && n) || !key || !out)
        return GK_ERR_INVALID_ARG;
    for (size_t i = 0; i < n; i++)
        if (!docs[i])
            return GK_ERR_INVALID_ARG;
    column *c = calloc(n ? n : 1, sizeof *c);
    if (!c)
        return GK_ERR_LIMIT;
    const svg_font head = {18, SVG_START, SVG_INK, 1}, sub = {13, SVG_START, SVG_MUTED, 0};
    char name[512], title[600];
    cell_name(key, name, sizeof name);
    snprintf(title, sizeof title, lang == GK_LANG_EN ? "%s by year" : "%s 历年对比",
             lang == GK_LANG_EN ? key : name);
    int scale = collect(c, docs, n, key);
    qsort(c, n, sizeof *c, cmp_column);
    svg_begin(out, HEIGHT, title);
    svg_text(out, 16, 30, &head, NULL, title, 42);
    snprintf(title, sizeof title,
             lang == GK_LANG_EN ? "cell %s, %zu reports, by year"
                                : "单元格 %s，%zu 份报告，按年度排列",
             key, n);
    svg_text(out, 16, 54, &sub, NULL, title, 0);
    if (n)
        plot(c, n, scale, lang, out);
    svg_end(out);
    free(c);
    return ferror(out) ? GK_ERR_IO : GK_OK;
}
