/*
 * csv.c — the dataset as CSV, in two layouts (docs/dataset.md):
 *
 *   wide: UTF-8 with a byte order mark (so Excel and WPS read the Chinese right), a header of
 *         the metadata columns and then every cell key of every sheet (t2, t2v19, t3, t4), and
 *         one row per report; an unreadable input gets a row with its file and empty cells.
 *   long: "file,key,value" as `parse --format csv` writes it: per report its metadata as rows
 *         (report, agency, level, …, duplicate_of), then one row per cell the report has
 *         (blank cells with an empty value) and per cell of its extra rows (…subN.*); an
 *         unreadable input gets a row "unreadable" with the reason.
 *
 * Fields are quoted as RFC 4180 says: a field holding a comma, a double quote, CR or LF is
 * enclosed in double quotes and its quotes are doubled. Records end with LF.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include "../render/render_int.h"
#include "export_int.h"

#define CELL_BUF 512

struct export_writer {
    FILE *f;
    gk_lang lang;
    int wide;
};

static void field(FILE *f, const char *s)
{
    render_csv_field(f, s, strlen(s));
}

static void line(FILE *f, const char *file, const char *key, const char *value)
{
    field(f, file);
    fputc(',', f);
    field(f, key);
    fputc(',', f);
    field(f, value);
    fputc('\n', f);
}

static gk_status open_csv(export_writer **out, const char *tmp_path, gk_lang lang, int wide,
                          gk_error *err)
{
    *out = NULL;
    errno = 0;
    FILE *f = fopen(tmp_path, "wb");
    if (!f)
        return export_io_error(err, "CSV", "cannot create the output");
    export_writer *w = calloc(1, sizeof *w);
    if (!w)
        gk_oom();
    w->f = f;
    w->lang = lang;
    w->wide = wide;
    if (wide) {
        fputs("\xEF\xBB\xBF", f); /* BOM */
        for (int i = 0; i < EXPORT_META_COLUMNS; i++) {
            if (i)
                fputc(',', f);
            field(f, export_meta_names[i]);
        }
        for (int s = 0; s < export_sheet_count(); s++) {
            const export_sheet *sh = export_sheet_at(s);
            for (int k = 0; k < sh->nkeys; k++) {
                fputc(',', f);
                field(f, sh->keys[k]);
            }
        }
        fputc('\n', f);
    } else {
        fputs("file,key,value\n", f);
    }
    if (ferror(f)) {
        gk_status st = export_io_error(err, "CSV", "cannot write the output");
        fclose(f);
        free(w);
        return st;
    }
    *out = w;
    return GK_OK;
}

static gk_status open_wide(export_writer **w, const char *tmp_path, gk_lang lang, gk_error *err)
{
    return open_csv(w, tmp_path, lang, 1, err);
}

static gk_status open_long(export_writer **w, const char *tmp_path, gk_lang lang, gk_error *err)
{
    return open_csv(w, tmp_path, lang, 0, err);
}

static void add_wide(export_writer *w, const export_report *r)
{
    char meta[128], buf[CELL_BUF];
    const char *vals[EXPORT_META_COLUMNS];
    export_meta_values(r, w->lang, meta, sizeof meta, vals);
    for (int i = 0; i < EXPORT_META_COLUMNS; i++) {
        if (i)
            fputc(',', w->f);
        field(w->f, vals[i]);
    }
    for (int s = 0; s < export_sheet_count(); s++) {
        const export_sheet *sh = export_sheet_at(s);
        for (int k = 0; k < sh->nkeys; k++) {
            fputc(',', w->f);
            field(w->f, gk_value_text(export_cell(r->doc, sh->keys[k]), buf, sizeof buf));
        }
    }
    fputc('\n', w->f);
}

/* Extra rows (the 2019 procurement breakdown) as <parent>.sub<n>.<col>, n counted per parent
 * in the order the rows appear, and <parent>.sub<n>.label with the row's label as written. */
