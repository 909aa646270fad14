/*
 * calendar_path.c — finding and loading the working-day calendar (calendar_path.h).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calendar_path.h"

#define DATA_FILE "calendar-cn.tsv"

/* The default calendar beside the executable; 0 and the path in buf, or -1. */
static int default_calendar(char *buf, size_t size)
{
    static const char *const rel[] = {"/../data/" DATA_FILE, "/../share/gongkai/" DATA_FILE};
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return -1;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return -1;
    *slash = '\0';
    for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
        snprintf(buf, size, "%s%s", exe, rel[i]);
        if (access(buf, R_OK) == 0)
            return 0;
    }
    return -1;
}

gk_calendar *cli_calendar_open(const char *cmd, const char *option)
{
    char path[PATH_MAX + 64];
    const char *env = getenv("GONGKAI_CALENDAR");
    if (option)
        snprintf(path, sizeof path, "%s", option);
    else if (env && *env)
        snprintf(path, sizeof path, "%s", env);
    else if (default_calendar(path, sizeof path) < 0) {
        fprintf(
            stderr,
            "gongkai %s: 找不到日历数据文件 %s；请用 --calendar FILE 或 GONGKAI_CALENDAR 指定 / "
            "calendar data file not found; give --calendar FILE or GONGKAI_CALENDAR\n",
            cmd, DATA_FILE);
        return NULL;
    }
    gk_calendar *cal = NULL;
    gk_error err = {GK_OK, ""};
    if (gk_calendar_load(path, &cal, &err) != GK_OK) {
        fprintf(stderr, "gongkai %s: %s\n", cmd, err.msg);
        return NULL;
    }
    return cal;
}
