/*
 * schema.c — lookups over the template data in templates.c.
 */
#include "schema_int.h"

#include <stdio.h>
#include <string.h>

const gk_table_def *gk_schema_table(gk_table_id table, gk_format format)
{
    for (int i = 0; i < gk_ntables; i++)
        if (gk_tables[i].id == table && gk_tables[i].format == format)
            return &gk_tables[i];
    return NULL;
}

const gk_section_def *gk_schema_section(gk_section_id id)
{
    return (unsigned)id < GK_SECTION_COUNT ? &gk_sections[id] : NULL;
}

int gk_schema_ncols(const gk_table_def *t, int row)
{
    return t->blocks[t->rows[row].block].ncols;
}

const gk_col_def *gk_schema_col(const gk_table_def *t, int row, int col)
{
    return &t->blocks[t->rows[row].block].cols[col];
}

int gk_schema_cell_index(const gk_table_def *t, int row, int col)
{
    if (t->nblocks == 1)
        return row * t->blocks[0].ncols + col;
    int idx = 0;
    for (int r = 0; r < row; r++)
        idx += gk_schema_ncols(t, r);
    return idx + col;
}

int gk_schema_cell_count(const gk_table_def *t)
{
    return gk_schema_cell_index(t, t->nrows, 0);
}

void gk_schema_cell_key(const gk_table_def *t, int row, int col, char *buf, size_t size)
{
    const char *rk = t->rows[row].key, *ck = gk_schema_col(t, row, col)->key;
    size_t rn = strlen(rk), cn = strlen(ck);
    if (size == 0)
        return;
    if (rn + 1 + cn >= size) { /* does not fit: truncate like snprintf */
        snprintf(buf, size, "%s.%s", rk, ck);
        return;
    }
    memcpy(buf, rk, rn);
    buf[rn] = '.';
    memcpy(buf + rn + 1, ck, cn + 1);
}

int gk_schema_find_row(const gk_table_def *t, const char *key)
{
    for (int r = 0; r < t->nrows; r++)
        if (strcmp(t->rows[r].key, key) == 0)
            return r;
    return -1;
}

int gk_schema_find_cell(const gk_table_def *t, const char *key, int *row, int *col)
{
    const char *dot = strrchr(key, '.');
    if (!dot)
        return -1;
    for (int r = 0; r < t->nrows; r++) {
        size_t n = strlen(t->rows[r].key);
        if (n != (size_t)(dot - key) || memcmp(t->rows[r].key, key, n) != 0)
            continue;
        for (int c = 0; c < gk_schema_ncols(t, r); c++) {
            if (strcmp(gk_schema_col(t, r, c)->key, dot + 1) == 0) {
                *row = r;
                *col = c;
                return 0;
            }
        }
    }
    return -1;
}

int gk_schema_key_has_prefix(const char *key, const char *prefix)
{
    size_t n = strlen(prefix);
    return strncmp(key, prefix, n) == 0 && (key[n] == '\0' || key[n] == '.');
}
