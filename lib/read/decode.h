/*
 * decode.h — turns the bytes of a text or HTML input into UTF-8.
 */
#ifndef GK_DECODE_H
#define GK_DECODE_H

#include <gongkai/status.h>
#include <stddef.h>

#include "../core/arena.h"

/* Why decode_utf8() chose the encoding it used. */
typedef enum decode_why {
    DECODE_BOM,        /* a byte-order mark */
    DECODE_DECLARED,   /* the charset the page declares */
    DECODE_UTF8,       /* nothing declared, and the bytes are valid UTF-8 */
    DECODE_GUESSED,    /* nothing declared: UTF-16 by its zero bytes, or uchardet's guess */
    DECODE_OVERRIDDEN, /* a declared charset that did not fit the bytes (see decode_utf8) */
} decode_why;

typedef struct decoded {
    char *utf8; /* NUL-terminated, in the arena, without a BOM */
    size_t len;
    const char *enc; /* the encoding used: "UTF-8", "UTF-16LE", "GB18030", …; a static string */
    decode_why why;
} decoded;

/*
 * Decodes data[0..len) to UTF-8 in `a`. The encoding is taken from a byte-order mark, then from
 * the zero bytes of UTF-16, then from `declared` (an HTML charset label, may be NULL), then
 * UTF-8 if the bytes are valid UTF-8, then uchardet's guess, trying GB18030 and Big5. Bytes
 * that are valid UTF-8 and not all ASCII are read as UTF-8 whatever is declared, and a declared
 * charset that does not decode the bytes gives way to a guess: both are DECODE_OVERRIDDEN.
 * A UTF-16 input with an odd number of bytes has its last byte dropped.
 * Fails with GK_ERR_ENCODING when no supported encoding decodes the bytes; the message gives
 * the position of the first invalid byte when the input is UTF-8 by its BOM, or when nothing
 * other than UTF-8 is declared.
 */
gk_status decode_utf8(const char *data, size_t len, const char *declared, arena *a, decoded *out,
                      gk_error *err);

/* Offset of the first byte of s[0..len) that is not valid UTF-8 (an overlong, a surrogate, a
 * value past U+10FFFF, a bad or truncated sequence), or len if it is all valid. */
size_t utf8_invalid_at(const char *s, size_t len);

/* 1 if s[0..len) is valid UTF-8. */
int utf8_valid(const char *s, size_t len);

#endif
