/*
 * reader_int.h — the report reader's internals: tokens, outline and table matching.
 *
 * The reader turns blocks into a flat token stream (paragraphs and cells, with row ends),
 * finds the outline (title, year, agency, the six section headings, publication date), then
 * reads each table from the tokens of its region by matching row labels from the schema.
 */
#ifndef GK_READER_INT_H
#define GK_READER_INT_H

#include <gongkai/blocks.h>

#include "doc_int.h"

typedef enum tok_kind {
    TOK_TEXT = 0, /* a label or prose */
    TOK_VALUE,    /* a number or blank marker (-, /, 无) */
    TOK_EMPTY,    /* an empty cell between tabs */
    TOK_ROW_END,  /* end of a ROW block */
} tok_kind;

typedef struct token {
    tok_kind kind;
    uint32_t block;
    const gk_text *t;
} token;

typedef struct tokens {
    token *v;
    size_t n;
    size_t *first; /* first token of each block; first[nblocks] == n */
} tokens;

void tokens_build(arena *a, const gk_blocks *b, tokens *out);

typedef struct outline {
    long heading[GK_SECTION_COUNT]; /* block index of each section heading, -1 if absent */
} outline;

/* Finds title, year, agency, publication date and section headings. */
void outline_read(gk_doc *doc, const gk_blocks *b, outline *out);

/* Index of the first block in [from, to) whose matching form contains `needle`, or -1. */
long find_block(const gk_blocks *b, long from, long to, const char *needle);

/* Reads one table from the tokens [from, to); marks the blocks it used in `used`. */
void table_read(gk_doc *doc, gk_table_id id, const tokens *tk, size_t from, size_t to,
                unsigned char *used);

/* Stores the cell written as `src` into *dst (parsed, with its source position). */
void table_put_value(gk_doc *doc, gk_value *dst, const gk_text *src);

/* 1 if the matching form s contains needle. */
int norm_has(const char *s, const char *needle);

#endif
