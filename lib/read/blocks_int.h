/*
 * blocks_int.h — the block list as readers build it.
 */
#ifndef GK_BLOCKS_INT_H
#define GK_BLOCKS_INT_H

#include <gongkai/blocks.h>

#include "../core/arena.h"

/* A reader's remark about the input (encoding used, a scanned PDF, a limit reached). The
 * report reader turns each into a diagnostic; `sev` is a gk_severity. */
typedef struct blocks_note {
    int sev;
    const char *rule;
    const char *zh, *en;
    uint32_t line;
} blocks_note;

struct gk_blocks {
    arena mem;
    gk_block *v;
    size_t n, cap;
    const char *bad; /* first invalid UTF-8 byte met while normalising, or NULL */
    gk_input_kind kind;
    const char *encoding; /* the source encoding, e.g. "UTF-8", "GB18030"; NULL for DOCX, PDF */
    int traditional;      /* 1 if the text was written in traditional characters */
    blocks_note *notes;
    size_t nnotes;
};

/* A fresh, empty block list of the given kind. */
gk_blocks *blocks_new(gk_input_kind kind);

/* Drops every block and note, keeping the kind: for reading the input again. */
void blocks_reset(gk_blocks *b);

/* Makes a gk_text for s[0..len) of a source line: trims, normalises, records line/col.
 * `col` is the 1-based character column of s in its line. `s` must live in b's arena. */
void blocks_make_text(gk_blocks *b, const char *s, size_t len, uint32_t line, uint32_t col,
                      gk_text *out);

/* Makes a ROW block's own text: the raw line, and the cells' matching forms joined (tabs are
 * white space, so this is the matching form of the line without normalising it again). */
void blocks_make_row_text(gk_blocks *b, gk_block *row, const char *s, size_t len, uint32_t line);

/* Appends a block; returns it (zeroed), or NULL when GK_MAX_BLOCKS is reached. */
gk_block *blocks_push(gk_blocks *b);

/*
 * Builders for readers whose text does not live in the arena (HTML, DOCX, PDF): the strings
 * are copied. A paragraph that is only white space is skipped. A row is `n` cells; cells[i]
 * may be empty (a blank cell) and col[i] is its 1-based column (NULL: 1, 2, 3, …).
 * Both return -1 when GK_MAX_BLOCKS is reached, else 0.
 */
int blocks_add_para(gk_blocks *b, const char *s, size_t len, uint32_t line);
int blocks_add_row(gk_blocks *b, const char *const *cells, const size_t *lens, const uint32_t *col,
                   uint32_t n, uint32_t line);

/* Records a note; the strings are copied. */
void blocks_note_add(gk_blocks *b, int sev, const char *rule, uint32_t line, const char *zh,
                     const char *en);

#endif
