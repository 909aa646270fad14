/*
 * summary_page.c — the HTML of `gongkai summary`: a header (how many reports, which years and
 * agencies, the inputs that could not be read), each year's totals in the official tables,
 * trend charts when the set spans several years, the ranking chart of 公开率 and every
 * indicator ranked, the problems by rule and row by row, and the first reports in full. Charts are
 * inline SVG; the CSS is in the page; nothing else is loaded. What summary.c kept up to its limits
 * is shown with a note saying how much more there is and where to find it (gongkai export).
 */
#include <stdlib.h>
#include <string.h>

#include "summary.h"

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
    "summary{cursor:pointer;color:#1f5fa8;margin:.6em 0}nav "
    "a{margin-right:1em}.meta{color:#555}td.sev,.nw{white-space:nowrap}"
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

static int nind(void)
{
    return gk_indicator_count() < SUM_MAX_IND ? gk_indicator_count() : SUM_MAX_IND;
}

/* Copies what a temporary file holds to out. */
static void copy_file(FILE *from, FILE *out)
{
    char buf[1 << 14];
    size_t got;
    if (!from || fflush(from) != 0 || fseek(from, 0, SEEK_SET) != 0)
        return;
    while ((got = fread(buf, 1, sizeof buf, from)) > 0)
        fwrite(buf, 1, got, out);
}

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

/* "（仅列出前 N 项，共 M 项）" when only the first `shown` of `total` are listed. */
static void more_note(size_t shown, size_t total, const char *what_zh, const char *what_en,
                      FILE *out)
{
    if (total <= shown)
        return;
    fprintf(out,
            "<p class=\"meta more\">仅列出前 %zu %s，共 %zu；全部请用 <code>gongkai export</code> "
            "导出。<span class=\"en\">the first %zu of %zu %s; gongkai export has them "
            "all</span></p>\n",
            shown, what_zh, total, shown, total, what_en);
}

/* A long table goes into a <details> element, closed, so the page stays short to scroll
 * (no script needed); a short one is shown as it is. */
#define FOLD_ROWS 50

static void fold_begin(size_t rows, const char *zh, const char *en, FILE *out)
{
    if (rows > FOLD_ROWS)
        fprintf(out, "<details><summary>%s（%zu）<span class=\"en\">%s</span></summary>\n", zh,
                rows, en);
}

static void fold_end(size_t rows, FILE *out)
{
    if (rows > FOLD_ROWS)
        fputs("</details>\n", out);
}

/* ---- Header ---- */

static size_t year_count(const summary *s)
{
    size_t k = 0;
    for (int y = 0; y < SUM_YEARS; y++)
        k += s->years[y] > 0;
    return k;
}

static void header_years(const summary *s, FILE *out)
{
    fputs("<li>年度 <span class=\"en\">years</span>：", out);
    const char *sep = "";
    for (int y = 0; y < SUM_YEARS; y++)
        if (s->years[y]) {
            fprintf(out, "%s%d（%zu 份）", sep, SUM_FIRST_YEAR + y, s->years[y]);
            sep = "、";
        }
    if (s->unknown_year)
        fprintf(out, "%s年度不明 %zu 份", sep, s->unknown_year);
    fputs(year_count(s) || s->unknown_year ? "</li>\n" : "—</li>\n", out);
}

static void header_agencies(const summary *s, FILE *out)
{
    fprintf(out, "<li>机关 %zu 个 <span class=\"en\">agencies</span>：", s->agencies);
    size_t listed = s->agencies < SUM_AGENCY_NAMES ? s->agencies : SUM_AGENCY_NAMES;
    for (size_t i = 0; i < listed; i++) {
        fputs(i ? "、" : "", out);
        esc(s->agency_names[i], out);
    }
    if (listed < s->agencies)
        fprintf(out, " 等（另有 %zu 个）", s->agencies - listed);
    fputs("</li>\n", out);
}

static void header_counts(const summary *s, FILE *out)
{
    fprintf(out,
            "<li>报告 %zu 份，无法读取 %zu 个，重复 %zu 份（未计入） <span class=\"en\">%zu "
            "reports, %zu unreadable, %zu duplicates left out</span></li>\n",
            s->n, s->nbad, s->ndup, s->n, s->nbad, s->ndup);
    header_years(s, out);
    header_agencies(s, out);
    fprintf(out,
            "<li>发现问题：错误 %zu 条，警告 %zu 条 <span class=\"en\">%zu errors, %zu "
            "warnings</span></li>\n",
            s->errors, s->warnings, s->errors, s->warnings);
}

