/*
 * test_api.c — the HTTP API through gk_api_handle, without a socket: every route, sessions
 * (missing, forged and expired cookies), CSRF (missing, forged, another session's), roles,
 * malformed and oversized JSON, unknown fields, invalid dates, SQL metacharacters and 汉字 in
 * every text field read back exactly, events out of order refused with nothing written (the
 * event log, the applications and the audit log unchanged), the queue's due dates and flags, a
 * closed year and its amendment, the generated report in every format (its text read back and
 * checked clean by gk_check), the audit check, concurrent submissions, and sessions kept in the
 * store: after a restart of the api the same cookie and CSRF token work, two api objects on one
 * store share them, logout ends them everywhere, and one past its lifetime is refused.
 *
 * On SQLite always; on PostgreSQL too when GK_TEST_PG names a server (scripts/pg-test): the
 * test creates a database of its own there and drops it at the end.
 *
 * usage: test-api SOURCE_ROOT
 */
#include <gongkai/api.h>
#include <gongkai/check.h>
#include <gongkai/doc.h>
#include <gongkai/render.h>
#include <gongkai/store.h>
#include <jansson.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../dates.h"
#include "../harness.h"

#define META   "'\";--\\%_ 汉字😀 x' OR '1'='1'; DROP TABLE applications; --"
#define PW     "correct horse 1"
#define TODAY  "2025-03-14" /* a Friday */
#define HDRS   8
#define QPAIRS 8

static gk_calendar *cal;
static gk_api *api;
static char url[1024];
static char tag[32];
static const char *backend;

/* ---- calling the API ---- */

typedef struct sess {
    char cookie[160];
    char csrf[80];
} sess;

typedef struct res {
    int status;
    json_t *j; /* the body parsed, if it is JSON */
    gk_api_response r;
} res;

typedef struct call_opts {
    const char *csrf;   /* NULL: the session's (on a state-changing method); "": none */
    const char *type;   /* Content-Type; NULL: application/json when there is a body */
    const char *cookie; /* overrides the session's cookie header */
    size_t body_len;    /* 0: strlen(body) */
    int too_large;
    const char *client;
} call_opts;

static res call_with(const sess *s, const char *method, const char *target, const char *body,
                     const call_opts *o)
{
    char path[1024], qbuf[1024];
    snprintf(path, sizeof path, "%s", target);
    gk_api_pair query[QPAIRS];
    size_t nq = 0;
    char *qm = strchr(path, '?');
    if (qm) {
        *qm = '\0';
        snprintf(qbuf, sizeof qbuf, "%s", qm + 1);
        for (char *p = strtok(qbuf, "&"); p && nq < QPAIRS; p = strtok(NULL, "&")) {
            char *eq = strchr(p, '=');
            if (eq)
                *eq = '\0';
            query[nq].name = p;
            query[nq].value = eq ? eq + 1 : "";
            nq++;
        }
    }
    gk_api_pair h[HDRS];
    size_t nh = 0;
    char cookie[200];
    int changing = strcmp(method, "GET") != 0;
    if (o->cookie) {
        h[nh++] = (gk_api_pair){"Cookie", o->cookie};
    } else if (s && s->cookie[0]) {
        snprintf(cookie, sizeof cookie, "theme=dark; %s", s->cookie);
        h[nh++] = (gk_api_pair){"Cookie", cookie};
    }
    const char *csrf = o->csrf ? o->csrf : (s && changing ? s->csrf : "");
    if (csrf[0])
        h[nh++] = (gk_api_pair){"X-CSRF-Token", csrf};
    if (body && (o->type || changing))
        h[nh++] = (gk_api_pair){"Content-Type", o->type ? o->type : "application/json"};
    gk_api_request rq = {method,
                         path,
                         query,
                         nq,
                         h,
                         nh,
                         body,
                         body ? (o->body_len ? o->body_len : strlen(body)) : 0,
                         o->too_large,
                         o->client ? o->client : "127.0.0.1"};
    res r;
    memset(&r, 0, sizeof r);
    gk_api_handle(api, &rq, &r.r);
    r.status = r.r.status;
    const char *type = gk_api_response_header(&r.r, "Content-Type");
    if (type && strncmp(type, "application/json", 16) == 0)
        r.j = json_loadb(r.r.body, r.r.body_len, 0, NULL);
    return r;
}

static res call(const sess *s, const char *method, const char *target, const char *body)
{
    call_opts o = {NULL, NULL, NULL, 0, 0, NULL};
    return call_with(s, method, target, body, &o);
}

static void done(res *r)
{
    json_decref(r->j);
    gk_api_response_free(&r->r);
}

static const char *jstr(const res *r, const char *key)
{
    const char *v = json_string_value(json_object_get(r->j, key));
    return v ? v : "";
}

static json_int_t jint(const json_t *o, const char *key)
{
    return json_integer_value(json_object_get(o, key));
}

/* The call returns `want`; an error has the JSON form, and the field if one is given. */
#define EXPECT(rs, want, field)                                                                    \
    do {                                                                                           \
        CHECK_MSG((rs).status == (want), "%s:%d: status %d, want %d: %s", __func__, __LINE__,      \
                  (rs).status, (want), (rs).r.body ? (rs).r.body : "");                            \
        if ((want) >= 400) {                                                                       \
            CHECK_MSG(json_is_string(json_object_get((rs).j, "error")), "%s:%d: no error message", \
                      __func__, __LINE__);                                                         \
            const char *f_ = (field);                                                              \
            if (f_)                                                                                \
                CHECK_MSG(strcmp(jstr(&(rs), "field"), f_) == 0, "%s:%d: field %s, want %s",       \
                          __func__, __LINE__, jstr(&(rs), "field"), f_);                           \
        }                                                                                          \
    } while (0)

/* One request expected to fail with `want` and `field`. */
static void refused(const sess *s, const char *method, const char *target, const char *body,
                    int want, const char *field)
{
    res r = call(s, method, target, body);
    EXPECT(r, want, field);
    done(&r);
}

/* ---- what the store holds ---- */

static gk_store *store;

static int count_cb(void *p, const gk_application *a)
{
    (void)a;
    ++*(size_t *)p;
    return 0;
}

typedef struct snapshot {
    size_t apps;
    int64_t audit;
} snapshot;

static snapshot snap(void)
{
    snapshot s = {0, 0};
    gk_error err;
    CHECK(gk_store_app_list(store, 0, 0, count_cb, &s.apps, &err) == GK_OK);
    CHECK(gk_store_audit_verify(store, &s.audit, &err) == GK_OK);
    return s;
}

#define UNCHANGED(before)                                                                          \
    do {                                                                                           \
        snapshot now_ = snap();                                                                    \
        CHECK_MSG(now_.apps == (before).apps && now_.audit == (before).audit,                      \
                  "%s:%d: something was written (apps %zu→%zu, audit %lld→%lld)", __func__,        \
                  __LINE__, (before).apps, now_.apps, (long long)(before).audit,                   \
                  (long long)now_.audit);                                                          \
    } while (0)

static size_t events_of(int64_t app)
{
    gk_event *log = NULL;
    size_t n = 0;
    gk_error err;
    CHECK(gk_store_event_list(store, app, &log, &n, &err) == GK_OK);
    free(log);
    return n;
}

/* ---- sessions ---- */

static void add_user(const char *name, gk_role role)
{
    gk_who who = {"test", NULL, GK_DATE_NONE};
    int64_t id;
    gk_error err;
    gk_status st = gk_store_user_add(store, &who, name, PW, role, &id, &err);
    CHECK_MSG(st == GK_OK, "user %s: %s", name, err.msg);
}

