/*
 * deadline.h — the official working-day calendar and the reply deadline of a disclosure request
 * (依申请公开的答复期限), computed from the request's events, never stored or edited by hand.
 *
 * Conventions (docs/deadlines.md; the 条例 leaves them open, these are the defaults):
 *   - a working day is Monday to Friday unless an official holiday, plus the official make-up
 *     working days (调休) — both from the State Council's yearly notice (国务院办公厅关于部分
 *     节假日安排的通知), kept in the calendar data file (data/calendar-cn.tsv);
 *   - the receipt day is not counted: day 1 is the first working day after it;
 *   - the reply is due on the 20th working day (第三十三条第二款);
 *   - an approved extension of N working days (1..20 in all, 第三十三条第二款) adds N working
 *     days after the previous due date;
 *   - a 补正 restarts the count from the day the corrected application is received (第三十条);
 *   - a pause from S to E, both inclusive (consulting a third party or another agency, 第三十三条
 *     第三款; a fee notice until payment), removes its working days from the count; a pause not
 *     yet ended means there is no due date yet;
 *   - a 补正 notice sent after the 7th working day from receipt is flagged (第三十条).
 *
 * A date whose year has no published notice in the calendar (or a date from 25 December on,
 * when the next year's notice, which sets the 元旦 days, is not published) is classified by its
 * weekday alone and marked unconfirmed: results that depend on such a date carry the
 * GK_DEADLINE_UNCONFIRMED flag. Nothing is guessed silently.
 */
#ifndef GONGKAI_DEADLINE_H
#define GONGKAI_DEADLINE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <gongkai/status.h>

/* ---- dates ------------------------------------------------------------------------------ */

/* A day of the Gregorian calendar: days since 1970-01-01. Years 1900..9999 only. */
typedef int32_t gk_date;
#define GK_DATE_NONE INT32_MIN /* no date (an event that has not happened) */

/* The date of y-m-d, or GK_DATE_NONE if there is no such day (2025-02-30) or y is out of range. */
GK_API gk_date gk_date_from_ymd(int y, int m, int d);

/* Parses exactly "YYYY-MM-DD" (the whole string); returns 0 and sets *out, or -1 for anything
 * else, including impossible days. */
GK_API int gk_date_parse(const char *s, gk_date *out);

/* Splits a valid date into year, month (1..12) and day (1..31); any pointer may be NULL. */
GK_API void gk_date_ymd(gk_date date, int *y, int *m, int *d);

/* Writes "YYYY-MM-DD" and a NUL into buf; "none" for GK_DATE_NONE. Returns buf. */
GK_API char *gk_date_format(gk_date date, char buf[11]);

/* 1 = Monday … 7 = Sunday. */
GK_API int gk_date_weekday(gk_date date);

/* Today in the local time zone (the machine's; TZ=Asia/Shanghai for China's calendar day). */
GK_API gk_date gk_date_today(void);

/* ---- the calendar ----------------------------------------------------------------------- */

typedef struct gk_calendar gk_calendar;

/* What a day is. A listed day keeps its listed kind: a weekend day listed as a holiday is
 * GK_DAY_HOLIDAY, a weekday listed as a working day is GK_DAY_WORK. */
typedef enum gk_day_kind {
    GK_DAY_WORK,    /* Monday to Friday, not a holiday */
    GK_DAY_WEEKEND, /* Saturday or Sunday, not a make-up working day */
    GK_DAY_HOLIDAY, /* an official holiday (放假) */
    GK_DAY_MAKEUP,  /* a Saturday or Sunday that is an official working day (调休上班) */
} gk_day_kind;

/* What the calendar knows of a year. */
typedef enum gk_year_status {
    GK_YEAR_UNKNOWN,     /* not in the calendar at all */
    GK_YEAR_UNPUBLISHED, /* listed, but its notice has not been published */
    GK_YEAR_PUBLISHED,   /* its notice is in the calendar */
} gk_year_status;

/* One listed day, in date order. */
typedef struct gk_calendar_entry {
    gk_date date;
    int off;          /* 1: holiday; 0: official working day */
    const char *name; /* the holiday it belongs to, as the notice names it (春节, 国庆节 …) */
} gk_calendar_entry;

