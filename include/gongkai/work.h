/*
 * work.h — the records of an agency's disclosure work (依申请公开台账) and their rules:
 * agencies, applications (政府信息公开申请), the append-only event log of each application,
 * reconsideration and litigation cases (行政复议、行政诉讼), the yearly 第二十条 figures (T2),
 * users and audit entries.
 *
 * The types are plain structs with fixed-size text fields. Each text field has one hard cap in
 * bytes of UTF-8 (the GK_*_MAX below; the array holds the cap plus the NUL); over-long text is
 * an error, never truncated. Keys are the spec's keys (annual-report-format.md): applicant types
 * are the T3 applicant columns, outcomes the T3 outcome rows, case kinds and results the T4 rows
 * and columns — all taken from the schema (schema.h), not listed again here.
 *
 * The rules (gk_event_check, gk_case_check, …) are pure functions: the store (store.h) calls
 * them inside its write transactions, and the command line and the web service call the same
 * ones. Messages are Chinese first, then English: "中文 / English".
 */
#ifndef GONGKAI_WORK_H
#define GONGKAI_WORK_H

#include <stddef.h>
#include <stdint.h>

#include <gongkai/deadline.h>
#include <gongkai/status.h>

/* ---- caps of the text fields, in bytes of UTF-8, without the NUL ---- */

#define GK_AGENCY_MAX   255  /* agency name (机关名称) */
#define GK_NAME_MAX     255  /* applicant name (申请人姓名或名称) */
#define GK_CONTACT_MAX  511  /* applicant contact details (联系方式: address, phone, e-mail) */
#define GK_REQUEST_MAX  8191 /* what is requested: 所需信息的名称、文号或描述, form */
#define GK_PARTY_MAX    255  /* the consulted third party or agency */
#define GK_PERSON_MAX   127  /* a user or approver name */
#define GK_NOTE_MAX     2047 /* a free note on an event or case */
#define GK_CASE_REF_MAX 127  /* a case number (案号) */
#define GK_KEY_MAX      47   /* a spec key: outcome, applicant type, T2 cell key … */
#define GK_AMOUNT_MAX   23   /* a decimal amount as text: fee in 元, T2 value */
#define GK_TRACKING_LEN 12   /* the public tracking code (查询码), exactly this long */
#define GK_TIME_MAX     31   /* a UTC time "2025-01-02T03:04:05.123456Z" */
#define GK_PASSWORD_MIN 8    /* password length in bytes */
#define GK_PASSWORD_MAX 256

/* An application is due soon when it has at most this many working days left. */
#define GK_DUE_SOON_DAYS 3

/*
 * Copies src into a text field dst of size `size` (the field's cap + 1). Fails with
 * GK_ERR_INVALID_ARG naming `field` if src is longer than the cap or is not valid UTF-8, or if
 * it holds control characters (tab, CR and LF are allowed when multiline is 1). NULL copies "".
 */
GK_API gk_status gk_field_set(char *dst, size_t size, const char *src, const char *field,
                              int multiline, gk_error *err);

/* The same checks on a field that is already filled (NUL within size, valid text). */
GK_API gk_status gk_field_check(const char *s, size_t size, const char *field, int multiline,
                                gk_error *err);

/* ---- agencies ---- */

typedef struct gk_agency {
    int64_t id;
    char name[GK_AGENCY_MAX + 1];
} gk_agency;

/* ---- applications ---- */

/* How the application arrived; it decides the receipt date (第三十一条). */
typedef enum gk_channel {
    GK_CHANNEL_IN_PERSON = 0, /* "in_person" 当面提交 */
    GK_CHANNEL_POST,          /* "post"      邮寄 */
    GK_CHANNEL_FAX,           /* "fax"       传真 */
    GK_CHANNEL_ONLINE,        /* "online"    互联网在线 */
    GK_CHANNEL_EMAIL,         /* "email"     电子邮件 */
    GK_CHANNEL_OTHER,         /* "other"     其他 */
    GK_CHANNEL_COUNT
} gk_channel;

GK_API const char *gk_channel_key(gk_channel c);   /* "in_person" …; "" if out of range */
GK_API const char *gk_channel_label(gk_channel c); /* 当面 …; "" if out of range */
/* Accepts the key or the Chinese label; 0 and *out, or -1. */
GK_API int gk_channel_parse(const char *s, gk_channel *out);

