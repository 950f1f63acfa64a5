/* inputs.c: walking the paths given to ingest into a list of files with document ids. */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE
#include "readers/inputs.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/strmap.h"

/* Folders nested deeper than this are not walked (a problem is recorded). */
#define MAX_DEPTH 64

/* A path given: a folder walked whole, or the folder of a file given. */
typedef struct root {
    char *given;  /* as given */
    char *real;   /* canonical */
    bool walked;  /* a folder walked (not the folder of a file given) */
    bool missing; /* could not be resolved: not walked */
} root;

struct trawl_inputs {
    trawl_input *items;
    size_t n, cap;
    root *roots;
    size_t nroots;
    char *base;      /* the deepest folder holding every root */
    char **problems; /* "PATH: reason" */
    size_t nproblems, cproblems;
    char **incomplete; /* folders not listed whole (canonical) */
    size_t nincomplete, cincomplete;
    size_t ignored;       /* left out by a glob, or not regular files */
    trawl_strmap by_real; /* canonical path -> index + 1 */
    const trawl_inputs_options *options;
    bool failed; /* out of memory */
};

/* The folders on the path being walked, to stop at link loops. */
typedef struct dir_id {
    dev_t dev;
    ino_t ino;
} dir_id;

/* Records "PATH: why" as a problem. */
static void problem(trawl_inputs *in, const char *path, const char *why)
{
    trawl_buf b = TRAWL_BUF_INIT;
    trawl_buf_printf(&b, "%s: %s", path, why);
    char *line = trawl_buf_detach(&b);
    if (!line || !trawl_array_grow((void **)&in->problems, &in->cproblems, in->nproblems,
                                   sizeof *in->problems)) {
        free(line);
        in->failed = true;
        return;
    }
    in->problems[in->nproblems++] = line;
}

/* A system call's failure on `path` (its errno): a problem of the path, but memory running out,
 * which fails the listing. */
static void sys_problem(trawl_inputs *in, const char *path, int errnum)
{
    if (errnum == ENOMEM)
        in->failed = true;
    else
        problem(in, path, strerror(errnum));
}

/* Remembers `dir` (canonical when it resolves) as not listed whole. */
static void incomplete(trawl_inputs *in, const char *dir)
{
    char *real = realpath(dir, NULL);
    if (!real)
        real = trawl_strdup(dir);
    if (!real || !trawl_array_grow((void **)&in->incomplete, &in->cincomplete, in->nincomplete,
                                   sizeof *in->incomplete)) {
        free(real);
        in->failed = true;
        return;
    }
    in->incomplete[in->nincomplete++] = real;
}

