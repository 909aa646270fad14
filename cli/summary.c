/*
 * summary.c — `gongkai summary`: one self-contained HTML page for a set of reports.
 *
 *   gongkai summary [--lang zh|en] -o OUT.html FILE|DIR…
 *
 * The page holds a header (how many reports, which years and agencies, the inputs that could
 * not be read and why), every indicator ranked (as `gongkai rank`), the ranking chart of 公开率,
 * trend charts of 本年新收 and 办理总计 when the set spans several years, every error and
 * warning in one table, and per report its outcome chart and its three tables in the official
 * layout. Charts are inline SVG; the CSS is in the page; nothing else is loaded.
 *
 * Every report is held in memory until the page is written. The page is written to a
 * temporary file next to OUT and renamed into place only when complete.
 *
 * Exit status: 0 page written from readable inputs only; 2 an input could not be read (the page
 * is still written and lists it), no -o, or the page could not be written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "outfile.h"

#define MAX_IND 32

typedef struct failed {
    const char *path;
    char why[300];
} failed;

/* The reports that were read (docs and view in input order) and the inputs that were not. */
typedef struct set {
    gk_doc **docs;
    const gk_doc **view; /* the same documents, for the chart functions */
    const char **paths;
    size_t n;
    failed *bad;
    size_t nbad;
    gk_lang lang;
} set;

static const char style[] =
    "body{font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',"
    "sans-serif;max-width:1120px;margin:1em auto;padding:0 1em;color:#222;line-height:1.5}"
    "h1{font-size:1.6em;margin:.4em 0}h2{border-bottom:2px solid #1f5fa8;padding-bottom:.2em;"
    "margin-top:2em}h3{font-size:1.05em;margin:1.2em 0 .3em}"
    ".en{color:#666;font-weight:normal;font-size:.8em;margin-left:.5em}"
    "table{border-collapse:collapse;margin:.6em 0;font-size:14px}"
    "th,td{border:1px solid #999;padding:.2em .5em;vertical-align:top}"
    "th{font-weight:normal;background:#f0f3f7}td.n{text-align:right;white-space:nowrap}"
    ".wide{overflow-x:auto}.facts li{margin:.1em 0}"
    ".report table td{text-align:right}.report td.blank{background:#fafafa}"
    ".report td.missing{background:#fde2e2;color:#a00}"
    ".report td.invalid{background:#fff3cd;color:#8a5a00}"
    "tr.error td.sev{color:#b00020;font-weight:bold}tr.warning td.sev{color:#8a5a00}"
    "svg{display:block;max-width:100%;height:auto;margin:.6em 0}"
    "nav a{margin-right:1em}.meta{color:#555}td.sev,.nw{white-space:nowrap}"
    ".ranking td:nth-child(2){white-space:nowrap}.ranking td:last-child,.problems td:first-child"
    "{font-size:12px}";

static void esc(const char *s, FILE *out)
{
    for (; s && *s; s++) {
        if (*s == '&')
            fputs("&amp;", out);
        else if (*s == '<')
            fputs("&lt;", out);
        else if (*s == '>')
            fputs("&gt;", out);
        else if (*s == '"')
            fputs("&quot;", out);
        else
            fputc(*s, out);
    }
}

/* A heading: Chinese, then the English in a smaller grey span. */
static void heading(FILE *out, const char *tag, const char *id, const char *zh, const char *en)
{
    fprintf(out, "<%s%s%s%s>", tag, id ? " id=\"" : "", id ? id : "", id ? "\"" : "");
    esc(zh, out);
    fprintf(out, "<span class=\"en\">%s</span></%s>\n", en, tag);
}

static int tr(gk_lang lang)
{
    return lang == GK_LANG_EN;
}

/* The last component of a path, shown in tables (the whole path is its title). */
static void file_cell(const char *path, const char *href, FILE *out)
{
    const char *base = strrchr(path, '/');
    fputs("<td title=\"", out);
    esc(path, out);
    fputs("\">", out);
    if (href)
        fprintf(out, "<a href=\"%s\">", href);
    esc(base && base[1] ? base + 1 : path, out);
    fputs(href ? "</a></td>" : "</td>", out);
}

