/*
 * test_export_sqlite.c — exports real reports to SQLite through the public API and queries the
 * database with sqlite3. Every expected value comes from the hand-transcribed golden files
 * (the *.expected.json under tests/golden and tests/golden/peers) and their READMEs, or from
 * the hand-written rule fixture tests/rules/v-t3-02.fires.1.txt (see tests/rules/README.md),
 * never from our own output. The example queries of docs/dataset.md are run as written.
 *
 * argv[1] = the source root.
 */
#include "harness.h"

#include <dirent.h>
#include <gongkai/gongkai.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *root;
static sqlite3 *db;

/* ---- helpers ---- */

static char *path_of(const char *rel)
{
    size_t n = strlen(root) + strlen(rel) + 2;
    char *p = malloc(n);
    if (!p)
        abort();
    snprintf(p, n, "%s/%s", root, rel);
    return p;
}

static void append(char **buf, size_t *len, size_t *cap, const char *s)
{
    size_t n = strlen(s);
    if (*len + n + 1 > *cap) {
        *cap = (*len + n + 1) * 2;
        *buf = realloc(*buf, *cap);
        if (!*buf)
            abort();
    }
    memcpy(*buf + *len, s, n + 1);
    *len += n;
}

/*
 * Runs sql with up to two text parameters (NULL: not bound) and returns every row as
 * "col|col" lines joined by '\n' (NULL shown as NULL), or "ERROR: …". Caller frees.
 */
static char *q(const char *sql, const char *p1, const char *p2)
{
    sqlite3_stmt *s;
    char *out = NULL;
    size_t len = 0, cap = 0;
    append(&out, &len, &cap, "");
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
        append(&out, &len, &cap, "ERROR: ");
        append(&out, &len, &cap, sqlite3_errmsg(db));
        return out;
    }
    if (p1)
        sqlite3_bind_text(s, 1, p1, -1, SQLITE_STATIC);
    if (p2)
        sqlite3_bind_text(s, 2, p2, -1, SQLITE_STATIC);
    int rc, rows = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (rows++)
            append(&out, &len, &cap, "\n");
        for (int c = 0; c < sqlite3_column_count(s); c++) {
            if (c)
                append(&out, &len, &cap, "|");
            const unsigned char *t = sqlite3_column_text(s, c);
            append(&out, &len, &cap, t ? (const char *)t : "NULL");
        }
    }
    if (rc != SQLITE_DONE) {
        append(&out, &len, &cap, "ERROR: ");
        append(&out, &len, &cap, sqlite3_errmsg(db));
    }
    sqlite3_finalize(s);
    return out;
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

#define CHECK_Q2(want, sql, a, b)                                                                  \
    do {                                                                                           \
        char *got_ = q(sql, a, b);                                                                 \
        CHECK_MSG(strcmp(got_, want) == 0, "%s [%s %s]\n  got  \"%s\"\n  want \"%s\"", sql,        \
                  or_empty(a), or_empty(b), got_, want);                                           \
        free(got_);                                                                                \
    } while (0)
#define CHECK_Q1(want, sql, a) CHECK_Q2(want, sql, a, NULL)
#define CHECK_Q(want, sql)     CHECK_Q2(want, sql, NULL, NULL)

/* Number of directory entries other than . and .. */
static int count_entries(const char *dir, char *first, size_t size)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    if (first && size)
        first[0] = '\0';
    while (d && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (n++ == 0 && first)
            snprintf(first, size, "%s", e->d_name);
    }
    if (d)
        closedir(d);
    return n;
}

static gk_doc *read_checked(const char *rel)
{
    char *p = path_of(rel);
    gk_doc *doc = NULL;
    gk_error err = {GK_OK, ""};
    gk_status st = gk_doc_read_file(p, &doc, &err);
    CHECK_MSG(st == GK_OK, "read %s: %s", p, err.msg);
    if (doc)
        gk_check(doc);
    free(p);
    return doc;
}

