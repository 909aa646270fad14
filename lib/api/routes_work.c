/*
 * routes_work.c — the staff's daily work on applications: the queue of open applications with
 * their due dates (computed from the event log and the calendar, never stored), one application
 * with its log and cases, recording an event, and closing with a reply.
 *
 * Events are checked twice: here for the form of the request (known kind, fields that belong to
 * the kind, the role an extension needs — 第三十三条 wants the head's consent, so a clerk gets
 * 403), then by the store with gk_event_check inside its write transaction against the stored
 * log (order, a second 补正, more than 20 days of extension …): a rejection there is 409 and
 * nothing is written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include <gongkai/queue.h>

#include "api_int.h"

#define QUEUE_SCAN_MAX  20000 /* open applications the queue looks at */
#define QUEUE_LIMIT     500   /* items it returns by default */
#define QUEUE_LIMIT_MAX 5000

/* ---- the queue ---- */

static json_t *qitem_json(const gk_queue_item *it)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(it->id));
    json_object_set_new(o, "tracking", json_string(it->tracking));
    json_object_set_new(o, "agency_id", json_integer(it->agency_id));
    json_object_set_new(o, "received", date_json(it->received));
    json_object_set_new(o, "channel", json_string(gk_channel_key(it->channel)));
    json_object_set_new(o, "applicant_type", json_string(it->applicant_type));
    json_object_set_new(o, "name", json_string(it->applicant_name));
    json_object_set_new(o, "request", json_string(it->request));
    json_object_set_new(o, "due", date_json(it->st.due));
    json_object_set_new(o, "days_left", json_integer(it->st.days_left));
    json_object_set_new(o, "overdue", json_boolean(it->st.overdue));
    json_object_set_new(o, "due_soon", json_boolean(it->st.due_soon));
    json_object_set_new(o, "state", state_json(&it->st));
    return o;
}

void route_queue(ctx *c)
{
    static const char *const q[] = {"agency", "limit", NULL};
    if (query_only(c, q) < 0)
        return;
    int64_t limit = QUEUE_LIMIT;
    const char *ls = query_get(c, "limit");
    if (ls && ((limit = parse_id(ls)) <= 0 || limit > QUEUE_LIMIT_MAX)) {
        reply_error(c, 400, "limit", "limit 须为 1..%d / limit must be 1..%d", QUEUE_LIMIT_MAX,
                    QUEUE_LIMIT_MAX);
        return;
    }
    gk_agency ag = {0, ""};
    if (query_get(c, "agency") && agency_of(c, NULL, &ag) < 0)
        return;
    gk_store *s = db(c);
    if (!s)
        return;
    gk_queue_item *v = NULL;
    size_t n = 0;
    int truncated = 0;
    gk_error err = {GK_OK, ""};
    /* today's queue is read from the open applications only; a fixed day (tests) reads all */
    gk_date as_of = c->today == gk_date_today() ? GK_DATE_NONE : c->today;
    gk_status st = gk_queue_get(s, c->api->cfg.cal, ag.id, as_of, GK_QUEUE_OPEN | GK_QUEUE_BY_DUE,
                                QUEUE_SCAN_MAX, &v, &n, &truncated, &err);
    if (st == GK_ERR_IO) {
        reply_db_error(c, &err);
    } else if (st != GK_OK) {
        reply_error(c, 500, NULL, "%s", err.msg);
    } else {
        json_t *items = json_array();
        size_t overdue = 0, soon = 0;
        for (size_t i = 0; i < n; i++) {
            overdue += v[i].st.overdue != 0;
            soon += v[i].st.due_soon != 0;
            if (i < (size_t)limit)
                json_array_append_new(items, qitem_json(&v[i]));
        }
        reply_json(c, 200,
                   json_pack("{s:o, s:I, s:I, s:I, s:b, s:o}", "today", date_json(c->today), "open",
                             (json_int_t)n, "overdue", (json_int_t)overdue, "due_soon",
                             (json_int_t)soon, "truncated", truncated, "items", items));
    }
    free(v);
}

/* ---- one application ---- */

/* Loads the application of the path's id; 0, or -1 after replying (404 if there is none). */
static int load_app(ctx *c, gk_application *app)
{
    int64_t id = param_id(c, 0);
    if (!id)
        return -1;
    gk_store *s = db(c);
    if (!s)
        return -1;
    int found = 0;
    gk_error err = {GK_OK, ""};
    if (gk_store_app_get(s, id, app, &found, &err) != GK_OK) {
        reply_db_error(c, &err);
        return -1;
    }
    if (!found) {
        reply_error(c, 404, "id", "没有编号为 %lld 的申请 / no application %lld", (long long)id,
                    (long long)id);
        return -1;
    }
    return 0;
}

static int case_to_json(void *p, const gk_case *k)
{
    json_array_append_new(p, case_json(k));
    return 0;
}

