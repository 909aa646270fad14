/* case.c — placeholder; being written. */
#include <stdio.h>

#include "cli.h"

int cmd_case(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("gongkai case: not yet\n", stderr);
    return EXIT_UNREADABLE;
}
