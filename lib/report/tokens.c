/*
 * tokens.c — flattens blocks into the token stream the table reader matches labels on.
 *
 * A paragraph is one token, a row is its cells followed by TOK_ROW_END. Row ends are kept as
 * hints only: in one-cell-per-line copies every cell is its own row.
 */
#include "../core/num.h"
#include "reader_int.h"

static tok_kind classify(const gk_text *t, int in_row)
{
    if (t->norm_len == 0)
        return in_row ? TOK_EMPTY : TOK_TEXT;
    return num_is_value_text(t->norm, t->norm_len) ? TOK_VALUE : TOK_TEXT;
}

void tokens_build(arena *a, const gk_blocks *b, tokens *out)
{
    size_t nb = gk_blocks_count(b), n = 0;
    for (size_t i = 0; i < nb; i++) {
        const gk_block *blk = gk_blocks_get(b, i);
        n += blk->kind == GK_BLOCK_ROW ? blk->ncells + 1 : 1;
    }
    out->v = arena_alloc_raw(a, (n ? n : 1) * sizeof *out->v);
    out->first = arena_alloc_raw(a, (nb + 1) * sizeof *out->first);
    size_t k = 0;
    for (size_t i = 0; i < nb; i++) {
        const gk_block *blk = gk_blocks_get(b, i);
        out->first[i] = k;
        if (blk->kind == GK_BLOCK_PARA) {
            out->v[k++] = (token){classify(&blk->text, 0), (uint32_t)i, &blk->text};
            continue;
        }
        for (uint32_t c = 0; c < blk->ncells; c++)
            out->v[k++] = (token){classify(&blk->cells[c], 1), (uint32_t)i, &blk->cells[c]};
        out->v[k++] = (token){TOK_ROW_END, (uint32_t)i, &blk->text};
    }
    out->first[nb] = k;
    out->n = k;
}
