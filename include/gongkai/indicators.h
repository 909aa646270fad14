/*
 * indicators.h — the measures people cite from a report (公开率, 无法提供占比, 复议纠错率 …),
 * each an exact fraction of two sums of cells, defined once as data.
 */
#ifndef GONGKAI_INDICATORS_H
#define GONGKAI_INDICATORS_H

#include <gongkai/doc.h>
#include <gongkai/render.h>

typedef struct gk_indicator_def {
    const char *key;     /* disclosed, unable, … */
    const char *name_zh; /* 公开率（予以公开＋部分公开） */
    const char *name_en;
    const char *num; /* space-separated cell keys, "*" for any row part, "-" to subtract */
    const char *den;
} gk_indicator_def;

GK_API int gk_indicator_count(void);
GK_API const gk_indicator_def *gk_indicator_at(int i);
GK_API int gk_indicator_find(const char *key); /* index, or -1 */

/*
 * The value of indicator i for a document as an exact fraction num / den. Returns 1 when every
 * cell involved is a whole number and den > 0; 0 otherwise (the indicator does not apply).
 */
GK_API int gk_indicator_value(const gk_doc *doc, int i, int64_t *num, int64_t *den);

/* Compares two values exactly: < 0, 0, > 0 as a_num/a_den is below, equal to or above
 * b_num/b_den (denominators > 0). */
GK_API int gk_indicator_cmp(int64_t a_num, int64_t a_den, int64_t b_num, int64_t b_den);

/* The ranking order of two reports by one indicator (ok: whether it applies, as
 * gk_indicator_value returns): < 0 when a ranks first — it applies and b does not, or its value
 * is higher — > 0 when b does, 0 when they tie (callers keep the given order). */
GK_API int gk_indicator_rank(int a_ok, int64_t a_num, int64_t a_den, int b_ok, int64_t b_num,
                             int64_t b_den);

/* num / den as a per cent with one decimal, rounded half away from zero ("66.7"). */
GK_API char *gk_indicator_percent(int64_t num, int64_t den, char *buf, size_t size);

#endif
