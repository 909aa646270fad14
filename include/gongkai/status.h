/*
 * status.h — status codes and the caller-owned error record of libgongkai.
 *
 * Only I/O failures, exceeded limits and API misuse are errors. Problems in a report's
 * content never are: they become diagnostics on the document (see doc.h).
 */
#ifndef GONGKAI_STATUS_H
#define GONGKAI_STATUS_H

#if defined(__GNUC__)
#define GK_API __attribute__((visibility("default")))
#else
#define GK_API
#endif

typedef enum gk_status {
    GK_OK = 0,
    GK_ERR_IO,          /* the file could not be opened or read */
    GK_ERR_LIMIT,       /* the input exceeds a hard limit (size, lines, cells) */
    GK_ERR_ENCODING,    /* the bytes are not text in a supported encoding */
    GK_ERR_INVALID_ARG, /* the caller passed something the API does not accept */
} gk_status;

/* Filled by a failing call when the caller passes one; the caller owns it. */
typedef struct gk_error {
    gk_status code;
    char msg[256];
} gk_error;

/* Fixed English text of a status code; never NULL. */
GK_API const char *gk_status_str(gk_status st);

#endif
