/*
 * ledger_int.h — what the three files of the ledger reader (ledger.h) share: ledger.c (the API,
 * the ledger and its problems, a record as the store's application and events), ledger_rows.c
 * (each sheet row as the heading row or a record) and ledger_values.c (a cell's date, applicant
 * type, outcome or channel). The sheet itself is read by lib/read (sheet.h).
 */
#ifndef GK_LEDGER_INT_H
#define GK_LEDGER_INT_H

#include <gongkai/ledger.h>
#include <stddef.h>

#include "../core/arena.h"
#include "../read/sheet.h"
#include "../report/labels.h"

#define SHOWN_MAX    60 /* bytes of a cell value quoted in a message */
#define PARTS_MAX    8  /* parts of a value split at separators */
#define OUTCOMES_MAX 32 /* outcome rows of T3 */
#define EVENT_NOTE   "台账第 %d 行导入 / imported from ledger line %d"
#define NOTE_SEP     "；备注 note: "
/* Bytes of an event note taken before the ledger's note: EVENT_NOTE with two line numbers of
 * up to 10 digits, then NOTE_SEP. */
#define NOTE_ROOM (sizeof EVENT_NOTE - 1 - 4 + 2 * 10 + sizeof NOTE_SEP - 1)

/* The fields of a record, each a column of the ledger. */
enum {
    F_RECEIVED,
    F_TYPE,
    F_OUTCOME,
    F_CLOSED,
    F_NAME,
    F_CONTACT,
    F_REQUEST,
    F_CHANNEL,
    F_NOTE,
    F_NOTICE,
    F_CORRECTED,
    F_FEE,
    F_COUNT
};

/* The ledger (ledger.h): its records, problems and what was read; strings in mem. */
struct gk_ledger {
    arena mem;
    gk_ledger_row *rows;
    size_t nrows, caprows;
    gk_ledger_problem *probs;
    size_t nprobs, capprobs, total;
    const char *format, *encoding, *headings;
    int heading_line;
    const char **ignored;
    size_t nignored, capignored;
};

/* An outcome row of T3: its key (without "t3."), labels and group label (matching form). */
typedef struct outcome_def {
    const char *key;
    const row_label *labels;
    const char *group; /* 不予公开 …, or NULL */
} outcome_def;

typedef sheet_cell cell;

/* The state of one reading: where the heading row put each field, and scratch space. */
typedef struct reader {
    gk_ledger *L;
    gk_date today;
    sheet_info info;  /* the encoding of a CSV, the date system of an XLSX */
    int header_done;  /* the heading row was found */
    int scanned;      /* non-blank rows looked at for it */
    int first_line;   /* the first non-blank row */
    int stopped;      /* no further rows are read (no heading, too many rows) */
    int col[F_COUNT]; /* the column of each field, -1 if none */
    const char *heading[F_COUNT];
    outcome_def outs[OUTCOMES_MAX];
    int nouts;
    arena tmp;          /* per row */
    gk_application app; /* the row as the store gets it, for the rules */
    gk_event ev[GK_LEDGER_EVENTS_MAX];
} reader;

/* What ledger_parse_outcome found. */
enum { OUT_OK = 0, OUT_UNKNOWN = -1, OUT_GROUP = -2, OUT_AMBIGUOUS = -3 };

/* ---- ledger.c ---- */

/* realloc of n (at least 1) items; never NULL. */
void *ledger_realloc(void *p, size_t n, size_t size);

/* Counts a problem at `line` and keeps its message (up to GK_LEDGER_PROBLEMS_MAX). */
__attribute__((format(printf, 3, 4))) void ledger_problem(reader *r, int line, const char *fmt,
                                                          ...);

/* s cut to SHOWN_MAX bytes at a character boundary, with "…" when cut, in buf. */
const char *ledger_shown(const char *s, char buf[SHOWN_MAX + 4]);

/* ---- ledger_rows.c ---- */

/* No column found yet; each field named by its usual heading. */
void ledger_reader_init(reader *r);

/* The sheet readers' callback (sheet_row_fn): 1 once no further row is wanted. */
int ledger_take_row(void *ctx, const sheet_row *row);

/* ---- ledger_values.c ---- */

/* The matching form (norm.h) of s in the row's scratch arena. */
char *ledger_match_form(reader *r, const char *s);

/* The outcome rows of the 2021 T3 with their labels, into the reader. */
void ledger_outcomes_init(reader *r);

/* A date cell: text (2024-03-05, 2024/3/5, 2024年3月5日, 20240305) or, for an XLSX number, an
 * Excel serial in the workbook's date system; 0, or -1 if it is no date. */
int ledger_parse_date(const reader *r, const cell *c, gk_date *out);

/* The applicant type key (static) a value names, or NULL. */
const char *ledger_parse_applicant(reader *r, const char *raw);

/* The outcome key (*key, static) and closing event a value names; OUT_OK or why not. */
int ledger_parse_outcome(reader *r, const char *raw, const char **key, gk_event_kind *kind);

/* The channel a value names; 0, or -1 if none. */
int ledger_parse_channel(reader *r, const char *raw, gk_channel *out);

#endif
