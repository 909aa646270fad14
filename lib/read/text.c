/*
 * text.c — the plain-text reader: UTF-8 text in any of the layouts reports are copied in
 * (tab-separated rows, one cell per line, tab-indented cells, mixed) becomes blocks.
 *
 * A line with a tab is a table row split at tabs; any other non-empty line is a paragraph.
 * Which paragraphs are table cells is decided later, by the report reader, from labels.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/norm.h"
#include "readers.h"
#include "script.h"

/* Position (line, byte column) of byte offset `off`, for error messages. */
static void locate(const char *s, size_t off, unsigned *line, unsigned *col)
{
    *line = 1;
    size_t start = 0;
    for (size_t i = 0; i < off; i++) {
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= off || s[i + 1] != '\n'))) {
            (*line)++;
            start = i + 1;
        }
    }
    *col = (unsigned)(off - start + 1);
}

gk_status reader_encoding_error(gk_error *err, const char *what, const char *data, size_t off)
{
    unsigned line, col;
    char msg[128];
    locate(data, off, &line, &col);
    snprintf(msg, sizeof msg, "%s at line %u, byte %u", what, line, col);
    return reader_error(err, GK_ERR_ENCODING, msg);
}

/* A row of cells separated by `sep` (a tab, or '|' in Markdown); `col` is where s starts. */
static int read_row(gk_blocks *b, const char *s, size_t len, uint32_t line, char sep, uint32_t col)
{
    const char *end = s + len;
    uint32_t n = 1;
    for (const char *p = s; (p = memchr(p, sep, (size_t)(end - p))) != NULL; p++)
        n++;
    gk_block *blk = blocks_push(b);
    if (!blk)
        return -1;
    gk_text *cells = arena_alloc_raw(&b->mem, n * sizeof *cells);
    const char *start = s;
    for (uint32_t k = 0; k < n; k++) {
        const char *tab = memchr(start, sep, (size_t)(end - start));
        size_t cl = (size_t)((tab ? tab : end) - start);
        blocks_make_text(b, start, cl, line, col, &cells[k]);
        col += utf8_count(start, cl) + 1;
        start += cl + 1;
    }
    blk->kind = GK_BLOCK_ROW;
    blk->cells = cells;
    blk->ncells = n;
    blocks_make_row_text(b, blk, s, len, line);
    return 0;
}

/*
 * Markdown, as reports converted by tools arrive: "| a | b |" is a row (its "|---|" rule line is
 * skipped) and "## 一、总体情况" a paragraph without its "#" marks. Returns 1 if the line was
 * taken (or -1 at the block limit), 0 if it is not Markdown.
 */
static int read_markdown(gk_blocks *b, const char *s, size_t len, uint32_t line)
{
    size_t n = len;
    const char *t = trim_space(s, &n);
    uint32_t col = 1 + utf8_count(s, (size_t)(t - s));
    if (n >= 2 && t[0] == '|' && t[n - 1] == '|') {
        if (strspn(t, "|-: ") == n)
            return 1; /* the rule under a header row */
        return read_row(b, t + 1, n - 2, line, '|', col + 1) < 0 ? -1 : 1;
    }
    size_t hashes = strspn(t, "#");
    if (hashes == 0 || hashes > 6 || hashes >= n || t[hashes] != ' ')
        return 0;
    gk_block *blk = blocks_push(b);
    if (!blk)
        return -1;
    blk->kind = GK_BLOCK_PARA;
    blocks_make_text(b, t + hashes, n - hashes, line, col + (uint32_t)hashes, &blk->text);
    return 1;
}

/* 1 if s[0..n) is a number as tables print them (digits, separators, a sign, a per cent). */
static int numeric_field(const char *s, size_t n)
{
    size_t i = 0, digits = 0;
    for (; i < n && strchr("0123456789.,%-", s[i]); i++)
        digits += s[i] >= '0' && s[i] <= '9';
    return i == n && digits > 0;
}

/*
 * A line laid out with runs of spaces between its cells, as `pdftotext -layout` and other
 * fixed-width copies print tables: "一、本年新收…数量      3001     53    0 …". Taken as a row when
 * it splits into two or more fields at gaps of two or more spaces and one field is a number.
 * Returns 1 if taken (-1 at the block limit), 0 if the line is not laid out that way.
 */
