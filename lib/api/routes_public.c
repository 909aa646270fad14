/*
 * routes_public.c — what anyone may do: submit an application online (its receipt date is today,
 * 第三十一条), look up its status by tracking code (nothing private: no name, contact or
 * request), list the agencies; and the staff's counterparts: an application received on paper
 * or in person entered with its channel and receipt date (intake), an agency added (admin).
 *
 * An acknowledged submission is durable: the 201 is sent only after the store committed it
 * (SQLite synchronous=FULL, PostgreSQL synchronous commit).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include "api_int.h"

#define TRACKING_ALPHABET "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

/* ---- the agency cache ---- */

int agency_name(ctx *c, int64_t id, char *buf, size_t size)
{
    gk_api *api = c->api;
    pthread_mutex_lock(&api->agency_mu);
    for (size_t i = 0; i < api->nagencies; i++)
        if (api->agencies[i].id == id) {
            snprintf(buf, size, "%s", api->agencies[i].name);
            pthread_mutex_unlock(&api->agency_mu);
            return 0;
        }
    pthread_mutex_unlock(&api->agency_mu);
    gk_store *s = db(c);
    if (!s)
        return -1;
    gk_agency a;
    int found = 0;
    gk_error err = {GK_OK, ""};
    if (gk_store_agency_get(s, id, &a, &found, &err) != GK_OK) {
        reply_db_error(c, &err);
        return -1;
    }
    if (!found) {
        snprintf(buf, size, "%s", "");
        return 0;
    }
    snprintf(buf, size, "%s", a.name);
    pthread_mutex_lock(&api->agency_mu);
    if (api->nagencies < 4096) {
        gk_agency *v = realloc(api->agencies, (api->nagencies + 1) * sizeof *v);
        if (!v)
            gk_oom();
        api->agencies = v;
        api->agencies[api->nagencies++] = a;
    }
    pthread_mutex_unlock(&api->agency_mu);
    return 0;
}

void agency_cache_clear(gk_api *api)
{
    pthread_mutex_lock(&api->agency_mu);
    free(api->agencies);
    api->agencies = NULL;
    api->nagencies = 0;
    pthread_mutex_unlock(&api->agency_mu);
}

/* ---- submitting an application ---- */

enum { A_AGENCY, A_TYPE, A_NAME, A_CONTACT, A_REQUEST, A_CHANNEL, A_RECEIVED, A_REASON, A_N };

static const fdef app_fields[A_N] = {
    {"agency", F_TEXT_ID, 0, GK_AGENCY_MAX, 0},
    {"applicant_type", F_TEXT, 1, GK_KEY_MAX, 0},
    {"name", F_TEXT, 1, GK_NAME_MAX, 0},
    {"contact", F_TEXT, 1, GK_CONTACT_MAX, 1},
    {"request", F_TEXT, 1, GK_REQUEST_MAX, 1},
    {"channel", F_TEXT, 0, GK_KEY_MAX, 0},
    {"received", F_DATE, 0, 0, 0},
    {"reason", F_TEXT, 0, GK_NOTE_MAX, 1},
};

