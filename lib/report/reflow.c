/*
 * reflow.c — cutting a report written on one line back into paragraphs (see reflow.h).
 *
 * Some published copies put the whole report, tables included, on a single line:
 * "…一、总体情况2024年，…二、主动公开政府信息情况第二十条…规章000行政规范性文件6233440…".
 * Cuts are found in the matching form: before and after each "N、<section title>", and, between
 * the headings of sections 二 and 五, after each run of digits — except that a digit directly
 * before "." or "、" that is not followed by a digit is the next row's item number ("…0000000
 * 2.其他法律…"), which starts the next piece. Each piece becomes a paragraph at its position in
 * the source line; its raw and matching texts are copies of slices of the paragraph's (never
 * normalised again, so traditional text stays folded).
 */
#include "reflow.h"

#include <gongkai/schema.h>

#include <stdlib.h>
#include <string.h>

#include "../core/norm.h"
#include "../read/blocks_int.h"

#define LONG_PARA_BYTES 1000 /* shorter paragraphs are never cut */
#define MAX_CUTS        4096

typedef struct cuts {
    size_t at[MAX_CUTS]; /* offsets in the matching form, increasing */
    size_t n;
} cuts;

static void cut_at(cuts *c, size_t off)
{
    if (c->n < MAX_CUTS && (c->n == 0 || off > c->at[c->n - 1]))
        c->at[c->n++] = off;
}

