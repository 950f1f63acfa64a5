/* printer_json.c: results and reports for programs, one JSON object written with jansson
 * (docs/USAGE.md, "JSON output", lists the keys). Offsets are bytes of "text" (UTF-8). */
#include <errno.h>
#include <jansson.h>
#include <string.h>

#include "common/json_text.h"
#include "facets/facets.h"
#include "output/printer_impl.h"

static json_t *link_rows(const trawl_link_row *rows, size_t n, bool outgoing);

/* Each builder returns NULL when memory runs out (trawl_json_put). */
static json_t *hit_json(const trawl_hit *h)
{
    json_t *o = json_object();
    json_t *marks = json_array();
    bool ok = o != NULL;
    for (size_t i = 0; i < h->nhighlights; i++)
        trawl_json_put(marks, NULL,
                       json_pack("{s:I,s:I}", "start", (json_int_t)h->highlights[i].start, "end",
                                 (json_int_t)h->highlights[i].end),
                       &ok);
    trawl_json_put(o, "rank", json_integer(h->rank), &ok);
    trawl_json_put(o, "score", json_real(h->score), &ok);
    trawl_json_put(o, "id", json_string(h->id), &ok);
    trawl_json_put(o, "path", json_string(h->path), &ok);
    trawl_json_put(o, "title", json_string(h->title), &ok);
    trawl_json_put(o, "section", json_string(h->section), &ok);
    trawl_json_put(o, "url", json_string(h->url), &ok);
    trawl_json_put(o, "lang", json_string(h->lang), &ok);
    trawl_json_put(o, "kind", json_string(h->kind), &ok);
    trawl_json_put(o, "published", *h->published ? json_string(h->published) : json_null(), &ok);
    trawl_json_put(o, "added", json_pack("{s:i,s:s}", "run", (int)h->run, "time", h->added), &ok);
    trawl_json_put(o, "ordinal", json_integer(h->ordinal), &ok);
    trawl_json_put(o, "offset", json_integer((json_int_t)h->offset), &ok);
    trawl_json_put(o, "page", h->page ? json_integer(h->page) : json_null(), &ok);
    trawl_json_put(o, "text", json_stringn(h->text, h->text_len), &ok);
    trawl_json_put(o, "highlights", marks, &ok);
    json_t *facets = json_array();
    for (size_t i = 0; i < h->nfacets; i++) {
        const trawl_hit_facet *f = &h->facets[i];
        trawl_json_put(facets, NULL,
                       json_pack("{s:s,s:s,s:s,s:s,s:I,s:I,s:s}", "facet",
                                 trawl_facet_name(f->facet), "value", f->value, "label", f->label,
                                 "text", f->text, "start", (json_int_t)f->start, "end",
                                 (json_int_t)f->end, "rule", f->rule),
                       &ok);
    }
    trawl_json_put(o, "facets", facets, &ok);
    json_t *foundings = json_array();
    for (size_t i = 0; i < h->nfoundings; i++) {
        const trawl_hit_founding *f = &h->foundings[i];
        trawl_json_put(foundings, NULL,
                       json_pack("{s:s,s:s,s:i,s:s,s:I,s:I}", "icc", f->center, "label", f->label,
                                 "year", f->year, "text", f->text, "start", (json_int_t)f->start,
                                 "end", (json_int_t)f->end),
                       &ok);
    }
    trawl_json_put(o, "foundings", foundings, &ok);
    json_t *copies = json_array();
    for (size_t i = 0; i < h->ncopies; i++) {
        const trawl_hit_copy *c = &h->copies[i];
        trawl_json_put(copies, NULL,
                       json_pack("{s:s,s:s,s:s,s:s}", "id", c->id, "path", c->path, "title",
                                 c->title, "url", c->url),
                       &ok);
    }
    trawl_json_put(o, "copies", copies, &ok);
    if (h->links) {
        json_t *links = json_object();
        trawl_json_put(links, "outgoing", link_rows(h->links->out, h->links->nout, true), &ok);
        trawl_json_put(links, "incoming", link_rows(h->links->in, h->links->nin, false), &ok);
        trawl_json_put(o, "links", links, &ok);
    }
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Rows as objects {value, label, count}; the none row's value is null. */
static json_t *rows_json(const trawl_report_row *rows, size_t n)
{
    json_t *a = json_array();
    bool ok = true;
    for (size_t i = 0; i < n; i++)
        trawl_json_put(a, NULL,
                       json_pack("{s:o,s:s,s:I}", "value",
                                 rows[i].none ? json_null() : json_string(rows[i].value), "label",
                                 rows[i].label, "count", (json_int_t)rows[i].count),
                       &ok);
    if (!ok || !a) {
        json_decref(a);
        return NULL;
    }
    return a;
}

static json_t *report_json(const trawl_report *r)
{
    char title[64];
    trawl_report_title(r, title, sizeof title);
    json_t *o = json_pack("{s:s,s:s,s:s,s:I}", "report", title, "query", r->query, "count",
                          trawl_report_unit(r), "total", (json_int_t)r->total);
    bool ok = o != NULL;
    if (r->spec.kind == TRAWL_REPORT_REPRINTS) {
        json_t *groups = json_array(), *group = NULL;
        for (size_t i = 0; i < r->nreprints; i++) {
            const trawl_reprint_row *d = &r->reprints[i];
            if (strcmp(d->path, d->group) == 0) {
                group = json_array();
                trawl_json_put(
                    groups, NULL,
                    json_pack("{s:s,s:o}", "group", d->group, "documents", json_incref(group)),
                    &ok);
                json_decref(group);
            }
            trawl_json_put(group, NULL,
                           json_pack("{s:s,s:s,s:s,s:f}", "path", d->path, "title", d->title, "url",
                                     d->url, "similarity", d->similarity),
                           &ok);
        }
        trawl_json_put(o, "groups", groups, &ok);
    } else if (r->spec.kind == TRAWL_REPORT_COUNTS) {
        trawl_json_put(o, "facet", json_string(trawl_report_facet_name(&r->spec, 0)), &ok);
        trawl_json_put(o, "rows", rows_json(r->rows, r->nrows), &ok);
        trawl_json_put(o, "none", json_integer((json_int_t)r->none), &ok);
    } else if (r->spec.kind == TRAWL_REPORT_CROSSTAB) {
        trawl_json_put(o, "totals",
                       json_string(r->spec.documents ? "distinct documents having the value"
                                                     : "distinct passages having the value"),
                       &ok);
        trawl_json_put(o, "rows", rows_json(r->rows, r->nrows), &ok);
        trawl_json_put(o, "columns", rows_json(r->cols, r->ncols), &ok);
        json_t *cells = json_array();
        for (size_t i = 0; i < r->nrows; i++) {
            json_t *row = json_array();
            for (size_t j = 0; j < r->ncols; j++)
                trawl_json_put(row, NULL, json_integer((json_int_t)r->cells[i * r->ncols + j]),
                               &ok);
            trawl_json_put(cells, NULL, row, &ok);
        }
        trawl_json_put(o, "cells", cells, &ok);
    } else {
        json_t *centers = json_array();
        for (size_t i = 0; i < r->ncenters; i++) {
            const trawl_registry_row *c = &r->centers[i];
            json_t *row =
                json_pack("{s:s,s:s,s:s,s:s,s:I,s:I}", "key", c->key, "name", c->name, "province",
                          c->province, "province_name", c->province_name, "passages",
                          (json_int_t)c->passages, "documents", (json_int_t)c->documents);
            trawl_json_put(row, "earliest", c->earliest ? json_integer(c->earliest) : json_null(),
                           &ok);
            trawl_json_put(row, "formerly", *c->formerly ? json_string(c->formerly) : json_null(),
                           &ok);
            trawl_json_put(row, "earliest_from",
                           c->earliest_id ? json_pack("{s:s,s:s}", "id", c->earliest_id, "text",
                                                      c->earliest_text)
                                          : json_null(),
                           &ok);
            trawl_json_put(centers, NULL, row, &ok);
        }
        trawl_json_put(o, "centers", centers, &ok);
    }
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Writes `root` (NULL: it could not be built) with the shards left out. */
static trawl_status dump(trawl_printer *p, json_t *root, trawl_error *err)
{
    bool ok = root != NULL;
    if (ok && p->nmissing) {
        json_t *missing = json_array();
        for (size_t i = 0; i < p->nmissing; i++)
            trawl_json_put(missing, NULL, json_string(p->missing[i]), &ok);
        trawl_json_put(root, "missing_shards", missing, &ok);
    }
    if (!ok)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory writing JSON");
    /* Written whole into memory first: jansson's own writing to a stream ignores some failed
     * writes (a key left out). */
    trawl_buf text = TRAWL_BUF_INIT;
    if (trawl_json_append(&text, root, p->lines ? JSON_COMPACT : JSON_INDENT(2)))
        trawl_buf_putc(&text, '\n');
    if (text.failed) {
        trawl_buf_free(&text);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory writing JSON");
    }
    errno = 0;
    bool written = fwrite(text.data, 1, text.len, p->out) == text.len;
    trawl_buf_free(&text);
    if (!written)
        return trawl_error_set(err, errno == ENOMEM ? TRAWL_ERR_NOMEM : TRAWL_ERR_IO,
                               "writing JSON failed: %s", strerror(errno));
    return TRAWL_OK;
}

trawl_status trawl_json_error(trawl_printer *p, const char *query, const char *message,
                              trawl_error *err)
{
    json_t *root = json_pack("{s:s,s:s}", "query", query, "error", message);
    trawl_status st = dump(p, root, err);
    json_decref(root);
    return st;
}

static trawl_status json_report(trawl_printer *p, const trawl_report *r, trawl_error *err)
{
    json_t *root = report_json(r);
    trawl_status st = dump(p, root, err);
    json_decref(root);
    return st;
}

static trawl_status json_results(trawl_printer *p, const trawl_results *r, trawl_error *err)
{
    json_t *results = json_array();
    json_t *root = json_pack("{s:s,s:I,s:I}", "query", trawl_results_query(r), "total",
                             (json_int_t)trawl_results_total(r), "offset",
                             (json_int_t)trawl_results_offset(r));
    bool ok = root != NULL;
    if (p->label)
        trawl_json_put(root, "name", json_string(p->label), &ok);
    size_t clauses = 0, relaxed = trawl_results_relaxed(r, &clauses);
    if (relaxed)
        trawl_json_put(
            root, "relaxed",
            json_pack("{s:I,s:I}", "matched", (json_int_t)relaxed, "of", (json_int_t)clauses), &ok);
    size_t nsug = 0;
    const trawl_suggestion *sug = trawl_results_suggestions(r, &nsug);
    json_t *suggestions = nsug ? json_array() : NULL;
    for (size_t i = 0; i < nsug; i++)
        trawl_json_put(suggestions, NULL,
                       json_pack("{s:s,s:o}", "word", sug[i].word, "suggestion",
                                 sug[i].suggestion ? json_string(sug[i].suggestion) : json_null()),
                       &ok);
    if (nsug)
        trawl_json_put(root, "suggestions", suggestions, &ok);
    size_t nexp = 0;
    const trawl_expansion *exp = trawl_results_expansions(r, &nexp);
    json_t *glossary = nexp ? json_array() : NULL;
    for (size_t i = 0; i < nexp; i++) {
        json_t *members = json_array();
        for (size_t k = 0; k < exp[i].n; k++)
            trawl_json_put(members, NULL, json_string(exp[i].members[k]), &ok);
        trawl_json_put(glossary, NULL,
                       json_pack("{s:s,s:o}", "term", exp[i].term, "members", members), &ok);
    }
    if (nexp)
        trawl_json_put(root, "glossary", glossary, &ok);
    size_t ngroups = 0;
    const trawl_doc_group *groups = trawl_results_groups(r, &ngroups);
    if (groups)
        trawl_json_put(root, "grouped", json_string("documents"), &ok);
    for (size_t i = 0; i < ngroups; i++) {
        const trawl_hit *best = trawl_results_hit(r, groups[i].first);
        json_t *hits = json_array();
        for (size_t k = 0; k < groups[i].n; k++)
            trawl_json_put(hits, NULL, hit_json(trawl_results_hit(r, groups[i].first + k)), &ok);
        json_t *doc =
            json_pack("{s:I,s:s,s:s,s:s,s:s,s:I,s:o}", "rank", (json_int_t)best->rank, "path",
                      best->path, "title", best->title, "url", best->url, "lang", best->lang,
                      "passages", (json_int_t)groups[i].passages, "hits", hits);
        trawl_json_put(doc, "published",
                       *best->published ? json_string(best->published) : json_null(), &ok);
        trawl_json_put(results, NULL, doc, &ok);
    }
    for (size_t i = 0; !groups && i < trawl_results_count(r); i++)
        trawl_json_put(results, NULL, hit_json(trawl_results_hit(r, i)), &ok);
    trawl_json_put(root, "results", results, &ok);
    json_t *facets = json_object();
    for (int f = 0; f < TRAWL_FACET_COUNT; f++) {
        const trawl_report *counts = trawl_results_facet(r, f);
        if (counts)
            trawl_json_put(facets, trawl_facet_name((trawl_facet_id)f), report_json(counts), &ok);
    }
    if (json_object_size(facets))
        trawl_json_put(root, "facets", facets, &ok);
    else
        json_decref(facets);
    trawl_status st = ok ? dump(p, root, err) : dump(p, NULL, err);
    json_decref(root);
    return st;
}

static json_t *link_rows(const trawl_link_row *rows, size_t n, bool outgoing)
{
    json_t *a = json_array();
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_pack("{s:s}", "text", rows[i].text);
        if (outgoing)
            trawl_json_put(o, "target", json_string(rows[i].target), &ok);
        trawl_json_put(o, "path", rows[i].path ? json_string(rows[i].path) : json_null(), &ok);
        trawl_json_put(o, "title", rows[i].title ? json_string(rows[i].title) : json_null(), &ok);
        trawl_json_put(a, NULL, o, &ok);
    }
    if (!ok || !a) {
        json_decref(a);
        return NULL;
    }
    return a;
}

static trawl_status json_links(trawl_printer *p, const trawl_doc_links *l, trawl_error *err)
{
    json_t *root = json_pack("{s:{s:s,s:s,s:s}}", "document", "path", l->path, "title", l->title,
                             "url", l->url);
    bool ok = root != NULL;
    trawl_json_put(root, "outgoing", link_rows(l->out, l->nout, true), &ok);
    trawl_json_put(root, "incoming", link_rows(l->in, l->nin, false), &ok);
    trawl_status st = dump(p, ok ? root : NULL, err);
    json_decref(root);
    return st;
}

/* The object opens with the query; rows follow as they come; the counts close it. */
static void json_kwic_begin(trawl_printer *p, const char *query)
{
    json_t *q = json_string(query);
    char *text = q ? json_dumps(q, JSON_ENCODE_ANY) : NULL;
    fprintf(p->out, "{\"query\": %s, \"context\": %zu, \"occurrences\": [", text ? text : "null",
            p->context);
    free(text);
    json_decref(q);
}

static trawl_status json_kwic_row(trawl_printer *p, const trawl_kwic_row *row, trawl_error *err)
{
    const trawl_occurrence *o = row->o;
    const trawl_hit *h = o->hit;
    bool ok = true;
    json_t *r =
        json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:I,s:I}", "left", row->left, "match",
                  row->match, "right", row->right, "passage", h->id, "path", h->path, "title",
                  h->title, "url", h->url, "lang", h->lang, "element", (json_int_t)o->element,
                  "start", (json_int_t)o->start, "end", (json_int_t)o->end);
    trawl_json_put(r, "published", *h->published ? json_string(h->published) : json_null(), &ok);
    trawl_json_put(r, "page", h->page ? json_integer(h->page) : json_null(), &ok);
    trawl_json_put(r, "offset",
                   o->source_offset >= 0 ? json_integer(o->source_offset) : json_null(), &ok);
    json_t *facets = json_object();
    for (int f = 0; f < TRAWL_FACET_EXTRACTED; f++) {
        json_t *values = json_array();
        for (size_t i = 0; i < h->nfacets; i++)
            if (h->facets[i].facet == (trawl_facet_id)f)
                trawl_json_put(values, NULL, json_string(h->facets[i].value), &ok);
        trawl_json_put(facets, trawl_facet_name((trawl_facet_id)f), values, &ok);
    }
    trawl_json_put(r, "facets", facets, &ok);
    trawl_buf text = TRAWL_BUF_INIT;
    ok = ok && r && trawl_json_append(&text, r, JSON_COMPACT);
    if (ok)
        fprintf(p->out, "%s\n%s", p->kwic_rows ? "," : "", text.data);
    trawl_buf_free(&text);
    json_decref(r);
    return ok ? TRAWL_OK : trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
}

static void json_kwic_end(trawl_printer *p, size_t occurrences, size_t passages)
{
    fprintf(p->out, "%s], \"count\": %zu, \"passages\": %zu}\n", p->kwic_rows ? "\n" : "",
            occurrences, passages);
}

const trawl_printer_ops trawl_printer_json_ops = {json_results,    json_report,   json_links,
                                                  json_kwic_begin, json_kwic_row, json_kwic_end};
