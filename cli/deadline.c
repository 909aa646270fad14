/* deadline.c — placeholder; being written. */
#include <stdio.h>

#include "cli.h"

int cmd_deadline(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("gongkai deadline: not yet\n", stderr);
    return EXIT_UNREADABLE;
}

int cmd_calendar(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("gongkai calendar: not yet\n", stderr);
    return EXIT_UNREADABLE;
}
