/* gazetteer.c: parsing and checking the three tables. */
#include "facets/gazetteer.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/fileio.h"

/* The files, in the order they are loaded and serialised. */
static const char *const files[] = {"provinces.tsv", "cities.tsv", "centers.tsv"};
enum { NFILES = 3, MAX_GAZETTEER_BYTES = 16 << 20 };

/* In the serialised text each file's content follows this byte and its name on a line. */
#define SECTION_MARK '\x1e'

struct trawl_gazetteer {
    char *text;                /* serialised tables (what the index stores) */
    size_t len;                /* its length */
    char hash[17];             /* FNV-1a 64 of text, hex */
    trawl_province *provinces; /* in file order */
    size_t nprovinces, cprovinces;
    trawl_city *cities;
    size_t ncities, ccities;
    trawl_center *centers;
    size_t ncenters, ccenters;
};

static void names_free(trawl_names *n)
{
    for (size_t i = 0; i < n->n; i++)
        free(n->items[i]);
    free(n->items);
}

void trawl_gazetteer_free(trawl_gazetteer *gz)
{
    if (!gz)
        return;
    for (size_t i = 0; i < gz->nprovinces; i++) {
        free(gz->provinces[i].key);
        free(gz->provinces[i].name);
        free(gz->provinces[i].kind);
        names_free(&gz->provinces[i].aliases);
    }
    for (size_t i = 0; i < gz->ncities; i++) {
        free(gz->cities[i].key);
        free(gz->cities[i].province);
        free(gz->cities[i].name);
        names_free(&gz->cities[i].aliases);
    }
    for (size_t i = 0; i < gz->ncenters; i++) {
        free(gz->centers[i].key);
        free(gz->centers[i].name);
        free(gz->centers[i].province);
        free(gz->centers[i].place);
        names_free(&gz->centers[i].aliases);
        names_free(&gz->centers[i].operators);
    }
    free(gz->provinces);
    free(gz->cities);
    free(gz->centers);
    free(gz->text);
    free(gz);
}

/* One row being parsed: its fields, split at tabs (in place). */
typedef struct row {
    char *fields[8];
    size_t n;
    const char *file;
    unsigned line;
} row;

static trawl_status bad(trawl_error *err, const row *r, const char *what)
{
    return trawl_error_set(err, TRAWL_ERR_INPUT, "gazetteer %s:%u: %s", r->file, r->line, what);
}

static trawl_status nomem(trawl_error *err)
{
    return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory loading the gazetteer");
}

/* Splits "a|b|c" into names; "-" and "" give none. */
static trawl_status split_names(const char *s, trawl_names *out, trawl_error *err)
{
    size_t cap = 0;
    out->items = NULL;
    out->n = 0;
    if (strcmp(s, "-") == 0)
        return TRAWL_OK;
    while (*s) {
        const char *bar = strchr(s, '|');
        size_t len = bar ? (size_t)(bar - s) : strlen(s);
        if (len > 0) {
            if (!trawl_array_grow((void **)&out->items, &cap, out->n, sizeof *out->items) ||
                !(out->items[out->n] = trawl_strndup(s, len)))
                return nomem(err);
            out->n++;
        }
        s += len + (bar ? 1 : 0);
    }
    return TRAWL_OK;
}

/* A copy of a key column; "-" gives NULL. */
static char *opt_key(const char *s, int *failed)
{
    if (strcmp(s, "-") == 0)
        return NULL;
    char *c = trawl_strdup(s);
    if (!c)
        *failed = 1;
    return c;
}