/* ---- Reading ---- */

static void add_failed(set *s, const char *path, const char *why)
{
    failed *f = &s->bad[s->nbad++];
    f->path = path;
    snprintf(f->why, sizeof f->why, "%s", why);
}

static void read_one(set *s, const char *path)
{
    char why[300];
    gk_doc *doc = cli_read(path, 1, why, sizeof why);
    if (!doc) {
        add_failed(s, path, why);
    } else {
        gk_check(doc);
        s->docs[s->n] = doc;
        s->view[s->n] = doc;
        s->paths[s->n++] = path;
    }
}

static int read_all(set *s, const inputs *in)
{
    size_t cap = in->n ? in->n : 1;
    s->docs = calloc(cap, sizeof *s->docs);
    s->view = calloc(cap, sizeof *s->view);
    s->paths = calloc(cap, sizeof *s->paths);
    s->bad = calloc(cap, sizeof *s->bad);
    if (!s->docs || !s->view || !s->paths || !s->bad)
        return -1;
    int tty = isatty(STDERR_FILENO);
    for (size_t i = 0; i < in->n; i++) {
        if (tty)
            fprintf(stderr, "\r%zu/%zu", i + 1, in->n);
        read_one(s, in->paths[i]);
    }
    if (tty && in->n)
        fputc('\n', stderr);
    for (size_t i = 0; i < s->nbad; i++)
        fprintf(stderr, "%s: %s\n", s->bad[i].path, s->bad[i].why);
    return 0;
}

static void free_set(set *s)
{
    for (size_t i = 0; s->docs && i < s->n; i++)
        gk_doc_free(s->docs[i]);
    free(s->docs);
    free(s->view);
    free(s->paths);
    free(s->bad);
}

/* ---- Header ---- */

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The distinct known years, ascending; returns how many. */
static size_t years_of(const set *s, int *years)
{
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++) {
        int y = gk_doc_year(s->docs[i]), seen = 0;
        for (size_t j = 0; j < k; j++)
            seen |= years[j] == y;
        if (y > 0 && !seen)
            years[k++] = y;
    }
    qsort(years, k, sizeof *years, cmp_int);
    return k;
}

/* 1 if report i is the first with its agency. */
static int first_of_agency(const set *s, size_t i)
{
    const char *a = gk_doc_agency(s->docs[i]);
    for (size_t j = 0; j < i; j++)
        if (strcmp(gk_doc_agency(s->docs[j]), a) == 0)
            return 0;
    return a[0] != 0;
}

static void header_years(const set *s, FILE *out)
{
    int *years = calloc(s->n ? s->n : 1, sizeof *years);
    size_t k = years ? years_of(s, years) : 0;
    fprintf(out, "<li>年度 <span class=\"en\">years</span>：");
    for (size_t j = 0; j < k; j++)
        fprintf(out, "%s%d", j ? "、" : "", years[j]);
    fputs(k ? "</li>\n" : "—</li>\n", out);
    free(years);
}

static void header_agencies(const set *s, FILE *out)
{
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++)
        k += (size_t)first_of_agency(s, i);
    fprintf(out, "<li>机关 %zu 个 <span class=\"en\">agencies</span>：", k);
    for (size_t i = 0, j = 0; i < s->n; i++) {
        if (!first_of_agency(s, i))
            continue;
        fputs(j++ ? "、" : "", out);
        esc(gk_doc_agency(s->docs[i]), out);
    }
    fputs("</li>\n", out);
}

