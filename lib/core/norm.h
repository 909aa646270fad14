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

/* Byte offset of the first invalid UTF-8 sequence, or len if the text is valid. */
size_t utf8_invalid_at(const char *s, size_t len);

/* Number of code points in s[0..len). s must be valid UTF-8. */
uint32_t utf8_count(const char *s, size_t len);

/* The matching form of s[0..len) (valid UTF-8), NUL-terminated, in the arena. */
char *norm_text(arena *a, const char *s, size_t len, uint32_t *out_len);

/* 1-based column (in characters of s) of the character that produced byte `off` of the
 * matching form of s. */
uint32_t norm_col_of(const char *s, size_t len, size_t off);

/* s[0..*len) with leading and trailing white space (ASCII, U+3000, U+00A0) removed. */
const char *trim_space(const char *s, size_t *len);

#endif
