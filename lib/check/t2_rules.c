/*
 * t2_rules.c — plausibility rules of table 2 (第二十条): 规章 issued by a body without
 * rule-making power (V-T2-03), a fee amount that looks like yuan (V-T2-04), 2019 项目数量
 * going negative (V-T2v19-01) and the 2019 procurement breakdown (V-T2v19-02).
 */
#include <stdio.h>
#include <string.h>

#include "../core/num.h"
#include "check_int.h"

/* 1 if the agency is a county-level or lower body (区, 县, 乡, 镇, 街道) or part of one. */
static int below_city(const char *agency)
{
    const char *p = agency, *q;
    while ((q = strstr(p, "市")) != NULL)
        p = q + strlen("市");
    static const char *const units[] = {"区", "县", "镇", "乡", "街道", NULL};
    for (int i = 0; units[i]; i++) {
        const char *hit = strstr(p, units[i]);
        if (hit && !(i == 0 && hit >= p + 6 && strncmp(hit - 6, "自治区", 9) == 0))
            return 1;
    }
    return 0;
}

static void rule_reg_issued(gk_doc *doc)
{
    const gk_value *v = gk_doc_cell_by_key(doc, "t2.reg.issued");
    if (!v || v->state != GK_CELL_NUMBER || v->value <= 0 || !below_city(doc->agency))
        return;
    char zh[300], en[300], a[32];
    snprintf(a, sizeof a, "%lld", (long long)v->value);
    snprintf(zh, sizeof zh, "“%s”属县级及以下机关，无规章制定权，但本年制发规章 %s 件", doc->agency,
             a);
    snprintf(en, sizeof en, "%s is below city level and cannot make 规章, yet reports %s issued",
             doc->agency, a);
    doc_diag(doc, GK_SEV_WARNING, "V-T2-03", "t2.reg.issued", "0", a, cell_pos(v), zh, en);
}

static void rule_fee_unit(gk_doc *doc)
{
    const gk_value *v = gk_doc_cell_by_key(doc, "t2.admin_fee.amount_wan");
    int64_t limit;
    if (!v || v->state != GK_CELL_NUMBER || !num_rescale(1000000, 0, v->scale, &limit) ||
        v->value <= limit)
        return;
    char a[64];
    gk_value_format(v, a, sizeof a);
    char zh[300], en[300];
    snprintf(zh, sizeof zh, "行政事业性收费金额 %s 万元过大，疑为以元填报", a);
    snprintf(en, sizeof en, "fee amount %s (10k yuan) is implausibly large; yuan entered?", a);
    doc_diag(doc, GK_SEV_WARNING, "V-T2-04", "t2.admin_fee.amount_wan", "", a, cell_pos(v), zh, en);
}

static void rule_items_delta(gk_doc *doc)
{
    const gk_table_def *t = doc->tables[GK_T2];
    for (int r = 0; r < t->nrows; r++) {
        int pc, dc, rr;
        char pk[96], dk[96];
        snprintf(pk, sizeof pk, "%s.prev_items", t->rows[r].key);
        snprintf(dk, sizeof dk, "%s.delta", t->rows[r].key);
        if (gk_schema_find_cell(t, pk, &rr, &pc) || gk_schema_find_cell(t, dk, &rr, &dc))
            continue;
        const gk_value *p = gk_doc_cell(doc, GK_T2, r, pc), *d = gk_doc_cell(doc, GK_T2, r, dc);
        if (p->state != GK_CELL_NUMBER || d->state != GK_CELL_NUMBER || p->value + d->value >= 0)
            continue;
        char zh[300], en[300], keys[200], a[32];
        snprintf(keys, sizeof keys, "%s %s", pk, dk);
        snprintf(a, sizeof a, "%lld", (long long)(p->value + d->value));
        snprintf(zh, sizeof zh, "上一年项目数量加本年增/减为负数（%s）", a);
        snprintf(en, sizeof en, "previous items plus change is negative (%s)", a);
        doc_diag(doc, GK_SEV_WARNING, "V-T2v19-01", keys, "", a, cell_pos(d), zh, en);
    }
}

/* Value in the common scale `scale`, in yuan when a 万元 unit is written. */
static int money_at(const gk_value *v, int scale, int64_t *out)
{
    int64_t x = v->value;
    if (v->unit == GK_UNIT_WAN && __builtin_mul_overflow(x, 10000, &x))
        return 0;
    return num_rescale(x, v->scale, scale, out);
}

/* Formats two values held at scale 6 with the fewest decimals that keep both exact. */
static void format_pair(int64_t a, int64_t b, char *fa, char *fb, size_t size)
{
    int scale = 6;
    while (scale > 0 && a % 10 == 0 && b % 10 == 0) {
        a /= 10;
        b /= 10;
        scale--;
    }
    num_format(a, scale, fa, size);
    num_format(b, scale, fb, size);
}

static void rule_procurement_col(gk_doc *doc, int row, int col, const char *key)
{
    const gk_value *total = gk_doc_cell(doc, GK_T2, row, col);
    int parts = 0, ok = total->state == GK_CELL_NUMBER;
    int64_t sum = 0, want;
    for (int i = 0; ok && i < doc->nextras; i++) {
        const gk_extra_row *x = &doc->extras[i];
        if (strcmp(x->parent, "t2v19.procurement") != 0 || col >= x->nvalues)
            continue;
        int64_t v;
        ok &= x->values[col].state == GK_CELL_NUMBER && money_at(&x->values[col], 6, &v) &&
              num_add(sum, v, &sum);
        parts++;
    }
    if (!ok || parts < 2 || !money_at(total, 6, &want) || want == sum)
        return;
    char e[64], a[64], zh[300], en[300];
    format_pair(sum, want, e, a, sizeof e);
    snprintf(zh, sizeof zh, "政府集中采购分项之和（%s）与合计（%s）不符", e, a);
    snprintf(en, sizeof en, "procurement sub-rows sum to %s, the total row says %s", e, a);
    doc_diag(doc, GK_SEV_ERROR, "V-T2v19-02", key, e, a, cell_pos(total), zh, en);
}

static void rule_procurement(gk_doc *doc)
{
    const gk_table_def *t = doc->tables[GK_T2];
    int row = gk_schema_find_row(t, "t2v19.procurement");
    if (row < 0)
        return;
    for (int c = 0; c < gk_schema_ncols(t, row); c++) {
        char key[96];
        gk_schema_cell_key(t, row, c, key, sizeof key);
        rule_procurement_col(doc, row, c, key);
    }
}

void check_t2(gk_doc *doc)
{
    if (!doc->tables[GK_T2])
        return;
    rule_reg_issued(doc);
    rule_fee_unit(doc);
    rule_items_delta(doc);
    rule_procurement(doc);
}
