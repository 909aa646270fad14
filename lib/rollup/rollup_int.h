/*
 * rollup_int.h — the parts of a rollup: where each 2021 cell comes from in a table of either
 * format (map.c), the summing of one report into running totals (sum.c), the notes about
 * what a report's old format could not give (notes.c), and the generated sections (sections.c).
 */
#ifndef GK_ROLLUP_INT_H
#define GK_ROLLUP_INT_H

#include <gongkai/rollup.h>

#include "../core/arena.h"
#include "../core/strbuf.h"
#include "../report/doc_int.h"

#define ROLLUP_FIRST_YEAR 2000
#define ROLLUP_YEARS      128 /* 2000 … 2127; the reader finds years 2007 … 2100 */
#define ROLLUP_KEYS_MAX   8192

/* Where one 2021 cell takes its value from in a source table: a cell index, or -1. */
typedef struct rollup_src {
    int idx;
    unsigned char zero;   /* the source only says the cell is covered: it adds 0 (2019 （六）) */
    unsigned char approx; /* the source means something close, not the same (spec §c.4) */
    gk_kind kind;         /* of the 2021 cell */
} rollup_src;

/* How a table in one format maps onto the 2021 table. */
typedef struct rollup_map {
    const gk_table_def *from, *to;
    rollup_src *src;     /* one per cell of `to` */
    unsigned char *used; /* one per cell of `from`: 1 if some cell of `to` takes it */
} rollup_map;

/* Builds the map of table `id` from `format` to the 2021 format, in arena `a`. */
void rollup_map_build(arena *a, gk_table_id id, gk_format format, rollup_map *m);

/* A running sum of one result cell. */
typedef struct rollup_acc {
    int64_t sum;
    int scale;
    int numbers; /* reports that gave a number (or a covering 0) */
    int overflow;
} rollup_acc;

/* Adds value/10^scale; on overflow sets a->overflow and the sum is lost. */
void rollup_acc_add(rollup_acc *a, int64_t value, int scale);

/*
 * A value as it is added to a cell of kind `kind`: money written in 元 becomes 万元 (four more
 * decimals, at most 6). Returns 0 if it cannot be held exactly.
 */
int rollup_value_of(const gk_value *v, gk_kind kind, int64_t *value, int *scale);

/* What went into the rollup, for the generated text. */
typedef struct rollup_summary {
    size_t reports, unreadable, not_reports;
    size_t old_format; /* reports with at least one table in the 2019 format */
    size_t years[ROLLUP_YEARS];
    size_t unknown_year; /* reports without a year (or outside the range) */
    int year;            /* the common year, or 0 */
} rollup_summary;

/* Appends the years as "2023 年 1 份、2024 年 2 份" (Chinese) or "2023: 1, 2024: 2". */
void rollup_years_text(const rollup_summary *s, strbuf *zh, strbuf *en);

/* Notes on one report's table in the 2019 format: approximations, drops, the （六） row. */
void rollup_notes_old(gk_doc *out, const gk_doc *in, gk_table_id id, const rollup_map *m);

/* A note on the cells of a report's table that were to be added but are not numbers (or are
 * amounts that cannot be held exactly), and so were not. */
void rollup_notes_invalid(gk_doc *out, const gk_doc *in, gk_table_id id, const rollup_map *m);

/* The six sections with their canonical headings and the generated prose. */
void rollup_sections(gk_doc *doc, const rollup_summary *s);

#endif
