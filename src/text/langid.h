/* langid.h: which language a text is in. The script decides where it can (Han without kana
 * is Chinese, kana Japanese, Hangul Korean, Thai Thai); otherwise libexttextcat's n-gram
 * models do, among the languages of langid.conf (in Trawl's data folder).
 * Ownership: trawl_langid_new's handle is the caller's, released with trawl_langid_free; it
 * is used by one thread at a time. Only ingest guesses: the query side does not load
 * libexttextcat. */
#ifndef TRAWL_LANGID_H
#define TRAWL_LANGID_H

#include <stdbool.h>
#include <stddef.h>

#include "common/status.h"
#include "text/language.h"

typedef struct trawl_langid trawl_langid;

trawl_status trawl_langid_new(trawl_langid **id_out, trawl_error *err);
void trawl_langid_free(trawl_langid *id);

/* The language of `text` into `code` (at least 16 bytes); false when the text is too short or
 * unlike any model. */
bool trawl_langid_detect(trawl_langid *id, const char *text, size_t len, char *code);

#endif
