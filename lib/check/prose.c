/*
 * prose.c — the prose checked against the tables: counts stated in the preamble and
 * section 一 (P-COUNT), percentages against the base the sentence claims (P-PCT) and
 * "共N…其中a、b、c" part sums (P-SUM).
 *
 * Counts are compared with the tables only in the preamble and section 一, where reports
 * summarise them; percentages and part sums are checked in all prose.
 * Text is read in matching form: a sentence ends at 。 ! ?, a clause at , ; : 、. A count is
 * a number followed by a counting unit; a clause's keywords say which table cells it describes.
 */
#include <stdio.h>
#include <string.h>

#include "../core/norm.h"
#include "../core/num.h"
#include "check_int.h"

#define MAX_CLAUSES 64

typedef struct clause {
    size_t start, end; /* byte range in the paragraph's matching form */
    char sep;          /* separator that ended it: ',', ';', ':', 'd' (、) or 0 */
    int has_count, has_pct, pct_dec;
    int64_t count, pct;
    size_t num_at, num_end; /* position of the count (or percentage) */
    const char *unit;
} clause;

typedef struct prose_map {
    const char *word; /* must occur before the number */
    const char *also; /* a second word that must occur too, or NULL */
    const char *rows; /* row-key prefixes whose cells the count describes */
    const char *col;
    const char *alt; /* rows that are also accepted, with a note */
    gk_severity sev;
} prose_map;

static const prose_map maps[] = {
    {"予以公开及部分公开", NULL, "t3.grant t3.partial", "total", NULL, GK_SEV_ERROR},
    {"予以公开和部分公开", NULL, "t3.grant t3.partial", "total", NULL, GK_SEV_ERROR},
    {"部分公开", NULL, "t3.partial", "total", NULL, GK_SEV_ERROR},
    {"不予公开", NULL, "t3.refuse", "total", NULL, GK_SEV_ERROR},
    {"予以公开", NULL, "t3.grant", "total", NULL, GK_SEV_ERROR},
    {"无法提供", NULL, "t3.unable", "total", NULL, GK_SEV_ERROR},
    {"不予处理", NULL, "t3.ignore", "total", NULL, GK_SEV_ERROR},
    {"其他处理", NULL, "t3.other", "total", NULL, GK_SEV_ERROR},
    {"行政复议", NULL, "t4.review", "total", NULL, GK_SEV_ERROR},
    {"行政诉讼", NULL, "t4.lit_direct t4.lit_after_review", "total", NULL, GK_SEV_ERROR},
    {"结转下", NULL, "t3.carry_out", "total", NULL, GK_SEV_ERROR},
    {"上年结转", NULL, "t3.carry_in", "total", NULL, GK_SEV_ERROR},
    {"自然人", "申请", "t3.new", "np", "t3.new t3.carry_in", GK_SEV_ERROR},
    {"收到", "申请", "t3.new", "total", "t3.new t3.carry_in", GK_SEV_ERROR},
    {"受理", "申请", "t3.new", "total", "t3.new t3.carry_in", GK_SEV_ERROR},
    {"新收", "申请", "t3.new", "total", "t3.new t3.carry_in", GK_SEV_ERROR},
    {"办理", "申请", "t3.total_processed", "total", NULL, GK_SEV_ERROR},
    {"处理", "申请", "t3.total_processed", "total", NULL, GK_SEV_ERROR},
    {"办结", "申请", "t3.total_processed", "total", NULL, GK_SEV_ERROR},
    {"答复", NULL, "t3.total_processed", "total", NULL, GK_SEV_WARNING},
};

static const struct {
    const char *rows, *zh, *en;
} pct_bases[] = {
    {"t3.new", "本年新收申请数", "applications received this year"},
    {"t3.new t3.carry_in", "新收与上年结转申请数之和", "received plus carried in"},
    {"t3.total_processed", "办理结果总计", "total processed"},
};

static const char *const count_units[] = {"件", "宗", "次", "个", "条",
                                          "份", "项", "篇", "期", NULL};
static const char *const growth_words[] = {"同比", "环比", "增长", "增加", "减少",
                                           "下降", "上升", "提高", "降低", NULL};