/* A table of inputs left out: unreadable ones with the reason, duplicates with the file
 * they repeat. */
static void left_out_table(const sum_bad *list, size_t n, const char *cls, const char *zh,
                           const char *en, const char *second, FILE *out)
{
    if (!n)
        return;
    heading(out, "h3", cls, zh, en);
    fprintf(out, "<table class=\"%s\">\n<tr><th>文件 file</th><th>%s</th></tr>\n", cls, second);
    size_t listed = n < SUM_UNREADABLE ? n : SUM_UNREADABLE;
    for (size_t i = 0; i < listed; i++) {
        fputs("<tr><td>", out);
        esc(list[i].path, out);
        fputs("</td><td>", out);
        esc(list[i].why, out);
        fputs("</td></tr>\n", out);
    }
    fputs("</table>\n", out);
    more_note(listed, n, "个", "inputs", out);
}

static void header_unreadable(const summary *s, FILE *out)
{
    left_out_table(s->bad, s->nbad, "unreadable", "无法读取的文件", "unreadable inputs",
                   "原因 reason", out);
    left_out_table(s->dup, s->ndup, "duplicates", "重复的报告（未重复计入）",
                   "the same report twice, counted once", "与之相同的文件 same data as", out);
}

static void page_header(const summary *s, int trends, FILE *out)
{
    fputs("<header>\n<h1>政府信息公开工作年度报告汇总<span class=\"en\">Summary of disclosure "
          "annual reports</span></h1>\n<ul class=\"facts\">\n",
          out);
    header_counts(s, out);
    fputs("</ul>\n", out);
    header_unreadable(s, out);
    fputs("<nav><a href=\"#totals\">合计</a>", out);
    if (trends)
        fputs("<a href=\"#trends\">历年变化</a>", out);
    fputs("<a href=\"#ranking\">指标排名</a><a href=\"#problems\">问题清单</a>"
          "<a href=\"#reports\">各报告</a></nav>\n</header>\n",
          out);
}

/* ---- Ranking ---- */

static void report_link(const sum_entry *e, FILE *out)
{
    if (e->ord < SUM_DETAILS)
        fprintf(out, "<a href=\"#r%zu\">", e->ord + 1);
    esc(e->name, out);
    fputs(e->ord < SUM_DETAILS ? "</a>" : "", out);
}

static void ranking_row(const sum_entry *e, size_t rank, FILE *out)
{
    char pct[32];
    if (rank)
        fprintf(out, "<tr><td class=\"n\">%zu</td><td>", rank);
    else
        fputs("<tr><td class=\"n\">-</td><td>", out);
    report_link(e, out);
    fprintf(out, "</td><td class=\"n\">%d</td>", e->year);
    for (int j = 0; j < nind(); j++)
        fprintf(out, "<td class=\"n\">%s%s</td>",
                e->ok[j] ? gk_indicator_percent(e->num[j], e->den[j], pct, sizeof pct) : "-",
                e->ok[j] ? "%" : "");
    file_cell(e->path, NULL, out);
    fputs("</tr>\n", out);
}

static void ranking_head(const summary *s, FILE *out)
{
    fputs("<div class=\"wide\"><table class=\"ranking\">\n<tr><th class=\"nw\">名次</th>"
          "<th>机关</th><th class=\"nw\">年度</th>",
          out);
    for (int j = 0; j < nind(); j++) {
        fputs("<th>", out);
        esc(tr(s->lang) ? gk_indicator_at(j)->name_en : gk_indicator_at(j)->name_zh, out);
        fputs("</th>", out);
    }
    fputs("<th>文件</th></tr>\n", out);
}

static void ranking_table(const summary *s, FILE *out)
{
    size_t cols = (size_t)nind() + 4, skipped = s->applicable - s->ntop - s->nbottom;
    ranking_head(s, out);
    for (size_t k = 0; k < s->ntop; k++)
        ranking_row(&s->top[k], k + 1, out);
    if (skipped)
        fprintf(out,
                "<tr class=\"gap\"><td colspan=\"%zu\">…… 中间 %zu 份从略 <span "
                "class=\"en\">%zu more</span> ……</td></tr>\n",
                cols, skipped, skipped);
    for (size_t k = 0; k < s->nbottom; k++)
        ranking_row(&s->bottom[k], s->applicable - s->nbottom + k + 1, out);
    size_t na = s->nna < SUM_NA_KEEP ? s->nna : SUM_NA_KEEP;
    for (size_t k = 0; k < na; k++)
        ranking_row(&s->na[k], 0, out);
    fputs("</table></div>\n", out);
    more_note(na, s->nna, "份不适用的报告", "reports where it does not apply", out);
}

