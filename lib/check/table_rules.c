/*
 * table_rules.c — the rules on table cells: the schema's arithmetic rules (V-T3-01/02/03,
 * V-T4-01) expanded over rows and columns, value types (V-T2-01, V-T3-04, V-T4-02), blank
 * cells (V-T3-09, GK-BLANK) and the T2 plausibility rules (V-T2-03/04, V-T2v19-01/02).
 */
#include <stdio.h>
#include <string.h>

#include "../core/num.h"
#include "../core/strbuf.h"
#include "check_int.h"

static const char *type_rule(gk_table_id id)
{
    static const char *const ids[] = {"V-T2-01", "V-T3-04", "V-T4-02"};
    return ids[id];
}

static void check_cell(gk_doc *doc, gk_table_id id, int row, int c)
{
    const gk_table_def *t = doc->tables[id];
    const gk_col_def *col = gk_schema_col(t, row, c);
    const gk_value *v = gk_doc_cell(doc, id, row, c);
    if (v->state == GK_CELL_NUMBER && v->scale == 0 && v->unit == GK_UNIT_NONE && v->value >= 0)
        return; /* the common case: a plain count */
    char zh[300], en[300], lit[64], key[128];
    gk_schema_cell_key(t, row, c, key, sizeof key);
    if (v->state == GK_CELL_BLANK) {
        snprintf(zh, sizeof zh, "%s 为空单元格，未按 0 计算", key);
        snprintf(en, sizeof en, "%s is blank (not taken as 0)", key);
        doc_diag(doc, GK_SEV_WARNING, id == GK_T3 ? "V-T3-09" : "GK-BLANK", key, "", "",
                 cell_pos(v), zh, en);
        return;
    }
    int bad = v->state == GK_CELL_INVALID;
    if (v->state == GK_CELL_NUMBER && col->kind == GK_KIND_COUNT)
        bad = v->value < 0 || v->scale != 0 || v->unit != GK_UNIT_NONE;
    if (v->state == GK_CELL_NUMBER && col->kind == GK_KIND_MONEY)
        bad = v->value < 0;
    if (v->state == GK_CELL_NUMBER && col->kind == GK_KIND_SIGNED)
        bad = v->scale != 0;
    if (!bad)
        return;
    snprintf(lit, sizeof lit, "%.*s", (int)(v->src.raw_len > 60 ? 60 : v->src.raw_len), v->src.raw);
    const char *want_zh = col->kind == GK_KIND_COUNT ? "非负整数" : "数值";
    snprintf(zh, sizeof zh, "%s 应为%s，实为“%s”", key, want_zh, lit);
    snprintf(en, sizeof en, "%s must be a %s, found \"%s\"", key,
             col->kind == GK_KIND_COUNT ? "non-negative integer" : "number", lit);
    doc_diag(doc, GK_SEV_ERROR, type_rule(id), key, "", lit, cell_pos(v), zh, en);
}

static void check_cells(gk_doc *doc, gk_table_id id)
{
    const gk_table_def *t = doc->tables[id];
    for (int r = 0; r < t->nrows; r++)
        for (int c = 0; c < gk_schema_ncols(t, r); c++)
            check_cell(doc, id, r, c);
}

static void report_sum(gk_doc *doc, const gk_rule_def *rule, const char *where_zh,
                       const char *where_en, int64_t lhs, int64_t rhs, const char *keys,
                       const gk_value *at)
{
    char zh[400], en[400], e[32], a[32];
    strbuf s;
    sb_init(&s, e, sizeof e);
    sb_i64(&s, rhs);
    sb_init(&s, a, sizeof a);
    sb_i64(&s, lhs);
    sb_init(&s, zh, sizeof zh); /* "<what>（<where>：lhs ≠ rhs）" */
    sb_put(&s, rule->what_zh);
    sb_put(&s, "（");
    sb_put(&s, where_zh);
    sb_put(&s, "：");
    sb_put(&s, a);
    sb_put(&s, " ≠ ");
    sb_put(&s, e);
    sb_put(&s, "）");
    sb_init(&s, en, sizeof en); /* "<what> (<where>: lhs != rhs)" */
    sb_put(&s, rule->what_en);
    sb_put(&s, " (");
    sb_put(&s, where_en);
    sb_put(&s, ": ");
    sb_put(&s, a);
    sb_put(&s, " != ");
    sb_put(&s, e);
    sb_put(&s, ")");
    doc_diag(doc, GK_SEV_ERROR, rule->id, keys, e, a, cell_pos(at), zh, en);
}

