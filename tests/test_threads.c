/*
 * test_threads.c — documents read on several threads at once (every reader: text, GB18030,
 * traditional, HTML, DOCX, PDF) give the value the golden file holds (transcribed by hand),
 * on every thread and round, and the ASan build
 * finds no leak when the threads end (the arena's per-thread chunk cache is released).
 *
 * usage: test-threads SOURCE_ROOT
 */
#include <gongkai/gongkai.h>
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>

#include "harness.h"

#define NFILES 6
#define ROUNDS 3

static const char *const files[NFILES] = {
    "examples/000_610e68cbc9aa9a29.txt",
    "tests/fixtures/seeds/000_610e68cbc9aa9a29.gb18030.txt",
    "tests/fixtures/seeds/004_6cbc9befc1ec18ab.trad.txt",
    "tests/fixtures/seeds/001_0786ebd486ce37d5.html",
    "tests/fixtures/seeds/002_dc3f67fcb14f95e4.docx",
    "tests/fixtures/seeds/003_43b3efced0382fbe.pdf",
};

typedef struct job {
    char path[1100];
    int64_t want, got[ROUNDS]; /* t3.total_processed.total, or -1 if unread */
} job;

static int64_t total_of(const char *path)
{
    gk_doc *doc = NULL;
    int64_t v = -1;
    if (gk_doc_read_file(path, &doc, NULL) == GK_OK) {
        gk_check(doc);
        const gk_value *c = gk_doc_cell_by_key(doc, "t3.total_processed.total");
        v = c && c->state == GK_CELL_NUMBER ? c->value : -1;
    }
    gk_doc_free(doc);
    return v;
}

static void *work(void *arg)
{
    job *j = arg;
    for (int r = 0; r < ROUNDS; r++)
        j->got[r] = total_of(j->path);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 2 || strlen(argv[1]) > 1000)
        return 2;
    static job jobs[NFILES];
    pthread_t t[NFILES];
    for (int i = 0; i < NFILES; i++) {
        snprintf(jobs[i].path, sizeof jobs[i].path, "%s/%s", argv[1], files[i]);
        /* the golden value of the seed the fixture was made from (its first 20 characters) */
        char golden[1200];
        const char *base = strrchr(files[i], '/') + 1;
        snprintf(golden, sizeof golden, "%s/tests/golden/%.20s.expected.json", argv[1], base);
        json_t *g = json_load_file(golden, 0, NULL);
        json_t *v = json_object_get(json_object_get(g, "cells"), "t3.total_processed.total");
        jobs[i].want = json_is_integer(v) ? json_integer_value(v) : -2;
        json_decref(g);
        CHECK_MSG(jobs[i].want >= 0, "%s: no golden value", golden);
        int64_t alone = total_of(jobs[i].path); /* on the main thread, first */
        CHECK_MSG(alone == jobs[i].want, "%s alone: %lld, golden %lld", files[i], (long long)alone,
                  (long long)jobs[i].want);
    }
    for (int i = 0; i < NFILES; i++)
        CHECK(pthread_create(&t[i], NULL, work, &jobs[i]) == 0);
    for (int i = 0; i < NFILES; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < NFILES; i++)
        for (int r = 0; r < ROUNDS; r++)
            CHECK_MSG(jobs[i].got[r] == jobs[i].want, "%s round %d: %lld, golden %lld", files[i], r,
                      (long long)jobs[i].got[r], (long long)jobs[i].want);
    return t_report();
}
