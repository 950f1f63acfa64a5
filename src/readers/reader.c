/* reader.c: checks, repair, format choice. */
#include "readers/reader.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/fileio.h"
#include "common/hash.h"
#include "readers/formats.h"
#include "text/utf8.h"

const char *trawl_format_name(trawl_format format)
{
    switch (format) {
    case TRAWL_FORMAT_WIKI:
        return "wiki";
    case TRAWL_FORMAT_TEXT:
        return "text";
    case TRAWL_FORMAT_HTML:
        return "html";
    case TRAWL_FORMAT_MARKDOWN:
        return "markdown";
    case TRAWL_FORMAT_PDF:
        return "pdf";
    default:
        return "unknown";
    }
}

static const char *extension(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? dot + 1 : "";
}

/* The format a file's extension names (case-insensitive). */
static trawl_format format_of_extension(const char *path)
{
    static const struct {
        const char *ext;
        trawl_format format;
    } exts[] = {{"txt", TRAWL_FORMAT_TEXT},    {"text", TRAWL_FORMAT_TEXT},
                {"wiki", TRAWL_FORMAT_TEXT},   {"html", TRAWL_FORMAT_HTML},
                {"htm", TRAWL_FORMAT_HTML},    {"xhtml", TRAWL_FORMAT_HTML},
                {"md", TRAWL_FORMAT_MARKDOWN}, {"markdown", TRAWL_FORMAT_MARKDOWN},
                {"pdf", TRAWL_FORMAT_PDF}};
    const char *ext = extension(path);
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
        size_t n = strlen(exts[i].ext), k = 0;
        while (k < n && ext[k] && (ext[k] | 0x20) == exts[i].ext[k])
            k++;
        if (k == n && !ext[k])
            return exts[i].format;
    }
    return TRAWL_FORMAT_UNKNOWN;
}

trawl_format trawl_detect_format(const char *path, const char *data, size_t len)
{
    if (trawl_looks_like_wiki(data, len))
        return TRAWL_FORMAT_WIKI;
    if (trawl_looks_like_html(data, len))
        return TRAWL_FORMAT_HTML;
    trawl_format f = format_of_extension(path);
    return f == TRAWL_FORMAT_UNKNOWN ? TRAWL_FORMAT_TEXT : f;
}

/* Bytes of the start of a file that decide whether it is text. */
#define SAMPLE_BYTES 8192

/* Whether `data` is not text: a NUL byte anywhere, or, in its first SAMPLE_BYTES, more than
 * one byte in ten that is a control character (other than tab, line and page breaks and
 * escape) or part of an invalid UTF-8 sequence. A Latin-1 text keeps well below that (its
 * accented letters are repaired as U+FFFD); images, archives and executables do not.
 * `*nul_at` receives the offset of a NUL byte, or `len`. */
static bool looks_binary(const char *data, size_t len, size_t *nul_at)
{
    const char *nul = memchr(data, '\0', len);
    *nul_at = nul ? (size_t)(nul - data) : len;
    if (nul)
        return true;
    size_t n = len < SAMPLE_BYTES ? len : SAMPLE_BYTES, odd = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)data[i];
        size_t seq = trawl_utf8_valid_length(data + i, n - i);
        if (seq == 0) {
            /* a sequence cut by the sample's end is not counted */
            odd += n - i >= 4;
            i++;
        } else {
            odd += c < 0x20 && !strchr("\t\n\r\f\v\x1b", c);
            i += seq;
        }
    }
    return odd * 10 > n;
}

void trawl_bytes_hash(const char *data, size_t len, char *hash)
{
    trawl_fnv64_hex(data, len, hash);
}

/* A document without a title of its own is named after its file. */
static trawl_status title_from_path(trawl_document *doc, trawl_error *err)
{
    const char *path = trawl_document_path(doc);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    if (trawl_document_set_title(doc, base, n))
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    return TRAWL_OK;
}

static bool is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!strchr(" \t\r\n\f\v", s[i]))
            return false;
    return true;
}

/* A PDF's bytes as document `relpath`: its metadata, then the manifest's row, give the title
 * and date. */
static trawl_status parse_pdf(const char *label, const char *relpath, const trawl_meta *meta,
                              const char *data, size_t len, trawl_document **doc_out,
                              trawl_read_info *info, trawl_error *err)
{
    trawl_document *doc = NULL;
    trawl_error why;
    info->format = TRAWL_FORMAT_PDF;
    trawl_status st = trawl_document_new(relpath, &doc, err);
    if (!st && (st = trawl_read_pdf(doc, data, len, &why)))
        trawl_error_set(err, st, "%s: %s", label, why.message);
    if (!st && !*trawl_document_title(doc))
        st = title_from_path(doc, err);
    if (!st && meta && trawl_document_apply(doc, meta))
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "%s: out of memory", label);
    if (st)
        trawl_document_free(doc);
    else
        *doc_out = doc;
    return st;
}

