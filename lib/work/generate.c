/*
 * generate.c — the annual report generated from the records (see generate.h): the input
 * checked record by record, the three tables counted in one pass over the applications and
 * the cases, and the six sections written as a prose skeleton that states the computed facts.
 *
 * The prose is written for the prose checks (lib/check/prose.c): counts in section 一 name
 * their rows with the words P-COUNT maps (新收…申请, 上年结转, 办结申请, 结转下, 予以公开 …,
 * 行政复议, 行政诉讼), a "其中" list always adds up to its whole (P-SUM), and a share "占x%"
 * follows the count it is of, in a sentence whose first count is its base, rounded as P-PCT
 * rounds. Rows are found in the schema, never listed here by hand, but for the six outcome
 * groups, whose words the prose checks look for.
 */
#include "../core/fail.h"
#include <gongkai/generate.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include "../core/num.h"
#include "../report/doc_int.h"

#define CELLS_MAX 256  /* cells of one table (T3 has 175) */
#define PARA_MAX  8192 /* bytes of one generated paragraph */

/* The outcome groups of T3, as the prose names them (and P-COUNT reads them). */
static const struct {
    const char *prefix, *zh;
} groups[] = {
    {"t3.grant", "予以公开"},  {"t3.partial", "部分公开"}, {"t3.refuse", "不予公开"},
    {"t3.unable", "无法提供"}, {"t3.ignore", "不予处理"},  {"t3.other", "其他处理"},
};
#define NGROUPS (int)(sizeof groups / sizeof groups[0])

/* Paragraphs being written for one section. */
typedef struct prose {
    arena *a;
    const char **paras;
    int n, cap;
    char buf[PARA_MAX];
    size_t len;
    int todo; /* places marked GK_GEN_TODO, in all sections */
} prose;

typedef struct gen {
    const gk_gen_input *in;
    gk_error *err;
    const gk_table_def *t[GK_TABLE_COUNT];
    gk_date y0, y1, min, max;
    int r_new, r_carry_in, r_total, r_carry_out; /* T3 rows; outcomes lie in between */
    int t3_total_col, t4_pending_col, t4_total_col;
    int64_t n[GK_TABLE_COUNT][CELLS_MAX]; /* counts, and T2 values at scale[] */
    int scale[CELLS_MAX];                 /* T2 only */
    int given[CELLS_MAX];                 /* T2 only: 1 if the figure was given */
    int64_t fee; /* 信息处理费 in 元 at fee_scale; -1: not recorded */
    int fee_scale;
    arena tmp;
    prose p;
} gen;

/* ---- errors and checked input ------------------------------------------------------------ */

__attribute__((format(printf, 2, 3))) static gk_status fail(gen *g, const char *fmt, ...);
static gk_status fail(gen *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    gk_vfail(g->err, GK_ERR_INVALID_ARG, fmt, ap);
    va_end(ap);
    return GK_ERR_INVALID_ARG;
}

/* Bytes of the well-formed UTF-8 character at s (no overlong form, surrogate or value past
 * U+10FFFF), or 0. */
static size_t utf8_char(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    size_t n = s[0] >= 0xC2 && s[0] <= 0xDF   ? 2
               : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
               : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4
                                              : 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((n == 3 && s[0] == 0xE0 && s[1] < 0xA0) || (n == 3 && s[0] == 0xED && s[1] >= 0xA0) ||
        (n == 4 && s[0] == 0xF0 && s[1] < 0x90) || (n == 4 && s[0] == 0xF4 && s[1] >= 0x90))
        return 0;
    return n;
}

/* 1 for a TAB, line feed or carriage return: in free text they are written as spaces. */
static int is_break(unsigned char c)
{
    return c == '\t' || c == '\n' || c == '\r';
}

/* 1 if s is UTF-8 of 1..max bytes without control characters, but for TABs and line breaks
 * where `breaks` allows them (they would split the paragraph or the table row they are written
 * in, so they are written as spaces). */
static int text_ok(const char *s, size_t max, int breaks)
{
    size_t len = s ? strlen(s) : 0;
    if (len == 0 || len > max)
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t n = utf8_char(p);
        if (!n || (*p < 0x20 && !(breaks && is_break(*p))) || *p == 0x7F ||
            (p[0] == 0xC2 && p[1] < 0xA0))
            return 0;
        p += n;
    }
    return 1;
}

/* s shortened to at most 40 bytes on a character boundary, for a message; "(null)" for NULL. */
static const char *shown(const char *s, char buf[48])
{
    size_t len = 0;
    if (!s) {
        strcpy(buf, "(null)");
        return buf;
    }
    for (size_t n; s[len] && (n = utf8_char((const unsigned char *)s + len)) != 0 &&
                   len + n <= 40 && (unsigned char)s[len] >= 0x20;)
        len += n;
    memcpy(buf, s, len);
    strcpy(buf + len, s[len] ? "…" : "");
    return buf;
}

/* Parses a non-negative decimal literal (digits, at most one point and 6 decimals; none for a
 * count). Returns 1 and value/scale, or 0. */
