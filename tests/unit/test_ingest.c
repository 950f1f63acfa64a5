/* test_ingest: a run of ingest as a library (ingest/ingest.h): an empty folder, new, unchanged,
 * changed, removed and added files, what --check tells, files and manifests left out (binary,
 * unreadable), a locked index, and the same index for any number of threads. Events are
 * recorded as "KIND:text" lines and compared whole. */
#include "support.h"

#include "check.h"
#include "common/buf.h"
#include "index/indexer.h"
#include "ingest/ingest.h"
#include "search/fingerprint.h"
#include "search/search.h"

/* The events of a run but progress, one "KIND:text" line each; progress events counted. */
typedef struct heard {
    trawl_buf lines;
    size_t progress;
    size_t last_done; /* files_done of the last progress event */
} heard;

static void hear(void *ctx, const trawl_ingest_event *e)
{
    static const char *const kinds[] = {"progress", "rebuild", "skipped", "binary",
                                        "warning",  "missing", "stale",   "extra"};
    heard *h = ctx;
    if (e->kind == TRAWL_INGEST_PROGRESS) {
        h->progress++;
        h->last_done = e->files_done;
        return;
    }
    trawl_buf_printf(&h->lines, "%s:%s\n", kinds[e->kind], e->text);
}

static const char *corpus_dir(void)
{
    static char dir[1100];
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "%s/corpus", make_tmpdir());
        mkdir(dir, 0755);
    }
    return dir;
}

static void put(const char *name, const char *text)
{
    write_file(corpus_dir(), name, text, strlen(text));
}

/* The index folder of a case, fresh. */
static const char *new_index(void)
{
    static char dir[1100];
    snprintf(dir, sizeof dir, "%s/index", make_tmpdir());
    return dir;
}

static trawl_inputs *inputs_of(const char *path)
{
    trawl_inputs *in = NULL;
    const char *paths[] = {path};
    CHECK_INT(trawl_inputs_new(paths, 1, NULL, &in, NULL), TRAWL_OK);
    return in;
}

/* Runs ingest of `path` into `index` with `jobs` threads; the summary, events into `h`. */
static trawl_status run(const char *index, const char *path, size_t jobs, heard *h,
                        trawl_ingest_summary *sum)
{
    trawl_inputs *in = inputs_of(path);
    trawl_ingest_options o = TRAWL_INGEST_OPTIONS_INIT;
    o.jobs = jobs;
    o.on_event = hear;
    o.ctx = h;
    trawl_error err;
    trawl_status st = trawl_ingest_run(index, in, &o, sum, &err);
    if (st)
        trawl_buf_printf(&h->lines, "error:%s\n", err.message);
    trawl_inputs_free(in);
    return st;
}

static trawl_ingest_check_summary check(const char *index, const char *path, heard *h)
{
    trawl_inputs *in = inputs_of(path);
    trawl_ingest_options o = TRAWL_INGEST_OPTIONS_INIT;
    o.on_event = hear;
    o.ctx = h;
    trawl_ingest_check_summary sum;
    CHECK_INT(trawl_ingest_check(index, in, &o, &sum, NULL), TRAWL_OK);
    trawl_inputs_free(in);
    return sum;
}

/* An empty folder: an index of nothing, committed, and up to date. */
static void an_empty_folder_makes_an_empty_index(void)
{
    const char *empty = make_tmpdir(), *index = new_index();
    heard h = {TRAWL_BUF_INIT, 0, 0};
    trawl_ingest_summary sum;
    CHECK_INT(run(index, empty, 1, &h, &sum), TRAWL_OK);
    CHECK_INT(sum.documents + sum.added + sum.skipped + h.progress, 0);
    CHECK_STR(trawl_buf_str(&h.lines), "");
    trawl_ingest_check_summary c = check(index, empty, &h);
    CHECK(!c.no_index);
    CHECK_STR(c.outdated, "");
    CHECK_INT(c.missing + c.stale + c.extra + c.current, 0);
    trawl_buf_free(&h.lines);
}

/* New files are added, a manifest describes them; a second run finds them unchanged. */
static void new_files_added_then_unchanged(void)
{
    put("MANIFEST.tsv", "file\ttitle\tlanguage\na.txt\tHarbor notes\ten\n");
    put("a.txt", "Harbor notes\n\nThe red harbor opened in 2018.\n");
    put("b.md", "# River\n\nBoats carry grain.\n\nBoats return at dusk.\n");
    const char *index = new_index();
    heard h = {TRAWL_BUF_INIT, 0, 0};
    trawl_ingest_summary sum;
    CHECK_INT(run(index, corpus_dir(), 2, &h, &sum), TRAWL_OK);
    CHECK_INT(sum.documents, 2);
    CHECK_INT(sum.added, 2);
    CHECK_INT(sum.passages, 2); /* b.md's two short paragraphs make one passage */
    CHECK_INT(sum.described, 1);
    CHECK_INT(sum.skipped, 0);
    CHECK_INT(h.progress, 2);
    CHECK_INT(h.last_done, 1); /* told before each input: the second one's count is 1 */
    CHECK_STR(trawl_buf_str(&h.lines), "");
    CHECK_INT(run(index, corpus_dir(), 1, &h, &sum), TRAWL_OK);
    CHECK_INT(sum.unchanged, 2);
    CHECK_INT(sum.documents + sum.added + sum.changed + sum.removed, 0);
    trawl_ingest_check_summary c = check(index, corpus_dir(), &h);
    CHECK_INT(c.current, 2);
    CHECK_INT(c.missing + c.stale + c.extra, 0);
    CHECK_STR(trawl_buf_str(&h.lines), "");
    trawl_buf_free(&h.lines);
}

