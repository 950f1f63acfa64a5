/* reader_text.c: plain text files. */
#include <string.h>

#include "readers/blocks.h"
#include "readers/formats.h"

/* A first line longer than this is text, not a title. */
#define MAX_TITLE_BYTES 160

trawl_status trawl_read_text(trawl_document *doc, const char *text, size_t len, trawl_error *err)
{
    size_t pos = 0, a = 0, b = 0, from = 0;
    bool found = false;
    while (trawl_next_line(text, len, &pos, &a, &b)) {
        trawl_trim(text, &a, &b);
        if (a < b) {
            found = true;
            break;
        }
    }
    /* A short first line followed by a blank line (or nothing) is the title. */
    size_t next = pos, na, nb;
    bool alone = !trawl_next_line(text, len, &next, &na, &nb);
    if (!alone) {
        trawl_trim(text, &na, &nb);
        alone = na == nb;
    }
    if (found && alone && b - a <= MAX_TITLE_BYTES && pos < len) {
        if (trawl_document_set_title(doc, text + a, b - a))
            return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        from = pos;
    }
    return trawl_parse_blocks(doc, text, from, len, TRAWL_SYNTAX_PLAIN, err);
}
