/*
 * render.c — output-format dispatch and helpers shared by the writers.
 */
#include <string.h>

#include "render_int.h"

int gk_render_format_from_name(const char *name)
{
    static const char *const names[] = {"json", "csv", "md", "html", "text"};
    for (int i = 0; i < 5; i++)
        if (name && strcmp(name, names[i]) == 0)
            return i;
    return -1;
}

gk_status gk_render(const gk_doc *doc, gk_render_format fmt, gk_lang lang, FILE *out)
{
    if (!doc || !out)
        return GK_ERR_INVALID_ARG;
    switch (fmt) {
    case GK_RENDER_JSON:
        return render_json(doc, lang, out);
    case GK_RENDER_CSV:
        return render_csv(doc, out);
    case GK_RENDER_MD:
        return render_md(doc, out);
    case GK_RENDER_HTML:
        return render_html(doc, out);
    case GK_RENDER_TEXT:
        return render_text(doc, out);
    }
    return GK_ERR_INVALID_ARG;
}

void render_lines(const gk_section *sec, void (*line)(const char *s, size_t len, FILE *out),
                  FILE *out)
{
    if (!sec || !sec->body)
        return;
    const char *p = sec->body, *end = sec->body + sec->body_len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (len > 0)
            line(p, len, out);
        p += len + 1;
    }
}

void render_cell_text(const gk_value *v, char *buf, size_t size)
{
    if (!v || v->state == GK_CELL_MISSING) {
        snprintf(buf, size, "?");
        return;
    }
    if (v->state == GK_CELL_INVALID) {
        snprintf(buf, size, "%.*s", (int)v->src.raw_len, v->src.raw);
        return;
    }
    gk_value_format(v, buf, size);
}

const char *gk_severity_name(gk_severity sev, gk_lang lang)
{
    static const char *const zh[] = {"提示", "警告", "错误"};
    static const char *const en[] = {"note", "warning", "error"};
    if ((unsigned)sev > GK_SEV_ERROR)
        sev = GK_SEV_ERROR;
    return lang == GK_LANG_EN ? en[sev] : zh[sev];
}

const gk_table_def *render_section_table(const gk_doc *doc, int s)
{
    int id = gk_schema_section((gk_section_id)s)->table;
    return id < 0 ? NULL : gk_doc_table(doc, (gk_table_id)id);
}
