/* printer_csv.c: results and reports as CSV (RFC 4180): a header line, comma-separated
 * fields, quoted when they hold a comma, a quote or a line break (quotes doubled), CRLF line
 * ends. Results: one row per passage. Reports: one row per value (a cross-tab: per row value,
 * a column per column value, then the total). */
#include <string.h>

#include "common/buf.h"
#include "facets/facets.h"
#include "output/printer_impl.h"

static void field(FILE *out, const char *s, size_t len)
{
    bool quote = false;
    for (size_t i = 0; i < len && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    if (!quote) {
        fwrite(s, 1, len, out);
        return;
    }
    fputc('"', out);
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"')
            fputc('"', out);
        fputc(s[i], out);
    }
    fputc('"', out);
}

static void text(FILE *out, const char *s)
{
    field(out, s, strlen(s));
}

static void count(FILE *out, size_t n)
{
    fprintf(out, "%zu", n);
}

static void sep(FILE *out)
{
    fputc(',', out);
}

static void end(FILE *out)
{
    fputs("\r\n", out);
}

/* A separator, then the text `b` holds as a field. */
static void buf_field(FILE *out, const trawl_buf *b)
{
    sep(out);
    field(out, b->data ? b->data : "", b->len);
}

/* The passage's values of `facet`, each once, separated by spaces, into `b` (reset first). */

/* One row per passage: what JSON gives of it, facets as space-separated values, foundings as
 * center:year, highlights as start-end byte ranges of the text, and the text last. */
static trawl_status csv_results(trawl_printer *p, const trawl_results *r, trawl_error *err)
{
    FILE *o = p->out;
    trawl_buf b = TRAWL_BUF_INIT;
    size_t ngroups = 0;
    const trawl_doc_group *groups = trawl_results_groups(r, &ngroups);
    /* Saved searches (--watch) make one table: a first column names the search, and the header
     * comes once. */
    if (!p->label || !p->header_done) {
        if (p->label)
            fputs("search,", o);
        if (groups) /* grouped by document: each row says how many passages its document has */
            fputs("document_passages,", o);
        fputs("rank,score,id,path,title,section,url,lang,kind,published,run,added,ordinal,offset,"
              "page",
              o);
        for (int f = 0; f < TRAWL_FACET_EXTRACTED; f++)
            fprintf(o, ",%s", trawl_facet_name((trawl_facet_id)f));
        fputs(",foundings,highlights,text\r\n", o);
        p->header_done = p->label != NULL;
    }
    for (size_t i = 0, g = 0; i < trawl_results_count(r); i++) {
        const trawl_hit *h = trawl_results_hit(r, i);
        if (p->label) {
            text(o, p->label);
            sep(o);
        }
        while (groups && g + 1 < ngroups && i >= groups[g + 1].first)
            g++;
        if (groups)
            fprintf(o, "%u,", groups[g].passages);
        fprintf(o, "%u,%.6f,", h->rank, h->score);
        const char *fields[] = {h->id,  h->path, h->title, h->section,
                                h->url, h->lang, h->kind,  h->published};
        for (size_t k = 0; k < sizeof fields / sizeof *fields; k++) {
            text(o, fields[k]);
            sep(o);
        }
        fprintf(o, "%u,", h->run);
        text(o, h->added);
        fprintf(o, ",%u,%zu,", h->ordinal, h->offset);
        if (h->page)
            fprintf(o, "%u", h->page);
        for (int f = 0; f < TRAWL_FACET_EXTRACTED; f++) {
            trawl_hit_facet_values(h, (trawl_facet_id)f, &b);
            buf_field(o, &b);
        }
        trawl_buf_reset(&b);
        for (size_t k = 0; k < h->nfoundings; k++)
            trawl_buf_printf(&b, "%s%s:%d", k ? " " : "", h->foundings[k].center,
                             h->foundings[k].year);
        buf_field(o, &b);
        trawl_buf_reset(&b);
        for (size_t k = 0; k < h->nhighlights; k++)
            trawl_buf_printf(&b, "%s%zu-%zu", k ? " " : "", h->highlights[k].start,
                             h->highlights[k].end);
        buf_field(o, &b);
        sep(o);
        field(o, h->text, h->text_len);
        end(o);
    }
    bool failed = b.failed;
    trawl_buf_free(&b);
    return failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory") : TRAWL_OK;
}

