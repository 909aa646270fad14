/*
 * blocks.h — the intermediate every input format is turned into.
 *
 * A reader (text today; HTML, DOCX and PDF later) produces a sequence of blocks: paragraphs and
 * table rows of cells. Every paragraph and cell keeps its source position (1-based line and
 * column in characters) and whether it was blank. The report reader (doc.h) works only on
 * blocks, so a new input format needs only a new reader.
 *
 * Text is held twice: `raw` is the source text trimmed of surrounding white space, `norm` is
 * the matching form (NFKC, all white space removed, quotes unified). Both live in the block
 * list's arena and are valid until gk_blocks_free().
 */
#ifndef GONGKAI_BLOCKS_H
#define GONGKAI_BLOCKS_H

#include <gongkai/status.h>
#include <stddef.h>
#include <stdint.h>

typedef struct gk_text {
    const char *raw;
    const char *norm;
    uint32_t raw_len;
    uint32_t norm_len;
    uint32_t line; /* 1-based source line */
    uint32_t col;  /* 1-based source column, in characters */
} gk_text;

typedef enum gk_block_kind {
    GK_BLOCK_PARA = 0, /* a paragraph of running text (or a lone cell of a one-per-line table) */
    GK_BLOCK_ROW,      /* a table row: cells side by side in the source */
} gk_block_kind;

typedef struct gk_block {
    gk_block_kind kind;
    gk_text text;         /* PARA: the paragraph; ROW: the whole row */
    const gk_text *cells; /* ROW only; an empty cell has norm_len == 0 (blank) */
    uint32_t ncells;
} gk_block;

typedef struct gk_blocks gk_blocks;

/* Hard limits of the readers. */
#define GK_MAX_INPUT_BYTES (32u * 1024u * 1024u)
#define GK_MAX_BLOCKS      2000000u

/*
 * Reads plain text (UTF-8, with or without BOM; LF, CRLF or CR line ends). Lines containing a
 * tab become ROW blocks split at tabs; other non-empty lines become PARA blocks. Invalid UTF-8
 * fails with GK_ERR_ENCODING, input over GK_MAX_INPUT_BYTES with GK_ERR_LIMIT.
 * On success *out owns a copy of everything it needs; free it with gk_blocks_free().
 */
GK_API gk_status gk_blocks_read_text(const char *data, size_t len, gk_blocks **out, gk_error *err);

GK_API size_t gk_blocks_count(const gk_blocks *b);
GK_API const gk_block *gk_blocks_get(const gk_blocks *b, size_t i);
GK_API void gk_blocks_free(gk_blocks *b);

#endif
