/*
 * chart.c — the outcome chart of one report: T3's 办理结果 in the 总计 column, one bar per
 * group (sub-rows summed), each labelled with its count and its share of （七）总计.
 */
#include <gongkai/indicators.h>
#include <string.h>

#include "svg.h"

__extension__ typedef __int128 wide; /* count × width without overflow */

#define TOP      76 /* first bar row */
#define ROW_H    40 /* one group */
#define BAR_H    24
#define LABEL_X  150 /* right edge of the group names */
#define BAR_X    160
#define BAR_MAXW 440
#define NGROUPS  6

typedef struct outcome {
    const char *prefix; /* row key prefix of the group */
    const char *zh, *en, *colour;
} outcome;

static const outcome groups[NGROUPS] = {
    {"t3.grant", "予以公开", "Disclosed", "#2e7d32"},
    {"t3.partial", "部分公开", "Partly disclosed", "#7cb342"},
    {"t3.refuse", "不予公开", "Refused", "#c62828"},
    {"t3.unable", "无法提供", "Unable to provide", "#ef6c00"},
    {"t3.ignore", "不予处理", "Not processed", "#6d4c41"},
    {"t3.other", "其他处理", "Other", "#78909c"},
};

/* The whole-number value of a cell, if it has one. */
static int count_of(const gk_value *v, int64_t *n)
{
    if (!v || v->state != GK_CELL_NUMBER || v->scale != 0)
        return 0;
    *n = v->value;
    return 1;
}

/* Sums the 总计 column over the rows of a group; 0 if none of them holds a whole number. */
static int group_sum(const gk_doc *doc, const gk_table_def *t, const char *prefix, int64_t *sum)
{
    int known = 0;
    *sum = 0;
    for (int r = 0; r < t->nrows; r++) {
        if (!gk_schema_key_has_prefix(t->rows[r].key, prefix))
            continue;
        for (int c = 0; c < gk_schema_ncols(t, r); c++) {
            int64_t v;
            if (gk_schema_col(t, r, c)->is_total && count_of(gk_doc_cell(doc, GK_T3, r, c), &v) &&
                !__builtin_add_overflow(*sum, v, sum))
                known = 1;
        }
    }
    return known;
}

typedef struct outcomes {
    int known[NGROUPS];
    int64_t count[NGROUPS];
    int64_t den, max; /* the base of the shares; the longest bar */
    int den_is_total; /* den is （七）总计 (else the sum of the groups) */
} outcomes;

static void collect(const gk_doc *doc, const gk_table_def *t, outcomes *o)
{
    int64_t sum = 0;
    for (int g = 0; g < NGROUPS; g++) {
        o->known[g] = group_sum(doc, t, groups[g].prefix, &o->count[g]);
        if (o->known[g] && o->count[g] > 0 && !__builtin_add_overflow(sum, o->count[g], &sum))
            o->max = o->count[g] > o->max ? o->count[g] : o->max;
    }
    o->den_is_total =
        count_of(gk_doc_cell_by_key(doc, "t3.total_processed.total"), &o->den) && o->den > 0;
    if (!o->den_is_total)
        o->den = sum;
}

static void title_of(const gk_doc *doc, gk_lang lang, char *buf, size_t size)
{
    const char *agency = gk_doc_agency(doc);
    int year = gk_doc_year(doc);
    char y[16] = "";
    if (year > 0)
        snprintf(y, sizeof y, lang == GK_LANG_EN ? " %d" : " %d年", year);
    if (lang == GK_LANG_EN)
        snprintf(buf, size, "%s%s: outcomes of disclosure requests", agency[0] ? agency : "?", y);
    else
        snprintf(buf, size, "%s%s 政府信息公开申请办理结果", agency[0] ? agency : "（机关不详）",
                 y);
}

static void subtitle(const outcomes *o, gk_lang lang, FILE *out)
{
    char s[160];
    const svg_font f = {13, SVG_START, SVG_MUTED, 0};
    if (lang == GK_LANG_EN)
        snprintf(s, sizeof s, "%s %lld; bars: 总计 column of table 3",
                 o->den_is_total ? "Total processed" : "Sum of the outcomes", (long long)o->den);
    else
        snprintf(s, sizeof s, "%s %lld 件；表三“总计”列，分项按类合计",
                 o->den_is_total ? "（七）总计" : "六类合计（表中总计不是数字）",
                 (long long)o->den);
    svg_text(out, 16, 54, &f, NULL, s, 0);
}

/* The count and share of group g as shown: "1362（44.7%）", "1362 (44.7%)" or "—". */
static void value_text(const outcomes *o, int g, gk_lang lang, char *buf, size_t size)
{
    char pct[32];
    if (!o->known[g]) {
        snprintf(buf, size, "—");
        return;
    }
    if (o->den <= 0) {
        snprintf(buf, size, "%lld", (long long)o->count[g]);
        return;
    }
    gk_indicator_percent(o->count[g], o->den, pct, sizeof pct);
    snprintf(buf, size, lang == GK_LANG_EN ? "%lld (%s%%)" : "%lld（%s%%）", (long long)o->count[g],
             pct);
}

static void bar_row(const outcomes *o, int g, gk_lang lang, FILE *out)
{
    const svg_font name = {15, SVG_END, SVG_INK, 0}, val = {14, SVG_START, SVG_INK, 1};
    const char *label = lang == GK_LANG_EN ? groups[g].en : groups[g].zh;
    char text[96];
    int y = TOP + g * ROW_H, w = 0;
    if (o->known[g] && o->count[g] > 0 && o->max > 0)
        w = (int)((wide)o->count[g] * BAR_MAXW / o->max);
    value_text(o, g, lang, text, sizeof text);
    fputs("<g><title>", out);
    svg_esc(label, 0, out);
    fputs(lang == GK_LANG_EN ? ": " : "：", out);
    svg_esc(text, 0, out);
    fputs("</title>\n", out);
    svg_text(out, LABEL_X, y + BAR_H / 2 + 5, &name, "label", label, 0);
    fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", BAR_X, y, w,
            BAR_H, groups[g].colour);
    svg_text(out, BAR_X + w + 8, y + BAR_H / 2 + 5, &val, "value", text, 0);
    fputs("</g>\n", out);
}

gk_status gk_chart_outcomes(const gk_doc *doc, gk_lang lang, FILE *out)
{
    if (!doc || !out)
        return GK_ERR_INVALID_ARG;
    const gk_table_def *t = gk_doc_table(doc, GK_T3);
    const svg_font head = {18, SVG_START, SVG_INK, 1}, none = {15, SVG_START, SVG_MUTED, 0};
    char title[512];
    title_of(doc, lang, title, sizeof title);
    svg_begin(out, t ? TOP + NGROUPS * ROW_H + 8 : 100, title);
    svg_text(out, 16, 30, &head, NULL, title, 42);
    if (t) {
        outcomes o = {0};
        collect(doc, t, &o);
        subtitle(&o, lang, out);
        fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>\n", BAR_X,
                TOP - 8, BAR_X, TOP + NGROUPS * ROW_H - 8, SVG_MUTED);
        for (int g = 0; g < NGROUPS; g++)
            bar_row(&o, g, lang, out);
    } else {
        svg_text(out, 16, 70, &none, NULL,
                 lang == GK_LANG_EN ? "No table 3 (requests) in this report."
                                    : "报告中没有找到表三（收到和处理政府信息公开申请情况）。",
                 0);
    }
    svg_end(out);
    return ferror(out) ? GK_ERR_IO : GK_OK;
}