/* ---- the dataset ---- */

typedef struct input {
    const char *rel;    /* under the source root */
    const char *golden; /* under tests/golden, or NULL */
} input;

/* Report ids are 1-based positions in this list; 11 and 12 are unreadable inputs. */
static const input inputs[] = {
    {"examples/000_610e68cbc9aa9a29.txt", "000_610e68cbc9aa9a29.expected.json"},         /* 1 */
    {"examples/001_0786ebd486ce37d5.txt", "001_0786ebd486ce37d5.expected.json"},         /* 2 */
    {"examples/002_dc3f67fcb14f95e4.txt", "002_dc3f67fcb14f95e4.expected.json"},         /* 3 */
    {"examples/003_43b3efced0382fbe.txt", "003_43b3efced0382fbe.expected.json"},         /* 4 */
    {"examples/004_6cbc9befc1ec18ab.txt", "004_6cbc9befc1ec18ab.expected.json"},         /* 5 */
    {"tests/fixtures/peers/szfgs2024.pdf", "peers/szfgs2024.expected.json"},             /* 6 */
    {"tests/fixtures/peers/hzq2023_working.pdf", "peers/hzq2023_working.expected.json"}, /* 7 */
    {"tests/fixtures/peers/hzq2024_working.pdf", "peers/hzq2024_working.expected.json"}, /* 8 */
    {"examples/000_610e68cbc9aa9a29.txt", NULL}, /* 9: the same report again */
    {"tests/rules/v-t3-02.fires.1.txt", NULL},   /* 10: （七）总计 9 ≠ 6 + 4 */
};
#define NINPUTS     (int)(sizeof inputs / sizeof inputs[0])
#define MISSING_REL "tests/fixtures/peers/no-such-report.pdf" /* 11 */
#define BAD_NAME    "坏\xff名.txt"                            /* 12: not UTF-8 */
#define BAD_NAME_OK "坏\xEF\xBF\xBD名.txt"

static char unreadable_why[256];

static void write_dataset(const char *out)
{
    gk_exporter *x = NULL;
    gk_error err = {GK_OK, ""};
    CHECK_INT(gk_export_open(GK_EXPORT_SQLITE, out, GK_LANG_ZH, &x, &err), GK_OK);
    if (!x)
        return;
    for (int i = 0; i < NINPUTS; i++) {
        gk_doc *doc = read_checked(inputs[i].rel);
        if (!doc)
            continue;
        gk_status st = gk_export_add(x, doc, &err);
        CHECK_MSG(st == GK_OK, "add %s: %s", inputs[i].rel, err.msg);
        gk_doc_free(doc);
    }
    char *missing = path_of(MISSING_REL);
    gk_doc *doc = NULL;
    CHECK(gk_doc_read_file(missing, &doc, &err) != GK_OK);
    CHECK(doc == NULL);
    snprintf(unreadable_why, sizeof unreadable_why, "%s", err.msg);
    CHECK(unreadable_why[0] != '\0');
    CHECK_INT(gk_export_add_unreadable(x, missing, unreadable_why, &err), GK_OK);
    CHECK_INT(gk_export_add_unreadable(x, BAD_NAME, "不是年报", &err), GK_OK);
    free(missing);
    CHECK_INT(gk_export_close(x, &err), GK_OK);
}

