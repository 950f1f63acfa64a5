/* trawl-ingest: index folders and files of documents as passages.
 *
 *   trawl-ingest [--index DIR] [--quiet] [--rebuild] [--check] [--lang CODE]
 *                [--max-passage BYTES] [--jobs N] [--shards N] [--gazetteer DIR]
 *                [--include GLOB] [--exclude GLOB] [PATH...]
 *
 * Walks each PATH (default corpus/, readers/inputs.h), reads every text file, and replaces its
 * passages in the index (default index/). Exit 0 when every file was indexed, 1 when some were
 * skipped (each with a one-line message), 2 on a usage error or a failure that stopped the run. */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli_common.h"
#include "common/buf.h"
#include "common/fileio.h"
#include "common/lanes.h"
#include "common/pool.h"
#include "common/strmap.h"
#include "index/indexer.h"
#include "index/passages.h"
#include "index/schema.h"
#include "index/shards.h"
#include "readers/inputs.h"
#include "readers/metadata.h"
#include "readers/reader.h"

/* --jobs is at most this. */
#define MAX_JOBS 64
/* The most bytes of input analysed ahead of the writers (in the analysing threads' window and
 * on each shard's queue), besides the input each is on: analysed, an input takes 20 to 30
 * times its size (its passages' Xapian documents), so a corpus of large files would otherwise
 * hold dozens of them at once. Small files stay bounded by their count. */
#define AHEAD_BYTES (1 << 20)
#define QUEUED_BYTES (512 << 10)

/* Manifests found so far, by folder (NULL where a folder has none). */
typedef struct manifests {
    char **dirs;
    trawl_manifest **found;
    size_t n, cap, cap_found;
    size_t errors; /* manifests that could not be read */
} manifests;

static void manifests_free(manifests *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->dirs[i]);
        trawl_manifest_free(c->found[i]);
    }
    free(c->dirs);
    free(c->found);
}

/* The manifest of folder `dir`, loaded once; NULL when it has none (or it is unreadable, which
 * is reported once). */
static const trawl_manifest *manifest_of(manifests *c, const char *dir)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->dirs[i], dir) == 0)
            return c->found[i];
    trawl_manifest *m = NULL;
    trawl_buf path = TRAWL_BUF_INIT;
    trawl_buf_printf(&path, "%s/MANIFEST.tsv", dir);
    struct stat sb;
    if (!path.failed && stat(path.data, &sb) == 0) {
        trawl_error err;
        if (trawl_manifest_load(path.data, &m, &err)) {
            trawl_cli_error("%s", err.message);
            c->errors++;
        }
        for (size_t i = 0; m && i < trawl_manifest_warnings(m); i++)
            trawl_cli_warn("%s", trawl_manifest_warning(m, i));
    }
    trawl_buf_free(&path);
    char *copy = trawl_strdup(dir);
    if (!copy || !trawl_array_grow((void **)&c->dirs, &c->cap, c->n, sizeof *c->dirs) ||
        !trawl_array_grow((void **)&c->found, &c->cap_found, c->n, sizeof *c->found)) {
        free(copy);
        trawl_manifest_free(m);
        return NULL;
    }
    c->dirs[c->n] = copy;
    c->found[c->n++] = m;
    return m;
}

/* The manifest row of `file`: from a MANIFEST.tsv in its folder or the folder above ("beside
 * the documents": corpus/MANIFEST.tsv describes the files of corpus/docs). */
