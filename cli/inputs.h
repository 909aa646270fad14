/*
 * inputs.h — the command line's input list: files, directories (walked recursively, in name
 * order, hidden entries skipped) and "-" for standard input.
 *
 * A walk lists regular files and symbolic links to regular files only. It does not descend into
 * a symbolic link to a directory (a loop, or the same files twice) and skips FIFOs, sockets,
 * devices and dangling links (reading a FIFO would wait forever); each skipped entry is named on
 * standard error. A path named on the command line is taken as given, whatever it is.
 */
#ifndef GK_CLI_INPUTS_H
#define GK_CLI_INPUTS_H

#include <stddef.h>

typedef struct inputs {
    char **paths; /* owned; "-" stands for standard input */
    size_t n, cap;
    int dirs;  /* how many arguments were directories */
    int empty; /* how many of them held no file to read (each named on standard error) */
} inputs;

/* Expands the arguments; a directory that cannot be opened is kept as a path (reading it
 * reports the error). Returns 0, or -1 when a directory is nested deeper than the limit. */
int inputs_expand(inputs *in, char **args, int nargs);
void inputs_free(inputs *in);

#endif