/* Every cell of a golden file is in the database with the transcribed value. */
static void check_golden(int id, const char *golden_rel)
{
    char rel[256], idbuf[16], want[512];
    snprintf(rel, sizeof rel, "tests/golden/%s", golden_rel);
    snprintf(idbuf, sizeof idbuf, "%d", id);
    char *p = path_of(rel);
    json_error_t jerr;
    json_t *g = json_load_file(p, 0, &jerr);
    CHECK_MSG(g != NULL, "%s: %s", p, jerr.text);
    free(p);
    if (!g)
        return;
    json_t *cells = json_object_get(g, "cells");
    const char *key;
    json_t *v;
    int bad = 0;
    json_object_foreach(cells, key, v)
    {
        if (json_is_integer(v)) {
            snprintf(want, sizeof want, "number|%lld|0|%lld", (long long)json_integer_value(v),
                     (long long)json_integer_value(v));
        } else if (json_is_string(v)) { /* money, exactly as written: value and scale */
            const char *s = json_string_value(v), *dot = strchr(s, '.');
            char digits[64];
            size_t n = 0;
            for (const char *c = s; *c && n + 1 < sizeof digits; c++)
                if (*c != '.')
                    digits[n++] = *c;
            digits[n] = '\0';
            snprintf(want, sizeof want, "number|%lld|%d|%s", atoll(digits),
                     dot ? (int)strlen(dot + 1) : 0, s);
        } else { /* null: nothing written in the cell */
            snprintf(want, sizeof want, "blank|NULL|NULL");
        }
        const char *sql = json_is_null(v) ? "SELECT state, value, scale FROM cells "
                                            "WHERE report_id = ?1 AND key = ?2"
                                          : "SELECT state, value, scale, text FROM cells "
                                            "WHERE report_id = ?1 AND key = ?2";
        char *got = q(sql, idbuf, key);
        if (strcmp(got, want) != 0 && bad++ < 10)
            CHECK_MSG(0, "%s %s: got \"%s\", want \"%s\"", golden_rel, key, got, want);
        free(got);
    }
    CHECK_MSG(bad == 0, "%s: %d cells differ", golden_rel, bad);

    /* every cell of every table: as many cells as the golden file lists, no others */
    snprintf(want, sizeof want, "%zu", json_object_size(cells));
    CHECK_Q1(want, "SELECT count(*) FROM cells WHERE report_id = ?1", idbuf);

    snprintf(want, sizeof want, "%s|%lld|%s", json_string_value(json_object_get(g, "agency")),
             (long long)json_integer_value(json_object_get(g, "year")),
             json_string_value(json_object_get(json_object_get(g, "template"), "t2")));
    CHECK_Q1(want, "SELECT agency, year, template FROM reports WHERE id = ?1", idbuf);
    json_decref(g);
}

static void check_reports(void)
{
    char *missing = path_of(MISSING_REL), want[1024];
    CHECK_Q("12", "SELECT count(*) FROM reports");
    CHECK_Q("1|县级\n2|部门\n3|部门\n4|县级\n5|部门\n6|市级\n7|县级\n8|县级\n9|县级\n10|县级\n"
            "11|NULL\n12|NULL",
            "SELECT id, level FROM reports ORDER BY id");
    for (int i = 0; i < NINPUTS; i++) {
        char *p = path_of(inputs[i].rel), id[16];
        snprintf(id, sizeof id, "%d", i + 1);
        CHECK_Q2("1", "SELECT count(*) FROM reports WHERE id = ?1 AND file = ?2 AND is_report = 1",
                 id, p);
        free(p);
    }
    /* the brief's own query: 淮安市人民政府 2024, 一、本年新收 总计 */
    CHECK_Q("3119", "SELECT value FROM cells JOIN reports ON reports.id = cells.report_id "
                    "WHERE file LIKE '%szfgs2024.pdf' AND key = 't3.new.total'");
    CHECK_Q("pdf|NULL|2024", "SELECT input, encoding, year FROM reports WHERE id = 6");
    CHECK_Q("3", "SELECT count(*) FROM reports WHERE input = 'pdf' AND encoding IS NULL");
    CHECK_Q("7", "SELECT count(*) FROM reports WHERE input = 'text' AND encoding IS NOT NULL");
    CHECK_Q("0", "SELECT count(*) FROM reports WHERE published IS NOT NULL AND published NOT GLOB "
                 "'[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'");

    /* the duplicate points at the first one; nothing else is a duplicate */
    CHECK_Q("9|1", "SELECT id, duplicate_of FROM reports WHERE duplicate_of IS NOT NULL");
    CHECK_Q("200", "SELECT count(*) FROM cells WHERE report_id = 9");

    /* unreadable inputs: the reason, one GK-UNREADABLE error, no cells */
    snprintf(want, sizeof want, "%s|0|1|0|0|NULL|NULL|%s", missing, unreadable_why);
    CHECK_Q(want, "SELECT file, is_report, errors, warnings, notes, input, agency, unreadable "
                  "FROM reports WHERE id = 11");
    snprintf(want, sizeof want, "error|GK-UNREADABLE|cannot be read: %s", unreadable_why);
    CHECK_Q(want, "SELECT severity, rule, message_en FROM diagnostics WHERE report_id = 11");
    CHECK_Q("0", "SELECT count(*) FROM cells WHERE report_id IN (11, 12)");
    CHECK_Q("2", "SELECT count(*) FROM reports WHERE unreadable IS NOT NULL");
    /* a file name that is not UTF-8 is stored as valid UTF-8, the bad byte as U+FFFD */
    CHECK_Q(BAD_NAME_OK "|不是年报", "SELECT file, unreadable FROM reports WHERE id = 12");

    /* the counts agree with the diagnostics table */
    CHECK_Q("0",
            "SELECT count(*) FROM reports r WHERE "
            "errors <> (SELECT count(*) FROM diagnostics WHERE report_id = r.id AND severity = "
            "'error') OR warnings <> (SELECT count(*) FROM diagnostics WHERE report_id = r.id AND "
            "severity = 'warning') OR notes <> (SELECT count(*) FROM diagnostics WHERE report_id "
            "= r.id AND severity = 'note')");
    free(missing);
}

