/*
 * reader.c — blocks to document: outline, table regions, tables, sections and prose.
 *
 * Each table is read from the region between its section heading and the next one; when a
 * heading is missing or misnumbered, the region starts at the table's own wording instead.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../read/blocks_int.h"
#include "reader_int.h"
#include "reflow.h"

typedef struct region {
    long from, to; /* block indexes; from == -1 when the table was not found */
} region;

static long first_of(long a, long b)
{
    if (a < 0)
        return b;
    if (b < 0)
        return a;
    return a < b ? a : b;
}

/* The first of the candidate block indexes that lies after `after`, else `fallback`. */
static long next_after(long after, const long *cand, int n, long fallback)
{
    long best = -1;
    for (int i = 0; i < n; i++)
        if (cand[i] > after)
            best = first_of(best, cand[i]);
    return best >= 0 ? best : fallback;
}

static void find_regions(const gk_blocks *b, const outline *o, region *r)
{
    long n = (long)gk_blocks_count(b);
    long s2 = o->heading[GK_S2_PROACTIVE], s3 = o->heading[GK_S3_REQUESTS];
    long s4 = o->heading[GK_S4_REVIEW_LITIGATION];
    if (s2 < 0)
        s2 = find_block(b, 0, n, "第二十条");
    if (s3 < 0)
        s3 = first_of(find_block(b, s2 + 1, n, "勾稽关系"), find_block(b, s2 + 1, n, "本年新收"));
    if (s4 < 0 && s3 >= 0)
        s4 = first_of(find_block(b, s3 + 1, n, "结果维持"), find_block(b, s3 + 1, n, "行政复议"));
    long last = s2 > s3 ? s2 : s3;
    last = last > s4 ? last : s4;
    long end =
        next_after(last, (const long[]){o->heading[GK_S5_PROBLEMS], o->heading[GK_S6_OTHER]}, 2, n);
    const long starts[] = {s2, s3, s4};
    for (int t = 0; t < GK_TABLE_COUNT; t++) {
        r[t].from = starts[t];
        r[t].to = r[t].from < 0 ? -1 : next_after(r[t].from, starts, 3, end);
        if (r[t].to > end && end > r[t].from)
            r[t].to = end;
    }
}

static void missing_table(gk_doc *doc, gk_table_id id)
{
    const gk_table_def *t = gk_schema_table(id, GK_FORMAT_2021);
    char zh[200], en[200];
    snprintf(zh, sizeof zh, "缺少“%s”表格", t->title_zh);
    snprintf(en, sizeof en, "table %s (%s) not found", t->key, t->title_zh);
    doc_diag(doc, GK_SEV_ERROR, "GK-MISSING-TABLE", t->key, "", "", NULL, zh, en);
}

static int section_of_block(const outline *o, size_t i)
{
    int s = GK_SECTION_COUNT;
    for (int k = 0; k < GK_SECTION_COUNT; k++)
        if (o->heading[k] >= 0 && (size_t)o->heading[k] <= i)
            s = k;
    return s;
}

/* Prose: every block no table used, other than headings, attached to its section. */
static void collect_prose(gk_doc *doc, const gk_blocks *b, const outline *o,
                          const unsigned char *used)
{
    size_t n = gk_blocks_count(b), len[GK_SECTION_COUNT + 1] = {0};
    for (int pass = 0; pass < 2; pass++) {
        char *body[GK_SECTION_COUNT];
        for (int s = 0; pass && s < GK_SECTION_COUNT; s++) {
            body[s] = arena_alloc(&doc->mem, len[s] + 1);
            doc->sections[s].body = body[s];
            len[s] = 0;
        }
        for (size_t i = 0; i < n; i++) {
            int s = section_of_block(o, i);
            if (used[i] || (s < GK_SECTION_COUNT && (size_t)o->heading[s] == i))
                continue;
            const gk_text *t = &gk_blocks_get(b, i)->text;
            if (pass == 1 && s < GK_SECTION_COUNT) {
                memcpy(body[s] + len[s], t->raw, t->raw_len);
                body[s][len[s] + t->raw_len] = '\n';
                doc->sections[s].body_len = len[s] + t->raw_len + 1;
            }
            if (pass == 1)
                doc_add_para(doc, t, (gk_section_id)s);
            len[s] += t->raw_len + 1;
        }
    }
}

static void not_a_report(gk_doc *doc, const gk_blocks *b, size_t nblocks)
{
    for (size_t i = 0; i < b->nnotes; i++)
        if (b->notes[i].sev == GK_SEV_ERROR)
            return; /* the reader said why (damaged, scanned, encrypted) */
    if (nblocks == 0)
        doc_diag(doc, GK_SEV_ERROR, "GK-EMPTY", "", "", "", NULL, "文件为空", "the file is empty");
    else
        doc_diag(doc, GK_SEV_ERROR, "GK-NOT-REPORT", "", "", "", NULL,
                 "不是政府信息公开工作年度报告：未找到任何章节或表格",
                 "not an annual report: no section heading or table found");
}

/* The input readers' remarks (encoding guessed, scanned PDF, …) become diagnostics. */
static void reader_notes(gk_doc *doc, const gk_blocks *b)
{
    doc->input = b->kind;
    doc->encoding = b->encoding ? arena_strdup(&doc->mem, b->encoding) : NULL;
    for (size_t i = 0; i < b->nnotes; i++) {
        const blocks_note *n = &b->notes[i];
        gk_text at = {.line = n->line, .col = n->line ? 1 : 0};
        doc_diag(doc, (gk_severity)n->sev, n->rule, "", "", "", n->line ? &at : NULL, n->zh, n->en);
    }
}

