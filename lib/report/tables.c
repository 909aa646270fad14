/*
 * tables.c — reads the three tables from the token stream by matching row labels.
 *
 * Rows are found by their labels, never by counting numbers: the text tokens since the last
 * run of values are joined, and the row whose label (or variant) is the longest one contained
 * in that text owns the next run of values. A run is the values and empty cells up to the
 * next text; empty cells at its ends are layout padding, empty cells inside it are blanks.
 */
#include <stdio.h>
#include <string.h>

#include "../core/num.h"
#include "joined.h"
#include "labels.h"
#include "reader_int.h"

#define LABEL_CAP 4096
#define RUN_CAP   64

typedef struct run {
    const gk_text *cells[RUN_CAP];
    int n;       /* cells kept (values and interior empties) */
    int dropped; /* values beyond RUN_CAP */
    size_t end;  /* token index after the run */
} run;

typedef struct matcher {
    char label[LABEL_CAP];
    size_t len;
    const gk_text *last_text;
    size_t first; /* token of the label's first text */
} matcher;

/* 1 if a text is a sentence — it ends one (。；) or is an editor's mark (【待填写…】) — which no
 * row label is, so a label does not run on from the prose before a table. */
static int sentence(const gk_text *t)
{
    static const char *const marks[] = {"。", ";", "【"};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (strstr(t->norm, marks[i]))
            return 1;
    return 0;
}

static void label_append(matcher *m, const gk_text *t)
{
    if (t->norm_len >= LABEL_CAP / 2 || sentence(t)) {
        m->len = 0;
        return; /* prose, not a label */
    }
    if (m->len + t->norm_len >= LABEL_CAP) {
        memmove(m->label, m->label + m->len / 2, m->len - m->len / 2);
        m->len -= m->len / 2;
    }
    memcpy(m->label + m->len, t->norm, t->norm_len);
    m->len += t->norm_len;
    m->label[m->len] = '\0';
    m->last_text = t;
}

static void run_push(run *r, const gk_text *t)
{
    if (r->n < RUN_CAP)
        r->cells[r->n++] = t;
    else
        r->dropped++;
}

/*
 * Collects the run of values starting at token i (a TOK_VALUE). Empty cells between two values
 * of the same source row are blanks; empty cells anywhere else are layout padding.
 */
static void read_run(const tokens *tk, size_t i, size_t to, run *r)
{
    size_t first_empty = 0, nempty = 0;
    uint32_t last_block = UINT32_MAX;
    r->n = r->dropped = 0;
    for (; i < to && tk->v[i].kind != TOK_TEXT; i++) {
        const token *t = &tk->v[i];
        if (t->kind == TOK_ROW_END)
            continue;
        if (t->kind == TOK_EMPTY) {
            if (nempty++ == 0)
                first_empty = i;
            continue;
        }
        if (nempty > 0 && tk->v[first_empty].block == t->block && last_block == t->block)
            for (size_t k = first_empty; k < i; k++)
                if (tk->v[k].kind == TOK_EMPTY)
                    run_push(r, tk->v[k].t);
        nempty = 0;
        last_block = t->block;
        run_push(r, t->t);
    }
    r->end = i;
}

/* Row whose label is the longest one contained in the matcher's text; -1 if none. */
static int match_row_len(const gk_table_def *t, const matcher *m, const unsigned char *seen,
                         size_t *matched)
{
    const row_label *const *all = labels_of_table(t);
    int best = -1;
    size_t best_len = 0;
    for (int r = 0; r < t->nrows; r++) {
        const row_label *labels = all[r];
        for (int i = 0; labels && labels[i].text; i++) {
            size_t n = labels[i].len;
            if (n > m->len)
                continue;
            if (n > best_len && strstr(m->label, labels[i].text)) {
                best = r;
                best_len = n;
            } else if (n == best_len && best >= 0 && seen[best] && !seen[r] &&
                       strstr(m->label, labels[i].text)) {
                best = r;
            }
        }
    }
    *matched = best_len;
    return best;
}

static int match_row(const gk_table_def *t, const matcher *m, const unsigned char *seen)
{
    size_t matched;
    return match_row_len(t, m, seen, &matched);
}

