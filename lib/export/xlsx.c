/*
 * xlsx.c — the XLSX writer: a workbook with the sheets
 *
 *   报告 reports      one row per report (unreadable inputs too): the metadata columns + notes
 *   <title> t2 …      one sheet per export_sheet (t2, t2v19, t3, t4): file, agency, year and a
 *                     column per cell key (row 1: the key, row 2: the label from the schema);
 *                     one row per report that has that table in that template family
 *   问题 problems     one row per diagnostic, unreadable input (GK-UNREADABLE) and duplicate
 *                     report (GK-DUPLICATE)
 *
 * libxlsxwriter runs in constant_memory mode: each sheet streams its rows to a temporary file,
 * so memory does not grow with the number of reports. Rows are written in order on every sheet. A
 * sheet that reaches Excel's row limit goes on in a new sheet "<name> (2)" at the end.
 * Strings are cleaned on the way in: invalid UTF-8 and characters XML cannot hold become
 * U+FFFD, and a string longer than Excel's cell limit is cut.
 */
#include "export_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "../core/arena.h"

#define XLSX_STR_MAX   32767 /* bytes kept of a string (Excel holds 32767 characters) */
#define SHEET_NAME_MAX LXW_SHEETNAME_MAX

enum { SHEET_REPORTS, SHEET_TABLE, SHEET_PROBLEMS };

/* One sheet as the dataset sees it; it may run over several worksheets (parts). */
typedef struct xsheet {
    int kind;
    const export_sheet *table; /* SHEET_TABLE */
    char name[128];            /* the first part's name */
    int part;                  /* 1, 2, … */
    lxw_worksheet *ws;         /* the current part (NULL if it could not be created) */
    lxw_row_t row;             /* next row to write in it */
    lxw_row_t head;            /* header rows */
    lxw_col_t ncols;
} xsheet;

/* A column of the reports sheet: a metadata column, or the number of notes. */
#define REPORT_COLS (EXPORT_META_COLUMNS + 1)
#define COL_NOTES   (-1)

struct export_writer {
    lxw_workbook *wb;
    gk_lang lang;
    char *path;
    lxw_format *head, *label, *bad;
    xsheet *sheets; /* reports, the export sheets in order, problems */
    int nsheets;
    int report_cols[REPORT_COLS];
    lxw_error failed; /* the first libxlsxwriter error, or LXW_NO_ERROR */
    char *scratch;    /* cleaned strings */
    size_t scratch_cap;
};

/* ---- strings ---- */

/* The code point at s (of at most n bytes), its length in *len; -1 if not valid UTF-8. */
static long utf8_next(const unsigned char *s, size_t n, size_t *len)
{
    static const long min[] = {0, 0, 0x80, 0x800, 0x10000};
    unsigned c = s[0];
    size_t k = c < 0x80             ? 1
               : (c & 0xE0) == 0xC0 ? 2
               : (c & 0xF0) == 0xE0 ? 3
               : (c & 0xF8) == 0xF0 ? 4
                                    : 0;
    *len = 1;
    if (k == 0 || k > n)
        return -1;
    long cp = k == 1 ? (long)c : (long)(c & (0x7F >> k));
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return -1;
        cp = cp << 6 | (s[i] & 0x3F);
    }
    if (cp < min[k] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    *len = k;
    return cp;
}

/* 1 if XML 1.0 can hold the character. */
static int xml_char(long cp)
{
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
           (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
}

/* s as a cell can hold it: s itself when it is clean, else a cleaned copy in the scratch. */
static const char *clean(export_writer *w, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p), i = 0, len;
    while (i < n && i < XLSX_STR_MAX) {
        long cp = utf8_next(p + i, n - i, &len);
        if (cp < 0 || !xml_char(cp))
            break;
        i += len;
    }
    if (i == n)
        return (const char *)p;
    if (w->scratch_cap < XLSX_STR_MAX + 1) {
        w->scratch = realloc(w->scratch, XLSX_STR_MAX + 1);
        if (!w->scratch)
            gk_oom();
        w->scratch_cap = XLSX_STR_MAX + 1;
    }
    size_t o = 0;
    for (i = 0; i < n;) {
        long cp = utf8_next(p + i, n - i, &len);
        int ok = cp >= 0 && xml_char(cp);
        size_t out = ok ? len : 3;
        if (o + out > XLSX_STR_MAX)
            break;
        memcpy(w->scratch + o, ok ? (const char *)p + i : "\xEF\xBF\xBD", out);
        o += out;
        i += len;
    }
    w->scratch[o] = '\0';
    return w->scratch;
}

