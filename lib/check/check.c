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

static void keys_append(char *keys, size_t size, const char *key)
{
    size_t n = strlen(keys);
    if (n + strlen(key) + 2 > size)
        return;
    if (n)
        keys[n++] = ' ';
    strcpy(keys + n, key);
}

static int sum_table(const gk_doc *doc, const gk_table_def *t, int ti, const char *prefix,
                     const char *col, int64_t *sum, char *keys, size_t keys_size)
{
    int ok = 1;
    for (int r = 0; r < t->nrows; r++) {
        if (!gk_schema_key_has_prefix(t->rows[r].key, prefix))
            continue;
        for (int c = 0; c < gk_schema_ncols(t, r); c++) {
            if (strcmp(gk_schema_col(t, r, c)->key, col) != 0)
                continue;
            const gk_value *v = gk_doc_cell(doc, (gk_table_id)ti, r, c);
            ok &= v->state == GK_CELL_NUMBER && v->scale == 0 &&
                  !__builtin_add_overflow(*sum, v->value, sum);
            if (keys) {
                char key[128];
                gk_schema_cell_key(t, r, c, key, sizeof key);
                keys_append(keys, keys_size, key);
            }
        }
    }
    return ok;
}

int sum_rows(const gk_doc *doc, const char *prefixes, const char *col, int64_t *sum, char *keys,
             size_t keys_size)
{
    char buf[512];
    int ok = 1, any = 0;
    *sum = 0;
    snprintf(buf, sizeof buf, "%s", prefixes);
    for (char *save = NULL, *p = strtok_r(buf, " ", &save); p; p = strtok_r(NULL, " ", &save)) {
        for (int ti = 0; ti < GK_TABLE_COUNT; ti++) {
            const gk_table_def *t = doc->tables[ti];
            if (!t || strncmp(p, t->key, 2) != 0)
                continue;
            any = 1;
            ok &= sum_table(doc, t, ti, p, col, sum, keys, keys_size);
        }
    }
    return ok && any;
}
