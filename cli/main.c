/*
 * main.c — the gongkai command-line tool, a thin client of libgongkai.
 *
 *   gongkai check [--format gcc|json] [--lang zh|en] FILE|DIR|-…
 *   gongkai parse [--format json|csv|md|html|text] [--lang zh|en] FILE|DIR|-…
 *   gongkai export [--format xlsx|csv|csv-long|jsonl|sqlite] -o OUT [-j N] FILE|DIR…
 *   gongkai compare [--format text|csv|json] [--lang zh|en] OLD NEW   (files, or sets by agency)
 *   gongkai rollup [--format text|md|html|json|csv] [-o OUT] FILE|DIR…
 *   gongkai rank [--by INDICATOR] [--format text|csv] FILE|DIR…
 *   gongkai summary -o OUT.html FILE|DIR…
 *   gongkai deadline --received DATE [--corrected DATE] [--extend N] [--pause S..E]… [--explain]
 *   gongkai calendar import DIR [-o FILE] | show [YEAR]
 *   gongkai case …, gongkai report …, gongkai serve …, gongkai user …, gongkai audit …
 *     (the disclosure work over a store: --db URL or $GONGKAI_DB; each prints its own --help)
 *
 * A FILE may be text (UTF-8, UTF-16, GB18030, Big5), HTML, DOCX or PDF, told apart by content;
 * a DIR stands for every regular file under it; - is standard input. parse --format json prints
 * one object for a single FILE and an array for several inputs or for any DIR.
 *
 * Exit status: 0 no errors, 1 errors found (check), 2 unreadable input (a directory without
 * files counts as one) or usage error.
 */
#include <getopt.h>
#include <gongkai/gongkai.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out)
{
    fputs(
        "用法 usage:\n"
        "  gongkai check [--format gcc|json] [--lang zh|en] FILE…   检查年报 check reports\n"
        "  gongkai parse [--format json|csv|md|html|text] [--lang zh|en] FILE…\n"
        "                                                    提取数据 extract data\n"
        "  gongkai export [--format xlsx|csv|csv-long|jsonl|sqlite] -o OUT [-j N] FILE…\n"
        "                                                    汇总导出 one dataset\n"
        "  gongkai compare [--format text|csv|json] OLD NEW   同比 year over year\n"
        "  gongkai rollup [--format text|md|html|json|csv] [-o OUT] FILE…  汇总 sum up\n"
        "  gongkai rank [--by disclosed|unable|…] [--format text|csv] FILE…  排名 ranking\n"
        "  gongkai summary -o OUT.html FILE…                 汇总页面 HTML summary\n"
        "  gongkai deadline --received DATE [--corrected DATE] [--extend N]\n"
        "                   [--pause START..END]… [--explain]  答复期限 reply deadline\n"
        "  gongkai calendar import DIR [-o FILE] | show [YEAR]  工作日历 working days\n"
        "  gongkai case new|event|close|show|list|import|review|t2|year-close …\n"
        "                                                    依申请办理 the disclosure work\n"
        "  gongkai report --year Y [--format …] [-o OUT]      由记录生成年报 report from records\n"
        "  gongkai serve --listen HOST:PORT                   网上服务 the web service\n"
        "  gongkai user add|passwd|role … / gongkai audit verify|list  用户与审计 admin\n"
        "  (--db URL or $GONGKAI_DB: sqlite:PATH or postgresql://…)\n"
        "  gongkai --version | --help\n"
        "FILE: 文本/HTML/DOCX/PDF 文件, 目录 (递归) 或 - (标准输入)\n"
        "      a text/HTML/DOCX/PDF file, a directory (recursive) or - for standard input.\n"
        "Exit: 0 clean, 1 errors found, 2 unreadable/usage.\n",
        out);
}

/* Reads and checks one file; prints why on stderr and returns NULL if it cannot be read. */
static gk_doc *load(const char *path, const opts *o)
{
    char why[300];
    gk_doc *doc = cli_read(path, 0, why, sizeof why);
    if (!doc) {
        fprintf(stderr, "%s: %s: %s\n", path, o->lang == GK_LANG_EN ? "error" : "错误", why);
        return NULL;
    }
    gk_check(doc);
    return doc;
}

/* The status before any file is read: a directory without files is unreadable input. */
static int initial_status(const opts *o)
{
    return o->in.empty ? EXIT_UNREADABLE : EXIT_CLEAN;
}

static int status_of(const gk_doc *doc)
{
    if (!gk_doc_is_report(doc))
        return EXIT_UNREADABLE;
    return gk_doc_diag_count_at_least(doc, GK_SEV_ERROR) ? EXIT_FINDINGS : EXIT_CLEAN;
}

