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
    row->text =
        (gk_text){t, norm, (uint32_t)n, (uint32_t)total, line, 1 + utf8_count(s, (size_t)(t - s))};
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
