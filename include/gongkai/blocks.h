/*
 * blocks.h — the intermediate every input format is turned into.
 *
 * A reader (plain text, HTML, DOCX or PDF) produces a sequence of blocks: paragraphs and
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
    uint32_t line; /* 1-based source line (PDF: line on its page; DOCX: paragraph or row) */
    uint32_t col;  /* 1-based source column, in characters */
    uint32_t page; /* 1-based PDF page; 0 for inputs without pages */
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

/* What an input is, decided from its bytes (never from a file name). */
typedef enum gk_input_kind {
    GK_INPUT_TEXT = 0, /* plain text in any supported encoding */
    GK_INPUT_HTML,
    GK_INPUT_DOCX,
    GK_INPUT_PDF,
} gk_input_kind;

/* Hard limits of the readers. */
#define GK_MAX_INPUT_BYTES (32u * 1024u * 1024u)
#define GK_MAX_BLOCKS      2000000u
#define GK_MAX_ROW_CELLS   256u                  /* cells in one table row */
#define GK_MAX_NESTING     64u                   /* nested HTML/DOCX elements and tables */
#define GK_MAX_PAGES       2000u                 /* PDF pages read */
#define GK_MAX_UNZIPPED    (32u * 1024u * 1024u) /* a DOCX part, uncompressed */

/*
 * The kind of input `data` holds: PDF (%PDF- in the first KiB), DOCX (any ZIP: PK\3\4 at the
 * start; whether it holds word/document.xml is found when it is read), HTML (after white space,
 * a BOM and leading comments, markup with an HTML tag), or else text.
 */
GK_API gk_input_kind gk_detect_input(const char *data, size_t len);

/* Fixed English name of a kind: "text", "html", "docx", "pdf". */
GK_API const char *gk_input_kind_name(gk_input_kind kind);

/*
 * Reads any supported input: the kind is detected from the bytes, text and HTML are decoded
 * from UTF-8/UTF-16/GB18030/Big5 to UTF-8, and traditional characters are folded to simplified
 * in the matching form (`raw` keeps the original). Problems in the content (a scanned PDF, a
 * guessed encoding, a damaged DOCX or PDF, a ZIP that is not a Word document) are recorded on
 * the list as notes and become diagnostics of the document; only limits and text that is in
 * no supported encoding are errors (GK_ERR_LIMIT, GK_ERR_ENCODING), and a kind that is not a
 * gk_input_kind is GK_ERR_INVALID_ARG.
 */
GK_API gk_status gk_blocks_read(const char *data, size_t len, gk_blocks **out, gk_error *err);

/* As gk_blocks_read, but reads the input as `kind` whatever its bytes look like. */
GK_API gk_status gk_blocks_read_as(gk_input_kind kind, const char *data, size_t len,
                                   gk_blocks **out, gk_error *err);

/*
 * Reads plain text (UTF-8, with or without BOM; LF, CRLF or CR line ends). Lines containing a
 * tab become ROW blocks split at tabs; other non-empty lines become PARA blocks. Invalid UTF-8
 * fails with GK_ERR_ENCODING, input over GK_MAX_INPUT_BYTES with GK_ERR_LIMIT. Traditional
 * characters are folded in the matching form as by gk_blocks_read().
 * On success *out owns a copy of everything it needs; free it with gk_blocks_free().
 */
GK_API gk_status gk_blocks_read_text(const char *data, size_t len, gk_blocks **out, gk_error *err);

GK_API size_t gk_blocks_count(const gk_blocks *b);
GK_API gk_input_kind gk_blocks_kind(const gk_blocks *b);
/* The encoding text or HTML was decoded from ("UTF-8", "UTF-16LE", "GB18030", "BIG5", …);
 * NULL for DOCX and PDF, which have no text encoding of their own, and for b == NULL. */
GK_API const char *gk_blocks_encoding(const gk_blocks *b);
GK_API const gk_block *gk_blocks_get(const gk_blocks *b, size_t i);
GK_API void gk_blocks_free(gk_blocks *b);

#endif
