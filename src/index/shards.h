/* shards.h: the layout of an index folder, one shard or several.
 *
 * One shard: the folder is the Xapian database. N shards (N > 1): the folder holds a Xapian
 * stub database file, XAPIANDB, with one line `auto shard-K-of-N` per shard (paths relative
 * to the folder, so it can be moved or served as it is), and each shard-K-of-N is a Xapian
 * database. Every Trawl command, Xapian's own tools and xapian-tcpsrv open the folder either
 * way. A document lives in the shard its path hashes to (trawl_shard_of), so an incremental
 * run touches only the shards that hold changed documents.
 *
 * A new or rebuilt index written by several threads is written as that many shards, merged
 * into one compacted database, shard-1-of-1 (or .b, below), when the run commits (the indexer
 * does it).
 *
 * A change of shard count, and a rebuild, write the new layout beside the old one (named
 * shard-K-of-N.b where the old one has the plain names), then publish it: XAPIANDB is replaced
 * by a rename (or removed, going back to one shard), which readers see at once and whole; the
 * old databases are removed after. */
#ifndef TRAWL_SHARDS_H
#define TRAWL_SHARDS_H

#include <stdbool.h>
#include <stddef.h>

#include "common/status.h"

#define TRAWL_MAX_SHARDS 64

typedef struct trawl_layout {
    size_t nshards; /* 0: the folder holds no index yet */
    char **paths;   /* each shard's database folder (malloc'd, owned) */
} trawl_layout;

/* Whether `dir` holds an index: a Xapian database, or a stub naming shards (not read). */
bool trawl_layout_present(const char *dir);
/* Whether `name`, in an index folder, is one the layouts write there (XAPIANDB, the
 * XAPIANDB.new of a publish, shard-K-of-N, shard-K-of-N.b): what a first build killed before
 * publishing leaves is not foreign content. */
bool trawl_layout_owns(const char *name);

/* The layout of the index in `dir` as it is. TRAWL_ERR_NO_INDEX when its XAPIANDB cannot be
 * read or names a remote shard (ingest writes local shards only). */
trawl_status trawl_layout_read(const char *dir, trawl_layout *out, trawl_error *err);
/* The layout of an index of `nshards` shards in `dir` (1 .. TRAWL_MAX_SHARDS): one shard is
 * the folder itself, unless `stub`, when it is shard-1-of-1 named by XAPIANDB as for several
 * (the layout of every new index; the folder itself is what going back to one shard makes).
 * Shards are named shard-K-of-N, or shard-K-of-N.b when one of those names is a shard of
 * `beside` (NULL: none), the layout the new one is written beside. */
trawl_status trawl_layout_plan(const char *dir, size_t nshards, bool stub,
                               const trawl_layout *beside, trawl_layout *out, trawl_error *err);
/* Removes the databases of `layout`, an index in `dir`: a shard folder whole, `dir` itself
 * only Xapian's files (other files stay). */
trawl_status trawl_layout_discard(const char *dir, const trawl_layout *layout, trawl_error *err);
void trawl_layout_free(trawl_layout *layout);
/* Moves the shards of `from` to the end of `into`, leaving `from` empty; on failure both stay
 * as they were. */
trawl_status trawl_layout_append(trawl_layout *into, trawl_layout *from, trawl_error *err);

/* Whether `layout` is the single database of the folder `dir` itself (going back to one
 * shard), which readers open without a stub, rather than shards a stub names. */
bool trawl_layout_in_folder(const trawl_layout *layout, const char *dir);
/* Makes `now` the layout readers open: XAPIANDB written to a temporary file and renamed into
 * place (shards), or removed (the folder's own database). */
trawl_status trawl_layout_publish(const char *dir, const trawl_layout *now, trawl_error *err);
/* Removes the databases of `old` that `now` does not use (after trawl_layout_publish), and any
 * shard folder in `dir` that `now` does not use and any XAPIANDB.new (left by a run killed
 * before publishing). Of a one-shard index in `dir` itself only Xapian's files go: other
 * files stay. */
trawl_status trawl_layout_remove(const char *dir, const trawl_layout *old, const trawl_layout *now,
                                 trawl_error *err);

/* The shard (0 .. nshards-1) that holds the document at `path`: a stable hash of the path. */
size_t trawl_shard_of(const char *path, size_t nshards);

#endif
