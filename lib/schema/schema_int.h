/*
 * schema_int.h — the template data shared between templates.c and schema.c.
 */
#ifndef GK_SCHEMA_INT_H
#define GK_SCHEMA_INT_H

#include <gongkai/schema.h>

extern const gk_section_def gk_sections[GK_SECTION_COUNT];
extern const gk_table_def gk_tables[];
extern const int gk_ntables;

#endif
