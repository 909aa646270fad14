/*
 * serve.c — `gongkai serve`: the HTTP service, a libmicrohttpd shell around gk_api_handle
 * (api.h), which does all the work without a socket.
 *
 *   gongkai serve --db URL [--listen HOST:PORT] [--calendar FILE] [--threads N]
 *                 [--secure-cookie]
 *
 * The shell collects a request (its body up to GK_API_BODY_MAX; a longer one is answered 413
 * without being kept), hands it to gk_api_handle, sends the response and logs one line per
 * request on standard error. A pool of worker threads (--threads, each with its own store
 * connection from the API's pool) serves the connections. Port 0 picks a free port; the line
 * "listening on http://HOST:PORT/" says which. SIGINT and SIGTERM stop it cleanly: the
 * requests in progress finish, the store is closed.
 */
#include <arpa/inet.h>
#include <getopt.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include <gongkai/api.h>

#include "calendar_path.h"
#include "cli.h"

#define PAIRS_MAX 64 /* headers and query arguments passed on */

typedef struct server {
    gk_api *api;
} server;

/* What one request has brought so far. */
typedef struct upload {
    char *buf;
    size_t len, cap;
    int too_large;
    struct timespec start;
} upload;

typedef struct pairs {
    gk_api_pair v[PAIRS_MAX];
    size_t n;
} pairs;

static void usage(FILE *out)
{
    fputs("用法 usage: gongkai serve --db URL [--listen HOST:PORT] [--calendar FILE]\n"
          "                           [--threads N] [--secure-cookie]\n"
          "  --db URL          数据库 the store: sqlite:PATH or postgresql://… (default: "
          "$GONGKAI_DB)\n"
          "  --listen H:P      监听地址 address to listen on (default 127.0.0.1:8080; port 0: any "
          "free port)\n"
          "  --calendar FILE   工作日历 the working-day calendar (default: $GONGKAI_CALENDAR, "
          "else data/calendar-cn.tsv beside the program)\n"
          "  --threads N       工作线程数 worker threads (default: 2 per core, at least 4)\n"
          "  --secure-cookie   会话 Cookie 加 Secure（经 HTTPS 提供时）/ mark the cookie Secure\n"
          "首次使用 first use: gongkai user add NAME --role admin --db URL\n",
          out);
}

static enum MHD_Result collect_pair(void *cls, enum MHD_ValueKind kind, const char *key,
                                    const char *value)
{
    (void)kind;
    pairs *p = cls;
    if (p->n < PAIRS_MAX) {
        p->v[p->n].name = key;
        p->v[p->n].value = value ? value : "";
        p->n++;
    }
    return MHD_YES;
}

static void client_address(struct MHD_Connection *conn, char *buf, size_t size)
{
    snprintf(buf, size, "-");
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!ci || !ci->client_addr)
        return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf,
                  (socklen_t)size);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf,
                  (socklen_t)size);
}

/* One line on stderr: time, client, method, path, status, bytes, milliseconds, user. */
static void log_request(const char *client, const char *method, const char *url,
                        const gk_api_response *r, const upload *up)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double ms = (double)(now.tv_sec - up->start.tv_sec) * 1e3 +
                (double)(now.tv_nsec - up->start.tv_nsec) / 1e6;
    char path[256];
    size_t n = 0;
    for (const char *p = url; *p && n < sizeof path - 1; p++)
        path[n++] = (unsigned char)*p < 0x20 || *p == 0x7f || *p == ' ' ? '?' : *p;
    path[n] = '\0';
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    char when[32];
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    char line[1024];
    int len = snprintf(line, sizeof line, "%s %s %.16s %s %d %zu %.1fms %s%s%s\n", when, client,
                       method, path, r->status, r->body_len, ms, r->user[0] ? r->user : "-",
                       r->note[0] ? " " : "", r->note);
    if (len > 0)
        fwrite(line, 1, (size_t)len < sizeof line ? (size_t)len : sizeof line - 1, stderr);
}

