/*
 * docx.c — the DOCX reader: word/document.xml of a Word file (libzip + libxml2) becomes blocks.
 *
 * The body is walked in document order. A paragraph becomes a PARA block, and a line break
 * inside it starts a new one, like a line of a text file. A table row becomes a ROW block
 * whose cells sit at their grid columns; cells covered by a vertical merge are left out, so
 * they cannot be read as blank values. A table holding another table is a layout table: its
 * cells' content is read as ordinary content. Deleted text, field codes and the fallback
 * copies of alternate content are skipped. Automatic list labels ("一、", "（二）") are
 * written out from word/numbering.xml and the paragraph styles, as Word shows them. A damaged
 * file becomes an error note with no blocks; only limits are errors.
 *
 * This file holds the entry point read_docx(), the ZIP container (opened from memory, parts
 * decompressed up to a cap), parsing a part with libxml2 and reading its elements and
 * attributes, and the damage notes. The walk of w:body is in docx_walk.c, list numbering in
 * docx_lists.c.
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "docx_int.h"

#define W_NS        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define MAIN_PART   "word/document.xml"
#define READ_CHUNK  (64u * 1024u)

/* ---- memory ---- */

void docx_buf_free(buf *b)
{
    free(b->p);
    *b = (buf){0};
}

void *docx_alloc_n(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        gk_oom();
    return p;
}

/* ---- notes ---- */

static void damaged(gk_blocks *b, int sev, const char *zh_what, const char *en_what,
                    const char *detail)
{
    char zh[512], en[512];
    snprintf(zh, sizeof zh, "DOCX 文件已损坏：%s", zh_what);
    if (detail && *detail)
        snprintf(en, sizeof en, "damaged DOCX: %s (%s)", en_what, detail);
    else
        snprintf(en, sizeof en, "damaged DOCX: %s", en_what);
    blocks_note_add(b, sev, "GK-DAMAGED", 0, zh, en);
}

/* ---- elements and attributes ---- */

int docx_ns_is(const xmlNode *n, const char *href)
{
    return n->ns && n->ns->href && strcmp((const char *)n->ns->href, href) == 0;
}

int docx_is_w_ns(const xmlNode *n)
{
    return docx_ns_is(n, W_NS) || docx_ns_is(n, W_NS_STRICT);
}

/* Whether n is the WordprocessingML element `name`. */
int docx_is_w(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && docx_is_w_ns(n) &&
           strcmp((const char *)n->name, name) == 0;
}

/* The first WordprocessingML child element of n called `name`, or NULL. */
const xmlNode *docx_w_child(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (docx_is_w(c, name))
            return c;
    return NULL;
}

/* Attribute `name` (any namespace) of element n as a short string in out, or NULL if absent.
 * Only literal text is taken: entity references are never expanded. (Other nodes have no
 * attributes: a compact text node keeps its text where an element keeps them.) */
const char *docx_attr(const xmlNode *n, const char *name, char *out, size_t cap)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return NULL;
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (strcmp((const char *)a->name, name) != 0)
            continue;
        size_t len = 0;
        for (const xmlNode *t = a->children; t; t = t->next) {
            if (t->type != XML_TEXT_NODE || !t->content)
                continue;
            const char *s = (const char *)t->content;
            size_t k = strlen(s);
            if (k > cap - 1 - len) { /* cut at a character boundary */
                k = cap - 1 - len;
                while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
                    k--;
            }
            memcpy(out + len, s, k);
            len += k;
        }
        out[len] = '\0';
        return out;
    }
    return NULL;
}

/* An on/off property (w:vanish, …): present and not switched off. */
int docx_prop_on(const xmlNode *prop)
{
    char v[8];
    if (!prop)
        return 0;
    const char *s = docx_attr(prop, "val", v, sizeof v);
    return !s || !(strcmp(s, "0") == 0 || strcmp(s, "false") == 0 || strcmp(s, "off") == 0);
}

