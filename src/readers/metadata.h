/* metadata.h: what is known about a document besides its text: title, URL, language, kind,
 * publication date, note. It comes from a MANIFEST.tsv beside the documents (a header row
 * naming the columns: file, title, url, language, kind, date, note; one row per file) or from
 * a front-matter block at the top of the file itself:
 *
 *     ---
 *     title: Wenzhou Intl Communication Center launched
 *     url: https://example.org/wenzhou
 *     lang: en
 *     kind: news
 *     date: 2024-05-29
 *     ---
 *
 * Front matter wins over the manifest, which wins over what a reader finds in the text.
 * "published" names the date too, and "lang" the language.
 * A manifest is read-only once loaded: several threads may share one. */
#ifndef TRAWL_METADATA_H
#define TRAWL_METADATA_H

#include <stddef.h>

#include "common/status.h"

typedef struct trawl_meta {
    char *title;    /* NULL when unknown */
    char *url;      /* NULL when unknown */
    char *language; /* ISO 639-1 ("en", "zh"), NULL when unknown */
    char *kind;     /* "news", "analysis", ...; NULL when unknown */
    char *date;     /* the publication date as written (dates.h reads it); NULL when unknown */
    char *note;     /* NULL when none */
} trawl_meta;

/* Frees the strings of `m` (not `m` itself) and clears them. */
void trawl_meta_clear(trawl_meta *m);

/* Copies the fields set in `from` over those of `to`. */
trawl_status trawl_meta_merge(trawl_meta *to, const trawl_meta *from, trawl_error *err);

typedef struct trawl_manifest trawl_manifest;

/* Loads a manifest. Messages name the file and line: no "file" column, a row with too few
 * fields, a duplicate file. What it loads despite a problem is said in warnings: a column it
 * does not read, a row naming a file that is neither in the manifest's folder nor in a folder
 * of it. */
trawl_status trawl_manifest_load(const char *path, trawl_manifest **m_out, trawl_error *err);
void trawl_manifest_free(trawl_manifest *m);
/* The warnings of the load ("PATH:LINE: ..."), owned by the manifest. */
size_t trawl_manifest_warnings(const trawl_manifest *m);
const char *trawl_manifest_warning(const trawl_manifest *m, size_t i);

/* The row of the document at `path` (relative to the manifest's folder), else the row whose
 * file has the same name; NULL when none. Owned by the manifest. */
const trawl_meta *trawl_manifest_find(const trawl_manifest *m, const char *path);
size_t trawl_manifest_size(const trawl_manifest *m);

/* Reads a front-matter block at the start of `text` (which may be changed): its fields go to
 * `meta`, and the block is blanked to spaces (line breaks kept), so that byte offsets in the
 * file stay true. Returns TRAWL_OK (and leaves everything alone) when there is none. */
trawl_status trawl_front_matter(char *text, size_t len, trawl_meta *meta, trawl_error *err);

#endif
