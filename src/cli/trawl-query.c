/* trawl-query: search an index for passages.
 *
 *   trawl-query [options] QUERY...       the best passages
 *   trawl-query --report SPEC [QUERY...]  counts by facet, cross-tabs, the center registry
 *   trawl-query --links DOC               links from and to a document
 *   trawl-query --batch FILE              one query per line, JSON Lines out
 *   trawl-query --fingerprint             a digest of the index's content
 *
 * Options may follow the query. Exit 0 when passages match, 1 when none does, 2 on a usage error, a
 * malformed query or a missing or unreadable index (--batch: 0 when every query ran, 1 when some
 * could not). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli_common.h"
#include "cli/options.h"
#include "common/buf.h"
#include "facets/facets.h"
#include "output/chart.h"
#include "output/printer.h"
#include "search/fingerprint.h"
#include "search/search.h"
#include "search/watch.h"
#include "text/utf8.h"

/* Warns of the shards left out (--allow-partial) beyond the `warned` first, and has the
 * printer say which; returns how many are left out. */
static size_t note_missing(const trawl_searcher *s, trawl_printer *p, size_t warned)
{
    size_t n = 0;
    const char *const *missing = trawl_searcher_missing(s, &n);
    for (size_t k = warned; k < n; k++)
        trawl_cli_warn("partial answer, without %s", missing[k]);
    trawl_printer_set_missing(p, missing, n);
    return n;
}

/* --batch: runs every line of `path` as a query, printing one JSON object per line: the
 * results, or {"query", "error"} for a query that cannot run. Blank lines and lines starting
 * with '#' are skipped. Exit 0 when every query ran, 1 when some could not, 2 when the file
 * cannot be read or the index fails. */
static int run_batch(trawl_searcher *s, trawl_printer *p, const char *path,
                     const trawl_search_options *opts, size_t warned)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!f) {
        trawl_cli_error("%s: cannot open: %s", path, strerror(errno));
        return TRAWL_EXIT_FATAL;
    }
    int code = TRAWL_EXIT_OK;
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    trawl_error err;
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        size_t len = (size_t)n, replaced = 0;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (!len || line[strspn(line, " \t")] == '\0' || line[strspn(line, " \t")] == '#')
            continue;
        if (trawl_utf8_sanitize(&line, &len, &replaced, &err)) {
            trawl_cli_error("%s:%zu: %s", path, lineno, err.message);
            code = TRAWL_EXIT_FATAL;
            break;
        }
        cap = len + 1; /* repair may have moved the line: a capacity getline can grow from */
        trawl_results *r = NULL;
        trawl_status st = trawl_search(s, line, opts, &r, &err);
        if (st == TRAWL_ERR_QUERY_SYNTAX || st == TRAWL_ERR_ARG) {
            code = TRAWL_EXIT_PARTIAL;
            st = trawl_print_json_error(p, line, err.message, &err);
        } else if (st == TRAWL_OK) {
            warned = note_missing(s, p, warned);
            st = trawl_print_results(p, r, &err);
        }
        trawl_results_free(r);
        if (st) {
            trawl_cli_error("%s:%zu: %s", path, lineno, err.message);
            code = TRAWL_EXIT_FATAL;
            break;
        }
    }
    if (code != TRAWL_EXIT_FATAL && ferror(f)) {
        trawl_cli_error("%s: read error: %s", path, strerror(errno));
        code = TRAWL_EXIT_FATAL;
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return code;
}

/* --watch: each saved search of the file over what the runs `since` added; only the searches
 * with new passages are printed. Exit 0 when one had some, 1 when none. */
