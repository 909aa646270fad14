/*
 * labels.h — row labels of the schema in matching form (see norm.h).
 */
#ifndef GK_LABELS_H
#define GK_LABELS_H

#include <string.h>

#include <gongkai/schema.h>

/* The row's labels in matching form, NULL-terminated; valid for the life of the process. */
const char *const *labels_of_row(const gk_table_def *t, int row);

#endif
