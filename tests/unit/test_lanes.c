/* test_lanes: each lane runs its jobs in the order they were put, one at a time, on a thread
 * of its own; lanes run beside each other; a lane never holds more than its depth, nor more
 * than its budget of weight but for one job; a job that asks to stop drops the jobs not
 * started and makes put and finish say so. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "check.h"
#include "common/lanes.h"

#define LANES 3
#define ITEMS 3000

typedef struct state {
    size_t order[LANES][ITEMS]; /* items in the order each lane ran them */
    size_t count[LANES];
    atomic_int busy[LANES];           /* jobs of the lane running now */
    atomic_int overlap;               /* a lane ran two jobs at once */
    atomic_int ran;                   /* jobs run */
    size_t stop_item;                 /* the job that stops the lanes (ITEMS: none) */
    pthread_t thread[LANES];          /* the thread of each lane */
    atomic_int other_thread;          /* a lane's job ran on another thread than its first */
    const size_t *weights;            /* of each item, or NULL */
    atomic_size_t done_weight[LANES]; /* of the jobs each lane ran */
} state;

static atomic_uint spin_sink; /* keeps the busy loop */

static int job(void *ctx, size_t lane, size_t item)
{
    state *s = ctx;
    if (atomic_fetch_add(&s->busy[lane], 1) != 0)
        atomic_store(&s->overlap, 1);
    if (s->count[lane] == 0)
        s->thread[lane] = pthread_self();
    else if (!pthread_equal(s->thread[lane], pthread_self()))
        atomic_store(&s->other_thread, 1);
    s->order[lane][s->count[lane]++] = item;
    atomic_fetch_add(&s->ran, 1);
    if (s->weights) {
        /* Work as long as the job is heavy, so that queues fill. */
        unsigned x = (unsigned)item;
        for (size_t k = 0; k < s->weights[item] * 100; k++)
            x = x * 1103515245u + 12345u;
        atomic_store_explicit(&spin_sink, x, memory_order_relaxed);
        atomic_fetch_add(&s->done_weight[lane], s->weights[item]);
    }
    atomic_fetch_sub(&s->busy[lane], 1);
    return item == s->stop_item;
}

/* What the jobs saw, for the case running. */
static state s;

/* Three lanes: every job once, in the order put, one at a time per lane. */
static void three_lanes_every_job_once(void)
{
    memset(&s, 0, sizeof s);
    s.stop_item = ITEMS;
    trawl_lanes *l = NULL;
    CHECK_INT(trawl_lanes_start(LANES, 4, SIZE_MAX, job, &s, &l, NULL), TRAWL_OK);
    bool put_all = true;
    for (size_t i = 0; i < ITEMS; i++)
        put_all &= trawl_lanes_put(l, (i * 7) % LANES, i, 1);
    CHECK(put_all);
    CHECK(trawl_lanes_finish(l));
    CHECK_INT(atomic_load(&s.ran), ITEMS);
    CHECK(!atomic_load(&s.overlap));
    CHECK(!atomic_load(&s.other_thread));
    bool ordered = true, right_lane = true;
    for (size_t lane = 0; lane < LANES; lane++) {
        for (size_t k = 0; k < s.count[lane]; k++) {
            right_lane &= s.order[lane][k] * 7 % LANES == lane;
            ordered &= k == 0 || s.order[lane][k] > s.order[lane][k - 1];
        }
    }
    CHECK(ordered);
    CHECK(right_lane);
    CHECK_INT(s.count[0] + s.count[1] + s.count[2], ITEMS);
}

/* A job that stops the lanes: later puts fail, finish says so, nothing runs after. */
static void a_job_that_stops_the_lanes_later(void)
{
    memset(&s, 0, sizeof s);
    s.stop_item = 100;
    trawl_lanes *l = NULL;
    CHECK_INT(trawl_lanes_start(1, 2, SIZE_MAX, job, &s, &l, NULL), TRAWL_OK);
    size_t refused_at = ITEMS;
    for (size_t i = 0; i < ITEMS && refused_at == ITEMS; i++)
        if (!trawl_lanes_put(l, 0, i, 1))
            refused_at = i;
    CHECK(refused_at > 100 && refused_at <= 103); /* at most the depth queued after it */
    CHECK(!trawl_lanes_finish(l));
    CHECK_INT(s.order[0][s.count[0] - 1], 100);
    CHECK_INT(atomic_load(&s.ran), 101);
}

/* Weights: a lane holds at most its budget, or one job heavier than it. */
static void weights_a_lane_holds_at_most(void)
{
    memset(&s, 0, sizeof s);
    s.stop_item = ITEMS;
    static size_t weights[ITEMS];
    for (size_t i = 0; i < ITEMS; i++)
        weights[i] = i % 9 == 0 ? 2500 : i % 4 == 0 ? 700 : 100;
    s.weights = weights;
    trawl_lanes *l = NULL;
    CHECK_INT(trawl_lanes_start(2, 8, 1000, job, &s, &l, NULL), TRAWL_OK);
    size_t put_weight[2] = {0, 0};
    bool within = true;
    bool put_all = true;
    for (size_t i = 0; i < ITEMS; i++) {
        size_t lane = i % 2;
        put_all &= trawl_lanes_put(l, lane, i, weights[i]);
        put_weight[lane] += weights[i];
        size_t held = put_weight[lane] - atomic_load(&s.done_weight[lane]);
        within &= held <= (weights[i] > 1000 ? weights[i] : 1000);
    }
    CHECK(put_all);
    CHECK(within);
    CHECK(trawl_lanes_finish(l));
    CHECK_INT(atomic_load(&s.ran), ITEMS);
}

/* Bad arguments; finish accepts NULL. */
static void bad_arguments_finish_accepts(void)
{
    trawl_error err;
    trawl_lanes *l = NULL;
    CHECK_INT(trawl_lanes_start(0, 4, 1, job, &s, &l, &err), TRAWL_ERR_ARG);
    CHECK(l == NULL);
    CHECK_INT(trawl_lanes_start(2, 0, 1, job, &s, &l, &err), TRAWL_ERR_ARG);
    CHECK(trawl_lanes_finish(NULL));
}

CHECK_MAIN(NULL, NULL, CHECK_CASE(three_lanes_every_job_once),
           CHECK_CASE(a_job_that_stops_the_lanes_later), CHECK_CASE(weights_a_lane_holds_at_most),
           CHECK_CASE(bad_arguments_finish_accepts))
