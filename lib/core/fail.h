/*
 * fail.h — filling a gk_error: one formatter for every module (status.c).
 */
#ifndef GK_CORE_FAIL_H
#define GK_CORE_FAIL_H

#include <gongkai/status.h>
#include <stdarg.h>

/* Sets err (if not NULL) to code and the formatted message; returns code. */
__attribute__((format(printf, 3, 4))) gk_status gk_fail(gk_error *err, gk_status code,
                                                        const char *fmt, ...);
__attribute__((format(printf, 3, 0))) gk_status gk_vfail(gk_error *err, gk_status code,
                                                         const char *fmt, va_list ap);

#endif
