/*
 * input.c — gk_blocks_read(): what an input is, decided from its bytes, and the reader for it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "readers.h"
#include "script.h"

#define LEAD_BYTES 4096   /* of white space, BOM and UTF-16 zero bytes before markup */
#define HTML_BYTES 65536u /* searched for HTML tags and for a charset declaration */

gk_status reader_error(gk_error *err, gk_status st, const char *msg)
{
    if (err) {
        err->code = st;
        snprintf(err->msg, sizeof err->msg, "%s", msg);
    }
    return st;
}

/* The first `max` bytes of the input as lower-case ASCII, NUL bytes (UTF-16) and non-ASCII
 * dropped, into out[cap]. */
static size_t sniff(const char *data, size_t len, size_t max, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len && i < max && n + 1 < cap; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c != 0 && c < 0x80)
            out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[n] = '\0';
    return n;
}

/* Past white space and comments (<!-- … -->; an unclosed one runs to the end). */
static const char *skip_comments(const char *p)
{
    for (;;) {
        p += strspn(p, " \t\r\n\f");
        if (strncmp(p, "<!--", 4) != 0)
            return p;
        const char *end = strstr(p + 4, "-->");
        if (!end)
            return p + strlen(p);
        p = end + 3;
    }
}

static int looks_like_html(const char *head)
{
    const char *p = head + strspn(head, " \t\r\n\f");
    if (*p != '<')
        return 0;
    const char *after = skip_comments(p);
    if (*after) /* a page's tags come after its leading comments, not inside them */
        p = after;
    static const char *const tags[] = {"<!doctype html", "<html", "<head", "<body", "<table",
                                       "<meta",          "<div",  "<p>",   "<p ",   "<title"};
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (strstr(p, tags[i]))
            return 1;
    return 0;
}

static int has_bytes(const char *data, size_t len, const char *what)
{
    size_t n = strlen(what);
    for (const char *p = data;
         len >= n && (p = memchr(p, what[0], len - n + 1 - (size_t)(p - data))); p++)
        if (memcmp(p, what, n) == 0)
            return 1;
    return 0;
}

gk_input_kind gk_detect_input(const char *data, size_t len)
{
    if (!data || len == 0)
        return GK_INPUT_TEXT;
    size_t head = len < 1024 ? len : 1024;
    if (has_bytes(data, head, "%PDF-"))
        return GK_INPUT_PDF;
    if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
        return GK_INPUT_DOCX;
    static const char lead[] = " \t\r\n\f\xEF\xBB\xBF\xFF\xFE"; /* and the terminating NUL */
    size_t i = 0; /* markup starts with '<' after a BOM, white space or UTF-16 zero bytes */
    while (i < len && i < LEAD_BYTES && memchr(lead, data[i], sizeof lead))
        i++;
    if (i >= len || data[i] != '<')
        return GK_INPUT_TEXT;
    size_t window = len - i < HTML_BYTES ? len - i : HTML_BYTES;
    char *buf = malloc(window + 1); /* not on the stack: callers may run on small threads */
    if (!buf)
        gk_oom();
    sniff(data + i, len - i, window, buf, window + 1);
    int html = looks_like_html(buf);
    free(buf);
    return html ? GK_INPUT_HTML : GK_INPUT_TEXT;
}

const char *gk_input_kind_name(gk_input_kind kind)
{
    switch (kind) {
    case GK_INPUT_HTML:
        return "html";
    case GK_INPUT_DOCX:
        return "docx";
    case GK_INPUT_PDF:
        return "pdf";
    case GK_INPUT_TEXT:
        break;
    }
    return "text";
}

/* The charset an HTML page declares (<meta charset=…> or content="…; charset=…") in its head,
 * as lower-case ASCII in buf[cap], or NULL. */
static const char *declared_charset(const char *data, size_t len, char *buf, size_t cap)
{
    size_t window = len < HTML_BYTES ? len : HTML_BYTES;
    char *head = malloc(window + 1);
    if (!head)
        gk_oom();
    sniff(data, len, window, head, window + 1);
    const char *start = skip_comments(head);
    char *body = strstr(start, "<body");
    if (body)
        *body = '\0';
    const char *p = strstr(start, "charset");
    const char *found = NULL;
    if (p) {
        p += strlen("charset");
        p += strspn(p, " \t\r\n=\"'");
        size_t n = strcspn(p, " \t\r\n\"';/>");
        if (n > 0 && n < cap) {
            memcpy(buf, p, n);
            buf[n] = '\0';
            found = buf;
        }
    }
    free(head);
    return found;
}

