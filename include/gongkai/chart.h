/*
 * chart.h — SVG charts; placeholder, being written.
 */
#ifndef GONGKAI_CHART_H
#define GONGKAI_CHART_H

#include <gongkai/doc.h>

#endif
