/* records.h: the one codec of the three formats an index keeps besides Xapian's terms and
 * values: a document's record (TRAWL_META_DOC: its path, title, URL, language, kind and links
 * as written), which ingest writes and the linker and queries read; a document's resolved
 * links (TRAWL_META_LINKS), which the linker writes and queries read; and a passage's stored
 * data, which ingest writes and queries read (index/README.md describes all three).
 *
 * Ownership: a decoded record's strings belong to it until its _clear; a record to encode only
 * borrows them. */
#ifndef TRAWL_RECORDS_H
#define TRAWL_RECORDS_H

#include <jansson.h>
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

/* A passage's stored data: its head, a JSON object of what is known about it, a newline, then
 * its text as it is (read back without decoding); the head's "length" is the text's length
 * in bytes. Encodes `head` (borrowed; its "length" is set to `len`) and `len` bytes of `text`
 * into `out` (reset). */
trawl_status trawl_passage_data_encode(json_t *head, const char *text, size_t len, trawl_buf *out,
                                       trawl_error *err);
/* Splits `len` bytes of stored data into the head (`*head_out`: a new reference, the caller's
 * to json_decref) and the text (`*text_out` points into `data`, `*text_len` bytes).
 * TRAWL_ERR_CORRUPT naming the problem: no text, a head that is not a JSON object, or a text
 * whose length is not the head's "length". */
trawl_status trawl_passage_data_decode(const char *data, size_t len, json_t **head_out,
                                       const char **text_out, size_t *text_len, trawl_error *err);

#endif
