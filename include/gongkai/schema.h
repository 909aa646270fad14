/*
 * schema.h — the two official annual-report templates, described once, as data.
 *
 * The 2019 trial format (国办公开办函〔2019〕60号) and the 2021 format (国办公开办函〔2021〕30号):
 * the six sections, the three tables with their rows, columns, keys and label variants, and
 * the arithmetic rules. The reader, the checker and every renderer read this description;
 * nothing else lists rows by hand. Cell keys are "<row key>.<column key>", e.g. t3.new.np,
 * and are the project's public names (see the spec's annual-report-format.md).
 * Everything returned here is static and immutable.
 */
#ifndef GONGKAI_SCHEMA_H
#define GONGKAI_SCHEMA_H

#include <gongkai/status.h>
#include <stddef.h>

typedef enum gk_format {
    GK_FORMAT_UNKNOWN = 0,
    GK_FORMAT_2019 = 2019,
    GK_FORMAT_2021 = 2021,
} gk_format;

typedef enum gk_table_id {
    GK_T2 = 0, /* 主动公开政府信息情况 (第二十条) */
    GK_T3,     /* 收到和处理政府信息公开申请情况 */
    GK_T4,     /* 政府信息公开行政复议、行政诉讼情况 */
    GK_TABLE_COUNT
} gk_table_id;

typedef enum gk_section_id {
    GK_S1_OVERALL = 0,
    GK_S2_PROACTIVE,
    GK_S3_REQUESTS,
    GK_S4_REVIEW_LITIGATION,
    GK_S5_PROBLEMS,
    GK_S6_OTHER,
    GK_SECTION_COUNT
} gk_section_id;

/* What a cell may hold. */
typedef enum gk_kind {
    GK_KIND_COUNT = 0, /* integer >= 0 */
    GK_KIND_SIGNED,    /* signed integer (2019 本年增/减) */
    GK_KIND_MONEY,     /* non-negative decimal, fixed point (万元 or 元) */
} gk_kind;

/* NULL-terminated list of labels: the canonical one first, then variants seen in reports. */
typedef const char *const *gk_labels;

typedef struct gk_col_def {
    const char *key;  /* "np", "issued", "upheld", … */
    gk_labels labels; /* 自然人 … */
    gk_kind kind;
    int is_total; /* 1 for the 总计 column that sums the others in its row */
} gk_col_def;

typedef struct gk_row_def {
    const char *key;  /* "t3.refuse.third_party", "t2.reg", … */
    const char *num;  /* numbering as printed: "一、", "（一）", "1.", or "" */
    gk_labels labels; /* the row's own label without numbering, then variants */
    const char *parent; /* spanning label to the left (三、本年度办理结果, 行政诉讼) or NULL */
    const char *group; /* level-2 group for item rows (（三）不予公开), T2 block caption, or NULL */
    int block;         /* index of the block (column set) the row belongs to */
} gk_row_def;

/* A set of columns shared by consecutive rows (T2 has one per 第二十条 item). */
typedef struct gk_block_def {
    const char *caption; /* 第二十条第（一）项; NULL where the table has no captions */
    const gk_col_def *cols;
    int ncols;
} gk_block_def;

/* One arithmetic rule, expanded by the checker over rows or columns. */
typedef enum gk_rule_kind {
    GK_RULE_ROW_TOTAL,   /* in every row: total column == sum of the other columns */
    GK_RULE_COL_BALANCE, /* in every column: sum(lhs rows) == sum(rhs rows) */
} gk_rule_kind;

typedef struct gk_rule_def {
    const char *id; /* V-T3-01 … */
    gk_rule_kind kind;
    const char *lhs; /* space-separated row-key prefixes (COL_BALANCE) */
    const char *rhs;
    const char *what_zh; /* short description, Chinese */
    const char *what_en;
} gk_rule_def;

typedef struct gk_table_def {
    gk_table_id id;
    gk_format format;
    const char *key;      /* "t2", "t3", "t4" */
    const char *title_zh; /* the section heading the table sits under */
    const gk_row_def *rows;
    int nrows;
    const gk_block_def *blocks;
    int nblocks;
    gk_labels markers; /* header labels that identify this format of the table */
    const gk_rule_def *rules;
    int nrules;
} gk_table_def;

typedef struct gk_section_def {
    gk_section_id id;
    const char *key;     /* "s1_overall" … */
    const char *ordinal; /* the Chinese numeral it is headed with: "一" … "六" */
    int table;           /* the table printed under it (gk_table_id), or -1 */
    gk_labels labels;    /* canonical heading (without the ordinal) and variants */
    gk_labels needles;   /* words that must all occur in a heading of this section */
} gk_section_def;

/* The table definition for a table in a format; NULL if the format is unknown. */
GK_API const gk_table_def *gk_schema_table(gk_table_id table, gk_format format);

/* The six sections, in order. */
GK_API const gk_section_def *gk_schema_section(gk_section_id id);

/* Number of value cells of a table: the sum over rows of their block's column count. */
GK_API int gk_schema_cell_count(const gk_table_def *t);

/* The column definition of a row's column c (0 <= c < ncols of the row's block). */
GK_API const gk_col_def *gk_schema_col(const gk_table_def *t, int row, int col);
GK_API int gk_schema_ncols(const gk_table_def *t, int row);

/* Index of cell (row, col) in the table's flat cell array (row-major in row order). */
GK_API int gk_schema_cell_index(const gk_table_def *t, int row, int col);

/* Writes the cell key "<row key>.<col key>" into buf (NUL-terminated, truncated to size). */
GK_API void gk_schema_cell_key(const gk_table_def *t, int row, int col, char *buf, size_t size);

/* Finds a cell by key in the table; returns 0 and sets *row, *col, or -1 if absent. */
GK_API int gk_schema_find_cell(const gk_table_def *t, const char *key, int *row, int *col);

/* Finds a row by key; -1 if absent. */
GK_API int gk_schema_find_row(const gk_table_def *t, const char *key);

/* 1 if row key `key` is `prefix` or starts with `prefix` followed by '.'. */
GK_API int gk_schema_key_has_prefix(const char *key, const char *prefix);

#endif
