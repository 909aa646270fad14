/*
 * load.c — reading one input for any command: a file of any format, or "-" for standard
 * input, with the reason for a failure stated once, without the path in front.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Standard input, up to the input limit, read as any report. */
static gk_status read_stdin(gk_doc **doc, gk_error *err)
{
    size_t cap = 1 << 16, len = 0, got;
    char *buf = malloc(cap);
    while (buf && len <= GK_MAX_INPUT_BYTES && (got = fread(buf + len, 1, cap - len, stdin)) > 0) {
        len += got;
        char *nb = len == cap ? realloc(buf, cap * 2) : buf;
        if (!nb)
            free(buf);
        buf = nb;
        cap = len == cap ? cap * 2 : cap;
    }
    gk_status st = GK_ERR_IO;
    if (buf && len <= GK_MAX_INPUT_BYTES && !ferror(stdin))
        st = gk_doc_read(buf, len, "-", doc, err);
    else if (err)
        snprintf(err->msg, sizeof err->msg, "-: %s",
                 len > GK_MAX_INPUT_BYTES ? "larger than 32 MiB" : "cannot be read");
    free(buf);
    return st;
}

gk_doc *cli_read(const char *path, int need_report, char *why, size_t size)
{
    gk_doc *doc = NULL;
    gk_error err = {GK_OK, ""};
    gk_status st =
        strcmp(path, "-") == 0 ? read_stdin(&doc, &err) : gk_doc_read_file(path, &doc, &err);
    if (st == GK_OK && (!need_report || gk_doc_is_report(doc)))
        return doc;
    const char *msg = st != GK_OK ? (err.msg[0] ? err.msg : gk_status_str(st))
                                  : "不是年报 / not an annual report";
    size_t n = strlen(path);
    if (strncmp(msg, path, n) == 0 && strncmp(msg + n, ": ", 2) == 0)
        msg += n + 2; /* the library names the file; the caller does too */
    snprintf(why, size, "%s", msg);
    gk_doc_free(doc);
    return NULL;
}
