/*
 * json.c — the document as JSON (jansson): template, year, agency, a flat "cells" object keyed
 * by the spec's cell keys (blank cells are null, money is a decimal string so it stays exact),
 * sections and diagnostics.
 *
 * Every string that comes from the input (file name, raw text, messages quoting it) goes through
 * text(): jansson refuses a string that is not valid UTF-8, so its bad bytes become U+FFFD
 * instead of the value (and the whole diagnostic) going missing. A jansson value that still
 * comes back NULL can only be out of memory, which ends the process as elsewhere in the library.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include "render_int.h"

static json_t *must(json_t *v)
{
    if (!v)
        gk_oom();
    return v;
}

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0 if it is not one; *bad gets the
 * length of its longest valid beginning (at least 1) so that is replaced by one U+FFFD. */
static size_t utf8_seq(const unsigned char *s, size_t n, size_t *bad)
{
    unsigned char c = s[0];
    size_t len = c < 0x80                 ? 1
                 : c >= 0xC2 && c <= 0xDF ? 2
                 : c >= 0xE0 && c <= 0xEF ? 3
                 : c >= 0xF0 && c <= 0xF4 ? 4
                                          : 0;
    *bad = 1;
    if (len <= 1)
        return len;
    unsigned char lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    unsigned char hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    for (size_t i = 1; i < len; i++) {
        unsigned char min = i == 1 ? lo : 0x80, max = i == 1 ? hi : 0xBF;
        if (i >= n || s[i] < min || s[i] > max)
            return 0;
        *bad = i + 1;
    }
    return len;
}

/* A JSON string of len bytes of input text, invalid UTF-8 replaced by U+FFFD; null for NULL. */
json_t *render_json_text(const char *s, size_t len)
{
    if (!s)
        return must(json_null());
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, n, bad;
    while (i < len && (n = utf8_seq(u + i, len - i, &bad)) > 0)
        i += n;
    if (i == len)
        return must(json_stringn(s, len));
    char *out = malloc(len * 3 + 1); /* each bad byte at most three */
    if (!out)
        gk_oom();
    memcpy(out, s, i);
    size_t o = i;
    while (i < len) {
        n = utf8_seq(u + i, len - i, &bad);
        if (n) {
            memcpy(out + o, s + i, n);
            o += n;
            i += n;
        } else {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i += bad;
        }
    }
    json_t *v = must(json_stringn(out, o));
    free(out);
    return v;
}

static json_t *text(const char *s)
{
    return render_json_text(s, s ? strlen(s) : 0);
}

/* Sets obj[key] (a literal key) to v, taking v's reference. */
static void put(json_t *obj, const char *key, json_t *v)
{
    if (json_object_set_new(obj, key, must(v)) != 0)
        gk_oom();
}

static void append(json_t *arr, json_t *v)
{
    if (json_array_append_new(arr, must(v)) != 0)
        gk_oom();
}

static json_t *cell_json(const gk_value *v, gk_kind kind)
{
    char buf[64];
    if (v->state == GK_CELL_INVALID)
        return render_json_text(v->src.raw, v->src.raw_len);
    if (v->state != GK_CELL_NUMBER)
        return must(json_null());
    if (kind == GK_KIND_MONEY || v->scale != 0)
        return text(gk_value_format(v, buf, sizeof buf));
    return must(json_integer(v->value));
}

static json_t *cells_json(const gk_doc *doc)
{
    json_t *cells = must(json_object());
    char key[128];
    for (int i = 0; i < GK_TABLE_COUNT; i++) {
        const gk_table_def *t = gk_doc_table(doc, (gk_table_id)i);
        for (int r = 0; t && r < t->nrows; r++) {
            for (int c = 0; c < gk_schema_ncols(t, r); c++) {
                gk_schema_cell_key(t, r, c, key, sizeof key);
                put(cells, key,
                    cell_json(gk_doc_cell(doc, (gk_table_id)i, r, c),
                              gk_schema_col(t, r, c)->kind));
            }
        }
    }
    return cells;
}

static json_t *extras_json(const gk_doc *doc)
{
    json_t *arr = must(json_array());
    for (int i = 0; i < gk_doc_extra_count(doc); i++) {
        const gk_extra_row *x = gk_doc_extra(doc, i);
        json_t *vals = must(json_array());
        for (int k = 0; k < x->nvalues; k++)
            append(vals, cell_json(&x->values[k], GK_KIND_MONEY));
        json_t *row = must(json_object());
        put(row, "parent", text(x->parent));
        put(row, "label", render_json_text(x->label.raw, x->label.raw_len));
        put(row, "line", json_integer(x->label.line));
        put(row, "values", vals);
        append(arr, row);
    }
    return arr;
}

