/*
 * users.c — the store's users: name, role (clerk / approver / admin) and an Argon2id password
 * hash (libsodium crypto_pwhash_str, interactive limits). The password itself is never stored
 * or logged; a check of an unknown name costs as much as one of a known name.
 *
 * Hashing is slow on purpose, so it runs before the write transaction starts and does not
 * hold the write lock.
 */
#include <string.h>

#include <sodium.h>

#include "store_int.h"

/* A hash of a random password nobody knows: unknown names are checked against it, so that
 * they take as long as known ones. */
static const char dummy_hash[crypto_pwhash_STRBYTES] =
    "$argon2id$v=19$m=65536,t=2,p=1$3bQvuUyVHErDpN9Z4iS9Jw$"
    "qhptafA26DCoRws6sleM+zsrd70Alk4zUAZBq5KYLAs";

static gk_status check_name(const char *name, char out[GK_PERSON_MAX + 1], gk_error *err)
{
    gk_status st = gk_field_set(out, GK_PERSON_MAX + 1, name, "user name", 0, err);
    if (st == GK_OK && !out[0])
        st = gk_fail(err, GK_ERR_INVALID_ARG, "用户名为空 / the user name is empty");
    return st;
}

/* Hashes a password of GK_PASSWORD_MIN..GK_PASSWORD_MAX bytes. */
static gk_status hash_password(const char *password, char out[crypto_pwhash_STRBYTES],
                               gk_error *err)
{
    size_t n = password ? strlen(password) : 0;
    if (n < GK_PASSWORD_MIN || n > GK_PASSWORD_MAX)
        return gk_fail(err, GK_ERR_INVALID_ARG,
                       "密码长度须为 %d 至 %d 字节 / a password has %d to %d bytes",
                       GK_PASSWORD_MIN, GK_PASSWORD_MAX, GK_PASSWORD_MIN, GK_PASSWORD_MAX);
    if (crypto_pwhash_str(out, password, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return gk_fail(err, GK_ERR_IO,
                       "密码哈希失败（内存不足）/ password hashing failed "
                       "(out of memory)");
    return GK_OK;
}

static gk_status find_user(gk_store *s, const char *name, gk_user *out, char *hash,
                           size_t hash_size, int *found, gk_error *err)
{
    gk_stmt *st = NULL;
    *found = 0;
    gk_status rc = db_query(s, &st, err,
                            "SELECT id, name, role, pw_hash, created_at FROM users WHERE name = $1",
                            "t", name);
    if (rc != GK_OK)
        return rc;
    int r = db_step(s, st, err);
    if (r == 1) {
        *found = 1;
        out->id = db_int(s, st, 0);
        db_copy(s, st, 1, out->name, sizeof out->name);
        if (gk_role_parse(db_text(s, st, 2), &out->role) != 0)
            rc = gk_fail(err, GK_ERR_IO, "用户“%s”的角色无效 / the user's role is invalid",
                         out->name);
        if (hash)
            db_copy(s, st, 3, hash, hash_size);
        db_copy(s, st, 4, out->created_at, sizeof out->created_at);
    }
    db_done(s, st);
    return r < 0 ? GK_ERR_IO : rc;
}

gk_status gk_store_user_get(gk_store *s, const char *name, gk_user *out, int *found, gk_error *err)
{
    return find_user(s, name ? name : "", out, NULL, 0, found, err);
}

gk_status gk_store_user_add(gk_store *s, const gk_who *who, const char *name, const char *password,
                            gk_role role, int64_t *id, gk_error *err)
{
    char uname[GK_PERSON_MAX + 1], hash[crypto_pwhash_STRBYTES], now[GK_TIME_MAX + 1],
        object[GK_PERSON_MAX + 8];
    gk_status st = check_change(who, err);
    if (st == GK_OK)
        st = check_name(name, uname, err);
    if (st == GK_OK && (unsigned)role >= GK_ROLE_COUNT)
        st = gk_fail(err, GK_ERR_INVALID_ARG, "未知的角色 / unknown role");
    if (st == GK_OK)
        st = hash_password(password, hash, err);
    if ((st = write_begin(s, st, err)) != GK_OK)
        return st;
    gk_user u;
    int found;
    int64_t uid = 0;
    st = find_user(s, uname, &u, NULL, 0, &found, err);
    if (st == GK_OK && found)
        st = gk_fail(err, GK_ERR_INVALID_ARG, "用户“%s”已存在 / the user exists", uname);
    store_now(now);
    gk_stmt *q = NULL;
    if (st == GK_OK) {
        st = db_query(s, &q, err,
                      "INSERT INTO users (name, role, pw_hash, created_at) VALUES ($1, $2, $3, "
                      "$4) RETURNING id",
                      "tttt", uname, gk_role_key(role), hash, now);
        int r = st == GK_OK ? db_step(s, q, err) : -1;
        if (r == 1)
            uid = db_int(s, q, 0);
        else if (st == GK_OK)
            st = GK_ERR_IO;
        db_done(s, q);
    }
    sodium_memzero(hash, sizeof hash);
    if (st == GK_OK) {
        snprintf(object, sizeof object, "user:%s", uname);
        st = audit_append(s, who->actor, "user.add", object,
                          json_pack("{s:s,s:s}", "name", uname, "role", gk_role_key(role)), NULL,
                          err);
    }
    st = write_end(s, st, err);
    if (st == GK_OK && id)
        *id = uid;
    return st;
}

gk_status gk_store_user_check(gk_store *s, const char *name, const char *password, gk_user *out,
                              int *ok, gk_error *err)
{
    char hash[crypto_pwhash_STRBYTES] = "";
    gk_user u;
    int found = 0;
    *ok = 0;
    size_t n = password ? strlen(password) : 0;
    gk_status st = find_user(s, name ? name : "", &u, hash, sizeof hash, &found, err);
    if (st != GK_OK)
        return st;
    const char *against = found ? hash : dummy_hash;
    int match =
        n <= GK_PASSWORD_MAX && password && crypto_pwhash_str_verify(against, password, n) == 0;
    *ok = found && match;
    if (*ok && out)
        *out = u;
    sodium_memzero(hash, sizeof hash);
    return GK_OK;
}

/* Updates one user's column ("role" or "pw_hash") with its audit entry, if the checks so far
 * gave st == GK_OK. */
static gk_status user_update(gk_store *s, gk_status st, const gk_who *who, const char *name,
                             const char *sql, const char *value, const char *action,
                             json_t *details, gk_error *err)
{
    char uname[GK_PERSON_MAX + 1], object[GK_PERSON_MAX + 8];
    if (st == GK_OK)
        st = check_name(name, uname, err);
    if ((st = write_begin(s, st, err)) != GK_OK) {
        json_decref(details);
        return st;
    }
    int rows = 0;
    st = db_exec(s, &rows, err, sql, "tt", value, uname);
    if (st == GK_OK && rows == 0)
        st = gk_fail(err, GK_ERR_INVALID_ARG, "没有用户“%s” / no such user", uname);
    snprintf(object, sizeof object, "user:%s", uname);
    if (st == GK_OK)
        st = audit_append(s, who->actor, action, object, details, NULL, err);
    else
        json_decref(details);
    return write_end(s, st, err);
}

gk_status gk_store_user_set_role(gk_store *s, const gk_who *who, const char *name, gk_role role,
                                 gk_error *err)
{
    gk_status st = check_change(who, err);
    if (st == GK_OK && (unsigned)role >= GK_ROLE_COUNT)
        st = gk_fail(err, GK_ERR_INVALID_ARG, "未知的角色 / unknown role");
    return user_update(s, st, who, name, "UPDATE users SET role = $1 WHERE name = $2 RETURNING id",
                       gk_role_key(role), "user.role",
                       json_pack("{s:s}", "role", gk_role_key(role)), err);
}

gk_status gk_store_user_set_password(gk_store *s, const gk_who *who, const char *name,
                                     const char *password, gk_error *err)
{
    char hash[crypto_pwhash_STRBYTES];
    gk_status st = check_change(who, err);
    if (st == GK_OK)
        st = hash_password(password, hash, err);
    st = user_update(s, st, who, name, "UPDATE users SET pw_hash = $1 WHERE name = $2 RETURNING id",
                     hash, "user.password", json_object(), err);
    sodium_memzero(hash, sizeof hash);
    return st;
}
