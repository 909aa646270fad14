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

#endif