/* Fills the application from the checked body; -1 after replying. */
static int app_from_body(ctx *c, json_t **v, int staff, gk_application *app)
{
    gk_agency ag;
    if (agency_of(c, v[A_AGENCY] ? v[A_AGENCY] : json_null(), &ag) < 0)
        return -1;
    app->agency_id = ag.id;
    const char *type = json_string_value(v[A_TYPE]);
    if (!gk_applicant_type_valid(type)) {
        reply_error(c, 400, "applicant_type",
                    "未知的申请人类型“%.48s”，应为 np、biz、research、ngo、legal、other_org 之一 / "
                    "unknown applicant type; one of np, biz, research, ngo, legal, other_org",
                    type);
        return -1;
    }
    static const char *const required[] = {"name", "contact", "request"};
    for (int i = 0; i < 3; i++)
        if (blank(json_string_value(v[A_NAME + i]))) {
            reply_error(c, 400, required[i], "%s 不能为空 / %s must not be empty", required[i],
                        required[i]);
            return -1;
        }
    text_into(app->applicant_type, sizeof app->applicant_type, v[A_TYPE]);
    text_into(app->applicant_name, sizeof app->applicant_name, v[A_NAME]);
    text_into(app->applicant_contact, sizeof app->applicant_contact, v[A_CONTACT]);
    text_into(app->request, sizeof app->request, v[A_REQUEST]);
    app->channel = GK_CHANNEL_ONLINE;
    app->received = c->today;
    const char *ch = v[A_CHANNEL] ? json_string_value(v[A_CHANNEL]) : NULL;
    if (staff) {
        if (!ch || gk_channel_parse(ch, &app->channel) < 0) {
            reply_error(
                c, 400, "channel",
                "渠道须为 in_person、post、fax、online、email、other 之一 / channel must be "
                "one of in_person, post, fax, online, email, other");
            return -1;
        }
        app->received = date_of(v[A_RECEIVED], c->today);
        if (app->received > c->today) {
            reply_error(c, 400, "received",
                        "收到日期不能晚于今天 / received cannot be after today");
            return -1;
        }
    } else if (ch && strcmp(ch, "online") != 0) {
        reply_error(c, 400, "channel",
                    "网上提交的渠道只能是 online / an application submitted here is online");
        return -1;
    }
    return 0;
}

static void add_application(ctx *c, int staff)
{
    json_t *v[A_N];
    if (body_fields(c, app_fields, staff ? A_N : A_RECEIVED, v) < 0)
        return;
    gk_application *app = calloc(1, sizeof *app);
    if (!app)
        gk_oom();
    app->closed = GK_DATE_NONE;
    if (app_from_body(c, v, staff, app) < 0) {
        free(app);
        return;
    }
    gk_store *s = db(c);
    gk_error err = {GK_OK, ""};
    gk_who who = change_of(c, staff ? NULL : "public");
    gk_status st = s ? gk_store_app_add(s, &who, app, &err) : GK_ERR_IO;
    if (!s) {
        /* replied */
    } else if (st == GK_ERR_INVALID_ARG) {
        reply_error(c, 400, NULL, "%s", err.msg);
    } else if (st != GK_OK) {
        reply_db_error(c, &err);
    } else {
        gk_app_state state;
        gk_date due = GK_DATE_NONE;
        if (gk_app_state_get(c->api->cfg.cal, app, NULL, 0, c->today, &state, &err) == GK_OK)
            due = state.due;
        char loc[64];
        snprintf(loc, sizeof loc, "/api/track/%s", app->tracking);
        header_add(c->resp, "Location", loc);
        reply_json(c, 201,
                   json_pack("{s:I, s:s, s:o, s:o, s:s}", "id", (json_int_t)app->id, "tracking",
                             app->tracking, "received", date_json(app->received), "due",
                             date_json(due), "status_url", loc));
    }
    free(app);
}

void route_submit(ctx *c)
{
    static const char *const q[] = {NULL};
    if (query_only(c, q) == 0)
        add_application(c, 0);
}

void route_intake(ctx *c)
{
    static const char *const q[] = {NULL};
    if (query_only(c, q) == 0)
        add_application(c, 1);
}

/* ---- the status by tracking code ---- */

/* Normalises a tracking code into buf (upper case); -1 if it is not one. */
static int tracking_code(const char *s, char buf[GK_TRACKING_LEN + 1])
{
    if (strlen(s) != GK_TRACKING_LEN)
        return -1;
    for (int i = 0; i < GK_TRACKING_LEN; i++) {
        char ch = (char)toupper((unsigned char)s[i]);
        if (!strchr(TRACKING_ALPHABET, ch) || ch == '\0')
            return -1;
        buf[i] = ch;
    }
    buf[GK_TRACKING_LEN] = '\0';
    return 0;
}

