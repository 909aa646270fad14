/*
 * api_int.h — inside the HTTP API: the api object (store pool, login throttle), the
 * per-request context the route handlers work on, and the helpers they share: responses and
 * errors (api.c), request bodies and query arguments (input.c), sessions and CSRF (session.c).
 * The handlers live in routes_*.c; api.c dispatches to them through one table.
 */
#ifndef GK_API_INT_H
#define GK_API_INT_H

#include <pthread.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include <gongkai/api.h>
#include <gongkai/store.h>
#include <gongkai/work.h>

/* ---- sessions (session.c) ---- */

#define TOKEN_BYTES 32
#define TOKEN_TEXT  44 /* base64url without padding of 32 bytes (43) + NUL */
#define HASH_HEX    65 /* 32 bytes in hex + NUL */
#define CSRF_HEX    65

/* The request's session as read from the store's sessions table (gk_store_session_get). */
typedef struct api_session {
    char hash[HASH_HEX]; /* BLAKE2b-256 of the cookie token, hex */
    char user[GK_PERSON_MAX + 1];
    char csrf[CSRF_HEX];
    time_t expires;
} api_session;

#define LOGIN_SLOTS 256

/* Failed logins by name (a hash of it picks the slot). */
typedef struct login_slot {
    uint64_t key;
    unsigned failures;
    time_t until; /* no attempt before this once failures reached the limit */
} login_slot;

struct gk_api {
    gk_api_config cfg;
    char *db_url;
    /* the store pool: conns[i] NULL until first needed; busy[i] while a request holds it */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    gk_store **conns;
    unsigned char *busy;
    unsigned nconns;
    /* SQLite has one writer at a time: writers in this process queue here in order instead
       of polling the database's busy lock (PostgreSQL: not used) */
    int serial_writes;
    pthread_mutex_t write_mu;
    /* password checks (Argon2id is slow and takes memory): at most LOGIN_PARALLEL at once */
    pthread_mutex_t login_mu;
    pthread_cond_t login_cv;
    unsigned logins;
    login_slot login[LOGIN_SLOTS];
    /* agency names by id, cached for the public lookup (agencies are never renamed) */
    pthread_mutex_t agency_mu;
    gk_agency *agencies;
    size_t nagencies;
};

/* Roles a route needs: public, or a session of at least this role. */
typedef enum need {
    NEED_PUBLIC = -1,
    NEED_CLERK = GK_ROLE_CLERK,
    NEED_APPROVER = GK_ROLE_APPROVER,
    NEED_ADMIN = GK_ROLE_ADMIN,
} need;

#define PARAMS_MAX 3

/* One request being handled. */
typedef struct ctx {
    gk_api *api;
    const gk_api_request *req;
    gk_api_response *resp;
    gk_date today;
    gk_store *db; /* checked out of the pool on first use (db()) */
    int slot;
    int db_broken; /* a database error: the connection is reopened before its next use */
    json_t *body;  /* the parsed body (an object), or NULL */
    const char *params[PARAMS_MAX]; /* the {} segments of the route's path */
    int authed;                     /* a valid session came with the request */
    gk_user user;                   /* its user */
    api_session session;
} ctx;

/* ---- responses (api.c) ---- */

