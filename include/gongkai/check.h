/*
 * check.h — the checker: every single-report rule of the format, and the prose checked
 * against the tables.
 *
 * gk_check() appends diagnostics to the document. Rule ids are the spec's (V-T3-01 …) for
 * format rules, P-* for prose-against-table checks and GK-* for structure problems found
 * while reading. docs/rules.md lists them all.
 */
#ifndef GONGKAI_CHECK_H
#define GONGKAI_CHECK_H

#include <gongkai/doc.h>

GK_API void gk_check(gk_doc *doc);

/* Sorts the document's diagnostics by line, then column, then rule id. */
GK_API void gk_doc_sort_diags(gk_doc *doc);

#endif
