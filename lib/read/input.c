/*
 * input.c — gk_blocks_read(): what an input is, decided from its bytes, and the reader for it.
 */
#include <stdio.h>
#include <string.h>

#include "decode.h"
#include "readers.h"
#include "script.h"

#define SNIFF_BYTES 4096

gk_status reader_error(gk_error *err, gk_status st, const char *msg)
{
    if (err) {
        err->code = st;
        snprintf(err->msg, sizeof err->msg, "%s", msg);
    }
    return st;
}

/* The start of the input as lower-case ASCII, NUL bytes (UTF-16) and non-ASCII dropped. */
static size_t sniff(const char *data, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len && i < SNIFF_BYTES && n + 1 < cap; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c != 0 && c < 0x80)
            out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[n] = '\0';
    return n;
}

static int looks_like_html(const char *head)
{
    const char *p = head + strspn(head, " \t\r\n");
    if (*p != '<')
        return 0;
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
    static const char lead[] = " \t\r\n\xEF\xBB\xBF\xFF\xFE"; /* and the terminating NUL */
    size_t i = 0; /* markup starts with '<' after a BOM, white space or UTF-16 zero bytes */
    while (i < len && i < 256 && memchr(lead, data[i], sizeof lead))
        i++;
    if (i >= len || data[i] != '<')
        return GK_INPUT_TEXT;
    char buf[SNIFF_BYTES + 1];
    sniff(data, len, buf, sizeof buf);
    return looks_like_html(buf) ? GK_INPUT_HTML : GK_INPUT_TEXT;
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

/* The charset an HTML page declares (<meta charset=…> or content="…; charset=…"), or NULL. */
static const char *declared_charset(const char *data, size_t len, char *buf, size_t cap)
{
    char head[SNIFF_BYTES + 1];
    sniff(data, len, head, sizeof head);
    const char *p = strstr(head, "charset");
    if (!p)
        return NULL;
    p += strlen("charset");
    p += strspn(p, " \t\r\n=\"'");
    size_t n = strcspn(p, " \t\r\n\"';/>");
    if (n == 0 || n >= cap)
        return NULL;
    memcpy(buf, p, n);
    buf[n] = '\0';
    return buf;
}

/*
 * Plain text with no byte-order mark is read as UTF-8 straight away — the text reader validates
 * while it normalises, so the common case costs no extra pass. Returns GK_OK if that worked;
 * otherwise the list is emptied for decoding (GK_ERR_ENCODING), or the error is a limit.
 */
static gk_status read_as_utf8(gk_blocks *b, const char *data, size_t len, gk_error *err)
{
    const unsigned char *u = (const unsigned char *)data;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return GK_ERR_ENCODING;
    size_t bom = len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF ? 3 : 0;
    char *copy = arena_strndup(&b->mem, data + bom, len - bom);
    gk_status st = read_text_utf8(b, copy, len - bom, NULL);
    if (st == GK_ERR_ENCODING)
        blocks_reset(b);
    else if (st != GK_OK)
        reader_error(err, st, "too many lines");
    return st;
}

static gk_status read_decoded(gk_blocks *b, const char *data, size_t len, gk_error *err)
{
    if (b->kind == GK_INPUT_TEXT) {
        gk_status st = read_as_utf8(b, data, len, err);
        if (st != GK_ERR_ENCODING)
            return st;
    }
    char cs[32];
    const char *declared =
        b->kind == GK_INPUT_HTML ? declared_charset(data, len, cs, sizeof cs) : NULL;
    char *utf8;
    size_t n;
    int guessed;
    gk_status st =
        decode_utf8(data, len, declared, &b->mem, &utf8, &n, &b->encoding, &guessed, err);
    if (st != GK_OK)
        return st;
    if (guessed && strcmp(b->encoding, "UTF-8") != 0) {
        char zh[160], en[160];
        snprintf(zh, sizeof zh, "未声明编码，按 %s 读取", b->encoding);
        snprintf(en, sizeof en, "no encoding declared; read as %s", b->encoding);
        blocks_note_add(b, 0, "GK-ENCODING", 1, zh, en);
    }
    return b->kind == GK_INPUT_HTML ? read_html(b, utf8, n, err) : read_text_utf8(b, utf8, n, err);
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