static char admin[64], approver[64], clerk[64];

static sess login(const char *name)
{
    sess s;
    memset(&s, 0, sizeof s);
    char body[256];
    snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"%s\"}", name, PW);
    res r = call(NULL, "POST", "/api/login", body);
    EXPECT(r, 200, NULL);
    const char *sc = gk_api_response_header(&r.r, "Set-Cookie");
    if (sc) {
        size_t n = strcspn(sc, ";");
        snprintf(s.cookie, sizeof s.cookie, "%.*s", (int)n, sc);
    }
    snprintf(s.csrf, sizeof s.csrf, "%s", jstr(&r, "csrf_token"));
    done(&r);
    return s;
}

/* ---- records made through the API ---- */

static int64_t agency_id;
static char agency_q[64]; /* "agency=ID" */

/* Submits an application online; its id, tracking code in code (if not NULL). */
static int64_t submit(const char *name, char code[16])
{
    char body[1024];
    snprintf(body, sizeof body,
             "{\"agency\":%lld,\"applicant_type\":\"np\",\"name\":\"%s\",\"contact\":\"电话 "
             "010-1234\",\"request\":\"2024 年部门预算\"}",
             (long long)agency_id, name);
    res r = call(NULL, "POST", "/api/applications", body);
    EXPECT(r, 201, NULL);
    int64_t id = jint(r.j, "id");
    if (code)
        snprintf(code, 16, "%s", jstr(&r, "tracking"));
    done(&r);
    return id;
}

/* Enters an application received on a given day (intake). */
static int64_t intake(const sess *s, const char *received, const char *type)
{
    char body[512];
    snprintf(body, sizeof body,
             "{\"agency\":%lld,\"applicant_type\":\"%s\",\"name\":\"某公司\",\"contact\":\"北京市"
             "\",\"request\":\"某批复\",\"channel\":\"post\",\"received\":\"%s\"}",
             (long long)agency_id, type, received);
    res r = call(s, "POST", "/api/intake", body);
    EXPECT(r, 201, NULL);
    int64_t id = jint(r.j, "id");
    done(&r);
    return id;
}

static res event(const sess *s, int64_t app, const char *body)
{
    char path[64];
    snprintf(path, sizeof path, "/api/applications/%lld/events", (long long)app);
    return call(s, "POST", path, body);
}

static void event_ok(const sess *s, int64_t app, const char *body)
{
    res r = event(s, app, body);
    EXPECT(r, 201, NULL);
    done(&r);
}

/* An event refused with `want`: nothing written. */
static void event_refused(const sess *s, int64_t app, const char *body, int want, const char *f)
{
    snapshot before = snap();
    size_t n = events_of(app);
    res r = event(s, app, body);
    EXPECT(r, want, f);
    done(&r);
    CHECK_MSG(events_of(app) == n, "event %s: the log grew", body);
    UNCHANGED(before);
}

/* ---- the tests ---- */

static void test_routing(void)
{
    refused(NULL, "GET", "/api/nothing", NULL, 404, NULL);
    refused(NULL, "GET", "/api/agencies/", NULL, 404, NULL);
    refused(NULL, "GET", "/", NULL, 404, NULL);
    refused(NULL, "GET", "//api", NULL, 404, NULL);
    res r = call(NULL, "DELETE", "/api/agencies", NULL);
    EXPECT(r, 405, NULL);
    const char *allow = gk_api_response_header(&r.r, "Allow");
    CHECK(allow && strstr(allow, "GET") && strstr(allow, "POST"));
    CHECK(gk_api_response_header(&r.r, "X-Content-Type-Options") != NULL);
    CHECK_STR(gk_api_response_header(&r.r, "Cache-Control"), "no-store");
    done(&r);
    gk_api_request rq = {NULL, NULL, NULL, 0, NULL, 0, NULL, 0, 0, NULL};
    gk_api_response resp;
    gk_api_handle(api, &rq, &resp);
    CHECK_INT(resp.status, 400);
    gk_api_response_free(&resp);
}

static void test_auth(void)
{
    /* no session, a forged one, a malformed one */
    refused(NULL, "GET", "/api/queue", NULL, 401, NULL);
    call_opts forged = {NULL, NULL, "gk_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                        0,    0,    NULL};
    res r = call_with(NULL, "GET", "/api/queue", NULL, &forged);
    EXPECT(r, 401, NULL);
    done(&r);
    call_opts bad = {NULL, NULL, "gk_session=' OR 1=1; --", 0, 0, NULL};
    r = call_with(NULL, "GET", "/api/queue", NULL, &bad);
    EXPECT(r, 401, NULL);
    done(&r);
    /* logins that fail */
    char body[512];
    snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"wrong password\"}", clerk);
    refused(NULL, "POST", "/api/login", body, 401, NULL);
    refused(NULL, "POST", "/api/login", "{\"name\":\"nobody-at-all\",\"password\":\"x\"}", 401,
            NULL);
    refused(NULL, "POST", "/api/login", "{\"name\":\"x\"}", 400, "password");
    refused(NULL, "POST", "/api/login", "{\"name\":\"x\",\"password\":\"y\",\"role\":\"admin\"}",
            400, "role");
    /* a session */
    snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"%s\"}", clerk, PW);
    r = call(NULL, "POST", "/api/login", body);
    EXPECT(r, 200, NULL);
    const char *sc = gk_api_response_header(&r.r, "Set-Cookie");
    CHECK(sc && strncmp(sc, "gk_session=", 11) == 0);
    CHECK(sc && strstr(sc, "HttpOnly") && strstr(sc, "SameSite=Strict") && strstr(sc, "Path=/"));
    CHECK(sc && strlen(sc) > 11 + 43 && sc[11 + 43] == ';');
    CHECK_INT(strlen(jstr(&r, "csrf_token")), 64);
    CHECK_STR(jstr(&r, "role"), "clerk");
    done(&r);
    sess s = login(clerk);
    r = call(&s, "GET", "/api/me", NULL);
    EXPECT(r, 200, NULL);
    CHECK_STR(jstr(&r, "user"), clerk);
    CHECK_STR(jstr(&r, "csrf_token"), s.csrf);
    done(&r);
    /* CSRF: missing, forged, another session's */
    snapshot before = snap();
    const char *app = "{\"applicant_type\":\"np\",\"name\":\"甲\",\"contact\":\"乙\",\"request\":"
                      "\"丙\",\"channel\":\"post\"}";
    call_opts none = {"", NULL, NULL, 0, 0, NULL};
    r = call_with(&s, "POST", "/api/intake", app, &none);
    EXPECT(r, 403, "X-CSRF-Token");
    done(&r);
    call_opts forged_csrf = {
        "0000000000000000000000000000000000000000000000000000000000000000", NULL, NULL, 0, 0, NULL};
    r = call_with(&s, "POST", "/api/intake", app, &forged_csrf);
    EXPECT(r, 403, "X-CSRF-Token");
    done(&r);
    sess other = login(approver);
    call_opts others = {other.csrf, NULL, NULL, 0, 0, NULL};
    r = call_with(&s, "POST", "/api/intake", app, &others);
    EXPECT(r, 403, "X-CSRF-Token");
    done(&r);
    call_opts short_csrf = {"abc", NULL, NULL, 0, 0, NULL};
    r = call_with(&s, "POST", "/api/logout", NULL, &short_csrf);
    EXPECT(r, 403, "X-CSRF-Token");
    done(&r);
    UNCHANGED(before);
    /* logout ends the session */
    r = call(&s, "POST", "/api/logout", NULL);
    EXPECT(r, 200, NULL);
    sc = gk_api_response_header(&r.r, "Set-Cookie");
    CHECK(sc && strstr(sc, "Max-Age=0"));
    done(&r);
    refused(&s, "GET", "/api/me", NULL, 401, NULL);
    r = call(&other, "GET", "/api/me", NULL);
    EXPECT(r, 200, NULL);
    done(&r);
}

