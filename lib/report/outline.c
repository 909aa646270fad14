/*
 * outline.c — the parts of a report found by their wording rather than by table labels:
 * the title (year and agency), the six section headings and the publication date.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reader_int.h"

#define MAX_HEADING_BYTES 120 /* about 40 characters after the ordinal */

int norm_has(const char *s, const char *needle)
{
    return strstr(s, needle) != NULL;
}

long find_block(const gk_blocks *b, long from, long to, const char *needle)
{
    for (long i = from < 0 ? 0 : from; i < to; i++)
        if (norm_has(gk_blocks_get(b, (size_t)i)->text.norm, needle))
            return i;
    return -1;
}

/* Parses the ordinal at s ("三、", "4、"); returns bytes used, 0 if none. */
static size_t parse_ordinal(const char *s, int *ordinal, int *digit)
{
    size_t n = 0;
    *digit = 0;
    if (s[0] >= '1' && s[0] <= '6') {
        *ordinal = s[0] - '0';
        *digit = 1;
        n = 1;
    } else {
        for (int i = 0; i < GK_SECTION_COUNT && !n; i++)
            if (strncmp(s, gk_schema_section((gk_section_id)i)->ordinal, 3) == 0) {
                *ordinal = i + 1;
                n = 3;
            }
    }
    if (!n)
        return 0;
    if (strncmp(s + n, "、", 3) == 0)
        return n + 3;
    if (!*digit && (s[n] == '.' || s[n] == ','))
        return n + 1;
    return 0;
}

static int needles_all(const char *s, gk_labels needles)
{
    for (int i = 0; needles[i]; i++)
        if (!norm_has(s, needles[i]))
            return 0;
    return 1;
}

/* The section a heading line names, or -1. Tolerates up to two stray digits in front. */
static int match_heading(const char *s, size_t len, int *ordinal, int *digit)
{
    unsigned char c0 = (unsigned char)s[0];
    if (len < 4 || len > MAX_HEADING_BYTES + 8 ||
        !((c0 >= '0' && c0 <= '9') || c0 == 0xE4 || c0 == 0xE5))
        return -1; /* too short or long, or not starting with a digit or 一…六 */
    for (size_t skip = 0; skip <= 2 && skip < len; skip++) {
        if (skip && !(s[skip - 1] >= '0' && s[skip - 1] <= '9'))
            break;
        size_t n = parse_ordinal(s + skip, ordinal, digit);
        if (!n)
            continue;
        const char *rest = s + skip + n;
        if (strlen(rest) > MAX_HEADING_BYTES)
            return -1;
        for (int id = 0; id < GK_SECTION_COUNT; id++)
            if (needles_all(rest, gk_schema_section((gk_section_id)id)->needles))
                return id;
        return -1;
    }
    return -1;
}

/* The text a heading candidate is judged by: a paragraph, or a row with one non-empty cell. */
static const gk_text *heading_text(const gk_block *blk)
{
    if (blk->kind == GK_BLOCK_PARA)
        return &blk->text;
    const gk_text *only = NULL;
    for (uint32_t c = 0; c < blk->ncells; c++) {
        if (blk->cells[c].norm_len == 0)
            continue;
        if (only)
            return NULL;
        only = &blk->cells[c];
    }
    return only;
}

static void find_headings(gk_doc *doc, const gk_blocks *b, outline *out)
{
    int last = -1;
    for (int s = 0; s < GK_SECTION_COUNT; s++)
        out->heading[s] = -1;
    for (size_t i = 0; i < gk_blocks_count(b); i++) {
        const gk_text *t = heading_text(gk_blocks_get(b, i));
        int ordinal, digit;
        int id = t ? match_heading(t->norm, t->norm_len, &ordinal, &digit) : -1;
        if (id <= last)
            continue;
        gk_section *sec = &doc->sections[id];
        sec->present = 1;
        sec->ordinal = ordinal;
        sec->digit_ordinal = digit;
        sec->heading = doc_copy_text(doc, t);
        out->heading[id] = (long)i;
        last = id;
    }
}

/* Finds "YYYY年" with a plausible report year; returns the year, sets *at to its offset. */
static int find_year(const char *s, size_t *at)
{
    for (const char *p = s; (p = strstr(p, "年")) != NULL; p += 3) {
        if (p - s < 4)
            continue;
        const char *y = p - 4;
        int ok = 1, v = 0;
        for (int i = 0; i < 4; i++) {
            ok &= y[i] >= '0' && y[i] <= '9';
            v = v * 10 + (y[i] - '0');
        }
        if (ok && v >= 2007 && v <= 2100 && !(y > s && y[-1] >= '0' && y[-1] <= '9')) {
            *at = (size_t)(y - s);
            return v;
        }
    }
    return 0;
}