/* A changed, a removed and an added file: the check names each, the run redoes only them. */
static void changes_are_checked_then_applied(void)
{
    CHECK_NEEDS(new_files_added_then_unchanged);
    const char *index = new_index();
    heard h = {TRAWL_BUF_INIT, 0, 0};
    trawl_ingest_summary sum;
    CHECK_INT(run(index, corpus_dir(), 1, &h, &sum), TRAWL_OK);
    put("b.md", "# River\n\nBoats carry rice now.\n");
    char gone[1200];
    snprintf(gone, sizeof gone, "%s/a.txt", corpus_dir());
    remove(gone);
    put("c.txt", "Canal notes\n\nBarges wait.\n");
    trawl_ingest_check_summary c = check(index, corpus_dir(), &h);
    char warning[1400], want[4096];
    snprintf(warning, sizeof warning, "warning:%s/MANIFEST.tsv:2: 'a.txt' names no file here\n",
             corpus_dir());
    snprintf(want, sizeof want, "%sstale:b.md\nmissing:c.txt\nextra:a.txt\n", warning);
    CHECK_STR(trawl_buf_str(&h.lines), want);
    CHECK_INT(c.missing, 1);
    CHECK_INT(c.stale, 1);
    CHECK_INT(c.extra, 1);
    CHECK_INT(c.current, 0);
    trawl_buf_reset(&h.lines);
    CHECK_INT(run(index, corpus_dir(), 2, &h, &sum), TRAWL_OK);
    CHECK_INT(sum.added, 1);
    CHECK_INT(sum.changed, 1);
    CHECK_INT(sum.removed, 1);
    CHECK_INT(sum.unchanged, 0);
    c = check(index, corpus_dir(), &h);
    CHECK_INT(c.current, 2);
    snprintf(want, sizeof want, "%s%s", warning, warning); /* the run's, the check's */
    CHECK_STR(trawl_buf_str(&h.lines), want);
    trawl_buf_free(&h.lines);
}

/* Left out: a binary file found by walking (by id), an unreadable manifest (its message); the
 * run goes on and commits the rest. */
static void binary_files_and_bad_manifests_left_out(void)
{
    const char *dir = make_tmpdir(), *index = new_index();
    write_file(dir, "logo.png", "\x89PNG\r\n\x1a\n\0\0\0", 11);
    write_file(dir, "ok.txt", "Fine\n\nA text.\n", 14);
    write_file(dir, "MANIFEST.tsv", "name\ttitle\nok.txt\tX\n", 20);
    heard h = {TRAWL_BUF_INIT, 0, 0};
    trawl_ingest_summary sum;
    CHECK_INT(run(index, dir, 1, &h, &sum), TRAWL_OK);
    char want[2400];
    snprintf(want, sizeof want,
             "skipped:%s/MANIFEST.tsv:1: the header names no 'file' column\nbinary:logo.png\n",
             dir);
    CHECK_STR(trawl_buf_str(&h.lines), want);
    CHECK_INT(sum.documents, 1);
    CHECK_INT(sum.skipped, 2);
    CHECK_INT(sum.binary, 1);
    trawl_buf_free(&h.lines);
}

/* An index another writer holds: LOCKED, and nothing is written. */
static void a_locked_index_is_refused(void)
{
    const char *index = new_index();
    trawl_indexer *holder = NULL;
    CHECK_INT(trawl_indexer_open(index, NULL, &holder, NULL), TRAWL_OK);
    heard h = {TRAWL_BUF_INIT, 0, 0};
    trawl_ingest_summary sum;
    CHECK_INT(run(index, corpus_dir(), 1, &h, &sum), TRAWL_ERR_LOCKED);
    CHECK_INT(sum.documents, 0);
    trawl_indexer_close(holder);
    trawl_buf_free(&h.lines);
}

/* The fingerprint of the index at `dir` (static storage). */
static const char *fingerprint(const char *dir)
{
    static char digest[33];
    trawl_searcher *s = NULL;
    size_t passages = 0;
    digest[0] = '\0';
    CHECK_INT(trawl_searcher_open(dir, NULL, &s, NULL), TRAWL_OK);
    if (s)
        CHECK_INT(trawl_fingerprint(s, digest, &passages, NULL), TRAWL_OK);
    trawl_searcher_close(s);
    return digest;
}

/* One thread or four: the same index. */
static void any_number_of_threads_same_index(void)
{
    CHECK_NEEDS(new_files_added_then_unchanged);
    char one[1100], four[33];
    snprintf(one, sizeof one, "%s", new_index());
    heard h = {TRAWL_BUF_INIT, 0, 0};
    trawl_ingest_summary sum;
    CHECK_INT(run(one, corpus_dir(), 1, &h, &sum), TRAWL_OK);
    const char *other = new_index();
    CHECK_INT(run(other, corpus_dir(), 4, &h, &sum), TRAWL_OK);
    snprintf(four, sizeof four, "%s", fingerprint(other));
    CHECK_INT(strlen(four), 32);
    CHECK_STR(fingerprint(one), four);
    trawl_buf_free(&h.lines);
}

CHECK_MAIN(NULL, NULL, CHECK_CASE(an_empty_folder_makes_an_empty_index),
           CHECK_CASE(new_files_added_then_unchanged), CHECK_CASE(changes_are_checked_then_applied),
           CHECK_CASE(binary_files_and_bad_manifests_left_out),
           CHECK_CASE(a_locked_index_is_refused), CHECK_CASE(any_number_of_threads_same_index))
