/*
 * report.c — `gongkai report`: a year's annual report (政府信息公开工作年度报告) generated from
 * the records in a store (generate.h) and written in any format gk_render writes.
 *
 *   gongkai report --db URL --year Y [--agency NAME] [--format text|md|html|json|csv]
 *                  [-o OUT] [--info-fee YUAN] [--lang zh|en]
 *
 * The generator's input is filled from the store: every application of the agency (received,
 * closed with its outcome), the review and litigation cases, the year's 第二十条 figures and
 * the amendments of the year after it was closed. The generator's notes (figures not entered,
 * places marked 【待填写】 for the officer) go to stderr. -o writes the file only when complete.
 * Exit: 0 written, 2 error (no store, no such agency, records the generator refuses, …).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gongkai/generate.h>
#include <gongkai/render.h>
#include <gongkai/schema.h>
#include <gongkai/store.h>

#include "outfile.h"
#include "store_cli.h"

#define CMD "report"

typedef struct report_opts {
    const char *db, *agency, *format, *output, *info_fee, *year;
    gk_lang lang;
} report_opts;

/* ---- the records ---- */

typedef struct records {
    gk_gen_application *apps;
    size_t napps, capps;
    gk_gen_case *cases;
    size_t ncases, ccases;
    gk_t2_figure *figs;
    size_t nfigs;
    gk_amendment *amends;
    size_t namends;
    int failed; /* out of memory, or a key the schema does not have */
} records;

static void *grow(void *v, size_t *cap, size_t n, size_t size, int *failed)
{
    if (n < *cap)
        return v;
    size_t cap2 = *cap ? *cap * 2 : 1024;
    void *p = realloc(v, cap2 * size);
    if (!p) {
        *failed = 1;
        return v;
    }
    *cap = cap2;
    return p;
}

/* The schema's own copy of an applicant or outcome key, so that a million applications hold
 * pointers, not strings; NULL if it is none. */
static const char *static_key(const char *key, int outcome)
{
    const gk_table_def *t = gk_schema_table(GK_T3, GK_FORMAT_2021);
    if (outcome) {
        for (int i = 0; i < t->nrows; i++)
            if (strcmp(t->rows[i].key + 3, key) == 0)
                return t->rows[i].key + 3;
        return NULL;
    }
    for (int c = 0; c < t->blocks[0].ncols; c++)
        if (strcmp(t->blocks[0].cols[c].key, key) == 0)
            return t->blocks[0].cols[c].key;
    return NULL;
}

static int collect_app(void *p, const gk_application *a)
{
    records *r = p;
    r->apps = grow(r->apps, &r->capps, r->napps, sizeof *r->apps, &r->failed);
    if (r->failed)
        return 1;
    gk_gen_application *x = &r->apps[r->napps++];
    x->received = a->received;
    x->applicant = static_key(a->applicant_type, 0);
    x->outcome = a->outcome[0] ? static_key(a->outcome, 1) : NULL;
    x->closed = x->outcome ? a->closed : GK_DATE_NONE;
    r->failed = !x->applicant || (a->outcome[0] && !x->outcome);
    return r->failed;
}

static int collect_case(void *p, const gk_case *k)
{
    records *r = p;
    r->cases = grow(r->cases, &r->ccases, r->ncases, sizeof *r->cases, &r->failed);
    if (r->failed)
        return 1;
    gk_gen_case *x = &r->cases[r->ncases++];
    x->kind = gk_case_kind_key(k->kind);
    x->filed = k->filed;
    x->result = gk_case_result_key(k->result);
    x->decided = k->result == GK_RESULT_PENDING ? GK_DATE_NONE : k->decided;
    return 0;
}

static void records_free(records *r)
{
    free(r->apps);
    free(r->cases);
    free(r->figs);
    free(r->amends);
}

static int read_records(gk_store *s, const gk_agency *ag, int year, records *r)
{
    gk_error err = {GK_OK, ""};
    if (gk_store_app_list(s, ag->id, 0, collect_app, r, &err) != GK_OK ||
        gk_store_case_list(s, ag->id, 0, collect_case, r, &err) != GK_OK ||
        gk_store_t2_get(s, ag->id, year, &r->figs, &r->nfigs, &err) != GK_OK ||
        gk_store_amendments(s, ag->id, year, &r->amends, &r->namends, &err) != GK_OK) {
        if (!err.msg[0])
            snprintf(err.msg, sizeof err.msg, "%s",
                     r->failed ? "记录中有未知的键或内存不足 / an unknown key in the records, or "
                                 "out of memory"
                               : "读取失败 / read failed");
        fprintf(stderr, "gongkai " CMD ": %s\n", err.msg);
        return -1;
    }
    return 0;
}

