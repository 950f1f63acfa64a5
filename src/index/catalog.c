/* catalog.c: file records as JSON in the index's metadata. */
#include "index/catalog.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/json_text.h"
#include "index/schema.h"

void trawl_file_state_of(const char *file, unsigned long long size, const char *hash,
                         trawl_file_state *out)
{
    snprintf(out->file, sizeof out->file, "%s", file);
    out->size = size;
    snprintf(out->hash, sizeof out->hash, "%s", hash);
}

bool trawl_file_state_equal(const trawl_file_state *a, const trawl_file_state *b)
{
    return a->size == b->size && strcmp(a->hash, b->hash) == 0 && strcmp(a->file, b->file) == 0;
}

/* Reads a file record into `*out` and its path into `*path` (may be NULL; valid while `*o`
 * lives): `*found` false when it is not one. Fails only when memory runs out. */
static trawl_status parse_state(const char *value, size_t len, trawl_file_state *out,
                                const char **path, json_t **o, bool *found, trawl_error *err)
{
    bool nomem = false;
    *o = trawl_json_parse(value, len, JSON_COMPACT, &nomem, NULL);
    const char *file = json_string_value(json_object_get(*o, "file"));
    const char *hash = json_string_value(json_object_get(*o, "hash"));
    *found = file && hash && json_is_integer(json_object_get(*o, "size"));
    if (*found) {
        snprintf(out->file, sizeof out->file, "%s", file);
        snprintf(out->hash, sizeof out->hash, "%s", hash);
        out->size = (unsigned long long)json_integer_value(json_object_get(*o, "size"));
    }
    if (path)
        *path = json_string_value(json_object_get(*o, "path"));
    return nomem ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory reading a file record")
                 : TRAWL_OK;
}

trawl_status trawl_catalog_get(trawl_xdb *db, const char *path, trawl_file_state *out, bool *found,
                               trawl_error *err)
{
    trawl_buf key = TRAWL_BUF_INIT;
    char *value = NULL;
    size_t len = 0;
    *found = false;
    trawl_schema_term(TRAWL_META_FILE, path, &key);
    trawl_status st = key.failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory")
                                 : trawl_xdb_get_metadata(db, key.data, &value, &len, err);
    json_t *o = NULL;
    if (!st && len)
        st = parse_state(value, len, out, NULL, &o, found, err);
    json_decref(o);
    free(value);
    trawl_buf_free(&key);
    return st;
}

trawl_status trawl_catalog_put(trawl_xdb *db, const char *path, const trawl_file_state *state,
                               trawl_error *err)
{
    trawl_buf key = TRAWL_BUF_INIT;
    json_t *o = json_pack("{s:s,s:s,s:I,s:s}", "path", path, "file", state->file, "size",
                          (json_int_t)state->size, "hash", state->hash);
    trawl_buf value = TRAWL_BUF_INIT;
    trawl_json_append(&value, o, JSON_COMPACT);
    trawl_schema_term(TRAWL_META_FILE, path, &key);
    trawl_status st = value.failed || key.failed
                          ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory")
                          : trawl_xdb_set_metadata(db, key.data, value.data, value.len, err);
    trawl_buf_free(&value);
    json_decref(o);
    trawl_buf_free(&key);
    return st;
}

trawl_status trawl_catalog_delete(trawl_xdb *db, const char *path, trawl_error *err)
{
    trawl_buf key = TRAWL_BUF_INIT;
    trawl_schema_term(TRAWL_META_FILE, path, &key);
    trawl_status st = key.failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory")
                                 : trawl_xdb_set_metadata(db, key.data, "", 0, err);
    trawl_buf_free(&key);
    return st;
}

typedef struct each_job {
    trawl_catalog_fn fn;
    void *ctx;
    trawl_status st; /* a record that could not be read */
    trawl_error *err;
} each_job;

static int on_record(void *ctx, const char *key, const char *value, size_t len)
{
    each_job *j = ctx;
    (void)key;
    json_t *o = NULL;
    trawl_file_state state;
    const char *path = NULL;
    bool found = false;
    int stop = 0;
    if ((j->st = parse_state(value, len, &state, &path, &o, &found, j->err)))
        stop = 1;
    else if (found && path)
        stop = j->fn(j->ctx, path, state.file);
    json_decref(o);
    return stop;
}

trawl_status trawl_catalog_each(trawl_xdb *db, trawl_catalog_fn fn, void *ctx, trawl_error *err)
{
    each_job j = {fn, ctx, TRAWL_OK, err};
    trawl_status st = trawl_xdb_each_metadata(db, TRAWL_META_FILE, on_record, &j, err);
    return st ? st : j.st;
}
