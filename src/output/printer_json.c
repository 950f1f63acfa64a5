/* printer_json.c: results and reports for programs, one JSON object written with jansson
 * (docs/USAGE.md, "JSON output", lists the keys). Offsets are bytes of "text" (UTF-8). */
#include <jansson.h>

#include "facets/facets.h"
#include "output/printer_impl.h"

static json_t *link_rows(const trawl_link_row *rows, size_t n, bool outgoing);

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
    json_object_set_new(o, "kind", json_string(h->kind));
    json_object_set_new(o, "ordinal", json_integer(h->ordinal));
    json_object_set_new(o, "offset", json_integer((json_int_t)h->offset));
    json_object_set_new(o, "text", json_stringn(h->text, h->text_len));
    json_object_set_new(o, "highlights", marks);
    json_t *facets = json_array();
    for (size_t i = 0; i < h->nfacets; i++) {
        const trawl_hit_facet *f = &h->facets[i];
        json_array_append_new(
            facets, json_pack("{s:s,s:s,s:s,s:s,s:I,s:I,s:s}", "facet", trawl_facet_name(f->facet),
                              "value", f->value, "label", f->label, "text", f->text, "start",
                              (json_int_t)f->start, "end", (json_int_t)f->end, "rule", f->rule));
    }
    json_object_set_new(o, "facets", facets);
    json_t *foundings = json_array();
    for (size_t i = 0; i < h->nfoundings; i++) {
        const trawl_hit_founding *f = &h->foundings[i];
        json_array_append_new(foundings,
                              json_pack("{s:s,s:s,s:i,s:s,s:I,s:I}", "icc", f->center, "label",
                                        f->label, "year", f->year, "text", f->text, "start",
                                        (json_int_t)f->start, "end", (json_int_t)f->end));
    }
    json_object_set_new(o, "foundings", foundings);
    if (h->links) {
        json_t *links = json_object();
        json_object_set_new(links, "outgoing", link_rows(h->links->out, h->links->nout, true));
        json_object_set_new(links, "incoming", link_rows(h->links->in, h->links->nin, false));
        json_object_set_new(o, "links", links);
    }
    return o;
}

/* Rows as objects {value, label, count}; the none row's value is null. */
static json_t *rows_json(const trawl_report_row *rows, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:o,s:s,s:I}", "value",
                                           rows[i].none ? json_null() : json_string(rows[i].value),
                                           "label", rows[i].label, "count",
                                           (json_int_t)rows[i].count));
    return a;
}

static json_t *report_json(const trawl_report *r)
{
    char title[64];
    trawl_report_title(r, title, sizeof title);
    json_t *o = json_pack("{s:s,s:s,s:s,s:I}", "report", title, "query", r->query, "count",
                          trawl_report_unit(r), "total", (json_int_t)r->total);
    if (!o)
        return NULL;
    if (r->spec.kind == TRAWL_REPORT_COUNTS) {
        json_object_set_new(o, "facet", json_string(trawl_facet_name(r->spec.facets[0])));
        json_object_set_new(o, "rows", rows_json(r->rows, r->nrows));
        json_object_set_new(o, "none", json_integer((json_int_t)r->none));
    } else if (r->spec.kind == TRAWL_REPORT_CROSSTAB) {
        json_object_set_new(o, "totals",
                            json_string(r->spec.documents ? "distinct documents having the value"
                                                          : "distinct passages having the value"));
        json_object_set_new(o, "rows", rows_json(r->rows, r->nrows));
        json_object_set_new(o, "columns", rows_json(r->cols, r->ncols));
        json_t *cells = json_array();
        for (size_t i = 0; i < r->nrows; i++) {
            json_t *row = json_array();
            for (size_t j = 0; j < r->ncols; j++)
                json_array_append_new(row, json_integer((json_int_t)r->cells[i * r->ncols + j]));
            json_array_append_new(cells, row);
        }
        json_object_set_new(o, "cells", cells);
    } else {
        json_t *centers = json_array();
        for (size_t i = 0; i < r->ncenters; i++) {
            const trawl_registry_row *c = &r->centers[i];
            json_t *row =
                json_pack("{s:s,s:s,s:s,s:s,s:I,s:I}", "key", c->key, "name", c->name, "province",
                          c->province, "province_name", c->province_name, "passages",
                          (json_int_t)c->passages, "documents", (json_int_t)c->documents);
            json_object_set_new(row, "earliest",
                                c->earliest ? json_integer(c->earliest) : json_null());
            json_object_set_new(row, "formerly",
                                *c->formerly ? json_string(c->formerly) : json_null());
            json_object_set_new(row, "earliest_from",
                                c->earliest_id ? json_pack("{s:s,s:s}", "id", c->earliest_id,
                                                           "text", c->earliest_text)
                                               : json_null());
            json_array_append_new(centers, row);
        }
        json_object_set_new(o, "centers", centers);
    }
    return o;
}

