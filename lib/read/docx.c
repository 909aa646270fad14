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
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "../core/norm.h"
#include "readers.h"

#define W_NS        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define MC_NS       "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define MAIN_PART   "word/document.xml"
#define READ_CHUNK  (64u * 1024u)
#define MAX_FIELDS  32   /* nested complex fields tracked */
#define NUM_LEVELS  9    /* levels of a list */
#define MAX_LISTS   4096 /* lists, list instances and paragraph styles kept */
#define LVL_TEXT    96   /* bytes of a level's label pattern kept */
#define STYLE_ID    64   /* bytes of a style id kept */

/* A growing byte buffer (malloc'd; the text read from the XML tree). */
typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

/* The elements the walker treats specially. */
typedef enum elem {
    E_OTHER = 0, /* walked through: its children are content */
    E_SKIP,      /* never content: deleted text, field codes, properties, references */
    E_P,
    E_TBL,
    E_TR,
    E_TC,
    E_R,
    E_T,
    E_TAB,
    E_BR,
    E_HYPHEN,
    E_FLDCHAR,
    E_ALT,      /* mc:AlternateContent */
    E_CHOICE,   /* mc:Choice */
    E_FALLBACK, /* mc:Fallback */
} elem;

/* The cells of the table row being read. */
typedef struct row_state {
    uint32_t col;  /* grid column of the next cell */
    uint32_t n;    /* cells kept */
    uint32_t seen; /* w:tc elements met */
    buf text;      /* the kept cells' text, one after another */
    size_t off[GK_MAX_ROW_CELLS], len[GK_MAX_ROW_CELLS];
    uint32_t cols[GK_MAX_ROW_CELLS];
} row_state;

enum { NOTE_DEPTH = 1, NOTE_CELLS = 2, NOTE_SPAN = 4 };

typedef struct lists lists; /* list numbering definitions, below */

typedef struct walker {
    gk_blocks *b;
    gk_error *err;
    gk_status st;     /* GK_OK until a limit is reached */
    uint32_t emitted; /* blocks emitted: the next one's line is emitted + 1 */
    buf line;         /* text of the current paragraph line */
    int in_cell;      /* reading a table cell: lines join row.text from cell_start */
    size_t cell_start;
    int hidden;                /* > 0 inside a hidden (w:vanish) run */
    uint8_t field[MAX_FIELDS]; /* open complex fields: 1 while in their field code */
    int nfield, field_over, ncode;
    unsigned noted; /* NOTE_* already given */
    lists *lists;   /* NULL when the package has no list numbering */
    row_state row;
} walker;

/* ---- buffers ---- */

static void buf_put(buf *b, const char *s, size_t n)
{
    if (n == 0)
        return;
    if (b->cap - b->len < n) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap - b->len < n)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            gk_oom();
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static void buf_free(buf *b)
{
    free(b->p);
    *b = (buf){0};
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

static void limit_note(walker *w, unsigned kind, const char *zh, const char *en)
{
    if (w->noted & kind)
        return;
    w->noted |= kind;
    blocks_note_add(w->b, 1, "GK-LIMIT", w->emitted + 1, zh, en);
}

static void depth_note(walker *w)
{
    char zh[160], en[160];
    snprintf(zh, sizeof zh, "DOCX 内容嵌套超过 %u 层，更深的内容未读取", GK_MAX_NESTING);
    snprintf(en, sizeof en,
             "DOCX content nested deeper than %u levels; the deeper content was not read",
             GK_MAX_NESTING);
    limit_note(w, NOTE_DEPTH, zh, en);
}

/* ---- elements and attributes ---- */

static int ns_is(const xmlNode *n, const char *href)
{
    return n->ns && n->ns->href && strcmp((const char *)n->ns->href, href) == 0;
}

static int is_w_ns(const xmlNode *n)
{
    return ns_is(n, W_NS) || ns_is(n, W_NS_STRICT);
}

typedef struct elem_name {
    const char *name;
    elem kind;
} elem_name;

/* WordprocessingML elements by local name, sorted for bsearch. */
static const elem_name w_elems[] = {
    {"annotationRef", E_SKIP},
    {"br", E_BR},
    {"commentReference", E_SKIP},
    {"continuationSeparator", E_SKIP},
    {"cr", E_BR},
    {"del", E_SKIP},
    {"delInstrText", E_SKIP},
    {"delText", E_SKIP},
    {"endnoteRef", E_SKIP},
    {"endnoteReference", E_SKIP},
    {"fldChar", E_FLDCHAR},
    {"fldData", E_SKIP},
    {"footnoteRef", E_SKIP},
    {"footnoteReference", E_SKIP},
    {"instrText", E_SKIP},
    {"moveFrom", E_SKIP},
    {"noBreakHyphen", E_HYPHEN},
    {"p", E_P},
    {"pPr", E_SKIP},
    {"ptab", E_TAB},
    {"r", E_R},
    {"rPr", E_SKIP},
    {"sdtEndPr", E_SKIP},
    {"sdtPr", E_SKIP},
    {"sectPr", E_SKIP},
    {"separator", E_SKIP},
    {"t", E_T},
    {"tab", E_TAB},
    {"tbl", E_TBL},
    {"tblGrid", E_SKIP},
    {"tblPr", E_SKIP},
    {"tblPrEx", E_SKIP},
    {"tc", E_TC},
    {"tcPr", E_SKIP},
    {"tr", E_TR},
    {"trPr", E_SKIP},
};

static int elem_cmp(const void *key, const void *e)
{
    return strcmp((const char *)key, ((const elem_name *)e)->name);
}

static elem classify(const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE)
        return E_SKIP;
    const char *name = (const char *)n->name;
    if (is_w_ns(n)) {
        const elem_name *e =
            bsearch(name, w_elems, sizeof w_elems / sizeof w_elems[0], sizeof w_elems[0], elem_cmp);
        return e ? e->kind : E_OTHER;
    }
    if (ns_is(n, MC_NS)) {
        if (strcmp(name, "AlternateContent") == 0)
            return E_ALT;
        if (strcmp(name, "Choice") == 0)
            return E_CHOICE;
        if (strcmp(name, "Fallback") == 0)
            return E_FALLBACK;
    }
    return E_OTHER;
}