static void header_counts(const set *s, FILE *out)
{
    size_t errors = 0, warnings = 0;
    for (size_t i = 0; i < s->n; i++) {
        size_t e = gk_doc_diag_count_at_least(s->docs[i], GK_SEV_ERROR);
        errors += e;
        warnings += gk_doc_diag_count_at_least(s->docs[i], GK_SEV_WARNING) - e;
    }
    fprintf(out,
            "<li>报告 %zu 份，无法读取 %zu 个 <span class=\"en\">%zu reports, %zu unreadable"
            "</span></li>\n",
            s->n, s->nbad, s->n, s->nbad);
    header_years(s, out);
    header_agencies(s, out);
    fprintf(out,
            "<li>发现问题：错误 %zu 条，警告 %zu 条 <span class=\"en\">%zu errors, %zu "
            "warnings</span></li>\n",
            errors, warnings, errors, warnings);
}

static void header_unreadable(const set *s, FILE *out)
{
    if (!s->nbad)
        return;
    heading(out, "h3", "unreadable", "无法读取的文件", "unreadable inputs");
    fputs("<table class=\"unreadable\">\n<tr><th>文件 file</th><th>原因 reason</th></tr>\n", out);
    for (size_t i = 0; i < s->nbad; i++) {
        fputs("<tr><td>", out);
        esc(s->bad[i].path, out);
        fputs("</td><td>", out);
        esc(s->bad[i].why, out);
        fputs("</td></tr>\n", out);
    }
    fputs("</table>\n", out);
}

static void page_header(const set *s, int trends, FILE *out)
{
    fputs("<header>\n<h1>政府信息公开工作年度报告汇总<span class=\"en\">Summary of disclosure "
          "annual reports</span></h1>\n<ul class=\"facts\">\n",
          out);
    header_counts(s, out);
    fputs("</ul>\n", out);
    header_unreadable(s, out);
    fputs("<nav><a href=\"#ranking\">指标排名</a>", out);
    if (trends)
        fputs("<a href=\"#trends\">历年变化</a>", out);
    fputs("<a href=\"#problems\">问题清单</a><a href=\"#reports\">各报告</a></nav>\n</header>\n",
          out);
}

/* ---- Ranking ---- */

typedef struct ranked {
    size_t i;
    int ok[MAX_IND];
    int64_t num[MAX_IND], den[MAX_IND];
    int by; /* the indicator sorted on */
} ranked;

static int cmp_ranked(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;
    int k = a->by;
    if (a->ok[k] != b->ok[k])
        return a->ok[k] ? -1 : 1;
    if (a->ok[k]) {
        int c = gk_indicator_cmp(a->num[k], a->den[k], b->num[k], b->den[k]);
        if (c)
            return -c; /* highest first */
    }
    return a->i < b->i ? -1 : 1;
}

static int nind(void)
{
    return gk_indicator_count() < MAX_IND ? gk_indicator_count() : MAX_IND;
}

static void report_link(const set *s, size_t i, FILE *out)
{
    fprintf(out, "<a href=\"#r%zu\">", i + 1);
    esc(gk_doc_agency(s->docs[i])[0] ? gk_doc_agency(s->docs[i]) : s->paths[i], out);
    fputs("</a>", out);
}

static void ranking_row(const set *s, const ranked *r, size_t k, FILE *out)
{
    char pct[32];
    fprintf(out, "<tr><td class=\"n\">%zu</td><td>", k + 1);
    report_link(s, r->i, out);
    fprintf(out, "</td><td class=\"n\">%d</td>", gk_doc_year(s->docs[r->i]));
    for (int j = 0; j < nind(); j++)
        fprintf(out, "<td class=\"n\">%s%s</td>",
                r->ok[j] ? gk_indicator_percent(r->num[j], r->den[j], pct, sizeof pct) : "-",
                r->ok[j] ? "%" : "");
    file_cell(s->paths[r->i], NULL, out);
    fputs("</tr>\n", out);
}

