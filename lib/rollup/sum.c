/*
 * sum.c — exact running sums of cells: fixed point, aligned to the finest scale added so far,
 * money written in 元 turned into 万元; an overflow loses the sum rather than wrap it.
 */
#include "../core/num.h"
#include "rollup_int.h"

void rollup_acc_add(rollup_acc *a, int64_t value, int scale)
{
    a->numbers++;
    if (a->overflow)
        return;
    if (scale > a->scale) {
        if (!num_rescale(a->sum, a->scale, scale, &a->sum)) {
            a->overflow = 1;
            return;
        }
        a->scale = scale;
    }
    int64_t x;
    if (!num_rescale(value, scale, a->scale, &x) || !num_add(a->sum, x, &a->sum))
        a->overflow = 1;
}

int rollup_value_of(const gk_value *v, gk_kind kind, int64_t *value, int *scale)
{
    int64_t x = v->value;
    int s = v->scale;
    if (kind == GK_KIND_MONEY && v->unit == GK_UNIT_YUAN)
        s += 4; /* 1 元 = 0.0001 万元 */
    while (s > NUM_MAX_SCALE && x % 10 == 0) {
        x /= 10;
        s--;
    }
    if (s > NUM_MAX_SCALE)
        return 0;
    *value = x;
    *scale = s;
    return 1;
}