/* 1 if key is one of the six T3 applicant columns (np, biz, research, ngo, legal, other_org). */
GK_API int gk_applicant_type_valid(const char *key);
/* The Chinese label of an applicant type (自然人, 商业企业 …), or NULL. */
GK_API const char *gk_applicant_type_label(const char *key);

typedef struct gk_application {
    int64_t id;                         /* set by the store */
    int64_t agency_id;                  /* the agency that received it */
    char tracking[GK_TRACKING_LEN + 1]; /* public tracking code, set by the store */
    gk_date received;                   /* receipt date (第三十一条) */
    gk_channel channel;
    char applicant_type[GK_KEY_MAX + 1]; /* a T3 applicant column key */
    char applicant_name[GK_NAME_MAX + 1];
    char applicant_contact[GK_CONTACT_MAX + 1];
    char request[GK_REQUEST_MAX + 1]; /* what is requested */
    /* kept by the store from the event log: */
    gk_date closed;                   /* the reply or withdrawal date, or GK_DATE_NONE */
    char outcome[GK_KEY_MAX + 1];     /* the T3 outcome row it counts under once closed, or "" */
    char created_at[GK_TIME_MAX + 1]; /* when it was stored (UTC) */
} gk_application;

/*
 * Checks an application's own fields: a valid receipt date not after today (GK_DATE_NONE:
 * no such check), a known channel and applicant type, a non-empty applicant name and request,
 * and every text field within its cap. GK_ERR_INVALID_ARG with the reason.
 */
GK_API gk_status gk_app_check(const gk_application *app, gk_date today, gk_error *err);

/* 1 if key is a T3 outcome row without its "t3." prefix ("grant", "refuse.third_party",
 * "other.no_correction" …): every row of the 2021 T3 except new, carry_in, total_processed and
 * carry_out. */
GK_API int gk_outcome_valid(const char *key);
/* The Chinese label of an outcome row (予以公开, 保护第三方合法权益 …), or NULL. */
GK_API const char *gk_outcome_label(const char *key);

/* The outcome a withdrawal (撤回申请) counts under: "other.other". */
#define GK_OUTCOME_WITHDRAWN "other.other"

/* ---- the event log ---- */

typedef enum gk_event_kind {
    GK_EV_CORRECTION_NOTICE = 0, /* "correction_notice" 补正告知 (第三十条, once) */
    GK_EV_CORRECTED,             /* "corrected"     收到补正后的申请: the count restarts */
    GK_EV_CONSULT_START, /* "consult_start" 征求第三方或其他机关意见 (clock paused) */
    GK_EV_CONSULT_END,   /* "consult_end"   征求意见结束 (inclusive) */
    GK_EV_EXTENSION,     /* "extension"     延长答复期限 (days, approver) */
    GK_EV_FEE_NOTICE,    /* "fee_notice"    收费通知 (clock paused) */
    GK_EV_FEE_PAID,      /* "fee_paid"      缴纳费用 (inclusive) */
    GK_EV_WITHDRAWAL,    /* "withdrawal"    申请人撤回申请: closed */
    GK_EV_REPLY,         /* "reply"         答复, with its outcome: closed */
    GK_EV_KIND_COUNT
} gk_event_kind;

GK_API const char *gk_event_kind_key(gk_event_kind k);   /* "reply" …; "" if out of range */
GK_API const char *gk_event_kind_label(gk_event_kind k); /* 答复 …; "" if out of range */
GK_API int gk_event_kind_parse(const char *s, gk_event_kind *out); /* key or label; 0 or -1 */

/* Whom a consultation asks (第三十二条 a third party, 第三十三条第三款 another agency). */
typedef enum gk_consult_kind {
    GK_CONSULT_NONE = 0,
    GK_CONSULT_THIRD_PARTY, /* "third_party" 第三方 */
    GK_CONSULT_AGENCY,      /* "agency"      其他机关 */
} gk_consult_kind;

GK_API const char *gk_consult_kind_key(gk_consult_kind k); /* "" for GK_CONSULT_NONE */
GK_API int gk_consult_kind_parse(const char *s, gk_consult_kind *out);