static void ranking_table(const set *s, FILE *out)
{
    ranked *v = calloc(s->n ? s->n : 1, sizeof *v);
    int by = gk_indicator_find("disclosed");
    if (!v)
        return;
    for (size_t i = 0; i < s->n; i++) {
        v[i] = (ranked){.i = i, .by = by < 0 || by >= MAX_IND ? 0 : by};
        for (int j = 0; j < nind(); j++)
            v[i].ok[j] = gk_indicator_value(s->docs[i], j, &v[i].num[j], &v[i].den[j]);
    }
    qsort(v, s->n, sizeof *v, cmp_ranked);
    fputs(
        "<div class=\"wide\"><table class=\"ranking\">\n<tr><th class=\"nw\">名次</th><th>机关</th>"
        "<th class=\"nw\">年度</th>",
        out);
    for (int j = 0; j < nind(); j++) {
        fputs("<th>", out);
        esc(tr(s->lang) ? gk_indicator_at(j)->name_en : gk_indicator_at(j)->name_zh, out);
        fputs("</th>", out);
    }
    fputs("<th>文件</th></tr>\n", out);
    for (size_t k = 0; k < s->n; k++)
        ranking_row(s, &v[k], k, out);
    fputs("</table></div>\n", out);
    free(v);
}

static void section_ranking(const set *s, FILE *out)
{
    heading(out, "h2", "ranking", "指标排名", "indicators, ranked by 公开率");
    fputs("<p class=\"meta\">按公开率（予以公开＋部分公开占办理总计）从高到低排列；“-”表示"
          "不适用（缺表、空格或分母为零）。</p>\n",
          out);
    ranking_table(s, out);
    gk_chart_ranking(s->view, s->n, gk_indicator_find("disclosed"), s->lang, out);
}

/* ---- Trends ---- */

static int several_years(const set *s)
{
    int *years = calloc(s->n ? s->n : 1, sizeof *years);
    size_t k = years ? years_of(s, years) : 0;
    free(years);
    return k >= 2;
}

static void section_trends(const set *s, FILE *out)
{
    heading(out, "h2", "trends", "历年变化", "across years");
    gk_chart_trend(s->view, s->n, "t3.new.total", s->lang, out);
    gk_chart_trend(s->view, s->n, "t3.total_processed.total", s->lang, out);
}

/* ---- Problems ---- */

static void problem_row(const set *s, size_t i, const gk_diag *d, FILE *out)
{
    const char *cls = d->severity == GK_SEV_ERROR ? "error" : "warning";
    char href[32];
    snprintf(href, sizeof href, "#r%zu", i + 1);
    fprintf(out, "<tr class=\"%s\">", cls);
    file_cell(s->paths[i], href, out);
    fprintf(out, "<td class=\"sev\">%s</td><td>", gk_severity_name(d->severity, s->lang));
    esc(d->rule, out);
    fputs("</td><td>", out);
    esc(tr(s->lang) ? d->msg_en : d->msg_zh, out);
    fputs("</td><td class=\"n\">", out);
    if (d->line)
        fprintf(out, "%u", d->line);
    if (d->line && d->page)
        fprintf(out, tr(s->lang) ? " (p. %u)" : "（第 %u 页）", d->page);
    fputs("</td></tr>\n", out);
}

static void section_problems(const set *s, FILE *out)
{
    size_t rows = 0;
    heading(out, "h2", "problems", "问题清单", "errors and warnings");
    fputs(
        "<div class=\"wide\"><table class=\"problems\">\n<tr><th>文件 file</th><th "
        "class=\"nw\">级别</th>"
        "<th class=\"nw\">规则 rule</th><th>说明 message</th><th class=\"nw\">行 line</th></tr>\n",
        out);
    for (size_t i = 0; i < s->n; i++)
        for (size_t k = 0; k < gk_doc_diag_count(s->docs[i]); k++) {
            const gk_diag *d = gk_doc_diag(s->docs[i], k);
            if (d->severity < GK_SEV_WARNING)
                continue;
            problem_row(s, i, d, out);
            rows++;
        }
    fputs("</table></div>\n", out);
    if (!rows)
        fputs("<p>没有发现错误或警告。<span class=\"en\">no errors or warnings</span></p>\n", out);
}

/* ---- Reports ---- */

/* Copies the tables of a page written by gk_render(…, GK_RENDER_HTML, …), each under the
 * heading of the section it sits in (as h3). */
