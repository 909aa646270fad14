/*
 * compare.c — a report against the one of the year before (see compare.h): every cell's
 * change, exact, and the cross-year rules of spec §d.
 *
 * The comparison keeps its diagnostics in a document of its own (doc.c's machinery: copied
 * strings, the same gk_diag records), named "OLD → NEW".
 */
#include <gongkai/compare.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/num.h"
#include "../report/doc_int.h"
#include "compare_int.h"

struct gk_comparison {
    gk_doc *notes; /* holds the diagnostics */
    const gk_doc *old_doc, *new_doc;
    gk_change *v;
    size_t n, cap;
};

static void push_change(gk_comparison *c, const char *key)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 256;
        c->v = arena_grow(&c->notes->mem, c->v, c->n, c->cap, sizeof *c->v);
    }
    gk_change *ch = &c->v[c->n++];
    *ch = (gk_change){0};
    ch->key = arena_strdup(&c->notes->mem, key);
    ch->old_v = gk_doc_cell_by_key(c->old_doc, key);
    ch->new_v = gk_doc_cell_by_key(c->new_doc, key);
    const gk_value *a = ch->old_v, *b = ch->new_v;
    if (!a || !b || a->state != GK_CELL_NUMBER || b->state != GK_CELL_NUMBER)
        return;
    int scale = a->scale > b->scale ? a->scale : b->scale;
    int64_t x, y;
    if (!num_rescale(a->value, a->scale, scale, &x) ||
        !num_rescale(b->value, b->scale, scale, &y) || __builtin_sub_overflow(y, x, &ch->delta))
        return;
    ch->has_delta = 1;
    ch->scale = scale;
    int64_t scaled;
    if (x != 0 && !__builtin_mul_overflow(ch->delta, 2000, &scaled)) {
        int64_t q = scaled / x; /* twice the tenths of a per cent, for rounding half away */
        ch->pct_tenths = q >= 0 ? (q + 1) / 2 : (q - 1) / 2;
        ch->has_pct = 1;
    }
}

/* Every cell key of both reports, the new report's tables first, in schema order. */
static void collect(gk_comparison *c)
{
    char key[128];
    for (int pass = 0; pass < 2; pass++) {
        const gk_doc *d = pass == 0 ? c->new_doc : c->old_doc;
        const gk_doc *other = pass == 0 ? NULL : c->new_doc;
        for (int t = 0; t < GK_TABLE_COUNT; t++) {
            const gk_table_def *def = gk_doc_table(d, (gk_table_id)t);
            for (int r = 0; def && r < def->nrows; r++)
                for (int col = 0; col < gk_schema_ncols(def, r); col++) {
                    gk_schema_cell_key(def, r, col, key, sizeof key);
                    if (!other || !gk_doc_cell_by_key(other, key))
                        push_change(c, key);
                }
        }
    }
}

static int number(const gk_value *v, int64_t *out)
{
    if (!v || v->state != GK_CELL_NUMBER || v->scale != 0)
        return 0;
    *out = v->value;
    return 1;
}

static void rule_diag(gk_comparison *c, const char *rule, const char *keys, int64_t want,
                      int64_t got, const char *zh, const char *en)
{
    char e[24], a[24];
    snprintf(e, sizeof e, "%lld", (long long)want);
    snprintf(a, sizeof a, "%lld", (long long)got);
    gk_doc_add_diag(c->notes, GK_SEV_WARNING, rule, keys, e, a, 0, 0, zh, en);
}

/* V-T3-07: this year's 上年结转 is last year's 结转下年度, column by column. */
static void carry_over(gk_comparison *c)
{
    const gk_table_def *t = gk_doc_table(c->new_doc, GK_T3);
    for (int col = 0; t && col < gk_schema_ncols(t, 0); col++) {
        char in[96], out[96], keys[200], zh[300], en[300];
        const char *ck = gk_schema_col(t, 0, col)->key;
        snprintf(in, sizeof in, "t3.carry_in.%s", ck);
        snprintf(out, sizeof out, "t3.carry_out.%s", ck);
        int64_t now, before;
        if (!number(gk_doc_cell_by_key(c->new_doc, in), &now) ||
            !number(gk_doc_cell_by_key(c->old_doc, out), &before) || now == before)
            continue;
        snprintf(keys, sizeof keys, "%s %s", in, out);
        snprintf(zh, sizeof zh, "本年“上年结转”%s 为 %lld，上年报告“结转下年度”为 %lld", in,
                 (long long)now, (long long)before);
        snprintf(en, sizeof en, "%s is %lld, but last year's %s was %lld", in, (long long)now, out,
                 (long long)before);
        rule_diag(c, "V-T3-07", keys, before, now, zh, en);
    }
}