/*
 * Plain text with no byte-order mark is read as UTF-8 straight away — the text reader validates
 * while it normalises, so the common case costs no extra pass. Returns GK_OK if that worked;
 * otherwise the list is emptied for decoding (GK_ERR_ENCODING, with why in *why: kept for when
 * no other encoding fits either), or the error is a limit.
 */
static gk_status read_as_utf8(gk_blocks *b, const char *data, size_t len, gk_error *why,
                              gk_error *err)
{
    const unsigned char *u = (const unsigned char *)data;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return GK_ERR_ENCODING;
    size_t bom = len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF ? 3 : 0;
    char *copy = arena_strndup(&b->mem, data + bom, len - bom);
    gk_status st = read_text_utf8(b, copy, len - bom, why);
    if (st == GK_ERR_ENCODING)
        blocks_reset(b);
    else if (st != GK_OK)
        reader_error(err, st, "too many lines");
    return st;
}

/* The note saying which encoding was used, when it was not plainly the file's own. */
static void note_encoding(gk_blocks *b, const decoded *d, const char *declared)
{
    char zh[200], en[200];
    if (d->why == DECODE_OVERRIDDEN && declared) {
        snprintf(zh, sizeof zh, "声明的编码为 %s，但内容按 %s 读取", declared, d->enc);
        snprintf(en, sizeof en, "declared %s, but read as %s", declared, d->enc);
    } else if (d->why == DECODE_GUESSED && strcmp(d->enc, "UTF-8") != 0) {
        snprintf(zh, sizeof zh, "未声明编码，按 %s 读取", d->enc);
        snprintf(en, sizeof en, "no encoding declared; read as %s", d->enc);
    } else {
        return;
    }
    blocks_note_add(b, 0, "GK-ENCODING", 1, zh, en);
}

static gk_status read_decoded(gk_blocks *b, const char *data, size_t len, gk_error *err)
{
    gk_error utf8_err = {0};
    if (b->kind == GK_INPUT_TEXT) {
        gk_status st = read_as_utf8(b, data, len, &utf8_err, err);
        if (st != GK_ERR_ENCODING)
            return st;
    }
    char cs[32];
    const char *declared =
        b->kind == GK_INPUT_HTML ? declared_charset(data, len, cs, sizeof cs) : NULL;
    decoded d;
    gk_status st = decode_utf8(data, len, declared, &b->mem, &d, err);
    if (st != GK_OK) {
        if (st == GK_ERR_ENCODING && utf8_err.code == GK_ERR_ENCODING && err)
            *err = utf8_err; /* nothing else fits: say where it stopped being UTF-8 */
        return st;
    }
    b->encoding = d.enc;
    note_encoding(b, &d, declared);
    return b->kind == GK_INPUT_HTML ? read_html(b, d.utf8, d.len, err)
                                    : read_text_utf8(b, d.utf8, d.len, err);
}

gk_status gk_blocks_read(const char *data, size_t len, gk_blocks **out, gk_error *err)
{
    return gk_blocks_read_as(gk_detect_input(data, len), data, len, out, err);
}

gk_status gk_blocks_read_as(gk_input_kind kind, const char *data, size_t len, gk_blocks **out,
                            gk_error *err)
{
    *out = NULL;
    if (!data && len)
        return reader_error(err, GK_ERR_INVALID_ARG, "no data");
    if (kind != GK_INPUT_TEXT && kind != GK_INPUT_HTML && kind != GK_INPUT_DOCX &&
        kind != GK_INPUT_PDF)
        return reader_error(err, GK_ERR_INVALID_ARG, "unknown input kind");
    if (len > GK_MAX_INPUT_BYTES)
        return reader_error(err, GK_ERR_LIMIT, "input larger than 32 MiB");
    if (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return reader_error(err, GK_ERR_ENCODING,
                            "a Word 97-2003 (.doc) or other OLE file: save it as DOCX or PDF");
    gk_blocks *b = blocks_new(kind);
    gk_status st;
    switch (b->kind) {
    case GK_INPUT_PDF:
        st = read_pdf(b, data, len, err);
        break;
    case GK_INPUT_DOCX:
        st = read_docx(b, data, len, err);
        break;
    default:
        st = read_decoded(b, data ? data : "", len, err);
        break;
    }
    if (st == GK_OK)
        script_fold(b);
    if (st != GK_OK) {
        gk_blocks_free(b);
        return st;
    }
    *out = b;
    return GK_OK;
}