/* Whether `path` is `dir` or lies under it. */
static bool within(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/')
        return path[0] == '/';
    return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/* Whether a glob of `globs` matches `name` (a file's or folder's name) or `id`. */
static bool matches(const char *const *globs, size_t n, const char *name, const char *id)
{
    for (size_t i = 0; i < n; i++) {
        bool by_path = strchr(globs[i], '/') != NULL;
        if (fnmatch(globs[i], by_path ? id : name, by_path ? FNM_PATHNAME : 0) == 0)
            return true;
    }
    return false;
}

static void add(trawl_inputs *in, const char *file, const char *id, const struct stat *sb,
                bool named)
{
    char *real = realpath(file, NULL);
    if (!real) {
        /* Left out: its folder is not listed whole, so its document is not taken as gone. */
        sys_problem(in, file, errno);
        char *dir = trawl_strdup(file), *slash = dir ? strrchr(dir, '/') : NULL;
        if (slash)
            *slash = '\0';
        if (dir)
            incomplete(in, slash ? dir : ".");
        else
            in->failed = true;
        free(dir);
        return;
    }
    if (trawl_strmap_get(&in->by_real, real, strlen(real))) {
        free(real); /* reached before: read once */
        return;
    }
    if (!trawl_array_grow((void **)&in->items, &in->cap, in->n, sizeof *in->items)) {
        free(real);
        in->failed = true;
        return;
    }
    trawl_input *it = &in->items[in->n];
    *it = (trawl_input){trawl_strdup(file), real, trawl_strdup(id), (long long)sb->st_size, named};
    size_t *slot = trawl_strmap_at(&in->by_real, real, strlen(real));
    if (!it->file || !it->id || !slot) {
        free(it->file);
        free(it->id);
        free(real);
        in->failed = true;
        return;
    }
    *slot = ++in->n;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(trawl_inputs *in, const char *dir, const char *id, dir_id *stack, size_t depth);

/* Adds the file `file` (document id `id`, name `name`) or, for a folder, what it holds. */
static void visit(trawl_inputs *in, const char *file, const char *name, const char *id,
                  dir_id *stack, size_t depth)
{
    const trawl_inputs_options *o = in->options;
    struct stat sb;
    if (stat(file, &sb) != 0) {
        if (errno == ELOOP)
            problem(in, file, "symbolic link loop");
        else
            sys_problem(in, file, errno);
        return;
    }
    if (o && matches(o->exclude, o->nexclude, name, id)) {
        in->ignored++;
        return;
    }
    if (S_ISDIR(sb.st_mode)) {
        for (size_t i = 0; i < depth; i++) {
            if (stack[i].dev == sb.st_dev && stack[i].ino == sb.st_ino) {
                problem(in, file, "symbolic link loop (a folder inside itself)");
                return;
            }
        }
        if (depth == MAX_DEPTH) {
            problem(in, file, "folders nested too deeply");
            incomplete(in, file);
            return;
        }
        stack[depth] = (dir_id){sb.st_dev, sb.st_ino};
        walk(in, file, id, stack, depth + 1);
    } else if (!S_ISREG(sb.st_mode)) {
        problem(in, file, "not a regular file");
    } else if (o && o->ninclude && !matches(o->include, o->ninclude, name, id)) {
        in->ignored++;
    } else {
        add(in, file, id, &sb, false);
    }
}

static void walk(trawl_inputs *in, const char *dir, const char *id, dir_id *stack, size_t depth)
{
    DIR *d = opendir(dir);
    if (!d) {
        sys_problem(in, dir, errno);
        incomplete(in, dir);
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    bool whole = true;
    for (;;) {
        errno = 0;
        struct dirent *e = readdir(d);
        if (!e) {
            if (errno) {
                sys_problem(in, dir, errno);
                whole = false;
            }
            break;
        }
        if (e->d_name[0] == '.' || strcmp(e->d_name, "MANIFEST.tsv") == 0)
            continue; /* hidden files, ".", "..", and manifests, read as metadata */
        if (!trawl_array_grow((void **)&names, &cap, n, sizeof *names) ||
            !(names[n] = trawl_strdup(e->d_name))) {
            in->failed = true;
            whole = false;
            break;
        }
        n++;
    }
    closedir(d);
    if (!whole)
        incomplete(in, dir);
    /* Sorted, so runs over the same files always go in the same order. */
    if (n)
        qsort(names, n, sizeof *names, by_name);
    trawl_buf file = TRAWL_BUF_INIT, sub = TRAWL_BUF_INIT;
    size_t dl = strlen(dir);
    for (size_t i = 0; i < n; i++) {
        trawl_buf_reset(&file);
        trawl_buf_reset(&sub);
        trawl_buf_printf(&file, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", names[i]);
        trawl_buf_printf(&sub, "%s%s%s", id, *id ? "/" : "", names[i]);
        if (file.failed || sub.failed)
            in->failed = true;
        else
            visit(in, file.data, names[i], sub.data, stack, depth);
        free(names[i]);
    }
    trawl_buf_free(&file);
    trawl_buf_free(&sub);
    free(names);
}

/* The deepest folder holding `a` and `b` (canonical paths), into `a`. */
static void common_folder(char *a, const char *b)
{
    size_t last = 0, i = 0;
    for (; a[i] && a[i] == b[i]; i++)
        if (a[i] == '/')
            last = i;
    if ((!a[i] && (!b[i] || b[i] == '/')) || (!b[i] && a[i] == '/'))
        last = i;
    a[last ? last : 1] = '\0';
}

/* `path` relative to `base` (which holds it): "" for the base itself. */
static const char *relative(const char *path, const char *base)
{
    size_t n = strlen(base);
    if (n == 1)
        n = 0; /* the root folder */
    return path[n] == '/' ? path + n + 1 : path + n;
}

/* Resolves each path given into a root; the base is the deepest folder holding them all. */
static void resolve_roots(trawl_inputs *in, const char *const *paths, size_t npaths)
{
    for (size_t k = 0; k < npaths; k++) {
        root *r = &in->roots[in->nroots++];
        struct stat sb;
        if (!(r->given = trawl_strdup(paths[k]))) {
            in->failed = true;
            return;
        }
        if (stat(paths[k], &sb) != 0) {
            r->missing = true;
            continue; /* the walk says why */
        }
        r->walked = S_ISDIR(sb.st_mode);
        if (r->walked) {
            r->real = realpath(paths[k], NULL);
        } else {
            trawl_buf dir = TRAWL_BUF_INIT;
            const char *slash = strrchr(paths[k], '/');
            if (slash == paths[k])
                trawl_buf_puts(&dir, "/");
            else if (slash)
                trawl_buf_append(&dir, paths[k], (size_t)(slash - paths[k]));
            else
                trawl_buf_puts(&dir, ".");
            r->real = dir.failed ? NULL : realpath(dir.data, NULL);
            trawl_buf_free(&dir);
        }
        r->missing = !r->real;
        if (!r->real && errno == ENOMEM)
            in->failed = true;
        if (!r->real)
            continue;
        if (!in->base && !(in->base = trawl_strdup(r->real)))
            in->failed = true;
        else if (in->base)
            common_folder(in->base, r->real);
    }
    if (!in->base)
        in->base = realpath(".", NULL);
    if (!in->base)
        in->base = trawl_strdup("/");
    if (!in->base)
        in->failed = true;
}

trawl_status trawl_inputs_new(const char *const *paths, size_t npaths,
                              const trawl_inputs_options *options, trawl_inputs **in_out,
                              trawl_error *err)
{
    static const char *const default_paths[] = {"corpus"};
    if (npaths == 0) {
        paths = default_paths;
        npaths = 1;
    }
    *in_out = NULL;
    trawl_inputs *in = calloc(1, sizeof *in);
    if (!in || !(in->roots = calloc(npaths, sizeof *in->roots))) {
        free(in);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory listing files");
    }
    in->options = options;
    resolve_roots(in, paths, npaths);
    dir_id stack[MAX_DEPTH];
    trawl_buf id = TRAWL_BUF_INIT;
    for (size_t k = 0; k < in->nroots && !in->failed; k++) {
        const root *r = &in->roots[k];
        if (r->missing) {
            struct stat sb;
            if (stat(paths[k], &sb) != 0)
                sys_problem(in, paths[k], errno);
            else
                problem(in, paths[k], "cannot be resolved");
            continue;
        }
        trawl_buf_reset(&id);
        trawl_buf_puts(&id, relative(r->real, in->base));
        if (r->walked) {
            const char *slash = strrchr(r->real, '/');
            visit(in, paths[k], slash ? slash + 1 : r->real, trawl_buf_str(&id), stack, 0);
            continue;
        }
        /* A file given is read whatever its name. */
        const char *slash = strrchr(paths[k], '/');
        const char *name = slash ? slash + 1 : paths[k];
        if (id.len)
            trawl_buf_putc(&id, '/');
        trawl_buf_puts(&id, name);
        struct stat sb;
        if (stat(paths[k], &sb) != 0)
            sys_problem(in, paths[k], errno);
        else if (!S_ISREG(sb.st_mode))
            problem(in, paths[k], "not a regular file");
        else if (!id.failed)
            add(in, paths[k], id.data, &sb, true);
    }
    if (id.failed)
        in->failed = true;
    trawl_buf_free(&id);
    if (in->failed || !in->base) {
        trawl_inputs_free(in);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory listing files");
    }
    *in_out = in;
    return TRAWL_OK;
}

void trawl_inputs_free(trawl_inputs *in)
{
    if (!in)
        return;
    for (size_t k = 0; k < in->n; k++) {
        free(in->items[k].file);
        free(in->items[k].real);
        free(in->items[k].id);
    }
    free(in->items);
    for (size_t k = 0; k < in->nroots; k++) {
        free(in->roots[k].given);
        free(in->roots[k].real);
    }
    free(in->roots);
    for (size_t k = 0; k < in->nproblems; k++)
        free(in->problems[k]);
    free(in->problems);
    for (size_t k = 0; k < in->nincomplete; k++)
        free(in->incomplete[k]);
    free(in->incomplete);
    trawl_strmap_free(&in->by_real);
    free(in->base);
    free(in);
}

size_t trawl_inputs_count(const trawl_inputs *in)
{
    return in->n;
}

const trawl_input *trawl_inputs_get(const trawl_inputs *in, size_t k)
{
    return k < in->n ? &in->items[k] : NULL;
}

const char *trawl_inputs_base(const trawl_inputs *in)
{
    return in->base;
}

size_t trawl_inputs_problems(const trawl_inputs *in)
{
    return in->nproblems;
}

const char *trawl_inputs_problem(const trawl_inputs *in, size_t i)
{
    return i < in->nproblems ? in->problems[i] : NULL;
}

size_t trawl_inputs_ignored(const trawl_inputs *in)
{
    return in->ignored;
}

const trawl_input *trawl_inputs_find(const trawl_inputs *in, const char *real)
{
    const size_t *k = trawl_strmap_get(&in->by_real, real, strlen(real));
    return k ? &in->items[*k - 1] : NULL;
}

bool trawl_inputs_covers(const trawl_inputs *in, const char *real)
{
    bool walked = false;
    for (size_t k = 0; k < in->nroots && !walked; k++)
        walked = in->roots[k].walked && !in->roots[k].missing && within(real, in->roots[k].real);
    for (size_t k = 0; k < in->nincomplete && walked; k++)
        walked = !within(real, in->incomplete[k]);
    return walked;
}
