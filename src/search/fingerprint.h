/* fingerprint.h: a digest of an index's logical content, to compare builds: every passage
 * (by its id) with its terms, wdf, positions, values and stored data, and the metadata that
 * describes the corpus (schema, analyser, gazetteer, document records). What depends on how
 * or where the index was built is left out: Xapian's document ids and UUID, the folders the
 * files came from (trawl.file.), the runs that built it (trawl.run., each passage's run term
 * and value), and the display names of centers found by patterns
 * (trawl.center., which an incremental build may keep for a document since removed). Two
 * builds of one corpus, in any folder and order, fresh or incremental, give one digest. */
#ifndef TRAWL_FINGERPRINT_H
#define TRAWL_FINGERPRINT_H

#include <stddef.h>

#include "common/status.h"
#include "search/search.h"

/* The digest, as 32 hex digits and a NUL, into `digest`; `*passages_out` gets the number of
 * passages it covers. */
trawl_status trawl_fingerprint(trawl_searcher *s, char digest[33], size_t *passages_out,
                               trawl_error *err);

#endif
