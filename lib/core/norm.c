/*
 * norm.c — the matching form used to compare labels, validating UTF-8 (utf8proc) on the way.
 *
 * The matching form is computed one code point at a time: ASCII and CJK ideographs, which NFKC
 * leaves alone, are copied; everything else goes through utf8proc's compatibility
 * decomposition and recomposition. Per-code-point NFKC lets a position in the matching form be
 * mapped back to a source column by re-running it (norm_col_of).
 */
#include "norm.h"

#include <string.h>
#include <utf8proc.h>

uint32_t utf8_count(const char *s, size_t len)
{
    uint32_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static int is_dropped(int32_t cp)
{
    if (cp <= 0x20 || cp == 0x7F)
        return 1;
    if (cp == 0xA0 || cp == 0x3000 || cp == 0xFEFF || cp == 0x2028 || cp == 0x2029)
        return 1;
    if (cp >= 0x2000 && cp <= 0x200F) /* spaces, zero-width, marks */
        return 1;
    return cp >= 0xE000 && cp <= 0xF8FF; /* private use: icon fonts in web copies */
}

static int32_t unify(int32_t cp)
{
    switch (cp) {
    case 0x201C: /* “ */
    case 0x201D: /* ” */
    case 0x201E:
    case 0x300C: /* 「 */
    case 0x300D: /* 」 */
        return '"';
    case 0x2018:
    case 0x2019:
        return '\'';
    default:
        return cp;
    }
}

/* Normalises one code point into out (at least 96 bytes); returns bytes written. */
static size_t norm_cp_uncached(int32_t cp, unsigned char *out)
{
    if (is_dropped(cp))
        return 0;
    if (cp < 0x80 || (cp >= 0x4E00 && cp <= 0x9FFF))
        return (size_t)utf8proc_encode_char(unify(cp), out);
    utf8proc_int32_t buf[24];
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(
        cp, buf, 24, (utf8proc_option_t)(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT), &last);
    if (n <= 0 || n > 24) {
        buf[0] = cp;
        n = 1;
    } else {
        n = utf8proc_normalize_utf32(buf, n, (utf8proc_option_t)(UTF8PROC_COMPOSE));
    }
    size_t w = 0;
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        int32_t c = unify(buf[i]);
        if (!is_dropped(c))
            w += (size_t)utf8proc_encode_char(c, out + w);
    }
    return w;
}

/*
 * norm_cp_uncached with a per-thread memo: reports use a few dozen punctuation marks
 * (，。（）：…) over and over, and decomposing each through utf8proc every time is costly.
 */
static size_t norm_cp(int32_t cp, unsigned char *out)
{
    static _Thread_local struct {
        int32_t cp; /* 0: empty */
        uint8_t len;
        unsigned char bytes[11];
    } memo[256];
    unsigned slot = (unsigned)cp & 255u;
    if (memo[slot].cp == cp && cp != 0) {
        memcpy(out, memo[slot].bytes, memo[slot].len);
        return memo[slot].len;
    }
    size_t n = norm_cp_uncached(cp, out);
    if (n <= sizeof memo[slot].bytes) {
        memo[slot].cp = cp;
        memo[slot].len = (uint8_t)n;
        memcpy(memo[slot].bytes, out, n);
    }
    return n;
}

/* Decodes the code point at s[i]; returns its length (1 for an invalid byte, as U+FFFD). */
static size_t next_cp(const char *s, size_t len, size_t i, int32_t *cp)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s + i;
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    utf8proc_ssize_t n = utf8proc_iterate(p, (utf8proc_ssize_t)(len - i), cp);
    if (n <= 0) {
        *cp = -1;
        return 1;
    }
    return (size_t)n;
}

/*
 * 1 if p starts with a CJK ideograph of U+4E00–U+9FFF: lead byte E4–E9 and two continuation
 * bytes. Every such sequence is a valid scalar value, and NFKC leaves these characters alone.
 */
static int cjk_at(const unsigned char *p, size_t n)
{
    return n >= 3 && p[0] >= 0xE4 && p[0] <= 0xE9 && (p[1] & 0xC0) == 0x80 &&
           (p[2] & 0xC0) == 0x80 && (p[0] != 0xE4 || p[1] >= 0xB8);
}

char *norm_text(arena *a, const char *s, size_t len, uint32_t *out_len, const char **bad)
{
    size_t cap = len + 128; /* NFKC rarely expands; grow when it does */
    unsigned char *out = arena_alloc_raw(a, cap);
    const unsigned char *u = (const unsigned char *)s;
    size_t w = 0;
    for (size_t i = 0; i < len;) {
        if (cap - w < 100) { /* room for the longest expansion of one code point */
            out = arena_grow(a, out, w, cap * 2, 1);
            cap *= 2;
        }
        if (u[i] > 0x20 && u[i] < 0x7F) { /* printable ASCII stays as it is */
            out[w++] = u[i++];
            continue;
        }
        if (cjk_at(u + i, len - i)) { /* so do CJK ideographs */
            out[w++] = u[i++];
            out[w++] = u[i++];
            out[w++] = u[i++];
            continue;
        }
        int32_t cp;
        size_t at = i;
        i += next_cp(s, len, i, &cp);
        if (cp < 0) {
            if (bad && !*bad)
                *bad = s + at;
            cp = 0xFFFD;
        }
        w += norm_cp(cp, out + w);
    }
    out[w] = '\0';
    *out_len = (uint32_t)w;
    return (char *)out;
}

uint32_t norm_col_at(norm_cursor *c, const char *s, size_t len, size_t off)
{
    if (c->col == 0 || c->w > off) /* fresh, or asked for an earlier position: restart */
        *c = (norm_cursor){0, 0, 1};
    unsigned char tmp[100];
    while (c->i < len) {
        int32_t cp;
        size_t n = next_cp(s, len, c->i, &cp);
        size_t k = norm_cp(cp < 0 ? 0xFFFD : cp, tmp);
        if (c->w + k > off)
            return c->col;
        c->i += n;
        c->w += k;
        c->col++;
    }
    return c->col;
}

uint32_t norm_col_of(const char *s, size_t len, size_t off)
{
    norm_cursor c = {0, 0, 0};
    return norm_col_at(&c, s, len, off);
}

static size_t space_len_at(const char *s, size_t len)
{
    unsigned char c = (unsigned char)s[0];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
        return 1;
    if (len >= 3 && !memcmp(s, "\xE3\x80\x80", 3)) /* U+3000 */
        return 3;
    if (len >= 2 && !memcmp(s, "\xC2\xA0", 2)) /* U+00A0 */
        return 2;
    return 0;
}

static size_t space_len_before(const char *s, size_t len)
{
    unsigned char c = (unsigned char)s[len - 1];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
        return 1;
    if (len >= 3 && !memcmp(s + len - 3, "\xE3\x80\x80", 3))
        return 3;
    if (len >= 2 && !memcmp(s + len - 2, "\xC2\xA0", 2))
        return 2;
    return 0;
}

const char *trim_space(const char *s, size_t *len)
{
    size_t n = *len, k;
    while (n && (k = space_len_at(s, n)) != 0) {
        s += k;
        n -= k;
    }
    while (n && (k = space_len_before(s, n)) != 0)
        n -= k;
    *len = n;
    return s;
}
