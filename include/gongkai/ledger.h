/*
 * ledger.h — reading an existing ledger of disclosure requests (依申请公开台账), the spreadsheet
 * an agency kept before it used gongkai, into records the store takes (work.h, store.h).
 *
 * Two forms are read (docs/ledger.md), told apart by content, not by the file name:
 *   - CSV with the spec's keys as headings: received,applicant_type,outcome,closed (and
 *     optional key columns: applicant_name, applicant_contact, request, channel, note,
 *     correction_notice, corrected, fee_notice);
 *   - CSV or XLSX with the Chinese headings officers use: 收到日期/申请日期, 申请人类型,
 *     办理结果/答复结果, 办结日期/答复日期, 申请人, 联系方式, 申请内容, 申请方式, 备注,
 *     补正告知日期, 收到补正日期, 收费通知日期 and their variants.
 * CSV may be UTF-8 (with or without BOM, as Excel writes "CSV UTF-8"), UTF-16 with a BOM, or
 * GB18030/GBK (Excel's "CSV" on a Chinese system); comma- or tab-separated. XLSX is the first
 * worksheet of the workbook (shared strings, inline strings, numbers; a date cell is an Excel
 * serial number, read with the 1900 leap-year bug and the 1904 date system accounted for).
 * The heading row is the first row, within the first 20, that has both a receipt date and an
 * applicant type heading; rows above it (a title) are skipped, and so are blank rows.
 *
 * Values: dates as YYYY-MM-DD (also 2024/3/5, 2024.3.5, 2024年3月5日, 20240305, an Excel
 * serial in an XLSX number cell); applicant types and outcomes as the spec's keys or the
 * labels of the T3 columns and rows in schema.h, with their variants (不予公开—属于国家秘密,
 * 不予处理（重复申请）…); a withdrawal (撤回) closes as other.other. Every row is checked with
 * the rules of work.h (gk_app_check, gk_event_log_check) as the import would write it, so an
 * import that passes the reader passes the store.
 *
 * Errors: GK_ERR_IO (the file cannot be read), GK_ERR_LIMIT (too large), GK_ERR_ENCODING (no
 * supported text encoding), GK_ERR_INVALID_ARG (not a ledger at all: a damaged XLSX, an old
 * binary .xls). Anything wrong in the rows — a missing heading, an invalid date, an unknown
 * key — is a problem with its line number (CSV: the line the record starts on; XLSX: the row
 * number Excel shows), and the reader goes on to find them all.
 */
#ifndef GONGKAI_LEDGER_H
#define GONGKAI_LEDGER_H

#include <stddef.h>

#include <gongkai/deadline.h>
#include <gongkai/status.h>
#include <gongkai/work.h>

#define GK_LEDGER_ROWS_MAX     1000000 /* records in one ledger */
#define GK_LEDGER_PROBLEMS_MAX 1000    /* problems kept; the count goes on */
#define GK_LEDGER_EVENTS_MAX   4       /* events a row becomes: 补正, corrected, fee, close */

/* The text put in required fields the ledger has no column for (name, request). */
#define GK_LEDGER_NOT_RECORDED "（台账未记录 not in the ledger）"

typedef struct gk_ledger gk_ledger;

/* One record of the ledger. Strings are owned by the ledger; keys are static. */
typedef struct gk_ledger_row {
    int line; /* CSV: the line the record starts on; XLSX: the row number */
    gk_date received;
    gk_channel channel;            /* GK_CHANNEL_OTHER when the ledger does not say */
    const char *applicant_type;    /* T3 column key: np, biz, … */
    const char *applicant_name;    /* GK_LEDGER_NOT_RECORDED when the ledger has none */
    const char *applicant_contact; /* "" when none */
    const char *request;           /* GK_LEDGER_NOT_RECORDED when the ledger has none */
    const char *note;              /* "" when none */
    const char *outcome;           /* T3 outcome row key without "t3.", NULL while open */
    gk_event_kind closed_by;       /* GK_EV_REPLY, or GK_EV_WITHDRAWAL (outcome other.other) */
    gk_date closed;                /* the reply or withdrawal date, GK_DATE_NONE while open */
    gk_date correction_notice;     /* 补正告知, or GK_DATE_NONE */
    gk_date corrected;             /* 收到补正, or GK_DATE_NONE */
    gk_date fee_notice;            /* 收费通知, or GK_DATE_NONE */
} gk_ledger_row;

/* One problem: the line (0 if it concerns the whole file) and the message, Chinese / English. */
typedef struct gk_ledger_problem {
    int line;
    char msg[512];
} gk_ledger_problem;

/*
 * Reads a ledger from data[0..len) (`name` is used in messages only and may be NULL). `today`
 * is the date nothing may be after (GK_DATE_NONE: no such check). On GK_OK *out holds the rows
 * and the problems (freed with gk_ledger_free); import it only if it has no problem. On
 * failure *out is NULL and err says why.
 */
GK_API gk_status gk_ledger_read(const char *data, size_t len, const char *name, gk_date today,
                                gk_ledger **out, gk_error *err);

/* The same from a file (GK_ERR_IO if it cannot be read). */
GK_API gk_status gk_ledger_read_file(const char *path, gk_date today, gk_ledger **out,
                                     gk_error *err);

/* gk_ledger_free(NULL) does nothing. */
GK_API void gk_ledger_free(gk_ledger *l);

/* The records, in file order. */
GK_API size_t gk_ledger_count(const gk_ledger *l);
GK_API const gk_ledger_row *gk_ledger_row_at(const gk_ledger *l, size_t i);

/* The problems, in line order: the number found (may exceed the GK_LEDGER_PROBLEMS_MAX kept)
 * and the i-th kept one (i < min(count, GK_LEDGER_PROBLEMS_MAX)). */
GK_API size_t gk_ledger_problem_count(const gk_ledger *l);
GK_API const gk_ledger_problem *gk_ledger_problem_at(const gk_ledger *l, size_t i);

/* What was read: "csv" or "xlsx"; the text encoding of a CSV ("UTF-8", "GB18030", …, NULL for
 * XLSX); the headings: "keys" or "zh"; the line of the heading row (0 if none was found). */
GK_API const char *gk_ledger_format(const gk_ledger *l);
GK_API const char *gk_ledger_encoding(const gk_ledger *l);
GK_API const char *gk_ledger_headings(const gk_ledger *l);
GK_API int gk_ledger_heading_line(const gk_ledger *l);

/* The headings of columns that were not used (序号, 经办人 …): their number and the i-th. */
GK_API size_t gk_ledger_ignored_count(const gk_ledger *l);
GK_API const char *gk_ledger_ignored_at(const gk_ledger *l, size_t i);

/* The application a row becomes, for gk_store_app_add (id, tracking: 0 and ""). */
GK_API void gk_ledger_row_application(const gk_ledger_row *r, int64_t agency_id,
                                      gk_application *out);

/* The events a row becomes, in order, for gk_store_event_add (app_id 0: the caller sets it):
 * 补正告知, 收到补正, 收费通知, then the reply or withdrawal. Returns how many (at most
 * GK_LEDGER_EVENTS_MAX). Each event carries the row's line in its note ("台账第 N 行"). */
GK_API size_t gk_ledger_row_events(const gk_ledger_row *r, gk_event out[GK_LEDGER_EVENTS_MAX]);

#endif
