/* shards.c: reading, planning, publishing and removing the shard layout of an index folder. */
#define _POSIX_C_SOURCE 200809L
#include "index/shards.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/hash.h"
#include "xapian-c/xapian_c.h"

#define STUB_FILE "XAPIANDB"

void trawl_layout_free(trawl_layout *layout)
{
    for (size_t i = 0; i < layout->nshards; i++)
        free(layout->paths[i]);
    free(layout->paths);
    layout->paths = NULL;
    layout->nshards = 0;
}

static bool push_path(trawl_layout *l, char *path)
{
    char **grown = path ? realloc(l->paths, (l->nshards + 1) * sizeof *grown) : NULL;
    if (!grown) {
        free(path);
        return false;
    }
    l->paths = grown;
    l->paths[l->nshards++] = path;
    return true;
}

static char *joined(const char *dir, const char *name)
{
    trawl_buf b = TRAWL_BUF_INIT;
    trawl_buf_printf(&b, "%s/%s", dir, name);
    return b.failed ? (trawl_buf_free(&b), NULL) : trawl_buf_detach(&b);
}

typedef struct stub_walk {
    trawl_layout *out;
    char remote[256]; /* the first remote shard found, or "" */
    bool too_many;    /* more than TRAWL_MAX_SHARDS */
    bool nomem;
} stub_walk;

static int on_shard(void *ctx, int remote, const char *location)
{
    stub_walk *w = ctx;
    if (remote) {
        snprintf(w->remote, sizeof w->remote, "%s", location);
        return 1;
    }
    if (w->out->nshards == TRAWL_MAX_SHARDS) {
        w->too_many = true;
        return 1;
    }
    if (!push_path(w->out, trawl_strdup(location))) {
        w->nomem = true;
        return 1;
    }
    return 0;
}

/* The suffix of the names of a layout written beside one that has its plain names. */
#define BESIDE_SUFFIX ".b"

/* "shard-K-of-N" or "shard-K-of-N.b", as trawl_layout_plan names shards. */
static bool is_shard_name(const char *name)
{
    size_t k, n;
    int end = 0;
    return sscanf(name, "shard-%zu-of-%zu%n", &k, &n, &end) == 2 && end > 0 &&
           (name[end] == '\0' || strcmp(name + end, BESIDE_SUFFIX) == 0);
}

bool trawl_layout_owns(const char *name)
{
    return strcmp(name, STUB_FILE) == 0 || strcmp(name, STUB_FILE ".new") == 0 ||
           is_shard_name(name);
}

bool trawl_layout_present(const char *dir)
{
    char *stub = joined(dir, STUB_FILE), *marker = joined(dir, "iamglass");
    struct stat sb;
    bool present = (stub && stat(stub, &sb) == 0) || (marker && stat(marker, &sb) == 0);
    free(stub);
    free(marker);
    return present;
}

trawl_status trawl_layout_read(const char *dir, trawl_layout *out, trawl_error *err)
{
    memset(out, 0, sizeof *out);
    char *stub = joined(dir, STUB_FILE), *marker = joined(dir, "iamglass");
    trawl_status st = TRAWL_OK;
    struct stat sb;
    if (!stub || !marker) {
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    } else if (stat(stub, &sb) == 0) {
        stub_walk w = {out, "", false, false};
        trawl_error why;
        trawl_status got = trawl_xdb_stub_shards(dir, on_shard, &w, &why);
        if (got)
            st = trawl_error_set(err, got == TRAWL_ERR_NOMEM ? got : TRAWL_ERR_NO_INDEX, "%s",
                                 why.message);
        else if (w.nomem)
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        else if (*w.remote)
            st =
                trawl_error_set(err, TRAWL_ERR_NO_INDEX,
                                "%s: names the remote shard '%s': trawl-ingest writes local shards "
                                "only (ingest on the shard's machine)",
                                stub, w.remote);
        else if (w.too_many)
            st = trawl_error_set(err, TRAWL_ERR_NO_INDEX, "%s: names more than %d shards", stub,
                                 TRAWL_MAX_SHARDS);
    } else if (stat(marker, &sb) == 0 && !push_path(out, trawl_strdup(dir))) {
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    }
    free(stub);
    free(marker);
    if (st)
        trawl_layout_free(out);
    return st;
}

static bool in_layout(const trawl_layout *l, const char *path);

/* The shards of `nshards` in `dir`, named with `suffix`, into `out`. */
static bool plan_named(const char *dir, size_t nshards, const char *suffix, trawl_layout *out)
{
    for (size_t i = 0; i < nshards; i++) {
        char name[64];
        snprintf(name, sizeof name, "shard-%zu-of-%zu%s", i + 1, nshards, suffix);
        if (!push_path(out, joined(dir, name))) {
            trawl_layout_free(out);
            return false;
        }
    }
    return true;
}

trawl_status trawl_layout_plan(const char *dir, size_t nshards, bool stub,
                               const trawl_layout *beside, trawl_layout *out, trawl_error *err)
{
    memset(out, 0, sizeof *out);
    if (nshards < 1 || nshards > TRAWL_MAX_SHARDS)
        return trawl_error_set(err, TRAWL_ERR_ARG, "%zu shards: give 1 to %d", nshards,
                               TRAWL_MAX_SHARDS);
    if (nshards == 1 && !stub)
        return push_path(out, trawl_strdup(dir))
                   ? TRAWL_OK
                   : trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    if (!plan_named(dir, nshards, "", out))
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    bool taken = false;
    for (size_t i = 0; beside && i < out->nshards && !taken; i++)
        taken = in_layout(beside, out->paths[i]);
    if (taken) {
        trawl_layout_free(out);
        if (!plan_named(dir, nshards, BESIDE_SUFFIX, out))
            return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    }
    return TRAWL_OK;
}

