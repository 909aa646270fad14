/*
 * session.c — staff sessions: login with name and password (Argon2id through the store), the
 * session cookie, the CSRF token, logout, and the check every staff route makes first.
 *
 * The cookie gk_session carries a random 32-byte token (base64url); only its BLAKE2b-256 hash is
 * kept, with the user, the CSRF token (32 random bytes, hex) and the expiry. The CSRF token is
 * given in the login's JSON (and by GET /api/me) and must come back in X-CSRF-Token on every
 * POST, PUT, PATCH and DELETE of the session; it is compared in constant time. The user's role
 * is read from the store on each request, so a changed role or a removed user counts at once.
 *
 * Sessions are kept in the store's sessions table (gk_store_session_*) through the request's
 * connection, so they outlive a restart and every process on one database shares them; the
 * expired ones are purged at each login.
 *
 * Failed logins are counted per name and client: after cfg.login_attempts failures the next
 * attempt waits (30 s, doubling to 15 min) and gets 429. At most LOGIN_PARALLEL password checks
 * run at once, since each takes Argon2id's memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "../core/arena.h"
#include "api_int.h"

#define LOGIN_PARALLEL 2
#define LOCK_FIRST     30
#define LOCK_MAX       900

/* ---- the sessions table ---- */

/* On SQLite the writers of this process take turns (api.c, serial_writes). */
static void write_lock(gk_api *api)
{
    if (api->serial_writes)
        pthread_mutex_lock(&api->write_mu);
}

static void write_unlock(gk_api *api)
{
    if (api->serial_writes)
        pthread_mutex_unlock(&api->write_mu);
}

/* Stores a new session, after purging the expired ones, in one transaction. */
static gk_status session_store(ctx *c, gk_store *s, const api_session *se, gk_error *err)
{
    write_lock(c->api);
    gk_status st = gk_store_begin(s, err);
    if (st == GK_OK)
        st = gk_store_session_purge(s, (int64_t)time(NULL), err);
    if (st == GK_OK)
        st = gk_store_session_add(s, se->hash, se->user, se->csrf, (int64_t)se->expires, err);
    if (st == GK_OK)
        st = gk_store_commit(s, err);
    else
        gk_store_rollback(s);
    write_unlock(c->api);
    return st;
}

static gk_status session_delete(ctx *c, gk_store *s, const char *hash, gk_error *err)
{
    write_lock(c->api);
    gk_status st = gk_store_session_delete(s, hash, err);
    write_unlock(c->api);
    return st;
}

/* ---- tokens and cookies ---- */

static void token_hash(const char *token, char hex[HASH_HEX])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(hex, HASH_HEX, h, sizeof h);
}

/* 1 if s is a token as issued: 43 characters of base64url. */
static int token_well_formed(const char *s, size_t n)
{
    if (n != TOKEN_TEXT - 1)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
              ch == '-' || ch == '_'))
            return 0;
    }
    return 1;
}

/*
 * Finds the session cookie in a Cookie header: 1 with the token in tok, 0 if there is no
 * gk_session cookie, -1 if there is one that is not a token as issued.
 */
static int cookie_token(const char *header, char tok[TOKEN_TEXT])
{
    const char *name = GK_API_SESSION_COOKIE;
    size_t nl = strlen(name);
    for (const char *p = header; p && *p;) {
        while (*p == ' ' || *p == '\t' || *p == ';')
            p++;
        size_t len = strcspn(p, ";");
        if (len > nl && strncmp(p, name, nl) == 0 && p[nl] == '=') {
            const char *v = p + nl + 1;
            size_t vl = len - nl - 1;
            while (vl > 0 && (v[vl - 1] == ' ' || v[vl - 1] == '\t'))
                vl--;
            if (!token_well_formed(v, vl))
                return -1;
            memcpy(tok, v, vl);
            tok[vl] = '\0';
            return 1;
        }
        p += len;
    }
    return 0;
}

static void set_cookie(ctx *c, const char *token, long max_age)
{
    char v[256];
    snprintf(v, sizeof v, "%s=%s; HttpOnly; SameSite=Strict; Path=/; Max-Age=%ld%s",
             GK_API_SESSION_COOKIE, token, max_age, c->api->cfg.secure_cookie ? "; Secure" : "");
    header_add(c->resp, "Set-Cookie", v);
}

