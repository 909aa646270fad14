/*
 * api.h — the HTTP API of the disclosure service (`gongkai serve`) as a library function with no
 * socket in it: a request (method, path, query arguments, headers, body) goes in, a response
 * (status, headers, a JSON body or a generated report) comes out. The service is a thin
 * libmicrohttpd shell around gk_api_handle; the tests call it directly. docs/api.md lists the
 * routes with examples.
 *
 * Public routes submit an application and look up its status by tracking code. Staff routes need
 * a session: POST /api/login checks the password (Argon2id, store.h) and sets the cookie
 * gk_session (HttpOnly; SameSite=Strict; Path=/) holding a random 32-byte token of which only a
 * hash is kept; the login's JSON carries a CSRF token that every state-changing request of the
 * session (POST, PUT, PATCH, DELETE) must send back in the header X-CSRF-Token. Roles are clerk,
 * approver (also approves extensions, 第三十三条) and admin (also agencies, closing years, the
 * audit check).
 *
 * Every error is a JSON object {"error": "中文 / English", "field": "…"} (field only when one
 * field is at fault) with a 4xx status, or 503 when the database fails; a request that fails
 * writes nothing. Request bodies are JSON objects of at most GK_API_BODY_MAX bytes whose keys
 * are all known to the route.
 */
#ifndef GONGKAI_API_H
#define GONGKAI_API_H

#include <stddef.h>

#include <gongkai/deadline.h>
#include <gongkai/status.h>

#define GK_API_BODY_MAX       (64 * 1024) /* bytes of a request body; more is 413 */
#define GK_API_JSON_DEPTH_MAX 4           /* nesting of a request body; more is 400 */
#define GK_API_SESSION_COOKIE "gk_session"
#define GK_API_CSRF_HEADER    "X-CSRF-Token"
#define GK_API_SESSION_TTL    (8 * 3600) /* seconds a session lasts by default */
#define GK_API_HEADERS_MAX    12         /* response headers */

typedef struct gk_api gk_api;

typedef struct gk_api_config {
    const char *db_url;      /* the store (store.h: "sqlite:PATH", "postgresql://…"); required */
    const gk_calendar *cal;  /* the working-day calendar; borrowed, must outlive the api */
    unsigned connections;    /* store connections in the pool (one per concurrent request); 0: 4 */
    unsigned session_ttl;    /* seconds a session lasts; 0: GK_API_SESSION_TTL */
    int secure_cookie;       /* 1: the cookie also gets Secure (served behind HTTPS) */
    unsigned login_attempts; /* failed logins of one name before it waits; 0: 5 */
    gk_date today; /* 0 or GK_DATE_NONE: the local date of each request; else this date (tests) */
} gk_api_config;

/* A name and a value, borrowed. */
typedef struct gk_api_pair {
    const char *name;
    const char *value;
} gk_api_pair;

typedef struct gk_api_request {
    const char *method;       /* "GET", "POST", … */
    const char *path;         /* decoded, without the query: "/api/track/ABC…" */
    const gk_api_pair *query; /* decoded query arguments */
    size_t nquery;
    const gk_api_pair *headers; /* request headers; names compare case-insensitively */
    size_t nheaders;
    const char *body; /* the body (need not be NUL-terminated), NULL if none */
    size_t body_len;
    int body_too_large; /* 1: the body was over GK_API_BODY_MAX and was not kept */
    const char *client; /* the peer's address, for messages; may be NULL */
} gk_api_request;

typedef struct gk_api_header {
    char name[40];
    char value[472];
} gk_api_header;

typedef struct gk_api_response {
    int status;
    char *body; /* malloc'd (gk_api_response_free), NUL-terminated; body_len without the NUL */
    size_t body_len;
    gk_api_header headers[GK_API_HEADERS_MAX];
    size_t nheaders;
    char user[128]; /* the session's user, "" without one: for the service's log line */
    char note[256]; /* what went wrong inside (a database error), for the log; never sent */
} gk_api_response;

/*
 * Creates the API over the store at cfg->db_url: opens one connection (migrating the store)
 * so that a wrong URL fails here; the pool opens the others when they are first needed.
 * *out is freed with gk_api_free. GK_ERR_INVALID_ARG for a missing URL or calendar, else the
 * store's error.
 */
GK_API gk_status gk_api_new(const gk_api_config *cfg, gk_api **out, gk_error *err);

/* Closes every connection (sessions stay in the store); NULL does nothing. */
GK_API void gk_api_free(gk_api *api);

/*
 * Handles one request into *resp (which it initialises; release it with gk_api_response_free).
 * Safe to call from many threads at once: each call takes a store connection from the pool
 * (waiting while all are in use) and gives it back. Never fails: every problem is a response.
 */
GK_API void gk_api_handle(gk_api *api, const gk_api_request *req, gk_api_response *resp);

/* The value of a response header (case-insensitive name), or NULL. */
GK_API const char *gk_api_response_header(const gk_api_response *resp, const char *name);

/* Frees the body; the response is left empty. NULL does nothing. */
GK_API void gk_api_response_free(gk_api_response *resp);

#endif
