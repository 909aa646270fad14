/*
 * fuzz_text.c — libFuzzer target for the text reader: any bytes go through the reader, the
 * checker and every renderer. Built only with -Dfuzzing=true and CC=clang.
 */
#include <gongkai/gongkai.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    if (!sink)
        sink = fopen("/dev/null", "w");
    gk_doc *doc = NULL;
    if (gk_doc_read_text((const char *)data, size, "fuzz", &doc, NULL) != GK_OK)
        return 0;
    gk_check(doc);
    for (int f = GK_RENDER_JSON; f <= GK_RENDER_TEXT; f++)
        gk_render(doc, (gk_render_format)f, GK_LANG_ZH, sink);
    gk_render_diags_gcc(doc, GK_LANG_EN, sink);
    gk_doc_free(doc);
    return 0;
}
