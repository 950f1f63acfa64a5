/* records.h: the one codec of two formats an index keeps in its metadata: a document's record
 * (TRAWL_META_DOC: its path, title, URL, language, kind and links as written), which ingest
 * writes and the linker and queries read, and a document's resolved links (TRAWL_META_LINKS),
 * which the linker writes and queries read. Both are JSON objects (index/README.md).
 *
 * Ownership: a decoded record's strings belong to it until its _clear; a record to encode only
 * borrows them. */
#ifndef TRAWL_RECORDS_H
#define TRAWL_RECORDS_H

#include <stddef.h>

#include "common/buf.h"
#include "common/status.h"

typedef struct trawl_record_link {
    const char *text;   /* the link's text */
    const char *target; /* the address or title as written */
} trawl_record_link;

typedef struct trawl_doc_record {
    const char *path, *title, *url, *lang, *kind; /* "" when unknown */
    trawl_record_link *links;                     /* in document order */
    size_t nlinks;
    void *owned; /* a decoded record's storage; NULL for one to encode */
} trawl_doc_record;

/* {"path", "title", "url", "lang", "kind", "links": [{"text", "target"}]} into `out` (reset). */
trawl_status trawl_doc_record_encode(const trawl_doc_record *r, trawl_buf *out, trawl_error *err);
/* Decodes `len` bytes into `*r` (which trawl_doc_record_clear frees). TRAWL_ERR_CORRUPT, naming
 * the problem, when they are not a record with a path. */
trawl_status trawl_doc_record_decode(const char *text, size_t len, trawl_doc_record *r,
                                     trawl_error *err);
void trawl_doc_record_clear(trawl_doc_record *r);

/* One end of a resolved link: the document at the other end, or none. */
typedef struct trawl_edge {
    const char *text;   /* the link's text */
    const char *target; /* outgoing links: the address or title as written; NULL for incoming */
    const char *path;   /* the document at the other end, NULL when the link leads nowhere */
    const char *title;  /* its title, NULL with `path` */
} trawl_edge;

typedef struct trawl_doc_edges {
    trawl_edge *out; /* the document's links, in document order */
    size_t nout;
    trawl_edge *in; /* links to it, in the linking documents' path order */
    size_t nin;
    void *owned; /* a decoded value's storage; NULL for one to encode */
} trawl_doc_edges;

/* {"out": [{"text", "target", "path", "title"}], "in": [{"text", "path", "title"}]} into `out`
 * (reset); "path" and "title" absent where a link leads nowhere. */
trawl_status trawl_doc_edges_encode(const trawl_doc_edges *e, trawl_buf *out, trawl_error *err);
/* Decodes `len` bytes into `*e` (trawl_doc_edges_clear frees it); "" decodes as no links.
 * TRAWL_ERR_CORRUPT when they are not edges. */
trawl_status trawl_doc_edges_decode(const char *text, size_t len, trawl_doc_edges *e,
                                    trawl_error *err);
void trawl_doc_edges_clear(trawl_doc_edges *e);

#endif
