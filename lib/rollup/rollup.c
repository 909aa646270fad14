/*
 * rollup.c — many reports summed into one report in the 2021 format (see rollup.h).
 *
 * Reports are added one at a time (gk_rollup_add), so a rollup of any number of reports holds
 * only the running sums: each input is counted (report, unreadable, not a report, year) and
 * its tables are added cell by cell into running sums through the map of the table's
 * format (map.c), with notes on what its format could not give (notes.c). Last, the sums
 * become the cells of a new document — a number where some report gave one, blank where none
 * did, missing where the sum overflowed — with notes per table and the generated sections.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollup_int.h"

struct gk_rollup_acc {
    gk_doc *doc;
    arena tmp;
    rollup_map maps[GK_TABLE_COUNT][2]; /* [0]: from the 2021 format, [1]: from 2019 */
    rollup_acc *acc[GK_TABLE_COUNT];
    size_t had[GK_TABLE_COUNT], had_old[GK_TABLE_COUNT];
    rollup_summary sum;
    int year;        /* -1 before the first report */
    gk_dupset *seen; /* the reports added, to leave out the same data given twice */
    long added;
    gk_doc *scratch;                     /* per-report notes past ROLLUP_NOTES_MAX, counted */
    size_t folded_reports, folded_notes; /* and dropped */
};

/* Notes about single reports listed in the result; past this many they are only counted
 * (GK-ROLLUP-MORE), so a rollup of any number of reports stays small. */
#define ROLLUP_NOTES_MAX 200

static const char *const table_zh[GK_TABLE_COUNT] = {"表二", "表三", "表四"};

static gk_status fail(gk_error *err, const char *msg)
{
    if (err) {
        err->code = GK_ERR_INVALID_ARG;
        snprintf(err->msg, sizeof err->msg, "%s", msg);
    }
    return GK_ERR_INVALID_ARG;
}

static int has_old_table(const gk_doc *d)
{
    for (int t = 0; t < GK_TABLE_COUNT; t++)
        if (gk_doc_format(d, (gk_table_id)t) == GK_FORMAT_2019)
            return 1;
    return 0;
}

/* Counts one input by kind and year; keeps the common year (0 once two differ). */
static void survey(gk_rollup_acc *r, const gk_doc *d)
{
    rollup_summary *s = &r->sum;
    if (!d || !gk_doc_is_report(d)) {
        s->unreadable += !d;
        s->not_reports += d != NULL;
        return;
    }
    int y = gk_doc_year(d);
    s->reports++;
    s->old_format += has_old_table(d);
    if (y >= ROLLUP_FIRST_YEAR && y < ROLLUP_FIRST_YEAR + ROLLUP_YEARS)
        s->years[y - ROLLUP_FIRST_YEAR]++;
    else
        s->unknown_year++;
    r->year = r->year == -1 || r->year == y ? y : 0;
}

static void start(gk_rollup_acc *r)
{
    arena_init(&r->tmp);
    for (int t = 0; t < GK_TABLE_COUNT; t++) {
        rollup_map_build(&r->tmp, (gk_table_id)t, GK_FORMAT_2021, &r->maps[t][0]);
        rollup_map_build(&r->tmp, (gk_table_id)t, GK_FORMAT_2019, &r->maps[t][1]);
        int n = gk_schema_cell_count(r->maps[t][0].to);
        r->acc[t] = arena_alloc(&r->tmp, (size_t)n * sizeof *r->acc[t]);
    }
}

/* Adds report d's table id (if it has it) into the running sums. */
static void add_table(gk_rollup_acc *r, const gk_doc *d, gk_table_id id, gk_doc *notes)
{
    const gk_table_def *t = gk_doc_table(d, id);
    if (!t)
        return;
    const rollup_map *m = &r->maps[id][t->format == GK_FORMAT_2019];
    r->had[id]++;
    r->had_old[id] += t->format == GK_FORMAT_2019;
    for (int i = 0; i < gk_schema_cell_count(m->to); i++) {
        rollup_src s = m->src[i];
        const gk_value *v = s.idx >= 0 ? &d->cells[id][s.idx] : NULL;
        int64_t x;
        int scale;
        if (!v || v->state != GK_CELL_NUMBER || !rollup_value_of(v, s.kind, &x, &scale))
            continue;
        rollup_acc_add(&r->acc[id][i], s.zero ? 0 : x, s.zero ? 0 : scale);
    }
    rollup_notes_old(notes, d, id, m);
    rollup_notes_invalid(notes, d, id, m);
}

/* A report whose data is that of one added before (a PDF and its text copy): left out. */
static void note_duplicate(gk_doc *out, const gk_doc *d, const char *first)
{
    char zh[1024], en[1024];
    snprintf(zh, sizeof zh, "“%s”与“%s”数据相同（同一报告），未重复汇总", gk_doc_name(d), first);
    snprintf(en, sizeof en, "%s has the same data as %s (one report twice); it was not added again",
             gk_doc_name(d), first);
    doc_diag(out, GK_SEV_WARNING, "GK-ROLLUP-DUPLICATE", "", "", "", NULL, zh, en);
}

