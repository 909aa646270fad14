/*
 * pairing.c — the agency index of pairing.h.
 *
 * Two hash tables map a name to the NEW reports (in input order) it stands for: `exact` holds
 * each agency as written; `tail` holds each of its endings of at least TAIL_MIN bytes that
 * start on a character. A NEW name that ends with the OLD name is then found under the OLD
 * name in `tail`; a NEW name that the OLD name ends with, under one of the OLD name's endings
 * in `exact`. Each list keeps a cursor past its used entries, so taking is amortised constant.
 * A name is stored once; the buckets of its endings point into it, and a bucket holding one
 * report (most do) keeps it inline.
 */
#include "pairing.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gongkai/gongkai.h>

#define TAIL_MIN 9 /* three CJK characters */

typedef struct bucket {
    const char *name; /* into a stored agency name; NULL: a free slot */
    size_t one;       /* the only entry while idx is NULL */
    size_t *idx, n, cap, cursor;
} bucket;

typedef struct table {
    bucket *b;
    size_t n, cap;
} table;

struct pairing {
    table exact, tail;
    char **names; /* the agency names added, owned */
    size_t nnames, capnames;
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

/* The free slot or the bucket of s (a NUL-terminated name or ending) in b[0..cap). */
static bucket *slot(bucket *b, size_t cap, const char *s, size_t len)
{
    for (size_t h = hash(s, len) % cap;; h = (h + 1) % cap)
        if (!b[h].name || (strlen(b[h].name) == len && memcmp(b[h].name, s, len) == 0))
            return &b[h];
}

static void grow(table *t)
{
    size_t cap = t->cap ? t->cap * 2 : 256;
    bucket *b = calloc(cap, sizeof *b);
    if (!b)
        abort();
    for (size_t i = 0; i < t->cap; i++)
        if (t->b[i].name)
            *slot(b, cap, t->b[i].name, strlen(t->b[i].name)) = t->b[i];
    free(t->b);
    t->b = b;
    t->cap = cap;
}

/* The bucket of s, the end of a stored name (made, empty, if create is set); NULL if absent. */
static bucket *find(table *t, const char *s, int create)
{
    if (create && (t->n + 1) * 2 > t->cap)
        grow(t);
    if (!t->cap)
        return NULL;
    bucket *b = slot(t->b, t->cap, s, strlen(s));
    if (!b->name && create) {
        b->name = s;
        t->n++;
    }
    return b->name ? b : NULL;
}

static size_t entry(const bucket *b, size_t k)
{
    return b->idx ? b->idx[k] : b->one;
}

static void push(bucket *b, size_t i)
{
    if (b->n && entry(b, b->n - 1) == i)
        return; /* one name's endings can repeat an ending already added */
    if (b->n == 0) {
        b->one = i;
        b->n = 1;
        return;
    }
    if (b->n >= b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4;
        size_t *idx = realloc(b->idx, cap * sizeof *idx);
        if (!idx)
            abort();
        if (!b->idx)
            idx[0] = b->one;
        b->idx = idx;
        b->cap = cap;
    }
    b->idx[b->n++] = i;
}

/* The first unused entry of b (moving its cursor past used ones), or SIZE_MAX. */
static size_t first_unused(const pairing *p, bucket *b)
{
    while (b && b->cursor < b->n && p->used[entry(b, b->cursor)] != 1)
        b->cursor++;
    return b && b->cursor < b->n ? entry(b, b->cursor) : SIZE_MAX;
}

/* Stores a copy of an agency name for the buckets to point into. */
static const char *keep_name(pairing *p, const char *agency)
{
    if (p->nnames == p->capnames) {
        p->capnames = p->capnames ? p->capnames * 2 : 256;
        p->names = realloc(p->names, p->capnames * sizeof *p->names);
        if (!p->names)
            abort();
    }
    char *copy = strdup(agency);
    if (!copy)
        abort();
    return p->names[p->nnames++] = copy;
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
    const char *name = keep_name(p, agency);
    push(find(&p->exact, name, 1), i);
    for (size_t k = 0; k + TAIL_MIN <= len; k++)
        if (starts_char((unsigned char)name[k]))
            push(find(&p->tail, name + k, 1), i);
}

long pairing_take(pairing *p, const char *agency)
{
    size_t len = strlen(agency), best = SIZE_MAX;
    if (!len)
        return -1;
    best = first_unused(p, find(&p->exact, agency, 0));
    if (best == SIZE_MAX && len >= TAIL_MIN) {
        best = first_unused(p, find(&p->tail, agency, 0)); /* NEW ends with OLD */
        for (size_t k = 1; k + TAIL_MIN <= len; k++) {     /* OLD ends with NEW */
            if (!starts_char((unsigned char)agency[k]))
                continue;
            size_t j = first_unused(p, find(&p->exact, agency + k, 0));
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
    for (size_t i = 0; i < t->cap; i++)
        free(t->b[i].idx);
    free(t->b);
}

void pairing_free(pairing *p)
{
    if (!p)
        return;
    table_free(&p->exact);
    table_free(&p->tail);
    for (size_t i = 0; i < p->nnames; i++)
        free(p->names[i]);
    free(p->names);
    free(p->used);
    free(p);
}
