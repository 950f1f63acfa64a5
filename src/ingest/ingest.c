/* ingest.c: a run of ingest: the threads that read and analyse, the writer, removals, and the
 * check that compares an index with its inputs. */
#define _XOPEN_SOURCE 700
#include "ingest/ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/lanes.h"
#include "common/pool.h"
#include "index/schema.h"
#include "ingest/manifests.h"
#include "readers/reader.h"

/* The most bytes of input analysed ahead of the writers (in the analysing threads' window and
 * on each shard's queue), besides the input each is on: analysed, an input takes 20 to 30
 * times its size (its passages' Xapian documents), so a corpus of large files would otherwise
 * hold dozens of them at once. Small files stay bounded by their count. */
#define AHEAD_BYTES (1 << 20)
#define QUEUED_BYTES (512 << 10)
/* And the most inputs: enough small ones for a writer to keep its core busy while the other
 * flushes (a flush holds up the lane it writes). */
#define AHEAD_PER_WORKER 8
#define QUEUED_INPUTS 32

/* The caller's callback and the counts every event carries. */
typedef struct events {
    trawl_ingest_event_fn fn;
    void *ctx;
    size_t files_done, files_total;
    double bytes_done, bytes_total;
} events;

static void tell(events *ev, trawl_ingest_event_kind kind, const char *text)
{
    if (!ev->fn)
        return;
    trawl_ingest_event e = {kind,           text,           ev->files_done, ev->files_total,
                            ev->bytes_done, ev->bytes_total};
    ev->fn(ev->ctx, &e);
}

static void tell_manifest(void *ctx, bool error, const char *message)
{
    tell(ctx, error ? TRAWL_INGEST_SKIPPED : TRAWL_INGEST_WARNING, message);
}

static void events_init(events *ev, const trawl_ingest_options *o, const trawl_inputs *in)
{
    *ev = (events){o->on_event, o->ctx, 0, trawl_inputs_count(in), 0, 0};
    for (size_t k = 0; k < ev->files_total; k++)
        ev->bytes_total += (double)trawl_inputs_get(in, k)->size;
}

static size_t jobs_of(const trawl_ingest_options *o)
{
    if (o->jobs)
        return o->jobs < TRAWL_INGEST_MAX_JOBS ? o->jobs : TRAWL_INGEST_MAX_JOBS;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return cores < 1 ? 1 : cores > TRAWL_INGEST_MAX_JOBS ? TRAWL_INGEST_MAX_JOBS : (size_t)cores;
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
    trawl_buf ids; /* their ids, NUL-separated */
    size_t count;  /* how many */
    events *tell;  /* a check: each is told as extra (may be NULL) */
} leftovers;

static int note_leftover(void *ctx, const char *path, const char *file)
{
    leftovers *l = ctx;
    const trawl_input *it = trawl_inputs_find(l->in, file);
    if (it ? strcmp(it->id, path) == 0 : !trawl_inputs_covers(l->in, file))
        return 0;
    l->count++;
    trawl_buf_puts(&l->ids, path);
    trawl_buf_putc(&l->ids, '\0');
    if (l->tell)
        tell(l->tell, TRAWL_INGEST_EXTRA, path);
    return 0;
}

/* The leftovers of shard `db` into `l`. */
static trawl_status find_leftovers(trawl_xdb *db, leftovers *l, trawl_error *err)
{
    trawl_status st = trawl_catalog_each(db, note_leftover, l, err);
    if (!st && l->ids.failed)
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    return st;
}

/* Removes the leftovers of every shard. */
static trawl_status remove_leftovers(trawl_indexer *ix, const trawl_inputs *in, size_t *removed,
                                     trawl_error *err)
{
    trawl_status st = TRAWL_OK;
    for (size_t i = 0; i < trawl_indexer_shard_count(ix) && !st; i++) {
        leftovers l = {in, TRAWL_BUF_INIT, 0, NULL};
        st = find_leftovers(trawl_indexer_shard(ix, i), &l, err);
        for (size_t at = 0; !st && at < l.ids.len; at += strlen(l.ids.data + at) + 1) {
            st = trawl_indexer_remove(ix, l.ids.data + at, err);
            (*removed)++;
        }
        trawl_buf_free(&l.ids);
    }
    return st;
}

