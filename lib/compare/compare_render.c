/*
 * compare_render.c — a comparison as a table for people, as CSV, or as JSON.
 */
#include <gongkai/compare.h>
#include <jansson.h>
#include <string.h>
#include <utf8proc.h>

#include "../core/arena.h"
#include "../core/num.h"
#include "../render/render_int.h"
#include "compare_int.h"

static const char *value_text(const gk_value *v, char *buf, size_t size)
{
    if (!v || v->state == GK_CELL_MISSING)
        return "";
    if (v->state == GK_CELL_BLANK)
        return "(空)";
    render_cell_text(v, buf, size);
    return buf;
}

static const char *delta_text(const gk_change *ch, char *buf, size_t size)
{
    if (!ch->has_delta)
        return "";
    char n[40];
    num_format(ch->delta, ch->scale, n, sizeof n);
    snprintf(buf, size, "%s%s", ch->delta > 0 ? "+" : "", n);
    return buf;
}

static const char *pct_text(const gk_change *ch, char *buf, size_t size)
{
    if (!ch->has_pct)
        return "";
    char n[40];
    num_format(ch->pct_tenths, 1, n, sizeof n);
    snprintf(buf, size, "%s%s%%", ch->pct_tenths > 0 ? "+" : "", n);
    return buf;
}

static int changed(const gk_change *ch)
{
    if (ch->has_delta)
        return ch->delta != 0;
    int a = ch->old_v ? (int)ch->old_v->state : -1, b = ch->new_v ? (int)ch->new_v->state : -1;
    return a != b;
}

/* Columns on a terminal: how many cells s takes (CJK characters take two). */
static int display_width(const char *s)
{
    int w = 0;
    utf8proc_int32_t cp;
    for (utf8proc_ssize_t k; *s && (k = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp)) > 0;
         s += k)
        w += utf8proc_charwidth(cp);
    return w;
}

/* Writes s padded with spaces to `width` columns, on the left (right-aligned) or the right. */
static void cell(FILE *out, const char *s, int width, int right)
{
    int pad = width - display_width(s);
    for (int i = 0; right && i < pad; i++)
        fputc(' ', out);
    fputs(s, out);
    for (int i = 0; !right && i < pad; i++)
        fputc(' ', out);
}

static void row(FILE *out, const char *const f[5])
{
    static const int widths[5] = {44, 12, 12, 12, 10};
    for (int i = 0; i < 5; i++) {
        if (i)
            fputc(' ', out);
        cell(out, f[i], widths[i], i > 0);
    }
    fputc('\n', out);
}

static void table_text(const gk_comparison *c, gk_lang lang, FILE *out)
{
    const gk_doc *n = compare_notes(c);
    char o[64], w[64], d[64], p[64];
    fprintf(out, "%s\n", gk_doc_name(n));
    const char *head[5] = {lang == GK_LANG_EN ? "cell" : "单元格 cell",
                           lang == GK_LANG_EN ? "old" : "上年 old",
                           lang == GK_LANG_EN ? "new" : "本年 new",
                           lang == GK_LANG_EN ? "change" : "增减 change", "%"};
    row(out, head);
    size_t shown = 0;
    for (size_t i = 0; i < gk_comparison_count(c); i++) {
        const gk_change *ch = gk_comparison_get(c, i);
        if (!changed(ch))
            continue;
        const char *f[5] = {ch->key, value_text(ch->old_v, o, sizeof o),
                            value_text(ch->new_v, w, sizeof w), delta_text(ch, d, sizeof d),
                            pct_text(ch, p, sizeof p)};
        row(out, f);
        shown++;
    }
    if (!shown)
        fputs(lang == GK_LANG_EN ? "(no cell changed)\n" : "（没有单元格变化）\n", out);
    for (size_t i = 0; i < gk_comparison_diag_count(c); i++) {
        const gk_diag *g = gk_comparison_diag(c, i);
        fprintf(out, "%s: %s [%s]\n", gk_severity_name(g->severity, lang),
                lang == GK_LANG_EN ? g->msg_en : g->msg_zh, g->rule);
    }
}

#define CSV_FIELDS 8

