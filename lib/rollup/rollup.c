/*
 * rollup.c — placeholder; being written.
 */
#include <gongkai/rollup.h>

typedef int gk_placeholder_rollup;
