/* records.c: document records and resolved links, to and from JSON. */
#include "index/records.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "common/json_text.h"

static const char *field(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* Writes `o` (NULL: it could not be built) into `out` and releases it. */
static trawl_status dump(json_t *o, trawl_buf *out, trawl_error *err)
{
    trawl_buf_reset(out);
    bool ok = trawl_json_append(out, o, JSON_COMPACT);
    json_decref(o);
    return ok ? TRAWL_OK : trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
}

trawl_status trawl_doc_record_encode(const trawl_doc_record *r, trawl_buf *out, trawl_error *err)
{
    json_t *links = json_array();
    bool ok = links != NULL;
    for (size_t i = 0; i < r->nlinks && ok; i++)
        ok = json_array_append_new(links, json_pack("{s:s,s:s}", "text", r->links[i].text, "target",
                                                    r->links[i].target)) == 0;
    if (!ok) {
        json_decref(links);
        return dump(NULL, out, err);
    }
    return dump(json_pack("{s:s,s:s,s:s,s:s,s:s,s:o}", "path", r->path, "title", r->title, "url",
                          r->url, "lang", r->lang, "kind", r->kind, "links", links),
                out, err);
}

trawl_status trawl_doc_record_decode(const char *text, size_t len, trawl_doc_record *r,
                                     trawl_error *err)
{
    memset(r, 0, sizeof *r);
    bool nomem;
    json_error_t jerr;
    json_t *o = trawl_json_parse(text, len, JSON_COMPACT, &nomem, &jerr);
    json_t *links = json_object_get(o, "links");
    if (nomem)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    if (!json_is_object(o) || !*field(o, "path") || (links && !json_is_array(links))) {
        json_decref(o);
        return trawl_error_set(err, TRAWL_ERR_CORRUPT, "a document record is malformed");
    }
    r->nlinks = json_array_size(links);
    if (r->nlinks && !(r->links = calloc(r->nlinks, sizeof *r->links))) {
        json_decref(o);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < r->nlinks; i++) {
        json_t *l = json_array_get(links, i);
        r->links[i] = (trawl_record_link){field(l, "text"), field(l, "target")};
    }
    r->path = field(o, "path");
    r->title = field(o, "title");
    r->url = field(o, "url");
    r->lang = field(o, "lang");
    r->kind = field(o, "kind");
    r->owned = o;
    return TRAWL_OK;
}

void trawl_doc_record_clear(trawl_doc_record *r)
{
    free(r->links);
    json_decref(r->owned);
    memset(r, 0, sizeof *r);
}

/* The JSON array of `n` edges; NULL when memory runs out. */
static json_t *edges_json(const trawl_edge *e, size_t n, bool out)
{
    json_t *list = json_array();
    bool ok = list != NULL;
    for (size_t i = 0; i < n && ok; i++) {
        json_t *o = json_pack("{s:s}", "text", e[i].text);
        ok = o != NULL;
        if (ok && out)
            ok = json_object_set_new(o, "target", json_string(e[i].target)) == 0;
        if (ok && e[i].path)
            ok = json_object_set_new(o, "path", json_string(e[i].path)) == 0 &&
                 json_object_set_new(o, "title", json_string(e[i].title ? e[i].title : "")) == 0;
        if (json_array_append_new(list, o) != 0)
            ok = false;
    }
    if (!ok) {
        json_decref(list);
        return NULL;
    }
    return list;
}

trawl_status trawl_doc_edges_encode(const trawl_doc_edges *e, trawl_buf *out, trawl_error *err)
{
    json_t *outs = edges_json(e->out, e->nout, true), *ins = edges_json(e->in, e->nin, false);
    if (!outs || !ins) {
        json_decref(outs);
        json_decref(ins);
        return dump(NULL, out, err);
    }
    return dump(json_pack("{s:o,s:o}", "out", outs, "in", ins), out, err);
}

/* The edges of `list` into a new array of `*n` (NULL when none). */
static trawl_edge *edges_of(json_t *list, bool out, size_t *n, bool *failed)
{
    *n = json_array_size(list);
    trawl_edge *e = *n ? calloc(*n, sizeof *e) : NULL;
    if (*n && !e) {
        *failed = true;
        *n = 0;
        return NULL;
    }
    for (size_t i = 0; i < *n; i++) {
        json_t *o = json_array_get(list, i);
        const char *path = json_string_value(json_object_get(o, "path"));
        e[i] = (trawl_edge){field(o, "text"), out ? field(o, "target") : NULL, path,
                            path ? field(o, "title") : NULL};
    }
    return e;
}

trawl_status trawl_doc_edges_decode(const char *text, size_t len, trawl_doc_edges *e,
                                    trawl_error *err)
{
    memset(e, 0, sizeof *e);
    if (len == 0)
        return TRAWL_OK;
    bool nomem;
    json_error_t jerr;
    json_t *o = trawl_json_parse(text, len, JSON_COMPACT, &nomem, &jerr);
    if (nomem)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    json_t *outs = json_object_get(o, "out"), *ins = json_object_get(o, "in");
    if (!json_is_object(o) || !json_is_array(outs) || !json_is_array(ins)) {
        json_decref(o);
        return trawl_error_set(err, TRAWL_ERR_CORRUPT, "a document's links are malformed");
    }
    bool failed = false;
    e->out = edges_of(outs, true, &e->nout, &failed);
    e->in = edges_of(ins, false, &e->nin, &failed);
    e->owned = o;
    if (failed) {
        trawl_doc_edges_clear(e);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    }
    return TRAWL_OK;
}

void trawl_doc_edges_clear(trawl_doc_edges *e)
{
    free(e->out);
    free(e->in);
    json_decref(e->owned);
    memset(e, 0, sizeof *e);
}

trawl_status trawl_passage_data_encode(json_t *head, const char *text, size_t len, trawl_buf *out,
                                       trawl_error *err)
{
    trawl_buf_reset(out);
    if (json_object_set_new(head, "length", json_integer((json_int_t)len)) != 0)
        out->failed = true;
    else if (trawl_json_append(out, head, JSON_COMPACT)) {
        trawl_buf_putc(out, '\n');
        trawl_buf_append(out, text, len);
    }
    if (out->failed)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory storing a passage");
    return TRAWL_OK;
}

trawl_status trawl_passage_data_decode(const char *data, size_t len, json_t **head_out,
                                       const char **text_out, size_t *text_len, trawl_error *err)
{
    json_error_t jerr;
    bool nomem = false;
    const char *nl = memchr(data, '\n', len);
    json_t *head =
        nl ? trawl_json_parse(data, (size_t)(nl - data), JSON_COMPACT, &nomem, &jerr) : NULL;
    if (nomem)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    size_t text_bytes = nl ? len - (size_t)(nl + 1 - data) : 0;
    const char *why =
        !nl                     ? "no text"
        : !head                 ? jerr.text
        : !json_is_object(head) ? "not a JSON object"
        : (json_int_t)text_bytes != json_integer_value(json_object_get(head, "length"))
            ? "the text's length differs"
            : NULL;
    *head_out = NULL;
    *text_out = NULL;
    *text_len = 0;
    if (why) {
        trawl_status st = trawl_error_set(err, TRAWL_ERR_CORRUPT, "%s", why);
        json_decref(head);
        return st;
    }
    *head_out = head;
    *text_out = nl + 1;
    *text_len = text_bytes;
    return TRAWL_OK;
}
