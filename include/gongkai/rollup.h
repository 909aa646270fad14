/*
 * rollup.h — many reports summed into one report in the official 2021 format: the tables a
 * supervising office publishes for its region (汇总).
 *
 * Every cell of the result is the exact sum (fixed point; money aligned to the finest scale
 * written, 元 converted to 万元) of the numbers the reports give for it. Blank and missing cells
 * add nothing. Reports in the 2019 trial format are mapped through spec §c.4: T3 and T4 keep
 * their keys, the single 2019 row （六）其他处理 goes into t3.other.other, and the 2019 T2 rows
 * that have a 2021 counterpart are mapped (some only approximately); the rest is dropped. The
 * result's diagnostics say all of that, never silently:
 *
 *   GK-ROLLUP-TABLE     note     how many reports had each table (and how many in 2019 format);
 *                                a warning when none had it: the result leaves the table out
 *   GK-ROLLUP-PARTIAL   note     cells that fewer reports filled in than had the table
 *   GK-ROLLUP-OTHER     note     a 2019 （六）其他处理 row added to t3.other.other
 *   GK-ROLLUP-APPROX    note     2019 T2 cells counted under a 2021 cell of another meaning
 *   GK-ROLLUP-DROPPED   warning  2019 T2 cells with no 2021 counterpart (note if all are 0)
 *   GK-ROLLUP-INVALID   warning  cells of a report that are not numbers, so not added
 *   GK-ROLLUP-SKIPPED   warning  inputs that could not be read or are not reports
 *   GK-ROLLUP-DUPLICATE warning  a report with the same data as one added before (the same
 *                                report twice, such as a PDF and its text copy): not added again
 *   GK-ROLLUP-YEAR      note     the reports are not all of one year (the result has year 0)
 *   GK-ROLLUP-MORE      note     notes about single reports past the first 200 (OTHER, APPROX,
 *                                DROPPED, INVALID, SKIPPED, DUPLICATE): how many were not listed
 *   GK-ROLLUP-OVERFLOW  error    a sum that does not fit: the cell is left missing
 *   GK-ROLLUP-EMPTY     error    there was no report to sum
 *
 * The result has the six sections with their canonical headings and short generated prose
 * (一: what was summed; 五, 六: not summed), no publication date, and renders and reads back
 * like any report (but for an overflowed cell amid its row, which the text layout can only
 * write as blank). Run gk_check() on it to check the sums.
 */
#ifndef GONGKAI_ROLLUP_H
#define GONGKAI_ROLLUP_H

#include <gongkai/doc.h>

/*
 * Sums docs[0..n) into a new document (*out, freed with gk_doc_free). A NULL entry stands for
 * an input that could not be read; documents that are not reports are skipped; both are
 * counted in the result, non-reports by name. `name` is the result's agency (its title); NULL gives
 * "汇总（N 份报告）". The year is the reports' common year, or 0 if they differ. The inputs are
 * not kept. Fails only on API misuse (GK_ERR_INVALID_ARG).
 */
GK_API gk_status gk_rollup(const gk_doc *const *docs, size_t n, const char *name, gk_doc **out,
                           gk_error *err);

/*
 * The same, one report at a time, so that a rollup of any number of reports holds only its
 * running sums: gk_rollup_begin(), then gk_rollup_add() for each input in order (NULL for an
 * input that could not be read; the document may be freed right after), then
 * gk_rollup_finish(), which frees the accumulator and gives the result as gk_rollup() does.
 * gk_rollup_abort() frees an accumulator without a result.
 */
typedef struct gk_rollup_acc gk_rollup_acc;
GK_API gk_rollup_acc *gk_rollup_begin(void);
GK_API void gk_rollup_add(gk_rollup_acc *r, const gk_doc *doc);
GK_API gk_status gk_rollup_finish(gk_rollup_acc *r, const char *name, gk_doc **out, gk_error *err);
GK_API void gk_rollup_abort(gk_rollup_acc *r);

#endif
