/*
 * render_int.h — one writer per output format, dispatched by gk_render() in render.c.
 */
#ifndef GK_RENDER_INT_H
#define GK_RENDER_INT_H

#include <gongkai/render.h>

gk_status render_json(const gk_doc *doc, gk_lang lang, FILE *out);
gk_status render_csv(const gk_doc *doc, FILE *out);
gk_status render_md(const gk_doc *doc, FILE *out);
gk_status render_html(const gk_doc *doc, FILE *out);
gk_status render_text(const gk_doc *doc, FILE *out);

/* Builds the JSON value of a document (caller json_decref()s it); used by render_json and
 * by gk_render_diags_json. */
struct json_t;
struct json_t *render_json_diags(const gk_doc *doc, gk_lang lang);
/* The table printed under section s (二/三/四), if the document has it; NULL otherwise. */
const gk_table_def *render_section_table(const gk_doc *doc, int s);

/* One CSV field (RFC 4180: quoted when it holds a comma, quote or line break). */
void render_csv_field(FILE *out, const char *s, size_t n);

/* A JSON string of len bytes of input text, invalid UTF-8 replaced by U+FFFD; null for NULL.
 * Never NULL (out of memory aborts). */
struct json_t *render_json_text(const char *s, size_t len);
/* The JSON value of a whole document, as `parse --format json` prints it. */
struct json_t *render_doc_json(const gk_doc *doc, gk_lang lang);

/* Calls `line` for every non-empty line of a section's body. */
void render_lines(const gk_section *sec, void (*line)(const char *s, size_t len, FILE *out),
                  FILE *out);

/* Writes a cell for humans: its decimal literal, "" for blank, "?" for missing. */
void render_cell_text(const gk_value *v, char *buf, size_t size);

#endif
