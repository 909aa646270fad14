/*
 * calendar.c — dates, and the official working-day calendar: which days are holidays and which
 * weekend days are make-up working days (调休), and which years' notices are published.
 *
 * The calendar is read from the project's data file (data/calendar-cn.tsv, format in
 * docs/deadlines.md) or imported from the holiday-cn JSON files (`gongkai calendar import`)
 * and written back in that format. The deadline engine (deadline.c) asks it about single days.
 */
#include "../core/fail.h"
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gongkai/deadline.h>

#include "../core/arena.h"

#define MIN_YEAR     1900
#define MAX_YEAR     9999
#define MAGIC        "gongkai-calendar"
#define NAME_MAX_LEN 200 /* bytes of a holiday name */
#define MAX_SOURCES  16  /* notice addresses of one year */

typedef struct cal_day {
    gk_date date;
    int off;
    const char *name;
} cal_day;

typedef struct cal_year {
    int year;
    int published;
    const char **sources;
    size_t nsources;
} cal_year;

struct gk_calendar {
    arena a;
    cal_day *days;
    size_t ndays, capdays;
    cal_year *years;
    size_t nyears, capyears;
};

/* ---- dates ---- */

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

/* Days from 1970-01-01, counted in 400-year cycles of a year that starts on 1 March (so the
 * leap day is the last day of its year). */
gk_date gk_date_from_ymd(int y, int m, int d)
{
    if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
        return GK_DATE_NONE;
    int ys = m <= 2 ? y - 1 : y;                    /* the March-based year */
    int cycle = ys / 400, yc = ys - cycle * 400;    /* year within its 400-year cycle */
    int mar = m > 2 ? m - 3 : m + 9;                /* months since March */
    int yday = (153 * mar + 2) / 5 + d - 1;         /* day within the March-based year */
    int cday = yc * 365 + yc / 4 - yc / 100 + yday; /* day within the cycle */
    return (gk_date)(cycle * 146097 + cday - 719468);
}

void gk_date_ymd(gk_date date, int *y, int *m, int *d)
{
    int z = (int)date + 719468; /* days since 0000-03-01; positive from year 1900 on */
    int cycle = z / 146097, cday = z - cycle * 146097;
    int yc = (cday - cday / 1460 + cday / 36524 - cday / 146096) / 365;
    int yday = cday - (365 * yc + yc / 4 - yc / 100);
    int mar = (5 * yday + 2) / 153;
    int month = mar < 10 ? mar + 3 : mar - 9;
    if (y)
        *y = yc + cycle * 400 + (month <= 2);
    if (m)
        *m = month;
    if (d)
        *d = yday - (153 * mar + 2) / 5 + 1;
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int gk_date_parse(const char *s, gk_date *out)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    gk_date date = y < 0 || m < 0 || d < 0 ? GK_DATE_NONE : gk_date_from_ymd(y, m, d);
    if (date == GK_DATE_NONE)
        return -1;
    *out = date;
    return 0;
}

gk_date gk_date_today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    return gk_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

char *gk_date_format(gk_date date, char buf[11])
{
    int y, m, d;
    if (date == GK_DATE_NONE) {
        memcpy(buf, "none", 5);
        return buf;
    }
    gk_date_ymd(date, &y, &m, &d);
    int v[3] = {y, m, d}, width[3] = {4, 2, 2};
    char *p = buf;
    for (int i = 0; i < 3; i++) {
        for (int k = width[i] - 1, x = v[i]; k >= 0; k--, x /= 10)
            p[k] = (char)('0' + x % 10);
        p += width[i];
        *p++ = i < 2 ? '-' : '\0';
    }
    return buf;
}

int gk_date_weekday(gk_date date)
{
    return (int)(((date % 7) + 7 + 3) % 7) + 1; /* 1970-01-01 was a Thursday */
}

/* ---- building a calendar ---- */

static gk_calendar *cal_new(void)
{
    gk_calendar *cal = calloc(1, sizeof *cal);
    if (!cal)
        gk_oom();
    arena_init(&cal->a);
    return cal;
}

void gk_calendar_free(gk_calendar *cal)
{
    if (!cal)
        return;
    arena_free(&cal->a);
    free(cal);
}

