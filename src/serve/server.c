/* server.c: request routing, a pool of searchers kept up to date with the index, responses
 * made by the same printers and charts as trawl-query's. */
#define _POSIX_C_SOURCE 200809L /* open_memstream, stat's st_mtim, strdup */
#include "serve/server.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/fileio.h"
#include "common/hash.h"
#include "facets/facets.h"
#include "output/chart.h"
#include "output/printer.h"
#include "search/fingerprint.h"
#include "search/search.h"

/* A searcher of the pool and the index version it was opened at. */
typedef struct pooled {
    trawl_searcher *s;
    uint64_t version;
    bool busy;
} pooled;

struct trawl_server {
    struct MHD_Daemon *daemon;
    char *index, *glossary, *web;
    unsigned port;
    pthread_mutex_t lock;
    pthread_cond_t freed;
    pooled *pool;
    size_t npool;
    uint64_t version; /* of the index, as last seen */
    time_t checked;   /* when it was last looked at */
    char digest[33];  /* the fingerprint of the index at digest_version, for charts */
    uint64_t digest_version;
};

/* The files of the page, by URL; nothing else of the web folder is served. */
static const struct {
    const char *url, *file, *type;
} assets[] = {
    {"/", "index.html", "text/html; charset=utf-8"},
    {"/app.js", "app.js", "text/javascript; charset=utf-8"},
    {"/app.css", "app.css", "text/css; charset=utf-8"},
};

/* Adds what identifies a committed state of a file: its inode, size and modification time. */
static uint64_t stamp(uint64_t h, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return trawl_fnv64(h, "-", 1);
    uint64_t v[4] = {(uint64_t)st.st_ino, (uint64_t)st.st_size, (uint64_t)st.st_mtim.tv_sec,
                     (uint64_t)st.st_mtim.tv_nsec};
    return trawl_fnv64(h, v, sizeof v);
}

/* The index's version: its stub file and the version files of its shards (each Xapian commit
 * rewrites its database's iamglass; a rebuild or another shard count replaces the stub). */
static uint64_t index_version(const char *index)
{
    uint64_t h = TRAWL_FNV64_INIT;
    trawl_buf path = TRAWL_BUF_INIT;
    trawl_buf_printf(&path, "%s/XAPIANDB", index);
    h = stamp(h, trawl_buf_str(&path));
    h = stamp(h, index);
    DIR *d = opendir(index);
    for (struct dirent *e = d ? readdir(d) : NULL; e; e = readdir(d)) {
        if (strncmp(e->d_name, "shard-", 6) != 0)
            continue;
        trawl_buf_reset(&path);
        trawl_buf_printf(&path, "%s/%s/iamglass", index, e->d_name);
        h ^= stamp(TRAWL_FNV64_INIT, trawl_buf_str(&path)); /* any order of the entries */
    }
    if (d)
        closedir(d);
    trawl_buf_free(&path);
    return h;
}

/* A searcher for a request, opened again when the index has a new version since it was. */
static trawl_status acquire(trawl_server *s, pooled **out, trawl_error *err)
{
    pthread_mutex_lock(&s->lock);
    time_t now = time(NULL);
    if (now != s->checked) { /* at most once a second */
        s->version = index_version(s->index);
        s->checked = now;
    }
    pooled *p = NULL;
    while (!p) {
        for (size_t i = 0; i < s->npool && !p; i++)
            if (!s->pool[i].busy)
                p = &s->pool[i];
        if (!p)
            pthread_cond_wait(&s->freed, &s->lock);
    }
    p->busy = true;
    uint64_t version = s->version;
    pthread_mutex_unlock(&s->lock);
    trawl_status st = TRAWL_OK;
    if (!p->s || p->version != version) {
        trawl_searcher_close(p->s);
        p->s = NULL;
        st = trawl_searcher_open(s->index, NULL, &p->s, err);
        if (!st)
            st = trawl_searcher_use_glossary(p->s, s->glossary, err);
        if (st) {
            trawl_searcher_close(p->s);
            p->s = NULL;
        }
        p->version = version;
    }
    if (st) {
        pthread_mutex_lock(&s->lock);
        p->busy = false;
        pthread_cond_signal(&s->freed);
        pthread_mutex_unlock(&s->lock);
        return st;
    }
    *out = p;
    return TRAWL_OK;
}

static void release(trawl_server *s, pooled *p)
{
    pthread_mutex_lock(&s->lock);
    p->busy = false;
    pthread_cond_signal(&s->freed);
    pthread_mutex_unlock(&s->lock);
}

