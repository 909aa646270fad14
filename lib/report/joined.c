/*
 * joined.c — reading rows whose numbers were copied without separators (see joined.h).
 */
#include "joined.h"

#include <stdio.h>
#include <string.h>

#include "../core/strbuf.h"

int joined_has_totals(const gk_table_def *t)
{
    for (int i = 0; i < t->nrules; i++)
        if (t->rules[i].kind == GK_RULE_ROW_TOTAL)
            return 1;
    return 0;
}

/* The cells the digits would fill: one row, or every row of a one-run table (row < 0). */
static int cells_of(const gk_table_def *t, int row, int *first, unsigned char *is_total)
{
    int from = row < 0 ? 0 : row, to = row < 0 ? t->nrows : row + 1, n = 0;
    int totals = joined_has_totals(t);
    *first = gk_schema_cell_index(t, from, 0);
    for (int r = from; r < to; r++)
        for (int c = 0; c < gk_schema_ncols(t, r); c++, n++)
            if (n < SPLIT_MAX_COLS)
                is_total[n] = (unsigned char)(totals && gk_schema_col(t, r, c)->is_total);
    return n;
}

static void put_solution(gk_doc *doc, gk_table_id id, const joined_row *jr, const split_sol *s)
{
    for (int c = 0; c < jr->ncols; c++) {
        gk_text cell = jr->src;
        cell.norm = cell.raw = jr->src.norm + s->start[c];
        cell.norm_len = cell.raw_len = (uint32_t)(s->start[c + 1] - s->start[c]);
        table_put_value(doc, &doc->cells[id][jr->first + c], &cell);
    }
}

/* "217、1、0" — the cells of a solution, for messages. */
static void list_solution(strbuf *sb, const joined_row *jr, const split_sol *s, const char *sep)
{
    for (int c = 0; c < jr->ncols; c++) {
        if (c)
            sb_put(sb, sep);
        sb_putn(sb, jr->src.norm + s->start[c], (size_t)(s->start[c + 1] - s->start[c]));
    }
}

static void note_split(gk_doc *doc, const joined_row *jr, const split_sol *s)
{
    char zh[512], en[512];
    strbuf sb;
    sb_init(&sb, zh, sizeof zh);
    sb_put(&sb, jr->key);
    sb_put(&sb, jr->checked ? " 的数字连写在一起，已按合计关系拆分为 "
                            : " 的数字连写在一起，只有一种拆法：");
    list_solution(&sb, jr, s, "、");
    sb_init(&sb, en, sizeof en);
    sb_put(&sb, jr->key);
    sb_put(&sb, jr->checked ? ": the numbers were run together; split by the row totals into "
                            : ": the numbers were run together; the only possible split is ");
    list_solution(&sb, jr, s, ", ");
    doc_diag(doc, GK_SEV_NOTE, "GK-SPLIT", jr->key, "", "", &jr->src, zh, en);
}

static void report_unsplit(gk_doc *doc, const joined_row *jr)
{
    char zh[900], en[900];
    strbuf sb;
    const char *digits = jr->src.norm;
    int ndigits = (int)(jr->src.norm_len > 80 ? 80 : jr->src.norm_len);
    if (jr->nsol <= 0) {
        const char *why_zh = jr->unbalanced ? "每种拆分都与表内列关系不符"
                             : jr->nsol == SPLIT_UNDECIDED ? "数字过长，无法判定拆分"
                                                           : "无法按合计关系拆分";
        const char *why_en = jr->unbalanced ? "no split agrees with the column rules"
                             : jr->nsol == SPLIT_UNDECIDED
                                 ? "too many digits to decide how they split"
                                 : "no split satisfies the row totals";
        snprintf(zh, sizeof zh, "%s 的数字连写“%.*s”%s（应为 %d 个单元格），未读取", jr->key,
                 ndigits, digits, why_zh, jr->ncols);
        snprintf(en, sizeof en, "%s: run-together digits \"%.*s\": %s (%d cells); not read",
                 jr->key, ndigits, digits, why_en, jr->ncols);
        doc_diag(doc, GK_SEV_WARNING, "GK-SPLIT", jr->key, "", "", &jr->src, zh, en);
        return;
    }
    int shown = jr->nsol > 3 ? 3 : jr->nsol;
    sb_init(&sb, zh, sizeof zh);
    sb_put(&sb, jr->key);
    sb_put(&sb, " 的数字连写在一起，有多种拆分都符合表内关系（如 ");
    for (int i = 0; i < shown; i++) {
        sb_put(&sb, i ? "；" : "");
        list_solution(&sb, jr, &jr->sol[i], "、");
    }
    sb_put(&sb, "），未读取，请核对原文");
    sb_init(&sb, en, sizeof en);
    sb_put(&sb, jr->key);
    sb_put(&sb, ": the numbers were run together and several splits satisfy every rule (e.g. ");
    for (int i = 0; i < shown; i++) {
        sb_put(&sb, i ? "; " : "");
        list_solution(&sb, jr, &jr->sol[i], ", ");
    }
    sb_put(&sb, "); not read, check the source");
    doc_diag(doc, GK_SEV_WARNING, "GK-SPLIT-AMBIGUOUS", jr->key, "", "", &jr->src, zh, en);
}