static trawl_status csv_report(trawl_printer *p, const trawl_report *r, trawl_error *err)
{
    (void)err;
    FILE *o = p->out;
    if (r->spec.kind == TRAWL_REPORT_REPRINTS) {
        fputs("group,path,title,url,similarity\r\n", o);
        for (size_t i = 0; i < r->nreprints; i++) {
            const trawl_reprint_row *d = &r->reprints[i];
            const char *fields[] = {d->group, d->path, d->title, d->url};
            for (size_t k = 0; k < 4; k++) {
                text(o, fields[k]);
                sep(o);
            }
            fprintf(o, "%.3f", d->similarity);
            end(o);
        }
    } else if (r->spec.kind == TRAWL_REPORT_COUNTS) {
        fprintf(o, "%s,name,%s\r\n", trawl_report_facet_name(&r->spec, 0), trawl_report_unit(r));
        for (size_t i = 0; i < r->nrows; i++) {
            text(o, r->rows[i].value);
            sep(o);
            text(o, r->rows[i].label);
            sep(o);
            count(o, r->rows[i].count);
            end(o);
        }
        fputs("(none),(none),", o);
        count(o, r->none);
        end(o);
    } else if (r->spec.kind == TRAWL_REPORT_CROSSTAB) {
        text(o, trawl_report_facet_name(&r->spec, 0));
        for (size_t j = 0; j < r->ncols; j++) {
            sep(o);
            text(o, r->cols[j].value);
        }
        fputs(",total\r\n", o);
        for (size_t i = 0; i < r->nrows; i++) {
            text(o, r->rows[i].value);
            for (size_t j = 0; j < r->ncols; j++) {
                sep(o);
                count(o, r->cells[i * r->ncols + j]);
            }
            sep(o);
            count(o, r->rows[i].count);
            end(o);
        }
        fputs("total", o);
        for (size_t j = 0; j < r->ncols; j++) {
            sep(o);
            count(o, r->cols[j].count);
        }
        sep(o);
        count(o, r->total);
        end(o);
    } else {
        fputs("center,name,province,earliest,passages,documents,earliest_passage,"
              "earliest_sentence,formerly\r\n",
              o);
        for (size_t i = 0; i < r->ncenters; i++) {
            const trawl_registry_row *c = &r->centers[i];
            text(o, c->key);
            sep(o);
            text(o, c->name);
            sep(o);
            text(o, c->province);
            sep(o);
            if (c->earliest)
                fprintf(o, "%d", c->earliest);
            sep(o);
            count(o, c->passages);
            sep(o);
            count(o, c->documents);
            sep(o);
            text(o, c->earliest_id ? c->earliest_id : "");
            sep(o);
            text(o, c->earliest_text ? c->earliest_text : "");
            sep(o);
            text(o, c->formerly);
            end(o);
        }
    }
    return TRAWL_OK;
}

static trawl_status csv_links(trawl_printer *p, const trawl_doc_links *l, trawl_error *err)
{
    (void)err;
    FILE *o = p->out;
    fputs("direction,text,target,path,title\r\n", o);
    for (int dir = 0; dir < 2; dir++) {
        const trawl_link_row *rows = dir ? l->in : l->out;
        size_t n = dir ? l->nin : l->nout;
        for (size_t i = 0; i < n; i++) {
            fputs(dir ? "incoming," : "outgoing,", o);
            text(o, rows[i].text);
            sep(o);
            text(o, rows[i].target ? rows[i].target : "");
            sep(o);
            text(o, rows[i].path ? rows[i].path : "");
            sep(o);
            text(o, rows[i].title ? rows[i].title : "");
            end(o);
        }
    }
    return TRAWL_OK;
}

static void csv_kwic_begin(trawl_printer *p, const char *query)
{
    (void)query;
    fputs("left,match,right,passage,path,title,url,published,lang,page,offset,element,start,"
          "end,icc,province,year\r\n",
          p->out);
}

/* One row: the occurrence with its contexts, its passage and source, and the passage's
 * facets. `offset` is empty where the passage's text is not the source's bytes. */
static trawl_status csv_kwic_row(trawl_printer *p, const trawl_kwic_row *row, trawl_error *err)
{
    FILE *o = p->out;
    const trawl_occurrence *occ = row->o;
    const trawl_hit *h = occ->hit;
    const char *fields[] = {row->left, row->match, row->right,   h->id,  h->path,
                            h->title,  h->url,     h->published, h->lang};
    for (size_t k = 0; k < sizeof fields / sizeof *fields; k++) {
        text(o, fields[k]);
        sep(o);
    }
    if (h->page)
        fprintf(o, "%u", h->page);
    sep(o);
    if (occ->source_offset >= 0)
        fprintf(o, "%lld", occ->source_offset);
    fprintf(o, ",%lld,%zu,%zu", occ->element, occ->start, occ->end);
    trawl_buf b = TRAWL_BUF_INIT;
    for (int f = 0; f < TRAWL_FACET_EXTRACTED; f++) {
        trawl_hit_facet_values(h, (trawl_facet_id)f, &b);
        buf_field(o, &b);
    }
    bool failed = b.failed;
    trawl_buf_free(&b);
    end(o);
    return failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory") : TRAWL_OK;
}

static void csv_kwic_end(trawl_printer *p, size_t occurrences, size_t passages)
{
    (void)p;
    (void)occurrences;
    (void)passages;
}

const trawl_printer_ops trawl_printer_csv_ops = {csv_results,    csv_report,   csv_links,
                                                 csv_kwic_begin, csv_kwic_row, csv_kwic_end};