static void test_throttle(void)
{
    char body[256];
    snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"not it\"}", approver);
    call_opts from = {NULL, NULL, NULL, 0, 0, "192.0.2.7"};
    for (int i = 0; i < 3; i++) {
        res r = call_with(NULL, "POST", "/api/login", body, &from);
        EXPECT(r, 401, NULL);
        done(&r);
    }
    snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"%s\"}", approver, PW);
    res r = call_with(NULL, "POST", "/api/login", body, &from);
    EXPECT(r, 429, NULL);
    CHECK(gk_api_response_header(&r.r, "Retry-After") != NULL);
    done(&r);
    /* the same name from another address is not held up */
    sess s = login(approver);
    CHECK(s.csrf[0] != '\0');
}

static void test_roles(const sess *cl, const sess *ap, const sess *ad)
{
    snapshot before = snap();
    refused(cl, "POST", "/api/agencies", "{\"name\":\"新机关\"}", 403, NULL);
    refused(cl, "GET", "/api/audit/verify", NULL, 403, NULL);
    refused(ap, "GET", "/api/audit", NULL, 403, NULL);
    char path[64];
    snprintf(path, sizeof path, "/api/years/2024/close");
    refused(ap, "POST", path, "{}", 403, NULL);
    UNCHANGED(before);
    res r = call(ad, "GET", "/api/audit/verify", NULL);
    EXPECT(r, 200, NULL);
    CHECK(json_is_true(json_object_get(r.j, "intact")));
    CHECK_INT(jint(r.j, "entries"), before.audit);
    done(&r);
    r = call(ad, "GET", "/api/audit?after=0&limit=2", NULL);
    EXPECT(r, 200, NULL);
    CHECK_INT(json_array_size(json_object_get(r.j, "entries")),
              before.audit < 2 ? before.audit : 2);
    done(&r);
    refused(ad, "GET", "/api/audit?limit=0", NULL, 400, "limit");
    refused(ad, "GET", "/api/audit?since=3", NULL, 400, "since");
}

static void test_bad_bodies(const sess *cl)
{
    snapshot before = snap();
    const char *P = "/api/applications";
    refused(NULL, "POST", P, "{\"applicant_type\":", 400, NULL);
    refused(NULL, "POST", P, "[1,2]", 400, NULL);
    refused(NULL, "POST", P, "\"text\"", 400, NULL);
    refused(NULL, "POST", P, "{\"a\":1,\"a\":2}", 400, NULL);
    refused(NULL, "POST", P, "{}", 400, "applicant_type");
    refused(NULL, "POST", P,
            "{\"applicant_type\":\"np\",\"name\":\"甲\",\"contact\":\"乙\",\"request\":\"丙\","
            "\"secret\":1}",
            400, "secret");
    refused(NULL, "POST", P,
            "{\"applicant_type\":\"np\",\"name\":\"甲\",\"contact\":\"乙\",\"request\":\"丙\","
            "\"received\":\"2020-01-01\"}",
            400, "received");
    refused(NULL, "POST", P,
            "{\"applicant_type\":\"robot\",\"name\":\"甲\",\"contact\":\"乙\",\"request\":\"丙\"}",
            400, "applicant_type");
    refused(NULL, "POST", P,
            "{\"applicant_type\":\"np\",\"name\":7,\"contact\":\"乙\",\"request\":\"丙\"}", 400,
            "name");
    refused(NULL, "POST", P,
            "{\"applicant_type\":\"np\",\"name\":\"  \",\"contact\":\"乙\",\"request\":\"丙\"}",
            400, "name");
    refused(NULL, "POST", P,
            "{\"applicant_type\":\"np\",\"name\":\"a\\u0007b\",\"contact\":\"乙\",\"request\":"
            "\"丙\"}",
            400, "name");
    refused(NULL, "POST", P,
            "{\"applicant_type\":\"np\",\"name\":\"a\\u0000b\",\"contact\":\"乙\",\"request\":"
            "\"丙\"}",
            400, NULL);
    refused(NULL, "POST", P,
            "{\"applicant_type\":\"np\",\"name\":\"甲\",\"contact\":\"乙\",\"request\":\"丙\","
            "\"channel\":\"fax\"}",
            400, "channel");
    refused(NULL, "POST", P,
            "{\"applicant_type\":\"np\",\"name\":\"甲\",\"contact\":\"乙\",\"request\":\"丙\","
            "\"agency\":999999}",
            400, "agency");
    refused(NULL, "POST", P,
            "{\"applicant_type\":\"np\",\"name\":\"甲\",\"contact\":\"乙\",\"request\":\"丙\","
            "\"agency\":{\"a\":{\"b\":{\"c\":{\"d\":1}}}}}",
            400, NULL);
    /* a name one byte over its cap */
    char big[600];
    memset(big, 'x', 256);
    big[256] = '\0';
    char body[1024];
    snprintf(body, sizeof body,
             "{\"applicant_type\":\"np\",\"name\":\"%s\",\"contact\":\"乙\",\"request\":\"丙\"}",
             big);
    refused(NULL, "POST", P, body, 400, "name");
    /* invalid UTF-8 */
    refused(NULL, "POST", P,
            "{\"applicant_type\":\"np\",\"name\":\"\xff\xfe\",\"contact\":\"乙\",\"request\":"
            "\"丙\"}",
            400, NULL);
    /* wrong content type, oversized bodies, deep nesting */
    call_opts text = {NULL, "text/plain", NULL, 0, 0, NULL};
    res r = call_with(NULL, "POST", P, "{}", &text);
    EXPECT(r, 415, NULL);
    done(&r);
    size_t n = GK_API_BODY_MAX + 10;
    char *huge = malloc(n + 1);
    memset(huge, ' ', n);
    huge[0] = '{';
    huge[n - 1] = '}';
    huge[n] = '\0';
    refused(NULL, "POST", P, huge, 413, NULL);
    call_opts flagged = {NULL, NULL, NULL, 0, 1, NULL};
    r = call_with(NULL, "POST", P, "", &flagged);
    EXPECT(r, 413, NULL);
    done(&r);
    char *deep = malloc(40000);
    size_t k = 0;
    for (int i = 0; i < 10000; i++)
        deep[k++] = '[';
    for (int i = 0; i < 10000; i++)
        deep[k++] = ']';
    deep[k] = '\0';
    refused(NULL, "POST", P, deep, 400, NULL);
    k = 0;
    deep[k++] = '{';
    for (int i = 0; i < 5; i++)
        k += (size_t)sprintf(deep + k, "\"a\":{");
    deep[k++] = '}';
    for (int i = 0; i < 5; i++)
        deep[k++] = '}';
    deep[k] = '\0';
    refused(NULL, "POST", P, deep, 400, NULL);
    free(deep);
    free(huge);
    refused(NULL, "POST", "/api/applications?x=1", "{}", 400, "x");
    /* the same checks behind a session */
    refused(cl, "POST", "/api/intake",
            "{\"applicant_type\":\"np\",\"name\":\"甲\",\"contact\":\"乙\",\"request\":\"丙\","
            "\"channel\":\"pigeon\"}",
            400, "channel");
    refused(cl, "POST", "/api/intake",
            "{\"applicant_type\":\"np\",\"name\":\"甲\",\"contact\":\"乙\",\"request\":\"丙\","
            "\"channel\":\"post\",\"received\":\"2025-02-30\"}",
            400, "received");
    refused(cl, "POST", "/api/intake",
            "{\"applicant_type\":\"np\",\"name\":\"甲\",\"contact\":\"乙\",\"request\":\"丙\","
            "\"channel\":\"post\",\"received\":\"2025-3-1\"}",
            400, "received");
    refused(cl, "POST", "/api/intake",
            "{\"applicant_type\":\"np\",\"name\":\"甲\",\"contact\":\"乙\",\"request\":\"丙\","
            "\"channel\":\"post\",\"received\":\"2099-01-01\"}",
            400, "received");
    UNCHANGED(before);
}

