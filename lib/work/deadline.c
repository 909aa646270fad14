/*
 * deadline.c — the reply deadline of a disclosure request, derived day by day from its events
 * (receipt, 补正, extensions, pauses) and the working-day calendar (calendar.c), and the
 * working-day counts the case views need ("overdue by N", "N left").
 *
 * The conventions are in include/gongkai/deadline.h and docs/deadlines.md. Every result keeps
 * its derivation (the steps), so a date shown to an applicant can be explained.
 */
#include "../core/fail.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <gongkai/deadline.h>

#include "../core/arena.h"

/* ---- working-day counts ---- */

static gk_date last_date(void)
{
    return gk_date_from_ymd(9999, 12, 31);
}

static int valid_date(gk_date d)
{
    return d != GK_DATE_NONE && d >= gk_date_from_ymd(1900, 1, 1) && d <= last_date();
}

int gk_working_days_between(const gk_calendar *cal, gk_date from, gk_date to, int *unconfirmed)
{
    int sign = to < from ? -1 : 1, n = 0, unsure = 0;
    if (!valid_date(from) || !valid_date(to))
        to = from; /* nothing to count */
    gk_date lo = to < from ? to : from, hi = to < from ? from : to;
    for (gk_date d = lo + 1; d <= hi; d++) {
        if (gk_calendar_is_working_day(cal, d))
            n++;
        unsure |= !gk_calendar_confirmed(cal, d);
    }
    if (unconfirmed)
        *unconfirmed = unsure;
    return sign * n;
}

gk_date gk_add_working_days(const gk_calendar *cal, gk_date from, int n, int *unconfirmed)
{
    gk_date d = from, end = valid_date(from) ? last_date() : from;
    int unsure = 0;
    while (n > 0 && d < end) {
        d++;
        unsure |= !gk_calendar_confirmed(cal, d);
        n -= gk_calendar_is_working_day(cal, d);
    }
    if (unconfirmed)
        *unconfirmed = unsure;
    return n > 0 || !valid_date(from) ? GK_DATE_NONE : d;
}

/* ---- checking the events ---- */

static gk_status check_dates(const gk_deadline_events *ev, gk_error *err)
{
    char a[11], b[11];
    if (!valid_date(ev->received))
        return gk_fail(err, GK_ERR_INVALID_ARG, "没有收到申请的日期 / no receipt date");
    if (ev->corrected != GK_DATE_NONE &&
        (!valid_date(ev->corrected) || ev->corrected < ev->received))
        return gk_fail(err, GK_ERR_INVALID_ARG,
                       "补正后申请的收到日期 %s 早于收到申请的日期 %s / the corrected application "
                       "cannot be received before the application",
                       gk_date_format(ev->corrected, a), gk_date_format(ev->received, b));
    gk_date notice = ev->correction_notice;
    if (notice != GK_DATE_NONE && (!valid_date(notice) || notice < ev->received))
        return gk_fail(err, GK_ERR_INVALID_ARG,
                       "补正通知日期 %s 早于收到申请的日期 %s / the correction notice cannot come "
                       "before the application",
                       gk_date_format(notice, a), gk_date_format(ev->received, b));
    if (notice != GK_DATE_NONE && ev->corrected != GK_DATE_NONE && notice > ev->corrected)
        return gk_fail(err, GK_ERR_INVALID_ARG,
                       "补正通知日期 %s 晚于补正后申请的收到日期 %s / the correction notice cannot "
                       "come after the corrected application",
                       gk_date_format(notice, a), gk_date_format(ev->corrected, b));
    return GK_OK;
}

static gk_status check_extensions(const gk_deadline_events *ev, int *total, gk_error *err)
{
    *total = 0;
    for (size_t i = 0; i < ev->nextensions; i++) {
        int n = ev->extensions[i];
        if (n < 1 || n > GK_EXTENSION_MAX)
            return gk_fail(
                err, GK_ERR_INVALID_ARG,
                "延长期限 %d 无效：应为 1 至 %d 个工作日 / an extension of %d is invalid: "
                "1 to %d working days (第三十三条)",
                n, GK_EXTENSION_MAX, n, GK_EXTENSION_MAX);
        *total += n;
        if (*total > GK_EXTENSION_MAX)
            return gk_fail(err, GK_ERR_INVALID_ARG,
                           "延长期限合计 %d 个工作日，超过 %d / extensions total %d working days, "
                           "more than %d (第三十三条)",
                           *total, GK_EXTENSION_MAX, *total, GK_EXTENSION_MAX);
    }
    return GK_OK;
}

