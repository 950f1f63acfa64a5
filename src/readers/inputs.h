/* inputs.h: the files one run of ingest reads, and the document id of each.
 *
 * Each path given is a folder, walked in sorted order (hidden files and folders skipped, and
 * MANIFEST.tsv files, which describe documents rather than being ones), or a file, read
 * whatever its name. Walking picks every regular file that the include and exclude globs
 * admit, whatever its extension: the reader decides by content (text is read, binary
 * refused).
 *
 * A document's id is its path relative to the base: the path given when one folder is
 * given, else the deepest folder that holds every path given (`coll/a coll/b`: a/notes.txt
 * and b/notes.txt; a file given alone: its folder). Ids are thus unique by construction; the
 * same paths give the same ids on every run. A file reached twice (a folder given twice or
 * inside another, a link) is read once.
 *
 * A folder that cannot be listed whole (unreadable, an error while listing it) is remembered:
 * nothing under it counts as removed. The library never prints: what went wrong is kept as
 * one-line messages for the caller to show.
 * A trawl_inputs is used by one thread at a time. */
#ifndef TRAWL_INPUTS_H
#define TRAWL_INPUTS_H

#include <stdbool.h>
#include <stddef.h>

#include "common/status.h"

typedef struct trawl_input {
    char *file;     /* the path to open, as reached from the path given */
    char *real;     /* its canonical absolute path: the file's identity from run to run */
    char *id;       /* the document id: its path relative to the base */
    long long size; /* bytes, when listed */
    bool named;     /* given as a path rather than found by walking a folder */
} trawl_input;

typedef struct trawl_inputs_options {
    const char *const *include; /* globs: when any, a walked file must match one */
    size_t ninclude;
    const char *const *exclude; /* globs: files and folders matching one are never read */
    size_t nexclude;
} trawl_inputs_options;
#define TRAWL_INPUTS_OPTIONS_INIT                                                                  \
    {                                                                                              \
        NULL, 0, NULL, 0                                                                           \
    } /* every file */

/* A glob without '/' is matched against a file's or folder's name ("*.json"), one with '/'
 * against its id, as fnmatch(3) does with FNM_PATHNAME (a '*' never crosses a '/'). */

typedef struct trawl_inputs trawl_inputs;

/* Lists the inputs of `paths` (none: "corpus"). Fails only when memory runs out; a path that
 * cannot be read is a problem (trawl_inputs_problem) and the rest is listed. `*in_out`
 * belongs to the caller. */
trawl_status trawl_inputs_new(const char *const *paths, size_t npaths,
                              const trawl_inputs_options *options, trawl_inputs **in_out,
                              trawl_error *err);
void trawl_inputs_free(trawl_inputs *in);

/* The inputs, in reading order: the paths in the order given, each folder sorted. Owned by
 * `in`. */
size_t trawl_inputs_count(const trawl_inputs *in);
const trawl_input *trawl_inputs_get(const trawl_inputs *in, size_t k);

/* The base folder, absolute. Owned by `in`. */
const char *trawl_inputs_base(const trawl_inputs *in);

/* Problems found while listing ("PATH: reason"), each a line; owned by `in`. */
size_t trawl_inputs_problems(const trawl_inputs *in);
const char *trawl_inputs_problem(const trawl_inputs *in, size_t i);

/* Files and folders left out by the globs. */
size_t trawl_inputs_ignored(const trawl_inputs *in);

/* The input that reads the file whose canonical path is `real`, or NULL. */
const trawl_input *trawl_inputs_find(const trawl_inputs *in, const char *real);

/* Whether a file at canonical path `real` that no input reads is gone: it would lie in a folder
 * this run walked whole (not one listed incompletely, and not left out by a glob). */
bool trawl_inputs_covers(const trawl_inputs *in, const char *real);

#endif