static cal_day *find_day(const gk_calendar *cal, gk_date date)
{
    size_t lo = 0, hi = cal->ndays;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cal->days[mid].date == date)
            return &cal->days[mid];
        if (cal->days[mid].date < date)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static cal_year *find_year(const gk_calendar *cal, int year)
{
    for (size_t i = 0; i < cal->nyears; i++)
        if (cal->years[i].year == year)
            return &cal->years[i];
    return NULL;
}

/* Adds a listed day (the days are sorted afterwards) and returns 0; if it is listed already,
 * returns 1 if with the same kind (the first name is kept), -1 if with the other. */
static int add_day(gk_calendar *cal, gk_date date, int off, const char *name)
{
    for (size_t i = 0; i < cal->ndays; i++)
        if (cal->days[i].date == date)
            return cal->days[i].off == off ? 1 : -1;
    if (cal->ndays == cal->capdays) {
        size_t cap = cal->capdays ? cal->capdays * 2 : 64;
        cal->days = arena_grow(&cal->a, cal->days, cal->ndays, cap, sizeof *cal->days);
        cal->capdays = cap;
    }
    cal->days[cal->ndays++] = (cal_day){date, off, arena_strdup(&cal->a, name)};
    return 0;
}

/* Adds a year; -1 if it is there already. */
static int add_year(gk_calendar *cal, int year, int published, const char *const *src, size_t n)
{
    if (find_year(cal, year))
        return -1;
    if (cal->nyears == cal->capyears) {
        size_t cap = cal->capyears ? cal->capyears * 2 : 32;
        cal->years = arena_grow(&cal->a, cal->years, cal->nyears, cap, sizeof *cal->years);
        cal->capyears = cap;
    }
    const char **copy = n ? arena_alloc(&cal->a, n * sizeof *copy) : NULL;
    for (size_t i = 0; i < n; i++)
        copy[i] = arena_strdup(&cal->a, src[i]);
    cal->years[cal->nyears++] = (cal_year){year, published, copy, n};
    return 0;
}

static int cmp_day(const void *a, const void *b)
{
    gk_date x = ((const cal_day *)a)->date, y = ((const cal_day *)b)->date;
    return (x > y) - (x < y);
}

static int cmp_year(const void *a, const void *b)
{
    return ((const cal_year *)a)->year - ((const cal_year *)b)->year;
}

static void cal_sort(gk_calendar *cal)
{
    if (cal->ndays)
        qsort(cal->days, cal->ndays, sizeof *cal->days, cmp_day);
    if (cal->nyears)
        qsort(cal->years, cal->nyears, sizeof *cal->years, cmp_year);
}

/* A name fits a line of the data file: not empty, not too long, no tab or line break. */
static int name_ok(const char *name)
{
    size_t n = strlen(name);
    return n > 0 && n <= NAME_MAX_LEN && !strpbrk(name, "\t\r\n");
}

/* ---- the data file ---- */

/* Splits a line at tabs in place; returns the number of fields (at most max). */
static size_t split_tabs(char *line, char **fields, size_t max)
{
    size_t n = 0;
    fields[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = '\0';
            fields[n++] = p + 1;
        }
    return n;
}

static int parse_year_num(const char *s)
{
    int y = strlen(s) == 4 ? digits(s, 4) : -1;
    return y >= MIN_YEAR && y <= MAX_YEAR ? y : -1;
}

/* `year YYYY published URL…` or `year YYYY unpublished`; 0 or -1 with the reason in why. */
static int parse_year_line(gk_calendar *cal, char **f, size_t n, const char **why)
{
    int year = n >= 3 ? parse_year_num(f[1]) : -1;
    int published = n >= 3 && strcmp(f[2], "published") == 0;
    if (year < 0 || (!published && strcmp(f[2], "unpublished") != 0)) {
        *why = "应为 year<TAB>YYYY<TAB>published|unpublished / expected year, a year and "
               "published or unpublished";
        return -1;
    }
    if (published != (n > 3) || n - 3 > MAX_SOURCES) {
        *why = "已发布的年份需列出通知地址，未发布的不列 / a published year lists its notice "
               "addresses, an unpublished one none";
        return -1;
    }
    if (add_year(cal, year, published, (const char *const *)f + 3, n - 3) < 0) {
        *why = "年份重复 / year listed twice";
        return -1;
    }
    return 0;
}

