/*
 * export.c — `gongkai export`: reads every input on several threads (pool.c) and adds the
 * documents to one dataset in input order. Inputs that cannot be read are named on standard
 * error and listed in the dataset; they never stop the run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"

typedef struct run {
    const opts *o;
    gk_exporter *x;
    int rc; /* the worst exit status so far */
} run;

/* The format named by --format, or by the output's extension. */
static int format_of(const opts *o)
{
    if (o->format)
        return gk_export_format_from_name(o->format);
    const char *dot = strrchr(o->output, '.');
    static const struct {
        const char *ext;
        gk_export_format f;
    } exts[] = {{".xlsx", GK_EXPORT_XLSX},   {".csv", GK_EXPORT_CSV_WIDE},
                {".jsonl", GK_EXPORT_JSONL}, {".sqlite", GK_EXPORT_SQLITE},
                {".db", GK_EXPORT_SQLITE},   {".sqlite3", GK_EXPORT_SQLITE}};
    for (size_t i = 0; dot && i < sizeof exts / sizeof exts[0]; i++)
        if (strcmp(dot, exts[i].ext) == 0)
            return (int)exts[i].f;
    return -1;
}

/* Adds input i to the dataset; nonzero stops the run on a write error. */
static int take(void *ctx, size_t i, gk_doc *doc, const char *why)
{
    run *r = ctx;
    gk_error err = {GK_OK, ""};
    gk_status st;
    int rc = EXIT_UNREADABLE;
    if (doc) {
        st = gk_export_add(r->x, doc, &err);
        if (gk_doc_is_report(doc))
            rc = gk_doc_diag_count_at_least(doc, GK_SEV_ERROR) ? EXIT_FINDINGS : EXIT_CLEAN;
    } else {
        st = gk_export_add_unreadable(r->x, r->o->in.paths[i], why, &err);
        pool_say("%s: %s\n", r->o->in.paths[i], why);
    }
    gk_doc_free(doc);
    r->rc = rc > r->rc ? rc : r->rc;
    if (st != GK_OK)
        pool_say("gongkai export: %s\n", err.msg);
    return st != GK_OK;
}

int cmd_export(const opts *o)
{
    int fmt = o->output ? format_of(o) : -1;
    if (fmt < 0) {
        fputs("gongkai export: 需要 -o 输出文件及格式 / needs -o OUT and a format "
              "(xlsx, csv, csv-long, jsonl, sqlite; or from the extension)\n",
              stderr);
        return EXIT_UNREADABLE;
    }
    gk_exporter *x;
    gk_error err = {GK_OK, ""};
    if (gk_export_open((gk_export_format)fmt, o->output, o->lang, &x, &err) != GK_OK) {
        fprintf(stderr, "gongkai export: %s\n", err.msg);
        return EXIT_UNREADABLE;
    }
    run r = {o, x, EXIT_CLEAN};
    if (pool_run(o, 0, take, &r) != 0) {
        gk_export_abort(x);
        return EXIT_UNREADABLE;
    }
    if (gk_export_close(x, &err) != GK_OK) {
        fprintf(stderr, "gongkai export: %s\n", err.msg);
        return EXIT_UNREADABLE;
    }
    return r.rc;
}
