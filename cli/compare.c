/*
 * compare.c — `gongkai compare OLD NEW`: a report against the year before; or two sets (files
 * or directories) whose reports are paired by agency (pairing.c), each pair compared in turn.
 *
 * Sets of any size: NEW is read once on all cores (pool.c) to index its agencies, keeping only
 * the index; then OLD is read on all cores and each report's partner is read again, compared
 * and written, so no more than a window of documents is held at a time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairing.h"
#include "pool.h"

typedef struct run {
    const opts *o;
    inputs old_in, new_in;
    pairing *pairs;
    int fmt, first, rc;
    size_t npairs;
} run;

static gk_doc *read_doc(const char *path)
{
    char why[300];
    gk_doc *doc = cli_read(path, 1, why, sizeof why);
    if (doc)
        gk_check(doc);
    else
        pool_say("%s: %s\n", path, why);
    return doc;
}

static int compare_pair(run *r, const gk_doc *a, const gk_doc *b)
{
    gk_comparison *c = NULL;
    if (gk_compare(a, b, &c, NULL) != GK_OK)
        return -1;
    if (!r->first && r->fmt != GK_RENDER_CSV)
        fputs(r->fmt == GK_RENDER_JSON ? ",\n" : "\n", stdout);
    r->first = 0;
    int rc =
        gk_render_comparison(c, (gk_render_format)r->fmt, r->o->lang, stdout) == GK_OK ? 0 : -1;
    gk_comparison_free(c);
    r->npairs++;
    return rc;
}

/* The same options over one side's inputs, for the reading pool. */
static opts side_opts(const opts *o, const inputs *in)
{
    opts s = *o;
    s.in = *in;
    return s;
}

static int index_new(void *ctx, size_t i, gk_doc *doc, const char *why)
{
    run *r = ctx;
    if (!doc) {
        pool_say("%s: %s\n", r->new_in.paths[i], why);
        r->rc = EXIT_UNREADABLE;
        return 0;
    }
    pairing_add(r->pairs, i, gk_doc_agency(doc));
    gk_doc_free(doc);
    return 0;
}

static int compare_old(void *ctx, size_t i, gk_doc *a, const char *why)
{
    run *r = ctx;
    const char *path = r->old_in.paths[i];
    long j = a ? pairing_take(r->pairs, gk_doc_agency(a)) : -1;
    gk_doc *b = j >= 0 ? read_doc(r->new_in.paths[j]) : NULL;
    if (!a)
        pool_say("%s: %s\n", path, why);
    else if (j < 0)
        pool_say("%s: 新的一组中没有同一机关的报告 / no report of %s in NEW\n", path,
                 gk_doc_agency(a));
    if (!b || compare_pair(r, a, b) != 0)
        r->rc = EXIT_UNREADABLE;
    gk_doc_free(a);
    gk_doc_free(b);
    return 0;
}

static void name_unpaired(const run *r)
{
    for (size_t j = 0; j < r->new_in.n; j++)
        if (pairing_unused(r->pairs, j))
            pool_say("%s: 旧的一组中没有同一机关的报告 / no report of the same agency in OLD\n",
                     r->new_in.paths[j]);
}

static void compare_sets(run *r)
{
    opts on = side_opts(r->o, &r->new_in), oo = side_opts(r->o, &r->old_in);
    r->pairs = pairing_new();
    if (!r->pairs || pool_run(&on, 1, index_new, r) != 0 || pool_run(&oo, 1, compare_old, r) != 0)
        r->rc = EXIT_UNREADABLE;
    else
        name_unpaired(r);
    pairing_free(r->pairs);
}

static void compare_files(run *r)
{
    gk_doc *a = read_doc(r->old_in.paths[0]), *b = a ? read_doc(r->new_in.paths[0]) : NULL;
    if (!a || !b || compare_pair(r, a, b) != 0)
        r->rc = EXIT_UNREADABLE;
    gk_doc_free(a);
    gk_doc_free(b);
}

int cmd_compare(const opts *o)
{
    int fmt = o->format ? gk_render_format_from_name(o->format) : GK_RENDER_TEXT;
    if (o->nargs != 2 || (fmt != GK_RENDER_TEXT && fmt != GK_RENDER_CSV && fmt != GK_RENDER_JSON)) {
        fputs("gongkai compare: 需要两份报告或两组 / needs OLD NEW (files or directories); "
              "--format text|csv|json\n",
              stderr);
        return EXIT_UNREADABLE;
    }
    run r = {.o = o, .fmt = fmt, .first = 1, .rc = EXIT_CLEAN};
    if (inputs_expand(&r.old_in, &o->args[0], 1) == 0 && r.old_in.n &&
        inputs_expand(&r.new_in, &o->args[1], 1) == 0 && r.new_in.n) {
        int sets = r.old_in.n > 1 || r.new_in.n > 1 || o->in.dirs > 0;
        if (fmt == GK_RENDER_CSV)
            gk_render_comparison_csv_header(stdout);
        if (sets && fmt == GK_RENDER_JSON)
            fputs("[\n", stdout);
        if (sets)
            compare_sets(&r);
        else
            compare_files(&r);
        if (sets && fmt == GK_RENDER_JSON)
            fputs("]\n", stdout);
    }
    inputs_free(&r.old_in);
    inputs_free(&r.new_in);
    return r.npairs ? r.rc : EXIT_UNREADABLE;
}
