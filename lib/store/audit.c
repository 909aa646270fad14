/*
 * audit.c — the append-only audit log: every write of the store adds one entry in its own
 * transaction (audit_append), and gk_store_audit_verify recomputes the chain.
 *
 * Entry n's hash is BLAKE2b-256 (libsodium crypto_generichash, 32 bytes, no key) of the
 * previous entry's hash (32 raw bytes; zeros before entry 1) followed by the entry's content:
 * the compact JSON array ["gongkai-audit-1", id, time, actor, action, object, details], where
 * details is the entry's canonical JSON text (keys sorted, compact) kept as a string. The row
 * audit_head holds the last id and hash; it is updated with every entry and locked first by
 * every write (store.c), so the chain has one order and a cut-off tail is noticed.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "store_int.h"

#define HASH_BYTES 32
#define HASH_HEX   (HASH_BYTES * 2)
#define PAGE       5000 /* entries read per query when verifying */

/* The hash of an entry as hex; 0, or -1 if the content is not valid text. */
static int entry_hash(const unsigned char prev[HASH_BYTES], int64_t id, const char *at,
                      const char *actor, const char *action, const char *object,
                      const char *details, char out[HASH_HEX + 1])
{
    json_t *a = json_pack("[s,I,s,s,s,s,s]", "gongkai-audit-1", (json_int_t)id, at, actor, action,
                          object, details);
    char *content = a ? json_dumps(a, JSON_COMPACT) : NULL;
    json_decref(a);
    if (!content)
        return -1;
    unsigned char h[HASH_BYTES];
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, HASH_BYTES);
    crypto_generichash_update(&st, prev, HASH_BYTES);
    crypto_generichash_update(&st, (const unsigned char *)content, strlen(content));
    crypto_generichash_final(&st, h, HASH_BYTES);
    free(content);
    sodium_bin2hex(out, HASH_HEX + 1, h, HASH_BYTES);
    return 0;
}

/* Reads the hex hash into raw bytes; -1 if it is not HASH_HEX hex digits. */
static int hash_raw(const char *hex, unsigned char out[HASH_BYTES])
{
    size_t n;
    if (strlen(hex) != HASH_HEX)
        return -1;
    return sodium_hex2bin(out, HASH_BYTES, hex, HASH_HEX, NULL, &n, NULL) == 0 && n == HASH_BYTES
               ? 0
               : -1;
}

/* The chain's head: the last id and hash. */
static gk_status read_head(gk_store *s, int64_t *last_id, char hash[HASH_HEX + 1], gk_error *err)
{
    gk_stmt *st = NULL;
    gk_status rc =
        db_query(s, &st, err, "SELECT last_id, last_hash FROM audit_head WHERE id = 1", "");
    if (rc != GK_OK)
        return rc;
    int r = db_step(s, st, err);
    if (r == 1) {
        *last_id = db_int(s, st, 0);
        snprintf(hash, HASH_HEX + 1, "%s", db_text(s, st, 1));
    }
    db_done(s, st);
    if (r == 0)
        return gk_fail(err, GK_ERR_IO, "审计日志缺少链头 / the audit log has no head row");
    return r < 0 ? GK_ERR_IO : GK_OK;
}

