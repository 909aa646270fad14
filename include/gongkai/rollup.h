/*
 * rollup.h — many reports summed into one report in the official 2021 format: the tables a
 * supervising office publishes for its region. Placeholder; being written.
 */
#ifndef GONGKAI_ROLLUP_H
#define GONGKAI_ROLLUP_H

#include <gongkai/doc.h>

#endif
