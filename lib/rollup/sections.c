/*
 * sections.c — the six sections of a rollup: the canonical headings (gk_schema_section) and
 * short generated prose. 一 says what was summed (how many reports, which years, what was left
 * out); 五 and 六 say they are not summed (六 names 信息处理费, which V-D-04 looks for). The prose
 * avoids the words the prose checks take as statements about the tables.
 */
#include <stdio.h>
#include <string.h>

#include "rollup_int.h"

#define MAX_PARAS 4

void rollup_years_text(const rollup_summary *s, strbuf *zh, strbuf *en)
{
    char buf[64];
    int first = 1;
    for (int i = 0; i < ROLLUP_YEARS; i++) {
        if (!s->years[i])
            continue;
        snprintf(buf, sizeof buf, "%s%d 年 %zu 份", first ? "" : "、", ROLLUP_FIRST_YEAR + i,
                 s->years[i]);
        sb_put(zh, buf);
        snprintf(buf, sizeof buf, "%s%d: %zu", first ? "" : ", ", ROLLUP_FIRST_YEAR + i,
                 s->years[i]);
        sb_put(en, buf);
        first = 0;
    }
    if (!s->unknown_year)
        return;
    snprintf(buf, sizeof buf, "%s年度不明 %zu 份", first ? "" : "、", s->unknown_year);
    sb_put(zh, buf);
    snprintf(buf, sizeof buf, "%sunknown: %zu", first ? "" : ", ", s->unknown_year);
    sb_put(en, buf);
}

static void overall_what(const rollup_summary *s, char *buf, size_t size)
{
    char zh[1024], en[1024];
    strbuf z, e;
    sb_init(&z, zh, sizeof zh);
    sb_init(&e, en, sizeof en);
    rollup_years_text(s, &z, &e);
    if (s->year)
        snprintf(buf, size,
                 "本报告由 %zu 份政府信息公开工作年度报告的表格数据汇总而成，"
                 "统计期限为%d年1月1日至12月31日。",
                 s->reports, s->year);
    else
        snprintf(buf, size,
                 "本报告由 %zu 份政府信息公开工作年度报告的表格数据汇总而成，"
                 "各报告的年度为：%s。",
                 s->reports, zh);
}

static void overall_left_out(const rollup_summary *s, char *buf, size_t size)
{
    buf[0] = '\0';
    if (s->unreadable && s->not_reports)
        snprintf(buf, size, "另有 %zu 个输入文件无法读取、%zu 个文件不是年度报告，均未汇总。",
                 s->unreadable, s->not_reports);
    else if (s->unreadable)
        snprintf(buf, size, "另有 %zu 个输入文件无法读取，未汇总。", s->unreadable);
    else if (s->not_reports)
        snprintf(buf, size, "另有 %zu 个文件不是年度报告，未汇总。", s->not_reports);
}

static void overall_how(const rollup_summary *s, char *buf, size_t size)
{
    int n = snprintf(buf, size, "%s", "表格各单元格为各报告所填数值之和，空白单元格不计入。");
    if (s->old_format && n > 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n,
                 "有 %zu 份报告含 2019 年格式的表格，已按新旧格式对照折算，"
                 "折算和未计入的项目见诊断信息。",
                 s->old_format);
}

void rollup_sections(gk_doc *doc, const rollup_summary *s)
{
    char what[1536], left[512], how[512];
    overall_what(s, what, sizeof what);
    overall_left_out(s, left, sizeof left);
    overall_how(s, how, sizeof how);
    const char *overall[MAX_PARAS];
    int n = 0;
    overall[n++] = what;
    if (left[0])
        overall[n++] = left;
    overall[n++] = how;
    static const char *const problems[] = {
        "本部分不作汇总，各机关存在的主要问题及改进情况见各自报告。"};
    static const char *const other[] = {"本部分不作汇总，各机关信息处理费收取情况见各自报告。"};
    doc_put_section(doc, GK_S1_OVERALL, overall, n);
    for (int i = GK_S2_PROACTIVE; i <= GK_S4_REVIEW_LITIGATION; i++)
        doc_put_section(doc, (gk_section_id)i, NULL, 0);
    doc_put_section(doc, GK_S5_PROBLEMS, problems, 1);
    doc_put_section(doc, GK_S6_OTHER, other, 1);
}
