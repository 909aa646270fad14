/*
 * check_int.h — the checker's parts: table rules, document rules, prose against tables.
 */
#ifndef GK_CHECK_INT_H
#define GK_CHECK_INT_H

#include <gongkai/check.h>

#include "../core/strbuf.h"
#include "../report/doc_int.h"

void check_tables(gk_doc *doc);
void check_t2(gk_doc *doc);
void check_document(gk_doc *doc);
void check_prose(gk_doc *doc);

/* Where a cell was written, for a diagnostic; NULL if it was not found in the report. */
const gk_text *cell_pos(const gk_value *v);

/*
 * Sums column `col` (a column key, e.g. "total") over the rows of the document's tables whose
 * keys start with one of the space-separated prefixes. `prefixes` must be a string with static
 * lifetime (a rule or keyword table entry): the rows it names are remembered by its address.
 * Returns 1 and the sum if every cell involved is a number, 0 otherwise. Appends the cell keys to
 * `keys` if it is not NULL.
 */
int sum_rows(const gk_doc *doc, const char *prefixes, const char *col, int64_t *sum, strbuf *keys);

/*
 * For a table of one block: sums every column over the rows under `prefixes` (static
 * lifetime, as for sum_rows) into sums[c]; ok[c] is 0 where a cell is not a whole number.
 * Returns the number of rows summed.
 */
/* Appends, space-separated, the keys of column c of the rows under `prefixes` (as above);
 * returns the first such row in table order, or -1. */
int keys_of_rows(const gk_doc *doc, gk_table_id id, const char *prefixes, int c, strbuf *keys);

int sum_columns(const gk_doc *doc, gk_table_id id, const char *prefixes, int64_t *sums, int *ok);

#endif