/* The log and state of an application as JSON into o; -1 after replying. */
static int log_and_state(ctx *c, const gk_application *app, json_t *o)
{
    gk_store *s = db(c);
    gk_event *log = NULL;
    size_t n = 0;
    gk_app_state st;
    gk_error err = {GK_OK, ""};
    if (gk_store_event_list(s, app->id, &log, &n, &err) != GK_OK) {
        reply_db_error(c, &err);
        return -1;
    }
    if (gk_app_state_get(c->api->cfg.cal, app, log, n, c->today, &st, &err) != GK_OK) {
        free(log);
        reply_error(c, 500, NULL, "%s", err.msg);
        return -1;
    }
    json_t *events = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(events, event_json(&log[i]));
    free(log);
    json_object_set_new(o, "state", state_json(&st));
    json_object_set_new(o, "events", events);
    return 0;
}

void route_app_get(ctx *c)
{
    static const char *const q[] = {NULL};
    if (query_only(c, q) < 0)
        return;
    gk_application *app = malloc(sizeof *app);
    if (!app)
        gk_oom();
    char agency[GK_AGENCY_MAX + 1];
    json_t *o = json_object();
    json_t *cases = json_array();
    gk_error err = {GK_OK, ""};
    if (load_app(c, app) == 0 && agency_name(c, app->agency_id, agency, sizeof agency) == 0 &&
        log_and_state(c, app, o) == 0) {
        if (gk_store_case_list(db(c), 0, app->id, case_to_json, cases, &err) != GK_OK) {
            reply_db_error(c, &err);
        } else {
            json_object_set_new(o, "application", app_json(app, 1));
            json_object_set_new(o, "agency", json_string(agency));
            json_object_set_new(o, "cases", json_incref(cases));
            reply_json(c, 200, json_incref(o));
        }
    }
    json_decref(cases);
    json_decref(o);
    free(app);
}

/* ---- events ---- */

enum {
    E_KIND,
    E_DATE,
    E_DAYS,
    E_CONSULT,
    E_PARTY,
    E_APPROVER,
    E_OUTCOME,
    E_AMOUNT,
    E_NOTE,
    E_REASON,
    E_N
};

static const fdef ev_fields[E_N] = {
    {"kind", F_TEXT, 1, GK_KEY_MAX, 0},
    {"date", F_DATE, 0, 0, 0},
    {"days", F_INT, 0, 0, 0},
    {"consult", F_TEXT, 0, GK_KEY_MAX, 0},
    {"party", F_TEXT, 0, GK_PARTY_MAX, 0},
    {"approver", F_TEXT, 0, GK_PERSON_MAX, 0},
    {"outcome", F_TEXT, 0, GK_KEY_MAX, 0},
    {"amount", F_TEXT, 0, GK_AMOUNT_MAX, 0},
    {"note", F_TEXT, 0, GK_NOTE_MAX, 1},
    {"reason", F_TEXT, 0, GK_NOTE_MAX, 1},
};

/* Which kinds each kind-specific field belongs to (bits of gk_event_kind). */
static unsigned field_kinds(int f)
{
    switch (f) {
    case E_DAYS:
    case E_APPROVER:
        return 1u << GK_EV_EXTENSION;
    case E_CONSULT:
    case E_PARTY:
        return 1u << GK_EV_CONSULT_START;
    case E_OUTCOME:
        return 1u << GK_EV_REPLY;
    case E_AMOUNT:
        return 1u << GK_EV_FEE_NOTICE | 1u << GK_EV_FEE_PAID;
    default:
        return ~0u;
    }
}

/* 1 if s is a decimal amount: digits, optionally a point and one or two digits. */
static int amount_ok(const char *s)
{
    size_t d = strspn(s, "0123456789");
    if (d == 0 || d > 12)
        return 0;
    if (s[d] == '\0')
        return 1;
    size_t f = s[d] == '.' ? strspn(s + d + 1, "0123456789") : 0;
    return f >= 1 && f <= 2 && s[d + 1 + f] == '\0';
}

