/*
 * reflow.h — reports that lost their line breaks (a web page saved as one line of text) are cut
 * back into paragraphs before the report reader looks at them.
 */
#ifndef GK_REFLOW_H
#define GK_REFLOW_H

#include <gongkai/blocks.h>

/*
 * If some paragraph of `b` holds two or more section headings inline, returns a new block list
 * in which such paragraphs are cut before and after every section heading and, within the
 * sections that hold tables, after every run of numbers (so each table row becomes a label
 * followed by its numbers, as tables.c and joined.c read them). Returns NULL when nothing needs
 * cutting. Blocks that are not cut are shallow copies that borrow the text of `b`, so the new
 * list must be freed with gk_blocks_free() before `b` is, or its arena adopted along with b's.
 */
gk_blocks *reflow_blocks(const gk_blocks *b);

#endif