typedef struct gk_event {
    int64_t id;     /* set by the store */
    int64_t app_id; /* the application it belongs to */
    int seq;        /* its place in the log, 1, 2, …; set by the store */
    gk_event_kind kind;
    gk_date date;                      /* the day it happened */
    int days;                          /* GK_EV_EXTENSION: working days, 1..20; else 0 */
    gk_consult_kind consult;           /* GK_EV_CONSULT_START: whom; else NONE */
    char party[GK_PARTY_MAX + 1];      /* GK_EV_CONSULT_START: the party consulted */
    char approver[GK_PERSON_MAX + 1];  /* GK_EV_EXTENSION: who approved it (required) */
    char outcome[GK_KEY_MAX + 1];      /* GK_EV_REPLY: the T3 outcome row (required) */
    char amount[GK_AMOUNT_MAX + 1];    /* GK_EV_FEE_NOTICE / FEE_PAID: 元, decimal, optional */
    char note[GK_NOTE_MAX + 1];        /* free text */
    char actor[GK_PERSON_MAX + 1];     /* who recorded it; set by the store */
    char recorded_at[GK_TIME_MAX + 1]; /* when (UTC); set by the store */
} gk_event;

/*
 * Checks that `ev` may be appended to the application's log (log[0..n), in order) on `today`
 * (GK_DATE_NONE: no check against today). GK_ERR_INVALID_ARG with a message for:
 *   - a date that is invalid, before receipt, before the previous event or after today;
 *   - anything after the reply or the withdrawal (the application is closed);
 *   - a second 补正 notice (第三十条 allows one), a notice after other steps, a corrected
 *     application without a notice or twice, other steps while the correction is awaited;
 *   - a consultation end without a start, a consultation started while one is in progress;
 *   - an extension outside 1..20 working days, beyond 20 in all, or without an approver;
 *   - a fee paid without a notice, a second fee notice;
 *   - a reply with an unknown outcome, a reply while a consultation is in progress,
 *     other.no_correction without an unanswered 补正 notice, other.no_fee without an unpaid
 *     fee notice;
 *   - fields that do not belong to the kind (days, outcome), text over its cap, an unknown kind.
 */
GK_API gk_status gk_event_check(const gk_application *app, const gk_event *log, size_t n,
                                const gk_event *ev, gk_date today, gk_error *err);

/* Checks a whole log, each event against the ones before it (as the store appended them). */
GK_API gk_status gk_event_log_check(const gk_application *app, const gk_event *log, size_t n,
                                    gk_date today, gk_error *err);

/* What an application's log says on a given day. */
typedef struct gk_app_state {
    int closed;                   /* 1 after a reply or a withdrawal */
    gk_date closed_date;          /* its date, or GK_DATE_NONE */
    gk_event_kind closed_by;      /* GK_EV_REPLY or GK_EV_WITHDRAWAL when closed */
    char outcome[GK_KEY_MAX + 1]; /* the T3 outcome row it counts under once closed, or "" */
    int awaiting_correction;      /* a 补正 notice sent, the corrected application not received */
    int consulting;               /* a consultation not yet ended */
    int fee_pending;              /* a fee notice not yet paid */
    int paused;                   /* consulting or fee_pending: the clock stands */
    int extension_days;           /* approved extensions, in all */
    gk_deadline_state deadline;   /* from the deadline engine (deadline.h) */
    gk_date start;                /* the day the count runs from (receipt, or corrected) */
    gk_date due;                  /* the due date, or GK_DATE_NONE (paused, awaiting 补正) */
    int days_left;    /* working days from today (closed: from the closed date) to the due date;
                         negative: overdue by that many; 0 without a due date */
    int overdue;      /* open and today is after the due date */
    int due_soon;     /* open, not overdue, at most GK_DUE_SOON_DAYS working days left */
    int replied_late; /* closed after the due date */
    int late_notice;  /* the 补正 notice came after the 7th working day (第三十条) */
    int unconfirmed;  /* the due date depends on days no published notice confirms */
    gk_date first_unconfirmed; /* the first such day, or GK_DATE_NONE */
} gk_app_state;

/*
 * Computes the state of an application from its log on `today` with the calendar: feeds the
 * deadline engine the receipt, the 补正 dates, the extensions and the pauses (consultations, fee
 * notice to payment; overlapping ones merged; on a closed application a pause still open ends
 * on the closed date). Fails (GK_ERR_INVALID_ARG) only for a log gk_event_log_check rejects.
 */