static const trawl_meta *metadata_of(manifests *c, const char *file)
{
    trawl_buf dir = TRAWL_BUF_INIT;
    const trawl_meta *meta = NULL;
    const char *slash = strrchr(file, '/');
    if (slash)
        trawl_buf_append(&dir, file, (size_t)(slash - file));
    else
        trawl_buf_puts(&dir, ".");
    for (int level = 0; level < 2 && !meta && !dir.failed; level++) {
        const trawl_manifest *m = manifest_of(c, dir.data);
        if (m) {
            size_t dl = strlen(dir.data);
            const char *rel =
                strncmp(file, dir.data, dl) == 0 && file[dl] == '/' ? file + dl + 1 : file;
            meta = trawl_manifest_find(m, rel);
        }
        /* Up one folder. */
        char *up = strrchr(dir.data, '/');
        if (up && up != dir.data) {
            *up = '\0';
            dir.len = (size_t)(up - dir.data);
        } else if (strcmp(dir.data, ".") == 0) {
            trawl_buf_reset(&dir);
            trawl_buf_puts(&dir, "..");
        } else {
            trawl_buf_reset(&dir);
            trawl_buf_puts(&dir, up == dir.data ? "/" : ".");
        }
    }
    trawl_buf_free(&dir);
    return meta;
}

typedef struct progress {
    bool on;      /* showing a live line */
    double start; /* when indexing started */
    double last;  /* when the line was last drawn */
    size_t files; /* to do */
    double bytes; /* to do */
} progress;

static void show_progress(progress *p, size_t files_done, double bytes_done, bool final)
{
    if (!p->on)
        return;
    double now = trawl_cli_now();
    if (!final && now - p->last < 0.1)
        return;
    p->last = now;
    if (final) {
        fputs("\r\033[K", stderr);
        return;
    }
    double elapsed = now - p->start;
    double rate = elapsed > 0 ? bytes_done / elapsed : 0;
    double left = rate > 0 ? (p->bytes - bytes_done) / rate : 0;
    fprintf(stderr, "\r\033[K%zu/%zu files, %.1f/%.1f MB, %.1f MB/s, %.0f s left", files_done,
            p->files, bytes_done / 1e6, p->bytes / 1e6, rate / 1e6, left);
    fflush(stderr);
}

/* The state of an input: its file, size, and a hash of its bytes and of its manifest row
 * (a changed title or language changes the document too). */
static void file_state(const trawl_input *it, const trawl_read_info *info, const trawl_meta *meta,
                       trawl_file_state *out)
{
    trawl_buf b = TRAWL_BUF_INIT;
    char hash[17];
    trawl_buf_puts(&b, info->hash);
    const char *fields[] = {meta ? meta->title : NULL, meta ? meta->url : NULL,
                            meta ? meta->language : NULL, meta ? meta->kind : NULL,
                            meta ? meta->note : NULL};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        trawl_buf_putc(&b, '\x1f');
        trawl_buf_puts(&b, fields[i] ? fields[i] : "");
    }
    trawl_bytes_hash(trawl_buf_str(&b), b.len, hash);
    trawl_buf_free(&b);
    trawl_file_state_of(it->real, info->bytes, hash, out);
}

/* The records a run removes: documents whose file is gone from a folder walked whole, and
 * documents whose file is now read under another id (`trawl-ingest corpus` after `trawl-ingest
 * corpus/docs`: each file keeps one id, the new one). */
typedef struct leftovers {
    const trawl_inputs *in;
    trawl_buf ids; /* ingest: their ids, NUL-separated */
    size_t count;  /* how many */
    bool print;    /* --check: print "extra: ID" for each instead */
} leftovers;

static int note_leftover(void *ctx, const char *path, const char *file)
{
    leftovers *l = ctx;
    const trawl_input *it = trawl_inputs_find(l->in, file);
    if (it ? strcmp(it->id, path) == 0 : !trawl_inputs_covers(l->in, file))
        return 0;
    l->count++;
    if (l->print) {
        printf("extra: %s\n", path);
    } else {
        trawl_buf_puts(&l->ids, path);
        trawl_buf_putc(&l->ids, '\0');
    }
    return 0;
}

/* Removes the leftovers of every shard. */
static trawl_status remove_leftovers(trawl_indexer *ix, const trawl_inputs *in, size_t *removed,
                                     trawl_error *err)
{
    trawl_status st = TRAWL_OK;
    for (size_t i = 0; i < trawl_indexer_shard_count(ix) && !st; i++) {
        leftovers l = {in, TRAWL_BUF_INIT, 0, false};
        st = trawl_catalog_each(trawl_indexer_shard(ix, i), note_leftover, &l, err);
        if (!st && l.ids.failed)
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        for (size_t at = 0; !st && at < l.ids.len; at += strlen(l.ids.data + at) + 1) {
            st = trawl_indexer_remove(ix, l.ids.data + at, err);
            (*removed)++;
        }
        trawl_buf_free(&l.ids);
    }
    return st;
}

