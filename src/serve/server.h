/* server.h: trawl-serve's web server (libmicrohttpd): the search page and its assets, and a
 * read-only JSON API giving the same objects as trawl-query --format json:
 *   GET /api/search?q=QUERY[&offset=N][&limit=N][&lang=CODE][&facets=LIST]
 *   GET /api/report?spec=SPEC[&q=QUERY][&count=documents][&format=json|csv]
 *   GET /api/chart?spec=SPEC[&q=QUERY][&count=documents]         (SVG)
 *   GET /api/links?doc=DOC
 * A bad query or parameter is a 400 with {"query", "error"}; an unknown path a 404; any method
 * but GET and HEAD a 405; a query longer than TRAWL_SERVE_MAX_QUERY bytes a 414. Each worker
 * thread searches through a searcher of a pool; when an ingest publishes a new version of the
 * index (a commit, a rebuild, another shard count), the searchers are opened again, without a
 * restart. */
#ifndef TRAWL_SERVER_H
#define TRAWL_SERVER_H

#include <stddef.h>

#include "common/status.h"

/* Queries longer than this are refused (414). */
#define TRAWL_SERVE_MAX_QUERY 4096
/* Results per page at most. */
#define TRAWL_SERVE_MAX_LIMIT 100

typedef struct trawl_server_options {
    const char *index;    /* the index folder or stub file */
    const char *glossary; /* the glossary file, or NULL for the default (search.h) */
    const char *host;     /* the IPv4 address to listen on, "127.0.0.1" by default */
    unsigned port;        /* 0: any free port (trawl_server_port says which) */
    size_t threads;       /* worker threads (and searchers) */
    const char *web;      /* the folder of the page's files (index.html, app.js, app.css) */
} trawl_server_options;

typedef struct trawl_server trawl_server;

/* Opens the index (failing as trawl_searcher_open does, or TRAWL_ERR_IO when the address
 * cannot be listened on) and starts serving on threads of its own. `*server_out` belongs to
 * the caller (trawl_server_stop). */
trawl_status trawl_server_start(const trawl_server_options *options, trawl_server **server_out,
                                trawl_error *err);
/* The port it listens on. */
unsigned trawl_server_port(const trawl_server *s);
/* Stops serving (requests under way are finished) and frees everything. */
void trawl_server_stop(trawl_server *s);

#endif
