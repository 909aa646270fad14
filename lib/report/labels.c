/*
 * labels.c — the schema's row labels in matching form, computed once per process.
 */
#include "labels.h"

#include <pthread.h>

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