/* What an audit action did, in words (the web service's report says the same). */
static const char *action_label(const char *action)
{
    static const char *const map[][2] = {
        {"app.add", "新增申请"},          {"event.add", "补录办理事件"},
        {"case.add", "新增复议诉讼案件"}, {"case.update", "更新复议诉讼案件"},
        {"t2.set", "更正第二十条数据"},   {"t2.unset", "删除第二十条数据"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i][0], action) == 0)
            return map[i][1];
    return action;
}

/* ---- generating ---- */

/* Generates the report; NULL (said) if the generator refuses the records. */
static gk_doc *generate(const report_opts *o, const gk_agency *ag, int year, records *r)
{
    gk_gen_figure *figs = calloc(r->nfigs + 1, sizeof *figs);
    gk_gen_amendment *am = calloc(r->namends + 1, sizeof *am);
    char(*what)[160] = calloc(r->namends + 1, sizeof *what);
    gk_doc *doc = NULL;
    gk_error err = {GK_OK, ""};
    if (!figs || !am || !what) {
        fputs("gongkai " CMD ": 内存不足 / out of memory\n", stderr);
    } else {
        for (size_t i = 0; i < r->nfigs; i++)
            figs[i] = (gk_gen_figure){r->figs[i].key, r->figs[i].value};
        for (size_t i = 0; i < r->namends; i++) {
            char day[11];
            snprintf(day, sizeof day, "%.10s", r->amends[i].at);
            if (gk_date_parse(day, &am[i].date) < 0)
                am[i].date = GK_DATE_NONE;
            snprintf(what[i], sizeof what[i], "%s（%s）", action_label(r->amends[i].action),
                     r->amends[i].object);
            am[i].what = what[i];
            am[i].reason = r->amends[i].reason;
        }
        gk_gen_input in = {ag->name, year,     r->apps, r->napps,   r->cases,   r->ncases,
                           figs,     r->nfigs, am,      r->namends, o->info_fee};
        if (gk_generate_report(&in, &doc, &err) != GK_OK)
            fprintf(stderr, "gongkai " CMD ": 无法生成报告：%s / the report cannot be generated\n",
                    err.msg);
    }
    free(figs);
    free(am);
    free(what);
    return doc;
}

/* The generator's notes, and whether the year is locked, on stderr. */
static void print_notes(gk_store *s, const gk_agency *ag, int year, const gk_doc *doc, gk_lang lang)
{
    int closed = 0;
    gk_error err = {GK_OK, ""};
    for (size_t i = 0; i < gk_doc_diag_count(doc); i++) {
        const gk_diag *d = gk_doc_diag(doc, i);
        if (lang == GK_LANG_EN)
            fprintf(stderr, "gongkai " CMD ": note: %s [%s]\n", d->msg_en, d->rule);
        else
            fprintf(stderr, "gongkai " CMD ": 提示 note: %s / %s [%s]\n", d->msg_zh, d->msg_en,
                    d->rule);
    }
    if (gk_store_year_is_closed(s, ag->id, year, &closed, &err) == GK_OK && !closed)
        fprintf(stderr,
                "gongkai " CMD
                ": 提示 note: %d 年度尚未关闭，数据仍可修改；发布前请用 gongkai case "
                "year-close %d 锁定 / year %d is not closed: lock it with gongkai case year-close "
                "before publishing\n",
                year, year, year);
}

static int write_report(const report_opts *o, const gk_doc *doc)
{
    int fmt = gk_render_format_from_name(o->format);
    outfile of = {stdout, NULL, NULL};
    if (o->output && outfile_open(&of, o->output) < 0)
        return EXIT_UNREADABLE;
    if (fmt == GK_RENDER_CSV)
        gk_render_csv_header(of.f);
    int ok = gk_render(doc, (gk_render_format)fmt, o->lang, of.f) == GK_OK;
    if (o->output)
        ok = outfile_close(&of, ok) == 0 && ok;
    else
        ok = fflush(stdout) == 0 && ok;
    if (!ok)
        fputs("gongkai " CMD ": 写入失败 / write failed\n", stderr);
    return ok ? EXIT_CLEAN : EXIT_UNREADABLE;
}

