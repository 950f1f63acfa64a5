/* reader_wiki.c: the seed article's format. */
#include "readers/blocks.h"
#include "readers/formats.h"

bool trawl_looks_like_wiki(const char *text, size_t len)
{
    size_t pos = 0, a, b;
    while (trawl_next_line(text, len, &pos, &a, &b)) {
        trawl_trim(text, &a, &b);
        if (a == b)
            continue;
        /* The first non-blank line is "= Title =" (exactly one '=' on each side). */
        return b - a >= 5 && text[a] == '=' && text[a + 1] == ' ' && text[b - 1] == '=' &&
               text[b - 2] == ' ';
    }
    return false;
}

trawl_status trawl_read_wiki(trawl_document *doc, const char *text, size_t len, trawl_error *err)
{
    return trawl_parse_blocks(doc, text, 0, len, TRAWL_SYNTAX_WIKI, err);
}