/* Submits with SQL metacharacters and 汉字 in every text field and reads them back. */
static void test_metacharacters(const sess *cl, const sess *ad)
{
    json_t *b =
        json_pack("{s:I, s:s, s:s, s:s, s:s}", "agency", (json_int_t)agency_id, "applicant_type",
                  "legal", "name", META, "contact", META "\n第二行", "request", META "\t请求");
    char *body = json_dumps(b, 0);
    res r = call(NULL, "POST", "/api/applications", body);
    EXPECT(r, 201, NULL);
    int64_t id = jint(r.j, "id");
    char code[16];
    snprintf(code, sizeof code, "%s", jstr(&r, "tracking"));
    done(&r);
    free(body);
    json_decref(b);
    char path[128];
    snprintf(path, sizeof path, "/api/applications/%lld", (long long)id);
    r = call(cl, "GET", path, NULL);
    EXPECT(r, 200, NULL);
    json_t *app = json_object_get(r.j, "application");
    CHECK_STR(json_string_value(json_object_get(app, "name")), META);
    CHECK_STR(json_string_value(json_object_get(app, "contact")), META "\n第二行");
    CHECK_STR(json_string_value(json_object_get(app, "request")), META "\t请求");
    CHECK_STR(json_string_value(json_object_get(app, "channel")), "online");
    CHECK_STR(json_string_value(json_object_get(app, "received")), TODAY);
    done(&r);
    /* the public lookup shows nothing private */
    snprintf(path, sizeof path, "/api/track/%s", code);
    r = call(NULL, "GET", path, NULL);
    EXPECT(r, 200, NULL);
    CHECK(r.r.body && !strstr(r.r.body, "DROP TABLE") && !strstr(r.r.body, "第二行"));
    CHECK_STR(jstr(&r, "tracking"), code);
    done(&r);
    /* an event's note and party, a case's ref and note, an agency's name */
    b = json_pack("{s:s, s:s, s:s, s:s}", "kind", "consult_start", "consult", "third_party",
                  "party", META, "note", META);
    body = json_dumps(b, 0);
    r = event(cl, id, body);
    EXPECT(r, 201, NULL);
    json_t *ev = json_object_get(r.j, "event");
    CHECK_STR(json_string_value(json_object_get(ev, "party")), META);
    CHECK_STR(json_string_value(json_object_get(ev, "note")), META);
    done(&r);
    free(body);
    json_decref(b);
    b = json_pack("{s:I, s:s, s:s, s:s, s:s}", "application", (json_int_t)id, "kind", "review",
                  "filed", TODAY, "ref", META, "note", META);
    body = json_dumps(b, 0);
    r = call(cl, "POST", "/api/cases", body);
    EXPECT(r, 201, NULL);
    CHECK_STR(jstr(&r, "ref"), META);
    CHECK_STR(jstr(&r, "note"), META);
    done(&r);
    free(body);
    json_decref(b);
    char name[200];
    snprintf(name, sizeof name, "%s %s", META, tag);
    b = json_pack("{s:s}", "name", name);
    body = json_dumps(b, 0);
    r = call(ad, "POST", "/api/agencies", body);
    EXPECT(r, 201, NULL);
    CHECK_STR(jstr(&r, "name"), name);
    done(&r);
    r = call(ad, "POST", "/api/agencies", body);
    EXPECT(r, 409, "name");
    done(&r);
    free(body);
    json_decref(b);
    r = call(NULL, "GET", "/api/agencies", NULL);
    EXPECT(r, 200, NULL);
    CHECK(r.r.body && strstr(r.r.body, "DROP TABLE applications") != NULL);
    done(&r);
    /* metacharacters where an id or a code is expected */
    refused(cl, "GET", "/api/applications/1' OR '1'='1", NULL, 404, "id");
    refused(NULL, "GET", "/api/track/' OR 1=1 --", NULL, 404, "code");
    refused(cl, "GET", "/api/queue?agency=' OR 1=1 --", NULL, 400, "agency");
}

static void test_track(void)
{
    char code[16], lower[16];
    submit("李四", code);
    char path[64];
    for (int i = 0; i < 16; i++)
        lower[i] = (char)(code[i] >= 'A' && code[i] <= 'Z' ? code[i] + 32 : code[i]);
    snprintf(path, sizeof path, "/api/track/%s", lower);
    res r = call(NULL, "GET", path, NULL);
    EXPECT(r, 200, NULL);
    json_t *st = json_object_get(r.j, "state");
    CHECK_STR(json_string_value(json_object_get(st, "status")), "open");
    CHECK_STR(json_string_value(json_object_get(st, "due")), "2025-04-14");
    CHECK_INT(jint(st, "days_left"), 20);
    CHECK(!strstr(r.r.body, "李四") && !strstr(r.r.body, "预算"));
    done(&r);
    refused(NULL, "GET", "/api/track/ZZZZZZZZZZZZ", NULL, 404, "code");
    refused(NULL, "GET", "/api/track/ABC", NULL, 404, "code");
    refused(NULL, "GET", "/api/track/IIIIIIIIIIII", NULL, 404, "code");
}

