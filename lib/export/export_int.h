/*
 * export_int.h — the exporter and the writers behind it (xlsx.c, csv.c, jsonl.c, sqlite.c).
 *
 * export.c owns the exporter: the temporary file and its rename, duplicate detection, the
 * agency level, and the dataset's columns. A writer only turns one report (or one unreadable
 * input) into its format.
 */
#ifndef GK_EXPORT_INT_H
#define GK_EXPORT_INT_H

#include <gongkai/export.h>
#include <gongkai/schema.h>
#include <stdint.h>
#include <stdio.h>

/* What a writer gets for each report. */
typedef struct export_report {
    size_t index; /* 0-based, in the order added (unreadable inputs included) */
    const char *file;
    const gk_doc *doc;  /* NULL for an unreadable input */
    const char *why;    /* unreadable: the reason; else NULL */
    const char *agency; /* "" if unknown */
    gk_level level;
    int year;                   /* 0 if unknown */
    long duplicate_of;          /* index of the first report with the same data, or -1 */
    const char *duplicate_file; /* that first report's file, or NULL */
    size_t errors, warnings, notes;
} export_report;

typedef struct export_writer export_writer;

typedef struct export_ops {
    /* Creates the output at tmp_path (which does not exist yet). */
    gk_status (*open)(export_writer **w, const char *tmp_path, gk_lang lang, gk_error *err);
    gk_status (*add)(export_writer *w, const export_report *r, gk_error *err);
    /* Finishes and frees the writer; the file at tmp_path is then complete. */
    gk_status (*close)(export_writer *w, gk_error *err);
    /* Frees the writer without finishing (the file is removed by export.c). */
    void (*abort)(export_writer *w);
} export_ops;

extern const export_ops export_xlsx_ops, export_csv_wide_ops, export_csv_long_ops, export_jsonl_ops,
    export_sqlite_ops;

/*
 * The dataset's sheets: one per table and template family, each with its cell keys in schema
 * order. "t2" (2021), "t2v19" (2019), "t3" (the 2021 rows, then the 2019 row t3.other), "t4".
 * A report fills the columns of the template it follows and leaves the others empty.
 */
typedef struct export_sheet {
    const char *name;
    const char *title_zh; /* sheet title shown to people: 主动公开, … */
    const char *const *keys;
    int nkeys;
} export_sheet;

int export_sheet_count(void);
const export_sheet *export_sheet_at(int i);

/* The cell `key` of a document, or NULL when the document has no such cell. */
const gk_value *export_cell(const gk_doc *doc, const char *key);

/* Fills err with "<format>: <what>: <errno text>" (or "write error") and returns GK_ERR_IO. */
gk_status export_io_error(gk_error *err, const char *format, const char *what);

/* Metadata column names shared by every format, in order, and one report's values. */
#define EXPORT_META_COLUMNS 11
extern const char *const export_meta_names[EXPORT_META_COLUMNS];
/* Fills vals[] (pointers into buf or static strings) with r's metadata. */
void export_meta_values(const export_report *r, gk_lang lang, char *buf, size_t size,
                        const char *vals[EXPORT_META_COLUMNS]);

#endif
