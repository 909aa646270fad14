/*
 * blocks_int.h — the block list as readers build it.
 */
#ifndef GK_BLOCKS_INT_H
#define GK_BLOCKS_INT_H

#include <gongkai/blocks.h>

#include "../core/arena.h"

struct gk_blocks {
    arena mem;
    gk_block *v;
    size_t n, cap;
    const char *bad; /* first invalid UTF-8 byte met while normalising, or NULL */
};

/* Makes a gk_text for s[0..len) of a source line: trims, normalises, records line/col.
 * `col` is the 1-based character column of s in its line. */
void blocks_make_text(gk_blocks *b, const char *s, size_t len, uint32_t line, uint32_t col,
                      gk_text *out);

/* Makes a ROW block's own text: the raw line, and the cells' matching forms joined (tabs are
 * white space, so this is the matching form of the line without normalising it again). */
void blocks_make_row_text(gk_blocks *b, gk_block *row, const char *s, size_t len, uint32_t line);

/* Appends a block; returns it (zeroed), or NULL when GK_MAX_BLOCKS is reached. */
gk_block *blocks_push(gk_blocks *b);

#endif
