/*
 * fuzz_read.c — libFuzzer target for one input reader: any bytes are read as FUZZ_KIND (a
 * gk_input_kind; -1: detected from the bytes, which fuzzes detection and decoding) and the document
 * goes through the checker and every renderer. Built once per reader with -Dfuzzing=true and
 * CC=clang (see meson.build).
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
    gk_blocks *b = NULL;
    const int kind = FUZZ_KIND; /* < 0: detect the kind, decode the encoding */
    gk_status st = kind < 0
                       ? gk_blocks_read((const char *)data, size, &b, NULL)
                       : gk_blocks_read_as((gk_input_kind)kind, (const char *)data, size, &b, NULL);
    if (st != GK_OK)
        return 0;
    gk_doc *doc = NULL;
    if (gk_doc_from_blocks(b, "fuzz", &doc, NULL) == GK_OK) {
        gk_check(doc);
        for (int f = GK_RENDER_JSON; f <= GK_RENDER_TEXT; f++)
            gk_render(doc, (gk_render_format)f, GK_LANG_ZH, sink);
        gk_render_diags_gcc(doc, GK_LANG_EN, sink);
        gk_doc_free(doc);
    }
    gk_blocks_free(b);
    return 0;
}