/*
 * Reads the calendar data file at path (format in docs/deadlines.md) into *out (freed with
 * gk_calendar_free). GK_ERR_IO if it cannot be read, GK_ERR_INVALID_ARG with the line in
 * err->msg if a line is malformed.
 */
GK_API gk_status gk_calendar_load(const char *path, gk_calendar **out, gk_error *err);

/* The same from text in memory (len bytes, need not be NUL-terminated). */
GK_API gk_status gk_calendar_parse(const char *text, size_t len, gk_calendar **out, gk_error *err);

/*
 * Builds a calendar from a directory of holiday-cn JSON files (YYYY.json: {year, papers[],
 * days[{name, date, isOffDay}]}). A file with notice addresses in `papers` and listed days makes
 * its year published; one with neither, unpublished. Malformed files, days listed twice with
 * different kinds and names that do not fit a line are errors (GK_ERR_INVALID_ARG, GK_ERR_IO).
 */
GK_API gk_status gk_calendar_import_dir(const char *dir, gk_calendar **out, gk_error *err);

/* Writes the calendar in the data file format; GK_ERR_IO if writing fails. */
GK_API gk_status gk_calendar_write(const gk_calendar *cal, FILE *f, gk_error *err);

/* gk_calendar_free(NULL) does nothing. */
GK_API void gk_calendar_free(gk_calendar *cal);

/* The kind of a day; *name (if name is not NULL) is the listed holiday's name or NULL. */
GK_API gk_day_kind gk_calendar_day(const gk_calendar *cal, gk_date date, const char **name);

/* 1 if the day is a working day (GK_DAY_WORK or GK_DAY_MAKEUP), else 0. */
GK_API int gk_calendar_is_working_day(const gk_calendar *cal, gk_date date);

GK_API gk_year_status gk_calendar_year_status(const gk_calendar *cal, int year);

/* The notice addresses of a year: sets *out to an array (owned by the calendar) and returns its
 * length; 0 for a year that is not published. */
GK_API size_t gk_calendar_year_sources(const gk_calendar *cal, int year, const char *const **out);

/* 1 if the day's kind is known from a published notice: its year is published and, from 25
 * December on, the next year too (whose notice sets the 元旦 days around it). */
GK_API int gk_calendar_confirmed(const gk_calendar *cal, gk_date date);

/* The listed days, in date order: their number, and the i-th of them. */
GK_API size_t gk_calendar_count(const gk_calendar *cal);
GK_API gk_calendar_entry gk_calendar_at(const gk_calendar *cal, size_t i);

/* The first and last year the calendar has a line for (0 and 0 if none). */
GK_API void gk_calendar_years(const gk_calendar *cal, int *first, int *last);

/*
 * The number of working days after `from` up to and including `to` (0 if to == from; negative,
 * the working days after `to` up to and including `from`, if to is earlier). So a reply due on
 * `due` and not sent by `today` is gk_working_days_between(cal, due, today) working days overdue,
 * and has gk_working_days_between(cal, today, due) left. *unconfirmed (if not NULL) is set to 1
 * if a day counted over is not confirmed (see gk_calendar_confirmed), else 0. 0 if either date
 * is GK_DATE_NONE or out of range.
 */
GK_API int gk_working_days_between(const gk_calendar *cal, gk_date from, gk_date to,
                                   int *unconfirmed);

/* The n-th working day after `from` (n >= 1; `from` itself for n <= 0); *unconfirmed as above.
 * GK_DATE_NONE if it would fall after 9999-12-31 or `from` is not a valid date. */
GK_API gk_date gk_add_working_days(const gk_calendar *cal, gk_date from, int n, int *unconfirmed);

/* ---- the deadline engine ---------------------------------------------------------------- */

#define GK_REPLY_DAYS             20 /* 第三十三条第二款: the reply within 20 working days */
#define GK_EXTENSION_MAX          20 /* 第三十三条第二款: an extension of at most 20 in all */
#define GK_CORRECTION_NOTICE_DAYS 7  /* 第三十条: the 补正 notice within 7 working days */
#define GK_PAUSES_MAX             64 /* pauses one request may have */

/* A span the count stops for, start..end both inclusive; end GK_DATE_NONE: not ended yet. */
typedef struct gk_pause {
    gk_date start;
    gk_date end;
} gk_pause;

