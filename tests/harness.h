/*
 * harness.h — the small test harness every test program uses: CHECK* macros that count and
 * report failures, and a final "N passed, N failed" line.
 */
#ifndef GK_TEST_HARNESS_H
#define GK_TEST_HARNESS_H

#include <inttypes.h>
#include <stdio.h>
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

static int t_report(void)
{
    printf("%d passed, %d failed\n", t_passed, t_failed);
    return t_failed ? 1 : 0;
}

#endif
