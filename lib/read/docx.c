/*
 * docx.c — the DOCX reader (libzip + libxml2). Stub until written.
 */
#include "readers.h"

gk_status read_docx(gk_blocks *b, const char *utf8, size_t len, gk_error *err)
{
    (void)b, (void)utf8, (void)len;
    return reader_error(err, GK_ERR_ENCODING, "DOCX is not read yet");
}
