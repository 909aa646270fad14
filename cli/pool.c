/*
 * pool.c — reading inputs on several threads, handed over in input order (pool.h), and the
 * progress line: done/total, per cent, reports per second and the time left, redrawn at most
 * five times a second on a terminal and never written when standard error is not one.
 */
#include "pool.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define WINDOW_PER_JOB 4
#define MAX_JOBS       64

typedef struct slot {
    gk_doc *doc;
    char why[300];
    int ready;
} slot;

typedef struct pool {
    const opts *o;
    int need_report;
    slot *slots;
    size_t window, next, done; /* next input to take; inputs handed over */
    pthread_mutex_t lock;
    pthread_cond_t changed;
} pool;

/* ---- Progress ---- */

static struct {
    int tty, shown;
    double start, last;
} progress;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void progress_clear(void)
{
    if (progress.shown)
        fputs("\r\033[K", stderr);
    progress.shown = 0;
}

static void progress_draw(size_t done, size_t total)
{
    double t = now(), spent = t - progress.start;
    if (!progress.tty || (done < total && t - progress.last < 0.2))
        return;
    progress.last = t;
    double rate = spent > 0 ? (double)done / spent : 0;
    fprintf(stderr, "\r\033[K已处理 processed %zu/%zu (%d%%)", done, total,
            total ? (int)(done * 100 / total) : 100);
    if (rate > 0 && done < total) {
        long left = (long)((double)(total - done) / rate + 0.5);
        fprintf(stderr, "  %.0f 份/s  剩余 left %ld:%02ld", rate, left / 60, left % 60);
    }
    progress.shown = 1;
}

void pool_say(const char *fmt, ...)
{
    va_list ap;
    progress_clear();
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}

/* ---- Workers ---- */

static void read_one(const pool *p, size_t i, slot *s)
{
    s->why[0] = 0;
    s->doc = cli_read(p->o->in.paths[i], p->need_report, s->why, sizeof s->why);
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
        read_one(p, i, &s);
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

/* Hands the results over in input order; 0, or -1 when the callback stopped. */
static int drain(pool *p, pool_take_fn take, void *ctx)
{
    for (size_t i = 0; i < p->o->in.n; i++) {
        pthread_mutex_lock(&p->lock);
        slot *s = &p->slots[i % p->window];
        while (!s->ready)
            pthread_cond_wait(&p->changed, &p->lock);
        slot got = *s;
        s->ready = 0;
        p->done = i + 1;
        pthread_cond_broadcast(&p->changed);
        pthread_mutex_unlock(&p->lock);
        if (take(ctx, i, got.doc, got.why) != 0)
            return -1;
        progress_draw(i + 1, p->o->in.n);
    }
    return 0;
}

/* Stops the workers (they take no further input), joins them and frees what they left. */
static void finish(pool *p, pthread_t *tid, int started)
{
    pthread_mutex_lock(&p->lock);
    p->next = p->o->in.n;
    p->done = p->o->in.n;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    for (size_t i = 0; p->slots && i < p->window; i++)
        if (p->slots[i].ready)
            gk_doc_free(p->slots[i].doc);
    free(p->slots);
}

int pool_run(const opts *o, int need_report, pool_take_fn take, void *ctx)
{
    int jobs = jobs_of(o), started = 0;
    pool p = {.o = o,
              .need_report = need_report,
              .window = (size_t)jobs * WINDOW_PER_JOB,
              .lock = PTHREAD_MUTEX_INITIALIZER,
              .changed = PTHREAD_COND_INITIALIZER};
    pthread_t tid[MAX_JOBS];
    progress.tty = isatty(STDERR_FILENO);
    progress.shown = 0;
    progress.start = progress.last = now();
    p.slots = calloc(p.window, sizeof *p.slots);
    for (; p.slots && started < jobs; started++)
        if (pthread_create(&tid[started], NULL, worker, &p) != 0)
            break;
    int rc = started ? drain(&p, take, ctx) : -1;
    finish(&p, tid, started);
    if (progress.shown)
        fputc('\n', stderr);
    progress.shown = 0;
    return rc;
}
