/* gazetteer.c: parsing and checking the tables. */
#define _POSIX_C_SOURCE 200809L /* access */
#include "facets/gazetteer.h"

#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/datadir.h"
#include "common/fileio.h"
#include "common/hash.h"
#include "common/strmap.h"

/* The files, in the order they are loaded and serialised; regions.tsv may be missing (a
 * gazetteer made before it existed). */
static const char *const files[] = {"provinces.tsv", "cities.tsv", "centers.tsv", "regions.tsv"};
enum { NFILES = 4, REQUIRED_FILES = 3, MAX_GAZETTEER_BYTES = 16 << 20 };

/* In the serialised text each file's content follows this byte and its name on a line. */
#define SECTION_MARK '\x1e'

struct trawl_gazetteer {
    char *text;                /* serialised tables (what the index stores) */
    size_t len;                /* its length */
    char hash[17];             /* FNV-1a 64 of text, hex */
    char *strings;             /* a copy of text, cut into the tables' strings */
    trawl_province *provinces; /* in file order */
    size_t nprovinces, cprovinces;
    trawl_city *cities;
    size_t ncities, ccities;
    trawl_center *centers;
    size_t ncenters, ccenters;
    trawl_region *regions;
    size_t nregions, cregions;
    trawl_strmap keys[NFILES]; /* each table's keys -> index + 1 */
};

/* The index + 1 of `key` in table `file`, 0 when absent. */
static size_t find_key(const trawl_gazetteer *gz, int file, const char *key)
{
    const size_t *v = key ? trawl_strmap_get(&gz->keys[file], key, strlen(key)) : NULL;
    return v ? *v : 0;
}