/* 1 if s (matching form) reads like the name of an agency: short, ending in an agency word. */
static int agency_like(const char *s, size_t len)
{
    static const char *const ends[] = {"政府",       "办公室", "局",   "委员会", "厅", "院",
                                       "委",         "办",     "中心", "署",     "部", "处",
                                       "街道办事处", "镇",     "乡",   NULL};
    if (len == 0 || len > 90 || memchr(s, ':', len))
        return 0;
    for (int i = 0; ends[i]; i++) {
        size_t n = strlen(ends[i]);
        if (len > n && memcmp(s + len - n, ends[i], n) == 0)
            return 1;
    }
    return 0;
}

/* 1 if the text before a title's year reads like a sentence (根据《条例》规定，…) rather than
 * an agency's name: it cites a document or has sentence punctuation. */
static int sentence_like(const char *s, size_t len)
{
    static const char *const marks[] = {"《", ",", "。", ";", "根据", "按照", "依据"};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        for (size_t n = strlen(marks[i]), k = 0; k + n <= len; k++)
            if (memcmp(s + k, marks[i], n) == 0)
                return 1;
    return 0;
}

static void read_title(gk_doc *doc, const gk_blocks *b, long limit)
{
    for (long i = 0; i < limit; i++) {
        const gk_block *blk = gk_blocks_get(b, (size_t)i);
        if (blk->kind != GK_BLOCK_PARA || !norm_has(blk->text.norm, "政府信息公开"))
            continue;
        size_t at;
        int year = find_year(blk->text.norm, &at);
        if (!year)
            continue;
        const char *s = blk->text.norm, *colon = NULL;
        for (const char *p = s; p < s + at; p++)
            if (*p == ':')
                colon = p;
        const char *start = colon ? colon + 1 : s;
        const gk_text *prev = i > 0 ? &gk_blocks_get(b, (size_t)i - 1)->text : NULL;
        if (start == s + at && prev && agency_like(prev->norm, prev->norm_len))
            start = prev->norm, at = prev->norm_len, s = prev->norm; /* a title on two lines */
        else if (sentence_like(start, (size_t)(s + at - start)))
            continue; /* a sentence with a year in it (根据《条例》…2024年), not the title */
        doc->year = year;
        doc->agency = arena_strndup(&doc->mem, start, (size_t)(s + at - start));
        return;
    }
}

/* Parses "YYYY年M月D日" filling the whole string, or "YYYY-MM-DD" at s; 0 if neither. */
static int parse_date(const char *s, int whole)
{
    int y, m, d, n = 0;
    if (sscanf(s, "%4d年%2d月%2d日%n", &y, &m, &d, &n) == 3 && n > 0 && (!whole || !s[n]))
        return y * 10000 + m * 100 + d;
    if (!whole && sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3)
        return y * 10000 + m * 100 + d;
    return 0;
}

static void read_published(gk_doc *doc, const gk_blocks *b)
{
    size_t n = gk_blocks_count(b);
    for (size_t k = 0; k < 6 && k < n; k++) {
        const gk_block *blk = gk_blocks_get(b, n - 1 - k);
        int d = blk->kind == GK_BLOCK_PARA ? parse_date(blk->text.norm, 1) : 0;
        if (d) {
            doc->published = d;
            return;
        }
    }
    static const char *const keys[] = {"发布日期:", "发布时间:", NULL};
    for (size_t i = 0; i < 20 && i < n; i++) {
        for (int k = 0; keys[k]; k++) {
            const char *p = strstr(gk_blocks_get(b, i)->text.norm, keys[k]);
            int d = p ? parse_date(p + strlen(keys[k]), 0) : 0;
            if (d) {
                doc->published = d;
                return;
            }
        }
    }
}

void outline_read(gk_doc *doc, const gk_blocks *b, outline *out)
{
    find_headings(doc, b, out);
    long limit = out->heading[GK_S1_OVERALL];
    if (limit < 0)
        limit = (long)gk_blocks_count(b) < 40 ? (long)gk_blocks_count(b) : 40;
    read_title(doc, b, limit);
    read_published(doc, b);
}
