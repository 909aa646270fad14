/*
 * admin.c — administration of a store from the command line: its users and its audit log.
 *
 *   gongkai user add NAME --role clerk|approver|admin --db URL [--password-file FILE]
 *   gongkai user passwd NAME --db URL [--password-file FILE]
 *   gongkai user role NAME clerk|approver|admin --db URL
 *   gongkai audit verify --db URL
 *   gongkai audit list --db URL [--after ID]
 *
 * A password is read from the first line of --password-file, else from standard input (asked
 * twice, without echo, on a terminal); only its Argon2id hash is stored. The audit entries
 * name the acting user as --actor NAME, by default $USER or the login name. Without --db, the
 * store is $GONGKAI_DB.
 *
 * Exit status: 0 done (audit verify: the chain is intact), 1 audit verify found a broken entry,
 * 2 usage, input or database errors.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <gongkai/store.h>

#include "store_cli.h"

/* Overwrites a password buffer in a way the compiler keeps. */
static void wipe(char *p, size_t n)
{
    volatile char *v = p;
    while (n--)
        *v++ = 0;
}

typedef struct admin_opts {
    const char *db, *role, *password_file, *actor, *after;
    char *args[3];
    int nargs;
} admin_opts;

static void user_usage(FILE *out)
{
    fputs("用法 usage:\n"
          "  gongkai user add NAME --role clerk|approver|admin --db URL [--password-file FILE]\n"
          "  gongkai user passwd NAME --db URL [--password-file FILE]\n"
          "  gongkai user role NAME clerk|approver|admin --db URL\n"
          "  角色 roles: clerk 经办人, approver 审批人（批准延期）, admin 管理员\n"
          "  密码 password: --password-file 的第一行，或标准输入 / the first line of "
          "--password-file, or standard input\n",
          out);
}

static void audit_usage(FILE *out)
{
    fputs("用法 usage:\n"
          "  gongkai audit verify --db URL     校验审计日志哈希链 check the audit chain\n"
          "  gongkai audit list --db URL [--after ID]   列出审计记录 list entries (JSON Lines)\n",
          out);
}

/* Parses options and up to three arguments (argv[0] is the command name); -1 on misuse, 1 for
 * --help. */
static int parse_args(int argc, char **argv, admin_opts *o)
{
    static const struct option longopts[] = {{"db", required_argument, NULL, 'd'},
                                             {"role", required_argument, NULL, 'r'},
                                             {"password-file", required_argument, NULL, 'p'},
                                             {"actor", required_argument, NULL, 'a'},
                                             {"after", required_argument, NULL, 'f'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        if (ch == 'd')
            o->db = optarg;
        else if (ch == 'r')
            o->role = optarg;
        else if (ch == 'p')
            o->password_file = optarg;
        else if (ch == 'a')
            o->actor = optarg;
        else if (ch == 'f')
            o->after = optarg;
        else if (ch == 'h')
            return 1;
        else
            return -1;
    }
    if (argc - optind > 3)
        return -1;
    for (int i = optind; i < argc; i++)
        o->args[o->nargs++] = argv[i];
    return o->nargs > 0 ? 0 : -1;
}

/* ---- passwords ---- */

/* Reads one line into buf without its line end; -1 at end of input or if it is too long. */
static int read_line(FILE *f, char *buf, size_t size)
{
    if (!fgets(buf, (int)size, f))
        return -1;
    size_t n = strlen(buf);
    if (n == size - 1 && buf[n - 1] != '\n')
        return -1;
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        buf[--n] = '\0';
    return 0;
}

/* Asks on the terminal without echo. */
static int ask(const char *prompt, char *buf, size_t size)
{
    struct termios old, quiet;
    fputs(prompt, stderr);
    int tty = tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    int rc = read_line(stdin, buf, size);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    return rc;
}

/* The new password from --password-file, the terminal (twice) or standard input. */
static int read_password(const char *cmd, const admin_opts *o, char *buf, size_t size)
{
    int rc;
    if (o->password_file) {
        FILE *f = fopen(o->password_file, "r");
        if (!f) {
            fprintf(stderr, "gongkai %s: 无法读取 %s / cannot read %s\n", cmd, o->password_file,
                    o->password_file);
            return -1;
        }
        rc = read_line(f, buf, size);
        fclose(f);
    } else if (isatty(STDIN_FILENO)) {
        char again[GK_PASSWORD_MAX + 2];
        rc = ask("密码 password: ", buf, size);
        if (rc == 0 && (ask("再输入一次 again: ", again, sizeof again) < 0 || strcmp(buf, again))) {
            fprintf(stderr, "gongkai %s: 两次输入的密码不一致 / the passwords differ\n", cmd);
            rc = -2;
        }
        wipe(again, sizeof again);
    } else {
        rc = read_line(stdin, buf, size);
    }
    if (rc == -1)
        fprintf(stderr,
                "gongkai %s: 没有读到密码（或超过 %d 字节）/ no password read (or longer "
                "than %d bytes)\n",
                cmd, GK_PASSWORD_MAX, GK_PASSWORD_MAX);
    return rc < 0 ? -1 : 0;
}

/* ---- gongkai user ---- */

static int parse_role(const char *s, gk_role *r)
{
    if (s && gk_role_parse(s, r) == 0)
        return 0;
    fprintf(stderr, "gongkai user: 角色须为 clerk、approver 或 admin / the role must be clerk, "
                    "approver or admin\n");
    return -1;
}

static gk_status user_do(gk_store *s, const admin_opts *o, const gk_who *who, const char *verb,
                         gk_error *err, int *usage_error)
{
    const char *name = o->args[1];
    gk_role role;
    char pw[GK_PASSWORD_MAX + 2];
    gk_status st = GK_ERR_INVALID_ARG;
    if (strcmp(verb, "add") == 0 && o->nargs == 2) {
        if (parse_role(o->role, &role) < 0 || read_password("user", o, pw, sizeof pw) < 0)
            return GK_ERR_INVALID_ARG;
        int64_t id = 0;
        st = gk_store_user_add(s, who, name, pw, role, &id, err);
        if (st == GK_OK)
            printf("已添加用户 %s（%s）/ user %s added as %s\n", name, gk_role_key(role), name,
                   gk_role_key(role));
    } else if (strcmp(verb, "passwd") == 0 && o->nargs == 2) {
        if (read_password("user", o, pw, sizeof pw) < 0)
            return GK_ERR_INVALID_ARG;
        st = gk_store_user_set_password(s, who, name, pw, err);
        if (st == GK_OK)
            printf("已更改 %s 的密码 / password of %s changed\n", name, name);
    } else if (strcmp(verb, "role") == 0 && o->nargs == 3) {
        if (parse_role(o->args[2], &role) < 0)
            return GK_ERR_INVALID_ARG;
        st = gk_store_user_set_role(s, who, name, role, err);
        if (st == GK_OK)
            printf("%s 的角色改为 %s / role of %s set to %s\n", name, gk_role_key(role), name,
                   gk_role_key(role));
    } else {
        *usage_error = 1;
    }
    wipe(pw, sizeof pw);
    return st;
}

int cmd_user(int argc, char **argv)
{
    admin_opts o;
    memset(&o, 0, sizeof o);
    int pr = parse_args(argc, argv, &o);
    if (pr != 0) {
        user_usage(pr > 0 ? stdout : stderr);
        return pr > 0 ? EXIT_CLEAN : EXIT_UNREADABLE;
    }
    gk_store *s = cli_store_open("user", o.db);
    if (!s)
        return EXIT_UNREADABLE;
    gk_who who = {cli_actor(o.actor), NULL, GK_DATE_NONE};
    gk_error err = {GK_OK, ""};
    int usage_error = 0;
    gk_status st = user_do(s, &o, &who, o.args[0], &err, &usage_error);
    gk_store_close(s);
    if (usage_error) {
        user_usage(stderr);
        return EXIT_UNREADABLE;
    }
    if (st != GK_OK && err.msg[0])
        fprintf(stderr, "gongkai user: %s\n", err.msg);
    return st == GK_OK ? EXIT_CLEAN : EXIT_UNREADABLE;
}

/* ---- gongkai audit ---- */

/* A JSON string literal. */
static void put_json_string(const char *s)
{
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            printf("\\%c", *p);
        else if (*p < 0x20)
            printf("\\u%04x", *p);
        else
            putchar(*p);
    }
    putchar('"');
}

