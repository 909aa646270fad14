/*
 * rollup.c — `gongkai rollup`: reads every input, sums the reports into one report in the
 * 2021 format (gk_rollup), reading on all cores (pool.c), checks it and writes it in --format (text
 * by default; md, html, json, csv) to -o OUT or standard output. The result's diagnostics — the
 * rollup's notes and the check — go to standard error. Inputs that cannot be read are named there
 * and left out.
 *
 * Exit status: 0 when the result has no error, 1 when it has, 2 when no report could be read
 * (or on a usage error).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "outfile.h"
#include "pool.h"

/* Writes the result to -o OUT or standard output; 0 on success. */
static int write_result(const gk_doc *sum, int fmt, const opts *o)
{
    outfile file = {stdout, NULL, NULL};
    if (o->output && outfile_open(&file, o->output) != 0)
        return -1;
    if (fmt == GK_RENDER_CSV)
        gk_render_csv_header(file.f);
    int ok = gk_render(sum, (gk_render_format)fmt, o->lang, file.f) == GK_OK;
    if (o->output)
        return outfile_close(&file, ok);
    ok = ok && fflush(stdout) == 0 && !ferror(stdout);
    if (!ok)
        fputs("gongkai rollup: -: write error\n", stderr);
    return ok ? 0 : -1;
}

typedef struct run {
    const opts *o;
    gk_rollup_acc *acc;
    size_t reports;
} run;

/* Adds input i to the sums (freeing it); names an input left out on standard error. */
static int take(void *ctx, size_t i, gk_doc *doc, const char *why)
{
    run *r = ctx;
    const char *path = r->o->in.paths[i];
    int en = r->o->lang == GK_LANG_EN;
    if (!doc)
        pool_say("%s: %s: %s\n", path, en ? "error, left out" : "错误，未汇总", why);
    else if (!gk_doc_is_report(doc))
        pool_say("%s: %s\n", path, en ? "not an annual report" : "不是年度报告");
    r->reports += doc && gk_doc_is_report(doc);
    gk_rollup_add(r->acc, doc);
    gk_doc_free(doc);
    return 0;
}

int cmd_rollup(const opts *o)
{
    int fmt = gk_render_format_from_name(o->format ? o->format : "text");
    if (fmt < 0) {
        fprintf(stderr, "gongkai rollup: unknown format '%s' (text, md, html, json, csv)\n",
                o->format);
        return EXIT_UNREADABLE;
    }
    run r = {o, gk_rollup_begin(), 0};
    if (pool_run(o, 0, take, &r) != 0 || r.reports == 0) {
        gk_rollup_abort(r.acc);
        fputs("gongkai rollup: 没有可汇总的年度报告 / no report could be read\n", stderr);
        return EXIT_UNREADABLE;
    }
    gk_doc *sum = NULL;
    gk_error err = {GK_OK, ""};
    if (gk_rollup_finish(r.acc, NULL, &sum, &err) != GK_OK) {
        fprintf(stderr, "gongkai rollup: %s\n", err.msg);
        return EXIT_UNREADABLE;
    }
    gk_check(sum);
    gk_render_diags_gcc(sum, o->lang, stderr);
    int rc = gk_doc_diag_count_at_least(sum, GK_SEV_ERROR) ? EXIT_FINDINGS : EXIT_CLEAN;
    if (write_result(sum, fmt, o) != 0)
        rc = EXIT_UNREADABLE;
    gk_doc_free(sum);
    return rc;
}
