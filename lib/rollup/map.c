/*
 * map.c — where each cell of the 2021 tables comes from in a table of either format (spec
 * §c.4). A 2021 table maps onto itself. In the 2019 format T4 and the T3 rows 0–19, 21, 22 keep
 * their keys; the single T3 row （六）其他处理 (t3.other) goes into t3.other.other and covers
 * the other two （六） rows with 0, because 2019 = the sum of the three 2021 rows. The 2019 T2
 * rows with a 2021 counterpart are listed below; every other 2019 T2 cell has none.
 */
#include <string.h>

#include "rollup_int.h"

static const struct {
    const char *to, *from;
    int approx;
} t2_from_2019[] = {
    {"t2.reg.issued", "t2v19.reg.made_new", 1},       /* 制作 ≠ 制发 */
    {"t2.reg.in_force", "t2v19.reg.public_total", 1}, /* 对外公开总数 ≠ 现行有效 */
    {"t2.nd.issued", "t2v19.nd.made_new", 1},
    {"t2.nd.in_force", "t2v19.nd.public_total", 1},
    {"t2.license.decisions", "t2v19.license.decisions", 0},
    {"t2.penalty.decisions", "t2v19.penalty.decisions", 0},
    {"t2.coercion.decisions", "t2v19.coercion.decisions", 0},
};

#define OTHER_ROW  "t3.other"
#define OTHER_REST "t3.other.other"

/* The key of the source cell of 2021 cell `key` (row `row_key`, column `col_key`) in a 2019
 * table, written into buf; NULL if there is none. */
static const char *source_2019(gk_table_id id, const char *key, const char *row_key,
                               const char *col_key, char *buf, size_t size, rollup_src *s)
{
    if (id == GK_T2) {
        for (size_t i = 0; i < sizeof t2_from_2019 / sizeof t2_from_2019[0]; i++)
            if (strcmp(t2_from_2019[i].to, key) == 0) {
                s->approx = (unsigned char)t2_from_2019[i].approx;
                return t2_from_2019[i].from;
            }
        return NULL;
    }
    if (id == GK_T3 && gk_schema_key_has_prefix(row_key, OTHER_ROW) &&
        strcmp(row_key, OTHER_ROW) != 0) {
        s->zero = strcmp(row_key, OTHER_REST) != 0;
        strbuf sb;
        sb_init(&sb, buf, size);
        sb_put(&sb, OTHER_ROW ".");
        sb_put(&sb, col_key);
        return buf;
    }
    return key;
}

static void map_cell(gk_table_id id, rollup_map *m, int r, int c, int i)
{
    char key[128], buf[128];
    rollup_src s = {-1, 0, 0, gk_schema_col(m->to, r, c)->kind};
    const gk_table_def *to = m->to;
    gk_schema_cell_key(to, r, c, key, sizeof key);
    const char *from_key = key;
    if (m->from->format == GK_FORMAT_2019 && id != GK_T4) /* T4 is the same (spec §c.3) */
        from_key = source_2019(id, key, to->rows[r].key, gk_schema_col(to, r, c)->key, buf,
                               sizeof buf, &s);
    int fr, fc;
    if (from_key && gk_schema_find_cell(m->from, from_key, &fr, &fc) == 0) {
        s.idx = gk_schema_cell_index(m->from, fr, fc);
        m->used[s.idx] = 1;
    } else {
        s = (rollup_src){-1, 0, 0, s.kind};
    }
    m->src[i] = s;
}

void rollup_map_build(arena *a, gk_table_id id, gk_format format, rollup_map *m)
{
    m->to = gk_schema_table(id, GK_FORMAT_2021);
    m->from = gk_schema_table(id, format);
    if (!m->from)
        m->from = m->to;
    int n = gk_schema_cell_count(m->to);
    m->src = arena_alloc(a, (size_t)n * sizeof *m->src);
    m->used = arena_alloc(a, (size_t)gk_schema_cell_count(m->from));
    for (int r = 0, i = 0; r < m->to->nrows; r++)
        for (int c = 0; c < gk_schema_ncols(m->to, r); c++, i++)
            map_cell(id, m, r, c, i);
}