static void csv_line(FILE *out, const char *const f[CSV_FIELDS])
{
    for (int i = 0; i < CSV_FIELDS; i++) {
        if (i)
            fputc(',', out);
        render_csv_field(out, f[i], strlen(f[i]));
    }
    fputc('\n', out);
}

gk_status gk_render_comparison_csv_header(FILE *out)
{
    static const char *const head[CSV_FIELDS] = {"agency", "old_year", "new_year", "key",
                                                 "old",    "new",      "delta",    "pct"};
    if (!out)
        return GK_ERR_INVALID_ARG;
    csv_line(out, head);
    return ferror(out) ? GK_ERR_IO : GK_OK;
}

/* One row per cell, each starting with the pair: the agency (the new report's, else the old
 * one's) and the two years ("" when unknown). */
static void compare_csv(const gk_comparison *c, FILE *out)
{
    char o[64], w[64], d[64], p[64], y0[16] = "", y1[16] = "";
    const gk_doc *a = compare_old(c), *b = compare_new(c);
    const char *agency = gk_doc_agency(b)[0] ? gk_doc_agency(b) : gk_doc_agency(a);
    if (gk_doc_year(a) > 0)
        snprintf(y0, sizeof y0, "%d", gk_doc_year(a));
    if (gk_doc_year(b) > 0)
        snprintf(y1, sizeof y1, "%d", gk_doc_year(b));
    for (size_t i = 0; i < gk_comparison_count(c); i++) {
        const gk_change *ch = gk_comparison_get(c, i);
        const char *f[CSV_FIELDS] = {agency,
                                     y0,
                                     y1,
                                     ch->key,
                                     value_text(ch->old_v, o, sizeof o),
                                     value_text(ch->new_v, w, sizeof w),
                                     delta_text(ch, d, sizeof d),
                                     pct_text(ch, p, sizeof p)};
        csv_line(out, f);
    }
}

static json_t *change_json(const gk_change *ch)
{
    char o[64], w[64], d[64], p[64];
    json_t *j = json_object();
    if (!j)
        gk_oom();
    json_object_set_new(j, "key", render_json_text(ch->key, strlen(ch->key)));
    const char *ov = value_text(ch->old_v, o, sizeof o), *nv = value_text(ch->new_v, w, sizeof w);
    json_object_set_new(j, "old", render_json_text(ov, strlen(ov)));
    json_object_set_new(j, "new", render_json_text(nv, strlen(nv)));
    json_object_set_new(j, "delta",
                        ch->has_delta ? render_json_text(delta_text(ch, d, sizeof d),
                                                         strlen(delta_text(ch, d, sizeof d)))
                                      : json_null());
    json_object_set_new(
        j, "pct",
        ch->has_pct ? render_json_text(pct_text(ch, p, sizeof p), strlen(pct_text(ch, p, sizeof p)))
                    : json_null());
    return j;
}

static gk_status compare_json(const gk_comparison *c, gk_lang lang, FILE *out)
{
    const gk_doc *n = compare_notes(c);
    json_t *o = json_object(), *arr = json_array();
    if (!o || !arr)
        gk_oom();
    json_object_set_new(o, "compare", render_json_text(gk_doc_name(n), strlen(gk_doc_name(n))));
    for (size_t i = 0; i < gk_comparison_count(c); i++)
        json_array_append_new(arr, change_json(gk_comparison_get(c, i)));
    json_object_set_new(o, "cells", arr);
    json_object_set_new(o, "diagnostics", render_json_diags(n, lang));
    int rc = json_dumpf(o, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', out);
    json_decref(o);
    return rc == 0 ? GK_OK : GK_ERR_IO;
}

gk_status gk_render_comparison(const gk_comparison *c, gk_render_format fmt, gk_lang lang,
                               FILE *out)
{
    if (!c || !out)
        return GK_ERR_INVALID_ARG;
    if (fmt == GK_RENDER_JSON)
        return compare_json(c, lang, out);
    if (fmt == GK_RENDER_CSV)
        compare_csv(c, out);
    else if (fmt == GK_RENDER_TEXT)
        table_text(c, lang, out);
    else
        return GK_ERR_INVALID_ARG;
    return ferror(out) ? GK_ERR_IO : GK_OK;
}
