/* runs.h: the ingest runs an index remembers. Each committed run has an id (1, 2, ... in the
 * order of the runs), the time it started (UTC; $SOURCE_DATE_EPOCH when set, for builds that
 * must be reproducible) and what it did, in metadata under TRAWL_META_RUN + the id as "%08u",
 * every shard holding every run's record. Each passage carries the run that last added or
 * changed its document (TRAWL_PREFIX_RUN term, TRAWL_SLOT_RUN value): "what came in since
 * last week" is a filter on them (filters.h, added:).
 *
 * Ownership: a trawl_runs list owns its records until trawl_runs_free. */
#ifndef TRAWL_RUNS_H
#define TRAWL_RUNS_H

#include <stddef.h>

#include "common/buf.h"
#include "common/status.h"
#include "xapian-c/xapian_c.h"

typedef struct trawl_run {
    unsigned id;
    char time[21];    /* "2026-12-02T14:43:11Z" */
    long long epoch;  /* the same, in seconds since 1970 */
    size_t added;     /* documents new to the index */
    size_t changed;   /* documents indexed again because their file or manifest row changed */
    size_t removed;   /* documents whose file was gone */
    size_t unchanged; /* documents left as they were */
    size_t passages;  /* passages of the documents added or changed */
} trawl_run;

typedef struct trawl_runs {
    trawl_run *items; /* by id, ascending */
    size_t n, cap;
} trawl_runs;

#define TRAWL_RUNS_INIT                                                                            \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

/* Reads every run record of `db` into `runs` (emptied first). TRAWL_ERR_CORRUPT names a record
 * that is not one. */
trawl_status trawl_runs_load(trawl_xdb *db, trawl_runs *runs, trawl_error *err);
void trawl_runs_free(trawl_runs *runs);
/* The run `id`, or NULL. */
const trawl_run *trawl_runs_find(const trawl_runs *runs, unsigned id);
/* The last run, or NULL when there is none. */
const trawl_run *trawl_runs_last(const trawl_runs *runs);

/* The time a run starting now is stamped with: $SOURCE_DATE_EPOCH when it is a number of
 * seconds, else the clock. */
long long trawl_run_clock(void);
/* Fills the time fields of `run` from `epoch`. */
void trawl_run_set_time(trawl_run *run, long long epoch);

/* Writes `run`'s record into `db` (a shard open for writing). */
trawl_status trawl_run_put(trawl_xdb *db, const trawl_run *run, trawl_error *err);

/* The filter term of run `id` (TRAWL_PREFIX_RUN + id) into `out` (reset first). */
void trawl_run_term(unsigned id, trawl_buf *out);

#endif
