/*
 * diags.c — diagnostics in the gcc style editors and CI logs understand:
 * "file:line:col: severity: message [rule] (keys)"; for a PDF the line is on the page named last.
 */
#include "render_int.h"

void gk_render_diags_gcc(const gk_doc *doc, gk_lang lang, FILE *out)
{
    for (size_t i = 0; i < gk_doc_diag_count(doc); i++) {
        const gk_diag *d = gk_doc_diag(doc, i);
        if (d->line)
            fprintf(out, "%s:%u:%u: ", gk_doc_name(doc), d->line, d->col);
        else
            fprintf(out, "%s: ", gk_doc_name(doc));
        fprintf(out, "%s: %s [%s]", gk_severity_name(d->severity, lang),
                lang == GK_LANG_EN ? d->msg_en : d->msg_zh, d->rule);
        if (d->keys[0])
            fprintf(out, " (%s)", d->keys);
        if (d->page)
            fprintf(out, lang == GK_LANG_EN ? " (page %u)" : "（第%u页）", d->page);
        fputc('\n', out);
    }
}