static void copy_tables(const char *html, FILE *out)
{
    const char *p = strstr(html, "<body>"), *h = NULL, *he = NULL;
    while (p) {
        const char *h2 = strstr(p, "<h2>"), *t = strstr(p, "<table");
        if (!t)
            break;
        if (h2 && h2 < t) {
            h = h2 + 4;
            he = strstr(h, "</h2>");
            p = he ? he : h;
            continue;
        }
        const char *te = strstr(t, "</table>");
        if (!te)
            break;
        if (h && he)
            fprintf(out, "<h3>%.*s</h3>\n", (int)(he - h), h);
        h = NULL;
        fprintf(out, "%.*s\n", (int)(te + strlen("</table>") - t), t);
        p = te;
    }
}

static void report_tables(const gk_doc *doc, gk_lang lang, FILE *out)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        return;
    gk_status st = gk_render(doc, GK_RENDER_HTML, lang, mem);
    if (fclose(mem) == 0 && st == GK_OK && buf)
        copy_tables(buf, out);
    free(buf);
}

static void report_meta(const set *s, size_t i, FILE *out)
{
    const gk_doc *d = s->docs[i];
    size_t e = gk_doc_diag_count_at_least(d, GK_SEV_ERROR);
    fputs("<p class=\"meta\">文件 ", out);
    esc(s->paths[i], out);
    fprintf(out, "；格式 %d 版", (int)gk_doc_template(d));
    if (gk_doc_published(d))
        fprintf(out, "；发布日期 %d-%02d-%02d", gk_doc_published(d) / 10000,
                gk_doc_published(d) / 100 % 100, gk_doc_published(d) % 100);
    fprintf(out, "；错误 %zu 条，警告 %zu 条</p>\n", e,
            gk_doc_diag_count_at_least(d, GK_SEV_WARNING) - e);
}

static void section_report(const set *s, size_t i, FILE *out)
{
    const gk_doc *d = s->docs[i];
    fprintf(out, "<section class=\"report\" id=\"r%zu\">\n<h2>%zu. ", i + 1, i + 1);
    esc(gk_doc_agency(d)[0] ? gk_doc_agency(d) : "（机关不详）", out);
    if (gk_doc_year(d) > 0)
        fprintf(out, " %d年", gk_doc_year(d));
    fputs("</h2>\n", out);
    report_meta(s, i, out);
    gk_chart_outcomes(d, s->lang, out);
    report_tables(d, s->lang, out);
    fputs("</section>\n", out);
}

/* ---- The page ---- */

static void write_page(const set *s, FILE *out)
{
    int trends = several_years(s);
    fprintf(out,
            "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>政府信息公开工作年度报告汇总（%zu 份）</title>\n<style>%s</style>\n</head>\n"
            "<body>\n",
            tr(s->lang) ? "en" : "zh-CN", s->n, style);
    page_header(s, trends, out);
    section_ranking(s, out);
    if (trends)
        section_trends(s, out);
    section_problems(s, out);
    heading(out, "h2", "reports", "各报告", "each report: outcomes and the three tables");
    for (size_t i = 0; i < s->n; i++)
        section_report(s, i, out);
    fputs("</body>\n</html>\n", out);
}

/* Writes the page to a temporary file next to `path`, then renames it into place. */
static int write_atomically(const set *s, const char *path)
{
    outfile out;
    if (outfile_open(&out, path) != 0)
        return 0;
    write_page(s, out.f);
    return outfile_close(&out, 1) == 0;
}

int cmd_summary(const opts *o)
{
    if (!o->output || (o->format && strcmp(o->format, "html") != 0)) {
        fputs("gongkai summary: 需要 -o OUT.html / needs -o OUT.html (format: html)\n", stderr);
        return EXIT_UNREADABLE;
    }
    set s = {.lang = o->lang};
    int rc = EXIT_UNREADABLE;
    if (read_all(&s, &o->in) == 0 && write_atomically(&s, o->output))
        rc = s.nbad || o->in.empty ? EXIT_UNREADABLE : EXIT_CLEAN;
    free_set(&s);
    return rc;
}
