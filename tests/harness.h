/*
 * harness.h — the small test harness every test program uses: CHECK* macros that count and
 * report failures, and a final "N passed, N failed" line.
 */
#ifndef GK_TEST_HARNESS_H
#define GK_TEST_HARNESS_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int t_passed, t_failed;

#define CHECK_MSG(cond, ...)                                                                       \
    do {                                                                                           \
        if (cond) {                                                                                \
            t_passed++;                                                                            \
        } else {                                                                                   \
            t_failed++;                                                                            \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);                                            \
            printf(__VA_ARGS__);                                                                   \
            putchar('\n');                                                                         \
        }                                                                                          \
    } while (0)

#define CHECK(cond) CHECK_MSG(cond, "%s", #cond)
#define CHECK_INT(a, b)                                                                            \
    CHECK_MSG((int64_t)(a) == (int64_t)(b), "%s == %s: got %" PRId64 ", want %" PRId64, #a, #b,    \
              (int64_t)(a), (int64_t)(b))
#define CHECK_STR(a, b)                                                                            \
    CHECK_MSG(strcmp((a), (b)) == 0, "%s == %s: got \"%s\", want \"%s\"", #a, #b, (a), (b))

/* The whole file at path, NUL-terminated (malloc'd; free it), its length in *len if len is not
 * NULL; NULL if it cannot be read. */
static inline char *t_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap + 1);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        char *grown = n == cap ? realloc(buf, (cap *= 2) + 1) : buf;
        if (!grown)
            free(buf);
        buf = grown;
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    if (len)
        *len = buf ? n : 0;
    return buf;
}

static int t_report(void)
{
    printf("%d passed, %d failed\n", t_passed, t_failed);
    return t_failed ? 1 : 0;
}

#endif
