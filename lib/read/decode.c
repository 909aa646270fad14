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

size_t utf8_invalid_at(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        if (*p < 0x80) {
            p++;
            continue;
        }
        /* the common case, CJK and full-width punctuation: with a lead byte E1–EC or EE–EF no
         * overlong or surrogate is possible (ED, which leads the surrogates, is checked below) */
        if (end - p >= 3 && *p >= 0xE1 && *p <= 0xEF && *p != 0xED && (p[1] & 0xC0) == 0x80 &&
            (p[2] & 0xC0) == 0x80) {
            p += 3;
            continue;
        }
        int n = *p >= 0xF0 ? 3 : *p >= 0xE0 ? 2 : 1;
        if (*p < 0xC2 || *p > 0xF4 || end - p <= n)
            return (size_t)(p - (const unsigned char *)s);
        unsigned cp = *p & (0x3F >> n);
        for (int k = 1; k <= n; k++) {
            if ((p[k] & 0xC0) != 0x80)
                return (size_t)(p - (const unsigned char *)s);
            cp = cp << 6 | (p[k] & 0x3F);
        }
        static const unsigned min[] = {0, 0x80, 0x800, 0x10000};
        if (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return (size_t)(p - (const unsigned char *)s);
        p += n + 1;
    }
    return len;
}

