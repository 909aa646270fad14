/*
 * compare_int.h — what compare_render.c needs of a comparison beyond the public API.
 */
#ifndef GK_COMPARE_INT_H
#define GK_COMPARE_INT_H

#include <gongkai/compare.h>

/* The document holding the comparison's diagnostics, named "OLD → NEW". */
const gk_doc *compare_notes(const gk_comparison *c);

#endif