static void utc_time(time_t t, char buf[GK_TIME_MAX + 1])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, GK_TIME_MAX + 1, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static json_t *session_json(const ctx *c, const gk_user *u, const api_session *s)
{
    char exp[GK_TIME_MAX + 1];
    utc_time(s->expires, exp);
    (void)c;
    return json_pack("{s:s, s:s, s:s, s:s}", "user", u->name, "role", gk_role_key(u->role),
                     "csrf_token", s->csrf, "expires_at", exp);
}

/* ---- the check of every staff route ---- */

static int state_changing(const char *method)
{
    return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 &&
           strcmp(method, "OPTIONS") != 0;
}

static const char *role_label(gk_role r)
{
    switch (r) {
    case GK_ROLE_CLERK:
        return "经办人";
    case GK_ROLE_APPROVER:
        return "审批人";
    case GK_ROLE_ADMIN:
        return "管理员";
    default:
        return "?";
    }
}

int session_require(ctx *c, need role)
{
    char tok[TOKEN_TEXT];
    int has = cookie_token(req_header(c, "Cookie"), tok);
    if (has == 0) {
        reply_error(c, 401, NULL, "请先登录 / login required");
        return -1;
    }
    int found = 0;
    gk_error err = {GK_OK, ""};
    gk_store *s = NULL;
    if (has > 0) {
        token_hash(tok, c->session.hash);
        if (!(s = db(c)))
            return -1;
        gk_session row;
        if (gk_store_session_get(s, c->session.hash, &row, &found, &err) != GK_OK) {
            reply_db_error(c, &err);
            return -1;
        }
        found = found && strlen(row.csrf) == CSRF_HEX - 1; /* else not one this service made */
        if (found) {
            memcpy(c->session.user, row.user, sizeof c->session.user);
            memcpy(c->session.csrf, row.csrf, CSRF_HEX);
            c->session.expires = (time_t)row.expires_at;
        }
    }
    if (!found) {
        reply_error(c, 401, NULL,
                    "会话无效或已过期，请重新登录 / the session is invalid or has "
                    "expired; log in again");
        return -1;
    }
    if (gk_store_user_get(s, c->session.user, &c->user, &found, &err) != GK_OK) {
        reply_db_error(c, &err);
        return -1;
    }
    if (!found) {
        reply_error(c, 401, NULL, "用户已不存在 / the user no longer exists");
        return -1;
    }
    c->authed = 1;
    if (state_changing(c->req->method)) {
        const char *csrf = req_header(c, GK_API_CSRF_HEADER);
        if (!csrf || !*csrf) {
            reply_error(c, 403, GK_API_CSRF_HEADER,
                        "缺少 CSRF 令牌（请求头 X-CSRF-Token）/ the CSRF token is missing "
                        "(header X-CSRF-Token)");
            return -1;
        }
        if (strlen(csrf) != CSRF_HEX - 1 ||
            sodium_memcmp(csrf, c->session.csrf, CSRF_HEX - 1) != 0) {
            reply_error(c, 403, GK_API_CSRF_HEADER,
                        "CSRF 令牌不符 / the CSRF token does not match the session");
            return -1;
        }
    }
    if ((int)c->user.role < (int)role) {
        reply_error(c, 403, NULL,
                    "权限不足：需要%s或以上角色 / forbidden: needs the role %s or above",
                    role_label((gk_role)role), gk_role_key((gk_role)role));
        return -1;
    }
    return 0;
}

/* ---- failed logins ---- */

static login_slot *login_slot_of(gk_api *api, const char *name, const char *client)
{
    unsigned char h[8];
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, sizeof h);
    crypto_generichash_update(&st, (const unsigned char *)name, strlen(name) + 1);
    if (client)
        crypto_generichash_update(&st, (const unsigned char *)client, strlen(client));
    crypto_generichash_final(&st, h, sizeof h);
    uint64_t key = 0;
    for (int i = 0; i < 8; i++)
        key = key << 8 | h[i];
    login_slot *s = &api->login[key % LOGIN_SLOTS];
    if (s->key != key) {
        s->key = key;
        s->failures = 0;
        s->until = 0;
    }
    return s;
}

/* Seconds the name must wait before its next attempt, 0 if none. */
static long login_wait(gk_api *api, const char *name, const char *client)
{
    pthread_mutex_lock(&api->login_mu);
    login_slot *s = login_slot_of(api, name, client);
    time_t now = time(NULL);
    long w = s->until > now ? (long)(s->until - now) : 0;
    pthread_mutex_unlock(&api->login_mu);
    return w;
}