static int run_watch(trawl_searcher *s, trawl_printer *p, const char *path, const char *since,
                     const trawl_search_options *opts)
{
    trawl_watch w = {0};
    trawl_error err;
    if (trawl_watch_load(path, &w, &err)) {
        trawl_cli_error("%s", err.message);
        return TRAWL_EXIT_FATAL;
    }
    int code = TRAWL_EXIT_PARTIAL;
    size_t found = 0;
    for (size_t i = 0; i < w.n; i++) {
        trawl_results *r = NULL;
        trawl_status st = trawl_watch_run(s, &w, i, since, opts, &r, &err);
        if (!st && trawl_results_total(r) > 0 && !trawl_results_relaxed(r, NULL)) {
            trawl_printer_set_label(p, w.names[i]);
            st = trawl_print_results(p, r, &err);
            trawl_printer_set_label(p, NULL);
            found++;
            code = TRAWL_EXIT_OK;
        }
        trawl_results_free(r);
        if (st) {
            trawl_cli_error("%s: search '%s': %s", path, w.names[i], err.message);
            code = TRAWL_EXIT_FATAL;
            break;
        }
    }
    if (code != TRAWL_EXIT_FATAL && trawl_printer_is_text(p))
        printf("%s%zu of %zu saved searches found new passages (added:%s)\n", found ? "\n" : "",
               found, w.n, since ? since : "last");
    trawl_watch_free(&w);
    return code;
}

/* "icc, province, year, lang and kind": every facet, from the facet table. */
static void facet_names(char *out, size_t size)
{
    size_t at = 0;
    out[0] = '\0';
    for (int f = 0; f < TRAWL_FACET_COUNT && at < size; f++)
        at += (size_t)snprintf(out + at, size - at, "%s%s",
                               f == 0                       ? ""
                               : f == TRAWL_FACET_COUNT - 1 ? " and "
                                                            : ", ",
                               trawl_facet_name((trawl_facet_id)f));
}

/* The width text is wrapped at: --width (`given`, SIZE_MAX when not given), else $COLUMNS,
 * else the terminal's width, else TRAWL_DEFAULT_WIDTH. */
static size_t text_width(size_t given)
{
    if (given != SIZE_MAX)
        return given;
    const char *columns = getenv("COLUMNS");
    char *end = NULL;
    long n = columns ? strtol(columns, &end, 10) : 0;
    if (columns && *columns && end && !*end && n > 0 && n <= 10000)
        return (size_t)n;
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return TRAWL_DEFAULT_WIDTH;
}

/* --color: always, never, or (auto) on a terminal unless $NO_COLOR is set or $TERM is "dumb". */
static bool use_color(int when)
{
    if (when != 0)
        return when == 1;
    const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
    return isatty(STDOUT_FILENO) && !(no_color && *no_color) && !(term && !strcmp(term, "dumb"));
}

/* Writes the chart of `rep` to `path`, its source line naming the index by its fingerprint and
 * the day ($SOURCE_DATE_EPOCH when set, for reproducible charts). */
static trawl_status draw_chart(trawl_searcher *s, const trawl_report *rep, const char *path,
                               trawl_error *err)
{
    char digest[33], date[16];
    size_t passages = 0;
    trawl_status st = trawl_fingerprint(s, digest, &passages, err);
    if (st)
        return st;
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    time_t now = epoch && *epoch ? (time_t)strtoll(epoch, NULL, 10) : time(NULL);
    struct tm day;
    strftime(date, sizeof date, "%Y-%m-%d", gmtime_r(&now, &day));
    trawl_chart_source src = {digest, date};
    return trawl_chart_write(rep, &src, path, err);
}

