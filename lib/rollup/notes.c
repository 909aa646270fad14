/*
 * notes.c — what a rollup says about each report it could not take whole: the 2019 T3 row
 * （六）其他处理 put into t3.other.other (GK-ROLLUP-OTHER), 2019 T2 cells counted under a 2021
 * cell that means something close (GK-ROLLUP-APPROX) or not counted at all (GK-ROLLUP-DROPPED),
 * and cells that are not numbers (GK-ROLLUP-INVALID).
 */
#include <stdio.h>
#include <string.h>

#include "rollup_int.h"

/* The key of the cell at flat index idx of table t. */
static void key_at(const gk_table_def *t, int idx, char *buf, size_t size)
{
    for (int r = 0, i = 0; r < t->nrows; r++)
        for (int c = 0; c < gk_schema_ncols(t, r); c++, i++)
            if (i == idx) {
                gk_schema_cell_key(t, r, c, buf, size);
                return;
            }
    buf[0] = '\0';
}

static const gk_col_def *col_at(const gk_table_def *t, int idx)
{
    for (int r = 0, i = 0; r < t->nrows; r++)
        for (int c = 0; c < gk_schema_ncols(t, r); c++, i++)
            if (i == idx)
                return gk_schema_col(t, r, c);
    return NULL;
}

static void add_key(strbuf *keys, const char *key)
{
    if (keys->len)
        sb_put(keys, " ");
    sb_put(keys, key);
}

static void note_other(gk_doc *out, const gk_doc *in)
{
    char zh[1024], en[1024];
    snprintf(zh, sizeof zh,
             "“%s”的表三为 2019 年格式，“（六）其他处理”只有一行，没有 2021 年格式的三项细分，"
             "已全部计入“3.其他”（t3.other.other）",
             gk_doc_name(in));
    snprintf(en, sizeof en,
             "%s: T3 is in the 2019 format, whose single row (六) 其他处理 has no 2021 split; "
             "it was added to t3.other.other",
             gk_doc_name(in));
    doc_diag(out, GK_SEV_NOTE, "GK-ROLLUP-OTHER",
             "t3.other.other.np t3.other.other.biz t3.other.other.research t3.other.other.ngo "
             "t3.other.other.legal t3.other.other.other_org t3.other.other.total",
             "", "", NULL, zh, en);
}

/* GK-ROLLUP-APPROX: the 2021 cells that took an approximate 2019 value from this report. */
static void note_approx(gk_doc *out, const gk_doc *in, const rollup_map *m)
{
    char keys[1024], pairs[1024], zh[2048], en[2048], k[128];
    strbuf kb, pb;
    sb_init(&kb, keys, sizeof keys);
    sb_init(&pb, pairs, sizeof pairs);
    int n = 0;
    for (int r = 0, i = 0; r < m->to->nrows; r++)
        for (int c = 0; c < gk_schema_ncols(m->to, r); c++, i++) {
            rollup_src s = m->src[i];
            if (!s.approx || s.idx < 0 || in->cells[GK_T2][s.idx].state != GK_CELL_NUMBER)
                continue;
            gk_schema_cell_key(m->to, r, c, k, sizeof k);
            add_key(&kb, k);
            key_at(m->from, s.idx, k, sizeof k);
            sb_put(&pb, n++ ? ", " : "");
            sb_put(&pb, k);
            sb_put(&pb, " → ");
            gk_schema_cell_key(m->to, r, c, k, sizeof k);
            sb_put(&pb, k);
        }
    if (n == 0)
        return;
    snprintf(zh, sizeof zh,
             "“%s”的表二为 2019 年格式，%d 个单元格按近似含义计入（本年新制作数量计为本年制发件数，"
             "对外公开总数量计为现行有效件数）：%s",
             gk_doc_name(in), n, pairs);
    snprintf(en, sizeof en,
             "%s: T2 is in the 2019 format; %d cells were counted under a 2021 cell of close but "
             "not equal meaning: %s",
             gk_doc_name(in), n, pairs);
    doc_diag(out, GK_SEV_NOTE, "GK-ROLLUP-APPROX", keys, "", "", NULL, zh, en);
}