/* Reads the document; with texts_stay the caller moves the blocks' arena into it afterwards. */
static gk_doc *read_doc(const gk_blocks *b, const char *name, int texts_stay)
{
    gk_doc *doc = doc_new(name);
    doc->texts_stay = texts_stay;
    outline o;
    outline_read(doc, b, &o);
    arena tmp;
    arena_init(&tmp);
    tokens tk;
    tokens_build(&tmp, b, &tk);
    size_t n = gk_blocks_count(b);
    unsigned char *used = arena_alloc(&tmp, n + 1);
    region r[GK_TABLE_COUNT];
    find_regions(b, &o, r);
    int any_section = 0, any_table = 0;
    for (int s = 0; s < GK_SECTION_COUNT; s++)
        any_section |= doc->sections[s].present;
    for (int t = 0; t < GK_TABLE_COUNT; t++) {
        if (r[t].from >= 0)
            table_read(doc, (gk_table_id)t, &tk, tk.first[r[t].from], tk.first[r[t].to], used);
        any_table |= doc->tables[t] != NULL;
    }
    doc->is_report = any_section || any_table;
    if (!doc->is_report)
        not_a_report(doc, b, n);
    for (int t = 0; doc->is_report && t < GK_TABLE_COUNT; t++)
        if (!doc->tables[t])
            missing_table(doc, (gk_table_id)t);
    collect_prose(doc, b, &o, used);
    reader_notes(doc, b);
    arena_free(&tmp);
    return doc;
}

/* A report on one line is cut into paragraphs first (reflow.c); the pieces then live as long
 * as the blocks' text would. */
static gk_doc *read_blocks(const gk_blocks *b, const char *name, int texts_stay)
{
    gk_blocks *cut = reflow_blocks(b);
    if (!cut)
        return read_doc(b, name, texts_stay);
    gk_doc *doc = read_doc(cut, name, texts_stay);
    if (texts_stay)
        arena_adopt(&doc->mem, &cut->mem);
    gk_blocks_free(cut);
    return doc;
}

gk_status gk_doc_from_blocks(const gk_blocks *b, const char *name, gk_doc **out, gk_error *err)
{
    (void)err;
    *out = read_blocks(b, name, 0);
    return GK_OK;
}

/* Builds the document from blocks read by `reader`, then frees them. */
static gk_status read_with(gk_status (*reader)(const char *, size_t, gk_blocks **, gk_error *),
                           const char *data, size_t len, const char *name, gk_doc **out,
                           gk_error *err)
{
    gk_blocks *b;
    *out = NULL;
    gk_status st = reader(data, len, &b, err);
    if (st != GK_OK)
        return st;
    *out = read_blocks(b, name, 1);
    arena_adopt(&(*out)->mem, &b->mem); /* one arena: the document keeps the blocks' text */
    gk_blocks_free(b);
    return GK_OK;
}

gk_status gk_doc_read_text(const char *data, size_t len, const char *name, gk_doc **out,
                           gk_error *err)
{
    return read_with(gk_blocks_read_text, data, len, name, out, err);
}

gk_status gk_doc_read(const char *data, size_t len, const char *name, gk_doc **out, gk_error *err)
{
    return read_with(gk_blocks_read, data, len, name, out, err);
}

static gk_status io_error(gk_error *err, gk_status st, const char *path, const char *why)
{
    if (err) {
        err->code = st;
        snprintf(err->msg, sizeof err->msg, "%s: %s", path, why);
    }
    return st;
}

/* Reads all of fd into a malloc'd buffer; more than GK_MAX_INPUT_BYTES is GK_ERR_LIMIT. */
static gk_status slurp(int fd, size_t hint, char **out, size_t *out_len)
{
    size_t cap = hint ? hint + 1 : 65536, len = 0;
    char *buf = malloc(cap);
    if (!buf)
        gk_oom();
    for (;;) {
        ssize_t got = read(fd, buf + len, cap - len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            if (got == 0)
                break;
            free(buf);
            return GK_ERR_IO;
        }
        len += (size_t)got;
        if (len > GK_MAX_INPUT_BYTES) {
            free(buf);
            return GK_ERR_LIMIT;
        }
        if (len == cap) {
            cap = cap * 2 < GK_MAX_INPUT_BYTES + 1 ? cap * 2 : GK_MAX_INPUT_BYTES + 1;
            char *grown = realloc(buf, cap);
            if (!grown)
                gk_oom();
            buf = grown;
        }
    }
    *out = buf;
    *out_len = len;
    return GK_OK;
}

gk_status gk_doc_read_file(const char *path, gk_doc **out, gk_error *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return io_error(err, GK_ERR_IO, path, strerror(errno));
    struct stat sb;
    int stat_ok = fstat(fd, &sb) == 0;
    if (stat_ok && S_ISDIR(sb.st_mode)) {
        close(fd);
        return io_error(err, GK_ERR_IO, path, "is a directory");
    }
    size_t hint = stat_ok && S_ISREG(sb.st_mode) ? (size_t)sb.st_size : 0;
    char *buf = NULL;
    size_t len = 0;
    gk_status st = hint > GK_MAX_INPUT_BYTES ? GK_ERR_LIMIT : slurp(fd, hint, &buf, &len);
    close(fd);
    if (st == GK_ERR_LIMIT)
        return io_error(err, st, path, "larger than 32 MiB");
    if (st != GK_OK)
        return io_error(err, st, path, "read error");
    st = gk_doc_read(buf, len, path, out, err);
    free(buf);
    return st;
}