/* First occurrence of `word` in s[0..n), or NULL: a search that stops at the clause end. */
static const char *find_in(const char *s, size_t n, const char *word)
{
    size_t wn = strlen(word);
    for (const char *p = s, *end = s + n; wn <= (size_t)(end - p);) {
        const char *hit = memchr(p, word[0], (size_t)(end - p) - wn + 1);
        if (!hit)
            return NULL;
        if (memcmp(hit, word, wn) == 0)
            return hit;
        p = hit + 1;
    }
    return NULL;
}

static int has_any(const char *s, size_t len, const char *const *words)
{
    for (int i = 0; words[i]; i++)
        if (find_in(s, len, words[i]))
            return 1;
    return 0;
}

/* Reads the number at s[i] (digits, optional decimals); returns bytes used. */
static size_t read_number(const char *s, size_t i, size_t end, int64_t *v, int *dec)
{
    size_t j = i;
    *v = 0;
    *dec = -1;
    for (; j < end && ((s[j] >= '0' && s[j] <= '9') || (s[j] == '.' && *dec < 0)); j++) {
        if (s[j] == '.') {
            if (j + 1 >= end || s[j + 1] < '0' || s[j + 1] > '9')
                break;
            *dec = 0;
            continue;
        }
        if (*v > INT64_MAX / 100 || *dec >= 6)
            return j - i;
        *v = *v * 10 + (s[j] - '0');
        if (*dec >= 0)
            (*dec)++;
    }
    if (*dec < 0)
        *dec = 0;
    return j - i;
}

static const char *unit_at(const char *s, size_t i, size_t end)
{
    for (int u = 0; count_units[u]; u++)
        if (i + 3 <= end && strncmp(s + i, count_units[u], 3) == 0)
            return count_units[u];
    return NULL;
}

static void scan_clause(const char *s, clause *c)
{
    for (size_t i = c->start; i < c->end;) {
        int is_digit = s[i] >= '0' && s[i] <= '9';
        if (!is_digit ||
            (i > c->start && ((s[i - 1] >= '0' && s[i - 1] <= '9') || s[i - 1] == '.'))) {
            i++;
            continue;
        }
        int64_t v;
        int dec;
        size_t n = read_number(s, i, c->end, &v, &dec);
        const char *unit = unit_at(s, i + n, c->end);
        if (i + n < c->end && s[i + n] == '%' && !c->has_pct) {
            c->has_pct = 1;
            c->pct = v;
            c->pct_dec = dec;
            c->num_at = c->has_count ? c->num_at : i;
        } else if (unit && dec == 0 && !c->has_count) {
            c->has_count = 1;
            c->count = v;
            c->unit = unit;
            c->num_at = i;
            c->num_end = i + n + 3;
        }
        i += n ? n : 1;
    }
}

