/*
 * rollup.c — `gongkai rollup`; placeholder, being written.
 */
#include <stdio.h>

#include "cli.h"

int cmd_rollup(const opts *o)
{
    (void)o;
    fputs("gongkai rollup: not written yet\n", stderr);
    return EXIT_UNREADABLE;
}