/* Bytes of the first `chars` characters of valid UTF-8 s. */
static size_t utf8_prefix(const char *s, size_t chars)
{
    size_t i = 0;
    for (; s[i] && chars > 0; chars--)
        for (i++; ((unsigned char)s[i] & 0xC0) == 0x80; i++)
            ;
    return i;
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Roughly how many character widths s takes on screen (a CJK character counts two). */
static double display_width(const char *s)
{
    double wd = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            wd += (unsigned char)*s >= 0xE0 ? 2 : 1;
    return wd;
}

/* 1 if s is a whole integer (a count, a year). */
static int is_int(const char *s)
{
    size_t i = s[0] == '-';
    if (!s[i] || strlen(s + i) > 15)
        return 0;
    for (; s[i]; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* 1 if s is a whole decimal number, with its value in *out. */
static int is_number(const char *s, double *out)
{
    char *end;
    if (!*s || strchr(s, 'x') || strchr(s, 'X') || strchr(s, 'n') || strchr(s, 'N'))
        return 0;
    errno = 0;
    *out = strtod(s, &end);
    return *end == '\0' && errno == 0;
}

/* ---- cells ---- */

static void note(export_writer *w, lxw_error e)
{
    if (e != LXW_NO_ERROR && w->failed == LXW_NO_ERROR)
        w->failed = e;
}

static void put_str(export_writer *w, xsheet *s, lxw_row_t row, lxw_col_t col, const char *v,
                    lxw_format *f)
{
    if (s->ws && v && *v)
        note(w, worksheet_write_string(s->ws, row, col, clean(w, v), f));
}

static void put_num(export_writer *w, xsheet *s, lxw_row_t row, lxw_col_t col, double v)
{
    if (s->ws)
        note(w, worksheet_write_number(s->ws, row, col, v, NULL));
}

/* A decimal literal as a number, anything else as text. */
static void put_decimal(export_writer *w, xsheet *s, lxw_row_t row, lxw_col_t col, const char *v)
{
    double d;
    if (is_number(v, &d))
        put_num(w, s, row, col, d);
    else
        put_str(w, s, row, col, v, NULL);
}

/* ---- sheets ---- */

static const struct {
    const char *name, *zh;
} column_zh[] = {
    {"file", "文件"},         {"agency", "机关"},        {"level", "层级"},
    {"year", "年度"},         {"template", "模板"},      {"input", "输入格式"},
    {"encoding", "编码"},     {"published", "发布日期"}, {"errors", "错误"},
    {"warnings", "警告"},     {"notes", "提示"},         {"duplicate_of", "重复于"},
    {"severity", "严重程度"}, {"rule", "规则"},          {"keys", "单元格"},
    {"expected", "期望值"},   {"actual", "实际值"},      {"line", "行"},
    {"page", "页"},           {"message", "说明"},
};

/* "文件 file": the Chinese name first, then the column's name. */
static const char *column_title(const char *name, char *buf, size_t size)
{
    for (size_t i = 0; i < sizeof column_zh / sizeof column_zh[0]; i++)
        if (strcmp(column_zh[i].name, name) == 0) {
            snprintf(buf, size, "%s %s", column_zh[i].zh, name);
            return buf;
        }
    return name;
}

/* A column's width: wide enough for its title, and at least the width set for it below. */
static double column_width(const char *name)
{
    static const struct {
        const char *name;
        double width;
    } widths[] = {{"file", 40}, {"agency", 30},   {"published", 12}, {"keys", 30},  {"message", 90},
                  {"rule", 16}, {"encoding", 10}, {"expected", 10},  {"actual", 10}};
    char buf[64];
    double wd = display_width(column_title(name, buf, sizeof buf)) + 2;
    for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++)
        if (strcmp(widths[i].name, name) == 0 && widths[i].width > wd)
            wd = widths[i].width;
    return wd;
}

static const char *const problem_cols[] = {"file",   "severity", "rule", "keys",   "expected",
                                           "actual", "line",     "page", "message"};
#define PROBLEM_COLS (lxw_col_t)(sizeof problem_cols / sizeof problem_cols[0])
static const char *const table_cols[] = {"file", "agency", "year"};
#define TABLE_FIXED (lxw_col_t)(sizeof table_cols / sizeof table_cols[0])

/* The human label of a cell key from the schema: "（三）不予公开 1.属于国家秘密 · 自然人". */
static const char *key_label(const char *key, char *buf, size_t size)
{
    static const gk_format formats[] = {GK_FORMAT_2021, GK_FORMAT_2019};
    for (int t = 0; t < GK_TABLE_COUNT; t++)
        for (int f = 0; f < 2; f++) {
            const gk_table_def *def = gk_schema_table((gk_table_id)t, formats[f]);
            int row, col;
            if (!def || gk_schema_find_cell(def, key, &row, &col) != 0)
                continue;
            const gk_row_def *rd = &def->rows[row];
            const gk_col_def *cd = gk_schema_col(def, row, col);
            const char *pre = rd->group ? rd->group : !rd->num[0] && rd->parent ? rd->parent : "";
            snprintf(buf, size, "%s%s%s%s · %s", pre, *pre ? " " : "", rd->num, rd->labels[0],
                     cd && cd->labels ? cd->labels[0] : "");
            return buf;
        }
    return "";
}

/* The name of the part `part` of a sheet: the name, then "name (2)", … within 31 characters. */
static void part_name(const xsheet *s, char *buf, size_t size)
{
    if (s->part == 1) {
        snprintf(buf, size, "%s", s->name);
        return;
    }
    char suffix[16];
    snprintf(suffix, sizeof suffix, " (%d)", s->part);
    size_t keep = utf8_prefix(s->name, SHEET_NAME_MAX - strlen(suffix));
    snprintf(buf, size, "%.*s%s", (int)keep, s->name, suffix);
}

/* Adds the current part of a sheet to the workbook with its header rows; 0 or -1. */
static int sheet_begin(export_writer *w, xsheet *s)
{
    char name[160], title[128], label[512];
    part_name(s, name, sizeof name);
    s->ws = workbook_add_worksheet(w->wb, name);
    s->row = 0;
    if (!s->ws) {
        note(w, LXW_ERROR_PARAMETER_VALIDATION);
        return -1;
    }
    lxw_worksheet *ws = s->ws;
    switch (s->kind) {
    case SHEET_REPORTS:
        s->head = 1;
        s->ncols = REPORT_COLS;
        for (lxw_col_t c = 0; c < REPORT_COLS; c++) {
            int m = w->report_cols[c];
            const char *col = m == COL_NOTES ? "notes" : export_meta_names[m];
            note(w, worksheet_set_column(ws, c, c, column_width(col), NULL));
            put_str(w, s, 0, c, column_title(col, title, sizeof title), w->head);
        }
        worksheet_freeze_panes(ws, 1, 1);
        break;
    case SHEET_TABLE:
        s->head = 2;
        s->ncols = (lxw_col_t)(TABLE_FIXED + s->table->nkeys);
        note(w, worksheet_set_row(ws, 0, 30, NULL)); /* rows in order: constant_memory */
        for (lxw_col_t c = 0; c < TABLE_FIXED; c++) {
            note(w, worksheet_set_column(ws, c, c, column_width(table_cols[c]), NULL));
            put_str(w, s, 0, c, column_title(table_cols[c], title, sizeof title), w->head);
        }
        note(w, worksheet_set_column(ws, TABLE_FIXED, (lxw_col_t)(s->ncols - 1), 16, NULL));
        for (int k = 0; k < s->table->nkeys; k++)
            put_str(w, s, 0, (lxw_col_t)(TABLE_FIXED + k), s->table->keys[k], w->head);
        note(w, worksheet_set_row(ws, 1, 96, NULL));
        for (int k = 0; k < s->table->nkeys; k++)
            put_str(w, s, 1, (lxw_col_t)(TABLE_FIXED + k),
                    key_label(s->table->keys[k], label, sizeof label), w->label);
        worksheet_freeze_panes(ws, 2, 1);
        break;
    default:
        s->head = 1;
        s->ncols = PROBLEM_COLS;
        for (lxw_col_t c = 0; c < PROBLEM_COLS; c++) {
            note(w, worksheet_set_column(ws, c, c, column_width(problem_cols[c]), NULL));
            put_str(w, s, 0, c, column_title(problem_cols[c], title, sizeof title), w->head);
        }
        worksheet_freeze_panes(ws, 1, 1);
        break;
    }
    s->row = s->head;
    return 0;
}

/* Filters on the last header row of the current part, over its rows. */
static void sheet_end(export_writer *w, xsheet *s)
{
    if (s->ws && s->ncols > 0)
        note(w, worksheet_autofilter(s->ws, s->head - 1, 0, s->row - 1, s->ncols - 1));
}

/* The row to write next on a sheet, going on in a new part past Excel's last row. */
static lxw_row_t sheet_row(export_writer *w, xsheet *s)
{
    if (s->ws && s->row >= LXW_ROW_MAX) {
        sheet_end(w, s);
        s->part++;
        sheet_begin(w, s);
    }
    return s->row++;
}

/* A sheet's name from its title and name ("依申请公开 t3"), as Excel accepts it. */
static void table_sheet_name(export_writer *w, const export_sheet *t, char *buf, size_t size)
{
    char title[128];
    size_t n = 0;
    for (const char *p = t->title_zh ? t->title_zh : ""; *p && n + 1 < sizeof title; p++)
        if (!strchr("[]:*?/\\'", *p))
            title[n++] = *p;
    title[n] = '\0';
    size_t room =
        utf8_chars(t->name) + 1 < SHEET_NAME_MAX ? SHEET_NAME_MAX - utf8_chars(t->name) - 1 : 0;
    snprintf(buf, size, "%.*s%s%s", (int)utf8_prefix(title, room), title, n && room ? " " : "",
             t->name);
    if (workbook_validate_sheet_name(w->wb, buf) != LXW_NO_ERROR)
        snprintf(buf, size, "%s", t->name);
}

/* ---- the writer ---- */

static void writer_free(export_writer *w)
{
    free(w->sheets);
    free(w->scratch);
    free(w->path);
    free(w);
}

/*
 * Frees a workbook without writing it. lxw_workbook_free() leaves the temporary file of every
 * constant_memory sheet open (workbook_close() consumes and closes them): close them here.
 */
static void workbook_discard(lxw_workbook *wb)
{
    lxw_worksheet *ws;
    if (!wb)
        return;
    LXW_FOREACH_WORKSHEET(ws, wb)
    {
        if (ws->optimize_tmpfile) {
            fclose(ws->optimize_tmpfile);
            ws->optimize_tmpfile = NULL;
        }
    }
    lxw_workbook_free(wb);
}

static gk_status lxw_fail(export_writer *w, lxw_error e, gk_error *err)
{
    if (err) {
        err->code = GK_ERR_IO;
        snprintf(err->msg, sizeof err->msg, "%s: xlsx: %s", w->path, lxw_strerror(e));
    }
    return GK_ERR_IO;
}

/* Creates (or empties) the file at path, to know that libxlsxwriter will be able to. */
static gk_status can_create(const char *path, gk_error *err)
{
    FILE *f = fopen(path, "wb");
    if (f && fclose(f) == 0)
        return GK_OK;
    if (err) {
        err->code = GK_ERR_IO;
        snprintf(err->msg, sizeof err->msg, "%s: %s", path, strerror(errno));
    }
    return GK_ERR_IO;
}

static gk_status s_open(export_writer **out, const char *tmp_path, gk_lang lang, gk_error *err)
{
    *out = NULL;
    /* libxlsxwriter opens the file only at the end: find out now that it can be created. */
    gk_status st = can_create(tmp_path, err);
    if (st != GK_OK)
        return st;
    export_writer *w = calloc(1, sizeof *w);
    if (!w || !(w->path = strdup(tmp_path)))
        gk_oom();
    w->lang = lang;
    lxw_workbook_options opt = {
        .constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
    w->wb = workbook_new_opt(tmp_path, &opt);
    if (!w->wb) {
        st = lxw_fail(w, LXW_ERROR_MEMORY_MALLOC_FAILED, err);
        writer_free(w);
        return st;
    }
    w->head = workbook_add_format(w->wb);
    format_set_bold(w->head);
    format_set_bg_color(w->head, 0xD9E1F2);
    format_set_bottom(w->head, LXW_BORDER_THIN);
    format_set_text_wrap(w->head);
    format_set_align(w->head, LXW_ALIGN_VERTICAL_TOP);
    w->label = workbook_add_format(w->wb);
    format_set_text_wrap(w->label);
    format_set_align(w->label, LXW_ALIGN_VERTICAL_TOP);
    format_set_font_color(w->label, 0x404040);
    format_set_bg_color(w->label, 0xF2F2F2);
    format_set_bottom(w->label, LXW_BORDER_THIN);
    w->bad = workbook_add_format(w->wb);
    format_set_font_color(w->bad, LXW_COLOR_RED);

    int n = 0;
    for (int i = 0; i < EXPORT_META_COLUMNS; i++) {
        w->report_cols[n++] = i;
        if (strcmp(export_meta_names[i], "warnings") == 0)
            w->report_cols[n++] = COL_NOTES;
    }
    if (n < REPORT_COLS)
        w->report_cols[n++] = COL_NOTES;

    int ntables = export_sheet_count();
    w->nsheets = ntables + 2;
    w->sheets = calloc((size_t)w->nsheets, sizeof *w->sheets);
    if (!w->sheets)
        gk_oom();
    w->sheets[0] = (xsheet){.kind = SHEET_REPORTS, .part = 1};
    snprintf(w->sheets[0].name, sizeof w->sheets[0].name, "报告 reports");
    for (int i = 0; i < ntables; i++) {
        xsheet *s = &w->sheets[1 + i];
        *s = (xsheet){.kind = SHEET_TABLE, .table = export_sheet_at(i), .part = 1};
        table_sheet_name(w, s->table, s->name, sizeof s->name);
    }
    w->sheets[w->nsheets - 1] = (xsheet){.kind = SHEET_PROBLEMS, .part = 1};
    snprintf(w->sheets[w->nsheets - 1].name, sizeof w->sheets[0].name, "问题 problems");
    for (int i = 0; i < w->nsheets; i++)
        sheet_begin(w, &w->sheets[i]);
    if (w->failed != LXW_NO_ERROR) {
        st = lxw_fail(w, w->failed, err);
        workbook_discard(w->wb);
        writer_free(w);
        return st;
    }
    *out = w;
    return GK_OK;
}

/* 1 if a column of the reports sheet holds numbers (the others are text, "2021" included). */
static int numeric_column(const char *name)
{
    static const char *const numeric[] = {"year", "errors", "warnings", "notes", "duplicate_of"};
    for (size_t i = 0; i < sizeof numeric / sizeof numeric[0]; i++)
        if (strcmp(numeric[i], name) == 0)
            return 1;
    return 0;
}

static void write_report_row(export_writer *w, const export_report *r)
{
    xsheet *s = &w->sheets[0];
    char buf[160], num[32];
    const char *vals[EXPORT_META_COLUMNS];
    export_meta_values(r, w->lang, buf, sizeof buf, vals);
    lxw_row_t row = sheet_row(w, s);
    for (lxw_col_t c = 0; c < REPORT_COLS; c++) {
        int m = w->report_cols[c];
        const char *v = vals[m < 0 ? 0 : m];
        if (m == COL_NOTES) {
            snprintf(num, sizeof num, "%zu", r->notes);
            v = num;
        }
        if (numeric_column(m == COL_NOTES ? "notes" : export_meta_names[m]) && is_int(v))
            put_num(w, s, row, c, strtod(v, NULL));
        else
            put_str(w, s, row, c, v, NULL);
    }
}

static int has_table(const gk_doc *doc, const export_sheet *t)
{
    for (int k = 0; k < t->nkeys; k++)
        if (export_cell(doc, t->keys[k]))
            return 1;
    return 0;
}

static void write_table_row(export_writer *w, xsheet *s, const export_report *r)
{
    if (!r->doc || !has_table(r->doc, s->table))
        return;
    lxw_row_t row = sheet_row(w, s);
    put_str(w, s, row, 0, r->file, NULL);
    put_str(w, s, row, 1, r->agency, NULL);
    if (r->year)
        put_num(w, s, row, 2, r->year);
    for (int k = 0; k < s->table->nkeys; k++) {
        const gk_value *v = export_cell(r->doc, s->table->keys[k]);
        lxw_col_t c = (lxw_col_t)(TABLE_FIXED + k);
        char buf[128];
        if (!v)
            continue;
        if (v->state == GK_CELL_NUMBER)
            put_num(w, s, row, c, strtod(gk_value_text(v, buf, sizeof buf), NULL));
        else if (v->state == GK_CELL_INVALID)
            put_str(w, s, row, c, gk_value_text(v, buf, sizeof buf), w->bad);
    }
}

static void write_problem(export_writer *w, const char *file, gk_severity sev, const char *rule,
                          const char *keys, const char *expected, const char *actual, uint32_t line,
                          uint32_t page, const char *msg)
{
    xsheet *s = &w->sheets[w->nsheets - 1];
    lxw_row_t row = sheet_row(w, s);
    put_str(w, s, row, 0, file, NULL);
    put_str(w, s, row, 1, gk_severity_name(sev, w->lang), NULL);
    put_str(w, s, row, 2, rule, NULL);
    put_str(w, s, row, 3, keys, NULL);
    put_decimal(w, s, row, 4, expected ? expected : "");
    put_decimal(w, s, row, 5, actual ? actual : "");
    if (line)
        put_num(w, s, row, 6, line);
    if (page)
        put_num(w, s, row, 7, page);
    put_str(w, s, row, 8, msg, NULL);
}

static gk_status s_add(export_writer *w, const export_report *r, gk_error *err)
{
    char msg[1024];
    write_report_row(w, r);
    for (int i = 1; i < w->nsheets - 1; i++)
        write_table_row(w, &w->sheets[i], r);
    if (!r->doc) {
        write_problem(w, r->file, GK_SEV_ERROR, "GK-UNREADABLE", "", "", "", 0, 0, r->why);
    } else {
        size_t n = gk_doc_diag_count(r->doc);
        for (size_t i = 0; i < n; i++) {
            const gk_diag *d = gk_doc_diag(r->doc, i);
            write_problem(w, r->file, d->severity, d->rule, d->keys, d->expected, d->actual,
                          d->line, d->page, w->lang == GK_LANG_EN ? d->msg_en : d->msg_zh);
        }
    }
    if (r->duplicate_of >= 0) {
        const char *first = r->duplicate_file ? r->duplicate_file : "";
        if (w->lang == GK_LANG_EN)
            snprintf(msg, sizeof msg,
                     "the same data (agency, year and every cell) as report %ld, %s",
                     r->duplicate_of + 1, first);
        else
            snprintf(msg, sizeof msg, "与第 %ld 份报告（%s）的数据（机关、年度和每个单元格）相同",
                     r->duplicate_of + 1, first);
        write_problem(w, r->file, GK_SEV_WARNING, "GK-DUPLICATE", "", "", "", 0, 0, msg);
    }
    return w->failed != LXW_NO_ERROR ? lxw_fail(w, w->failed, err) : GK_OK;
}

static gk_status s_close(export_writer *w, gk_error *err)
{
    gk_status st = GK_OK;
    for (int i = 0; i < w->nsheets; i++)
        sheet_end(w, &w->sheets[i]);
    if (w->failed != LXW_NO_ERROR) { /* a sheet is incomplete: do not finish the file */
        st = lxw_fail(w, w->failed, err);
        workbook_discard(w->wb);
    } else if ((st = can_create(w->path, err)) != GK_OK) {
        /* workbook_close() would fail the same way, leaving the sheets' temporary files open */
        workbook_discard(w->wb);
    } else {
        lxw_error e = workbook_close(w->wb); /* frees the workbook in every case */
        if (e != LXW_NO_ERROR)
            st = lxw_fail(w, e, err);
    }
    writer_free(w);
    return st;
}

static void s_abort(export_writer *w)
{
    if (!w)
        return;
    workbook_discard(w->wb);
    writer_free(w);
}

const export_ops export_xlsx_ops = {s_open, s_add, s_close, s_abort};
