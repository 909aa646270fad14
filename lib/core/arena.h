/*
 * arena.h — the region allocator every document and block list lives in.
 *
 * Allocations are freed all at once by arena_free(). Allocation failure aborts through
 * gk_oom(): memory is bounded by the input limits, so running out means a bug.
 */
#ifndef GK_ARENA_H
#define GK_ARENA_H

#include <stddef.h>

typedef struct arena_chunk arena_chunk;

typedef struct arena {
    arena_chunk *head;
    size_t used;  /* bytes used in head */
    size_t total; /* bytes allocated over all chunks */
} arena;

void arena_init(arena *a);
void arena_free(arena *a);
void *arena_alloc(arena *a, size_t size);               /* zeroed, 16-byte aligned */
void *arena_alloc_raw(arena *a, size_t size);           /* not zeroed, 16-byte aligned */
char *arena_strndup(arena *a, const char *s, size_t n); /* NUL-terminated copy */
char *arena_strdup(arena *a, const char *s);
/* Grows an arena-held array: returns a new array of `newcap` elements holding the old ones;
 * the elements after them are not initialised. */
void *arena_grow(arena *a, void *old, size_t oldcount, size_t newcap, size_t elsize);

/* Moves every allocation of `from` into `a` (freed with it); `from` is left empty. */
void arena_adopt(arena *a, arena *from);

_Noreturn void gk_oom(void);

#endif
