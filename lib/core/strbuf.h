/*
 * strbuf.h — appending text to a fixed caller buffer, truncating at its end: the cheap way to
 * build diagnostic messages and key lists on the checker's path (printf costs more than the
 * check it reports).
 */
#ifndef GK_STRBUF_H
#define GK_STRBUF_H

#include <stddef.h>
#include <stdint.h>

typedef struct strbuf {
    char *p;
    size_t len, cap; /* cap counts the terminating NUL */
} strbuf;

/* Starts an empty string in buf[0..cap), cap >= 1. */
void sb_init(strbuf *sb, char *buf, size_t cap);
void sb_put(strbuf *sb, const char *s);
void sb_putn(strbuf *sb, const char *s, size_t n); /* s need not be NUL-terminated */
void sb_i64(strbuf *sb, int64_t v);

#endif