static void add_extras(export_writer *w, const export_report *r)
{
    char key[192], buf[CELL_BUF];
    int n = gk_doc_extra_count(r->doc);
    for (int i = 0; i < n; i++) {
        const gk_extra_row *x = gk_doc_extra(r->doc, i);
        if (!x || !x->parent)
            continue;
        int sub = 1;
        for (int j = 0; j < i; j++)
            if (gk_doc_extra(r->doc, j) && strcmp(gk_doc_extra(r->doc, j)->parent, x->parent) == 0)
                sub++;
        const gk_table_def *def = NULL;
        int row = -1;
        for (int t = 0; t < GK_TABLE_COUNT && row < 0; t++) {
            def = gk_doc_table(r->doc, (gk_table_id)t);
            row = def ? gk_schema_find_row(def, x->parent) : -1;
        }
        if (row < 0)
            continue;
        snprintf(key, sizeof key, "%s.sub%d.label", x->parent, sub);
        field(w->f, r->file);
        fputc(',', w->f);
        field(w->f, key);
        fputc(',', w->f);
        render_csv_field(w->f, x->label.raw ? x->label.raw : "",
                         x->label.raw ? x->label.raw_len : 0);
        fputc('\n', w->f);
        for (int c = 0; c < x->nvalues && c < gk_schema_ncols(def, row); c++) {
            if (x->values[c].state == GK_CELL_MISSING)
                continue;
            snprintf(key, sizeof key, "%s.sub%d.%s", x->parent, sub,
                     gk_schema_col(def, row, c)->key);
            line(w->f, r->file, key, gk_value_text(&x->values[c], buf, sizeof buf));
        }
    }
}

static void add_long(export_writer *w, const export_report *r)
{
    char meta[128], num[32], buf[CELL_BUF], key[128];
    const char *vals[EXPORT_META_COLUMNS];
    export_meta_values(r, w->lang, meta, sizeof meta, vals);
    snprintf(num, sizeof num, "%zu", r->index + 1); /* what duplicate_of refers to */
    line(w->f, r->file, "report", num);
    for (int i = 1; i < EXPORT_META_COLUMNS; i++) /* 0 is the file, already on every line */
        line(w->f, r->file, export_meta_names[i], vals[i]);
    if (!r->doc) {
        line(w->f, r->file, "unreadable", r->why ? r->why : "");
        return;
    }
    for (int t = 0; t < GK_TABLE_COUNT; t++) {
        const gk_table_def *def = gk_doc_table(r->doc, (gk_table_id)t);
        for (int row = 0; def && row < def->nrows; row++)
            for (int c = 0; c < gk_schema_ncols(def, row); c++) {
                const gk_value *v = gk_doc_cell(r->doc, (gk_table_id)t, row, c);
                if (!v || v->state == GK_CELL_MISSING)
                    continue;
                gk_schema_cell_key(def, row, c, key, sizeof key);
                line(w->f, r->file, key, gk_value_text(v, buf, sizeof buf));
            }
    }
    add_extras(w, r);
}

static gk_status add(export_writer *w, const export_report *r, gk_error *err)
{
    errno = 0;
    if (w->wide)
        add_wide(w, r);
    else
        add_long(w, r);
    return ferror(w->f) ? export_io_error(err, "CSV", "cannot write the output") : GK_OK;
}

static gk_status close_csv(export_writer *w, gk_error *err)
{
    errno = 0;
    int bad = ferror(w->f);
    int closed = fclose(w->f);
    free(w);
    if (bad || closed != 0)
        return export_io_error(err, "CSV", "cannot write the output");
    return GK_OK;
}

static void abort_csv(export_writer *w)
{
    if (!w)
        return;
    fclose(w->f);
    free(w);
}

const export_ops export_csv_wide_ops = {open_wide, add, close_csv, abort_csv};
const export_ops export_csv_long_ops = {open_long, add, close_csv, abort_csv};
