/* pool.c: worker threads taking items in order, at most a window ahead of the consumer. */
#include "common/pool.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct trawl_pool {
    trawl_pool_fn fn;
    void *ctx;
    size_t n;               /* items */
    trawl_pool_bound bound; /* how far past the consumer workers may go */
    size_t next;            /* the next item to take */
    size_t consumer;        /* the item the consumer asked for last */
    bool *done;             /* per item: its job has run */
    bool stopping;          /* trawl_pool_free was called */
    pthread_mutex_t lock;
    pthread_cond_t changed; /* an item is done, the consumer moved, or the pool is stopping */
    pthread_t *threads;
    size_t nthreads; /* started */
};

typedef struct worker_arg {
    trawl_pool *pool;
    size_t index;
} worker_arg;

/* Whether a worker may take item `next` now (the lock held). */
static bool may_take(const trawl_pool *p)
{
    if (p->next >= p->consumer + p->bound.window)
        return false;
    if (!p->bound.weights || p->next <= p->consumer)
        return true; /* the consumer's own item is always taken */
    size_t ahead = p->bound.weights[p->next];
    for (size_t i = p->consumer + 1; i < p->next; i++)
        ahead += p->bound.weights[i];
    return ahead <= p->bound.budget;
}

static void *work(void *arg)
{
    worker_arg *w = arg;
    trawl_pool *p = w->pool;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->stopping && p->next < p->n && !may_take(p))
            pthread_cond_wait(&p->changed, &p->lock);
        if (p->stopping || p->next >= p->n)
            break;
        size_t item = p->next++;
        pthread_mutex_unlock(&p->lock);
        p->fn(p->ctx, w->index, item);
        pthread_mutex_lock(&p->lock);
        p->done[item] = true;
        pthread_cond_broadcast(&p->changed);
    }
    pthread_mutex_unlock(&p->lock);
    free(w);
    return NULL;
}

trawl_status trawl_pool_start(size_t workers, size_t n, trawl_pool_bound bound, trawl_pool_fn fn,
                              void *ctx, trawl_pool **pool_out, trawl_error *err)
{
    *pool_out = NULL;
    trawl_pool *p = calloc(1, sizeof *p);
    if (!p || !(p->done = calloc(n ? n : 1, sizeof *p->done)) ||
        !(p->threads = calloc(workers ? workers : 1, sizeof *p->threads))) {
        if (p)
            free(p->done);
        free(p);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory starting %zu threads", workers);
    }
    p->fn = fn;
    p->ctx = ctx;
    p->n = n;
    p->bound = bound;
    if (p->bound.window == 0)
        p->bound.window = 1;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->changed, NULL);
    for (size_t i = 0; i < workers; i++) {
        worker_arg *w = malloc(sizeof *w);
        int rc = w ? 0 : -1;
        if (w) {
            *w = (worker_arg){p, i};
            rc = pthread_create(&p->threads[i], NULL, work, w);
            if (rc)
                free(w);
        }
        if (rc) {
            trawl_pool_free(p);
            return trawl_error_set(err, TRAWL_ERR_NOMEM, "cannot start thread %zu of %zu: %s",
                                   i + 1, workers, rc > 0 ? strerror(rc) : "out of memory");
        }
        p->nthreads++;
    }
    *pool_out = p;
    return TRAWL_OK;
}

void trawl_pool_wait(trawl_pool *p, size_t item)
{
    if (p->nthreads == 0) {
        p->fn(p->ctx, 0, item);
        return;
    }
    pthread_mutex_lock(&p->lock);
    p->consumer = item;
    pthread_cond_broadcast(&p->changed);
    while (!p->done[item])
        pthread_cond_wait(&p->changed, &p->lock);
    pthread_mutex_unlock(&p->lock);
}

void trawl_pool_free(trawl_pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->stopping = true;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    for (size_t i = 0; i < p->nthreads; i++)
        pthread_join(p->threads[i], NULL);
    pthread_cond_destroy(&p->changed);
    pthread_mutex_destroy(&p->lock);
    free(p->threads);
    free(p->done);
    free(p);
}
