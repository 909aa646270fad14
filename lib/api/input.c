/*
 * input.c — what a request brings, checked before any handler uses it: the body's fields
 * against the route's list (unknown keys rejected, types, text caps, real dates), query
 * arguments, path ids and years, and which agency a staff request is about. Every rejection is
 * a 400 that names the field.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"

static const char *type_text(ftype t)
{
    switch (t) {
    case F_TEXT:
        return "字符串 / a string";
    case F_INT:
        return "整数 / an integer";
    case F_DATE:
    case F_DATE_NULL:
        return "日期 YYYY-MM-DD / a date YYYY-MM-DD";
    case F_ID:
        return "正整数 / a positive integer";
    case F_TEXT_ID:
        return "名称或编号 / a name or an id";
    case F_AMOUNT:
        return "数值字符串或非负整数 / a decimal string or a non-negative integer";
    case F_OBJECT:
        return "对象 / an object";
    case F_BOOL:
        return "true 或 false / true or false";
    }
    return "?";
}

/* Checks a text value against its cap and the text rules; -1 after replying. */
static int check_text(ctx *c, const fdef *f, const char *s)
{
    gk_error err = {GK_OK, ""};
    if (f->cap && gk_field_check(s, f->cap + 1, f->name, f->multiline, &err) != GK_OK) {
        reply_error(c, 400, f->name, "%s", err.msg);
        return -1;
    }
    return 0;
}

/* Checks one present, non-null value against its field; -1 after replying. */
static int check_value(ctx *c, const fdef *f, json_t *v)
{
    int ok = 0;
    switch (f->type) {
    case F_TEXT:
        ok = json_is_string(v);
        break;
    case F_INT:
        ok = json_is_integer(v);
        break;
    case F_DATE:
    case F_DATE_NULL: {
        gk_date d;
        if (json_is_string(v) && gk_date_parse(json_string_value(v), &d) == 0)
            return 0;
        reply_error(c, 400, f->name,
                    "%s 不是有效日期（须为 YYYY-MM-DD 且确有其日）/ %s is not a valid date "
                    "(YYYY-MM-DD, a day that exists)",
                    f->name, f->name);
        return -1;
    }
    case F_ID:
        ok = json_is_integer(v) && json_integer_value(v) > 0;
        break;
    case F_TEXT_ID:
        ok = json_is_string(v) || (json_is_integer(v) && json_integer_value(v) > 0);
        break;
    case F_AMOUNT:
        ok = json_is_string(v) || (json_is_integer(v) && json_integer_value(v) >= 0);
        break;
    case F_OBJECT:
        ok = json_is_object(v);
        break;
    case F_BOOL:
        ok = json_is_boolean(v);
        break;
    }
    if (!ok) {
        reply_error(c, 400, f->name, "%s 须为%s", f->name, type_text(f->type));
        return -1;
    }
    if (json_is_string(v))
        return check_text(c, f, json_string_value(v));
    return 0;
}

int body_fields(ctx *c, const fdef *fields, size_t n, json_t **vals)
{
    const char *key;
    json_t *v;
    json_object_foreach(c->body, key, v)
    {
        size_t i = 0;
        while (i < n && strcmp(fields[i].name, key) != 0)
            i++;
        if (i == n) {
            reply_error(c, 400, key, "未知字段“%.64s” / unknown field \"%.64s\"", key, key);
            return -1;
        }
    }
    for (size_t i = 0; i < n; i++) {
        v = json_object_get(c->body, fields[i].name);
        int keep_null = fields[i].type == F_DATE_NULL || fields[i].type == F_AMOUNT;
        vals[i] = NULL;
        if (!v || (json_is_null(v) && !keep_null)) {
            if (fields[i].required) {
                reply_error(c, 400, fields[i].name, "缺少字段 %s / %s is required", fields[i].name,
                            fields[i].name);
                return -1;
            }
            continue;
        }
        if (!json_is_null(v) && check_value(c, &fields[i], v) < 0)
            return -1;
        vals[i] = v;
    }
    return 0;
}