/* Parses `*data` as document `relpath`; messages name `label` (the file as the user gave it).
 * `info->bytes` and `info->hash` are the caller's: set from the bytes as read. */
static trawl_status parse(const char *label, const char *relpath, const trawl_meta *meta,
                          char **data, size_t *len, trawl_document **doc_out, trawl_read_info *info,
                          trawl_error *err)
{
    trawl_meta front = {0};
    trawl_status st;
    trawl_document *doc = NULL;
    *doc_out = NULL;
    info->replaced = 0;
    info->format = TRAWL_FORMAT_UNKNOWN;
    info->binary = false;
    if (trawl_looks_like_pdf(*data, *len) || format_of_extension(relpath) == TRAWL_FORMAT_PDF)
        return parse_pdf(label, relpath, meta, *data, *len, doc_out, info, err);
    size_t nul = 0;
    if (looks_binary(*data, *len, &nul)) {
        info->binary = true;
        if (nul < *len)
            return trawl_error_set(err, TRAWL_ERR_INPUT, "%s: binary file (NUL byte at offset %zu)",
                                   label, nul);
        return trawl_error_set(err, TRAWL_ERR_INPUT, "%s: binary file (not text)", label);
    }
    if (is_blank(*data, *len))
        return trawl_error_set(err, TRAWL_ERR_INPUT, "%s: empty file", label);
    trawl_error why;
    if ((st = trawl_utf8_sanitize(data, len, &info->replaced, &why)))
        return trawl_error_set(err, st, "%s: %s", label, why.message);
    /* A byte order mark becomes three spaces, which readers trim: offsets stay exact. */
    if (*len >= 3 && memcmp(*data, "\xEF\xBB\xBF", 3) == 0)
        memset(*data, ' ', 3);
    char *start = *data + strspn(*data, " ");
    if ((st = trawl_front_matter(start, *len - (size_t)(start - *data), &front, &why))) {
        trawl_meta_clear(&front); /* the fields read before the failure */
        return trawl_error_set(err, st, "%s: %s", label, why.message);
    }
    info->format = trawl_detect_format(relpath, *data, *len);
    if ((st = trawl_document_new(relpath, &doc, err)))
        goto cleanup;
    switch (info->format) {
    case TRAWL_FORMAT_WIKI:
        st = trawl_read_wiki(doc, *data, *len, &why);
        break;
    case TRAWL_FORMAT_HTML:
        st = trawl_read_html(doc, *data, *len, &why);
        break;
    case TRAWL_FORMAT_MARKDOWN:
        st = trawl_read_markdown(doc, *data, *len, &why);
        break;
    default:
        st = trawl_read_text(doc, *data, *len, &why);
    }
    if (st) {
        trawl_error_set(err, st, "%s: %s", label, why.message);
        goto cleanup;
    }
    if (!st && !*trawl_document_title(doc))
        st = title_from_path(doc, err);
    if (!st && ((meta && trawl_document_apply(doc, meta)) || trawl_document_apply(doc, &front)))
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "%s: out of memory", label);
    if (st)
        goto cleanup;
    *doc_out = doc;
    doc = NULL;
cleanup:
    trawl_document_free(doc);
    trawl_meta_clear(&front);
    return st;
}

trawl_status trawl_parse_document(const char *relpath, const trawl_meta *meta, char **data,
                                  size_t *len, trawl_document **doc_out, trawl_read_info *info,
                                  trawl_error *err)
{
    info->bytes = *len;
    trawl_bytes_hash(*data, *len, info->hash);
    return parse(relpath, relpath, meta, data, len, doc_out, info, err);
}

trawl_status trawl_read_bytes(const char *file, char **data_out, size_t *len_out,
                              trawl_read_info *info, trawl_error *err)
{
    trawl_status st = trawl_read_file(file, TRAWL_MAX_FILE_BYTES, data_out, len_out, err);
    if (st == TRAWL_OK) {
        info->bytes = *len_out;
        trawl_bytes_hash(*data_out, *len_out, info->hash);
    }
    return st;
}

trawl_status trawl_parse_read(const char *file, const char *relpath, const trawl_meta *meta,
                              char **data, size_t *len, trawl_document **doc_out,
                              trawl_read_info *info, trawl_error *err)
{
    return parse(file, relpath, meta, data, len, doc_out, info, err);
}

trawl_status trawl_read_document(const char *file, const char *relpath, const trawl_meta *meta,
                                 trawl_document **doc_out, trawl_read_info *info, trawl_error *err)
{
    char *data = NULL;
    size_t len = 0;
    *doc_out = NULL;
    trawl_status st = trawl_read_bytes(file, &data, &len, info, err);
    if (st == TRAWL_OK)
        st = parse(file, relpath, meta, &data, &len, doc_out, info, err);
    free(data);
    return st;
}