/* The cell keys of a row, the total column's first: "t3.new.total t3.new.np …". */
static void row_keys(const gk_table_def *t, int r, int tc, char *keys, size_t size)
{
    strbuf s;
    sb_init(&s, keys, size);
    for (int k = -1; k < gk_schema_ncols(t, r); k++) {
        int c = k < 0 ? tc : k; /* the total column first */
        if (k == tc)
            continue;
        if (s.len)
            sb_put(&s, " ");
        sb_put(&s, t->rows[r].key);
        sb_put(&s, ".");
        sb_put(&s, gk_schema_col(t, r, c)->key);
    }
}

/* GK_RULE_ROW_TOTAL: in every row, the total column equals the sum of the others. */
static void rule_row_total(gk_doc *doc, gk_table_id id, const gk_rule_def *rule)
{
    const gk_table_def *t = doc->tables[id];
    for (int r = 0; r < t->nrows; r++) {
        int n = gk_schema_ncols(t, r), tc = -1, ok = 1;
        int64_t sum = 0;
        for (int c = 0; c < n; c++)
            if (gk_schema_col(t, r, c)->is_total)
                tc = c;
        if (tc < 0)
            continue;
        const gk_value *row = gk_doc_cell(doc, id, r, 0); /* a row's cells are contiguous */
        for (int c = 0; c < n; c++) {
            ok &= row[c].state == GK_CELL_NUMBER && row[c].scale == 0;
            if (c != tc)
                ok &= !__builtin_add_overflow(sum, row[c].value, &sum);
        }
        const gk_value *total = &row[tc];
        if (!ok || total->value == sum)
            continue;
        char keys[1024];
        row_keys(t, r, tc, keys, sizeof keys);
        report_sum(doc, rule, t->rows[r].key, t->rows[r].key, total->value, sum, keys, total);
    }
}

/* GK_RULE_COL_BALANCE: in every column, sum(lhs rows) == sum(rhs rows). */
static void rule_col_balance(gk_doc *doc, gk_table_id id, const gk_rule_def *rule)
{
    const gk_table_def *t = doc->tables[id];
    const gk_block_def *blk = &t->blocks[0];
    int64_t lhs[16], rhs[16];
    int lok[16], rok[16];
    if (blk->ncols > 16 || !sum_columns(doc, id, rule->lhs, lhs, lok) ||
        !sum_columns(doc, id, rule->rhs, rhs, rok))
        return;
    for (int c = 0; c < blk->ncols; c++) {
        if (!lok[c] || !rok[c] || lhs[c] == rhs[c])
            continue;
        const char *col = blk->cols[c].key;
        char keys[2048];
        strbuf kb;
        sb_init(&kb, keys, sizeof keys);
        int first = keys_of_rows(doc, id, rule->lhs, c, &kb); /* points at e.g. t3.new.np */
        keys_of_rows(doc, id, rule->rhs, c, &kb);
        report_sum(doc, rule, blk->cols[c].labels[0], col, lhs[c], rhs[c], keys,
                   first >= 0 ? gk_doc_cell(doc, id, first, c) : NULL);
    }
}

void check_tables(gk_doc *doc)
{
    for (int i = 0; i < GK_TABLE_COUNT; i++) {
        const gk_table_def *t = doc->tables[i];
        if (!t)
            continue;
        check_cells(doc, (gk_table_id)i);
        for (int k = 0; k < t->nrules; k++) {
            if (t->rules[k].kind == GK_RULE_ROW_TOTAL)
                rule_row_total(doc, (gk_table_id)i, &t->rules[k]);
            else
                rule_col_balance(doc, (gk_table_id)i, &t->rules[k]);
        }
    }
    check_t2(doc);
}
