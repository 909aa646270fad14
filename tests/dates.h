/*
 * dates.h — dates in the tests of the disclosure work: D("2024-09-27") as a gk_date (a test
 * date that does not parse stops the program), S(d) back as text (eight buffers in turn), and
 * the project's calendar loaded from the source root (a missing one stops the program).
 */
#ifndef GK_TEST_DATES_H
#define GK_TEST_DATES_H

#include <gongkai/deadline.h>
#include <stdio.h>
#include <stdlib.h>

__attribute__((unused)) static gk_date D(const char *s)
{
    gk_date d;
    if (gk_date_parse(s, &d) != 0) {
        printf("FAIL: test date %s does not parse\n", s);
        exit(1);
    }
    return d;
}

__attribute__((unused)) static const char *S(gk_date d)
{
    static char buf[8][11];
    static int i;
    i = (i + 1) % 8;
    return gk_date_format(d, buf[i]);
}

__attribute__((unused)) static gk_calendar *t_calendar(const char *root)
{
    char path[4096];
    gk_calendar *cal = NULL;
    gk_error err;
    snprintf(path, sizeof path, "%s/data/calendar-cn.tsv", root ? root : ".");
    if (gk_calendar_load(path, &cal, &err) != GK_OK) {
        printf("FAIL: %s\n", err.msg);
        exit(1);
    }
    return cal;
}

#endif