/* V-T2-02: 现行有效件数 moves by 本年制发 − 本年废止 (2021 T2 rows with those three columns). */
static void in_force(gk_comparison *c)
{
    static const char *const rows[] = {"t2.reg", "t2.nd"};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char k[3][64], keys[220], zh[400], en[400];
        static const char *const cols[] = {"in_force", "issued", "repealed"};
        for (int j = 0; j < 3; j++)
            snprintf(k[j], sizeof k[j], "%s.%s", rows[i], cols[j]);
        int64_t before, now, issued, repealed;
        if (!number(gk_doc_cell_by_key(c->old_doc, k[0]), &before) ||
            !number(gk_doc_cell_by_key(c->new_doc, k[0]), &now) ||
            !number(gk_doc_cell_by_key(c->new_doc, k[1]), &issued) ||
            !number(gk_doc_cell_by_key(c->new_doc, k[2]), &repealed))
            continue;
        int64_t want = before + issued - repealed;
        if (want == now)
            continue;
        snprintf(keys, sizeof keys, "%s %s %s", k[0], k[1], k[2]);
        snprintf(zh, sizeof zh,
                 "%s 现行有效件数应为上年 %lld + 本年制发 %lld − 本年废止 %lld = %lld，实为 %lld",
                 rows[i], (long long)before, (long long)issued, (long long)repealed,
                 (long long)want, (long long)now);
        snprintf(en, sizeof en,
                 "%s in force should be last year's %lld + %lld issued − %lld repealed = %lld, "
                 "found %lld",
                 rows[i], (long long)before, (long long)issued, (long long)repealed,
                 (long long)want, (long long)now);
        rule_diag(c, "V-T2-02", keys, want, now, zh, en);
    }
}

/* Notes when the two reports may not be one agency's consecutive years. */
static void same_agency_next_year(gk_comparison *c)
{
    const char *a = gk_doc_agency(c->old_doc), *b = gk_doc_agency(c->new_doc);
    int ya = gk_doc_year(c->old_doc), yb = gk_doc_year(c->new_doc);
    char zh[400], en[400];
    if (*a && *b && strcmp(a, b) != 0) {
        snprintf(zh, sizeof zh, "两份报告的机关不同：“%s”与“%s”", a, b);
        snprintf(en, sizeof en, "the reports are from different agencies: \"%s\" and \"%s\"", a, b);
        gk_doc_add_diag(c->notes, GK_SEV_NOTE, "GK-COMPARE-AGENCY", "", b, a, 0, 0, zh, en);
    }
    if (ya && yb && yb != ya + 1) {
        snprintf(zh, sizeof zh, "两份报告不是相邻年度：%d 与 %d，跨年规则按相邻年度理解", ya, yb);
        snprintf(en, sizeof en, "the reports are not consecutive years: %d and %d", ya, yb);
        gk_doc_add_diag(c->notes, GK_SEV_NOTE, "GK-COMPARE-YEAR", "", "", "", 0, 0, zh, en);
    }
}

gk_status gk_compare(const gk_doc *old_doc, const gk_doc *new_doc, gk_comparison **out,
                     gk_error *err)
{
    *out = NULL;
    if (!old_doc || !new_doc) {
        if (err) {
            err->code = GK_ERR_INVALID_ARG;
            snprintf(err->msg, sizeof err->msg, "compare needs two documents");
        }
        return GK_ERR_INVALID_ARG;
    }
    gk_comparison *c = calloc(1, sizeof *c);
    if (!c)
        gk_oom();
    char name[600];
    snprintf(name, sizeof name, "%s → %s", gk_doc_name(old_doc), gk_doc_name(new_doc));
    c->notes = doc_new(name);
    c->old_doc = old_doc;
    c->new_doc = new_doc;
    collect(c);
    same_agency_next_year(c);
    carry_over(c);
    in_force(c);
    compare_prose(c->notes, old_doc, new_doc);
    *out = c;
    return GK_OK;
}

size_t gk_comparison_count(const gk_comparison *c)
{
    return c ? c->n : 0;
}

const gk_change *gk_comparison_get(const gk_comparison *c, size_t i)
{
    return c && i < c->n ? &c->v[i] : NULL;
}

size_t gk_comparison_diag_count(const gk_comparison *c)
{
    return c ? gk_doc_diag_count(c->notes) : 0;
}

const gk_diag *gk_comparison_diag(const gk_comparison *c, size_t i)
{
    return c ? gk_doc_diag(c->notes, i) : NULL;
}

const gk_doc *compare_notes(const gk_comparison *c)
{
    return c->notes;
}

const gk_doc *compare_old(const gk_comparison *c)
{
    return c->old_doc;
}

const gk_doc *compare_new(const gk_comparison *c)
{
    return c->new_doc;
}

void gk_comparison_free(gk_comparison *c)
{
    if (!c)
        return;
    gk_doc_free(c->notes);
    free(c);
}