/* A non-negative decimal attribute (at most 10^9); `dflt` if absent or not a number. */
long docx_attr_num(const xmlNode *n, const char *name, long dflt)
{
    char v[24];
    const char *s = n ? docx_attr(n, name, v, sizeof v) : NULL;
    if (!s || *s < '0' || *s > '9')
        return dflt;
    long k = 0;
    for (; *s >= '0' && *s <= '9'; s++)
        k = k >= 100000000 ? 1000000000 : k * 10 + (*s - '0');
    return k;
}

/* The w:val of a property element as a number. */
long docx_num_val(const xmlNode *prop, long dflt)
{
    return docx_attr_num(prop, "val", dflt);
}

/* ---- the container ---- */

#define NUMBERING_PART "word/numbering.xml"
#define STYLES_PART    "word/styles.xml"

/* A damaged part: word/document.xml is an error, a part only numbering needs a warning. */
static void part_damaged(gk_blocks *b, const char *part, const char *zh_what, const char *en_what,
                         const char *detail)
{
    char zh[300], en[300];
    int main_part = strcmp(part, MAIN_PART) == 0;
    snprintf(zh, sizeof zh, "%s %s%s", part, zh_what, main_part ? "" : "，自动编号未读取");
    snprintf(en, sizeof en, "%s %s%s", part, en_what, main_part ? "" : "; list numbering not read");
    damaged(b, main_part ? 2 : 1, zh, en, detail);
}

static zip_t *open_zip(gk_blocks *b, const char *data, size_t len)
{
    if (len < 4 || memcmp(data, "PK", 2) != 0) {
        damaged(b, 2, "不是 ZIP 压缩包", "not a ZIP archive", NULL);
        return NULL;
    }
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!za) {
        zip_source_free(src);
        damaged(b, 2, "无法作为 ZIP 压缩包打开", "cannot be opened as a ZIP archive",
                zip_error_strerror(&ze));
    }
    zip_error_fini(&ze);
    return za;
}

/* Grows out so that at least one more byte fits, never beyond GK_MAX_UNZIPPED + 1. */
static void grow_part(buf *out)
{
    if (out->cap - out->len >= READ_CHUNK || out->cap > GK_MAX_UNZIPPED)
        return;
    size_t cap = out->cap ? out->cap * 2 : 4 * READ_CHUNK;
    if (cap > (size_t)GK_MAX_UNZIPPED + 1)
        cap = (size_t)GK_MAX_UNZIPPED + 1;
    char *p = realloc(out->p, cap);
    if (!p)
        gk_oom();
    out->p = p;
    out->cap = cap;
}

/*
 * Decompresses the part `name` into out, never more than GK_MAX_UNZIPPED bytes whatever the
 * archive says. Returns 1 when read, 0 when missing or damaged (noted), -1 at the limit.
 */
static int read_part(gk_blocks *b, zip_t *za, const char *name, buf *out, gk_error *err)
{
    zip_int64_t idx = zip_name_locate(za, name, 0);
    if (idx < 0)
        idx = zip_name_locate(za, name, ZIP_FL_NOCASE);
    if (idx < 0)
        return 0;
    zip_file_t *f = zip_fopen_index(za, (zip_uint64_t)idx, 0);
    if (!f) {
        part_damaged(b, name, "无法打开", "cannot be opened", zip_strerror(za));
        return 0;
    }
    int ok = 1;
    for (;;) {
        grow_part(out);
        size_t room = out->cap - out->len;
        zip_int64_t got = zip_fread(f, out->p + out->len, room < READ_CHUNK ? room : READ_CHUNK);
        if (got < 0) {
            part_damaged(b, name, "无法解压", "cannot be decompressed", zip_file_strerror(f));
            ok = 0;
            break;
        }
        if (got == 0)
            break;
        out->len += (size_t)got;
        if (out->len > GK_MAX_UNZIPPED) {
            char msg[128];
            snprintf(msg, sizeof msg, "DOCX part larger than %u MiB (%s)",
                     GK_MAX_UNZIPPED / 1024u / 1024u, name);
            reader_error(err, GK_ERR_LIMIT, msg);
            ok = -1;
            break;
        }
    }
    zip_fclose(f);
    if (ok <= 0)
        out->len = 0;
    return ok;
}

/* The parts read: word/document.xml, and those list numbering needs (empty if absent). */
typedef struct parts {
    buf main, numbering, styles;
} parts;