/* `YYYY-MM-DD off|work NAME`; 0 or -1 with the reason in why. */
static int parse_day_line(gk_calendar *cal, char **f, size_t n, const char **why)
{
    gk_date date;
    if (n != 3 || gk_date_parse(f[0], &date) < 0) {
        *why = "应为 YYYY-MM-DD<TAB>off|work<TAB>名称，且日期存在 / expected an existing date, "
               "off or work, and a name";
        return -1;
    }
    int off = strcmp(f[1], "off") == 0;
    if (!off && strcmp(f[1], "work") != 0) {
        *why = "第二栏应为 off 或 work / the second field must be off or work";
        return -1;
    }
    if (!name_ok(f[2])) {
        *why = "名称为空或过长 / the name is empty or too long";
        return -1;
    }
    if (add_day(cal, date, off, f[2]) != 0) {
        *why = "日期重复 / date listed twice";
        return -1;
    }
    return 0;
}

/* One line (NUL-terminated, no line break); seen_magic tracks the header line. */
static int parse_line(gk_calendar *cal, char *line, int *seen_magic, const char **why)
{
    char *f[3 + MAX_SOURCES + 1];
    size_t n = split_tabs(line, f, sizeof f / sizeof f[0]);
    if (!*seen_magic) {
        *seen_magic = n == 2 && strcmp(f[0], MAGIC) == 0 && strcmp(f[1], "1") == 0;
        *why = "首行应为 gongkai-calendar<TAB>1 / the first line must be gongkai-calendar, 1";
        return *seen_magic ? 0 : -1;
    }
    if (strcmp(f[0], "year") == 0)
        return parse_year_line(cal, f, n, why);
    return parse_day_line(cal, f, n, why);
}

static gk_status parse_text(char *text, const char *where, gk_calendar **out, gk_error *err)
{
    gk_calendar *cal = cal_new();
    int seen_magic = 0, lineno = 0;
    const char *why = NULL;
    for (char *line = text, *next; line; line = next) {
        lineno++;
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        size_t len = strlen(line);
        if (len && line[len - 1] == '\r')
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        if (parse_line(cal, line, &seen_magic, &why) < 0) {
            gk_fail(err, GK_ERR_INVALID_ARG, "%s:%d: %s", where, lineno, why);
            gk_calendar_free(cal);
            return GK_ERR_INVALID_ARG;
        }
    }
    if (!seen_magic) {
        gk_fail(err, GK_ERR_INVALID_ARG, "%s: 不是日历数据文件 / not a calendar data file", where);
        gk_calendar_free(cal);
        return GK_ERR_INVALID_ARG;
    }
    cal_sort(cal);
    *out = cal;
    return GK_OK;
}

static gk_status parse_named(const char *text, size_t len, const char *where, gk_calendar **out,
                             gk_error *err)
{
    *out = NULL;
    if (memchr(text, '\0', len)) {
        gk_fail(err, GK_ERR_INVALID_ARG, "%s: 含有 NUL 字节 / contains a NUL byte", where);
        return GK_ERR_INVALID_ARG;
    }
    char *copy = malloc(len + 1);
    if (!copy)
        gk_oom();
    memcpy(copy, text, len);
    copy[len] = '\0';
    gk_status st = parse_text(copy, where, out, err);
    free(copy);
    return st;
}

gk_status gk_calendar_parse(const char *text, size_t len, gk_calendar **out, gk_error *err)
{
    return parse_named(text, len, "calendar", out, err);
}

gk_status gk_calendar_load(const char *path, gk_calendar **out, gk_error *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        gk_fail(err, GK_ERR_IO, "%s: %s", path, strerror(errno));
        return GK_ERR_IO;
    }
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0)
        if ((n += got) == cap && cap < (64u << 20))
            buf = realloc(buf, cap *= 2); /* a failure aborts below */
    int bad = !buf || ferror(f) || n == cap;
    fclose(f);
    if (!buf)
        gk_oom();
    if (bad) {
        free(buf);
        gk_fail(err, GK_ERR_IO, "%s: 读取失败或文件过大 / read error or file too large", path);
        return GK_ERR_IO;
    }
    gk_status st = parse_named(buf, n, path, out, err);
    free(buf);
    return st;
}

