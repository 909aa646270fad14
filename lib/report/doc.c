/*
 * doc.c — the document: storage, accessors and diagnostics, and the building of a document
 * from values (sections, tables, number cells) for the rollup and the generated report.
 */
#include "doc_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/norm.h"
#include "../core/num.h"

gk_doc *doc_new(const char *name)
{
    gk_doc *doc = calloc(1, sizeof *doc);
    if (!doc)
        gk_oom();
    arena_init(&doc->mem);
    doc->name = arena_strdup(&doc->mem, name ? name : "-");
    doc->agency = "";
    for (int s = 0; s < GK_SECTION_COUNT; s++)
        doc->sections[s].body = "";
    return doc;
}

void gk_doc_free(gk_doc *doc)
{
    if (!doc)
        return;
    arena_free(&doc->mem);
    free(doc);
}

gk_text doc_copy_text(gk_doc *doc, const gk_text *t)
{
    gk_text c = *t;
    if (doc->texts_stay)
        return c;
    c.raw = arena_strndup(&doc->mem, t->raw ? t->raw : "", t->raw_len);
    c.norm = arena_strndup(&doc->mem, t->norm ? t->norm : "", t->norm_len);
    return c;
}

void doc_add_para(gk_doc *doc, const gk_text *t, gk_section_id section)
{
    if (doc->nparas == doc->paras_cap) {
        size_t cap = doc->paras_cap ? doc->paras_cap * 2 : 64;
        doc->paras = arena_grow(&doc->mem, doc->paras, doc->nparas, cap, sizeof *doc->paras);
        doc->para_section =
            arena_grow(&doc->mem, doc->para_section, doc->nparas, cap, sizeof *doc->para_section);
        doc->paras_cap = cap;
    }
    doc->paras[doc->nparas] = doc_copy_text(doc, t);
    doc->para_section[doc->nparas++] = section;
}

void doc_add_extra(gk_doc *doc, const char *parent, const gk_text *label, const gk_value *values,
                   int n)
{
    if (doc->nextras == doc->extras_cap) {
        int cap = doc->extras_cap ? doc->extras_cap * 2 : 8;
        doc->extras = arena_grow(&doc->mem, doc->extras, (size_t)doc->nextras, (size_t)cap,
                                 sizeof *doc->extras);
        doc->extras_cap = cap;
    }
    gk_value *v = arena_alloc(&doc->mem, (size_t)n * sizeof *v);
    for (int i = 0; i < n; i++) {
        v[i] = values[i];
        v[i].src = doc_copy_text(doc, &values[i].src);
    }
    doc->extras[doc->nextras++] = (gk_extra_row){parent, doc_copy_text(doc, label), v, n};
}

void gk_doc_add_diag(gk_doc *doc, gk_severity sev, const char *rule, const char *keys,
                     const char *expected, const char *actual, uint32_t line, uint32_t col,
                     const char *msg_zh, const char *msg_en)
{
    if (!doc || doc->ndiags >= GK_MAX_DIAGS)
        return;
    if (doc->ndiags == doc->diags_cap) {
        size_t cap = doc->diags_cap ? doc->diags_cap * 2 : 32;
        doc->diags = arena_grow(&doc->mem, doc->diags, doc->ndiags, cap, sizeof *doc->diags);
        doc->diags_cap = cap;
    }
    const char *src[6] = {rule, keys, expected, actual, msg_zh, msg_en};
    size_t len[6], total = 0;
    for (int i = 0; i < 6; i++)
        total += (len[i] = src[i] ? strlen(src[i]) : 0) + 1;
    char *p = arena_alloc_raw(&doc->mem, total), *copy[6];
    for (int i = 0; i < 6; i++) { /* all six strings in one allocation */
        copy[i] = p;
        if (len[i])
            memcpy(p, src[i], len[i]);
        p[len[i]] = '\0';
        p += len[i] + 1;
    }
    doc->diags[doc->ndiags++] =
        (gk_diag){sev, copy[0], copy[1], copy[2], copy[3], copy[4], copy[5], line, col, 0};
}

void doc_diag(gk_doc *doc, gk_severity sev, const char *rule, const char *keys,
              const char *expected, const char *actual, const gk_text *at, const char *zh,
              const char *en)
{
    size_t before = doc->ndiags;
    gk_doc_add_diag(doc, sev, rule, keys, expected, actual, at ? at->line : 0, at ? at->col : 0, zh,
                    en);
    if (at && doc->ndiags > before)
        doc->diags[before].page = at->page;
}

gk_text doc_text(gk_doc *doc, const char *s)
{
    gk_text t = {0};
    uint32_t n = 0;
    t.raw = arena_strdup(&doc->mem, s);
    t.raw_len = (uint32_t)strlen(s);
    t.norm = norm_text(&doc->mem, s, t.raw_len, &n, NULL);
    t.norm_len = n;
    return t;
}

