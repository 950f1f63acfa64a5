/* reader.h: from a file to a trawl_document. Reads the bytes, refuses what cannot be text
 * (binary, empty, too large), repairs invalid UTF-8 (counting the repairs so the caller can
 * warn), chooses the reader by content and extension (text of any other extension is plain
 * text), and runs it. */
#ifndef TRAWL_READER_H
#define TRAWL_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "common/status.h"
#include "readers/document.h"

typedef enum trawl_format {
    TRAWL_FORMAT_UNKNOWN,  /* not a format Trawl reads */
    TRAWL_FORMAT_WIKI,     /* "= Title =" wiki-style text */
    TRAWL_FORMAT_TEXT,     /* plain text */
    TRAWL_FORMAT_HTML,     /* HTML */
    TRAWL_FORMAT_MARKDOWN, /* Markdown */
    TRAWL_FORMAT_PDF       /* PDF */
} trawl_format;

/* Files larger than this are refused (a one-line error; nothing is indexed from them). */
#define TRAWL_MAX_FILE_BYTES ((size_t)256 << 20)

/* "wiki", "text", "html", "markdown", "pdf", "unknown". Static storage. */
const char *trawl_format_name(trawl_format format);

/* The format of `data` (valid UTF-8) named `path`: content first ("= Title =" is wiki, a
 * doctype or <html> is HTML, whatever the extension), then extension (.html/.htm, .md/
 * .markdown), plain text otherwise (.txt, .rst, .csv, no extension ...). */
trawl_format trawl_detect_format(const char *path, const char *data, size_t len);

typedef struct trawl_read_info {
    trawl_format format; /* the reader that was used */
    size_t bytes;        /* bytes read from the file */
    size_t replaced;     /* invalid UTF-8 sequences replaced by U+FFFD */
    bool binary;         /* refused as not text */
    char hash[17];       /* FNV-1a 64 of the bytes as read, hex: what changed-file checks use */
} trawl_read_info;

/* The hash trawl_read_info reports, of any bytes, into `hash` (17 bytes). */
void trawl_bytes_hash(const char *data, size_t len, char *hash);

/* Reads the file `file` as the document `relpath` (its path relative to the corpus root).
 * `meta` (may be NULL), from a manifest, overrides what the text says (title); a front-matter
 * block in the file overrides both. `*doc_out` belongs to the caller. TRAWL_ERR_INPUT:
 * empty, binary (`info->binary`: a NUL byte, or too many control bytes and invalid UTF-8
 * sequences for text) or too large; TRAWL_ERR_IO: unreadable. Messages name `file`. */
trawl_status trawl_read_document(const char *file, const char *relpath, const trawl_meta *meta,
                                 trawl_document **doc_out, trawl_read_info *info, trawl_error *err);

/* trawl_read_document in two steps, for a caller that decides from the bytes' hash whether to
 * parse at all: trawl_read_bytes reads `file` (`*data_out` malloc'd, the caller frees it) and
 * sets `info->bytes` and `info->hash` (failing as trawl_read_document does when it cannot be
 * read or is too large); trawl_parse_read parses those bytes, with the `info` that call
 * filled, as trawl_read_document would (and may repair them in place: `*data` may be
 * replaced). */
trawl_status trawl_read_bytes(const char *file, char **data_out, size_t *len_out,
                              trawl_read_info *info, trawl_error *err);
trawl_status trawl_parse_read(const char *file, const char *relpath, const trawl_meta *meta,
                              char **data, size_t *len, trawl_document **doc_out,
                              trawl_read_info *info, trawl_error *err);

/* The same from bytes in memory, named by `relpath` in messages (which this call may repair in
 * place: `*data` must be malloc'd and may be replaced). */
trawl_status trawl_parse_document(const char *relpath, const trawl_meta *meta, char **data,
                                  size_t *len, trawl_document **doc_out, trawl_read_info *info,
                                  trawl_error *err);

#endif
