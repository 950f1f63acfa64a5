/* manifests.c: manifests loaded once per folder, and the row of a file. */
#include "ingest/manifests.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/buf.h"

struct trawl_manifests {
    char **dirs;              /* folders looked at so far */
    trawl_manifest **found;   /* the manifest of each, NULL where it has none */
    size_t n, cap, cap_found; /* folders; allocated entries of dirs and found */
    size_t errors;            /* manifests that could not be read */
    trawl_manifest_report_fn report;
    void *ctx;
};

trawl_manifests *trawl_manifests_new(trawl_manifest_report_fn report, void *ctx)
{
    trawl_manifests *set = calloc(1, sizeof *set);
    if (set) {
        set->report = report;
        set->ctx = ctx;
    }
    return set;
}

void trawl_manifests_free(trawl_manifests *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->n; i++) {
        free(set->dirs[i]);
        trawl_manifest_free(set->found[i]);
    }
    free(set->dirs);
    free(set->found);
    free(set);
}

size_t trawl_manifests_errors(const trawl_manifests *set)
{
    return set->errors;
}

static void say(trawl_manifests *set, bool error, const char *message)
{
    if (set->report)
        set->report(set->ctx, error, message);
}

/* The manifest of folder `dir` into `*m_out` (NULL when it has none or it is unreadable, which
 * is reported once), loaded on first use. */
static trawl_status manifest_of(trawl_manifests *set, const char *dir, const trawl_manifest **m_out,
                                trawl_error *err)
{
    for (size_t i = 0; i < set->n; i++)
        if (strcmp(set->dirs[i], dir) == 0) {
            *m_out = set->found[i];
            return TRAWL_OK;
        }
    trawl_manifest *m = NULL;
    trawl_buf path = TRAWL_BUF_INIT;
    trawl_buf_printf(&path, "%s/MANIFEST.tsv", dir);
    char *copy = trawl_strdup(dir);
    if (path.failed || !copy ||
        !trawl_array_grow((void **)&set->dirs, &set->cap, set->n, sizeof *set->dirs) ||
        !trawl_array_grow((void **)&set->found, &set->cap_found, set->n, sizeof *set->found)) {
        trawl_buf_free(&path);
        free(copy);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    }
    struct stat sb;
    trawl_error load_err;
    trawl_status st = TRAWL_OK;
    if (stat(path.data, &sb) == 0 && (st = trawl_manifest_load(path.data, &m, &load_err))) {
        if (st == TRAWL_ERR_NOMEM) {
            trawl_buf_free(&path);
            free(copy);
            return trawl_error_set(err, st, "%s", load_err.message);
        }
        say(set, true, load_err.message);
        set->errors++;
    }
    for (size_t i = 0; m && i < trawl_manifest_warnings(m); i++)
        say(set, false, trawl_manifest_warning(m, i));
    trawl_buf_free(&path);
    set->dirs[set->n] = copy;
    set->found[set->n++] = m;
    *m_out = m;
    return TRAWL_OK;
}

/* Replaces folder `dir` by the one above it: "a/b" -> "a", "a" -> ".", "." -> "..", "/a" ->
 * "/". */
static void up_one(trawl_buf *dir)
{
    char *up = strrchr(dir->data, '/');
    if (up && up != dir->data) {
        *up = '\0';
        dir->len = (size_t)(up - dir->data);
        return;
    }
    const char *above = up == dir->data ? "/" : strcmp(dir->data, ".") == 0 ? ".." : ".";
    trawl_buf_reset(dir);
    trawl_buf_puts(dir, above);
}

trawl_status trawl_manifests_find(trawl_manifests *set, const char *file,
                                  const trawl_meta **meta_out, trawl_error *err)
{
    trawl_buf dir = TRAWL_BUF_INIT;
    const trawl_meta *meta = NULL;
    trawl_status st = TRAWL_OK;
    const char *slash = strrchr(file, '/');
    if (slash)
        trawl_buf_append(&dir, file, (size_t)(slash - file));
    else
        trawl_buf_puts(&dir, ".");
    for (int level = 0; level < 2 && !meta && !st; level++) {
        const trawl_manifest *m = NULL;
        if (dir.failed)
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        else
            st = manifest_of(set, dir.data, &m, err);
        if (m) {
            size_t dl = strlen(dir.data);
            const char *rel =
                strncmp(file, dir.data, dl) == 0 && file[dl] == '/' ? file + dl + 1 : file;
            meta = trawl_manifest_find(m, rel);
        }
        if (!dir.failed)
            up_one(&dir);
    }
    trawl_buf_free(&dir);
    *meta_out = st ? NULL : meta;
    return st;
}