/* Queues a response of `len` bytes of `body` (malloc'd; taken). */
/* Queues `r` (which it destroys) with status `code`, as `type`, with the headers every answer
 * carries. */
static enum MHD_Result queue(struct MHD_Connection *c, unsigned code, const char *type,
                             struct MHD_Response *r)
{
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                            "script-src 'self'; object-src 'none'; base-uri 'none'; "
                            "frame-ancestors 'none'");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    enum MHD_Result ok = MHD_queue_response(c, code, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result respond(struct MHD_Connection *c, unsigned code, const char *type,
                               char *body, size_t len)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(
        len, body ? body : (char *)"", body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (!r) {
        free(body);
        return MHD_NO;
    }
    return queue(c, code, type, r);
}

/* The HTTP status of a failure. */
static unsigned status_of(trawl_status st)
{
    switch (st) {
    case TRAWL_ERR_QUERY_SYNTAX:
    case TRAWL_ERR_ARG:
        return MHD_HTTP_BAD_REQUEST;
    case TRAWL_ERR_SHARD:
        return MHD_HTTP_BAD_GATEWAY;
    case TRAWL_ERR_NO_INDEX:
    case TRAWL_ERR_NOMEM:
        return MHD_HTTP_SERVICE_UNAVAILABLE;
    default:
        return MHD_HTTP_INTERNAL_SERVER_ERROR;
    }
}

/* {"query", "error"} with the status of `st`. */
static enum MHD_Result respond_error(struct MHD_Connection *c, unsigned code, const char *query,
                                     const char *message)
{
    char *body = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&body, &len);
    trawl_printer *p = NULL;
    if (out && !trawl_printer_new(TRAWL_OUTPUT_JSON, out, &p, NULL))
        trawl_print_json_error(p, query ? query : "", message, NULL);
    trawl_printer_free(p);
    if (out)
        fclose(out);
    return respond(c, code, "application/json; charset=utf-8", body, body ? len : 0);
}

static const char *arg(struct MHD_Connection *c, const char *name)
{
    return MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name);
}

/* A count parameter in [0, max], `otherwise` when absent; false when malformed. */
static bool count_arg(struct MHD_Connection *c, const char *name, unsigned max, unsigned otherwise,
                      unsigned *out)
{
    const char *v = arg(c, name);
    *out = otherwise;
    if (!v)
        return true;
    char *end = NULL;
    unsigned long n = strtoul(v, &end, 10);
    if (!*v || *end || n > max)
        return false;
    *out = (unsigned)n;
    return true;
}

typedef trawl_status (*print_fn)(trawl_printer *p, const void *what, trawl_error *err);

static trawl_status print_results(trawl_printer *p, const void *what, trawl_error *err)
{
    return trawl_print_results(p, what, err);
}

static trawl_status print_report(trawl_printer *p, const void *what, trawl_error *err)
{
    return trawl_print_report(p, what, err);
}

static trawl_status print_links(trawl_printer *p, const void *what, trawl_error *err)
{
    return trawl_print_links(p, what, err);
}

/* What printing `what` with `fn` in `format` writes, into `*body` (malloc'd, the caller's) and
 * `*len`; nothing when it fails. */
static trawl_status printed(trawl_output_format format, print_fn fn, const void *what, char **body,
                            size_t *len, trawl_error *err)
{
    char *data = NULL;
    size_t n = 0;
    FILE *out = open_memstream(&data, &n);
    trawl_printer *p = NULL;
    trawl_status st = out ? trawl_printer_new(format, out, &p, err)
                          : trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    if (!st)
        st = fn(p, what, err);
    trawl_printer_free(p);
    if (out && fclose(out) && !st)
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    *body = st ? NULL : data;
    *len = st ? 0 : n;
    if (st)
        free(data);
    return st;
}

