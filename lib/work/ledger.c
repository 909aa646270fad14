/*
 * ledger.c — the ledger reader (ledger.h): a CSV or XLSX ledger of disclosure requests becomes
 * records the store takes, with every problem found and line-numbered.
 *
 * The spreadsheet itself is read by the sheet readers (lib/read/sheet.h: csv.c decodes and
 * splits CSV, xlsx.c reads the first worksheet of a workbook); both hand their rows to one row
 * function here (take_row). This file maps them to records: the first row with a receipt-date
 * and an applicant-type heading is the heading row; each later row is parsed field by field
 * (dates, keys or labels from schema.h) and then checked with the rules of work.h exactly as
 * the import will write it.
 */
#include <gongkai/ledger.h>
#include <gongkai/schema.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include "../core/norm.h"
#include "../read/readers.h"
#include "../read/sheet.h"
#include "../report/labels.h"

#define HEADING_SCAN_ROWS 20 /* rows looked at for the heading row */
#define SHOWN_MAX         60 /* bytes of a cell value quoted in a message */
#define EVENT_NOTE        "台账第 %d 行导入 / imported from ledger line %d"
#define NOTE_SEP          "；备注 note: "
/* Bytes of an event note taken before the ledger's note: EVENT_NOTE with two line numbers of
 * up to 10 digits, then NOTE_SEP. */
#define NOTE_ROOM    (sizeof EVENT_NOTE - 1 - 4 + 2 * 10 + sizeof NOTE_SEP - 1)
#define PARTS_MAX    8     /* parts of a value split at separators */
#define OUTCOMES_MAX 32    /* outcome rows of T3 */
#define FILE_CHUNK   65536 /* bytes read from a ledger file at a time */

/* ---- the columns ---- */

enum {
    F_RECEIVED,
    F_TYPE,
    F_OUTCOME,
    F_CLOSED,
    F_NAME,
    F_CONTACT,
    F_REQUEST,
    F_CHANNEL,
    F_NOTE,
    F_NOTICE,
    F_CORRECTED,
    F_FEE,
    F_COUNT
};

#define VARIANTS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Each field's key heading and its Chinese headings, the preferred first: when a ledger has
 * two columns for one field (申请日期 and 收到日期), the earlier heading here is used. */
static const struct heading {
    const char *key, *zh;
    const char *const *variants;
} headings[F_COUNT] = {
    {"received", "收到日期",
     VARIANTS("收到日期", "收到申请日期", "收到时间", "收件日期", "申请日期", "申请时间",
              "受理日期", "登记日期")},
    {"applicant_type", "申请人类型",
     VARIANTS("申请人类型", "申请人类别", "申请主体类型", "申请人性质", "申请主体", "主体类型")},
    {"outcome", "办理结果",
     VARIANTS("办理结果", "答复结果", "处理结果", "答复类型", "办理结果类型", "答复情况",
              "办理情况")},
    {"closed", "办结日期",
     VARIANTS("办结日期", "答复日期", "办结时间", "答复时间", "回复日期", "结案日期",
              "办理完成日期")},
    {"applicant_name", "申请人",
     VARIANTS("申请人", "申请人姓名", "申请人名称", "申请人姓名或名称", "姓名或名称", "姓名")},
    {"applicant_contact", "联系方式",
     VARIANTS("联系方式", "联系电话", "联系地址", "通讯地址", "申请人联系方式")},
    {"request", "申请内容",
     VARIANTS("申请内容", "申请公开内容", "申请公开的内容", "申请公开的信息", "申请公开的政府信息",
              "所需信息", "所需政府信息", "所需信息的内容描述", "申请事项")},
    {"channel", "申请方式", VARIANTS("申请方式", "提交方式", "申请渠道", "收到方式", "申请途径")},
    {"note", "备注", VARIANTS("备注", "说明")},
    {"correction_notice", "补正告知日期", VARIANTS("补正告知日期", "补正通知日期", "告知补正日期")},
    {"corrected", "收到补正日期", VARIANTS("收到补正日期", "补正日期", "补正后收到日期")},
    {"fee_notice", "收费通知日期", VARIANTS("收费通知日期", "缴费通知日期")},
};

/* ---- the ledger ---- */

struct gk_ledger {
    arena mem;
    gk_ledger_row *rows;
    size_t nrows, caprows;
    gk_ledger_problem *probs;
    size_t nprobs, capprobs, total;
    const char *format, *encoding, *headings;
    int heading_line;
    const char **ignored;
    size_t nignored, capignored;
};

/* An outcome row of T3: its key (without "t3."), labels and group label (matching form). */
typedef struct outcome_def {
    const char *key;
    const row_label *labels;
    const char *group; /* 不予公开 …, or NULL */
} outcome_def;

typedef sheet_cell cell;

typedef struct reader {
    gk_ledger *L;
    gk_date today;
    sheet_info info;  /* the encoding of a CSV, the date system of an XLSX */
    int header_done;  /* the heading row was found */
    int scanned;      /* non-blank rows looked at for it */
    int first_line;   /* the first non-blank row */
    int stopped;      /* no further rows are read (no heading, too many rows) */
    int col[F_COUNT]; /* the column of each field, -1 if none */
    const char *heading[F_COUNT];
    outcome_def outs[OUTCOMES_MAX];
    int nouts;
    arena tmp;          /* per row */
    gk_application app; /* the row as the store gets it, for the rules */
    gk_event ev[GK_LEDGER_EVENTS_MAX];
} reader;