void trawl_gazetteer_free(trawl_gazetteer *gz)
{
    if (!gz)
        return;
    for (size_t i = 0; i < gz->nprovinces; i++)
        free(gz->provinces[i].aliases.items);
    for (size_t i = 0; i < gz->ncities; i++)
        free(gz->cities[i].aliases.items);
    for (size_t i = 0; i < gz->ncenters; i++) {
        free(gz->centers[i].aliases.items);
        free(gz->centers[i].operators.items);
    }
    for (size_t i = 0; i < gz->nregions; i++) {
        free(gz->regions[i].provinces.items);
        free(gz->regions[i].aliases.items);
    }
    for (int k = 0; k < NFILES; k++)
        trawl_strmap_free(&gz->keys[k]);
    free(gz->provinces);
    free(gz->cities);
    free(gz->centers);
    free(gz->regions);
    free(gz->text);
    free(gz->strings);
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

/* Splits "a|b|c" into names, in place; "-" and "" give none. */
static trawl_status split_names(char *s, trawl_names *out, trawl_error *err)
{
    size_t cap = 0;
    out->items = NULL;
    out->n = 0;
    if (strcmp(s, "-") == 0)
        return TRAWL_OK;
    while (*s) {
        char *bar = strchr(s, '|');
        size_t len = bar ? (size_t)(bar - s) : strlen(s);
        if (bar)
            *bar = '\0';
        if (len > 0) {
            if (!trawl_array_grow((void **)&out->items, &cap, out->n, sizeof *out->items))
                return nomem(err);
            out->items[out->n++] = s;
        }
        s += len + (bar ? 1 : 0);
    }
    return TRAWL_OK;
}

/* A key column; "-" gives NULL. */
static char *opt_key(char *s)
{
    return strcmp(s, "-") == 0 ? NULL : s;
}

static trawl_status add_row(trawl_gazetteer *gz, int file, row *r, trawl_error *err)
{
    static const size_t columns[NFILES] = {4, 4, 6, 4};
    bool optional = file == 2 && r->n == columns[file] + 1; /* centers: "formerly" */
    if (r->n != columns[file] && !optional) {
        char msg[64];
        snprintf(msg, sizeof msg, "expected %zu tab-separated columns, found %zu", columns[file],
                 r->n);
        return bad(err, r, msg);
    }
    for (size_t i = 0; i < r->n; i++)
        if (!*r->fields[i])
            return bad(err, r, "empty column");
    trawl_status st = TRAWL_OK;
    if (file == 0) {
        if (!trawl_array_grow((void **)&gz->provinces, &gz->cprovinces, gz->nprovinces,
                              sizeof *gz->provinces))
            return nomem(err);
        trawl_province *p = &gz->provinces[gz->nprovinces++];
        memset(p, 0, sizeof *p);
        p->key = opt_key(r->fields[0]);
        p->name = opt_key(r->fields[1]);
        p->kind = opt_key(r->fields[2]);
        st = split_names(r->fields[3], &p->aliases, err);
    } else if (file == 1) {
        if (!trawl_array_grow((void **)&gz->cities, &gz->ccities, gz->ncities, sizeof *gz->cities))
            return nomem(err);
        trawl_city *c = &gz->cities[gz->ncities++];
        memset(c, 0, sizeof *c);
        c->key = opt_key(r->fields[0]);
        c->province = opt_key(r->fields[1]);
        c->name = opt_key(r->fields[2]);
        st = split_names(r->fields[3], &c->aliases, err);
        if (!st && !trawl_gazetteer_province(gz, c->province))
            return bad(err, r, "unknown province");
    } else if (file == 3) {
        if (!trawl_array_grow((void **)&gz->regions, &gz->cregions, gz->nregions,
                              sizeof *gz->regions))
            return nomem(err);
        trawl_region *g = &gz->regions[gz->nregions++];
        memset(g, 0, sizeof *g);
        g->key = opt_key(r->fields[0]);
        g->name = opt_key(r->fields[1]);
        for (char *c = r->fields[2]; *c; c++)
            if (*c == ' ')
                *c = '|';
        if (!(st = split_names(r->fields[2], &g->provinces, err)))
            st = split_names(r->fields[3], &g->aliases, err);
        for (size_t i = 0; !st && i < g->provinces.n; i++)
            if (!trawl_gazetteer_province(gz, g->provinces.items[i]))
                return bad(err, r, "unknown province");
    } else {
        if (!trawl_array_grow((void **)&gz->centers, &gz->ccenters, gz->ncenters,
                              sizeof *gz->centers))
            return nomem(err);
        trawl_center *c = &gz->centers[gz->ncenters++];
        memset(c, 0, sizeof *c);
        c->key = opt_key(r->fields[0]);
        c->name = opt_key(r->fields[1]);
        c->province = opt_key(r->fields[2]);
        c->place = opt_key(r->fields[3]);
        c->formerly = optional ? opt_key(r->fields[6]) : NULL;
        if (!(st = split_names(r->fields[4], &c->aliases, err)))
            st = split_names(r->fields[5], &c->operators, err);
        if (!st && c->province && !trawl_gazetteer_province(gz, c->province))
            return bad(err, r, "unknown province");
        if (!st && c->place && !trawl_gazetteer_place_province(gz, c->place))
            return bad(err, r, "unknown place");
    }
    size_t index = file == 0   ? gz->nprovinces
                   : file == 1 ? gz->ncities
                   : file == 2 ? gz->ncenters
                               : gz->nregions;
    size_t *slot = trawl_strmap_at(&gz->keys[file], r->fields[0], strlen(r->fields[0]));
    if (!slot)
        return nomem(err);
    *slot = index;
    return st;
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
        if (find_key(gz, file, r.fields[0]))
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
    /* Parse a copy: fields are cut in place, and the tables point into it. */
    char *copy = gz->strings = trawl_strndup(gz->text, gz->len);
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
    for (size_t i = 0; !st && i < gz->ncenters; i++)
        if (gz->centers[i].formerly && !trawl_gazetteer_center(gz, gz->centers[i].formerly))
            st = trawl_error_set(err, TRAWL_ERR_INPUT,
                                 "gazetteer centers.tsv: %s was formerly %s, an unknown center",
                                 gz->centers[i].key, gz->centers[i].formerly);
    if (!st && seen < REQUIRED_FILES)
        st = trawl_error_set(err, TRAWL_ERR_INPUT, "gazetteer: %d of %d tables found", seen,
                             REQUIRED_FILES);
    if (!st)
        trawl_fnv64_hex(gz->text, gz->len, gz->hash);
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
        if (path.failed)
            break; /* said below */
        trawl_error why;
        if (f >= REQUIRED_FILES && access(trawl_buf_str(&path), F_OK) != 0)
            break; /* an optional table the folder lacks */
        if ((st = trawl_read_file(trawl_buf_str(&path), MAX_GAZETTEER_BYTES, &data, &len, &why))) {
            trawl_error_set(err, st,
                            "gazetteer not found or unreadable (%s); give --gazetteer DIR, or "
                            "set TRAWL_DATA_DIR to Trawl's data folder (share/trawl)",
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

const trawl_region *trawl_gazetteer_regions(const trawl_gazetteer *gz, size_t *n_out)
{
    *n_out = gz->nregions;
    return gz->regions;
}

const trawl_province *trawl_gazetteer_province(const trawl_gazetteer *gz, const char *key)
{
    size_t i = find_key(gz, 0, key);
    return i ? &gz->provinces[i - 1] : NULL;
}

const trawl_city *trawl_gazetteer_city(const trawl_gazetteer *gz, const char *key)
{
    size_t i = find_key(gz, 1, key);
    return i ? &gz->cities[i - 1] : NULL;
}

const trawl_center *trawl_gazetteer_center(const trawl_gazetteer *gz, const char *key)
{
    size_t i = find_key(gz, 2, key);
    return i ? &gz->centers[i - 1] : NULL;
}

const char *trawl_gazetteer_place_province(const trawl_gazetteer *gz, const char *place)
{
    const trawl_province *p = trawl_gazetteer_province(gz, place);
    if (p)
        return p->key;
    const trawl_city *c = trawl_gazetteer_city(gz, place);
    return c ? c->province : NULL;
}

static char default_dir[PATH_MAX + 96]; /* the data folder (datadir.h) and gazetteer/ */
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

static void find_default_dir(void)
{
    const char *env = getenv("TRAWL_GAZETTEER");
    if (env && *env)
        snprintf(default_dir, sizeof default_dir, "%s", env);
    else
        snprintf(default_dir, sizeof default_dir, "%s/gazetteer", trawl_data_dir());
}

const char *trawl_gazetteer_default_dir(void)
{
    pthread_once(&default_once, find_default_dir);
    return default_dir;
}
