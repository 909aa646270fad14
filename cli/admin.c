/* admin.c — placeholder; being written. */
#include <stdio.h>

#include "cli.h"

int cmd_audit(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("gongkai audit: not yet\n", stderr);
    return EXIT_UNREADABLE;
}

int cmd_user(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("gongkai user: not yet\n", stderr);
    return EXIT_UNREADABLE;
}