static int parse_decimal(const char *s, gk_kind kind, int64_t *value, int *scale)
{
    int64_t v = 0;
    int digits = 0, dec = -1;
    for (const char *p = s ? s : ""; *p; p++) {
        if (*p == '.' && dec < 0 && digits && kind == GK_KIND_MONEY) {
            dec = 0;
            continue;
        }
        if (*p < '0' || *p > '9' || __builtin_mul_overflow(v, 10, &v) ||
            __builtin_add_overflow(v, *p - '0', &v) || dec >= NUM_MAX_SCALE)
            return 0;
        digits++;
        dec += dec >= 0;
    }
    if (!digits || dec == 0)
        return 0;
    *value = v;
    *scale = dec < 0 ? 0 : dec;
    return 1;
}

/* 1 if a/10^as == b/10^bs exactly. */
static int same_value(int64_t a, int as, int64_t b, int bs)
{
    int s = as > bs ? as : bs;
    return num_rescale(a, as, s, &a) && num_rescale(b, bs, s, &b) && a == b;
}

static int date_ok(const gen *g, gk_date d)
{
    return d != GK_DATE_NONE && d >= g->min && d <= g->max;
}

/* ---- the tables, counted ---------------------------------------------------------------- */

/* The T3 outcome row of key ("grant" or "t3.grant"), or -1. */
static int outcome_row(const gen *g, const char *key)
{
    const char *k = strncmp(key, "t3.", 3) == 0 ? key + 3 : key;
    for (int r = g->r_carry_in + 1; r < g->r_total; r++)
        if (strcmp(g->t[GK_T3]->rows[r].key + 3, k) == 0)
            return r;
    return -1;
}

/* Index of the column `key` among the first n columns of row r of table id, or -1. */
static int col_of(const gen *g, gk_table_id id, int r, int n, const char *key)
{
    for (int c = 0; key && c < n; c++)
        if (strcmp(gk_schema_col(g->t[id], r, c)->key, key) == 0)
            return c;
    return -1;
}

static int t4_row(const gen *g, const char *kind)
{
    const gk_table_def *t = g->t[GK_T4];
    for (int r = 0; kind && r < t->nrows; r++)
        if (strcmp(t->rows[r].key + 3, kind) == 0)
            return r;
    return -1;
}

static int64_t *cell(gen *g, gk_table_id id, int r, int c)
{
    return &g->n[id][gk_schema_cell_index(g->t[id], r, c)];
}

static gk_status check_app(gen *g, size_t i, int *col, int *row)
{
    const gk_gen_application *a = &g->in->apps[i];
    char b[48], d1[11], d2[11];
    *col = col_of(g, GK_T3, 0, g->t3_total_col, a->applicant);
    *row = a->outcome ? outcome_row(g, a->outcome) : -1;
    if (*col < 0)
        return fail(g, "apps[%zu]：申请人类型“%s”未知 / unknown applicant type \"%s\"", i,
                    shown(a->applicant, b), b);
    if (a->outcome && *row < 0)
        return fail(g, "apps[%zu]：办理结果“%s”不是表三的办理结果 / \"%s\" is not a T3 outcome", i,
                    shown(a->outcome, b), b);
    if (!date_ok(g, a->received))
        return fail(g, "apps[%zu]：收到日期无效 / invalid received date", i);
    if (a->closed != GK_DATE_NONE && !date_ok(g, a->closed))
        return fail(g, "apps[%zu]：办结日期无效 / invalid closed date", i);
    if (a->closed != GK_DATE_NONE && a->closed < a->received)
        return fail(g, "apps[%zu]：办结日期 %s 早于收到日期 %s / closed before received", i,
                    gk_date_format(a->closed, d1), gk_date_format(a->received, d2));
    if ((a->closed == GK_DATE_NONE) != (a->outcome == NULL))
        return fail(g,
                    a->outcome
                        ? "apps[%zu]：有办理结果但没有办结日期 / an outcome but no closed date"
                        : "apps[%zu]：有办结日期但没有办理结果 / closed without an outcome",
                    i);
    return GK_OK;
}

/* T3: every application checked, and counted where it touches the year. */
static gk_status count_apps(gen *g)
{
    for (size_t i = 0; i < g->in->napps; i++) {
        const gk_gen_application *a = &g->in->apps[i];
        int col, row;
        gk_status st = check_app(g, i, &col, &row);
        if (st)
            return st;
        if (a->received > g->y1 || (a->closed != GK_DATE_NONE && a->closed < g->y0))
            continue; /* after the year, or done before it */
        ++*cell(g, GK_T3, a->received >= g->y0 ? g->r_new : g->r_carry_in, col);
        int done = a->closed != GK_DATE_NONE && a->closed <= g->y1;
        ++*cell(g, GK_T3, done ? row : g->r_carry_out, col);
    }
    return GK_OK;
}

static gk_status check_case(gen *g, size_t i, int *row, int *col)
{
    const gk_gen_case *k = &g->in->cases[i];
    char b[48], d1[11], d2[11];
    *row = t4_row(g, k->kind);
    *col = *row < 0 ? -1 : col_of(g, GK_T4, *row, g->t4_total_col, k->result);
    if (*row < 0)
        return fail(g, "cases[%zu]：案件类型“%s”未知 / unknown case kind \"%s\"", i,
                    shown(k->kind, b), b);
    if (*col < 0)
        return fail(g, "cases[%zu]：审理结果“%s”未知 / unknown case result \"%s\"", i,
                    shown(k->result, b), b);
    if (!date_ok(g, k->filed))
        return fail(g, "cases[%zu]：立案日期无效 / invalid filed date", i);
    if (k->decided != GK_DATE_NONE && !date_ok(g, k->decided))
        return fail(g, "cases[%zu]：审结日期无效 / invalid decided date", i);
    if (*col == g->t4_pending_col && k->decided != GK_DATE_NONE)
        return fail(g, "cases[%zu]：尚未审结的案件不应有审结日期 %s / pending but decided %s", i,
                    gk_date_format(k->decided, d1), d1);
    if (*col != g->t4_pending_col && k->decided == GK_DATE_NONE)
        return fail(g, "cases[%zu]：有审理结果但没有审结日期 / a result but no decided date", i);
    if (k->decided != GK_DATE_NONE && k->decided < k->filed)
        return fail(g, "cases[%zu]：审结日期 %s 早于立案日期 %s / decided before filed", i,
                    gk_date_format(k->decided, d1), gk_date_format(k->filed, d2));
    return GK_OK;
}