static int cmp_pause(const void *a, const void *b)
{
    gk_date x = ((const gk_pause *)a)->start, y = ((const gk_pause *)b)->start;
    return (x > y) - (x < y);
}

static gk_status check_pause(const gk_pause *p, gk_date start, gk_error *err)
{
    char a[11], b[11];
    if (!valid_date(p->start) || (p->end != GK_DATE_NONE && !valid_date(p->end)))
        return gk_fail(err, GK_ERR_INVALID_ARG, "暂停的日期无效 / a pause has an invalid date");
    if (p->end != GK_DATE_NONE && p->end < p->start)
        return gk_fail(err, GK_ERR_INVALID_ARG,
                       "暂停的结束日期 %s 早于开始日期 %s / a pause cannot end before it starts",
                       gk_date_format(p->end, a), gk_date_format(p->start, b));
    if (p->start < start)
        return gk_fail(err, GK_ERR_INVALID_ARG,
                       "暂停开始于 %s，早于期限起算日 %s / a pause cannot start before the day the "
                       "count runs from",
                       gk_date_format(p->start, a), gk_date_format(start, b));
    return GK_OK;
}

/* Checks the pauses and puts them in date order into sorted (GK_PAUSES_MAX long). */
static gk_status check_pauses(const gk_deadline_events *ev, gk_date start, gk_pause *sorted,
                              gk_error *err)
{
    char a[11], b[11];
    if (ev->npauses > GK_PAUSES_MAX)
        return gk_fail(err, GK_ERR_INVALID_ARG, "暂停超过 %d 次 / more than %d pauses",
                       GK_PAUSES_MAX, GK_PAUSES_MAX);
    for (size_t i = 0; i < ev->npauses; i++) {
        gk_status st = check_pause(&ev->pauses[i], start, err);
        if (st != GK_OK)
            return st;
        sorted[i] = ev->pauses[i];
    }
    if (ev->npauses)
        qsort(sorted, ev->npauses, sizeof *sorted, cmp_pause);
    for (size_t i = 1; i < ev->npauses; i++) {
        const gk_pause *p = &sorted[i - 1], *q = &sorted[i];
        if (p->end == GK_DATE_NONE || p->end >= q->start)
            return gk_fail(err, GK_ERR_INVALID_ARG,
                           "暂停重叠：%s 起的暂停与 %s 起的暂停 / overlapping pauses (from %s and "
                           "from %s)",
                           gk_date_format(p->start, a), gk_date_format(q->start, b), a, b);
    }
    return GK_OK;
}

/* ---- the derivation ---- */

typedef struct walk {
    const gk_calendar *cal;
    gk_deadline *dl;
    size_t cap;
} walk;

static gk_deadline_step *push(walk *w, gk_step_kind kind, gk_date date)
{
    gk_deadline *dl = w->dl;
    if (dl->nsteps == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 64;
        gk_deadline_step *grown = realloc(dl->steps, w->cap * sizeof *grown);
        if (!grown)
            gk_oom();
        dl->steps = grown;
    }
    gk_deadline_step *s = &dl->steps[dl->nsteps++];
    *s = (gk_deadline_step){kind, date, GK_DATE_NONE, dl->counted, 0, 0, NULL, 0};
    return s;
}

static void note_unconfirmed(gk_deadline *dl, gk_date date)
{
    dl->flags |= GK_DEADLINE_UNCONFIRMED;
    if (dl->first_unconfirmed == GK_DATE_NONE || date < dl->first_unconfirmed)
        dl->first_unconfirmed = date;
}

/* One day of the count: counted or not, and the step that says so. */
static void count_day(walk *w, gk_date d)
{
    static const gk_step_kind kinds[] = {[GK_DAY_WORK] = GK_STEP_WORKDAY,
                                         [GK_DAY_WEEKEND] = GK_STEP_WEEKEND,
                                         [GK_DAY_HOLIDAY] = GK_STEP_HOLIDAY,
                                         [GK_DAY_MAKEUP] = GK_STEP_MAKEUP};
    const char *name;
    gk_day_kind k = gk_calendar_day(w->cal, d, &name);
    w->dl->counted += k == GK_DAY_WORK || k == GK_DAY_MAKEUP;
    gk_deadline_step *s = push(w, kinds[k], d);
    s->name = name;
    s->unconfirmed = !gk_calendar_confirmed(w->cal, d);
    if (s->unconfirmed)
        note_unconfirmed(w->dl, d);
}

