/*
 * doc.h — a parsed annual report: its template, year, agency, sections, table cells and
 * diagnostics.
 *
 * A report always parses to a document: problems in the content (missing rows, blank cells,
 * stray text, a file that is not a report at all) become diagnostics, never errors. Only I/O,
 * limits and API misuse fail. The document owns everything reachable from it, in one arena;
 * gk_doc_free() releases it all. Pointers returned by accessors are borrowed and stay valid
 * until then.
 */
#ifndef GONGKAI_DOC_H
#define GONGKAI_DOC_H

#include <gongkai/blocks.h>
#include <gongkai/schema.h>
#include <gongkai/status.h>
#include <stddef.h>
#include <stdint.h>

typedef enum gk_cell_state {
    GK_CELL_MISSING = 0, /* the row or column was not found in the report */
    GK_CELL_BLANK,       /* present but empty (or "-", "/", "—", "无") */
    GK_CELL_NUMBER,      /* a number: see value and scale */
    GK_CELL_INVALID,     /* present but not a number */
} gk_cell_state;

typedef enum gk_unit {
    GK_UNIT_NONE = 0,
    GK_UNIT_YUAN, /* 元 written in the cell */
    GK_UNIT_WAN,  /* 万元 written in the cell */
} gk_unit;

/* A cell's value: value / 10^scale, exactly (fixed point; never floating point). */
typedef struct gk_value {
    int64_t value;
    uint8_t scale; /* digits after the decimal point as written, 0..6 */
    uint8_t state; /* gk_cell_state */
    uint8_t unit;  /* gk_unit */
    gk_text src;   /* the cell as written, with its position (empty if MISSING) */
} gk_value;

typedef enum gk_severity {
    GK_SEV_NOTE = 0,
    GK_SEV_WARNING,
    GK_SEV_ERROR,
} gk_severity;

/* One finding about a report. Strings are never NULL (empty when not applicable). */
typedef struct gk_diag {
    gk_severity severity;
    const char *rule;     /* V-T3-01, P-COUNT, GK-BLANK, … */
    const char *keys;     /* cell keys involved, space-separated */
    const char *expected; /* expected value as a decimal literal, or "" */
    const char *actual;   /* value found, or "" */
    const char *msg_zh;
    const char *msg_en;
    uint32_t line; /* 1-based, 0 when the finding concerns the whole file */
    uint32_t col;
    uint32_t page; /* 1-based PDF page of `line`; 0 for inputs without pages */
} gk_diag;

typedef struct gk_doc gk_doc;

/* A section's text: the heading and the paragraphs up to the next heading. */
typedef struct gk_section {
    int present;
    int ordinal;       /* the number the heading was written with (1–6), 0 if none */
    int digit_ordinal; /* 1 if written with an Arabic digit ("4、") instead of 四、 */
    gk_text heading;
    const char *body; /* paragraphs joined by '\n' (raw text); "" if none */
    size_t body_len;
} gk_section;

/*
 * Builds a document from blocks (does not take ownership of `b`; copies what it keeps).
 * `name` is the file name used in diagnostics. Never fails on content.
 */
GK_API gk_status gk_doc_from_blocks(const gk_blocks *b, const char *name, gk_doc **out,
                                    gk_error *err);

/* Reads a text report from memory: gk_blocks_read_text + gk_doc_from_blocks. */
GK_API gk_status gk_doc_read_text(const char *data, size_t len, const char *name, gk_doc **out,
                                  gk_error *err);

/* Reads a report in any supported format and encoding: gk_blocks_read + gk_doc_from_blocks. */
GK_API gk_status gk_doc_read(const char *data, size_t len, const char *name, gk_doc **out,
                             gk_error *err);

/* Reads a report file of any supported format (at most GK_MAX_INPUT_BYTES). */
GK_API gk_status gk_doc_read_file(const char *path, gk_doc **out, gk_error *err);

GK_API void gk_doc_free(gk_doc *doc);

