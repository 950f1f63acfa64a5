/* printer_json.c: results for programs, one JSON object written with jansson:
 * {"query", "total", "offset", "results": [{"rank", "score", "id", "path", "title", "section",
 * "url", "lang", "ordinal", "offset", "text", "highlights": [{"start", "end"}]}]} with
 * highlight offsets in bytes of "text" (UTF-8). */
#include <jansson.h>

#include "output/printer_impl.h"

static json_t *hit_json(const trawl_hit *h)
{
    json_t *o = json_object();
    json_t *marks = json_array();
    if (!o || !marks) {
        json_decref(o);
        json_decref(marks);
        return NULL;
    }
    for (size_t i = 0; i < h->nhighlights; i++)
        json_array_append_new(marks,
                              json_pack("{s:I,s:I}", "start", (json_int_t)h->highlights[i].start,
                                        "end", (json_int_t)h->highlights[i].end));
    json_object_set_new(o, "rank", json_integer(h->rank));
    json_object_set_new(o, "score", json_real(h->score));
    json_object_set_new(o, "id", json_string(h->id));
    json_object_set_new(o, "path", json_string(h->path));
    json_object_set_new(o, "title", json_string(h->title));
    json_object_set_new(o, "section", json_string(h->section));
    json_object_set_new(o, "url", json_string(h->url));
    json_object_set_new(o, "lang", json_string(h->lang));
    json_object_set_new(o, "ordinal", json_integer(h->ordinal));
    json_object_set_new(o, "offset", json_integer((json_int_t)h->offset));
    json_object_set_new(o, "text", json_stringn(h->text, h->text_len));
    json_object_set_new(o, "highlights", marks);
    return o;
}

static trawl_status json_results(trawl_printer *p, const trawl_results *r, trawl_error *err)
{
    json_t *results = json_array();
    json_t *root = json_pack("{s:s,s:I,s:I}", "query", trawl_results_query(r), "total",
                             (json_int_t)trawl_results_total(r), "offset",
                             (json_int_t)trawl_results_offset(r));
    trawl_status st = TRAWL_OK;
    if (!results || !root) {
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory writing JSON");
        goto cleanup;
    }
    for (size_t i = 0; i < trawl_results_count(r); i++) {
        json_t *h = hit_json(trawl_results_hit(r, i));
        if (!h || json_array_append_new(results, h)) {
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory writing JSON");
            goto cleanup;
        }
    }
    json_object_set(root, "results", results);
    if (json_dumpf(root, p->out, JSON_INDENT(2)) != 0)
        st = trawl_error_set(err, TRAWL_ERR_IO, "writing JSON failed");
    fputc('\n', p->out);
cleanup:
    json_decref(results);
    json_decref(root);
    return st;
}

const trawl_printer_ops trawl_printer_json_ops = {json_results};
