/*
 * ledger_values.c — the values of a ledger's cells (ledger_int.h): dates as officers type them or
 * Excel stores them, applicant types and outcomes as the spec's keys or the labels of the T3
 * columns and rows (schema.h) with their variants, channels by key, label or common wording.
 * Used by ledger_rows.c for each field of a record.
 */
#include <gongkai/schema.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/norm.h"
#include "ledger_int.h"

/* ---- text ---- */

char *ledger_match_form(reader *r, const char *s)
{
    uint32_t len;
    return norm_text(&r->tmp, s, strlen(s), &len, NULL);
}

static int is_numeral(const char *p, size_t *k)
{
    static const char *const cn[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    if (*p >= '0' && *p <= '9')
        return *k = 1, 1;
    for (size_t i = 0; i < sizeof cn / sizeof cn[0]; i++)
        if (strncmp(p, cn[i], 3) == 0)
            return *k = 3, 1;
    return 0;
}

/* s without leading numbering as printed before labels: "(一)", "一、", "1.", "1、", "(1)". */
static const char *strip_numbering(const char *s)
{
    const char *p = s + (*s == '(');
    size_t k, n = 0;
    while (is_numeral(p, &k))
        p += k, n++;
    if (n == 0)
        return s;
    if (*s == '(')
        return *p == ')' ? p + 1 : s;
    if (*p == '.' || *p == ')')
        return p + 1;
    return strncmp(p, "、", 3) == 0 ? p + 3 : s;
}

/* Bytes of the separator at p (between a group and its item: "不予公开—属于国家秘密"), or 0. */
static size_t separator(const char *p)
{
    static const char *const seps[] = {"、", "—", "–", "【", "】", "·", "》", "《"};
    if (*p && strchr("-/:,;()[]|+_", *p))
        return 1;
    for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++)
        if (strncmp(p, seps[i], strlen(seps[i])) == 0)
            return strlen(seps[i]);
    return 0;
}

/* Splits s (matching form) at separators into at most PARTS_MAX parts, each without leading
 * numbering, in the scratch arena; returns how many. */
static int split_parts(reader *r, const char *s, const char *parts[PARTS_MAX])
{
    int n = 0;
    const char *start = s;
    for (const char *p = s;; p++) {
        size_t k = *p ? separator(p) : 1;
        if (!k)
            continue;
        if (p > start && n < PARTS_MAX) {
            const char *part = strip_numbering(arena_strndup(&r->tmp, start, (size_t)(p - start)));
            if (*part)
                parts[n++] = part;
        }
        if (!*p)
            return n;
        p += k - 1;
        start = p + 1;
    }
}

/* ---- values ---- */

static int digits(const char **p, int min, int max, int *out)
{
    int n = 0, v = 0;
    while (**p >= '0' && **p <= '9' && n < max)
        v = v * 10 + (*(*p)++ - '0'), n++;
    *out = v;
    return n >= min && !(**p >= '0' && **p <= '9');
}

/* A date as text: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305, each optionally
 * followed by a time of day. */
static int parse_date_text(const char *s, gk_date *out)
{
    const char *p = s;
    int y, m, d;
    if (strspn(s, "0123456789") == 8) {
        y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        m = (s[4] - '0') * 10 + (s[5] - '0');
        d = (s[6] - '0') * 10 + (s[7] - '0');
        p = s + 8;
    } else {
        int cn = 0;
        if (!digits(&p, 4, 4, &y))
            return -1;
        char sep = *p;
        if (strncmp(p, "年", 3) == 0)
            cn = 1, p += 3;
        else if (sep == '-' || sep == '/' || sep == '.')
            p++;
        else
            return -1;
        if (!digits(&p, 1, 2, &m))
            return -1;
        if (cn ? strncmp(p, "月", 3) != 0 : *p != sep)
            return -1;
        p += cn ? 3 : 1;
        if (!digits(&p, 1, 2, &d))
            return -1;
        if (cn && strncmp(p, "日", 3) == 0)
            p += 3;
    }
    if (*p && *p != ' ' && *p != 'T')
        return -1;
    if (*p && p[1 + strspn(p + 1, "0123456789:. ")] != '\0')
        return -1; /* a time of day is all that may follow */
    *out = gk_date_from_ymd(y, m, d);
    return *out == GK_DATE_NONE ? -1 : 0;
}

/* A number cell of XLSX in a date column: an Excel serial day (1 = 1900-01-01 in the 1900
 * system, which counts a 29 February 1900 that never was; 0 = 1904-01-01 in the 1904 system),
 * or a date typed as the number 20240305. */
