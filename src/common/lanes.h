/* lanes.h: threads that each run, one after another and in the order given, the jobs put on
 * their lane: for writing the shards of an index at once, one lane per shard, while the jobs
 * of one shard stay in input order. Each lane holds at most `depth` jobs, and at most `budget`
 * of their weights (their sizes) besides one job, so memory stays bounded. */
#ifndef TRAWL_LANES_H
#define TRAWL_LANES_H

#include <stdbool.h>
#include <stddef.h>

#include "common/status.h"

/* The job of `item` on `lane`. Nonzero stops every lane: jobs not started are dropped. */
typedef int (*trawl_lane_fn)(void *ctx, size_t lane, size_t item);

typedef struct trawl_lanes trawl_lanes;

/* Starts `nlanes` threads. `ctx` must outlive the lanes. */
trawl_status trawl_lanes_start(size_t nlanes, size_t depth, size_t budget, trawl_lane_fn fn,
                               void *ctx, trawl_lanes **lanes_out, trawl_error *err);
/* Queues `item` of `weight` on `lane`, waiting while the lane is full: `depth` jobs waiting, or
 * jobs (running or waiting) whose weights with this one's would pass the budget. False when a
 * job stopped the lanes (the item is not queued). */
bool trawl_lanes_put(trawl_lanes *lanes, size_t lane, size_t item, size_t weight);
/* Waits until every queued job has run (or a job stopped the lanes), joins the threads and
 * frees the lanes; returns false when a job stopped them. NULL is allowed (true). */
bool trawl_lanes_finish(trawl_lanes *lanes);

#endif
