/* runs.c: run records as JSON metadata. */
#define _XOPEN_SOURCE 700
#include "index/runs.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/json_text.h"
#include "index/schema.h"

void trawl_runs_free(trawl_runs *runs)
{
    free(runs->items);
    memset(runs, 0, sizeof *runs);
}

typedef struct loading {
    trawl_runs *runs;
    trawl_status st;
    trawl_error *err;
} loading;

static size_t count_of(json_t *o, const char *key)
{
    json_int_t v = json_integer_value(json_object_get(o, key));
    return v > 0 ? (size_t)v : 0;
}

static int on_run(void *ctx, const char *key, const char *value, size_t len)
{
    loading *l = ctx;
    bool nomem = false;
    json_t *o = trawl_json_parse(value, len, JSON_COMPACT, &nomem, NULL);
    json_int_t id = json_integer_value(json_object_get(o, "id"));
    json_int_t epoch = json_integer_value(json_object_get(o, "epoch"));
    if (!json_is_object(o) || id <= 0 || id > 99999999) {
        json_decref(o);
        l->st = trawl_error_set(l->err, nomem ? TRAWL_ERR_NOMEM : TRAWL_ERR_CORRUPT,
                                nomem ? "out of memory" : "metadata %s: not a run record", key);
        return 1;
    }
    trawl_runs *r = l->runs;
    if (!trawl_array_grow((void **)&r->items, &r->cap, r->n, sizeof *r->items)) {
        json_decref(o);
        l->st = trawl_error_set(l->err, TRAWL_ERR_NOMEM, "out of memory");
        return 1;
    }
    trawl_run *run = &r->items[r->n++];
    memset(run, 0, sizeof *run);
    run->id = (unsigned)id;
    trawl_run_set_time(run, (long long)epoch);
    run->added = count_of(o, "added");
    run->changed = count_of(o, "changed");
    run->removed = count_of(o, "removed");
    run->unchanged = count_of(o, "unchanged");
    run->passages = count_of(o, "passages");
    json_decref(o);
    return 0;
}

static int by_id(const void *a, const void *b)
{
    unsigned x = ((const trawl_run *)a)->id, y = ((const trawl_run *)b)->id;
    return (x > y) - (x < y);
}

trawl_status trawl_runs_load(trawl_xdb *db, trawl_runs *runs, trawl_error *err)
{
    trawl_runs_free(runs);
    loading l = {runs, TRAWL_OK, err};
    trawl_status st = trawl_xdb_each_metadata(db, TRAWL_META_RUN, on_run, &l, err);
    if (!st)
        st = l.st;
    if (st)
        trawl_runs_free(runs);
    else if (runs->n > 1)
        qsort(runs->items, runs->n, sizeof *runs->items, by_id);
    return st;
}

const trawl_run *trawl_runs_find(const trawl_runs *runs, unsigned id)
{
    trawl_run key = {.id = id};
    return runs->n ? bsearch(&key, runs->items, runs->n, sizeof *runs->items, by_id) : NULL;
}

const trawl_run *trawl_runs_last(const trawl_runs *runs)
{
    return runs->n ? &runs->items[runs->n - 1] : NULL;
}

long long trawl_run_clock(void)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    if (env && *env) {
        char *end = NULL;
        errno = 0;
        long long v = strtoll(env, &end, 10);
        if (!*end && errno == 0 && v >= 0)
            return v;
    }
    return (long long)time(NULL);
}

void trawl_run_set_time(trawl_run *run, long long epoch)
{
    time_t t = (time_t)epoch;
    struct tm tm;
    run->epoch = epoch;
    if (!gmtime_r(&t, &tm) || strftime(run->time, sizeof run->time, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        run->time[0] = 0;
}

trawl_status trawl_run_put(trawl_xdb *db, const trawl_run *run, trawl_error *err)
{
    char key[64];
    snprintf(key, sizeof key, "%s%08u", TRAWL_META_RUN, run->id);
    json_t *o =
        json_pack("{s:I,s:s,s:I,s:I,s:I,s:I,s:I,s:I}", "id", (json_int_t)run->id, "time", run->time,
                  "epoch", (json_int_t)run->epoch, "added", (json_int_t)run->added, "changed",
                  (json_int_t)run->changed, "removed", (json_int_t)run->removed, "unchanged",
                  (json_int_t)run->unchanged, "passages", (json_int_t)run->passages);
    trawl_buf value = TRAWL_BUF_INIT;
    bool ok = trawl_json_append(&value, o, JSON_COMPACT);
    json_decref(o);
    trawl_status st = ok ? trawl_xdb_set_metadata(db, key, value.data, value.len, err)
                         : trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    trawl_buf_free(&value);
    return st;
}

void trawl_run_term(unsigned id, trawl_buf *out)
{
    trawl_buf_reset(out);
    trawl_buf_printf(out, "%s%u", TRAWL_PREFIX_RUN, id);
}
