/*
 * fuzz_text.c — libFuzzer target for the text reader: any bytes go through the reader, the
 * checker, every renderer, and what is computed from documents (comparison, rollup,
 * indicators, charts). Built only with -Dfuzzing=true and CC=clang.
 */
#include <gongkai/gongkai.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What is computed from documents: comparison (with itself), rollup, indicators, charts. */
static void fuzz_analyses(const gk_doc *doc, FILE *sink)
{
    gk_comparison *c = NULL;
    if (gk_compare(doc, doc, &c, NULL) == GK_OK) {
        gk_render_comparison(c, GK_RENDER_TEXT, GK_LANG_ZH, sink);
        gk_render_comparison(c, GK_RENDER_JSON, GK_LANG_EN, sink);
    }
    gk_comparison_free(c);
    gk_doc *sum = NULL;
    const gk_doc *const docs[2] = {doc, doc};
    if (gk_rollup(docs, 2, NULL, &sum, NULL) == GK_OK) {
        gk_check(sum);
        gk_render(sum, GK_RENDER_TEXT, GK_LANG_ZH, sink);
    }
    gk_doc_free(sum);
    for (int i = 0; i < gk_indicator_count(); i++) {
        int64_t num, den;
        gk_indicator_value(doc, i, &num, &den);
    }
    gk_chart_outcomes(doc, GK_LANG_ZH, sink);
    gk_chart_ranking(docs, 2, 0, GK_LANG_EN, sink);
    gk_chart_trend(docs, 2, "t3.new.total", GK_LANG_ZH, sink);
}

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
    fuzz_analyses(doc, sink);
    gk_doc_free(doc);
    return 0;
}
