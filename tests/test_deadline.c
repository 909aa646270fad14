/*
 * test_deadline.c — dates, the working-day calendar and the reply-deadline engine (lib/work)
 * against dates worked out by hand from the State Council notices (the holiday-cn JSON files).
 * Every expected date has its hand count beside it: "d1" is the first working day counted,
 * "W" a make-up working day (调休), "off" a holiday.
 *
 * usage: test-deadline SOURCE_ROOT
 */
#include <gongkai/deadline.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dates.h"
#include "harness.h"

static const gk_calendar *cal;

/* The due date of simple events; "none" when there is none. */
static const char *due(gk_deadline_events ev)
{
    gk_deadline dl;
    gk_error err = {GK_OK, ""};
    gk_status st = gk_deadline_compute(cal, &ev, &dl, &err);
    const char *s = st == GK_OK ? S(dl.due) : "error";
    if (st != GK_OK)
        printf("  (error: %s)\n", err.msg);
    gk_deadline_free(&dl);
    return s;
}

static gk_deadline_events received(const char *date)
{
    return (gk_deadline_events){D(date), GK_DATE_NONE, GK_DATE_NONE, NULL, 0, NULL, 0};
}

/* ---- dates ---- */

static void test_dates(void)
{
    gk_date d;
    CHECK_INT(gk_date_from_ymd(1970, 1, 1), 0);
    CHECK_INT(gk_date_from_ymd(2000, 3, 1), 11017); /* 30 years (7 leap) + Jan, Feb 2000 */
    CHECK_INT(gk_date_weekday(0), 4);               /* 1970-01-01 was a Thursday */
    CHECK_INT(gk_date_weekday(D("2024-09-27")), 5); /* Friday before 国庆 2024 */
    CHECK_INT(gk_date_weekday(D("2025-01-26")), 7); /* the make-up Sunday of 春节 2025 */
    CHECK_INT(gk_date_weekday(D("2028-01-01")), 6);
    CHECK_INT(gk_date_parse("2024-02-29", &d), 0); /* leap year */
    CHECK_INT(gk_date_parse("2000-02-29", &d), 0); /* divisible by 400 */
    CHECK_INT(gk_date_parse("2023-02-29", &d), -1);
    CHECK_INT(gk_date_parse("1900-02-29", &d), -1); /* divisible by 100 */
    CHECK_INT(gk_date_parse("2025-02-30", &d), -1);
    CHECK_INT(gk_date_parse("2025-04-31", &d), -1);
    CHECK_INT(gk_date_parse("2025-13-01", &d), -1);
    CHECK_INT(gk_date_parse("2025-00-10", &d), -1);
    CHECK_INT(gk_date_parse("2025-01-00", &d), -1);
    CHECK_INT(gk_date_parse("2025-1-5", &d), -1);
    CHECK_INT(gk_date_parse("2025-01-05 ", &d), -1);
    CHECK_INT(gk_date_parse("2025/01/05", &d), -1);
    CHECK_INT(gk_date_parse("+025-01-05", &d), -1);
    CHECK_INT(gk_date_parse("1899-12-31", &d), -1);
    CHECK_INT(gk_date_parse("", &d), -1);
    CHECK_INT(gk_date_from_ymd(2025, 2, 29), GK_DATE_NONE);
    char buf[11];
    CHECK_STR(gk_date_format(GK_DATE_NONE, buf), "none");
    CHECK_STR(gk_date_format(D("1900-01-01"), buf), "1900-01-01");
    CHECK_STR(gk_date_format(D("9999-12-31"), buf), "9999-12-31");
}

