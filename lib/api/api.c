/*
 * api.c — the API object and the dispatcher: the pool of store connections, the route table,
 * the order every request goes through (route, size, session and CSRF, body, handler), and the
 * response helpers the handlers share. The handlers are in routes_*.c and session.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sodium.h>

#include "../core/arena.h"
#include "api_int.h"

#define DEFAULT_CONNECTIONS 4
#define PATH_MAX_LEN        512
#define SEGMENTS_MAX        8

/* ---- the route table ---- */

typedef struct route {
    const char *method;
    const char *pattern; /* "{}" stands for one path segment, passed to the handler */
    need role;
    void (*fn)(ctx *c);
    int writes; /* it writes to the store: on SQLite, writers in this process take turns */
} route;

static const route routes[] = {
    {"POST", "/api/applications", NEED_PUBLIC, route_submit, 1},
    {"GET", "/api/track/{}", NEED_PUBLIC, route_track, 0},
    {"GET", "/api/agencies", NEED_PUBLIC, route_agencies, 0},
    {"POST", "/api/agencies", NEED_ADMIN, route_agency_add, 1},
    {"POST", "/api/login", NEED_PUBLIC, route_login, 0},
    {"POST", "/api/logout", NEED_CLERK, route_logout, 0},
    {"GET", "/api/me", NEED_CLERK, route_me, 0},
    {"POST", "/api/intake", NEED_CLERK, route_intake, 1},
    {"GET", "/api/queue", NEED_CLERK, route_queue, 0},
    {"GET", "/api/applications/{}", NEED_CLERK, route_app_get, 0},
    {"POST", "/api/applications/{}/events", NEED_CLERK, route_event_add, 1},
    {"POST", "/api/applications/{}/close", NEED_CLERK, route_close, 1},
    {"POST", "/api/cases", NEED_CLERK, route_case_add, 1},
    {"GET", "/api/cases", NEED_CLERK, route_case_list, 0},
    {"GET", "/api/cases/{}", NEED_CLERK, route_case_get, 0},
    {"PATCH", "/api/cases/{}", NEED_CLERK, route_case_update, 1},
    {"GET", "/api/t2/{}", NEED_CLERK, route_t2_get, 0},
    {"PUT", "/api/t2/{}", NEED_CLERK, route_t2_batch, 1},
    {"PUT", "/api/t2/{}/{}", NEED_CLERK, route_t2_put, 1},
    {"GET", "/api/report/{}", NEED_CLERK, route_report, 0},
    {"GET", "/api/years/{}", NEED_CLERK, route_year_get, 0},
    {"POST", "/api/years/{}/close", NEED_ADMIN, route_year_close, 1},
    {"GET", "/api/audit/verify", NEED_ADMIN, route_audit_verify, 0},
    {"GET", "/api/audit", NEED_ADMIN, route_audit_list, 0},
};

#define NROUTES (sizeof routes / sizeof routes[0])

/* Splits a path into its segments (in buf); the count, or -1 for a path not of that form. */
static int split_path(const char *path, char *buf, size_t size, char **seg)
{
    size_t len = strlen(path);
    if (len == 0 || len >= size || path[0] != '/')
        return -1;
    memcpy(buf, path, len + 1);
    int n = 0;
    char *p = buf + 1;
    while (*p) {
        if (n == SEGMENTS_MAX)
            return -1;
        seg[n++] = p;
        char *slash = strchr(p, '/');
        if (!slash)
            break;
        *slash = '\0';
        p = slash + 1;
        if (!*p)
            return -1; /* a trailing slash */
    }
    for (int i = 0; i < n; i++)
        if (!*seg[i])
            return -1;
    return n;
}

/* 1 if the segments match the pattern; the {} segments into params. */
static int match(const char *pattern, char **seg, int nseg, const char **params)
{
    char pbuf[128];
    char *pseg[SEGMENTS_MAX];
    int np = split_path(pattern, pbuf, sizeof pbuf, pseg);
    if (np != nseg)
        return 0;
    int k = 0;
    for (int i = 0; i < np; i++) {
        if (strcmp(pseg[i], "{}") == 0) {
            if (k < PARAMS_MAX)
                params[k++] = seg[i];
        } else if (strcmp(pseg[i], seg[i]) != 0) {
            return 0;
        }
    }
    return 1;
}

/* ---- responses ---- */