static void *xrealloc(void *p, size_t n, size_t size)
{
    p = realloc(p, (n ? n : 1) * size);
    if (!p)
        gk_oom();
    return p;
}

/* ---- problems ---- */

/* Removes a character cut short at the end of the UTF-8 text s (by a truncating snprintf). */
static void cut_partial_char(char *s)
{
    size_t n = strlen(s), i = n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return;
    unsigned char lead = (unsigned char)s[i - 1];
    size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (n - (i - 1) < want)
        s[i - 1] = '\0';
}

__attribute__((format(printf, 3, 4))) static void problem(reader *r, int line, const char *fmt, ...)
{
    gk_ledger *L = r->L;
    L->total++;
    if (L->nprobs == GK_LEDGER_PROBLEMS_MAX)
        return;
    if (L->nprobs == L->capprobs) {
        L->capprobs = L->capprobs ? L->capprobs * 2 : 16;
        L->probs = xrealloc(L->probs, L->capprobs, sizeof *L->probs);
    }
    gk_ledger_problem *p = &L->probs[L->nprobs++];
    p->line = line;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(p->msg, sizeof p->msg, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof p->msg)
        cut_partial_char(p->msg);
}

/* s cut to SHOWN_MAX bytes at a character boundary, with "…" when cut, in buf. */
static const char *shown(const char *s, char buf[SHOWN_MAX + 4])
{
    size_t n = strlen(s);
    if (n <= SHOWN_MAX)
        return s;
    n = SHOWN_MAX;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    snprintf(buf, SHOWN_MAX + 4, "%.*s…", (int)n, s);
    return buf;
}

/* ---- text ---- */

/* The matching form (norm.h) of s in the row's scratch arena. */
static char *match_form(reader *r, const char *s)
{
    uint32_t len;
    return norm_text(&r->tmp, s, strlen(s), &len, NULL);
}

static int is_numeral(const char *p, size_t *k)
{
    static const char *const cn[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    if (*p >= '0' && *p <= '9')
        return *k = 1, 1;
    for (size_t i = 0; i < sizeof cn / sizeof cn[0]; i++)
        if (strncmp(p, cn[i], 3) == 0)
            return *k = 3, 1;
    return 0;
}

/* s without leading numbering as printed before labels: "(一)", "一、", "1.", "1、", "(1)". */
static const char *strip_numbering(const char *s)
{
    const char *p = s + (*s == '(');
    size_t k, n = 0;
    while (is_numeral(p, &k))
        p += k, n++;
    if (n == 0)
        return s;
    if (*s == '(')
        return *p == ')' ? p + 1 : s;
    if (*p == '.' || *p == ')')
        return p + 1;
    return strncmp(p, "、", 3) == 0 ? p + 3 : s;
}

/* Bytes of the separator at p (between a group and its item: "不予公开—属于国家秘密"), or 0. */
static size_t separator(const char *p)
{
    static const char *const seps[] = {"、", "—", "–", "【", "】", "·", "》", "《"};
    if (*p && strchr("-/:,;()[]|+_", *p))
        return 1;
    for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++)
        if (strncmp(p, seps[i], strlen(seps[i])) == 0)
            return strlen(seps[i]);
    return 0;
}

/* Splits s (matching form) at separators into at most PARTS_MAX parts, each without leading
 * numbering, in the scratch arena; returns how many. */
static int split_parts(reader *r, const char *s, const char *parts[PARTS_MAX])
{
    int n = 0;
    const char *start = s;
    for (const char *p = s;; p++) {
        size_t k = *p ? separator(p) : 1;
        if (!k)
            continue;
        if (p > start && n < PARTS_MAX) {
            const char *part = strip_numbering(arena_strndup(&r->tmp, start, (size_t)(p - start)));
            if (*part)
                parts[n++] = part;
        }
        if (!*p)
            return n;
        p += k - 1;
        start = p + 1;
    }
}

/* ---- values ---- */

static int digits(const char **p, int min, int max, int *out)
{
    int n = 0, v = 0;
    while (**p >= '0' && **p <= '9' && n < max)
        v = v * 10 + (*(*p)++ - '0'), n++;
    *out = v;
    return n >= min && !(**p >= '0' && **p <= '9');
}

/* A date as text: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305, each optionally
 * followed by a time of day. */