/* Whether n is the WordprocessingML element `name`. */
static int is_w(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && is_w_ns(n) && strcmp((const char *)n->name, name) == 0;
}

/* The first WordprocessingML child element of n called `name`, or NULL. */
static const xmlNode *w_child(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (is_w(c, name))
            return c;
    return NULL;
}

/* Attribute `name` (any namespace) of element n as a short string in out, or NULL if absent.
 * Only literal text is taken: entity references are never expanded. (Other nodes have no
 * attributes: a compact text node keeps its text where an element keeps them.) */
static const char *attr(const xmlNode *n, const char *name, char *out, size_t cap)
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
static int prop_on(const xmlNode *prop)
{
    char v[8];
    if (!prop)
        return 0;
    const char *s = attr(prop, "val", v, sizeof v);
    return !s || !(strcmp(s, "0") == 0 || strcmp(s, "false") == 0 || strcmp(s, "off") == 0);
}

/* A non-negative decimal attribute (at most 10^9); `dflt` if absent or not a number. */
static long attr_num(const xmlNode *n, const char *name, long dflt)
{
    char v[24];
    const char *s = n ? attr(n, name, v, sizeof v) : NULL;
    if (!s || *s < '0' || *s > '9')
        return dflt;
    long k = 0;
    for (; *s >= '0' && *s <= '9'; s++)
        k = k >= 100000000 ? 1000000000 : k * 10 + (*s - '0');
    return k;
}

/* The w:val of a property element as a number. */
static long num_val(const xmlNode *prop, long dflt)
{
    return attr_num(prop, "val", dflt);
}

/* ---- lines ---- */

static int visible(const walker *w)
{
    return w->hidden == 0 && w->ncode == 0;
}

static void put_text(walker *w, const char *s, size_t n)
{
    if (visible(w))
        buf_put(&w->line, s, n);
}

static void emit_para(walker *w, const char *s, size_t n)
{
    size_t before = w->b->n;
    if (blocks_add_para(w->b, s, n, w->emitted + 1) < 0) {
        w->st = reader_error(w->err, GK_ERR_LIMIT, "DOCX has too many paragraphs and table rows");
        return;
    }
    if (w->b->n > before)
        w->emitted++;
}

/* Ends the current line: a paragraph of its own, or a part of the cell being read. */
static void end_line(walker *w)
{
    size_t n = w->line.len;
    const char *s = trim_space(w->line.p ? w->line.p : "", &n);
    w->line.len = 0;
    if (n == 0 || w->st != GK_OK)
        return;
    if (!w->in_cell) {
        emit_para(w, s, n);
        return;
    }
    buf *cell = &w->row.text;
    if (cell->len > w->cell_start)
        buf_put(cell, " ", 1);
    buf_put(cell, s, n);
}

/* ---- fields ---- */

static void field_char(walker *w, const xmlNode *n)
{
    char v[16];
    if (!attr(n, "fldCharType", v, sizeof v))
        return;
    if (strcmp(v, "begin") == 0) {
        if (w->nfield < MAX_FIELDS) {
            w->field[w->nfield++] = 1;
            w->ncode++;
        } else {
            w->field_over++;
        }
    } else if (strcmp(v, "separate") == 0) {
        if (!w->field_over && w->nfield > 0 && w->field[w->nfield - 1]) {
            w->field[w->nfield - 1] = 0;
            w->ncode--;
        }
    } else if (strcmp(v, "end") == 0) {
        if (w->field_over > 0)
            w->field_over--;
        else if (w->nfield > 0 && w->field[--w->nfield])
            w->ncode--;
    }
}

