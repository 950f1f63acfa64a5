/* lanes.c: one thread and one bounded queue per lane. */
#include "common/lanes.h"

#include <pthread.h>
#include <stdlib.h>

typedef struct lane {
    size_t *items;   /* ring of `depth` queued items */
    size_t *weights; /* and their weights */
    size_t head, count;
    size_t running; /* the weight of the job running, 0 when none */
    size_t weight;  /* of the queued jobs and the one running */
    pthread_t thread;
    bool started;
} lane;

struct trawl_lanes {
    trawl_lane_fn fn;
    void *ctx;
    lane *lanes;
    size_t nlanes, depth, budget;
    bool closing; /* no more items will come */
    bool stopped; /* a job returned nonzero */
    pthread_mutex_t lock;
    pthread_cond_t changed; /* an item was queued or taken, or the lanes close or stop */
};

typedef struct lane_arg {
    trawl_lanes *lanes;
    size_t index;
} lane_arg;

static void *run_lane(void *arg)
{
    lane_arg *a = arg;
    trawl_lanes *ls = a->lanes;
    lane *l = &ls->lanes[a->index];
    pthread_mutex_lock(&ls->lock);
    for (;;) {
        while (!ls->stopped && !ls->closing && l->count == 0)
            pthread_cond_wait(&ls->changed, &ls->lock);
        if (ls->stopped || l->count == 0)
            break;
        size_t item = l->items[l->head];
        l->running = l->weights[l->head];
        l->head = (l->head + 1) % ls->depth;
        l->count--;
        pthread_cond_broadcast(&ls->changed);
        pthread_mutex_unlock(&ls->lock);
        int stop = ls->fn(ls->ctx, a->index, item);
        pthread_mutex_lock(&ls->lock);
        l->weight -= l->running;
        l->running = 0;
        if (stop)
            ls->stopped = true;
        pthread_cond_broadcast(&ls->changed);
    }
    pthread_mutex_unlock(&ls->lock);
    free(a);
    return NULL;
}

static void release(trawl_lanes *ls)
{
    for (size_t i = 0; i < ls->nlanes; i++) {
        free(ls->lanes[i].items);
        free(ls->lanes[i].weights);
    }
    free(ls->lanes);
    pthread_mutex_destroy(&ls->lock);
    pthread_cond_destroy(&ls->changed);
    free(ls);
}

trawl_status trawl_lanes_start(size_t nlanes, size_t depth, size_t budget, trawl_lane_fn fn,
                               void *ctx, trawl_lanes **lanes_out, trawl_error *err)
{
    *lanes_out = NULL;
    if (nlanes == 0 || depth == 0 || !fn)
        return trawl_error_set(err, TRAWL_ERR_ARG, "lanes need a job, 1 or more lanes and depth");
    trawl_lanes *ls = calloc(1, sizeof *ls);
    if (!ls || !(ls->lanes = calloc(nlanes, sizeof *ls->lanes))) {
        free(ls);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    }
    *ls = (trawl_lanes){fn,
                        ctx,
                        ls->lanes,
                        nlanes,
                        depth,
                        budget,
                        false,
                        false,
                        PTHREAD_MUTEX_INITIALIZER,
                        PTHREAD_COND_INITIALIZER};
    for (size_t i = 0; i < nlanes; i++) {
        if (!(ls->lanes[i].items = calloc(depth, sizeof *ls->lanes[i].items)) ||
            !(ls->lanes[i].weights = calloc(depth, sizeof *ls->lanes[i].weights))) {
            release(ls);
            return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        }
    }
    for (size_t i = 0; i < nlanes; i++) {
        lane_arg *a = malloc(sizeof *a);
        if (a)
            *a = (lane_arg){ls, i};
        if (!a || pthread_create(&ls->lanes[i].thread, NULL, run_lane, a) != 0) {
            free(a);
            pthread_mutex_lock(&ls->lock);
            ls->stopped = true;
            pthread_cond_broadcast(&ls->changed);
            pthread_mutex_unlock(&ls->lock);
            trawl_lanes_finish(ls);
            return trawl_error_set(err, TRAWL_ERR_NOMEM, "cannot start a writer thread");
        }
        ls->lanes[i].started = true;
    }
    *lanes_out = ls;
    return TRAWL_OK;
}

/* Whether `lane` cannot take a job of `weight` now (the lock held). */
static bool full(const trawl_lanes *ls, const lane *l, size_t weight)
{
    bool busy = l->count > 0 || l->running > 0;
    return l->count == ls->depth || (busy && l->weight + weight > ls->budget);
}

bool trawl_lanes_put(trawl_lanes *ls, size_t index, size_t item, size_t weight)
{
    lane *l = &ls->lanes[index];
    pthread_mutex_lock(&ls->lock);
    while (!ls->stopped && full(ls, l, weight))
        pthread_cond_wait(&ls->changed, &ls->lock);
    bool ok = !ls->stopped;
    if (ok) {
        size_t at = (l->head + l->count) % ls->depth;
        l->items[at] = item;
        l->weights[at] = weight;
        l->weight += weight;
        l->count++;
        pthread_cond_broadcast(&ls->changed);
    }
    pthread_mutex_unlock(&ls->lock);
    return ok;
}

bool trawl_lanes_finish(trawl_lanes *ls)
{
    if (!ls)
        return true;
    pthread_mutex_lock(&ls->lock);
    ls->closing = true;
    pthread_cond_broadcast(&ls->changed);
    pthread_mutex_unlock(&ls->lock);
    for (size_t i = 0; i < ls->nlanes; i++)
        if (ls->lanes[i].started)
            pthread_join(ls->lanes[i].thread, NULL);
    bool ok = !ls->stopped;
    release(ls);
    return ok;
}
