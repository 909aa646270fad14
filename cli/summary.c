/*
 * summary.c — `gongkai summary`: one self-contained HTML page for a set of reports of any size.
 *
 *   gongkai summary [--lang zh|en] [-j N] -o OUT.html FILE|DIR…
 *
 * Reports are read on all cores (pool.c) and gathered one at a time into what the page needs
 * (summary.h): counts, years and agencies, one running rollup per year, the problems by rule,
 * the highest and lowest reports by 公开率, and — up to fixed limits — the first reports in full
 * and the first problem rows. The page (summary_page.c) is written to a temporary file next to
 * OUT and renamed into place only when complete.
 *
 * Exit status: 0 page written from readable inputs only; 2 an input could not be read (the page
 * is still written and lists it), no -o, or the page could not be written.
 */
#include "summary.h"

#include <stdlib.h>
#include <string.h>

#include "outfile.h"
#include "pool.h"

static int nind(void)
{
    return gk_indicator_count() < SUM_MAX_IND ? gk_indicator_count() : SUM_MAX_IND;
}

/* ---- The ranking: two bounded heaps ---- */

int sum_entry_cmp(const sum_entry *a, const sum_entry *b, int by)
{
    int c = gk_indicator_rank(a->ok[by], a->num[by], a->den[by], b->ok[by], b->num[by], b->den[by]);
    return c ? c : a->ord < b->ord ? -1 : a->ord > b->ord;
}

/* A heap whose root is the entry that would leave first: for the highest (sign 1) the one
 * ranking last, for the lowest (sign -1) the one ranking first. */
static int heap_above(const sum_entry *a, const sum_entry *b, int by, int sign)
{
    return sign * sum_entry_cmp(a, b, by) > 0;
}

static void swap(sum_entry *a, sum_entry *b)
{
    sum_entry t = *a;
    *a = *b;
    *b = t;
}

static void sift_down(sum_entry *h, size_t n, size_t i, int by, int sign)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && heap_above(&h[l], &h[m], by, sign))
            m = l;
        if (r < n && heap_above(&h[r], &h[m], by, sign))
            m = r;
        if (m == i)
            return;
        swap(&h[i], &h[m]);
        i = m;
    }
}

static void heap_offer(sum_entry *h, size_t *n, const sum_entry *e, int by, int sign)
{
    if (*n < SUM_KEEP) {
        size_t i = (*n)++;
        h[i] = *e;
        while (i > 0 && heap_above(&h[i], &h[(i - 1) / 2], by, sign)) {
            swap(&h[i], &h[(i - 1) / 2]);
            i = (i - 1) / 2;
        }
    } else if (heap_above(&h[0], e, by, sign)) {
        h[0] = *e;
        sift_down(h, *n, 0, by, sign);
    }
}

static int by_global;

static int cmp_sort(const void *a, const void *b)
{
    return sum_entry_cmp(a, b, by_global);
}

void sum_ranked(summary *s)
{
    by_global = s->by;
    qsort(s->top, s->ntop, sizeof *s->top, cmp_sort);
    qsort(s->bottom, s->nbottom, sizeof *s->bottom, cmp_sort);
    size_t skip = 0; /* the lowest that are also among the highest */
    while (s->ntop && skip < s->nbottom &&
           sum_entry_cmp(&s->bottom[skip], &s->top[s->ntop - 1], s->by) <= 0)
        skip++;
    memmove(s->bottom, s->bottom + skip, (s->nbottom - skip) * sizeof *s->bottom);
    s->nbottom -= skip;
}

static void rank_add(summary *s, size_t ord, const char *path, const gk_doc *doc)
{
    sum_entry e = {.ord = ord, .path = path, .year = gk_doc_year(doc)};
    const char *a = gk_doc_agency(doc), *base = strrchr(path, '/');
    snprintf(e.name, sizeof e.name, "%s", a[0] ? a : base ? base + 1 : path);
    for (int j = 0; j < nind(); j++)
        e.ok[j] = gk_indicator_value(doc, j, &e.num[j], &e.den[j]);
    if (!e.ok[s->by]) {
        if (s->nna < SUM_NA_KEEP)
            s->na[s->nna] = e;
        s->nna++;
        return;
    }
    s->applicable++;
    heap_offer(s->top, &s->ntop, &e, s->by, 1);
    heap_offer(s->bottom, &s->nbottom, &e, s->by, -1);
}

