/* utf8.h: making untrusted bytes into valid UTF-8 before any analysis, with ICU's converters:
 * each invalid sequence becomes U+FFFD and is counted, so a reader can warn about it. */
#ifndef TRAWL_UTF8_H
#define TRAWL_UTF8_H

#include <stddef.h>

#include "common/status.h"

/* Checks `text`; when it holds invalid UTF-8, replaces `*text`/`*len` with a new malloc'd
 * valid copy (freeing the old buffer, which must be malloc'd) and sets `*replaced` to the
 * number of U+FFFD substitutions; otherwise leaves the text alone and sets 0. */
trawl_status trawl_utf8_sanitize(char **text, size_t *len, size_t *replaced, trawl_error *err);

/* Length in bytes of the valid UTF-8 sequence `text` starts with (`len` bytes available), or 0
 * when it starts with an invalid or incomplete one. */
size_t trawl_utf8_valid_length(const char *text, size_t len);

/* Length in bytes of the UTF-8 sequence starting with byte `lead` (1 for continuation or
 * invalid bytes, so scans always advance). */
size_t trawl_utf8_seqlen(unsigned char lead);

#endif
