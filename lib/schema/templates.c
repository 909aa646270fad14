/*
 * templates.c — the 2019 trial and 2021 annual-report formats, as data.
 *
 * Transcribed from the spec (annual-report-format.md §a.2–a.5, §c.1–c.3, §f). Labels are the
 * official canonical text first, then the variants seen in real reports. Row labels carry no
 * numbering; `num` holds it for renderers. This file is the only place rows are listed.
 */
#include "schema_int.h"

#define L(...) ((const char *const[]){__VA_ARGS__, NULL})

/* ---- Sections (§a.2, variants §f) ---- */

const gk_section_def gk_sections[GK_SECTION_COUNT] = {
    {GK_S1_OVERALL, "s1_overall", "一", -1, L("总体情况", "政府信息公开工作总体情况"),
     L("总体情况")},
    {GK_S2_PROACTIVE, "s2_proactive", "二", GK_T2, L("主动公开政府信息情况", "主动公开信息情况"),
     L("主动公开", "情况")},
    {GK_S3_REQUESTS, "s3_requests", "三", GK_T3, L("收到和处理政府信息公开申请情况"),
     L("申请情况")},
    {GK_S4_REVIEW_LITIGATION, "s4_review_litigation", "四", GK_T4,
     L("政府信息公开行政复议、行政诉讼情况", "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
       "因政府信息公开工作被申请行政复议和提起行政诉讼情况", "政府信息公开行政复议及行政诉讼情况"),
     L("行政复议", "行政诉讼")},
    {GK_S5_PROBLEMS, "s5_problems", "五", -1,
     L("存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进情况", "存在问题及改进情况",
       "存在的主要问题及整改措施"),
     L("问题", "改")},
    {GK_S6_OTHER, "s6_other", "六", -1, L("其他需要报告的事项", "其他事项", "其他报告事项"),
     L("其他", "事项")},
};

/* ---- Table 2, 2021 (§a.3) ---- */

static const gk_col_def t2_cols_item1[] = {
    {"issued", L("本年制发件数"), GK_KIND_COUNT, 0},
    {"repealed", L("本年废止件数", "本年度止件数"), GK_KIND_COUNT, 0},
    {"in_force", L("现行有效件数", "现行有效件"), GK_KIND_COUNT, 0},
};
static const gk_col_def t2_cols_decisions[] = {
    {"decisions", L("本年处理决定数量"), GK_KIND_COUNT, 0},
};
static const gk_col_def t2_cols_fee[] = {
    {"amount_wan", L("本年收费金额（单位：万元）", "本年收费金额"), GK_KIND_MONEY, 0},
};
static const gk_block_def t2_blocks[] = {
    {"第二十条第（一）项", t2_cols_item1, 3},
    {"第二十条第（五）项", t2_cols_decisions, 1},
    {"第二十条第（六）项", t2_cols_decisions, 1},
    {"第二十条第（八）项", t2_cols_fee, 1},
};
static const gk_row_def t2_rows[] = {
    {"t2.reg", "", L("规章"), NULL, "第二十条第（一）项", 0},
    {"t2.nd", "", L("行政规范性文件", "规范性文件"), NULL, "第二十条第（一）项", 0},
    {"t2.license", "", L("行政许可"), NULL, "第二十条第（五）项", 1},
    {"t2.penalty", "", L("行政处罚"), NULL, "第二十条第（六）项", 2},
    {"t2.coercion", "", L("行政强制"), NULL, "第二十条第（六）项", 2},
    {"t2.admin_fee", "", L("行政事业性收费"), NULL, "第二十条第（八）项", 3},
};

/* ---- Table 2, 2019 trial (§c.1) ---- */

