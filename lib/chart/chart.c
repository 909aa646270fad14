/*
 * chart.c — placeholder; being written.
 */
#include <gongkai/chart.h>

typedef int gk_placeholder_chart;
