/*
 * labels.c — the schema's row labels in matching form, computed once per process.
 */
#include "labels.h"

#include <pthread.h>
#include <utf8proc.h>

#include "../core/norm.h"
#include "../schema/schema_int.h"

static arena label_mem;
static const row_label *row_labels[16][64]; /* [table index][row] -> list ended by a NULL text */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void build(void)
{
    arena_init(&label_mem);
    for (int t = 0; t < gk_ntables && t < 16; t++) {
        for (int r = 0; r < gk_tables[t].nrows && r < 64; r++) {
            gk_labels src = gk_tables[t].rows[r].labels;
            int n = 0;
            while (src[n])
                n++;
            row_label *list = arena_alloc(&label_mem, (size_t)(n + 1) * sizeof *list);
            for (int i = 0; i < n; i++) {
                uint32_t len;
                list[i].text = norm_text(&label_mem, src[i], strlen(src[i]), &len, NULL);
                list[i].len = len;
            }
            row_labels[t][r] = list;
        }
    }
}

const row_label *const *labels_of_table(const gk_table_def *t)
{
    pthread_once(&once, build);
    int ti = (int)(t - gk_tables);
    return ti >= 0 && ti < 16 ? row_labels[ti] : NULL;
}

#define CLOSE_MAX_CHARS 48

/* Decodes up to CLOSE_MAX_CHARS code points; returns how many, or -1 if s is longer. */
static int code_points(const char *s, size_t len, int32_t *out)
{
    int n = 0;
    for (size_t i = 0; i < len; n++) {
        if (n == CLOSE_MAX_CHARS)
            return -1;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &out[n]);
        if (k <= 0)
            return -1;
        i += (size_t)k;
    }
    return n;
}

static int lcs(const int32_t *a, int na, const int32_t *b, int nb)
{
    int prev[CLOSE_MAX_CHARS + 1] = {0}, cur[CLOSE_MAX_CHARS + 1] = {0};
    for (int i = 1; i <= na; i++) {
        for (int j = 1; j <= nb; j++)
            cur[j] = a[i - 1] == b[j - 1]   ? prev[j - 1] + 1
                     : prev[j] > cur[j - 1] ? prev[j]
                                            : cur[j - 1];
        memcpy(prev, cur, sizeof prev);
    }
    return prev[nb];
}

int labels_closest(const gk_table_def *t, const char *text, size_t len, const unsigned char *seen,
                   const char **label)
{
    *label = NULL;
    int32_t tx[CLOSE_MAX_CHARS], lb[CLOSE_MAX_CHARS];
    int nt = code_points(text, len, tx), best = -1, best_score = 0, tie = 0;
    const row_label *const *all = labels_of_table(t);
    for (int r = 0; nt > 0 && all && r < t->nrows; r++) {
        for (int i = 0; !seen[r] && all[r] && all[r][i].text; i++) {
            int nl = code_points(all[r][i].text, all[r][i].len, lb);
            if (nl < 4)
                continue;
            int common = lcs(lb, nl, tx, nt);
            /* score in thousandths of the label covered; the text must be mostly label too */
            int score = common * 1000 / nl;
            if (score < 750 || common * 4 < nt * 3)
                continue;
            if (score > best_score) {
                best = r, best_score = score, tie = 0;
                *label = all[r][i].text;
            } else if (score == best_score && r != best) {
                tie = 1;
            }
        }
    }
    return tie ? -1 : best;
}