static trawl_status dump(trawl_printer *p, json_t *root, trawl_error *err)
{
    if (p->nmissing) {
        json_t *missing = json_array();
        for (size_t i = 0; i < p->nmissing; i++)
            json_array_append_new(missing, json_string(p->missing[i]));
        json_object_set_new(root, "missing_shards", missing);
    }
    if (json_dumpf(root, p->out, p->lines ? JSON_COMPACT : JSON_INDENT(2)) != 0)
        return trawl_error_set(err, TRAWL_ERR_IO, "writing JSON failed");
    fputc('\n', p->out);
    return TRAWL_OK;
}

trawl_status trawl_json_error(trawl_printer *p, const char *query, const char *message,
                              trawl_error *err)
{
    json_t *root = json_pack("{s:s,s:s}", "query", query, "error", message);
    trawl_status st = root ? dump(p, root, err)
                           : trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory writing JSON");
    json_decref(root);
    return st;
}

static trawl_status json_report(trawl_printer *p, const trawl_report *r, trawl_error *err)
{
    json_t *root = report_json(r);
    trawl_status st = root ? dump(p, root, err)
                           : trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory writing JSON");
    json_decref(root);
    return st;
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
    json_t *facets = json_object();
    for (int f = 0; f < TRAWL_FACET_COUNT; f++) {
        const trawl_report *counts = trawl_results_facet(r, f);
        if (counts)
            json_object_set_new(facets, trawl_facet_name((trawl_facet_id)f), report_json(counts));
    }
    if (json_object_size(facets))
        json_object_set(root, "facets", facets);
    json_decref(facets);
    st = dump(p, root, err);
cleanup:
    json_decref(results);
    json_decref(root);
    return st;
}

static json_t *link_rows(const trawl_link_row *rows, size_t n, bool outgoing)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_pack("{s:s}", "text", rows[i].text);
        if (outgoing)
            json_object_set_new(o, "target", json_string(rows[i].target));
        json_object_set_new(o, "path", rows[i].path ? json_string(rows[i].path) : json_null());
        json_object_set_new(o, "title", rows[i].title ? json_string(rows[i].title) : json_null());
        json_array_append_new(a, o);
    }
    return a;
}

static trawl_status json_links(trawl_printer *p, const trawl_doc_links *l, trawl_error *err)
{
    json_t *root = json_pack("{s:{s:s,s:s,s:s}}", "document", "path", l->path, "title", l->title,
                             "url", l->url);
    if (!root)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory writing JSON");
    json_object_set_new(root, "outgoing", link_rows(l->out, l->nout, true));
    json_object_set_new(root, "incoming", link_rows(l->in, l->nin, false));
    trawl_status st = dump(p, root, err);
    json_decref(root);
    return st;
}

const trawl_printer_ops trawl_printer_json_ops = {json_results, json_report, json_links};
