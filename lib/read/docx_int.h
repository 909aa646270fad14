/*
 * docx_int.h — what the three files of the DOCX reader share: docx.c (the container, parsing
 * parts, elements and attributes), docx_walk.c (the walk of w:body) and docx_lists.c (list
 * numbering).
 */
#ifndef GK_DOCX_INT_H
#define GK_DOCX_INT_H

#include <libxml/tree.h>
#include <stddef.h>

#include "readers.h"

#define LVL_TEXT 96 /* bytes of a level's label pattern kept */

/* A growing byte buffer (malloc'd; the text read from the XML tree). */
typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

/* List numbering definitions (docx_lists.c). */
typedef struct lists lists;

/* ---- docx.c ---- */

void docx_buf_free(buf *b);

/* calloc of n (at least 1) items; never NULL. */
void *docx_alloc_n(size_t n, size_t size);

int docx_ns_is(const xmlNode *n, const char *href);
int docx_is_w_ns(const xmlNode *n);

/* Whether n is the WordprocessingML element `name`. */
int docx_is_w(const xmlNode *n, const char *name);

/* The first WordprocessingML child element of n called `name`, or NULL. */
const xmlNode *docx_w_child(const xmlNode *n, const char *name);

/* Attribute `name` (any namespace) of element n as a short string in out, or NULL if absent. */
const char *docx_attr(const xmlNode *n, const char *name, char *out, size_t cap);

/* An on/off property (w:vanish, …): present and not switched off. */
int docx_prop_on(const xmlNode *prop);

/* A non-negative decimal attribute (at most 10^9); `dflt` if absent or not a number. */
long docx_attr_num(const xmlNode *n, const char *name, long dflt);

/* The w:val of a property element as a number. */
long docx_num_val(const xmlNode *prop, long dflt);

/* ---- docx_walk.c ---- */

/* Walks w:body into blocks, with list labels from L (may be NULL); GK_OK unless at a limit. */
gk_status docx_walk_body(gk_blocks *b, const xmlNode *body, lists *L, gk_error *err);

/* ---- docx_lists.c ---- */

/* The lists of word/numbering.xml (root `numbering`) and the paragraph styles of
 * word/styles.xml (root `styles`, NULL if missing or damaged). */
lists *docx_lists_load(const xmlNode *numbering, const xmlNode *styles);
void docx_lists_free(lists *L);

/* Writes the list label of a paragraph with properties ppr into out[0..cap), counting the
 * paragraph in its list; returns its length, 0 if the paragraph is not numbered. *space is set
 * to 1 when a tab or space follows the label. */
size_t docx_para_label(lists *L, const xmlNode *ppr, char *out, size_t cap, int *space);

#endif