/* Hands the collected request to the API and queues its response. */
static enum MHD_Result respond(server *sv, struct MHD_Connection *conn, const char *url,
                               const char *method, upload *up)
{
    pairs headers = {.n = 0}, query = {.n = 0};
    MHD_get_connection_values(conn, MHD_HEADER_KIND, collect_pair, &headers);
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_pair, &query);
    char client[64];
    client_address(conn, client, sizeof client);
    gk_api_request rq = {method,    url,     query.v, query.n,       headers.v,
                         headers.n, up->buf, up->len, up->too_large, client};
    gk_api_response r;
    gk_api_handle(sv->api, &rq, &r);
    struct MHD_Response *mr =
        MHD_create_response_from_buffer(r.body_len, r.body, MHD_RESPMEM_MUST_FREE);
    if (!mr) {
        gk_api_response_free(&r);
        return MHD_NO;
    }
    r.body = NULL; /* the response owns it now */
    for (size_t i = 0; i < r.nheaders; i++)
        MHD_add_response_header(mr, r.headers[i].name, r.headers[i].value);
    if (up->too_large)
        MHD_add_response_header(mr, MHD_HTTP_HEADER_CONNECTION, "close");
    enum MHD_Result ok = MHD_queue_response(conn, (unsigned)r.status, mr);
    MHD_destroy_response(mr);
    log_request(client, method, url, &r, up);
    return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_size, void **con_cls)
{
    (void)version;
    upload *up = *con_cls;
    if (!up) {
        up = calloc(1, sizeof *up);
        if (!up)
            return MHD_NO;
        clock_gettime(CLOCK_MONOTONIC, &up->start);
        *con_cls = up;
        const char *cl =
            MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl && strtoull(cl, NULL, 10) > GK_API_BODY_MAX) {
            up->too_large = 1; /* answer now; the body is never read */
            return respond(cls, conn, url, method, up);
        }
        return MHD_YES;
    }
    if (*upload_size > 0) {
        if (!up->too_large && up->len + *upload_size > GK_API_BODY_MAX) {
            up->too_large = 1;
            free(up->buf);
            up->buf = NULL;
            up->len = up->cap = 0;
        }
        if (!up->too_large) {
            if (up->len + *upload_size > up->cap) {
                size_t cap = up->cap ? up->cap : 1024;
                while (cap < up->len + *upload_size)
                    cap *= 2;
                char *b = realloc(up->buf, cap);
                if (!b)
                    return MHD_NO;
                up->buf = b;
                up->cap = cap;
            }
            memcpy(up->buf + up->len, upload_data, *upload_size);
            up->len += *upload_size;
        }
        *upload_size = 0;
        return MHD_YES;
    }
    return respond(cls, conn, url, method, up);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)conn;
    (void)toe;
    upload *up = *con_cls;
    if (up) {
        free(up->buf);
        free(up);
    }
    *con_cls = NULL;
}

/* ---- options ---- */

typedef struct serve_opts {
    const char *db, *listen, *calendar;
    unsigned threads;
    int secure;
} serve_opts;

