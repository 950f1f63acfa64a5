/* linker.h: links between documents, resolved when an index is committed. Ingest records
 * each document's links (an HTML or Markdown link's address, a "See also" item's title) in
 * its record (TRAWL_META_DOC); the linker resolves every link of every record against the
 * records, by URL (relative addresses against the linking document's URL), else by title,
 * else by file name, and gives each document its edges both ways, which the indexer stores
 * (TRAWL_META_LINKS + path): a query reads only the edges of the documents it shows.
 *
 * Resolution is linear in the links: the records are looked up through hash maps by URL,
 * title and file name. Ownership: strings the linker returns are its own, valid until it is
 * freed. Not thread-safe. */
#ifndef TRAWL_LINKER_H
#define TRAWL_LINKER_H

#include <stddef.h>

#include "common/buf.h"
#include "common/status.h"

typedef struct trawl_linker trawl_linker;

trawl_status trawl_linker_new(trawl_linker **l_out, trawl_error *err);
void trawl_linker_free(trawl_linker *l);

/* Adds a document record (the JSON of TRAWL_META_DOC); records that are not JSON objects with a
 * path are left out. */
trawl_status trawl_linker_add(trawl_linker *l, const char *record, size_t len, trawl_error *err);

/* Resolves every link of the records added. */
trawl_status trawl_linker_resolve(trawl_linker *l, trawl_error *err);

/* The documents, in path order, and the edges of document `i` as stored:
 * {"out": [{"text", "target", "path", "title"}], "in": [{"text", "path", "title"}]} ("path" and
 * "title", the other document's, absent where a link leads to no document of the index; "in"
 * in the linking documents' path order), into `out` (reset first). */
size_t trawl_linker_count(const trawl_linker *l);
const char *trawl_linker_path(const trawl_linker *l, size_t i);
trawl_status trawl_linker_edges(const trawl_linker *l, size_t i, trawl_buf *out, trawl_error *err);

/* Comparison forms shared with queries that name a document by URL or title: a URL without
 * scheme, "www.", fragment and trailing slash, host in lower case; a title in lower case
 * (ASCII), spaces trimmed. */
void trawl_links_canonical_url(const char *url, trawl_buf *out);
void trawl_links_folded_title(const char *title, trawl_buf *out);

#endif