/* Every day from 1900 to 9999: y-m-d → date → y-m-d, consecutive dates, weekdays in turn. */
static void test_date_round_trip(void)
{
    int bad = 0;
    gk_date prev = gk_date_from_ymd(1899 + 1, 1, 1) - 1;
    for (int y = 1900; y <= 9999; y++)
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= 31; d++) {
                gk_date x = gk_date_from_ymd(y, m, d);
                if (x == GK_DATE_NONE)
                    continue;
                int yy, mm, dd;
                gk_date_ymd(x, &yy, &mm, &dd);
                bad += x != prev + 1 || yy != y || mm != m || dd != d;
                bad += gk_date_weekday(x) != (gk_date_weekday(prev) % 7) + 1;
                prev = x;
            }
    CHECK_INT(bad, 0);
    CHECK_INT(prev, gk_date_from_ymd(9999, 12, 31));
}

/* ---- the calendar ---- */

static void test_calendar_days(void)
{
    const char *name;
    CHECK_INT(gk_calendar_day(cal, D("2025-01-26"), &name), GK_DAY_MAKEUP);
    CHECK_STR(name, "春节");
    CHECK_INT(gk_calendar_day(cal, D("2025-01-28"), &name), GK_DAY_HOLIDAY);
    CHECK_INT(gk_calendar_day(cal, D("2025-02-08"), NULL), GK_DAY_MAKEUP);
    CHECK_INT(gk_calendar_day(cal, D("2024-02-10"), NULL), GK_DAY_HOLIDAY); /* a Saturday */
    CHECK_INT(gk_calendar_day(cal, D("2024-10-07"), &name), GK_DAY_HOLIDAY);
    CHECK_STR(name, "国庆节");
    CHECK_INT(gk_calendar_day(cal, D("2024-10-12"), NULL), GK_DAY_MAKEUP);
    CHECK_INT(gk_calendar_day(cal, D("2024-10-13"), &name), GK_DAY_WEEKEND);
    CHECK(name == NULL);
    CHECK_INT(gk_calendar_day(cal, D("2024-10-14"), NULL), GK_DAY_WORK);
    CHECK_INT(gk_calendar_day(cal, D("2020-02-03"), NULL), GK_DAY_WORK);   /* listed, a Monday */
    CHECK_INT(gk_calendar_day(cal, D("2006-12-30"), NULL), GK_DAY_MAKEUP); /* in the 2007 file */
    CHECK_INT(gk_calendar_is_working_day(cal, D("2025-01-26")), 1);
    CHECK_INT(gk_calendar_is_working_day(cal, D("2025-10-08")), 0); /* 国庆 2025's 8th day */
    CHECK_INT(gk_calendar_is_working_day(cal, D("2028-01-03")), 1); /* weekday, year unknown */
}

static void test_calendar_years(void)
{
    const char *const *src;
    CHECK_INT(gk_calendar_year_status(cal, 2007), GK_YEAR_PUBLISHED);
    CHECK_INT(gk_calendar_year_status(cal, 2026), GK_YEAR_PUBLISHED);
    CHECK_INT(gk_calendar_year_status(cal, 2027), GK_YEAR_UNPUBLISHED);
    CHECK_INT(gk_calendar_year_status(cal, 2028), GK_YEAR_UNKNOWN);
    CHECK_INT(gk_calendar_year_status(cal, 2006), GK_YEAR_UNKNOWN);
    CHECK_INT(gk_calendar_year_sources(cal, 2024, &src), 1);
    CHECK_STR(src[0], "https://www.gov.cn/zhengce/zhengceku/202310/content_6911528.htm");
    CHECK_INT(gk_calendar_year_sources(cal, 2020, &src), 2); /* 2020-01-27: 春节 extended */
    CHECK_INT(gk_calendar_year_sources(cal, 2027, &src), 0);
    int first, last;
    gk_calendar_years(cal, &first, &last);
    CHECK_INT(first, 2007);
    CHECK_INT(last, 2027);
    CHECK_INT(gk_calendar_confirmed(cal, D("2025-12-31")), 1); /* 2026 is published */
    CHECK_INT(gk_calendar_confirmed(cal, D("2026-12-24")), 1);
    CHECK_INT(gk_calendar_confirmed(cal, D("2026-12-25")), 0); /* 元旦 2027 not yet set */
    CHECK_INT(gk_calendar_confirmed(cal, D("2027-03-01")), 0);
    CHECK_INT(gk_calendar_confirmed(cal, D("2006-12-30")), 0);
}

