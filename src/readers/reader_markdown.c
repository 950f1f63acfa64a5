/* reader_markdown.c: Markdown through cmark (CommonMark). A first level-1 heading is the title;
 * other headings open sections; paragraphs are blocks, those inside list items list items;
 * code blocks are blocks; links are recorded; raw HTML is dropped. A block's offset is where
 * it starts in the source, its text the text of its inlines (line breaks made spaces). */
#include <cmark.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "readers/formats.h"

/* The inline text under `node`; links inside are recorded in `doc`. */
static trawl_status inline_text(trawl_document *doc, cmark_node *node, trawl_buf *out)
{
    trawl_status st = TRAWL_OK;
    for (cmark_node *c = cmark_node_first_child(node); c && !st; c = cmark_node_next(c)) {
        switch (cmark_node_get_type(c)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            trawl_buf_puts(out, cmark_node_get_literal(c));
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            trawl_buf_putc(out, ' ');
            break;
        case CMARK_NODE_LINK: {
            size_t from = out->len;
            st = inline_text(doc, c, out);
            const char *url = cmark_node_get_url(c);
            if (!st && url && *url && url[0] != '#')
                st = trawl_document_add_link(doc, out->data ? out->data + from : "",
                                             out->len - from, url, strlen(url));
            break;
        }
        default:
            st = inline_text(doc, c, out);
        }
    }
    return st;
}

/* Whether a line ends at text[i], as cmark sees it: "\n", "\r\n" (at its '\n') or a lone "\r". */
static bool ends_line(const char *text, size_t len, size_t i)
{
    return text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n'));
}

/* Byte offset of a 1-based line and column, never past the end of the text. */
static size_t offset_of(const size_t *line_starts, size_t nlines, size_t len, int line, int column)
{
    if (line < 1 || (size_t)line > nlines)
        return 0;
    size_t at = line_starts[line - 1] + (size_t)(column > 0 ? column - 1 : 0);
    return at < len ? at : len;
}

trawl_status trawl_read_markdown(trawl_document *doc, const char *text, size_t len,
                                 trawl_error *err)
{
    trawl_status st = TRAWL_OK;
    size_t nlines = 1, *starts = NULL;
    for (size_t i = 0; i < len; i++)
        nlines += ends_line(text, len, i);
    starts = malloc(nlines * sizeof *starts);
    cmark_node *root = starts ? cmark_parse_document(text, len, CMARK_OPT_DEFAULT) : NULL;
    cmark_iter *it = root ? cmark_iter_new(root) : NULL;
    if (!it) {
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory reading Markdown");
        goto cleanup;
    }
    starts[0] = 0;
    for (size_t i = 0, l = 1; i < len; i++)
        if (ends_line(text, len, i))
            starts[l++] = i + 1;
    trawl_buf b = TRAWL_BUF_INIT;
    cmark_event_type ev;
    while (!st && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type type = cmark_node_get_type(n);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        size_t at = offset_of(starts, nlines, len, cmark_node_get_start_line(n),
                              cmark_node_get_start_column(n));
        trawl_buf_reset(&b);
        if (type == CMARK_NODE_HEADING) {
            st = inline_text(doc, n, &b);
            int level = cmark_node_get_heading_level(n);
            if (st || !b.len)
                continue;
            if (level == 1 && !*trawl_document_title(doc) && !trawl_document_block_count(doc))
                st = trawl_document_set_title(doc, b.data, b.len);
            else
                st = trawl_document_begin_section(doc, (unsigned)(level > 1 ? level - 1 : 1),
                                                  b.data, b.len);
        } else if (type == CMARK_NODE_PARAGRAPH) {
            st = inline_text(doc, n, &b);
            cmark_node *parent = cmark_node_parent(n);
            bool item = parent && cmark_node_get_type(parent) == CMARK_NODE_ITEM;
            if (!st && b.len)
                st = trawl_document_add_block(
                    doc, item ? TRAWL_BLOCK_LIST_ITEM : TRAWL_BLOCK_PARAGRAPH, b.data, b.len, at);
        } else if (type == CMARK_NODE_CODE_BLOCK) {
            const char *code = cmark_node_get_literal(n);
            size_t n_code = code ? strlen(code) : 0;
            while (n_code && (code[n_code - 1] == '\n' || code[n_code - 1] == ' '))
                n_code--;
            if (n_code)
                st = trawl_document_add_block(doc, TRAWL_BLOCK_PARAGRAPH, code, n_code, at);
        }
    }
    if (!st && b.failed)
        st = TRAWL_ERR_NOMEM;
    trawl_buf_free(&b);
    if (st)
        st = trawl_error_set(err, st, "out of memory reading Markdown");
cleanup:
    cmark_iter_free(it);
    cmark_node_free(root);
    free(starts);
    return st;
}