static const gk_col_def t2v19_cols_item1[] = {
    {"made_new", L("本年新制作数量"), GK_KIND_COUNT, 0},
    {"published_new", L("本年新公开数量"), GK_KIND_COUNT, 0},
    {"public_total", L("对外公开总数量", "对外公开总数"), GK_KIND_COUNT, 0},
};
static const gk_col_def t2v19_cols_items[] = {
    {"prev_items", L("上一年项目数量"), GK_KIND_COUNT, 0},
    {"delta", L("本年增/减", "本年增减"), GK_KIND_SIGNED, 0},
    {"decisions", L("处理决定数量"), GK_KIND_COUNT, 0},
};
static const gk_col_def t2v19_cols_fee[] = {
    {"prev_items", L("上一年项目数量"), GK_KIND_COUNT, 0},
    {"delta", L("本年增/减", "本年增减"), GK_KIND_SIGNED, 0},
};
static const gk_col_def t2v19_cols_procurement[] = {
    {"projects", L("采购项目数量"), GK_KIND_COUNT, 0},
    {"amount", L("采购总金额"), GK_KIND_MONEY, 0},
};
static const gk_block_def t2v19_blocks[] = {
    {"第二十条第（一）项", t2v19_cols_item1, 3},       {"第二十条第（五）项", t2v19_cols_items, 3},
    {"第二十条第（六）项", t2v19_cols_items, 3},       {"第二十条第（八）项", t2v19_cols_fee, 2},
    {"第二十条第（九）项", t2v19_cols_procurement, 2},
};
static const gk_row_def t2v19_rows[] = {
    {"t2v19.reg", "", L("规章"), NULL, "第二十条第（一）项", 0},
    {"t2v19.nd", "", L("规范性文件", "行政规范性文件"), NULL, "第二十条第（一）项", 0},
    {"t2v19.license", "", L("行政许可"), NULL, "第二十条第（五）项", 1},
    {"t2v19.other_service", "", L("其他对外管理服务事项"), NULL, "第二十条第（五）项", 1},
    {"t2v19.penalty", "", L("行政处罚"), NULL, "第二十条第（六）项", 2},
    {"t2v19.coercion", "", L("行政强制"), NULL, "第二十条第（六）项", 2},
    {"t2v19.admin_fee", "", L("行政事业性收费"), NULL, "第二十条第（八）项", 3},
    {"t2v19.procurement", "", L("政府集中采购"), NULL, "第二十条第（九）项", 4},
};

/* ---- Table 3 (§a.4, §c.2): the same columns in both formats ---- */

static const gk_col_def t3_cols[] = {
    {"np", L("自然人"), GK_KIND_COUNT, 0},          {"biz", L("商业企业"), GK_KIND_COUNT, 0},
    {"research", L("科研机构"), GK_KIND_COUNT, 0},  {"ngo", L("社会公益组织"), GK_KIND_COUNT, 0},
    {"legal", L("法律服务机构"), GK_KIND_COUNT, 0}, {"other_org", L("其他"), GK_KIND_COUNT, 0},
    {"total", L("总计"), GK_KIND_COUNT, 1},
};
static const gk_block_def t3_blocks[] = {{NULL, t3_cols, 7}};

#define RESULT "三、本年度办理结果"
#define REFUSE "（三）不予公开"
#define UNABLE "（四）无法提供"
#define IGNORE "（五）不予处理"
#define OTHER  "（六）其他处理"

/* Rows 0–19 are shared; the tail differs between the formats. */
#define T3_COMMON_ROWS                                                                             \
    {"t3.new", "一、", L("本年新收政府信息公开申请数量"), NULL, NULL, 0},                          \
        {"t3.carry_in", "二、", L("上年结转政府信息公开申请数量"), NULL, NULL, 0},                 \
        {"t3.grant", "（一）", L("予以公开"), RESULT, NULL, 0},                                    \
        {"t3.partial",                                                                             \
         "（二）",                                                                                 \
         L("部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开"),                      \
         RESULT,                                                                                   \
         NULL,                                                                                     \
         0},                                                                                       \
        {"t3.refuse.state_secret", "1.", L("属于国家秘密"), RESULT, REFUSE, 0},                    \
        {"t3.refuse.law_prohibited", "2.", L("其他法律行政法规禁止公开"), RESULT, REFUSE, 0},      \
        {"t3.refuse.security_stability",                                                           \
         "3.",                                                                                     \
         L("危及“三安全一稳定”", "危及三安全一稳定"),                                              \
         RESULT,                                                                                   \
         REFUSE,                                                                                   \
         0},                                                                                       \
        {"t3.refuse.third_party", "4.", L("保护第三方合法权益"), RESULT, REFUSE, 0},               \
        {"t3.refuse.internal_affairs", "5.", L("属于三类内部事务信息"), RESULT, REFUSE, 0},        \
        {"t3.refuse.process_info", "6.", L("属于四类过程性信息"), RESULT, REFUSE, 0},              \
        {"t3.refuse.enforcement_file", "7.", L("属于行政执法案卷"), RESULT, REFUSE, 0},            \
        {"t3.refuse.admin_query", "8.", L("属于行政查询事项"), RESULT, REFUSE, 0},                 \
        {"t3.unable.not_held", "1.", L("本机关不掌握相关政府信息"), RESULT, UNABLE, 0},            \
        {"t3.unable.need_creation", "2.", L("没有现成信息需要另行制作"), RESULT, UNABLE, 0},       \
        {"t3.unable.unclear", "3.", L("补正后申请内容仍不明确"), RESULT, UNABLE, 0},               \
        {"t3.ignore.petition", "1.", L("信访举报投诉类申请"), RESULT, IGNORE, 0},                  \
        {"t3.ignore.repeat", "2.", L("重复申请"), RESULT, IGNORE, 0},                              \
        {"t3.ignore.publication", "3.", L("要求提供公开出版物"), RESULT, IGNORE, 0},               \
        {"t3.ignore.excessive", "4.", L("无正当理由大量反复申请"), RESULT, IGNORE, 0},             \
    {                                                                                              \
        "t3.ignore.confirm_reissue", "5.", L("要求行政机关确认或重新出具已获取信息"), RESULT,      \
            IGNORE, 0                                                                              \
    }

