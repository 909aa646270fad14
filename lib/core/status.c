/*
 * status.c — fixed texts of the status codes.
 */
#include <gongkai/status.h>

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