void header_add(gk_api_response *r, const char *name, const char *value)
{
    for (size_t i = 0; i < r->nheaders; i++)
        if (strcasecmp(r->headers[i].name, name) == 0 && strcasecmp(name, "Set-Cookie") != 0) {
            snprintf(r->headers[i].value, sizeof r->headers[i].value, "%s", value);
            return;
        }
    if (r->nheaders == GK_API_HEADERS_MAX) {
        snprintf(r->note, sizeof r->note, "response header %s dropped", name);
        return;
    }
    gk_api_header *h = &r->headers[r->nheaders++];
    snprintf(h->name, sizeof h->name, "%s", name);
    snprintf(h->value, sizeof h->value, "%s", value);
}

const char *gk_api_response_header(const gk_api_response *resp, const char *name)
{
    for (size_t i = 0; resp && i < resp->nheaders; i++)
        if (strcasecmp(resp->headers[i].name, name) == 0)
            return resp->headers[i].value;
    return NULL;
}

void gk_api_response_free(gk_api_response *resp)
{
    if (!resp)
        return;
    free(resp->body);
    resp->body = NULL;
    resp->body_len = 0;
}

void reply_bytes(ctx *c, int status, const char *type, const char *body, size_t len)
{
    gk_api_response *r = c->resp;
    free(r->body);
    r->body = malloc(len + 1);
    if (!r->body)
        gk_oom();
    memcpy(r->body, body, len);
    r->body[len] = '\0';
    r->body_len = len;
    r->status = status;
    header_add(r, "Content-Type", type);
}

void reply_json(ctx *c, int status, json_t *v)
{
    char *text = v ? json_dumps(v, JSON_COMPACT) : NULL;
    json_decref(v);
    if (!text)
        gk_oom();
    gk_api_response *r = c->resp;
    free(r->body);
    size_t len = strlen(text);
    r->body = realloc(text, len + 2);
    if (!r->body)
        gk_oom();
    r->body[len] = '\n';
    r->body[len + 1] = '\0';
    r->body_len = len + 1;
    r->status = status;
    header_add(r, "Content-Type", "application/json; charset=utf-8");
}