/* T4: the cases filed in the year, with their result as of 31 December. */
static gk_status count_cases(gen *g)
{
    for (size_t i = 0; i < g->in->ncases; i++) {
        const gk_gen_case *k = &g->in->cases[i];
        int row, col;
        gk_status st = check_case(g, i, &row, &col);
        if (st)
            return st;
        if (k->filed < g->y0 || k->filed > g->y1)
            continue;
        int decided = k->decided != GK_DATE_NONE && k->decided <= g->y1;
        ++*cell(g, GK_T4, row, decided ? col : g->t4_pending_col);
    }
    return GK_OK;
}

/* The 总计 column of every T3 row and T4 group, and T3's （七）总计 row. */
static void add_totals(gen *g)
{
    const gk_table_def *t3 = g->t[GK_T3], *t4 = g->t[GK_T4];
    for (int r = g->r_carry_in + 1; r < g->r_total; r++)
        for (int c = 0; c < g->t3_total_col; c++)
            *cell(g, GK_T3, g->r_total, c) += *cell(g, GK_T3, r, c);
    for (int r = 0; r < t3->nrows; r++)
        for (int c = 0; c < g->t3_total_col; c++)
            *cell(g, GK_T3, r, g->t3_total_col) += *cell(g, GK_T3, r, c);
    for (int r = 0; r < t4->nrows; r++)
        for (int c = 0; c < g->t4_total_col; c++)
            *cell(g, GK_T4, r, g->t4_total_col) += *cell(g, GK_T4, r, c);
}

/* T2: the figures given, each checked; the others stay 0. */
static gk_status read_figures(gen *g)
{
    const gk_table_def *t2 = g->t[GK_T2];
    for (size_t i = 0; i < g->in->nfigures; i++) {
        const gk_gen_figure *f = &g->in->figures[i];
        char b[48], v[48];
        int r, c;
        if (!f->key || gk_schema_find_cell(t2, f->key, &r, &c) != 0)
            return fail(g, "figures[%zu]：“%s”不是表二的单元格 / \"%s\" is not a T2 cell", i,
                        shown(f->key, b), b);
        int k = gk_schema_cell_index(t2, r, c);
        gk_kind kind = gk_schema_col(t2, r, c)->kind;
        if (g->given[k]++)
            return fail(g, "figures[%zu]：%s 重复给出 / %s given twice", i, f->key, f->key);
        if (!parse_decimal(f->value, kind, &g->n[GK_T2][k], &g->scale[k]))
            return fail(g, "figures[%zu]：%s 的值“%s”不是%s / the value of %s is not %s", i, f->key,
                        shown(f->value, v),
                        kind == GK_KIND_MONEY ? "非负数（万元，至多 6 位小数）" : "非负整数",
                        f->key,
                        kind == GK_KIND_MONEY ? "a non-negative decimal" : "a whole number");
    }
    g->fee = -1;
    if (g->in->info_fee_yuan &&
        !parse_decimal(g->in->info_fee_yuan, GK_KIND_MONEY, &g->fee, &g->fee_scale))
        return fail(g, "信息处理费金额不是非负数 / info_fee_yuan is not a non-negative decimal");
    return GK_OK;
}

/* ---- amendments ---------------------------------------------------------------------------- */

/* Finds the cell of a key in T2, T3 or T4 (2021). */
static int find_cell(const gen *g, const char *key, gk_table_id *id, int *r, int *c)
{
    for (int t = 0; key && t < GK_TABLE_COUNT; t++)
        if (gk_schema_find_cell(g->t[t], key, r, c) == 0) {
            *id = (gk_table_id)t;
            return 1;
        }
    return 0;
}

static gk_status check_amendment_values(gen *g, size_t i)
{
    const gk_gen_amendment *m = &g->in->amendments[i];
    char b[48];
    gk_table_id id;
    int r, c, bs, as;
    int64_t bv, av;
    if (!find_cell(g, m->key, &id, &r, &c))
        return fail(g, "amendments[%zu]：“%s”不是表格单元格 / \"%s\" is not a cell key", i,
                    shown(m->key, b), b);
    gk_kind kind = gk_schema_col(g->t[id], r, c)->kind;
    if (!parse_decimal(m->before, kind, &bv, &bs) || !parse_decimal(m->after, kind, &av, &as))
        return fail(g, "amendments[%zu]：%s 的更正前后数值无效 / invalid before or after value", i,
                    m->key);
    if (same_value(bv, bs, av, as))
        return fail(g, "amendments[%zu]：%s 更正前后数值相同 / before equals after", i, m->key);
    return GK_OK;
}

