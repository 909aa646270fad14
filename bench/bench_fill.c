/*
 * bench_fill.c — fills a store with one agency's applications over two years, for timing
 * `gongkai report` on a large store (bench/report.sh). Everything goes through the store's
 * public API (store.h), so the rows, the event logs and the audit chain are what the service
 * itself would have written; writes are grouped into batches (gk_store_begin … commit) of
 * BATCH applications, so that the disk is flushed once per batch rather than once per write.
 *
 * The mix is fixed by a seeded generator, so two fills of the same size are the same:
 *   applicants  自然人 86 %, 商业企业 7 %, 法律服务机构 3 %, 其他 2 %, 科研 1 %, 公益 1 %;
 *   channels    online 60 %, post 20 %, in person 15 %, e-mail 3 %, fax 1 %, other 1 %;
 *   outcomes    the T3 rows in plausible shares (公开 40 %, 部分公开 12 %, 不予公开 8 %,
 *               无法提供 24 %, 不予处理 5 %, 其他处理 4 %), 3 % withdrawn, 1 % left open;
 *   events      5 % extended (approved), 3 % consulted, 4 % given a 补正 notice (of which a
 *               quarter never answered: other.no_correction), fee notices for other.no_fee;
 *   cases       1.1 % go to review or court, decided 60 days after filing if that has passed;
 *   T2          a handful of 第二十条 figures for each of the two years.
 *
 * usage: bench-fill DB_URL [APPLICATIONS] [YEAR]
 *   APPLICATIONS default 1000000; YEAR default the last full year: receipts run over YEAR-1
 *   and YEAR. Prints the agency, what was written and the seconds it took.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gongkai/store.h>

#define BATCH 20000

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

/* splitmix64: a small, fast, seeded generator (the same fill every run). */
static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* A number in 0..n-1. */
static int below(int n)
{
    return (int)(rnd() % (uint64_t)n);
}

/* Picks a key by weights (per mille; the last one takes the rest). */
typedef struct pick {
    const char *key;
    int weight;
} pick;

static const char *choose(const pick *p, size_t n)
{
    int r = below(1000);
    for (size_t i = 0; i + 1 < n; i++) {
        if (r < p[i].weight)
            return p[i].key;
        r -= p[i].weight;
    }
    return p[n - 1].key;
}

#define CHOOSE(table) choose(table, sizeof table / sizeof table[0])

static const pick applicants[] = {
    {"np", 860}, {"biz", 70}, {"legal", 30}, {"other_org", 20}, {"research", 10}, {"ngo", 10},
};

static const pick channels[] = {
    {"online", 600}, {"post", 200}, {"in_person", 150}, {"email", 30}, {"fax", 10}, {"other", 10},
};

/* Outcomes of the replied applications; "withdrawal" and "open" are not replies. */
static const pick outcomes[] = {
    {"grant", 400},
    {"partial", 120},
    {"refuse.state_secret", 5},
    {"refuse.law_prohibited", 5},
    {"refuse.security_stability", 5},
    {"refuse.third_party", 15},
    {"refuse.internal_affairs", 15},
    {"refuse.process_info", 20},
    {"refuse.enforcement_file", 10},
    {"refuse.admin_query", 5},
    {"unable.not_held", 180},
    {"unable.need_creation", 30},
    {"unable.unclear", 30},
    {"ignore.petition", 10},
    {"ignore.repeat", 20},
    {"ignore.publication", 10},
    {"ignore.excessive", 5},
    {"ignore.confirm_reissue", 5},
    {"other.no_correction", 10},
    {"other.no_fee", 5},
    {"other.other", 25},
    {"withdrawal", 30},
    {"open", 10},
};

typedef struct fill {
    gk_store *s;
    gk_who who;
    int64_t agency;
    gk_date first, last; /* receipts run over these days */
    long apps, events, cases;
    int in_batch;
} fill;

static int die(const char *what, const gk_error *err)
{
    fprintf(stderr, "bench-fill: %s: %s\n", what, err->msg);
    exit(1);
}

