/* metadata.c: manifests and front matter. */
#define _XOPEN_SOURCE 700
#include "readers/metadata.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/buf.h"
#include "common/fileio.h"
#include "readers/blocks.h"

/* Manifests larger than this are refused. */
#define MAX_MANIFEST_BYTES (64u << 20)
/* Front matter must close within this many bytes of the start. */
#define MAX_FRONT_MATTER 8192

void trawl_meta_clear(trawl_meta *m)
{
    free(m->title);
    free(m->url);
    free(m->language);
    free(m->kind);
    free(m->date);
    free(m->note);
    memset(m, 0, sizeof *m);
}

static int set(char **field, const char *value)
{
    if (!value)
        return 0;
    char *copy = trawl_strdup(value);
    if (!copy)
        return -1;
    free(*field);
    *field = copy;
    return 0;
}

trawl_status trawl_meta_merge(trawl_meta *to, const trawl_meta *from, trawl_error *err)
{
    if (set(&to->title, from->title) || set(&to->url, from->url) ||
        set(&to->language, from->language) || set(&to->kind, from->kind) ||
        set(&to->date, from->date) || set(&to->note, from->note))
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    return TRAWL_OK;
}

/* The field of `m` a column or key names ("lang" and "language" alike), or NULL. */
static char **field_named(trawl_meta *m, const char *name, size_t len)
{
    static const char *const names[] = {"title", "url",  "language",  "lang",
                                        "kind",  "date", "published", "note"};
    char **fields[] = {&m->title, &m->url,  &m->language, &m->language,
                       &m->kind,  &m->date, &m->date,     &m->note};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strlen(names[i]) == len && strncmp(names[i], name, len) == 0)
            return fields[i];
    return NULL;
}

struct trawl_manifest {
    char **files;         /* the file column, as written */
    trawl_meta *rows;     /* the rest of each row */
    size_t n;             /* rows */
    size_t cap, cap_rows; /* allocated entries of files and rows */
    char **warnings;      /* "PATH:LINE: ..." */
    size_t nwarnings, cap_warnings;
};

void trawl_manifest_free(trawl_manifest *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++) {
        free(m->files[i]);
        trawl_meta_clear(&m->rows[i]);
    }
    free(m->files);
    free(m->rows);
    for (size_t i = 0; i < m->nwarnings; i++)
        free(m->warnings[i]);
    free(m->warnings);
    free(m);
}

size_t trawl_manifest_warnings(const trawl_manifest *m)
{
    return m->nwarnings;
}

const char *trawl_manifest_warning(const trawl_manifest *m, size_t i)
{
    return i < m->nwarnings ? m->warnings[i] : NULL;
}

