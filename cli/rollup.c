/*
 * rollup.c — `gongkai rollup`: reads every input, sums the reports into one report in the
 * 2021 format (gk_rollup), checks it and writes it in --format (text by default; md, html,
 * json, csv) to -o OUT or standard output. The result's diagnostics — the rollup's notes and
 * the check — go to standard error. Inputs that cannot be read are named there and left out.
 *
 * Exit status: 0 when the result has no error, 1 when it has, 2 when no report could be read
 * (or on a usage error).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "outfile.h"

/* Reads one input; names it on standard error and returns NULL if it cannot be read. */
static gk_doc *read_one(const char *path, const opts *o)
{
    char why[300];
    gk_doc *doc = cli_read(path, 0, why, sizeof why);
    if (!doc)
        fprintf(stderr, "%s: %s: %s\n", path,
                o->lang == GK_LANG_EN ? "error, left out" : "错误，未汇总", why);
    return doc;
}

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

/* Adds the inputs one at a time (each freed right away); returns how many were reports. */
static size_t add_inputs(gk_rollup_acc *r, const opts *o)
{
    size_t reports = 0;
    for (size_t i = 0; i < o->in.n; i++) {
        gk_doc *doc = read_one(o->in.paths[i], o);
        if (doc && !gk_doc_is_report(doc))
            fprintf(stderr, "%s: %s\n", o->in.paths[i],
                    o->lang == GK_LANG_EN ? "not an annual report" : "不是年度报告");
        reports += doc && gk_doc_is_report(doc);
        gk_rollup_add(r, doc);
        gk_doc_free(doc);
    }
    return reports;
}

int cmd_rollup(const opts *o)
{
    int fmt = gk_render_format_from_name(o->format ? o->format : "text");
    if (fmt < 0) {
        fprintf(stderr, "gongkai rollup: unknown format '%s' (text, md, html, json, csv)\n",
                o->format);
        return EXIT_UNREADABLE;
    }
    gk_rollup_acc *r = gk_rollup_begin();
    if (add_inputs(r, o) == 0) {
        gk_rollup_abort(r);
        fputs("gongkai rollup: 没有可汇总的年度报告 / no report could be read\n", stderr);
        return EXIT_UNREADABLE;
    }
    gk_doc *sum = NULL;
    gk_error err = {GK_OK, ""};
    if (gk_rollup_finish(r, NULL, &sum, &err) != GK_OK) {
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
