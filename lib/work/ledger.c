/*
 * ledger.c — the ledger reader (ledger.h): a CSV or XLSX ledger of disclosure requests becomes
 * records the store takes, with every problem found and line-numbered.
 *
 * The spreadsheet is read by the sheet readers (lib/read/sheet.h: csv.c decodes and splits CSV,
 * xlsx.c reads the first worksheet of a workbook), which hand each row to ledger_rows.c; the
 * values of its cells are read by ledger_values.c. This file holds the API: reading a ledger
 * from memory or a file, its records and problems, and a record as the store's application and
 * events.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../read/readers.h"
#include "ledger_int.h"

#define FILE_CHUNK 65536 /* bytes read from a ledger file at a time */

void *ledger_realloc(void *p, size_t n, size_t size)
{
    p = realloc(p, (n ? n : 1) * size);
    if (!p)
        gk_oom();
    return p;
}

/* ---- problems ---- */

/* Removes a character cut short at the end of the UTF-8 text s (by a truncating snprintf). */
static void cut_partial_char(char *s)
{
    size_t n = strlen(s), i = n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return;
    unsigned char lead = (unsigned char)s[i - 1];
    size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (n - (i - 1) < want)
        s[i - 1] = '\0';
}

__attribute__((format(printf, 3, 4))) void ledger_problem(reader *r, int line, const char *fmt, ...)
{
    gk_ledger *L = r->L;
    L->total++;
    if (L->nprobs == GK_LEDGER_PROBLEMS_MAX)
        return;
    if (L->nprobs == L->capprobs) {
        L->capprobs = L->capprobs ? L->capprobs * 2 : 16;
        L->probs = ledger_realloc(L->probs, L->capprobs, sizeof *L->probs);
    }
    gk_ledger_problem *p = &L->probs[L->nprobs++];
    p->line = line;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(p->msg, sizeof p->msg, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof p->msg)
        cut_partial_char(p->msg);
}

const char *ledger_shown(const char *s, char buf[SHOWN_MAX + 4])
{
    size_t n = strlen(s);
    if (n <= SHOWN_MAX)
        return s;
    n = SHOWN_MAX;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    snprintf(buf, SHOWN_MAX + 4, "%.*s…", (int)n, s);
    return buf;
}

/* ---- the API ---- */