/* Appends an event dated `day` (not after today). */
static void event(fill *f, int64_t app, gk_event_kind kind, gk_date day, const char *outcome)
{
    gk_event ev;
    gk_error err = {GK_OK, ""};
    memset(&ev, 0, sizeof ev);
    ev.app_id = app;
    ev.kind = kind;
    ev.date = day;
    if (kind == GK_EV_EXTENSION) {
        ev.days = 15;
        snprintf(ev.approver, sizeof ev.approver, "审批人");
    } else if (kind == GK_EV_CONSULT_START) {
        ev.consult = GK_CONSULT_THIRD_PARTY;
        snprintf(ev.party, sizeof ev.party, "某某有限公司");
    } else if (kind == GK_EV_FEE_NOTICE) {
        snprintf(ev.amount, sizeof ev.amount, "100");
    } else if (kind == GK_EV_REPLY) {
        snprintf(ev.outcome, sizeof ev.outcome, "%s", outcome);
    }
    if (gk_store_event_add(f->s, &f->who, &ev, &err) != GK_OK)
        die("event", &err);
    f->events++;
}

/* A review or court case after the reply on `replied`, decided 60 days after filing if that
 * has passed. */
static void add_case(fill *f, int64_t app, gk_date replied)
{
    static const gk_case_kind kinds[] = {
        GK_CASE_REVIEW,     GK_CASE_REVIEW,     GK_CASE_REVIEW,          GK_CASE_REVIEW,
        GK_CASE_REVIEW,     GK_CASE_REVIEW,     GK_CASE_REVIEW,          GK_CASE_REVIEW,
        GK_CASE_LIT_DIRECT, GK_CASE_LIT_DIRECT, GK_CASE_LIT_AFTER_REVIEW};
    gk_case c;
    gk_error err = {GK_OK, ""};
    memset(&c, 0, sizeof c);
    c.app_id = app;
    c.kind = kinds[below(sizeof kinds / sizeof kinds[0])];
    c.filed = replied + 10 + below(40);
    if (c.filed > f->who.today)
        return;
    c.decided = c.filed + 60;
    if (c.decided > f->who.today) {
        c.result = GK_RESULT_PENDING;
        c.decided = GK_DATE_NONE;
    } else {
        int r = below(10);
        c.result = r < 7 ? GK_RESULT_UPHELD : r < 9 ? GK_RESULT_CORRECTED : GK_RESULT_OTHER;
    }
    int fy = 0;
    gk_date_ymd(c.filed, &fy, NULL, NULL);
    snprintf(c.ref, sizeof c.ref, "复议〔%d〕%ld号", fy, f->cases + 1);
    if (gk_store_case_add(f->s, &f->who, &c, &err) != GK_OK)
        die("case", &err);
    f->cases++;
}

/* One application received on `day`, worked to its outcome. */
static void one(fill *f, long i, gk_date day)
{
    gk_application a;
    gk_error err = {GK_OK, ""};
    memset(&a, 0, sizeof a);
    a.agency_id = f->agency;
    a.received = day;
    const char *ch = CHOOSE(channels);
    gk_channel_parse(ch, &a.channel);
    snprintf(a.applicant_type, sizeof a.applicant_type, "%s", CHOOSE(applicants));
    snprintf(a.applicant_name, sizeof a.applicant_name, "申请人%ld", i);
    snprintf(a.applicant_contact, sizeof a.applicant_contact, "电话 138%08ld", i % 100000000);
    snprintf(a.request, sizeof a.request,
             "请公开某某区 %d 号建设项目的规划许可及批复文件（第 %ld 件）", below(5000), i);
    if (gk_store_app_add(f->s, &f->who, &a, &err) != GK_OK)
        die("application", &err);
    f->apps++;
    const char *outcome = CHOOSE(outcomes);
    if (strcmp(outcome, "open") == 0)
        return;
    gk_date t = day + 1 + below(5);
    if (t + 70 > f->who.today) /* its events would run past today: still open */
        return;
    if (strcmp(outcome, "other.no_correction") == 0) {
        event(f, a.id, GK_EV_CORRECTION_NOTICE, t, NULL);
        event(f, a.id, GK_EV_REPLY, t + 15 + below(10), outcome);
        return;
    }
    if (strcmp(outcome, "other.no_fee") == 0) {
        event(f, a.id, GK_EV_FEE_NOTICE, t, NULL);
        event(f, a.id, GK_EV_REPLY, t + 15 + below(10), outcome);
        return;
    }
    int r = below(1000);
    if (r < 30) { /* 补正 answered */
        event(f, a.id, GK_EV_CORRECTION_NOTICE, t, NULL);
        t += 3 + below(7);
        event(f, a.id, GK_EV_CORRECTED, t, NULL);
    } else if (r < 60) { /* a consultation */
        event(f, a.id, GK_EV_CONSULT_START, t, NULL);
        t += 5 + below(10);
        event(f, a.id, GK_EV_CONSULT_END, t, NULL);
    } else if (r < 110) { /* extended */
        t += 15 + below(5);
        event(f, a.id, GK_EV_EXTENSION, t, NULL);
    }
    t += 1 + below(strcmp(outcome, "withdrawal") == 0 ? 10 : 25);
    if (strcmp(outcome, "withdrawal") == 0) {
        event(f, a.id, GK_EV_WITHDRAWAL, t, NULL);
        return;
    }
    event(f, a.id, GK_EV_REPLY, t, outcome);
    if (below(1000) < 11)
        add_case(f, a.id, t);
}