int utf8_valid(const char *s, size_t len)
{
    return utf8_invalid_at(s, len) == len;
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

/* A code unit that a report's text is made of: ASCII, Latin-1 and general punctuation, CJK
 * punctuation and ideographs, circled numbers, full-width forms. */
static int plausible_unit(unsigned u)
{
    return (u >= 0x20 && u < 0x7F) || u == '\t' || u == '\n' || u == '\r' ||
           (u >= 0xA0 && u <= 0xFF) || (u >= 0x2000 && u <= 0x206F) ||
           (u >= 0x2460 && u <= 0x24FF) || (u >= 0x3000 && u <= 0x303F) ||
           (u >= 0x3400 && u <= 0x4DBF) || (u >= 0x4E00 && u <= 0x9FFF) ||
           (u >= 0xFF00 && u <= 0xFFEF);
}

/*
 * UTF-16 without a BOM. Text in 8-bit encodings has no zero bytes; in UTF-16 every ASCII
 * character leaves one on its high side (odd offsets in UTF-16LE, even in BE), and a few CJK
 * characters (一 U+4E00, 开 U+5F00) on the other. So the zeros must mostly be on one side; when
 * they are too mixed to say, the order whose code units are mostly plausible text decides.
 */
static const char *utf16_sniff(const char *data, size_t len)
{
    const unsigned char *u = (const unsigned char *)data;
    size_t even = 0, odd = 0, n = len < 4096 ? len : 4096;
    size_t pairs = n / 2;
    if (pairs < 2)
        return NULL;
    for (size_t i = 0; i + 1 < n; i += 2) {
        even += u[i] == 0;
        odd += u[i + 1] == 0;
    }
    if (even + odd == 0)
        return NULL;
    if (odd > 8 * even && odd * 4 > pairs)
        return "UTF-16LE";
    if (even > 8 * odd && even * 4 > pairs)
        return "UTF-16BE";
    size_t le = 0, be = 0;
    for (size_t i = 0; i + 1 < n; i += 2) {
        le += (size_t)plausible_unit((unsigned)u[i] | (unsigned)u[i + 1] << 8);
        be += (size_t)plausible_unit((unsigned)u[i] << 8 | u[i + 1]);
    }
    if (le > be && le * 8 >= pairs * 7)
        return "UTF-16LE";
    if (be > le && be * 8 >= pairs * 7)
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

static int is_utf16(const char *enc)
{
    return strncmp(enc, "UTF-16", 6) == 0;
}

static int try_decode(const char *enc, const char *data, size_t len, arena *a, char **out,
                      size_t *out_len)
{
    if (is_utf16(enc))
        len &= ~(size_t)1; /* a stray last byte (a "\n" appended by a tool) is not a unit */
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

/* How many characters of s (UTF-8) are ones every report is full of, in either script. */
static size_t report_chars(const char *s, size_t len)
{
    static const char *const common[] = {"政", "府", "信", "息", "公", "开", "開", "申", "请",
                                         "請", "年", "度", "报", "報", "告", "情", "况", "況",
                                         "的", "和", "行", "处", "處", "理", "数", "數"};
    size_t n = 0;
    for (size_t i = 0; i + 3 <= len; i++)
        for (size_t k = 0; k < sizeof common / sizeof common[0]; k++)
            if (memcmp(s + i, common[k], 3) == 0) {
                n++;
                i += 2;
                break;
            }
    return n;
}

/*
 * Short Big5 text also decodes as GB18030 (most Big5 byte pairs are valid GBK pairs) and
 * uchardet may say GB18030. Decoded both ways, the right one is full of report words.
 */
static int reads_better_as_big5(const char *data, size_t len, arena *a)
{
    char *gb, *b5;
    size_t gl, bl, n = len < 4096 ? len : 4096;
    while (n < len && n > 2 && ((unsigned char)data[n - 1] & 0x80))
        n--; /* do not cut a double-byte character (at an ASCII byte, if there is one) */
    if (n < len && n <= 2)
        n = (len < 4096 ? len : 4096) & ~(size_t)1;
    if (convert("GB18030", data, n, a, &gb, &gl) < 0)
        return 1;
    if (convert("BIG5-HKSCS", data, n, a, &b5, &bl) < 0)
        return 0;
    return report_chars(b5, bl) > report_chars(gb, gl);
}

static int has_non_ascii(const char *data, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)data[i] >= 0x80)
            return 1;
    return 0;
}

static gk_status decoded_as(decoded *out, const char *enc, decode_why why)
{
    out->enc = enc;
    out->why = why;
    return GK_OK;
}

/* No supported encoding decodes the bytes: where they stop being UTF-8, if that is what they
 * were meant to be, else a general message. */
static gk_status undecodable(const char *data, size_t len, int utf8_meant, gk_error *err)
{
    size_t bad = utf8_meant ? utf8_invalid_at(data, len) : len;
    if (bad < len)
        return reader_encoding_error(err, "invalid UTF-8", data, bad);
    return reader_error(err, GK_ERR_ENCODING,
                        "not text in a supported encoding "
                        "(UTF-8, UTF-16, GB18030/GBK, Big5)");
}

gk_status decode_utf8(const char *data, size_t len, const char *declared, arena *a, decoded *out,
                      gk_error *err)
{
    const unsigned char *u = (const unsigned char *)data;
    *out = (decoded){0};
    const char *bom = NULL;
    size_t skip = 0;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        bom = "UTF-8", skip = 3;
    else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        bom = "UTF-16LE", skip = 2;
    else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        bom = "UTF-16BE", skip = 2;
    if (bom) { /* the mark is the encoding: nothing else is tried */
        if (try_decode(bom, data + skip, len - skip, a, &out->utf8, &out->len))
            return decoded_as(out, bom, DECODE_BOM);
        return undecodable(data + skip, len - skip, !is_utf16(bom), err);
    }
    const char *decl = declared ? canonical(declared) : NULL;
    const char *utf16 = utf16_sniff(data, len);
    if (utf16 && try_decode(utf16, data, len, a, &out->utf8, &out->len)) {
        int as_declared =
            decl && (strcmp(decl, "UTF-16") == 0 || strcmp(decl, utf16) == 0); /* or a lie */
        return decoded_as(out, utf16,
                          !declared     ? DECODE_GUESSED
                          : as_declared ? DECODE_DECLARED
                                        : DECODE_OVERRIDDEN);
    }
    if (decl && is_utf16(decl))
        decl = NULL; /* bytes without zeros are not UTF-16, whatever a page says */
    if (utf8_valid(data, len)) {
        /* the common case: validated once. Valid UTF-8 that is not all ASCII is UTF-8 whatever
         * the page declares (pages converted to UTF-8 keep their old <meta charset=gbk>, and
         * GBK text is practically never valid UTF-8); a declaration is followed for ASCII */
        decode_why why = DECODE_UTF8;
        if (declared && decl && strcmp(decl, "UTF-8") == 0)
            why = DECODE_DECLARED;
        else if (declared && has_non_ascii(data, len))
            why = DECODE_OVERRIDDEN;
        else if (decl && try_decode(decl, data, len, a, &out->utf8, &out->len))
            return decoded_as(out, decl, DECODE_DECLARED); /* HZ is ASCII */
        else if (decl)
            why = DECODE_OVERRIDDEN;
        out->utf8 = arena_strndup(a, data, len);
        out->len = len;
        return decoded_as(out, "UTF-8", why);
    }
    if (decl && strcmp(decl, "UTF-8") != 0 && try_decode(decl, data, len, a, &out->utf8, &out->len))
        return decoded_as(out, decl, DECODE_DECLARED);
    /* nothing declared, or a declaration that lies: guess */
    const char *g = guess(data, len);
    int big5 = g && strncmp(g, "BIG5", 4) == 0;
    if (!big5 && reads_better_as_big5(data, len, a))
        big5 = 1, g = "BIG5-HKSCS";
    const char *tries[] = {big5 ? g : "GB18030", big5 ? "GB18030" : "BIG5-HKSCS", g};
    for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++)
        if (tries[i] && try_decode(tries[i], data, len, a, &out->utf8, &out->len))
            return decoded_as(out, tries[i], declared ? DECODE_OVERRIDDEN : DECODE_GUESSED);
    return undecodable(data, len, !declared || (decl && strcmp(decl, "UTF-8") == 0), err);
}