static int parse_args(int argc, char **argv, serve_opts *o)
{
    static const struct option longopts[] = {{"db", required_argument, NULL, 'd'},
                                             {"listen", required_argument, NULL, 'l'},
                                             {"calendar", required_argument, NULL, 'k'},
                                             {"threads", required_argument, NULL, 't'},
                                             {"secure-cookie", no_argument, NULL, 's'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        if (ch == 'd')
            o->db = optarg;
        else if (ch == 'l')
            o->listen = optarg;
        else if (ch == 'k')
            o->calendar = optarg;
        else if (ch == 't' && atoi(optarg) > 0 && atoi(optarg) <= 256)
            o->threads = (unsigned)atoi(optarg);
        else if (ch == 's')
            o->secure = 1;
        else if (ch == 'h')
            return 1;
        else
            return -1;
    }
    if (!o->db && getenv("GONGKAI_DB") && *getenv("GONGKAI_DB"))
        o->db = getenv("GONGKAI_DB");
    return optind == argc && o->db ? 0 : -1;
}

/* Resolves HOST:PORT ([v6]:PORT) into addr; -1 with a message. */
static int listen_address(const char *spec, struct sockaddr_storage *addr)
{
    char host[256];
    const char *colon = strrchr(spec, ':');
    if (!colon || colon == spec || (size_t)(colon - spec) >= sizeof host)
        return -1;
    memcpy(host, spec, (size_t)(colon - spec));
    host[colon - spec] = '\0';
    char *h = host;
    if (h[0] == '[' && h[strlen(h) - 1] == ']') {
        h[strlen(h) - 1] = '\0';
        h++;
    }
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV | AI_PASSIVE;
    if (getaddrinfo(h, colon + 1, &hints, &res) != 0 || !res)
        return -1;
    memset(addr, 0, sizeof *addr);
    memcpy(addr, res->ai_addr, res->ai_addrlen);
    freeaddrinfo(res);
    return 0;
}

static struct MHD_Daemon *start(server *sv, const struct sockaddr_storage *addr, unsigned threads)
{
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG;
    if (addr->ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    return MHD_start_daemon(flags, 0, NULL, NULL, on_request, sv, MHD_OPTION_SOCK_ADDR,
                            (const struct sockaddr *)addr, MHD_OPTION_THREAD_POOL_SIZE, threads,
                            MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_CONNECTION_LIMIT, 1000u,
                            MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
}

int cmd_serve(int argc, char **argv)
{
    serve_opts o = {NULL, "127.0.0.1:8080", NULL, 0, 0};
    int pr = parse_args(argc, argv, &o);
    if (pr != 0) {
        usage(pr > 0 ? stdout : stderr);
        return pr > 0 ? EXIT_CLEAN : EXIT_UNREADABLE;
    }
    struct sockaddr_storage addr;
    if (listen_address(o.listen, &addr) < 0) {
        fprintf(stderr, "gongkai serve: 监听地址无效 %s / bad listen address (HOST:PORT)\n",
                o.listen);
        return EXIT_UNREADABLE;
    }
    if (!o.threads) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        o.threads = cores > 2 ? (unsigned)cores * 2 : 4;
    }
    gk_calendar *cal = cli_calendar_open("serve", o.calendar);
    if (!cal)
        return EXIT_UNREADABLE;
    gk_api_config cfg = {o.db, cal, o.threads, 0, o.secure, 0, GK_DATE_NONE};
    server sv = {NULL};
    gk_error err = {GK_OK, ""};
    if (gk_api_new(&cfg, &sv.api, &err) != GK_OK) {
        fprintf(stderr, "gongkai serve: %s\n", err.msg);
        gk_calendar_free(cal);
        return EXIT_UNREADABLE;
    }
    /* the signals are taken by sigwait below, in this thread only: block them before the
       worker threads start, so they inherit the mask */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    struct MHD_Daemon *d = start(&sv, &addr, o.threads);
    int rc = EXIT_CLEAN;
    if (!d) {
        fprintf(stderr, "gongkai serve: 无法监听 %s / cannot listen on %s\n", o.listen, o.listen);
        rc = EXIT_UNREADABLE;
    } else {
        const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
        char host[64] = "?";
        if (addr.ss_family == AF_INET)
            inet_ntop(AF_INET, &((struct sockaddr_in *)&addr)->sin_addr, host, sizeof host);
        else
            inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&addr)->sin6_addr, host, sizeof host);
        fprintf(stderr,
                "gongkai serve: 正在监听 / listening on http://%s%s%s:%u/ (%s, %u threads)\n",
                addr.ss_family == AF_INET6 ? "[" : "", host, addr.ss_family == AF_INET6 ? "]" : "",
                di ? (unsigned)di->port : 0u,
                strncmp(o.db, "sqlite:", 7) == 0 ? "SQLite" : "PostgreSQL", o.threads);
        int sig = 0;
        sigwait(&stop, &sig);
        fprintf(stderr, "gongkai serve: 收到信号 %d，停止 / signal %d, stopping\n", sig, sig);
        MHD_stop_daemon(d);
    }
    gk_api_free(sv.api);
    gk_calendar_free(cal);
    return rc;
}
