/*
 * cli.h — what the commands of the gongkai tool share: options and exit statuses.
 */
#ifndef GK_CLI_H
#define GK_CLI_H

#include <gongkai/gongkai.h>

#include "inputs.h"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_UNREADABLE = 2 };

typedef struct opts {
    const char *format;
    gk_lang lang;
    const char *output; /* -o: export's output file */
    int jobs;           /* -j: threads reading reports (export); 0: one per core */
    const char *by;     /* --by: the indicator rank sorts on */
    char **args;        /* the arguments as given (before directories are expanded) */
    int nargs;
    inputs in;
} opts;

/*
 * Reads one input (a file, or "-" for standard input). On failure, or when need_report is set
 * and the input is not a report, returns NULL with the reason in why (load.c).
 */
gk_doc *cli_read(const char *path, int need_report, char *why, size_t size);

/* gongkai export: every input into one dataset (export.c). */
int cmd_export(const opts *o);

/* gongkai compare: a report against the year before, or two sets by agency (compare.c). */
int cmd_compare(const opts *o);

/* gongkai rank: indicators of a set of reports, ranked (rank.c). */
int cmd_rank(const opts *o);

/* gongkai summary: an HTML page of tables, problems and charts for a set (summary.c). */
int cmd_summary(const opts *o);

/* gongkai rollup: many reports summed into one (rollup.c). */
int cmd_rollup(const opts *o);

/* gongkai deadline / gongkai calendar: reply deadlines from the official calendar (deadline.c).
 * They parse their own options (argv[0] is the command name). */
int cmd_deadline(int argc, char **argv);
int cmd_calendar(int argc, char **argv);

/* gongkai case new|event|close|show|list|import: an agency's applications (case.c). */
int cmd_case(int argc, char **argv);

/* gongkai report --db … --year Y: the annual report generated from the records (report.c). */
int cmd_report(int argc, char **argv);

/* gongkai serve --db … --listen ADDR:PORT: the HTTP service (serve.c). */
int cmd_serve(int argc, char **argv);

/* gongkai audit verify / gongkai user add|passwd|role: administration of a store (admin.c). */
int cmd_audit(int argc, char **argv);
int cmd_user(int argc, char **argv);

#endif