static int parse_date_serial(const reader *r, const char *s, gk_date *out)
{
    char *end;
    double v = strtod(s, &end);
    if (*end || !(v >= 0 && v < 100000000))
        return -1;
    long n = (long)v;
    if (n >= 19000101) {
        char buf[24];
        snprintf(buf, sizeof buf, "%ld", n);
        return parse_date_text(buf, out);
    }
    if (!r->info.date1904 && (n == 60 || n < 1))
        return -1; /* 1900-02-29, or day 0 */
    gk_date base = r->info.date1904 ? gk_date_from_ymd(1904, 1, 1)
                   : n < 60         ? gk_date_from_ymd(1900, 1, 1) - 1
                                    : gk_date_from_ymd(1900, 3, 1) - 61;
    *out = base + (gk_date)n;
    return *out > gk_date_from_ymd(9999, 12, 31) ? -1 : 0;
}

int ledger_parse_date(const reader *r, const cell *c, gk_date *out)
{
    return c->num ? parse_date_serial(r, c->s, out) : parse_date_text(c->s, out);
}

static const gk_table_def *t3(void)
{
    return gk_schema_table(GK_T3, GK_FORMAT_2021);
}

/* The applicant type of a value: a key, a T3 column label, or a label among parts
 * ("法人或其他组织—商业企业"); the static key, or NULL. */
const char *ledger_parse_applicant(reader *r, const char *raw)
{
    const gk_table_def *t = t3();
    const gk_block_def *b = &t->blocks[0];
    const char *m = ledger_match_form(r, raw), *parts[PARTS_MAX + 1];
    int n = split_parts(r, m, parts);
    parts[n++] = m;
    const char *found = NULL;
    for (int c = 0; c < b->ncols; c++) {
        if (b->cols[c].is_total)
            continue;
        if (strcmp(raw, b->cols[c].key) == 0)
            return b->cols[c].key;
        for (int i = 0; i < n; i++)
            for (gk_labels l = b->cols[c].labels; *l; l++) {
                if (strcmp(parts[i], *l) != 0)
                    continue;
                if (found && found != b->cols[c].key)
                    return NULL; /* two types named */
                found = b->cols[c].key;
            }
    }
    return found;
}

/* The outcome rows of the 2021 T3 with their labels, in the reader. */
void ledger_outcomes_init(reader *r)
{
    const gk_table_def *t = t3();
    const row_label *const *labels = labels_of_table(t);
    for (int i = 0; i < t->nrows && r->nouts < OUTCOMES_MAX; i++) {
        const gk_row_def *row = &t->rows[i];
        if (strncmp(row->key, "t3.", 3) != 0 || !gk_outcome_valid(row->key + 3))
            continue;
        outcome_def *o = &r->outs[r->nouts++];
        o->key = row->key + 3;
        o->labels = labels[i];
        o->group = NULL;
        if (row->group) {
            uint32_t len;
            o->group =
                strip_numbering(norm_text(&r->L->mem, row->group, strlen(row->group), &len, NULL));
        }
    }
}

static int label_is(const outcome_def *o, const char *s)
{
    for (const row_label *l = o->labels; l->text; l++)
        if (strcmp(l->text, s) == 0)
            return 1;
    return 0;
}

static int is_group(const reader *r, const char *s)
{
    for (int i = 0; i < r->nouts; i++)
        if (r->outs[i].group && strcmp(r->outs[i].group, s) == 0)
            return 1;
    return 0;
}

/* The outcome named by parts: the one row whose label is a part, in the group a part names. */
static int outcome_from_parts(reader *r, const char *const *parts, int n, const outcome_def **out)
{
    const char *group = NULL;
    const outcome_def *found = NULL;
    for (int i = 0; i < n; i++) {
        if (is_group(r, parts[i]))
            group = parts[i];
        for (int k = 0; k < r->nouts; k++)
            if (label_is(&r->outs[k], parts[i])) {
                if (found && found != &r->outs[k])
                    return OUT_AMBIGUOUS;
                found = &r->outs[k];
            }
    }
    if (found && group && (!found->group || strcmp(found->group, group) != 0))
        return OUT_AMBIGUOUS;
    *out = found;
    return found ? OUT_OK : group ? OUT_GROUP : OUT_UNKNOWN;
}

/* Removes the first occurrence of `what` from s (in place); 1 if it was there. */
static int cut(char *s, const char *what)
{
    char *at = what ? strstr(s, what) : NULL;
    if (!at)
        return 0;
    size_t n = strlen(what);
    memmove(at, at + n, strlen(at + n) + 1);
    return 1;
}

