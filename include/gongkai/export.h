/*
 * export.h — one dataset from many reports: every cell of every report, its metadata and its
 * diagnostics, written as XLSX, CSV (wide or long), JSON Lines or an SQLite database.
 *
 * An exporter writes to a temporary file next to the output and renames it over the output
 * only in gk_export_close(), so an interrupted run never leaves a half-written file.
 * Documents are added one at a time, in the order they should appear; an exporter is not
 * shared between threads (read and check documents on as many threads as you like, add them
 * from one).
 */
#ifndef GONGKAI_EXPORT_H
#define GONGKAI_EXPORT_H

#include <gongkai/doc.h>
#include <gongkai/render.h>
#include <gongkai/status.h>

typedef enum gk_export_format {
    GK_EXPORT_XLSX = 0, /* sheets: reports, t2, t2v19, t3, t4, problems */
    GK_EXPORT_CSV_WIDE, /* one row per report, a column per cell key */
    GK_EXPORT_CSV_LONG, /* file,key,value — one row per cell */
    GK_EXPORT_JSONL,    /* one JSON object per report per line (as `parse --format json`) */
    GK_EXPORT_SQLITE,   /* tables reports, cells, diagnostics (docs/dataset.md) */
} gk_export_format;

/* "xlsx", "csv", "csv-long", "jsonl", "sqlite" → the format, or -1. */
GK_API int gk_export_format_from_name(const char *name);

/* The administrative level of an agency, inferred from its name. */
typedef enum gk_level {
    GK_LEVEL_UNKNOWN = 0,
    GK_LEVEL_PROVINCE,   /* 省、自治区、直辖市人民政府 */
    GK_LEVEL_CITY,       /* 市、自治州、盟 (prefecture level) */
    GK_LEVEL_COUNTY,     /* 县、区、县级市、旗 */
    GK_LEVEL_TOWNSHIP,   /* 乡、镇、街道 */
    GK_LEVEL_DEPARTMENT, /* a department of a government: 局、委、办、厅 … */
} gk_level;

GK_API gk_level gk_agency_level(const char *agency);
GK_API const char *gk_level_name(gk_level level, gk_lang lang); /* "county" / "县级" */

typedef struct gk_exporter gk_exporter;

/* Starts writing `path` in `format`; messages in the dataset are in `lang`. */
GK_API gk_status gk_export_open(gk_export_format format, const char *path, gk_lang lang,
                                gk_exporter **out, gk_error *err);

/*
 * Adds a read (and usually checked) document. A document whose tables hold the same data as
 * one added before (same agency, year and every cell) is still written, and a GK-DUPLICATE
 * problem names the first one.
 */
GK_API gk_status gk_export_add(gk_exporter *x, const gk_doc *doc, gk_error *err);

/* Records an input that could not be read at all, with the reason, as a problem row. */
GK_API gk_status gk_export_add_unreadable(gk_exporter *x, const char *file, const char *why,
                                          gk_error *err);

/* Finishes the output and renames it into place; frees the exporter in every case. */
GK_API gk_status gk_export_close(gk_exporter *x, gk_error *err);

/* Drops the temporary output and frees the exporter (an interrupted run). */
GK_API void gk_export_abort(gk_exporter *x);

#endif