/* Whether the input `it` is a file a run indexes or leaves out, comparing it with its record
 * `before` (NULL when none). Parses it only when its bytes or manifest row changed. */
typedef enum check_outcome {
    CHECK_FAILED, /* memory ran out: the check stops */
    CHECK_LEFT_OUT,
    CHECK_MISSING,
    CHECK_STALE,
    CHECK_CURRENT
} check_outcome;

static check_outcome check_input(const trawl_input *it, const trawl_meta *meta,
                                 const trawl_file_state *before, events *ev)
{
    trawl_error err;
    trawl_read_info info = {0};
    trawl_document *doc = NULL;
    trawl_file_state now;
    char *data = NULL;
    size_t len = 0;
    if (trawl_read_bytes(it->file, &data, &len, &info, &err)) {
        if (err.status == TRAWL_ERR_NOMEM)
            return CHECK_FAILED;
        tell(ev, TRAWL_INGEST_SKIPPED, err.message);
        return CHECK_LEFT_OUT;
    }
    file_state(it, &info, meta, &now);
    if (before && trawl_file_state_equal(before, &now)) {
        free(data);
        return CHECK_CURRENT;
    }
    /* Changed or new: parsed, to tell a document from a file a run would leave out. */
    trawl_status st = trawl_parse_read(it->file, it->id, meta, &data, &len, &doc, &info, &err);
    free(data);
    trawl_document_free(doc);
    if (st == TRAWL_ERR_NOMEM)
        return CHECK_FAILED;
    if (st) {
        if (info.binary && !it->named)
            tell(ev, TRAWL_INGEST_BINARY, it->id);
        else
            tell(ev, TRAWL_INGEST_SKIPPED, err.message);
        return CHECK_LEFT_OUT;
    }
    return before ? CHECK_STALE : CHECK_MISSING;
}

trawl_status trawl_ingest_check(const char *dir, const trawl_inputs *in,
                                const trawl_ingest_options *options,
                                trawl_ingest_check_summary *out, trawl_error *err)
{
    memset(out, 0, sizeof *out);
    trawl_xdb *db = NULL;
    trawl_buf why = TRAWL_BUF_INIT;
    trawl_manifests *mfs = NULL;
    events ev;
    events_init(&ev, options, in);
    trawl_status st = TRAWL_OK;
    if (trawl_schema_open_read(dir, NULL, &db, NULL)) {
        out->no_index = true;
        out->missing = ev.files_total;
        return TRAWL_OK;
    }
    trawl_indexer_options io = options->index;
    io.writers = jobs_of(options);
    if ((st = trawl_indexer_outdated(db, &io, &why, err)))
        goto done;
    if (why.len) {
        snprintf(out->outdated, sizeof out->outdated, "%s", trawl_buf_str(&why));
        goto done;
    }
    if (!(mfs = trawl_manifests_new(tell_manifest, &ev))) {
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < ev.files_total && !st; k++) {
        const trawl_input *it = trawl_inputs_get(in, k);
        const trawl_meta *meta = NULL;
        trawl_file_state before;
        bool known = false;
        tell(&ev, TRAWL_INGEST_PROGRESS, NULL);
        if ((st = trawl_manifests_find(mfs, it->file, &meta, err)) ||
            (st = trawl_catalog_get(db, it->id, &before, &known, err)))
            break;
        switch (check_input(it, meta, known ? &before : NULL, &ev)) {
        case CHECK_FAILED:
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "%s: out of memory", it->file);
            break;
        case CHECK_LEFT_OUT:
            out->skipped++;
            break;
        case CHECK_MISSING:
            tell(&ev, TRAWL_INGEST_MISSING, it->id);
            out->missing++;
            break;
        case CHECK_STALE:
            tell(&ev, TRAWL_INGEST_STALE, it->id);
            out->stale++;
            break;
        case CHECK_CURRENT:
            out->current++;
            break;
        }
        ev.files_done++;
        ev.bytes_done += (double)it->size;
    }
    if (!st) {
        leftovers extra = {in, TRAWL_BUF_INIT, 0, &ev};
        st = find_leftovers(db, &extra, err);
        out->extra = extra.count;
        trawl_buf_free(&extra.ids);
    }
    if (!st)
        out->skipped += trawl_manifests_errors(mfs);