/* One entry as a JSON line; details is the entry's canonical JSON object as stored. */
static int print_entry(void *ctx, const gk_audit_entry *e)
{
    (void)ctx;
    printf("{\"id\":%lld,\"at\":", (long long)e->id);
    put_json_string(e->at);
    fputs(",\"actor\":", stdout);
    put_json_string(e->actor);
    fputs(",\"action\":", stdout);
    put_json_string(e->action);
    fputs(",\"object\":", stdout);
    put_json_string(e->object);
    printf(",\"details\":%s,\"hash\":", e->details[0] ? e->details : "{}");
    put_json_string(e->hash);
    puts("}");
    return 0;
}

int cmd_audit(int argc, char **argv)
{
    admin_opts o;
    memset(&o, 0, sizeof o);
    int pr = parse_args(argc, argv, &o);
    int verify = pr == 0 && o.nargs == 1 && strcmp(o.args[0], "verify") == 0;
    int list = pr == 0 && o.nargs == 1 && strcmp(o.args[0], "list") == 0;
    if (pr > 0 || (!verify && !list)) {
        audit_usage(pr > 0 ? stdout : stderr);
        return pr > 0 ? EXIT_CLEAN : EXIT_UNREADABLE;
    }
    gk_store *s = cli_store_open("audit", o.db);
    if (!s)
        return EXIT_UNREADABLE;
    gk_error err = {GK_OK, ""};
    int rc = EXIT_CLEAN;
    if (verify) {
        int64_t n = 0;
        gk_status st = gk_store_audit_verify(s, &n, &err);
        if (st == GK_OK) {
            printf("审计日志共 %lld 条，哈希链完整 / %lld entries, chain intact\n", (long long)n,
                   (long long)n);
        } else if (st == GK_ERR_INVALID_ARG) {
            printf("审计日志损坏 / audit chain broken: %s (%lld entries before it intact)\n",
                   err.msg, (long long)n);
            rc = EXIT_FINDINGS;
        } else {
            fprintf(stderr, "gongkai audit: %s\n", err.msg);
            rc = EXIT_UNREADABLE;
        }
    } else {
        char *end = NULL;
        long long after = o.after ? strtoll(o.after, &end, 10) : 0;
        if (o.after && (*end || after < 0)) {
            audit_usage(stderr);
            rc = EXIT_UNREADABLE;
        } else if (gk_store_audit_list(s, after, print_entry, NULL, &err) != GK_OK) {
            fprintf(stderr, "gongkai audit: %s\n", err.msg);
            rc = EXIT_UNREADABLE;
        }
    }
    gk_store_close(s);
    return rc;
}