static void test_working_days(void)
{
    int unsure = -1;
    /* 2024-09-27 (Fri) to 2024-10-30: the 国庆 2024 count below, 20 working days */
    CHECK_INT(gk_working_days_between(cal, D("2024-09-27"), D("2024-10-30"), &unsure), 20);
    CHECK_INT(unsure, 0);
    CHECK_INT(gk_working_days_between(cal, D("2024-10-30"), D("2024-09-27"), NULL), -20);
    CHECK_INT(gk_working_days_between(cal, D("2024-10-01"), D("2024-10-01"), NULL), 0);
    /* 2024-09-30 (Mon) to 2024-10-08: only 10-08 (10-01..07 off) */
    CHECK_INT(gk_working_days_between(cal, D("2024-09-30"), D("2024-10-08"), NULL), 1);
    CHECK_STR(S(gk_add_working_days(cal, D("2024-09-27"), 20, &unsure)), "2024-10-30");
    CHECK_STR(S(gk_add_working_days(cal, D("2024-09-27"), 1, NULL)), "2024-09-29"); /* W */
    CHECK_STR(S(gk_add_working_days(cal, D("2024-09-27"), 0, NULL)), "2024-09-27");
    /* 2027-12-01 (Wed) + 2: 12-02, 12-03 — weekdays only, 2027 unpublished */
    CHECK_STR(S(gk_add_working_days(cal, D("2027-12-01"), 2, &unsure)), "2027-12-03");
    CHECK_INT(unsure, 1);
    CHECK_INT(gk_add_working_days(cal, D("9999-12-30"), 5, NULL), GK_DATE_NONE);
    CHECK_INT(gk_add_working_days(cal, GK_DATE_NONE, 5, NULL), GK_DATE_NONE);
    CHECK_INT(gk_working_days_between(cal, GK_DATE_NONE, D("2024-10-30"), NULL), 0);
}

/* ---- the deadline ---- */

static void test_holiday_spans(void)
{
    /* Received Fri 2024-09-27 (国庆 2024: 09-29 Sun W, 10-01..07 off, 10-12 Sat W):
     * 09-28 Sat; 09-29 W d1; 09-30 d2; 10-01..07 off; 10-08..11 d3-6; 10-12 W d7;
     * 10-14..18 d8-12; 10-21..25 d13-17; 10-28 d18, 10-29 d19, 10-30 d20 */
    CHECK_STR(due(received("2024-09-27")), "2024-10-30");
    /* Received Fri 2025-01-24 (春节 2025: 01-26 Sun W, 01-28..02-04 off, 02-08 Sat W):
     * 01-25 Sat; 01-26 W d1; 01-27 d2; 01-28..02-04 off; 02-05..07 d3-5; 02-08 W d6;
     * 02-10..14 d7-11; 02-17..21 d12-16; 02-24 d17, 25 d18, 26 d19, 02-27 d20 */
    CHECK_STR(due(received("2025-01-24")), "2025-02-27");
    /* Received on a holiday, Mon 2024-10-07: 10-08..11 d1-4, 10-12 W d5, 10-14..18 d6-10,
     * 10-21..25 d11-15, 10-28..11-01 d16-20 */
    CHECK_STR(due(received("2024-10-07")), "2024-11-01");
}

static void test_year_boundary(void)
{
    /* Received Mon 2024-12-16: 12-17..20 d1-4, 12-23..27 d5-9, 12-30 d10, 12-31 d11,
     * 2025-01-01 off, 01-02 d12, 01-03 d13, 01-06..10 d14-18, 01-13 d19, 01-14 d20 */
    CHECK_STR(due(received("2024-12-16")), "2025-01-14");
    /* Received Tue 2022-12-20; the 2023 notice puts 2022-12-31 (Sat) and 2023-01-01, 01-02 off:
     * 12-21..23 d1-3, 12-26..30 d4-8, 01-03..06 d9-12, 01-09..13 d13-17, 01-16..18 d18-20 */
    CHECK_STR(due(received("2022-12-20")), "2023-01-18");
}