static enum MHD_Result api_search(trawl_server *s, struct MHD_Connection *c)
{
    const char *q = arg(c, "q"), *facets = arg(c, "facets");
    trawl_search_options o = TRAWL_SEARCH_OPTIONS_INIT;
    o.language = arg(c, "lang");
    if (o.language && !*o.language)
        o.language = NULL;
    if (!q || !*q)
        return respond_error(c, MHD_HTTP_BAD_REQUEST, q, "no query: give q=QUERY");
    if (!count_arg(c, "offset", 1000000, 0, &o.offset) ||
        !count_arg(c, "limit", TRAWL_SERVE_MAX_LIMIT, 10, &o.limit))
        return respond_error(c, MHD_HTTP_BAD_REQUEST, q,
                             "offset and limit are whole numbers (limit at most 100)");
    if (facets && *facets && !trawl_facets_parse_list(facets, &o.facets))
        return respond_error(c, MHD_HTTP_BAD_REQUEST, q,
                             "facets: icc, province, year, lang, kind and published, separated "
                             "by commas");
    /* What trawl-query's --sort, --collapse and --group documents --per-document N ask. */
    const char *sort = arg(c, "sort"), *collapse = arg(c, "collapse"), *group = arg(c, "group");
    static const char *const sorts[] = {"score", "date", "-date"};
    bool sort_known = !sort;
    for (int i = 0; sort && i < 3; i++)
        if (strcmp(sort, sorts[i]) == 0) {
            o.sort = (trawl_sort)i;
            sort_known = true;
        }
    unsigned per_document = 3;
    if (!sort_known || (collapse && strcmp(collapse, "0") && strcmp(collapse, "1")) ||
        (group && strcmp(group, "passages") && strcmp(group, "documents")) ||
        !count_arg(c, "per_document", 100, 3, &per_document) || !per_document)
        return respond_error(c, MHD_HTTP_BAD_REQUEST, q,
                             "sort: score, date or -date; collapse: 0 or 1; group: passages or "
                             "documents; per_document: 1 to 100");
    o.collapse = collapse && !strcmp(collapse, "1");
    o.per_document = group && !strcmp(group, "documents") ? per_document : 0;
    if (o.collapse && o.per_document)
        return respond_error(c, MHD_HTTP_BAD_REQUEST, q,
                             "group=documents and collapse=1: choose one");
    pooled *p = NULL;
    trawl_error err;
    trawl_results *r = NULL;
    trawl_status st = acquire(s, &p, &err);
    if (st)
        return respond_error(c, status_of(st), q, err.message);
    char *body = NULL;
    size_t len = 0;
    st = trawl_search(p->s, q, &o, &r, &err);
    if (!st)
        st = printed(TRAWL_OUTPUT_JSON, print_results, r, &body, &len, &err);
    trawl_results_free(r);
    release(s, p);
    if (st)
        return respond_error(c, status_of(st), q, err.message);
    return respond(c, MHD_HTTP_OK, "application/json; charset=utf-8", body, len);
}

/* /api/report and /api/chart: a report of the index, as JSON, CSV or an SVG chart. */
static enum MHD_Result api_report(trawl_server *s, struct MHD_Connection *c, bool chart)
{
    const char *q = arg(c, "q"), *spec_text = arg(c, "spec"), *count = arg(c, "count");
    const char *format = arg(c, "format");
    trawl_report_spec spec;
    trawl_error err;
    if (q && !*q)
        q = NULL;
    if (!spec_text || trawl_report_spec_parse(spec_text, &spec, &err))
        return respond_error(c, MHD_HTTP_BAD_REQUEST, q,
                             spec_text ? err.message
                                       : "no report: give spec=FACET, FACET,FACET or icc-registry");
    spec.documents = count && (!strcmp(count, "documents") || !strcmp(count, "originals"));
    spec.originals = count && !strcmp(count, "originals");
    bool csv = format && !strcmp(format, "csv");
    if (format && !csv && strcmp(format, "json") != 0)
        return respond_error(c, MHD_HTTP_BAD_REQUEST, q, "format: json or csv");
    pooled *p = NULL;
    trawl_report *rep = NULL;
    trawl_status st = acquire(s, &p, &err);
    if (st)
        return respond_error(c, status_of(st), q, err.message);
    st = trawl_search_report(p->s, q, &spec, NULL, &rep, &err);
    char *body = NULL;
    size_t len = 0;
    if (!st && chart) {
        char digest[33], date[16];
        size_t passages = 0;
        time_t now = time(NULL);
        struct tm day;
        strftime(date, sizeof date, "%Y-%m-%d", gmtime_r(&now, &day));
        /* The fingerprint reads every passage: once per version of the index. */
        pthread_mutex_lock(&s->lock);
        bool known = s->digest[0] && s->digest_version == p->version;
        if (known)
            memcpy(digest, s->digest, sizeof digest);
        pthread_mutex_unlock(&s->lock);
        if (!known && !(st = trawl_fingerprint(p->s, digest, &passages, &err))) {
            pthread_mutex_lock(&s->lock);
            memcpy(s->digest, digest, sizeof digest);
            s->digest_version = p->version;
            pthread_mutex_unlock(&s->lock);
        }
        trawl_chart_source src = {digest, date};
        trawl_buf svg = TRAWL_BUF_INIT;
        if (!st)
            st = trawl_chart_svg(rep, &src, &svg, &err);
        len = svg.len;
        body = st ? NULL : trawl_buf_detach(&svg);
        trawl_buf_free(&svg);
    } else if (!st) {
        st = printed(csv ? TRAWL_OUTPUT_CSV : TRAWL_OUTPUT_JSON, print_report, rep, &body, &len,
                     &err);
    }
    trawl_report_free(rep);
    release(s, p);
    if (st)
        return respond_error(c, status_of(st), q, err.message);
    return respond(c, MHD_HTTP_OK,
                   chart ? "image/svg+xml"
                   : csv ? "text/csv; charset=utf-8"
                         : "application/json; charset=utf-8",
                   body, len);
}

