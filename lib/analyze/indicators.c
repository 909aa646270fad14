/*
 * indicators.c — the indicators of indicators.h: definitions as data, values as exact sums.
 *
 * A term is a cell key; "*" stands for any one row-key part, so "t3.unable.*.total" sums the
 * totals of every 无法提供 sub-row; a leading "-" subtracts the term.
 */
#include <gongkai/indicators.h>
#include <stdio.h>
#include <string.h>

static const gk_indicator_def defs[] = {
    {"disclosed", "公开率（予以公开＋部分公开）", "disclosed in full or in part",
     "t3.grant.total t3.partial.total", "t3.total_processed.total"},
    {"refused", "不予公开占比", "refused", "t3.refuse.*.total", "t3.total_processed.total"},
    {"unable", "无法提供占比", "unable to provide", "t3.unable.*.total",
     "t3.total_processed.total"},
    {"ignored", "不予处理占比", "not processed", "t3.ignore.*.total", "t3.total_processed.total"},
    {"org_share", "法人或其他组织申请占比", "requests from legal persons and organisations",
     "t3.new.total -t3.new.np", "t3.new.total"},
    {"carry_over", "结转下年度占比", "carried over to next year", "t3.carry_out.total",
     "t3.new.total t3.carry_in.total"},
    {"review_corrected", "行政复议纠错率", "administrative review corrected", "t4.review.corrected",
     "t4.review.total -t4.review.pending"},
    {"litigation_corrected", "行政诉讼纠错率", "litigation corrected",
     "t4.lit_direct.corrected t4.lit_after_review.corrected",
     "t4.lit_direct.total t4.lit_after_review.total -t4.lit_direct.pending "
     "-t4.lit_after_review.pending"},
};
#define NDEFS (int)(sizeof defs / sizeof defs[0])

int gk_indicator_count(void)
{
    return NDEFS;
}

const gk_indicator_def *gk_indicator_at(int i)
{
    return i >= 0 && i < NDEFS ? &defs[i] : NULL;
}

int gk_indicator_find(const char *key)
{
    for (int i = 0; key && i < NDEFS; i++)
        if (strcmp(defs[i].key, key) == 0)
            return i;
    return -1;
}

/* 1 if cell key k matches the pattern p, where "*" matches one dot-free part. */
static int key_matches(const char *p, size_t plen, const char *k)
{
    const char *pe = p + plen;
    while (p < pe && *k) {
        if (*p == '*') {
            k += strcspn(k, ".");
            p++;
        } else if (*p++ != *k++) {
            return 0;
        }
    }
    return p == pe && !*k;
}

/* Adds the cells matching one term; 0 if one of them is not a whole number or none exists. */
static int add_term(const gk_doc *doc, const char *p, size_t len, int sign, int64_t *sum)
{
    char key[128];
    int found = 0;
    for (int t = 0; t < GK_TABLE_COUNT; t++) {
        const gk_table_def *def = gk_doc_table(doc, (gk_table_id)t);
        for (int r = 0; def && r < def->nrows; r++)
            for (int c = 0; c < gk_schema_ncols(def, r); c++) {
                gk_schema_cell_key(def, r, c, key, sizeof key);
                if (!key_matches(p, len, key))
                    continue;
                const gk_value *v = gk_doc_cell(doc, (gk_table_id)t, r, c);
                if (!v || v->state != GK_CELL_NUMBER || v->scale != 0 ||
                    __builtin_add_overflow(*sum, sign * v->value, sum))
                    return 0;
                found = 1;
            }
    }
    return found;
}

static int sum_terms(const gk_doc *doc, const char *terms, int64_t *sum)
{
    *sum = 0;
    for (const char *p = terms; *p;) {
        p += strspn(p, " ");
        int sign = *p == '-' ? -1 : 1;
        p += sign < 0;
        size_t n = strcspn(p, " ");
        if (n && !add_term(doc, p, n, sign, sum))
            return 0;
        p += n;
    }
    return 1;
}

int gk_indicator_value(const gk_doc *doc, int i, int64_t *num, int64_t *den)
{
    const gk_indicator_def *d = gk_indicator_at(i);
    return d && doc && sum_terms(doc, d->num, num) && sum_terms(doc, d->den, den) && *den > 0;
}

char *gk_indicator_percent(int64_t num, int64_t den, char *buf, size_t size)
{
    if (den <= 0 || num > INT64_MAX / 2000 || num < -INT64_MAX / 2000) {
        snprintf(buf, size, "-");
        return buf;
    }
    int64_t twice = num * 2000 / den; /* tenths of a per cent, doubled for rounding */
    int64_t tenths = twice >= 0 ? (twice + 1) / 2 : (twice - 1) / 2;
    int64_t mag = tenths < 0 ? -tenths : tenths;
    snprintf(buf, size, "%s%lld.%lld", tenths < 0 ? "-" : "", (long long)(mag / 10),
             (long long)(mag % 10));
    return buf;
}

__extension__ typedef __int128 wide; /* products of two int64 counts, compared exactly */

int gk_indicator_cmp(int64_t a_num, int64_t a_den, int64_t b_num, int64_t b_den)
{
    wide l = (wide)a_num * b_den, r = (wide)b_num * a_den;
    return (l > r) - (l < r);
}

int gk_indicator_rank(int a_ok, int64_t a_num, int64_t a_den, int b_ok, int64_t b_num,
                      int64_t b_den)
{
    if (a_ok != b_ok)
        return a_ok ? -1 : 1;
    return a_ok ? -gk_indicator_cmp(a_num, a_den, b_num, b_den) : 0;
}
