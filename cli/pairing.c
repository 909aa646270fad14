/*
 * pairing.c — the agency index of pairing.h.
 *
 * Two hash tables map a name to the NEW reports (in input order) it stands for: `exact` holds
 * each agency as written; `tail` holds each of its endings of at least TAIL_MIN bytes that
 * start on a character. A NEW name that ends with the OLD name is then found under the OLD
 * name in `tail`; a NEW name that the OLD name ends with, under one of the OLD name's endings
 * in `exact`. Each list keeps a cursor past its used entries, so taking is amortised constant.
 */
#include "pairing.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gongkai/gongkai.h>

#define TAIL_MIN 9 /* three CJK characters */

typedef struct bucket {
    char *name; /* NULL: a free slot */
    size_t *idx, n, cap, cursor;
} bucket;

typedef struct table {
    bucket *b;
    size_t n, cap;
} table;

struct pairing {
    table exact, tail;
    unsigned char *used; /* by NEW index: 0 not added, 1 unused, 2 used */
    size_t nused;
};

static uint64_t hash(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

static bucket *find(table *t, const char *s, size_t len, int create);

static void grow(table *t)
{
    table bigger = {calloc(t->cap ? t->cap * 2 : 256, sizeof *bigger.b), 0,
                    t->cap ? t->cap * 2 : 256};
    if (!bigger.b)
        abort();
    for (size_t i = 0; i < t->cap; i++)
        if (t->b[i].name) {
            bucket *to = find(&bigger, t->b[i].name, strlen(t->b[i].name), 1);
            free(to->name);
            *to = t->b[i];
        }
    free(t->b);
    *t = bigger;
}

/* The bucket of s[0..len), made (empty) if create is set; NULL if absent. */
static bucket *find(table *t, const char *s, size_t len, int create)
{
    if (create && (t->n + 1) * 2 > t->cap)
        grow(t);
    if (!t->cap)
        return NULL;
    for (size_t h = hash(s, len) % t->cap;; h = (h + 1) % t->cap) {
        bucket *b = &t->b[h];
        if (!b->name) {
            if (!create)
                return NULL;
            b->name = strndup(s, len);
            if (!b->name)
                abort();
            t->n++;
            return b;
        }
        if (strlen(b->name) == len && memcmp(b->name, s, len) == 0)
            return b;
    }
}

static void push(bucket *b, size_t i)
{
    if (b->n && b->idx[b->n - 1] == i)
        return; /* one name's endings can repeat an ending already added */
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 4;
        b->idx = realloc(b->idx, b->cap * sizeof *b->idx);
        if (!b->idx)
            abort();
    }
    b->idx[b->n++] = i;
}

/* The first unused entry of b (moving its cursor past used ones), or SIZE_MAX. */
static size_t first_unused(const pairing *p, bucket *b)
{
    while (b && b->cursor < b->n && p->used[b->idx[b->cursor]] != 1)
        b->cursor++;
    return b && b->cursor < b->n ? b->idx[b->cursor] : SIZE_MAX;
}

pairing *pairing_new(void)
{
    return calloc(1, sizeof(pairing));
}

static int starts_char(unsigned char c)
{
    return (c & 0xC0) != 0x80;
}

void pairing_add(pairing *p, size_t i, const char *agency)
{
    size_t len = strlen(agency);
    if (!len)
        return;
    if (i >= p->nused) {
        size_t n = (i + 1) * 2;
        p->used = realloc(p->used, n);
        if (!p->used)
            abort();
        memset(p->used + p->nused, 0, n - p->nused);
        p->nused = n;
    }
    p->used[i] = 1;
    push(find(&p->exact, agency, len, 1), i);
    for (size_t k = 0; k + TAIL_MIN <= len; k++)
        if (starts_char((unsigned char)agency[k]))
            push(find(&p->tail, agency + k, len - k, 1), i);
}

long pairing_take(pairing *p, const char *agency)
{
    size_t len = strlen(agency), best = SIZE_MAX;
    if (!len)
        return -1;
    best = first_unused(p, find(&p->exact, agency, len, 0));
    if (best == SIZE_MAX && len >= TAIL_MIN) {
        best = first_unused(p, find(&p->tail, agency, len, 0)); /* NEW ends with OLD */
        for (size_t k = 1; k + TAIL_MIN <= len; k++) {          /* OLD ends with NEW */
            if (!starts_char((unsigned char)agency[k]))
                continue;
            size_t j = first_unused(p, find(&p->exact, agency + k, len - k, 0));
            best = j < best ? j : best;
        }
    }
    if (best == SIZE_MAX)
        return -1;
    p->used[best] = 2;
    return (long)best;
}

int pairing_unused(const pairing *p, size_t i)
{
    return i < p->nused && p->used[i] == 1;
}

static void table_free(table *t)
{
    for (size_t i = 0; i < t->cap; i++) {
        free(t->b[i].name);
        free(t->b[i].idx);
    }
    free(t->b);
}

void pairing_free(pairing *p)
{
    if (!p)
        return;
    table_free(&p->exact);
    table_free(&p->tail);
    free(p->used);
    free(p);
}
