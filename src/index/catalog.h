/* catalog.h: what an index knows of the files it was built from: per document (by its id,
 * inputs.h), the file it was read from (its canonical path), its size and a hash of its bytes.
 * Ingest uses it to index only new and changed files, to remove deleted ones and to recognise a
 * file indexed under another id; `trawl-ingest --check` to compare an index with its corpus.
 * Records live in the index's metadata under TRAWL_META_FILE ("trawl.file."). */
#ifndef TRAWL_CATALOG_H
#define TRAWL_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "common/status.h"
#include "xapian-c/xapian_c.h"

typedef struct trawl_file_state {
    char file[4096];         /* the file read, canonical */
    unsigned long long size; /* bytes */
    char hash[17];           /* FNV-1a 64 of the bytes, hex (trawl_bytes_hash) */
} trawl_file_state;

/* A state from its parts (the hash as trawl_bytes_hash gives it). */
void trawl_file_state_of(const char *file, unsigned long long size, const char *hash,
                         trawl_file_state *out);

/* The same bytes and metadata, read from the same file. */
bool trawl_file_state_equal(const trawl_file_state *a, const trawl_file_state *b);

/* The record of `path`: `*found` false when the index has none. */
trawl_status trawl_catalog_get(trawl_xdb *db, const char *path, trawl_file_state *out, bool *found,
                               trawl_error *err);
trawl_status trawl_catalog_put(trawl_xdb *db, const char *path, const trawl_file_state *state,
                               trawl_error *err);
trawl_status trawl_catalog_delete(trawl_xdb *db, const char *path, trawl_error *err);

/* Calls `fn` with the id of each document recorded and the file it was read from, in id
 * order; nonzero stops. */
typedef int (*trawl_catalog_fn)(void *ctx, const char *path, const char *file);
trawl_status trawl_catalog_each(trawl_xdb *db, trawl_catalog_fn fn, void *ctx, trawl_error *err);

#endif
