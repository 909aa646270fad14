/*
 * test_units.c — unit tests of the core pieces (numbers, normalisation, schema, text reader)
 * and of bad input: empty, binary, invalid UTF-8, not a report, truncated, oversized, no tables.
 *
 * usage: test-units
 */
#include <gongkai/gongkai.h>
#include <stdlib.h>

#include "core/norm.h"
#include "core/num.h"
#include "core/strbuf.h"
#include "harness.h"
#include "report/split.h"

static void test_numbers(void)
{
    gk_value v;
    CHECK_INT(num_parse_cell("59.91", 5, &v), GK_CELL_NUMBER);
    CHECK_INT(v.value, 5991);
    CHECK_INT(v.scale, 2);
    const char *yuan = "1767211.05元";
    CHECK_INT(num_parse_cell(yuan, strlen(yuan), &v), GK_CELL_NUMBER);
    CHECK_INT(v.value, 176721105);
    CHECK_INT(v.unit, GK_UNIT_YUAN);
    CHECK_INT(num_parse_cell("-417", 4, &v), GK_CELL_NUMBER);
    CHECK_INT(v.value, -417);
    CHECK_INT(num_parse_cell("+1036", 5, &v), GK_CELL_NUMBER);
    CHECK_INT(v.value, 1036);
    CHECK_INT(num_parse_cell("", 0, &v), GK_CELL_BLANK);
    CHECK_INT(num_parse_cell("/", 1, &v), GK_CELL_BLANK);
    CHECK_INT(num_parse_cell("无", strlen("无"), &v), GK_CELL_BLANK);
    CHECK_INT(num_parse_cell("12a", 3, &v), GK_CELL_INVALID);
    CHECK_INT(num_parse_cell("99999999999999999999", 20, &v), GK_CELL_INVALID);
    char buf[32];
    CHECK_STR(num_format(-5991, 2, buf, sizeof buf), "-59.91");
    CHECK_STR(num_format(5, 3, buf, sizeof buf), "0.005");
}

static void test_strbuf(void)
{
    char buf[12];
    strbuf s;
    sb_init(&s, buf, sizeof buf);
    sb_i64(&s, -417);
    sb_put(&s, " ≠ ");
    CHECK_STR(buf, "-417 ≠ ");
    sb_put(&s, "toolong"); /* truncated at the buffer's end, still terminated */
    CHECK_INT(strlen(buf), 11);
    sb_init(&s, buf, 6);
    sb_put(&s, "ab≠≠");
    CHECK_STR(buf, "ab≠");
    sb_init(&s, buf, sizeof buf);
    sb_i64(&s, 0);
    CHECK_STR(buf, "0");
    char big[32];
    sb_init(&s, big, sizeof big);
    sb_i64(&s, INT64_MIN);
    CHECK_STR(big, "-9223372036854775808");
}

static void test_norm(void)
{
    arena a;
    arena_init(&a);
    uint32_t n;
    const char *s = "（一） 予以公开，１０　件";
    CHECK_STR(norm_text(&a, s, strlen(s), &n, NULL), "(一)予以公开,10件");
    const char *q = "危及“三安全一稳定”";
    CHECK_STR(norm_text(&a, q, strlen(q), &n, NULL), "危及\"三安全一稳定\"");
    const char *sp = "结 果 维 持";
    CHECK_STR(norm_text(&a, sp, strlen(sp), &n, NULL), "结果维持");
    /* byte 5 of the matching form is 予, the 5th character of the source (after a space) */
    CHECK_INT(norm_col_of(s, strlen(s), 5), 5);
    norm_cursor cur = {0, 0, 0}; /* resumable: forwards, then back to the start */
    CHECK_INT(norm_col_at(&cur, s, strlen(s), 5), 5);
    CHECK_INT(norm_col_at(&cur, s, strlen(s), 17), 9); /* byte 17 is the "," after 公开 */
    CHECK_INT(norm_col_at(&cur, s, strlen(s), 0), 1);
    const char *bad = NULL, *broken = "ab\xff"
                                      "c";
    CHECK_STR(norm_text(&a, broken, 4, &n, &bad), "ab\xEF\xBF\xBD"
                                                  "c");
    CHECK(bad == broken + 2);
    arena_free(&a);
}

