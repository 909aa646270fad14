/*
 * labels.h — row labels of the schema in matching form (see norm.h).
 */
#ifndef GK_LABELS_H
#define GK_LABELS_H

#include <string.h>

#include <gongkai/schema.h>

typedef struct row_label {
    const char *text; /* matching form; NULL ends a list */
    size_t len;
} row_label;

/* For each row of the table, its labels in matching form; valid for the life of the process. */
const row_label *const *labels_of_table(const gk_table_def *t);

/*
 * The row whose label `text` (matching form) most nearly is, for labels printed with a typo
 * ("其他法律行政止公开"): the longest common subsequence of characters must cover at least
 * three quarters of the label and of the text, and one row must score best. Rows with seen[r]
 * set are skipped. Returns the row and sets *label to its label; -1 if none is close enough.
 */
int labels_closest(const gk_table_def *t, const char *text, size_t len, const unsigned char *seen,
                   const char **label);

#endif
