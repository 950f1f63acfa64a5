/* document.c: the document model's storage. */
#include "readers/document.h"

#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/dates.h"

#define MAX_HEADING_LEVELS 8

struct trawl_document {
    char *path;                             /* relative to the corpus root */
    char *title, *url, *lang, *kind, *note; /* metadata; NULL when unset */
    char published[TRAWL_DATE_SIZE];        /* normal form, "" when unknown */
    char *date_problem;                     /* a date refused, NULL when none */
    trawl_block *blocks;                    /* in document order */
    size_t nblocks, cblocks;                /* used, allocated */
    char **sections;                        /* section paths, in order of appearance */
    size_t nsections, csections;            /* used, allocated */
    trawl_link *links;                      /* in document order */
    size_t nlinks, clinks;                  /* used, allocated */
    char *open[MAX_HEADING_LEVELS];         /* open heading at each level, or NULL */
    size_t current;                         /* current section index or TRAWL_NO_SECTION */
    unsigned page;                          /* current page, 0 when the source has none */
    bool verbatim;                          /* blocks are the source's bytes */
};

static trawl_status nomem(trawl_error *err)
{
    return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory building a document");
}

trawl_status trawl_document_new(const char *path, trawl_document **doc_out, trawl_error *err)
{
    *doc_out = NULL;
    trawl_document *d = calloc(1, sizeof *d);
    if (!d || !(d->path = trawl_strdup(path))) {
        free(d);
        return nomem(err);
    }
    d->current = TRAWL_NO_SECTION;
    *doc_out = d;
    return TRAWL_OK;
}

void trawl_document_free(trawl_document *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->nblocks; i++)
        free(d->blocks[i].text);
    for (size_t i = 0; i < d->nsections; i++)
        free(d->sections[i]);
    for (size_t i = 0; i < d->nlinks; i++) {
        free(d->links[i].text);
        free(d->links[i].target);
    }
    for (size_t i = 0; i < MAX_HEADING_LEVELS; i++)
        free(d->open[i]);
    free(d->blocks);
    free(d->sections);
    free(d->links);
    free(d->path);
    free(d->title);
    free(d->url);
    free(d->lang);
    free(d->kind);
    free(d->note);
    free(d->date_problem);
    free(d);
}

const char *trawl_document_path(const trawl_document *d)
{
    return d->path;
}

const char *trawl_document_title(const trawl_document *d)
{
    return d->title ? d->title : "";
}

const char *trawl_document_url(const trawl_document *d)
{
    return d->url ? d->url : "";
}

const char *trawl_document_language(const trawl_document *d)
{
    return d->lang ? d->lang : "";
}

const char *trawl_document_kind(const trawl_document *d)
{
    return d->kind ? d->kind : "";
}

const char *trawl_document_note(const trawl_document *d)
{
    return d->note ? d->note : "";
}

size_t trawl_document_block_count(const trawl_document *d)
{
    return d->nblocks;
}

const trawl_block *trawl_document_block(const trawl_document *d, size_t i)
{
    return i < d->nblocks ? &d->blocks[i] : NULL;
}

size_t trawl_document_section_count(const trawl_document *d)
{
    return d->nsections;
}

const char *trawl_document_section(const trawl_document *d, size_t i)
{
    return i < d->nsections ? d->sections[i] : "";
}

size_t trawl_document_link_count(const trawl_document *d)
{
    return d->nlinks;
}

const trawl_link *trawl_document_link(const trawl_document *d, size_t i)
{
    return i < d->nlinks ? &d->links[i] : NULL;
}

static trawl_status set_string(char **field, const char *s, size_t len, trawl_error *err)
{
    char *copy = trawl_strndup(s, len);
    if (!copy)
        return nomem(err);
    free(*field);
    *field = copy;
    return TRAWL_OK;
}

trawl_status trawl_document_set_title(trawl_document *d, const char *s, size_t len)
{
    return set_string(&d->title, s, len, NULL);
}

trawl_status trawl_document_set_url(trawl_document *d, const char *s)
{
    return set_string(&d->url, s, strlen(s), NULL);
}

trawl_status trawl_document_set_language(trawl_document *d, const char *s)
{
    return set_string(&d->lang, s, strlen(s), NULL);
}

const char *trawl_document_published(const trawl_document *d)
{
    return d->published;
}