static void test_correction(void)
{
    /* Received Mon 2025-03-03, notice Wed 03-05 (03-04 d1, 03-05 d2: in time), corrected
     * application received Fri 03-14; the count restarts: 03-17..21 d1-5, 03-24..28 d6-10,
     * 03-31 d11, 04-01 d12, 04-02 d13, 04-03 d14, 04-04..06 off (清明), 04-07..11 d15-19,
     * 04-14 d20 */
    gk_deadline_events ev = received("2025-03-03");
    ev.correction_notice = D("2025-03-05");
    ev.corrected = D("2025-03-14");
    gk_deadline dl;
    CHECK_INT(gk_deadline_compute(cal, &ev, &dl, NULL), GK_OK);
    CHECK_STR(S(dl.due), "2025-04-14");
    CHECK_STR(S(dl.start), "2025-03-14");
    CHECK_INT(dl.notice_day, 2);
    CHECK_INT(dl.flags, 0);
    CHECK_INT(dl.steps[0].kind, GK_STEP_RECEIVED);
    CHECK_INT(dl.steps[1].kind, GK_STEP_NOTICE);
    CHECK_INT(dl.steps[2].kind, GK_STEP_CORRECTED);
    CHECK_STR(S(dl.steps[3].date), "2025-03-15"); /* the count starts after the restart */
    gk_deadline_free(&dl);

    /* Notice on Wed 03-12: 03-04..07 d1-4, 03-10..12 d5-7: the 7th, in time */
    ev.correction_notice = D("2025-03-12");
    CHECK_INT(gk_deadline_compute(cal, &ev, &dl, NULL), GK_OK);
    CHECK_INT(dl.notice_day, 7);
    CHECK_INT(dl.flags & GK_DEADLINE_LATE_NOTICE, 0);
    gk_deadline_free(&dl);
    /* Notice on Thu 03-13: the 8th working day, late (第三十条); the due date is unchanged */
    ev.correction_notice = D("2025-03-13");
    CHECK_INT(gk_deadline_compute(cal, &ev, &dl, NULL), GK_OK);
    CHECK_INT(dl.notice_day, 8);
    CHECK_INT(dl.flags, GK_DEADLINE_LATE_NOTICE);
    CHECK_STR(S(dl.due), "2025-04-14");
    gk_deadline_free(&dl);
    /* Notice sent, corrected application not received: no due date yet */
    ev.corrected = GK_DATE_NONE;
    CHECK_INT(gk_deadline_compute(cal, &ev, &dl, NULL), GK_OK);
    CHECK_INT(dl.state, GK_DEADLINE_AWAITING);
    CHECK_INT(dl.due, GK_DATE_NONE);
    gk_deadline_free(&dl);
}

static void test_extension(void)
{
    /* 国庆 2024 as above, due 2024-10-30 (d20), extended by 20: 10-31 d21, 11-01 d22,
     * 11-04..08 d23-27, 11-11..15 d28-32, 11-18..22 d33-37, 11-25 d38, 26 d39, 11-27 d40 */
    int ext20[] = {20};
    gk_deadline_events ev = received("2024-09-27");
    ev.extensions = ext20;
    ev.nextensions = 1;
    gk_deadline dl;
    CHECK_INT(gk_deadline_compute(cal, &ev, &dl, NULL), GK_OK);
    CHECK_STR(S(dl.due), "2024-11-27");
    CHECK_STR(S(dl.base_due), "2024-10-30");
    CHECK_INT(dl.target, 40);
    CHECK_INT(dl.steps[dl.nsteps - 1].kind, GK_STEP_DUE);
    gk_deadline_free(&dl);
    /* 春节 2025 as above, due 2025-02-27 (Thu), extended by 5: 02-28 d21, 03-03..06 d22-25 */
    int ext5[] = {5};
    ev = received("2025-01-24");
    ev.extensions = ext5;
    ev.nextensions = 1;
    CHECK_STR(due(ev), "2025-03-06");
    /* two extensions of 2 and 3 count as 5 */
    int ext23[] = {2, 3};
    ev.extensions = ext23;
    ev.nextensions = 2;
    CHECK_STR(due(ev), "2025-03-06");
}