/* Events out of order and other refusals: 4xx with nothing written. */
static void test_event_rules(const sess *cl, const sess *ap)
{
    int64_t app = intake(cl, "2025-03-03", "np");
    /* the form of the request */
    event_refused(cl, app, "{\"kind\":\"teleport\"}", 400, "kind");
    event_refused(cl, app, "{\"date\":\"2025-03-05\"}", 400, "kind");
    event_refused(cl, app, "{\"kind\":\"reply\",\"outcome\":\"grant\",\"days\":3}", 400, "days");
    event_refused(cl, app, "{\"kind\":\"reply\",\"outcome\":\"maybe\"}", 400, "outcome");
    event_refused(cl, app, "{\"kind\":\"reply\"}", 400, "outcome");
    event_refused(cl, app, "{\"kind\":\"reply\",\"outcome\":\"grant\",\"date\":\"2025-13-01\"}",
                  400, "date");
    event_refused(cl, app, "{\"kind\":\"reply\",\"outcome\":\"grant\",\"date\":\"2025-03-31\"}",
                  400, "date");
    event_refused(cl, app, "{\"kind\":\"fee_notice\",\"amount\":\"12.345\"}", 400, "amount");
    event_refused(cl, app, "{\"kind\":\"consult_start\",\"consult\":\"oracle\"}", 400, "consult");
    event_refused(cl, app, "{\"kind\":\"extension\",\"days\":5}", 403, "kind");
    event_refused(ap, app, "{\"kind\":\"extension\",\"days\":21}", 400, "days");
    event_refused(ap, app, "{\"kind\":\"extension\",\"days\":0}", 400, "days");
    event_refused(ap, app, "{\"kind\":\"extension\",\"days\":\"5\"}", 400, "days");
    /* the order of the log (the store's rules) */
    event_refused(cl, app, "{\"kind\":\"reply\",\"outcome\":\"grant\",\"date\":\"2025-03-01\"}",
                  409, NULL); /* before receipt */
    event_refused(cl, app, "{\"kind\":\"corrected\",\"date\":\"2025-03-05\"}", 409, NULL);
    event_refused(cl, app, "{\"kind\":\"consult_end\",\"date\":\"2025-03-05\"}", 409, NULL);
    event_refused(cl, app, "{\"kind\":\"fee_paid\",\"date\":\"2025-03-05\"}", 409, NULL);
    event_refused(cl, app, "{\"kind\":\"reply\",\"outcome\":\"other.no_correction\"}", 409, NULL);
    event_ok(cl, app, "{\"kind\":\"correction_notice\",\"date\":\"2025-03-05\"}");
    event_refused(cl, app, "{\"kind\":\"correction_notice\",\"date\":\"2025-03-06\"}", 409, NULL);
    event_refused(cl, app, "{\"kind\":\"corrected\",\"date\":\"2025-03-04\"}", 409, NULL);
    event_ok(cl, app, "{\"kind\":\"corrected\",\"date\":\"2025-03-07\"}");
    event_ok(ap, app, "{\"kind\":\"extension\",\"days\":15,\"date\":\"2025-03-10\"}");
    event_refused(ap, app, "{\"kind\":\"extension\",\"days\":6,\"date\":\"2025-03-11\"}", 409,
                  NULL); /* 21 in all */
    event_ok(cl, app, "{\"kind\":\"fee_notice\",\"amount\":\"10.50\",\"date\":\"2025-03-11\"}");
    event_refused(cl, app, "{\"kind\":\"fee_notice\",\"date\":\"2025-03-12\"}", 409, NULL);
    event_refused(cl, app, "{\"kind\":\"fee_paid\",\"date\":\"2025-03-10\"}", 409, NULL);
    event_ok(cl, app, "{\"kind\":\"fee_paid\",\"amount\":\"10.50\",\"date\":\"2025-03-12\"}");
    /* close it; nothing goes after */
    char path[64];
    snprintf(path, sizeof path, "/api/applications/%lld/close", (long long)app);
    res r = call(cl, "POST", path, "{\"outcome\":\"t3.partial\",\"note\":\"部分公开\"}");
    EXPECT(r, 201, NULL);
    json_t *st = json_object_get(r.j, "state");
    CHECK_STR(json_string_value(json_object_get(st, "status")), "closed");
    CHECK_STR(json_string_value(json_object_get(st, "outcome")), "partial");
    CHECK_INT(jint(st, "extension_days"), 15);
    done(&r);
    event_refused(cl, app, "{\"kind\":\"withdrawal\"}", 409, NULL);
    snapshot before = snap();
    refused(cl, "POST", path, "{\"outcome\":\"grant\"}", 409, NULL);
    refused(cl, "POST", path, "{\"outcome\":\"grant\",\"kind\":\"reply\"}", 400, "kind");
    refused(cl, "POST", "/api/applications/999999999/close", "{\"outcome\":\"grant\"}", 404, "id");
    refused(cl, "POST", "/api/applications/0/events", "{\"kind\":\"withdrawal\"}", 404, "id");
    UNCHANGED(before);
    snprintf(path, sizeof path, "/api/applications/%lld", (long long)app);
    r = call(cl, "GET", path, NULL);
    EXPECT(r, 200, NULL);
    json_t *events = json_object_get(r.j, "events");
    CHECK_INT(json_array_size(events), 6);
    json_t *ext = json_array_get(events, 2);
    CHECK_STR(json_string_value(json_object_get(ext, "approver")), approver);
    CHECK_STR(json_string_value(json_object_get(ext, "actor")), approver);
    done(&r);
}

/* The queue: due dates, days left, overdue and due-soon flags, from the log and the calendar. */
static void test_queue(const sess *cl)
{
    int64_t late = intake(cl, "2025-01-02", "biz");  /* due 2025-02-06 (春节, 调休 26 Jan) */
    int64_t soon = intake(cl, "2025-02-11", "np");   /* due 2025-03-11 → overdue too */
    int64_t near = intake(cl, "2025-02-14", "np");   /* due 2025-03-14: today, 0 left */
    int64_t fresh = intake(cl, "2025-03-14", "np");  /* due 2025-04-14 (清明) */
    int64_t paused = intake(cl, "2025-03-03", "np"); /* a consultation in progress */
    event_ok(cl, paused,
             "{\"kind\":\"consult_start\",\"consult\":\"agency\",\"party\":\"某局\","
             "\"date\":\"2025-03-04\"}");
    res r = call(cl, "GET", "/api/queue", NULL);
    EXPECT(r, 200, NULL);
    CHECK_STR(jstr(&r, "today"), TODAY);
    json_t *items = json_object_get(r.j, "items");
    json_t *first = json_array_get(items, 0);
    CHECK(json_is_true(json_object_get(first, "overdue")));
    size_t i;
    json_t *it;
    int seen = 0;
    json_array_foreach(items, i, it)
    {
        int64_t id = jint(it, "id");
        const char *due = json_string_value(json_object_get(it, "due"));
        if (id == late) {
            seen++;
            CHECK_STR(due, "2025-02-06");
            CHECK(json_is_true(json_object_get(it, "overdue")));
            CHECK(jint(it, "days_left") < 0);
        } else if (id == soon) {
            seen++;
            CHECK_STR(due, "2025-03-11");
            CHECK(json_is_true(json_object_get(it, "overdue")));
        } else if (id == near) {
            seen++;
            CHECK_STR(due, "2025-03-14");
            CHECK(json_is_true(json_object_get(it, "due_soon")));
            CHECK(!json_is_true(json_object_get(it, "overdue")));
            CHECK_INT(jint(it, "days_left"), 0);
        } else if (id == fresh) {
            seen++;
            CHECK(!json_is_true(json_object_get(it, "due_soon")));
            CHECK_INT(jint(it, "days_left"), 20);
        } else if (id == paused) {
            seen++;
            CHECK(json_is_null(json_object_get(it, "due")));
            CHECK(json_is_true(json_object_get(json_object_get(it, "state"), "paused")));
            CHECK(i == json_array_size(items) - 1 ||
                  json_is_null(json_object_get(json_array_get(items, i + 1), "due")));
        }
        CHECK(strcmp(json_string_value(json_object_get(it, "request")), "") != 0);
    }
    CHECK_INT(seen, 5);
    CHECK(jint(r.j, "overdue") >= 2);
    done(&r);
    char q[96];
    snprintf(q, sizeof q, "/api/queue?%s&limit=2", agency_q);
    r = call(cl, "GET", q, NULL);
    EXPECT(r, 200, NULL);
    CHECK_INT(json_array_size(json_object_get(r.j, "items")), 2);
    done(&r);
    refused(cl, "GET", "/api/queue?limit=0", NULL, 400, "limit");
    refused(cl, "GET", "/api/queue?limit=abc", NULL, 400, "limit");
    refused(cl, "GET", "/api/queue?agency=987654321", NULL, 400, "agency");
    refused(cl, "GET", "/api/queue?order=due", NULL, 400, "order");
}

