/*
 * svg.h — what the charts share (internal): the <svg> frame, escaped and shortened text,
 * estimated text widths, rounded axis maxima and the palette.
 */
#ifndef GK_CHART_SVG_H
#define GK_CHART_SVG_H

#include <gongkai/chart.h>
#include <stdint.h>

#define SVG_INK   "#222"
#define SVG_MUTED "#666"
#define SVG_GRID  "#ddd"
#define SVG_BAR   "#1f5fa8"

/* Text anchors. */
typedef enum svg_anchor { SVG_START = 0, SVG_MIDDLE, SVG_END } svg_anchor;

/* How a piece of text is drawn. */
typedef struct svg_font {
    int size;          /* font size in viewBox units */
    svg_anchor anchor; /* text-anchor */
    const char *fill;  /* colour */
    int bold;
} svg_font;

/* Opens the chart: <svg> with width, height, viewBox, font list, role="img", then <title>
 * (title) and a white background. */
void svg_begin(FILE *out, int height, const char *title);
void svg_end(FILE *out);

/* Writes s escaped for XML, cut to at most `max` characters (code points) with "…" (0: no
 * limit). Control characters and invalid UTF-8 become U+FFFD. */
void svg_esc(const char *s, int max, FILE *out);

/* <text> at (x, y) holding s (escaped, cut to max characters), with an optional class. */
void svg_text(FILE *out, int x, int y, const svg_font *f, const char *cls, const char *s, int max);

/* Estimated width of s at font size `size`: wide (CJK) characters one em, others 0.6 em. */
int svg_text_width(const char *s, int size);

/* Characters of s, counted as code points. */
int svg_chars(const char *s);

/* The byte length of the first `chars` code points of s. */
size_t svg_prefix(const char *s, int chars);

/* A round axis maximum >= v (at least 1) and how many equal whole-number steps divide it:
 * 1–6, 8, 10, then 10, 12, 15, 20, 25, 30, 40, 50, 60, 80 × 10^k. Returns the maximum. */
int64_t svg_nice_max(int64_t v, int *ticks);

#endif