/* The kind-specific fields of an event; -1 after replying. */
static int event_details(ctx *c, json_t **v, gk_event *ev)
{
    for (int f = E_DAYS; f <= E_AMOUNT; f++)
        if (v[f] && !(field_kinds(f) & 1u << ev->kind)) {
            reply_error(c, 400, ev_fields[f].name, "%s 不适用于“%s” / %s does not apply to %s",
                        ev_fields[f].name, gk_event_kind_label(ev->kind), ev_fields[f].name,
                        gk_event_kind_key(ev->kind));
            return -1;
        }
    if (ev->kind == GK_EV_EXTENSION) {
        json_int_t d = v[E_DAYS] ? json_integer_value(v[E_DAYS]) : 0;
        if (d < 1 || d > GK_EXTENSION_MAX) {
            reply_error(c, 400, "days", "延长的工作日数须为 1..%d / days must be 1..%d",
                        GK_EXTENSION_MAX, GK_EXTENSION_MAX);
            return -1;
        }
        ev->days = (int)d;
        if (v[E_APPROVER] && !blank(json_string_value(v[E_APPROVER])))
            text_into(ev->approver, sizeof ev->approver, v[E_APPROVER]);
        else
            snprintf(ev->approver, sizeof ev->approver, "%s", c->user.name);
    }
    if (ev->kind == GK_EV_CONSULT_START) {
        if (!v[E_CONSULT] ||
            gk_consult_kind_parse(json_string_value(v[E_CONSULT]), &ev->consult) < 0 ||
            ev->consult == GK_CONSULT_NONE) {
            reply_error(c, 400, "consult",
                        "consult 须为 third_party（第三方）或 agency（其他机关）/ consult must be "
                        "third_party or agency");
            return -1;
        }
        text_into(ev->party, sizeof ev->party, v[E_PARTY]);
    }
    if (ev->kind == GK_EV_REPLY) {
        const char *o = v[E_OUTCOME] ? json_string_value(v[E_OUTCOME]) : "";
        if (strncmp(o, "t3.", 3) == 0)
            o += 3;
        if (!gk_outcome_valid(o)) {
            reply_error(
                c, 400, "outcome",
                "答复须有办理结果（T3 的结果行，如 grant、partial、refuse.state_secret）/ a "
                "reply needs an outcome, a T3 outcome row such as grant or partial");
            return -1;
        }
        snprintf(ev->outcome, sizeof ev->outcome, "%s", o);
    }
    if (v[E_AMOUNT]) {
        if (!amount_ok(json_string_value(v[E_AMOUNT]))) {
            reply_error(c, 400, "amount",
                        "金额须为元，如 12 或 12.50 / amount is in yuan, as 12 "
                        "or 12.50");
            return -1;
        }
        text_into(ev->amount, sizeof ev->amount, v[E_AMOUNT]);
    }
    return 0;
}

/* Appends ev to the application's log and replies 201 with it and the new state. */
static void append_event(ctx *c, gk_application *app, gk_event *ev)
{
    if (ev->date > c->today) {
        reply_error(c, 400, "date", "日期不能晚于今天 / the date cannot be after today");
        return;
    }
    ev->app_id = app->id;
    gk_error err = {GK_OK, ""};
    gk_who who = change_of(c, NULL);
    gk_status st = gk_store_event_add(db(c), &who, ev, &err);
    if (st == GK_ERR_INVALID_ARG) {
        reply_error(c, 409, NULL, "%s", err.msg);
        return;
    }
    if (st != GK_OK) {
        reply_db_error(c, &err);
        return;
    }
    int found = 0;
    if (gk_store_app_get(db(c), app->id, app, &found, &err) != GK_OK) {
        reply_db_error(c, &err);
        return;
    }
    json_t *o = json_object();
    if (log_and_state(c, app, o) == 0) {
        json_object_set_new(o, "event", event_json(ev));
        json_object_del(o, "events");
        reply_json(c, 201, json_incref(o));
    }
    json_decref(o);
}

void route_event_add(ctx *c)
{
    static const char *const q[] = {NULL};
    json_t *v[E_N];
    if (query_only(c, q) < 0 || body_fields(c, ev_fields, E_N, v) < 0)
        return;
    gk_event *ev = calloc(1, sizeof *ev);
    gk_application *app = malloc(sizeof *app);
    if (!ev || !app)
        gk_oom();
    const char *kind = json_string_value(v[E_KIND]);
    if (gk_event_kind_parse(kind, &ev->kind) < 0) {
        reply_error(c, 400, "kind",
                    "未知的事件类型“%.48s”/ unknown event kind; one of correction_notice, "
                    "corrected, consult_start, consult_end, extension, fee_notice, fee_paid, "
                    "withdrawal, reply",
                    kind);
    } else if (ev->kind == GK_EV_EXTENSION && c->user.role < GK_ROLE_APPROVER) {
        reply_error(c, 403, "kind",
                    "延长答复期限须经审批人同意（条例第三十三条）/ an extension needs an approver "
                    "(Article 33 requires the head's consent)");
    } else if (event_details(c, v, ev) == 0 && load_app(c, app) == 0) {
        ev->date = date_of(v[E_DATE], c->today);
        text_into(ev->note, sizeof ev->note, v[E_NOTE]);
        append_event(c, app, ev);
    }
    free(ev);
    free(app);
}

void route_close(ctx *c)
{
    static const char *const q[] = {NULL};
    static const fdef f[] = {
        {"outcome", F_TEXT, 1, GK_KEY_MAX, 0},
        {"date", F_DATE, 0, 0, 0},
        {"note", F_TEXT, 0, GK_NOTE_MAX, 1},
        {"reason", F_TEXT, 0, GK_NOTE_MAX, 1},
    };
    json_t *v[4], *ev_v[E_N] = {NULL};
    if (query_only(c, q) < 0 || body_fields(c, f, 4, v) < 0)
        return;
    gk_event *ev = calloc(1, sizeof *ev);
    gk_application *app = malloc(sizeof *app);
    if (!ev || !app)
        gk_oom();
    ev->kind = GK_EV_REPLY;
    ev_v[E_OUTCOME] = v[0];
    if (event_details(c, ev_v, ev) == 0 && load_app(c, app) == 0) {
        ev->date = date_of(v[1], c->today);
        text_into(ev->note, sizeof ev->note, v[2]);
        append_event(c, app, ev);
    }
    free(ev);
    free(app);
}
