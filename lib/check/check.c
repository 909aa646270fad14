/*
 * check.c — runs every check on a document and orders the findings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_int.h"

void gk_check(gk_doc *doc)
{
    if (!doc || !doc->is_report)
        return;
    check_tables(doc);
    check_document(doc);
    check_prose(doc);
    gk_doc_sort_diags(doc);
}

static int diag_cmp(const void *pa, const void *pb)
{
    const gk_diag *a = pa, *b = pb;
    if (a->page != b->page && a->line && b->line)
        return a->page < b->page ? -1 : 1;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return strcmp(a->rule, b->rule);
}

void gk_doc_sort_diags(gk_doc *doc)
{
    if (doc->ndiags > 1)
        qsort(doc->diags, doc->ndiags, sizeof *doc->diags, diag_cmp);
}

const gk_text *cell_pos(const gk_value *v)
{
    return v && v->src.line ? &v->src : NULL;
}

/*
 * The rows of table t under any of the space-separated key prefixes, as a bit mask. Rule and
 * keyword prefixes are static strings, so the masks are remembered per thread by pointer.
 */
static uint64_t rows_under(const gk_table_def *t, const char *prefixes)
{
    static _Thread_local struct {
        const gk_table_def *t;
        const char *prefixes;
        uint64_t mask;
    } cache[64];
    static _Thread_local unsigned next;
    for (unsigned i = 0; i < 64; i++)
        if (cache[i].t == t && cache[i].prefixes == prefixes)
            return cache[i].mask;
    uint64_t mask = 0;
    for (const char *p = prefixes; *p;) {
        size_t n = strcspn(p, " ");
        for (int r = 0; r < t->nrows && r < 64; r++)
            if (strncmp(t->rows[r].key, p, n) == 0 &&
                (t->rows[r].key[n] == '\0' || t->rows[r].key[n] == '.'))
                mask |= (uint64_t)1 << r;
        p += n + (p[n] == ' ');
    }
    cache[next % 64].t = t;
    cache[next % 64].prefixes = prefixes;
    cache[next % 64].mask = mask;
    next++;
    return mask;
}

/* Index of column `col` in row r of t, or -1. */
static int col_index(const gk_table_def *t, int r, const char *col)
{
    for (int c = 0; c < gk_schema_ncols(t, r); c++)
        if (strcmp(gk_schema_col(t, r, c)->key, col) == 0)
            return c;
    return -1;
}

int keys_of_rows(const gk_doc *doc, gk_table_id id, const char *prefixes, int c, strbuf *keys)
{
    const gk_table_def *t = doc->tables[id];
    const char *col = t->blocks[0].cols[c].key;
    uint64_t mask = rows_under(t, prefixes);
    int first = -1;
    for (int r = 0; mask; r++, mask >>= 1) {
        if (!(mask & 1))
            continue;
        first = first < 0 ? r : first;
        if (keys->len)
            sb_put(keys, " ");
        sb_put(keys, t->rows[r].key);
        sb_put(keys, ".");
        sb_put(keys, col);
    }
    return first;
}

int sum_columns(const gk_doc *doc, gk_table_id id, const char *prefixes, int64_t *sums, int *ok)
{
    const gk_table_def *t = doc->tables[id];
    int ncols = t->blocks[0].ncols, rows = 0;
    for (int c = 0; c < ncols; c++) {
        sums[c] = 0;
        ok[c] = 1;
    }
    uint64_t mask = rows_under(t, prefixes);
    for (int r = 0; mask; r++, mask >>= 1) {
        if (!(mask & 1))
            continue;
        const gk_value *v = &doc->cells[id][r * ncols];
        for (int c = 0; c < ncols; c++)
            ok[c] &= v[c].state == GK_CELL_NUMBER && v[c].scale == 0 &&
                     !__builtin_add_overflow(sums[c], v[c].value, &sums[c]);
        rows++;
    }
    return rows;
}

int sum_rows(const gk_doc *doc, const char *prefixes, const char *col, int64_t *sum, strbuf *keys)
{
    int found = 0, ok = 1;
    *sum = 0;
    for (int ti = 0; ti < GK_TABLE_COUNT; ti++) {
        const gk_table_def *t = doc->tables[ti];
        uint64_t mask = t ? rows_under(t, prefixes) : 0;
        int c = -1, block = -1;
        for (int r = 0; mask; r++, mask >>= 1) {
            if (!(mask & 1))
                continue;
            if (t->rows[r].block != block) {
                block = t->rows[r].block;
                c = col_index(t, r, col);
            }
            if (c < 0)
                continue;
            const gk_value *v = gk_doc_cell(doc, (gk_table_id)ti, r, c);
            ok &= v->state == GK_CELL_NUMBER && v->scale == 0 &&
                  !__builtin_add_overflow(*sum, v->value, sum);
            found++;
            if (keys) {
                char key[128];
                gk_schema_cell_key(t, r, c, key, sizeof key);
                if (keys->len)
                    sb_put(keys, " ");
                sb_put(keys, key);
            }
        }
    }
    return ok && found > 0;
}