static gk_status check_amendment(gen *g, size_t i)
{
    const gk_gen_amendment *m = &g->in->amendments[i];
    if (!date_ok(g, m->date) || m->date <= g->y1)
        return fail(g,
                    "amendments[%zu]：更正日期须在 %d 年度结束之后 / the date must be after the "
                    "year ended",
                    i, g->in->year);
    if (!text_ok(m->reason, GK_GEN_TEXT_MAX, 1))
        return fail(g, "amendments[%zu]：缺少更正原因或原因无效 / missing or invalid reason", i);
    if ((m->what || !m->key) && !text_ok(m->what, GK_GEN_TEXT_MAX, 1))
        return fail(g, "amendments[%zu]：缺少更正内容或内容无效 / missing or invalid what", i);
    if (!m->key && (m->before || m->after))
        return fail(g, "amendments[%zu]：有更正前后数值但没有单元格 / values without a key", i);
    return m->key ? check_amendment_values(g, i) : GK_OK;
}

/* 1 if amendment j supersedes amendment i of the same cell (later, or as late and after it). */
static int supersedes(const gk_gen_amendment *a, size_t j, size_t i)
{
    return a[j].date > a[i].date || (a[j].date == a[i].date && j > i);
}

/* Every amendment checked; the latest of each cell must give the value now in the table. */
static gk_status check_amendments(gen *g)
{
    const gk_gen_amendment *a = g->in->amendments;
    if (g->in->namendments > GK_GEN_AMENDMENTS_MAX)
        return fail(g, "更正记录超过 %d 条 / more than %d amendments", GK_GEN_AMENDMENTS_MAX,
                    GK_GEN_AMENDMENTS_MAX);
    for (size_t i = 0; i < g->in->namendments; i++) {
        gk_status st = check_amendment(g, i);
        if (st)
            return st;
    }
    for (size_t i = 0; i < g->in->namendments; i++) {
        int latest = a[i].key != NULL;
        for (size_t j = 0; latest && j < g->in->namendments; j++)
            latest = !(a[j].key && strcmp(a[j].key, a[i].key) == 0 && supersedes(a, j, i));
        if (!latest)
            continue;
        gk_table_id id = GK_T2;
        int r = 0, c = 0, s = 0;
        int64_t v = 0;
        find_cell(g, a[i].key, &id, &r, &c);
        int k = gk_schema_cell_index(g->t[id], r, c);
        parse_decimal(a[i].after, gk_schema_col(g->t[id], r, c)->kind, &v, &s);
        char now[64];
        if (!same_value(v, s, g->n[id][k], id == GK_T2 ? g->scale[k] : 0))
            return fail(g,
                        "amendments[%zu]：%s 更正为 %s，但由记录生成的数值为 %s / the "
                        "records give another value",
                        i, a[i].key, a[i].after,
                        num_format(g->n[id][k], id == GK_T2 ? g->scale[k] : 0, now, sizeof now));
    }
    return GK_OK;
}

/* ---- prose --------------------------------------------------------------------------------- */