static void login_result(gk_api *api, const char *name, const char *client, int ok)
{
    pthread_mutex_lock(&api->login_mu);
    login_slot *s = login_slot_of(api, name, client);
    if (ok) {
        s->failures = 0;
        s->until = 0;
    } else if (++s->failures >= api->cfg.login_attempts) {
        unsigned extra = s->failures - api->cfg.login_attempts;
        long lock = LOCK_FIRST;
        while (extra-- > 0 && lock < LOCK_MAX)
            lock *= 2;
        s->until = time(NULL) + (lock < LOCK_MAX ? lock : LOCK_MAX);
    }
    pthread_mutex_unlock(&api->login_mu);
}

/* Checks the password with at most LOGIN_PARALLEL checks running. */
static gk_status check_password(ctx *c, const char *name, const char *pw, int *ok, gk_error *err)
{
    gk_api *api = c->api;
    pthread_mutex_lock(&api->login_mu);
    while (api->logins >= LOGIN_PARALLEL)
        pthread_cond_wait(&api->login_cv, &api->login_mu);
    api->logins++;
    pthread_mutex_unlock(&api->login_mu);
    gk_status st = GK_ERR_IO;
    gk_store *s = db(c);
    if (s)
        st = gk_store_user_check(s, name, pw, &c->user, ok, err);
    pthread_mutex_lock(&api->login_mu);
    api->logins--;
    pthread_cond_signal(&api->login_cv);
    pthread_mutex_unlock(&api->login_mu);
    return s ? st : GK_ERR_IO;
}

/* ---- the routes ---- */

/* A new session for c->user: its token in the cookie, its hash in the store, its CSRF token in
 * the reply. */
static void start_session(ctx *c)
{
    unsigned char raw[TOKEN_BYTES];
    char token[TOKEN_TEXT];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(token, sizeof token, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    api_session s;
    memset(&s, 0, sizeof s);
    token_hash(token, s.hash);
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(s.csrf, sizeof s.csrf, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
    snprintf(s.user, sizeof s.user, "%s", c->user.name);
    s.expires = time(NULL) + (time_t)c->api->cfg.session_ttl;
    gk_error err = {GK_OK, ""};
    gk_store *conn = db(c);
    if (conn && session_store(c, conn, &s, &err) != GK_OK)
        reply_db_error(c, &err);
    else if (conn) {
        c->authed = 1;
        c->session = s;
        set_cookie(c, token, (long)c->api->cfg.session_ttl);
        reply_json(c, 200, session_json(c, &c->user, &s));
    }
    sodium_memzero(token, sizeof token);
}

void route_login(ctx *c)
{
    static const fdef fields[] = {
        {"name", F_TEXT, 1, GK_PERSON_MAX, 0},
        {"password", F_TEXT, 1, GK_PASSWORD_MAX, 0},
    };
    json_t *v[2];
    if (body_fields(c, fields, 2, v) < 0)
        return;
    const char *name = json_string_value(v[0]), *pw = json_string_value(v[1]);
    long wait = login_wait(c->api, name, c->req->client);
    if (wait > 0) {
        char ra[24];
        snprintf(ra, sizeof ra, "%ld", wait);
        header_add(c->resp, "Retry-After", ra);
        reply_error(c, 429, NULL,
                    "登录失败次数过多，请 %ld 秒后再试 / too many failed logins; "
                    "try again in %ld s",
                    wait, wait);
        return;
    }
    int ok = 0;
    gk_error err = {GK_OK, ""};
    gk_status st = check_password(c, name, pw, &ok, &err);
    if (st != GK_OK) {
        if (c->resp->status == 0)
            reply_db_error(c, &err);
        return;
    }
    login_result(c->api, name, c->req->client, ok);
    if (!ok) {
        reply_error(c, 401, NULL, "用户名或密码错误 / wrong name or password");
        return;
    }
    start_session(c);
}

void route_logout(ctx *c)
{
    static const fdef none[] = {{"", F_TEXT, 0, 0, 0}};
    json_t *v[1];
    if (body_fields(c, none, 0, v) < 0)
        return;
    gk_error err = {GK_OK, ""};
    gk_store *s = db(c);
    if (!s)
        return;
    if (session_delete(c, s, c->session.hash, &err) != GK_OK) {
        reply_db_error(c, &err);
        return;
    }
    set_cookie(c, "", 0);
    reply_json(c, 200, json_pack("{s:b}", "ok", 1));
}

void route_me(ctx *c)
{
    static const char *const q[] = {NULL};
    if (query_only(c, q) < 0)
        return;
    reply_json(c, 200, session_json(c, &c->user, &c->session));
}
