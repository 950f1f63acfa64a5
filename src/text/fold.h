/* fold.h: the folding that turns a word as written into its index form: NFKC, Unicode case
 * folding, diacritics removed from Latin letters (São -> sao, Agência -> agencia), typographic
 * apostrophes made plain, and Traditional Chinese characters made Simplified (ICU's
 * Traditional-Simplified transform: 國際傳播 -> 国际传播), so either script finds both. Marks on
 * other scripts (Thai vowels, Japanese voicing, Cyrillic й) are kept: they change the word.
 * A handle is used by one thread at a time. */
#ifndef TRAWL_FOLD_H
#define TRAWL_FOLD_H

#include <stddef.h>

#include "common/buf.h"
#include "common/status.h"

typedef struct trawl_folder trawl_folder;

trawl_status trawl_folder_new(trawl_folder **folder_out, trawl_error *err);
void trawl_folder_free(trawl_folder *folder);

/* Appends the folded form of the valid UTF-8 `word` to `out` (after resetting it). */
trawl_status trawl_fold(trawl_folder *folder, const char *word, size_t len, trawl_buf *out,
                        trawl_error *err);

#endif