static void ranking_chart(const summary *s, FILE *out)
{
    if (s->nsmall == s->n) {
        gk_chart_ranking((const gk_doc *const *)s->small, s->nsmall, s->by, s->lang, out);
        return;
    }
    gk_chart_bar bars[SUM_CHART_BARS];
    size_t n = s->ntop < SUM_CHART_BARS ? s->ntop : SUM_CHART_BARS;
    for (size_t k = 0; k < n; k++)
        bars[k] = (gk_chart_bar){s->top[k].name, 1, s->top[k].num[s->by], s->top[k].den[s->by]};
    gk_chart_ranking_bars(bars, n, s->n, s->by, s->lang, out);
}

static void section_ranking(const summary *s, FILE *out)
{
    heading(out, "h2", "ranking", "指标排名", "indicators, ranked by 公开率");
    fputs("<p class=\"meta\">按公开率（予以公开＋部分公开占办理总计）从高到低排列；“-”表示"
          "不适用（缺表、空格或分母为零）。</p>\n",
          out);
    ranking_chart(s, out);
    fold_begin(s->n, "展开排名表，报告数", "the ranking table", out);
    ranking_table(s, out);
    fold_end(s->n, out);
}

/* ---- Trends and totals ---- */

/* The year totals in year order; returns how many. */
static size_t totals_of(const summary *s, const gk_doc **docs)
{
    size_t k = 0;
    for (int y = 0; y < SUM_YEARS; y++)
        if (s->totals[y])
            docs[k++] = s->totals[y];
    return k;
}

static void section_trends(const summary *s, FILE *out)
{
    static const char *const keys[] = {"t3.new.total", "t3.total_processed.total"};
    const gk_doc *totals[SUM_YEARS];
    size_t nt = totals_of(s, totals);
    heading(out, "h2", "trends", "历年变化", "across years");
    if (s->nsmall != s->n)
        fputs("<p class=\"meta\">报告较多，按年度合计显示。<span class=\"en\">yearly totals"
              "</span></p>\n",
              out);
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        if (s->nsmall == s->n)
            gk_chart_trend((const gk_doc *const *)s->small, s->nsmall, keys[k], s->lang, out);
        else
            gk_chart_trend(totals, nt, keys[k], s->lang, out);
    }
}

static void section_totals(const summary *s, FILE *out)
{
    int last = SUM_YEARS - 1;
    while (last > 0 && !s->totals[last])
        last--;
    heading(out, "h2", "totals", "合计", "each year's reports summed (gongkai rollup)");
    for (int y = 0; y < SUM_YEARS; y++) {
        if (!s->totals[y])
            continue;
        fprintf(out,
                "<section class=\"total\" id=\"total%d\">\n<h3>%d 年合计（%zu 份报告）"
                "<span class=\"en\">%d, %zu reports</span></h3>\n",
                SUM_FIRST_YEAR + y, SUM_FIRST_YEAR + y, s->years[y], SUM_FIRST_YEAR + y,
                s->years[y]);
        gk_chart_outcomes(s->totals[y], s->lang, out);
        /* the latest year's tables are shown; earlier years' are folded */
        if (y != last)
            fputs("<details><summary>展开表格 <span class=\"en\">the tables</span></summary>\n",
                  out);
        report_tables(s->totals[y], s->lang, out);
        fputs(y != last ? "</details>\n</section>\n" : "</section>\n", out);
    }
}

/* ---- Problems ---- */

