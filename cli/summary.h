/*
 * summary.h — what `gongkai summary` gathers while the reports stream past (summary.c) and
 * writes as one page at the end (summary_page.c).
 *
 * Nothing grows with the number of reports but a set of 8-byte agency fingerprints: the
 * details of the first reports, the highest and the lowest of the ranking, the first problem
 * rows and the first unreadable inputs are kept up to fixed limits; everything else is counted
 * or summed (one running rollup per year).
 */
#ifndef GK_CLI_SUMMARY_H
#define GK_CLI_SUMMARY_H

#include <stdio.h>

#include "cli.h"

#define SUM_DETAILS      200  /* reports shown in full (sections), in input order */
#define SUM_KEEP         250  /* ranking: the highest and the lowest kept */
#define SUM_NA_KEEP      100  /* reports where 公开率 does not apply, listed */
#define SUM_PROBLEMS     2000 /* error and warning rows listed */
#define SUM_UNREADABLE   1000 /* unreadable inputs listed */
#define SUM_SMALL        40   /* up to this many reports, the charts show each report */
#define SUM_CHART_BARS   30   /* bars of the ranking chart of a larger set */
#define SUM_AGENCY_NAMES 100  /* agency names listed in the header */
#define SUM_RULE_SLOTS   512  /* distinct rules counted (a hash table) */
#define SUM_FIRST_YEAR   1990
#define SUM_YEARS        120
#define SUM_MAX_IND      32

/* One report as the ranking needs it. */
typedef struct sum_entry {
    size_t ord; /* 0-based among the reports read */
    const char *path;
    int year;
    char name[160]; /* agency, or the file's name */
    int ok[SUM_MAX_IND];
    int64_t num[SUM_MAX_IND], den[SUM_MAX_IND];
} sum_entry;

typedef struct sum_rule {
    char rule[48]; /* "" for a free slot */
    gk_severity sev;
    size_t count, reports, last_ord;
} sum_rule;

typedef struct sum_bad {
    const char *path;
    char why[300];
} sum_bad;

typedef struct summary {
    gk_lang lang;
    int by;      /* the indicator ranked on: 公开率 */
    size_t n;    /* reports read */
    size_t nbad; /* inputs that could not be read; the first SUM_UNREADABLE in bad */
    sum_bad *bad;
    gk_dupset *seen; /* the reports read, to leave out one given twice */
    size_t ndup;     /* reports left out as duplicates; the first SUM_UNREADABLE in dup */
    sum_bad *dup;    /* why: the file it repeats */
    size_t years[SUM_YEARS], unknown_year;
    gk_rollup_acc *acc[SUM_YEARS]; /* running sums per year */
    gk_doc *totals[SUM_YEARS];     /* the sums, once finished */
    size_t errors, warnings;
    uint64_t *agency_seen; /* open addressing; 0 is a free slot */
    size_t agencies, agency_cap;
    char agency_names[SUM_AGENCY_NAMES][160];
    sum_rule rules[SUM_RULE_SLOTS];
    size_t nrules, rules_dropped; /* diagnostics of rules beyond the table */
    FILE *problems;               /* the first SUM_PROBLEMS rows, as HTML */
    size_t nproblems;
    FILE *details;                /* the first SUM_DETAILS report sections, as HTML */
    sum_entry *top, *bottom, *na; /* heaps of the highest and the lowest; n/a in order */
    size_t ntop, nbottom, nna, applicable;
    gk_doc *small[SUM_SMALL]; /* every report while the set is small */
    size_t nsmall;
} summary;

/* summary_page.c: one report's section and one problem row, written as reports arrive, and
 * the whole page at the end. */
void page_report_section(const summary *s, size_t ord, const char *path, const gk_doc *doc,
                         FILE *out);
void page_problem_row(const summary *s, size_t ord, const char *path, const gk_diag *d, FILE *out);
void page_write(const summary *s, FILE *out);

/* summary.c: the ranking order (< 0 when a ranks before b) and the ranked entries (the
 * highest, then the lowest, without overlap), sorted, for the page. */
int sum_entry_cmp(const sum_entry *a, const sum_entry *b, int by);
void sum_ranked(summary *s);

#endif
