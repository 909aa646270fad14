/*
 * norm.h — UTF-8 validation and the matching form of text.
 *
 * The matching form is NFKC (via utf8proc: full-width brackets, digits and punctuation become
 * ASCII) with all white space, zero-width and private-use characters removed and quotes
 * unified. Labels, numbers and prose are compared in this form; raw text is kept for output.
 */
#ifndef GK_NORM_H
#define GK_NORM_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* Number of code points in s[0..len). s must be valid UTF-8. */
uint32_t utf8_count(const char *s, size_t len);

/*
 * The matching form of s[0..len), NUL-terminated, in the arena. An invalid UTF-8 sequence
 * becomes U+FFFD; if `bad` is not NULL and *bad is NULL, *bad is set to the first one, so the
 * reader validates and normalises in one pass.
 */
char *norm_text(arena *a, const char *s, size_t len, uint32_t *out_len, const char **bad);

/* 1-based column (in characters of s) of the character that produced byte `off` of the
 * matching form of s. */
uint32_t norm_col_of(const char *s, size_t len, size_t off);

/* The same, resuming where the previous call on the same text stopped: positions asked in
 * increasing order cost one pass over the text in all. Start with a zeroed cursor. */
typedef struct norm_cursor {
    size_t i, w;
    uint32_t col; /* 0: not started */
} norm_cursor;
uint32_t norm_col_at(norm_cursor *c, const char *s, size_t len, size_t off);

/* s[0..*len) with leading and trailing white space (ASCII, U+3000, U+00A0) removed. */
const char *trim_space(const char *s, size_t *len);

#endif