static void check_cells(void)
{
    /* 000: （一）予以公开 法律服务机构 is empty (golden null; README: line 54) */
    CHECK_Q("blank|NULL|NULL|NULL|54|NULL",
            "SELECT state, value, scale, text, line, page FROM cells "
            "WHERE report_id = 1 AND key = 't3.grant.legal'");
    CHECK_Q("t3|t3.grant|legal", "SELECT table_key, row_key, col_key FROM cells "
                                 "WHERE report_id = 1 AND key = 't3.grant.legal'");
    /* money: 000 本年收费金额 4330 万元 (header unit, so no unit in the cell) */
    CHECK_Q("4330|0|NULL", "SELECT value, scale, unit FROM cells "
                           "WHERE report_id = 1 AND key = 't2.admin_fee.amount_wan'");

    /* 004: the 2019 trial format and its three procurement sub-rows (golden README) */
    CHECK_Q("2019|江海区政府办公室|2019",
            "SELECT template, agency, year FROM reports WHERE id = 5");
    CHECK_Q("t2v19.procurement.sub1|amount|359600|0|359600|元\n"
            "t2v19.procurement.sub1|projects|1|0|1|NULL\n"
            "t2v19.procurement.sub2|amount|221700|0|221700|元\n"
            "t2v19.procurement.sub2|projects|7|0|7|NULL\n"
            "t2v19.procurement.sub3|amount|118591105|2|1185911.05|元\n"
            "t2v19.procurement.sub3|projects|6|0|6|NULL",
            "SELECT row_key, col_key, value, scale, text, unit FROM cells WHERE report_id = 5 "
            "AND row_key LIKE 't2v19.procurement.sub%' ORDER BY row_key, col_key");
    CHECK_Q("1\n1\n1", "SELECT label LIKE '%' || x || '%' FROM cells JOIN (SELECT "
                       "'sub1' AS s, '省级平台采购' AS x UNION ALL SELECT 'sub2', '区级平台采购' "
                       "UNION ALL SELECT 'sub3', '自主采购') ON key = 't2v19.procurement.' || s || "
                       "'.projects' WHERE report_id = 5 ORDER BY s");
    CHECK_Q("t2",
            "SELECT DISTINCT table_key FROM cells WHERE report_id = 5 AND key LIKE 't2v19.%'");
    CHECK_Q("0", "SELECT count(*) FROM cells WHERE report_id = 5 AND key LIKE 't2.%'");
    /* the sub-rows add up to the main row (README: 1+7+6 = 14, 359600+221700+1185911.05) */
    CHECK_Q("14|1767211.05|元", "SELECT p.value, a.text, a.unit FROM cells p, cells a "
                                "WHERE p.report_id = 5 AND p.key = 't2v19.procurement.projects' "
                                "AND a.report_id = 5 AND a.key = 't2v19.procurement.amount'");
    CHECK_Q("14|176721105",
            "SELECT sum(CASE col_key WHEN 'projects' THEN value END), "
            "sum(CASE col_key WHEN 'amount' THEN value * (CASE scale WHEN 0 THEN 100 ELSE 1 END) "
            "END) FROM cells WHERE report_id = 5 AND row_key LIKE 't2v19.procurement.sub%'");

    /* the mixed hzq reports: 2021 table 二, 2019 table 三 with the single row t3.other */
    CHECK_Q("2021|21|0", "SELECT template, (SELECT value FROM cells WHERE report_id = 7 AND key = "
                         "'t3.new.total'), (SELECT count(*) FROM cells WHERE report_id = 7 AND "
                         "key LIKE 't3.other.%.%') FROM reports WHERE id = 7");
    CHECK_Q("0", "SELECT value FROM cells WHERE report_id = 8 AND key = 't3.other.total'");

    /* positions: PDF cells have pages, text cells lines and no pages */
    CHECK_Q("0", "SELECT count(*) FROM cells WHERE report_id IN (6, 7, 8) AND state <> 'missing' "
                 "AND (page IS NULL OR line IS NULL)");
    CHECK_Q("0", "SELECT count(*) FROM cells WHERE report_id BETWEEN 1 AND 5 AND "
                 "(page IS NOT NULL OR (state <> 'missing' AND line IS NULL))");
    CHECK_Q("0", "SELECT count(*) FROM cells WHERE state NOT IN ('number', 'blank', 'missing', "
                 "'invalid') OR (state = 'number') <> (value IS NOT NULL AND scale IS NOT NULL)");

    /* the view: the number as REAL */
    CHECK_Q("1767211.05|1", "SELECT text, value = 1767211.05 FROM v_cells "
                            "WHERE report_id = 5 AND key = 't2v19.procurement.amount'");
    CHECK_Q("淮安市人民政府|2024|3119.0", "SELECT agency, year, value FROM v_cells "
                                          "WHERE file LIKE '%szfgs2024.pdf' AND key = "
                                          "'t3.new.total'");
    CHECK_Q("NULL", "SELECT value FROM v_cells WHERE report_id = 1 AND key = 't3.grant.legal'");
}

