/*
 * compare_int.h — what compare_render.c needs of a comparison beyond the public API.
 */
#ifndef GK_COMPARE_INT_H
#define GK_COMPARE_INT_H

#include <gongkai/compare.h>

/* The document holding the comparison's diagnostics, named "OLD → NEW". */
const gk_doc *compare_notes(const gk_comparison *c);

/* The two reports compared. */
const gk_doc *compare_old(const gk_comparison *c);
const gk_doc *compare_new(const gk_comparison *c);

/* Checks the new report's 同比 claims against the old report (yoy.c); adds P-YOY warnings. */
void compare_prose(gk_doc *notes, const gk_doc *before, const gk_doc *now);

#endif