/* Sets the response to `status` with the JSON value (reference taken). */
void reply_json(ctx *c, int status, json_t *v);
/* Sets the response to `status` with a body of another type (copied). */
void reply_bytes(ctx *c, int status, const char *type, const char *body, size_t len);
/* An error response: {"error": message, "field": field} (field may be NULL). */
void reply_error(ctx *c, int status, const char *fname, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* 503 for a database failure: the detail goes to the log note, the connection is reopened. */
void reply_db_error(ctx *c, const gk_error *err);
/* Adds a response header (dropped, with a note, past GK_API_HEADERS_MAX). */
void header_add(gk_api_response *r, const char *name, const char *value);

/* The request header `name` (case-insensitive), or NULL. */
const char *req_header(const ctx *c, const char *name);

/* The request's store connection; NULL after replying 503 if none could be opened. */
gk_store *db(ctx *c);

/* Who makes a change: the session's user (or `actor`), the body's "reason", today. */
gk_who change_of(const ctx *c, const char *actor);

/* ---- input (input.c) ---- */

/* The kinds of value a body field may hold. */
typedef enum ftype {
    F_TEXT,      /* a string */
    F_INT,       /* an integer */
    F_DATE,      /* "YYYY-MM-DD" */
    F_ID,        /* a positive integer */
    F_TEXT_ID,   /* a string or a positive integer (an agency by name or id) */
    F_AMOUNT,    /* a string or a non-negative integer (a T2 value), or null */
    F_DATE_NULL, /* a date or null */
    F_OBJECT,    /* an object (its members are checked by the handler) */
    F_BOOL,
} ftype;

typedef struct fdef {
    const char *name;
    ftype type;
    int required;
    size_t cap;    /* F_TEXT, F_TEXT_ID: most bytes of UTF-8 (work.h's GK_*_MAX) */
    int multiline; /* F_TEXT: tab and line breaks allowed */
} fdef;

/*
 * Checks the parsed body against the route's fields: every key known, each value of its type
 * (dates real days, text within its cap, valid UTF-8 without control characters), the required
 * ones present; the values in vals[i] (borrowed; NULL if absent, and if null except for
 * F_DATE_NULL and F_AMOUNT, which keep the JSON null). Replies 400 naming the field and returns
 * -1 on the first problem.
 */
int body_fields(ctx *c, const fdef *fields, size_t n, json_t **vals);

/* Checks that every query argument is one of `names` (NULL-terminated); 400 and -1 if not. */
int query_only(ctx *c, const char *const *names);
/* A query argument, or NULL. */
const char *query_get(const ctx *c, const char *name);

/* Copies a checked text value (body_fields) into a field of `size` bytes; v NULL copies "". */
void text_into(char *dst, size_t size, const json_t *v);
/* 1 if s is empty or only white space. */
int blank(const char *s);
/* The date of a F_DATE value, or `dflt` if v is NULL. */
gk_date date_of(const json_t *v, gk_date dflt);

/* A strictly positive decimal id ("12"), or -1. */
int64_t parse_id(const char *s);
/* A path id: the value, or 0 after replying 404 (not a number). */
int64_t param_id(ctx *c, int i);
/* A path year 1900..9999, or 0 after replying 400. */
int param_year(ctx *c, int i);

/* The agency a staff request is about: `v` (a name or an id: the body's "agency") or the query's
 * "agency", else the only agency there is. 0 and *out, or -1 after replying. */
int agency_of(ctx *c, const json_t *v, gk_agency *out);

/* ---- sessions and CSRF (session.c) ---- */

/* Checks the cookie and, for a state-changing method, the CSRF header; fills c->user and
 * c->session. Replies 401/403 and returns -1 when the request may not go on; `role` is the
 * least the route needs. */
int session_require(ctx *c, need role);

/* The session routes: POST /api/login, POST /api/logout, GET /api/me. */
void route_login(ctx *c);
void route_logout(ctx *c);
void route_me(ctx *c);

/* ---- JSON of records (records_json.c) ---- */

json_t *date_json(gk_date d); /* "YYYY-MM-DD" or null */
json_t *app_json(const gk_application *a, int private_fields);
json_t *event_json(const gk_event *e);
json_t *state_json(const gk_app_state *st);
json_t *case_json(const gk_case *k);

/* ---- route handlers (routes_*.c) ---- */

void route_submit(ctx *c);       /* POST /api/applications */
void route_track(ctx *c);        /* GET /api/track/{code} */
void route_agencies(ctx *c);     /* GET /api/agencies */
void route_agency_add(ctx *c);   /* POST /api/agencies */
void route_intake(ctx *c);       /* POST /api/intake */
void route_queue(ctx *c);        /* GET /api/queue */
void route_app_get(ctx *c);      /* GET /api/applications/{id} */
void route_event_add(ctx *c);    /* POST /api/applications/{id}/events */
void route_close(ctx *c);        /* POST /api/applications/{id}/close */
void route_case_add(ctx *c);     /* POST /api/cases */
void route_case_list(ctx *c);    /* GET /api/cases */
void route_case_get(ctx *c);     /* GET /api/cases/{id} */
void route_case_update(ctx *c);  /* PATCH /api/cases/{id} */
void route_t2_get(ctx *c);       /* GET /api/t2/{year} */
void route_t2_put(ctx *c);       /* PUT /api/t2/{year}/{key} */
void route_t2_batch(ctx *c);     /* PUT /api/t2/{year} */
void route_report(ctx *c);       /* GET /api/report/{year} */
void route_year_get(ctx *c);     /* GET /api/years/{year} */
void route_year_close(ctx *c);   /* POST /api/years/{year}/close */
void route_audit_verify(ctx *c); /* GET /api/audit/verify */
void route_audit_list(ctx *c);   /* GET /api/audit */

/* Looks up an agency's name by id through the cache; 0 and the name in buf, or -1. */
int agency_name(ctx *c, int64_t id, char *buf, size_t size);
/* Forgets the cached agencies (after one is added). */
void agency_cache_clear(gk_api *api);

#endif