int joined_take(gk_doc *doc, gk_table_id id, int row, const gk_text *src, size_t ndigits, joined *j)
{
    const gk_table_def *t = doc->tables[id];
    unsigned char is_total[SPLIT_MAX_COLS];
    joined_row jr = {0};
    jr.ncols = cells_of(t, row, &jr.first, is_total);
    if (ndigits < (size_t)jr.ncols || jr.ncols > SPLIT_MAX_COLS || j->n >= JOINED_MAX_ROWS)
        return 0;
    jr.key = row < 0 ? t->key : t->rows[row].key;
    jr.src = *src;
    jr.src.norm += src->norm_len - ndigits;
    jr.src.norm_len = (uint32_t)ndigits;
    jr.nsol = split_digits(jr.src.norm, ndigits, is_total, jr.ncols, jr.sol, SPLIT_MAX_SOL);
    jr.checked = joined_has_totals(t);
    if (jr.nsol == 1) {
        put_solution(doc, id, &jr, &jr.sol[0]);
        note_split(doc, &jr, &jr.sol[0]);
        return 1;
    }
    j->rows[j->n++] = jr; /* none or several: decided once the table is read */
    return 1;
}

/* 1 if key starts with one of the space-separated prefixes. */
static int under(const char *key, const char *prefixes)
{
    char one[96];
    for (const char *p = prefixes; *p;) {
        size_t n = strcspn(p, " ");
        if (n < sizeof one) {
            memcpy(one, p, n);
            one[n] = '\0';
            if (gk_schema_key_has_prefix(key, one))
                return 1;
        }
        p += n + strspn(p + n, " ");
    }
    return 0;
}

/* 0 if a column rule of the table fails on cells that are all numbers. */
static int columns_balance(const gk_doc *doc, gk_table_id id)
{
    const gk_table_def *t = doc->tables[id];
    for (int i = 0; i < t->nrules; i++) {
        const gk_rule_def *rule = &t->rules[i];
        if (rule->kind != GK_RULE_COL_BALANCE)
            continue;
        for (int c = 0; c < gk_schema_ncols(t, 0); c++) {
            int64_t side[2] = {0, 0};
            int complete = 1;
            for (int r = 0; r < t->nrows && complete; r++) {
                int s = under(t->rows[r].key, rule->lhs)   ? 0
                        : under(t->rows[r].key, rule->rhs) ? 1
                                                           : -1;
                const gk_value *v = &doc->cells[id][gk_schema_cell_index(t, r, c)];
                if (s < 0)
                    continue;
                complete = v->state == GK_CELL_NUMBER && v->scale == 0 &&
                           !__builtin_add_overflow(side[s], v->value, &side[s]);
            }
            if (complete && side[0] != side[1])
                return 0;
        }
    }
    return 1;
}

static void clear_cells(gk_doc *doc, gk_table_id id, const joined_row *jr)
{
    for (int c = 0; c < jr->ncols; c++)
        doc->cells[id][jr->first + c] = (gk_value){0};
}

/* Keeps the solutions of jr under which the columns balance; returns how many. */
static int narrow(gk_doc *doc, gk_table_id id, joined_row *jr)
{
    int kept = 0;
    for (int s = 0; s < jr->nsol && s < SPLIT_MAX_SOL; s++) {
        put_solution(doc, id, jr, &jr->sol[s]);
        if (columns_balance(doc, id))
            jr->sol[kept++] = jr->sol[s];
    }
    clear_cells(doc, id, jr);
    return kept;
}

#define MAX_COMBINATIONS 4096
#define SETTLED          (-2) /* nsol of a row whose split was taken */

/*
 * Rows still open after settling them one at a time (two ambiguous rows in one column rule):
 * tries every combination of their splits; if exactly one balances, takes it.
 */
static void settle_together(gk_doc *doc, gk_table_id id, joined *j)
{
    int open[JOINED_MAX_ROWS], nopen = 0, total = 1, match = -1, matches = 0;
    for (int i = 0; i < j->n; i++)
        if (j->rows[i].nsol >= 2 && j->rows[i].nsol <= SPLIT_MAX_SOL) {
            open[nopen++] = i;
            total *= j->rows[i].nsol;
            if (total > MAX_COMBINATIONS)
                return;
        }
    if (nopen < 2)
        return;
    for (int combo = 0; combo < total && matches < 2; combo++) {
        for (int k = 0, rest = combo; k < nopen; k++) {
            joined_row *jr = &j->rows[open[k]];
            put_solution(doc, id, jr, &jr->sol[rest % jr->nsol]);
            rest /= jr->nsol;
        }
        if (columns_balance(doc, id)) {
            match = combo;
            matches++;
        }
    }
    for (int k = 0, rest = match; k < nopen; k++) {
        joined_row *jr = &j->rows[open[k]];
        clear_cells(doc, id, jr);
        if (matches != 1)
            continue;
        jr->sol[0] = jr->sol[rest % jr->nsol];
        rest /= jr->nsol;
        put_solution(doc, id, jr, &jr->sol[0]);
        note_split(doc, jr, &jr->sol[0]);
        jr->nsol = SETTLED;
    }
}

void joined_resolve(gk_doc *doc, gk_table_id id, joined *j)
{
    for (int progress = 1; progress;) {
        progress = 0;
        for (int i = 0; i < j->n; i++) {
            joined_row *jr = &j->rows[i];
            if (jr->nsol < 2 || jr->nsol > SPLIT_MAX_SOL)
                continue;
            int kept = narrow(doc, id, jr);
            if (kept == 1) {
                put_solution(doc, id, jr, &jr->sol[0]);
                note_split(doc, jr, &jr->sol[0]);
                progress = 1;
            }
            jr->unbalanced = kept == 0;
            jr->nsol = kept == 1 ? SETTLED : kept; /* none kept: reported as unbalanced */
        }
    }
    settle_together(doc, id, j);
    for (int i = 0; i < j->n; i++)
        if (j->rows[i].nsol != SETTLED)
            report_unsplit(doc, &j->rows[i]);
}
