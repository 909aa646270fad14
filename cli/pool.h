/*
 * pool.h — reading a set of inputs on all cores and handing the checked documents over in
 * input order, with a progress line on a terminal.
 *
 * Workers take the next input, read and check it, and park the result in a window of slots; the
 * calling thread hands results over in input order. Workers wait when they are a whole window
 * ahead, so at most a window of documents is held however many inputs there are.
 */
#ifndef GK_CLI_POOL_H
#define GK_CLI_POOL_H

#include "cli.h"

/*
 * Called on the calling thread for input i, in input order. doc is NULL when the input could not
 * be read (or, with need_report, is not a report); why then says why. The callback owns doc.
 * Returns 0 to go on, nonzero to stop the run.
 */
typedef int (*pool_take_fn)(void *ctx, size_t i, gk_doc *doc, const char *why);

/*
 * Reads and checks o->in on o->jobs threads (0: one per core). Returns 0 when every input was
 * handed over, -1 when the callback stopped the run or no thread could be started.
 */
int pool_run(const opts *o, int need_report, pool_take_fn take, void *ctx);

/* Prints a message line on standard error, first clearing the progress line if one is shown. */
void pool_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
