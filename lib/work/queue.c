/*
 * queue.c — the work queue (queue.h): the applications listed from the store, each state
 * computed from its log up to the day asked for, sorted for the officer.
 */
#include <stdlib.h>
#include <string.h>

#include <gongkai/queue.h>

#include "../core/fail.h"

typedef struct list {
    gk_queue_item *v;
    size_t n, cap, max;
    gk_date as_of;
    int truncated, oom;
} list;

/* Copies at most max bytes of s, cut on a character boundary, with "…" if cut. */
static void excerpt(char *dst, size_t size, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max) {
        snprintf(dst, size, "%s", s);
        return;
    }
    while (n > max || (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80))
        n--;
    snprintf(dst, size, "%.*s…", (int)n, s);
}

static int collect(void *p, const gk_application *a)
{
    list *q = p;
    if (a->received > q->as_of)
        return 0;
    if (q->n == q->max) {
        q->truncated = 1;
        return 1;
    }
    if (q->n == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 64;
        gk_queue_item *v = realloc(q->v, cap * sizeof *v);
        if (!v)
            return q->oom = 1;
        q->v = v;
        q->cap = cap;
    }
    gk_queue_item *it = &q->v[q->n++];
    memset(it, 0, sizeof *it);
    it->id = a->id;
    it->agency_id = a->agency_id;
    memcpy(it->tracking, a->tracking, sizeof it->tracking);
    it->received = a->received;
    it->channel = a->channel;
    memcpy(it->applicant_type, a->applicant_type, sizeof it->applicant_type);
    memcpy(it->applicant_name, a->applicant_name, sizeof it->applicant_name);
    excerpt(it->request, sizeof it->request, a->request, GK_QUEUE_EXCERPT);
    return 0;
}

/* The state of item `it` on as_of from its log (events after as_of left out). */
static gk_status state_of(gk_store *s, const gk_calendar *cal, gk_queue_item *it, gk_date as_of,
                          gk_application *app, gk_error *err)
{
    gk_event *log = NULL;
    size_t n = 0;
    memset(app, 0, sizeof *app);
    app->id = it->id;
    app->agency_id = it->agency_id;
    app->received = it->received;
    app->channel = it->channel;
    app->closed = GK_DATE_NONE;
    memcpy(app->applicant_type, it->applicant_type, sizeof app->applicant_type);
    gk_status st = gk_store_event_list(s, it->id, &log, &n, err);
    while (st == GK_OK && n > 0 && log[n - 1].date > as_of)
        n--;
    if (st == GK_OK)
        st = gk_app_state_get(cal, app, log, n, as_of, &it->st, err);
    free(log);
    return st;
}

/* By due date (none, or closed, last), then by id. */
static int by_due(const void *pa, const void *pb)
{
    const gk_queue_item *a = pa, *b = pb;
    int na = a->st.due == GK_DATE_NONE || a->st.closed,
        nb = b->st.due == GK_DATE_NONE || b->st.closed;
    if (na != nb)
        return na - nb;
    if (!na && a->st.due != b->st.due)
        return a->st.due < b->st.due ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

/* Keeps the open items (those closed on as_of, by a later-dated list, are dropped). */
static void keep_open(list *q)
{
    size_t k = 0;
    for (size_t i = 0; i < q->n; i++)
        if (!q->v[i].st.closed)
            q->v[k++] = q->v[i];
    q->n = k;
}

gk_status gk_queue_get(gk_store *s, const gk_calendar *cal, int64_t agency_id, gk_date as_of,
                       unsigned flags, size_t max, gk_queue_item **out, size_t *n, int *truncated,
                       gk_error *err)
{
    if (!s || !cal || !out || !n)
        return gk_fail(err, GK_ERR_INVALID_ARG, "gk_queue_get: no store, calendar or out");
    /* now, the store's open applications are the open ones; on an earlier day an application
     * closed since may have been open, so then every one is read */
    unsigned now = as_of == GK_DATE_NONE && (flags & GK_QUEUE_OPEN) ? GK_LIST_OPEN : 0;
    list q = {.max = max, .as_of = as_of == GK_DATE_NONE ? gk_date_today() : as_of};
    gk_application *app = malloc(sizeof *app);
    gk_status st = app ? gk_store_app_list(s, agency_id, now, collect, &q, err) : GK_ERR_LIMIT;
    if (st == GK_OK && q.oom)
        st = GK_ERR_LIMIT;
    for (size_t i = 0; st == GK_OK && i < q.n; i++)
        st = state_of(s, cal, &q.v[i], q.as_of, app, err);
    free(app);
    if (st != GK_OK) {
        free(q.v);
        return st == GK_ERR_LIMIT ? gk_fail(err, st, "内存不足 / out of memory") : st;
    }
    if (flags & GK_QUEUE_OPEN)
        keep_open(&q);
    if (flags & GK_QUEUE_BY_DUE)
        qsort(q.v, q.n, sizeof *q.v, by_due);
    *out = q.v;
    *n = q.n;
    if (truncated)
        *truncated = q.truncated;
    return GK_OK;
}