static gk_status read_content(reader *r, const char *data, size_t len, gk_error *err)
{
    if (len >= 4 && memcmp(data, "PK\3\4", 4) == 0) {
        r->L->format = "xlsx";
        return sheet_read_xlsx(data, len, ledger_take_row, r, &r->info, err);
    }
    if (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return reader_error(err, GK_ERR_INVALID_ARG,
                            "旧版 Excel（.xls）格式不能读取，请另存为 .xlsx 或 CSV / an old binary "
                            ".xls workbook: save it as .xlsx or CSV");
    gk_status st = sheet_read_csv(data, len, ledger_take_row, r, &r->info, err);
    if (st == GK_OK) {
        r->L->format = "csv";
        r->L->encoding = r->info.encoding;
    }
    return st;
}

gk_status gk_ledger_read(const char *data, size_t len, const char *name, gk_date today,
                         gk_ledger **out, gk_error *err)
{
    gk_error local;
    if (!err)
        err = &local;
    *out = NULL;
    (void)name;
    if (len > GK_MAX_INPUT_BYTES)
        return reader_error(err, GK_ERR_LIMIT,
                            "台账文件超过 32 MiB / the ledger is larger than 32 MiB");
    gk_ledger *L = calloc(1, sizeof *L);
    reader *r = calloc(1, sizeof *r);
    if (!L || !r)
        gk_oom();
    arena_init(&L->mem);
    arena_init(&r->tmp);
    r->L = L;
    r->today = today;
    ledger_reader_init(r);
    ledger_outcomes_init(r);
    gk_status st = read_content(r, data ? data : "", data ? len : 0, err);
    if (st == GK_OK && !r->header_done)
        ledger_problem(
            r, r->first_line ? r->first_line : 1,
            "找不到表头行：需要“收到日期”和“申请人类型”列（或 received, applicant_type），见 "
            "docs/ledger.md / no heading row with a received date and an applicant type "
            "column");
    arena_free(&r->tmp);
    free(r);
    if (st != GK_OK) {
        gk_ledger_free(L);
        return st;
    }
    *out = L;
    return GK_OK;
}

/* GK_ERR_IO with what failed and the system's reason. */
static gk_status io_error(gk_error *err, const char *what)
{
    char msg[256];
    snprintf(msg, sizeof msg, "%s: %s", what, strerror(errno));
    return reader_error(err, GK_ERR_IO, msg);
}

gk_status gk_ledger_read_file(const char *path, gk_date today, gk_ledger **out, gk_error *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return io_error(err, "无法打开台账文件 / cannot open the ledger file");
    char *data = NULL;
    size_t len = 0, cap = 0, got;
    gk_status st = GK_OK;
    do {
        if (cap - len < FILE_CHUNK)
            data = ledger_realloc(data, cap = cap * 2 + FILE_CHUNK, 1);
        got = fread(data + len, 1, FILE_CHUNK, f);
        len += got;
        if (len > GK_MAX_INPUT_BYTES)
            st = reader_error(err, GK_ERR_LIMIT,
                              "台账文件超过 32 MiB / the ledger is larger than 32 MiB");
    } while (st == GK_OK && got == FILE_CHUNK);
    if (ferror(f) && st == GK_OK)
        st = io_error(err, "无法读取台账文件 / cannot read the ledger file");
    fclose(f);
    if (st == GK_OK)
        st = gk_ledger_read(data, len, path, today, out, err);
    free(data);
    return st;
}

void gk_ledger_free(gk_ledger *l)
{
    if (!l)
        return;
    arena_free(&l->mem);
    free(l->rows);
    free(l->probs);
    free(l->ignored);
    free(l);
}

size_t gk_ledger_count(const gk_ledger *l)
{
    return l->nrows;
}

const gk_ledger_row *gk_ledger_row_at(const gk_ledger *l, size_t i)
{
    return i < l->nrows ? &l->rows[i] : NULL;
}

size_t gk_ledger_problem_count(const gk_ledger *l)
{
    return l->total;
}

const gk_ledger_problem *gk_ledger_problem_at(const gk_ledger *l, size_t i)
{
    return i < l->nprobs ? &l->probs[i] : NULL;
}

const char *gk_ledger_format(const gk_ledger *l)
{
    return l->format;
}

const char *gk_ledger_encoding(const gk_ledger *l)
{
    return l->encoding;
}

const char *gk_ledger_headings(const gk_ledger *l)
{
    return l->headings ? l->headings : "";
}

int gk_ledger_heading_line(const gk_ledger *l)
{
    return l->heading_line;
}

size_t gk_ledger_ignored_count(const gk_ledger *l)
{
    return l->nignored;
}

const char *gk_ledger_ignored_at(const gk_ledger *l, size_t i)
{
    return i < l->nignored ? l->ignored[i] : NULL;
}

void gk_ledger_row_application(const gk_ledger_row *r, int64_t agency_id, gk_application *out)
{
    memset(out, 0, sizeof *out);
    out->agency_id = agency_id;
    out->received = r->received;
    out->channel = r->channel;
    out->closed = GK_DATE_NONE;
    snprintf(out->applicant_type, sizeof out->applicant_type, "%s",
             r->applicant_type ? r->applicant_type : "");
    snprintf(out->applicant_name, sizeof out->applicant_name, "%s", r->applicant_name);
    snprintf(out->applicant_contact, sizeof out->applicant_contact, "%s", r->applicant_contact);
    if (!r->outcome && *r->note)
        snprintf(out->request, sizeof out->request, "%s\n备注 note: %s", r->request, r->note);
    else
        snprintf(out->request, sizeof out->request, "%s", r->request);
}

static void add_event(const gk_ledger_row *r, gk_event *out, size_t *n, gk_event_kind kind,
                      gk_date date)
{
    gk_event *e = &out[(*n)++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->date = date;
    snprintf(e->note, sizeof e->note, EVENT_NOTE, r->line, r->line);
}

size_t gk_ledger_row_events(const gk_ledger_row *r, gk_event out[GK_LEDGER_EVENTS_MAX])
{
    size_t n = 0;
    if (r->correction_notice != GK_DATE_NONE)
        add_event(r, out, &n, GK_EV_CORRECTION_NOTICE, r->correction_notice);
    if (r->corrected != GK_DATE_NONE)
        add_event(r, out, &n, GK_EV_CORRECTED, r->corrected);
    if (r->fee_notice != GK_DATE_NONE)
        add_event(r, out, &n, GK_EV_FEE_NOTICE, r->fee_notice);
    /* in date order (the rules then judge the order of kinds); equal dates keep theirs */
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && out[k].date < out[k - 1].date; k--) {
            gk_event t = out[k];
            out[k] = out[k - 1];
            out[k - 1] = t;
        }
    if (r->outcome && r->closed != GK_DATE_NONE) {
        add_event(r, out, &n, r->closed_by, r->closed);
        if (r->closed_by == GK_EV_REPLY)
            snprintf(out[n - 1].outcome, sizeof out[n - 1].outcome, "%s", r->outcome);
    }
    if (n && *r->note) {
        size_t used = strlen(out[n - 1].note);
        snprintf(out[n - 1].note + used, sizeof out[n - 1].note - used, NOTE_SEP "%s", r->note);
    }
    return n;
}