static void note_skipped(gk_doc *out, const gk_doc *d)
{
    char zh[1024], en[1024];
    snprintf(zh, sizeof zh, "“%s”不是政府信息公开工作年度报告，未汇总", gk_doc_name(d));
    snprintf(en, sizeof en, "%s is not an annual report; it was left out", gk_doc_name(d));
    doc_diag(out, GK_SEV_WARNING, "GK-ROLLUP-SKIPPED", "", "", "", NULL, zh, en);
}

/* Notes about the whole set: inputs not read, years that differ, nothing to sum. */
static void note_inputs(gk_doc *out, const rollup_summary *s)
{
    char zh[2048], en[2048], yz[1024], ye[1024];
    if (s->unreadable) {
        snprintf(zh, sizeof zh, "%zu 个输入无法读取，未汇总", s->unreadable);
        snprintf(en, sizeof en, "%zu inputs could not be read and were left out", s->unreadable);
        doc_diag(out, GK_SEV_WARNING, "GK-ROLLUP-SKIPPED", "", "", "", NULL, zh, en);
    }
    if (!s->reports)
        doc_diag(out, GK_SEV_ERROR, "GK-ROLLUP-EMPTY", "", "", "", NULL, "没有可汇总的年度报告",
                 "there is no annual report to sum");
    if (!s->reports || s->year)
        return;
    strbuf z, e;
    sb_init(&z, yz, sizeof yz);
    sb_init(&e, ye, sizeof ye);
    rollup_years_text(s, &z, &e);
    snprintf(zh, sizeof zh, "所汇总的报告不是同一年度（%s），汇总报告不标年度", yz);
    snprintf(en, sizeof en, "the reports are not all of one year (%s); the rollup has no year", ye);
    doc_diag(out, GK_SEV_NOTE, "GK-ROLLUP-YEAR", "", "", "", NULL, zh, en);
}

static void note_overflow(gk_doc *out, const char *key)
{
    char zh[512], en[512];
    snprintf(zh, sizeof zh, "%s 的合计超出可表示的范围，该单元格留空", key);
    snprintf(en, sizeof en, "the sum of %s does not fit; the cell is left missing", key);
    doc_diag(out, GK_SEV_ERROR, "GK-ROLLUP-OVERFLOW", key, "", "", NULL, zh, en);
}

/* GK-ROLLUP-TABLE and GK-ROLLUP-PARTIAL for table id. */
static void note_table(const gk_rollup_acc *r, gk_table_id id, const char *partial, int npartial)
{
    char zh[ROLLUP_KEYS_MAX + 1024], en[ROLLUP_KEYS_MAX + 1024];
    const char *key = gk_schema_table(id, GK_FORMAT_2021)->key;
    snprintf(zh, sizeof zh, "%s：%zu 份报告中 %zu 份有此表（其中 %zu 份为 2019 年格式）%s",
             table_zh[id], r->sum.reports, r->had[id], r->had_old[id],
             r->had[id] ? "" : "，汇总报告没有此表");
    snprintf(en, sizeof en, "%s: %zu of %zu reports have this table (%zu in the 2019 format)%s",
             key, r->had[id], r->sum.reports, r->had_old[id],
             r->had[id] ? "" : "; the rollup has none");
    doc_diag(r->doc, r->had[id] || !r->sum.reports ? GK_SEV_NOTE : GK_SEV_WARNING,
             "GK-ROLLUP-TABLE", key, "", "", NULL, zh, en);
    if (!npartial)
        return;
    snprintf(zh, sizeof zh,
             "%s中 %d 个单元格只汇总了部分报告的数值（其余报告为空白、缺失或无对应项）",
             table_zh[id], npartial);
    snprintf(en, sizeof en,
             "%s: %d cells sum fewer reports than have the table (blank, missing or no "
             "counterpart in the others)",
             key, npartial);
    doc_diag(r->doc, GK_SEV_NOTE, "GK-ROLLUP-PARTIAL", partial, "", "", NULL, zh, en);
}

/* One result cell from its running sum: a number (written as its decimal literal), blank
 * where no report gave one, missing where the sum overflowed. */
static void finish_cell(gk_doc *doc, const rollup_acc *a, gk_value *v, const char *key)
{
    if (a->overflow) {
        note_overflow(doc, key); /* v stays MISSING */
        return;
    }
    if (!a->numbers) {
        v->state = GK_CELL_BLANK;
        return;
    }
    doc_set_number(doc, v, a->sum, a->scale);
}

/* The running sums of table id become the document's cells; a table no report had stays
 * absent. */