done:
    trawl_manifests_free(mfs);
    trawl_buf_free(&why);
    trawl_xdb_close(db);
    return st;
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
static trawl_status pipeline_start(pipeline *pl, trawl_manifests *mfs, size_t jobs,
                                   trawl_pool **pool, trawl_error *err)
{
    const trawl_inputs *in = pl->in;
    trawl_indexer *ix = pl->ix;
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
        trawl_file_state recorded;
        bool known = false;
        st = trawl_manifests_find(mfs, it->file, &s->meta, err);
        if (!st)
            st = trawl_catalog_get(trawl_indexer_shard(ix, trawl_indexer_shard_of(ix, it->id)),
                                   it->id, &recorded, &known, err);
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
        st = trawl_pool_start(
            workers, n, (trawl_pool_bound){AHEAD_PER_WORKER * workers, pl->sizes, AHEAD_BYTES},
            ingest_job, pl, pool, err);
    return st;
}

/* Takes the outcome of input `k` in the writer's thread: tells it, counts it, and writes it
 * (or hands it to its shard's writer: `*writer_stopped` when that writer had failed, and the
 * run stops). A failure that stops the run is returned. */
static trawl_status take(pipeline *pl, trawl_lanes *writers, size_t k, events *ev,
                         trawl_ingest_summary *out, bool *writer_stopped, trawl_error *err)
{
    const trawl_input *it = trawl_inputs_get(pl->in, k);
    slot *s = &pl->slots[k];
    trawl_status st = TRAWL_OK;
    switch (s->outcome) {
    case SLOT_UNREADABLE:
        if (s->err.status == TRAWL_ERR_NOMEM) { /* not the file's fault: the run stops */
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "%s", s->err.message);
            break;
        }
        out->skipped++;
        if (s->info.binary && !it->named) {
            out->binary++;
            tell(ev, TRAWL_INGEST_BINARY, it->id);
        } else {
            tell(ev, TRAWL_INGEST_SKIPPED, s->err.message);
        }
        break;
    case SLOT_UNCHANGED:
        out->unchanged++;
        break;
    case SLOT_FAILED:
        if (s->err.status != TRAWL_ERR_INPUT && s->err.status != TRAWL_ERR_UNICODE) {
            st = trawl_error_set(err, s->err.status, "%s: %s", it->file, s->err.message);
            break;
        }
        out->skipped++;
        {
            trawl_error said;
            trawl_error_set(&said, s->err.status, "%s: %s", it->file, s->err.message);
            tell(ev, TRAWL_INGEST_SKIPPED, said.message);
        }
        break;
    case SLOT_ANALYSED:
        if (s->info.replaced) {
            trawl_error said;
            trawl_error_set(&said, TRAWL_OK, "%s: %zu invalid UTF-8 sequence%s replaced by U+FFFD",
                            it->file, s->info.replaced, s->info.replaced == 1 ? "" : "s");
            tell(ev, TRAWL_INGEST_WARNING, said.message);
        }
        if (*trawl_document_date_problem(s->doc)) {
            trawl_error said;
            trawl_error_set(&said, TRAWL_OK, "%s: %s", it->file,
                            trawl_document_date_problem(s->doc));
            tell(ev, TRAWL_INGEST_WARNING, said.message);
        }
        out->documents++;
        out->passages += s->analysis->npassages;
        if (s->before)
            out->changed++;
        else
            out->added++;
        if (writers) {
            /* Its shard's thread writes it and frees it. */
            *writer_stopped = !trawl_lanes_put(writers, trawl_indexer_shard_of(pl->ix, it->id), k,
                                               (size_t)it->size);
            return TRAWL_OK;
        }
        if ((st = trawl_indexer_apply(pl->ix, s->doc, s->analysis, s->now, err)))
            trawl_error_set(err, st, "%s: %s", it->file, err->message);
        break;
    }
    slot_clear(s);
    return st;
}