/* --check: whether the index at `dir` is what ingesting the inputs would make. */
static int check_index(const char *dir, const trawl_indexer_options *opts, const trawl_inputs *in)
{
    trawl_error err;
    trawl_xdb *db = NULL;
    trawl_buf why = TRAWL_BUF_INIT;
    manifests mfs = {0};
    size_t n = trawl_inputs_count(in), missing = 0, stale = 0, current = 0;
    leftovers extra = {in, TRAWL_BUF_INIT, 0, true};
    int code = TRAWL_EXIT_FATAL;
    if (trawl_schema_open_read(dir, NULL, &db, &err)) {
        printf("stale: no index at %s (%zu document%s missing)\n", dir, n, n == 1 ? "" : "s");
        code = TRAWL_EXIT_PARTIAL;
        goto cleanup;
    }
    if (trawl_indexer_outdated(db, opts, &why, &err)) {
        trawl_cli_error("%s", err.message);
        goto cleanup;
    }
    if (why.len) {
        printf("stale: the whole index (%s)\n", trawl_buf_str(&why));
        code = TRAWL_EXIT_PARTIAL;
        goto cleanup;
    }
    for (size_t k = 0; k < n; k++) {
        const trawl_input *it = trawl_inputs_get(in, k);
        const trawl_meta *meta = metadata_of(&mfs, it->file);
        trawl_document *doc = NULL;
        trawl_read_info info = {0};
        trawl_file_state now, before;
        bool known = false;
        char *data = NULL;
        size_t len = 0;
        if (trawl_read_bytes(it->file, &data, &len, &info, &err)) {
            trawl_cli_error("%s", err.message);
            continue;
        }
        file_state(it, &info, meta, &now);
        if (trawl_catalog_get(db, it->id, &before, &known, &err)) {
            free(data);
            trawl_cli_error("%s", err.message);
            goto cleanup;
        }
        /* As ingest does: a file whose bytes and manifest row are those recorded is not parsed;
         * another is, to tell a document from a file ingest would skip. */
        bool current_file = known && trawl_file_state_equal(&before, &now);
        trawl_status st =
            current_file ? TRAWL_OK
                         : trawl_parse_read(it->file, it->id, meta, &data, &len, &doc, &info, &err);
        free(data);
        trawl_document_free(doc);
        if (st) {
            if (!info.binary || it->named)
                trawl_cli_error("%s", err.message); /* not indexable: ingest skips it too */
            continue;
        }
        if (!known) {
            printf("missing: %s\n", it->id);
            missing++;
        } else if (!trawl_file_state_equal(&before, &now)) {
            printf("stale: %s\n", it->id);
            stale++;
        } else {
            current++;
        }
    }
    if (trawl_catalog_each(db, note_leftover, &extra, &err)) {
        trawl_cli_error("%s", err.message);
        goto cleanup;
    }
    if (missing || stale || extra.count) {
        printf("index out of date: %zu missing, %zu stale, %zu extra, %zu up to date\n", missing,
               stale, extra.count, current);
        code = TRAWL_EXIT_PARTIAL;
    } else {
        printf("index up to date: %zu document%s\n", current, current == 1 ? "" : "s");
        code = TRAWL_EXIT_OK;
    }
cleanup:
    manifests_free(&mfs);
    trawl_buf_free(&why);
    trawl_xdb_close(db);
    return code;
}

/* What the analysis of one input made, for the writer. */
typedef enum slot_outcome {
    SLOT_UNREADABLE, /* the file could not be read (err) */
    SLOT_UNCHANGED,  /* as the index recorded it: nothing to do */
    SLOT_FAILED,     /* read, but its analysis failed (err) */
    SLOT_ANALYSED    /* doc and analysis ready to write */
} slot_outcome;