gk_status audit_append(gk_store *s, const char *actor, const char *action, const char *object,
                       json_t *details, int64_t *id, gk_error *err)
{
    char *text = details ? json_dumps(details, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(details);
    if (!text)
        return gk_fail(err, GK_ERR_INVALID_ARG, "审计内容无效 / invalid audit details");
    int64_t last;
    char prev_hex[HASH_HEX + 1], hash[HASH_HEX + 1], at[GK_TIME_MAX + 1];
    unsigned char prev[HASH_BYTES];
    gk_status st = read_head(s, &last, prev_hex, err);
    if (st == GK_OK && hash_raw(prev_hex, prev) != 0)
        st = gk_fail(err, GK_ERR_IO, "审计日志链头已损坏 / the audit head is damaged");
    store_now(at);
    if (st == GK_OK && entry_hash(prev, last + 1, at, actor, action, object, text, hash) != 0)
        st = gk_fail(err, GK_ERR_INVALID_ARG, "审计内容无效 / invalid audit details");
    if (st == GK_OK)
        st = db_exec(s, NULL, err,
                     "INSERT INTO audit_log (id, logged_at, actor, action, object, details, hash) "
                     "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                     "itttttt", last + 1, at, actor, action, object, text, hash);
    if (st == GK_OK)
        st =
            db_exec(s, NULL, err, "UPDATE audit_head SET last_id = $1, last_hash = $2 WHERE id = 1",
                    "it", last + 1, hash);
    free(text);
    if (st == GK_OK && id)
        *id = last + 1;
    return st;
}

/* Verifies entries after *expect - 1 up to `upto`, one page; advances *expect and prev.
 * *more is set when the page was full. */
static gk_status verify_page(gk_store *s, int64_t upto, int64_t *expect,
                             unsigned char prev[HASH_BYTES], int *more, gk_error *err)
{
    gk_stmt *st = NULL;
    gk_status rc = db_query(s, &st, err,
                            "SELECT id, logged_at, actor, action, object, details, hash FROM "
                            "audit_log WHERE id >= $1 AND id <= $2 ORDER BY id LIMIT $3",
                            "iin", *expect, upto, PAGE);
    if (rc != GK_OK)
        return rc;
    int r = 0, rows = 0;
    while (rc == GK_OK && (r = db_step(s, st, err)) == 1) {
        rows++;
        int64_t id = db_int(s, st, 0);
        char hash[HASH_HEX + 1];
        if (id != *expect) {
            rc = gk_fail(err, GK_ERR_INVALID_ARG,
                         "审计日志缺少第 %lld 条（被删除）/ audit entry %lld is missing "
                         "(deleted)",
                         (long long)*expect, (long long)*expect);
            break;
        }
        if (entry_hash(prev, id, db_text(s, st, 1), db_text(s, st, 2), db_text(s, st, 3),
                       db_text(s, st, 4), db_text(s, st, 5), hash) != 0 ||
            strcmp(hash, db_text(s, st, 6)) != 0 || hash_raw(hash, prev) != 0) {
            rc = gk_fail(err, GK_ERR_INVALID_ARG,
                         "审计日志第 %lld 条与其哈希不符（被改动）/ audit entry %lld does not "
                         "match its hash (altered)",
                         (long long)id, (long long)id);
            break;
        }
        ++*expect;
    }
    db_done(s, st);
    if (rc == GK_OK && r < 0)
        rc = GK_ERR_IO;
    *more = rows == PAGE;
    return rc;
}

/* The first entry after the head (written outside the library), or 0. */
static gk_status after_head(gk_store *s, int64_t last, int64_t *first, gk_error *err)
{
    gk_stmt *st = NULL;
    *first = 0;
    gk_status rc = db_query(s, &st, err, "SELECT MIN(id) FROM audit_log WHERE id > $1", "i", last);
    if (rc != GK_OK)
        return rc;
    int r = db_step(s, st, err);
    if (r == 1 && !db_null(s, st, 0))
        *first = db_int(s, st, 0);
    db_done(s, st);
    return r < 0 ? GK_ERR_IO : GK_OK;
}

/* The chain up to the head, in one snapshot. */
static gk_status verify(gk_store *s, int64_t *count, gk_error *err)
{
    int64_t last, expect = 1, extra;
    char head_hex[HASH_HEX + 1], got[HASH_HEX + 1];
    unsigned char prev[HASH_BYTES] = {0};
    gk_status rc = read_head(s, &last, head_hex, err);
    int more = 1;
    while (rc == GK_OK && more && expect <= last)
        rc = verify_page(s, last, &expect, prev, &more, err);
    *count = expect - 1;
    if (rc != GK_OK)
        return rc;
    sodium_bin2hex(got, sizeof got, prev, HASH_BYTES);
    if (expect - 1 != last)
        return gk_fail(err, GK_ERR_INVALID_ARG,
                       "审计日志缺少第 %lld 条（被删除）/ audit entry %lld is missing (deleted)",
                       (long long)expect, (long long)expect);
    if (last > 0 && strcmp(got, head_hex) != 0)
        return gk_fail(err, GK_ERR_INVALID_ARG,
                       "审计日志链头与第 %lld 条不符 / the audit head does not match entry "
                       "%lld",
                       (long long)last, (long long)last);
    rc = after_head(s, last, &extra, err);
    if (rc == GK_OK && extra)
        rc = gk_fail(err, GK_ERR_INVALID_ARG,
                     "审计日志第 %lld 条在链头之后（链外写入）/ audit entry %lld is after the "
                     "chain's head (written outside the store)",
                     (long long)extra, (long long)extra);
    return rc;
}

gk_status gk_store_audit_verify(gk_store *s, int64_t *count, gk_error *err)
{
    int64_t n = 0;
    /* One snapshot: the head and the entries agree even while others write. Inside an open
     * batch the write lock already gives one. */
    int own = !s->in_tx;
    gk_status rc = own ? s->be->begin_read(s, err) : GK_OK;
    if (rc == GK_OK) {
        rc = verify(s, &n, err);
        if (own)
            s->be->exec(s, "ROLLBACK", NULL);
    }
    if (count)
        *count = n;
    return rc;
}

gk_status gk_store_audit_list(gk_store *s, int64_t after_id, gk_audit_cb cb, void *ctx,
                              gk_error *err)
{
    gk_stmt *st = NULL;
    gk_status rc = db_query(s, &st, err,
                            "SELECT id, logged_at, actor, action, object, details, hash FROM "
                            "audit_log WHERE id > $1 ORDER BY id",
                            "i", after_id);
    if (rc != GK_OK)
        return rc;
    int r;
    while ((r = db_step(s, st, err)) == 1) {
        gk_audit_entry e = {db_int(s, st, 0),  db_text(s, st, 1), db_text(s, st, 2),
                            db_text(s, st, 3), db_text(s, st, 4), db_text(s, st, 5),
                            db_text(s, st, 6)};
        if (cb(ctx, &e))
            break;
    }
    db_done(s, st);
    return r < 0 ? GK_ERR_IO : GK_OK;
}
