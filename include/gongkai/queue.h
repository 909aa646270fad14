/*
 * queue.h — the work queue (待办): an agency's applications with their state on a day — due
 * date, working days left or overdue, due soon — computed from each event log and the official
 * calendar, never stored. `gongkai case list` and the web service's GET /api/queue both use it.
 */
#ifndef GONGKAI_QUEUE_H
#define GONGKAI_QUEUE_H

#include <gongkai/store.h>

#define GK_QUEUE_EXCERPT 300 /* bytes of the request kept, cut on a character, "…" added */

/* One application in the queue: what a list shows of it, and its state. */
typedef struct gk_queue_item {
    int64_t id, agency_id;
    char tracking[GK_TRACKING_LEN + 1];
    gk_date received;
    gk_channel channel;
    char applicant_type[GK_KEY_MAX + 1];
    char applicant_name[GK_NAME_MAX + 1];
    char request[GK_QUEUE_EXCERPT + 4];
    gk_app_state st;
} gk_queue_item;

enum {
    GK_QUEUE_OPEN = 1,   /* only applications open on as_of */
    GK_QUEUE_BY_DUE = 2, /* sorted by due date (the most overdue first; none last), then id;
                            else by id */
};

/*
 * The applications of an agency (agency_id 0: every agency) received on or before as_of, each
 * with its state on as_of (events dated after it are left out), at most `max` of them: *out
 * (free() it) and *n; *truncated (if not NULL) 1 when there were more. as_of GK_DATE_NONE is
 * today, and then only the applications open now are read for GK_QUEUE_OPEN (a past day reads
 * them all: one closed since may have been open then). GK_ERR_IO for the database,
 * GK_ERR_INVALID_ARG for a stored log the rules reject.
 */
GK_API gk_status gk_queue_get(gk_store *s, const gk_calendar *cal, int64_t agency_id, gk_date as_of,
                              unsigned flags, size_t max, gk_queue_item **out, size_t *n,
                              int *truncated, gk_error *err);

#endif
