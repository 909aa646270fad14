/*
 * split.h — run-together cells: a row's numbers copied without separators ("21710000218" for
 * 217, 1, 0, 0, 0, 0, 218) are split back into cells using the row's totals.
 */
#ifndef GK_SPLIT_H
#define GK_SPLIT_H

#include <stddef.h>
#include <stdint.h>

#define SPLIT_MAX_COLS   16 /* cells one digit run may be split into */
#define SPLIT_MAX_SOL    8  /* solutions kept; more means "ambiguous" anyway */
#define SPLIT_MAX_DIGITS 64
#define SPLIT_UNDECIDED  (-1) /* the search took too long to decide */

/* One way to split: cell c is digits[start[c] .. start[c + 1]). */
typedef struct split_sol {
    uint8_t start[SPLIT_MAX_COLS + 1];
} split_sol;

/*
 * Finds the ways to split digits[0..len) into ncols numbers (no leading zeros) such that
 * every column with is_total[c] set equals the sum of the non-total columns since the previous
 * total. Fills up to `max` solutions and returns how many exist, capped at max + 1 (a return
 * above max means "more than max"); 0 when the digits cannot be split at all, SPLIT_UNDECIDED
 * when the search would take too long to tell.
 */
int split_digits(const char *digits, size_t len, const unsigned char *is_total, int ncols,
                 split_sol *out, int max);

/* Length of the run of ASCII digits that ends s[0..len). */
size_t split_digit_tail(const char *s, size_t len);

#endif
