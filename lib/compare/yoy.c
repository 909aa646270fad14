/*
 * yoy.c — prose claims of change against last year ("受理申请95件，同比增长352.4%") checked
 * against the previous report: the number before the claim names the cell (the only cell of
 * the new report holding that number, or several that agree on last year's value), and the
 * stated per cent must be the cell's change, rounded or truncated to the decimals written.
 * Exact integer arithmetic; a claim that cannot be tied to one cell is left alone.
 */
#include <stdio.h>
#include <string.h>

#include "../report/doc_int.h"
#include "compare_int.h"

#define LOOK_BACK 60 /* bytes before 同比 searched for the number the claim is about */

typedef struct claim {
    int64_t count; /* the number the claim is about */
    int64_t pct;   /* stated per cent, times 10^dec */
    int dec, up; /* decimals written; 1 for 增加/增长/上升/提高, 0 for 下降/减少/降低 */
    size_t at;   /* offset of 同比 in the paragraph's matching form */
} claim;

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Parses "<verb><digits>[.<digits>]%" after 同比 at s; returns 1 and fills c. */
static int parse_claim(const char *s, claim *c)
{
    static const struct {
        const char *verb;
        int up;
    } verbs[] = {{"增加", 1}, {"增长", 1}, {"上升", 1}, {"提高", 1},
                 {"下降", 0}, {"减少", 0}, {"降低", 0}};
    for (size_t v = 0; v < sizeof verbs / sizeof verbs[0]; v++) {
        size_t n = strlen(verbs[v].verb);
        if (strncmp(s, verbs[v].verb, n) != 0)
            continue;
        const char *p = s + n;
        int64_t x = 0;
        int dec = 0, digits = 0;
        for (; is_digit(*p) && digits < 12; p++, digits++)
            x = x * 10 + (*p - '0');
        if (*p == '.' && is_digit(p[1]))
            for (p++; is_digit(*p) && dec < 3; p++, dec++)
                x = x * 10 + (*p - '0');
        if (!digits || *p != '%')
            return 0;
        c->pct = x, c->dec = dec, c->up = verbs[v].up;
        return 1;
    }
    return 0;
}

/* The last number in the LOOK_BACK bytes before `at` (stopping at a full stop). */
static int number_before(const char *s, size_t at, int64_t *out)
{
    size_t from = at > LOOK_BACK ? at - LOOK_BACK : 0, end = at;
    for (size_t i = at; i >= from + 3; i--)
        if (memcmp(s + i - 3, "。", 3) == 0) { /* not past the sentence */
            from = i;
            break;
        }
    while (end > from && !is_digit(s[end - 1]))
        end--;
    size_t start = end;
    while (start > from && is_digit(s[start - 1]))
        start--;
    if (start == end || end - start > 12 || (start > 0 && s[start - 1] == '.'))
        return 0;
    int64_t x = 0;
    for (size_t i = start; i < end; i++)
        x = x * 10 + (s[i] - '0');
    *out = x;
    return 1;
}

/* Last year's value of the cells of `now` that hold `count`, if they all agree; else 0. */
static int previous_of(const gk_doc *now, const gk_doc *before, int64_t count, int64_t *prev,
                       char *key, size_t size)
{
    int found = 0;
    char k[128];
    for (int t = 0; t < GK_TABLE_COUNT; t++) {
        const gk_table_def *def = gk_doc_table(now, (gk_table_id)t);
        for (int r = 0; def && r < def->nrows; r++)
            for (int c = 0; c < gk_schema_ncols(def, r); c++) {
                const gk_value *v = gk_doc_cell(now, (gk_table_id)t, r, c);
                if (!v || v->state != GK_CELL_NUMBER || v->scale || v->value != count)
                    continue;
                gk_schema_cell_key(def, r, c, k, sizeof k);
                const gk_value *o = gk_doc_cell_by_key(before, k);
                if (!o || o->state != GK_CELL_NUMBER || o->scale)
                    continue;
                if (found && o->value != *prev)
                    return 0; /* two cells, two stories: not this claim's to judge */
                size_t kn = strlen(k), have = strlen(key);
                if (!found || (kn > 6 && strcmp(k + kn - 6, ".total") == 0 &&
                               !(have > 6 && strcmp(key + have - 6, ".total") == 0)))
                    snprintf(key, size, "%s", k); /* name a total when there is one */
                *prev = o->value;
                found = 1;
            }
    }
    return found;
}

/* 1 if |now − prev| / prev, as a per cent times 10^dec, rounds or truncates to pct. */
static int pct_agrees(int64_t now, int64_t prev, const claim *c)
{
    int64_t delta = now - prev, scale = 100;
    for (int i = 0; i < c->dec; i++)
        scale *= 10;
    if ((delta >= 0) != (c->up != 0) && delta != 0)
        return 0;
    int64_t mag = delta < 0 ? -delta : delta, num;
    if (__builtin_mul_overflow(mag, scale, &num))
        return 1; /* too large to judge: say nothing */
    int64_t lo = num / prev;
    return c->pct == lo || c->pct == lo + 1;
}

static void report(gk_doc *notes, const gk_text *t, const claim *c, const char *key, int64_t prev)
{
    char zh[500], en[500], stated[40], actual[64];
    int64_t scale = 1;
    for (int i = 0; i < c->dec; i++)
        scale *= 10;
    if (c->dec == 0)
        snprintf(stated, sizeof stated, "%s%lld%%", c->up ? "+" : "-", (long long)c->pct);
    else
        snprintf(stated, sizeof stated, "%s%lld.%0*lld%%", c->up ? "+" : "-",
                 (long long)(c->pct / scale), c->dec, (long long)(c->pct % scale));
    int64_t delta = c->count - prev, tenths = delta * 2000 / prev;
    tenths = tenths >= 0 ? (tenths + 1) / 2 : (tenths - 1) / 2;
    snprintf(actual, sizeof actual, "%s%lld.%lld%%", tenths < 0 ? "-" : "+",
             (long long)((tenths < 0 ? -tenths : tenths) / 10),
             (long long)((tenths < 0 ? -tenths : tenths) % 10));
    snprintf(zh, sizeof zh, "正文同比变化 %s 与上年报告不符：%s 由 %lld 变为 %lld，应为 %s", stated,
             key, (long long)prev, (long long)c->count, actual);
    snprintf(en, sizeof en, "the prose says %s on last year, but %s went from %lld to %lld: %s",
             stated, key, (long long)prev, (long long)c->count, actual);
    gk_doc_add_diag(notes, GK_SEV_WARNING, "P-YOY", key, actual, stated, t->line, t->col, zh, en);
}

void compare_prose(gk_doc *notes, const gk_doc *before, const gk_doc *now)
{
    for (size_t i = 0; i < gk_doc_para_count(now); i++) {
        const gk_text *t = gk_doc_para(now, i, NULL);
        for (const char *p = t->norm; (p = strstr(p, "同比")) != NULL; p += 6) {
            claim c = {.at = (size_t)(p - t->norm)};
            char key[128] = "";
            int64_t prev = 0;
            if (!parse_claim(p + 6, &c) || !number_before(t->norm, c.at, &c.count) ||
                !previous_of(now, before, c.count, &prev, key, sizeof key) || prev <= 0)
                continue;
            if (!pct_agrees(c.count, prev, &c))
                report(notes, t, &c, key, prev);
        }
    }
}
