/*
 * deadline.c — `gongkai deadline` (the reply deadline of a request from its events) and
 * `gongkai calendar` (importing and showing the official working-day calendar).
 *
 *   gongkai deadline --received DATE [--correction-notice DATE] [--corrected DATE]
 *                    [--extend N] [--pause START..END|START..]… [--explain]
 *                    [--calendar FILE] [--lang zh|en]
 *   gongkai calendar import DIR [-o FILE]
 *   gongkai calendar show [YEAR] [--calendar FILE]
 *
 * The calendar file is --calendar FILE, else $GONGKAI_CALENDAR, else ../data/calendar-cn.tsv
 * or ../share/gongkai/calendar-cn.tsv beside the executable (docs/deadlines.md).
 */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gongkai/deadline.h>

#include "calendar_path.h"
#include "cli.h"
#include "outfile.h"

/* ---- options of `gongkai deadline` ---- */

typedef struct dl_opts {
    gk_deadline_events ev;
    int ext[GK_EXTENSION_MAX + 1];
    gk_pause pauses[GK_PAUSES_MAX];
    int explain;
    gk_lang lang;
    const char *calendar;
} dl_opts;

static int bad_arg(const char *opt, const char *arg, const char *why)
{
    fprintf(stderr, "gongkai deadline: %s '%s': %s\n", opt, arg, why);
    return -1;
}

static int date_arg(const char *opt, const char *arg, gk_date *out)
{
    if (gk_date_parse(arg, out) == 0)
        return 0;
    return bad_arg(
        opt, arg, "不是有效日期，应为存在的 YYYY-MM-DD / not a valid date: an existing YYYY-MM-DD");
}

static int extend_arg(dl_opts *o, const char *arg)
{
    char *end;
    long n = strtol(arg, &end, 10);
    if (!*arg || *end || n < 1 || n > GK_EXTENSION_MAX)
        return bad_arg("--extend", arg,
                       "延长期限应为 1 至 20 个工作日 / an extension is 1 to 20 working days "
                       "(第三十三条)");
    if (o->ev.nextensions == GK_EXTENSION_MAX)
        return bad_arg("--extend", arg, "延长次数过多 / too many extensions");
    o->ext[o->ev.nextensions++] = (int)n;
    return 0;
}

/* START..END, or START.. for a pause not yet ended. */
static int pause_arg(dl_opts *o, const char *arg)
{
    const char *dots = strstr(arg, "..");
    char start[16];
    gk_pause p = {GK_DATE_NONE, GK_DATE_NONE};
    if (o->ev.npauses == GK_PAUSES_MAX)
        return bad_arg("--pause", arg, "暂停次数过多 / too many pauses");
    if (!dots || dots - arg >= (long)sizeof start)
        return bad_arg("--pause", arg,
                       "应为 START..END 或 START.. / expected START..END or START..");
    memcpy(start, arg, (size_t)(dots - arg));
    start[dots - arg] = '\0';
    if (date_arg("--pause", start, &p.start) < 0 ||
        (dots[2] && date_arg("--pause", dots + 2, &p.end) < 0))
        return -1;
    o->pauses[o->ev.npauses++] = p;
    return 0;
}

static void deadline_usage(FILE *out)
{
    fputs("用法 usage: gongkai deadline --received DATE [--correction-notice DATE]\n"
          "         [--corrected DATE] [--extend N] [--pause START..END|START..]…\n"
          "         [--explain] [--calendar FILE] [--lang zh|en]\n"
          "  DATE: YYYY-MM-DD. 第一行输出答复期限 the first line is the due date (none: 尚无).\n"
          "  Exit: 0 ok, 1 补正通知逾期 late correction notice, 2 bad input.\n",
          out);
}

static int one_opt(dl_opts *o, int c)
{
    switch (c) {
    case 'r':
        return date_arg("--received", optarg, &o->ev.received);
    case 'c':
        return date_arg("--corrected", optarg, &o->ev.corrected);
    case 'n':
        return date_arg("--correction-notice", optarg, &o->ev.correction_notice);
    case 'e':
        return extend_arg(o, optarg);
    case 'p':
        return pause_arg(o, optarg);
    case 'x':
        o->explain = 1;
        return 0;
    case 'k':
        o->calendar = optarg;
        return 0;
    case 'l':
        if (strcmp(optarg, "en") != 0 && strcmp(optarg, "zh") != 0)
            return bad_arg("--lang", optarg, "应为 zh 或 en / zh or en");
        o->lang = optarg[0] == 'e' ? GK_LANG_EN : GK_LANG_ZH;
        return 0;
    }
    return -1;
}