void route_track(ctx *c)
{
    static const char *const q[] = {NULL};
    if (query_only(c, q) < 0)
        return;
    char code[GK_TRACKING_LEN + 1];
    if (tracking_code(c->params[0], code) < 0) {
        reply_error(
            c, 404, "code",
            "查询码格式不正确（%d 位字母和数字）/ not a tracking code (%d letters and digits)",
            GK_TRACKING_LEN, GK_TRACKING_LEN);
        return;
    }
    gk_store *s = db(c);
    if (!s)
        return;
    gk_application *app = malloc(sizeof *app);
    if (!app)
        gk_oom();
    int found = 0;
    gk_error err = {GK_OK, ""};
    gk_event *log = NULL;
    size_t n = 0;
    gk_app_state st;
    char agency[GK_AGENCY_MAX + 1];
    if (gk_store_app_by_tracking(s, code, app, &found, &err) != GK_OK) {
        reply_db_error(c, &err);
    } else if (!found) {
        reply_error(c, 404, "code", "没有这个查询码的申请 / no application has this tracking code");
    } else if (gk_store_event_list(s, app->id, &log, &n, &err) != GK_OK) {
        reply_db_error(c, &err);
    } else if (gk_app_state_get(c->api->cfg.cal, app, log, n, c->today, &st, &err) != GK_OK) {
        reply_error(c, 500, NULL, "%s", err.msg);
    } else if (agency_name(c, app->agency_id, agency, sizeof agency) == 0) {
        json_t *hist = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(
                hist, json_pack("{s:s, s:s, s:o}", "kind", gk_event_kind_key(log[i].kind), "label",
                                gk_event_kind_label(log[i].kind), "date", date_json(log[i].date)));
        reply_json(c, 200,
                   json_pack("{s:s, s:s, s:o, s:s, s:s, s:o, s:o}", "tracking", app->tracking,
                             "agency", agency, "received", date_json(app->received), "channel",
                             gk_channel_key(app->channel), "channel_label",
                             gk_channel_label(app->channel), "state", state_json(&st), "history",
                             hist));
    }
    free(log);
    free(app);
}

/* ---- agencies ---- */

static int agency_to_json(void *p, const gk_agency *a)
{
    json_array_append_new(p, json_pack("{s:I, s:s}", "id", (json_int_t)a->id, "name", a->name));
    return 0;
}

void route_agencies(ctx *c)
{
    static const char *const q[] = {NULL};
    if (query_only(c, q) < 0)
        return;
    gk_store *s = db(c);
    if (!s)
        return;
    json_t *arr = json_array();
    gk_error err = {GK_OK, ""};
    if (gk_store_agency_list(s, agency_to_json, arr, &err) != GK_OK) {
        json_decref(arr);
        reply_db_error(c, &err);
        return;
    }
    reply_json(c, 200, json_pack("{s:o}", "agencies", arr));
}

void route_agency_add(ctx *c)
{
    static const fdef f[] = {{"name", F_TEXT, 1, GK_AGENCY_MAX, 0}};
    json_t *v[1];
    if (body_fields(c, f, 1, v) < 0)
        return;
    const char *name = json_string_value(v[0]);
    if (blank(name)) {
        reply_error(c, 400, "name", "机关名称不能为空 / the agency's name must not be empty");
        return;
    }
    gk_store *s = db(c);
    if (!s)
        return;
    gk_agency a;
    int found = 0;
    int64_t id = 0;
    gk_error err = {GK_OK, ""};
    gk_who who = change_of(c, NULL);
    if (gk_store_agency_find(s, name, &a, &found, &err) != GK_OK) {
        reply_db_error(c, &err);
    } else if (found) {
        reply_error(c, 409, "name", "已有同名机关 / an agency of this name exists");
    } else {
        gk_status st = gk_store_agency_add(s, &who, name, &id, &err);
        if (st == GK_ERR_INVALID_ARG)
            reply_error(c, 400, "name", "%s", err.msg);
        else if (st != GK_OK)
            reply_db_error(c, &err);
        else
            reply_json(c, 201, json_pack("{s:I, s:s}", "id", (json_int_t)id, "name", name));
        agency_cache_clear(c->api);
    }
}
