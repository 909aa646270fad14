/*
 * xlsx.c — placeholder writer; being written.
 */
#include "export_int.h"

static gk_status s_open(export_writer **w, const char *p, gk_lang l, gk_error *e)
{
    (void)w, (void)p, (void)l;
    if (e) {
        e->code = GK_ERR_INVALID_ARG;
        snprintf(e->msg, sizeof e->msg, "this export format is not written yet");
    }
    return GK_ERR_INVALID_ARG;
}
static gk_status s_add(export_writer *w, const export_report *r, gk_error *e)
{
    (void)w, (void)r, (void)e;
    return GK_OK;
}
static gk_status s_close(export_writer *w, gk_error *e)
{
    (void)w, (void)e;
    return GK_OK;
}
static void s_abort(export_writer *w)
{
    (void)w;
}
const export_ops export_xlsx_ops = {s_open, s_add, s_close, s_abort};
