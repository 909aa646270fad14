/*
 * export.c — `gongkai export`: reads every input on several threads and adds the documents to
 * one dataset in input order.
 *
 * Workers take the next input index, read and check it, and park the result in a window of
 * slots; the main thread takes results in order and hands them to the exporter. Workers stop
 * when they are a whole window ahead, so memory holds at most WINDOW documents however many
 * inputs there are. On a terminal a progress line is shown on standard error.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define WINDOW_PER_JOB 4
#define MAX_JOBS       64

typedef struct slot {
    gk_doc *doc;
    gk_error err;
    int ready;
} slot;

typedef struct pool {
    const opts *o;
    slot *slots;
    size_t window, next, done; /* next input to take; inputs handed to the exporter */
    pthread_mutex_t lock;
    pthread_cond_t changed;
} pool;

static void read_one(const char *path, slot *s)
{
    s->err = (gk_error){GK_OK, ""};
    s->doc = cli_read(path, 0, s->err.msg, sizeof s->err.msg);
    if (s->doc)
        gk_check(s->doc);
}

static void *worker(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->next < p->o->in.n && p->next >= p->done + p->window)
            pthread_cond_wait(&p->changed, &p->lock);
        if (p->next >= p->o->in.n)
            break;
        size_t i = p->next++;
        pthread_mutex_unlock(&p->lock);
        slot s;
        read_one(p->o->in.paths[i], &s);
        pthread_mutex_lock(&p->lock);
        s.ready = 1;
        p->slots[i % p->window] = s;
        pthread_cond_broadcast(&p->changed);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static int jobs_of(const opts *o)
{
    long n = o->jobs > 0 ? o->jobs : sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (int)n;
}

static void progress(size_t done, size_t total, int tty)
{
    if (tty && (done % 64 == 0 || done == total))
        fprintf(stderr, "\r已处理 processed %zu/%zu", done, total);
}

/* The format named by --format, or by the output's extension. */
static int format_of(const opts *o)
{
    if (o->format)
        return gk_export_format_from_name(o->format);
    const char *dot = strrchr(o->output, '.');
    static const struct {
        const char *ext;
        gk_export_format f;
    } exts[] = {{".xlsx", GK_EXPORT_XLSX},   {".csv", GK_EXPORT_CSV_WIDE},
                {".jsonl", GK_EXPORT_JSONL}, {".sqlite", GK_EXPORT_SQLITE},
                {".db", GK_EXPORT_SQLITE},   {".sqlite3", GK_EXPORT_SQLITE}};
    for (size_t i = 0; dot && i < sizeof exts / sizeof exts[0]; i++)
        if (strcmp(dot, exts[i].ext) == 0)
            return (int)exts[i].f;
    return -1;
}

/* Hands the results to the exporter in input order; returns the worst exit status. */
static int drain(pool *p, gk_exporter *x, int *failed)
{
    int rc = EXIT_CLEAN, tty = isatty(2);
    for (size_t i = 0; i < p->o->in.n && !*failed; i++) {
        pthread_mutex_lock(&p->lock);
        slot *s = &p->slots[i % p->window];
        while (!s->ready)
            pthread_cond_wait(&p->changed, &p->lock);
        slot got = *s;
        s->ready = 0;
        pthread_mutex_unlock(&p->lock);
        gk_error err = {GK_OK, ""};
        gk_status st;
        if (got.doc) {
            st = gk_export_add(x, got.doc, &err);
            int sev = gk_doc_diag_count_at_least(got.doc, GK_SEV_ERROR) ? EXIT_FINDINGS : 0;
            rc = !gk_doc_is_report(got.doc) ? EXIT_UNREADABLE : sev > rc ? sev : rc;
        } else {
            st = gk_export_add_unreadable(x, p->o->in.paths[i], got.err.msg, &err);
            fprintf(stderr, "%s: %s\n", p->o->in.paths[i], got.err.msg);
            rc = EXIT_UNREADABLE;
        }
        gk_doc_free(got.doc);
        if (st != GK_OK) {
            fprintf(stderr, "gongkai export: %s\n", err.msg);
            *failed = 1;
        }
        pthread_mutex_lock(&p->lock);
        p->done = i + 1;
        pthread_cond_broadcast(&p->changed);
        pthread_mutex_unlock(&p->lock);
        progress(i + 1, p->o->in.n, tty);
    }
    if (tty && p->o->in.n)
        fputc('\n', stderr);
    return rc;
}

int cmd_export(const opts *o)
{
    int fmt = o->output ? format_of(o) : -1;
    if (fmt < 0) {
        fputs("gongkai export: 需要 -o 输出文件及格式 / needs -o OUT and a format "
              "(xlsx, csv, csv-long, jsonl, sqlite; or from the extension)\n",
              stderr);
        return EXIT_UNREADABLE;
    }
    gk_exporter *x;
    gk_error err = {GK_OK, ""};
    if (gk_export_open((gk_export_format)fmt, o->output, o->lang, &x, &err) != GK_OK) {
        fprintf(stderr, "gongkai export: %s\n", err.msg);
        return EXIT_UNREADABLE;
    }
    int jobs = jobs_of(o), failed = 0;
    pool p = {o,
              NULL,
              (size_t)jobs * WINDOW_PER_JOB,
              0,
              0,
              PTHREAD_MUTEX_INITIALIZER,
              PTHREAD_COND_INITIALIZER};
    p.slots = calloc(p.window, sizeof *p.slots);
    pthread_t tid[MAX_JOBS];
    int started = 0;
    for (; p.slots && started < jobs; started++)
        if (pthread_create(&tid[started], NULL, worker, &p) != 0)
            break;
    int rc = started ? drain(&p, x, &failed) : (failed = 1, EXIT_UNREADABLE);
    pthread_mutex_lock(&p.lock);
    p.next = o->in.n; /* stop the workers if drain stopped early */
    p.done = o->in.n;
    pthread_cond_broadcast(&p.changed);
    pthread_mutex_unlock(&p.lock);
    for (int i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    for (size_t i = 0; p.slots && i < p.window; i++)
        if (p.slots[i].ready)
            gk_doc_free(p.slots[i].doc);
    free(p.slots);
    if (failed) {
        gk_export_abort(x);
        return EXIT_UNREADABLE;
    }
    if (gk_export_close(x, &err) != GK_OK) {
        fprintf(stderr, "gongkai export: %s\n", err.msg);
        return EXIT_UNREADABLE;
    }
    return rc;
}
