/* word_parts.h: the parts of one ICU letter word that are indexed, so that ordinary ways of
 * writing do not hide a word:
 *   - words joined by a full stop without a space ("inaugurado.Trata", "Hainan.All") are split
 *     where a lowercase letter is followed by ".", then an uppercase letter; names with a dot
 *     ("ichongqing.info", "U.S", "3.5") are left whole. Words joined by a colon between letters
 *     ("Note:The", "EU:n") are split.
 *   - an elided article or preposition before an apostrophe is dropped ("l'édition",
 *     "all'estero", "dell’Asia", "qu'il" give "édition", "estero", "Asia", "il"): the elided
 *     forms of French, Italian and Catalan (word_parts.c lists them), in every language, since
 *     a passage's language may be misdetected and a query's is not the passage's.
 *   - a possessive "'s" (any apostrophe) is dropped ("Xi Jinping’s" gives "Jinping").
 * The same rules run at ingest, in queries and in highlighting (analyzer.h). */
#ifndef TRAWL_WORD_PARTS_H
#define TRAWL_WORD_PARTS_H

#include <stddef.h>

#include "text/cjk.h"

/* Most parts one word gives; the last part of a word with more keeps the rest whole. */
#define TRAWL_MAX_WORD_PARTS 8

/* The parts of the letter word text[start, end) (valid UTF-8), as byte spans of `text`, into
 * `parts`; returns how many (at least 1, unless the word is only an elided article). */
size_t trawl_word_parts(const char *text, size_t start, size_t end,
                        trawl_span parts[TRAWL_MAX_WORD_PARTS]);

#endif