static void test_pauses(void)
{
    /* Received Mon 2024-09-02 (中秋 2024: 09-14 Sat W, 09-15..17 off; 国庆 as above).
     * Without a pause: 09-03..06 d1-4, 09-09..13 d5-9, 09-14 W d10, 09-18..20 d11-13,
     * 09-23..27 d14-18, 09-29 W d19, 09-30 d20 */
    CHECK_STR(due(received("2024-09-02")), "2024-09-30");
    /* Paused Thu 09-12 to Fri 09-20, over 中秋: removes 09-12, 13, 14 (W), 18, 19, 20 = 6.
     * 09-03..06 d1-4, 09-09..11 d5-7, [pause], 09-23..27 d8-12, 09-29 W d13, 09-30 d14,
     * 10-01..07 off, 10-08..11 d15-18, 10-12 W d19, 10-14 d20 */
    gk_pause p = {D("2024-09-12"), D("2024-09-20")};
    gk_deadline_events ev = received("2024-09-02");
    ev.pauses = &p;
    ev.npauses = 1;
    gk_deadline dl;
    CHECK_INT(gk_deadline_compute(cal, &ev, &dl, NULL), GK_OK);
    CHECK_STR(S(dl.due), "2024-10-14");
    size_t i = 0;
    while (i < dl.nsteps && dl.steps[i].kind != GK_STEP_PAUSE)
        i++;
    CHECK(i < dl.nsteps);
    if (i < dl.nsteps) {
        CHECK_INT(dl.steps[i].removed, 6);
        CHECK_INT(dl.steps[i].count, 7);
        CHECK_STR(S(dl.steps[i].end), "2024-09-20");
    }
    gk_deadline_free(&dl);

    /* The same pause not ended: no due date; 7 working days counted before it */
    p.end = GK_DATE_NONE;
    CHECK_INT(gk_deadline_compute(cal, &ev, &dl, NULL), GK_OK);
    CHECK_INT(dl.state, GK_DEADLINE_PAUSED);
    CHECK_INT(dl.due, GK_DATE_NONE);
    CHECK_INT(dl.counted, 7);
    CHECK_INT(dl.steps[dl.nsteps - 1].kind, GK_STEP_OPEN);
    gk_deadline_free(&dl);
    /* A pause beginning after the due date (09-30) does not move it */
    p.start = D("2024-10-08");
    CHECK_STR(due(ev), "2024-09-30");

    /* Two pauses, given out of order: 09-09..09-10 (2 removed) and 09-23..09-23 (1 removed):
     * 09-03..06 d1-4, [09-09, 10], 09-11 d5, 09-12 d6, 09-13 d7, 09-14 W d8, 09-18..20 d9-11,
     * [09-23], 09-24..27 d12-15, 09-29 W d16, 09-30 d17, 10-08 d18, 10-09 d19, 10-10 d20 */
    gk_pause two[] = {{D("2024-09-23"), D("2024-09-23")}, {D("2024-09-09"), D("2024-09-10")}};
    ev.pauses = two;
    ev.npauses = 2;
    CHECK_STR(due(ev), "2024-10-10");
    /* A pause on the receipt day removes nothing (that day is not counted anyway) */
    gk_pause on_receipt = {D("2024-09-02"), D("2024-09-02")};
    ev.pauses = &on_receipt;
    ev.npauses = 1;
    CHECK_STR(due(ev), "2024-09-30");
}

