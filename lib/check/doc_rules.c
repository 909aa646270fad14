/*
 * doc_rules.c — document-level rules: the six sections in order (V-D-01), the statistics
 * period (V-D-02), the publication deadline of 条例第四十九条 (V-D-03) and the 信息处理费
 * statement in section 六 (V-D-04).
 */
#include <stdio.h>
#include <string.h>

#include "check_int.h"

static void rule_sections(gk_doc *doc)
{
    for (int s = 0; s < GK_SECTION_COUNT; s++) {
        const gk_section *sec = &doc->sections[s];
        const gk_section_def *def = gk_schema_section((gk_section_id)s);
        const char *label = def->labels[0];
        char zh[300], en[300];
        if (!sec->present) {
            snprintf(zh, sizeof zh, "缺少第%s部分“%s、%s”（或未按顺序）", def->ordinal,
                     def->ordinal, label);
            snprintf(en, sizeof en, "section %d (%s) is missing or out of order", s + 1, label);
            doc_diag(doc, GK_SEV_WARNING, "V-D-01", gk_schema_section((gk_section_id)s)->key, "",
                     "", NULL, zh, en);
        } else if (sec->ordinal != s + 1 || sec->digit_ordinal) {
            snprintf(zh, sizeof zh, "第%s部分标题的序号应为“%s、”", def->ordinal, def->ordinal);
            snprintf(en, sizeof en, "the heading of section %d should be numbered %s、", s + 1,
                     def->ordinal);
            doc_diag(doc, sec->ordinal != s + 1 ? GK_SEV_WARNING : GK_SEV_NOTE, "V-D-01",
                     gk_schema_section((gk_section_id)s)->key, "", "", &sec->heading, zh, en);
        }
    }
}

/* Finds "YYYY年1月1日" followed by "至" and an end date in s; returns the start year. */
static int period_start_year(const char *s, const char **end_year_at)
{
    for (const char *p = s; (p = strstr(p, "年1月1日")) != NULL; p++) {
        if (p - s < 4)
            continue;
        int y = 0;
        for (const char *d = p - 4; d < p; d++)
            y = (*d >= '0' && *d <= '9') ? y * 10 + (*d - '0') : -100000;
        const char *to = strstr(p, "12月31日");
        if (y > 1900 && to && to - p < 40 && strstr(p, "至")) {
            *end_year_at = to;
            return y;
        }
    }
    return 0;
}

static void rule_period(gk_doc *doc)
{
    for (size_t i = 0; doc->year && i < doc->nparas; i++) {
        if (doc->para_section[i] > GK_S1_OVERALL && doc->para_section[i] != GK_SECTION_COUNT)
            continue;
        const gk_text *t = &doc->paras[i];
        const char *end;
        int y = period_start_year(t->norm, &end);
        if (!y)
            continue;
        if (y != doc->year) {
            char zh[300], en[300], e[16], a[16];
            snprintf(e, sizeof e, "%d", doc->year);
            snprintf(a, sizeof a, "%d", y);
            snprintf(zh, sizeof zh, "统计期限为 %d 年，与报告年度 %d 年不符", y, doc->year);
            snprintf(en, sizeof en, "the statistics period is %d, the report year is %d", y,
                     doc->year);
            doc_diag(doc, GK_SEV_ERROR, "V-D-02", "", e, a, t, zh, en);
        }
        return;
    }
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void rule_deadline(gk_doc *doc)
{
    if (!doc->year || !doc->published)
        return;
    int government = ends_with(doc->agency, "人民政府");
    int deadline = (doc->year + 1) * 10000 + (government ? 331 : 131);
    if (doc->published <= deadline)
        return;
    char zh[300], en[300], e[16], a[16];
    snprintf(e, sizeof e, "%d", deadline);
    snprintf(a, sizeof a, "%d", doc->published);
    snprintf(zh, sizeof zh, "发布日期 %d 晚于法定期限 %d（条例第四十九条：%s）", doc->published,
             deadline, government ? "本级政府年报 3 月 31 日前" : "部门年报 1 月 31 日前");
    snprintf(en, sizeof en, "published %d, after the statutory deadline %d", doc->published,
             deadline);
    doc_diag(doc, GK_SEV_WARNING, "V-D-03", "", e, a, NULL, zh, en);
}

static void rule_fee_statement(gk_doc *doc)
{
    const gk_section *s6 = &doc->sections[GK_S6_OTHER];
    if (doc->year < 2021 || !s6->present)
        return;
    for (size_t i = 0; i < doc->nparas; i++)
        if (doc->para_section[i] == GK_S6_OTHER && strstr(doc->paras[i].norm, "信息处理费"))
            return;
    doc_diag(doc, GK_SEV_NOTE, "V-D-04", "s6_other", "", "", &s6->heading,
             "第六部分未说明信息处理费收取情况",
             "section 6 does not state the information "
             "processing fees collected");
}

void check_document(gk_doc *doc)
{
    rule_sections(doc);
    rule_period(doc);
    rule_deadline(doc);
    rule_fee_statement(doc);
}