trawl_status trawl_layout_append(trawl_layout *into, trawl_layout *from, trawl_error *err)
{
    char **grown = from->nshards
                       ? realloc(into->paths, (into->nshards + from->nshards) * sizeof *grown)
                       : into->paths;
    if (from->nshards && !grown)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    into->paths = grown;
    memcpy(into->paths + into->nshards, from->paths, from->nshards * sizeof *grown);
    into->nshards += from->nshards;
    free(from->paths);
    from->paths = NULL;
    from->nshards = 0;
    return TRAWL_OK;
}

bool trawl_layout_in_folder(const trawl_layout *layout, const char *dir)
{
    return layout->nshards == 1 && strcmp(layout->paths[0], dir) == 0;
}

trawl_status trawl_layout_publish(const char *dir, const trawl_layout *now, trawl_error *err)
{
    char *stub = joined(dir, STUB_FILE), *tmp = joined(dir, STUB_FILE ".new");
    trawl_status st = TRAWL_OK;
    if (!stub || !tmp) {
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    } else if (trawl_layout_in_folder(now, dir)) {
        if (unlink(stub) != 0 && errno != ENOENT)
            st = trawl_error_set(err, TRAWL_ERR_IO, "%s: %s", stub, strerror(errno));
    } else {
        FILE *f = fopen(tmp, "w");
        bool ok = f != NULL;
        for (size_t i = 0; ok && i < now->nshards; i++) {
            const char *slash = strrchr(now->paths[i], '/');
            ok = fprintf(f, "auto %s\n", slash ? slash + 1 : now->paths[i]) > 0;
        }
        ok = f && fflush(f) == 0 && fsync(fileno(f)) == 0 && ok;
        if (f && fclose(f) != 0)
            ok = false;
        if (!ok || rename(tmp, stub) != 0) {
            st = trawl_error_set(err, TRAWL_ERR_IO, "%s: %s", stub, strerror(errno));
            unlink(tmp);
        }
    }
    free(stub);
    free(tmp);
    return st;
}

/* Removes the files of a Xapian database in `dir` (`only_xapian`: those with Xapian's names;
 * else every file, then the folder). */
static trawl_status remove_database(const char *dir, bool only_xapian, trawl_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return errno == ENOENT ? TRAWL_OK
                               : trawl_error_set(err, TRAWL_ERR_IO, "%s: %s", dir, strerror(errno));
    trawl_status st = TRAWL_OK;
    for (struct dirent *e; !st && (e = readdir(d));) {
        const char *n = e->d_name;
        size_t len = strlen(n);
        bool xapian = strcmp(n, "iamglass") == 0 || strcmp(n, "flintlock") == 0 ||
                      (len > 6 && strcmp(n + len - 6, ".glass") == 0);
        if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0 || (only_xapian && !xapian))
            continue;
        char *file = joined(dir, n);
        if (!file)
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        else if (unlink(file) != 0 && errno != ENOENT)
            st = trawl_error_set(err, TRAWL_ERR_IO, "%s: %s", file, strerror(errno));
        free(file);
    }
    closedir(d);
    if (!st && !only_xapian && rmdir(dir) != 0)
        st = trawl_error_set(err, TRAWL_ERR_IO, "%s: %s", dir, strerror(errno));
    return st;
}

static bool in_layout(const trawl_layout *l, const char *path)
{
    for (size_t k = 0; k < l->nshards; k++)
        if (strcmp(l->paths[k], path) == 0)
            return true;
    return false;
}

trawl_status trawl_layout_discard(const char *dir, const trawl_layout *layout, trawl_error *err)
{
    trawl_status st = TRAWL_OK;
    for (size_t i = 0; i < layout->nshards && !st; i++)
        st = remove_database(layout->paths[i], strcmp(layout->paths[i], dir) == 0, err);
    return st;
}

trawl_status trawl_layout_remove(const char *dir, const trawl_layout *old, const trawl_layout *now,
                                 trawl_error *err)
{
    trawl_status st = TRAWL_OK;
    for (size_t i = 0; i < old->nshards && !st; i++) {
        if (!in_layout(now, old->paths[i])) {
            trawl_layout one = {1, &old->paths[i]};
            st = trawl_layout_discard(dir, &one, err);
        }
    }
    /* Shards of a layout that a killed run was building and never published. */
    DIR *d = st ? NULL : opendir(dir);
    for (struct dirent *e; d && !st && (e = readdir(d));) {
        if (!is_shard_name(e->d_name))
            continue;
        char *path = joined(dir, e->d_name);
        if (!path)
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        else if (!in_layout(now, path))
            st = remove_database(path, false, err);
        free(path);
    }
    if (d)
        closedir(d);
    /* And the stub a publish killed before its rename was writing. */
    char *tmp = st ? NULL : joined(dir, STUB_FILE ".new");
    if (tmp && unlink(tmp) != 0 && errno != ENOENT)
        st = trawl_error_set(err, TRAWL_ERR_IO, "%s: %s", tmp, strerror(errno));
    free(tmp);
    return st;
}

size_t trawl_shard_of(const char *path, size_t nshards)
{
    uint64_t h = trawl_fnv64(TRAWL_FNV64_INIT, path, strlen(path));
    return nshards ? (size_t)(h % nshards) : 0;
}