/* A field code never spans paragraphs: a missing separator must not hide the rest. */
static void field_codes_end(walker *w)
{
    for (int i = 0; i < w->nfield; i++)
        w->field[i] = 0;
    w->ncode = 0;
}

/* ---- list numbering: word/numbering.xml and the paragraph styles of word/styles.xml ---- */

typedef enum num_fmt {
    F_DECIMAL = 0,
    F_NONE,
    F_BULLET,
    F_CHINESE,       /* 一、十一、一百零一 */
    F_CHINESE_LEGAL, /* 壹、壹拾壹 */
    F_DIGITS,        /* ideographDigital: 二〇二三 */
    F_FULLWIDTH,
    F_DECIMAL_ZERO,
    F_UPPER_LETTER,
    F_LOWER_LETTER,
    F_UPPER_ROMAN,
    F_LOWER_ROMAN,
    F_CIRCLE,    /* ① */
    F_IDEOGRAPH, /* 甲乙丙 */
    F_ZODIAC,    /* 子丑寅 */
} num_fmt;

typedef struct num_level {
    int start;
    uint8_t fmt;         /* num_fmt */
    uint8_t legal;       /* w:isLgl: every number of the label in decimal */
    uint8_t space;       /* the label is followed by a tab or space (w:suff) */
    char text[LVL_TEXT]; /* w:lvlText, e.g. "%1、", "（%2）" */
} num_level;

typedef struct abstract_list {
    long id;
    num_level lvl[NUM_LEVELS];
    int count[NUM_LEVELS];
    uint8_t used[NUM_LEVELS]; /* the level has been numbered since its parent last was */
} abstract_list;

typedef struct list_inst {
    long id;
    long abstract_id;
    abstract_list *list;      /* NULL if the abstract list is missing */
    int start[NUM_LEVELS];    /* w:startOverride, -1 if none */
    uint8_t done[NUM_LEVELS]; /* the override has been applied */
} list_inst;

typedef struct para_style {
    char id[STYLE_ID], based[STYLE_ID];
    long num_id; /* -1 if the style sets none */
    long ilvl;   /* -1 if the style sets none */
} para_style;

struct lists {
    abstract_list *abs;
    list_inst *inst;
    para_style *style;
    size_t nabs, ninst, nstyle;
};

static const struct {
    const char *name;
    num_fmt fmt;
} fmt_names[] = {
    {"bullet", F_BULLET},
    {"chineseCounting", F_CHINESE},
    {"chineseCountingThousand", F_CHINESE},
    {"chineseLegalSimplified", F_CHINESE_LEGAL},
    {"decimalEnclosedCircle", F_CIRCLE},
    {"decimalEnclosedCircleChinese", F_CIRCLE},
    {"decimalFullWidth", F_FULLWIDTH},
    {"decimalFullWidth2", F_FULLWIDTH},
    {"decimalZero", F_DECIMAL_ZERO},
    {"ideographDigital", F_DIGITS},
    {"ideographTraditional", F_IDEOGRAPH},
    {"ideographZodiac", F_ZODIAC},
    {"japaneseCounting", F_CHINESE},
    {"lowerLetter", F_LOWER_LETTER},
    {"lowerRoman", F_LOWER_ROMAN},
    {"none", F_NONE},
    {"taiwaneseCounting", F_CHINESE},
    {"taiwaneseCountingThousand", F_CHINESE},
    {"upperLetter", F_UPPER_LETTER},
    {"upperRoman", F_UPPER_ROMAN},
};

static num_fmt parse_fmt(const char *s)
{
    for (size_t i = 0; s && i < sizeof fmt_names / sizeof fmt_names[0]; i++)
        if (strcmp(s, fmt_names[i].name) == 0)
            return fmt_names[i].fmt;
    return F_DECIMAL;
}

/* Appends s to out[0..cap) at *len if it fits; returns 0 if it does not. */
static int cat(char *out, size_t cap, size_t *len, const char *s)
{
    size_t n = strlen(s);
    if (*len + n >= cap)
        return 0;
    memcpy(out + *len, s, n + 1);
    *len += n;
    return 1;
}

