/*
 * ranking.c — one indicator across reports: horizontal bars on a 0–100 % scale, highest first
 * (compared exactly by cross-multiplying), reports where it does not apply last.
 */
#include <gongkai/indicators.h>
#include <stdlib.h>
#include <string.h>

#include "svg.h"

__extension__ typedef __int128 wide;

#define TOP      92 /* first bar */
#define ROW_H    30
#define BAR_H    20
#define LABEL_X  268 /* right edge of the names */
#define BAR_X    280
#define BAR_MAXW 360
#define NAME_MAX 20 /* characters of a name shown */

typedef struct bar {
    gk_chart_bar v;
    size_t index;
} bar;

static int cmp_bar(const void *pa, const void *pb)
{
    const bar *a = pa, *b = pb;
    int c = gk_indicator_rank(a->v.ok, a->v.num, a->v.den, b->v.ok, b->v.num, b->v.den);
    return c ? c : a->index < b->index ? -1 : a->index > b->index;
}

/* "淮安市人民政府 2024年": what names a bar. */
static void bar_name(const gk_doc *doc, gk_lang lang, char *buf, size_t size)
{
    const char *a = gk_doc_agency(doc);
    if (!a[0])
        a = gk_doc_name(doc);
    if (gk_doc_year(doc) > 0)
        snprintf(buf, size, lang == GK_LANG_EN ? "%s %d" : "%s %d年", a, gk_doc_year(doc));
    else
        snprintf(buf, size, "%s", a);
}

/* Bar width for num/den, clamped to the scale. */
static int bar_width(const gk_chart_bar *b)
{
    if (!b->ok || b->num <= 0)
        return 0;
    if (b->num >= b->den)
        return BAR_MAXW;
    return (int)((wide)b->num * BAR_MAXW / b->den);
}

/* Vertical grid lines at 0, 25, 50, 75 and 100 %, labelled above the first bar. */
static void grid(size_t n, FILE *out)
{
    const svg_font f = {12, SVG_MIDDLE, SVG_MUTED, 0};
    char buf[16];
    for (int k = 0; k <= 4; k++) {
        int x = BAR_X + BAR_MAXW * k / 4;
        fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>\n", x, TOP - 8,
                x, TOP + (int)n * ROW_H - 4, k ? SVG_GRID : SVG_MUTED);
        snprintf(buf, sizeof buf, "%d%%", k * 25);
        svg_text(out, x, TOP - 14, &f, NULL, buf, 0);
    }
}

static void bar_row(const gk_chart_bar *b, size_t k, gk_lang lang, FILE *out)
{
    const svg_font name = {13, SVG_END, SVG_INK, 0};
    svg_font val = {13, SVG_START, SVG_INK, 1};
    char text[128], pct[32];
    const char *label = b->name ? b->name : "";
    int y = TOP + (int)k * ROW_H, w = bar_width(b);
    if (b->ok)
        snprintf(text, sizeof text, "%s%%  %lld/%lld",
                 gk_indicator_percent(b->num, b->den, pct, sizeof pct), (long long)b->num,
                 (long long)b->den);
    else
        snprintf(text, sizeof text, lang == GK_LANG_EN ? "— (n/a)" : "—（不适用）");
    fputs("<g><title>", out);
    svg_esc(label, 0, out);
    fputs(lang == GK_LANG_EN ? ": " : "：", out);
    svg_esc(text, 0, out);
    fputs("</title>\n", out);
    svg_text(out, LABEL_X, y + BAR_H / 2 + 5, &name, "label", label, NAME_MAX);
    fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", BAR_X, y, w,
            BAR_H, SVG_BAR);
    int x = BAR_X + w + 6;
    if (x + svg_text_width(text, val.size) > GK_CHART_WIDTH - 8) {
        x = BAR_X + w - 6; /* inside the bar's end */
        val.anchor = SVG_END;
        val.fill = "#fff";
    }
    svg_text(out, x, y + BAR_H / 2 + 5, &val, "value", text, 0);
    fputs("</g>\n", out);
}