static enum MHD_Result api_links(trawl_server *s, struct MHD_Connection *c)
{
    const char *doc = arg(c, "doc");
    if (!doc || !*doc)
        return respond_error(c, MHD_HTTP_BAD_REQUEST, doc, "no document: give doc=PATH");
    pooled *p = NULL;
    trawl_error err;
    trawl_doc_links *l = NULL;
    trawl_status st = acquire(s, &p, &err);
    if (st)
        return respond_error(c, status_of(st), doc, err.message);
    st = trawl_search_links(p->s, doc, &l, &err);
    char *body = NULL;
    size_t len = 0;
    if (!st)
        st = printed(TRAWL_OUTPUT_JSON, print_links, l, &body, &len, &err);
    trawl_doc_links_free(l);
    release(s, p);
    if (st)
        return respond_error(c, status_of(st), doc, err.message);
    return respond(c, MHD_HTTP_OK, "application/json; charset=utf-8", body, len);
}

/* /api/kwic: every occurrence (trawl-query --kwic), as CSV (a download) or JSON. The rows go
 * to a temporary file, which the answer is then read from: the server's memory does not grow
 * with their number. */
static enum MHD_Result api_kwic(trawl_server *s, struct MHD_Connection *c)
{
    const char *q = arg(c, "q"), *format = arg(c, "format");
    unsigned context = 40;
    if (!q || !*q)
        return respond_error(c, MHD_HTTP_BAD_REQUEST, q, "no query: give q=QUERY");
    bool json = format && !strcmp(format, "json");
    if ((format && !json && strcmp(format, "csv") != 0) ||
        !count_arg(c, "context", 10000, 40, &context))
        return respond_error(c, MHD_HTTP_BAD_REQUEST, q,
                             "format: csv or json; context: a whole number up to 10000");
    pooled *p = NULL;
    trawl_error err;
    trawl_status st = acquire(s, &p, &err);
    if (st)
        return respond_error(c, status_of(st), q, err.message);
    FILE *out = tmpfile();
    trawl_printer *pr = NULL;
    size_t rows = 0;
    if (!out)
        st = trawl_error_set(&err, TRAWL_ERR_IO, "no temporary file for the answer");
    if (!st)
        st = trawl_printer_new(json ? TRAWL_OUTPUT_JSON : TRAWL_OUTPUT_CSV, out, &pr, &err);
    if (!st)
        st = trawl_print_occurrences(pr, p->s, q, NULL, context, &rows, &err);
    trawl_printer_free(pr);
    release(s, p);
    long size = !st && fflush(out) == 0 ? ftell(out) : -1;
    if (!st && size < 0)
        st = trawl_error_set(&err, TRAWL_ERR_IO, "writing the answer failed");
    if (st) {
        if (out)
            fclose(out);
        return respond_error(c, status_of(st), q, err.message);
    }
    /* The response owns (and closes) a duplicate of the file's descriptor. */
    int fd = dup(fileno(out));
    fclose(out);
    struct MHD_Response *r = fd < 0 ? NULL : MHD_create_response_from_fd((uint64_t)size, fd);
    if (!r) {
        if (fd >= 0)
            close(fd);
        return respond_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, q, "cannot send the answer");
    }
    if (!json)
        MHD_add_response_header(r, "Content-Disposition",
                                "attachment; filename=\"trawl-occurrences.csv\"");
    return queue(c, MHD_HTTP_OK,
                 json ? "application/json; charset=utf-8" : "text/csv; charset=utf-8", r);
}