/* 1 if s holds nothing but separators. */
static int only_separators(const char *s)
{
    for (size_t k; *s; s += k)
        if (!(k = separator(s)))
            return 0;
    return 1;
}

/* The outcome whose label, with or without its group's, is all the text holds but for
 * separators, in any order ("属于国家秘密不予公开"); never a label within other words
 * ("部分予以公开" is not 予以公开). */
static int outcome_within(reader *r, const char *m, const outcome_def **out)
{
    char *rest = arena_strdup(&r->tmp, m);
    for (int k = 0; k < r->nouts; k++)
        for (const row_label *l = r->outs[k].labels; l->text; l++) {
            memcpy(rest, m, strlen(m) + 1);
            if (utf8_count(l->text, l->len) < 4 || !cut(rest, l->text))
                continue;
            cut(rest, r->outs[k].group);
            if (only_separators(rest)) {
                *out = &r->outs[k];
                return OUT_OK;
            }
        }
    return OUT_UNKNOWN;
}

/* 1 if key is a group of outcome rows ("refuse", "unable", "ignore", "other"). */
static int is_group_key(const reader *r, const char *key)
{
    size_t n = strlen(key);
    for (int i = 0; i < r->nouts && n; i++)
        if (strncmp(r->outs[i].key, key, n) == 0 && r->outs[i].key[n] == '.')
            return 1;
    return 0;
}

/* The outcome of a value: a key ("grant", "t3.refuse.third_party"), "withdrawal", a T3 row
 * label with its variants, a group and an item ("不予公开—属于国家秘密"), or text containing one
 * label; a withdrawal (撤回) closes as other.other. OUT_GROUP for a group alone. */
int ledger_parse_outcome(reader *r, const char *raw, const char **key, gk_event_kind *kind)
{
    const char *k = strncmp(raw, "t3.", 3) == 0 ? raw + 3 : raw;
    *kind = GK_EV_REPLY;
    const char *m = strip_numbering(ledger_match_form(r, raw));
    if (strcmp(raw, "withdrawal") == 0 || strcmp(raw, "withdrawn") == 0 || strstr(m, "撤回")) {
        *kind = GK_EV_WITHDRAWAL;
        *key = GK_OUTCOME_WITHDRAWN;
        return OUT_OK;
    }
    const outcome_def *o = NULL;
    for (int i = 0; i < r->nouts && !o; i++)
        if (strcmp(r->outs[i].key, k) == 0 || label_is(&r->outs[i], m))
            o = &r->outs[i];
    const char *parts[PARTS_MAX];
    int rc = o ? OUT_OK : outcome_from_parts(r, parts, split_parts(r, m, parts), &o);
    if (rc == OUT_UNKNOWN && (is_group(r, m) || is_group_key(r, k)))
        rc = OUT_GROUP;
    if (rc == OUT_UNKNOWN)
        rc = outcome_within(r, m, &o);
    if (rc == OUT_OK)
        *key = o->key;
    return rc;
}

/* The channel of a value: its key or label (work.h), or a common wording. */
int ledger_parse_channel(reader *r, const char *raw, gk_channel *out)
{
    static const struct {
        const char *word;
        gk_channel ch;
    } words[] = {
        {"当面", GK_CHANNEL_IN_PERSON}, {"现场", GK_CHANNEL_IN_PERSON},
        {"窗口", GK_CHANNEL_IN_PERSON}, {"电子邮件", GK_CHANNEL_EMAIL},
        {"邮箱", GK_CHANNEL_EMAIL},     {"email", GK_CHANNEL_EMAIL},
        {"e-mail", GK_CHANNEL_EMAIL},   {"邮寄", GK_CHANNEL_POST},
        {"信函", GK_CHANNEL_POST},      {"邮政", GK_CHANNEL_POST},
        {"来信", GK_CHANNEL_POST},      {"传真", GK_CHANNEL_FAX},
        {"在线", GK_CHANNEL_ONLINE},    {"网上", GK_CHANNEL_ONLINE},
        {"网络", GK_CHANNEL_ONLINE},    {"互联网", GK_CHANNEL_ONLINE},
        {"网站", GK_CHANNEL_ONLINE},    {"平台", GK_CHANNEL_ONLINE},
        {"其他", GK_CHANNEL_OTHER},
    };
    if (gk_channel_parse(raw, out) == 0)
        return 0;
    const char *m = ledger_match_form(r, raw);
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strstr(m, words[i].word)) {
            *out = words[i].ch;
            return 0;
        }
    return -1;
}
