/*
 * render.h — writing a document out: JSON, long CSV, Markdown, HTML and the canonical text
 * layout (which reads back to the same document), plus diagnostics in gcc style or JSON.
 *
 * Renderers write into a caller-provided FILE*. They never change the document.
 */
#ifndef GONGKAI_RENDER_H
#define GONGKAI_RENDER_H

#include <gongkai/doc.h>
#include <stdio.h>

typedef enum gk_render_format {
    GK_RENDER_JSON = 0,
    GK_RENDER_CSV,
    GK_RENDER_MD,
    GK_RENDER_HTML,
    GK_RENDER_TEXT,
} gk_render_format;

typedef enum gk_lang {
    GK_LANG_ZH = 0,
    GK_LANG_EN,
} gk_lang;

/* Parses "json", "csv", "md", "html", "text"; returns -1 for anything else. */
GK_API int gk_render_format_from_name(const char *name);

/* Writes the document. CSV writes rows only (the caller writes the header once). */
GK_API gk_status gk_render(const gk_doc *doc, gk_render_format fmt, gk_lang lang, FILE *out);

/* The CSV header line "file,key,value\n". */
GK_API void gk_render_csv_header(FILE *out);

/* One CSV field, quoted as RFC 4180 needs (for clients writing their own CSV rows). */
GK_API void gk_render_csv_field(FILE *out, const char *s);

/* The document as `--format json` gives it, on one line (JSON Lines). */
GK_API gk_status gk_render_json_line(const gk_doc *doc, gk_lang lang, FILE *out);

/* Diagnostics as "file:line:col: severity: message [rule] (keys)" lines. */
GK_API void gk_render_diags_gcc(const gk_doc *doc, gk_lang lang, FILE *out);

/* Diagnostics as one JSON object {"file":…, "diagnostics":[…]} followed by a newline. */
GK_API void gk_render_diags_json(const gk_doc *doc, gk_lang lang, FILE *out);

GK_API const char *gk_severity_name(gk_severity sev, gk_lang lang);

#endif
