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

static void keys_append(char *keys, size_t size, const char *key)
{
    size_t n = strlen(keys);
    if (n + strlen(key) + 2 > size)
        return;
    if (n)
        keys[n++] = ' ';
    strcpy(keys + n, key);
}

/* Adds column `col` of the rows under `prefix` to *sum; returns the cells found, or -1 if one
 * of them is not a whole number (or the sum overflows). */
static int sum_table(const gk_doc *doc, gk_table_id ti, const char *prefix, const char *col,
                     int64_t *sum, char *keys, size_t keys_size)
{
    const gk_table_def *t = doc->tables[ti];
    int found = 0, ok = 1;
    for (int r = 0; t && r < t->nrows; r++) {
        if (!gk_schema_key_has_prefix(t->rows[r].key, prefix))
            continue;
        for (int c = 0; c < gk_schema_ncols(t, r); c++) {
            if (strcmp(gk_schema_col(t, r, c)->key, col) != 0)
                continue;
            const gk_value *v = gk_doc_cell(doc, ti, r, c);
            ok &= v->state == GK_CELL_NUMBER && v->scale == 0 &&
                  !__builtin_add_overflow(*sum, v->value, sum);
            found++;
            if (keys) {
                char key[128];
                gk_schema_cell_key(t, r, c, key, sizeof key);
                keys_append(keys, keys_size, key);
            }
        }
    }
    return ok ? found : -1;
}

int sum_rows(const gk_doc *doc, const char *prefixes, const char *col, int64_t *sum, char *keys,
             size_t keys_size)
{
    int found = 0, ok = 1;
    *sum = 0;
    for (const char *p = prefixes; *p;) {
        size_t n = strcspn(p, " ");
        char prefix[128];
        snprintf(prefix, sizeof prefix, "%.*s", (int)n, p);
        for (int ti = 0; ti < GK_TABLE_COUNT; ti++) {
            int k = sum_table(doc, (gk_table_id)ti, prefix, col, sum, keys, keys_size);
            ok &= k >= 0;
            found += k > 0 ? k : 0;
        }
        p += n + (p[n] == ' ');
    }
    return ok && found > 0;
}
