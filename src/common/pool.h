/* pool.h: runs one job per item on worker threads and hands the items back in their order,
 * for a pipeline whose last stage must stay sequential (one index writer) while the stages
 * before it use every core. Workers run at most `window` items ahead of the consumer, and when
 * items have weights (their sizes), at most `budget` of weight ahead of it besides the item it
 * waits for, so memory stays bounded whatever the number and sizes of items. With no workers, each
 * job runs in the consumer's thread when it asks for the item: the same results in the same order.
 */
#ifndef TRAWL_POOL_H
#define TRAWL_POOL_H

#include <stddef.h>

#include "common/status.h"

/* The job of item `item`, run by worker `worker` (0 when run in the consumer's thread). A
 * job keeps its results in `ctx`'s slot for the item; jobs of different items run at once. */
typedef void (*trawl_pool_fn)(void *ctx, size_t worker, size_t item);

typedef struct trawl_pool trawl_pool;

/* How far past the consumer workers may go. */
typedef struct trawl_pool_bound {
    size_t window;         /* items (0 counts as 1) */
    const size_t *weights; /* each item's weight, or NULL: no budget; must outlive the pool */
    size_t budget;         /* the most weight taken and not yet asked for */
} trawl_pool_bound;

/* Starts `workers` threads (0: none) over items 0..n-1. `ctx` must outlive the pool. */
trawl_status trawl_pool_start(size_t workers, size_t n, trawl_pool_bound bound, trawl_pool_fn fn,
                              void *ctx, trawl_pool **pool_out, trawl_error *err);

/* Waits until the job of `item` is done and returns; items must be asked for in order, each
 * once. Asking for an item lets the workers go past the items before it. */
void trawl_pool_wait(trawl_pool *pool, size_t item);

/* Stops the workers after the jobs they are running (items not yet taken are never run),
 * joins them and frees the pool. NULL is allowed. */
void trawl_pool_free(trawl_pool *pool);

#endif
