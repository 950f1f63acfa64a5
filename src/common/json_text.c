/* json_text.c: JSON text through a checked callback. */
#include "common/json_text.h"

#include <errno.h>
#include <string.h>

static int append(const char *text, size_t len, void *ctx)
{
    trawl_buf *out = ctx;
    trawl_buf_append(out, text, len);
    return out->failed ? -1 : 0;
}

/* One parse: the value, or NULL with `*nomem` when jansson or errno says memory ran out. */
static json_t *parse_once(const char *text, size_t len, bool *nomem, json_error_t *jerr)
{
    errno = 0;
    json_t *o = json_loadb(text, len, 0, jerr);
    *nomem =
        *nomem || (!o && (json_error_code(jerr) == json_error_out_of_memory || errno == ENOMEM));
    return o;
}

/* Whether `o` written with `flags` is `text` again (false when memory runs out). */
static bool writes_back(const json_t *o, size_t flags, const char *text, size_t len)
{
    trawl_buf b = TRAWL_BUF_INIT;
    bool same = trawl_json_append(&b, o, flags) && b.len == len && memcmp(b.data, text, len) == 0;
    trawl_buf_free(&b);
    return same;
}

json_t *trawl_json_parse(const char *text, size_t len, size_t flags, bool *nomem,
                         json_error_t *jerr)
{
    json_error_t own;
    if (!jerr)
        jerr = &own;
    *nomem = false;
    json_t *first = parse_once(text, len, nomem, jerr);
    if (first && writes_back(first, flags, text, len))
        return first;
    /* Malformed, written otherwise, or damaged by a failure: a second parse tells. */
    json_t *second = parse_once(text, len, nomem, jerr);
    if (second && (writes_back(second, flags, text, len) || (first && json_equal(first, second)))) {
        json_decref(first);
        *nomem = false;
        return second; /* written with other flags, or the first parse was damaged */
    }
    json_decref(first);
    json_decref(second);
    if (first || second)
        *nomem = true; /* two parses that disagree: memory ran out in one */
    return NULL;
}

void trawl_json_put(json_t *o, const char *key, json_t *v, bool *ok)
{
    if (!*ok || !o || !v) {
        json_decref(v);
        *ok = false;
        return;
    }
    *ok = (key ? json_object_set_new(o, key, v) : json_array_append_new(o, v)) == 0;
}

bool trawl_json_append(trawl_buf *out, const json_t *value, size_t flags)
{
    if (!value || json_dump_callback(value, append, out, flags) != 0)
        out->failed = true;
    return !out->failed;
}
