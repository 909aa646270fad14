/*
 * decode.c — encoding detection and conversion to UTF-8 (uchardet guesses, iconv converts).
 *
 * Chinese reports come in UTF-8 (with or without BOM), UTF-16 from Windows tools, GBK/GB2312
 * (always decoded as their superset GB18030) and, for traditional-character copies, Big5.
 */
#include "decode.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <uchardet.h>

#include "readers.h"

int utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        if (*p < 0x80) {
            p++;
            continue;
        }
        if (end - p >= 3 && *p >= 0xE1 && *p <= 0xEC && (p[1] & 0xC0) == 0x80 &&
            (p[2] & 0xC0) == 0x80) {
            p += 3; /* the common case, CJK: no overlong or surrogate is possible here */
            continue;
        }
        int n = *p >= 0xF0 ? 3 : *p >= 0xE0 ? 2 : 1;
        if (*p < 0xC2 || *p > 0xF4 || end - p <= n)
            return 0;
        unsigned cp = *p & (0x3F >> n);
        for (int k = 1; k <= n; k++) {
            if ((p[k] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (p[k] & 0x3F);
        }
        static const unsigned min[] = {0, 0x80, 0x800, 0x10000};
        if (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        p += n + 1;
    }
    return 1;
}

/* Converts with iconv, strictly (any invalid or incomplete sequence fails). */
static int convert(const char *from, const char *data, size_t len, arena *a, char **out,
                   size_t *out_len)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return -1;
    size_t cap = len * 2 + 16; /* every source unit grows at most 2x in UTF-8 */
    char *buf = arena_alloc_raw(a, cap);
    char *in = (char *)data, *w = buf;
    size_t inleft = len, outleft = cap - 1;
    size_t r = iconv(cd, &in, &inleft, &w, &outleft);
    if (r != (size_t)-1)
        r = iconv(cd, NULL, NULL, &w, &outleft);
    iconv_close(cd);
    if (r == (size_t)-1 || inleft)
        return -1;
    *w = '\0';
    *out = buf;
    *out_len = (size_t)(w - buf);
    return 0;
}

/* UTF-16 without a BOM: ASCII characters leave a zero byte at every other position. */
static const char *utf16_by_zeros(const char *data, size_t len)
{
    size_t even = 0, odd = 0, n = len < 4096 ? len : 4096;
    for (size_t i = 0; i + 1 < n; i += 2) {
        even += data[i] == 0;
        odd += data[i + 1] == 0;
    }
    size_t pairs = n / 2;
    if (pairs < 2)
        return NULL;
    if (odd * 4 > pairs && even == 0)
        return "UTF-16LE";
    if (even * 4 > pairs && odd == 0)
        return "UTF-16BE";
    return NULL;
}

/* The iconv name for a charset label, or NULL if we do not decode it. */
static const char *canonical(const char *label)
{
    static const struct {
        const char *label, *name;
    } map[] = {
        {"utf-8", "UTF-8"},           {"utf8", "UTF-8"},
        {"gb2312", "GB18030"},        {"gbk", "GB18030"},
        {"gb18030", "GB18030"},       {"x-gbk", "GB18030"},
        {"cp936", "GB18030"},         {"euc-cn", "GB18030"},
        {"hz-gb-2312", "HZ"},         {"big5", "BIG5"},
        {"big5-hkscs", "BIG5-HKSCS"}, {"euc-tw", "EUC-TW"},
        {"utf-16le", "UTF-16LE"},     {"utf-16be", "UTF-16BE"},
        {"utf-16", "UTF-16"},
    };
    for (size_t i = 0; label && i < sizeof map / sizeof map[0]; i++)
        if (strcasecmp(label, map[i].label) == 0)
            return map[i].name;
    return NULL;
}

static int try_decode(const char *enc, const char *data, size_t len, arena *a, char **out,
                      size_t *out_len)
{
    if (strcmp(enc, "UTF-8") != 0)
        return convert(enc, data, len, a, out, out_len) == 0;
    if (!utf8_valid(data, len))
        return 0;
    *out = arena_strndup(a, data, len);
    *out_len = len;
    return 1;
}

static const char *guess(const char *data, size_t len)
{
    uchardet_t ud = uchardet_new();
    if (!ud)
        return NULL;
    const char *name = NULL;
    if (uchardet_handle_data(ud, data, len < 65536 ? len : 65536) == 0) {
        uchardet_data_end(ud);
        name = canonical(uchardet_get_charset(ud));
    }
    uchardet_delete(ud);
    return name;
}

gk_status decode_utf8(const char *data, size_t len, const char *declared, arena *a, char **out,
                      size_t *out_len, const char **enc, int *guessed, gk_error *err)
{
    const unsigned char *u = (const unsigned char *)data;
    const char *bom = NULL;
    size_t skip = 0;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        bom = "UTF-8", skip = 3;
    else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        bom = "UTF-16LE", skip = 2;
    else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        bom = "UTF-16BE", skip = 2;
    const char *first = bom ? bom : utf16_by_zeros(data, len);
    if (!first && declared)
        first = canonical(declared);
    if (!first && utf8_valid(data, len)) {
        *out = arena_strndup(a, data, len); /* the common case: validated once */
        *out_len = len;
        *enc = "UTF-8";
        *guessed = 0;
        return GK_OK;
    }
    if (first && try_decode(first, data + skip, len - skip, a, out, out_len)) {
        *enc = first;
        *guessed = 0;
        return GK_OK;
    }
    if (!bom) { /* no declaration, or one that lies: guess */
        const char *g = guess(data, len);
        int big5 = g && strncmp(g, "BIG5", 4) == 0;
        const char *tries[] = {big5 ? g : "GB18030", big5 ? "GB18030" : "BIG5-HKSCS", g};
        for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++)
            if (tries[i] && try_decode(tries[i], data, len, a, out, out_len)) {
                *enc = tries[i];
                *guessed = 1;
                return GK_OK;
            }
    }
    return reader_error(err, GK_ERR_ENCODING,
                        "not text in a supported encoding "
                        "(UTF-8, UTF-16, GB18030/GBK, Big5)");
}