static void test_unconfirmed(void)
{
    /* Received Wed 2028-03-01, 2028 not in the calendar: weekdays only, flagged.
     * 03-02, 03 d1-2, 03-06..10 d3-7, 03-13..17 d8-12, 03-20..24 d13-17, 03-27..29 d18-20 */
    gk_deadline_events ev = received("2028-03-01");
    gk_deadline dl;
    CHECK_INT(gk_deadline_compute(cal, &ev, &dl, NULL), GK_OK);
    CHECK_STR(S(dl.due), "2028-03-29");
    CHECK_INT(dl.flags, GK_DEADLINE_UNCONFIRMED);
    CHECK_STR(S(dl.first_unconfirmed), "2028-03-02");
    gk_deadline_free(&dl);
    /* Received Thu 2026-12-10: from 12-25 on it waits for the 2027 notice (元旦 2027).
     * 12-11 d1, 12-14..18 d2-6, 12-21..25 d7-11, 12-28..31 d12-15, 2027-01-01 (Fri, weekday
     * only) d16, 01-04..07 d17-20 */
    ev = received("2026-12-10");
    CHECK_INT(gk_deadline_compute(cal, &ev, &dl, NULL), GK_OK);
    CHECK_STR(S(dl.due), "2027-01-07");
    CHECK_INT(dl.flags, GK_DEADLINE_UNCONFIRMED);
    CHECK_STR(S(dl.first_unconfirmed), "2026-12-25");
    gk_deadline_free(&dl);
    /* Received Mon 2026-11-16: 11-17..20 d1-4, 11-23..27 d5-9, 11-30..12-04 d10-14,
     * 12-07..11 d15-19, 12-14 d20 — before 12-25, confirmed */
    ev = received("2026-11-16");
    CHECK_INT(gk_deadline_compute(cal, &ev, &dl, NULL), GK_OK);
    CHECK_STR(S(dl.due), "2026-12-14");
    CHECK_INT(dl.flags, 0);
    gk_deadline_free(&dl);
}

/* The events are refused with GK_ERR_INVALID_ARG. */
static int refused(gk_deadline_events ev)
{
    gk_deadline dl;
    gk_error err = {GK_OK, ""};
    gk_status st = gk_deadline_compute(cal, &ev, &dl, &err);
    gk_deadline_free(&dl);
    return st == GK_ERR_INVALID_ARG && err.code == GK_ERR_INVALID_ARG && err.msg[0];
}

static void test_invalid(void)
{
    gk_deadline_events ev = received("2024-09-27");
    ev.received = GK_DATE_NONE;
    CHECK(refused(ev));
    ev = received("2024-09-27");
    ev.corrected = D("2024-09-26");
    CHECK(refused(ev));
    ev = received("2024-09-27");
    ev.correction_notice = D("2024-09-20");
    CHECK(refused(ev));
    ev.correction_notice = D("2024-10-10");
    ev.corrected = D("2024-10-09");
    CHECK(refused(ev)); /* the notice after the corrected application */
    int ext[] = {21, 0, 15, 10};
    ev = received("2024-09-27");
    ev.extensions = ext;
    ev.nextensions = 1;
    CHECK(refused(ev)); /* 21 */
    ev.extensions = ext + 1;
    CHECK(refused(ev)); /* 0 */
    ev.extensions = ext + 2;
    ev.nextensions = 2;
    CHECK(refused(ev)); /* 15 + 10 */
    gk_pause back = {D("2024-10-10"), D("2024-10-09")};
    ev = received("2024-09-27");
    ev.pauses = &back;
    ev.npauses = 1;
    CHECK(refused(ev)); /* ends before it starts */
    gk_pause early = {D("2024-09-20"), D("2024-10-09")};
    ev.pauses = &early;
    CHECK(refused(ev)); /* starts before receipt */
    gk_pause overlap[] = {{D("2024-10-10"), D("2024-10-12")}, {D("2024-10-08"), D("2024-10-10")}};
    ev.pauses = overlap;
    ev.npauses = 2;
    CHECK(refused(ev));
    gk_pause two_open[] = {{D("2024-10-08"), GK_DATE_NONE}, {D("2024-10-20"), GK_DATE_NONE}};
    ev.pauses = two_open;
    CHECK(refused(ev));
    gk_pause adjacent[] = {{D("2024-10-08"), D("2024-10-09")}, {D("2024-10-10"), GK_DATE_NONE}};
    ev.pauses = adjacent;
    CHECK(!refused(ev)); /* touching is not overlapping */
    gk_pause before_restart = {D("2024-10-08"), D("2024-10-09")};
    ev = received("2024-09-27");
    ev.corrected = D("2024-10-10");
    ev.pauses = &before_restart;
    ev.npauses = 1;
    CHECK(refused(ev)); /* the count runs from the corrected application */
    gk_deadline dl;
    ev = received("9999-12-20");
    CHECK_INT(gk_deadline_compute(cal, &ev, &dl, NULL), GK_ERR_LIMIT);
    gk_deadline_free(&dl);
}