GK_API const char *gk_doc_name(const gk_doc *doc);
GK_API gk_input_kind gk_doc_input(const gk_doc *doc);  /* what the source was */
GK_API const char *gk_doc_encoding(const gk_doc *doc); /* e.g. "GB18030"; NULL for PDF, DOCX */
GK_API int gk_doc_is_report(const gk_doc *doc);        /* 0 if nothing of a report was found */
GK_API int gk_doc_year(const gk_doc *doc);             /* 0 if unknown */
GK_API const char *gk_doc_agency(const gk_doc *doc);   /* "" if unknown */
/* Publication date as YYYYMMDD, 0 if none was found. */
GK_API int gk_doc_published(const gk_doc *doc);

/* The format a table was written in (GK_FORMAT_UNKNOWN if the table is missing). */
GK_API gk_format gk_doc_format(const gk_doc *doc, gk_table_id table);
/* The table's definition in that format; NULL if the table is missing. */
GK_API const gk_table_def *gk_doc_table(const gk_doc *doc, gk_table_id table);
/* Overall template: the T2 format if known, else the T3 format. */
GK_API gk_format gk_doc_template(const gk_doc *doc);

/* Cell (row, col) of a table, as indexed by gk_doc_table(); NULL if the table is missing. */
GK_API const gk_value *gk_doc_cell(const gk_doc *doc, gk_table_id table, int row, int col);
/* Cell by key ("t3.new.np"); NULL if no table of the document has that key. */
GK_API const gk_value *gk_doc_cell_by_key(const gk_doc *doc, const char *key);

/* Extra rows found under a known row (the 2019 procurement breakdown): label and values. */
typedef struct gk_extra_row {
    const char *parent; /* row key, e.g. "t2v19.procurement" */
    gk_text label;
    const gk_value *values;
    int nvalues;
} gk_extra_row;
GK_API int gk_doc_extra_count(const gk_doc *doc);
GK_API const gk_extra_row *gk_doc_extra(const gk_doc *doc, int i);

GK_API const gk_section *gk_doc_section(const gk_doc *doc, gk_section_id id);

/* Prose paragraphs (not table cells) in source order, for prose checks. */
GK_API size_t gk_doc_para_count(const gk_doc *doc);
GK_API const gk_text *gk_doc_para(const gk_doc *doc, size_t i, gk_section_id *section);

GK_API size_t gk_doc_diag_count(const gk_doc *doc);
GK_API const gk_diag *gk_doc_diag(const gk_doc *doc, size_t i);
/* Number of diagnostics of at least the given severity. */
GK_API size_t gk_doc_diag_count_at_least(const gk_doc *doc, gk_severity sev);

/* Adds a diagnostic; all strings are copied (NULL is taken as ""). */
GK_API void gk_doc_add_diag(gk_doc *doc, gk_severity sev, const char *rule, const char *keys,
                            const char *expected, const char *actual, uint32_t line, uint32_t col,
                            const char *msg_zh, const char *msg_en);

/* Formats a value as a decimal literal ("59.91", "-8"); "" for non-numbers. Returns buf. */
GK_API char *gk_value_format(const gk_value *v, char *buf, size_t size);

/* A cell as written: a number as gk_value_format, an invalid cell's raw text (cut to size),
 * "" for a blank or missing cell (or v NULL). Returns buf or a constant "". */
GK_API const char *gk_value_text(const gk_value *v, char *buf, size_t size);

/*
 * The same report twice in a set of inputs (a PDF and its text copy): a set of fingerprints of
 * reports' data — agency, year and every cell of every table as written. gk_dupset_add records
 * a report under its index and name and returns -1, or, when a report with the same data was
 * added before, returns that one's index and sets *first_name (if not NULL) to its name (kept
 * by the set). Documents that are not reports are never duplicates (-1, not recorded).
 * Memory: 16 bytes, an index and a name per distinct report.
 */
typedef struct gk_dupset gk_dupset;
GK_API gk_dupset *gk_dupset_new(void);
GK_API long gk_dupset_add(gk_dupset *s, const gk_doc *doc, long index, const char *name,
                          const char **first_name);
GK_API void gk_dupset_free(gk_dupset *s);

#endif
