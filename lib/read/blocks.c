/*
 * blocks.c — the block list shared by all readers: storage and text records.
 */
#include "blocks_int.h"

#include <stdlib.h>
#include <string.h>

#include "../core/norm.h"

void blocks_make_text(gk_blocks *b, const char *s, size_t len, uint32_t line, uint32_t col,
                      gk_text *out)
{
    size_t n = len;
    const char *t = trim_space(s, &n);
    out->raw = t;
    out->raw_len = (uint32_t)n;
    out->line = line;
    out->col = col + utf8_count(s, (size_t)(t - s));
    out->page = 0;
    out->norm = norm_text(&b->mem, t, n, &out->norm_len, &b->bad);
}

void blocks_make_row_text(gk_blocks *b, gk_block *row, const char *s, size_t len, uint32_t line)
{
    size_t n = len, total = 0;
    const char *t = trim_space(s, &n);
    for (uint32_t c = 0; c < row->ncells; c++)
        total += row->cells[c].norm_len;
    char *norm = arena_alloc_raw(&b->mem, total + 1), *w = norm;
    for (uint32_t c = 0; c < row->ncells; c++) {
        memcpy(w, row->cells[c].norm, row->cells[c].norm_len);
        w += row->cells[c].norm_len;
    }
    *w = '\0';
    row->text = (gk_text){
        t, norm, (uint32_t)n, (uint32_t)total, line, 1 + utf8_count(s, (size_t)(t - s)), 0};
}

gk_block *blocks_push(gk_blocks *b)
{
    if (b->n == b->cap) {
        if (b->n >= GK_MAX_BLOCKS)
            return NULL;
        size_t cap = b->cap ? b->cap * 2 : 256;
        b->v = arena_grow(&b->mem, b->v, b->n, cap, sizeof *b->v);
        b->cap = cap;
    }
    gk_block *blk = &b->v[b->n++];
    *blk = (gk_block){0};
    return blk;
}

size_t gk_blocks_count(const gk_blocks *b)
{
    return b ? b->n : 0;
}

const gk_block *gk_blocks_get(const gk_blocks *b, size_t i)
{
    return b && i < b->n ? &b->v[i] : NULL;
}

void gk_blocks_free(gk_blocks *b)
{
    if (!b)
        return;
    arena_free(&b->mem);
    free(b);
}

/* The encoding a list starts with: text and HTML are UTF-8 until decoding says otherwise;
 * DOCX and PDF have no text encoding of their own (their text is Unicode by format). */
static const char *kind_encoding(gk_input_kind kind)
{
    return kind == GK_INPUT_DOCX || kind == GK_INPUT_PDF ? NULL : "UTF-8";
}

gk_blocks *blocks_new(gk_input_kind kind)
{
    gk_blocks *b = calloc(1, sizeof *b);
    if (!b)
        gk_oom();
    arena_init(&b->mem);
    b->kind = kind;
    b->encoding = kind_encoding(kind);
    return b;
}

void blocks_reset(gk_blocks *b)
{
    gk_input_kind kind = b->kind;
    arena_free(&b->mem);
    *b = (gk_blocks){0};
    arena_init(&b->mem);
    b->kind = kind;
    b->encoding = kind_encoding(kind);
}

int blocks_add_para(gk_blocks *b, const char *s, size_t len, uint32_t line)
{
    size_t n = len;
    const char *t = trim_space(s, &n);
    if (n == 0)
        return 0;
    gk_block *blk = blocks_push(b);
    if (!blk)
        return -1;
    blk->kind = GK_BLOCK_PARA;
    blocks_make_text(b, arena_strndup(&b->mem, t, n), n, line, 1, &blk->text);
    return 0;
}

int blocks_add_row(gk_blocks *b, const char *const *cells, const size_t *lens, const uint32_t *col,
                   uint32_t n, uint32_t line)
{
    gk_block *blk = blocks_push(b);
    if (!blk)
        return -1;
    gk_text *out = arena_alloc_raw(&b->mem, (n ? n : 1) * sizeof *out);
    size_t total = 0;
    for (uint32_t c = 0; c < n; c++)
        total += lens[c] + 1;
    char *line_text = arena_alloc_raw(&b->mem, total + 1), *w = line_text;
    for (uint32_t c = 0; c < n; c++) {
        memcpy(w, cells[c], lens[c]);
        blocks_make_text(b, w, lens[c], line, col ? col[c] : c + 1, &out[c]);
        w += lens[c];
        *w++ = '\t';
    }
    *w = '\0';
    blk->kind = GK_BLOCK_ROW;
    blk->cells = out;
    blk->ncells = n;
    blocks_make_row_text(b, blk, line_text, w > line_text ? (size_t)(w - line_text - 1) : 0, line);
    return 0;
}

void blocks_note_add(gk_blocks *b, int sev, const char *rule, uint32_t line, const char *zh,
                     const char *en)
{
    if (b->nnotes >= 64)
        return; /* one note per kind of problem is enough; never unbounded */
    b->notes = arena_grow(&b->mem, b->notes, b->nnotes, b->nnotes + 1, sizeof *b->notes);
    b->notes[b->nnotes++] =
        (blocks_note){sev, arena_strdup(&b->mem, rule), arena_strdup(&b->mem, zh),
                      arena_strdup(&b->mem, en), line};
}

gk_input_kind gk_blocks_kind(const gk_blocks *b)
{
    return b ? b->kind : GK_INPUT_TEXT;
}

const char *gk_blocks_encoding(const gk_blocks *b)
{
    return b ? b->encoding : NULL;
}
