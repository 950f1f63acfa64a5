/* wrap.h: text broken into lines of at most a given display width for a terminal: at ICU's
 * line break opportunities (between words; between most Chinese and Japanese characters; Thai
 * by dictionary), counting East Asian wide characters as two columns and combining marks as
 * none; a word longer than a whole line is cut at a character. Newlines and tabs in the text
 * count as spaces. A wrapper is used by one thread at a time. */
#ifndef TRAWL_WRAP_H
#define TRAWL_WRAP_H

#include <stddef.h>

#include "common/status.h"

typedef struct trawl_wrapper trawl_wrapper;

trawl_status trawl_wrapper_new(trawl_wrapper **w_out, trawl_error *err);
void trawl_wrapper_free(trawl_wrapper *w);

/* Called for each line text[start, end), in order, spaces at its end left out; a nonzero
 * return stops. */
typedef int (*trawl_line_fn)(void *ctx, size_t start, size_t end);

/* Wraps the valid UTF-8 text[0, len): its first line at most `first` columns, the others at
 * most `width` (0: no wrapping, one line). */
trawl_status trawl_wrap(trawl_wrapper *w, const char *text, size_t len, size_t first, size_t width,
                        trawl_line_fn fn, void *ctx, trawl_error *err);

/* Columns the UTF-8 text[0, len) takes on a terminal. */
size_t trawl_text_width(const char *text, size_t len);

#endif
