/* query_probe: in-process query latency of the query benchmark (tools/bench/query.py). Opens
 * the index once, then runs each query of standard input (one per line) through
 * trawl_search with 10 results, their highlighted passages included, `rounds` times; prints
 * one line per query and round: round, milliseconds, total matches, the query. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "search/search.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: query_probe INDEX ROUNDS <queries\n");
        return 2;
    }
    int rounds = atoi(argv[2]);
    trawl_searcher *s = NULL;
    trawl_error err;
    if (trawl_searcher_open(argv[1], NULL, &s, &err)) {
        fprintf(stderr, "query_probe: %s\n", err.message);
        return 2;
    }
    char **queries = NULL;
    size_t n = 0, cap = 0;
    char line[4096];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        if (!*line || *line == '#')
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            char **grown = realloc(queries, cap * sizeof *queries);
            if (!grown)
                return 2;
            queries = grown;
        }
        queries[n++] = strdup(line);
    }
    int code = 0;
    trawl_search_options o = TRAWL_SEARCH_OPTIONS_INIT;
    for (int r = 1; r <= rounds; r++) {
        for (size_t i = 0; i < n; i++) {
            trawl_results *res = NULL;
            double t0 = now_ms();
            if (trawl_search(s, queries[i], &o, &res, &err)) {
                fprintf(stderr, "query_probe: %s: %s\n", queries[i], err.message);
                code = 1;
                continue;
            }
            double ms = now_ms() - t0;
            printf("%d\t%.3f\t%u\t%s\n", r, ms, trawl_results_total(res), queries[i]);
            trawl_results_free(res);
        }
    }
    for (size_t i = 0; i < n; i++)
        free(queries[i]);
    free(queries);
    trawl_searcher_close(s);
    return code;
}
