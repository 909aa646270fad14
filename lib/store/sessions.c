/*
 * sessions.c — the web service's staff sessions in the store's sessions table (store.h): added
 * at login, looked up by the hash of the cookie token on every staff request, deleted at
 * logout, purged once expired. They are not records: no audit entry, no closed-year rule; each
 * change is still one durable transaction (write_begin … write_end), or part of the open batch.
 *
 * Expiry times are stored as UTC text in the schema's time form ("YYYY-MM-DDTHH:MM:SS.000000Z"),
 * so that they compare as text in SQL the same way on both backends.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store_int.h"

#define TIME_LAST 253402300799LL /* 9999-12-31T23:59:59Z */

/* t (seconds since the epoch, 0..TIME_LAST) as the schema's UTC time text. */
static void time_text(int64_t t, char buf[GK_TIME_MAX + 1])
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(buf, GK_TIME_MAX + 1, "%Y-%m-%dT%H:%M:%S.000000Z", &tm);
}

/* The number of n digits at p, or -1 if they are not all digits. */
static int digits(const char *p, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

/* *out: the seconds since the epoch of a time text "YYYY-MM-DDTHH:MM:SS…"; GK_ERR_IO if it is
 * malformed. */
static gk_status time_parse(const char *s, int64_t *out)
{
    if (strlen(s) < 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
        s[16] != ':')
        return GK_ERR_IO;
    int y = digits(s, 4), mo = digits(s + 5, 2), d = digits(s + 8, 2), h = digits(s + 11, 2),
        mi = digits(s + 14, 2), sec = digits(s + 17, 2);
    gk_date day = y < 0 || mo < 0 || d < 0 ? GK_DATE_NONE : gk_date_from_ymd(y, mo, d);
    if (day == GK_DATE_NONE || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60)
        return GK_ERR_IO;
    int64_t days = (int64_t)day - gk_date_from_ymd(1970, 1, 1);
    *out = days * 86400 + h * 3600 + mi * 60 + sec;
    return GK_OK;
}

/* Checks a session's text argument: non-empty, within cap, valid text. */
static gk_status check_text(const char *v, size_t cap, const char *field, gk_error *err)
{
    if (!v || !v[0])
        return gk_fail(err, GK_ERR_INVALID_ARG, "%s 为空 / %s is empty", field, field);
    if (strlen(v) > cap)
        return gk_fail(err, GK_ERR_INVALID_ARG, "%s 超过 %zu 字节 / %s is longer than %zu bytes",
                       field, cap, field, cap);
    return gk_field_check(v, strlen(v) + 1, field, 0, err);
}

gk_status gk_store_session_add(gk_store *s, const char *token_hash, const char *user,
                               const char *csrf, int64_t expires_at, gk_error *err)
{
    gk_status st = check_text(token_hash, GK_SESSION_KEY_MAX, "session hash", err);
    if (st == GK_OK)
        st = check_text(user, GK_PERSON_MAX, "user name", err);
    if (st == GK_OK)
        st = check_text(csrf, GK_SESSION_CSRF_MAX, "CSRF token", err);
    if (st == GK_OK && (expires_at < 0 || expires_at > TIME_LAST))
        st = gk_fail(err, GK_ERR_INVALID_ARG,
                     "会话的失效时间不在 1970–9999 年之间 / the session's expiry is not within "
                     "the years 1970–9999");
    if ((st = write_begin(s, st, err)) != GK_OK)
        return st;
    int found = 0;
    int64_t uid = 0;
    gk_stmt *q = NULL;
    st = db_query(s, &q, err, "SELECT id FROM users WHERE name = $1", "t", user);
    int r = st == GK_OK ? db_step(s, q, err) : 0;
    if (r == 1)
        uid = db_int(s, q, 0);
    db_done(s, q);
    if (st == GK_OK && r < 0)
        st = GK_ERR_IO;
    if (st == GK_OK && r == 0)
        st = gk_fail(err, GK_ERR_INVALID_ARG, "没有用户“%s” / no such user", user);
    if (st == GK_OK) {
        st = db_query(s, &q, err, "SELECT 1 FROM sessions WHERE token_hash = $1", "t", token_hash);
        r = st == GK_OK ? db_step(s, q, err) : 0;
        found = r == 1;
        db_done(s, q);
        if (st == GK_OK && r < 0)
            st = GK_ERR_IO;
    }
    if (st == GK_OK && found)
        st = gk_fail(err, GK_ERR_INVALID_ARG, "会话已存在 / the session exists");
    char now[GK_TIME_MAX + 1], exp[GK_TIME_MAX + 1];
    store_now(now);
    time_text(expires_at, exp);
    if (st == GK_OK)
        st = db_exec(s, NULL, err,
                     "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, "
                     "expires_at) VALUES ($1, $2, $3, $4, $5)",
                     "tittt", token_hash, uid, csrf, now, exp);
    return write_end(s, st, err);
}

gk_status gk_store_session_get(gk_store *s, const char *token_hash, gk_session *out, int *found,
                               gk_error *err)
{
    *found = 0;
    gk_status st = check_text(token_hash, GK_SESSION_KEY_MAX, "session hash", err);
    if (st != GK_OK)
        return st;
    char now[GK_TIME_MAX + 1];
    time_text((int64_t)time(NULL), now);
    gk_stmt *q = NULL;
    st = db_query(s, &q, err,
                  "SELECT u.name, s.csrf_token, s.expires_at FROM sessions s JOIN users u ON "
                  "u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2",
                  "tt", token_hash, now);
    if (st != GK_OK)
        return st;
    int r = db_step(s, q, err);
    if (r == 1) {
        memset(out, 0, sizeof *out);
        db_copy(s, q, 0, out->user, sizeof out->user);
        db_copy(s, q, 1, out->csrf, sizeof out->csrf);
        if (time_parse(db_text(s, q, 2), &out->expires_at) != GK_OK)
            st = gk_fail(err, GK_ERR_IO,
                         "数据库中会话的失效时间无效 / a session's expiry in the database is "
                         "malformed");
        *found = st == GK_OK;
    }
    db_done(s, q);
    return r < 0 ? GK_ERR_IO : st;
}

gk_status gk_store_session_delete(gk_store *s, const char *token_hash, gk_error *err)
{
    gk_status st = check_text(token_hash, GK_SESSION_KEY_MAX, "session hash", err);
    if ((st = write_begin(s, st, err)) != GK_OK)
        return st;
    st = db_exec(s, NULL, err, "DELETE FROM sessions WHERE token_hash = $1", "t", token_hash);
    return write_end(s, st, err);
}

gk_status gk_store_session_purge(gk_store *s, int64_t now, gk_error *err)
{
    char t[GK_TIME_MAX + 1];
    gk_status st = GK_OK;
    if (now < 0 || now > TIME_LAST)
        st = gk_fail(err, GK_ERR_INVALID_ARG,
                     "时间不在 1970–9999 年之间 / the time is not within the years 1970–9999");
    if ((st = write_begin(s, st, err)) != GK_OK)
        return st;
    time_text(now, t);
    st = db_exec(s, NULL, err, "DELETE FROM sessions WHERE expires_at <= $1", "t", t);
    return write_end(s, st, err);
}
