/* blocks.c: paragraphs, list items and wiki headings from lines of text. */
#include "readers/blocks.h"

#include <string.h>

bool trawl_next_line(const char *text, size_t len, size_t *pos, size_t *start, size_t *end)
{
    if (*pos >= len)
        return false;
    const char *nl = memchr(text + *pos, '\n', len - *pos);
    size_t e = nl ? (size_t)(nl - text) : len;
    *start = *pos;
    *pos = nl ? e + 1 : len;
    if (e > *start && text[e - 1] == '\r')
        e--;
    *end = e;
    return true;
}

/* Bytes of the space character at text[i] (ASCII space or tab, NBSP, U+3000), or 0. */
static size_t space_at(const char *text, size_t i, size_t end)
{
    const unsigned char *s = (const unsigned char *)text + i;
    size_t n = end - i;
    if (n >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\f' || s[0] == '\v' || s[0] == '\r'))
        return 1;
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
        return 2;
    if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
        return 3;
    return 0;
}

/* Bytes of the space character ending just before text[end], or 0. */
static size_t space_before(const char *text, size_t start, size_t end)
{
    for (size_t n = 1; n <= 3 && n <= end - start; n++)
        if (space_at(text, end - n, end) == n)
            return n;
    return 0;
}

void trawl_trim(const char *text, size_t *start, size_t *end)
{
    size_t n;
    while (*start < *end && (n = space_at(text, *start, *end)))
        *start += n;
    while (*end > *start && (n = space_before(text, *start, *end)))
        *end -= n;
}

/* Length of a list marker at text[a, b), or 0: "- ", "* ", "# ", "• " (U+2022). */
static size_t list_marker(const char *text, size_t a, size_t b)
{
    if (b - a >= 2 && strchr("-*#", text[a]) && (text[a + 1] == ' ' || text[a + 1] == '\t'))
        return 2;
    if (b - a >= 4 && memcmp(text + a, "\xE2\x80\xA2", 3) == 0 && text[a + 3] == ' ')
        return 4;
    return 0;
}

/* Heading level of "== Text ==" at text[a, b) (the count of '=' on each side), or 0; sets
 * [*ha, *hb) to the trimmed heading text. */
static unsigned heading_level(const char *text, size_t a, size_t b, size_t *ha, size_t *hb)
{
    size_t l = 0, r = 0;
    while (a + l < b && text[a + l] == '=')
        l++;
    while (r < b - a - l && text[b - 1 - r] == '=')
        r++;
    if (l == 0 || l != r || a + l >= b - r)
        return 0;
    *ha = a + l;
    *hb = b - r;
    trawl_trim(text, ha, hb);
    return *ha < *hb ? (unsigned)l : 0;
}

static bool is_see_also(const char *heading)
{
    static const char *const names[] = {"see also", "related", "related articles", "links",
                                        "external links"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        size_t n = strlen(names[i]);
        if (strlen(heading) != n)
            continue;
        size_t j = 0;
        while (j < n && (heading[j] | 0x20) == names[i][j])
            j++;
        if (j == n)
            return true;
    }
    return false;
}

typedef struct pending {
    bool open;             /* a block is being collected */
    trawl_block_kind kind; /* of that block */
    size_t start, end;     /* its byte range so far */
} pending;

static trawl_status flush(trawl_document *doc, const char *text, pending *p, bool links,
                          trawl_error *err)
{
    if (!p->open)
        return TRAWL_OK;
    p->open = false;
    size_t a = p->start, b = p->end;
    trawl_trim(text, &a, &b);
    if (a == b)
        return TRAWL_OK;
    trawl_status st = trawl_document_add_block(doc, p->kind, text + a, b - a, a);
    if (st == TRAWL_OK && links && p->kind == TRAWL_BLOCK_LIST_ITEM) {
        /* "[[Target|label]]" names its target; a bare item is the other document's title. */
        size_t ta = a, tb = b;
        if (b - a > 4 && memcmp(text + a, "[[", 2) == 0 && memcmp(text + b - 2, "]]", 2) == 0) {
            ta = a + 2;
            tb = b - 2;
            const char *bar = memchr(text + ta, '|', tb - ta);
            if (bar)
                tb = (size_t)(bar - text);
        }
        st = trawl_document_add_link(doc, text + a, b - a, text + ta, tb - ta);
    }
    if (st)
        return trawl_error_set(err, st, "out of memory");
    return TRAWL_OK;
}

trawl_status trawl_parse_blocks(trawl_document *doc, const char *text, size_t from, size_t len,
                                trawl_block_syntax syntax, trawl_error *err)
{
    trawl_status st = TRAWL_OK;
    pending p = {false, TRAWL_BLOCK_PARAGRAPH, 0, 0};
    trawl_document_set_verbatim(doc, true); /* blocks are slices of `text` */
    bool links = false;
    size_t pos = from, ls, le;
    while (st == TRAWL_OK && trawl_next_line(text, len, &pos, &ls, &le)) {
        size_t a = ls, b = le, ha, hb, m;
        trawl_trim(text, &a, &b);
        unsigned level;
        if (a == b) {
            st = flush(doc, text, &p, links, err);
        } else if (syntax == TRAWL_SYNTAX_WIKI && (level = heading_level(text, a, b, &ha, &hb))) {
            st = flush(doc, text, &p, links, err);
            if (st)
                break;
            if (level == 1 && trawl_document_block_count(doc) == 0 && !*trawl_document_title(doc)) {
                st = trawl_document_set_title(doc, text + ha, hb - ha);
            } else {
                st = trawl_document_begin_section(doc, level > 1 ? level - 1 : 1, text + ha,
                                                  hb - ha);
                links = is_see_also(trawl_document_current_heading(doc));
            }
            if (st)
                st = trawl_error_set(err, st, "out of memory");
        } else if ((m = list_marker(text, a, b))) {
            st = flush(doc, text, &p, links, err);
            p = (pending){true, TRAWL_BLOCK_LIST_ITEM, a + m, b};
        } else if (p.open) {
            p.end = b;
        } else {
            p = (pending){true, TRAWL_BLOCK_PARAGRAPH, a, b};
        }
    }
    if (st == TRAWL_OK)
        st = flush(doc, text, &p, links, err);
    return st;
}
