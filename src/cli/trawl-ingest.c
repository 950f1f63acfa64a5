/* trawl-ingest: index folders and files of documents as passages.
 *
 *   trawl-ingest --list-runs [--index DIR]
 *   trawl-ingest [--index DIR] [--quiet] [--rebuild] [--check] [--lang CODE]
 *                [--max-passage BYTES] [--jobs N] [--shards N] [--gazetteer DIR]
 *                [--include GLOB] [--exclude GLOB] [PATH...]
 *
 * Walks each PATH (default corpus/, readers/inputs.h) and runs ingest (ingest/ingest.h) into the
 * index (default index/): this file holds the options, the messages and the exit codes. Exit 0
 * when every file was indexed, 1 when some were skipped (each with a one-line message), 2 on a
 * usage error or a failure that stopped the run. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli_common.h"
#include "cli/options.h"
#include "common/buf.h"
#include "index/passages.h"
#include "index/runs.h"
#include "index/schema.h"
#include "index/shards.h"
#include "ingest/ingest.h"

/* What the messages need while a run goes on. */
typedef struct console {
    bool live;       /* a progress line is drawn on stderr (a terminal, not --quiet) */
    bool quiet;      /* --quiet */
    bool line_shown; /* the progress line is on the screen */
    double start;    /* when the run started */
    double drawn;    /* when the progress line was last drawn */
    size_t binary;   /* binary files found by walking, told on one line at the end */
    trawl_buf names; /* the first few of them */
} console;

static void clear_line(console *c)
{
    if (c->line_shown)
        fputs("\r\033[K", stderr);
    c->line_shown = false;
}

static void show_progress(console *c, const trawl_ingest_event *e)
{
    double now = trawl_cli_now();
    if (!c->live || now - c->drawn < 0.1)
        return;
    c->drawn = now;
    double elapsed = now - c->start;
    double rate = elapsed > 0 ? e->bytes_done / elapsed : 0;
    double left = rate > 0 ? (e->bytes_total - e->bytes_done) / rate : 0;
    fprintf(stderr, "\r\033[K%zu/%zu files, %.1f/%.1f MB, %.1f MB/s, %.0f s left", e->files_done,
            e->files_total, e->bytes_done / 1e6, e->bytes_total / 1e6, rate / 1e6, left);
    fflush(stderr);
    c->line_shown = true;
}

static void on_event(void *ctx, const trawl_ingest_event *e)
{
    console *c = ctx;
    switch (e->kind) {
    case TRAWL_INGEST_PROGRESS:
        show_progress(c, e);
        return;
    case TRAWL_INGEST_BINARY:
        if (c->binary++ < 3)
            trawl_buf_printf(&c->names, "%s%s", c->binary > 1 ? ", " : "", e->text);
        return;
    case TRAWL_INGEST_REBUILD:
        if (!c->quiet) {
            clear_line(c);
            trawl_cli_error("rebuilding the whole index: %s", e->text);
        }
        return;
    case TRAWL_INGEST_SKIPPED:
        clear_line(c);
        trawl_cli_error("%s", e->text);
        return;
    case TRAWL_INGEST_WARNING:
        clear_line(c);
        trawl_cli_warn("%s", e->text);
        return;
    case TRAWL_INGEST_MISSING:
    case TRAWL_INGEST_STALE:
    case TRAWL_INGEST_EXTRA:
        clear_line(c);
        printf("%s: %s\n",
               e->kind == TRAWL_INGEST_MISSING ? "missing"
               : e->kind == TRAWL_INGEST_STALE ? "stale"
                                               : "extra",
               e->text);
        return;
    }
}

/* --check: prints what the comparison found; the exit code. */
static int check(const char *dir, const trawl_inputs *in, const trawl_ingest_options *o)
{
    trawl_ingest_check_summary sum;
    trawl_error err;
    if (trawl_ingest_check(dir, in, o, &sum, &err)) {
        trawl_cli_error("%s", err.message);
        return TRAWL_EXIT_FATAL;
    }
    if (sum.no_index) {
        printf("stale: no index at %s (%zu document%s missing)\n", dir, sum.missing,
               sum.missing == 1 ? "" : "s");
        return TRAWL_EXIT_PARTIAL;
    }
    if (sum.outdated[0]) {
        printf("stale: the whole index (%s)\n", sum.outdated);
        return TRAWL_EXIT_PARTIAL;
    }
    if (sum.missing || sum.stale || sum.extra) {
        printf("index out of date: %zu missing, %zu stale, %zu extra, %zu up to date\n",
               sum.missing, sum.stale, sum.extra, sum.current);
        return TRAWL_EXIT_PARTIAL;
    }
    printf("index up to date: %zu document%s\n", sum.current, sum.current == 1 ? "" : "s");
    return TRAWL_EXIT_OK;
}

