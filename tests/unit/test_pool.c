/* test_pool: jobs run on worker threads come back in item order, each once; workers never run
 * more than the window, nor more than the budget of weight, ahead of the consumer; stopping
 * early runs no new jobs; with no workers each job runs in the consumer's thread when asked
 * for. */
#include <pthread.h>
#include <stdatomic.h>

#include "check.h"
#include "common/pool.h"

#define ITEMS 2000

typedef struct state {
    atomic_int runs[ITEMS];  /* times each job ran */
    atomic_size_t asked;     /* the item the consumer asks for next */
    atomic_int ahead_failed; /* a job ran further ahead than the window allows */
    size_t window;
    const size_t *weights; /* or NULL */
    size_t budget;
    size_t workers;
    pthread_t consumer;
    atomic_int off_thread; /* jobs that ran outside the consumer's thread */
    unsigned result[ITEMS];
} state;

static atomic_uint spin_sink; /* keeps the busy loop */

static void job(void *ctx, size_t worker, size_t item)
{
    state *s = ctx;
    size_t asked = atomic_load(&s->asked), weight = 0;
    if (item >= asked + s->window)
        atomic_store(&s->ahead_failed, 1);
    for (size_t i = asked + 1; s->weights && i <= item; i++)
        weight += s->weights[i];
    if (weight > s->budget)
        atomic_store(&s->ahead_failed, 1);
    if (worker >= (s->workers ? s->workers : 1))
        atomic_store(&s->ahead_failed, 1);
    if (!pthread_equal(pthread_self(), s->consumer))
        atomic_fetch_add(&s->off_thread, 1);
    /* Some work of uneven length, so that jobs finish out of order. */
    unsigned x = (unsigned)item;
    for (unsigned k = 0; k < (item % 7) * 2000; k++)
        x = x * 1103515245u + 12345u;
    atomic_store_explicit(&spin_sink, x, memory_order_relaxed);
    s->result[item] = (unsigned)item * 3u;
    atomic_fetch_add(&s->runs[item], 1);
}

static state *run(size_t workers, trawl_pool_bound bound, size_t stop_at)
{
    static state s;
    memset(&s, 0, sizeof s);
    s.window = bound.window;
    s.weights = bound.weights;
    s.budget = bound.weights ? bound.budget : 0;
    s.workers = workers;
    s.consumer = pthread_self();
    trawl_pool *p = NULL;
    CHECK_INT(trawl_pool_start(workers, ITEMS, bound, job, &s, &p, NULL), TRAWL_OK);
    int in_order = 1;
    for (size_t i = 0; i < stop_at; i++) {
        atomic_store(&s.asked, i);
        trawl_pool_wait(p, i);
        if (atomic_load(&s.runs[i]) != 1 || s.result[i] != (unsigned)i * 3u)
            in_order = 0;
    }
    trawl_pool_free(p);
    CHECK(in_order);
    return &s;
}

/* Item weights for the weighted cases. */
static size_t weights[ITEMS];

/* Four workers: every item once, in order, within the window. */
static void four_workers_every_item_once(void)
{
    state *s = run(4, (trawl_pool_bound){16, NULL, 0}, ITEMS);
    int once = 1;
    for (size_t i = 0; i < ITEMS; i++)
        once &= atomic_load(&s->runs[i]) == 1;
    CHECK(once);
    CHECK(!atomic_load(&s->ahead_failed));
    CHECK(atomic_load(&s->off_thread) == ITEMS);
}

/* Stopping early: no job past the window runs. */
static void stopping_early_no_job_past(void)
{
    state *s = run(3, (trawl_pool_bound){8, NULL, 0}, 100);
    size_t ran = 0, last = 0;
    for (size_t i = 0; i < ITEMS; i++)
        if (atomic_load(&s->runs[i])) {
            ran++;
            last = i;
        }
    CHECK(ran >= 100);
    CHECK(last < 99 + 8);
    CHECK(!atomic_load(&s->ahead_failed));
}

/* No workers: each job runs in the consumer's thread when asked for. */
static void no_workers_each_job_runs(void)
{
    state *s = run(0, (trawl_pool_bound){1, NULL, 0}, ITEMS);
    CHECK(atomic_load(&s->off_thread) == 0);
    CHECK(!atomic_load(&s->ahead_failed));
}

/* Weights: never more than the budget ahead, one heavy item at a time. */
static void weights_never_more(void)
{
    for (size_t i = 0; i < ITEMS; i++)
        weights[i] = i % 5 == 0 ? 1000 : 10;
    state *s = run(3, (trawl_pool_bound){16, weights, 1500}, ITEMS);
    int once = 1;
    for (size_t i = 0; i < ITEMS; i++)
        once &= atomic_load(&s->runs[i]) == 1;
    CHECK(once);
    CHECK(!atomic_load(&s->ahead_failed));
}

/* Every item heavier than the budget: only the one asked for runs. */
static void every_item_heavier(void)
{
    for (size_t i = 0; i < ITEMS; i++)
        weights[i] = 5000;
    state *s = run(2, (trawl_pool_bound){16, weights, 1000}, ITEMS);
    CHECK(!atomic_load(&s->ahead_failed));
    CHECK(atomic_load(&s->runs[ITEMS - 1]) == 1);
}

CHECK_MAIN(NULL, NULL, CHECK_CASE(four_workers_every_item_once),
           CHECK_CASE(stopping_early_no_job_past), CHECK_CASE(no_workers_each_job_runs),
           CHECK_CASE(weights_never_more), CHECK_CASE(every_item_heavier))
