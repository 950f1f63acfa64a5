/* ingest.h: one run of ingest, as a library: the inputs of a run (inputs.h) made into the
 * index at a folder, or compared with it.
 *
 * trawl_ingest_run indexes new and changed files, removes the documents whose files are gone,
 * and commits once at the end: a run that fails leaves the index as it was (indexer.h).
 * Whether a file changed is decided from its bytes' hash and its manifest row, before any
 * parsing: an unchanged file is read and hashed, never parsed. Files are read and analysed on
 * `jobs` threads and written in input order: the index is the same whatever the number of
 * threads. trawl_ingest_check says, without writing, which documents a run would add, change
 * or remove.
 *
 * What happens to each file is told through a callback, in input order, on the calling
 * thread: progress, files left out (one-line messages naming the file), warnings, and for a
 * check each document that is missing, stale or extra. The library never prints and never
 * changes process state (the caller may set XAPIAN_FLUSH_THRESHOLD).
 * A run uses one index folder; runs on different folders may go on in different threads. */
#ifndef TRAWL_INGEST_H
#define TRAWL_INGEST_H

#include <stdbool.h>
#include <stddef.h>

#include "common/status.h"
#include "index/indexer.h"
#include "readers/inputs.h"

/* The most threads a run analyses with. */
#define TRAWL_INGEST_MAX_JOBS 64

typedef enum trawl_ingest_event_kind {
    TRAWL_INGEST_PROGRESS, /* an input is about to be handled: counts of those done so far */
    TRAWL_INGEST_REBUILD,  /* the run rebuilds the whole index: `text` says why */
    TRAWL_INGEST_SKIPPED,  /* a file or manifest is left out: `text` is the message */
    TRAWL_INGEST_BINARY,   /* a file found by walking is left out as binary: `text` is its id */
    TRAWL_INGEST_WARNING,  /* indexed, with a caveat: `text` is the message */
    TRAWL_INGEST_MISSING,  /* check: `text` is the id of a document not in the index */
    TRAWL_INGEST_STALE,    /* check: the id of a document whose file or manifest row changed */
    TRAWL_INGEST_EXTRA     /* check: the id of an indexed document whose file is gone */
} trawl_ingest_event_kind;

typedef struct trawl_ingest_event {
    trawl_ingest_event_kind kind;
    const char *text;   /* see the kind; NULL for PROGRESS; valid during the call only */
    size_t files_done;  /* inputs handled so far, of */
    size_t files_total; /* all the run's inputs */
    double bytes_done;  /* their bytes, of */
    double bytes_total; /* all inputs' bytes */
} trawl_ingest_event;

typedef void (*trawl_ingest_event_fn)(void *ctx, const trawl_ingest_event *event);

typedef struct trawl_ingest_options {
    trawl_indexer_options index;    /* how to index (indexer.h); its writers are set from jobs */
    size_t jobs;                    /* threads reading and analysing files while the calling one
                                       writes; 1: the calling thread does everything; 0: the
                                       number of cores (at most TRAWL_INGEST_MAX_JOBS) */
    trawl_ingest_event_fn on_event; /* may be NULL */
    void *ctx;                      /* passed to on_event */
} trawl_ingest_options;
#define TRAWL_INGEST_OPTIONS_INIT                                                                  \
    {                                                                                              \
        TRAWL_INDEXER_OPTIONS_INIT, 0, NULL, NULL                                                  \
    }

/* What a run did. */
typedef struct trawl_ingest_summary {
    size_t documents; /* documents indexed (added or changed) */
    size_t passages;  /* their passages */
    double bytes;     /* bytes of every input */
    size_t added, changed, removed, unchanged;
    size_t skipped;   /* inputs and manifests left out (each told by an event), binary included */
    size_t binary;    /* of which binary files found by walking */
    size_t described; /* inputs that a manifest describes */
    unsigned run;     /* the run's id (runs.h) */
} trawl_ingest_summary;

/* Indexes `in` into the index at `dir` (created when missing). TRAWL_OK when the run was
 * committed, files left out or not (summary.skipped); otherwise nothing was committed and
 * `err` says why: TRAWL_ERR_LOCKED when another run holds the index, TRAWL_ERR_ARG when a file
 * would replace a document indexed from another file that still exists, a failure to write
 * ("FILE: reason") or to analyse other than the file's own fault. */
trawl_status trawl_ingest_run(const char *dir, const trawl_inputs *in,
                              const trawl_ingest_options *options, trawl_ingest_summary *out,
                              trawl_error *err);

/* What a check found. */
typedef struct trawl_ingest_check_summary {
    bool no_index;      /* there is no index at the folder: every document is missing */
    char outdated[512]; /* why a run would rebuild the whole index; "" when it would not */
    size_t missing, stale, extra, current; /* documents, each told by an event but current */
    size_t skipped;                        /* inputs a run would leave out, each told by an event */
} trawl_ingest_check_summary;

/* Compares the index at `dir` with what a run of `in` with `options` would make, writing
 * nothing. TRAWL_OK when the comparison was made (whatever it found). */
trawl_status trawl_ingest_check(const char *dir, const trawl_inputs *in,
                                const trawl_ingest_options *options,
                                trawl_ingest_check_summary *out, trawl_error *err);

#endif