/* --list-runs: the runs the index remembers, one line each; the exit code. */
static int list_runs(const char *dir)
{
    trawl_xdb *db = NULL;
    trawl_runs runs = TRAWL_RUNS_INIT;
    trawl_error err;
    trawl_buf term = TRAWL_BUF_INIT;
    trawl_status st = trawl_schema_open_read(dir, NULL, &db, &err);
    if (st == TRAWL_ERR_NO_INDEX) {
        trawl_cli_error("no index at %s (%s)", dir, err.message);
        return TRAWL_EXIT_FATAL;
    }
    if (st || trawl_runs_load(db, &runs, &err)) {
        trawl_cli_error("%s", err.message);
        trawl_xdb_close(db);
        return TRAWL_EXIT_FATAL;
    }
    /* 79 columns; "now": the passages the run last wrote that the index holds now */
    printf("%5s  %-20s  %5s  %7s  %7s  %9s  %8s  %s\n", "run", "time (UTC)", "added", "changed",
           "removed", "unchanged", "passages", "now");
    int code = TRAWL_EXIT_OK;
    for (size_t i = 0; i < runs.n; i++) {
        const trawl_run *r = &runs.items[i];
        unsigned now = 0;
        trawl_run_term(r->id, &term);
        if (term.failed || trawl_xdb_termfreq(db, term.data, term.len, &now, &err)) {
            trawl_cli_error("%s", term.failed ? "out of memory" : err.message);
            code = TRAWL_EXIT_FATAL;
            break;
        }
        printf("%5u  %-20s  %5zu  %7zu  %7zu  %9zu  %8zu  %u\n", r->id, r->time, r->added,
               r->changed, r->removed, r->unchanged, r->passages, now);
    }
    if (!runs.n)
        printf("(no runs recorded: the index was built before runs were)\n");
    trawl_buf_free(&term);
    trawl_runs_free(&runs);
    trawl_xdb_close(db);
    return code;
}

/* A run: prints the summary; the exit code. */
static int ingest(const char *dir, const trawl_inputs *in, const trawl_ingest_options *o,
                  console *c)
{
    trawl_ingest_summary sum;
    trawl_error err;
    trawl_status st = trawl_ingest_run(dir, in, o, &sum, &err);
    clear_line(c);
    if (st == TRAWL_ERR_LOCKED)
        trawl_cli_error("%s is being written by another trawl-ingest (%s); try again when it ends",
                        dir, err.message);
    else if (st)
        trawl_cli_error("%s", err.message);
    if (st)
        return TRAWL_EXIT_FATAL;
    size_t skipped = sum.skipped + trawl_inputs_problems(in);
    if (!c->quiet) {
        printf("indexed %zu document%s, %zu passage%s, %.0f bytes in %.2f s into %s as run %u "
               "(%zu added, %zu changed, %zu removed, %zu unchanged)",
               sum.documents, sum.documents == 1 ? "" : "s", sum.passages,
               sum.passages == 1 ? "" : "s", sum.bytes, trawl_cli_now() - c->start, dir, sum.run,
               sum.added, sum.changed, sum.removed, sum.unchanged);
        if (sum.described)
            printf("; %zu described by MANIFEST.tsv", sum.described);
        if (skipped)
            printf("; %zu skipped", skipped);
        if (trawl_inputs_ignored(in))
            printf("; %zu left out by --include/--exclude", trawl_inputs_ignored(in));
        putchar('\n');
    }
    return skipped ? TRAWL_EXIT_PARTIAL : TRAWL_EXIT_OK;
}