static size_t put_cp(char *out, size_t cap, size_t len, uint32_t cp)
{
    char s[4] = {0};
    if (cp < 0x800) {
        s[0] = (char)(0xC0 | cp >> 6);
        s[1] = (char)(0x80 | (cp & 0x3F));
    } else {
        s[0] = (char)(0xE0 | cp >> 12);
        s[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        s[2] = (char)(0x80 | (cp & 0x3F));
    }
    cat(out, cap, &len, s);
    return len;
}

static size_t fmt_decimal(int n, char *out, size_t cap)
{
    int k = snprintf(out, cap, "%d", n);
    return k > 0 && (size_t)k < cap ? (size_t)k : 0;
}

/* 01, 02, …, 09, 10, 11. */
static size_t fmt_decimal_zero(int n, char *out, size_t cap)
{
    if (n < 0 || n > 9 || cap < 3)
        return fmt_decimal(n, out, cap);
    out[0] = '0';
    out[1] = (char)('0' + n);
    out[2] = '\0';
    return 2;
}

/* Chinese numerals for 1..9999 (十一, 一百零一; legal: 壹拾壹); decimal beyond. */
static size_t fmt_chinese(int n, int legal, char *out, size_t cap)
{
    static const char *const digit[2][10] = {
        {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"},
        {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"}};
    static const char *const unit[2][4] = {{"", "十", "百", "千"}, {"", "拾", "佰", "仟"}};
    if (n <= 0 || n > 9999)
        return fmt_decimal(n, out, cap);
    size_t len = 0;
    int zero = 0, started = 0;
    out[0] = '\0';
    for (int pos = 3, div = 1000; pos >= 0; pos--, div /= 10) {
        int d = n / div % 10;
        if (d == 0) {
            zero = started;
            continue;
        }
        if (zero)
            cat(out, cap, &len, digit[legal][0]);
        zero = 0;
        if (!(d == 1 && pos == 1 && !started && !legal)) /* 十一, not 一十一 */
            cat(out, cap, &len, digit[legal][d]);
        cat(out, cap, &len, unit[legal][pos]);
        started = 1;
    }
    return len;
}

static size_t fmt_roman(int n, int upper, char *out, size_t cap)
{
    static const int val[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    static const char *const sym[] = {"m",  "cm", "d",  "cd", "c",  "xc", "l",
                                      "xl", "x",  "ix", "v",  "iv", "i"};
    if (n <= 0 || n >= 4000)
        return fmt_decimal(n, out, cap);
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < 13; i++)
        for (; n >= val[i]; n -= val[i])
            cat(out, cap, &len, sym[i]);
    for (size_t i = 0; upper && i < len; i++)
        out[i] = (char)(out[i] - 'a' + 'A');
    return len;
}

/* A, B, …, Z, AA, BB, … as Word writes them; decimal beyond eight letters. */
static size_t fmt_letter(int n, int upper, char *out, size_t cap)
{
    int reps = n > 0 ? (n - 1) / 26 + 1 : 0;
    if (reps == 0 || reps > 8 || (size_t)reps >= cap)
        return fmt_decimal(n, out, cap);
    memset(out, (upper ? 'A' : 'a') + (n - 1) % 26, (size_t)reps);
    out[reps] = '\0';
    return (size_t)reps;
}

/* The n-th of a fixed series of names (甲乙丙…); decimal outside it. */
static size_t fmt_series(int n, const char *const *names, int count, char *out, size_t cap)
{
    size_t len = 0;
    out[0] = '\0';
    if (n < 1 || n > count)
        return fmt_decimal(n, out, cap);
    cat(out, cap, &len, names[n - 1]);
    return len;
}

/* Each decimal digit as a full-width digit, or as 〇一二…九 (ideographDigital). */
static size_t fmt_digits(int n, int ideograph, char *out, size_t cap)
{
    static const uint32_t ideo[10] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
                                      0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};
    char dec[16];
    size_t len = 0;
    out[0] = '\0';
    if (n < 0)
        return fmt_decimal(n, out, cap);
    snprintf(dec, sizeof dec, "%d", n);
    for (const char *d = dec; *d; d++) {
        int k = *d - '0';
        len = put_cp(out, cap, len, ideograph ? ideo[k] : 0xFF10u + (uint32_t)k);
    }
    return len;
}

static size_t fmt_circle(int n, char *out, size_t cap)
{
    if (n >= 1 && n <= 20)
        return put_cp(out, cap, 0, 0x2460u + (uint32_t)(n - 1));
    return fmt_decimal(n, out, cap);
}

static size_t format_number(num_fmt f, int n, char *out, size_t cap)
{
    static const char *const stems[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
    static const char *const branches[] = {"子", "丑", "寅", "卯", "辰", "巳",
                                           "午", "未", "申", "酉", "戌", "亥"};
    out[0] = '\0';
    switch (f) {
    case F_NONE:
    case F_BULLET:
        return 0;
    case F_CHINESE:
    case F_CHINESE_LEGAL:
        return fmt_chinese(n, f == F_CHINESE_LEGAL, out, cap);
    case F_DIGITS:
    case F_FULLWIDTH:
        return fmt_digits(n, f == F_DIGITS, out, cap);
    case F_DECIMAL_ZERO:
        return fmt_decimal_zero(n, out, cap);
    case F_UPPER_LETTER:
    case F_LOWER_LETTER:
        return fmt_letter(n, f == F_UPPER_LETTER, out, cap);
    case F_UPPER_ROMAN:
    case F_LOWER_ROMAN:
        return fmt_roman(n, f == F_UPPER_ROMAN, out, cap);
    case F_CIRCLE:
        return fmt_circle(n, out, cap);
    case F_IDEOGRAPH:
        return fmt_series(n, stems, 10, out, cap);
    case F_ZODIAC:
        return fmt_series(n, branches, 12, out, cap);
    case F_DECIMAL:
        break;
    }
    return fmt_decimal(n, out, cap);
}

/* ---- loading the lists ---- */

static void load_level(num_level *l, const xmlNode *lvl)
{
    char v[40];
    l->start = (int)num_val(w_child(lvl, "start"), 1);
    l->fmt = (uint8_t)parse_fmt(attr(w_child(lvl, "numFmt"), "val", v, sizeof v));
    if (!attr(w_child(lvl, "lvlText"), "val", l->text, sizeof l->text))
        l->text[0] = '\0';
    const char *suff = attr(w_child(lvl, "suff"), "val", v, sizeof v);
    l->space = !suff || strcmp(suff, "nothing") != 0;
    l->legal = (uint8_t)prop_on(w_child(lvl, "isLgl"));
}

static void load_abstract(abstract_list *a, const xmlNode *n)
{
    a->id = attr_num(n, "abstractNumId", -1);
    for (int i = 0; i < NUM_LEVELS; i++)
        a->lvl[i].start = 1;
    for (const xmlNode *c = n->children; c; c = c->next) {
        long ilvl = attr_num(c, "ilvl", -1);
        if (is_w(c, "lvl") && ilvl >= 0 && ilvl < NUM_LEVELS)
            load_level(&a->lvl[ilvl], c);
    }
}

static void load_inst(list_inst *in, const xmlNode *n)
{
    in->id = attr_num(n, "numId", -1);
    in->abstract_id = num_val(w_child(n, "abstractNumId"), -1);
    for (int i = 0; i < NUM_LEVELS; i++)
        in->start[i] = -1;
    for (const xmlNode *c = n->children; c; c = c->next) {
        long ilvl = attr_num(c, "ilvl", -1);
        const xmlNode *so = w_child(c, "startOverride");
        if (is_w(c, "lvlOverride") && so && ilvl >= 0 && ilvl < NUM_LEVELS)
            in->start[ilvl] = (int)num_val(so, 0);
    }
}

static int by_id_abs(const void *a, const void *b)
{
    long x = ((const abstract_list *)a)->id, y = ((const abstract_list *)b)->id;
    return (x > y) - (x < y);
}

static int by_id_inst(const void *a, const void *b)
{
    long x = ((const list_inst *)a)->id, y = ((const list_inst *)b)->id;
    return (x > y) - (x < y);
}

static size_t count_children(const xmlNode *n, const char *name)
{
    size_t k = 0;
    for (const xmlNode *c = n->children; c && k < MAX_LISTS; c = c->next)
        k += is_w(c, name);
    return k;
}

static void *alloc_n(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        gk_oom();
    return p;
}

/* The abstract lists and list instances of word/numbering.xml, sorted by id. */
static void load_numbering(lists *L, const xmlNode *root)
{
    L->abs = alloc_n(count_children(root, "abstractNum"), sizeof *L->abs);
    L->inst = alloc_n(count_children(root, "num"), sizeof *L->inst);
    for (const xmlNode *c = root->children; c; c = c->next) {
        if (is_w(c, "abstractNum") && L->nabs < MAX_LISTS)
            load_abstract(&L->abs[L->nabs++], c);
        else if (is_w(c, "num") && L->ninst < MAX_LISTS)
            load_inst(&L->inst[L->ninst++], c);
    }
    qsort(L->abs, L->nabs, sizeof *L->abs, by_id_abs);
    qsort(L->inst, L->ninst, sizeof *L->inst, by_id_inst);
    for (size_t i = 0; i < L->ninst; i++) {
        abstract_list key = {.id = L->inst[i].abstract_id};
        L->inst[i].list = bsearch(&key, L->abs, L->nabs, sizeof *L->abs, by_id_abs);
    }
}

static void load_style(para_style *s, const xmlNode *n)
{
    const xmlNode *num = w_child(w_child(n, "pPr"), "numPr");
    if (!attr(n, "styleId", s->id, sizeof s->id))
        s->id[0] = '\0';
    if (!attr(w_child(n, "basedOn"), "val", s->based, sizeof s->based))
        s->based[0] = '\0';
    s->num_id = num_val(w_child(num, "numId"), -1);
    s->ilvl = num_val(w_child(num, "ilvl"), -1);
}

static int by_style_id(const void *a, const void *b)
{
    return strcmp(((const para_style *)a)->id, ((const para_style *)b)->id);
}

/* The paragraph styles of word/styles.xml, sorted by id. */
static void load_styles(lists *L, const xmlNode *root)
{
    char type[16];
    L->style = alloc_n(count_children(root, "style"), sizeof *L->style);
    for (const xmlNode *c = root->children; c && L->nstyle < MAX_LISTS; c = c->next) {
        const char *t = attr(c, "type", type, sizeof type);
        if (is_w(c, "style") && t && strcmp(t, "paragraph") == 0)
            load_style(&L->style[L->nstyle++], c);
    }
    qsort(L->style, L->nstyle, sizeof *L->style, by_style_id);
}

static void lists_free(lists *L)
{
    if (!L)
        return;
    free(L->abs);
    free(L->inst);
    free(L->style);
    free(L);
}

/* ---- numbering a paragraph ---- */

static const para_style *find_style(const lists *L, const char *id)
{
    para_style key;
    snprintf(key.id, sizeof key.id, "%s", id);
    return bsearch(&key, L->style, L->nstyle, sizeof *L->style, by_style_id);
}

/* The list instance and level numbering a paragraph (w:numPr, else its style's); NULL if none. */
static list_inst *para_list(const lists *L, const xmlNode *ppr, int *lvl)
{
    const xmlNode *np = w_child(ppr, "numPr");
    long num = num_val(w_child(np, "numId"), -1), ilvl = num_val(w_child(np, "ilvl"), -1);
    char sid[STYLE_ID];
    const char *s = attr(w_child(ppr, "pStyle"), "val", sid, sizeof sid);
    for (int hop = 0; s && hop < 16 && (num < 0 || ilvl < 0); hop++) {
        const para_style *st = find_style(L, s);
        if (!st)
            break;
        num = num < 0 ? st->num_id : num;
        ilvl = ilvl < 0 ? st->ilvl : ilvl;
        s = st->based[0] ? st->based : NULL;
    }
    if (num <= 0) /* numId 0 switches numbering off */
        return NULL;
    list_inst key = {.id = num};
    list_inst *in = bsearch(&key, L->inst, L->ninst, sizeof *L->inst, by_id_inst);
    *lvl = ilvl < 0 ? 0 : ilvl >= NUM_LEVELS ? NUM_LEVELS - 1 : (int)ilvl;
    return in && in->list ? in : NULL;
}

/* Advances the counter of level `lvl` and restarts the levels below it. */
static int next_count(list_inst *in, int lvl)
{
    abstract_list *a = in->list;
    if (in->start[lvl] >= 0 && !in->done[lvl]) {
        a->count[lvl] = in->start[lvl];
        in->done[lvl] = 1;
    } else if (!a->used[lvl]) {
        a->count[lvl] = a->lvl[lvl].start;
    } else if (a->count[lvl] < 1000000000) {
        a->count[lvl]++;
    }
    a->used[lvl] = 1;
    for (int k = lvl + 1; k < NUM_LEVELS; k++)
        a->used[k] = 0;
    return a->count[lvl];
}

/* Writes the label of a numbered paragraph ("三、", "（二）", "1.2") into out. */
static size_t make_label(list_inst *in, int lvl, char *out, size_t cap)
{
    const abstract_list *a = in->list;
    const num_level *l = &a->lvl[lvl];
    int n = next_count(in, lvl);
    size_t len = 0;
    out[0] = '\0';
    if (l->fmt == F_BULLET)
        return 0; /* a symbol, not text */
    for (const char *s = l->text; *s && len + 1 < cap; s++) {
        if (s[0] != '%' || s[1] < '1' || s[1] > '9') {
            out[len++] = *s;
            continue;
        }
        int k = *++s - '1';
        int v = k == lvl ? n : a->used[k] ? a->count[k] : a->lvl[k].start;
        len +=
            format_number(l->legal ? F_DECIMAL : (num_fmt)a->lvl[k].fmt, v, out + len, cap - len);
    }
    out[len] = '\0';
    return len;
}

/* Starts a paragraph's text with its list label, as Word shows it. */
static void put_label(walker *w, const xmlNode *ppr)
{
    int lvl;
    list_inst *in = w->lists ? para_list(w->lists, ppr, &lvl) : NULL;
    if (!in)
        return;
    char label[LVL_TEXT * 24];
    size_t n = make_label(in, lvl, label, sizeof label);
    put_text(w, label, n);
    if (n > 0 && in->list->lvl[lvl].space)
        put_text(w, " ", 1);
}

/* ---- the walk ---- */

static void walk_node(walker *w, const xmlNode *n, unsigned depth);

static void walk_children(walker *w, const xmlNode *parent, unsigned depth)
{
    for (const xmlNode *c = parent->children; c && w->st == GK_OK; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            walk_node(w, c, depth + 1);
}

static void walk_para(walker *w, const xmlNode *p, unsigned depth)
{
    end_line(w); /* text before a paragraph nested in this one (a text box) */
    put_label(w, w_child(p, "pPr"));
    walk_children(w, p, depth);
    end_line(w);
    field_codes_end(w);
}

static void walk_run(walker *w, const xmlNode *r, unsigned depth)
{
    int hide = prop_on(w_child(w_child(r, "rPr"), "vanish"));
    w->hidden += hide;
    walk_children(w, r, depth);
    w->hidden -= hide;
}

static void walk_text(walker *w, const xmlNode *t)
{
    for (const xmlNode *c = t->children; c; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            put_text(w, (const char *)c->content, strlen((const char *)c->content));
}

/* mc:AlternateContent: the first choice, or the fallback only when there is no choice. */
static void walk_alternate(walker *w, const xmlNode *alt, unsigned depth)
{
    const xmlNode *fallback = NULL;
    for (const xmlNode *c = alt->children; c; c = c->next) {
        elem k = classify(c);
        if (k == E_CHOICE) {
            walk_children(w, c, depth + 1);
            return;
        }
        if (k == E_FALLBACK && !fallback)
            fallback = c;
    }
    if (fallback)
        walk_children(w, fallback, depth + 1);
}

/* 1 if a table sits anywhere inside one of the cells below n. */
static int has_inner_table(const xmlNode *n, unsigned depth, int in_cell)
{
    if (depth > GK_MAX_NESTING)
        return 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        elem k = classify(c);
        if (k == E_SKIP || k == E_FALLBACK)
            continue;
        if (in_cell && k == E_TBL)
            return 1;
        if (has_inner_table(c, depth + 1, in_cell || k == E_TC))
            return 1;
    }
    return 0;
}

/* Whether a cell's properties mark it as covered by a merge that started before it. */
static int covered(const xmlNode *tcpr)
{
    char v[16];
    for (int i = 0; i < 2; i++) {
        const xmlNode *m = w_child(tcpr, i == 0 ? "vMerge" : "hMerge");
        if (!m)
            continue;
        const char *s = attr(m, "val", v, sizeof v);
        if (!s || strcmp(s, "restart") != 0)
            return 1;
    }
    return 0;
}

/* A column count (w:gridSpan, w:gridBefore), clamped to GK_MAX_ROW_CELLS with a note. */
static uint32_t columns(walker *w, const xmlNode *prop, long dflt)
{
    long n = num_val(prop, dflt);
    if (n <= (long)GK_MAX_ROW_CELLS)
        return (uint32_t)n;
    char zh[160], en[160];
    snprintf(zh, sizeof zh, "表格单元格跨 %ld 列，超过上限 %u，按 %u 列读取", n, GK_MAX_ROW_CELLS,
             GK_MAX_ROW_CELLS);
    snprintf(en, sizeof en, "a table cell spans %ld columns, more than %u; read as %u", n,
             GK_MAX_ROW_CELLS, GK_MAX_ROW_CELLS);
    limit_note(w, NOTE_SPAN, zh, en);
    return GK_MAX_ROW_CELLS;
}

static void cells_note(walker *w)
{
    char zh[160], en[160];
    snprintf(zh, sizeof zh, "表格行超过 %u 个单元格，其余单元格未读取", GK_MAX_ROW_CELLS);
    snprintf(en, sizeof en, "a table row has more than %u cells; the rest were not read",
             GK_MAX_ROW_CELLS);
    limit_note(w, NOTE_CELLS, zh, en);
}

/* One w:tc of a grid table: kept at its grid column unless a merge covers it. */
static void walk_cell(walker *w, const xmlNode *tc, unsigned depth)
{
    row_state *r = &w->row;
    if (++r->seen > GK_MAX_ROW_CELLS) {
        cells_note(w);
        return;
    }
    const xmlNode *pr = w_child(tc, "tcPr");
    uint32_t span = columns(w, w_child(pr, "gridSpan"), 1);
    if (!covered(pr)) {
        end_line(w);
        w->in_cell = 1;
        w->cell_start = r->text.len;
        walk_children(w, tc, depth);
        end_line(w);
        w->in_cell = 0;
        r->off[r->n] = w->cell_start;
        r->len[r->n] = r->text.len - w->cell_start;
        r->cols[r->n++] = r->col;
    }
    r->col += span ? span : 1;
}

/* The cells of a row, also inside content controls and custom XML wrapping them. */
static void walk_cells(walker *w, const xmlNode *n, unsigned depth)
{
    if (depth > GK_MAX_NESTING) {
        depth_note(w);
        return;
    }
    for (const xmlNode *c = n->children; c && w->st == GK_OK; c = c->next) {
        elem k = classify(c);
        if (k == E_TC)
            walk_cell(w, c, depth + 1);
        else if (k == E_OTHER || k == E_ALT || k == E_CHOICE)
            walk_cells(w, c, depth + 1);
    }
}

static void emit_row(walker *w)
{
    row_state *r = &w->row;
    const char *cells[GK_MAX_ROW_CELLS];
    for (uint32_t i = 0; i < r->n; i++)
        cells[i] = r->text.p ? r->text.p + r->off[i] : "";
    if (blocks_add_row(w->b, cells, r->len, r->cols, r->n, w->emitted + 1) < 0)
        w->st = reader_error(w->err, GK_ERR_LIMIT, "DOCX has too many paragraphs and table rows");
    else
        w->emitted++;
}

static void walk_row(walker *w, const xmlNode *tr, unsigned depth)
{
    const xmlNode *pr = w_child(tr, "trPr");
    if (w_child(pr, "del"))
        return; /* a row deleted with tracked changes */
    row_state *r = &w->row;
    r->col = 1 + columns(w, w_child(pr, "gridBefore"), 0);
    r->n = r->seen = 0;
    r->text.len = 0;
    walk_cells(w, tr, depth);
    if (r->n > 0 && w->st == GK_OK)
        emit_row(w);
}

/* The rows of a grid table, also inside content controls and custom XML wrapping them. */
static void walk_rows(walker *w, const xmlNode *n, unsigned depth)
{
    if (depth > GK_MAX_NESTING) {
        depth_note(w);
        return;
    }
    for (const xmlNode *c = n->children; c && w->st == GK_OK; c = c->next) {
        elem k = classify(c);
        if (k == E_TR)
            walk_row(w, c, depth + 1);
        else if (k == E_P || k == E_TBL)
            walk_node(w, c, depth + 1);
        else if (k == E_OTHER || k == E_ALT || k == E_CHOICE)
            walk_rows(w, c, depth + 1);
    }
}

static void walk_table(walker *w, const xmlNode *tbl, unsigned depth)
{
    end_line(w);
    if (w->in_cell)
        walk_children(w, tbl, depth); /* below the depth the layout check looks at */
    else if (has_inner_table(tbl, depth, 0))
        walk_children(w, tbl, depth); /* a layout table: its cells are ordinary content */
    else
        walk_rows(w, tbl, depth);
}

static void walk_node(walker *w, const xmlNode *n, unsigned depth)
{
    if (depth > GK_MAX_NESTING) {
        depth_note(w);
        return;
    }
    switch (classify(n)) {
    case E_P:
        walk_para(w, n, depth);
        break;
    case E_TBL:
        walk_table(w, n, depth);
        break;
    case E_R:
        walk_run(w, n, depth);
        break;
    case E_T:
        walk_text(w, n);
        break;
    case E_TAB:
        put_text(w, " ", 1);
        break;
    case E_BR:
        if (visible(w))
            end_line(w);
        break;
    case E_HYPHEN:
        put_text(w, "-", 1);
        break;
    case E_FLDCHAR:
        field_char(w, n);
        break;
    case E_ALT:
        walk_alternate(w, n, depth);
        break;
    case E_SKIP:
    case E_FALLBACK:
        break;
    default:
        walk_children(w, n, depth);
        break;
    }
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
    buf_free(&p->main);
    buf_free(&p->numbering);
    buf_free(&p->styles);
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

static void init_libxml(void)
{
    xmlInitParser();
}

/* Parses a part without network, DTD loading or entity substitution; NULL if damaged. */
static xmlDoc *parse_part(gk_blocks *b, const buf *xml, const char *name)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, init_libxml);
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
    return root && is_w(root, name) ? root : NULL;
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
        L = alloc_n(1, sizeof *L);
        load_numbering(L, root);
        xmlDoc *styles = p->styles.len ? parse_part(b, &p->styles, STYLES_PART) : NULL;
        const xmlNode *sroot = w_root(styles, "styles");
        L->style = sroot ? NULL : alloc_n(1, sizeof *L->style);
        if (sroot)
            load_styles(L, sroot);
        xmlFreeDoc(styles);
    }
    xmlFreeDoc(num);
    return L;
}

static gk_status walk_body(gk_blocks *b, const xmlNode *body, lists *L, gk_error *err)
{
    walker *w = alloc_n(1, sizeof *w);
    w->b = b;
    w->err = err;
    w->st = GK_OK;
    w->lists = L;
    walk_children(w, body, 0);
    end_line(w);
    gk_status st = w->st;
    buf_free(&w->line);
    buf_free(&w->row.text);
    free(w);
    return st;
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
    buf_free(&p.main);
    const xmlNode *root = w_root(doc, "document");
    const xmlNode *body = root ? w_child(root, "body") : NULL;
    gk_status st = GK_OK;
    if (body) {
        lists *L = read_lists(b, &p);
        st = walk_body(b, body, L, err);
        lists_free(L);
    } else if (doc) {
        damaged(b, 2, MAIN_PART " 中没有正文（w:body）", MAIN_PART " has no w:body", NULL);
    }
    parts_free(&p);
    xmlFreeDoc(doc);
    return st;
}