static void test_schema(void)
{
    CHECK_INT(gk_schema_cell_count(gk_schema_table(GK_T3, GK_FORMAT_2021)), 175);
    CHECK_INT(gk_schema_cell_count(gk_schema_table(GK_T3, GK_FORMAT_2019)), 161);
    CHECK_INT(gk_schema_cell_count(gk_schema_table(GK_T2, GK_FORMAT_2021)), 10);
    CHECK_INT(gk_schema_cell_count(gk_schema_table(GK_T2, GK_FORMAT_2019)), 22);
    CHECK_INT(gk_schema_cell_count(gk_schema_table(GK_T4, GK_FORMAT_2021)), 15);
    int r, c;
    const gk_table_def *t3 = gk_schema_table(GK_T3, GK_FORMAT_2021);
    CHECK_INT(gk_schema_find_cell(t3, "t3.refuse.third_party.total", &r, &c), 0);
    CHECK_STR(t3->rows[r].key, "t3.refuse.third_party");
    CHECK_INT(c, 6);
    CHECK(gk_schema_key_has_prefix("t3.other.no_fee", "t3.other"));
    CHECK(!gk_schema_key_has_prefix("t3.other_x", "t3.other"));
}

static void test_blocks(void)
{
    const char *text = "\xEF\xBB\xBF标题\r\n规章\t0\t\t3\r二";
    gk_blocks *b = NULL;
    CHECK_INT(gk_blocks_read_text(text, strlen(text), &b, NULL), GK_OK);
    CHECK_INT(gk_blocks_count(b), 3);
    const gk_block *row = gk_blocks_get(b, 1);
    CHECK_INT(row->kind, GK_BLOCK_ROW);
    CHECK_INT(row->ncells, 4);
    CHECK_INT(row->cells[2].norm_len, 0);
    CHECK_INT(row->cells[3].line, 2);
    CHECK_INT(row->cells[3].col, 7);
    CHECK_INT(gk_blocks_get(b, 2)->text.line, 3);
    CHECK_INT(gk_blocks_get(b, 0)->text.col, 1);
    gk_blocks_free(b);
}

/* Reads `data` and returns the rule of the first diagnostic, or the status as text. */
static const char *outcome(const char *data, size_t len, char *buf, size_t size)
{
    gk_doc *doc = NULL;
    gk_error err = {GK_OK, ""};
    gk_status st = gk_doc_read_text(data, len, "x", &doc, &err);
    if (st != GK_OK) {
        snprintf(buf, size, "status %d", (int)st);
        CHECK_MSG(err.msg[0] != '\0', "error without a message");
        return buf;
    }
    gk_check(doc);
    snprintf(buf, size, "%s%s", gk_doc_is_report(doc) ? "" : "not-report ",
             gk_doc_diag_count(doc) ? gk_doc_diag(doc, 0)->rule : "clean");
    gk_doc_free(doc);
    return buf;
}

static void test_bad_input(void)
{
    char buf[64];
    CHECK_STR(outcome("", 0, buf, sizeof buf), "not-report GK-EMPTY");
    CHECK_STR(outcome("\x00\x01\x02garbage", 10, buf, sizeof buf), "status 3");
    CHECK_STR(outcome("abc\xC3\x28", 5, buf, sizeof buf), "status 3");
    const char *news = "本报讯 今天天气晴。\n记者 张三\n";
    CHECK_STR(outcome(news, strlen(news), buf, sizeof buf), "not-report GK-NOT-REPORT");
    const char *truncated =
        "某局2024年政府信息公开工作年度报告\n一、总体情况\n本年度……\n二、主动公开政府信息情况\n"
        "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0";
    gk_doc *doc = NULL;
    CHECK_INT(gk_doc_read_text(truncated, strlen(truncated), "t", &doc, NULL), GK_OK);
    gk_check(doc);
    int missing_tables = 0;
    for (size_t i = 0; i < gk_doc_diag_count(doc); i++)
        missing_tables += strcmp(gk_doc_diag(doc, i)->rule, "GK-MISSING-TABLE") == 0;
    CHECK_INT(missing_tables, 2);
    CHECK(gk_doc_diag_count_at_least(doc, GK_SEV_ERROR) > 0);
    gk_doc_free(doc);
    size_t big = (size_t)GK_MAX_INPUT_BYTES + 1;
    char *huge = malloc(big);
    memset(huge, 'a', big);
    CHECK_STR(outcome(huge, big, buf, sizeof buf), "status 2");
    free(huge);
    gk_error err;
    CHECK_INT(gk_doc_read_file("/nonexistent/report.txt", &doc, &err), GK_ERR_IO);
    CHECK(doc == NULL);
}