int main(int argc, char **argv)
{
    trawl_cli_set_program("trawl-ingest");
    /* Passages are small Xapian documents: writers that hold 1,000 of them rather than Xapian's
     * 10,000 keep the run's memory flat whatever the corpus, and are no slower. Set before
     * any thread starts; a value the user set wins. */
    setenv("XAPIAN_FLUSH_THRESHOLD", "1000", 0);
    const char *index_dir = NULL;
    trawl_ingest_options o = TRAWL_INGEST_OPTIONS_INIT;
    bool quiet = false, check_only = false, rebuild = false, runs_only = false;
    trawl_cli_list include = {0}, exclude = {0};
    const trawl_cli_option options[] = {
        {"--index", 0, TRAWL_CLI_STRING, "DIR",
         "the index folder (default $TRAWL_INDEX, else index/)", &index_dir, 0, 0, NULL},
        {"--quiet", 'q', TRAWL_CLI_FLAG, NULL, "no progress line and no summary", &quiet, 0, 0,
         NULL},
        {"--rebuild", 0, TRAWL_CLI_FLAG, NULL, "discard the existing index and build it anew",
         &rebuild, 0, 0, NULL},
        {"--check", 0, TRAWL_CLI_FLAG, NULL,
         "change nothing; list the documents that are missing from, stale in or extra in the index "
         "(exit 1 if any)",
         &check_only, 0, 0, NULL},
        {"--list-runs", 0, TRAWL_CLI_FLAG, NULL,
         "change nothing; list the index's runs: id, time, what each did, and how many passages "
         "each last added or changed are in the index now (for added:RUN in queries)",
         &runs_only, 0, 0, NULL},
        {"--lang", 0, TRAWL_CLI_STRING, "CODE",
         "language of documents that do not say (default en)", &o.index.language, 0, 0, NULL},
        {"--max-passage", 0, TRAWL_CLI_COUNT, "BYTES",
         "split paragraphs longer than this (default " TRAWL_STRINGIFY(
             TRAWL_DEFAULT_MAX_PASSAGE) ")",
         &o.index.max_passage_bytes, TRAWL_MIN_MAX_PASSAGE, TRAWL_MAX_MAX_PASSAGE, NULL},
        {"--jobs", 0, TRAWL_CLI_COUNT, "N",
         "threads reading and analysing documents, and writing shards (default: the number of "
         "cores; 1: one thread does everything); a new or rebuilt index is written as N shards at "
         "once (two in turn when N is 1), merged into one compacted database at the end; the "
         "index is the same for any N",
         &o.jobs, 1, TRAWL_INGEST_MAX_JOBS, NULL},
        {"--shards", 0, TRAWL_CLI_COUNT, "N",
         "write N shards, each document in the one its path hashes to, each by a thread of its own "
         "unless --jobs is 1 "
         "(default: as many as the index has, 1 for a new one); another N rebuilds the index into "
         "N shards and switches to them when done",
         &o.index.shards, 1, TRAWL_MAX_SHARDS, NULL},
        {"--gazetteer", 0, TRAWL_CLI_STRING, "DIR",
         "the centers, provinces and cities to recognise (default: the built-in gazetteer)",
         &o.index.gazetteer, 0, 0, NULL},
        {"--include", 0, TRAWL_CLI_LIST, "GLOB",
         "read only the files matching a GLOB (repeatable): a GLOB without '/' matches names "
         "(*.html), one with '/' ids",
         &include, 0, 0, NULL},
        {"--exclude", 0, TRAWL_CLI_LIST, "GLOB",
         "never read files or folders matching a GLOB (repeatable)", &exclude, 0, 0, NULL},
        {"--version", 0, TRAWL_CLI_VERSION, NULL,
         "Trawl's version and those of the libraries an index records", NULL, 0, 0, NULL},
        {"--help", 'h', TRAWL_CLI_HELP, NULL, "this help", NULL, 0, 0, NULL},
    };
    const trawl_cli_spec spec = {
        "usage: trawl-ingest [--index DIR] [--quiet] [--rebuild] [--check] [--lang CODE]\n"
        "       trawl-ingest --list-runs [--index DIR]\n"
        "                    [--max-passage BYTES] [--jobs N] [--shards N]\n"
        "                    [--gazetteer DIR] [--include GLOB] [--exclude GLOB]\n"
        "                    [PATH...]\n",
        "Indexes the documents in each PATH (folders are walked; default corpus/) as\n"
        "passages into the index DIR (default index/). Every text file is read,\n"
        "whatever its extension; binary files are counted and skipped. A document's id\n"
        "is its path from the PATH given, or, with several, from the deepest folder\n"
        "holding them all.\n",
        NULL,
        options,
        sizeof options / sizeof *options,
        false};
    trawl_cli_list paths = {0};
    int parsed = trawl_cli_parse(&spec, argc, argv, &paths);
    int code = parsed == TRAWL_CLI_HELPED ? TRAWL_EXIT_OK : TRAWL_EXIT_FATAL;
    trawl_inputs *in = NULL;
    console c = {
        !quiet && isatty(STDERR_FILENO), quiet, false, trawl_cli_now(), 0, 0, TRAWL_BUF_INIT};
    trawl_inputs_options walk = {include.items, include.n, exclude.items, exclude.n};
    trawl_error err;
    if (parsed != TRAWL_CLI_PARSED)
        goto done;
    if (runs_only) {
        code = list_runs(trawl_cli_index(index_dir, NULL));
        goto done;
    }
    if (trawl_inputs_new(paths.items, paths.n, &walk, &in, &err)) {
        trawl_cli_error("%s", err.message);
        goto done;
    }
    for (size_t k = 0; k < trawl_inputs_problems(in); k++)
        trawl_cli_error("%s", trawl_inputs_problem(in, k));
    o.index.rebuild = rebuild;
    o.on_event = on_event;
    o.ctx = &c;
    index_dir = trawl_cli_index(index_dir, NULL);
    code = check_only ? check(index_dir, in, &o) : ingest(index_dir, in, &o, &c);
    if (c.binary) /* even with --quiet: files left out of the index */
        trawl_cli_error("%zu binary file%s skipped (not text): %s%s", c.binary,
                        c.binary == 1 ? "" : "s", trawl_buf_str(&c.names),
                        c.binary > 3 ? ", ..." : "");
done:
    trawl_buf_free(&c.names);
    trawl_inputs_free(in);
    trawl_cli_list_free(&include);
    trawl_cli_list_free(&exclude);
    trawl_cli_list_free(&paths);
    return code;
}