static void test_cases(const sess *cl)
{
    int64_t app = intake(cl, "2024-11-04", "np");
    char body[512];
    snprintf(body, sizeof body,
             "{\"application\":%lld,\"kind\":\"review\",\"filed\":\"2025-01-10\"}", (long long)app);
    res r = call(cl, "POST", "/api/cases", body);
    EXPECT(r, 201, NULL);
    int64_t id = jint(r.j, "id");
    CHECK_STR(jstr(&r, "result"), "pending");
    CHECK(json_is_null(json_object_get(r.j, "decided")));
    done(&r);
    char path[64];
    snprintf(path, sizeof path, "/api/cases/%lld", (long long)id);
    r = call(cl, "PATCH", path, "{\"result\":\"corrected\",\"decided\":\"2025-03-01\"}");
    EXPECT(r, 200, NULL);
    CHECK_STR(jstr(&r, "result"), "corrected");
    CHECK_STR(jstr(&r, "decided"), "2025-03-01");
    CHECK_STR(jstr(&r, "filed"), "2025-01-10");
    done(&r);
    r = call(cl, "GET", path, NULL);
    EXPECT(r, 200, NULL);
    CHECK_STR(jstr(&r, "result"), "corrected");
    done(&r);
    snapshot before = snap();
    refused(cl, "PATCH", path, "{\"decided\":\"2024-12-01\"}", 409, NULL); /* before filing */
    refused(cl, "PATCH", path, "{\"application\":1}", 400, "application");
    refused(cl, "PATCH", path, "{\"kind\":\"appeal\"}", 400, "kind");
    refused(cl, "PATCH", "/api/cases/99999999", "{\"note\":\"x\"}", 404, "id");
    snprintf(body, sizeof body,
             "{\"application\":%lld,\"kind\":\"review\",\"filed\":\"2024-10-01\"}", (long long)app);
    refused(cl, "POST", "/api/cases", body, 409, NULL); /* filed before receipt */
    snprintf(body, sizeof body,
             "{\"application\":%lld,\"kind\":\"review\",\"filed\":\"2025-01-10\",\"result\":"
             "\"won\"}",
             (long long)app);
    refused(cl, "POST", "/api/cases", body, 400, "result");
    refused(cl, "POST", "/api/cases",
            "{\"application\":99999999,\"kind\":\"review\",\"filed\":\"2025-01-10\"}", 400,
            "application");
    refused(cl, "POST", "/api/cases", "{\"application\":-4,\"kind\":\"review\",\"filed\":\"x\"}",
            400, "application");
    UNCHANGED(before);
    snprintf(path, sizeof path, "/api/cases?application=%lld", (long long)app);
    r = call(cl, "GET", path, NULL);
    EXPECT(r, 200, NULL);
    CHECK_INT(json_array_size(json_object_get(r.j, "cases")), 1);
    done(&r);
}

static void test_t2(const sess *cl)
{
    char path[128], body[256];
    snprintf(path, sizeof path, "/api/t2/2024/t2.reg.issued");
    snprintf(body, sizeof body, "{\"agency\":%lld,\"value\":3}", (long long)agency_id);
    res r = call(cl, "PUT", path, body);
    EXPECT(r, 200, NULL);
    CHECK_STR(json_string_value(json_object_get(json_object_get(r.j, "figures"), "t2.reg.issued")),
              "3");
    done(&r);
    snprintf(body, sizeof body,
             "{\"agency\":%lld,\"figures\":{\"t2.reg.in_force\":\"12\",\"t2.admin_fee.amount_wan\":"
             "\"1.25\",\"t2.reg.issued\":null}}",
             (long long)agency_id);
    r = call(cl, "PUT", "/api/t2/2024", body);
    EXPECT(r, 200, NULL);
    json_t *f = json_object_get(r.j, "figures");
    CHECK_STR(json_string_value(json_object_get(f, "t2.admin_fee.amount_wan")), "1.25");
    CHECK(json_object_get(f, "t2.reg.issued") == NULL);
    done(&r);
    snapshot before = snap();
    snprintf(body, sizeof body, "{\"agency\":%lld,\"value\":\"-1\"}", (long long)agency_id);
    refused(cl, "PUT", path, body, 400, "value");
    snprintf(body, sizeof body, "{\"agency\":%lld,\"value\":-1}", (long long)agency_id);
    refused(cl, "PUT", path, body, 400, "value");
    snprintf(body, sizeof body, "{\"agency\":%lld,\"value\":1.5}", (long long)agency_id);
    refused(cl, "PUT", path, body, 400, "value");
    snprintf(body, sizeof body, "{\"agency\":%lld,\"value\":\"3\"}", (long long)agency_id);
    refused(cl, "PUT", "/api/t2/2024/t2.bogus.key", body, 400, "key");
    refused(cl, "PUT", "/api/t2/24/t2.reg.issued", body, 400, "year");
    snprintf(body, sizeof body,
             "{\"agency\":%lld,\"figures\":{\"t2.reg.repealed\":\"1\",\"t2.nope\":\"2\"}}",
             (long long)agency_id);
    refused(cl, "PUT", "/api/t2/2024", body, 400, "figures.t2.nope");
    snprintf(body, sizeof body, "{\"agency\":%lld,\"figures\":{\"t2.reg.repealed\":[1]}}",
             (long long)agency_id);
    refused(cl, "PUT", "/api/t2/2024", body, 400, "figures.t2.reg.repealed");
    UNCHANGED(before);
    snprintf(path, sizeof path, "/api/t2/2024?%s", agency_q);
    r = call(cl, "GET", path, NULL);
    EXPECT(r, 200, NULL);
    CHECK_INT(json_object_size(json_object_get(r.j, "figures")), 2);
    CHECK(json_is_false(json_object_get(r.j, "closed")));
    done(&r);
}

/* A report download read back: a report of the year, checked clean, with the expected cell. */
static void check_report_text(const res *r, const char *key, int64_t want)
{
    gk_doc *doc = NULL;
    gk_error err;
    CHECK(gk_doc_read(r->r.body, r->r.body_len, "report.txt", &doc, &err) == GK_OK);
    if (!doc)
        return;
    CHECK_INT(gk_doc_year(doc), 2024);
    gk_check(doc);
    size_t bad = gk_doc_diag_count_at_least(doc, GK_SEV_WARNING);
    CHECK_MSG(bad == 0, "the downloaded report has %zu errors or warnings", bad);
    if (bad)
        gk_render_diags_gcc(doc, GK_LANG_ZH, stdout);
    const gk_value *v = gk_doc_cell_by_key(doc, key);
    CHECK_MSG(v && v->state == GK_CELL_NUMBER && v->value == want, "%s: want %lld", key,
              (long long)want);
    gk_doc_free(doc);
}