static trawl_status add_row(trawl_gazetteer *gz, int file, row *r, trawl_error *err)
{
    static const size_t columns[NFILES] = {4, 4, 6};
    if (r->n != columns[file]) {
        char msg[64];
        snprintf(msg, sizeof msg, "expected %zu tab-separated columns, found %zu", columns[file],
                 r->n);
        return bad(err, r, msg);
    }
    for (size_t i = 0; i < r->n; i++)
        if (!*r->fields[i])
            return bad(err, r, "empty column");
    int failed = 0;
    trawl_status st = TRAWL_OK;
    if (file == 0) {
        if (!trawl_array_grow((void **)&gz->provinces, &gz->cprovinces, gz->nprovinces,
                              sizeof *gz->provinces))
            return nomem(err);
        trawl_province *p = &gz->provinces[gz->nprovinces++];
        memset(p, 0, sizeof *p);
        p->key = opt_key(r->fields[0], &failed);
        p->name = opt_key(r->fields[1], &failed);
        p->kind = opt_key(r->fields[2], &failed);
        st = split_names(r->fields[3], &p->aliases, err);
    } else if (file == 1) {
        if (!trawl_array_grow((void **)&gz->cities, &gz->ccities, gz->ncities, sizeof *gz->cities))
            return nomem(err);
        trawl_city *c = &gz->cities[gz->ncities++];
        memset(c, 0, sizeof *c);
        c->key = opt_key(r->fields[0], &failed);
        c->province = opt_key(r->fields[1], &failed);
        c->name = opt_key(r->fields[2], &failed);
        st = split_names(r->fields[3], &c->aliases, err);
        if (!st && !failed && !trawl_gazetteer_province(gz, c->province))
            return bad(err, r, "unknown province");
    } else {
        if (!trawl_array_grow((void **)&gz->centers, &gz->ccenters, gz->ncenters,
                              sizeof *gz->centers))
            return nomem(err);
        trawl_center *c = &gz->centers[gz->ncenters++];
        memset(c, 0, sizeof *c);
        c->key = opt_key(r->fields[0], &failed);
        c->name = opt_key(r->fields[1], &failed);
        c->province = opt_key(r->fields[2], &failed);
        c->place = opt_key(r->fields[3], &failed);
        if (!(st = split_names(r->fields[4], &c->aliases, err)))
            st = split_names(r->fields[5], &c->operators, err);
        if (!st && !failed && c->province && !trawl_gazetteer_province(gz, c->province))
            return bad(err, r, "unknown province");
        if (!st && !failed && c->place && !trawl_gazetteer_place_province(gz, c->place))
            return bad(err, r, "unknown place");
    }
    if (failed)
        return nomem(err);
    return st;
}

static int key_taken(const trawl_gazetteer *gz, int file, const char *key)
{
    if (file == 0)
        return trawl_gazetteer_province(gz, key) != NULL;
    if (file == 1)
        return trawl_gazetteer_city(gz, key) != NULL;
    return trawl_gazetteer_center(gz, key) != NULL;
}

/* Parses one file's content (modified in place). */
static trawl_status parse_file(trawl_gazetteer *gz, int file, char *content, trawl_error *err)
{
    row r = {{0}, 0, files[file], 0};
    int header = 0;
    for (char *line = content; line;) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        r.line++;
        size_t len = strlen(line);
        if (len && line[len - 1] == '\r')
            line[--len] = '\0';
        if (len == 0 || line[0] == '#') {
            line = next;
            continue;
        }
        if (!header) { /* the column names */
            header = 1;
            line = next;
            continue;
        }
        r.n = 0;
        for (char *f = line; f && r.n < 8;) {
            char *tab = strchr(f, '\t');
            if (tab)
                *tab++ = '\0';
            r.fields[r.n++] = f;
            f = tab;
        }
        if (key_taken(gz, file, r.fields[0]))
            return bad(err, &r, "duplicate key");
        trawl_status st = add_row(gz, file, &r, err);
        if (st)
            return st;
        line = next;
    }
    return TRAWL_OK;
}

static trawl_status finish(trawl_gazetteer *gz, trawl_error *err)
{
    /* Parse a scratch copy per section: fields are cut in place. */
    char *copy = trawl_strndup(gz->text, gz->len);
    if (!copy)
        return nomem(err);
    trawl_status st = TRAWL_OK;
    int seen = 0;
    for (char *mark = strchr(copy, SECTION_MARK); mark && !st;) {
        char *name = mark + 1;
        char *nl = strchr(name, '\n');
        char *end = nl ? strchr(nl, SECTION_MARK) : NULL;
        if (!nl)
            break;
        *nl = '\0';
        if (end)
            *end = '\0';
        int file = -1;
        for (int f = 0; f < NFILES; f++)
            if (strcmp(name, files[f]) == 0)
                file = f;
        if (file != seen) {
            st =
                trawl_error_set(err, TRAWL_ERR_INPUT, "gazetteer: section '%s' out of order", name);
            break;
        }
        st = parse_file(gz, file, nl + 1, err);
        seen++;
        mark = end;
    }
    free(copy);
    if (!st && seen != NFILES)
        st =
            trawl_error_set(err, TRAWL_ERR_INPUT, "gazetteer: %d of %d tables found", seen, NFILES);
    if (!st) {
        uint64_t h = 0xcbf29ce484222325ULL;
        for (size_t i = 0; i < gz->len; i++) {
            h ^= (unsigned char)gz->text[i];
            h *= 0x100000001b3ULL;
        }
        snprintf(gz->hash, sizeof gz->hash, "%016llx", (unsigned long long)h);
    }
    return st;
}