/* ---- the data file ---- */

static gk_status parse(const char *text, gk_calendar **out, gk_error *err)
{
    return gk_calendar_parse(text, strlen(text), out, err);
}

static void test_data_file_errors(void)
{
    static const char *const bad[] = {
        "2024-01-01\toff\t元旦\n", /* no header */
        "gongkai-calendar\t2\n",
        "gongkai-calendar\t1\n2025-02-30\toff\tx\n",
        "gongkai-calendar\t1\n2025-02-03\tholiday\tx\n",
        "gongkai-calendar\t1\n2025-02-03\toff\n",
        "gongkai-calendar\t1\n2025-02-03\toff\t\n",
        "gongkai-calendar\t1\n2025-02-03\toff\tx\n2025-02-03\toff\tx\n",
        "gongkai-calendar\t1\nyear\t2025\tpublished\n",
        "gongkai-calendar\t1\nyear\t2025\tunpublished\thttp://x\n",
        "gongkai-calendar\t1\nyear\t25\tunpublished\n",
        "gongkai-calendar\t1\nyear\t2025\tunpublished\nyear\t2025\tunpublished\n",
        "",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        gk_calendar *c = (gk_calendar *)1;
        gk_error err = {GK_OK, ""};
        CHECK_MSG(parse(bad[i], &c, &err) == GK_ERR_INVALID_ARG && c == NULL && err.msg[0],
                  "bad data file %zu accepted", i);
    }
    gk_calendar *c = NULL;
    const char *ok =
        "# comment\r\n\r\ngongkai-calendar\t1\r\nyear\t2030\tpublished\thttp://a\thttp://b\r\n"
        "2030-10-01\toff\t国庆节\r\n2030-09-29\twork\t国庆节\r\n";
    CHECK_INT(parse(ok, &c, NULL), GK_OK);
    CHECK_INT(gk_calendar_count(c), 2);
    if (gk_calendar_count(c) == 2)
        CHECK_STR(S(gk_calendar_at(c, 0).date), "2030-09-29"); /* sorted */
    CHECK_INT(gk_calendar_day(c, D("2030-09-29"), NULL), GK_DAY_MAKEUP);
    CHECK_INT(gk_calendar_year_status(c, 2030), GK_YEAR_PUBLISHED);
    gk_calendar_free(c);
    gk_error err = {GK_OK, ""};
    CHECK_INT(gk_calendar_load("/nonexistent/calendar.tsv", &c, &err), GK_ERR_IO);
}

/* Writing the calendar and reading it back gives the same file. */
static void test_write_round_trip(const char *root)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/data/calendar-cn.tsv", root);
    size_t len;
    char *want = t_slurp(path, &len);
    char *got = NULL;
    size_t got_len = 0;
    FILE *f = open_memstream(&got, &got_len);
    CHECK(want && f && gk_calendar_write(cal, f, NULL) == GK_OK);
    if (f)
        fclose(f);
    CHECK(want && got && got_len == len && memcmp(want, got, len) == 0);
    free(want);
    free(got);
}