static void check_diagnostics(void)
{
    /* golden README: 000 says 其他处理 15 宗, the table's total column has 17 */
    CHECK_Q("1", "SELECT count(*) FROM diagnostics WHERE report_id = 1 AND rule = 'P-COUNT' AND "
                 "expected = '17' AND actual = '15' AND keys LIKE '%t3.other.%' AND line > 0");
    /* and 000 t3.grant.legal is blank, found where it is */
    CHECK_Q("warning|54", "SELECT severity, line FROM diagnostics WHERE report_id = 1 AND "
                          "rule = 'V-T3-09' AND keys = 't3.grant.legal'");
    /* the duplicate carries the same findings */
    CHECK_Q("1", "SELECT (SELECT count(*) FROM diagnostics WHERE report_id = 1) = (SELECT count(*) "
                 "FROM diagnostics WHERE report_id = 9)");
    /* peers README: hzq2023 breaks V-T4-01 twice (行政复议, 复议后起诉), nothing else does */
    CHECK_Q("t4.lit_after_review.total\nt4.review.total",
            "SELECT substr(keys, 1, instr(keys || ' ', ' ') - 1) AS k FROM diagnostics "
            "WHERE rule = 'V-T4-01' ORDER BY k");
    CHECK_Q("7|4", "SELECT DISTINCT report_id, page FROM diagnostics WHERE rule = 'V-T4-01'");
    /* golden READMEs: no table of the real reports breaks V-T3-01/02/03 */
    CHECK_Q("0", "SELECT count(*) FROM diagnostics WHERE report_id BETWEEN 1 AND 9 AND rule IN "
                 "('V-T3-01', 'V-T3-02', 'V-T3-03')");
    /* rules README: v-t3-02.fires.1 fires V-T3-02 in np and total, not V-T3-01/03 */
    CHECK_Q("error|t3.total_processed.np\nerror|t3.total_processed.total",
            "SELECT severity, substr(keys, 1, instr(keys || ' ', ' ') - 1) AS k FROM diagnostics "
            "WHERE report_id = 10 AND rule LIKE 'V-T3-0%' ORDER BY k");
    CHECK_Q("0", "SELECT count(*) FROM diagnostics WHERE severity NOT IN ('error', 'warning', "
                 "'note') OR keys = '' OR expected = '' OR actual = '' OR line = 0 OR page = 0");
}

