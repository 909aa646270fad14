/*
 * export.c — the exporter: writes through one of the format writers into a temporary file and
 * renames it into place at the end; finds duplicate reports; infers agency levels; defines the
 * dataset's columns from the schema (see export.h, export_int.h).
 */
#include "export_int.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/arena.h"

struct gk_exporter {
    const export_ops *ops;
    export_writer *w;
    gk_lang lang;
    char *path, *tmp;
    size_t added;
    gk_dupset *seen; /* the reports added so far, to tell duplicates */
};

int gk_export_format_from_name(const char *name)
{
    static const char *const names[] = {"xlsx", "csv", "csv-long", "jsonl", "sqlite"};
    for (int i = 0; name && i < (int)(sizeof names / sizeof names[0]); i++)
        if (strcmp(name, names[i]) == 0)
            return i;
    return -1;
}

/* ---- agency level ---- */

static int ends_with(const char *s, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

/* The level of a place name (the part before 人民政府). */
static gk_level place_level(const char *s, size_t len)
{
    static const char *const municipalities[] = {"北京市", "上海市", "天津市", "重庆市"};
    for (size_t i = 0; i < sizeof municipalities / sizeof municipalities[0]; i++)
        if (ends_with(s, len, municipalities[i]) && len == strlen(municipalities[i]))
            return GK_LEVEL_PROVINCE;
    if (ends_with(s, len, "省") || ends_with(s, len, "自治区"))
        return GK_LEVEL_PROVINCE;
    if (ends_with(s, len, "市") || ends_with(s, len, "州") || ends_with(s, len, "盟"))
        return GK_LEVEL_CITY;
    if (ends_with(s, len, "县") || ends_with(s, len, "区") || ends_with(s, len, "旗"))
        return GK_LEVEL_COUNTY;
    if (ends_with(s, len, "镇") || ends_with(s, len, "乡") || ends_with(s, len, "街道"))
        return GK_LEVEL_TOWNSHIP;
    return GK_LEVEL_UNKNOWN;
}

gk_level gk_agency_level(const char *agency)
{
    size_t len = agency ? strlen(agency) : 0;
    if (len == 0)
        return GK_LEVEL_UNKNOWN;
    if (ends_with(agency, len, "街道办事处"))
        return GK_LEVEL_TOWNSHIP;
    static const char *const governments[] = {"人民政府", "政府"};
    for (size_t i = 0; i < 2; i++)
        if (ends_with(agency, len, governments[i]))
            return place_level(agency, len - strlen(governments[i]));
    static const char *const departments[] = {"局", "委员会", "委",   "办公室", "办公厅",
                                              "厅", "办",     "中心", "署",     "部",
                                              "处", "院",     "所",   "站",     "队"};
    for (size_t i = 0; i < sizeof departments / sizeof departments[0]; i++)
        if (ends_with(agency, len, departments[i]))
            return GK_LEVEL_DEPARTMENT;
    return place_level(agency, len); /* "西塞山区": the place alone */
}

const char *gk_level_name(gk_level level, gk_lang lang)
{
    static const char *const en[] = {"", "province", "city", "county", "township", "department"};
    static const char *const zh[] = {"", "省级", "市级", "县级", "乡镇级", "部门"};
    if ((int)level < 0 || level > GK_LEVEL_DEPARTMENT)
        level = GK_LEVEL_UNKNOWN;
    return lang == GK_LANG_EN ? en[level] : zh[level];
}

/* ---- the dataset's columns ---- */

typedef struct sheet_src {
    const char *name, *title_zh;
    gk_table_id table;
    gk_format format;
    const char *extra_prefix; /* rows of the other template to add, or NULL */
} sheet_src;

static const sheet_src sources[] = {
    {"t2", "主动公开（2021）", GK_T2, GK_FORMAT_2021, NULL},
    {"t2v19", "主动公开（2019）", GK_T2, GK_FORMAT_2019, NULL},
    {"t3", "依申请公开", GK_T3, GK_FORMAT_2021, "t3.other"},
    {"t4", "行政复议和行政诉讼", GK_T4, GK_FORMAT_2021, NULL},
};
#define NSHEETS (int)(sizeof sources / sizeof sources[0])

static export_sheet sheets[NSHEETS];
static arena sheet_mem;
static pthread_once_t sheets_once = PTHREAD_ONCE_INIT;

static int add_keys(const gk_table_def *t, const char *only_prefix, char **keys, int n)
{
    char key[128];
    for (int r = 0; r < t->nrows; r++) {
        if (only_prefix && strcmp(t->rows[r].key, only_prefix) != 0)
            continue;
        for (int c = 0; c < gk_schema_ncols(t, r); c++) {
            gk_schema_cell_key(t, r, c, key, sizeof key);
            keys[n++] = arena_strdup(&sheet_mem, key);
        }
    }
    return n;
}

static void build_sheets(void)
{
    arena_init(&sheet_mem);
    for (int i = 0; i < NSHEETS; i++) {
        const gk_table_def *t = gk_schema_table(sources[i].table, sources[i].format);
        const gk_table_def *other = gk_schema_table(sources[i].table, GK_FORMAT_2019);
        int cap = gk_schema_cell_count(t) + (sources[i].extra_prefix ? 16 : 0);
        char **keys = arena_alloc(&sheet_mem, (size_t)cap * sizeof *keys);
        int n = add_keys(t, NULL, keys, 0);
        if (sources[i].extra_prefix)
            n = add_keys(other, sources[i].extra_prefix, keys, n);
        sheets[i] =
            (export_sheet){sources[i].name, sources[i].title_zh, (const char *const *)keys, n};
    }
}

int export_sheet_count(void)
{
    return NSHEETS;
}

const export_sheet *export_sheet_at(int i)
{
    pthread_once(&sheets_once, build_sheets);
    return i >= 0 && i < NSHEETS ? &sheets[i] : NULL;
}

const gk_value *export_cell(const gk_doc *doc, const char *key)
{
    return doc ? gk_doc_cell_by_key(doc, key) : NULL;
}

const char *const export_meta_names[EXPORT_META_COLUMNS] = {
    "file",     "agency",    "level",  "year",     "template",    "input",
    "encoding", "published", "errors", "warnings", "duplicate_of"};

void export_meta_values(const export_report *r, gk_lang lang, char *buf, size_t size,
                        const char *vals[EXPORT_META_COLUMNS])
{
    const gk_doc *d = r->doc;
    int pub = d ? gk_doc_published(d) : 0;
    gk_format tpl = d ? gk_doc_template(d) : GK_FORMAT_UNKNOWN;
    char *year = buf, *published = buf + 16, *errors = buf + 32, *warnings = buf + 56,
         *dup = buf + 80;
    if (size < 104)
        return;
    snprintf(year, 16, "%d", r->year);
    snprintf(published, 16, "%04d-%02d-%02d", pub / 10000, pub / 100 % 100, pub % 100);
    snprintf(errors, 24, "%zu", r->errors);
    snprintf(warnings, 24, "%zu", r->warnings);
    snprintf(dup, 24, "%ld", r->duplicate_of + 1); /* 1-based report number, 0 if none */
    vals[0] = r->file;
    vals[1] = r->agency;
    vals[2] = gk_level_name(r->level, lang);
    vals[3] = r->year ? year : "";
    vals[4] = tpl == GK_FORMAT_2021 ? "2021" : tpl == GK_FORMAT_2019 ? "2019" : "";
    vals[5] = d ? gk_input_kind_name(gk_doc_input(d)) : "";
    vals[6] = d && gk_doc_encoding(d) ? gk_doc_encoding(d) : "";
    vals[7] = pub ? published : "";
    vals[8] = errors;
    vals[9] = warnings;
    vals[10] = r->duplicate_of >= 0 ? dup : "";
}

gk_status export_io_error(gk_error *err, const char *format, const char *what)
{
    if (err) {
        char why[128] = "";
        if (errno == 0 || strerror_r(errno, why, sizeof why) != 0)
            snprintf(why, sizeof why, "write error");
        err->code = GK_ERR_IO;
        snprintf(err->msg, sizeof err->msg, "%s: %s: %s", format, what, why);
    }
    return GK_ERR_IO;
}

/* ---- the exporter ---- */

static gk_status fail(gk_error *err, gk_status st, const char *what, const char *path)
{
    if (err) {
        err->code = st;
        snprintf(err->msg, sizeof err->msg, "%s: %s", path, what);
    }
    return st;
}

gk_status gk_export_open(gk_export_format format, const char *path, gk_lang lang, gk_exporter **out,
                         gk_error *err)
{
    static const export_ops *const ops[] = {&export_xlsx_ops, &export_csv_wide_ops,
                                            &export_csv_long_ops, &export_jsonl_ops,
                                            &export_sqlite_ops};
    *out = NULL;
    if ((int)format < 0 || format > GK_EXPORT_SQLITE || !path || !*path)
        return fail(err, GK_ERR_INVALID_ARG, "no such export format or no output", "export");
    gk_exporter *x = calloc(1, sizeof *x);
    size_t n = strlen(path) + 48;
    char *tmp = malloc(n);
    if (!x || !tmp)
        gk_oom();
    for (unsigned k = 0;; k++) { /* a name next to the output that does not exist yet */
        snprintf(tmp, n, "%s.tmp%ld.%u", path, (long)getpid(), k);
        if (access(tmp, F_OK) != 0)
            break;
    }
    x->seen = gk_dupset_new();
    if (!x->seen) {
        free(x), free(tmp);
        return fail(err, GK_ERR_IO, "libsodium could not start", path);
    }
    x->ops = ops[format];
    x->lang = lang;
    x->path = strdup(path);
    x->tmp = tmp;
    if (!x->path)
        gk_oom();
    gk_status st = x->ops->open(&x->w, tmp, lang, err);
    if (st != GK_OK) {
        unlink(tmp);
        gk_dupset_free(x->seen);
        free(x->path), free(x->tmp), free(x);
        return st;
    }
    *out = x;
    return GK_OK;
}

gk_status gk_export_add(gk_exporter *x, const gk_doc *doc, gk_error *err)
{
    if (!x || !doc)
        return fail(err, GK_ERR_INVALID_ARG, "no exporter or document", "export");
    export_report r = {.index = x->added,
                       .file = gk_doc_name(doc),
                       .doc = doc,
                       .agency = gk_doc_agency(doc),
                       .level = gk_agency_level(gk_doc_agency(doc)),
                       .year = gk_doc_year(doc),
                       .duplicate_of = -1};
    r.errors = gk_doc_diag_count_at_least(doc, GK_SEV_ERROR);
    r.warnings = gk_doc_diag_count_at_least(doc, GK_SEV_WARNING) - r.errors;
    r.notes = gk_doc_diag_count(doc) - r.errors - r.warnings;
    r.duplicate_of = gk_dupset_add(x->seen, doc, (long)x->added, r.file, &r.duplicate_file);
    x->added++;
    return x->ops->add(x->w, &r, err);
}

gk_status gk_export_add_unreadable(gk_exporter *x, const char *file, const char *why, gk_error *err)
{
    if (!x || !file)
        return fail(err, GK_ERR_INVALID_ARG, "no exporter or file", "export");
    export_report r = {.index = x->added++,
                       .file = file,
                       .why = why ? why : "",
                       .agency = "",
                       .duplicate_of = -1,
                       .errors = 1};
    return x->ops->add(x->w, &r, err);
}

static void exporter_free(gk_exporter *x)
{
    gk_dupset_free(x->seen);
    free(x->path);
    free(x->tmp);
    free(x);
}

gk_status gk_export_close(gk_exporter *x, gk_error *err)
{
    if (!x)
        return fail(err, GK_ERR_INVALID_ARG, "no exporter", "export");
    gk_status st = x->ops->close(x->w, err);
    if (st == GK_OK && rename(x->tmp, x->path) != 0)
        st = fail(err, GK_ERR_IO, "cannot move the finished file into place", x->path);
    if (st != GK_OK)
        unlink(x->tmp);
    exporter_free(x);
    return st;
}

void gk_export_abort(gk_exporter *x)
{
    if (!x)
        return;
    x->ops->abort(x->w);
    unlink(x->tmp);
    exporter_free(x);
}
