/*
 * store_cli.h — what the commands working on a store share (store_cli.c): opening it from
 * --db or $GONGKAI_DB, the acting user, the agency a command is about, and a year argument.
 *
 */
#ifndef GK_CLI_STORE_CLI_H
#define GK_CLI_STORE_CLI_H

#include <gongkai/store.h>

#include "cli.h"

/* Opens the store at url, else at $GONGKAI_DB; NULL with a message on stderr naming
 * "gongkai CMD". */
gk_store *cli_store_open(const char *cmd, const char *url);

/* The acting user for the audit log: name if given, else $USER, else the login name. */
const char *cli_actor(const char *name);

/*
 * The agency named `name`, or the store's only agency when name is NULL; 0 and *out, or -1
 * with a message on stderr (no such agency, none yet, several and none named).
 */
int cli_agency(const char *cmd, gk_store *s, const char *name, gk_agency *out);

/* Parses a year 1900..9999; 0 and *out, or -1 with a message on stderr. */
int cli_year(const char *cmd, const char *s, int *out);

#endif