/* The cells of solution s as "a,b,c". */
static const char *cells_of(const char *d, const split_sol *s, int n, char *buf, size_t size)
{
    strbuf sb;
    sb_init(&sb, buf, size);
    for (int c = 0; c < n; c++) {
        sb_put(&sb, c ? "," : "");
        sb_putn(&sb, d + s->start[c], (size_t)(s->start[c + 1] - s->start[c]));
    }
    return buf;
}

static void test_split(void)
{
    static const unsigned char t3[7] = {0, 0, 0, 0, 0, 0, 1}; /* six columns and their total */
    static const unsigned char none[3] = {0, 0, 0};
    split_sol sol[SPLIT_MAX_SOL];
    char buf[128];
    /* the example: 217, 1, 0, 0, 0, 0, 218 is the only split whose total adds up */
    CHECK_INT(split_digits("21710000218", 11, t3, 7, sol, SPLIT_MAX_SOL), 1);
    CHECK_STR(cells_of("21710000218", &sol[0], 7, buf, sizeof buf), "217,1,0,0,0,0,218");
    /* 33 = 3 + 30 and 33 = 33 + 0: two splits, reported as such */
    CHECK_INT(split_digits("330000033", 9, t3, 7, sol, SPLIT_MAX_SOL), 2);
    /* zeros cannot lead a number, so "000" has one split even without totals */
    CHECK_INT(split_digits("000", 3, none, 3, sol, SPLIT_MAX_SOL), 1);
    CHECK_INT(split_digits("12", 2, t3, 7, sol, SPLIT_MAX_SOL), 0);      /* too few digits */
    CHECK_INT(split_digits("1234567", 7, t3, 7, sol, SPLIT_MAX_SOL), 0); /* 1+…+6 != 7 */
    /* without totals many splits exist: the count is capped at max + 1 */
    CHECK_INT(split_digits("123456", 6, none, 3, sol, 4), 5);
    CHECK_INT(split_digit_tail("数量217", strlen("数量217")), 3);
    CHECK_INT(split_digit_tail("数量", strlen("数量")), 0);
}

static void test_levels(void)
{
    static const struct {
        const char *agency;
        gk_level want;
    } cases[] = {
        {"江苏省人民政府", GK_LEVEL_PROVINCE},
        {"上海市人民政府", GK_LEVEL_PROVINCE}, /* a municipality is province level */
        {"广西壮族自治区人民政府", GK_LEVEL_PROVINCE},
        {"淮安市人民政府", GK_LEVEL_CITY},
        {"延边朝鲜族自治州人民政府", GK_LEVEL_CITY},
        {"淮安市洪泽区人民政府", GK_LEVEL_COUNTY},
        {"沭阳县人民政府", GK_LEVEL_COUNTY},
        {"西塞山区", GK_LEVEL_COUNTY},
        {"某某镇人民政府", GK_LEVEL_TOWNSHIP},
        {"城关街道办事处", GK_LEVEL_TOWNSHIP},
        {"沭阳县发展和改革局", GK_LEVEL_DEPARTMENT},
        {"上海市科学技术委员会", GK_LEVEL_DEPARTMENT},
        {"江海区政府办公室", GK_LEVEL_DEPARTMENT},
        {"", GK_LEVEL_UNKNOWN},
        {"2024年度报告", GK_LEVEL_UNKNOWN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_MSG(gk_agency_level(cases[i].agency) == cases[i].want, "level of %s: %d, want %d",
                  cases[i].agency, gk_agency_level(cases[i].agency), cases[i].want);
    CHECK_STR(gk_level_name(GK_LEVEL_COUNTY, GK_LANG_EN), "county");
    CHECK_STR(gk_level_name(GK_LEVEL_DEPARTMENT, GK_LANG_ZH), "部门");
}

int main(void)
{
    test_split();
    test_levels();
    test_numbers();
    test_strbuf();
    test_norm();
    test_schema();
    test_blocks();
    test_bad_input();
    return t_report();
}
