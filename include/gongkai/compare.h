/*
 * compare.h — two reports of one agency, a year apart: what changed in every cell, and the
 * rules that tie one year to the next (spec §d: V-T3-07, V-T2-02).
 */
#ifndef GONGKAI_COMPARE_H
#define GONGKAI_COMPARE_H

#include <gongkai/doc.h>
#include <gongkai/render.h>

/* One cell in both reports. Values are exact: delta is new − old at `scale` decimals. */
typedef struct gk_change {
    const char *key;       /* t3.new.total, … */
    const gk_value *old_v; /* NULL if the old report has no such cell */
    const gk_value *new_v; /* NULL if the new report has no such cell */
    int has_delta;         /* both are numbers */
    int64_t delta;
    int scale;
    int has_pct;        /* has_delta and the old value is not 0 */
    int64_t pct_tenths; /* (new − old) / old in tenths of a per cent, rounded half away */
} gk_change;

typedef struct gk_comparison gk_comparison;

/*
 * Compares old_doc with new_doc (neither is kept; the comparison copies what it needs and
 * points at cells of both documents, so both must outlive it). Diagnostics: the cross-year
 * rules, and notes when the agencies differ or the years are not consecutive.
 */
GK_API gk_status gk_compare(const gk_doc *old_doc, const gk_doc *new_doc, gk_comparison **out,
                            gk_error *err);

GK_API size_t gk_comparison_count(const gk_comparison *c);
GK_API const gk_change *gk_comparison_get(const gk_comparison *c, size_t i);
GK_API size_t gk_comparison_diag_count(const gk_comparison *c);
GK_API const gk_diag *gk_comparison_diag(const gk_comparison *c, size_t i);
GK_API void gk_comparison_free(gk_comparison *c);

/* Writes the comparison: GK_RENDER_TEXT (a table for people, changed cells only),
 * GK_RENDER_CSV (one row per cell, every cell, without the header, so that the rows of many
 * comparisons make one table) or GK_RENDER_JSON. */
GK_API gk_status gk_render_comparison(const gk_comparison *c, gk_render_format fmt, gk_lang lang,
                                      FILE *out);

/* The header of the CSV rows: agency,old_year,new_year,key,old,new,delta,pct. */
GK_API gk_status gk_render_comparison_csv_header(FILE *out);

#endif