void table_put_value(gk_doc *doc, gk_value *dst, const gk_text *src)
{
    gk_value v = {0};
    num_parse_cell(src->norm, src->norm_len, &v);
    v.src = doc_copy_text(doc, src);
    *dst = v;
}

static void warn_width(gk_doc *doc, const char *key, int got, int want, const gk_text *at)
{
    char zh[256], en[256], e[16], a[16];
    snprintf(zh, sizeof zh, "“%s”行有 %d 个数值，应为 %d 个", key, got, want);
    snprintf(en, sizeof en, "row %s has %d values, expected %d", key, got, want);
    snprintf(e, sizeof e, "%d", want);
    snprintf(a, sizeof a, "%d", got);
    doc_diag(doc, GK_SEV_WARNING, "GK-ROW-WIDTH", key, e, a, at, zh, en);
}

/* Stores a run as the values of `row`; a short run leaves trailing cells MISSING. */
static void assign_row(gk_doc *doc, gk_table_id id, int row, const run *r, const gk_text *at)
{
    const gk_table_def *t = doc->tables[id];
    int ncols = gk_schema_ncols(t, row);
    gk_value *cells = &doc->cells[id][gk_schema_cell_index(t, row, 0)];
    for (int c = 0; c < ncols && c < r->n; c++)
        table_put_value(doc, &cells[c], r->cells[c]);
    if (r->n + r->dropped != ncols)
        warn_width(doc, t->rows[row].key, r->n + r->dropped, ncols, at);
}

static gk_format detect_format(gk_table_id id, const tokens *tk, size_t from, size_t to)
{
    gk_format best = GK_FORMAT_2021;
    int best_hits = 0;
    static const gk_format formats[] = {GK_FORMAT_2021, GK_FORMAT_2019};
    for (int f = 0; f < 2; f++) {
        const gk_table_def *t = gk_schema_table(id, formats[f]);
        int hits = 0;
        for (int k = 0; t->markers[k]; k++)
            for (size_t i = from, n = strlen(t->markers[k]); i < to; i++)
                if (tk->v[i].kind == TOK_TEXT && tk->v[i].t->norm_len >= n &&
                    norm_has(tk->v[i].t->norm, t->markers[k])) {
                    hits++;
                    break;
                }
        if (hits > best_hits) {
            best = formats[f];
            best_hits = hits;
        }
    }
    return best;
}

static void extra_row(gk_doc *doc, const char *parent, const gk_table_def *t, int prow,
                      const run *r, const gk_text *label)
{
    gk_value vals[8];
    int n = gk_schema_ncols(t, prow);
    for (int c = 0; c < n && c < 8; c++) {
        vals[c] = (gk_value){0};
        if (c < r->n)
            table_put_value(doc, &vals[c], r->cells[c]);
    }
    doc_add_extra(doc, parent, label, vals, n);
}