static void check_schema(void)
{
    CHECK_Q("1", "PRAGMA user_version");
    CHECK_Q("generator|gongkai " GK_VERSION "\nlang|zh\nschema_version|1",
            "SELECT name, value FROM meta ORDER BY name");
    CHECK_Q("ok", "PRAGMA integrity_check");
    CHECK_Q("", "PRAGMA foreign_key_check");
    CHECK_Q("delete", "PRAGMA journal_mode"); /* OFF was only for writing */
    CHECK_Q("cell_keys|table\ncells|table\ncells_key|index\ndiagnostics|table\n"
            "diagnostics_report|index\ndiagnostics_rule|index\nmeta|table\nreports|table\n"
            "v_cells|view",
            "SELECT name, type FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name");
    CHECK_Q("cells|key", "SELECT tbl_name, (SELECT name FROM pragma_index_info('cells_key')) "
                         "FROM sqlite_master WHERE name = 'cells_key'");
    CHECK_Q("diagnostics|rule", "SELECT tbl_name, (SELECT name FROM pragma_index_info("
                                "'diagnostics_rule')) FROM sqlite_master "
                                "WHERE name = 'diagnostics_rule'");
    CHECK_Q("cells|report_id|id\ndiagnostics|report_id|id\nreports|duplicate_of|id",
            "SELECT m.name, f.\"from\", f.\"to\" FROM sqlite_master m, "
            "pragma_foreign_key_list(m.name) f WHERE m.type = 'table' ORDER BY m.name");
    /* the dictionary: 200 cells in the 2021 format, 22 + 161 + 15 in 2019 (golden counts) */
    CHECK_Q("200|198", "SELECT sum(in_2021), sum(in_2019) FROM cell_keys");
    CHECK_Q("（一）予以公开|三、本年度办理结果|法律服务机构|count|0|1|1",
            "SELECT row_label, row_group, col_label, kind, is_total, in_2021, in_2019 "
            "FROM cell_keys WHERE key = 't3.grant.legal'");
    CHECK_Q("0|1|1|0",
            "SELECT a.in_2021, a.in_2019, b.in_2021, b.in_2019 FROM cell_keys a, "
            "cell_keys b WHERE a.key = 't3.other.np' AND b.key = 't3.other.other.total'");
    CHECK_Q("money|signed", "SELECT (SELECT kind FROM cell_keys WHERE key = "
                            "'t2v19.procurement.amount'), (SELECT kind FROM cell_keys WHERE key = "
                            "'t2v19.license.delta')");
    CHECK_Q("0", "SELECT count(*) FROM cells c WHERE c.key NOT LIKE '%.sub%' AND NOT EXISTS "
                 "(SELECT 1 FROM cell_keys k WHERE k.key = c.key AND k.table_key = c.table_key "
                 "AND k.row_key = c.row_key AND k.col_key = c.col_key)");
}