void doc_put_section(gk_doc *doc, gk_section_id s, const char *const *paras, int n)
{
    const gk_section_def *def = gk_schema_section(s);
    char heading[256];
    snprintf(heading, sizeof heading, "%s、%s", def->ordinal, def->labels[0]);
    gk_section *sec = &doc->sections[s];
    sec->present = 1;
    sec->ordinal = (int)s + 1;
    sec->digit_ordinal = 0;
    sec->heading = doc_text(doc, heading);
    size_t len = 0;
    for (int i = 0; i < n; i++)
        len += strlen(paras[i]) + 1;
    char *body = arena_alloc(&doc->mem, len + 1);
    len = 0;
    for (int i = 0; i < n; i++) {
        gk_text t = doc_text(doc, paras[i]);
        memcpy(body + len, t.raw, t.raw_len);
        body[len + t.raw_len] = '\n';
        len += t.raw_len + 1;
        doc_add_para(doc, &t, s);
    }
    sec->body = body;
    sec->body_len = len;
}

gk_value *doc_put_table(gk_doc *doc, gk_table_id id, const gk_table_def *t)
{
    doc->tables[id] = t;
    doc->cells[id] = arena_alloc(&doc->mem, (size_t)gk_schema_cell_count(t) * sizeof(gk_value));
    return doc->cells[id];
}

void doc_set_number(gk_doc *doc, gk_value *v, int64_t value, int scale)
{
    char lit[64];
    *v = (gk_value){.value = value, .scale = (uint8_t)scale, .state = GK_CELL_NUMBER};
    gk_value_format(v, lit, sizeof lit);
    v->src.raw = v->src.norm = arena_strdup(&doc->mem, lit);
    v->src.raw_len = v->src.norm_len = (uint32_t)strlen(lit);
}

const char *gk_doc_name(const gk_doc *doc)
{
    return doc->name;
}

gk_input_kind gk_doc_input(const gk_doc *doc)
{
    return doc->input;
}

const char *gk_doc_encoding(const gk_doc *doc)
{
    return doc->encoding;
}

int gk_doc_is_report(const gk_doc *doc)
{
    return doc->is_report;
}

int gk_doc_year(const gk_doc *doc)
{
    return doc->year;
}

const char *gk_doc_agency(const gk_doc *doc)
{
    return doc->agency;
}

int gk_doc_published(const gk_doc *doc)
{
    return doc->published;
}

const gk_table_def *gk_doc_table(const gk_doc *doc, gk_table_id table)
{
    return (unsigned)table < GK_TABLE_COUNT ? doc->tables[table] : NULL;
}

gk_format gk_doc_format(const gk_doc *doc, gk_table_id table)
{
    const gk_table_def *t = gk_doc_table(doc, table);
    return t ? t->format : GK_FORMAT_UNKNOWN;
}

gk_format gk_doc_template(const gk_doc *doc)
{
    gk_format f = gk_doc_format(doc, GK_T2);
    return f != GK_FORMAT_UNKNOWN ? f : gk_doc_format(doc, GK_T3);
}

const gk_value *gk_doc_cell(const gk_doc *doc, gk_table_id table, int row, int col)
{
    const gk_table_def *t = gk_doc_table(doc, table);
    if (!t || row < 0 || row >= t->nrows || col < 0 || col >= gk_schema_ncols(t, row))
        return NULL;
    return &doc->cells[table][gk_schema_cell_index(t, row, col)];
}

const gk_value *gk_doc_cell_by_key(const gk_doc *doc, const char *key)
{
    for (int i = 0; i < GK_TABLE_COUNT; i++) {
        int r, c;
        if (doc->tables[i] && gk_schema_find_cell(doc->tables[i], key, &r, &c) == 0)
            return gk_doc_cell(doc, (gk_table_id)i, r, c);
    }
    return NULL;
}

int gk_doc_extra_count(const gk_doc *doc)
{
    return doc->nextras;
}

const gk_extra_row *gk_doc_extra(const gk_doc *doc, int i)
{
    return i >= 0 && i < doc->nextras ? &doc->extras[i] : NULL;
}

const gk_section *gk_doc_section(const gk_doc *doc, gk_section_id id)
{
    return (unsigned)id < GK_SECTION_COUNT ? &doc->sections[id] : NULL;
}

size_t gk_doc_para_count(const gk_doc *doc)
{
    return doc->nparas;
}

const gk_text *gk_doc_para(const gk_doc *doc, size_t i, gk_section_id *section)
{
    if (i >= doc->nparas)
        return NULL;
    if (section)
        *section = doc->para_section[i];
    return &doc->paras[i];
}

size_t gk_doc_diag_count(const gk_doc *doc)
{
    return doc->ndiags;
}

const gk_diag *gk_doc_diag(const gk_doc *doc, size_t i)
{
    return i < doc->ndiags ? &doc->diags[i] : NULL;
}

size_t gk_doc_diag_count_at_least(const gk_doc *doc, gk_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < doc->ndiags; i++)
        n += doc->diags[i].severity >= sev;
    return n;
}

char *gk_value_format(const gk_value *v, char *buf, size_t size)
{
    if (!v || v->state != GK_CELL_NUMBER) {
        if (size)
            buf[0] = '\0';
        return buf;
    }
    return num_format(v->value, v->scale, buf, size);
}

const char *gk_value_text(const gk_value *v, char *buf, size_t size)
{
    if (!v || v->state == GK_CELL_MISSING || v->state == GK_CELL_BLANK || size == 0)
        return "";
    if (v->state == GK_CELL_INVALID) {
        snprintf(buf, size, "%.*s", (int)(v->src.raw_len < size ? v->src.raw_len : size - 1),
                 v->src.raw);
        return buf;
    }
    return gk_value_format(v, buf, size);
}