static void test_year_and_report(const sess *cl, const sess *ad)
{
    /* 2024: two applications received, one closed in 2024, one carried into 2025 */
    int64_t a = intake(cl, "2024-12-02", "research");
    int64_t b = intake(cl, "2024-12-20", "research");
    event_ok(cl, a, "{\"kind\":\"reply\",\"outcome\":\"unable.not_held\",\"date\":\"2024-12-10\"}");
    char path[128];
    static const char *const formats[][2] = {{"html", "text/html"},
                                             {"text", "text/plain"},
                                             {"md", "text/markdown"},
                                             {"json", "application/json"},
                                             {"csv", "text/csv"}};
    for (size_t i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "/api/report/2024?%s&format=%s", agency_q, formats[i][0]);
        res r = call(cl, "GET", path, NULL);
        EXPECT(r, 200, NULL);
        const char *type = gk_api_response_header(&r.r, "Content-Type");
        CHECK_MSG(type && strncmp(type, formats[i][1], strlen(formats[i][1])) == 0, "%s: %s",
                  formats[i][0], type ? type : "none");
        const char *cd = gk_api_response_header(&r.r, "Content-Disposition");
        CHECK(cd && strstr(cd, "attachment") && strstr(cd, formats[i][0][0] == 't' ? ".txt" : ""));
        CHECK(r.r.body_len > 500);
        if (i == 1)
            check_report_text(&r, "t3.unable.not_held.research", 1);
        if (i == 3)
            CHECK(r.j != NULL);
        done(&r);
    }
    snprintf(path, sizeof path, "/api/report/2024?%s&format=text&info_fee=120.50", agency_q);
    res fee = call(cl, "GET", path, NULL);
    EXPECT(fee, 200, NULL);
    done(&fee);
    snprintf(path, sizeof path, "/api/report/2024?%s&info_fee=12.345", agency_q);
    refused(cl, "GET", path, NULL, 400, "info_fee");
    snprintf(path, sizeof path, "/api/report/2024?%s&info_fee=-1", agency_q);
    refused(cl, "GET", path, NULL, 400, "info_fee");
    snprintf(path, sizeof path, "/api/report/2024?%s&format=pdf", agency_q);
    refused(cl, "GET", path, NULL, 400, "format");
    snprintf(path, sizeof path, "/api/report/1999?%s", agency_q);
    refused(cl, "GET", path, NULL, 400, "year");
    refused(cl, "GET", "/api/report/2024?agency=no-such-agency", NULL, 400, "agency");
    refused(cl, "GET", "/api/report/2024", NULL, 400, "agency"); /* two agencies now */
    /* closing 2024: an event dated in it needs a reason, and becomes an amendment */
    char body[256];
    snprintf(body, sizeof body, "{\"agency\":%lld}", (long long)agency_id);
    res r = call(ad, "POST", "/api/years/2024/close", body);
    EXPECT(r, 200, NULL);
    done(&r);
    refused(ad, "POST", "/api/years/2024/close", body, 409, NULL);
    event_refused(cl, b, "{\"kind\":\"reply\",\"outcome\":\"grant\",\"date\":\"2024-12-30\"}", 409,
                  NULL);
    json_t *jb = json_pack("{s:s, s:s, s:s, s:s}", "kind", "reply", "outcome", "grant", "date",
                           "2024-12-30", "reason", "漏登的答复 " META);
    char *text = json_dumps(jb, 0);
    event_ok(cl, b, text);
    free(text);
    json_decref(jb);
    snprintf(path, sizeof path, "/api/years/2024?%s", agency_q);
    r = call(cl, "GET", path, NULL);
    EXPECT(r, 200, NULL);
    CHECK(json_is_true(json_object_get(r.j, "closed")));
    json_t *am = json_object_get(r.j, "amendments");
    CHECK_INT(json_array_size(am), 1);
    const char *reason = json_string_value(json_object_get(json_array_get(am, 0), "reason"));
    CHECK(reason && strstr(reason, META) != NULL);
    done(&r);
    snprintf(path, sizeof path, "/api/report/2024?%s&format=text", agency_q);
    r = call(cl, "GET", path, NULL);
    EXPECT(r, 200, NULL);
    CHECK(r.r.body && strstr(r.r.body, "漏登的答复") != NULL);
    check_report_text(&r, "t3.grant.research", 1);
    done(&r);
}

/* ---- concurrent submissions ---- */

#define THREADS 8
#define PER     12

