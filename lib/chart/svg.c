/*
 * svg.c — the SVG frame and text helpers the charts share (see svg.h).
 */
#include "svg.h"

#include <string.h>

#define FONTS "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif"

/* Decodes one UTF-8 sequence at s; returns its length (>= 1) and sets *cp, or U+FFFD for a
 * malformed, overlong or surrogate sequence (consuming one byte). */
static size_t utf8_next(const unsigned char *s, uint32_t *cp)
{
    static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    size_t n = s[0] < 0x80                   ? 1
               : s[0] >= 0xC2 && s[0] < 0xE0 ? 2
               : s[0] >= 0xE0 && s[0] < 0xF0 ? 3
               : s[0] >= 0xF0 && s[0] < 0xF5 ? 4
                                             : 0;
    uint32_t c = n == 1 ? s[0] : n == 2 ? s[0] & 0x1Fu : n == 3 ? s[0] & 0x0Fu : s[0] & 0x07u;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            n = 0;
            break;
        }
        c = c << 6 | (s[i] & 0x3Fu);
    }
    if (n == 0 || c < min[n] || c > 0x10FFFF || (c >= 0xD800 && c < 0xE000)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = c;
    return n;
}

/* 1 for a character XML 1.0 does not allow (C0 controls other than tab, LF, CR; U+FFFE/F). */
static int xml_forbidden(uint32_t c)
{
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF;
}

static void put_char(const unsigned char *s, size_t len, uint32_t c, FILE *out)
{
    if (c == '&')
        fputs("&amp;", out);
    else if (c == '<')
        fputs("&lt;", out);
    else if (c == '>')
        fputs("&gt;", out);
    else if (c == '"')
        fputs("&quot;", out);
    else if (c == '\'')
        fputs("&#39;", out);
    else if (c == 0xFFFD || xml_forbidden(c))
        fputs("\xEF\xBF\xBD", out);
    else
        fwrite(s, 1, len, out);
}

int svg_chars(const char *s)
{
    int n = 0;
    uint32_t c;
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p += utf8_next(p, &c))
        n++;
    return n;
}

size_t svg_prefix(const char *s, int chars)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t c;
    for (int i = 0; i < chars && *p; i++)
        p += utf8_next(p, &c);
    return (size_t)(p - (const unsigned char *)s);
}

void svg_esc(const char *s, int max, FILE *out)
{
    int cut = max > 0 && svg_chars(s) > max, n = 0;
    uint32_t c;
    for (const unsigned char *p = (const unsigned char *)s; p && *p;) {
        if (cut && n == max - 1) {
            fputs("\xE2\x80\xA6", out);
            return;
        }
        size_t len = utf8_next(p, &c);
        put_char(p, len, c, out);
        p += len;
        n++;
    }
}

int svg_text_width(const char *s, int size)
{
    int w10 = 0; /* tenths of the font size */
    uint32_t c;
    for (const unsigned char *p = (const unsigned char *)s; p && *p;) {
        p += utf8_next(p, &c);
        w10 += c >= 0x2E80 || (c >= 0x2000 && c < 0x2070) ? 10 : 6;
    }
    return (w10 * size + 9) / 10;
}

void svg_text(FILE *out, int x, int y, const svg_font *f, const char *cls, const char *s, int max)
{
    static const char *const anchors[] = {"start", "middle", "end"};
    fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" fill=\"%s\"", x, y, f->size,
            f->fill ? f->fill : SVG_INK);
    if (f->anchor != SVG_START)
        fprintf(out, " text-anchor=\"%s\"", anchors[f->anchor]);
    if (f->bold)
        fputs(" font-weight=\"bold\"", out);
    if (cls)
        fprintf(out, " class=\"%s\"", cls);
    fputc('>', out);
    svg_esc(s, max, out);
    fputs("</text>\n", out);
}

void svg_begin(FILE *out, int height, const char *title)
{
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            "viewBox=\"0 0 %d %d\" role=\"img\" font-family=\"%s\">\n<title>",
            GK_CHART_WIDTH, height, GK_CHART_WIDTH, height, FONTS);
    svg_esc(title, 0, out);
    fprintf(out, "</title>\n<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n",
            GK_CHART_WIDTH, height);
}

void svg_end(FILE *out)
{
    fputs("</svg>\n", out);
}

int64_t svg_nice_max(int64_t v, int *ticks)
{
    static const int small[][2] = {{1, 1}, {2, 2}, {3, 3}, {4, 4},
                                   {5, 5}, {6, 3}, {8, 4}, {10, 5}}; /* value, ticks */
    static const int mant[][2] = {{10, 5}, {12, 4}, {15, 3}, {20, 4}, {25, 5}, {30, 3},
                                  {40, 4}, {50, 5}, {60, 3}, {80, 4}, {100, 5}};
    for (size_t i = 0; i < sizeof small / sizeof small[0]; i++)
        if (v <= small[i][0]) {
            *ticks = small[i][1];
            return small[i][0];
        }
    for (int64_t unit = 1; unit <= INT64_MAX / 1000; unit *= 10)
        for (size_t i = 0; i < sizeof mant / sizeof mant[0]; i++)
            if (v <= mant[i][0] * unit) {
                *ticks = mant[i][1];
                return mant[i][0] * unit;
            }
    *ticks = 1;
    return v;
}