static int cmd_check(const opts *o)
{
    int json = o->format && strcmp(o->format, "json") == 0, rc = initial_status(o);
    if (o->format && !json && strcmp(o->format, "gcc") != 0) {
        fprintf(stderr, "gongkai check: unknown format '%s' (gcc, json)\n", o->format);
        return EXIT_UNREADABLE;
    }
    for (size_t i = 0; i < o->in.n; i++) {
        gk_doc *doc = load(o->in.paths[i], o);
        int st = doc ? status_of(doc) : EXIT_UNREADABLE;
        if (doc && json)
            gk_render_diags_json(doc, o->lang, stdout);
        else if (doc)
            gk_render_diags_gcc(doc, o->lang, stdout);
        rc = st > rc ? st : rc;
        gk_doc_free(doc);
    }
    return rc;
}

static int cmd_parse(const opts *o)
{
    int fmt = gk_render_format_from_name(o->format ? o->format : "json"), rc = initial_status(o);
    if (fmt < 0) {
        fprintf(stderr, "gongkai parse: unknown format '%s' (json, csv, md, html, text)\n",
                o->format);
        return EXIT_UNREADABLE;
    }
    /* the shape does not depend on how many files a directory happens to hold */
    int array = fmt == GK_RENDER_JSON && (o->in.n > 1 || o->in.dirs > 0), first = 1;
    if (fmt == GK_RENDER_CSV)
        gk_render_csv_header(stdout);
    if (array)
        fputs("[\n", stdout);
    for (size_t i = 0; i < o->in.n; i++) {
        gk_doc *doc = load(o->in.paths[i], o);
        if (!doc || !gk_doc_is_report(doc))
            rc = EXIT_UNREADABLE;
        if (doc && array && !first)
            fputs(",\n", stdout);
        if (doc && gk_render(doc, (gk_render_format)fmt, o->lang, stdout) != GK_OK)
            rc = EXIT_UNREADABLE;
        first = doc ? 0 : first;
        gk_doc_free(doc);
    }
    if (array)
        fputs("]\n", stdout);
    return rc;
}

static const struct command {
    const char *name;
    int (*run)(const opts *);
} commands[] = {{"check", cmd_check},     {"parse", cmd_parse},   {"export", cmd_export},
                {"compare", cmd_compare}, {"rollup", cmd_rollup}, {"rank", cmd_rank},
                {"summary", cmd_summary}};

/* Commands with options of their own. */
static const struct raw_command {
    const char *name;
    int (*run)(int, char **);
} raw_commands[] = {{"deadline", cmd_deadline}, {"calendar", cmd_calendar}, {"case", cmd_case},
                    {"report", cmd_report},     {"serve", cmd_serve},       {"audit", cmd_audit},
                    {"user", cmd_user}};

static int parse_opts(int argc, char **argv, opts *o)
{
    static const struct option longopts[] = {{"format", required_argument, NULL, 'f'},
                                             {"lang", required_argument, NULL, 'l'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"jobs", required_argument, NULL, 'j'},
                                             {"by", required_argument, NULL, 'b'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "f:l:o:j:h", longopts, NULL)) != -1) {
        if (c == 'f')
            o->format = optarg;
        else if (c == 'o')
            o->output = optarg;
        else if (c == 'b')
            o->by = optarg;
        else if (c == 'j' && atoi(optarg) > 0)
            o->jobs = atoi(optarg);
        else if (c == 'l' && (strcmp(optarg, "en") == 0 || strcmp(optarg, "zh") == 0))
            o->lang = optarg[0] == 'e' ? GK_LANG_EN : GK_LANG_ZH;
        else
            return -1;
    }
    if (optind >= argc)
        return -1;
    o->args = argv + optind;
    o->nargs = argc - optind;
    if (inputs_expand(&o->in, argv + optind, argc - optind) < 0) {
        fputs("gongkai: directories nested too deep\n", stderr);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
        printf("gongkai %s\n", GK_VERSION);
        return EXIT_CLEAN;
    }
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return EXIT_CLEAN;
    }
    for (size_t i = 0; argc >= 2 && i < sizeof raw_commands / sizeof raw_commands[0]; i++)
        if (strcmp(argv[1], raw_commands[i].name) == 0)
            return raw_commands[i].run(argc - 1, argv + 1);
    for (size_t i = 0; argc >= 2 && i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name) != 0)
            continue;
        opts o = {NULL, GK_LANG_ZH, NULL, 0, NULL, NULL, 0, {0}};
        if (parse_opts(argc - 1, argv + 1, &o) != 0) {
            inputs_free(&o.in);
            usage(stderr);
            return EXIT_UNREADABLE;
        }
        int rc = commands[i].run(&o);
        inputs_free(&o.in);
        return rc;
    }
    usage(stderr);
    return EXIT_UNREADABLE;
}