/* The first input a shard's writer failed to write, as the run's failure; the others are told
 * as left out. */
static trawl_status writers_failed(pipeline *pl, events *ev, trawl_error *err)
{
    trawl_status st = TRAWL_OK;
    for (size_t k = 0; k < trawl_inputs_count(pl->in); k++) {
        slot *s = &pl->slots[k];
        if (!s->write_failed)
            continue;
        const char *file = trawl_inputs_get(pl->in, k)->file;
        if (!st) {
            st = trawl_error_set(err, s->err.status ? s->err.status : TRAWL_ERR_INTERNAL, "%s: %s",
                                 file, s->err.message);
        } else {
            trawl_error said;
            trawl_error_set(&said, s->err.status, "%s: %s", file, s->err.message);
            tell(ev, TRAWL_INGEST_SKIPPED, said.message);
        }
    }
    return st ? st : trawl_error_set(err, TRAWL_ERR_INTERNAL, "a writer thread stopped");
}

trawl_status trawl_ingest_run(const char *dir, const trawl_inputs *in,
                              const trawl_ingest_options *options, trawl_ingest_summary *out,
                              trawl_error *err)
{
    memset(out, 0, sizeof *out);
    events ev;
    events_init(&ev, options, in);
    out->bytes = ev.bytes_total;
    size_t jobs = jobs_of(options);
    trawl_indexer_options io = options->index;
    io.writers = jobs;
    trawl_indexer *ix = NULL;
    trawl_status st = trawl_indexer_open(dir, &io, &ix, err);
    if (st)
        return st;
    if (trawl_indexer_rebuilt(ix))
        tell(&ev, TRAWL_INGEST_REBUILD, trawl_indexer_rebuilt(ix));
    trawl_manifests *mfs = trawl_manifests_new(tell_manifest, &ev);
    pipeline pl = {in, ix, NULL, NULL, NULL, 0};
    trawl_pool *pool = NULL;
    trawl_lanes *writers = NULL; /* one per shard, when there are several */
    size_t nshards = trawl_indexer_shard_count(ix);
    if (!mfs)
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    if (!st)
        st = pipeline_start(&pl, mfs, jobs, &pool, err);
    /* One thread per shard writes, unless one thread does everything. */
    if (!st && nshards > 1 && jobs > 1)
        st = trawl_lanes_start(nshards, QUEUED_INPUTS, QUEUED_BYTES, write_job, &pl, &writers, err);
    bool writer_stopped = false;
    for (size_t k = 0; k < ev.files_total && !st && !writer_stopped; k++) {
        const trawl_input *it = trawl_inputs_get(in, k);
        tell(&ev, TRAWL_INGEST_PROGRESS, NULL);
        out->described += pl.slots[k].meta != NULL;
        trawl_pool_wait(pool, k);
        st = take(&pl, writers, k, &ev, out, &writer_stopped, err);
        ev.files_done++;
        ev.bytes_done += (double)it->size;
    }
    if (!trawl_lanes_finish(writers) && !st)
        st = writers_failed(&pl, &ev, err);
    trawl_pool_free(pool);
    pipeline_free(&pl);
    if (!st)
        st = remove_leftovers(ix, in, &out->removed, err);
    if (!st) {
        trawl_run what = {.added = out->added,
                          .changed = out->changed,
                          .removed = out->removed,
                          .unchanged = out->unchanged,
                          .passages = out->passages};
        trawl_indexer_note_run(ix, &what);
        out->run = trawl_indexer_run_id(ix);
        st = trawl_indexer_commit(ix, err);
    }
    trawl_indexer_close(ix);
    if (mfs)
        out->skipped += trawl_manifests_errors(mfs);
    trawl_manifests_free(mfs);
    return st;
}