const char *trawl_document_date_problem(const trawl_document *d)
{
    return d->date_problem ? d->date_problem : "";
}

trawl_status trawl_document_set_date(trawl_document *d, const char *s, size_t len)
{
    char date[TRAWL_DATE_SIZE];
    if (trawl_date_parse(s, len, date)) {
        memcpy(d->published, date, sizeof date);
        return TRAWL_OK;
    }
    trawl_buf why = TRAWL_BUF_INIT;
    trawl_buf_puts(&why, "publication date '");
    trawl_buf_append(&why, s, len < 80 ? len : 80);
    trawl_buf_puts(&why, len > 80 ? "...' not understood" : "' not understood");
    trawl_buf_puts(&why,
                   " (expected a date like 2024-05-29, 29 May 2024 or 2024年5月29日); left unset");
    if (why.failed) {
        trawl_buf_free(&why);
        return nomem(NULL);
    }
    free(d->date_problem);
    d->date_problem = trawl_buf_detach(&why);
    return TRAWL_OK;
}

trawl_status trawl_document_apply(trawl_document *d, const trawl_meta *m)
{
    if (m->date && *m->date && trawl_document_set_date(d, m->date, strlen(m->date)))
        return nomem(NULL);
    const char *values[] = {m->title, m->url, m->language, m->kind, m->note};
    char **fields[] = {&d->title, &d->url, &d->lang, &d->kind, &d->note};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++)
        if (values[i] && set_string(fields[i], values[i], strlen(values[i]), NULL))
            return nomem(NULL);
    return TRAWL_OK;
}

trawl_status trawl_document_begin_section(trawl_document *d, unsigned level, const char *heading,
                                          size_t len)
{
    if (level < 1)
        level = 1;
    if (level > MAX_HEADING_LEVELS)
        level = MAX_HEADING_LEVELS;
    for (size_t i = level - 1; i < MAX_HEADING_LEVELS; i++) {
        free(d->open[i]);
        d->open[i] = NULL;
    }
    if (!(d->open[level - 1] = trawl_strndup(heading, len)))
        return nomem(NULL);
    trawl_buf path = TRAWL_BUF_INIT;
    for (size_t i = 0; i < level; i++) {
        if (!d->open[i])
            continue;
        if (path.len)
            trawl_buf_puts(&path, " > ");
        trawl_buf_puts(&path, d->open[i]);
    }
    char *s = trawl_buf_detach(&path);
    if (!s || !trawl_array_grow((void **)&d->sections, &d->csections, d->nsections,
                                sizeof *d->sections)) {
        free(s);
        return nomem(NULL);
    }
    d->current = d->nsections;
    d->sections[d->nsections++] = s;
    return TRAWL_OK;
}

const char *trawl_document_current_heading(const trawl_document *d)
{
    for (size_t i = MAX_HEADING_LEVELS; i-- > 0;)
        if (d->open[i])
            return d->open[i];
    return "";
}

trawl_status trawl_document_add_block(trawl_document *d, trawl_block_kind kind, const char *text,
                                      size_t len, size_t offset)
{
    if (!trawl_array_grow((void **)&d->blocks, &d->cblocks, d->nblocks, sizeof *d->blocks))
        return nomem(NULL);
    char *copy = trawl_strndup(text, len);
    if (!copy)
        return nomem(NULL);
    d->blocks[d->nblocks++] = (trawl_block){kind, copy, len, offset, d->current, d->page};
    return TRAWL_OK;
}

void trawl_document_set_verbatim(trawl_document *d, bool verbatim)
{
    d->verbatim = verbatim;
}

bool trawl_document_verbatim(const trawl_document *d)
{
    return d->verbatim;
}

void trawl_document_set_page(trawl_document *d, unsigned page)
{
    d->page = page;
}

trawl_status trawl_document_add_link(trawl_document *d, const char *text, size_t text_len,
                                     const char *target, size_t target_len)
{
    if (!trawl_array_grow((void **)&d->links, &d->clinks, d->nlinks, sizeof *d->links))
        return nomem(NULL);
    char *t = trawl_strndup(text, text_len);
    char *g = trawl_strndup(target, target_len);
    if (!t || !g) {
        free(t);
        free(g);
        return nomem(NULL);
    }
    d->links[d->nlinks++] = (trawl_link){t, g};
    return TRAWL_OK;
}
