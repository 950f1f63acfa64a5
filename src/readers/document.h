/* document.h: a document as readers produce it and the indexer consumes it: metadata (path,
 * title, URL, language, publication date), an ordered list of text blocks (paragraphs, list
 * items) each with its section path, byte offset in the source and page (for PDFs), and the
 * links the document makes.
 * A document is used by one thread at a time; a finished one may be handed to another thread. */
#ifndef TRAWL_DOCUMENT_H
#define TRAWL_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "common/status.h"
#include "readers/metadata.h"

typedef enum trawl_block_kind {
    TRAWL_BLOCK_PARAGRAPH, /* running text */
    TRAWL_BLOCK_LIST_ITEM  /* one item of a list, without its marker */
} trawl_block_kind;

/* No section: the block comes before the first heading. */
#define TRAWL_NO_SECTION ((size_t)-1)

typedef struct trawl_block {
    trawl_block_kind kind;
    char *text;     /* the block's source text, verbatim (inner newlines kept); owned by doc */
    size_t len;     /* bytes of text */
    size_t offset;  /* byte offset of text in the source file (after UTF-8 repair) */
    size_t section; /* index into the document's sections, or TRAWL_NO_SECTION */
    unsigned page;  /* its page (1-based) in a paged source (PDF); 0 for others */
} trawl_block;

typedef struct trawl_link {
    char *text;   /* the link's text as written; owned by doc */
    char *target; /* a URL or the title of another document; owned by doc */
} trawl_link;

typedef struct trawl_document trawl_document;

/* A new empty document for `path` (relative to the corpus root: it makes passage ids). */
trawl_status trawl_document_new(const char *path, trawl_document **doc_out, trawl_error *err);
void trawl_document_free(trawl_document *doc);

/* Accessors: returned strings are owned by the document and live as long as it. */
const char *trawl_document_path(const trawl_document *doc);
const char *trawl_document_title(const trawl_document *doc);    /* "" when unset */
const char *trawl_document_url(const trawl_document *doc);      /* "" when unset */
const char *trawl_document_language(const trawl_document *doc); /* "" when unset */
const char *trawl_document_kind(const trawl_document *doc);     /* "" when unset */
const char *trawl_document_note(const trawl_document *doc);     /* "" when unset */
/* The publication date in its normal form (dates.h: "2024", "2024-05", "2024-05-29"); "" when
 * unknown. */
const char *trawl_document_published(const trawl_document *doc);
/* Why a date given for the document was not taken ("publication date 'next Tuesday' not
 * understood"), for a warning naming the file; "" when none was refused. */
const char *trawl_document_date_problem(const trawl_document *doc);
size_t trawl_document_block_count(const trawl_document *doc);
const trawl_block *trawl_document_block(const trawl_document *doc, size_t i);
size_t trawl_document_section_count(const trawl_document *doc);
/* The section's path from the top heading down, joined by " > ". */
const char *trawl_document_section(const trawl_document *doc, size_t i);
size_t trawl_document_link_count(const trawl_document *doc);
const trawl_link *trawl_document_link(const trawl_document *doc, size_t i);

/* Builders (copy their arguments). */
trawl_status trawl_document_set_title(trawl_document *doc, const char *s, size_t len);
trawl_status trawl_document_set_url(trawl_document *doc, const char *s);
trawl_status trawl_document_set_language(trawl_document *doc, const char *s);
/* Sets the publication date from `len` bytes as written (dates.h reads them), unless they are no
 * date: the date is then left as it was, and trawl_document_date_problem says why. */
trawl_status trawl_document_set_date(trawl_document *doc, const char *s, size_t len);
/* Sets every field `meta` gives (title, URL, language, kind, date, note). */
trawl_status trawl_document_apply(trawl_document *doc, const trawl_meta *meta);
/* Opens a section at heading `level` (1 = top): the section path keeps the open headings of
 * lower levels and replaces the rest. Later blocks belong to it. */
trawl_status trawl_document_begin_section(trawl_document *doc, unsigned level, const char *heading,
                                          size_t len);
/* Whether each block's text is the source's bytes at its offset, as the plain text, wiki and PDF
 * readers keep them (then an offset inside a block is an offset in the source); Markdown and HTML
 * blocks are their inline text, whose offsets inside are not the source's. False until set. */
void trawl_document_set_verbatim(trawl_document *doc, bool verbatim);
bool trawl_document_verbatim(const trawl_document *doc);
/* Later blocks are on page `page` (1-based; 0: the source has no pages). */
void trawl_document_set_page(trawl_document *doc, unsigned page);
/* The heading text of the current innermost section ("" when none). */
const char *trawl_document_current_heading(const trawl_document *doc);
trawl_status trawl_document_add_block(trawl_document *doc, trawl_block_kind kind, const char *text,
                                      size_t len, size_t offset);
trawl_status trawl_document_add_link(trawl_document *doc, const char *text, size_t text_len,
                                     const char *target, size_t target_len);

#endif