/* The longest prefix of s of at most max bytes that ends on a UTF-8 character boundary. */
static size_t utf8_prefix(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return n;
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

void reply_error(ctx *c, int status, const char *fname, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    msg[utf8_prefix(msg, sizeof msg - 1)] = '\0';
    json_t *o = json_object();
    json_t *m = json_string(msg);
    json_object_set_new(o, "error", m ? m : json_string("?"));
    if (fname) {
        char f[128];
        size_t n = utf8_prefix(fname, sizeof f - 1);
        memcpy(f, fname, n);
        f[n] = '\0';
        json_t *fs = json_string(f);
        json_object_set_new(o, "field", fs ? fs : json_string("?"));
    }
    reply_json(c, status, o);
}

void reply_db_error(ctx *c, const gk_error *err)
{
    c->db_broken = 1;
    snprintf(c->resp->note, sizeof c->resp->note, "database: %.200s", err ? err->msg : "?");
    reply_error(c, 503, NULL,
                "数据库暂时不可用，请稍后再试 / the database is unavailable; try again later");
}

const char *req_header(const ctx *c, const char *name)
{
    for (size_t i = 0; i < c->req->nheaders; i++)
        if (c->req->headers[i].name && strcasecmp(c->req->headers[i].name, name) == 0)
            return c->req->headers[i].value;
    return NULL;
}

gk_who change_of(const ctx *c, const char *actor)
{
    gk_who w = {actor ? actor : c->user.name, NULL, c->today};
    json_t *r = c->body ? json_object_get(c->body, "reason") : NULL;
    if (json_is_string(r) && json_string_value(r)[0])
        w.reason = json_string_value(r);
    return w;
}

/* ---- the store pool ---- */

gk_store *db(ctx *c)
{
    if (c->db)
        return c->db;
    gk_api *api = c->api;
    if (c->slot < 0) {
        pthread_mutex_lock(&api->mu);
        for (;;) {
            for (unsigned i = 0; i < api->nconns; i++)
                if (!api->busy[i]) {
                    api->busy[i] = 1;
                    c->slot = (int)i;
                    break;
                }
            if (c->slot >= 0)
                break;
            pthread_cond_wait(&api->cv, &api->mu);
        }
        pthread_mutex_unlock(&api->mu);
    }
    if (!api->conns[c->slot]) {
        gk_error err = {GK_OK, ""};
        if (gk_store_open(api->db_url, &api->conns[c->slot], &err) != GK_OK) {
            api->conns[c->slot] = NULL;
            reply_db_error(c, &err);
            return NULL;
        }
    }
    c->db = api->conns[c->slot];
    return c->db;
}

/* Gives the request's connection back; a connection that failed is closed, to be reopened. */
static void db_release(ctx *c)
{
    if (c->slot < 0)
        return;
    gk_api *api = c->api;
    if (c->db_broken && api->conns[c->slot]) {
        gk_store_close(api->conns[c->slot]);
        api->conns[c->slot] = NULL;
    }
    pthread_mutex_lock(&api->mu);
    api->busy[c->slot] = 0;
    pthread_cond_signal(&api->cv);
    pthread_mutex_unlock(&api->mu);
    c->slot = -1;
    c->db = NULL;
}

/* ---- the api object ---- */

gk_status gk_api_new(const gk_api_config *cfg, gk_api **out, gk_error *err)
{
    *out = NULL;
    if (!cfg || !cfg->db_url || !cfg->cal) {
        if (err) {
            err->code = GK_ERR_INVALID_ARG;
            snprintf(err->msg, sizeof err->msg,
                     "缺少数据库或日历 / a database and a calendar are required");
        }
        return GK_ERR_INVALID_ARG;
    }
    if (sodium_init() < 0) {
        if (err) {
            err->code = GK_ERR_IO;
            snprintf(err->msg, sizeof err->msg, "libsodium 初始化失败 / libsodium failed to start");
        }
        return GK_ERR_IO;
    }
    gk_api *api = calloc(1, sizeof *api);
    if (!api)
        gk_oom();
    api->cfg = *cfg;
    api->db_url = strdup(cfg->db_url);
    api->nconns = cfg->connections ? cfg->connections : DEFAULT_CONNECTIONS;
    if (!api->cfg.session_ttl)
        api->cfg.session_ttl = GK_API_SESSION_TTL;
    if (!api->cfg.login_attempts)
        api->cfg.login_attempts = 5;
    api->cfg.db_url = api->db_url;
    api->conns = calloc(api->nconns, sizeof *api->conns);
    api->busy = calloc(api->nconns, 1);
    if (!api->db_url || !api->conns || !api->busy)
        gk_oom();
    pthread_mutex_init(&api->mu, NULL);
    pthread_cond_init(&api->cv, NULL);
    pthread_mutex_init(&api->login_mu, NULL);
    pthread_cond_init(&api->login_cv, NULL);
    pthread_mutex_init(&api->agency_mu, NULL);
    pthread_mutex_init(&api->write_mu, NULL);
    gk_status st = gk_store_open(api->db_url, &api->conns[0], err);
    if (st != GK_OK) {
        api->conns[0] = NULL;
        gk_api_free(api);
        return st;
    }
    api->serial_writes = strcmp(gk_store_backend(api->conns[0]), "sqlite") == 0;
    *out = api;
    return GK_OK;
}

void gk_api_free(gk_api *api)
{
    if (!api)
        return;
    for (unsigned i = 0; i < api->nconns; i++)
        gk_store_close(api->conns[i]);
    free(api->conns);
    free(api->busy);
    free(api->db_url);
    free(api->agencies);
    pthread_mutex_destroy(&api->mu);
    pthread_cond_destroy(&api->cv);
    pthread_mutex_destroy(&api->login_mu);
    pthread_cond_destroy(&api->login_cv);
    pthread_mutex_destroy(&api->agency_mu);
    pthread_mutex_destroy(&api->write_mu);
    free(api);
}

/* ---- dispatch ---- */

static int has_body(const char *method)
{
    return strcmp(method, "POST") == 0 || strcmp(method, "PUT") == 0 ||
           strcmp(method, "PATCH") == 0 || strcmp(method, "DELETE") == 0;
}

/* The depth of a JSON value: 1 for a scalar, one more per container level. */
static int json_depth(const json_t *v, int limit)
{
    if (limit <= 0)
        return 1;
    int d = 0;
    if (json_is_object(v)) {
        const char *k;
        json_t *m;
        json_object_foreach((json_t *)v, k, m)
        {
            int e = json_depth(m, limit - 1);
            d = e > d ? e : d;
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *m;
        json_array_foreach(v, i, m)
        {
            int e = json_depth(m, limit - 1);
            d = e > d ? e : d;
        }
    }
    return d + 1;
}

/* Parses the request body into c->body (an empty body is {}); -1 after replying. */
static int parse_body(ctx *c)
{
    const gk_api_request *rq = c->req;
    if (!rq->body || rq->body_len == 0) {
        c->body = json_object();
        return 0;
    }
    const char *type = req_header(c, "Content-Type");
    size_t tl = type ? strcspn(type, "; \t") : 0;
    if (!type || tl != strlen("application/json") ||
        strncasecmp(type, "application/json", tl) != 0) {
        reply_error(c, 415, NULL,
                    "请求体须为 JSON（Content-Type: application/json）/ the body must be JSON "
                    "(Content-Type: application/json)");
        return -1;
    }
    json_error_t je;
    json_t *v = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES, &je);
    if (!v) {
        reply_error(
            c, 400, NULL,
            "JSON 格式错误（第 %d 行第 %d 列：%s）/ malformed JSON (line %d, column %d: %s)",
            je.line, je.column, je.text, je.line, je.column, je.text);
        return -1;
    }
    if (!json_is_object(v)) {
        json_decref(v);
        reply_error(c, 400, NULL, "请求体须为 JSON 对象 / the body must be a JSON object");
        return -1;
    }
    if (json_depth(v, GK_API_JSON_DEPTH_MAX + 1) > GK_API_JSON_DEPTH_MAX) {
        json_decref(v);
        reply_error(c, 400, NULL, "JSON 嵌套超过 %d 层 / JSON nested deeper than %d levels",
                    GK_API_JSON_DEPTH_MAX, GK_API_JSON_DEPTH_MAX);
        return -1;
    }
    c->body = v;
    return 0;
}

/* Finds the route; its {} segments in c->params point into buf. Replies 404 or 405 and returns
 * NULL if there is none. */
static const route *find_route(ctx *c, char *buf, size_t size)
{
    char *seg[SEGMENTS_MAX];
    const char *path = c->req->path ? c->req->path : "";
    int n = split_path(path, buf, size, seg);
    char allow[128] = "";
    for (size_t i = 0; n > 0 && i < NROUTES; i++) {
        const char *params[PARAMS_MAX] = {NULL, NULL, NULL};
        if (!match(routes[i].pattern, seg, n, params))
            continue;
        if (strcmp(routes[i].method, c->req->method) == 0) {
            memcpy(c->params, params, sizeof params);
            return &routes[i];
        }
        if (!strstr(allow, routes[i].method)) {
            if (allow[0])
                strcat(allow, ", ");
            strcat(allow, routes[i].method);
        }
    }
    if (allow[0]) {
        header_add(c->resp, "Allow", allow);
        reply_error(c, 405, NULL, "不支持的请求方法 %.16s，可用：%s / method not allowed; use %s",
                    c->req->method, allow, allow);
    } else {
        reply_error(c, 404, NULL, "没有这个接口 / no such route");
    }
    return NULL;
}

static void add_common_headers(gk_api_response *r)
{
    header_add(r, "Cache-Control", "no-store");
    header_add(r, "X-Content-Type-Options", "nosniff");
    header_add(r, "X-Frame-Options", "DENY");
    header_add(r, "Referrer-Policy", "no-referrer");
}

void gk_api_handle(gk_api *api, const gk_api_request *req, gk_api_response *resp)
{
    memset(resp, 0, sizeof *resp);
    ctx c;
    memset(&c, 0, sizeof c);
    c.api = api;
    c.req = req;
    c.resp = resp;
    c.slot = -1;
    c.today =
        api->cfg.today != GK_DATE_NONE && api->cfg.today != 0 ? api->cfg.today : gk_date_today();
    if (!req->method || !req->path) {
        reply_error(&c, 400, NULL, "请求不完整 / incomplete request");
        add_common_headers(resp);
        return;
    }
    char pbuf[PATH_MAX_LEN + 1];
    const route *r = find_route(&c, pbuf, sizeof pbuf);
    if (!r) {
        /* replied */
    } else if (req->body_too_large || req->body_len > GK_API_BODY_MAX) {
        reply_error(&c, 413, NULL, "请求体超过 %d 字节 / the body is larger than %d bytes",
                    GK_API_BODY_MAX, GK_API_BODY_MAX);
    } else if (r->role != NEED_PUBLIC && session_require(&c, r->role) < 0) {
        /* replied */
    } else if (has_body(req->method) && parse_body(&c) < 0) {
        /* replied */
    } else {
        int serial = r->writes && api->serial_writes;
        if (serial)
            pthread_mutex_lock(&api->write_mu);
        r->fn(&c);
        if (serial)
            pthread_mutex_unlock(&api->write_mu);
        if (!resp->status)
            reply_error(&c, 500, NULL, "内部错误 / internal error");
    }
    if (c.authed)
        snprintf(resp->user, sizeof resp->user, "%s", c.user.name);
    json_decref(c.body);
    db_release(&c);
    add_common_headers(resp);
}
