/*
 * joined.h — rows whose values were copied without separators, read through split.h: a unique
 * split is taken (with a note saying so), several splits are narrowed down with the table's
 * column rules once the whole table is read, and what stays ambiguous is left unread with a
 * diagnostic listing the candidates. Never a guess.
 */
#ifndef GK_JOINED_H
#define GK_JOINED_H

#include "reader_int.h"
#include "split.h"

#define JOINED_MAX_ROWS 64

typedef struct joined_row {
    int first, ncols; /* cells [first, first + ncols) of the table */
    const char *key;  /* row key (or table key for T4's single run) for messages */
    gk_text src;      /* where the digits were, digits at src.norm */
    int nsol;         /* solutions found (capped at SPLIT_MAX_SOL + 1), or SPLIT_UNDECIDED */
    int checked;      /* the table has row totals that every solution satisfies */
    int unbalanced;   /* every solution broke a column rule */
    split_sol sol[SPLIT_MAX_SOL];
} joined_row;

typedef struct joined {
    joined_row rows[JOINED_MAX_ROWS];
    int n;
} joined;

/*
 * Reads the digits ending `src` (its last `ndigits` matching-form bytes) as the cells of
 * `row` (or, with row < 0, as all the cells of a one-run table such as T4). Returns 1 if the
 * digits were taken — split, or kept for joined_resolve — and 0 if they cannot be this row.
 */
int joined_take(gk_doc *doc, gk_table_id id, int row, const gk_text *src, size_t ndigits,
                joined *j);

/* 1 if the table has row totals (T3, T4): only then can a split be checked. */
int joined_has_totals(const gk_table_def *t);

/* Settles the rows kept by joined_take with the table's column rules; reports the rest. */
void joined_resolve(gk_doc *doc, gk_table_id id, joined *j);

#endif
