/*
 * decode.h — turns the bytes of a text or HTML input into UTF-8.
 */
#ifndef GK_DECODE_H
#define GK_DECODE_H

#include <gongkai/status.h>
#include <stddef.h>

#include "../core/arena.h"

/*
 * Decodes data[0..len) to NUL-terminated UTF-8 in `a`, without a BOM. The encoding is taken
 * from a byte-order mark, then from `declared` (an HTML charset, may be NULL), then UTF-8 if
 * the bytes are valid UTF-8, then uchardet's guess, trying GB18030 and Big5. *enc is set to
 * the encoding used ("UTF-8", "UTF-16LE", "GB18030", …; a static string), *guessed to 1 when
 * it came from a guess rather than a BOM, a declaration or valid UTF-8.
 * Fails with GK_ERR_ENCODING when no supported encoding decodes the bytes.
 */
gk_status decode_utf8(const char *data, size_t len, const char *declared, arena *a, char **out,
                      size_t *out_len, const char **enc, int *guessed, gk_error *err);

/* 1 if s[0..len) is valid UTF-8 (no overlongs, surrogates or values past U+10FFFF). */
int utf8_valid(const char *s, size_t len);

#endif