/* At most max bytes of s[0..len), never cutting a UTF-8 character, for messages. */
static size_t text_prefix(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return len;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

static void unknown_row(gk_doc *doc, const matcher *m)
{
    char zh[600], en[600];
    const gk_text *at = m->last_text;
    int len = at ? (int)text_prefix(at->raw, at->raw_len, 300) : 0;
    snprintf(zh, sizeof zh, "无法识别的表格行“%.*s”，其数值未计入", len, at ? at->raw : "");
    snprintf(en, sizeof en, "unrecognised table row \"%.*s\"; its values were ignored", len,
             at ? at->raw : "");
    doc_diag(doc, GK_SEV_WARNING, "GK-UNKNOWN-ROW", "", "", "", at, zh, en);
}

static void duplicate_row(gk_doc *doc, const gk_table_def *t, int row, const gk_text *at)
{
    char zh[400], en[400];
    snprintf(zh, sizeof zh, "“%s%s”行重复出现，只计第一次的数值", t->rows[row].num,
             t->rows[row].labels[0]);
    snprintf(en, sizeof en, "row %s appears again; only its first values are counted",
             t->rows[row].key);
    doc_diag(doc, GK_SEV_WARNING, "GK-DUPLICATE-ROW", t->rows[row].key, "", "", at, zh, en);
}

/* Marks the blocks of tokens [from, to) as table content, except prose paragraphs. */
static void mark_used(const tokens *tk, size_t from, size_t to, unsigned char *used)
{
    for (size_t i = from; i < to; i++)
        if (!(tk->v[i].kind == TOK_TEXT && norm_has(tk->v[i].t->norm, "。")))
            used[tk->v[i].block] = 1;
}

/*
 * A source row holding a row label followed only by empty cells (at least as many as the row
 * has columns): a row whose values were all left blank. Returns 1 if it was taken.
 */
static int blank_row(gk_doc *doc, gk_table_id id, const tokens *tk, size_t end, matcher *m,
                     unsigned char *seen)
{
    const gk_table_def *t = doc->tables[id];
    if (!m->last_text || m->len == 0)
        return 0;
    size_t k = end;
    run r = {.n = 0, .dropped = 0, .end = end};
    while (k > 0 && tk->v[k - 1].kind == TOK_EMPTY)
        k--;
    if (k == end || k == 0 || tk->v[k - 1].t != m->last_text)
        return 0;
    int row = match_row(t, m, seen);
    if (row < 0 || seen[row] || (int)(end - k) < gk_schema_ncols(t, row))
        return 0;
    for (size_t i = k; i < end && r.n < RUN_CAP; i++)
        run_push(&r, tk->v[i].t);
    r.n = gk_schema_ncols(t, row);
    seen[row] = 1;
    assign_row(doc, id, row, &r, m->last_text);
    return 1;
}

/*
 * A label wrapped around its values, as PDFs lay out a two-line cell: "5.要求行政机关确认或重新出"
 * above the numbers, "具已获取信息" below. When the text before a run names no row, the short
 * texts right after it are tried as the label's end. Returns the row and sets *resume to the
 * token after the text used; -1 if that names no row either.
 */
static int wrapped_label(const gk_table_def *t, const tokens *tk, size_t after, size_t to,
                         const matcher *m, const unsigned char *seen, size_t *resume)
{
    matcher probe = *m;
    size_t i = after;
    for (int k = 0; k < 2; k++) {
        while (i < to && (tk->v[i].kind == TOK_ROW_END || tk->v[i].kind == TOK_EMPTY))
            i++;
        if (i >= to || tk->v[i].kind != TOK_TEXT || tk->v[i].t->norm_len > 90 ||
            norm_has(tk->v[i].t->norm, "。"))
            return -1;
        label_append(&probe, tk->v[i++].t);
        int row = match_row(t, &probe, seen);
        size_t next = i;
        while (next < to && (tk->v[next].kind == TOK_ROW_END || tk->v[next].kind == TOK_EMPTY))
            next++;
        /* the tail is followed by the next row's label, never by values: else it IS that label */
        if (row >= 0 && !seen[row] && (next >= to || tk->v[next].kind == TOK_TEXT)) {
            *resume = i;
            return row;
        }
    }
    return -1;
}

static void decimal_unsplit(gk_doc *doc, const char *key, const gk_text *t, size_t nv)
{
    char zh[400], en[400];
    int n = (int)(nv > 60 ? 60 : nv);
    const char *digits = t->norm + t->norm_len - nv;
    snprintf(zh, sizeof zh, "%s 的数字连写“%.*s”含小数，无法确定各单元格的分界，未读取", key, n,
             digits);
    snprintf(en, sizeof en,
             "%s: the run-together number \"%.*s\" has a decimal point; where its cells part "
             "cannot be told, so it was not read",
             key, n, digits);
    doc_diag(doc, GK_SEV_WARNING, "GK-SPLIT-AMBIGUOUS", key, "", "", t, zh, en);
}

/* Length of the number ending s[0..len): digits with at most one decimal point inside. */
static size_t number_tail(const char *s, size_t len)
{
    size_t n = split_digit_tail(s, len);
    if (n > 0 && n + 1 < len && s[len - n - 1] == '.') {
        size_t more = split_digit_tail(s, len - n - 1);
        if (more > 0)
            n += 1 + more;
    }
    return n;
}

/*
 * A text ending in digits right after a row's label ("一、本年新收…数量21710000218"): the row's
 * values were copied without separators. Returns 1 if joined.c took them as the row's cells.
 */
static int joined_text(gk_doc *doc, gk_table_id id, const gk_text *t, const matcher *m,
                       unsigned char *seen, joined *j)
{
    size_t nd = split_digit_tail(t->norm, t->norm_len), nv = number_tail(t->norm, t->norm_len);
    if (nv == 0 || nv == t->norm_len)
        return 0;
    matcher probe = *m;
    gk_text head = *t;
    head.norm_len -= (uint32_t)nv;
    label_append(&probe, &head);
    int row = match_row(doc->tables[id], &probe, seen);
    if (row < 0 || seen[row])
        return 0;
    if (gk_schema_ncols(doc->tables[id], row) == 1) { /* "行政事业性收费18651.06": one cell */
        gk_text cell = *t;
        cell.norm = cell.raw = t->norm + t->norm_len - nv;
        cell.norm_len = cell.raw_len = (uint32_t)nv;
        table_put_value(doc, &doc->cells[id][gk_schema_cell_index(doc->tables[id], row, 0)], &cell);
    } else if (nv != nd) { /* "…135 75394432.52" run together: where the cells part is unknown */
        decimal_unsplit(doc, doc->tables[id]->rows[row].key, t, nv);
    } else if (nd < 2 || !joined_take(doc, id, row, t, nd, j)) {
        return 0;
    }
    seen[row] = 1;
    return 1;
}

/* A run of one cell holding only digits, for a row of several cells: values run together. */
static int joined_cell(gk_doc *doc, gk_table_id id, int row, const run *r, joined *j)
{
    if (r->n != 1 || r->dropped)
        return 0;
    const gk_text *c = r->cells[0];
    if (split_digit_tail(c->norm, c->norm_len) != c->norm_len)
        return 0;
    int width =
        row < 0 ? gk_schema_cell_count(doc->tables[id]) : gk_schema_ncols(doc->tables[id], row);
    if (!joined_has_totals(doc->tables[id]))
        return 0; /* "125" alone in a row of three cells: a value, the others left empty */
    return width > 1 && c->norm_len >= (uint32_t)width &&
           joined_take(doc, id, row, c, c->norm_len, j);
}

/*
 * A row label that contains no label (or only a short one, `found`) but is close to one: a typo.
 * Returns the close row, with a diagnostic saying so, or `found` if no other row is close.
 */
static int close_label(gk_doc *doc, const gk_table_def *t, const matcher *m,
                       const unsigned char *seen, int found)
{
    const char *label;
    const gk_text *at = m->last_text;
    int row = at ? labels_closest(t, at->norm, at->norm_len, seen, &label) : -1;
    if (row < 0 || row == found)
        return found;
    char zh[600], en[600];
    int n = (int)text_prefix(at->raw, at->raw_len, 200);
    snprintf(zh, sizeof zh, "行标签“%.*s”与标准写法“%s”不一致，按该行读取", n, at->raw,
             t->rows[row].labels[0]);
    snprintf(en, sizeof en, "row label \"%.*s\" differs from the standard \"%s\"; read as that row",
             n, at->raw, t->rows[row].labels[0]);
    doc_diag(doc, GK_SEV_WARNING, "GK-LABEL", t->rows[row].key, t->rows[row].labels[0], "", at, zh,
             en);
    return row;
}

/*
 * The label read without its short pieces: a group cell printed down the side of a PDF table,
 * a few characters a line ("（六）其", "他处理"), lands between the lines of a row's own
 * wrapped label and breaks it. Texts of four characters or fewer are left out; -1 if that
 * still names no row.
 */
static int without_fragments(const gk_table_def *t, const tokens *tk, size_t from, size_t to,
                             const unsigned char *seen)
{
    matcher probe = {.len = 0, .last_text = NULL, .first = from};
    probe.label[0] = '\0';
    for (size_t i = from; i < to; i++)
        if (tk->v[i].kind == TOK_TEXT && tk->v[i].t->norm_len > 12)
            label_append(&probe, tk->v[i].t);
    return probe.len ? match_row(t, &probe, seen) : -1;
}

/* T2 and T3: rows matched by label. Returns the number of rows found. */
static int read_labelled(gk_doc *doc, gk_table_id id, const tokens *tk, size_t from, size_t to,
                         unsigned char *used, unsigned char *seen)
{
    const gk_table_def *t = doc->tables[id];
    matcher m = {.len = 0, .last_text = NULL};
    joined j = {.n = 0};
    int found = 0, last_row = -1;
    size_t marked = from; /* tokens before this are marked as table content */
    m.label[0] = '\0';
    for (size_t i = from; i < to;) {
        if (tk->v[i].kind == TOK_TEXT && joined_text(doc, id, tk->v[i].t, &m, seen, &j)) {
            found++;
            mark_used(tk, marked, ++i, used);
            marked = i;
            m.len = 0;
            m.label[0] = '\0';
            continue;
        }
        if (tk->v[i].kind == TOK_TEXT) {
            if (m.len == 0)
                m.first = i;
            label_append(&m, tk->v[i++].t);
            continue;
        }
        if (tk->v[i].kind == TOK_ROW_END && blank_row(doc, id, tk, i, &m, seen)) {
            found++;
            m.len = 0;
            m.label[0] = '\0';
        }
        if (tk->v[i].kind != TOK_VALUE) {
            i++;
            continue;
        }
        run r;
        read_run(tk, i, to, &r);
        size_t matched;
        int row = match_row_len(t, &m, seen, &matched);
        if (row >= 0 && m.last_text && matched * 3 < m.last_text->norm_len) {
            /* a short label ("其他") inside a longer row label: maybe a typo of another row */
            row = close_label(doc, t, &m, seen, row);
        }
        if (row < 0) {
            int wrapped = wrapped_label(t, tk, r.end, to, &m, seen, &r.end);
            row = wrapped >= 0 ? wrapped : row;
        }
        if (row < 0 && m.len)
            row = without_fragments(t, tk, m.first, i, seen);
        if (row < 0)
            row = close_label(doc, t, &m, seen, -1);
        if (row >= 0 && !seen[row]) {
            seen[row] = 1;
            if (!joined_cell(doc, id, row, &r, &j))
                assign_row(doc, id, row, &r, m.last_text);
            found++;
            last_row = row;
        } else if (row < 0 && id == GK_T2 && last_row >= 0 &&
                   strcmp(t->rows[last_row].key, "t2v19.procurement") == 0) {
            extra_row(doc, t->rows[last_row].key, t, last_row, &r, m.last_text);
        } else if (row < 0) {
            unknown_row(doc, &m);
        } else {
            duplicate_row(doc, t, row, m.last_text);
        }
        mark_used(tk, marked, r.end, used);
        marked = r.end;
        m.len = 0;
        m.label[0] = '\0';
        i = r.end;
    }
    joined_resolve(doc, id, &j);
    return found;
}

/* T4: one row of fifteen numbers under the headers, in the schema's column order. */
/*
 * T4 written as one small table per row (Markdown copies: "### 行政复议" then a header and
 * "| 27 | 10 | 9 | 15 | 61 |"): consecutive runs of one row's width fill the rows in order.
 */
static int read_flat_rows(gk_doc *doc, gk_table_id id, const tokens *tk, size_t i, size_t from,
                          size_t to, unsigned char *used)
{
    const gk_table_def *t = doc->tables[id];
    int row = 0;
    size_t end = i;
    for (; i < to && row < t->nrows; i++) {
        if (tk->v[i].kind != TOK_VALUE)
            continue;
        run r;
        read_run(tk, i, to, &r);
        if (r.n != gk_schema_ncols(t, row) || r.dropped)
            break;
        for (int c = 0; c < r.n; c++)
            table_put_value(doc, &doc->cells[id][gk_schema_cell_index(t, row, c)], r.cells[c]);
        row++;
        end = i = r.end;
        if (i >= to)
            break;
    }
    if (row < t->nrows)
        warn_width(doc, t->key, row * gk_schema_ncols(t, 0), gk_schema_cell_count(t),
                   tk->v[end < to ? end : to - 1].t);
    mark_used(tk, from, end, used);
    return 1;
}

/* T4 with no run of values: its fifteen numbers run together at the end of a text. */
static int read_flat_joined(gk_doc *doc, gk_table_id id, const tokens *tk, size_t from, size_t to,
                            unsigned char *used)
{
    int want = gk_schema_cell_count(doc->tables[id]);
    for (size_t i = from; i < to; i++) {
        const gk_text *t = tk->v[i].t;
        size_t nd = tk->v[i].kind == TOK_TEXT ? split_digit_tail(t->norm, t->norm_len) : 0;
        joined j = {.n = 0};
        if (nd < (size_t)want || nd == t->norm_len || !joined_take(doc, id, -1, t, nd, &j))
            continue;
        joined_resolve(doc, id, &j);
        mark_used(tk, from, i + 1, used);
        return 1;
    }
    return 0;
}

static int read_flat(gk_doc *doc, gk_table_id id, const tokens *tk, size_t from, size_t to,
                     unsigned char *used)
{
    const gk_table_def *t = doc->tables[id];
    for (size_t i = from; i < to; i++) {
        if (tk->v[i].kind != TOK_VALUE)
            continue;
        run r;
        read_run(tk, i, to, &r);
        int want = gk_schema_cell_count(t);
        joined j = {.n = 0};
        if (joined_cell(doc, id, -1, &r, &j)) {
            joined_resolve(doc, id, &j);
            mark_used(tk, from, r.end, used);
            return 1;
        }
        if (r.n == gk_schema_ncols(t, 0) && !r.dropped && want > r.n)
            return read_flat_rows(doc, id, tk, i, from, to, used);
        for (int c = 0; c < want && c < r.n; c++)
            table_put_value(doc, &doc->cells[id][c], r.cells[c]);
        if (r.n + r.dropped != want)
            warn_width(doc, t->key, r.n + r.dropped, want, tk->v[i].t);
        mark_used(tk, from, r.end, used);
        return 1;
    }
    return read_flat_joined(doc, id, tk, from, to, used);
}

/* Rows whose label was never found; a row found but left unread (seen) was reported already. */
static void missing_rows(gk_doc *doc, gk_table_id id, const unsigned char *seen, const gk_text *at)
{
    const gk_table_def *t = doc->tables[id];
    for (int r = 0; r < t->nrows; r++) {
        const gk_value *v = &doc->cells[id][gk_schema_cell_index(t, r, 0)];
        if (v->state != GK_CELL_MISSING || (id == GK_T4 && r > 0) || seen[r])
            continue;
        char zh[300], en[300];
        snprintf(zh, sizeof zh, "%s缺少“%s%s”行", t->title_zh, t->rows[r].num,
                 t->rows[r].labels[0]);
        snprintf(en, sizeof en, "table %s has no row %s", t->key, t->rows[r].key);
        doc_diag(doc, GK_SEV_WARNING, "GK-MISSING-ROW", t->rows[r].key, "", "", at, zh, en);
    }
}

void table_read(gk_doc *doc, gk_table_id id, const tokens *tk, size_t from, size_t to,
                unsigned char *used)
{
    gk_format f = detect_format(id, tk, from, to);
    if (id == GK_T4 && doc->tables[GK_T3])
        f = doc->tables[GK_T3]->format;
    const gk_table_def *t = gk_schema_table(id, f);
    doc->tables[id] = t;
    doc->cells[id] = arena_alloc(&doc->mem, (size_t)gk_schema_cell_count(t) * sizeof(gk_value));
    unsigned char seen[64] = {0}; /* rows whose label was found */
    int found = id == GK_T4 ? read_flat(doc, id, tk, from, to, used)
                            : read_labelled(doc, id, tk, from, to, used, seen);
    if (found == 0) {
        doc->tables[id] = NULL;
        doc->cells[id] = NULL;
        return;
    }
    if (id == GK_T4)
        memset(seen, 1,
               sizeof seen); /* T4 is one run: GK-ROW-WIDTH or GK-SPLIT said what was short */
    missing_rows(doc, id, seen, from < to ? tk->v[from].t : NULL);
}