/* ---- options ---- */

static void usage(FILE *out)
{
    fputs(
        "用法 usage: gongkai report --db URL --year Y [--agency NAME]\n"
        "                      [--format text|md|html|json|csv] [-o OUT] [--info-fee YUAN]\n"
        "                      [--lang zh|en]\n"
        "  由办理记录生成年度报告 the annual report generated from the records.\n"
        "  --db URL      sqlite:PATH 或 postgresql://…（默认 $GONGKAI_DB）\n"
        "  --agency NAME 机关（数据库中只有一个机关时可省略）the agency, if the store has several\n"
        "  --info-fee YUAN 本年收取的信息处理费（元）；不给时第六部分留待填写\n"
        "                the information processing fees collected, in yuan\n"
        "  Exit: 0 written, 2 error.\n",
        out);
}

/* 0, 1 for --help, -1 for a usage error (said). */
static int parse(int argc, char **argv, report_opts *o)
{
    static const struct option longopts[] = {{"db", required_argument, NULL, 'd'},
                                             {"year", required_argument, NULL, 'y'},
                                             {"agency", required_argument, NULL, 'a'},
                                             {"format", required_argument, NULL, 'f'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"info-fee", required_argument, NULL, 'i'},
                                             {"lang", required_argument, NULL, 'l'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        const char **slot = c == 'd'   ? &o->db
                            : c == 'y' ? &o->year
                            : c == 'a' ? &o->agency
                            : c == 'f' ? &o->format
                            : c == 'o' ? &o->output
                            : c == 'i' ? &o->info_fee
                                       : NULL;
        if (c == 'h')
            return 1;
        if (c == 'l' && (strcmp(optarg, "zh") == 0 || strcmp(optarg, "en") == 0))
            o->lang = optarg[0] == 'e' ? GK_LANG_EN : GK_LANG_ZH;
        else if (slot)
            *slot = optarg;
        else
            return -1;
    }
    if (optind < argc) {
        fprintf(stderr, "gongkai " CMD ": 多余的参数 / unexpected argument: '%s'\n", argv[optind]);
        return -1;
    }
    if (gk_render_format_from_name(o->format) < 0) {
        fprintf(stderr, "gongkai " CMD ": --format 应为 text、md、html、json 或 csv / --format is "
                        "text, md, html, json or csv\n");
        return -1;
    }
    if (!o->year) {
        fputs("gongkai " CMD ": 需要 --year Y / --year Y is required\n", stderr);
        return -1;
    }
    return 0;
}

int cmd_report(int argc, char **argv)
{
    report_opts o = {NULL, NULL, "text", NULL, NULL, NULL, GK_LANG_ZH};
    int year = 0, rc = parse(argc, argv, &o);
    if (rc > 0)
        usage(stdout);
    else if (rc < 0)
        fputs("用法见 usage: gongkai report --help\n", stderr);
    if (rc != 0)
        return rc > 0 ? EXIT_CLEAN : EXIT_UNREADABLE;
    if (cli_year(CMD, o.year, &year) < 0)
        return EXIT_UNREADABLE;
    if (year < GK_GEN_FIRST_YEAR || year > GK_GEN_LAST_YEAR) {
        fprintf(stderr,
                "gongkai " CMD ": 报告年份须为 %d 至 %d（2021 年格式）/ the report year must be "
                "%d to %d (the 2021 format)\n",
                GK_GEN_FIRST_YEAR, GK_GEN_LAST_YEAR, GK_GEN_FIRST_YEAR, GK_GEN_LAST_YEAR);
        return EXIT_UNREADABLE;
    }
    gk_store *s = cli_store_open(CMD, o.db);
    gk_agency ag;
    records r;
    memset(&r, 0, sizeof r);
    gk_doc *doc = NULL;
    rc = EXIT_UNREADABLE;
    if (s && cli_agency(CMD, s, o.agency, &ag) == 0 && read_records(s, &ag, year, &r) == 0 &&
        (doc = generate(&o, &ag, year, &r)) != NULL) {
        print_notes(s, &ag, year, doc, o.lang);
        rc = write_report(&o, doc);
    }
    gk_doc_free(doc);
    records_free(&r);
    gk_store_close(s);
    return rc;
}
