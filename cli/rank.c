/*
 * rank.c — `gongkai rank`: the indicators of every report in a set, ranked by one of them.
 *
 *   gongkai rank [--by INDICATOR] [--format text|csv|json] FILE|DIR…
 *
 * Reports where the indicator does not apply (no such table, a blank, a zero denominator) are
 * listed last with "-". Ties keep input order. Reports are read on all cores (pool.c); what is
 * kept of each is its indicators, not the document.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"

typedef struct entry {
    size_t index;
    char *file, *agency;
    int year;
    int ok[32];
    int64_t num[32], den[32];
} entry;

static int by; /* the indicator sorted on (qsort has no context argument) */

/* Descending by num/den (exactly), inapplicable last, ties in input order. */
static int cmp_entry(const void *pa, const void *pb)
{
    const entry *a = pa, *b = pb;
    int c = gk_indicator_rank(a->ok[by], a->num[by], a->den[by], b->ok[by], b->num[by], b->den[by]);
    return c ? c : a->index < b->index ? -1 : 1;
}

typedef struct run {
    const opts *o;
    entry *v;
    size_t n;
    int rc;
} run;

/* Keeps what the ranking needs of report i (in input order), then frees it. */
static int take(void *ctx, size_t index, gk_doc *doc, const char *why)
{
    run *r = ctx;
    const char *path = r->o->in.paths[index];
    if (!doc) {
        pool_say("%s: %s\n", path, why);
        r->rc = EXIT_UNREADABLE;
        return 0;
    }
    entry *e = &r->v[r->n];
    *e = (entry){.index = index, .year = gk_doc_year(doc)};
    e->file = strdup(path);
    e->agency = strdup(gk_doc_agency(doc));
    for (int i = 0; i < gk_indicator_count() && i < 32; i++)
        e->ok[i] = gk_indicator_value(doc, i, &e->num[i], &e->den[i]);
    gk_doc_free(doc);
    if (!e->file || !e->agency)
        return -1;
    r->n++;
    return 0;
}

static void print_text(const entry *v, size_t n, gk_lang lang)
{
    char pct[32];
    printf("%s", lang == GK_LANG_EN ? "rank\tagency\tyear" : "名次\t机关\t年度");
    for (int i = 0; i < gk_indicator_count(); i++)
        printf("\t%s",
               lang == GK_LANG_EN ? gk_indicator_at(i)->name_en : gk_indicator_at(i)->name_zh);
    printf("\t%s\n", lang == GK_LANG_EN ? "file" : "文件");
    for (size_t k = 0; k < n; k++) {
        printf("%zu\t%s\t%d", k + 1, v[k].agency, v[k].year);
        for (int i = 0; i < gk_indicator_count(); i++)
            printf("\t%s%s",
                   v[k].ok[i] ? gk_indicator_percent(v[k].num[i], v[k].den[i], pct, sizeof pct)
                              : "-",
                   v[k].ok[i] ? "%" : "");
        printf("\t%s\n", v[k].file);
    }
}

static void print_csv(const entry *v, size_t n)
{
    char pct[32];
    printf("rank,file,agency,year");
    for (int i = 0; i < gk_indicator_count(); i++)
        printf(",%s,%s_num,%s_den", gk_indicator_at(i)->key, gk_indicator_at(i)->key,
               gk_indicator_at(i)->key);
    printf("\n");
    for (size_t k = 0; k < n; k++) {
        printf("%zu,", k + 1);
        gk_render_csv_field(stdout, v[k].file);
        putchar(',');
        gk_render_csv_field(stdout, v[k].agency);
        printf(",%d", v[k].year);
        for (int i = 0; i < gk_indicator_count(); i++)
            if (v[k].ok[i])
                printf(",%s,%lld,%lld", gk_indicator_percent(v[k].num[i], v[k].den[i], pct, 32),
                       (long long)v[k].num[i], (long long)v[k].den[i]);
            else
                printf(",,,");
        printf("\n");
    }
}

int cmd_rank(const opts *o)
{
    const char *key = o->format && strcmp(o->format, "csv") != 0 && strcmp(o->format, "text") != 0
                          ? NULL
                          : (o->by ? o->by : "disclosed");
    by = key ? gk_indicator_find(key) : -1;
    if (by < 0 || by >= 32) {
        fputs("gongkai rank: --format text|csv; --by", stderr);
        for (int i = 0; i < gk_indicator_count(); i++)
            fprintf(stderr, " %s", gk_indicator_at(i)->key);
        fputc('\n', stderr);
        return EXIT_UNREADABLE;
    }
    run r = {o, calloc(o->in.n ? o->in.n : 1, sizeof *r.v), 0, EXIT_CLEAN};
    if (!r.v || pool_run(o, 1, take, &r) != 0)
        r.rc = EXIT_UNREADABLE;
    entry *v = r.v;
    size_t n = r.n;
    int rc = r.rc;
    qsort(v, n, sizeof *v, cmp_entry);
    if (o->format && strcmp(o->format, "csv") == 0)
        print_csv(v, n);
    else
        print_text(v, n, o->lang);
    for (size_t k = 0; k < n; k++)
        free(v[k].file), free(v[k].agency);
    free(v);
    return n ? rc : EXIT_UNREADABLE;
}