static bool warn(trawl_manifest *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Adds a warning; false when memory runs out. */
static bool warn(trawl_manifest *m, const char *fmt, ...)
{
    va_list ap;
    char line[1024];
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    char *copy = trawl_strdup(line);
    if (!copy || !trawl_array_grow((void **)&m->warnings, &m->cap_warnings, m->nwarnings,
                                   sizeof *m->warnings)) {
        free(copy);
        return false;
    }
    m->warnings[m->nwarnings++] = copy;
    return true;
}

/* Whether `file`, a manifest row's, names a file in the manifest's folder `dir` or in a folder
 * of it (corpus/MANIFEST.tsv describes corpus/docs/). */
static bool row_file_exists(const char *dir, const char *file)
{
    struct stat sb;
    trawl_buf path = TRAWL_BUF_INIT;
    trawl_buf_printf(&path, "%s/%s", dir, file);
    bool found = !path.failed && stat(path.data, &sb) == 0;
    DIR *d = found ? NULL : opendir(dir);
    for (struct dirent *e; d && !found && (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        trawl_buf_reset(&path);
        trawl_buf_printf(&path, "%s/%s/%s", dir, e->d_name, file);
        found = !path.failed && stat(path.data, &sb) == 0;
    }
    if (d)
        closedir(d);
    trawl_buf_free(&path);
    return found;
}

size_t trawl_manifest_size(const trawl_manifest *m)
{
    return m->n;
}

/* Splits a line at tabs in place; returns the number of fields (at most `max`). */
static size_t split_tabs(char *line, char **fields, size_t max)
{
    size_t n = 0;
    for (char *f = line; f && n < max;) {
        char *tab = strchr(f, '\t');
        if (tab)
            *tab++ = '\0';
        fields[n++] = f;
        f = tab;
    }
    return n;
}

trawl_status trawl_manifest_load(const char *path, trawl_manifest **m_out, trawl_error *err)
{
    char *data = NULL;
    size_t len = 0;
    *m_out = NULL;
    trawl_status st = trawl_read_file(path, MAX_MANIFEST_BYTES, &data, &len, err);
    if (st)
        return st;
    trawl_manifest *m = calloc(1, sizeof *m);
    if (!m) {
        free(data);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory reading %s", path);
    }
    /* The manifest's folder, where the files it names are. */
    const char *slash = strrchr(path, '/');
    char dir[4096];
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    if (slash == path)
        snprintf(dir, sizeof dir, "/");
    enum { MAX_COLUMNS = 32 };
    char *cols[MAX_COLUMNS], *fields[MAX_COLUMNS];
    size_t ncols = 0, file_col = MAX_COLUMNS;
    unsigned line_no = 0;
    size_t pos = 0, ls, le;
    while (!st && trawl_next_line(data, len, &pos, &ls, &le)) {
        line_no++;
        data[le] = '\0';
        char *line = data + ls;
        if (!*line || *line == '#')
            continue;
        if (!ncols) {
            ncols = split_tabs(line, cols, MAX_COLUMNS);
            for (size_t i = 0; i < ncols; i++) {
                trawl_meta none = {0};
                if (strcmp(cols[i], "file") == 0)
                    file_col = i;
                else if (!field_named(&none, cols[i], strlen(cols[i])) &&
                         !warn(m,
                               "%s:%u: unknown column '%s' ignored (read: file, title, url, "
                               "language, kind, date, note)",
                               path, line_no, cols[i]))
                    st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory reading %s", path);
            }
            if (file_col == MAX_COLUMNS)
                st = trawl_error_set(err, TRAWL_ERR_INPUT,
                                     "%s:%u: the header names no 'file' column", path, line_no);
            continue;
        }
        size_t n = split_tabs(line, fields, MAX_COLUMNS);
        if (n <= file_col || !*fields[file_col]) {
            st = trawl_error_set(err, TRAWL_ERR_INPUT, "%s:%u: no file name", path, line_no);
            break;
        }
        for (size_t i = 0; i < m->n; i++)
            if (strcmp(m->files[i], fields[file_col]) == 0)
                st = trawl_error_set(err, TRAWL_ERR_INPUT, "%s:%u: '%s' is listed twice", path,
                                     line_no, fields[file_col]);
        if (st)
            break;
        if (!trawl_array_grow((void **)&m->files, &m->cap, m->n, sizeof *m->files) ||
            !trawl_array_grow((void **)&m->rows, &m->cap_rows, m->n, sizeof *m->rows)) {
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory reading %s", path);
            break;
        }
        trawl_meta *row = &m->rows[m->n];
        memset(row, 0, sizeof *row);
        if (!(m->files[m->n] = trawl_strdup(fields[file_col]))) {
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory reading %s", path);
            break;
        }
        m->n++;
        if (!row_file_exists(dir, fields[file_col]) &&
            !warn(m, "%s:%u: '%s' names no file here", path, line_no, fields[file_col]))
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory reading %s", path);
        for (size_t i = 0; i < n && i < ncols; i++) {
            char **f = field_named(row, cols[i], strlen(cols[i]));
            if (f && *fields[i] && set(f, fields[i]))
                st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory reading %s", path);
        }
    }
    free(data);
    if (!st && !ncols)
        st = trawl_error_set(err, TRAWL_ERR_INPUT, "%s: empty manifest", path);
    if (st) {
        trawl_manifest_free(m);
        return st;
    }
    *m_out = m;
    return TRAWL_OK;
}

const trawl_meta *trawl_manifest_find(const trawl_manifest *m, const char *path)
{
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->files[i], path) == 0)
            return &m->rows[i];
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    for (size_t i = 0; i < m->n; i++) {
        const char *b = strrchr(m->files[i], '/');
        if (strcmp(b ? b + 1 : m->files[i], base) == 0)
            return &m->rows[i];
    }
    return NULL;
}

trawl_status trawl_front_matter(char *text, size_t len, trawl_meta *meta, trawl_error *err)
{
    size_t pos = 0, ls, le;
    if (!trawl_next_line(text, len, &pos, &ls, &le) || le - ls != 3 || memcmp(text, "---", 3))
        return TRAWL_OK;
    /* Find the closing line first: without one, this is not front matter. */
    size_t end = 0, p = pos;
    while (p < len && p < MAX_FRONT_MATTER && trawl_next_line(text, len, &p, &ls, &le)) {
        if (le - ls == 3 && memcmp(text + ls, "---", 3) == 0) {
            end = p;
            break;
        }
    }
    if (!end)
        return TRAWL_OK;
    trawl_meta found = {0};
    trawl_status st = TRAWL_OK;
    p = pos;
    while (!st && p < end && trawl_next_line(text, end, &p, &ls, &le)) {
        const char *colon = memchr(text + ls, ':', le - ls);
        if (!colon)
            continue;
        size_t ks = ls, ke = (size_t)(colon - text), vs = ke + 1, ve = le;
        trawl_trim(text, &ks, &ke);
        trawl_trim(text, &vs, &ve);
        /* A YAML value may be quoted: "2024-05-29", 'A title: with a colon'. */
        if (ve - vs >= 2 && (text[vs] == '"' || text[vs] == '\'') && text[ve - 1] == text[vs]) {
            vs++;
            ve--;
        }
        char **f = field_named(&found, text + ks, ke - ks);
        if (f && ve > vs) {
            char *v = trawl_strndup(text + vs, ve - vs);
            if (!v)
                st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
            free(*f);
            *f = v;
        }
    }
    if (!st)
        st = trawl_meta_merge(meta, &found, err);
    trawl_meta_clear(&found);
    for (size_t i = 0; !st && i < end; i++)
        if (text[i] != '\n' && text[i] != '\r')
            text[i] = ' ';
    return st;
}