void text_into(char *dst, size_t size, const json_t *v)
{
    const char *s = json_is_string(v) ? json_string_value(v) : "";
    snprintf(dst, size, "%s", s);
}

int blank(const char *s)
{
    for (;;) {
        if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
            s++;
        else if (strncmp(s, "\xe3\x80\x80", 3) == 0) /* the ideographic space U+3000 */
            s += 3;
        else
            return *s == '\0';
    }
}

gk_date date_of(const json_t *v, gk_date dflt)
{
    gk_date d;
    if (json_is_string(v) && gk_date_parse(json_string_value(v), &d) == 0)
        return d;
    return dflt;
}

int query_only(ctx *c, const char *const *names)
{
    for (size_t i = 0; i < c->req->nquery; i++) {
        const char *q = c->req->query[i].name ? c->req->query[i].name : "";
        size_t k = 0;
        while (names[k] && strcmp(names[k], q) != 0)
            k++;
        if (!names[k]) {
            reply_error(c, 400, q, "未知的查询参数“%.64s” / unknown query argument \"%.64s\"", q,
                        q);
            return -1;
        }
    }
    return 0;
}

const char *query_get(const ctx *c, const char *name)
{
    for (size_t i = 0; i < c->req->nquery; i++)
        if (c->req->query[i].name && strcmp(c->req->query[i].name, name) == 0)
            return c->req->query[i].value ? c->req->query[i].value : "";
    return NULL;
}

int64_t parse_id(const char *s)
{
    if (!s || !*s || strlen(s) > 18)
        return -1;
    int64_t v = 0;
    for (const char *p = s; *p; p++) {
        if (!isdigit((unsigned char)*p))
            return -1;
        v = v * 10 + (*p - '0');
    }
    return v > 0 ? v : -1;
}

int64_t param_id(ctx *c, int i)
{
    int64_t id = parse_id(c->params[i]);
    if (id <= 0) {
        reply_error(c, 404, "id", "编号须为正整数 / the id must be a positive integer");
        return 0;
    }
    return id;
}

int param_year(ctx *c, int i)
{
    const char *s = c->params[i];
    int64_t y = parse_id(s);
    if (strlen(s) != 4 || y < 1900 || y > 9999) {
        reply_error(c, 400, "year", "年份须为四位数字 / the year must be four digits");
        return 0;
    }
    return (int)y;
}

typedef struct agency_count {
    size_t n;
    gk_agency first;
} agency_count;

static int count_agency(void *p, const gk_agency *a)
{
    agency_count *ac = p;
    if (ac->n++ == 0)
        ac->first = *a;
    return ac->n > 1;
}

int agency_of(ctx *c, const json_t *v, gk_agency *out)
{
    gk_store *s = db(c);
    if (!s)
        return -1;
    gk_error err = {GK_OK, ""};
    int found = 0;
    const char *q = query_get(c, "agency");
    const char *name = json_is_string(v) ? json_string_value(v) : NULL;
    int64_t id = json_is_integer(v) ? json_integer_value(v) : 0;
    if (!v && q) {
        id = parse_id(q);
        name = id > 0 ? NULL : q;
    }
    gk_status st;
    if (name) {
        st = gk_store_agency_find(s, name, out, &found, &err);
    } else if (id > 0) {
        st = gk_store_agency_get(s, id, out, &found, &err);
    } else {
        agency_count ac = {0, {0, ""}};
        st = gk_store_agency_list(s, count_agency, &ac, &err);
        if (st == GK_OK && ac.n == 1) {
            *out = ac.first;
            return 0;
        }
        if (st == GK_OK) {
            reply_error(c, 400, "agency",
                        ac.n == 0 ? "尚未建立任何机关 / there is no agency yet"
                                  : "请指定机关（agency：名称或编号）/ say which agency (agency: "
                                    "its name or id)");
            return -1;
        }
    }
    if (st != GK_OK) {
        reply_db_error(c, &err);
        return -1;
    }
    if (!found) {
        reply_error(c, 400, "agency", "没有这个机关 / no such agency");
        return -1;
    }
    return 0;
}
