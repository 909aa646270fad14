/*
 * bench_pdf.c — bench-pdf: the PDF reader against `pdftotext -layout`, in one run.
 *
 * Usage: bench-pdf [-n N] FILE.pdf...   (N defaults to 20)
 * For each file: reads it into memory once, then times N calls of gk_blocks_read() (poppler
 * opening the document, extracting every page, and our lines, cells and labels) with
 * gk_blocks_free(); then times N runs of `pdftotext -layout FILE /dev/null` (posix_spawnp,
 * waited for; process start-up included, as a user would run it). Prints milliseconds per
 * read for both, per file and in total, and the ratio ours / pdftotext. CLOCK_MONOTONIC.
 * It prints figures; it never passes or fails on them (exit 1 only if a file cannot be read).
 */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include <gongkai/gongkai.h>

extern char **environ;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *data = n >= 0 ? malloc((size_t)n + 1) : NULL;
    *len = data ? fread(data, 1, (size_t)n, f) : 0;
    fclose(f);
    return data;
}

/* Seconds for n reads of the bytes with the library; -1 on failure. Counts blocks. */
static double time_ours(const char *data, size_t len, int n, size_t *blocks)
{
    double t0 = now();
    for (int i = 0; i < n; i++) {
        gk_blocks *b = NULL;
        if (gk_blocks_read(data, len, &b, NULL) != GK_OK)
            return -1;
        *blocks = gk_blocks_count(b);
        gk_blocks_free(b);
    }
    return now() - t0;
}

/* Seconds for n runs of pdftotext -layout; -1 if it cannot be run or fails. */
static double time_pdftotext(const char *path, int n)
{
    char prog[] = "pdftotext", layout[] = "-layout", out[] = "/dev/null";
    char *argv[] = {prog, layout, (char *)path, out, NULL};
    double t0 = now();
    for (int i = 0; i < n; i++) {
        pid_t pid;
        int status;
        if (posix_spawnp(&pid, "pdftotext", NULL, NULL, argv, environ) != 0)
            return -1;
        if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
            return -1;
    }
    return now() - t0;
}

int main(int argc, char **argv)
{
    int n = 20, first = 1;
    if (argc > 2 && strcmp(argv[1], "-n") == 0) {
        n = atoi(argv[2]);
        first = 3;
    }
    if (n < 1 || first >= argc) {
        fprintf(stderr, "usage: bench-pdf [-n N] FILE.pdf...\n");
        return 2;
    }
    double all_ours = 0, all_tool = 0;
    int bad = 0;
    printf("%-28s %8s %7s %12s %12s %7s\n", "file", "bytes", "blocks", "ours ms", "pdftotext ms",
           "ratio");
    for (int a = first; a < argc; a++) {
        size_t len = 0, blocks = 0;
        char *data = slurp(argv[a], &len);
        double ours = data ? time_ours(data, len, n, &blocks) : -1;
        double tool = time_pdftotext(argv[a], n);
        free(data);
        if (ours < 0 || tool < 0) {
            fprintf(stderr, "bench-pdf: %s: %s failed\n", argv[a],
                    ours < 0 ? "reading" : "pdftotext");
            bad = 1;
            continue;
        }
        const char *base = strrchr(argv[a], '/');
        printf("%-28s %8zu %7zu %12.2f %12.2f %7.2f\n", base ? base + 1 : argv[a], len, blocks,
               ours * 1e3 / n, tool * 1e3 / n, ours / tool);
        all_ours += ours;
        all_tool += tool;
    }
    if (all_tool > 0)
        printf("%-28s %8s %7s %12.2f %12.2f %7.2f\n", "total (per round)", "", "",
               all_ours * 1e3 / n, all_tool * 1e3 / n, all_ours / all_tool);
    printf("(%d rounds; ms per read of each file; ratio = ours / pdftotext -layout)\n", n);
    return bad;
}
