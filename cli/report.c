/*
 * report.c — `gongkai report`: a year's annual report (政府信息公开工作年度报告) generated from
 * the records in a store (generate.h) and written in any format gk_render writes.
 *
 *   gongkai report --db URL --year Y [--agency NAME] [--format text|md|html|json|csv]
 *                  [-o OUT] [--info-fee YUAN] [--lang zh|en]
 *
 * The generator's input is filled from the store by gk_generate_from_store (the web service's
 * report uses the same). The generator's notes (figures not entered,
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
    gk_doc *doc = NULL;
    gk_error err = {GK_OK, ""};
    rc = EXIT_UNREADABLE;
    if (s && cli_agency(CMD, s, o.agency, &ag) == 0) {
        if (gk_generate_from_store(s, ag.id, year, o.info_fee, &doc, &err) != GK_OK)
            fprintf(stderr, "gongkai " CMD ": 无法生成报告：%s / the report cannot be generated\n",
                    err.msg);
        else {
            print_notes(s, &ag, year, doc, o.lang);
            rc = write_report(&o, doc);
        }
    }
    gk_doc_free(doc);
    gk_store_close(s);
    return rc;
}