/* Splits sentence s[from, to) into clauses; returns how many. */
/* Bytes taken by the UTF-8 character that starts with byte c (1 for a stray byte). */
static size_t char_len(unsigned char c)
{
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static int split_clauses(const char *s, size_t from, size_t to, clause *out)
{
    int n = 0;
    size_t start = from;
    for (size_t i = from; n < MAX_CLAUSES;) {
        size_t w = i < to ? char_len((unsigned char)s[i]) : 0;
        char sep = 0;
        if (i < to && (s[i] == ',' || s[i] == ';' || s[i] == ':')) {
            sep = s[i];
        } else if (w == 3 && i + 3 <= to && memcmp(s + i, "、", 3) == 0) {
            sep = 'd';
        } else if (i < to) {
            i += w;
            continue;
        }
        out[n] = (clause){.start = start, .end = i, .sep = sep};
        scan_clause(s, &out[n]);
        n++;
        if (i >= to)
            break;
        start = i + w;
        i += w;
    }
    return n;
}

/* 1 if `word` occurs in the clause before its number. */
static int word_before(const char *s, const clause *c, const char *word)
{
    return find_in(s + c->start, c->num_at - c->start, word) != NULL;
}

static const prose_map *map_clause(const char *s, const clause *c)
{
    for (size_t m = 0; m < sizeof maps / sizeof maps[0]; m++)
        if (word_before(s, c, maps[m].word) && (!maps[m].also || word_before(s, c, maps[m].also)))
            return &maps[m];
    return NULL;
}

/* A paragraph being checked, with a cursor that maps its positions to source columns. */
typedef struct para {
    const gk_text *t;
    norm_cursor cur;
} para;

static gk_text text_at(para *p, size_t off)
{
    gk_text at = *p->t;
    at.col = p->t->col + norm_col_at(&p->cur, p->t->raw, p->t->raw_len, off) - 1;
    return at;
}

/* Start of the clause's quoted part: its first keyword, else the clause start. */
static size_t quote_from(const gk_text *t, const clause *c, const prose_map *m)
{
    const char *w = find_in(t->norm + c->start, c->num_at - c->start, m->word);
    return w ? (size_t)(w - t->norm) : c->start;
}

static void check_count(gk_doc *doc, para *p, const clause *c, const prose_map *m)
{
    const gk_text *t = p->t;
    int64_t want, alt;
    char keys[1024];
    strbuf kb;
    if (!sum_rows(doc, m->rows, m->col, &want, NULL) || want == c->count)
        return;
    sb_init(&kb, keys, sizeof keys);
    sum_rows(doc, m->rows, m->col, &want, &kb);
    int alt_fits = m->alt && sum_rows(doc, m->alt, m->col, &alt, NULL) && alt == c->count;
    size_t from = quote_from(t, c, m);
    int len = (int)(c->num_end - from);
    const char *quote = t->norm + from;
    char zh[600], en[600], e[32], a[32];
    snprintf(e, sizeof e, "%lld", (long long)want);
    snprintf(a, sizeof a, "%lld", (long long)c->count);
    gk_text at = text_at(p, c->num_at);
    if (alt_fits) {
        snprintf(zh, sizeof zh, "正文“%.*s”与表中数 %lld 不符，但等于本年新收与上年结转之和", len,
                 quote, (long long)want);
        snprintf(en, sizeof en,
                 "prose \"%.*s\" differs from the table (%lld) but equals received plus "
                 "carried in",
                 len, quote, (long long)want);
        doc_diag(doc, GK_SEV_NOTE, "P-COUNT", keys, e, a, &at, zh, en);
        return;
    }
    snprintf(zh, sizeof zh, "正文“%.*s”与表格不符：表中为 %lld", len, quote, (long long)want);
    snprintf(en, sizeof en, "prose \"%.*s\" does not match the table, which gives %lld", len, quote,
             (long long)want);
    doc_diag(doc, m->sev, "P-COUNT", keys, e, a, &at, zh, en);
}

/* 1 if value/base, as a percentage with `dec` decimals, is written as pct (rounded or cut). */
static int pct_fits(int64_t value, int64_t base, int64_t pct, int dec)
{
    int64_t num = value * 100, lo, hi;
    for (int i = 0; i < dec; i++)
        num *= 10;
    if (base <= 0)
        return 0;
    lo = pct * base;
    hi = lo + base;
    return 2 * (num > lo ? num - lo : lo - num) <= base || (lo <= num && num < hi);
}

static void check_pct(gk_doc *doc, para *p, const clause *pc, int64_t value, int64_t base)
{
    if (base <= 0 || value < 0 || value > INT64_MAX / 100000000 ||
        pct_fits(value, base, pc->pct, pc->pct_dec))
        return; /* a share of nothing has no percentage to check */
    char want[32], got[32], zh[600], en[600], alt_zh[200] = "", alt_en[200] = "";
    int64_t num = value * 100;
    for (int i = 0; i < pc->pct_dec; i++)
        num *= 10;
    num_format((2 * num + base) / (2 * base), pc->pct_dec, want, sizeof want);
    num_format(pc->pct, pc->pct_dec, got, sizeof got);
    for (size_t b = 0; b < sizeof pct_bases / sizeof pct_bases[0]; b++) {
        int64_t other;
        if (sum_rows(doc, pct_bases[b].rows, "total", &other, NULL) && other != base &&
            pct_fits(value, other, pc->pct, pc->pct_dec)) {
            snprintf(alt_zh, sizeof alt_zh, "；该比例与以%s（%lld）为基数相符", pct_bases[b].zh,
                     (long long)other);
            snprintf(alt_en, sizeof alt_en, "; it fits the %s (%lld) as base", pct_bases[b].en,
                     (long long)other);
            break;
        }
    }
    snprintf(zh, sizeof zh, "%lld 占 %lld 的比例应为 %s%%，正文为 %s%%%s", (long long)value,
             (long long)base, want, got, alt_zh);
    snprintf(en, sizeof en, "%lld of %lld is %s%%, the prose says %s%%%s", (long long)value,
             (long long)base, want, got, alt_en);
    gk_text at = text_at(p, pc->num_at);
    doc_diag(doc, GK_SEV_WARNING, "P-PCT", "", want, got, &at, zh, en);
}

/* "共N…，其中a、b、c": parts from the 其中 clause to the next ';', same unit as N. */
static void check_parts(gk_doc *doc, para *p, const clause *cl, int n, int whole)
{
    int64_t sum = 0;
    int parts = 0;
    for (int i = whole + 1; i < n; i++) {
        if (cl[i].has_count && cl[i].unit == cl[whole].unit) {
            sum += cl[i].count;
            parts++;
        }
        if (cl[i].sep == ';')
            break;
    }
    if (parts < 2 || sum == cl[whole].count)
        return;
    char zh[300], en[300], e[32], a[32];
    snprintf(e, sizeof e, "%lld", (long long)cl[whole].count);
    snprintf(a, sizeof a, "%lld", (long long)sum);
    snprintf(zh, sizeof zh, "“其中”所列各项之和 %lld 与总数 %lld 不符", (long long)sum,
             (long long)cl[whole].count);
    snprintf(en, sizeof en, "the parts listed after 其中 sum to %lld, the whole is %lld",
             (long long)sum, (long long)cl[whole].count);
    gk_text at = text_at(p, cl[whole].num_at);
    doc_diag(doc, sum > cl[whole].count ? GK_SEV_ERROR : GK_SEV_WARNING, "P-SUM", "", e, a, &at, zh,
             en);
}

/* A share of the sentence's whole ("占 26.3%", "占比98%"), not a rate or a growth figure. */
static int is_share(const char *s, const clause *c)
{
    return word_before(s, c, "占") && !has_any(s + c->start, c->end - c->start, growth_words);
}

/*
 * One sentence. The base of a percentage is the sentence's first count; the value is the
 * count just before it. Counts are compared with the tables only when `tables` is set.
 */
static void check_sentence(gk_doc *doc, para *p, size_t from, size_t to, int tables)
{
    const gk_text *t = p->t;
    clause cl[MAX_CLAUSES];
    const char *s = t->norm;
    int n = split_clauses(s, from, to, cl), base = -1, last = -1;
    for (int i = 0; i < n; i++) {
        if (cl[i].has_count) {
            const prose_map *m = tables ? map_clause(s, &cl[i]) : NULL;
            if (m)
                check_count(doc, p, &cl[i], m);
            base = base < 0 ? i : base;
            last = cl[i].unit == cl[base].unit ? i : -1;
            if (i > 0 && cl[i - 1].has_count && word_before(s, &cl[i], "其中"))
                check_parts(doc, p, cl, n, i - 1);
        } else if (cl[i].has_pct && base >= 0 && last > base && is_share(s, &cl[i])) {
            check_pct(doc, p, &cl[i], cl[last].count, cl[base].count);
        }
    }
}

/* End of the sentence starting at `from`: the offset of its 。, ! or ?, or len. */
static size_t sentence_end(const char *s, size_t from, size_t len)
{
    for (size_t i = from; i < len; i += char_len((unsigned char)s[i])) {
        if (s[i] == '!' || s[i] == '?')
            return i;
        if (i + 3 <= len && memcmp(s + i, "。", 3) == 0)
            return i;
    }
    return len;
}

static int has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return 1;
    return 0;
}

static void check_para(gk_doc *doc, const gk_text *t, int tables)
{
    para p = {t, {0, 0, 0}};
    for (size_t start = 0; start < t->norm_len;) {
        size_t end = sentence_end(t->norm, start, t->norm_len);
        if (end > start && has_digit(t->norm + start, end - start))
            check_sentence(doc, &p, start, end, tables);
        start = end + (end < t->norm_len ? char_len((unsigned char)t->norm[end]) : 0);
    }
}

void check_prose(gk_doc *doc)
{
    for (size_t i = 0; i < doc->nparas; i++) {
        gk_section_id s = doc->para_section[i];
        check_para(doc, &doc->paras[i], s == GK_S1_OVERALL || s == GK_SECTION_COUNT);
    }
}