__attribute__((format(printf, 2, 3))) static void say(prose *p, const char *fmt, ...);
static void say(prose *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(p->buf + p->len, PARA_MAX - p->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        p->len += (size_t)n < PARA_MAX - p->len ? (size_t)n : PARA_MAX - 1 - p->len;
}

/* A place for the officer: 【待填写：what】. */
static void todo(prose *p, const char *what)
{
    say(p, GK_GEN_TODO "：%s】", what);
    p->todo++;
}

/* Ends the paragraph being written (if any). */
static void end(prose *p)
{
    if (!p->len)
        return;
    if (p->n == p->cap) {
        int cap = p->cap ? p->cap * 2 : 16;
        p->paras = arena_grow(p->a, p->paras, (size_t)p->n, (size_t)cap, sizeof *p->paras);
        p->cap = cap;
    }
    p->paras[p->n++] = arena_strndup(p->a, p->buf, p->len);
    p->len = 0;
}

/* The paragraphs written become section s of the document. */
static void put(gk_doc *doc, gk_section_id s, prose *p)
{
    end(p);
    doc_put_section(doc, s, p->paras, p->n);
    p->n = 0;
}

/* Sum of column c of the T3 rows under prefix. */
static int64_t t3(const gen *g, const char *prefix, int c)
{
    int64_t sum = 0;
    const gk_table_def *t = g->t[GK_T3];
    for (int r = 0; r < t->nrows; r++)
        if (gk_schema_key_has_prefix(t->rows[r].key, prefix))
            sum += g->n[GK_T3][gk_schema_cell_index(t, r, c)];
    return sum;
}

static int64_t t3_total(const gen *g, const char *prefix)
{
    return t3(g, prefix, g->t3_total_col);
}

/* T4 cell of group key ("t4.review") and column key ("upheld"). */
static int64_t t4(const gen *g, const char *group, const char *col)
{
    int r = gk_schema_find_row(g->t[GK_T4], group);
    return g->n[GK_T4][gk_schema_cell_index(g->t[GK_T4], r, col_of(g, GK_T4, r, 5, col))];
}

/* A T2 figure as its decimal literal. */
static const char *fig(const gen *g, const char *key, char buf[32])
{
    int r, c;
    gk_schema_find_cell(g->t[GK_T2], key, &r, &c);
    int k = gk_schema_cell_index(g->t[GK_T2], r, c);
    return num_format(g->n[GK_T2][k], g->scale[k], buf, 32);
}

/* value/base as a percentage with one decimal, rounded half up as P-PCT rounds. */
static const char *pct(int64_t value, int64_t base, char buf[32])
{
    int64_t q = (2 * value * 1000 + base) / (2 * base);
    return num_format(q, 1, buf, 32);
}

static int government(const gen *g)
{
    const char *a = g->in->agency, *tail = "人民政府";
    size_t n = strlen(a), m = strlen(tail);
    return n >= m && strcmp(a + n - m, tail) == 0;
}

/* 一、总体情况: where the figures come from, then the five topics, facts first. */
static void write_overall(gen *g, gk_doc *doc)
{
    prose *p = &g->p;
    char a[32], b[32], c[32], d[32];
    int y = g->in->year;
    say(p,
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条编制，"
        "统计期限为%d年1月1日至%d年12月31日。表中数据由本机关政府信息公开申请办理记录、"
        "行政复议和行政诉讼案件记录以及主动公开统计数据生成。",
        y, y);
    if (g->in->namendments)
        say(p, "本年度数据锁定后经更正，本报告据此重新生成，更正情况见第六部分。");
    end(p);
    say(p,
        "（一）主动公开。本年度制发规章%s件、行政规范性文件%s件，废止规章%s件、"
        "行政规范性文件%s件。",
        fig(g, "t2.reg.issued", a), fig(g, "t2.nd.issued", b), fig(g, "t2.reg.repealed", c),
        fig(g, "t2.nd.repealed", d));
    todo(p, "主动公开工作的主要做法和成效");
    end(p);
    say(p,
        "（二）依申请公开。本年度新收政府信息公开申请%lld件，上年结转政府信息公开申请%lld件；"
        "办结申请%lld件，结转下年度继续办理%lld件。办结的申请中",
        (long long)t3_total(g, "t3.new"), (long long)t3_total(g, "t3.carry_in"),
        (long long)t3_total(g, "t3.total_processed"), (long long)t3_total(g, "t3.carry_out"));
    for (int i = 0; i < NGROUPS; i++)
        say(p, "，%s%lld件", groups[i].zh, (long long)t3_total(g, groups[i].prefix));
    say(p, "。本年度因政府信息公开工作被申请行政复议%lld件，被提起行政诉讼%lld件。",
        (long long)t4(g, "t4.review", "total"),
        (long long)(t4(g, "t4.lit_direct", "total") + t4(g, "t4.lit_after_review", "total")));
    todo(p, "依申请公开工作的主要做法和成效");
    end(p);
    say(p, "（三）政府信息管理。");
    todo(p, "政府信息公开审查、政府信息管理和动态更新等情况");
    end(p);
    say(p, "（四）政府信息公开平台建设。");
    todo(p, "政府网站、政务新媒体、政府公报等平台的建设和管理情况");
    end(p);
    say(p, "（五）监督保障。");
    todo(p, "组织领导、制度建设、教育培训和监督检查等情况");
    end(p);
    if (government(g)) {
        say(p, "（六）工作考核、社会评议和责任追究结果情况。");
        todo(p, "《条例》第五十条第四项要求的工作考核、社会评议和责任追究结果");
        end(p);
    }
    put(doc, GK_S1_OVERALL, p);
}

/* 二: the 第二十条 figures in words; figures not entered are named for the officer. */
static void write_proactive(gen *g, gk_doc *doc)
{
    prose *p = &g->p;
    char v[6][32], missing[1024] = "";
    say(p,
        "本年度制发规章%s件、废止%s件，现行有效规章%s件；制发行政规范性文件%s件、废止%s件，"
        "现行有效行政规范性文件%s件。",
        fig(g, "t2.reg.issued", v[0]), fig(g, "t2.reg.repealed", v[1]),
        fig(g, "t2.reg.in_force", v[2]), fig(g, "t2.nd.issued", v[3]),
        fig(g, "t2.nd.repealed", v[4]), fig(g, "t2.nd.in_force", v[5]));
    say(p,
        "本年度行政许可处理决定%s件，行政处罚处理决定%s件，行政强制处理决定%s件；"
        "行政事业性收费金额%s万元。",
        fig(g, "t2.license.decisions", v[0]), fig(g, "t2.penalty.decisions", v[1]),
        fig(g, "t2.coercion.decisions", v[2]), fig(g, "t2.admin_fee.amount_wan", v[3]));
    end(p);
    const gk_table_def *t = g->t[GK_T2];
    size_t len = 0;
    for (int r = 0, k = 0; r < t->nrows; r++)
        for (int c = 0; c < gk_schema_ncols(t, r); c++, k++)
            if (!g->given[k])
                len +=
                    (size_t)snprintf(missing + len, sizeof missing - len, "%s%s%s", len ? "、" : "",
                                     t->rows[r].labels[0], gk_schema_col(t, r, c)->labels[0]);
    if (len) {
        char what[1200];
        snprintf(what, sizeof what, "下列数据未录入，表中暂按0填列，请核实：%s", missing);
        todo(p, what);
        end(p);
    }
    todo(p, "主动公开的其他情况，如政策解读、回应社会关切和重点领域信息公开等");
    put(doc, GK_S2_PROACTIVE, p);
}

/* 三, first paragraph: who applied, each share of the year's new applications. */
static void write_applicants(gen *g, prose *p)
{
    const gk_table_def *t = g->t[GK_T3];
    int64_t all = t3_total(g, "t3.new"), np = t3(g, "t3.new", 0), org = all - np;
    char a[32];
    if (!all) {
        say(p, "本年度未收到新的政府信息公开申请。");
        return;
    }
    say(p, "本年度新收政府信息公开申请%lld件，其中自然人申请%lld件", (long long)all, (long long)np);
    if (np)
        say(p, "，占%s%%", pct(np, all, a));
    say(p, "；法人或其他组织申请%lld件", (long long)org);
    if (org)
        say(p, "，占%s%%", pct(org, all, a));
    say(p, "。");
    if (!org)
        return;
    say(p, "法人或其他组织申请中");
    for (int c = 1, first = 1; c < g->t3_total_col; c++) {
        int64_t n = g->n[GK_T3][gk_schema_cell_index(t, g->r_new, c)];
        if (n)
            say(p, "%s%s%lld件", first ? "，" : "、", gk_schema_col(t, g->r_new, c)->labels[0],
                (long long)n);
        first &= !n;
    }
    say(p, "。");
}

/* 三, second paragraph: the year's outcomes, each group with its share, then the items. */
static void write_outcomes(gen *g, prose *p)
{
    const gk_table_def *t = g->t[GK_T3];
    int64_t done = t3_total(g, "t3.total_processed");
    char a[32];
    say(p, "上年结转政府信息公开申请%lld件。本年度办结政府信息公开申请%lld件",
        (long long)t3_total(g, "t3.carry_in"), (long long)done);
    for (int i = 0; done && i < NGROUPS; i++) {
        int64_t n = t3_total(g, groups[i].prefix);
        say(p, "%s%s%lld件", i ? "；" : "，其中", groups[i].zh, (long long)n);
        if (n)
            say(p, "，占%s%%", pct(n, done, a));
    }
    say(p, "。结转下年度继续办理%lld件。", (long long)t3_total(g, "t3.carry_out"));
    end(p);
    int any = 0;
    for (int i = 0; i < NGROUPS; i++) {
        if (!t3_total(g, groups[i].prefix) || gk_schema_find_row(t, groups[i].prefix) >= 0)
            continue; /* nothing, or a single row without items (予以公开, 部分公开) */
        say(p, "%s%s的申请中", any++ ? "；" : "", groups[i].zh);
        for (int r = 0, first = 1; r < t->nrows; r++) {
            int64_t n = g->n[GK_T3][gk_schema_cell_index(t, r, g->t3_total_col)];
            if (!n || !gk_schema_key_has_prefix(t->rows[r].key, groups[i].prefix))
                continue;
            say(p, "%s%s%lld件", first ? "，" : "、", t->rows[r].labels[0], (long long)n);
            first = 0;
        }
    }
    if (any)
        say(p, "。");
}

static void write_requests(gen *g, gk_doc *doc)
{
    prose *p = &g->p;
    write_applicants(g, p);
    end(p);
    write_outcomes(g, p);
    end(p);
    todo(p, "依申请公开工作的其他情况，如答复质量、依申请公开转主动公开等");
    put(doc, GK_S3_REQUESTS, p);
}

/* The four results of a T4 group, as "结果维持a件、结果纠正b件、…". */
static void say_results(gen *g, prose *p, const char *group)
{
    const gk_table_def *t = g->t[GK_T4];
    int r = gk_schema_find_row(t, group);
    for (int c = 0; c < g->t4_total_col; c++)
        say(p, "%s%s%lld件", c ? "、" : "", gk_schema_col(t, r, c)->labels[0],
            (long long)g->n[GK_T4][gk_schema_cell_index(t, r, c)]);
}

/* 四: reviews and lawsuits filed in the year, results as of 31 December. */
static void write_cases(gen *g, gk_doc *doc)
{
    prose *p = &g->p;
    int64_t review = t4(g, "t4.review", "total"), direct = t4(g, "t4.lit_direct", "total"),
            after = t4(g, "t4.lit_after_review", "total");
    if (!review && !direct && !after) {
        say(p, "本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。");
        put(doc, GK_S4_REVIEW_LITIGATION, p);
        return;
    }
    say(p, "本年度因政府信息公开工作被申请行政复议%lld件", (long long)review);
    if (review) {
        say(p, "，其中");
        say_results(g, p, "t4.review");
    }
    say(p, "。本年度因政府信息公开工作被提起行政诉讼%lld件", (long long)(direct + after));
    if (direct + after)
        say(p, "，其中未经复议直接起诉%lld件、复议后起诉%lld件", (long long)direct,
            (long long)after);
    say(p, "。");
    if (direct) {
        say(p, "未经复议直接起诉的案件中，");
        say_results(g, p, "t4.lit_direct");
        say(p, "。");
    }
    if (after) {
        say(p, "复议后起诉的案件中，");
        say_results(g, p, "t4.lit_after_review");
        say(p, "。");
    }
    say(p, "审理结果按截至%d年12月31日的状态统计，此后审结的案件计为尚未审结。", g->in->year);
    end(p);
    if (t4(g, "t4.review", "corrected") + t4(g, "t4.lit_direct", "corrected") +
        t4(g, "t4.lit_after_review", "corrected")) {
        todo(p, "被纠正案件的原因分析及整改情况");
        end(p);
    }
    put(doc, GK_S4_REVIEW_LITIGATION, p);
}

static void write_problems(gen *g, gk_doc *doc)
{
    todo(&g->p, "本年度政府信息公开工作存在的主要问题及改进措施，以及上年度报告所列问题的改进情况");
    put(doc, GK_S5_PROBLEMS, &g->p);
}

/* Bytes of s without its trailing spaces, TABs and line breaks. */
static size_t trimmed(const char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || is_break((unsigned char)s[n - 1])))
        n--;
    return n;
}