static int parse_date_text(const char *s, gk_date *out)
{
    const char *p = s;
    int y, m, d;
    if (strspn(s, "0123456789") == 8) {
        y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        m = (s[4] - '0') * 10 + (s[5] - '0');
        d = (s[6] - '0') * 10 + (s[7] - '0');
        p = s + 8;
    } else {
        int cn = 0;
        if (!digits(&p, 4, 4, &y))
            return -1;
        char sep = *p;
        if (strncmp(p, "年", 3) == 0)
            cn = 1, p += 3;
        else if (sep == '-' || sep == '/' || sep == '.')
            p++;
        else
            return -1;
        if (!digits(&p, 1, 2, &m))
            return -1;
        if (cn ? strncmp(p, "月", 3) != 0 : *p != sep)
            return -1;
        p += cn ? 3 : 1;
        if (!digits(&p, 1, 2, &d))
            return -1;
        if (cn && strncmp(p, "日", 3) == 0)
            p += 3;
    }
    if (*p && *p != ' ' && *p != 'T')
        return -1;
    if (*p && p[1 + strspn(p + 1, "0123456789:. ")] != '\0')
        return -1; /* a time of day is all that may follow */
    *out = gk_date_from_ymd(y, m, d);
    return *out == GK_DATE_NONE ? -1 : 0;
}

/* A number cell of XLSX in a date column: an Excel serial day (1 = 1900-01-01 in the 1900
 * system, which counts a 29 February 1900 that never was; 0 = 1904-01-01 in the 1904 system),
 * or a date typed as the number 20240305. */
static int parse_date_serial(const reader *r, const char *s, gk_date *out)
{
    char *end;
    double v = strtod(s, &end);
    if (*end || !(v >= 0 && v < 100000000))
        return -1;
    long n = (long)v;
    if (n >= 19000101) {
        char buf[24];
        snprintf(buf, sizeof buf, "%ld", n);
        return parse_date_text(buf, out);
    }
    if (!r->info.date1904 && (n == 60 || n < 1))
        return -1; /* 1900-02-29, or day 0 */
    gk_date base = r->info.date1904 ? gk_date_from_ymd(1904, 1, 1)
                   : n < 60         ? gk_date_from_ymd(1900, 1, 1) - 1
                                    : gk_date_from_ymd(1900, 3, 1) - 61;
    *out = base + (gk_date)n;
    return *out > gk_date_from_ymd(9999, 12, 31) ? -1 : 0;
}

static int parse_date(const reader *r, const cell *c, gk_date *out)
{
    return c->num ? parse_date_serial(r, c->s, out) : parse_date_text(c->s, out);
}

static const gk_table_def *t3(void)
{
    return gk_schema_table(GK_T3, GK_FORMAT_2021);
}

/* The applicant type of a value: a key, a T3 column label, or a label among parts
 * ("法人或其他组织—商业企业"); the static key, or NULL. */
static const char *parse_applicant(reader *r, const char *raw)
{
    const gk_table_def *t = t3();
    const gk_block_def *b = &t->blocks[0];
    const char *m = match_form(r, raw), *parts[PARTS_MAX + 1];
    int n = split_parts(r, m, parts);
    parts[n++] = m;
    const char *found = NULL;
    for (int c = 0; c < b->ncols; c++) {
        if (b->cols[c].is_total)
            continue;
        if (strcmp(raw, b->cols[c].key) == 0)
            return b->cols[c].key;
        for (int i = 0; i < n; i++)
            for (gk_labels l = b->cols[c].labels; *l; l++) {
                if (strcmp(parts[i], *l) != 0)
                    continue;
                if (found && found != b->cols[c].key)
                    return NULL; /* two types named */
                found = b->cols[c].key;
            }
    }
    return found;
}

/* The outcome rows of the 2021 T3 with their labels, in the reader. */
static void outcomes_init(reader *r)
{
    const gk_table_def *t = t3();
    const row_label *const *labels = labels_of_table(t);
    for (int i = 0; i < t->nrows && r->nouts < OUTCOMES_MAX; i++) {
        const gk_row_def *row = &t->rows[i];
        if (strncmp(row->key, "t3.", 3) != 0 || !gk_outcome_valid(row->key + 3))
            continue;
        outcome_def *o = &r->outs[r->nouts++];
        o->key = row->key + 3;
        o->labels = labels[i];
        o->group = NULL;
        if (row->group) {
            uint32_t len;
            o->group =
                strip_numbering(norm_text(&r->L->mem, row->group, strlen(row->group), &len, NULL));
        }
    }
}

static int label_is(const outcome_def *o, const char *s)
{
    for (const row_label *l = o->labels; l->text; l++)
        if (strcmp(l->text, s) == 0)
            return 1;
    return 0;
}

static int is_group(const reader *r, const char *s)
{
    for (int i = 0; i < r->nouts; i++)
        if (r->outs[i].group && strcmp(r->outs[i].group, s) == 0)
            return 1;
    return 0;
}

enum { OUT_OK = 0, OUT_UNKNOWN = -1, OUT_GROUP = -2, OUT_AMBIGUOUS = -3 };

/* The outcome named by parts: the one row whose label is a part, in the group a part names. */
static int outcome_from_parts(reader *r, const char *const *parts, int n, const outcome_def **out)
{
    const char *group = NULL;
    const outcome_def *found = NULL;
    for (int i = 0; i < n; i++) {
        if (is_group(r, parts[i]))
            group = parts[i];
        for (int k = 0; k < r->nouts; k++)
            if (label_is(&r->outs[k], parts[i])) {
                if (found && found != &r->outs[k])
                    return OUT_AMBIGUOUS;
                found = &r->outs[k];
            }
    }
    if (found && group && (!found->group || strcmp(found->group, group) != 0))
        return OUT_AMBIGUOUS;
    *out = found;
    return found ? OUT_OK : group ? OUT_GROUP : OUT_UNKNOWN;
}