typedef struct slot {
    const trawl_meta *meta;   /* its manifest row, or NULL (found before the run) */
    trawl_file_state *before; /* what the index recorded; NULL when it has no record */
    slot_outcome outcome;     /* set by the job */
    trawl_error err;          /* the failure, for SLOT_UNREADABLE and SLOT_FAILED */
    trawl_document *doc;      /* SLOT_ANALYSED: the document, owned */
    trawl_read_info info;     /* what reading found (replaced sequences) */
    trawl_file_state *now;    /* the file's state as read (by the job) */
    trawl_analysis *analysis; /* SLOT_ANALYSED: its passages, owned */
    bool write_failed;        /* its shard's writer thread failed to write it (err) */
} slot;

/* Reading and analysis of every input on worker threads (each with its own analyst), the
 * writer taking the results in input order: the index is the same whatever the number of
 * threads. */
typedef struct pipeline {
    const trawl_inputs *in;
    trawl_indexer *ix;
    slot *slots;              /* one per input */
    size_t *sizes;            /* the inputs' sizes, the weights of the analysing threads' window */
    trawl_analyst **analysts; /* one per worker (one when the writer's thread analyses) */
    size_t nanalysts;
} pipeline;

/* Frees what the slot holds but its outcome and error: file states are allocated for the
 * inputs in flight only (each takes 4 KB: 80 MB for 10,000 inputs held at once). */
static void slot_clear(slot *s)
{
    trawl_document_free(s->doc);
    trawl_analysis_free(s->analysis);
    free(s->before);
    free(s->now);
    s->doc = NULL;
    s->analysis = NULL;
    s->before = s->now = NULL;
}

static void ingest_job(void *ctx, size_t worker, size_t k)
{
    pipeline *pl = ctx;
    const trawl_input *it = trawl_inputs_get(pl->in, k);
    slot *s = &pl->slots[k];
    char *data = NULL;
    size_t len = 0;
    /* Whether the file changed is decided from its bytes' hash and its manifest row, before
     * any parsing: an unchanged file is read, never parsed. */
    if (trawl_read_bytes(it->file, &data, &len, &s->info, &s->err)) {
        s->outcome = SLOT_UNREADABLE;
        return;
    }
    if (!(s->now = malloc(sizeof *s->now))) {
        free(data);
        trawl_error_set(&s->err, TRAWL_ERR_NOMEM, "out of memory");
        s->outcome = SLOT_FAILED;
        return;
    }
    file_state(it, &s->info, s->meta, s->now);
    if (s->before && trawl_file_state_equal(s->before, s->now)) {
        free(data);
        slot_clear(s);
        s->outcome = SLOT_UNCHANGED;
        return;
    }
    trawl_status st =
        trawl_parse_read(it->file, it->id, s->meta, &data, &len, &s->doc, &s->info, &s->err);
    free(data);
    if (st) {
        s->outcome = SLOT_UNREADABLE;
        return;
    }
    s->outcome = trawl_analyze_document(pl->analysts[worker], s->doc, &s->analysis, &s->err)
                     ? SLOT_FAILED
                     : SLOT_ANALYSED;
}

/* Writing an analysed input to its shard, on that shard's writer thread (several shards). */
static int write_job(void *ctx, size_t shard, size_t k)
{
    pipeline *pl = ctx;
    slot *s = &pl->slots[k];
    (void)shard;
    s->write_failed = trawl_indexer_apply(pl->ix, s->doc, s->analysis, s->now, &s->err) != 0;
    slot_clear(s);
    return s->write_failed;
}

static void pipeline_free(pipeline *pl)
{
    for (size_t k = 0; pl->slots && k < trawl_inputs_count(pl->in); k++)
        slot_clear(&pl->slots[k]);
    free(pl->slots);
    free(pl->sizes);
    for (size_t i = 0; i < pl->nanalysts; i++)
        trawl_analyst_free(pl->analysts[i]);
    free(pl->analysts);
}

