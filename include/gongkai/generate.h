/*
 * generate.h — the annual report generated from an agency's records (政府信息公开工作年度报告
 * 由台账生成): the three tables of the 2021 format counted from the applications, the review and
 * litigation cases and the yearly 第二十条 figures, and the six sections with a prose skeleton
 * that states the computed facts, for the officer to complete where it says 【待填写】.
 *
 * The generator takes plain records (it knows nothing of the store) and counts, for year Y:
 *
 *   T3  t3.new          applications received in Y (1 January to 31 December)
 *       t3.carry_in     applications received before Y and not closed before 1 January of Y
 *                       (open on 1 January: one closed on 1 January counts here too)
 *       outcome rows    applications closed in Y, in the row of their outcome
 *       t3.carry_out    applications received by 31 December and not closed by then
 *       each in the column of its applicant type; the 总计 column and （七）总计 are the sums.
 *       So 新收 + 上年结转 = 办理总计 + 结转下年度 holds in every column by construction.
 *   T4  the cases filed in Y, each in its kind's group: in the column of its result if it was
 *       decided by 31 December of Y, else 尚未审结 (pending); 总计 is the sum.
 *   T2  the yearly figures as given; a figure not given is 0 in the table, and the prose and a
 *       note (GK-GEN-T2) say it was not entered.
 *
 * The result is a gk_doc like the one the reader produces (the 2021 format, every cell a
 * number, the six sections under their canonical headings, no publication date), so that it
 * renders in every format, reads back from its text rendering to the same cells, and gk_check()
 * finds no error and no warning in it — unless the figures themselves are implausible (V-T2-03
 * 规章 issued by a county-level body, V-T2-04 a fee amount that looks like 元) or the free text
 * of an amendment reads as a count the prose checks take up (see docs/generate.md). The
 * generator does not run gk_check(); its own notes (GK-GEN-*) are on the document.
 *
 * Closing a year locks its figures; a later correction is an amendment with a reason, and the
 * regenerated report lists every amendment in section 六 as restated (数据更正情况), and says
 * in section 一 that it was regenerated. An amendment of one cell (key, before, after) is
 * checked against the regenerated table: the latest amendment of a cell must give the value
 * the records now give.
 */
#ifndef GONGKAI_GENERATE_H
#define GONGKAI_GENERATE_H

#include <stddef.h>
#include <stdint.h>

#include <gongkai/deadline.h>
#include <gongkai/doc.h>
#include <gongkai/status.h>

/* The marker the prose puts wherever the officer has to write or confirm something. */
#define GK_GEN_TODO "【待填写"

#define GK_GEN_FIRST_YEAR     2021 /* the 2021 format applies from the 2021 reports on */
#define GK_GEN_LAST_YEAR      2100
#define GK_GEN_AGENCY_MAX     300  /* bytes of the agency's name */
#define GK_GEN_TEXT_MAX       2047 /* bytes of an amendment's `what` or `reason` */
#define GK_GEN_AMENDMENTS_MAX 1000

/* One application (政府信息公开申请), as the report needs it. */
typedef struct gk_gen_application {
    gk_date received;      /* receipt date (第三十一条); required */
    gk_date closed;        /* the day it was closed with `outcome`; GK_DATE_NONE while open */
    const char *applicant; /* T3 column key: np, biz, research, ngo, legal, other_org */
    const char *outcome;   /* T3 outcome row key, with or without "t3.": grant, partial,
                              refuse.third_party, unable.not_held, ignore.repeat,
                              other.no_correction, …; NULL while open */
} gk_gen_application;

/* One review or lawsuit about the agency's disclosure work (行政复议、行政诉讼). */
typedef struct gk_gen_case {
    const char *kind;   /* T4 group key: review, lit_direct, lit_after_review */
    gk_date filed;      /* required */
    const char *result; /* upheld, corrected, other, or pending (not decided) */
    gk_date decided;    /* the day of the decision; GK_DATE_NONE if and only if pending */
} gk_gen_case;

/* One yearly 第二十条 figure: a T2 cell key and its exact value as a decimal literal. Counts
 * are whole numbers ("12"); t2.admin_fee.amount_wan is in 万元 with up to 6 decimals ("3.25"). */
typedef struct gk_gen_figure {
    const char *key;   /* t2.reg.issued, t2.nd.in_force, t2.admin_fee.amount_wan, … */
    const char *value; /* "0", "12", "3.25" — digits and at most one point, nothing else */
} gk_gen_figure;

/* A correction made after the year was closed (its figures locked). */
typedef struct gk_gen_amendment {
    gk_date date;       /* when it was made; after 31 December of the report year */
    const char *key;    /* the cell it corrected ("t3.grant.np"), or NULL if `what` says it */
    const char *before; /* with key: the value as locked (decimal literal, as for figures) */
    const char *after;  /* with key: the value now; the latest amendment of a cell must give the
                           value the regenerated table has */
    const char *what;   /* what changed, in words; required without key, optional with it */
    const char *reason; /* why; required. In both, TABs and line breaks are written as spaces */
} gk_gen_amendment;

typedef struct gk_gen_input {
    const char *agency;             /* the agency's name as the title gives it; required */
    int year;                       /* the report year, GK_GEN_FIRST_YEAR … GK_GEN_LAST_YEAR */
    const gk_gen_application *apps; /* any order; those not touching the year are left out */
    size_t napps;
    const gk_gen_case *cases; /* any order; those not filed in the year are left out */
    size_t ncases;
    const gk_gen_figure *figures; /* each T2 key at most once */
    size_t nfigures;
    const gk_gen_amendment *amendments; /* any order; listed by date */
    size_t namendments;
    /* 信息处理费 collected in the year, in 元 (decimal literal, "0" if none), or NULL if not
       recorded: section 六 then asks the officer for it. */
    const char *info_fee_yuan;
} gk_gen_input;

/*
 * Generates the year's report from the records into *out (freed with gk_doc_free). The input
 * is validated first, and nothing is generated from input that cannot be right: an unknown
 * applicant, outcome, case kind, result or figure key, a figure given twice or not a
 * non-negative decimal of its kind, an invalid date, an application closed before it was
 * received, with an outcome but no closing date or the other way round, a case decided before
 * it was filed, pending with a decision date or decided without one, an amendment dated
 * before the year ended, without a reason, of an unknown cell, without before/after values
 * (or with equal ones), or whose latest value of a cell is not what the records give, free
 * text that is too long, not UTF-8 or has a control character other than a TAB or a line
 * break, an agency name that is empty, too long, not UTF-8 or has any control character or a
 * colon — each
 * fails with GK_ERR_INVALID_ARG and a message (Chinese / English) naming the record, as
 * "apps[3]". NULL arrays with a count > 0 and a NULL in or out are API misuse (the same code).
 * On failure *out is NULL.
 */
GK_API gk_status gk_generate_report(const gk_gen_input *in, gk_doc **out, gk_error *err);

/*
 * The same from the records of agency `agency_id` in a store (store.h): every application
 * (received; closed with its outcome), the review and litigation cases, the year's 第二十条
 * figures and the amendments of the year after it was closed (each said in words: what was
 * changed, of which record, and the reason). info_fee_yuan as in gk_gen_input. GK_ERR_IO for
 * the database, GK_ERR_INVALID_ARG for no such agency or records the generator refuses.
 */
typedef struct gk_store gk_store;
GK_API gk_status gk_generate_from_store(gk_store *s, int64_t agency_id, int year,
                                        const char *info_fee_yuan, gk_doc **out, gk_error *err);

#endif