trawl_status trawl_gazetteer_load_text(const char *text, size_t len, trawl_gazetteer **gz_out,
                                       trawl_error *err)
{
    *gz_out = NULL;
    trawl_gazetteer *gz = calloc(1, sizeof *gz);
    if (!gz || !(gz->text = trawl_strndup(text, len))) {
        free(gz);
        return nomem(err);
    }
    gz->len = len;
    trawl_status st = finish(gz, err);
    if (st) {
        trawl_gazetteer_free(gz);
        return st;
    }
    *gz_out = gz;
    return TRAWL_OK;
}

trawl_status trawl_gazetteer_load_dir(const char *dir, trawl_gazetteer **gz_out, trawl_error *err)
{
    trawl_buf text = TRAWL_BUF_INIT, path = TRAWL_BUF_INIT;
    trawl_status st = TRAWL_OK;
    *gz_out = NULL;
    for (int f = 0; f < NFILES && !st; f++) {
        char *data = NULL;
        size_t len = 0;
        trawl_buf_reset(&path);
        trawl_buf_printf(&path, "%s/%s", dir, files[f]);
        trawl_error why;
        if ((st = trawl_read_file(trawl_buf_str(&path), MAX_GAZETTEER_BYTES, &data, &len, &why))) {
            trawl_error_set(err, st, "gazetteer not found or unreadable (%s); give --gazetteer DIR",
                            why.message);
            break;
        }
        if (memchr(data, SECTION_MARK, len) || memchr(data, '\0', len))
            st = trawl_error_set(err, TRAWL_ERR_INPUT, "gazetteer %s: control characters",
                                 trawl_buf_str(&path));
        trawl_buf_printf(&text, "%c%s\n", SECTION_MARK, files[f]);
        trawl_buf_append(&text, data, len);
        free(data);
    }
    if (!st && (text.failed || path.failed))
        st = nomem(err);
    if (!st)
        st = trawl_gazetteer_load_text(text.data, text.len, gz_out, err);
    trawl_buf_free(&text);
    trawl_buf_free(&path);
    return st;
}

const char *trawl_gazetteer_text(const trawl_gazetteer *gz, size_t *len_out)
{
    *len_out = gz->len;
    return gz->text;
}

const char *trawl_gazetteer_hash(const trawl_gazetteer *gz)
{
    return gz->hash;
}

const trawl_province *trawl_gazetteer_provinces(const trawl_gazetteer *gz, size_t *n_out)
{
    *n_out = gz->nprovinces;
    return gz->provinces;
}

const trawl_city *trawl_gazetteer_cities(const trawl_gazetteer *gz, size_t *n_out)
{
    *n_out = gz->ncities;
    return gz->cities;
}

const trawl_center *trawl_gazetteer_centers(const trawl_gazetteer *gz, size_t *n_out)
{
    *n_out = gz->ncenters;
    return gz->centers;
}

const trawl_province *trawl_gazetteer_province(const trawl_gazetteer *gz, const char *key)
{
    for (size_t i = 0; key && i < gz->nprovinces; i++)
        if (strcmp(gz->provinces[i].key, key) == 0)
            return &gz->provinces[i];
    return NULL;
}

const trawl_city *trawl_gazetteer_city(const trawl_gazetteer *gz, const char *key)
{
    for (size_t i = 0; key && i < gz->ncities; i++)
        if (strcmp(gz->cities[i].key, key) == 0)
            return &gz->cities[i];
    return NULL;
}

const trawl_center *trawl_gazetteer_center(const trawl_gazetteer *gz, const char *key)
{
    for (size_t i = 0; key && i < gz->ncenters; i++)
        if (strcmp(gz->centers[i].key, key) == 0)
            return &gz->centers[i];
    return NULL;
}

const char *trawl_gazetteer_place_province(const trawl_gazetteer *gz, const char *place)
{
    const trawl_province *p = trawl_gazetteer_province(gz, place);
    if (p)
        return p->key;
    const trawl_city *c = trawl_gazetteer_city(gz, place);
    return c ? c->province : NULL;
}

const char *trawl_gazetteer_default_dir(void)
{
    const char *env = getenv("TRAWL_GAZETTEER");
    return env && *env ? env : TRAWL_GAZETTEER_DIR;
}
