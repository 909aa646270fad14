/*
 * test_export_xlsx.c — the XLSX dataset, read back from the zip: reports are exported through
 * the public API (gk_doc_read_file + gk_check + gk_export_*), then the workbook is opened with
 * libzip and its sheet XML is parsed into a grid of cells. Table values are compared with the
 * hand-transcribed golden files (tests/golden/…expected.json), never with the parser's output;
 * the problems sheet is checked for diagnostics the golden README describes, and for the
 * GK-DUPLICATE and GK-UNREADABLE rows. Also: the output appears only at close, no temporary
 * file is left behind, gk_export_abort leaves nothing, and an unwritable output fails.
 *
 * usage: test-export-xlsx SOURCE_ROOT
 */
#include <dirent.h>
#include <gongkai/gongkai.h>
#include <jansson.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "harness.h"

static const char *root;

/* ---- files ---- */

static char *path_join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", a, b);
    return p;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Number of entries in a directory; the first one's name in `first`. */
static int dir_entries(const char *dir, char *first, size_t size)
{
    DIR *d = opendir(dir);
    int n = 0;
    if (first)
        first[0] = '\0';
    for (struct dirent *e; d && (e = readdir(d));) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (n++ == 0 && first)
            snprintf(first, size, "%s", e->d_name);
    }
    if (d)
        closedir(d);
    return n;
}

static int copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    char buf[8192];
    size_t n;
    int ok = in && out;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, n, out) == n;
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        ok = 0;
    return ok ? 0 : -1;
}

static gk_doc *read_checked(const char *path)
{
    gk_doc *doc = NULL;
    gk_error err = {0};
    gk_status st = gk_doc_read_file(path, &doc, &err);
    CHECK_MSG(st == GK_OK, "read %s: %s", path, err.msg);
    if (doc)
        gk_check(doc);
    return doc;
}

static json_t *golden(const char *rel)
{
    char *p = path_join(root, rel);
    json_error_t jerr;
    json_t *j = json_load_file(p, 0, &jerr);
    CHECK_MSG(j != NULL, "golden %s: %s", p, jerr.text);
    free(p);
    return j;
}

/* ---- the workbook ---- */

static char *zip_text(zip_t *z, const char *name)
{
    zip_stat_t st;
    if (zip_stat(z, name, 0, &st) != 0)
        return NULL;
    zip_file_t *f = zip_fopen(z, name, 0);
    if (!f)
        return NULL;
    char *buf = malloc(st.size + 1);
    zip_int64_t n = zip_fread(f, buf, st.size);
    zip_fclose(f);
    if (n < 0 || (zip_uint64_t)n != st.size) {
        free(buf);
        return NULL;
    }
    buf[st.size] = '\0';
    return buf;
}

