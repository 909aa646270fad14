/*
 * readers.h — the format readers behind gk_blocks_read(). Each appends blocks and notes to `b`
 * from input already checked against GK_MAX_INPUT_BYTES; text and HTML receive UTF-8 (see
 * decode.h). Content problems become notes; only a limit, or input that is not the format at
 * all, is an error.
 */
#ifndef GK_READERS_H
#define GK_READERS_H

#include "blocks_int.h"

gk_status read_text_utf8(gk_blocks *b, char *utf8, size_t len, gk_error *err);
gk_status read_html(gk_blocks *b, const char *utf8, size_t len, gk_error *err);
gk_status read_docx(gk_blocks *b, const char *data, size_t len, gk_error *err);
gk_status read_pdf(gk_blocks *b, const char *data, size_t len, gk_error *err);

/* Fills err (if any) and returns st. */
gk_status reader_error(gk_error *err, gk_status st, const char *msg);

/* Fills err (if any) with "`what` at line L, byte C" for byte offset `off` of data (lines end
 * at LF, CRLF or CR; C counts bytes from the line's start, from 1) and returns
 * GK_ERR_ENCODING. */
gk_status reader_encoding_error(gk_error *err, const char *what, const char *data, size_t off);

/* Initialises libxml2 once per process; call before any other libxml2 function (the parser's
 * global set-up is not safe to race from two threads). */
void reader_libxml_init(void);

#endif
