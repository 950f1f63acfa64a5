/* reader.c: checks, repair, format choice. */
#include "readers/reader.h"

#include <stdlib.h>
#include <string.h>

#include "common/fileio.h"
#include "readers/formats.h"
#include "text/utf8.h"

const char *trawl_format_name(trawl_format format)
{
    switch (format) {
    case TRAWL_FORMAT_WIKI:
        return "wiki";
    case TRAWL_FORMAT_TEXT:
        return "text";
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

bool trawl_reader_wants_path(const char *path)
{
    static const char *const exts[] = {"txt", "text", "wiki"};
    const char *ext = extension(path);
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++)
        if (strcmp(ext, exts[i]) == 0)
            return true;
    return false;
}

trawl_format trawl_detect_format(const char *path, const char *data, size_t len)
{
    if (trawl_looks_like_wiki(data, len))
        return TRAWL_FORMAT_WIKI;
    if (trawl_reader_wants_path(path))
        return TRAWL_FORMAT_TEXT;
    return TRAWL_FORMAT_UNKNOWN;
}

static bool is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!strchr(" \t\r\n\f\v", s[i]))
            return false;
    return true;
}

/* Parses `*data` as document `relpath`; messages name `label` (the file as the user gave it). */
static trawl_status parse(const char *label, const char *relpath, const trawl_meta *meta,
                          char **data, size_t *len, trawl_document **doc_out, trawl_read_info *info,
                          trawl_error *err)
{
    trawl_meta front = {0};
    trawl_status st;
    trawl_document *doc = NULL;
    *doc_out = NULL;
    info->bytes = *len;
    info->replaced = 0;
    info->format = TRAWL_FORMAT_UNKNOWN;
    const char *nul = memchr(*data, '\0', *len);
    if (nul)
        return trawl_error_set(err, TRAWL_ERR_INPUT, "%s: binary file (NUL byte at offset %zu)",
                               label, (size_t)(nul - *data));
    if (is_blank(*data, *len))
        return trawl_error_set(err, TRAWL_ERR_INPUT, "%s: empty file", label);
    trawl_error why;
    if ((st = trawl_utf8_sanitize(data, len, &info->replaced, &why)))
        return trawl_error_set(err, st, "%s: %s", label, why.message);
    /* A byte order mark becomes three spaces, which readers trim: offsets stay exact. */
    if (*len >= 3 && memcmp(*data, "\xEF\xBB\xBF", 3) == 0)
        memset(*data, ' ', 3);
    char *start = *data + strspn(*data, " ");
    if ((st = trawl_front_matter(start, *len - (size_t)(start - *data), &front, err)))
        return st;
    info->format = trawl_detect_format(relpath, *data, *len);
    if (info->format == TRAWL_FORMAT_UNKNOWN) {
        st = trawl_error_set(err, TRAWL_ERR_INPUT, "%s: unsupported file type", label);
        goto cleanup;
    }
    if ((st = trawl_document_new(relpath, &doc, err)))
        goto cleanup;
    st = info->format == TRAWL_FORMAT_WIKI ? trawl_read_wiki(doc, *data, *len, err)
                                           : trawl_read_text(doc, *data, *len, err);
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
    return parse(relpath, relpath, meta, data, len, doc_out, info, err);
}

trawl_status trawl_read_document(const char *file, const char *relpath, const trawl_meta *meta,
                                 trawl_document **doc_out, trawl_read_info *info, trawl_error *err)
{
    char *data = NULL;
    size_t len = 0;
    *doc_out = NULL;
    trawl_status st = trawl_read_file(file, TRAWL_MAX_FILE_BYTES, &data, &len, err);
    if (st == TRAWL_OK)
        st = parse(file, relpath, meta, &data, &len, doc_out, info, err);
    free(data);
    return st;
}