GK_API gk_status gk_app_state_get(const gk_calendar *cal, const gk_application *app,
                                  const gk_event *log, size_t n, gk_date today, gk_app_state *out,
                                  gk_error *err);

/* ---- reconsideration and litigation (T4) ---- */

/* The T4 row of a case: the keys of schema.h's T4 rows without "t4.". */
typedef enum gk_case_kind {
    GK_CASE_REVIEW = 0,       /* "review"           行政复议 */
    GK_CASE_LIT_DIRECT,       /* "lit_direct"       未经复议直接起诉 */
    GK_CASE_LIT_AFTER_REVIEW, /* "lit_after_review" 复议后起诉 */
    GK_CASE_KIND_COUNT
} gk_case_kind;

/* The T4 column of a case's result. */
typedef enum gk_case_result {
    GK_RESULT_PENDING = 0, /* "pending"   尚未审结 */
    GK_RESULT_UPHELD,      /* "upheld"    结果维持 */
    GK_RESULT_CORRECTED,   /* "corrected" 结果纠正 */
    GK_RESULT_OTHER,       /* "other"     其他结果 */
    GK_RESULT_COUNT
} gk_case_result;

GK_API const char *gk_case_kind_key(gk_case_kind k); /* "" if out of range */
GK_API int gk_case_kind_parse(const char *s, gk_case_kind *out);
GK_API const char *gk_case_result_key(gk_case_result r); /* "" if out of range */
GK_API int gk_case_result_parse(const char *s, gk_case_result *out);

typedef struct gk_case {
    int64_t id;     /* set by the store */
    int64_t app_id; /* the application it is about */
    gk_case_kind kind;
    gk_date filed; /* 申请复议 / 起诉 date */
    gk_case_result result;
    gk_date decided;               /* GK_DATE_NONE while pending */
    char ref[GK_CASE_REF_MAX + 1]; /* 案号, optional */
    char note[GK_NOTE_MAX + 1];
} gk_case;

/*
 * Checks a case against its application on `today` (GK_DATE_NONE: no check against today):
 * known kind and result, filed on or after receipt and not after today, a decided date exactly
 * when the result is not pending, not before filing and not after today; text within caps.
 */
GK_API gk_status gk_case_check(const gk_application *app, const gk_case *c, gk_date today,
                               gk_error *err);

/* ---- the yearly 第二十条 figures (T2) ---- */

typedef struct gk_t2_figure {
    char key[GK_KEY_MAX + 1];      /* a 2021 T2 cell key: "t2.reg.issued" … */
    char value[GK_AMOUNT_MAX + 1]; /* its value: a count, or 万元 with up to 4 decimals */
} gk_t2_figure;

/*
 * Checks a T2 cell key against the 2021 schema and its value: counts are integers >= 0
 * without leading zeros (at most 18 digits); t2.admin_fee.amount_wan a decimal >= 0 with at most
 * 4 decimal places (1 元). GK_ERR_INVALID_ARG with the reason.
 */
GK_API gk_status gk_t2_check(const char *key, const char *value, gk_error *err);

/* ---- users ---- */

typedef enum gk_role {
    GK_ROLE_CLERK = 0, /* "clerk"    经办人: records applications and events */
    GK_ROLE_APPROVER,  /* "approver" 审批人: also approves extensions (第三十三条) */
    GK_ROLE_ADMIN,     /* "admin"    管理员: also users, closing years */
    GK_ROLE_COUNT
} gk_role;

GK_API const char *gk_role_key(gk_role r); /* "" if out of range */
GK_API int gk_role_parse(const char *s, gk_role *out);

typedef struct gk_user {
    int64_t id;
    char name[GK_PERSON_MAX + 1];
    gk_role role;
    char created_at[GK_TIME_MAX + 1];
} gk_user;

/* ---- the audit log ---- */

/* One entry of the append-only, hash-chained audit log (store.h). Pointers are borrowed. */
typedef struct gk_audit_entry {
    int64_t id;          /* 1, 2, … without gaps */
    const char *at;      /* UTC time */
    const char *actor;   /* the user */
    const char *action;  /* "app.add", "event.add", "year.close" … */
    const char *object;  /* "app:12", "t2:3:2024:t2.reg.issued" … */
    const char *details; /* canonical JSON object */
    const char *hash;    /* 64 hex digits: BLAKE2b-256(previous hash, this entry) */
} gk_audit_entry;

#endif
