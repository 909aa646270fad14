/*
 * csv.c — the document in long CSV form: one "file,key,value" line per cell, after lines for
 * template, year and agency. A blank or missing cell has an empty value.
 */
#include <string.h>

#include "render_int.h"

void render_csv_field(FILE *out, const char *s, size_t n)
{
    size_t plain = 0; /* s need not be NUL-terminated: look at n bytes only */
    while (plain < n && !memchr(",\"\r\n", s[plain], 4))
        plain++;
    if (plain == n) {
        fwrite(s, 1, n, out);
        return;
    }
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            fputc('"', out);
        fputc(s[i], out);
    }
    fputc('"', out);
}

void gk_render_csv_field(FILE *out, const char *s)
{
    render_csv_field(out, s, strlen(s));
}

static void line(FILE *out, const char *file, const char *key, const char *value)
{
    render_csv_field(out, file, strlen(file));
    fputc(',', out);
    render_csv_field(out, key, strlen(key));
    fputc(',', out);
    render_csv_field(out, value, strlen(value));
    fputc('\n', out);
}

void gk_render_csv_header(FILE *out)
{
    fputs("file,key,value\n", out);
}

gk_status render_csv(const gk_doc *doc, FILE *out)
{
    char buf[64], key[128];
    const char *file = gk_doc_name(doc);
    snprintf(buf, sizeof buf, "%d", (int)gk_doc_template(doc));
    line(out, file, "template", gk_doc_template(doc) ? buf : "");
    snprintf(buf, sizeof buf, "%d", gk_doc_year(doc));
    line(out, file, "year", gk_doc_year(doc) ? buf : "");
    line(out, file, "agency", gk_doc_agency(doc));
    for (int i = 0; i < GK_TABLE_COUNT; i++) {
        const gk_table_def *t = gk_doc_table(doc, (gk_table_id)i);
        for (int r = 0; t && r < t->nrows; r++) {
            for (int c = 0; c < gk_schema_ncols(t, r); c++) {
                const gk_value *v = gk_doc_cell(doc, (gk_table_id)i, r, c);
                gk_schema_cell_key(t, r, c, key, sizeof key);
                if (v->state == GK_CELL_INVALID)
                    snprintf(buf, sizeof buf, "%.*s", (int)v->src.raw_len, v->src.raw);
                else
                    gk_value_format(v, buf, sizeof buf);
                line(out, file, key, buf);
            }
        }
    }
    return ferror(out) ? GK_ERR_IO : GK_OK;
}
