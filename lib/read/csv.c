/*
 * csv.c — the CSV sheet reader (sheet.h): the bytes of a CSV file are decoded to UTF-8 with the
 * project's text decoding (decode.c), the delimiter is chosen, and the text is split into
 * records of fields (RFC 4180 quoting, any line ending) handed one by one to the caller with
 * the line each record starts on. Used by the ledger reader.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include "decode.h"
#include "sheet.h"

#define SNIFF_LINES 20    /* lines looked at to choose the delimiter */
#define SNIFF_BYTES 65536 /* bytes looked at to choose the delimiter */

typedef struct csv {
    const char *s; /* the decoded text */
    size_t len;
    size_t i;   /* where the next field starts */
    int line;   /* the line s[i] is on */
    char delim; /* the field delimiter */
    arena tmp;  /* the current record's fields */
    sheet_cell v[SHEET_COLS_MAX];
    size_t n;
    sheet_limit limit; /* a cap the current record is past */
} csv;

/* The delimiter: from an Excel "sep=X" first line, else the tab if the first lines have more
 * tabs than commas outside quotes, else the comma. *skip: bytes of the sep= line. */
static char delimiter(const char *s, size_t len, size_t *skip)
{
    *skip = 0;
    if (len >= 5 && strncmp(s, "sep=", 4) == 0 && (s[5] == '\n' || s[5] == '\r' || !s[5])) {
        *skip = 5 + (s[5] == '\r') + (s[5 + (s[5] == '\r')] == '\n');
        return s[4];
    }
    size_t tabs = 0, commas = 0, lines = 0;
    int quoted = 0;
    for (size_t i = 0; i < len && i < SNIFF_BYTES && lines < SNIFF_LINES; i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted && s[i] == '\n')
            lines++;
        tabs += !quoted && s[i] == '\t';
        commas += !quoted && s[i] == ',';
    }
    return tabs > commas ? '\t' : ',';
}

static int ends_field(const csv *c, size_t k)
{
    return c->s[k] == c->delim || c->s[k] == '\n' || c->s[k] == '\r';
}

/* The end of the quoted text that starts after the quote at s[k]: the closing quote, or len. */
static size_t quoted_end(const csv *c, size_t k)
{
    for (k++; k < c->len; k++) {
        if (c->s[k] == '"' && k + 1 < c->len && c->s[k + 1] == '"')
            k++;
        else if (c->s[k] == '"')
            return k;
    }
    return c->len;
}

/* A quoted field at s[*k]: its text unquoted, and any text after the closing quote up to the
 * delimiter kept as written; counts the line breaks inside it. *k ends at the delimiter or the
 * line end. */
static char *quoted_field(csv *c, size_t *k)
{
    size_t end = quoted_end(c, *k), rest = end + (end < c->len);
    while (rest < c->len && !ends_field(c, rest))
        rest++;
    char *text = arena_alloc_raw(&c->tmp, (end - *k) + (rest - end) + 1);
    size_t o = 0;
    for (size_t j = *k + 1; j < end; j++) {
        const char ch = c->s[j];
        if (ch == '"')
            j++; /* a doubled quote: one is kept */
        c->line += ch == '\n' || (ch == '\r' && (j + 1 >= c->len || c->s[j + 1] != '\n'));
        text[o++] = ch;
    }
    size_t after = end + (end < c->len);
    memcpy(text + o, c->s + after, rest - after);
    text[o + (rest - after)] = '\0';
    *k = rest;
    return text;
}

/* Reads one field; advances past it and its delimiter or line end. Returns 1 if the record
 * goes on, 0 at its end. */
static int next_field(csv *c)
{
    size_t k = c->i;
    char *text;
    if (k < c->len && c->s[k] == '"') {
        text = quoted_field(c, &k);
    } else {
        while (k < c->len && !ends_field(c, k))
            k++;
        text = arena_strndup(&c->tmp, c->s + c->i, k - c->i);
    }
    if (strlen(text) > SHEET_CELL_MAX && c->limit == SHEET_WITHIN)
        c->limit = SHEET_CELL_TOO_LONG;
    if (c->n < SHEET_COLS_MAX)
        c->v[c->n++] = (sheet_cell){text, 0};
    else if (c->limit == SHEET_WITHIN)
        c->limit = SHEET_TOO_WIDE;
    if (k < c->len && c->s[k] == c->delim) {
        c->i = k + 1;
        return 1;
    }
    k += k < c->len && c->s[k] == '\r';
    k += k < c->len && c->s[k] == '\n';
    c->i = k;
    c->line++;
    return 0;
}

/* Reads the next record into c->v, or notes the cap it is past in c->limit. */
static void next_record(csv *c)
{
    c->n = 0;
    c->limit = SHEET_WITHIN;
    arena_free(&c->tmp);
    arena_init(&c->tmp);
    while (next_field(c))
        ;
}

/* Splits the text into records and passes them on until fn stops it or SHEET_ROWS_MAX. */
static void split(csv *c, sheet_row_fn fn, void *ctx)
{
    int stop = 0;
    for (size_t rows = 0; c->i < c->len && !stop; rows++) {
        sheet_row row = {c->line, c->v, 0, SHEET_TOO_MANY_ROWS};
        if (rows == SHEET_ROWS_MAX) {
            fn(ctx, &row);
            return;
        }
        next_record(c);
        row.limit = c->limit;
        row.n = c->limit == SHEET_WITHIN ? c->n : 0;
        stop = fn(ctx, &row);
    }
}

gk_status sheet_read_csv(const char *data, size_t len, sheet_row_fn fn, void *ctx, sheet_info *info,
                         gk_error *err)
{
    arena text;
    arena_init(&text);
    decoded d;
    gk_status st = decode_utf8(data, len, NULL, &text, &d, err);
    if (st != GK_OK) {
        arena_free(&text);
        return st;
    }
    info->encoding = d.enc;
    info->date1904 = 0;
    csv *c = calloc(1, sizeof *c);
    if (!c)
        gk_oom();
    c->s = d.utf8;
    c->len = d.len;
    c->delim = delimiter(d.utf8, d.len, &c->i);
    c->line = c->i ? 2 : 1;
    arena_init(&c->tmp);
    split(c, fn, ctx);
    arena_free(&c->tmp);
    free(c);
    arena_free(&text);
    return GK_OK;
}