static int read_spaced(gk_blocks *b, const char *s, size_t len, uint32_t line)
{
    enum { MAX_FIELDS = 64 };
    const char *cells[MAX_FIELDS];
    size_t lens[MAX_FIELDS];
    uint32_t cols[MAX_FIELDS], n = 0;
    int numbers = 0;
    for (size_t i = 0; i < len && n < MAX_FIELDS;) {
        while (i < len && s[i] == ' ')
            i++;
        size_t start = i;
        while (i < len && !(s[i] == ' ' && i + 1 < len && s[i + 1] == ' '))
            i++;
        size_t end = i;
        while (end > start && s[end - 1] == ' ')
            end--;
        if (end == start)
            continue;
        cells[n] = s + start;
        lens[n] = end - start;
        cols[n] = 1 + utf8_count(s, start);
        numbers += numeric_field(cells[n], lens[n]);
        n++;
    }
    if (n < 2 || numbers == 0 || n == MAX_FIELDS)
        return 0;
    return blocks_add_row(b, cells, lens, cols, n, line) < 0 ? -1 : 1;
}

static int read_line(gk_blocks *b, const char *s, size_t len, uint32_t line)
{
    if (memchr(s, '\t', len))
        return read_row(b, s, len, line, '\t', 1);
    if (len && memchr("|# \t", s[0], 4)) {
        int md = read_markdown(b, s, len, line);
        if (md != 0)
            return md < 0 ? -1 : 0;
    }
    const char *sp = memchr(s, ' ', len);
    while (sp && sp + 1 < s + len && sp[1] != ' ')
        sp = memchr(sp + 1, ' ', (size_t)(s + len - sp - 1));
    if (sp && sp + 1 < s + len) { /* two spaces in a row somewhere */
        int spaced = read_spaced(b, s, len, line);
        if (spaced != 0)
            return spaced < 0 ? -1 : 0;
    }
    size_t n = len;
    trim_space(s, &n);
    if (n == 0)
        return 0;
    gk_block *blk = blocks_push(b);
    if (!blk)
        return -1;
    blk->kind = GK_BLOCK_PARA;
    blocks_make_text(b, s, len, line, 1, &blk->text);
    return 0;
}

/* Offset of the first '\n' or '\r' at or after i, or len. */
static size_t line_end(const char *s, size_t i, size_t len)
{
    const char *nl = memchr(s + i, '\n', len - i);
    size_t to = nl ? (size_t)(nl - s) : len;
    const char *cr = memchr(s + i, '\r', to - i);
    return cr ? (size_t)(cr - s) : to;
}

/* Splits UTF-8 text (in b's arena, BOM already removed) into blocks. */
/* Text with form feeds (pdftotext output) has pages: each form feed starts the next one. */
static void set_page(gk_block *blk, uint32_t page)
{
    blk->text.page = page;
    for (uint32_t c = 0; c < blk->ncells; c++)
        ((gk_text *)&blk->cells[c])->page = page;
}

gk_status read_text_utf8(gk_blocks *b, char *copy, size_t len, gk_error *err)
{
    const char *nul = memchr(copy, '\0', len);
    if (nul)
        return reader_encoding_error(err, "binary data (NUL byte)", copy, (size_t)(nul - copy));
    size_t start = 0;
    uint32_t line = 1, page = memchr(copy, '\f', len) ? 1 : 0;
    for (size_t i = 0; i <= len; i++) {
        i = line_end(copy, i, len);
        size_t before = b->n;
        if (page && memchr(copy + start, '\f', i - start))
            page++;
        if (read_line(b, copy + start, i - start, line) < 0)
            return reader_error(err, GK_ERR_LIMIT, "too many lines");
        for (size_t k = before; page && k < b->n; k++)
            set_page(&b->v[k], page);
        if (i < len && copy[i] == '\r' && i + 1 < len && copy[i + 1] == '\n')
            i++;
        start = i + 1;
        line++;
    }
    if (b->bad)
        return reader_encoding_error(err, "invalid UTF-8", copy, (size_t)(b->bad - copy));
    return GK_OK;
}

gk_status gk_blocks_read_text(const char *data, size_t len, gk_blocks **out, gk_error *err)
{
    *out = NULL;
    if (!data && len)
        return reader_error(err, GK_ERR_INVALID_ARG, "no data");
    if (len > GK_MAX_INPUT_BYTES)
        return reader_error(err, GK_ERR_LIMIT, "input larger than 32 MiB");
    gk_blocks *b = blocks_new(GK_INPUT_TEXT);
    size_t bom = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    char *copy = arena_strndup(&b->mem, data ? data + bom : "", len - bom);
    gk_status st = read_text_utf8(b, copy, len - bom, err);
    if (st != GK_OK) {
        gk_blocks_free(b);
        return st;
    }
    script_fold(b); /* as gk_blocks_read() does, so both read a traditional file alike */
    *out = b;
    return GK_OK;
}
