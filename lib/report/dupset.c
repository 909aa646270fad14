/*
 * dupset.c — telling when a set of inputs holds one report twice (a PDF and its text copy, a
 * file saved under two names): a set of fingerprints of the reports' data (see doc.h).
 *
 * The fingerprint is BLAKE2b (libsodium) over the agency, the year and every cell of every
 * table as written (numbers as exact decimals, invalid cells as their raw text, blank and
 * missing cells as empty); the set is an open-addressing table that doubles when half full,
 * holding 16 bytes, an index and the first report's name per distinct report.
 */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include "doc_int.h"

#define PRINT_BYTES 16

typedef struct entry {
    unsigned char print[PRINT_BYTES]; /* all zero: a free slot */
    long index;
    const char *name;
} entry;

struct gk_dupset {
    entry *slots;
    size_t n, cap;
    arena names;
};

static void hash_str(crypto_generichash_state *st, const char *s)
{
    crypto_generichash_update(st, (const unsigned char *)s, strlen(s) + 1);
}

static void fingerprint(const gk_doc *doc, unsigned char out[PRINT_BYTES])
{
    crypto_generichash_state st;
    char buf[64];
    crypto_generichash_init(&st, NULL, 0, PRINT_BYTES);
    hash_str(&st, gk_doc_agency(doc));
    snprintf(buf, sizeof buf, "%d", gk_doc_year(doc));
    hash_str(&st, buf);
    for (int t = 0; t < GK_TABLE_COUNT; t++) {
        const gk_table_def *def = gk_doc_table(doc, (gk_table_id)t);
        for (int r = 0; def && r < def->nrows; r++)
            for (int c = 0; c < gk_schema_ncols(def, r); c++)
                hash_str(&st,
                         gk_value_text(gk_doc_cell(doc, (gk_table_id)t, r, c), buf, sizeof buf));
    }
    crypto_generichash_final(&st, out, PRINT_BYTES);
    if (sodium_is_zero(out, PRINT_BYTES))
        out[0] = 1; /* all zero marks a free slot */
}

/* Where print is in slots[0..cap), or the free slot where it would go. */
static entry *slot_of(entry *slots, size_t cap, const unsigned char print[PRINT_BYTES])
{
    size_t h;
    memcpy(&h, print, sizeof h);
    for (h %= cap;; h = (h + 1) % cap)
        if (sodium_is_zero(slots[h].print, PRINT_BYTES) ||
            memcmp(slots[h].print, print, PRINT_BYTES) == 0)
            return &slots[h];
}

static void grow(gk_dupset *s)
{
    size_t cap = s->cap ? s->cap * 2 : 1024;
    entry *slots = calloc(cap, sizeof *slots);
    if (!slots)
        gk_oom();
    for (size_t i = 0; i < s->cap; i++)
        if (!sodium_is_zero(s->slots[i].print, PRINT_BYTES))
            *slot_of(slots, cap, s->slots[i].print) = s->slots[i];
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
}

gk_dupset *gk_dupset_new(void)
{
    if (sodium_init() < 0)
        return NULL;
    gk_dupset *s = calloc(1, sizeof *s);
    if (!s)
        gk_oom();
    arena_init(&s->names);
    return s;
}

long gk_dupset_add(gk_dupset *s, const gk_doc *doc, long index, const char *name,
                   const char **first_name)
{
    if (!s || !doc || !gk_doc_is_report(doc))
        return -1;
    unsigned char print[PRINT_BYTES];
    fingerprint(doc, print);
    if ((s->n + 1) * 2 > s->cap)
        grow(s);
    entry *e = slot_of(s->slots, s->cap, print);
    if (!sodium_is_zero(e->print, PRINT_BYTES)) {
        if (first_name)
            *first_name = e->name;
        return e->index;
    }
    memcpy(e->print, print, PRINT_BYTES);
    e->index = index;
    e->name = arena_strdup(&s->names, name ? name : gk_doc_name(doc));
    s->n++;
    return -1;
}

void gk_dupset_free(gk_dupset *s)
{
    if (!s)
        return;
    free(s->slots);
    arena_free(&s->names);
    free(s);
}