/* ---- Agencies, years, problems ---- */

static uint64_t fingerprint(const char *str)
{
    uint64_t h = 1469598103934665603u;
    for (const unsigned char *p = (const unsigned char *)str; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    return h ? h : 1;
}

static int agency_grow(summary *s)
{
    size_t cap = s->agency_cap ? s->agency_cap * 2 : 1024;
    uint64_t *t = calloc(cap, sizeof *t);
    if (!t)
        return -1;
    for (size_t i = 0; i < s->agency_cap; i++)
        for (size_t j = s->agency_seen[i] % cap; s->agency_seen[i]; j = (j + 1) % cap)
            if (!t[j]) {
                t[j] = s->agency_seen[i];
                break;
            }
    free(s->agency_seen);
    s->agency_seen = t;
    s->agency_cap = cap;
    return 0;
}

static void agency_add(summary *s, const char *name)
{
    if (!name[0] || ((s->agencies + 1) * 2 > s->agency_cap && agency_grow(s) != 0))
        return;
    uint64_t h = fingerprint(name);
    size_t j = h % s->agency_cap;
    for (; s->agency_seen[j]; j = (j + 1) % s->agency_cap)
        if (s->agency_seen[j] == h)
            return;
    s->agency_seen[j] = h;
    if (s->agencies < SUM_AGENCY_NAMES)
        snprintf(s->agency_names[s->agencies], sizeof s->agency_names[0], "%s", name);
    s->agencies++;
}

static void year_add(summary *s, const gk_doc *doc)
{
    int y = gk_doc_year(doc) - SUM_FIRST_YEAR;
    if (y < 0 || y >= SUM_YEARS) {
        s->unknown_year++;
        return;
    }
    s->years[y]++;
    if (!s->acc[y])
        s->acc[y] = gk_rollup_begin();
    gk_rollup_add(s->acc[y], doc);
}

static void rule_add(summary *s, size_t ord, const gk_diag *d)
{
    size_t j = fingerprint(d->rule) % SUM_RULE_SLOTS;
    for (size_t k = 0; k < SUM_RULE_SLOTS; k++, j = (j + 1) % SUM_RULE_SLOTS) {
        sum_rule *r = &s->rules[j];
        if (!r->rule[0] && s->nrules < SUM_RULE_SLOTS / 2) {
            snprintf(r->rule, sizeof r->rule, "%s", d->rule);
            r->sev = d->severity;
            r->last_ord = (size_t)-1;
            s->nrules++;
        }
        if (!r->rule[0])
            break;
        if (strcmp(r->rule, d->rule) != 0)
            continue;
        r->count++;
        r->reports += r->last_ord != ord;
        r->last_ord = ord;
        r->sev = d->severity > r->sev ? d->severity : r->sev;
        return;
    }
    s->rules_dropped++;
}

static void problems_add(summary *s, size_t ord, const char *path, const gk_doc *doc)
{
    for (size_t k = 0; k < gk_doc_diag_count(doc); k++) {
        const gk_diag *d = gk_doc_diag(doc, k);
        if (d->severity < GK_SEV_WARNING)
            continue;
        s->errors += d->severity >= GK_SEV_ERROR;
        s->warnings += d->severity < GK_SEV_ERROR;
        rule_add(s, ord, d);
        if (s->nproblems++ < SUM_PROBLEMS)
            page_problem_row(s, ord, path, d, s->problems);
    }
}

/* ---- Gathering ---- */

static int sum_init(summary *s, gk_lang lang)
{
    *s = (summary){.lang = lang, .by = gk_indicator_find("disclosed")};
    if (s->by < 0 || s->by >= SUM_MAX_IND)
        s->by = 0;
    s->bad = calloc(SUM_UNREADABLE, sizeof *s->bad);
    s->dup = calloc(SUM_UNREADABLE, sizeof *s->dup);
    s->seen = gk_dupset_new();
    s->top = calloc(SUM_KEEP, sizeof *s->top);
    s->bottom = calloc(SUM_KEEP, sizeof *s->bottom);
    s->na = calloc(SUM_NA_KEEP, sizeof *s->na);
    s->problems = tmpfile();
    s->details = tmpfile();
    return s->bad && s->dup && s->seen && s->top && s->bottom && s->na && s->problems && s->details
               ? 0
               : -1;
}

/* Keeps every report while the set is small; past that, none. */
static void small_add(summary *s, gk_doc *doc)
{
    if (s->nsmall < SUM_SMALL && s->n <= SUM_SMALL) {
        s->small[s->nsmall++] = doc;
        return;
    }
    gk_doc_free(doc);
    for (size_t i = 0; i < s->nsmall; i++)
        gk_doc_free(s->small[i]);
    s->nsmall = 0;
}

typedef struct run {
    summary *s;
    const opts *o;
} run;

/* Lists an input left out (the first SUM_UNREADABLE of each kind) and counts it. */
static void left_out(sum_bad *list, size_t *n, const char *path, const char *why)
{
    if (*n < SUM_UNREADABLE) {
        list[*n].path = path;
        snprintf(list[*n].why, sizeof list[0].why, "%s", why);
    }
    (*n)++;
}

static int take(void *ctx, size_t i, gk_doc *doc, const char *why)
{
    summary *s = ((run *)ctx)->s;
    const char *path = ((run *)ctx)->o->in.paths[i], *first = NULL;
    if (!doc) {
        left_out(s->bad, &s->nbad, path, why);
        pool_say("%s: %s\n", path, why);
        return 0;
    }
    if (gk_dupset_add(s->seen, doc, (long)i, path, &first) >= 0) {
        left_out(s->dup, &s->ndup, path, first);
        pool_say("%s: 与 %s 数据相同，未重复计入 / same data as %s, counted once\n", path, first,
                 first);
        gk_doc_free(doc);
        return 0;
    }
    size_t ord = s->n++;
    agency_add(s, gk_doc_agency(doc));
    year_add(s, doc);
    problems_add(s, ord, path, doc);
    rank_add(s, ord, path, doc);
    if (ord < SUM_DETAILS)
        page_report_section(s, ord, path, doc, s->details);
    small_add(s, doc);
    return 0;
}

/* Turns each year's running sums into a checked report. */
static void finish_totals(summary *s)
{
    for (int y = 0; y < SUM_YEARS; y++) {
        if (!s->acc[y])
            continue;
        gk_error err;
        const char *name = s->lang == GK_LANG_EN ? "Total" : "合计";
        if (gk_rollup_finish(s->acc[y], name, &s->totals[y], &err) == GK_OK)
            gk_check(s->totals[y]);
        s->acc[y] = NULL;
    }
}

static void sum_free(summary *s)
{
    for (int y = 0; y < SUM_YEARS; y++) {
        gk_rollup_abort(s->acc[y]);
        gk_doc_free(s->totals[y]);
    }
    for (size_t i = 0; i < s->nsmall; i++)
        gk_doc_free(s->small[i]);
    if (s->problems)
        fclose(s->problems);
    if (s->details)
        fclose(s->details);
    free(s->bad);
    free(s->dup);
    gk_dupset_free(s->seen);
    free(s->top);
    free(s->bottom);
    free(s->na);
    free(s->agency_seen);
}

int cmd_summary(const opts *o)
{
    if (!o->output || (o->format && strcmp(o->format, "html") != 0)) {
        fputs("gongkai summary: 需要 -o OUT.html / needs -o OUT.html (format: html)\n", stderr);
        return EXIT_UNREADABLE;
    }
    summary *s = malloc(sizeof *s);
    int rc = EXIT_UNREADABLE;
    run r = {s, o};
    outfile out;
    if (s && sum_init(s, o->lang) == 0 && pool_run(o, 1, take, &r) == 0) {
        finish_totals(s);
        sum_ranked(s);
        if (outfile_open(&out, o->output) == 0) {
            page_write(s, out.f);
            if (outfile_close(&out, 1) == 0)
                rc = s->nbad || o->in.empty ? EXIT_UNREADABLE : EXIT_CLEAN;
        }
    }
    if (s)
        sum_free(s);
    free(s);
    return rc;
}
