/* trawl-query: search an index for passages.
 *
 *   trawl-query [--index DIR] [--limit N] [--offset N] [--format text|json] [--lang CODE]
 *               QUERY...
 *
 * Options may follow the query. Exit 0 when passages match, 1 when none does, 2 on a usage error, a
 * malformed query or a missing or unreadable index. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli_common.h"
#include "common/buf.h"
#include "output/printer.h"
#include "search/search.h"

static void usage(FILE *f)
{
    fputs("usage: trawl-query [--index DIR] [--limit N] [--offset N] [--format text|json]\n"
          "                   [--lang CODE] QUERY...\n"
          "Searches the index DIR (default index/) and prints the best passages.\n"
          "  --limit N          passages to show (default 10)\n"
          "  --offset N         skip the first N (for paging)\n"
          "  --format FORMAT    text (default) or json\n"
          "  --lang CODE        analyse the query as this language (default: the index's)\n"
          "Query syntax: words (all must match; stems match: universities ~ university),\n"
          "\"exact phrase\", a OR b, NOT word, -word, (groups), title:word, section:word,\n"
          "word* (prefix). OR binds tighter than the implicit AND.\n",
          f);
}

int main(int argc, char **argv)
{
    trawl_cli_set_program("trawl-query");
    const char *index_dir = "index";
    trawl_search_options opts = {0, 10, NULL};
    trawl_output_format format = TRAWL_OUTPUT_TEXT;
    size_t value;
    trawl_buf query = TRAWL_BUF_INIT;
    bool options_done = false;
    /* Options may come before, between or after the query's words; "--" ends them. */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if (options_done || a[0] != '-' || a[1] != '-') {
            if (query.len)
                trawl_buf_putc(&query, ' ');
            trawl_buf_puts(&query, a);
        } else if (strcmp(a, "--") == 0) {
            options_done = true;
        } else if (strcmp(a, "--help") == 0) {
            usage(stdout);
            trawl_buf_free(&query);
            return TRAWL_EXIT_OK;
        } else if (strcmp(a, "--index") == 0 && has_value) {
            index_dir = argv[++i];
        } else if (strcmp(a, "--lang") == 0 && has_value) {
            opts.language = argv[++i];
        } else if (strcmp(a, "--limit") == 0 && has_value) {
            if (!trawl_cli_parse_count(a, argv[++i], 0, 100000, &value))
                goto usage_error;
            opts.limit = (unsigned)value;
        } else if (strcmp(a, "--offset") == 0 && has_value) {
            if (!trawl_cli_parse_count(a, argv[++i], 0, 100000000, &value))
                goto usage_error;
            opts.offset = (unsigned)value;
        } else if (strcmp(a, "--format") == 0 && has_value) {
            if (!trawl_output_format_parse(argv[++i], &format)) {
                trawl_cli_error("--format wants text or json, not '%s'", argv[i]);
                goto usage_error;
            }
        } else {
            trawl_cli_error("%s: unknown option or missing value (see --help)", a);
            goto usage_error;
        }
    }
    if (!query.failed && query.len == 0) {
        trawl_cli_error("no query given (see --help)");
        goto usage_error;
    }

    int code = TRAWL_EXIT_FATAL;
    trawl_error err;
    trawl_searcher *s = NULL;
    trawl_results *r = NULL;
    trawl_printer *p = NULL;
    if (query.failed) {
        trawl_cli_error("out of memory");
        goto cleanup;
    }
    if (trawl_searcher_open(index_dir, &s, &err) || trawl_search(s, query.data, &opts, &r, &err) ||
        trawl_printer_new(format, stdout, isatty(STDOUT_FILENO), &p, &err) ||
        trawl_print_results(p, r, &err)) {
        trawl_cli_error("%s", err.message);
        goto cleanup;
    }
    code = trawl_results_total(r) > 0 ? TRAWL_EXIT_OK : TRAWL_EXIT_PARTIAL;
cleanup:
    trawl_printer_free(p);
    trawl_results_free(r);
    trawl_searcher_close(s);
    trawl_buf_free(&query);
    return code;
usage_error:
    trawl_buf_free(&query);
    return TRAWL_EXIT_FATAL;
}
