/*
 * num.c — exact numbers: cells are parsed into int64 fixed point, never floating point.
 */
#include "num.h"

#include <stdio.h>
#include <string.h>

typedef struct literal {
    const char *text;
    size_t len;
} literal;

#define LIT(s)                                                                                     \
    {                                                                                              \
        s, sizeof(s) - 1                                                                           \
    }

static int is_blank_marker(const char *s, size_t len)
{
    static const literal marks[] = {LIT("-"),
                                    LIT("--"),
                                    LIT("/"),
                                    LIT("\\"),
                                    LIT("\xE2\x80\x94"),             /* — */
                                    LIT("\xE2\x80\x94\xE2\x80\x94"), /* —— */
                                    LIT("\xE6\x97\xA0"),             /* 无 */
                                    LIT("\xE2\x80\x93")};            /* – */
    if (len == 0)
        return 1;
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (marks[i].len == len && memcmp(marks[i].text, s, len) == 0)
            return 1;
    return 0;
}

/* Length of a recognised unit suffix at s, setting *unit; 0 if none. */
static size_t unit_suffix(const char *s, size_t len, uint8_t *unit)
{
    static const struct {
        literal lit;
        uint8_t unit;
    } units[] = {{LIT("\xE4\xB8\x87\xE5\x85\x83"), GK_UNIT_WAN}, /* 万元 */
                 {LIT("\xE5\x85\x83"), GK_UNIT_YUAN},            /* 元 */
                 {LIT("\xE4\xBB\xB6"), GK_UNIT_NONE},            /* 件 */
                 {LIT("\xE4\xB8\xAA"), GK_UNIT_NONE},            /* 个 */
                 {LIT("\xE6\x9D\xA1"), GK_UNIT_NONE},            /* 条 */
                 {LIT("\xE9\xA1\xB9"), GK_UNIT_NONE},            /* 项 */
                 {LIT("\xE5\xAE\x97"), GK_UNIT_NONE}};           /* 宗 */
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        const literal *u = &units[i].lit;
        if (len >= u->len && memcmp(s, u->text, u->len) == 0) {
            *unit = units[i].unit;
            return u->len;
        }
    }
    return 0;
}

int num_parse_cell(const char *s, size_t len, gk_value *v)
{
    v->value = 0;
    v->scale = 0;
    v->unit = GK_UNIT_NONE;
    int digit_first = len > 0 && s[0] >= '0' && s[0] <= '9';
    if (!digit_first && is_blank_marker(s, len))
        return v->state = GK_CELL_BLANK;
    size_t i = 0;
    int neg = 0;
    if (s[i] == '+' || s[i] == '-')
        neg = s[i++] == '-';
    int64_t acc = 0;
    int digits = 0, scale = -1;
    for (; i < len; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            if (scale >= NUM_MAX_SCALE || acc > (INT64_MAX - 9) / 10)
                return v->state = GK_CELL_INVALID;
            acc = acc * 10 + (c - '0');
            digits++;
            if (scale >= 0)
                scale++;
        } else if (c == '.' && scale < 0) {
            scale = 0;
        } else if (c == ',' && scale < 0 && digits > 0) {
            continue; /* thousands separator */
        } else {
            break;
        }
    }
    if (digits == 0 || scale == 0)
        return v->state = GK_CELL_INVALID;
    if (i < len) {
        size_t u = unit_suffix(s + i, len - i, &v->unit);
        if (u == 0 || i + u != len)
            return v->state = GK_CELL_INVALID;
    }
    v->value = neg ? -acc : acc;
    v->scale = (uint8_t)(scale < 0 ? 0 : scale);
    return v->state = GK_CELL_NUMBER;
}

int num_is_value_text(const char *s, size_t len)
{
    gk_value v;
    return num_parse_cell(s, len, &v) != GK_CELL_INVALID;
}

int num_rescale(int64_t v, int from, int to, int64_t *out)
{
    while (from < to) {
        if (__builtin_mul_overflow(v, 10, &v))
            return 0;
        from++;
    }
    *out = v;
    return from == to;
}

int num_add(int64_t a, int64_t b, int64_t *out)
{
    return !__builtin_add_overflow(a, b, out);
}

char *num_format(int64_t value, int scale, char *buf, size_t size)
{
    if (scale == 0) {
        snprintf(buf, size, "%lld", (long long)value);
        return buf;
    }
    int64_t p = 1;
    for (int i = 0; i < scale; i++)
        p *= 10;
    uint64_t mag = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    snprintf(buf, size, "%s%llu.%0*llu", value < 0 ? "-" : "",
             (unsigned long long)(mag / (uint64_t)p), scale,
             (unsigned long long)(mag % (uint64_t)p));
    return buf;
}
