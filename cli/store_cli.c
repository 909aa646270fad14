/*
 * store_cli.c — what the commands working on a store share (store_cli.h): opening it, the
 * acting user, the agency a command is about, today's date and a year argument.
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store_cli.h"

gk_store *cli_store_open(const char *cmd, const char *url)
{
    const char *env = getenv("GONGKAI_DB");
    if (!url)
        url = env && *env ? env : NULL;
    if (!url) {
        fprintf(stderr,
                "gongkai %s: 需要 --db URL 或环境变量 GONGKAI_DB（如 sqlite:gongkai.db）/ --db URL "
                "or GONGKAI_DB is required (e.g. sqlite:gongkai.db)\n",
                cmd);
        return NULL;
    }
    gk_store *s = NULL;
    gk_error err = {GK_OK, ""};
    if (gk_store_open(url, &s, &err) != GK_OK) {
        fprintf(stderr, "gongkai %s: %s\n", cmd, err.msg);
        return NULL;
    }
    return s;
}

const char *cli_actor(const char *name)
{
    const char *user = getenv("USER");
    if (name)
        return name;
    if (user && *user)
        return user;
    struct passwd *pw = getpwuid(getuid());
    return pw && pw->pw_name ? pw->pw_name : "cli";
}

typedef struct agencies {
    gk_agency first;
    size_t n;
} agencies;

static int count_agency(void *p, const gk_agency *a)
{
    agencies *ag = p;
    if (ag->n++ == 0)
        ag->first = *a;
    return 0;
}

int cli_agency(const char *cmd, gk_store *s, const char *name, gk_agency *out)
{
    gk_error err = {GK_OK, ""};
    if (name) {
        int found = 0;
        if (gk_store_agency_find(s, name, out, &found, &err) != GK_OK)
            return fprintf(stderr, "gongkai %s: %s\n", cmd, err.msg), -1;
        if (!found)
            return fprintf(stderr,
                           "gongkai %s: 没有机关“%s”；请先用 gongkai case agency add 添加 / no "
                           "agency '%s': add it with gongkai case agency add\n",
                           cmd, name, name),
                   -1;
        return 0;
    }
    agencies ag = {{0, ""}, 0};
    if (gk_store_agency_list(s, count_agency, &ag, &err) != GK_OK)
        return fprintf(stderr, "gongkai %s: %s\n", cmd, err.msg), -1;
    if (ag.n == 1) {
        *out = ag.first;
        return 0;
    }
    if (ag.n == 0)
        fprintf(stderr,
                "gongkai %s: 尚无机关；请先用 gongkai case agency add NAME 添加 / no agency yet: "
                "add one with gongkai case agency add NAME\n",
                cmd);
    else
        fprintf(stderr,
                "gongkai %s: 数据库中有 %zu 个机关，请用 --agency NAME 指定 / the store has %zu "
                "agencies: name one with --agency NAME\n",
                cmd, ag.n, ag.n);
    return -1;
}

int cli_year(const char *cmd, const char *s, int *out)
{
    char *end;
    long y = s ? strtol(s, &end, 10) : 0;
    if (!s || !*s || *end || y < 1900 || y > 9999)
        return fprintf(stderr, "gongkai %s: 年份“%s”无效 / invalid year '%s'\n", cmd, s ? s : "",
                       s ? s : ""),
               -1;
    *out = (int)y;
    return 0;
}
