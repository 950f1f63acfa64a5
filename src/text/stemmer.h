/* stemmer.h: Snowball stemming through libstemmer, chosen by ISO 639 language code.
 * A stemmer is used by one thread at a time (libstemmer's result lives in it). */
#ifndef TRAWL_STEMMER_H
#define TRAWL_STEMMER_H

#include <stdbool.h>
#include <stddef.h>

#include "common/buf.h"
#include "common/status.h"

typedef struct trawl_stemmer trawl_stemmer;

/* True when libstemmer has an algorithm for `lang` (an ISO 639-1 code such as "en", "ru", or
 * an algorithm name such as "english"). */
bool trawl_stemmer_available(const char *lang);

/* A stemmer for `lang`; TRAWL_ERR_ARG when libstemmer has none for it. */
trawl_status trawl_stemmer_new(const char *lang, trawl_stemmer **stemmer_out, trawl_error *err);
void trawl_stemmer_free(trawl_stemmer *stemmer);

/* Writes the stem of the folded UTF-8 `word` into `out` (reset first). */
trawl_status trawl_stem(trawl_stemmer *stemmer, const char *word, size_t len, trawl_buf *out,
                        trawl_error *err);

/* The libstemmer version this was built against, for the index's analyser identity. */
const char *trawl_stemmer_library_version(void);

#endif
