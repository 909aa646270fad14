/*
 * status.c — fixed texts of the status codes, and filling a gk_error (fail.h).
 */
#include <gongkai/status.h>
#include <stdio.h>

#include "fail.h"

gk_status gk_vfail(gk_error *err, gk_status code, const char *fmt, va_list ap)
{
    if (err) {
        err->code = code;
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    }
    return code;
}

gk_status gk_fail(gk_error *err, gk_status code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    gk_vfail(err, code, fmt, ap);
    va_end(ap);
    return code;
}

const char *gk_status_str(gk_status st)
{
    switch (st) {
    case GK_OK:
        return "ok";
    case GK_ERR_IO:
        return "cannot read input";
    case GK_ERR_LIMIT:
        return "input exceeds a limit";
    case GK_ERR_ENCODING:
        return "input is not valid UTF-8 text";
    case GK_ERR_INVALID_ARG:
        return "invalid argument";
    }
    return "unknown status";
}