#define T3_TAIL_ROWS                                                                               \
    {"t3.total_processed", "（七）", L("总计"), RESULT, NULL, 0},                                  \
    {                                                                                              \
        "t3.carry_out", "四、", L("结转下年度继续办理", "结转下一年度继续办理"), NULL, NULL, 0     \
    }

static const gk_row_def t3_rows_2021[] = {
    T3_COMMON_ROWS,
    {"t3.other.no_correction", "1.",
     L("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "逾期不补正"), RESULT,
     OTHER, 0},
    {"t3.other.no_fee", "2.",
     L("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
       "逾期未按收费通知要求缴纳费用"),
     RESULT, OTHER, 0},
    {"t3.other.other", "3.", L("其他"), RESULT, OTHER, 0},
    T3_TAIL_ROWS,
};

static const gk_row_def t3_rows_2019[] = {
    T3_COMMON_ROWS,
    {"t3.other", "（六）", L("其他处理"), RESULT, NULL, 0},
    T3_TAIL_ROWS,
};

static const gk_rule_def t3_rules[] = {
    {"V-T3-01", GK_RULE_COL_BALANCE, "t3.new t3.carry_in", "t3.total_processed t3.carry_out",
     "新收加上年结转应等于办理结果总计加结转下年度",
     "new + carried in must equal total processed + carried out"},
    {"V-T3-02", GK_RULE_COL_BALANCE, "t3.total_processed",
     "t3.grant t3.partial t3.refuse t3.unable t3.ignore t3.other",
     "（七）总计应等于（一）至（六）各项之和", "(7) total must equal the sum of outcomes (1)–(6)"},
    {"V-T3-03", GK_RULE_ROW_TOTAL, NULL, NULL, "总计列应等于各申请人列之和",
     "the total column must equal the sum of the applicant columns"},
};

/* ---- Table 4 (§a.5): identical in both formats ---- */

static const gk_col_def t4_cols[] = {
    {"upheld", L("结果维持"), GK_KIND_COUNT, 0}, {"corrected", L("结果纠正"), GK_KIND_COUNT, 0},
    {"other", L("其他结果"), GK_KIND_COUNT, 0},  {"pending", L("尚未审结"), GK_KIND_COUNT, 0},
    {"total", L("总计"), GK_KIND_COUNT, 1},
};
static const gk_block_def t4_blocks[] = {{NULL, t4_cols, 5}};
static const gk_row_def t4_rows[] = {
    {"t4.review", "", L("行政复议"), NULL, NULL, 0},
    {"t4.lit_direct", "", L("未经复议直接起诉"), "行政诉讼", NULL, 0},
    {"t4.lit_after_review", "", L("复议后起诉"), "行政诉讼", NULL, 0},
};
static const gk_rule_def t4_rules[] = {
    {"V-T4-01", GK_RULE_ROW_TOTAL, NULL, NULL,
     "总计应等于结果维持、结果纠正、其他结果、尚未审结之和",
     "total must equal upheld + corrected + other + pending"},
};

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

const gk_table_def gk_tables[] = {
    {GK_T2, GK_FORMAT_2021, "t2", "二、主动公开政府信息情况", t2_rows, N(t2_rows), t2_blocks,
     N(t2_blocks), L("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额"), NULL, 0},
    {GK_T2, GK_FORMAT_2019, "t2", "二、主动公开政府信息情况", t2v19_rows, N(t2v19_rows),
     t2v19_blocks, N(t2v19_blocks),
     L("本年新制作数量", "本年新公开数量", "对外公开总数", "上一年项目数量", "采购项目数量"), NULL,
     0},
    {GK_T3, GK_FORMAT_2021, "t3", "三、收到和处理政府信息公开申请情况", t3_rows_2021,
     N(t3_rows_2021), t3_blocks, 1, L("逾期不补正", "逾期未按收费通知"), t3_rules, N(t3_rules)},
    {GK_T3, GK_FORMAT_2019, "t3", "三、收到和处理政府信息公开申请情况", t3_rows_2019,
     N(t3_rows_2019), t3_blocks, 1, L("其他处理"), t3_rules, N(t3_rules)},
    {GK_T4, GK_FORMAT_2021, "t4", "四、政府信息公开行政复议、行政诉讼情况", t4_rows, N(t4_rows),
     t4_blocks, 1, L("结果维持"), t4_rules, N(t4_rules)},
    {GK_T4, GK_FORMAT_2019, "t4", "四、政府信息公开行政复议、行政诉讼情况", t4_rows, N(t4_rows),
     t4_blocks, 1, L("结果维持"), t4_rules, N(t4_rules)},
};
const int gk_ntables = N(gk_tables);