/* 0, 1 for --help, -1 for a usage error (reported). */
static int parse_deadline_opts(int argc, char **argv, dl_opts *o)
{
    static const struct option longopts[] = {{"received", required_argument, NULL, 'r'},
                                             {"corrected", required_argument, NULL, 'c'},
                                             {"correction-notice", required_argument, NULL, 'n'},
                                             {"extend", required_argument, NULL, 'e'},
                                             {"pause", required_argument, NULL, 'p'},
                                             {"explain", no_argument, NULL, 'x'},
                                             {"calendar", required_argument, NULL, 'k'},
                                             {"lang", required_argument, NULL, 'l'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        if (c == 'h')
            return 1;
        if (c == '?' || one_opt(o, c) < 0)
            return -1;
    }
    if (optind < argc) {
        fprintf(stderr, "gongkai deadline: 多余的参数 / unexpected argument: '%s'\n", argv[optind]);
        return -1;
    }
    if (o->ev.received == GK_DATE_NONE) {
        fputs("gongkai deadline: 需要 --received DATE / --received DATE is required\n", stderr);
        return -1;
    }
    o->ev.extensions = o->ext;
    o->ev.pauses = o->pauses;
    return 0;
}

/* ---- printing the derivation ---- */

static const char *weekday(gk_date d, gk_lang lang)
{
    static const char *const zh[] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
    static const char *const en[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    int w = gk_date_weekday(d) - 1;
    return lang == GK_LANG_EN ? en[w] : zh[w];
}

/* The text of a day of the count: counted or not. */
static void day_text(const gk_deadline_step *s, int en, FILE *out)
{
    const char *name = s->name ? s->name : "";
    if (s->kind == GK_STEP_WORKDAY)
        fprintf(out, en ? "working day %d" : "第 %d 个工作日", s->count);
    else if (s->kind == GK_STEP_MAKEUP)
        fprintf(out,
                en ? "make-up working day (调休, %s), working day %d"
                   : "调休上班（%s），第 %d 个工作日",
                name, s->count);
    else if (s->kind == GK_STEP_WEEKEND)
        fputs(en ? "weekend, not counted" : "周末，不计", out);
    else
        fprintf(out, en ? "holiday (%s), not counted" : "放假（%s），不计", name);
}

/* The text of the receipt, the 补正 notice and the corrected application. */
static void opening_text(const gk_deadline_step *s, const gk_deadline *dl, int en, FILE *out)
{
    const char *late = en ? " — LATE (第三十条)" : "，逾期（第三十条）";
    if (s->kind == GK_STEP_RECEIVED)
        fputs(en ? "application received (this day is not counted)" : "收到申请（当日不计）", out);
    else if (s->kind == GK_STEP_NOTICE)
        fprintf(out,
                en ? "correction notice sent: working day %d after receipt (due by day %d)%s"
                   : "发出补正通知：收到后第 %d 个工作日（应在 %d 个工作日内）%s",
                s->count, GK_CORRECTION_NOTICE_DAYS,
                dl->flags & GK_DEADLINE_LATE_NOTICE ? late : "");
    else
        fputs(en ? "corrected application received: the count restarts (this day not counted)"
                 : "收到补正后的申请：重新起算（当日不计）",
              out);
}

/* The text of a pause, the end of the original term and the due date. */
static void event_text(const gk_deadline_step *s, const gk_deadline *dl, int en, FILE *out)
{
    char end[11];
    if (s->kind == GK_STEP_PAUSE)
        fprintf(out,
                en ? "paused to %s: %d working days not counted"
                   : "暂停至 %s：其中 %d 个工作日不计",
                gk_date_format(s->end, end), s->removed);
    else if (s->kind == GK_STEP_OPEN)
        fprintf(out,
                en ? "paused, not ended: %d of %d working days counted, no due date yet"
                   : "暂停尚未结束：已计 %d 个工作日（共 %d 个），尚无答复期限",
                s->count, dl->target);
    else if (s->kind == GK_STEP_BASE_DUE)
        fprintf(out,
                en ? "working day %d, the due date before the extension of %d working days"
                   : "第 %d 个工作日为原答复期限；延长 %d 个工作日",
                GK_REPLY_DAYS, s->extra);
    else
        fprintf(out, en ? "reply due: working day %d" : "答复期限：第 %d 个工作日", s->count);
}

/* The text of a step after its date and weekday (without the unconfirmed mark). */
static void step_text(const gk_deadline_step *s, const gk_deadline *dl, gk_lang lang, FILE *out)
{
    int en = lang == GK_LANG_EN;
    if (s->kind >= GK_STEP_WORKDAY && s->kind <= GK_STEP_HOLIDAY)
        day_text(s, en, out);
    else if (s->kind <= GK_STEP_CORRECTED)
        opening_text(s, dl, en, out);
    else
        event_text(s, dl, en, out);
}

static void print_steps(const gk_deadline *dl, gk_lang lang, FILE *out)
{
    char date[11];
    for (size_t i = 0; i < dl->nsteps; i++) {
        const gk_deadline_step *s = &dl->steps[i];
        fprintf(out, "%s %s  ", gk_date_format(s->date, date), weekday(s->date, lang));
        step_text(s, dl, lang, out);
        if (s->unconfirmed)
            fputs(lang == GK_LANG_EN ? "  [unconfirmed: no published notice]"
                                     : "  [未确认：节假日安排通知未发布]",
                  out);
        fputc('\n', out);
    }
}

/* The warnings on stderr; returns the exit status. */
static int report(const gk_deadline *dl)
{
    char first[11];
    if (dl->flags & GK_DEADLINE_UNCONFIRMED)
        fprintf(stderr,
                "gongkai deadline: 警告：%s 等日期没有已发布的节假日安排通知，仅按周一至周五计算，"
                "期限未经确认 / warning: no published holiday notice covers %s (and maybe other "
                "days); they are counted Monday to Friday only: the date is unconfirmed\n",
                gk_date_format(dl->first_unconfirmed, first), first);
    if (dl->state == GK_DEADLINE_PAUSED)
        fputs("gongkai deadline: 暂停尚未结束，尚无答复期限 / a pause has not ended: no due date "
              "yet\n",
              stderr);
    if (dl->state == GK_DEADLINE_AWAITING)
        fputs("gongkai deadline: 已发出补正通知，尚未收到补正后的申请，尚无答复期限 / awaiting the "
              "corrected application: no due date yet\n",
              stderr);
    if (dl->flags & GK_DEADLINE_LATE_NOTICE) {
        fprintf(stderr,
                "gongkai deadline: 补正通知在收到申请后第 %d 个工作日发出，超过第三十条规定的 %d "
                "个工作日 / the correction notice was sent on working day %d after receipt, "
                "later than the %d of 第三十条\n",
                dl->notice_day, GK_CORRECTION_NOTICE_DAYS, dl->notice_day,
                GK_CORRECTION_NOTICE_DAYS);
        return EXIT_FINDINGS;
    }
    return EXIT_CLEAN;
}

int cmd_deadline(int argc, char **argv)
{
    dl_opts o;
    memset(&o, 0, sizeof o);
    o.ev = (gk_deadline_events){GK_DATE_NONE, GK_DATE_NONE, GK_DATE_NONE, NULL, 0, NULL, 0};
    o.lang = GK_LANG_ZH;
    int rc = parse_deadline_opts(argc, argv, &o);
    if (rc > 0)
        deadline_usage(stdout);
    else if (rc < 0)
        fputs("用法见 usage: gongkai deadline --help\n", stderr);
    if (rc != 0)
        return rc > 0 ? EXIT_CLEAN : EXIT_UNREADABLE;
    gk_calendar *cal = cli_calendar_open("deadline", o.calendar);
    if (!cal)
        return EXIT_UNREADABLE;
    gk_deadline dl;
    gk_error err = {GK_OK, ""};
    char date[11];
    if (gk_deadline_compute(cal, &o.ev, &dl, &err) != GK_OK) {
        fprintf(stderr, "gongkai deadline: %s\n", err.msg);
        rc = EXIT_UNREADABLE;
    } else {
        printf("%s\n", gk_date_format(dl.due, date));
        if (o.explain)
            print_steps(&dl, o.lang, stdout);
        rc = report(&dl);
    }
    gk_deadline_free(&dl);
    gk_calendar_free(cal);
    return rc;
}

/* ---- gongkai calendar ---- */

static void calendar_usage(FILE *out)
{
    fputs("用法 usage:\n"
          "  gongkai calendar import DIR [-o FILE]   由 holiday-cn JSON 生成日历数据文件\n"
          "                                          convert holiday-cn JSON to the data file\n"
          "  gongkai calendar show [YEAR] [--calendar FILE]\n"
          "                                          一年的放假和调休安排；无 YEAR 时列出各年\n"
          "                                          a year's holidays and make-up days, or all "
          "years\n",
          out);
}

static int calendar_import(int argc, char **argv)
{
    const char *output = NULL;
    int c;
    static const struct option longopts[] = {{"output", required_argument, NULL, 'o'},
                                             {NULL, 0, NULL, 0}};
    while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1)
        if (c == 'o')
            output = optarg;
        else
            return calendar_usage(stderr), EXIT_UNREADABLE;
    if (optind != argc - 1)
        return calendar_usage(stderr), EXIT_UNREADABLE;
    gk_calendar *cal = NULL;
    gk_error err = {GK_OK, ""};
    if (gk_calendar_import_dir(argv[optind], &cal, &err) != GK_OK) {
        fprintf(stderr, "gongkai calendar import: %s\n", err.msg);
        return EXIT_UNREADABLE;
    }
    outfile of = {stdout, NULL, NULL};
    int ok = !output || outfile_open(&of, output) == 0;
    ok = ok && gk_calendar_write(cal, of.f, &err) == GK_OK;
    if (output && of.f)
        ok = outfile_close(&of, ok) == 0 && ok;
    if (!ok)
        fprintf(stderr, "gongkai calendar import: %s\n",
                err.msg[0] ? err.msg : "写入失败 / write failed");
    gk_calendar_free(cal);
    return ok ? EXIT_CLEAN : EXIT_UNREADABLE;
}

static const char *year_status_text(gk_year_status st)
{
    if (st == GK_YEAR_PUBLISHED)
        return "已发布 published";
    if (st == GK_YEAR_UNPUBLISHED)
        return "未发布 not published: 期限仅按周一至周五计算，未经确认 deadlines unconfirmed";
    return "不在日历中 not in the calendar: 期限仅按周一至周五计算，未经确认 deadlines unconfirmed";
}

static void show_year(const gk_calendar *cal, int year)
{
    const char *const *src;
    size_t n = gk_calendar_year_sources(cal, year, &src);
    char date[11];
    printf("%d %s\n", year, year_status_text(gk_calendar_year_status(cal, year)));
    for (size_t i = 0; i < n; i++)
        printf("  %s\n", src[i]);
    if (n && gk_calendar_year_status(cal, year + 1) != GK_YEAR_PUBLISHED)
        printf("  %d-12-25 至 12-31 待 %d 年通知发布后确认 / 25 to 31 December unconfirmed until "
               "the %d notice\n",
               year, year + 1, year + 1);
    for (size_t i = 0; i < gk_calendar_count(cal); i++) {
        gk_calendar_entry e = gk_calendar_at(cal, i);
        int y;
        gk_date_ymd(e.date, &y, NULL, NULL);
        if (y == year)
            printf("%s %s  %s  %s\n", gk_date_format(e.date, date), weekday(e.date, GK_LANG_ZH),
                   e.off ? "放假 off" : "上班 work", e.name);
    }
}

static void show_years(const gk_calendar *cal)
{
    int first, last;
    gk_calendar_years(cal, &first, &last);
    for (int y = first; first && y <= last; y++)
        printf("%d %s\n", y, year_status_text(gk_calendar_year_status(cal, y)));
}

static int calendar_show(int argc, char **argv)
{
    const char *path = NULL;
    int c;
    static const struct option longopts[] = {{"calendar", required_argument, NULL, 'k'},
                                             {NULL, 0, NULL, 0}};
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1)
        if (c == 'k')
            path = optarg;
        else
            return calendar_usage(stderr), EXIT_UNREADABLE;
    char *end = NULL;
    long year = optind < argc ? strtol(argv[optind], &end, 10) : 0;
    if (argc - optind > 1 || (end && (*end || year < 1900 || year > 9999))) {
        fprintf(stderr, "gongkai calendar show: 年份应为 1900 至 9999 / YEAR is 1900 to 9999\n");
        return EXIT_UNREADABLE;
    }
    gk_calendar *cal = cli_calendar_open("calendar", path);
    if (!cal)
        return EXIT_UNREADABLE;
    if (year)
        show_year(cal, (int)year);
    else
        show_years(cal);
    gk_calendar_free(cal);
    return EXIT_CLEAN;
}

int cmd_calendar(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "import") == 0)
        return calendar_import(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "show") == 0)
        return calendar_show(argc - 1, argv + 1);
    int help = argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0);
    calendar_usage(help ? stdout : stderr);
    return help ? EXIT_CLEAN : EXIT_UNREADABLE;
}
