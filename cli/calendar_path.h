/*
 * calendar_path.h — finding and loading the working-day calendar for the commands that need it
 * (deadline, calendar show, case): --calendar FILE, else $GONGKAI_CALENDAR, else
 * ../data/calendar-cn.tsv or ../share/gongkai/calendar-cn.tsv beside the executable
 * (docs/deadlines.md).
 */
#ifndef GK_CLI_CALENDAR_PATH_H
#define GK_CLI_CALENDAR_PATH_H

#include <gongkai/deadline.h>

/* Loads the calendar named by `option` (may be NULL), the environment or the default; NULL
 * with a message on stderr naming "gongkai CMD". Freed with gk_calendar_free. */
gk_calendar *cli_calendar_open(const char *cmd, const char *option);

#endif