static json_t *sections_json(const gk_doc *doc)
{
    json_t *obj = must(json_object());
    for (int s = 0; s < GK_SECTION_COUNT; s++) {
        const gk_section *sec = gk_doc_section(doc, (gk_section_id)s);
        json_t *v = must(sec->present ? json_object() : json_null());
        if (sec->present) {
            put(v, "heading", render_json_text(sec->heading.raw, sec->heading.raw_len));
            put(v, "line", json_integer(sec->heading.line));
            put(v, "text", render_json_text(sec->body, sec->body_len));
            if (sec->heading.page)
                put(v, "page", json_integer(sec->heading.page));
        }
        put(obj, gk_schema_section((gk_section_id)s)->key, v);
    }
    return obj;
}

static json_t *format_json(gk_format f)
{
    return must(f == GK_FORMAT_UNKNOWN ? json_null() : json_sprintf("%d", (int)f));
}

json_t *render_doc_json(const gk_doc *doc, gk_lang lang)
{
    json_t *tables = must(json_object());
    for (int i = 0; i < GK_TABLE_COUNT; i++)
        put(tables, gk_schema_table((gk_table_id)i, GK_FORMAT_2021)->key,
            format_json(gk_doc_format(doc, (gk_table_id)i)));
    int pub = gk_doc_published(doc);
    json_t *published =
        pub ? json_sprintf("%04d-%02d-%02d", pub / 10000, pub / 100 % 100, pub % 100) : json_null();
    json_t *input = must(json_object());
    put(input, "kind", text(gk_input_kind_name(gk_doc_input(doc))));
    put(input, "encoding", text(gk_doc_encoding(doc))); /* null: PDF and DOCX have none */
    json_t *o = must(json_object());
    put(o, "file", text(gk_doc_name(doc)));
    put(o, "input", input);
    put(o, "template", format_json(gk_doc_template(doc)));
    put(o, "tables", tables);
    put(o, "year", gk_doc_year(doc) ? json_integer(gk_doc_year(doc)) : json_null());
    put(o, "agency", text(gk_doc_agency(doc)));
    put(o, "published", published);
    put(o, "cells", cells_json(doc));
    put(o, "extra_rows", extras_json(doc));
    put(o, "sections", sections_json(doc));
    put(o, "diagnostics", render_json_diags(doc, lang));
    return o;
}

static gk_status dump(json_t *o, FILE *out, size_t flags)
{
    int rc = json_dumpf(o, out, flags | JSON_PRESERVE_ORDER);
    json_decref(o);
    fputc('\n', out);
    return rc == 0 ? GK_OK : GK_ERR_IO;
}

gk_status gk_render_json_line(const gk_doc *doc, gk_lang lang, FILE *out)
{
    return dump(render_doc_json(doc, lang), out, JSON_COMPACT);
}

gk_status render_json(const gk_doc *doc, gk_lang lang, FILE *out)
{
    return dump(render_doc_json(doc, lang), out, JSON_INDENT(2));
}

/* The space-separated cell keys of a diagnostic as an array. */
static json_t *keys_json(const char *keys)
{
    json_t *arr = must(json_array());
    for (const char *k = keys; *k;) {
        size_t n = strcspn(k, " ");
        if (n)
            append(arr, render_json_text(k, n));
        k += n + (k[n] == ' ');
    }
    return arr;
}

json_t *render_json_diags(const gk_doc *doc, gk_lang lang)
{
    json_t *arr = must(json_array());
    for (size_t i = 0; i < gk_doc_diag_count(doc); i++) {
        const gk_diag *d = gk_doc_diag(doc, i);
        json_t *o = must(json_object());
        put(o, "severity", text(gk_severity_name(d->severity, GK_LANG_EN)));
        put(o, "rule", text(d->rule));
        put(o, "keys", keys_json(d->keys));
        put(o, "expected", text(d->expected));
        put(o, "actual", text(d->actual));
        put(o, "line", json_integer(d->line));
        put(o, "col", json_integer(d->col));
        put(o, "message", text(lang == GK_LANG_EN ? d->msg_en : d->msg_zh));
        if (d->page)
            put(o, "page", json_integer(d->page));
        append(arr, o);
    }
    return arr;
}

void gk_render_diags_json(const gk_doc *doc, gk_lang lang, FILE *out)
{
    json_t *o = must(json_object());
    put(o, "file", text(gk_doc_name(doc)));
    put(o, "diagnostics", render_json_diags(doc, lang));
    dump(o, out, JSON_COMPACT);
}