/* Free text of the caller's, with its TABs and line breaks written as spaces (none at its end). */
static void say_free(prose *p, const char *s)
{
    for (size_t i = 0, n = trimmed(s); i < n && p->len + 1 < PARA_MAX; i++)
        p->buf[p->len++] = is_break((unsigned char)s[i]) ? ' ' : s[i];
    p->buf[p->len] = '\0';
}

/* 1 if s ends with a sentence stop (before trailing white space), so that none is added. */
static int ends_stop(const char *s)
{
    static const char *const stops[] = {"。", "！", "？", ".", "!", "?", NULL};
    size_t n = trimmed(s);
    for (int i = 0; stops[i]; i++) {
        size_t m = strlen(stops[i]);
        if (n >= m && memcmp(s + n - m, stops[i], m) == 0)
            return 1;
    }
    return 0;
}

/* The name of a cell in words: 表三“（三）不予公开4.保护第三方合法权益”“自然人”栏. */
static void cell_name(const gen *g, gk_table_id id, int r, int c, char *buf, size_t size)
{
    static const char *const names[GK_TABLE_COUNT] = {"表二", "表三", "表四"};
    const gk_row_def *row = &g->t[id]->rows[r];
    const char *group = id == GK_T3 && row->group ? row->group : "";
    const char *parent = id == GK_T4 && row->parent ? row->parent : "";
    snprintf(buf, size, "%s“%s%s%s%s%s%s”“%s”栏", names[id], parent, *parent ? "（" : "", group,
             row->num, row->labels[0], *parent ? "）" : "",
             gk_schema_col(g->t[id], r, c)->labels[0]);
}

