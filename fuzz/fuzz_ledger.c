/*
 * fuzz_ledger.c — libFuzzer target for the ledger reader (ledger.h): any bytes are read as a
 * ledger, and every record, event, problem and heading it gives is visited, then freed.
 *
 * Two ways in. Most inputs go to gk_ledger_read as they are, so the reader's own detection
 * picks CSV (in any encoding it decodes) or XLSX (a ZIP package). An input whose first byte is
 * 0x01 is the XML of a workbook's parts instead, separated by NUL bytes (the worksheet, the
 * shared strings, workbook.xml, its relationships; an empty one is left out): they are packed
 * into a stored ZIP here, so that the fuzzer mutates the XML the XLSX reader parses rather than
 * compressed bytes whose checksum no longer matches. Besides crashes, leaks and hangs, what
 * ledger.h promises is checked, and a broken promise aborts: every text is valid UTF-8, a
 * record passes the store's rules as the import writes it, and its note reaches its last event
 * (or, while it is open, its request) whole. Built only with -Dfuzzing=true and CC=clang.
 */
#include <gongkai/ledger.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define PARTS_MODE 0x01

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const part_names[] = {
    "xl/worksheets/sheet1.xml",
    "xl/sharedStrings.xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
};

/* Adds data[0..len) to the package as `name`, stored (not compressed); 0 on success. */
static int add_part(zip_t *za, const char *name, const uint8_t *data, size_t len)
{
    zip_source_t *s = zip_source_buffer(za, data, len, 0);
    if (!s)
        return -1;
    zip_int64_t idx = zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
        zip_source_free(s);
        return -1;
    }
    return zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
}

/* The bytes of a source that holds a written package (malloc'd, *len set), or NULL. */
static char *source_bytes(zip_source_t *src, size_t *len)
{
    char *out = NULL;
    if (zip_source_open(src) < 0)
        return NULL;
    if (zip_source_seek(src, 0, SEEK_END) == 0) {
        zip_int64_t n = zip_source_tell(src);
        out = n > 0 ? malloc((size_t)n) : NULL;
        if (out && (zip_source_seek(src, 0, SEEK_SET) < 0 ||
                    zip_source_read(src, out, (zip_uint64_t)n) != n)) {
            free(out);
            out = NULL;
        }
        *len = out ? (size_t)n : 0;
    }
    zip_source_close(src);
    return out;
}

/* The parts in data[0..size), NUL-separated, packed into a ZIP (malloc'd), or NULL. */
static char *pack_parts(const uint8_t *data, size_t size, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
    zip_error_fini(&ze);
    if (!za) {
        zip_source_free(src);
        return NULL;
    }
    zip_source_keep(src);
    int ok = 1;
    for (size_t i = 0; i < sizeof part_names / sizeof part_names[0] && ok && size; i++) {
        const uint8_t *end = memchr(data, 0, size);
        size_t n = end ? (size_t)(end - data) : size;
        ok = n == 0 || add_part(za, part_names[i], data, n) == 0; /* empty: left out */
        data += n + (end != NULL);
        size -= n + (end != NULL);
    }
    char *out = NULL;
    if (ok && zip_close(za) == 0)
        out = source_bytes(src, len);
    else
        zip_discard(za);
    zip_source_free(src);
    return out;
}

/* 1 if s is valid UTF-8 (shortest forms, no surrogates, at most U+10FFFF). */
static int utf8_ok(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t n = *p < 0x80                 ? 0
                   : *p >= 0xC2 && *p < 0xE0 ? 1
                   : *p >= 0xE0 && *p < 0xF0 ? 2
                   : *p >= 0xF0 && *p < 0xF5 ? 3
                                             : 9;
        if (n == 9)
            return 0;
        uint32_t c = n ? *p & (0x3F >> n) : *p;
        for (size_t i = 1; i <= n; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return 0;
            c = c << 6 | (p[i] & 0x3F);
        }
        if ((n == 2 && (c < 0x800 || (c >= 0xD800 && c < 0xE000))) ||
            (n == 3 && (c < 0x10000 || c > 0x10FFFF)))
            return 0;
        p += n + 1;
    }
    return 1;
}

/* 1 if s ends with tail. */
static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), k = strlen(tail);
    return n >= k && strcmp(s + n - k, tail) == 0;
}

static void require(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_ledger: broken promise: %s\n", what);
        abort();
    }
}

/* A record as the import writes it: valid text, the store's rules pass, the note kept whole. */
static void check_row(const gk_ledger_row *r, gk_date today)
{
    gk_application app;
    gk_event ev[GK_LEDGER_EVENTS_MAX];
    gk_error err;
    gk_ledger_row_application(r, 1, &app);
    size_t n = gk_ledger_row_events(r, ev);
    require(utf8_ok(r->applicant_name) && utf8_ok(r->applicant_contact) && utf8_ok(r->request) &&
                utf8_ok(r->note),
            "a record's text is valid UTF-8");
    require(gk_app_check(&app, today, &err) == GK_OK, "a record passes gk_app_check");
    require(gk_event_log_check(&app, ev, n, today, &err) == GK_OK,
            "a record's events pass gk_event_log_check");
    if (*r->note && n)
        require(ends_with(ev[n - 1].note, r->note), "the note is in the last event whole");
    if (*r->note && !r->outcome)
        require(ends_with(app.request, r->note), "an open record's note is in its request whole");
}

/* Visits everything the ledger holds, as `gongkai case import` does, and checks it. */
static void visit(const gk_ledger *l, gk_date today)
{
    volatile size_t sink = 0;
    sink += strlen(gk_ledger_format(l)) + strlen(gk_ledger_headings(l));
    sink += gk_ledger_encoding(l) ? strlen(gk_ledger_encoding(l)) : 0;
    sink += (size_t)gk_ledger_heading_line(l);
    for (size_t i = 0; i < gk_ledger_ignored_count(l); i++)
        sink += strlen(gk_ledger_ignored_at(l, i));
    size_t kept = gk_ledger_problem_count(l);
    for (size_t i = 0; i < kept && i < GK_LEDGER_PROBLEMS_MAX; i++)
        require(utf8_ok(gk_ledger_problem_at(l, i)->msg), "a problem is valid UTF-8");
    for (size_t i = 0; i < gk_ledger_count(l); i++)
        check_row(gk_ledger_row_at(l, i), today);
    (void)sink;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *packed = NULL;
    const char *in = (const char *)data;
    size_t len = size;
    if (size > 0 && data[0] == PARTS_MODE) {
        packed = pack_parts(data + 1, size - 1, &len);
        if (!packed)
            return 0;
        in = packed;
    }
    gk_ledger *l = NULL;
    gk_date today = size % 2 ? gk_date_from_ymd(2030, 1, 1) : GK_DATE_NONE;
    if (gk_ledger_read(in, len, "fuzz", today, &l, NULL) == GK_OK)
        visit(l, today);
    gk_ledger_free(l);
    free(packed);
    return 0;
}
