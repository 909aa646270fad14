/*
 * html.c — the HTML reader (libxml2's HTML parser). Stub until written.
 */
#include "readers.h"

gk_status read_html(gk_blocks *b, const char *utf8, size_t len, gk_error *err)
{
    (void)b, (void)utf8, (void)len;
    return reader_error(err, GK_ERR_ENCODING, "HTML is not read yet");
}