typedef struct dated {
    gk_date date;
    size_t i;
} dated;

static int dated_cmp(const void *pa, const void *pb)
{
    const dated *a = pa, *b = pb;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

/* One amendment, numbered: its date, what changed, the reason. */
static void say_amendment(gen *g, prose *p, size_t no, const gk_gen_amendment *m)
{
    int y, mo, d;
    gk_date_ymd(m->date, &y, &mo, &d);
    say(p, "%zu. %d年%d月%d日，", no, y, mo, d);
    if (m->key) {
        gk_table_id id = GK_T2;
        int r = 0, c = 0;
        char name[512];
        find_cell(g, m->key, &id, &r, &c);
        cell_name(g, id, r, c, name, sizeof name);
        const char *unit = gk_schema_col(g->t[id], r, c)->kind == GK_KIND_MONEY ? "万元" : "件";
        say(p, "%s由%s%s更正为%s%s", name, m->before, unit, m->after, unit);
        if (m->what) {
            say(p, "（");
            say_free(p, m->what);
            say(p, "）");
        }
    } else {
        say_free(p, m->what);
    }
    say(p, "%s更正原因：", m->key || !ends_stop(m->what) ? "。" : "");
    say_free(p, m->reason);
    say(p, "%s", ends_stop(m->reason) ? "" : "。");
    end(p);
}

static void write_amendments(gen *g, prose *p)
{
    size_t n = g->in->namendments;
    dated *order = arena_alloc(&g->tmp, n * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = (dated){g->in->amendments[i].date, i};
    qsort(order, n, sizeof *order, dated_cmp);
    say(p,
        "（五）数据更正情况。本报告%d年度数据在年度结束后锁定，此后作了以下更正，"
        "本报告据此重新生成，表中数据为更正后的数据：",
        g->in->year);
    end(p);
    for (size_t i = 0; i < n; i++)
        say_amendment(g, p, i + 1, &g->in->amendments[order[i].i]);
}

/* 六: the 信息处理费, the usual further topics, and the corrections restated. */
static void write_other(gen *g, gk_doc *doc)
{
    prose *p = &g->p;
    char fee[48];
    int64_t no_fee = t3_total(g, "t3.other.no_fee");
    say(p, "（一）信息处理费收取情况。");
    if (g->fee < 0)
        todo(
            p,
            "依据《政府信息公开信息处理费管理办法》收取信息处理费的件数和金额，未收取的写明未收取");
    else if (g->fee == 0)
        say(p, "本年度未收取信息处理费。");
    else
        say(p, "本年度依据《政府信息公开信息处理费管理办法》收取信息处理费%s元。",
            num_format(g->fee, g->fee_scale, fee, sizeof fee));
    if (no_fee)
        say(p, "因申请人逾期未按收费通知要求缴纳费用、本机关不再处理的政府信息公开申请%lld件。",
            (long long)no_fee);
    end(p);
    say(p, "（二）落实上级年度政务公开工作要点情况。");
    todo(p, "落实上级年度政务公开工作要点的情况");
    end(p);
    say(p, "（三）人大代表建议和政协提案办理结果公开情况。");
    todo(p, "建议提案办理结果的公开情况");
    end(p);
    say(p, "（四）年度政务公开工作创新情况。");
    todo(p, "本年度政务公开工作的创新做法");
    end(p);
    if (g->in->namendments)
        write_amendments(g, p);
    put(doc, GK_S6_OTHER, p);
}

/* Notes on the result: figures not entered, places left for the officer. */
static void add_notes(gen *g, gk_doc *doc)
{
    char keys[1024] = "", zh[1400], en[1400];
    size_t len = 0;
    int missing = 0;
    const gk_table_def *t = g->t[GK_T2];
    for (int r = 0, k = 0; r < t->nrows; r++)
        for (int c = 0; c < gk_schema_ncols(t, r); c++, k++) {
            if (g->given[k])
                continue;
            char key[96];
            gk_schema_cell_key(t, r, c, key, sizeof key);
            len += (size_t)snprintf(keys + len, sizeof keys - len, "%s%s", len ? " " : "", key);
            missing++;
        }
    if (missing) {
        snprintf(zh, sizeof zh, "表二有 %d 项数据未录入，暂按 0 填列", missing);
        snprintf(en, sizeof en, "%d T2 figures were not entered and are 0 in the table", missing);
        doc_diag(doc, GK_SEV_NOTE, "GK-GEN-T2", keys, "", "", NULL, zh, en);
    }
    snprintf(zh, sizeof zh, "正文有 %d 处“" GK_GEN_TODO "】”，发布前请补充", g->p.todo);
    snprintf(en, sizeof en,
             "the prose has %d places marked " GK_GEN_TODO "】 to complete before "
             "publishing",
             g->p.todo);
    doc_diag(doc, GK_SEV_NOTE, "GK-GEN-TODO", "", "", "", NULL, zh, en);
}

static gk_doc *build(gen *g)
{
    gk_doc *doc = doc_new(g->in->agency);
    doc->is_report = 1;
    doc->year = g->in->year;
    doc->agency = doc->name;
    for (int id = 0; id < GK_TABLE_COUNT; id++) {
        gk_value *v = doc_put_table(doc, (gk_table_id)id, g->t[id]);
        for (int k = 0; k < gk_schema_cell_count(g->t[id]); k++)
            doc_set_number(doc, &v[k], g->n[id][k], id == GK_T2 ? g->scale[k] : 0);
    }
    g->p.a = &g->tmp;
    write_overall(g, doc);
    write_proactive(g, doc);
    write_requests(g, doc);
    write_cases(g, doc);
    write_problems(g, doc);
    write_other(g, doc);
    add_notes(g, doc);
    return doc;
}

/* ---- the entry point ---------------------------------------------------------------------- */

static gk_status setup(gen *g, const gk_gen_input *in)
{
    const gk_table_def *t3t;
    g->in = in;
    for (int id = 0; id < GK_TABLE_COUNT; id++)
        g->t[id] = gk_schema_table((gk_table_id)id, GK_FORMAT_2021);
    t3t = g->t[GK_T3];
    g->r_new = gk_schema_find_row(t3t, "t3.new");
    g->r_carry_in = gk_schema_find_row(t3t, "t3.carry_in");
    g->r_total = gk_schema_find_row(t3t, "t3.total_processed");
    g->r_carry_out = gk_schema_find_row(t3t, "t3.carry_out");
    g->t3_total_col = col_of(g, GK_T3, 0, gk_schema_ncols(t3t, 0), "total");
    g->t4_pending_col = col_of(g, GK_T4, 0, gk_schema_ncols(g->t[GK_T4], 0), "pending");
    g->t4_total_col = col_of(g, GK_T4, 0, gk_schema_ncols(g->t[GK_T4], 0), "total");
    g->min = gk_date_from_ymd(1900, 1, 1);
    g->max = gk_date_from_ymd(9999, 12, 31);
    if (in->year < GK_GEN_FIRST_YEAR || in->year > GK_GEN_LAST_YEAR)
        return fail(g, "年度 %d 不在 %d–%d 之间（2021 年格式） / year %d is not in %d..%d",
                    in->year, GK_GEN_FIRST_YEAR, GK_GEN_LAST_YEAR, in->year, GK_GEN_FIRST_YEAR,
                    GK_GEN_LAST_YEAR);
    g->y0 = gk_date_from_ymd(in->year, 1, 1);
    g->y1 = gk_date_from_ymd(in->year, 12, 31);
    if (!text_ok(in->agency, GK_GEN_AGENCY_MAX, 0) || strchr(in->agency, ':') ||
        strstr(in->agency, "："))
        return fail(g, "机关名称为空、过长、不是 UTF-8 或含控制字符、冒号 / the agency name is "
                       "empty, too long, not UTF-8, or has a control character or a colon");
    if ((in->napps && !in->apps) || (in->ncases && !in->cases) || (in->nfigures && !in->figures) ||
        (in->namendments && !in->amendments))
        return fail(g, "数组为 NULL 而数目不为 0 / gk_generate_report: an array is NULL but its "
                       "count is not 0");
    return GK_OK;
}

gk_status gk_generate_report(const gk_gen_input *in, gk_doc **out, gk_error *err)
{
    if (out)
        *out = NULL;
    gen *g = calloc(1, sizeof *g);
    if (!g)
        gk_oom();
    g->err = err;
    gk_status st =
        !in || !out ? fail(g, "参数为 NULL / gk_generate_report: in or out is NULL") : setup(g, in);
    if (!st)
        st = read_figures(g);
    if (!st)
        st = count_apps(g);
    if (!st)
        st = count_cases(g);
    if (!st) {
        add_totals(g);
        st = check_amendments(g);
    }
    if (!st) {
        arena_init(&g->tmp);
        *out = build(g);
        arena_free(&g->tmp);
    }
    free(g);
    return st;
}
