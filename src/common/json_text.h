/* json_text.h: JSON text written and read all or nothing. jansson's own json_dumps can leave a
 * part of an object out when an allocation fails mid-way (it does not check every write):
 * writing through this module's callback, every write is checked. Nor does jansson's parser
 * always say that it failed for want of memory, and it may return a value with a string cut
 * short: this module's parse checks that the value writes back as the text it came from. */
#ifndef TRAWL_JSON_TEXT_H
#define TRAWL_JSON_TEXT_H

#include <jansson.h>
#include <stdbool.h>

#include "common/buf.h"

/* Appends the text of `value` (jansson dump `flags`) to `out`; false, with `out->failed` set,
 * when memory ran out or `value` is NULL (so a value that could not be built fails here). */
bool trawl_json_append(trawl_buf *out, const json_t *value, size_t flags);

/* Sets `key` of the object `o` to `v`, or appends `v` to the array `o` (key NULL), taking
 * `v`. Once a put fails (`v` NULL, as a value that could not be built is, or memory running
 * out), `*ok` stays false and later puts only release their value: a builder puts freely and
 * checks `*ok` once, as with trawl_buf. */
void trawl_json_put(json_t *o, const char *key, json_t *v, bool *ok);

/* Parses `len` bytes of JSON text that trawl_json_append wrote with `flags`: the value (the
 * caller releases it), or NULL with `*nomem` saying whether memory ran out (else the text is
 * malformed). A value that does not write back as `text` is parsed again: one equal to the
 * first is text written otherwise (another version's), one that differs means memory ran out
 * in a parse. `jerr` may be NULL. */
json_t *trawl_json_parse(const char *text, size_t len, size_t flags, bool *nomem,
                         json_error_t *jerr);

#endif
