/* watch.h: saved searches, run against what the last ingest run added: "what came in since
 * yesterday that mentions our centers", for a daily report. A watch file holds one search a
 * line, its name, a tab, its query ("GWICC<TAB>icc:gwicc OR GWICC"); lines starting with '#'
 * and blank lines are skipped.
 *
 * Ownership: a loaded watch owns its names and queries until trawl_watch_free. */
#ifndef TRAWL_WATCH_H
#define TRAWL_WATCH_H

#include <stddef.h>

#include "common/status.h"
#include "search/search.h"

typedef struct trawl_watch {
    char **names;   /* each search's name */
    char **queries; /* its query */
    size_t n, cap, cap_queries;
} trawl_watch;

/* Reads the watch file `path` into `*w` (zeroed by the caller; trawl_watch_free frees it).
 * TRAWL_ERR_IO when it cannot be read; TRAWL_ERR_ARG, naming "PATH:LINE", for a line without
 * a name and a query, a name used twice, or text that is not UTF-8. */
trawl_status trawl_watch_load(const char *path, trawl_watch *w, trawl_error *err);
void trawl_watch_free(trawl_watch *w);

/* Runs search `i` over the passages the runs `since` names (an added: value, filters.h:
 * "last", a run, a range of runs or of dates), with `opts`; `*results_out` is the caller's. */
trawl_status trawl_watch_run(trawl_searcher *s, const trawl_watch *w, size_t i, const char *since,
                             const trawl_search_options *opts, trawl_results **results_out,
                             trawl_error *err);

#endif
