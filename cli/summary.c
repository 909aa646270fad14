/*
 * summary.c — `gongkai summary`; placeholder, being written.
 */
#include <stdio.h>

#include "cli.h"

int cmd_summary(const opts *o)
{
    (void)o;
    fputs("gongkai summary: not written yet\n", stderr);
    return EXIT_UNREADABLE;
}
