/*
 * compare.c — `gongkai compare OLD NEW`: a report against the year before; or two sets (files
 * or directories) whose reports are paired by agency, each pair compared in turn.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct side {
    inputs in;
    gk_doc **docs;
    int *used;
} side;

static gk_doc *read_doc(const char *path)
{
    char why[300];
    gk_doc *doc = cli_read(path, 1, why, sizeof why);
    if (doc)
        gk_check(doc);
    else
        fprintf(stderr, "%s: %s\n", path, why);
    return doc;
}

static int read_side(side *s, char *arg)
{
    *s = (side){0};
    if (inputs_expand(&s->in, &arg, 1) < 0 || s->in.n == 0)
        return -1;
    s->docs = calloc(s->in.n, sizeof *s->docs);
    s->used = calloc(s->in.n, sizeof *s->used);
    if (!s->docs || !s->used)
        return -1;
    for (size_t i = 0; i < s->in.n; i++)
        s->docs[i] = read_doc(s->in.paths[i]);
    return 0;
}

static void free_side(side *s)
{
    for (size_t i = 0; s->docs && i < s->in.n; i++)
        gk_doc_free(s->docs[i]);
    free(s->docs);
    free(s->used);
    inputs_free(&s->in);
}

/* 1 if one agency name ends with the other (淮安市洪泽区人民政府 / 洪泽区人民政府): the same
 * agency written with or without its city, as titles do from one year to the next. */
static int same_agency(const char *a, const char *b, int exact)
{
    size_t la = strlen(a), lb = strlen(b), n = la < lb ? la : lb;
    if (exact || n < 9) /* at least three characters in common at the end */
        return la == lb && strcmp(a, b) == 0;
    return strcmp(a + la - n, b + lb - n) == 0;
}

/* The first unused report of s with this agency (exactly, else by the end of its name), or -1. */
static long partner(const side *s, const char *agency)
{
    for (int exact = 1; exact >= 0; exact--)
        for (size_t i = 0; *agency && i < s->in.n; i++)
            if (s->docs[i] && !s->used[i] && same_agency(gk_doc_agency(s->docs[i]), agency, exact))
                return (long)i;
    return -1;
}

static int compare_pair(const gk_doc *a, const gk_doc *b, int fmt, gk_lang lang, int *first)
{
    gk_comparison *c = NULL;
    if (gk_compare(a, b, &c, NULL) != GK_OK)
        return -1;
    if (!*first && fmt != GK_RENDER_CSV)
        fputs(fmt == GK_RENDER_JSON ? ",\n" : "\n", stdout);
    *first = 0;
    int rc = gk_render_comparison(c, (gk_render_format)fmt, lang, stdout) == GK_OK ? 0 : -1;
    gk_comparison_free(c);
    return rc;
}

int cmd_compare(const opts *o)
{
    int fmt = o->format ? gk_render_format_from_name(o->format) : GK_RENDER_TEXT;
    if (o->nargs != 2 || (fmt != GK_RENDER_TEXT && fmt != GK_RENDER_CSV && fmt != GK_RENDER_JSON)) {
        fputs("gongkai compare: 需要两份报告或两组 / needs OLD NEW (files or directories); "
              "--format text|csv|json\n",
              stderr);
        return EXIT_UNREADABLE;
    }
    side old_side, new_side;
    int rc = EXIT_UNREADABLE;
    if (read_side(&old_side, o->args[0]) == 0 && read_side(&new_side, o->args[1]) == 0) {
        int sets = old_side.in.n > 1 || new_side.in.n > 1 || o->in.dirs > 0;
        {
            int first = 1, pairs = 0;
            rc = EXIT_CLEAN;
            if (fmt == GK_RENDER_CSV)
                gk_render_comparison_csv_header(stdout);
            if (sets && fmt == GK_RENDER_JSON)
                fputs("[\n", stdout);
            for (size_t i = 0; i < old_side.in.n; i++) {
                const gk_doc *a = old_side.docs[i];
                long j = !a      ? -1
                         : !sets ? (new_side.docs[0] ? 0 : -1)
                                 : partner(&new_side, gk_doc_agency(a));
                if (j < 0) {
                    if (a)
                        fprintf(stderr,
                                "%s: 新的一组中没有同一机关的报告 / no report of %s in NEW\n",
                                old_side.in.paths[i], gk_doc_agency(a));
                    rc = EXIT_UNREADABLE;
                    continue;
                }
                new_side.used[j] = 1;
                if (compare_pair(a, new_side.docs[j], fmt, o->lang, &first) != 0)
                    rc = EXIT_UNREADABLE;
                pairs++;
            }
            for (size_t j = 0; sets && j < new_side.in.n; j++)
                if (new_side.docs[j] && !new_side.used[j])
                    fprintf(stderr, "%s: 旧的一组中没有同一机关的报告 / no report of %s in OLD\n",
                            new_side.in.paths[j], gk_doc_agency(new_side.docs[j]));
            if (sets && fmt == GK_RENDER_JSON)
                fputs("]\n", stdout);
            rc = pairs ? rc : EXIT_UNREADABLE;
        }
    }
    free_side(&old_side);
    free_side(&new_side);
    return rc;
}