static void parts_free(parts *p)
{
    docx_buf_free(&p->main);
    docx_buf_free(&p->numbering);
    docx_buf_free(&p->styles);
}

/* Reads the parts: 1 when word/document.xml was read, 0 when damaged (noted), -1 at a limit. */
static int read_parts(gk_blocks *b, const char *data, size_t len, parts *p, gk_error *err)
{
    zip_t *za = open_zip(b, data, len);
    if (!za)
        return 0;
    int ok = read_part(b, za, MAIN_PART, &p->main, err);
    if (ok == 0 && zip_name_locate(za, MAIN_PART, ZIP_FL_NOCASE) < 0)
        blocks_note_add(b, 2, "GK-NOT-DOCX", 0, "不是 Word 文档：压缩包中没有 " MAIN_PART,
                        "not a Word document: the ZIP archive has no " MAIN_PART);
    if (ok > 0 && read_part(b, za, NUMBERING_PART, &p->numbering, err) < 0)
        ok = -1;
    if (ok > 0 && p->numbering.len > 0 && read_part(b, za, STYLES_PART, &p->styles, err) < 0)
        ok = -1;
    zip_discard(za);
    return ok;
}

/* Parses a part without network, DTD loading or entity substitution; NULL if damaged. */
static xmlDoc *parse_part(gk_blocks *b, const buf *xml, const char *name)
{
    reader_libxml_init();
    xmlParserCtxt *ctxt = xmlNewParserCtxt();
    if (!ctxt)
        gk_oom();
    xmlDoc *doc = xmlCtxtReadMemory(ctxt, xml->p ? xml->p : "", (int)xml->len, name, NULL,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                        XML_PARSE_COMPACT);
    if (!doc) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        char zh[160], detail[200];
        int line = e ? e->line : 0;
        int mlen = e && e->message ? (int)strcspn(e->message, "\r\n") : 0;
        snprintf(zh, sizeof zh, "不是格式正确的 XML（第 %d 行）", line);
        snprintf(detail, sizeof detail, "line %d: %.*s", line, mlen > 150 ? 150 : mlen,
                 e && e->message ? e->message : "");
        part_damaged(b, name, zh, "is not well-formed XML", detail);
    }
    xmlFreeParserCtxt(ctxt);
    return doc;
}

/* The root element of a parsed part if it is the WordprocessingML element `name`. */
static const xmlNode *w_root(const xmlDoc *doc, const char *name)
{
    const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    return root && docx_is_w(root, name) ? root : NULL;
}

/* The list definitions of the package, or NULL when it has none (or they are damaged). */
static lists *read_lists(gk_blocks *b, const parts *p)
{
    if (p->numbering.len == 0)
        return NULL;
    xmlDoc *num = parse_part(b, &p->numbering, NUMBERING_PART);
    const xmlNode *root = w_root(num, "numbering");
    lists *L = NULL;
    if (root) {
        xmlDoc *styles = p->styles.len ? parse_part(b, &p->styles, STYLES_PART) : NULL;
        L = docx_lists_load(root, w_root(styles, "styles"));
        xmlFreeDoc(styles);
    }
    xmlFreeDoc(num);
    return L;
}

gk_status read_docx(gk_blocks *b, const char *data, size_t len, gk_error *err)
{
    parts p = {0};
    int ok = read_parts(b, data, len, &p, err);
    if (ok <= 0) {
        parts_free(&p);
        return ok < 0 ? GK_ERR_LIMIT : GK_OK;
    }
    xmlDoc *doc = parse_part(b, &p.main, MAIN_PART);
    docx_buf_free(&p.main);
    const xmlNode *root = w_root(doc, "document");
    const xmlNode *body = root ? docx_w_child(root, "body") : NULL;
    gk_status st = GK_OK;
    if (body) {
        lists *L = read_lists(b, &p);
        st = docx_walk_body(b, body, L, err);
        docx_lists_free(L);
    } else if (doc) {
        damaged(b, 2, MAIN_PART " 中没有正文（w:body）", MAIN_PART " has no w:body", NULL);
    }
    parts_free(&p);
    xmlFreeDoc(doc);
    return st;
}
