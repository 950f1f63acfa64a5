/* formats.h: the parse functions of each reader, called by reader.c once the bytes are read,
 * checked and repaired. Internal to src/readers/. */
#ifndef TRAWL_READERS_FORMATS_H
#define TRAWL_READERS_FORMATS_H

#include <stdbool.h>
#include <stddef.h>

#include "common/status.h"
#include "readers/document.h"

/* Each reader adds the blocks of `text` to `doc`; its messages do not name the file (the
 * caller prefixes the name the user gave). */

/* The seed's wiki-style text: "= Title =", "== Section ==" at any depth, paragraphs, lists. */
bool trawl_looks_like_wiki(const char *text, size_t len);
trawl_status trawl_read_wiki(trawl_document *doc, const char *text, size_t len, trawl_error *err);

/* HTML (gumbo). */
bool trawl_looks_like_html(const char *text, size_t len);
trawl_status trawl_read_html(trawl_document *doc, const char *text, size_t len, trawl_error *err);

/* Markdown (cmark). */
trawl_status trawl_read_markdown(trawl_document *doc, const char *text, size_t len,
                                 trawl_error *err);

/* PDF (poppler-glib), from the file's bytes as read: TRAWL_ERR_INPUT for an encrypted or
 * damaged PDF, or one without text. */
bool trawl_looks_like_pdf(const char *data, size_t len);
trawl_status trawl_read_pdf(trawl_document *doc, const char *data, size_t len, trawl_error *err);

/* Plain text: the title is a short first line standing alone, else the file's name. */
trawl_status trawl_read_text(trawl_document *doc, const char *text, size_t len, trawl_error *err);

#endif