/* GK-ROLLUP-DROPPED: the 2019 T2 cells with a number that have no 2021 counterpart. */
static void note_dropped(gk_doc *out, const gk_doc *in, const rollup_map *m)
{
    char keys[ROLLUP_KEYS_MAX], zh[ROLLUP_KEYS_MAX + 1024], en[ROLLUP_KEYS_MAX + 1024], k[128];
    strbuf kb;
    sb_init(&kb, keys, sizeof keys);
    int n = 0, nonzero = 0, extras = gk_doc_extra_count(in);
    for (int j = 0; j < gk_schema_cell_count(m->from); j++) {
        const gk_value *v = &in->cells[GK_T2][j];
        if (m->used[j] || v->state != GK_CELL_NUMBER)
            continue;
        key_at(m->from, j, k, sizeof k);
        add_key(&kb, k);
        n++;
        nonzero += v->value != 0;
    }
    snprintf(
        zh, sizeof zh,
        "“%s”的表二为 2019 年格式，2021 年格式没有对应项的 %d 个有数值的单元格未计入"
        "（本年新公开数量、上一年项目数量、本年增/减、其他对外管理服务事项、政府集中采购）%s%s；"
        "另有 %d 个分项行未计入；2019 年格式没有本年收费金额，"
        "t2.admin_fee.amount_wan 不含该报告",
        gk_doc_name(in), n, n ? "：" : "", keys, extras);
    snprintf(en, sizeof en,
             "%s: T2 is in the 2019 format; %d cells with a number have no 2021 counterpart and "
             "were not counted%s%s; %d sub-rows were not counted either; the 2019 format has no "
             "fee amount, so t2.admin_fee.amount_wan leaves this report out",
             gk_doc_name(in), n, n ? ": " : "", keys, extras);
    doc_diag(out, nonzero || extras ? GK_SEV_WARNING : GK_SEV_NOTE, "GK-ROLLUP-DROPPED", keys, "",
             "", NULL, zh, en);
}

void rollup_notes_old(gk_doc *out, const gk_doc *in, gk_table_id id, const rollup_map *m)
{
    if (m->from->format != GK_FORMAT_2019 || id == GK_T4)
        return;
    if (id == GK_T3) {
        note_other(out, in);
        return;
    }
    note_approx(out, in, m);
    note_dropped(out, in, m);
}

void rollup_notes_invalid(gk_doc *out, const gk_doc *in, gk_table_id id, const rollup_map *m)
{
    char keys[ROLLUP_KEYS_MAX], zh[ROLLUP_KEYS_MAX + 1024], en[ROLLUP_KEYS_MAX + 1024], k[128];
    strbuf kb;
    sb_init(&kb, keys, sizeof keys);
    int n = 0;
    for (int j = 0; j < gk_schema_cell_count(m->from); j++) {
        const gk_value *v = &in->cells[id][j];
        int64_t x;
        int s;
        if (!m->used[j] || v->state == GK_CELL_MISSING || v->state == GK_CELL_BLANK)
            continue;
        if (v->state == GK_CELL_NUMBER && rollup_value_of(v, col_at(m->from, j)->kind, &x, &s))
            continue;
        key_at(m->from, j, k, sizeof k);
        add_key(&kb, k);
        n++;
    }
    if (n == 0)
        return;
    snprintf(zh, sizeof zh, "“%s”中 %d 个单元格不是可计入的数值，未计入：%s", gk_doc_name(in), n,
             keys);
    snprintf(en, sizeof en, "%s: %d cells are not numbers that can be added, so were not: %s",
             gk_doc_name(in), n, keys);
    doc_diag(out, GK_SEV_WARNING, "GK-ROLLUP-INVALID", keys, "", "", NULL, zh, en);
}