/* A closed pause met at day *d: its step, and *d moved past it. */
static void skip_pause(walk *w, const gk_pause *p, gk_date *d)
{
    gk_deadline_step *s = push(w, GK_STEP_PAUSE, p->start);
    s->end = p->end;
    for (gk_date x = *d; x <= p->end; x++) {
        s->removed += gk_calendar_is_working_day(w->cal, x);
        s->unconfirmed |= !gk_calendar_confirmed(w->cal, x);
    }
    if (p->end >= *d)
        *d = p->end + 1;
}

/* The receipt, the 补正 notice and the corrected application: the steps before the count. */
static void opening_steps(walk *w, const gk_deadline_events *ev)
{
    gk_deadline *dl = w->dl;
    push(w, GK_STEP_RECEIVED, ev->received);
    if (ev->correction_notice != GK_DATE_NONE) {
        dl->notice_day = gk_working_days_between(w->cal, ev->received, ev->correction_notice, NULL);
        gk_deadline_step *s = push(w, GK_STEP_NOTICE, ev->correction_notice);
        s->count = dl->notice_day;
        for (gk_date d = ev->received + 1; d <= ev->correction_notice; d++)
            if (!gk_calendar_confirmed(w->cal, d)) {
                note_unconfirmed(dl, d);
                s->unconfirmed = 1;
            }
        if (dl->notice_day > GK_CORRECTION_NOTICE_DAYS)
            dl->flags |= GK_DEADLINE_LATE_NOTICE;
    }
    if (ev->corrected != GK_DATE_NONE)
        push(w, GK_STEP_CORRECTED, ev->corrected);
}

/* Counts from the day after dl->start to dl->target working days, through the pauses. */
static gk_status count(walk *w, const gk_pause *pauses, size_t npauses, gk_error *err)
{
    gk_deadline *dl = w->dl;
    size_t pi = 0;
    gk_date d = dl->start + 1;
    while (dl->counted < dl->target) {
        if (pi < npauses && pauses[pi].start <= d) {
            if (pauses[pi].end == GK_DATE_NONE) {
                push(w, GK_STEP_OPEN, pauses[pi].start);
                dl->state = GK_DEADLINE_PAUSED;
                return GK_OK;
            }
            skip_pause(w, &pauses[pi++], &d);
            continue;
        }
        if (d > last_date())
            return gk_fail(err, GK_ERR_LIMIT,
                           "期限超出 9999-12-31 / the deadline is after 9999-12-31");
        count_day(w, d);
        if (dl->counted == GK_REPLY_DAYS && dl->base_due == GK_DATE_NONE) {
            dl->base_due = d;
            if (dl->target > GK_REPLY_DAYS)
                push(w, GK_STEP_BASE_DUE, d)->extra = dl->target - GK_REPLY_DAYS;
        }
        d++;
    }
    dl->due = d - 1;
    dl->state = GK_DEADLINE_DUE;
    push(w, GK_STEP_DUE, dl->due);
    return GK_OK;
}

gk_status gk_deadline_compute(const gk_calendar *cal, const gk_deadline_events *ev,
                              gk_deadline *out, gk_error *err)
{
    *out = (gk_deadline){.state = GK_DEADLINE_DUE,
                         .start = GK_DATE_NONE,
                         .due = GK_DATE_NONE,
                         .base_due = GK_DATE_NONE,
                         .notice_day = -1,
                         .first_unconfirmed = GK_DATE_NONE};
    gk_pause sorted[GK_PAUSES_MAX];
    int extension;
    gk_status st = check_dates(ev, err);
    if (st == GK_OK)
        st = check_extensions(ev, &extension, err);
    gk_date start = ev->corrected != GK_DATE_NONE ? ev->corrected : ev->received;
    if (st == GK_OK)
        st = check_pauses(ev, start, sorted, err);
    if (st != GK_OK)
        return st;
    walk w = {cal, out, 0};
    out->start = start;
    out->target = GK_REPLY_DAYS + extension;
    opening_steps(&w, ev);
    if (ev->correction_notice != GK_DATE_NONE && ev->corrected == GK_DATE_NONE) {
        out->state = GK_DEADLINE_AWAITING;
        return GK_OK;
    }
    return count(&w, sorted, ev->npauses, err);
}

void gk_deadline_free(gk_deadline *dl)
{
    if (!dl)
        return;
    free(dl->steps);
    dl->steps = NULL;
    dl->nsteps = 0;
}