static void finish_table(gk_rollup_acc *r, gk_table_id id)
{
    const gk_table_def *t = gk_schema_table(id, GK_FORMAT_2021);
    gk_doc *doc = r->doc;
    int npartial = 0;
    char key[128], partial[ROLLUP_KEYS_MAX];
    strbuf pb;
    sb_init(&pb, partial, sizeof partial);
    if (r->had[id])
        doc_put_table(doc, id, t);
    for (int row = 0, i = 0; r->had[id] && row < t->nrows; row++)
        for (int c = 0; c < gk_schema_ncols(t, row); c++, i++) {
            const rollup_acc *a = &r->acc[id][i];
            gk_schema_cell_key(t, row, c, key, sizeof key);
            finish_cell(doc, a, &doc->cells[id][i], key);
            if (a->numbers && (size_t)a->numbers < r->had[id]) {
                sb_put(&pb, npartial++ ? " " : "");
                sb_put(&pb, key);
            }
        }
    note_table(r, id, partial, npartial);
}

gk_rollup_acc *gk_rollup_begin(void)
{
    gk_rollup_acc *r = calloc(1, sizeof *r);
    if (!r)
        gk_oom();
    r->year = -1;
    r->doc = doc_new("");
    r->doc->is_report = 1;
    r->seen = gk_dupset_new();
    r->scratch = doc_new("");
    start(r);
    return r;
}

/* Counts and sums one input that is not a duplicate, its notes going to `notes`. */
static void add_report(gk_rollup_acc *r, const gk_doc *doc, gk_doc *notes)
{
    survey(r, doc);
    if (doc && !gk_doc_is_report(doc))
        note_skipped(notes, doc);
    for (int t = 0; doc && gk_doc_is_report(doc) && t < GK_TABLE_COUNT; t++)
        add_table(r, doc, (gk_table_id)t, notes);
}

static void note_folded(const gk_rollup_acc *r)
{
    char zh[256], en[256];
    if (!r->folded_reports)
        return;
    snprintf(zh, sizeof zh, "另有 %zu 份报告的 %zu 条逐份提示未逐条列出（只列出前 %d 条）",
             r->folded_reports, r->folded_notes, ROLLUP_NOTES_MAX);
    snprintf(en, sizeof en,
             "%zu more notes about %zu single reports are not listed (only the first %d are)",
             r->folded_notes, r->folded_reports, ROLLUP_NOTES_MAX);
    doc_diag(r->doc, GK_SEV_NOTE, "GK-ROLLUP-MORE", "", "", "", NULL, zh, en);
}

void gk_rollup_add(gk_rollup_acc *r, const gk_doc *doc)
{
    const char *first = NULL;
    if (!r)
        return;
    gk_doc *notes = gk_doc_diag_count(r->doc) < ROLLUP_NOTES_MAX ? r->doc : r->scratch;
    if (doc && gk_dupset_add(r->seen, doc, r->added++, gk_doc_name(doc), &first) >= 0)
        note_duplicate(notes, doc, first);
    else
        add_report(r, doc, notes);
    if (notes == r->scratch && gk_doc_diag_count(notes)) {
        r->folded_reports++;
        r->folded_notes += gk_doc_diag_count(notes);
        gk_doc_free(r->scratch);
        r->scratch = doc_new("");
    }
}

gk_status gk_rollup_finish(gk_rollup_acc *r, const char *name, gk_doc **out, gk_error *err)
{
    if (out)
        *out = NULL;
    if (!r || !out) {
        gk_rollup_abort(r);
        return fail(err, "gk_rollup_finish: no rollup or out is NULL");
    }
    char fallback[64];
    snprintf(fallback, sizeof fallback, "汇总（%zu 份报告）", r->sum.reports);
    r->doc->name = arena_strdup(&r->doc->mem, name ? name : fallback);
    r->doc->agency = r->doc->name;
    r->sum.year = r->year > 0 && !r->sum.unknown_year ? r->year : 0;
    r->doc->year = r->sum.year;
    note_inputs(r->doc, &r->sum);
    note_folded(r);
    for (int t = 0; t < GK_TABLE_COUNT; t++)
        finish_table(r, (gk_table_id)t);
    rollup_sections(r->doc, &r->sum);
    *out = r->doc;
    gk_dupset_free(r->seen);
    gk_doc_free(r->scratch);
    arena_free(&r->tmp);
    free(r);
    return GK_OK;
}

void gk_rollup_abort(gk_rollup_acc *r)
{
    if (!r)
        return;
    gk_doc_free(r->doc);
    gk_doc_free(r->scratch);
    gk_dupset_free(r->seen);
    arena_free(&r->tmp);
    free(r);
}

gk_status gk_rollup(const gk_doc *const *docs, size_t n, const char *name, gk_doc **out,
                    gk_error *err)
{
    if (out)
        *out = NULL;
    if (!out || (n && !docs))
        return fail(err, "gk_rollup: out is NULL, or docs is NULL with n > 0");
    gk_rollup_acc *r = gk_rollup_begin();
    for (size_t i = 0; i < n; i++)
        gk_rollup_add(r, docs[i]);
    return gk_rollup_finish(r, name, out, err);
}
