/* trawl-serve: the search page and JSON API of an index, over HTTP (serve/server.h).
 *
 *   trawl-serve [--index DIR] [--listen HOST:PORT] [--threads N] [--glossary FILE]
 *
 * Binds to 127.0.0.1:8080 unless told otherwise; read-only; runs until SIGINT or SIGTERM.
 * Exit 0 when stopped so, 2 on a usage error or when the index cannot be opened or the address
 * listened on. */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli_common.h"
#include "cli/options.h"
#include "common/buf.h"
#include "common/datadir.h"
#include "serve/server.h"

/* Splits "HOST:PORT" (or ":PORT", or "PORT"); false when malformed. */
static bool parse_listen(const char *text, char host[64], unsigned *port)
{
    const char *colon = strrchr(text, ':');
    const char *digits = colon ? colon + 1 : text;
    size_t hl = colon ? (size_t)(colon - text) : 0;
    char *end = NULL;
    unsigned long p = strtoul(digits, &end, 10);
    if (!*digits || *end || p > 65535 || hl >= 64)
        return false;
    if (hl) {
        memcpy(host, text, hl);
        host[hl] = '\0';
    } else {
        strcpy(host, "127.0.0.1");
    }
    *port = (unsigned)p;
    return true;
}

int main(int argc, char **argv)
{
    trawl_cli_set_program("trawl-serve");
    const char *index_dir = NULL, *listen = "127.0.0.1:8080", *glossary = NULL;
    size_t threads = 4;
    const trawl_cli_option options[] = {
        {"--index", 0, TRAWL_CLI_STRING, "DIR", "the index (default $TRAWL_INDEX, else index/)",
         &index_dir, 0, 0, NULL},
        {"--listen", 0, TRAWL_CLI_STRING, "HOST:PORT",
         "the address to serve on (default 127.0.0.1:8080; port 0: any free port; 0.0.0.0 to "
         "be reached from other machines)",
         &listen, 0, 0, NULL},
        {"--threads", 0, TRAWL_CLI_COUNT, "N", "requests served at once (default 4)", &threads, 1,
         256, NULL},
        {"--glossary", 0, TRAWL_CLI_STRING, "FILE",
         "groups of equivalent words and phrases (default: glossary.txt beside the index)",
         &glossary, 0, 0, NULL},
        {"--version", 0, TRAWL_CLI_VERSION, NULL,
         "Trawl's version and those of the libraries an index records", NULL, 0, 0, NULL},
        {"--help", 0, TRAWL_CLI_HELP, NULL, "this help", NULL, 0, 0, NULL},
    };
    const trawl_cli_spec cli = {
        "usage: trawl-serve [--index DIR] [--listen HOST:PORT] [--threads N]\n"
        "                   [--glossary FILE]\n",
        "Serves the search page of the index DIR and its JSON API (/api/search,\n"
        "/api/report, /api/chart, /api/links: the objects of trawl-query --format json),\n"
        "read-only, until interrupted. A new version of the index is picked up without\n"
        "a restart.\n",
        "The page's files are read from $TRAWL_DATA_DIR/web, else share/trawl/web found\n"
        "from the program.\n",
        options,
        sizeof options / sizeof *options,
        false};
    trawl_cli_list operands = {NULL, 0};
    int parsed = trawl_cli_parse(&cli, argc, argv, &operands);
    size_t extra = operands.n;
    trawl_cli_list_free(&operands);
    if (parsed != TRAWL_CLI_PARSED)
        return parsed == TRAWL_CLI_HELPED ? TRAWL_EXIT_OK : TRAWL_EXIT_FATAL;
    char host[64];
    unsigned port = 0;
    if (extra) {
        trawl_cli_error("no operands: the index is --index DIR (see --help)");
        return TRAWL_EXIT_FATAL;
    }
    if (!parse_listen(listen, host, &port)) {
        trawl_cli_error("--listen wants HOST:PORT, not '%s'", listen);
        return TRAWL_EXIT_FATAL;
    }
    /* Signals are waited for below, not handled: block them in every thread. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    trawl_buf web = TRAWL_BUF_INIT;
    trawl_buf_printf(&web, "%s/web", trawl_data_dir());
    trawl_server_options o = {
        trawl_cli_index(index_dir, NULL), glossary, host, port, threads, trawl_buf_str(&web)};
    trawl_server *s = NULL;
    trawl_error err;
    if (web.failed || trawl_server_start(&o, &s, &err)) {
        trawl_cli_error("%s", web.failed ? "out of memory" : err.message);
        trawl_buf_free(&web);
        return TRAWL_EXIT_FATAL;
    }
    printf("serving %s at http://%s:%u/\n", o.index, host, trawl_server_port(s));
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    trawl_server_stop(s);
    trawl_buf_free(&web);
    return TRAWL_EXIT_OK;
}