/* Importing the holiday-cn files gives the committed data file (it is up to date). */
static void test_import(const char *root)
{
    char dir[4096], path[4096];
    snprintf(dir, sizeof dir, "%s/../shared/data/holidays-cn", root);
    snprintf(path, sizeof path, "%s/data/calendar-cn.tsv", root);
    if (access(dir, R_OK) != 0) {
        printf("skip: %s not present\n", dir);
        return;
    }
    gk_calendar *c = NULL;
    gk_error err = {GK_OK, ""};
    CHECK_MSG(gk_calendar_import_dir(dir, &c, &err) == GK_OK, "import: %s", err.msg);
    char *got = NULL;
    size_t got_len = 0, len = 0;
    FILE *f = open_memstream(&got, &got_len);
    if (c && f)
        gk_calendar_write(c, f, NULL);
    if (f)
        fclose(f);
    char *want = t_slurp(path, &len);
    CHECK_MSG(want && got && got_len == len && memcmp(want, got, len) == 0,
              "data/calendar-cn.tsv differs from an import of %s", dir);
    free(want);
    free(got);
    gk_calendar_free(c);
    CHECK_INT(gk_calendar_import_dir("/nonexistent", &c, &err), GK_ERR_IO);
}

/* Malformed and conflicting JSON files are refused. */
static void test_import_errors(void)
{
    static const char *const bad[] = {
        "{\"year\": 2030, \"papers\": [\"u\"], \"days\": [{\"name\": \"x\", \"date\": "
        "\"2030-02-30\", \"isOffDay\": true}]}",
        "{\"year\": 2031, \"papers\": [\"u\"], \"days\": []}",
        "{\"year\": 2030, \"papers\": [], \"days\": [{\"name\": \"x\", \"date\": "
        "\"2030-02-03\", \"isOffDay\": true}]}",
        "{\"year\": 2030, \"papers\": [\"u\"], \"days\": [{\"name\": \"x\", \"date\": "
        "\"2030-02-03\", \"isOffDay\": true}, {\"name\": \"x\", \"date\": \"2030-02-03\", "
        "\"isOffDay\": false}]}",
        "{\"year\": 2030, \"papers\": [\"u\"], \"days\": [{\"name\": \"x\", \"date\": "
        "\"2035-02-03\", \"isOffDay\": true}]}",
        "not json",
    };
    char dir[] = "/tmp/gk-deadline-XXXXXX", path[64];
    if (!mkdtemp(dir)) {
        CHECK(0);
        return;
    }
    snprintf(path, sizeof path, "%s/2030.json", dir);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        FILE *f = fopen(path, "w");
        if (!f)
            break;
        fputs(bad[i], f);
        fclose(f);
        gk_calendar *c = NULL;
        gk_error err = {GK_OK, ""};
        CHECK_MSG(gk_calendar_import_dir(dir, &c, &err) != GK_OK && c == NULL && err.msg[0],
                  "bad JSON %zu accepted", i);
        gk_calendar_free(c);
    }
    remove(path);
    remove(dir);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: test-deadline SOURCE_ROOT\n", stderr);
        return 2;
    }
    gk_calendar *loaded = t_calendar(argv[1]);
    cal = loaded;
    test_dates();
    test_date_round_trip();
    test_calendar_days();
    test_calendar_years();
    test_working_days();
    test_holiday_spans();
    test_year_boundary();
    test_correction();
    test_extension();
    test_pauses();
    test_unconfirmed();
    test_invalid();
    test_data_file_errors();
    test_write_round_trip(argv[1]);
    test_import(argv[1]);
    test_import_errors();
    gk_calendar_free(loaded);
    return t_report();
}
