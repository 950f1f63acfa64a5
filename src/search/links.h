/* links.h: links between documents as a query reads them. Ingest resolves every document's
 * links when it commits (index/linker.h) and stores each document's edges both ways, so these
 * read only the records of the documents asked about and of the documents at the other ends. */
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

/* The links of the document at `path` in `db`. TRAWL_ERR_ARG when the index has no such
 * document. `*links_out` belongs to the caller. */
trawl_status trawl_links_of(trawl_xdb *db, const char *path, trawl_doc_links **links_out,
                            trawl_error *err);

/* The path of the document `doc` names in `db`: its path, else its title, else its URL (reads
 * every document's record when `doc` is not a path). TRAWL_ERR_ARG when none; `*path_out`
 * belongs to the caller. */
trawl_status trawl_links_find(trawl_xdb *db, const char *doc, char **path_out, trawl_error *err);

void trawl_doc_links_free(trawl_doc_links *l);

#endif
