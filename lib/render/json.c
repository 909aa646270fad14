/*
 * json.c — the document as JSON (jansson): template, year, agency, a flat "cells" object keyed
 * by the spec's cell keys (blank cells are null, money is a decimal string so it stays exact),
 * sections and diagnostics.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "render_int.h"

static json_t *cell_json(const gk_value *v, gk_kind kind)
{
    char buf[64];
    if (v->state == GK_CELL_INVALID)
        return json_stringn(v->src.raw, v->src.raw_len);
    if (v->state != GK_CELL_NUMBER)
        return json_null();
    if (kind == GK_KIND_MONEY || v->scale != 0)
        return json_string(gk_value_format(v, buf, sizeof buf));
    return json_integer(v->value);
}

static json_t *cells_json(const gk_doc *doc)
{
    json_t *cells = json_object();
    char key[128];
    for (int i = 0; i < GK_TABLE_COUNT; i++) {
        const gk_table_def *t = gk_doc_table(doc, (gk_table_id)i);
        for (int r = 0; t && r < t->nrows; r++) {
            for (int c = 0; c < gk_schema_ncols(t, r); c++) {
                gk_schema_cell_key(t, r, c, key, sizeof key);
                json_object_set_new(cells, key,
                                    cell_json(gk_doc_cell(doc, (gk_table_id)i, r, c),
                                              gk_schema_col(t, r, c)->kind));
            }
        }
    }
    return cells;
}

static json_t *extras_json(const gk_doc *doc)
{
    json_t *arr = json_array();
    for (int i = 0; i < gk_doc_extra_count(doc); i++) {
        const gk_extra_row *x = gk_doc_extra(doc, i);
        json_t *vals = json_array();
        for (int k = 0; k < x->nvalues; k++)
            json_array_append_new(vals, cell_json(&x->values[k], GK_KIND_MONEY));
        json_array_append_new(arr, json_pack("{s:s, s:s#, s:i, s:o}", "parent", x->parent, "label",
                                             x->label.raw, (int)x->label.raw_len, "line",
                                             (int)x->label.line, "values", vals));
    }
    return arr;
}

static json_t *sections_json(const gk_doc *doc)
{
    json_t *obj = json_object();
    for (int s = 0; s < GK_SECTION_COUNT; s++) {
        const gk_section *sec = gk_doc_section(doc, (gk_section_id)s);
        json_t *v = sec->present
                        ? json_pack("{s:s#, s:i, s:s#}", "heading", sec->heading.raw,
                                    (int)sec->heading.raw_len, "line", (int)sec->heading.line,
                                    "text", sec->body, (int)sec->body_len)
                        : json_null();
        if (v && sec->heading.page)
            json_object_set_new(v, "page", json_integer(sec->heading.page));
        json_object_set_new(obj, gk_schema_section((gk_section_id)s)->key, v);
    }
    return obj;
}

static json_t *format_json(gk_format f)
{
    return f == GK_FORMAT_UNKNOWN ? json_null() : json_sprintf("%d", (int)f);
}

static json_t *doc_json(const gk_doc *doc, gk_lang lang)
{
    json_t *tables = json_object();
    for (int i = 0; i < GK_TABLE_COUNT; i++)
        json_object_set_new(tables, gk_schema_table((gk_table_id)i, GK_FORMAT_2021)->key,
                            format_json(gk_doc_format(doc, (gk_table_id)i)));
    int pub = gk_doc_published(doc);
    json_t *published =
        pub ? json_sprintf("%04d-%02d-%02d", pub / 10000, pub / 100 % 100, pub % 100) : json_null();
    json_t *o = json_object();
    json_object_set_new(o, "file", json_string(gk_doc_name(doc)));
    json_object_set_new(o, "input",
                        json_pack("{s:s, s:s}", "kind", gk_input_kind_name(gk_doc_input(doc)),
                                  "encoding", gk_doc_encoding(doc)));
    json_object_set_new(o, "template", format_json(gk_doc_template(doc)));
    json_object_set_new(o, "tables", tables);
    json_object_set_new(o, "year", gk_doc_year(doc) ? json_integer(gk_doc_year(doc)) : json_null());
    json_object_set_new(o, "agency", json_string(gk_doc_agency(doc)));
    json_object_set_new(o, "published", published);
    json_object_set_new(o, "cells", cells_json(doc));
    json_object_set_new(o, "extra_rows", extras_json(doc));
    json_object_set_new(o, "sections", sections_json(doc));
    json_object_set_new(o, "diagnostics", render_json_diags(doc, lang));
    return o;
}

static gk_status dump(json_t *o, FILE *out)
{
    int rc = json_dumpf(o, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(o);
    fputc('\n', out);
    return rc == 0 ? GK_OK : GK_ERR_IO;
}

gk_status render_json(const gk_doc *doc, gk_lang lang, FILE *out)
{
    return dump(doc_json(doc, lang), out);
}

json_t *render_json_diags(const gk_doc *doc, gk_lang lang)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < gk_doc_diag_count(doc); i++) {
        const gk_diag *d = gk_doc_diag(doc, i);
        json_t *keys = json_array();
        char buf[1024];
        snprintf(buf, sizeof buf, "%s", d->keys);
        for (char *sv = NULL, *k = strtok_r(buf, " ", &sv); k; k = strtok_r(NULL, " ", &sv))
            json_array_append_new(keys, json_string(k));
        json_t *o =
            json_pack("{s:s, s:s, s:o, s:s, s:s, s:i, s:i, s:s}", "severity",
                      gk_severity_name(d->severity, GK_LANG_EN), "rule", d->rule, "keys", keys,
                      "expected", d->expected, "actual", d->actual, "line", (int)d->line, "col",
                      (int)d->col, "message", lang == GK_LANG_EN ? d->msg_en : d->msg_zh);
        if (d->page)
            json_object_set_new(o, "page", json_integer(d->page));
        json_array_append_new(arr, o);
    }
    return arr;
}

void gk_render_diags_json(const gk_doc *doc, gk_lang lang, FILE *out)
{
    json_t *o = json_pack("{s:s, s:o}", "file", gk_doc_name(doc), "diagnostics",
                          render_json_diags(doc, lang));
    json_dumpf(o, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    fputc('\n', out);
}