/* Removes the first occurrence of `what` from s (in place); 1 if it was there. */
static int cut(char *s, const char *what)
{
    char *at = what ? strstr(s, what) : NULL;
    if (!at)
        return 0;
    size_t n = strlen(what);
    memmove(at, at + n, strlen(at + n) + 1);
    return 1;
}

/* 1 if s holds nothing but separators. */
static int only_separators(const char *s)
{
    for (size_t k; *s; s += k)
        if (!(k = separator(s)))
            return 0;
    return 1;
}

/* The outcome whose label, with or without its group's, is all the text holds but for
 * separators, in any order ("属于国家秘密不予公开"); never a label within other words
 * ("部分予以公开" is not 予以公开). */
static int outcome_within(reader *r, const char *m, const outcome_def **out)
{
    char *rest = arena_strdup(&r->tmp, m);
    for (int k = 0; k < r->nouts; k++)
        for (const row_label *l = r->outs[k].labels; l->text; l++) {
            memcpy(rest, m, strlen(m) + 1);
            if (utf8_count(l->text, l->len) < 4 || !cut(rest, l->text))
                continue;
            cut(rest, r->outs[k].group);
            if (only_separators(rest)) {
                *out = &r->outs[k];
                return OUT_OK;
            }
        }
    return OUT_UNKNOWN;
}

/* 1 if key is a group of outcome rows ("refuse", "unable", "ignore", "other"). */
static int is_group_key(const reader *r, const char *key)
{
    size_t n = strlen(key);
    for (int i = 0; i < r->nouts && n; i++)
        if (strncmp(r->outs[i].key, key, n) == 0 && r->outs[i].key[n] == '.')
            return 1;
    return 0;
}

/* The outcome of a value: a key ("grant", "t3.refuse.third_party"), "withdrawal", a T3 row
 * label with its variants, a group and an item ("不予公开—属于国家秘密"), or text containing one
 * label; a withdrawal (撤回) closes as other.other. OUT_GROUP for a group alone. */
static int parse_outcome(reader *r, const char *raw, const char **key, gk_event_kind *kind)
{
    const char *k = strncmp(raw, "t3.", 3) == 0 ? raw + 3 : raw;
    *kind = GK_EV_REPLY;
    const char *m = strip_numbering(match_form(r, raw));
    if (strcmp(raw, "withdrawal") == 0 || strcmp(raw, "withdrawn") == 0 || strstr(m, "撤回")) {
        *kind = GK_EV_WITHDRAWAL;
        *key = GK_OUTCOME_WITHDRAWN;
        return OUT_OK;
    }
    const outcome_def *o = NULL;
    for (int i = 0; i < r->nouts && !o; i++)
        if (strcmp(r->outs[i].key, k) == 0 || label_is(&r->outs[i], m))
            o = &r->outs[i];
    const char *parts[PARTS_MAX];
    int rc = o ? OUT_OK : outcome_from_parts(r, parts, split_parts(r, m, parts), &o);
    if (rc == OUT_UNKNOWN && (is_group(r, m) || is_group_key(r, k)))
        rc = OUT_GROUP;
    if (rc == OUT_UNKNOWN)
        rc = outcome_within(r, m, &o);
    if (rc == OUT_OK)
        *key = o->key;
    return rc;
}

/* The channel of a value: its key or label (work.h), or a common wording. */
static int parse_channel(reader *r, const char *raw, gk_channel *out)
{
    static const struct {
        const char *word;
        gk_channel ch;
    } words[] = {
        {"当面", GK_CHANNEL_IN_PERSON}, {"现场", GK_CHANNEL_IN_PERSON},
        {"窗口", GK_CHANNEL_IN_PERSON}, {"电子邮件", GK_CHANNEL_EMAIL},
        {"邮箱", GK_CHANNEL_EMAIL},     {"email", GK_CHANNEL_EMAIL},
        {"e-mail", GK_CHANNEL_EMAIL},   {"邮寄", GK_CHANNEL_POST},
        {"信函", GK_CHANNEL_POST},      {"邮政", GK_CHANNEL_POST},
        {"来信", GK_CHANNEL_POST},      {"传真", GK_CHANNEL_FAX},
        {"在线", GK_CHANNEL_ONLINE},    {"网上", GK_CHANNEL_ONLINE},
        {"网络", GK_CHANNEL_ONLINE},    {"互联网", GK_CHANNEL_ONLINE},
        {"网站", GK_CHANNEL_ONLINE},    {"平台", GK_CHANNEL_ONLINE},
        {"其他", GK_CHANNEL_OTHER},
    };
    if (gk_channel_parse(raw, out) == 0)
        return 0;
    const char *m = match_form(r, raw);
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strstr(m, words[i].word)) {
            *out = words[i].ch;
            return 0;
        }
    return -1;
}

/* ---- the heading row ---- */

