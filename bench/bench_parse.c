/*
 * bench_parse.c — bench-parse: single-threaded parse+check throughput of libgongkai.
 *
 * Usage: bench-parse FILE...  or  bench-parse --list LISTFILE  (one path per line)
 * For each file, in one thread: gk_doc_read_file, gk_check, gk_doc_free. Prints the number of
 * files and bytes, wall time (CLOCK_MONOTONIC around the whole loop), MB/s (10^6 bytes),
 * reports/s, and peak RSS before the first file (the path list alone), after the first 10% of
 * the files and at the end, which shows whether memory grows with the number of files.
 * It prints figures; it never passes or fails on them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <gongkai/gongkai.h>

typedef struct path_list {
    char **paths;
    size_t n, cap;
} path_list;

typedef struct run_stats {
    size_t files, failed, diags;
    long long bytes;
    double seconds;
    long peak_kib_start, rss_kib_start; /* with the path list loaded, before the first file */
    long peak_kib_early, rss_kib_early; /* after the first 10% of the files */
    long peak_kib_end, rss_kib_end;
} run_stats;

static int list_add(path_list *l, const char *p)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 1024;
        char **np = realloc(l->paths, cap * sizeof *np);
        if (!np)
            return -1;
        l->paths = np;
        l->cap = cap;
    }
    l->paths[l->n] = strdup(p);
    return l->paths[l->n++] ? 0 : -1;
}

static void list_free(path_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->paths[i]);
    free(l->paths);
}

static int list_read(path_list *l, const char *listfile)
{
    FILE *f = fopen(listfile, "r");
    if (!f) {
        perror(listfile);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int rc = 0;
    while (rc == 0 && (len = getline(&line, &cap, f)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len > 0)
            rc = list_add(l, line);
    }
    free(line);
    fclose(f);
    return rc;
}

static long peak_rss_kib(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : -1;
}

/* Current resident set from /proc/self/statm (Linux); -1 where unavailable. */
static long current_rss_kib(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long size, resident = -1;
    if (!f)
        return -1;
    if (fscanf(f, "%ld %ld", &size, &resident) != 2)
        resident = -1;
    fclose(f);
    long page = sysconf(_SC_PAGESIZE);
    return resident < 0 || page <= 0 ? -1 : resident * (page / 1024);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long long total_bytes(const path_list *l)
{
    long long sum = 0;
    struct stat st;
    for (size_t i = 0; i < l->n; i++)
        if (stat(l->paths[i], &st) == 0)
            sum += (long long)st.st_size;
    return sum;
}

/* Reads and checks one file; returns its diagnostic count, or -1 if it could not be read. */
static long parse_one(const char *path)
{
    gk_doc *doc = NULL;
    gk_error err;
    if (gk_doc_read_file(path, &doc, &err) != GK_OK) {
        fprintf(stderr, "bench-parse: %s: %s\n", path, err.msg);
        return -1;
    }
    gk_check(doc);
    long n = (long)gk_doc_diag_count(doc);
    gk_doc_free(doc);
    return n;
}

static void run(const path_list *l, run_stats *s)
{
    size_t early = l->n / 10 ? l->n / 10 : 1;
    s->peak_kib_start = peak_rss_kib();
    s->rss_kib_start = current_rss_kib();
    double t0 = now_seconds();
    for (size_t i = 0; i < l->n; i++) {
        long nd = parse_one(l->paths[i]);
        if (nd < 0)
            s->failed++;
        else
            s->diags += (size_t)nd;
        if (i + 1 == early) {
            s->peak_kib_early = peak_rss_kib();
            s->rss_kib_early = current_rss_kib();
        }
    }
    s->seconds = now_seconds() - t0;
    s->files = l->n;
    s->peak_kib_end = peak_rss_kib();
    s->rss_kib_end = current_rss_kib();
}

static void print_stats(const run_stats *s)
{
    double secs = s->seconds > 0 ? s->seconds : 1e-9;
    printf("files:            %zu (%zu failed)\n", s->files, s->failed);
    printf("bytes:            %lld\n", s->bytes);
    printf("diagnostics:      %zu (%.1f per report)\n", s->diags,
           s->files ? (double)s->diags / (double)s->files : 0.0);
    printf("seconds:          %.3f\n", s->seconds);
    printf("MB/s:             %.1f\n", (double)s->bytes / 1e6 / secs);
    printf("reports/s:        %.0f\n", (double)s->files / secs);
    printf("peak RSS @start:  %ld KiB (current %ld KiB; path list loaded, no file read)\n",
           s->peak_kib_start, s->rss_kib_start);
    printf("peak RSS @10%%:    %ld KiB (current %ld KiB)\n", s->peak_kib_early, s->rss_kib_early);
    printf("peak RSS @end:    %ld KiB (current %ld KiB)\n", s->peak_kib_end, s->rss_kib_end);
}

static int collect_paths(int argc, char **argv, path_list *l)
{
    if (argc >= 2 && strcmp(argv[1], "--list") == 0) {
        if (argc != 3) {
            fprintf(stderr, "usage: bench-parse --list LISTFILE\n");
            return -1;
        }
        return list_read(l, argv[2]);
    }
    for (int i = 1; i < argc; i++)
        if (list_add(l, argv[i]) != 0)
            return -1;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench-parse FILE...  |  bench-parse --list LISTFILE\n");
        return 2;
    }
    path_list l = {0};
    if (collect_paths(argc, argv, &l) != 0 || l.n == 0) {
        fprintf(stderr, "bench-parse: no files\n");
        list_free(&l);
        return 2;
    }
    run_stats s = {0};
    s.bytes = total_bytes(&l);
    run(&l, &s);
    print_stats(&s);
    list_free(&l);
    return s.failed ? 1 : 0;
}
