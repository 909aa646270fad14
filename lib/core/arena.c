/*
 * arena.c — region allocator: big chunks carved front to back, freed together.
 */
#include "arena.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_STD (256u * 1024u) /* most reports fit in one */
#define CACHE_MAX 4              /* standard chunks kept per thread for the next document */

struct arena_chunk {
    arena_chunk *next;
    size_t size;
    _Alignas(16) unsigned char data[];
};

/*
 * Freed standard-size chunks are kept (at most CACHE_MAX per thread) and handed to the next
 * arena: reading many reports in a row then reuses memory that is already mapped and cached
 * instead of returning it to the system and faulting it in again for every document.
 */
typedef struct spare_list {
    arena_chunk *head;
    int n;
} spare_list;
static _Thread_local spare_list spare;

/* A thread that ends gives its kept chunks back: the key's destructor frees them. */
static pthread_key_t spare_key;
static pthread_once_t spare_once = PTHREAD_ONCE_INIT;

static void spare_release(void *list)
{
    spare_list *l = list;
    while (l->head) {
        arena_chunk *next = l->head->next;
        free(l->head);
        l->head = next;
    }
    l->n = 0;
}

static void spare_key_make(void)
{
    if (pthread_key_create(&spare_key, spare_release) != 0)
        gk_oom();
}

static void keep_spare(arena_chunk *c)
{
    if (spare.n == 0) {
        pthread_once(&spare_once, spare_key_make);
        pthread_setspecific(spare_key, &spare);
    }
    c->next = spare.head;
    spare.head = c;
    spare.n++;
}

_Noreturn void gk_oom(void)
{
    fputs("gongkai: out of memory\n", stderr);
    abort();
}

void arena_init(arena *a)
{
    a->head = NULL;
    a->used = 0;
    a->total = 0;
}

void arena_free(arena *a)
{
    arena_chunk *c = a->head;
    while (c) {
        arena_chunk *next = c->next;
        if (c->size == CHUNK_STD && spare.n < CACHE_MAX) {
            keep_spare(c);
        } else {
            free(c);
        }
        c = next;
    }
    arena_init(a);
}

static arena_chunk *take_chunk(size_t size)
{
    if (size == CHUNK_STD && spare.head) {
        arena_chunk *c = spare.head;
        spare.head = c->next;
        spare.n--;
        return c;
    }
    arena_chunk *c = malloc(sizeof *c + size);
    if (!c)
        gk_oom();
    c->size = size;
    return c;
}

static void new_chunk(arena *a, size_t need)
{
    size_t size = CHUNK_STD;
    if (a->total >= (size_t)CACHE_MAX * CHUNK_STD) /* a big input: grow geometrically */
        size = a->total < (size_t)16 << 20 ? a->total : (size_t)16 << 20;
    if (size < need)
        size = need;
    arena_chunk *c = take_chunk(size);
    c->next = a->head;
    a->head = c;
    a->used = 0;
    a->total += size;
}

void *arena_alloc_raw(arena *a, size_t size)
{
    size = (size + 15u) & ~(size_t)15u;
    if (size == 0)
        size = 16;
    if (!a->head || a->head->size - a->used < size)
        new_chunk(a, size);
    void *p = a->head->data + a->used;
    a->used += size;
    return p;
}

void *arena_alloc(arena *a, size_t size)
{
    void *p = arena_alloc_raw(a, size);
    memset(p, 0, size);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc_raw(a, n + 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

void arena_adopt(arena *a, arena *from)
{
    arena_chunk *last = from->head;
    if (!last)
        return;
    while (last->next)
        last = last->next;
    if (a->head) { /* keep a's current chunk in front: it is the one being filled */
        last->next = a->head->next;
        a->head->next = from->head;
    } else {
        a->head = from->head;
        a->used = from->used;
    }
    a->total += from->total;
    arena_init(from);
}

void *arena_grow(arena *a, void *old, size_t oldcount, size_t newcap, size_t elsize)
{
    void *p = arena_alloc_raw(a, newcap * elsize);
    if (oldcount)
        memcpy(p, old, oldcount * elsize);
    return p;
}
