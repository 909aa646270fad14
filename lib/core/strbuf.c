/*
 * strbuf.c — bounded string appends (see strbuf.h).
 */
#include "strbuf.h"

#include <string.h>

void sb_init(strbuf *sb, char *buf, size_t cap)
{
    sb->p = buf;
    sb->len = 0;
    sb->cap = cap;
    buf[0] = '\0';
}

void sb_putn(strbuf *sb, const char *s, size_t n)
{
    if (n > sb->cap - 1 - sb->len) {
        n = sb->cap - 1 - sb->len;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--; /* never cut a UTF-8 character in two */
    }
    memcpy(sb->p + sb->len, s, n);
    sb->len += n;
    sb->p[sb->len] = '\0';
}

void sb_put(strbuf *sb, const char *s)
{
    sb_putn(sb, s, strlen(s));
}

void sb_i64(strbuf *sb, int64_t v)
{
    char digits[24];
    int n = 0;
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        digits[sizeof digits - 1 - n++] = (char)('0' + mag % 10);
        mag /= 10;
    } while (mag);
    if (v < 0)
        digits[sizeof digits - 1 - n++] = '-';
    sb_putn(sb, digits + sizeof digits - n, (size_t)n);
}