/* The field a heading names (its matching form without a bracketed or starred remark:
 * "收到日期（必填）", "*申请人类型"), or -1; *rank is its place among the field's headings. */
static int field_of(reader *r, const char *heading, int *rank)
{
    char *m = match_form(r, heading);
    char *br = strchr(m, '(');
    if (br && br != m)
        *br = '\0';
    size_t n = strlen(m);
    while (n > 0 && strchr("*:", m[n - 1]))
        m[--n] = '\0';
    while (*m == '*')
        m++;
    for (char *p = m; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    for (int f = 0; f < F_COUNT; f++) {
        if (strcmp(m, headings[f].key) == 0)
            return *rank = 0, f;
        for (int i = 0; headings[f].variants[i]; i++)
            if (strcmp(m, headings[f].variants[i]) == 0)
                return *rank = i + 1, f;
    }
    return -1;
}

static void ignore_heading(reader *r, const char *h)
{
    gk_ledger *L = r->L;
    if (!*h)
        return;
    if (L->nignored == L->capignored) {
        L->capignored = L->capignored ? L->capignored * 2 : 8;
        L->ignored = xrealloc(L->ignored, L->capignored, sizeof *L->ignored);
    }
    L->ignored[L->nignored++] = arena_strdup(&L->mem, h);
}

static int is_heading_row(reader *r, const cell *c, size_t n)
{
    int rank, has_received = 0, has_type = 0;
    for (size_t i = 0; i < n; i++) {
        int f = field_of(r, c[i].s, &rank);
        has_received |= f == F_RECEIVED;
        has_type |= f == F_TYPE;
    }
    return has_received && has_type;
}

static void take_headings(reader *r, int line, const cell *c, size_t n)
{
    int rank[F_COUNT] = {0};
    for (size_t i = 0; i < n; i++) {
        int k, f = field_of(r, c[i].s, &k);
        if (f >= 0 && (r->col[f] < 0 || k < rank[f])) {
            if (r->col[f] >= 0)
                ignore_heading(r, r->heading[f]);
            r->col[f] = (int)i;
            rank[f] = k;
            r->heading[f] = arena_strdup(&r->L->mem, c[i].s);
        } else {
            ignore_heading(r, c[i].s);
        }
    }
    r->header_done = 1;
    r->L->heading_line = line;
    r->L->headings = rank[F_RECEIVED] == 0 ? "keys" : "zh";
    if ((r->col[F_OUTCOME] < 0) != (r->col[F_CLOSED] < 0))
        problem(r, line,
                "有“%s”列而没有“%s”列：办结的申请需要两者 / a %s column needs a %s column too",
                r->col[F_OUTCOME] < 0 ? r->heading[F_CLOSED] : r->heading[F_OUTCOME],
                headings[r->col[F_OUTCOME] < 0 ? F_OUTCOME : F_CLOSED].zh,
                r->col[F_OUTCOME] < 0 ? "closed" : "outcome",
                r->col[F_OUTCOME] < 0 ? "outcome" : "closed");
}

/* ---- a record ---- */

/* The trimmed text of a field's cell ("" if the ledger has no such column), in the scratch
 * arena; *num set for a number cell. */
static const char *field(reader *r, const cell *c, size_t n, int f, int *num)
{
    int i = r->col[f];
    if (num)
        *num = 0;
    if (i < 0 || (size_t)i >= n)
        return "";
    size_t len = strlen(c[i].s);
    const char *s = trim_space(c[i].s, &len);
    if (num)
        *num = c[i].num;
    return arena_strndup(&r->tmp, s, len);
}

/* A date field; GK_DATE_NONE if empty, and a problem if it is not a date. */
static gk_date date_field(reader *r, int line, const cell *c, size_t n, int f)
{
    cell v;
    char buf[SHOWN_MAX + 4];
    v.s = field(r, c, n, f, &v.num);
    gk_date d = GK_DATE_NONE;
    if (*v.s && parse_date(r, &v, &d) < 0)
        problem(r, line,
                "%s“%s”不是有效日期（应为存在的日期，如 2024-03-05）/ %s '%s' is not a valid date",
                r->heading[f], shown(v.s, buf), headings[f].key, shown(v.s, buf));
    return d;
}

/* A text field copied into the ledger, line breaks and tabs made spaces unless multiline; a
 * problem if longer than cap bytes. */
static const char *text_field(reader *r, int line, const cell *c, size_t n, int f, size_t cap,
                              int multiline)
{
    const char *s = field(r, c, n, f, NULL);
    if (strlen(s) > cap) {
        problem(r, line, "%s 超过 %zu 字节 / %s is longer than %zu bytes", r->heading[f], cap,
                headings[f].key, cap);
        return "";
    }
    char *copy = arena_strdup(&r->L->mem, s);
    for (char *p = copy; !multiline && *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    return copy;
}

static void applicant_field(reader *r, int line, const cell *c, size_t n, gk_ledger_row *row)
{
    char buf[SHOWN_MAX + 4];
    const char *s = field(r, c, n, F_TYPE, NULL);
    if (!*s) {
        problem(r, line, "缺少%s / no applicant_type", r->heading[F_TYPE]);
        return;
    }
    row->applicant_type = parse_applicant(r, s);
    if (!row->applicant_type)
        problem(r, line,
                "%s“%s”未知：应为 自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他 "
                "之一 / unknown applicant_type '%s': np, biz, research, ngo, legal or other_org",
                r->heading[F_TYPE], shown(s, buf), shown(s, buf));
}

static void outcome_field(reader *r, int line, const cell *c, size_t n, gk_ledger_row *row)
{
    char buf[SHOWN_MAX + 4];
    const char *s = field(r, c, n, F_OUTCOME, NULL), *key = NULL;
    if (!*s)
        return;
    int rc = parse_outcome(r, s, &key, &row->closed_by);
    const char *h = r->heading[F_OUTCOME];
    if (rc == OUT_OK)
        row->outcome = key;
    else if (rc == OUT_GROUP)
        problem(r, line,
                "%s“%s”须写明具体情形（如“不予公开—保护第三方合法权益”）/ outcome '%s' needs "
                "its row, e.g. refuse.third_party (docs/ledger.md)",
                h, shown(s, buf), shown(s, buf));
    else if (rc == OUT_AMBIGUOUS)
        problem(r, line, "%s“%s”含有多个办理结果 / outcome '%s' names more than one T3 row", h,
                shown(s, buf), shown(s, buf));
    else
        problem(r, line,
                "%s“%s”未知：应为年报表三的办理结果（予以公开、部分公开、不予公开—属于国家秘密 "
                "…）或其键 / unknown outcome '%s': a T3 outcome row key (grant, partial, "
                "refuse.third_party …) or its label",
                h, shown(s, buf), shown(s, buf));
}

static void channel_field(reader *r, int line, const cell *c, size_t n, gk_ledger_row *row)
{
    char buf[SHOWN_MAX + 4];
    const char *s = field(r, c, n, F_CHANNEL, NULL);
    row->channel = GK_CHANNEL_OTHER;
    if (*s && parse_channel(r, s, &row->channel) < 0)
        problem(r, line,
                "%s“%s”未知：应为 当面、邮寄、传真、互联网在线、电子邮件、其他 之一 / unknown "
                "channel '%s': in_person, post, fax, online, email or other",
                r->heading[F_CHANNEL], shown(s, buf), shown(s, buf));
}

/* The text fields; an open row's note goes into its request (it has no event to carry it). */
static void text_fields(reader *r, int line, const cell *c, size_t n, gk_ledger_row *row)
{
    row->applicant_name = text_field(r, line, c, n, F_NAME, GK_NAME_MAX, 0);
    row->applicant_contact = text_field(r, line, c, n, F_CONTACT, GK_CONTACT_MAX, 0);
    row->request = text_field(r, line, c, n, F_REQUEST, GK_REQUEST_MAX, 1);
    row->note = text_field(r, line, c, n, F_NOTE, GK_NOTE_MAX - NOTE_ROOM, 1);
    if (!*row->applicant_name)
        row->applicant_name = GK_LEDGER_NOT_RECORDED;
    if (!*row->request)
        row->request = GK_LEDGER_NOT_RECORDED;
}

/* Checks the row with the store's rules, as gk_store_app_add and gk_store_event_add will. */
static void check_rules(reader *r, const gk_ledger_row *row)
{
    gk_error err = {GK_OK, ""};
    gk_ledger_row_application(row, 1, &r->app);
    if (row->outcome == NULL && *row->note &&
        strlen(row->request) + strlen(row->note) + 16 > GK_REQUEST_MAX) {
        problem(r, row->line,
                "申请内容加备注超过 %d 字节 / request and note are longer than %d "
                "bytes",
                GK_REQUEST_MAX, GK_REQUEST_MAX);
        return;
    }
    if (gk_app_check(&r->app, r->today, &err) != GK_OK) {
        problem(r, row->line, "%s", err.msg);
        return;
    }
    size_t n = gk_ledger_row_events(row, r->ev);
    if (gk_event_log_check(&r->app, r->ev, n, r->today, &err) != GK_OK)
        problem(r, row->line, "%s", err.msg);
}

static void take_record(reader *r, int line, const cell *c, size_t n)
{
    gk_ledger_row row;
    memset(&row, 0, sizeof row);
    row.line = line;
    row.closed_by = GK_EV_REPLY;
    size_t before = r->L->total;
    row.received = date_field(r, line, c, n, F_RECEIVED);
    if (row.received == GK_DATE_NONE && !*field(r, c, n, F_RECEIVED, NULL))
        problem(r, line, "缺少%s / no received date", r->heading[F_RECEIVED]);
    applicant_field(r, line, c, n, &row);
    outcome_field(r, line, c, n, &row);
    row.closed = date_field(r, line, c, n, F_CLOSED);
    int has_closed = *field(r, c, n, F_CLOSED, NULL) != '\0';
    if (row.outcome && !has_closed)
        problem(r, line, "有办理结果而没有办结日期 / an outcome without a closed date");
    if (!*field(r, c, n, F_OUTCOME, NULL) && has_closed)
        problem(r, line, "有办结日期而没有办理结果 / a closed date without an outcome");
    channel_field(r, line, c, n, &row);
    row.correction_notice = date_field(r, line, c, n, F_NOTICE);
    row.corrected = date_field(r, line, c, n, F_CORRECTED);
    row.fee_notice = date_field(r, line, c, n, F_FEE);
    text_fields(r, line, c, n, &row);
    if (r->L->total != before)
        return;
    check_rules(r, &row);
    if (r->L->total != before)
        return;
    gk_ledger *L = r->L;
    if (L->nrows == L->caprows) {
        L->caprows = L->caprows ? L->caprows * 2 : 64;
        L->rows = xrealloc(L->rows, L->caprows, sizeof *L->rows);
    }
    L->rows[L->nrows++] = row;
}

static int blank_row(const cell *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(c[i].s);
        trim_space(c[i].s, &len);
        if (len)
            return 0;
    }
    return 1;
}

/* One row of the sheet, from either container: the heading row, a record, or skipped. */
static void take_sheet_row(reader *r, int line, const cell *c, size_t n)
{
    if (blank_row(c, n))
        return;
    if (r->header_done) {
        if (r->L->nrows + r->L->total >= GK_LEDGER_ROWS_MAX) {
            problem(r, line, "台账超过 %d 条记录 / the ledger has more than %d records",
                    GK_LEDGER_ROWS_MAX, GK_LEDGER_ROWS_MAX);
            r->stopped = 1;
            return;
        }
        take_record(r, line, c, n);
    } else if (is_heading_row(r, c, n)) {
        take_headings(r, line, c, n);
    } else {
        if (!r->first_line)
            r->first_line = line;
        if (++r->scanned == HEADING_SCAN_ROWS)
            r->stopped = 1;
    }
}

/* A row the sheet reader passed without its cells: the cap it is past. */
static void row_past_limit(reader *r, const sheet_row *row)
{
    if (row->limit == SHEET_TOO_WIDE)
        problem(r, row->line, "一行超过 %d 列 / more than %d columns", SHEET_COLS_MAX,
                SHEET_COLS_MAX);
    else if (row->limit == SHEET_CELL_TOO_LONG)
        problem(r, row->line, "有单元格超过 %d 字节 / a cell is longer than %d bytes",
                SHEET_CELL_MAX, SHEET_CELL_MAX);
    else
        problem(r, row->line, "表格超过 %d 行，其后未读 / more than %d rows: the rest is not read",
                SHEET_ROWS_MAX, SHEET_ROWS_MAX);
}

/* The sheet readers' callback (sheet_row_fn): 1 once no further row is wanted. */
static int take_row(void *ctx, const sheet_row *row)
{
    reader *r = ctx;
    arena_free(&r->tmp);
    arena_init(&r->tmp);
    if (row->limit != SHEET_WITHIN)
        row_past_limit(r, row);
    else
        take_sheet_row(r, row->line, row->cells, row->n);
    return r->stopped;
}

/* ---- the API ---- */

static gk_status read_content(reader *r, const char *data, size_t len, gk_error *err)
{
    if (len >= 4 && memcmp(data, "PK\3\4", 4) == 0) {
        r->L->format = "xlsx";
        return sheet_read_xlsx(data, len, take_row, r, &r->info, err);
    }
    if (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return reader_error(err, GK_ERR_INVALID_ARG,
                            "旧版 Excel（.xls）格式不能读取，请另存为 .xlsx 或 CSV / an old binary "
                            ".xls workbook: save it as .xlsx or CSV");
    gk_status st = sheet_read_csv(data, len, take_row, r, &r->info, err);
    if (st == GK_OK) {
        r->L->format = "csv";
        r->L->encoding = r->info.encoding;
    }
    return st;
}

gk_status gk_ledger_read(const char *data, size_t len, const char *name, gk_date today,
                         gk_ledger **out, gk_error *err)
{
    gk_error local;
    if (!err)
        err = &local;
    *out = NULL;
    (void)name;
    if (len > GK_MAX_INPUT_BYTES)
        return reader_error(err, GK_ERR_LIMIT,
                            "台账文件超过 32 MiB / the ledger is larger than 32 MiB");
    gk_ledger *L = calloc(1, sizeof *L);
    reader *r = calloc(1, sizeof *r);
    if (!L || !r)
        gk_oom();
    arena_init(&L->mem);
    arena_init(&r->tmp);
    r->L = L;
    r->today = today;
    for (int f = 0; f < F_COUNT; f++) {
        r->col[f] = -1;
        r->heading[f] = headings[f].zh;
    }
    outcomes_init(r);
    gk_status st = read_content(r, data ? data : "", data ? len : 0, err);
    if (st == GK_OK && !r->header_done)
        problem(r, r->first_line ? r->first_line : 1,
                "找不到表头行：需要“收到日期”和“申请人类型”列（或 received, applicant_type），见 "
                "docs/ledger.md / no heading row with a received date and an applicant type "
                "column");
    arena_free(&r->tmp);
    free(r);
    if (st != GK_OK) {
        gk_ledger_free(L);
        return st;
    }
    *out = L;
    return GK_OK;
}

/* GK_ERR_IO with what failed and the system's reason. */
static gk_status io_error(gk_error *err, const char *what)
{
    char msg[256];
    snprintf(msg, sizeof msg, "%s: %s", what, strerror(errno));
    return reader_error(err, GK_ERR_IO, msg);
}

gk_status gk_ledger_read_file(const char *path, gk_date today, gk_ledger **out, gk_error *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return io_error(err, "无法打开台账文件 / cannot open the ledger file");
    char *data = NULL;
    size_t len = 0, cap = 0, got;
    gk_status st = GK_OK;
    do {
        if (cap - len < FILE_CHUNK)
            data = xrealloc(data, cap = cap * 2 + FILE_CHUNK, 1);
        got = fread(data + len, 1, FILE_CHUNK, f);
        len += got;
        if (len > GK_MAX_INPUT_BYTES)
            st = reader_error(err, GK_ERR_LIMIT,
                              "台账文件超过 32 MiB / the ledger is larger than 32 MiB");
    } while (st == GK_OK && got == FILE_CHUNK);
    if (ferror(f) && st == GK_OK)
        st = io_error(err, "无法读取台账文件 / cannot read the ledger file");
    fclose(f);
    if (st == GK_OK)
        st = gk_ledger_read(data, len, path, today, out, err);
    free(data);
    return st;
}

void gk_ledger_free(gk_ledger *l)
{
    if (!l)
        return;
    arena_free(&l->mem);
    free(l->rows);
    free(l->probs);
    free(l->ignored);
    free(l);
}

size_t gk_ledger_count(const gk_ledger *l)
{
    return l->nrows;
}

const gk_ledger_row *gk_ledger_row_at(const gk_ledger *l, size_t i)
{
    return i < l->nrows ? &l->rows[i] : NULL;
}

size_t gk_ledger_problem_count(const gk_ledger *l)
{
    return l->total;
}

const gk_ledger_problem *gk_ledger_problem_at(const gk_ledger *l, size_t i)
{
    return i < l->nprobs ? &l->probs[i] : NULL;
}

const char *gk_ledger_format(const gk_ledger *l)
{
    return l->format;
}

const char *gk_ledger_encoding(const gk_ledger *l)
{
    return l->encoding;
}

const char *gk_ledger_headings(const gk_ledger *l)
{
    return l->headings ? l->headings : "";
}

int gk_ledger_heading_line(const gk_ledger *l)
{
    return l->heading_line;
}

size_t gk_ledger_ignored_count(const gk_ledger *l)
{
    return l->nignored;
}

const char *gk_ledger_ignored_at(const gk_ledger *l, size_t i)
{
    return i < l->nignored ? l->ignored[i] : NULL;
}

void gk_ledger_row_application(const gk_ledger_row *r, int64_t agency_id, gk_application *out)
{
    memset(out, 0, sizeof *out);
    out->agency_id = agency_id;
    out->received = r->received;
    out->channel = r->channel;
    out->closed = GK_DATE_NONE;
    snprintf(out->applicant_type, sizeof out->applicant_type, "%s",
             r->applicant_type ? r->applicant_type : "");
    snprintf(out->applicant_name, sizeof out->applicant_name, "%s", r->applicant_name);
    snprintf(out->applicant_contact, sizeof out->applicant_contact, "%s", r->applicant_contact);
    if (!r->outcome && *r->note)
        snprintf(out->request, sizeof out->request, "%s\n备注 note: %s", r->request, r->note);
    else
        snprintf(out->request, sizeof out->request, "%s", r->request);
}

static void add_event(const gk_ledger_row *r, gk_event *out, size_t *n, gk_event_kind kind,
                      gk_date date)
{
    gk_event *e = &out[(*n)++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->date = date;
    snprintf(e->note, sizeof e->note, EVENT_NOTE, r->line, r->line);
}

size_t gk_ledger_row_events(const gk_ledger_row *r, gk_event out[GK_LEDGER_EVENTS_MAX])
{
    size_t n = 0;
    if (r->correction_notice != GK_DATE_NONE)
        add_event(r, out, &n, GK_EV_CORRECTION_NOTICE, r->correction_notice);
    if (r->corrected != GK_DATE_NONE)
        add_event(r, out, &n, GK_EV_CORRECTED, r->corrected);
    if (r->fee_notice != GK_DATE_NONE)
        add_event(r, out, &n, GK_EV_FEE_NOTICE, r->fee_notice);
    /* in date order (the rules then judge the order of kinds); equal dates keep theirs */
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && out[k].date < out[k - 1].date; k--) {
            gk_event t = out[k];
            out[k] = out[k - 1];
            out[k - 1] = t;
        }
    if (r->outcome && r->closed != GK_DATE_NONE) {
        add_event(r, out, &n, r->closed_by, r->closed);
        if (r->closed_by == GK_EV_REPLY)
            snprintf(out[n - 1].outcome, sizeof out[n - 1].outcome, "%s", r->outcome);
    }
    if (n && *r->note) {
        size_t used = strlen(out[n - 1].note);
        snprintf(out[n - 1].note + used, sizeof out[n - 1].note - used, NOTE_SEP "%s", r->note);
    }
    return n;
}