static void *submitter(void *arg)
{
    int64_t *ids = arg;
    for (int i = 0; i < PER; i++) {
        char body[256];
        snprintf(body, sizeof body,
                 "{\"agency\":%lld,\"applicant_type\":\"ngo\",\"name\":\"并发 %d\",\"contact\":"
                 "\"c\",\"request\":\"r\"}",
                 (long long)agency_id, i);
        res r = call(NULL, "POST", "/api/applications", body);
        ids[i] = r.status == 201 ? jint(r.j, "id") : -r.status;
        done(&r);
    }
    return NULL;
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static void test_concurrent(void)
{
    snapshot before = snap();
    pthread_t th[THREADS];
    static int64_t ids[THREADS * PER];
    for (int i = 0; i < THREADS; i++)
        pthread_create(&th[i], NULL, submitter, ids + i * PER);
    for (int i = 0; i < THREADS; i++)
        pthread_join(th[i], NULL);
    qsort(ids, THREADS * PER, sizeof ids[0], cmp_id);
    int ok = 1;
    for (int i = 0; i < THREADS * PER; i++)
        ok &= ids[i] > 0 && (i == 0 || ids[i] != ids[i - 1]);
    CHECK_MSG(ok, "every concurrent submission acknowledged with its own id");
    snapshot after = snap();
    CHECK_INT(after.apps, before.apps + THREADS * PER);
    CHECK_INT(after.audit, before.audit + THREADS * PER);
}

/* ---- sessions in the store: restarts, two services, logout, expiry ---- */

static gk_api_config api_cfg; /* the suite's configuration, for restarts */

/* Replaces the api by a new one on the same store (a restart of the service); ttl 0: the
 * default session lifetime. */
static void restart_api(unsigned ttl)
{
    gk_api_free(api);
    api = NULL;
    gk_api_config c = api_cfg;
    c.session_ttl = ttl;
    gk_error err = {GK_OK, ""};
    CHECK_MSG(gk_api_new(&c, &api, &err) == GK_OK, "restart: %s", err.msg);
}

/* GET /api/me with the session: the status, and the CSRF token it returns must be the
 * session's. */
static int me_status(const sess *s)
{
    res r = call(s, "GET", "/api/me", NULL);
    int st = r.status;
    if (st == 200)
        CHECK_STR(jstr(&r, "csrf_token"), s->csrf);
    done(&r);
    return st;
}

#define LOGIN_THREADS 4

static void *login_worker(void *arg)
{
    *(sess *)arg = login(clerk);
    return NULL;
}

static void test_session_store(void)
{
    char app[256];
    snprintf(app, sizeof app,
             "{\"agency\":%lld,\"applicant_type\":\"np\",\"name\":\"重启后\",\"contact\":"
             "\"c\",\"request\":\"r\",\"channel\":\"post\"}",
             (long long)agency_id);
    sess s = login(clerk);
    CHECK_INT(me_status(&s), 200);
    /* a restart: the same cookie and CSRF token still work, for reads and writes */
    restart_api(0);
    if (!api)
        return;
    CHECK_INT(me_status(&s), 200);
    res r = call(&s, "POST", "/api/intake", app);
    EXPECT(r, 201, NULL);
    done(&r);
    call_opts wrong = {
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", NULL, NULL, 0, 0, NULL};
    r = call_with(&s, "POST", "/api/intake", app, &wrong);
    EXPECT(r, 403, "X-CSRF-Token");
    done(&r);
    /* two services on one store: a login on one is a session on the other */
    gk_api *first = api, *second = NULL;
    gk_error err = {GK_OK, ""};
    CHECK_MSG(gk_api_new(&api_cfg, &second, &err) == GK_OK, "second api: %s", err.msg);
    sess t = login(approver);
    api = second;
    CHECK_INT(me_status(&t), 200);
    r = call(&t, "POST", "/api/logout", NULL); /* logged out on the second … */
    EXPECT(r, 200, NULL);
    done(&r);
    api = first; /* … is logged out on the first */
    CHECK_INT(me_status(&t), 401);
    gk_api_free(second);
    /* logout: gone, also after a restart */
    r = call(&s, "POST", "/api/logout", NULL);
    EXPECT(r, 200, NULL);
    done(&r);
    CHECK_INT(me_status(&s), 401);
    restart_api(0);
    CHECK_INT(me_status(&s), 401);
    r = call(&s, "POST", "/api/intake", app);
    EXPECT(r, 401, NULL);
    done(&r);
    /* concurrent logins: each its own session */
    pthread_t th[LOGIN_THREADS];
    sess many[LOGIN_THREADS];
    for (int i = 0; i < LOGIN_THREADS; i++)
        pthread_create(&th[i], NULL, login_worker, &many[i]);
    for (int i = 0; i < LOGIN_THREADS; i++)
        pthread_join(th[i], NULL);
    for (int i = 0; i < LOGIN_THREADS; i++) {
        CHECK_INT(me_status(&many[i]), 200);
        for (int k = 0; k < i; k++)
            CHECK(strcmp(many[i].cookie, many[k].cookie) != 0);
        r = call(&many[i], "POST", "/api/logout", NULL);
        EXPECT(r, 200, NULL);
        done(&r);
    }
    /* expiry: a session of one second is refused after it */
    restart_api(1);
    sess brief = login(clerk);
    CHECK_INT(me_status(&brief), 200);
    sleep(2);
    CHECK_INT(me_status(&brief), 401);
    restart_api(0);
    CHECK_INT(me_status(&brief), 401);
}

/* ---- the suite, per backend ---- */

static void setup_agency(const sess *ad)
{
    char body[256];
    snprintf(body, sizeof body, "{\"name\":\"测试%s某某市人民政府办公室\"}", tag);
    res r = call(ad, "POST", "/api/agencies", body);
    EXPECT(r, 201, NULL);
    agency_id = jint(r.j, "id");
    done(&r);
    snprintf(agency_q, sizeof agency_q, "agency=%lld", (long long)agency_id);
}

static void suite(void)
{
    int before = t_failed;
    gk_error err = {GK_OK, ""};
    CHECK_MSG(gk_store_open(url, &store, &err) == GK_OK, "%s: %s", url, err.msg);
    if (!store)
        return;
    gk_date today;
    gk_date_parse(TODAY, &today);
    gk_api_config cfg = {url, cal, 4, 0, 0, 3, today};
    api_cfg = cfg;
    CHECK_MSG(gk_api_new(&cfg, &api, &err) == GK_OK, "gk_api_new: %s", err.msg);
    if (!api) {
        gk_store_close(store);
        return;
    }
    snprintf(admin, sizeof admin, "admin-%s", tag);
    snprintf(approver, sizeof approver, "approver-%s", tag);
    snprintf(clerk, sizeof clerk, "clerk-%s", tag);
    add_user(admin, GK_ROLE_ADMIN);
    add_user(approver, GK_ROLE_APPROVER);
    add_user(clerk, GK_ROLE_CLERK);
    sess ad = login(admin), ap = login(approver), cl = login(clerk);
    /* no agency yet, then the only one is taken when none is named */
    res r = call(NULL, "GET", "/api/agencies", NULL);
    EXPECT(r, 200, NULL);
    CHECK_INT(json_array_size(json_object_get(r.j, "agencies")), 0);
    done(&r);
    refused(NULL, "POST", "/api/applications",
            "{\"applicant_type\":\"np\",\"name\":\"甲\",\"contact\":\"乙\",\"request\":\"丙\"}",
            400, "agency");
    refused(&cl, "GET", "/api/queue?agency=x", NULL, 400, "agency");
    setup_agency(&ad);
    r = call(&cl, "GET", "/api/t2/2024", NULL);
    EXPECT(r, 200, NULL);
    done(&r);
    char solo[16];
    r = call(NULL, "POST", "/api/applications",
             "{\"applicant_type\":\"np\",\"name\":\"甲\",\"contact\":\"乙\",\"request\":\"丙\"}");
    EXPECT(r, 201, NULL);
    snprintf(solo, sizeof solo, "%s", jstr(&r, "tracking"));
    CHECK_INT(strlen(solo), 12);
    CHECK(gk_api_response_header(&r.r, "Location") != NULL);
    done(&r);
    test_routing();
    test_auth();
    test_throttle();
    test_roles(&cl, &ap, &ad);
    test_bad_bodies(&cl);
    test_metacharacters(&cl, &ad);
    test_track();
    test_event_rules(&cl, &ap);
    test_queue(&cl);
    test_cases(&cl);
    test_t2(&cl);
    test_year_and_report(&cl, &ad);
    test_concurrent();
    test_session_store(); /* restarts the api: the sessions made above must still work */
    if (!api) {
        gk_store_close(store);
        store = NULL;
        return;
    }
    r = call(&ad, "GET", "/api/audit/verify", NULL);
    EXPECT(r, 200, NULL);
    CHECK(json_is_true(json_object_get(r.j, "intact")));
    done(&r);
    gk_api_free(api);
    api = NULL;
    gk_store_close(store);
    store = NULL;
    printf("%s: %s (%d failed)\n", backend, t_failed == before ? "ok" : "FAILED",
           t_failed - before);
}

/* ---- PostgreSQL: a database of our own on the given server ---- */

/* The URL with its database name replaced by db. */
static int pg_url_with(const char *base, const char *db, char *out, size_t size)
{
    const char *p = strstr(base, "://");
    if (!p)
        return -1;
    const char *path = strchr(p + 3, '/');
    if (!path)
        return -1;
    const char *rest = path + strcspn(path, "?");
    snprintf(out, size, "%.*s/%s%s", (int)(path - base), base, db, rest);
    return 0;
}

static int pg_exec(const char *conn_url, const char *sql)
{
    PGconn *c = PQconnectdb(conn_url);
    int ok = PQstatus(c) == CONNECTION_OK;
    if (ok) {
        PGresult *pr = PQexec(c, sql);
        ok = PQresultStatus(pr) == PGRES_COMMAND_OK;
        if (!ok)
            printf("PostgreSQL: %s: %s", sql, PQerrorMessage(c));
        PQclear(pr);
    } else {
        printf("PostgreSQL: %s", PQerrorMessage(c));
    }
    PQfinish(c);
    return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
    char path[4096];
    gk_error err;
    cal = t_calendar(argc > 1 ? argv[1] : ".");
    snprintf(tag, sizeof tag, "%lx%x", (unsigned long)time(NULL), (unsigned)getpid());
    gk_api_config none = {NULL, cal, 0, 0, 0, 0, 0};
    CHECK(gk_api_new(&none, &api, &err) == GK_ERR_INVALID_ARG && api == NULL);
    gk_api_config bad = {"mysql://x", cal, 0, 0, 0, 0, 0};
    CHECK(gk_api_new(&bad, &api, &err) != GK_OK && api == NULL);

    char dir[] = "/tmp/gk-api-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    backend = "SQLite";
    snprintf(url, sizeof url, "sqlite:%s/api.db", dir);
    suite();
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/api.db%s", dir, suffixes[i]);
        unlink(path);
    }
    rmdir(dir);

    const char *pg = getenv("GK_TEST_PG");
    if (pg && *pg) {
        char db[64], sql[128];
        snprintf(db, sizeof db, "gk_api_%s", tag);
        snprintf(sql, sizeof sql, "CREATE DATABASE %s", db);
        backend = "PostgreSQL";
        if (pg_url_with(pg, db, url, sizeof url) < 0 || pg_exec(pg, sql) < 0) {
            CHECK_MSG(0, "PostgreSQL: cannot create a database at %s", pg);
        } else {
            printf("PostgreSQL: testing at %s\n", url);
            suite();
            snprintf(sql, sizeof sql, "DROP DATABASE %s WITH (FORCE)", db);
            pg_exec(pg, sql);
        }
    } else {
        printf("PostgreSQL: skipped (GK_TEST_PG is not set; scripts/pg-test start gives a "
               "server)\n");
    }
    gk_calendar_free(cal);
    return t_report();
}
