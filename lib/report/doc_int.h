/*
 * doc_int.h — the document as the reader and the checker build it.
 */
#ifndef GK_DOC_INT_H
#define GK_DOC_INT_H

#include <gongkai/doc.h>

#include "../core/arena.h"

#define GK_MAX_DIAGS 10000

struct gk_doc {
    arena mem;
    int texts_stay; /* the blocks' text will be adopted into mem: doc_copy_text need not copy */
    const char *name;
    gk_input_kind input;
    const char *encoding;
    int is_report;
    int year;
    int published; /* YYYYMMDD or 0 */
    const char *agency;
    const gk_table_def *tables[GK_TABLE_COUNT];
    gk_value *cells[GK_TABLE_COUNT];
    gk_section sections[GK_SECTION_COUNT];
    gk_extra_row *extras;
    int nextras, extras_cap;
    gk_text *paras;
    gk_section_id *para_section; /* GK_SECTION_COUNT for the preamble */
    size_t nparas, paras_cap;
    gk_diag *diags;
    size_t ndiags, diags_cap;
};

gk_doc *doc_new(const char *name);
/* A gk_text whose strings live as long as the document (copied into its arena if needed). */
gk_text doc_copy_text(gk_doc *doc, const gk_text *t);
void doc_add_para(gk_doc *doc, const gk_text *t, gk_section_id section);
void doc_add_extra(gk_doc *doc, const char *parent, const gk_text *label, const gk_value *values,
                   int n);
/* Adds a diagnostic with printf-formatted messages (Chinese, then English). */
void doc_diag(gk_doc *doc, gk_severity sev, const char *rule, const char *keys,
              const char *expected, const char *actual, const gk_text *at, const char *zh,
              const char *en);

/*
 * Building a document from values rather than reading one (the rollup, the report generated
 * from records): text without a position, sections with their canonical headings, tables and
 * number cells, all as the reader would have set them, so the result renders, reads back and
 * checks like any report.
 */

/* s copied into the document's arena, raw and in matching form; no position. */
gk_text doc_text(gk_doc *doc, const char *s);

/* Section s present under its canonical heading (一、总体情况 …), with the paragraphs
 * paras[0..n) as its body and as prose paragraphs of the section. */
void doc_put_section(gk_doc *doc, gk_section_id s, const char *const *paras, int n);

/* Table id in definition t, every cell MISSING; returns the cells (in schema order). */
gk_value *doc_put_table(gk_doc *doc, gk_table_id id, const gk_table_def *t);

/* *v becomes the number value/10^scale, written as its decimal literal. */
void doc_set_number(gk_doc *doc, gk_value *v, int64_t value, int scale);

#endif