int main(int argc, char **argv)
{
    trawl_cli_set_program("trawl-query");
    const char *index_dir = NULL, *index_rule = NULL;
    trawl_search_options opts = TRAWL_SEARCH_OPTIONS_INIT;
    int format = TRAWL_OUTPUT_TEXT, count_documents = 0, sort = 0, group = 0;
    size_t per_document = 3;
    size_t limit = opts.limit, offset = opts.offset, timeout_ms = 0, width = SIZE_MAX;
    int color = 0; /* auto, always, never */
    const char *report = NULL, *chart = NULL, *links = NULL, *batch = NULL, *facets = NULL,
               *glossary = NULL, *watch = NULL, *since = NULL;
    bool fingerprint = false, explain = false, show_links = false, allow_partial = false,
         wide = false, kwic = false;
    size_t context = 40;
    trawl_xdb_read_options read = TRAWL_XDB_READ_OPTIONS_INIT;
    trawl_report_spec spec;
    trawl_buf query = TRAWL_BUF_INIT;
    char facet_list[128], facets_help[256];
    facet_names(facet_list, sizeof facet_list);
    snprintf(facets_help, sizeof facets_help,
             "count values of these facets over all matching passages: %s, separated by commas",
             facet_list);
    _Static_assert(TRAWL_OUTPUT_TEXT == 0 && TRAWL_OUTPUT_JSON == 1 && TRAWL_OUTPUT_CSV == 2,
                   "--format's choices are in the order of trawl_output_format");
    const trawl_cli_option options[] = {
        {"--index", 0, TRAWL_CLI_STRING, "DIR", "the index (default $TRAWL_INDEX, else index/)",
         &index_dir, 0, 0, NULL},
        {"--limit", 0, TRAWL_CLI_COUNT, "N", "passages to show (default 10)", &limit, 0, 100000,
         NULL},
        {"--offset", 0, TRAWL_CLI_COUNT, "N", "skip the first N (for paging)", &offset, 0,
         100000000, NULL},
        {"--format", 0, TRAWL_CLI_CHOICE, "FORMAT", "text (default), json or csv", &format, 0, 0,
         "text|json|csv"},
        {"--kwic", 0, TRAWL_CLI_FLAG, NULL,
         "every occurrence of the matched words and phrases in every matching passage (not a "
         "page of the best), one row each with its context, passage, source offset, page, "
         "title, URL, date, language and facets; in document order, streamed",
         &kwic, 0, 0, NULL},
        {"--context", 0, TRAWL_CLI_COUNT, "N",
         "--kwic: characters of context on each side of an occurrence (default 40)", &context, 0,
         10000, NULL},
        {"--group", 0, TRAWL_CLI_CHOICE, "UNIT",
         "passages (default), or documents: each matching document once, ranked by its best "
         "passage, with its best passages under it and how many of its passages match (--limit "
         "and --offset then count documents)",
         &group, 0, 0, "passages|documents"},
        {"--per-document", 0, TRAWL_CLI_COUNT, "N",
         "--group documents: the best passages shown under each document (default 3)",
         &per_document, 1, 100, NULL},
        {"--collapse", 0, TRAWL_CLI_FLAG, NULL,
         "fold reprints: a passage whose text another document also has (a republished or "
         "mirrored copy) is shown once, with the documents that also have it",
         &opts.collapse, 0, 0, NULL},
        {"--sort", 0, TRAWL_CLI_CHOICE, "ORDER",
         "score (default: the best passages first), date (oldest publication first) or -date "
         "(newest first); undated documents last, passages of one date in document order",
         &sort, 0, 0, "score|date|-date"},
        {"--lang", 0, TRAWL_CLI_STRING, "CODE",
         "analyse the query as this language (default: the index's)", &opts.language, 0, 0, NULL},
        {"--facets", 0, TRAWL_CLI_STRING, "LIST", facets_help, &facets, 0, 0, NULL},
        {"--glossary", 0, TRAWL_CLI_STRING, "FILE",
         "groups of equivalent words and phrases, one group per line (a = b = c d); a query term "
         "of a group matches every member (default: " TRAWL_GLOSSARY_FILE
         " beside the index, when there is one)",
         &glossary, 0, 0, NULL},
        {"--width", 0, TRAWL_CLI_COUNT, "N",
         "wrap text at N columns, 0 for none (default: $COLUMNS, else the terminal's width, "
         "else 80)",
         &width, 0, 10000, NULL},
        {"--wide", 0, TRAWL_CLI_FLAG, NULL,
         "text and reports as wide as they come: no wrapping, names never shortened (--width 0)",
         &wide, 0, 0, NULL},
        {"--color", 0, TRAWL_CLI_CHOICE, "WHEN",
         "auto (default: on a terminal, unless $NO_COLOR is set), always or never; without "
         "color, matched words are marked **like this**",
         &color, 0, 0, "auto|always|never"},
        {"--explain", 0, TRAWL_CLI_FLAG, NULL, "show why each passage carries its facet values",
         &explain, 0, 0, NULL},
        {"--show-links", 0, TRAWL_CLI_FLAG, NULL,
         "show the documents each result's document links to and from", &show_links, 0, 0, NULL},
        {"--report", 0, TRAWL_CLI_STRING, "SPEC",
         "counts of one facet, a cross-tab of two (year,province), icc-registry, or reprints "
         "(the groups of near-duplicate documents), over all matches (the whole index without "
         "QUERY); publication dates count by year (published) or by month (published-month)",
         &report, 0, 0, NULL},
        {"--count", 0, TRAWL_CLI_CHOICE, "UNIT",
         "count passages (default), documents, or originals (documents, each group of reprints "
         "once)",
         &count_documents, 0, 0, "passages|documents|originals"},
        {"--chart", 0, TRAWL_CLI_STRING, "FILE",
         "also draw the report as a chart: FILE.svg, or FILE.png (rendered, twice the size)",
         &chart, 0, 0, NULL},
        {"--links", 0, TRAWL_CLI_STRING, "DOC",
         "the documents DOC (a path, title or URL) links to, and those linking to it", &links, 0, 0,
         NULL},
        {"--watch", 0, TRAWL_CLI_STRING, "FILE",
         "run the saved searches of FILE (one a line: a name, a tab, a query) over what the last "
         "ingest run added, and print only the searches that found something (exit 1 when none "
         "did): a daily report",
         &watch, 0, 0, NULL},
        {"--since", 0, TRAWL_CLI_STRING, "RUNS",
         "--watch: over what these runs added instead of the last (an added: value: 3, 3..5, "
         "2026-11-01..)",
         &since, 0, 0, NULL},
        {"--batch", 0, TRAWL_CLI_STRING, "FILE",
         "run each line of FILE (- for standard input) as a query in one process; one JSON object "
         "per line out (JSON Lines)",
         &batch, 0, 0, NULL},
        {"--fingerprint", 0, TRAWL_CLI_FLAG, NULL,
         "a digest of the index's content: the same for any two builds of one corpus", &fingerprint,
         0, 0, NULL},
        {"--timeout", 0, TRAWL_CLI_COUNT, "MS",
         "remote shards: give up connecting or waiting for an answer after MS milliseconds "
         "(default 10000)",
         &timeout_ms, 1, 3600000, NULL},
        {"--allow-partial", 0, TRAWL_CLI_FLAG, NULL,
         "answer from the shards that can be reached, saying which could not (default: a shard out "
         "of reach is an error)",
         &allow_partial, 0, 0, NULL},
        {"--version", 0, TRAWL_CLI_VERSION, NULL,
         "Trawl's version and those of the libraries an index records", NULL, 0, 0, NULL},
        {"--help", 0, TRAWL_CLI_HELP, NULL, "this help", NULL, 0, 0, NULL},
    };
    const trawl_cli_spec cli = {
        "usage: trawl-query [--index DIR] [--limit N] [--offset N]\n"
        "                   [--format text|json|csv] [--lang CODE] [--facets LIST]\n"
        "                   [--sort score|date|-date] [--collapse]\n"
        "                   [--group passages|documents] [--per-document N]\n"
        "                   [--glossary FILE] [--explain] [--show-links] QUERY...\n"
        "       trawl-query --kwic [--context N] [--format text|json|csv] QUERY...\n"
        "       trawl-query --report FACET[,FACET]|icc-registry|reprints\n"
        "                   [--count passages|documents|originals] [--chart FILE.svg|png]\n"
        "                   [--format text|json|csv] [QUERY...]\n"
        "       trawl-query --links DOC [--format text|json|csv]\n"
        "       trawl-query --batch FILE [--limit N] [--offset N] [--lang CODE]\n"
        "                   [--facets LIST] [--show-links]\n"
        "       trawl-query --watch FILE [--since RUNS] [--format text|json|csv]\n"
        "       trawl-query --fingerprint\n",
        "Searches the index DIR and prints the best passages, or a report.\n",
        "DIR may be a folder of one shard or several, or a Xapian stub file naming\n"
        "shards (`auto PATH`, `remote HOST:PORT` for xapian-tcpsrv), searched as one.\n"
        "Query syntax: words (all must match; stems match: universities ~ university),\n"
        "\"exact phrase\", a OR b, NOT word, -word, (groups), title:word, section:word,\n"
        "word* and \"a phrase*\" (prefixes), a NEAR b, a NEAR/5 b, a ADJ b, a ADJ/2 b,\n"
        "icc:KEY, province:NAME, year:2024, year:2018..2020, year:2024.., lang:ru.\n"
        "NEAR and ADJ bind tighter than OR, OR tighter than the implicit AND.\n"
        "The index: --index DIR, else $TRAWL_INDEX, else ./index. Data (gazetteer,\n"
        "languages): $TRAWL_DATA_DIR, else share/trawl found from the program.\n",
        options,
        sizeof options / sizeof *options,
        true};
    trawl_cli_list words = {0};
    int parsed = trawl_cli_parse(&cli, argc, argv, &words);
    for (size_t k = 0; k < words.n; k++) {
        if (k)
            trawl_buf_putc(&query, ' ');
        trawl_buf_puts(&query, words.items[k]);
    }
    trawl_cli_list_free(&words);
    if (parsed != TRAWL_CLI_PARSED) {
        trawl_buf_free(&query);
        return parsed == TRAWL_CLI_HELPED ? TRAWL_EXIT_OK : TRAWL_EXIT_FATAL;
    }
    opts.limit = (unsigned)limit;
    opts.offset = (unsigned)offset;
    opts.links = show_links;
    _Static_assert(TRAWL_SORT_SCORE == 0 && TRAWL_SORT_DATE == 1 && TRAWL_SORT_DATE_DESC == 2,
                   "--sort's choices are in the order of trawl_sort");
    opts.sort = (trawl_sort)sort;
    opts.per_document = group == 1 ? (unsigned)per_document : 0;
    opts.documents = count_documents >= 1;
    read.allow_partial = allow_partial;
    if (timeout_ms)
        read.timeout_ms = (unsigned)timeout_ms;
    if (facets && !trawl_facets_parse_list(facets, &opts.facets)) {
        trawl_cli_error("--facets wants facets among %s, separated by commas, not '%s'", facet_list,
                        facets);
        goto usage_error;
    }
    trawl_error err;
    if (report && trawl_report_spec_parse(report, &spec, &err)) {
        trawl_cli_error("%s", err.message);
        goto usage_error;
    }
    spec.documents = opts.documents;
    spec.originals = count_documents == 2;
    if (spec.originals && opts.facets && !report) {
        trawl_cli_error("--count originals counts reports: use --report FACET");
        goto usage_error;
    }
    if (chart && report && spec.kind == TRAWL_REPORT_REPRINTS) {
        trawl_cli_error("--chart: the reprints report is a list, not a chart");
        goto usage_error;
    }
    if (batch && (report || links || fingerprint || query.len || explain)) {
        trawl_cli_error("--batch reads its queries from the file: no QUERY, --report, --links, "
                        "--fingerprint or --explain with it");
        goto usage_error;
    }
    if (batch && format != TRAWL_OUTPUT_TEXT && format != TRAWL_OUTPUT_JSON) {
        trawl_cli_error("--batch writes JSON Lines: no --format csv");
        goto usage_error;
    }
    if (batch)
        format = TRAWL_OUTPUT_JSON;
    if (!batch && !watch && !report && !links && !fingerprint && !query.failed && query.len == 0) {
        trawl_cli_error("no query given (see --help)");
        goto usage_error;
    }
    if (opts.per_document && opts.collapse) {
        trawl_cli_error("--group documents and --collapse: choose one (a document's reprints "
                        "are other documents)");
        goto usage_error;
    }
    if (watch && (report || links || fingerprint || batch || kwic || query.len)) {
        trawl_cli_error("--watch runs the searches of its file: no QUERY, --report, --links, "
                        "--fingerprint, --batch or --kwic with it");
        goto usage_error;
    }
    if (since && !watch) {
        trawl_cli_error("--since goes with --watch (in a query, write added:RUNS)");
        goto usage_error;
    }
    if (kwic && (report || links || fingerprint || batch || opts.collapse || !query.len)) {
        trawl_cli_error("--kwic lists the occurrences of a QUERY: no --report, --links, "
                        "--fingerprint, --batch or --collapse with it");
        goto usage_error;
    }
    if (chart && !report) {
        trawl_cli_error("--chart draws a report: give --report too");
        goto usage_error;
    }
    if (opts.facets && format == TRAWL_OUTPUT_CSV) {
        trawl_cli_error("--facets has no CSV form: use --report FACET --format csv");
        goto usage_error;
    }

    int code = TRAWL_EXIT_FATAL;
    trawl_searcher *s = NULL;
    trawl_results *r = NULL;
    trawl_report *rep = NULL;
    trawl_doc_links *lk = NULL;
    trawl_printer *p = NULL;
    if (query.failed) {
        trawl_cli_error("out of memory");
        goto cleanup;
    }
    index_dir = trawl_cli_index(index_dir, &index_rule);
    if (trawl_searcher_open(index_dir, &read, &s, &err)) {
        if (err.status == TRAWL_ERR_NO_INDEX)
            trawl_cli_error("%s [the index folder from %s: --index DIR, else $TRAWL_INDEX, else "
                            "./index]",
                            err.message, index_rule);
        else
            trawl_cli_error("%s", err.message);
        goto cleanup;
    }
    if (trawl_searcher_use_glossary(s, glossary, &err) ||
        trawl_printer_new((trawl_output_format)format, stdout, &p, &err)) {
        trawl_cli_error("%s", err.message);
        goto cleanup;
    }
    size_t warned = note_missing(s, p, 0);
    if (warned && fingerprint) {
        trawl_cli_error("--fingerprint needs every shard: %zu could not be reached", warned);
        goto cleanup;
    }
    trawl_printer_set_style(p, wide ? 0 : text_width(width), use_color(color));
    trawl_printer_set_explain(p, explain);
    trawl_printer_set_lines(p, batch != NULL);
    if (watch) {
        if (format == TRAWL_OUTPUT_JSON)
            trawl_printer_set_lines(p, true);
        code = run_watch(s, p, watch, since, &opts);
    } else if (batch) {
        code = run_batch(s, p, batch, &opts, warned);
    } else if (fingerprint) {
        char digest[33];
        size_t passages = 0;
        if (trawl_fingerprint(s, digest, &passages, &err)) {
            trawl_cli_error("%s", err.message);
            goto cleanup;
        }
        printf("%s  %zu passages\n", digest, passages);
        code = TRAWL_EXIT_OK;
    } else if (links) {
        if (trawl_search_links(s, links, &lk, &err) || trawl_print_links(p, lk, &err)) {
            trawl_cli_error("%s", err.message);
            goto cleanup;
        }
        code = TRAWL_EXIT_OK;
    } else if (kwic) {
        size_t rows = 0;
        if (trawl_print_occurrences(p, s, query.data, opts.language, context, &rows, &err)) {
            trawl_cli_error("%s", err.message);
            goto cleanup;
        }
        code = rows > 0 ? TRAWL_EXIT_OK : TRAWL_EXIT_PARTIAL;
    } else if (report) {
        trawl_status st =
            trawl_search_report(s, query.len ? query.data : NULL, &spec, opts.language, &rep, &err);
        if (!st) {
            note_missing(s, p, warned);
            st = trawl_print_report(p, rep, &err);
        }
        if (st || (chart && draw_chart(s, rep, chart, &err))) {
            trawl_cli_error("%s", err.message);
            goto cleanup;
        }
        code = rep->total > 0 ? TRAWL_EXIT_OK : TRAWL_EXIT_PARTIAL;
    } else {
        trawl_status st = trawl_search(s, query.data, &opts, &r, &err);
        if (!st) {
            note_missing(s, p, warned);
            st = trawl_print_results(p, r, &err);
        }
        if (st) {
            trawl_cli_error("%s", err.message);
            goto cleanup;
        }
        /* Partial matches (a relaxed query) are offered, but the query matched nothing. */
        code = trawl_results_total(r) > 0 && !trawl_results_relaxed(r, NULL) ? TRAWL_EXIT_OK
                                                                             : TRAWL_EXIT_PARTIAL;
    }
cleanup:
    trawl_printer_free(p);
    trawl_report_free(rep);
    trawl_doc_links_free(lk);
    trawl_results_free(r);
    trawl_searcher_close(s);
    trawl_buf_free(&query);
    return code;
usage_error:
    trawl_buf_free(&query);
    return TRAWL_EXIT_FATAL;
}