/* The example queries of docs/dataset.md, section SQLite, run as written. */
static void check_doc_queries(void)
{
    char *p = path_of("docs/dataset.md");
    char *md = t_slurp(p, NULL);
    CHECK_MSG(md != NULL, "cannot read %s", p);
    free(p);
    if (!md)
        return;
    char *sec = strstr(md, "\n## SQLite");
    CHECK(sec != NULL);
    if (!sec) {
        free(md);
        return;
    }
    char *end = strstr(sec + 1, "\n## ");
    if (end)
        *end = '\0';

    /* expected answers: the v-t3-02 fixture; sums and levels from the golden files */
    char *fixture = path_of(inputs[9].rel);
    char want[5][1024];
    snprintf(want[0], sizeof want[0], "10|%s|西塞山区|2024", fixture);
    snprintf(want[1], sizeof want[1], "10|%s|9|10", fixture); /* rules README: 9 vs 6 + 4 */
    long long sum[3000] = {0}, n[3000] = {0};
    for (int i = 0; i < NINPUTS; i++) {
        if (!inputs[i].golden)
            continue;
        char rel[256];
        snprintf(rel, sizeof rel, "tests/golden/%s", inputs[i].golden);
        char *gp = path_of(rel);
        json_t *g = json_load_file(gp, 0, NULL);
        free(gp);
        int year = (int)json_integer_value(json_object_get(g, "year"));
        sum[year] +=
            json_integer_value(json_object_get(json_object_get(g, "cells"), "t3.new.total"));
        n[year]++;
        json_decref(g);
    }
    sum[2024] += 10, n[2024]++; /* the fixture: B21 = seed 003, 2024, new 10 */
    size_t len = 0;
    want[2][0] = '\0';
    for (int y = 0; y < 3000; y++)
        if (n[y])
            len += (size_t)snprintf(want[2] + len, sizeof want[2] - len, "%s%d|%lld|%lld",
                                    len ? "\n" : "", y, sum[y], n[y]);
    snprintf(want[3], sizeof want[3], "县级|5\n部门|3\n市级|1");
    snprintf(want[4], sizeof want[4],
             "一、本年新收政府信息公开申请数量|自然人|97"); /* golden 000 */

    int nq = 0;
    for (char *s = sec; (s = strstr(s, "```sql\n")) != NULL; nq++) {
        s += 7;
        char *e = strstr(s, "```");
        if (!e)
            break;
        *e = '\0';
        char *got = q(s, NULL, NULL);
        if (nq < 4) {
            CHECK_MSG(strcmp(got, want[nq]) == 0,
                      "docs query %d:\n%s\n  got  \"%s\"\n  want \"%s\"", nq + 1, s, got, want[nq]);
        } else if (nq == 4) { /* report 1's table 三 with labels: 25 rows × 7 columns */
            CHECK_MSG(strncmp(got, want[4], strlen(want[4])) == 0 && got[strlen(want[4])] == '\n',
                      "docs query 5 starts \"%.80s\"", got);
            int lines = 1;
            for (char *c = got; *c; c++)
                lines += *c == '\n';
            CHECK_INT(lines, 175);
        }
        free(got);
        s = e + 3;
    }
    CHECK_INT(nq, 5);
    free(fixture);
    free(md);
}

/* ---- more exports: many reports in several transactions, English, abort, errors ---- */

