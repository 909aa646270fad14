/*
 * records_json.c — the records of work.h as the API's JSON: applications (with or without the
 * applicant's private details), events, the computed state of an application, cases. Keys are
 * the spec's keys; each key value comes with its Chinese label where work.h has one.
 */
#include <string.h>

#include "api_int.h"

json_t *date_json(gk_date d)
{
    if (d == GK_DATE_NONE)
        return json_null();
    char buf[11];
    return json_string(gk_date_format(d, buf));
}

/* A string, or null for "". */
static json_t *text_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

json_t *app_json(const gk_application *a, int private_fields)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(a->id));
    json_object_set_new(o, "tracking", json_string(a->tracking));
    json_object_set_new(o, "agency_id", json_integer(a->agency_id));
    json_object_set_new(o, "received", date_json(a->received));
    json_object_set_new(o, "channel", json_string(gk_channel_key(a->channel)));
    json_object_set_new(o, "channel_label", json_string(gk_channel_label(a->channel)));
    json_object_set_new(o, "applicant_type", json_string(a->applicant_type));
    const char *tl = gk_applicant_type_label(a->applicant_type);
    json_object_set_new(o, "applicant_type_label", text_or_null(tl));
    if (private_fields) {
        json_object_set_new(o, "name", json_string(a->applicant_name));
        json_object_set_new(o, "contact", json_string(a->applicant_contact));
        json_object_set_new(o, "request", json_string(a->request));
        json_object_set_new(o, "created_at", json_string(a->created_at));
    }
    json_object_set_new(o, "closed", date_json(a->closed));
    json_object_set_new(o, "outcome", text_or_null(a->outcome));
    json_object_set_new(o, "outcome_label",
                        text_or_null(a->outcome[0] ? gk_outcome_label(a->outcome) : NULL));
    return o;
}

json_t *event_json(const gk_event *e)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(e->id));
    json_object_set_new(o, "seq", json_integer(e->seq));
    json_object_set_new(o, "kind", json_string(gk_event_kind_key(e->kind)));
    json_object_set_new(o, "kind_label", json_string(gk_event_kind_label(e->kind)));
    json_object_set_new(o, "date", date_json(e->date));
    if (e->kind == GK_EV_EXTENSION) {
        json_object_set_new(o, "days", json_integer(e->days));
        json_object_set_new(o, "approver", json_string(e->approver));
    }
    if (e->kind == GK_EV_CONSULT_START) {
        json_object_set_new(o, "consult", text_or_null(gk_consult_kind_key(e->consult)));
        json_object_set_new(o, "party", json_string(e->party));
    }
    if (e->kind == GK_EV_REPLY) {
        json_object_set_new(o, "outcome", json_string(e->outcome));
        json_object_set_new(o, "outcome_label", text_or_null(gk_outcome_label(e->outcome)));
    }
    if (e->kind == GK_EV_FEE_NOTICE || e->kind == GK_EV_FEE_PAID)
        json_object_set_new(o, "amount", text_or_null(e->amount));
    json_object_set_new(o, "note", json_string(e->note));
    json_object_set_new(o, "actor", json_string(e->actor));
    json_object_set_new(o, "recorded_at", json_string(e->recorded_at));
    return o;
}

static const char *deadline_key(gk_deadline_state s)
{
    switch (s) {
    case GK_DEADLINE_DUE:
        return "due";
    case GK_DEADLINE_PAUSED:
        return "paused";
    case GK_DEADLINE_AWAITING:
        return "awaiting_correction";
    }
    return "?";
}

/* The state in words: 已答复, 已撤回, 已逾期, 即将到期, 暂停计时, 待补正, 办理中. */
static const char *status_label(const gk_app_state *st)
{
    if (st->closed)
        return st->closed_by == GK_EV_WITHDRAWAL ? "已撤回 withdrawn" : "已答复 replied";
    if (st->awaiting_correction)
        return "待补正 awaiting correction";
    if (st->paused)
        return "暂停计时 paused";
    if (st->overdue)
        return "已逾期 overdue";
    if (st->due_soon)
        return "即将到期 due soon";
    return "办理中 in progress";
}

json_t *state_json(const gk_app_state *st)
{
    json_t *o = json_object();
    json_object_set_new(o, "status", json_string(st->closed ? "closed" : "open"));
    json_object_set_new(o, "status_label", json_string(status_label(st)));
    json_object_set_new(o, "closed_date", date_json(st->closed_date));
    json_object_set_new(o, "closed_by",
                        st->closed ? json_string(gk_event_kind_key(st->closed_by)) : json_null());
    json_object_set_new(o, "outcome", text_or_null(st->outcome));
    json_object_set_new(o, "outcome_label",
                        text_or_null(st->outcome[0] ? gk_outcome_label(st->outcome) : NULL));
    json_object_set_new(o, "deadline", json_string(deadline_key(st->deadline)));
    json_object_set_new(o, "start", date_json(st->start));
    json_object_set_new(o, "due", date_json(st->due));
    json_object_set_new(o, "days_left", json_integer(st->days_left));
    json_object_set_new(o, "overdue", json_boolean(st->overdue));
    json_object_set_new(o, "due_soon", json_boolean(st->due_soon));
    json_object_set_new(o, "paused", json_boolean(st->paused));
    json_object_set_new(o, "awaiting_correction", json_boolean(st->awaiting_correction));
    json_object_set_new(o, "consulting", json_boolean(st->consulting));
    json_object_set_new(o, "fee_pending", json_boolean(st->fee_pending));
    json_object_set_new(o, "extension_days", json_integer(st->extension_days));
    json_object_set_new(o, "replied_late", json_boolean(st->replied_late));
    json_object_set_new(o, "late_notice", json_boolean(st->late_notice));
    json_object_set_new(o, "unconfirmed", json_boolean(st->unconfirmed));
    json_object_set_new(o, "first_unconfirmed", date_json(st->first_unconfirmed));
    return o;
}

json_t *case_json(const gk_case *k)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(k->id));
    json_object_set_new(o, "application", json_integer(k->app_id));
    json_object_set_new(o, "kind", json_string(gk_case_kind_key(k->kind)));
    json_object_set_new(o, "filed", date_json(k->filed));
    json_object_set_new(o, "result", json_string(gk_case_result_key(k->result)));
    json_object_set_new(o, "decided", date_json(k->decided));
    json_object_set_new(o, "ref", json_string(k->ref));
    json_object_set_new(o, "note", json_string(k->note));
    return o;
}
