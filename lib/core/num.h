/*
 * num.h — numbers in cells and prose: exact parsing into fixed point, checked sums, formatting.
 */
#ifndef GK_NUM_H
#define GK_NUM_H

#include <stddef.h>
#include <stdint.h>

#include <gongkai/doc.h>

#define NUM_MAX_SCALE 6

/*
 * Parses a cell in matching form into v (state, value, scale, unit). Recognises blanks
 * ("", "-", "/", "—", "无"), signed integers and decimals with an optional 元/万元 or count
 * unit. Anything else is GK_CELL_INVALID. Returns v->state.
 */
int num_parse_cell(const char *s, size_t len, gk_value *v);

/* 1 if s[0..len) is a cell value or blank marker (not a label). */
int num_is_value_text(const char *s, size_t len);

/* Rescales v to `scale` decimals; returns 0 on overflow. */
int num_rescale(int64_t v, int from, int to, int64_t *out);

/* a + b with overflow check; returns 0 on overflow. */
int num_add(int64_t a, int64_t b, int64_t *out);

/* Formats value/10^scale into buf. */
char *num_format(int64_t value, int scale, char *buf, size_t size);

#endif