/* A request's events, as the case record has them. Dates not known are GK_DATE_NONE. */
typedef struct gk_deadline_events {
    gk_date received;          /* the application's receipt date (第三十一条); required */
    gk_date correction_notice; /* the day the 补正 notice was sent, if one was */
    gk_date corrected;         /* the day the corrected application was received, if it was */
    const int *extensions;     /* approved extensions, working days each (1..20, 20 in all) */
    size_t nextensions;
    const gk_pause *pauses; /* any order; they must not overlap; at most one not ended */
    size_t npauses;
} gk_deadline_events;

typedef enum gk_deadline_state {
    GK_DEADLINE_DUE,      /* the due date is known */
    GK_DEADLINE_PAUSED,   /* the count stands in a pause not yet ended: no due date yet */
    GK_DEADLINE_AWAITING, /* a 补正 notice was sent, the corrected application not received */
} gk_deadline_state;

/* Flags of a result. */
enum {
    GK_DEADLINE_UNCONFIRMED = 1, /* a day of the count is not confirmed by a published notice */
    GK_DEADLINE_LATE_NOTICE = 2, /* the 补正 notice came after the 7th working day (第三十条) */
};

/* One step of the derivation, in date order. */
typedef enum gk_step_kind {
    GK_STEP_RECEIVED,  /* the receipt day: not counted */
    GK_STEP_NOTICE,    /* the 补正 notice; count: its working day after receipt */
    GK_STEP_CORRECTED, /* the corrected application received: the count restarts at 0 */
    GK_STEP_WORKDAY,   /* an ordinary working day: counted */
    GK_STEP_MAKEUP,    /* a make-up working day (调休): counted */
    GK_STEP_WEEKEND,   /* not counted */
    GK_STEP_HOLIDAY,   /* not counted */
    GK_STEP_PAUSE,     /* date..end paused; removed: the working days in it not counted */
    GK_STEP_OPEN,      /* a pause from date on, not ended: the count stops */
    GK_STEP_BASE_DUE,  /* the 20th working day, due before the extension; extra: its days */
    GK_STEP_DUE,       /* the due date */
} gk_step_kind;

typedef struct gk_deadline_step {
    gk_step_kind kind;
    gk_date date;
    gk_date end;      /* GK_STEP_PAUSE: its last day; else GK_DATE_NONE */
    int count;        /* working days counted up to and including this step */
    int removed;      /* GK_STEP_PAUSE: working days in it that were not counted */
    int extra;        /* GK_STEP_BASE_DUE: the extension's working days */
    const char *name; /* the listed holiday's name (borrowed from the calendar), or NULL */
    int unconfirmed;  /* 1: the day's kind is not confirmed by a published notice */
} gk_deadline_step;

typedef struct gk_deadline {
    gk_deadline_state state;
    unsigned flags;   /* GK_DEADLINE_UNCONFIRMED, GK_DEADLINE_LATE_NOTICE */
    gk_date start;    /* the day the count runs from: received, or corrected after a 补正 */
    gk_date due;      /* the due date (GK_DEADLINE_DUE), else GK_DATE_NONE */
    gk_date base_due; /* the 20th working day, before extensions (GK_DATE_NONE if not reached) */
    int target;       /* working days to count: 20 plus the extensions */
    int counted;      /* working days counted (target when the due date is known) */
    int notice_day;   /* the 补正 notice's working day after receipt, or -1 without one */
    gk_date first_unconfirmed; /* the earliest unconfirmed day the result depends on, or NONE */
    gk_deadline_step *steps;   /* the derivation, owned by the result */
    size_t nsteps;
} gk_deadline;

/*
 * Computes the deadline of a request from its events with the calendar, into *out (release it
 * with gk_deadline_free, also after a failure). Fails with GK_ERR_INVALID_ARG and a message
 * (Chinese / English) for events that cannot be: no receipt date, a corrected application or
 * notice before receipt, a notice after the corrected application, an extension outside
 * 1..20 (or more than 20 in all), a pause ending before it starts or starting before the count
 * starts, overlapping pauses, or more than GK_PAUSES_MAX of them; GK_ERR_LIMIT if the count
 * would pass 9999-12-31.
 */
GK_API gk_status gk_deadline_compute(const gk_calendar *cal, const gk_deadline_events *ev,
                                     gk_deadline *out, gk_error *err);

/* Releases what a result holds (not the struct itself); the result is left empty. */
GK_API void gk_deadline_free(gk_deadline *dl);

#endif
