/* report.c — placeholder; being written. */
#include <stdio.h>

#include "cli.h"

int cmd_report(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("gongkai report: not yet\n", stderr);
    return EXIT_UNREADABLE;
}
