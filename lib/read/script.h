/*
 * script.h — traditional-character input read with the simplified labels.
 */
#ifndef GK_SCRIPT_H
#define GK_SCRIPT_H

#include "blocks_int.h"

/* If the blocks are written in traditional characters, converts every matching form (`norm`)
 * to simplified with OpenCC (t2s) and records a note; `raw` keeps the original text. */
void script_fold(gk_blocks *b);

#endif