gk_status gk_calendar_write(const gk_calendar *cal, FILE *f, gk_error *err)
{
    char buf[11];
    fputs("# gongkai working-day calendar: official holidays (off) and make-up working days "
          "(work)\n# from the State Council notices; format: docs/deadlines.md\n" MAGIC "\t1\n",
          f);
    for (size_t i = 0; i < cal->nyears; i++) {
        const cal_year *y = &cal->years[i];
        fprintf(f, "year\t%d\t%s", y->year, y->published ? "published" : "unpublished");
        for (size_t j = 0; j < y->nsources; j++)
            fprintf(f, "\t%s", y->sources[j]);
        fputc('\n', f);
    }
    for (size_t i = 0; i < cal->ndays; i++)
        fprintf(f, "%s\t%s\t%s\n", gk_date_format(cal->days[i].date, buf),
                cal->days[i].off ? "off" : "work", cal->days[i].name);
    if (fflush(f) != 0 || ferror(f)) {
        gk_fail(err, GK_ERR_IO, "写入失败 / write failed: %s", strerror(errno));
        return GK_ERR_IO;
    }
    return GK_OK;
}

/* ---- importing holiday-cn JSON ---- */

/* One entry of `days`; 0, or -1 with the reason in why. */
static int import_day(gk_calendar *cal, int year, json_t *day, const char **why)
{
    const char *name = json_string_value(json_object_get(day, "name"));
    const char *ds = json_string_value(json_object_get(day, "date"));
    json_t *off = json_object_get(day, "isOffDay");
    gk_date date;
    int y;
    if (!name || !ds || !json_is_boolean(off) || gk_date_parse(ds, &date) < 0 || !name_ok(name)) {
        *why = "days 中的条目应有 name、有效的 date 和 isOffDay / a day needs a name, a valid "
               "date and isOffDay";
        return -1;
    }
    gk_date_ymd(date, &y, NULL, NULL);
    if (y < year - 1 || y > year + 1) {
        *why = "日期不在该年或相邻年份 / a date outside the year and its neighbours";
        return -1;
    }
    if (add_day(cal, date, json_is_true(off), name) < 0) {
        *why = "同一日期的安排相互矛盾 / a date listed both as holiday and as working day";
        return -1;
    }
    return 0;
}

/* The papers and days of one year's file; 0, or -1 with the reason in why. */
static int import_doc(gk_calendar *cal, int year, json_t *doc, const char **why)
{
    json_t *papers = json_object_get(doc, "papers"), *days = json_object_get(doc, "days");
    json_t *y = json_object_get(doc, "year");
    if (!json_is_array(papers) || !json_is_array(days) || (y && json_integer_value(y) != year)) {
        *why = "应有 year（与文件名一致）、papers 和 days / expected year (as in the file name), "
               "papers and days";
        return -1;
    }
    size_t np = json_array_size(papers), nd = json_array_size(days);
    const char *src[MAX_SOURCES];
    if ((np == 0) != (nd == 0) || np > MAX_SOURCES) {
        *why = "papers 与 days 应同时为空或同时非空 / papers and days must both be empty or not";
        return -1;
    }
    for (size_t i = 0; i < np; i++) {
        src[i] = json_string_value(json_array_get(papers, i));
        if (!src[i] || !*src[i] || strpbrk(src[i], "\t\r\n")) {
            *why = "papers 应为地址字符串 / papers must be address strings";
            return -1;
        }
    }
    for (size_t i = 0; i < nd; i++)
        if (import_day(cal, year, json_array_get(days, i), why) < 0)
            return -1;
    add_year(cal, year, np > 0, src, np);
    return 0;
}

