/*
 * jsonl.c — the dataset as JSON Lines (docs/dataset.md): one compact JSON object per report
 * per line, in the order the reports were added.
 *
 * A report's object is what `parse --format json` prints (render_doc_json()), with three
 * members added: "index" (0-based position in the dataset) after "file", and "level" (the
 * agency's administrative level, in English, or null) and "duplicate_of" (the file of the
 * first report with the same data, or null) after "agency". An input that could not be read
 * is {"file": …, "index": …, "unreadable": reason}.
 *
 * Strings must be valid UTF-8 for jansson; render_doc_json() already replaces invalid bytes,
 * and the file names and reasons this file adds itself go through text() for the same reason.
 */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include "../render/render_int.h"
#include "export_int.h"

struct export_writer {
    FILE *f;
    gk_lang lang;
};

static json_t *must(json_t *v)
{
    if (!v)
        gk_oom();
    return v;
}

static void put(json_t *obj, const char *key, json_t *v)
{
    if (json_object_set_new(obj, key, must(v)) != 0)
        gk_oom();
}

/* A JSON string of s with invalid UTF-8 replaced by U+FFFD; null for NULL. */
static json_t *text(const char *s)
{
    return render_json_text(s, s ? strlen(s) : 0);
}

static gk_status open_jsonl(export_writer **out, const char *tmp_path, gk_lang lang, gk_error *err)
{
    *out = NULL;
    errno = 0;
    FILE *f = fopen(tmp_path, "wb");
    if (!f)
        return export_io_error(err, "JSON Lines", "cannot create the output");
    export_writer *w = calloc(1, sizeof *w);
    if (!w)
        gk_oom();
    w->f = f;
    w->lang = lang;
    *out = w;
    return GK_OK;
}

static json_t *report_json(export_writer *w, const export_report *r)
{
    json_t *doc = render_doc_json(r->doc, w->lang);
    json_t *o = must(json_object());
    const char *key;
    json_t *v;
    const char *first = r->duplicate_file;
    json_object_foreach(doc, key, v)
    {
        if (json_object_set(o, key, v) != 0)
            gk_oom();
        if (strcmp(key, "file") == 0)
            put(o, "index", json_integer((json_int_t)r->index));
        else if (strcmp(key, "agency") == 0) {
            put(o, "level",
                r->level == GK_LEVEL_UNKNOWN ? json_null()
                                             : json_string(gk_level_name(r->level, GK_LANG_EN)));
            put(o, "duplicate_of", text(first));
        }
    }
    json_decref(doc);
    return o;
}

static json_t *unreadable_json(const export_report *r)
{
    json_t *o = must(json_object());
    put(o, "file", text(r->file));
    put(o, "index", json_integer((json_int_t)r->index));
    put(o, "unreadable", text(r->why ? r->why : ""));
    return o;
}

static gk_status add(export_writer *w, const export_report *r, gk_error *err)
{
    json_t *o = r->doc ? report_json(w, r) : unreadable_json(r);
    errno = 0;
    int rc = json_dumpf(o, w->f, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    fputc('\n', w->f);
    return rc != 0 || ferror(w->f) ? export_io_error(err, "JSON Lines", "cannot write the output")
                                   : GK_OK;
}

static void writer_free(export_writer *w)
{
    free(w);
}

static gk_status close_jsonl(export_writer *w, gk_error *err)
{
    errno = 0;
    int bad = ferror(w->f);
    int closed = fclose(w->f);
    writer_free(w);
    return bad || closed != 0 ? export_io_error(err, "JSON Lines", "cannot write the output")
                              : GK_OK;
}

static void abort_jsonl(export_writer *w)
{
    if (!w)
        return;
    fclose(w->f);
    writer_free(w);
}

const export_ops export_jsonl_ops = {open_jsonl, add, close_jsonl, abort_jsonl};
