/*
 * inputs.h — the command line's input list: files, directories (walked recursively, in name
 * order, hidden entries skipped) and "-" for standard input.
 */
#ifndef GK_CLI_INPUTS_H
#define GK_CLI_INPUTS_H

#include <stddef.h>

typedef struct inputs {
    char **paths; /* owned; "-" stands for standard input */
    size_t n, cap;
} inputs;

/* Expands the arguments; a directory that cannot be opened is kept as a path (reading it
 * reports the error). Returns 0, or -1 when a directory is nested deeper than the limit. */
int inputs_expand(inputs *in, char **args, int nargs);
void inputs_free(inputs *in);

#endif
