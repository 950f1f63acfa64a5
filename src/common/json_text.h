/* json_text.h: a JSON value written as text into a trawl_buf, all of it or a failure. jansson's
 * own json_dumps can leave a part of an object out when an allocation fails mid-way (it does
 * not check every write); writing through this function's callback, every write is checked. */
#ifndef TRAWL_JSON_TEXT_H
#define TRAWL_JSON_TEXT_H

#include <jansson.h>
#include <stdbool.h>

#include "common/buf.h"

/* Appends the text of `value` (jansson dump `flags`) to `out`; false, with `out->failed` set,
 * when memory ran out or `value` is NULL (so a value that could not be built fails here). */
bool trawl_json_append(trawl_buf *out, const json_t *value, size_t flags);

#endif