void page_problem_row(const summary *s, size_t ord, const char *path, const gk_diag *d, FILE *out)
{
    const char *cls = d->severity == GK_SEV_ERROR ? "error" : "warning";
    char href[32];
    snprintf(href, sizeof href, "#r%zu", ord + 1);
    fprintf(out, "<tr class=\"%s\">", cls);
    file_cell(path, ord < SUM_DETAILS ? href : NULL, out);
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

static int cmp_rule(const void *pa, const void *pb)
{
    const sum_rule *a = pa, *b = pb;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return strcmp(a->rule, b->rule);
}

static void rule_table(const summary *s, FILE *out)
{
    sum_rule v[SUM_RULE_SLOTS];
    size_t n = 0;
    for (size_t j = 0; j < SUM_RULE_SLOTS; j++)
        if (s->rules[j].rule[0])
            v[n++] = s->rules[j];
    if (!n)
        return;
    qsort(v, n, sizeof *v, cmp_rule);
    fputs("<table class=\"rules\">\n<tr><th>规则 rule</th><th class=\"nw\">级别</th>"
          "<th>条数 findings</th><th>涉及报告 reports</th></tr>\n",
          out);
    for (size_t k = 0; k < n; k++) {
        fprintf(out, "<tr class=\"%s\"><td>", v[k].sev >= GK_SEV_ERROR ? "error" : "warning");
        esc(v[k].rule, out);
        fprintf(out,
                "</td><td class=\"sev\">%s</td><td class=\"n\">%zu</td><td "
                "class=\"n\">%zu</td></tr>\n",
                gk_severity_name(v[k].sev, s->lang), v[k].count, v[k].reports);
    }
    fputs("</table>\n", out);
}

static void section_problems(const summary *s, FILE *out)
{
    heading(out, "h2", "problems", "问题清单", "errors and warnings");
    if (!s->nproblems) {
        fputs("<p>没有发现错误或警告。<span class=\"en\">no errors or warnings</span></p>\n", out);
        return;
    }
    rule_table(s, out);
    fold_begin(s->nproblems, "展开逐条清单，问题数", "one by one", out);
    fputs("<div class=\"wide\"><table class=\"problems\">\n<tr><th>文件 file</th><th "
          "class=\"nw\">级别</th><th class=\"nw\">规则 rule</th><th>说明 message</th><th "
          "class=\"nw\">行 line</th></tr>\n",
          out);
    copy_file(s->problems, out);
    fputs("</table></div>\n", out);
    more_note(SUM_PROBLEMS, s->nproblems, "条", "findings", out);
    fold_end(s->nproblems, out);
}

/* ---- Reports ---- */

static void report_meta(const char *path, const gk_doc *d, FILE *out)
{
    size_t e = gk_doc_diag_count_at_least(d, GK_SEV_ERROR);
    fputs("<p class=\"meta\">文件 ", out);
    esc(path, out);
    fprintf(out, "；格式 %d 版", (int)gk_doc_template(d));
    if (gk_doc_published(d))
        fprintf(out, "；发布日期 %d-%02d-%02d", gk_doc_published(d) / 10000,
                gk_doc_published(d) / 100 % 100, gk_doc_published(d) % 100);
    fprintf(out, "；错误 %zu 条，警告 %zu 条</p>\n", e,
            gk_doc_diag_count_at_least(d, GK_SEV_WARNING) - e);
}

void page_report_section(const summary *s, size_t ord, const char *path, const gk_doc *d, FILE *out)
{
    fprintf(out, "<section class=\"report\" id=\"r%zu\">\n<h2>%zu. ", ord + 1, ord + 1);
    esc(gk_doc_agency(d)[0] ? gk_doc_agency(d) : "（机关不详）", out);
    if (gk_doc_year(d) > 0)
        fprintf(out, " %d年", gk_doc_year(d));
    fputs("</h2>\n", out);
    report_meta(path, d, out);
    gk_chart_outcomes(d, s->lang, out);
    report_tables(d, s->lang, out);
    fputs("</section>\n", out);
}

/* ---- The page ---- */

void page_write(const summary *s, FILE *out)
{
    int trends = year_count(s) >= 2;
    fprintf(out,
            "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>政府信息公开工作年度报告汇总（%zu 份）</title>\n<style>%s</style>\n</head>\n"
            "<body>\n",
            tr(s->lang) ? "en" : "zh-CN", s->n, style);
    page_header(s, trends, out);
    section_totals(s, out);
    if (trends)
        section_trends(s, out);
    section_ranking(s, out);
    section_problems(s, out);
    heading(out, "h2", "reports", "各报告", "each report: outcomes and the three tables");
    more_note(SUM_DETAILS, s->n, "份报告的详情", "reports in full", out);
    copy_file(s->details, out);
    fputs("</body>\n</html>\n", out);
}
