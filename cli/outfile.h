/*
 * outfile.h — an output file that appears only when complete: written to a temporary file next
 * to it and renamed into place, so an interrupted run never leaves half a file.
 */
#ifndef GK_CLI_OUTFILE_H
#define GK_CLI_OUTFILE_H

#include <stdio.h>

typedef struct outfile {
    FILE *f;
    char *tmp, *path;
} outfile;

/* Opens a temporary file next to path; returns 0, or -1 (with a message on stderr). */
int outfile_open(outfile *o, const char *path);

/* Closes and renames into place if ok and every write succeeded; else removes the temporary
 * file. Returns 0 when the output is in place. */
int outfile_close(outfile *o, int ok);

#endif