/* Length of the section heading ("三、" + a title of the section) at s, or 0; sets *id. */
static size_t heading_at(const char *s, size_t left, int *id)
{
    for (int k = 0; k < GK_SECTION_COUNT; k++) {
        const gk_section_def *sec = gk_schema_section((gk_section_id)k);
        size_t on = strlen(sec->ordinal);
        if (left < on + 3 || memcmp(s, sec->ordinal, on) != 0 || memcmp(s + on, "、", 3) != 0)
            continue;
        for (int i = 0; sec->labels[i]; i++) {
            size_t ln = strlen(sec->labels[i]);
            if (left >= on + 3 + ln && memcmp(s + on + 3, sec->labels[i], ln) == 0) {
                *id = k;
                return on + 3 + ln;
            }
        }
    }
    return 0;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The end of the run of digits (with decimal points between digits) starting at i. */
static size_t digits_end(const char *s, size_t len, size_t i)
{
    while (i < len && (is_digit(s[i]) || (s[i] == '.' && i + 1 < len && is_digit(s[i + 1]) &&
                                          i > 0 && is_digit(s[i - 1]))))
        i++;
    return i;
}

/* 1 if position e (just after a digit run) starts an item number's separator: "2.其" "3、" */
static int item_follows(const char *s, size_t len, size_t e)
{
    if (e < len && s[e] == '.')
        return e + 1 >= len || !is_digit(s[e + 1]);
    return e + 3 <= len && memcmp(s + e, "、", 3) == 0;
}

/* Finds the cuts of one paragraph's matching form; returns how many headings it holds. */
static int find_cuts(const char *s, size_t len, cuts *c)
{
    int headings = 0, section = -1;
    for (size_t i = 0; i < len;) {
        int id;
        unsigned char lead = (unsigned char)s[i];
        /* 一…六 are three bytes starting E4 or E5, then 、: only there can a heading start */
        size_t h = (lead == 0xE4 || lead == 0xE5) && i + 6 <= len && memcmp(s + i + 3, "、", 3) == 0
                       ? heading_at(s + i, len - i, &id)
                       : 0;
        if (h) {
            cut_at(c, i);
            cut_at(c, i + h);
            headings++;
            section = id;
            i += h;
            continue;
        }
        int tables = section >= GK_S2_PROACTIVE && section <= GK_S4_REVIEW_LITIGATION;
        if (tables && is_digit(s[i])) {
            size_t e = digits_end(s, len, i);
            size_t end = item_follows(s, len, e) && e - i > 1 ? e - 1 : e;
            if (!item_follows(s, len, e) || e - i > 1)
                cut_at(c, end);
            i = e;
            continue;
        }
        i++;
    }
    return headings;
}

/* Byte offset in raw of the character at 1-based column col, advancing the cursor pos/at_col. */
static size_t raw_offset(const char *raw, size_t len, uint32_t col, size_t *pos, uint32_t *at_col)
{
    while (*at_col < col && *pos < len) {
        (*pos)++;
        while (*pos < len && ((unsigned char)raw[*pos] & 0xC0) == 0x80)
            (*pos)++;
        (*at_col)++;
    }
    return *pos;
}

/* Appends copies of raw[from..to) and norm[nfrom..nto) of t as a paragraph; -1 at the limit. */
static int add_piece(gk_blocks *out, const gk_text *t, size_t from, size_t to, uint32_t col,
                     size_t nfrom, size_t nto)
{
    size_t n = to - from;
    const char *raw = trim_space(t->raw + from, &n);
    if (n == 0 || nto <= nfrom)
        return 0;
    gk_block *blk = blocks_push(out);
    if (!blk)
        return -1;
    blk->kind = GK_BLOCK_PARA;
    blk->text = (gk_text){arena_strndup(&out->mem, raw, n),
                          arena_strndup(&out->mem, t->norm + nfrom, nto - nfrom),
                          (uint32_t)n,
                          (uint32_t)(nto - nfrom),
                          t->line,
                          t->col + col - 1,
                          t->page};
    return 0;
}

/* Adds the pieces of one paragraph; returns -1 when the block limit is reached. */
static int add_pieces(gk_blocks *out, const gk_text *t, const cuts *c)
{
    norm_cursor cur = {0, 0, 0};
    size_t pos = 0, from = 0, nfrom = 0;
    uint32_t at_col = 1, from_col = 1;
    for (size_t k = 0; k <= c->n; k++) {
        size_t to = t->raw_len, nto = t->norm_len;
        uint32_t col = 0;
        if (k < c->n) {
            if (c->at[k] == 0 || c->at[k] >= t->norm_len)
                continue;
            nto = c->at[k];
            col = norm_col_at(&cur, t->raw, t->raw_len, nto);
            to = raw_offset(t->raw, t->raw_len, col, &pos, &at_col);
        }
        if (add_piece(out, t, from, to, from_col, nfrom, nto) < 0)
            return -1;
        from = to, nfrom = nto, from_col = col;
    }
    return 0;
}

gk_blocks *reflow_blocks(const gk_blocks *b)
{
    size_t nb = gk_blocks_count(b), first = nb;
    cuts *c = malloc(sizeof *c);
    if (!c)
        gk_oom();
    for (size_t i = 0; i < nb && first == nb; i++) {
        const gk_block *blk = gk_blocks_get(b, i);
        c->n = 0;
        if (blk->kind == GK_BLOCK_PARA && blk->text.norm_len > LONG_PARA_BYTES &&
            find_cuts(blk->text.norm, blk->text.norm_len, c) >= 2)
            first = i;
    }
    if (first == nb) {
        free(c);
        return NULL;
    }
    gk_blocks *out = blocks_new(b->kind);
    out->encoding = b->encoding;
    out->traditional = b->traditional;
    for (size_t i = 0; i < b->nnotes; i++)
        blocks_note_add(out, b->notes[i].sev, b->notes[i].rule, b->notes[i].line, b->notes[i].zh,
                        b->notes[i].en);
    int rc = 0;
    gk_block *copy;
    for (size_t i = 0; i < nb && rc == 0; i++) {
        const gk_block *blk = gk_blocks_get(b, i);
        c->n = 0;
        if (i >= first && blk->kind == GK_BLOCK_PARA && blk->text.norm_len > LONG_PARA_BYTES &&
            find_cuts(blk->text.norm, blk->text.norm_len, c) >= 1)
            rc = add_pieces(out, &blk->text, c);
        else if ((copy = blocks_push(out)) != NULL)
            *copy = *blk; /* its text stays in b's arena */
        else
            rc = -1;
    }
    free(c);
    if (rc < 0) {
        gk_blocks_free(out);
        return NULL;
    }
    return out;
}
