/* links.h: links between documents. Ingest records each document's links (an HTML or
 * Markdown link's address, a "See also" item's title); here they are resolved against the
 * documents of the index, by URL (relative addresses against the linking document's URL), by
 * title, or by file name, to list what a document links to and what links to it. */
#ifndef TRAWL_LINKS_H
#define TRAWL_LINKS_H

#include <stddef.h>

#include "common/status.h"
#include "xapian-c/xapian_c.h"

typedef struct trawl_link_row {
    char *text;   /* the link's text */
    char *target; /* the address or title as written (outgoing links) */
    char *path;   /* the document at the other end, or NULL when not in the index */
    char *title;  /* its title, or NULL */
} trawl_link_row;

typedef struct trawl_doc_links {
    char *path, *title, *url; /* the document asked about */
    trawl_link_row *out;      /* its links, in document order */
    size_t nout;
    trawl_link_row *in; /* links to it from other documents (path order) */
    size_t nin;
} trawl_doc_links;

/* The documents of an index and their links, loaded once to answer for many documents. */
typedef struct trawl_link_graph trawl_link_graph;

/* Reads the document records of `db` (which must outlive the graph). */
trawl_status trawl_link_graph_open(trawl_xdb *db, trawl_link_graph **graph_out, trawl_error *err);
void trawl_link_graph_free(trawl_link_graph *g);

/* The links of the document `doc` (its path, title or URL). TRAWL_ERR_ARG when the index has
 * no such document. `*links_out` belongs to the caller. */
trawl_status trawl_link_graph_links(trawl_link_graph *g, const char *doc,
                                    trawl_doc_links **links_out, trawl_error *err);

void trawl_doc_links_free(trawl_doc_links *l);

#endif