static enum MHD_Result asset(trawl_server *s, struct MHD_Connection *c, size_t i)
{
    trawl_buf path = TRAWL_BUF_INIT;
    trawl_buf_printf(&path, "%s/%s", s->web, assets[i].file);
    char *data = NULL;
    size_t len = 0;
    trawl_error err;
    trawl_status st = path.failed
                          ? TRAWL_ERR_NOMEM
                          : trawl_read_file(trawl_buf_str(&path), 4u << 20, &data, &len, &err);
    trawl_buf_free(&path);
    if (st)
        return respond_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, NULL,
                             "the page's files are missing: set TRAWL_DATA_DIR");
    return respond(c, MHD_HTTP_OK, assets[i].type, data, len);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **state)
{
    trawl_server *s = cls;
    (void)version;
    (void)upload;
    (void)state;
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
        return respond_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, NULL,
                             "only GET and HEAD: the server is read-only");
    if (*upload_size)
        return respond_error(c, MHD_HTTP_BAD_REQUEST, NULL, "a GET has no body");
    const char *q = arg(c, "q");
    if (q && strlen(q) > TRAWL_SERVE_MAX_QUERY)
        return respond_error(c, MHD_HTTP_URI_TOO_LONG, NULL, "query too long (at most 4096 bytes)");
    for (size_t i = 0; i < sizeof assets / sizeof *assets; i++)
        if (!strcmp(url, assets[i].url))
            return asset(s, c, i);
    if (!strcmp(url, "/api/search"))
        return api_search(s, c);
    if (!strcmp(url, "/api/report"))
        return api_report(s, c, false);
    if (!strcmp(url, "/api/chart"))
        return api_report(s, c, true);
    if (!strcmp(url, "/api/links"))
        return api_links(s, c);
    if (!strcmp(url, "/api/kwic"))
        return api_kwic(s, c);
    return respond_error(c, MHD_HTTP_NOT_FOUND, NULL, "no such page");
}

trawl_status trawl_server_start(const trawl_server_options *o, trawl_server **out, trawl_error *err)
{
    *out = NULL;
    trawl_server *s = calloc(1, sizeof *s);
    size_t n = o->threads ? o->threads : 1;
    if (!s || !(s->pool = calloc(n, sizeof *s->pool)) || !(s->index = strdup(o->index)) ||
        !(s->web = strdup(o->web)) || (o->glossary && !(s->glossary = strdup(o->glossary)))) {
        trawl_server_stop(s);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    }
    s->npool = n;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->freed, NULL);
    s->version = index_version(s->index);
    s->checked = time(NULL);
    /* Open one searcher now: a missing index or glossary is said at the start. */
    trawl_status st = trawl_searcher_open(s->index, NULL, &s->pool[0].s, err);
    if (!st)
        st = trawl_searcher_use_glossary(s->pool[0].s, s->glossary, err);
    s->pool[0].version = s->version;
    if (st) {
        trawl_server_stop(s);
        return st;
    }
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)o->port);
    if (inet_pton(AF_INET, o->host ? o->host : "127.0.0.1", &addr.sin_addr) != 1) {
        trawl_server_stop(s);
        return trawl_error_set(err, TRAWL_ERR_ARG, "not an IPv4 address: %s", o->host);
    }
    s->daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, (uint16_t)o->port, NULL, NULL, handle,
        s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)n,
        MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
        MHD_OPTION_END);
    if (!s->daemon) {
        trawl_server_stop(s);
        return trawl_error_set(err, TRAWL_ERR_IO, "cannot listen on %s:%u",
                               o->host ? o->host : "127.0.0.1", o->port);
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : o->port;
    *out = s;
    return TRAWL_OK;
}

unsigned trawl_server_port(const trawl_server *s)
{
    return s->port;
}

void trawl_server_stop(trawl_server *s)
{
    if (!s)
        return;
    if (s->daemon)
        MHD_stop_daemon(s->daemon);
    for (size_t i = 0; s->pool && i < s->npool; i++)
        trawl_searcher_close(s->pool[i].s);
    if (s->pool) {
        pthread_mutex_destroy(&s->lock);
        pthread_cond_destroy(&s->freed);
    }
    free(s->pool);
    free(s->index);
    free(s->glossary);
    free(s->web);
    free(s);
}