/* Whether the record of a document (`recorded`, read from another file than `it`) may give
 * way to `it` (with manifest row `meta`): its file is gone, is read under another id now, lies
 * in a folder walked whole, or holds what `it` holds (the corpus was copied or moved).
 * Otherwise the run would replace a document that still exists (`trawl-ingest coll/b` after
 * `trawl-ingest coll/a`, both holding a different notes.txt), and it stops before writing. */
static trawl_status may_replace(const trawl_inputs *in, const trawl_input *it,
                                const trawl_meta *meta, const trawl_file_state *recorded,
                                trawl_error *err)
{
    struct stat sb;
    if (trawl_inputs_find(in, recorded->file) || trawl_inputs_covers(in, recorded->file) ||
        stat(recorded->file, &sb) != 0)
        return TRAWL_OK;
    char *data = NULL;
    size_t len = 0;
    trawl_read_info info = {0};
    trawl_file_state now;
    bool same = false;
    if (trawl_read_bytes(it->file, &data, &len, &info, NULL) == TRAWL_OK) {
        file_state(it, &info, meta, &now);
        same = strcmp(now.hash, recorded->hash) == 0;
    }
    free(data);
    if (same)
        return TRAWL_OK;
    return trawl_error_set(err, TRAWL_ERR_ARG,
                           "%s would replace %s, indexed from %s: give both folders in one run "
                           "(ids then start at the folder holding both) or use another --index",
                           it->file, it->id, recorded->file);
}

/* Finds each input's manifest row and record (in this thread: neither is thread-safe), makes
 * the analysts and starts `jobs` analysing threads (none when jobs is 1: the writer's thread
 * then analyses each input when it comes to it). */
static trawl_status pipeline_start(pipeline *pl, trawl_indexer *ix, manifests *mfs, size_t jobs,
                                   trawl_pool **pool, trawl_error *err)
{
    const trawl_inputs *in = pl->in;
    size_t n = trawl_inputs_count(in);
    size_t workers = jobs > 1 ? jobs : 0;
    pl->nanalysts = workers ? workers : 1;
    pl->slots = calloc(n ? n : 1, sizeof *pl->slots);
    pl->sizes = calloc(n ? n : 1, sizeof *pl->sizes);
    pl->analysts = calloc(pl->nanalysts, sizeof *pl->analysts);
    if (!pl->slots || !pl->sizes || !pl->analysts) {
        pl->nanalysts = 0;
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    }
    trawl_status st = TRAWL_OK;
    for (size_t k = 0; k < n && !st; k++) {
        const trawl_input *it = trawl_inputs_get(in, k);
        slot *s = &pl->slots[k];
        pl->sizes[k] = (size_t)it->size;
        s->meta = metadata_of(mfs, it->file);
        trawl_file_state recorded;
        bool known = false;
        st = trawl_catalog_get(trawl_indexer_shard(ix, trawl_indexer_shard_of(ix, it->id)), it->id,
                               &recorded, &known, err);
        if (!st && known && strcmp(recorded.file, it->real) != 0)
            st = may_replace(in, it, s->meta, &recorded, err);
        if (!st && known && !(s->before = malloc(sizeof *s->before)))
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        if (!st && known)
            *s->before = recorded;
    }
    for (size_t i = 0; i < pl->nanalysts && !st; i++)
        st = trawl_indexer_analyst_new(ix, &pl->analysts[i], err);
    if (!st)
        st = trawl_pool_start(workers, n, (trawl_pool_bound){4 * workers, pl->sizes, AHEAD_BYTES},
                              ingest_job, pl, pool, err);
    return st;
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: trawl-ingest [--index DIR] [--quiet] [--rebuild] [--check] [--lang CODE]\n"
            "                    [--max-passage BYTES] [--jobs N] [--shards N] [--gazetteer DIR]\n"
            "                    [--include GLOB] [--exclude GLOB] [PATH...]\n"
            "Indexes the documents in each PATH (folders are walked; default corpus/) as\n"
            "passages into the index DIR (default index/). Every text file is read, whatever\n"
            "its extension; binary files are counted and skipped. A document's id is its path\n"
            "from the PATH given, or, with several, from the deepest folder holding them all.\n"
            "  --index DIR          the index folder\n"
            "  --quiet              no progress line and no summary\n"
            "  --rebuild            discard the existing index and build it anew\n"
            "  --check              change nothing; list the documents that are missing from,\n"
            "                       stale in or extra in the index (exit 1 if any)\n"
            "  --lang CODE          language of documents that do not say (default en)\n"
            "  --max-passage BYTES  split paragraphs longer than this (default %d)\n"
            "  --jobs N             threads reading and analysing documents while this one\n"
            "                       writes the index (default: the number of cores; 1: one\n"
            "                       thread does everything); a new or rebuilt index is written\n"
            "                       by N threads, as N shards merged into one database at the\n"
            "                       end; the index is the same for any N\n"
            "  --shards N           write N shards, each document in the one its path hashes\n"
            "                       to, each by a thread of its own (default: as many as the\n"
            "                       index has, 1 for a new one); another N rebuilds the index\n"
            "                       into N shards and switches to them when done\n"
            "  --gazetteer DIR      the centers, provinces and cities to recognise (default:\n"
            "                       the built-in gazetteer)\n"
            "  --include GLOB       read only the files matching a GLOB (repeatable): a GLOB\n"
            "                       without '/' matches names (*.html), one with '/' ids\n"
            "  --exclude GLOB       never read files or folders matching a GLOB (repeatable)\n",
            TRAWL_DEFAULT_MAX_PASSAGE);
}

