/* blocks.h: the line-oriented block parser that the wiki and plain-text readers share:
 * paragraphs separated by blank lines, list items ("- ", "* ", "# ", "• "), and, in wiki
 * syntax, "== Heading ==" lines at any depth. Internal to src/readers/. */
#ifndef TRAWL_READERS_BLOCKS_H
#define TRAWL_READERS_BLOCKS_H

#include <stdbool.h>
#include <stddef.h>

#include "common/status.h"
#include "readers/document.h"

typedef enum trawl_block_syntax {
    TRAWL_SYNTAX_PLAIN, /* paragraphs and list items */
    TRAWL_SYNTAX_WIKI   /* also "= Title =" and "== Section ==" headings */
} trawl_block_syntax;

/* Adds the blocks of text[from, len) to `doc`; offsets are relative to `text`. In wiki
 * syntax, a level-1 heading before any block sets the title and the list items of a
 * "See also" section become links. */
trawl_status trawl_parse_blocks(trawl_document *doc, const char *text, size_t from, size_t len,
                                trawl_block_syntax syntax, trawl_error *err);

/* The next line of text[*pos, len): sets [*start, *end) without the newline (and a CR before
 * it) and advances *pos. False at the end of the text. */
bool trawl_next_line(const char *text, size_t len, size_t *pos, size_t *start, size_t *end);

/* Narrows [*start, *end) to exclude ASCII and Unicode spaces at both ends. */
void trawl_trim(const char *text, size_t *start, size_t *end);

#endif
