/*
 * split.c — splitting a run of digits into a row's cells by its totals (see split.h).
 *
 * A depth-first search over cell boundaries. A total column is not searched: its value is the
 * sum so far, so the digits must continue with exactly that number. Counts in these tables
 * are small, so a cell is at most MAX_CELL_DIGITS long; a step budget bounds the search.
 */
#include "split.h"

#include <stdio.h>
#include <string.h>

#define MAX_CELL_DIGITS 9
#define STEP_BUDGET     200000

typedef struct search {
    const char *d;
    size_t len;
    const unsigned char *is_total;
    int ncols;
    split_sol cur;
    split_sol *out;
    int max, found;
    long steps;
} search;

static void dfs(search *s, size_t pos, int c, int64_t group)
{
    if (s->found > s->max || ++s->steps > STEP_BUDGET)
        return;
    if (c == s->ncols) {
        if (pos == s->len) {
            s->cur.start[c] = (uint8_t)pos;
            if (s->found < s->max)
                s->out[s->found] = s->cur;
            s->found++;
        }
        return;
    }
    s->cur.start[c] = (uint8_t)pos;
    size_t left = s->len - pos;
    if (s->is_total[c]) {
        char want[24];
        int n = snprintf(want, sizeof want, "%lld", (long long)group);
        if ((size_t)n <= left && memcmp(s->d + pos, want, (size_t)n) == 0)
            dfs(s, pos + (size_t)n, c + 1, 0);
        return;
    }
    size_t rest = (size_t)(s->ncols - c - 1); /* every later cell takes at least one digit */
    if (left > (rest + 1) * (MAX_CELL_DIGITS + 1))
        return; /* and at most this many: too many digits left for the cells */
    int64_t v = 0;
    for (size_t k = 1; k <= MAX_CELL_DIGITS && k + rest <= left; k++) {
        v = v * 10 + (s->d[pos + k - 1] - '0');
        dfs(s, pos + k, c + 1, group + v);
        if (s->d[pos] == '0')
            break; /* "0" only: no leading zeros */
    }
}

int split_digits(const char *digits, size_t len, const unsigned char *is_total, int ncols,
                 split_sol *out, int max)
{
    if (ncols < 1 || ncols > SPLIT_MAX_COLS || len > SPLIT_MAX_DIGITS || len < (size_t)ncols)
        return 0;
    search s = {digits, len, is_total, ncols, {{0}}, out, max, 0, 0};
    dfs(&s, 0, 0, 0);
    return s.steps > STEP_BUDGET ? SPLIT_UNDECIDED : s.found;
}

size_t split_digit_tail(const char *s, size_t len)
{
    size_t n = 0;
    while (n < len && s[len - 1 - n] >= '0' && s[len - 1 - n] <= '9')
        n++;
    return n;
}
