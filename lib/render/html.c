/* html.c — placeholder until the writer lands. */
#include "render_int.h"

gk_status render_html(const gk_doc *doc, FILE *out)
{
    (void)doc;
    (void)out;
    return GK_ERR_INVALID_ARG;
}