static void check_batches(const char *dir)
{
    char out[2048];
    snprintf(out, sizeof out, "%.1000s/many.db", dir);
    gk_doc *doc = read_checked("examples/003_43b3efced0382fbe.txt");
    gk_exporter *x = NULL;
    gk_error err = {GK_OK, ""};
    CHECK_INT(gk_export_open(GK_EXPORT_SQLITE, out, GK_LANG_EN, &x, &err), GK_OK);
    int total = 1203; /* more than two transactions of 500 */
    for (int i = 0; doc && x && i < total; i++)
        if (gk_export_add(x, doc, &err) != GK_OK) {
            CHECK_MSG(0, "add %d: %s", i, err.msg);
            break;
        }
    CHECK_INT(gk_export_close(x, &err), GK_OK);
    gk_doc_free(doc);

    sqlite3 *main_db = db;
    CHECK_INT(sqlite3_open_v2(out, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    CHECK_Q("1203|1|1203|1202", "SELECT count(*), min(id), max(id), count(duplicate_of) "
                                "FROM reports");
    CHECK_Q("1", "SELECT count(DISTINCT duplicate_of) FROM reports");
    CHECK_Q("240600", "SELECT count(*) FROM cells"); /* 1203 × 200 */
    CHECK_Q("county|西塞山区|12030", "SELECT DISTINCT level, agency, (SELECT sum(value) FROM cells "
                                     "WHERE key = 't3.new.total') FROM reports");
    CHECK_Q("en", "SELECT value FROM meta WHERE name = 'lang'");
    sqlite3_close(db);
    db = main_db;
    CHECK_INT(unlink(out), 0);
    CHECK_INT(count_entries(dir, NULL, 0), 0);
}

static void check_abort_and_errors(const char *dir)
{
    char out[2048], first[256];
    snprintf(out, sizeof out, "%.1000s/aborted.sqlite", dir);
    gk_exporter *x = NULL;
    gk_error err = {GK_OK, ""};
    gk_doc *doc = read_checked("examples/001_0786ebd486ce37d5.txt");
    CHECK_INT(gk_export_open(GK_EXPORT_SQLITE, out, GK_LANG_ZH, &x, &err), GK_OK);
    CHECK_INT(count_entries(dir, first, sizeof first), 1); /* the temporary file only */
    CHECK_MSG(strstr(first, ".tmp") != NULL, "temporary file %s", first);
    if (x && doc)
        CHECK_INT(gk_export_add(x, doc, &err), GK_OK);
    gk_export_abort(x);
    gk_doc_free(doc);
    CHECK_INT(count_entries(dir, NULL, 0), 0);

    /* a directory that does not exist: an I/O error naming the file, nothing left */
    snprintf(out, sizeof out, "%.1000s/no/such/dir/out.sqlite", dir);
    x = NULL;
    gk_status st = gk_export_open(GK_EXPORT_SQLITE, out, GK_LANG_ZH, &x, &err);
    CHECK_INT(st, GK_ERR_IO);
    CHECK(x == NULL);
    CHECK_MSG(strstr(err.msg, "out.sqlite") != NULL, "message: %s", err.msg);
    CHECK_INT(count_entries(dir, NULL, 0), 0);
}

int main(int argc, char **argv)
{
    root = argc > 1 ? argv[1] : ".";
    const char *tmpdir = getenv("TMPDIR");
    char dir[1024], out[2048], first[256];
    snprintf(dir, sizeof dir, "%.900s/gk-export-sqlite-XXXXXX",
             tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(out, sizeof out, "%.1000s/dataset.sqlite", dir);

    write_dataset(out);
    CHECK_INT(count_entries(dir, first, sizeof first), 1); /* no temporary file is left */
    CHECK_STR(first, "dataset.sqlite");

    CHECK_INT(sqlite3_open_v2(out, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    for (int i = 0; i < NINPUTS; i++)
        if (inputs[i].golden)
            check_golden(i + 1, inputs[i].golden);
    check_reports();
    check_cells();
    check_diagnostics();
    check_schema();
    check_doc_queries();
    sqlite3_close(db);
    db = NULL;
    CHECK_INT(unlink(out), 0);

    check_batches(dir);
    check_abort_and_errors(dir);
    rmdir(dir);
    return t_report();
}