static void batch_end(fill *f)
{
    gk_error err = {GK_OK, ""};
    if (f->in_batch && gk_store_commit(f->s, &err) != GK_OK)
        die("commit", &err);
    f->in_batch = 0;
}

static void batch_begin(fill *f)
{
    gk_error err = {GK_OK, ""};
    if (gk_store_begin(f->s, &err) != GK_OK)
        die("begin", &err);
    f->in_batch = 1;
}

static void t2_figures(fill *f, int year)
{
    static const char *const keys[][2] = {
        {"t2.reg.issued", "3"},         {"t2.reg.repealed", "1"},
        {"t2.reg.in_force", "42"},      {"t2.nd.issued", "17"},
        {"t2.nd.repealed", "5"},        {"t2.nd.in_force", "236"},
        {"t2.license.decisions", "0"},  {"t2.penalty.decisions", "0"},
        {"t2.coercion.decisions", "0"}, {"t2.admin_fee.amount_wan", "0"},
    };
    char v[24];
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        gk_error err = {GK_OK, ""};
        const char *value = keys[i][1];
        if (strstr(keys[i][0], "decisions")) {
            snprintf(v, sizeof v, "%d", 1000 + below(9000));
            value = v;
        }
        if (gk_store_t2_set(f->s, &f->who, f->agency, year, keys[i][0], value, &err) != GK_OK)
            die("t2", &err);
    }
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static gk_date today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    return gk_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 4) {
        fputs("usage: bench-fill DB_URL [APPLICATIONS] [YEAR]\n", stderr);
        return 2;
    }
    long n = argc > 2 ? strtol(argv[2], NULL, 10) : 1000000;
    int y = 0;
    gk_date_ymd(today(), &y, NULL, NULL);
    int year = argc > 3 ? atoi(argv[3]) : y - 1;
    if (n <= 0 || year < 2021 || year >= y) {
        fputs("bench-fill: APPLICATIONS > 0 and a past YEAR from 2021 on\n", stderr);
        return 2;
    }
    fill f;
    memset(&f, 0, sizeof f);
    f.who = (gk_who){"bench", NULL, today()};
    gk_error err = {GK_OK, ""};
    if (gk_store_open(argv[1], &f.s, &err) != GK_OK)
        die(argv[1], &err);
    char name[96];
    snprintf(name, sizeof name, "压测市人民政府办公室 %lx", (unsigned long)time(NULL));
    if (gk_store_agency_add(f.s, &f.who, name, &f.agency, &err) != GK_OK)
        die("agency", &err);
    f.first = gk_date_from_ymd(year - 1, 1, 1);
    f.last = gk_date_from_ymd(year, 12, 31);
    long days = f.last - f.first + 1;
    double t0 = now_s();
    for (long i = 0; i < n; i++) {
        if (i % BATCH == 0) {
            batch_end(&f);
            batch_begin(&f);
            if (i)
                fprintf(stderr, "\r%ld applications, %.0f s", i, now_s() - t0);
        }
        one(&f, i + 1, f.first + (gk_date)(i * days / n));
    }
    t2_figures(&f, year - 1);
    t2_figures(&f, year);
    batch_end(&f);
    double secs = now_s() - t0;
    fprintf(stderr, "\r");
    printf("agency: %s\nyear: %d\napplications: %ld\nevents: %ld\ncases: %ld\nseconds: %.1f\n",
           name, year, f.apps, f.events, f.cases, secs);
    printf("applications/s: %.0f\n", (double)f.apps / secs);
    gk_store_close(f.s);
    return 0;
}