static void heading(const gk_indicator_def *d, size_t n, size_t of, gk_lang lang, FILE *out)
{
    const svg_font head = {18, SVG_START, SVG_INK, 1}, sub = {13, SVG_START, SVG_MUTED, 0};
    char buf[512];
    snprintf(buf, sizeof buf, lang == GK_LANG_EN ? "%s: ranking" : "%s 排名",
             lang == GK_LANG_EN ? d->name_en : d->name_zh);
    svg_text(out, 16, 30, &head, NULL, buf, 42);
    if (of > n)
        snprintf(buf, sizeof buf,
                 lang == GK_LANG_EN ? "the highest %zu of %zu reports"
                                    : "%zu 份报告中最高的 %zu 份",
                 lang == GK_LANG_EN ? n : of, lang == GK_LANG_EN ? of : n);
    else
        snprintf(buf, sizeof buf,
                 lang == GK_LANG_EN ? "%zu reports, highest first; n/a last"
                                    : "%zu 份报告，从高到低；不适用的排在最后",
                 n);
    svg_text(out, 16, 54, &sub, NULL, buf, 0);
}

/* Draws bars v[0..n), already sorted. */
static void draw(const bar *v, size_t n, size_t of, const gk_indicator_def *d, gk_lang lang,
                 FILE *out)
{
    char title[512];
    snprintf(title, sizeof title, lang == GK_LANG_EN ? "%s: ranking" : "%s 排名",
             lang == GK_LANG_EN ? d->name_en : d->name_zh);
    svg_begin(out, TOP + (int)(n ? n : 1) * ROW_H + 12, title);
    heading(d, n, of, lang, out);
    grid(n, out);
    for (size_t k = 0; k < n; k++)
        bar_row(&v[k].v, k, lang, out);
    svg_end(out);
}

gk_status gk_chart_ranking_bars(const gk_chart_bar *bars, size_t n, size_t of, int indicator,
                                gk_lang lang, FILE *out)
{
    const gk_indicator_def *d = gk_indicator_at(indicator);
    if ((!bars && n) || !d || !out)
        return GK_ERR_INVALID_ARG;
    bar *v = calloc(n ? n : 1, sizeof *v);
    if (!v)
        return GK_ERR_LIMIT;
    for (size_t i = 0; i < n; i++)
        v[i] = (bar){bars[i], i};
    qsort(v, n, sizeof *v, cmp_bar);
    draw(v, n, of, d, lang, out);
    free(v);
    return ferror(out) ? GK_ERR_IO : GK_OK;
}

#define NAME_BYTES 512

gk_status gk_chart_ranking(const gk_doc *const *docs, size_t n, int indicator, gk_lang lang,
                           FILE *out)
{
    const gk_indicator_def *d = gk_indicator_at(indicator);
    if ((!docs && n) || !d || !out)
        return GK_ERR_INVALID_ARG;
    for (size_t i = 0; i < n; i++)
        if (!docs[i])
            return GK_ERR_INVALID_ARG;
    bar *v = calloc(n ? n : 1, sizeof *v);
    char *names = calloc(n ? n : 1, NAME_BYTES);
    if (!v || !names) {
        free(v);
        free(names);
        return GK_ERR_LIMIT;
    }
    for (size_t i = 0; i < n; i++) {
        char *name = names + i * NAME_BYTES;
        bar_name(docs[i], lang, name, NAME_BYTES);
        v[i] = (bar){{name, 0, 0, 0}, i};
        v[i].v.ok = gk_indicator_value(docs[i], indicator, &v[i].v.num, &v[i].v.den);
    }
    qsort(v, n, sizeof *v, cmp_bar);
    draw(v, n, 0, d, lang, out);
    free(v);
    free(names);
    return ferror(out) ? GK_ERR_IO : GK_OK;
}
