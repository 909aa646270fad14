/*
 * chart.h — charts of reports as standalone SVG: the outcome breakdown of one report, one cell
 * across years, and one indicator across reports, ranked.
 *
 * Every chart is a complete <svg> element (no XML declaration, so it can also be put inline into
 * an HTML page) with a fixed viewBox 800 units wide, a <title> naming what it shows, text as
 * <text> in a Chinese-capable font list, and nothing that needs JavaScript or other files.
 * Geometry is computed in integers from the exact values; labels show the values as written.
 * Charts never change the documents. They fail only on bad arguments or a write error.
 */
#ifndef GONGKAI_CHART_H
#define GONGKAI_CHART_H

#include <gongkai/doc.h>
#include <gongkai/render.h>
#include <stdio.h>

/* Width of every chart's viewBox (and of its width attribute). */
#define GK_CHART_WIDTH 800

/*
 * Horizontal bars of T3's 办理结果 in the 总计 column: 予以公开, 部分公开, 不予公开, 无法提供,
 * 不予处理, 其他处理 (sub-rows summed by group), each labelled with its count and its share of
 * （七）总计 (of the sum of the six when 总计 is not a number). A group none of whose cells is a
 * whole number is shown as "—". A document without T3 gives a chart that says so.
 */
GK_API gk_status gk_chart_outcomes(const gk_doc *doc, gk_lang lang, FILE *out);

/*
 * Columns of one cell (key such as "t3.new.total") across reports, sorted by year (ties keep
 * the given order), grouped under their years and labelled with the agency and the value as
 * written; the columns of one agency are joined by a line when it has several reports.
 * Reports without that cell as a number get an empty slot marked "—".
 */
GK_API gk_status gk_chart_trend(const gk_doc *const *docs, size_t n, const char *key, gk_lang lang,
                                FILE *out);

/*
 * Horizontal bars of indicator `indicator` (an index for gk_indicator_at) across reports,
 * highest first (compared exactly; ties keep the given order), on a 0–100 % scale, labelled
 * with the per cent and the fraction. Reports where the indicator does not apply come last,
 * marked "—". Each bar's name is a <text class="label"> element, in bar order.
 */
GK_API gk_status gk_chart_ranking(const gk_doc *const *docs, size_t n, int indicator, gk_lang lang,
                                  FILE *out);

/*
 * One bar of a ranking from values already computed, for sets too large to hold as documents:
 * what names it (such as "淮安市人民政府 2024年") and the indicator as an exact fraction
 * num/den; ok = 0 where the indicator does not apply.
 */
typedef struct gk_chart_bar {
    const char *name;
    int ok;
    int64_t num, den;
} gk_chart_bar;

/*
 * The ranking chart of gk_chart_ranking from bars[0..n), sorted the same way. `of` is the size
 * of the whole set when the bars are only its highest ones (the subtitle then says so; 0 or
 * `of` <= n: the bars are the whole set).
 */
GK_API gk_status gk_chart_ranking_bars(const gk_chart_bar *bars, size_t n, size_t of, int indicator,
                                       gk_lang lang, FILE *out);

#endif