static int import_file(gk_calendar *cal, const char *dir, int year, gk_error *err)
{
    char path[4096];
    json_error_t jerr;
    const char *why = NULL;
    snprintf(path, sizeof path, "%s/%d.json", dir, year);
    json_t *doc = json_load_file(path, 0, &jerr);
    if (!doc) {
        gk_fail(err, GK_ERR_IO, "%s: %s", path, jerr.text);
        return -1;
    }
    int rc = import_doc(cal, year, doc, &why);
    json_decref(doc);
    if (rc < 0)
        gk_fail(err, GK_ERR_INVALID_ARG, "%s: %s", path, why);
    return rc;
}

/* The year of a file name YYYY.json, or -1. */
static int json_year(const char *name)
{
    int y = strlen(name) == 9 && strcmp(name + 4, ".json") == 0 ? digits(name, 4) : -1;
    return y >= MIN_YEAR && y <= MAX_YEAR ? y : -1;
}

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

gk_status gk_calendar_import_dir(const char *dir, gk_calendar **out, gk_error *err)
{
    *out = NULL;
    DIR *d = opendir(dir);
    if (!d) {
        gk_fail(err, GK_ERR_IO, "%s: %s", dir, strerror(errno));
        return GK_ERR_IO;
    }
    int years[MAX_YEAR - MIN_YEAR + 1];
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        if (json_year(e->d_name) > 0)
            years[n++] = json_year(e->d_name);
    closedir(d);
    if (n == 0) {
        gk_fail(err, GK_ERR_IO, "%s: 没有 YYYY.json 文件 / no YYYY.json files", dir);
        return GK_ERR_IO;
    }
    qsort(years, n, sizeof years[0], cmp_int);
    gk_calendar *cal = cal_new();
    for (size_t i = 0; i < n; i++)
        if (import_file(cal, dir, years[i], err) < 0) {
            gk_calendar_free(cal);
            return err ? err->code : GK_ERR_INVALID_ARG;
        }
    cal_sort(cal);
    *out = cal;
    return GK_OK;
}

/* ---- questions ---- */

gk_day_kind gk_calendar_day(const gk_calendar *cal, gk_date date, const char **name)
{
    const cal_day *day = cal ? find_day(cal, date) : NULL;
    int weekend = gk_date_weekday(date) >= 6;
    if (name)
        *name = day ? day->name : NULL;
    if (day && day->off)
        return GK_DAY_HOLIDAY;
    if (day)
        return weekend ? GK_DAY_MAKEUP : GK_DAY_WORK;
    return weekend ? GK_DAY_WEEKEND : GK_DAY_WORK;
}

int gk_calendar_is_working_day(const gk_calendar *cal, gk_date date)
{
    gk_day_kind k = gk_calendar_day(cal, date, NULL);
    return k == GK_DAY_WORK || k == GK_DAY_MAKEUP;
}

gk_year_status gk_calendar_year_status(const gk_calendar *cal, int year)
{
    const cal_year *y = cal ? find_year(cal, year) : NULL;
    if (!y)
        return GK_YEAR_UNKNOWN;
    return y->published ? GK_YEAR_PUBLISHED : GK_YEAR_UNPUBLISHED;
}

size_t gk_calendar_year_sources(const gk_calendar *cal, int year, const char *const **out)
{
    const cal_year *y = cal ? find_year(cal, year) : NULL;
    *out = y ? y->sources : NULL;
    return y ? y->nsources : 0;
}

int gk_calendar_confirmed(const gk_calendar *cal, gk_date date)
{
    int y, m, d;
    gk_date_ymd(date, &y, &m, &d);
    if (gk_calendar_year_status(cal, y) != GK_YEAR_PUBLISHED)
        return 0;
    return m < 12 || d < 25 || gk_calendar_year_status(cal, y + 1) == GK_YEAR_PUBLISHED;
}

size_t gk_calendar_count(const gk_calendar *cal)
{
    return cal ? cal->ndays : 0;
}

gk_calendar_entry gk_calendar_at(const gk_calendar *cal, size_t i)
{
    const cal_day *d = &cal->days[i];
    return (gk_calendar_entry){d->date, d->off, d->name};
}

void gk_calendar_years(const gk_calendar *cal, int *first, int *last)
{
    int have = cal && cal->nyears;
    *first = have ? cal->years[0].year : 0;
    *last = have ? cal->years[cal->nyears - 1].year : 0;
}