/* XML text s[0..n) with its entities replaced. */
static char *xml_text(const char *s, size_t n)
{
    char *out = malloc(n + 1), *o = out;
    for (size_t i = 0; i < n;) {
        static const struct {
            const char *ent;
            char c;
        } ents[] = {
            {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
        int done = 0;
        for (size_t k = 0; s[i] == '&' && k < sizeof ents / sizeof ents[0]; k++)
            if (strncmp(s + i, ents[k].ent, strlen(ents[k].ent)) == 0) {
                *o++ = ents[k].c;
                i += strlen(ents[k].ent);
                done = 1;
                break;
            }
        if (!done && strncmp(s + i, "&#", 2) == 0) {
            char *end;
            long cp = s[i + 2] == 'x' ? strtol(s + i + 3, &end, 16) : strtol(s + i + 2, &end, 10);
            if (*end == ';' && cp > 0 && cp < 0x80) {
                *o++ = (char)cp;
                i = (size_t)(end + 1 - s);
                done = 1;
            }
        }
        if (!done)
            *o++ = s[i++];
    }
    *o = '\0';
    return out;
}

/* The text of the first <t …>…</t> elements between s and end, concatenated. */
static char *t_elements(const char *s, const char *end)
{
    size_t cap = 64, len = 0;
    char *out = calloc(1, cap);
    for (const char *p = s; (p = strstr(p, "<t")) && p < end;) {
        if (p[2] != '>' && p[2] != ' ') {
            p += 2;
            continue;
        }
        const char *open = strchr(p, '>'), *close = strstr(p, "</t>");
        if (!open || !close || close > end)
            break;
        char *t = xml_text(open + 1, (size_t)(close - open - 1));
        size_t n = strlen(t);
        if (len + n + 1 > cap) {
            cap = (len + n + 1) * 2;
            out = realloc(out, cap);
        }
        memcpy(out + len, t, n + 1);
        len += n;
        free(t);
        p = close + 4;
    }
    return out;
}

typedef struct strings {
    char **s;
    size_t n;
} strings;

static strings shared_strings(const char *xml)
{
    strings ss = {0};
    for (const char *p = xml; p && (p = strstr(p, "<si>"));) {
        const char *end = strstr(p, "</si>");
        if (!end)
            break;
        ss.s = realloc(ss.s, (ss.n + 1) * sizeof *ss.s);
        ss.s[ss.n++] = t_elements(p, end);
        p = end + 5;
    }
    return ss;
}

enum { CELL_EMPTY = 0, CELL_NUM, CELL_STR };

typedef struct cell {
    int type;
    char *text; /* the number as written in the XML, or the string */
} cell;

typedef struct sheet {
    char name[128];
    int nrows, ncols;
    cell *cells; /* nrows × ncols */
    int inline_strings;
} sheet;

static cell empty_cell; /* its text is set in main() */

static const cell *at(const sheet *s, int row, int col)
{
    if (row < 0 || col < 0 || row >= s->nrows || col >= s->ncols)
        return &empty_cell;
    const cell *c = &s->cells[(size_t)row * (size_t)s->ncols + (size_t)col];
    return c->type ? c : &empty_cell;
}

static const char *text_at(const sheet *s, int row, int col)
{
    return at(s, row, col)->text;
}

static double num_at(const sheet *s, int row, int col)
{
    const cell *c = at(s, row, col);
    return c->type == CELL_NUM ? strtod(c->text, NULL) : -1e300;
}

/* "AB12" → row 11, col 27 (0-based). */
static void cell_ref(const char *ref, int *row, int *col)
{
    int c = 0;
    for (; *ref >= 'A' && *ref <= 'Z'; ref++)
        c = c * 26 + (*ref - 'A' + 1);
    *col = c - 1;
    *row = atoi(ref) - 1;
}

/* The value of attribute `name` in a start tag [tag, end), copied into buf ("" if absent). */
static const char *attr(const char *tag, const char *end, const char *name, char *buf, size_t size)
{
    char pat[32];
    snprintf(pat, sizeof pat, " %s=\"", name);
    const char *p = strstr(tag, pat);
    buf[0] = '\0';
    if (p && p < end) {
        p += strlen(pat);
        const char *q = strchr(p, '"');
        if (q && q < end)
            snprintf(buf, size, "%.*s", (int)(q - p), p);
    }
    return buf;
}

static void parse_sheet(sheet *sh, const char *xml, const strings *sst)
{
    typedef struct {
        int row, col;
        cell c;
    } raw;
    raw *cells = NULL;
    size_t n = 0;
    int nrows = 0, ncols = 0;
    for (const char *p = xml; (p = strstr(p, "<c r=\""));) {
        const char *tag_end = strchr(p, '>');
        char ref[16], type[16];
        if (!tag_end)
            break;
        attr(p, tag_end, "r", ref, sizeof ref);
        attr(p, tag_end, "t", type, sizeof type);
        raw r = {0};
        cell_ref(ref, &r.row, &r.col);
        if (tag_end[-1] == '/') { /* <c …/>: formatted but empty */
            p = tag_end + 1;
            continue;
        }
        const char *end = strstr(tag_end, "</c>");
        if (!end)
            break;
        if (strcmp(type, "inlineStr") == 0) {
            r.c = (cell){CELL_STR, t_elements(tag_end, end)};
            sh->inline_strings++;
        } else {
            const char *v = strstr(tag_end, "<v>"), *ve = v ? strstr(v, "</v>") : NULL;
            char *val = v && ve && ve < end ? xml_text(v + 3, (size_t)(ve - v - 3)) : strdup("");
            if (strcmp(type, "s") == 0) {
                size_t i = strtoul(val, NULL, 10);
                r.c = (cell){CELL_STR, strdup(i < sst->n ? sst->s[i] : "")};
                free(val);
            } else if (strcmp(type, "str") == 0 || strcmp(type, "e") == 0) {
                r.c = (cell){CELL_STR, val};
            } else {
                r.c = (cell){CELL_NUM, val};
            }
        }
        cells = realloc(cells, (n + 1) * sizeof *cells);
        cells[n++] = r;
        if (r.row + 1 > nrows)
            nrows = r.row + 1;
        if (r.col + 1 > ncols)
            ncols = r.col + 1;
        p = end + 4;
    }
    sh->nrows = nrows, sh->ncols = ncols;
    sh->cells = calloc((size_t)nrows * (size_t)ncols + 1, sizeof *sh->cells);
    for (size_t i = 0; i < n; i++) {
        cell *c = &sh->cells[(size_t)cells[i].row * (size_t)ncols + (size_t)cells[i].col];
        free(c->text);
        *c = cells[i].c;
    }
    free(cells);
}

typedef struct workbook {
    sheet sheets[16];
    int nsheets;
    int has_shared_strings;
} workbook;

/* Opens an XLSX and reads every sheet, resolving each through the workbook's relationships. */
static int workbook_load(workbook *wb, const char *path)
{
    memset(wb, 0, sizeof *wb);
    int zerr = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
    CHECK_MSG(z != NULL, "%s is not a zip file (libzip error %d)", path, zerr);
    if (!z)
        return -1;
    char *book = zip_text(z, "xl/workbook.xml"), *rels = zip_text(z, "xl/_rels/workbook.xml.rels");
    char *sst_xml = zip_text(z, "xl/sharedStrings.xml");
    CHECK(book != NULL && rels != NULL);
    wb->has_shared_strings = sst_xml != NULL;
    strings sst = shared_strings(sst_xml);
    for (const char *p = book; p && (p = strstr(p, "<sheet ")) && wb->nsheets < 16; p++) {
        const char *end = strchr(p, '>');
        char name[256], rid[32], pat[64], target[256];
        sheet *sh = &wb->sheets[wb->nsheets++];
        attr(p, end, "name", name, sizeof name);
        char *nm = xml_text(name, strlen(name));
        snprintf(sh->name, sizeof sh->name, "%s", nm);
        free(nm);
        attr(p, end, "r:id", rid, sizeof rid);
        snprintf(pat, sizeof pat, "Id=\"%s\"", rid);
        const char *rel = rels ? strstr(rels, pat) : NULL;
        const char *rel_end = rel ? strchr(rel, '>') : NULL;
        const char *tp = rel ? strstr(rel, "Target=\"") : NULL;
        target[0] = '\0';
        if (tp && tp < rel_end) {
            tp += 8;
            snprintf(target, sizeof target, "xl/%.*s", (int)(strchr(tp, '"') - tp), tp);
        }
        char *xml = zip_text(z, target);
        CHECK_MSG(xml != NULL, "sheet %s: no part %s", sh->name, target);
        if (xml)
            parse_sheet(sh, xml, &sst);
        free(xml);
    }
    for (size_t i = 0; i < sst.n; i++)
        free(sst.s[i]);
    free(sst.s);
    free(book), free(rels), free(sst_xml);
    zip_close(z);
    return 0;
}

static void workbook_free(workbook *wb)
{
    for (int i = 0; i < wb->nsheets; i++) {
        sheet *s = &wb->sheets[i];
        for (size_t k = 0; k < (size_t)s->nrows * (size_t)s->ncols; k++)
            free(s->cells[k].text);
        free(s->cells);
    }
}

static const sheet *sheet_named(const workbook *wb, const char *name)
{
    for (int i = 0; i < wb->nsheets; i++)
        if (strcmp(wb->sheets[i].name, name) == 0)
            return &wb->sheets[i];
    CHECK_MSG(0, "no sheet \"%s\"", name);
    return NULL;
}

/* The column whose header (row 0) is `title`, or -1. */
static int column(const sheet *s, const char *title)
{
    for (int c = 0; s && c < s->ncols; c++)
        if (strcmp(text_at(s, 0, c), title) == 0)
            return c;
    CHECK_MSG(0, "sheet %s: no column \"%s\"", s ? s->name : "?", title);
    return -1;
}

/* The rows whose column 0 is `file`, from `first`: the first one, or -1. */
static int row_of(const sheet *s, const char *file, int first)
{
    for (int r = first; s && r < s->nrows; r++)
        if (strcmp(text_at(s, r, 0), file) == 0)
            return r;
    return -1;
}

static int count_rows_of(const sheet *s, const char *file)
{
    int n = 0;
    for (int r = 1; s && r < s->nrows; r++)
        n += strcmp(text_at(s, r, 0), file) == 0;
    return n;
}

/*
 * Every cell-key column of a table sheet in the row of a report, against the golden cells: a
 * number where the golden file has one (money compared as a decimal), empty where it has null
 * or does not list the key (a row of the other template).
 */
static void check_row_against_golden(const sheet *s, int row, json_t *gold, const char *what)
{
    json_t *cells = json_object_get(gold, "cells");
    int checked = 0;
    for (int c = 3; s && row > 0 && c < s->ncols; c++) {
        const char *key = text_at(s, 0, c);
        json_t *want = json_object_get(cells, key);
        const cell *got = at(s, row, c);
        if (!want || json_is_null(want)) {
            CHECK_MSG(got->type == CELL_EMPTY, "%s %s %s: \"%s\", want an empty cell", what,
                      s->name, key, got->text);
        } else if (json_is_integer(want)) {
            CHECK_MSG(got->type == CELL_NUM &&
                          strtod(got->text, NULL) == (double)json_integer_value(want),
                      "%s %s %s: %s \"%s\", want the number %lld", what, s->name, key,
                      got->type == CELL_NUM ? "number" : "non-number", got->text,
                      (long long)json_integer_value(want));
            checked++;
        } else {
            const char *w = json_is_string(want) ? json_string_value(want) : "?";
            CHECK_MSG(got->type == CELL_NUM && strtod(got->text, NULL) == strtod(w, NULL),
                      "%s %s %s: \"%s\", want the number %s", what, s->name, key, got->text, w);
            checked++;
        }
    }
    CHECK_MSG(checked > 0, "%s: no golden value in sheet %s", what, s ? s->name : "?");
}

/* ---- the test ---- */

typedef struct input {
    const char *rel, *golden;
    gk_doc *doc;
    json_t *gold;
} input;

static void check_headers(const workbook *wb)
{
    static const char *const names[] = {"报告 reports",           "主动公开（2021） t2",
                                        "主动公开（2019） t2v19", "依申请公开 t3",
                                        "行政复议和行政诉讼 t4",  "问题 problems"};
    CHECK_INT(wb->nsheets, 6);
    for (int i = 0; i < 6 && i < wb->nsheets; i++)
        CHECK_STR(wb->sheets[i].name, names[i]);
    /* constant_memory mode writes strings inline: no shared strings table at all. */
    CHECK_MSG(!wb->has_shared_strings, "xl/sharedStrings.xml present: not constant_memory mode");
    for (int i = 0; i < wb->nsheets; i++)
        CHECK_MSG(wb->sheets[i].inline_strings > 0, "sheet %s: no inline string",
                  wb->sheets[i].name);

    const sheet *rep = sheet_named(wb, "报告 reports");
    static const char *const rep_cols[] = {"文件 file",     "机关 agency",   "层级 level",
                                           "年度 year",     "模板 template", "错误 errors",
                                           "警告 warnings", "提示 notes",    "重复于 duplicate_of"};
    for (size_t i = 0; i < sizeof rep_cols / sizeof rep_cols[0]; i++)
        CHECK(column(rep, rep_cols[i]) >= 0);
    CHECK_STR(text_at(rep, 0, 0), "文件 file");

    const sheet *t3 = sheet_named(wb, "依申请公开 t3");
    CHECK_STR(text_at(t3, 0, 0), "文件 file");
    CHECK_STR(text_at(t3, 0, 1), "机关 agency");
    CHECK_STR(text_at(t3, 0, 2), "年度 year");
    CHECK_STR(text_at(t3, 0, 3), "t3.new.np");
    int c = column(t3, "t3.new.total");
    CHECK_MSG(strstr(text_at(t3, 1, c), "本年新收政府信息公开申请数量") &&
                  strstr(text_at(t3, 1, c), "总计"),
              "label of t3.new.total: \"%s\"", text_at(t3, 1, c));
    c = column(t3, "t3.refuse.state_secret.np");
    CHECK_MSG(strstr(text_at(t3, 1, c), "不予公开") && strstr(text_at(t3, 1, c), "属于国家秘密") &&
                  strstr(text_at(t3, 1, c), "自然人"),
              "label of t3.refuse.state_secret.np: \"%s\"", text_at(t3, 1, c));
    /* Both templates' rows: the 2021 sub-rows of (六) and the 2019 single row t3.other. */
    CHECK(column(t3, "t3.other.no_correction.total") > 0 && column(t3, "t3.other.total") > 0);
    const sheet *t2 = sheet_named(wb, "主动公开（2021） t2");
    c = column(t2, "t2.admin_fee.amount_wan");
    CHECK_MSG(strstr(text_at(t2, 1, c), "行政事业性收费"), "label: \"%s\"", text_at(t2, 1, c));
    const sheet *pr = sheet_named(wb, "问题 problems");
    static const char *const pr_cols[] = {"文件 file",   "严重程度 severity", "规则 rule",
                                          "单元格 keys", "行 line",           "页 page",
                                          "说明 message"};
    for (size_t i = 0; i < sizeof pr_cols / sizeof pr_cols[0]; i++)
        CHECK(column(pr, pr_cols[i]) >= 0);
}

static void check_reports_sheet(const workbook *wb, input *in, int nin, const char *unreadable,
                                const char *copy_name, int copy_index)
{
    const sheet *rep = sheet_named(wb, "报告 reports");
    int cf = column(rep, "文件 file"), ca = column(rep, "机关 agency"),
        cy = column(rep, "年度 year");
    int ct = column(rep, "模板 template"), ce = column(rep, "错误 errors");
    int cw = column(rep, "警告 warnings"), cn = column(rep, "提示 notes");
    int cd = column(rep, "重复于 duplicate_of"), cl = column(rep, "层级 level");
    CHECK_INT(rep ? rep->nrows : 0, 1 + nin + 2); /* header, the inputs, unreadable, copy */
    for (int i = 0; i < nin; i++) {
        int row = 1 + i + (i >= 3); /* the unreadable input was added fourth */
        const gk_doc *d = in[i].doc;
        CHECK_STR(text_at(rep, row, cf), gk_doc_name(d));
        CHECK_STR(text_at(rep, row, ca), json_string_value(json_object_get(in[i].gold, "agency")));
        CHECK_MSG(num_at(rep, row, cy) ==
                      (double)json_integer_value(json_object_get(in[i].gold, "year")),
                  "%s: year %s", in[i].rel, text_at(rep, row, cy));
        json_t *tpl = json_object_get(in[i].gold, "template");
        CHECK_STR(text_at(rep, row, ct), json_string_value(json_object_get(tpl, "t2")));
        CHECK_INT(num_at(rep, row, ce), gk_doc_diag_count_at_least(d, GK_SEV_ERROR));
        CHECK_INT(num_at(rep, row, cw), gk_doc_diag_count_at_least(d, GK_SEV_WARNING) -
                                            gk_doc_diag_count_at_least(d, GK_SEV_ERROR));
        CHECK_INT(num_at(rep, row, cn),
                  gk_doc_diag_count(d) - gk_doc_diag_count_at_least(d, GK_SEV_WARNING));
        CHECK_MSG(at(rep, row, cd)->type == CELL_EMPTY, "%s: duplicate_of \"%s\"", in[i].rel,
                  text_at(rep, row, cd));
    }
    /* 淮安市人民政府 is a prefecture-level city's government. */
    CHECK_STR(text_at(rep, 2, cl), gk_level_name(GK_LEVEL_CITY, GK_LANG_ZH));
    /* The unreadable input: its file and one error, nothing else. */
    CHECK_STR(text_at(rep, 4, cf), unreadable);
    CHECK_INT(num_at(rep, 4, ce), 1);
    CHECK(at(rep, 4, ca)->type == CELL_EMPTY && at(rep, 4, cy)->type == CELL_EMPTY);
    /* The copy of the first report: a duplicate of report 1. */
    CHECK_STR(text_at(rep, copy_index + 1, cf), copy_name);
    CHECK_MSG(num_at(rep, copy_index + 1, cd) == 1, "duplicate_of \"%s\"",
              text_at(rep, copy_index + 1, cd));
}

static void check_table_sheets(const workbook *wb, input *in, int nin, const char *unreadable,
                               const char *copy_name)
{
    static const char *const sheets[] = {"主动公开（2021） t2", "主动公开（2019） t2v19",
                                         "依申请公开 t3", "行政复议和行政诉讼 t4"};
    static const char *const tables[] = {"t2", "t2", "t3", "t4"};
    static const char *const formats[] = {"2021", "2019", NULL, NULL};
    for (int k = 0; k < 4; k++) {
        const sheet *s = sheet_named(wb, sheets[k]);
        if (!s)
            continue;
        CHECK_INT(row_of(s, unreadable, 2), -1);
        for (int i = 0; i < nin; i++) {
            const char *name = gk_doc_name(in[i].doc);
            const char *tpl = json_string_value(
                json_object_get(json_object_get(in[i].gold, "template"), tables[k]));
            int want = tpl && (!formats[k] || strcmp(tpl, formats[k]) == 0);
            int row = row_of(s, name, 2);
            CHECK_MSG((row > 0) == want, "%s: row in %s: %d (template %s)", in[i].rel, sheets[k],
                      row, tpl ? tpl : "none");
            if (row < 0)
                continue;
            CHECK_INT(count_rows_of(s, name), 1);
            CHECK_STR(text_at(s, row, 1), json_string_value(json_object_get(in[i].gold, "agency")));
            CHECK_MSG(num_at(s, row, 2) ==
                          (double)json_integer_value(json_object_get(in[i].gold, "year")),
                      "%s: year", in[i].rel);
            check_row_against_golden(s, row, in[i].gold, in[i].rel);
        }
        /* The duplicate is still written, as its own row. */
        if (row_of(s, gk_doc_name(in[0].doc), 2) > 0)
            CHECK(row_of(s, copy_name, 2) > 0);
    }

    /* The values the brief names, spelled out (szfgs2024.expected.json). */
    const sheet *t3 = sheet_named(wb, "依申请公开 t3");
    int sz = row_of(t3, gk_doc_name(in[1].doc), 2);
    CHECK(sz > 0);
    CHECK_STR(at(t3, sz, column(t3, "t3.new.total"))->text, "3119");
    CHECK_INT(at(t3, sz, column(t3, "t3.new.total"))->type, CELL_NUM);
    CHECK_STR(at(t3, sz, column(t3, "t3.carry_out.total"))->text, "103");
    CHECK_INT(at(t3, sz, column(t3, "t3.other.total"))->type, CELL_EMPTY);
    /* The 2019 report: its single （六）其他处理 row is filled (zeros), the 2021 rows are not. */
    int s19 = row_of(t3, gk_doc_name(in[2].doc), 2);
    CHECK(s19 > 0);
    CHECK_INT(at(t3, s19, column(t3, "t3.other.np"))->type, CELL_NUM);
    CHECK_STR(at(t3, s19, column(t3, "t3.other.total"))->text, "0");
    CHECK_INT(at(t3, s19, column(t3, "t3.other.no_correction.total"))->type, CELL_EMPTY);
    CHECK_STR(at(t3, s19, column(t3, "t3.new.total"))->text, "1");
    /* 000: （一）予以公开 has an empty 法律服务机构 cell (golden README), written as no cell. */
    int s0 = row_of(t3, gk_doc_name(in[0].doc), 2);
    CHECK_INT(at(t3, s0, column(t3, "t3.grant.legal"))->type, CELL_EMPTY);
    CHECK_STR(at(t3, s0, column(t3, "t3.grant.total"))->text, "23");
    /* Money keeps its decimals: the cell holds the double nearest to the decimal (libxlsxwriter
     * writes it with 16 significant digits, e.g. 96171.60000000001, which reads back exactly). */
    const sheet *t2 = sheet_named(wb, "主动公开（2021） t2");
    int sz2 = row_of(t2, gk_doc_name(in[1].doc), 2);
    CHECK(num_at(t2, sz2, column(t2, "t2.admin_fee.amount_wan")) == strtod("96171.6", NULL));
    CHECK(num_at(t2, sz2, column(t2, "t2.admin_fee.amount_wan")) != 96171.0);
    const sheet *v19 = sheet_named(wb, "主动公开（2019） t2v19");
    int v = row_of(v19, gk_doc_name(in[2].doc), 2);
    CHECK_INT(v, 2); /* the only report of the 2019 format */
    CHECK(num_at(v19, v, column(v19, "t2v19.procurement.amount")) == strtod("1767211.05", NULL));
    CHECK_INT(at(v19, v, column(v19, "t2v19.procurement.amount"))->type, CELL_NUM);
    CHECK_INT(row_of(t2, gk_doc_name(in[2].doc), 2), -1);
}

static void check_problems_sheet(const workbook *wb, input *in, int nin, const char *unreadable,
                                 const char *why, const gk_doc *copy, const char *copy_name)
{
    const sheet *pr = sheet_named(wb, "问题 problems");
    int cf = column(pr, "文件 file"), cs = column(pr, "严重程度 severity");
    int cr = column(pr, "规则 rule"), ck = column(pr, "单元格 keys"), cl = column(pr, "行 line");
    int ce = column(pr, "期望值 expected"), ca = column(pr, "实际值 actual");
    int cm = column(pr, "说明 message"), cp = column(pr, "页 page");
    size_t want = 2 + gk_doc_diag_count(copy);
    for (int i = 0; i < nin; i++)
        want += gk_doc_diag_count(in[i].doc);
    CHECK_INT(pr ? pr->nrows - 1 : 0, want);
    for (int i = 0; i < nin; i++)
        CHECK_INT(count_rows_of(pr, gk_doc_name(in[i].doc)), gk_doc_diag_count(in[i].doc));

    /* 000: section 一 says 其他处理 15 宗, the table's total column has 17 (golden README). */
    json_t *sec = json_object_get(in[0].gold, "sections");
    long s1 = (long)json_integer_value(json_object_get(sec, "s1_overall"));
    long s2 = (long)json_integer_value(json_object_get(sec, "s2_proactive"));
    int found = 0;
    for (int r = 1; pr && r < pr->nrows; r++) {
        if (strcmp(text_at(pr, r, cf), gk_doc_name(in[0].doc)) != 0 ||
            strcmp(text_at(pr, r, cr), "P-COUNT") != 0 ||
            strncmp(text_at(pr, r, ck), "t3.other", 8) != 0)
            continue;
        found++;
        CHECK_STR(text_at(pr, r, cs), gk_severity_name(GK_SEV_ERROR, GK_LANG_ZH));
        CHECK_STR(text_at(pr, r, ce), "17");
        CHECK_INT(at(pr, r, ce)->type, CELL_NUM);
        CHECK_STR(text_at(pr, r, ca), "15");
        CHECK_MSG(num_at(pr, r, cl) >= s1 && num_at(pr, r, cl) < s2, "P-COUNT on line %s",
                  text_at(pr, r, cl));
        CHECK_INT(at(pr, r, cp)->type, CELL_EMPTY); /* a text file has no pages */
        CHECK_MSG(strstr(text_at(pr, r, cm), "15") && strstr(text_at(pr, r, cm), "17"),
                  "message \"%s\"", text_at(pr, r, cm));
    }
    CHECK_INT(found, 1);
    /* The same report's blank t3.grant.legal (golden: null). */
    found = 0;
    for (int r = 1; pr && r < pr->nrows; r++)
        found += strcmp(text_at(pr, r, cf), gk_doc_name(in[0].doc)) == 0 &&
                 strcmp(text_at(pr, r, ck), "t3.grant.legal") == 0;
    CHECK(found >= 1);

    /* The unreadable input, between the rows of the third and the fifth report. */
    int u = row_of(pr, unreadable, 1);
    CHECK(u > 0);
    CHECK_INT(count_rows_of(pr, unreadable), 1);
    CHECK_STR(text_at(pr, u, cr), "GK-UNREADABLE");
    CHECK_STR(text_at(pr, u, cm), why);
    CHECK_STR(text_at(pr, u, cs), gk_severity_name(GK_SEV_ERROR, GK_LANG_ZH));
    for (int r = 1; pr && r < pr->nrows; r++) {
        if (strcmp(text_at(pr, r, cf), gk_doc_name(in[2].doc)) == 0)
            CHECK_MSG(r < u, "row %d of report 3 after the unreadable input's row %d", r, u);
        if (strcmp(text_at(pr, r, cf), gk_doc_name(in[3].doc)) == 0)
            CHECK_MSG(r > u, "row %d of report 5 before the unreadable input's row %d", r, u);
    }

    /* The copy: its own diagnostics, then GK-DUPLICATE naming report 1 and its file. */
    int dups = 0;
    for (int r = 1; pr && r < pr->nrows; r++) {
        if (strcmp(text_at(pr, r, cr), "GK-DUPLICATE") != 0)
            continue;
        dups++;
        CHECK_STR(text_at(pr, r, cf), copy_name);
        CHECK_STR(text_at(pr, r, cs), gk_severity_name(GK_SEV_WARNING, GK_LANG_ZH));
        CHECK_MSG(strstr(text_at(pr, r, cm), gk_doc_name(in[0].doc)) &&
                      strstr(text_at(pr, r, cm), "1"),
                  "GK-DUPLICATE message \"%s\"", text_at(pr, r, cm));
        CHECK_INT(r, pr->nrows - 1); /* the copy was added last; its duplicate row ends it */
    }
    CHECK_INT(dups, 1);
    CHECK_INT(count_rows_of(pr, copy_name), gk_doc_diag_count(copy) + 1);
}

/* The main export: reports of both templates, an unreadable input and a duplicate. */
static void test_dataset(const char *dir, const char *indir)
{
    input in[] = {
        {"examples/000_610e68cbc9aa9a29.txt", "tests/golden/000_610e68cbc9aa9a29.expected.json",
         NULL, NULL},
        {"tests/fixtures/peers/szfgs2024.pdf", "tests/golden/peers/szfgs2024.expected.json", NULL,
         NULL},
        {"examples/004_6cbc9befc1ec18ab.txt", "tests/golden/004_6cbc9befc1ec18ab.expected.json",
         NULL, NULL},
        /* 2021 T2 with a 2019 T3: rows on t2 and t3 */
        {"tests/fixtures/peers/hzq2024_working.pdf",
         "tests/golden/peers/hzq2024_working.expected.json", NULL, NULL},
    };
    int nin = (int)(sizeof in / sizeof in[0]);
    for (int i = 0; i < nin; i++) {
        char *p = path_join(root, in[i].rel);
        in[i].doc = read_checked(p);
        in[i].gold = golden(in[i].golden);
        free(p);
        if (!in[i].doc || !in[i].gold)
            return;
    }
    char *src = path_join(root, in[0].rel), *copy_path = path_join(indir, "000 copy.txt");
    CHECK(copy_file(src, copy_path) == 0);
    gk_doc *copy = read_checked(copy_path);
    free(src);
    if (!copy)
        return;
    const char *unreadable = "broken/report.pdf", *why = "not a PDF: the file ends in its header";

    char *out = path_join(dir, "dataset.xlsx"), first[256];
    gk_exporter *x = NULL;
    gk_error err = {0};
    CHECK_INT(gk_export_open(GK_EXPORT_XLSX, out, GK_LANG_ZH, &x, &err), GK_OK);
    if (!x) {
        printf("open: %s\n", err.msg);
        return;
    }
    for (int i = 0; i < nin; i++) {
        if (i == 3)
            CHECK_INT(gk_export_add_unreadable(x, unreadable, why, &err), GK_OK);
        CHECK_MSG(gk_export_add(x, in[i].doc, &err) == GK_OK, "add %s: %s", in[i].rel, err.msg);
    }
    CHECK_INT(gk_export_add(x, copy, &err), GK_OK);
    /* Before close: no output yet, only the temporary file next to it. */
    CHECK(!exists(out));
    CHECK_INT(dir_entries(dir, first, sizeof first), 1);
    CHECK_MSG(strncmp(first, "dataset.xlsx.tmp", 16) == 0, "temporary file \"%s\"", first);
    CHECK_MSG(gk_export_close(x, &err) == GK_OK, "close: %s", err.msg);
    CHECK(exists(out));
    CHECK_INT(dir_entries(dir, first, sizeof first), 1);
    CHECK_STR(first, "dataset.xlsx");

    workbook wb;
    if (workbook_load(&wb, out) == 0) {
        check_headers(&wb);
        check_reports_sheet(&wb, in, nin, unreadable, gk_doc_name(copy), nin + 1);
        check_table_sheets(&wb, in, nin, unreadable, gk_doc_name(copy));
        check_problems_sheet(&wb, in, nin, unreadable, why, copy, gk_doc_name(copy));
        workbook_free(&wb);
    }
    unlink(out);
    unlink(copy_path);
    free(out);
    free(copy_path);
    gk_doc_free(copy);
    for (int i = 0; i < nin; i++) {
        gk_doc_free(in[i].doc);
        json_decref(in[i].gold);
    }
}

/* English messages, many duplicates of one report, and strings the XML cannot hold. */
static void test_english(const char *dir)
{
    char *p = path_join(root, "examples/000_610e68cbc9aa9a29.txt");
    gk_doc *doc = read_checked(p);
    free(p);
    if (!doc)
        return;
    char *out = path_join(dir, "en.xlsx");
    gk_exporter *x = NULL;
    gk_error err = {0};
    enum { COPIES = 60 };
    CHECK_INT(gk_export_open(GK_EXPORT_XLSX, out, GK_LANG_EN, &x, &err), GK_OK);
    if (!x)
        return;
    for (int i = 0; i < COPIES; i++)
        CHECK_INT(gk_export_add(x, doc, &err), GK_OK);
    /* Invalid UTF-8 and a control character in a name and a reason. */
    CHECK_INT(gk_export_add_unreadable(x, "bad\xff\xfename\x01.txt", "why\x02 <&>", &err), GK_OK);
    CHECK_MSG(gk_export_close(x, &err) == GK_OK, "close: %s", err.msg);

    workbook wb;
    if (workbook_load(&wb, out) == 0) {
        const sheet *rep = sheet_named(&wb, "报告 reports"),
                    *pr = sheet_named(&wb, "问题 problems");
        const sheet *t3 = sheet_named(&wb, "依申请公开 t3");
        CHECK_INT(rep ? rep->nrows : 0, 1 + COPIES + 1);
        CHECK_INT(t3 ? t3->nrows : 0, 2 + COPIES);
        int cd = column(rep, "重复于 duplicate_of"), cl = column(rep, "层级 level");
        CHECK_STR(text_at(rep, 1, cl), "county"); /* 江门市江海区人民政府 */
        CHECK_INT(at(rep, 1, cd)->type, CELL_EMPTY);
        for (int r = 2; r <= COPIES; r++)
            CHECK_MSG(num_at(rep, r, cd) == 1, "row %d: duplicate_of \"%s\"", r,
                      text_at(rep, r, cd));
        CHECK_STR(text_at(rep, COPIES + 1, 0), "bad\xEF\xBF\xBD\xEF\xBF\xBDname\xEF\xBF\xBD.txt");
        int cr = column(pr, "规则 rule"), cs = column(pr, "严重程度 severity");
        int cm = column(pr, "说明 message");
        CHECK_INT(pr ? pr->nrows : 0, 1 + COPIES * (gk_doc_diag_count(doc) + 1) - 1 + 1);
        const gk_diag *pcount = NULL;
        for (size_t i = 0; i < gk_doc_diag_count(doc); i++)
            if (strcmp(gk_doc_diag(doc, i)->rule, "P-COUNT") == 0)
                pcount = gk_doc_diag(doc, i);
        CHECK(pcount != NULL);
        int seen = 0, dups = 0;
        for (int r = 1; pr && pcount && r < pr->nrows; r++) {
            if (strcmp(text_at(pr, r, cr), "P-COUNT") == 0 && !seen++) {
                CHECK_STR(text_at(pr, r, cs), gk_severity_name(GK_SEV_ERROR, GK_LANG_EN));
                CHECK_STR(text_at(pr, r, cm), pcount->msg_en);
            }
            if (strcmp(text_at(pr, r, cr), "GK-DUPLICATE") == 0 && !dups++) {
                CHECK_STR(text_at(pr, r, cs), gk_severity_name(GK_SEV_WARNING, GK_LANG_EN));
                CHECK_MSG(strstr(text_at(pr, r, cm), "report 1"), "message \"%s\"",
                          text_at(pr, r, cm));
            }
        }
        CHECK_INT(seen, COPIES);
        CHECK_INT(dups, COPIES - 1);
        int last = pr ? pr->nrows - 1 : 0;
        CHECK_STR(text_at(pr, last, cr), "GK-UNREADABLE");
        CHECK_STR(text_at(pr, last, cm), "why\xEF\xBF\xBD <&>");
        workbook_free(&wb);
    }
    unlink(out);
    free(out);
    gk_doc_free(doc);
}

/* Open file descriptors of this process (Linux), or -1. */
static int open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    int n = 0;
    if (!d)
        return -1;
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

/*
 * gk_export_abort leaves nothing; an output that cannot be created fails with GK_ERR_IO, at
 * open or at close; none of these leaves a file descriptor open (libxlsxwriter keeps a
 * temporary file per sheet in constant_memory mode).
 */
static void test_abort_and_failure(const char *dir)
{
    char *p = path_join(root, "examples/004_6cbc9befc1ec18ab.txt");
    gk_doc *doc = read_checked(p);
    free(p);
    char *out = path_join(dir, "aborted.xlsx");
    gk_exporter *x = NULL;
    gk_error err = {0};
    int fds = open_fds();
    CHECK_INT(gk_export_open(GK_EXPORT_XLSX, out, GK_LANG_ZH, &x, &err), GK_OK);
    if (x && doc)
        CHECK_INT(gk_export_add(x, doc, &err), GK_OK);
    CHECK_INT(dir_entries(dir, NULL, 0), 1);
    gk_export_abort(x);
    CHECK(!exists(out));
    CHECK_INT(dir_entries(dir, NULL, 0), 0);

    /* An empty dataset is still a workbook with its header rows. */
    CHECK_INT(gk_export_open(GK_EXPORT_XLSX, out, GK_LANG_ZH, &x, &err), GK_OK);
    CHECK_INT(gk_export_close(x, &err), GK_OK);
    workbook wb;
    if (workbook_load(&wb, out) == 0) {
        CHECK_INT(wb.nsheets, 6);
        CHECK_INT(wb.sheets[0].nrows, 1);
        CHECK_INT(wb.sheets[3].nrows, 2);
        workbook_free(&wb);
    }
    unlink(out);

    char *bad = path_join(dir, "no/such/dir/out.xlsx");
    x = (gk_exporter *)&err; /* must be reset */
    memset(&err, 0, sizeof err);
    CHECK_INT(gk_export_open(GK_EXPORT_XLSX, bad, GK_LANG_ZH, &x, &err), GK_ERR_IO);
    CHECK(x == NULL);
    CHECK_INT(err.code, GK_ERR_IO);
    CHECK(err.msg[0] != '\0');
    CHECK_INT(dir_entries(dir, NULL, 0), 0);

    /* The output's directory disappears before close. */
    char *sub = path_join(dir, "gone"), *gone = path_join(sub, "out.xlsx"), tmp[256];
    mkdir(sub, 0700);
    CHECK_INT(gk_export_open(GK_EXPORT_XLSX, gone, GK_LANG_ZH, &x, &err), GK_OK);
    if (x && doc)
        CHECK_INT(gk_export_add(x, doc, &err), GK_OK);
    CHECK_INT(dir_entries(sub, tmp, sizeof tmp), 1);
    char *tmp_path = path_join(sub, tmp);
    unlink(tmp_path);
    CHECK(rmdir(sub) == 0);
    memset(&err, 0, sizeof err);
    CHECK_INT(gk_export_close(x, &err), GK_ERR_IO);
    CHECK_INT(err.code, GK_ERR_IO);
    CHECK_MSG(strstr(err.msg, "gone") != NULL, "error \"%s\"", err.msg);
    CHECK(!exists(gone) && !exists(tmp_path));
    if (fds >= 0)
        CHECK_INT(open_fds(), fds);
    free(tmp_path);
    free(gone);
    free(sub);
    free(bad);
    free(out);
    gk_doc_free(doc);
}

int main(int argc, char **argv)
{
    root = argc > 1 ? argv[1] : ".";
    empty_cell.text = strdup("");
    const char *tmp = getenv("TMPDIR");
    char base[512], *dir, *indir;
    snprintf(base, sizeof base, "%s/gk-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(base)) {
        perror("mkdtemp");
        return 1;
    }
    dir = path_join(base, "out");
    indir = path_join(base, "in");
    mkdir(dir, 0700);
    mkdir(indir, 0700);

    test_dataset(dir, indir);
    test_english(dir);
    test_abort_and_failure(dir);

    CHECK_INT(dir_entries(dir, NULL, 0), 0); /* nothing left behind */
    rmdir(dir);
    rmdir(indir);
    rmdir(base);
    free(dir);
    free(indir);
    free(empty_cell.text);
    return t_report();
}