int main(int argc, char **argv)
{
    trawl_cli_set_program("trawl-ingest");
    /* Passages are small Xapian documents: writers that hold 1,000 of them rather than Xapian's
     * 10,000 keep the run's memory flat whatever the corpus, and are no slower. Set before
     * any thread starts; a value the user set wins. */
    setenv("XAPIAN_FLUSH_THRESHOLD", "1000", 0);
    const char *index_dir = "index";
    trawl_indexer_options opts = TRAWL_INDEXER_OPTIONS_INIT;
    bool quiet = false, check = false;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    size_t jobs = cores < 1 ? 1 : cores > MAX_JOBS ? MAX_JOBS : (size_t)cores;
    int i = 1;
    /* Options may come before, between or after the paths; "--" ends them. */
    /* One block for the paths and the globs, freed as `paths`. */
    const char **paths = calloc(3 * (size_t)argc, sizeof *paths);
    const char **include = paths ? paths + argc : NULL;
    const char **exclude = paths ? paths + 2 * argc : NULL;
    trawl_inputs_options walk = TRAWL_INPUTS_OPTIONS_INIT;
    walk.include = include;
    walk.exclude = exclude;
    size_t npaths = 0;
    bool options_done = false;
    if (!paths) {
        trawl_cli_error("out of memory");
        return TRAWL_EXIT_FATAL;
    }
    for (; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if (options_done || a[0] != '-' || !a[1]) {
            paths[npaths++] = a;
        } else if (strcmp(a, "--") == 0) {
            options_done = true;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            free(paths);
            return TRAWL_EXIT_OK;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            quiet = true;
        } else if (strcmp(a, "--rebuild") == 0) {
            opts.rebuild = 1;
        } else if (strcmp(a, "--check") == 0) {
            check = true;
        } else if (strcmp(a, "--index") == 0 && has_value) {
            index_dir = argv[++i];
        } else if (strcmp(a, "--lang") == 0 && has_value) {
            opts.language = argv[++i];
        } else if (strcmp(a, "--gazetteer") == 0 && has_value) {
            opts.gazetteer = argv[++i];
        } else if (strcmp(a, "--include") == 0 && has_value) {
            include[walk.ninclude++] = argv[++i];
        } else if (strcmp(a, "--exclude") == 0 && has_value) {
            exclude[walk.nexclude++] = argv[++i];
        } else if (strcmp(a, "--jobs") == 0 && has_value) {
            if (!trawl_cli_parse_count(a, argv[++i], 1, MAX_JOBS, &jobs)) {
                free(paths);
                return TRAWL_EXIT_FATAL;
            }
        } else if (strcmp(a, "--shards") == 0 && has_value) {
            if (!trawl_cli_parse_count(a, argv[++i], 1, TRAWL_MAX_SHARDS, &opts.shards)) {
                free(paths);
                return TRAWL_EXIT_FATAL;
            }
        } else if (strcmp(a, "--max-passage") == 0 && has_value) {
            if (!trawl_cli_parse_count(a, argv[++i], TRAWL_MIN_MAX_PASSAGE, TRAWL_MAX_MAX_PASSAGE,
                                       &opts.max_passage_bytes)) {
                free(paths);
                return TRAWL_EXIT_FATAL;
            }
        } else {
            trawl_cli_error("%s: unknown option or missing value (see --help)", a);
            free(paths);
            return TRAWL_EXIT_FATAL;
        }
    }

    trawl_error err;
    trawl_inputs *in = NULL;
    if (trawl_inputs_new(paths, npaths, &walk, &in, &err)) {
        trawl_cli_error("%s", err.message);
        free(paths);
        return TRAWL_EXIT_FATAL;
    }
    for (size_t k = 0; k < trawl_inputs_problems(in); k++)
        trawl_cli_error("%s", trawl_inputs_problem(in, k));
    size_t n = trawl_inputs_count(in);

    opts.writers = jobs;
    if (check) {
        int code = check_index(index_dir, &opts, in);
        trawl_inputs_free(in);
        free(paths);
        return code;
    }
    trawl_indexer *ix = NULL;
    trawl_status st = trawl_indexer_open(index_dir, &opts, &ix, &err);
    if (st) {
        if (st == TRAWL_ERR_LOCKED)
            trawl_cli_error("%s is being written by another trawl-ingest (%s); try again when "
                            "it ends",
                            index_dir, err.message);
        else
            trawl_cli_error("%s", err.message);
        trawl_inputs_free(in);
        free(paths);
        return TRAWL_EXIT_FATAL;
    }

    double total_bytes = 0;
    for (size_t k = 0; k < n; k++)
        total_bytes += (double)trawl_inputs_get(in, k)->size;
    progress prog = {!quiet && isatty(STDERR_FILENO), trawl_cli_now(), 0, n, total_bytes};
    manifests mfs = {0};
    size_t docs = 0, passages = 0, skipped = trawl_inputs_problems(in), described = 0;
    size_t binary = 0;
    trawl_buf binary_names = TRAWL_BUF_INIT; /* the first few, for the line that counts them */
    size_t added = 0, changed = 0, unchanged = 0, removed = 0;
    double bytes = 0;
    int exit_code = TRAWL_EXIT_OK;
    if (trawl_indexer_rebuilt(ix) && !quiet)
        fprintf(stderr, "trawl-ingest: rebuilding the whole index: %s\n",
                trawl_indexer_rebuilt(ix));
    pipeline pl = {in, ix, NULL, NULL, NULL, 0};
    trawl_pool *pool = NULL;
    trawl_lanes *writers = NULL; /* one per shard, when there are several */
    size_t nshards = trawl_indexer_shard_count(ix);
    if ((st = pipeline_start(&pl, ix, &mfs, jobs, &pool, &err)) ||
        (nshards > 1 &&
         (st = trawl_lanes_start(nshards, 8, QUEUED_BYTES, write_job, &pl, &writers, &err)))) {
        trawl_cli_error("%s", err.message);
        exit_code = TRAWL_EXIT_FATAL;
    }
    for (size_t k = 0; k < n && exit_code == TRAWL_EXIT_OK; k++) {
        const trawl_input *it = trawl_inputs_get(in, k);
        slot *s = &pl.slots[k];
        show_progress(&prog, k, bytes, false);
        bytes += (double)it->size;
        described += s->meta != NULL;
        trawl_pool_wait(pool, k);
        switch (s->outcome) {
        case SLOT_UNREADABLE:
            skipped++;
            if (s->info.binary && !it->named) {
                /* found by walking: counted on one line at the end */
                if (binary++ < 3)
                    trawl_buf_printf(&binary_names, "%s%s", binary > 1 ? ", " : "", it->id);
                break;
            }
            show_progress(&prog, k, bytes, true);
            trawl_cli_error("%s", s->err.message);
            break;
        case SLOT_UNCHANGED:
            unchanged++;
            break;
        case SLOT_FAILED:
            show_progress(&prog, k, bytes, true);
            trawl_cli_error("%s: %s", it->file, s->err.message);
            if (s->err.status == TRAWL_ERR_INPUT || s->err.status == TRAWL_ERR_UNICODE)
                skipped++;
            else
                exit_code = TRAWL_EXIT_FATAL;
            break;
        case SLOT_ANALYSED:
            if (s->info.replaced) {
                show_progress(&prog, k, bytes, true);
                trawl_cli_warn("%s: %zu invalid UTF-8 sequence%s replaced by U+FFFD", it->file,
                               s->info.replaced, s->info.replaced == 1 ? "" : "s");
            }
            docs++;
            passages += s->analysis->npassages;
            if (s->before)
                changed++;
            else
                added++;
            if (writers) {
                /* Its shard's thread writes it and frees it; when a writer failed, the
                 * loop stops and the failure is reported below. */
                if (!trawl_lanes_put(writers, trawl_indexer_shard_of(ix, it->id), k,
                                     (size_t)it->size))
                    exit_code = TRAWL_EXIT_FATAL;
                continue;
            }
            if ((st = trawl_indexer_apply(ix, s->doc, s->analysis, s->now, &err))) {
                trawl_cli_error("%s: %s", it->file, err.message);
                exit_code = TRAWL_EXIT_FATAL;
            }
            break;
        }
        slot_clear(s);
    }
    if (!trawl_lanes_finish(writers))
        exit_code = TRAWL_EXIT_FATAL;
    for (size_t k = 0; writers && k < n; k++)
        if (pl.slots[k].write_failed)
            trawl_cli_error("%s: %s", trawl_inputs_get(in, k)->file, pl.slots[k].err.message);
    trawl_pool_free(pool);
    pipeline_free(&pl);
    if (exit_code == TRAWL_EXIT_OK && remove_leftovers(ix, in, &removed, &err)) {
        trawl_cli_error("%s", err.message);
        exit_code = TRAWL_EXIT_FATAL;
    }
    show_progress(&prog, n, bytes, true);
    if (exit_code == TRAWL_EXIT_OK && (st = trawl_indexer_commit(ix, &err))) {
        trawl_cli_error("%s", err.message);
        exit_code = TRAWL_EXIT_FATAL;
    }
    trawl_indexer_close(ix);
    skipped += mfs.errors;
    if (exit_code == TRAWL_EXIT_OK && skipped)
        exit_code = TRAWL_EXIT_PARTIAL;
    if (binary) /* even with --quiet: files left out of the index */
        trawl_cli_error("%zu binary file%s skipped (not text): %s%s", binary,
                        binary == 1 ? "" : "s", trawl_buf_str(&binary_names),
                        binary > 3 ? ", ..." : "");
    trawl_buf_free(&binary_names);
    if (!quiet && exit_code != TRAWL_EXIT_FATAL) {
        printf("indexed %zu document%s, %zu passage%s, %.0f bytes in %.2f s into %s (%zu added, "
               "%zu changed, %zu removed, %zu unchanged)",
               docs, docs == 1 ? "" : "s", passages, passages == 1 ? "" : "s", bytes,
               trawl_cli_now() - prog.start, index_dir, added, changed, removed, unchanged);
        if (described)
            printf("; %zu described by MANIFEST.tsv", described);
        if (skipped)
            printf("; %zu skipped", skipped);
        size_t ignored = trawl_inputs_ignored(in);
        if (ignored)
            printf("; %zu left out by --include/--exclude", ignored);
        putchar('\n');
    }
    manifests_free(&mfs);
    trawl_inputs_free(in);
    free(paths);
    return exit_code;
}
