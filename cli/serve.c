/* serve.c — placeholder; being written. */
#include <stdio.h>

#include "cli.h"

int cmd_serve(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("gongkai serve: not yet\n", stderr);
    return EXIT_UNREADABLE;
}
