/* manifests.h: the manifest row that describes a file, for ingest. A file's row comes from the
 * MANIFEST.tsv in its folder or in the folder above ("beside the documents":
 * corpus/MANIFEST.tsv describes the files of corpus/docs); each manifest is loaded once, on
 * first use, and kept until the set is freed.
 *
 * A manifest that cannot be read, and the warnings of one that loads, are reported once each
 * through the set's callback, as one-line messages; unreadable ones are also counted.
 * A trawl_manifests is used by one thread at a time; the rows it returns are read-only and
 * may be shared by threads until it is freed. */
#ifndef TRAWL_MANIFESTS_H
#define TRAWL_MANIFESTS_H

#include <stdbool.h>
#include <stddef.h>

#include "readers/metadata.h"

/* Called with a message about a manifest: `error` true when it could not be read (its rows
 * are then unknown), false for a warning. */
typedef void (*trawl_manifest_report_fn)(void *ctx, bool error, const char *message);

typedef struct trawl_manifests trawl_manifests;

/* An empty set; `report` may be NULL (messages dropped). NULL when memory runs out. The caller
 * frees it with trawl_manifests_free. */
trawl_manifests *trawl_manifests_new(trawl_manifest_report_fn report, void *ctx);
void trawl_manifests_free(trawl_manifests *set);

/* The manifest row of `file` (a path as ingest opens it), or NULL when no manifest describes
 * it. Owned by the set. Fails only when memory runs out. */
trawl_status trawl_manifests_find(trawl_manifests *set, const char *file,
                                  const trawl_meta **meta_out, trawl_error *err);

/* How many manifests could not be read. */
size_t trawl_manifests_errors(const trawl_manifests *set);

#endif
