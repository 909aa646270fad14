/*
 * docx_lists.c — DOCX list numbering: the lists of word/numbering.xml and the paragraph styles
 * of word/styles.xml, the number formats Word writes labels in (Chinese, legal Chinese,
 * roman, letters, circled, …), and the label of a numbered paragraph ("一、", "（二）",
 * "1.2"), counted as Word counts it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx_int.h"

#define NUM_LEVELS 9    /* levels of a list */
#define MAX_LISTS  4096 /* lists, list instances and paragraph styles kept */
#define STYLE_ID   64   /* bytes of a style id kept */

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
    l->start = (int)docx_num_val(docx_w_child(lvl, "start"), 1);
    l->fmt = (uint8_t)parse_fmt(docx_attr(docx_w_child(lvl, "numFmt"), "val", v, sizeof v));
    if (!docx_attr(docx_w_child(lvl, "lvlText"), "val", l->text, sizeof l->text))
        l->text[0] = '\0';
    const char *suff = docx_attr(docx_w_child(lvl, "suff"), "val", v, sizeof v);
    l->space = !suff || strcmp(suff, "nothing") != 0;
    l->legal = (uint8_t)docx_prop_on(docx_w_child(lvl, "isLgl"));
}

static void load_abstract(abstract_list *a, const xmlNode *n)
{
    a->id = docx_attr_num(n, "abstractNumId", -1);
    for (int i = 0; i < NUM_LEVELS; i++)
        a->lvl[i].start = 1;
    for (const xmlNode *c = n->children; c; c = c->next) {
        long ilvl = docx_attr_num(c, "ilvl", -1);
        if (docx_is_w(c, "lvl") && ilvl >= 0 && ilvl < NUM_LEVELS)
            load_level(&a->lvl[ilvl], c);
    }
}

static void load_inst(list_inst *in, const xmlNode *n)
{
    in->id = docx_attr_num(n, "numId", -1);
    in->abstract_id = docx_num_val(docx_w_child(n, "abstractNumId"), -1);
    for (int i = 0; i < NUM_LEVELS; i++)
        in->start[i] = -1;
    for (const xmlNode *c = n->children; c; c = c->next) {
        long ilvl = docx_attr_num(c, "ilvl", -1);
        const xmlNode *so = docx_w_child(c, "startOverride");
        if (docx_is_w(c, "lvlOverride") && so && ilvl >= 0 && ilvl < NUM_LEVELS)
            in->start[ilvl] = (int)docx_num_val(so, 0);
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
        k += docx_is_w(c, name);
    return k;
}

/* The abstract lists and list instances of word/numbering.xml, sorted by id. */
static void load_numbering(lists *L, const xmlNode *root)
{
    L->abs = docx_alloc_n(count_children(root, "abstractNum"), sizeof *L->abs);
    L->inst = docx_alloc_n(count_children(root, "num"), sizeof *L->inst);
    for (const xmlNode *c = root->children; c; c = c->next) {
        if (docx_is_w(c, "abstractNum") && L->nabs < MAX_LISTS)
            load_abstract(&L->abs[L->nabs++], c);
        else if (docx_is_w(c, "num") && L->ninst < MAX_LISTS)
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
    const xmlNode *num = docx_w_child(docx_w_child(n, "pPr"), "numPr");
    if (!docx_attr(n, "styleId", s->id, sizeof s->id))
        s->id[0] = '\0';
    if (!docx_attr(docx_w_child(n, "basedOn"), "val", s->based, sizeof s->based))
        s->based[0] = '\0';
    s->num_id = docx_num_val(docx_w_child(num, "numId"), -1);
    s->ilvl = docx_num_val(docx_w_child(num, "ilvl"), -1);
}

static int by_style_id(const void *a, const void *b)
{
    return strcmp(((const para_style *)a)->id, ((const para_style *)b)->id);
}

/* The paragraph styles of word/styles.xml, sorted by id. */
static void load_styles(lists *L, const xmlNode *root)
{
    char type[16];
    L->style = docx_alloc_n(count_children(root, "style"), sizeof *L->style);
    for (const xmlNode *c = root->children; c && L->nstyle < MAX_LISTS; c = c->next) {
        const char *t = docx_attr(c, "type", type, sizeof type);
        if (docx_is_w(c, "style") && t && strcmp(t, "paragraph") == 0)
            load_style(&L->style[L->nstyle++], c);
    }
    qsort(L->style, L->nstyle, sizeof *L->style, by_style_id);
}

/* The list definitions of word/numbering.xml and, if styles is not NULL, the paragraph styles. */
lists *docx_lists_load(const xmlNode *numbering, const xmlNode *styles)
{
    lists *L = docx_alloc_n(1, sizeof *L);
    load_numbering(L, numbering);
    L->style = styles ? NULL : docx_alloc_n(1, sizeof *L->style);
    if (styles)
        load_styles(L, styles);
    return L;
}

void docx_lists_free(lists *L)
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
    const xmlNode *np = docx_w_child(ppr, "numPr");
    long num = docx_num_val(docx_w_child(np, "numId"), -1),
         ilvl = docx_num_val(docx_w_child(np, "ilvl"), -1);
    char sid[STYLE_ID];
    const char *s = docx_attr(docx_w_child(ppr, "pStyle"), "val", sid, sizeof sid);
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
/* The label of a paragraph with properties ppr (counting it in its list); 0 if unnumbered. */
size_t docx_para_label(lists *L, const xmlNode *ppr, char *out, size_t cap, int *space)
{
    int lvl;
    list_inst *in = para_list(L, ppr, &lvl);
    if (!in)
        return 0;
    size_t n = make_label(in, lvl, out, cap);
    *space = in->list->lvl[lvl].space;
    return n;
}
