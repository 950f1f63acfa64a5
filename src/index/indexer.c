/* indexer.c: the index writer: schema checks, rebuilds, and each document's passages (made by
 * analysis.c) replacing its old ones, with its records, inside the run's transaction. */
#define _XOPEN_SOURCE 700
#include "index/indexer.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/json_text.h"
#include "common/strmap.h"
#include "facets/aliases.h"
#include "facets/gazetteer.h"
#include "index/catalog.h"
#include "index/linker.h"
#include "index/records.h"
#include "index/runs.h"
#include "index/passages.h"
#include "index/schema.h"
#include "index/shards.h"
#include "xapian-c/xapian_c.h"

/* One shard being written. Only the thread writing its documents touches it. */
typedef struct shard_writer {
    trawl_xdb *db;         /* the writable shard */
    trawl_buf term;        /* scratch: the term being written */
    trawl_strmap expanded; /* the stem expansions ("LANG:STEM\tWORD") this run has written to it */
    trawl_buf words;       /* scratch: a stem's words */
    bool changed;          /* a document was added or removed this run: links to resolve */
} shard_writer;

/* The options that shape an index: those given, else those the index remembers
 * (TRAWL_META_OPTIONS), else the defaults. */
typedef struct shaping {
    size_t max_passage; /* passage bound */
    char *gazetteer;    /* the gazetteer's folder, absolute; NULL: the built-in one */
} shaping;

struct trawl_indexer {
    shard_writer *shards;            /* the layout's shards, written this run */
    trawl_layout layout;             /* where they are */
    trawl_layout old;                /* what the commit replaces: the layout found, when this
                                        run changes or rebuilds it, and merged staging shards */
    trawl_xdb **old_locks;           /* the old layout's shards, held open for their locks */
    size_t nold_locks;               /* how many of them are open */
    bool publish;                    /* the commit publishes `layout` (a new or changed one) */
    bool staged;                     /* `layout` is the staging shards of a new or rebuilt
                                        index, merged into one database by the commit */
    bool flushing;                   /* `layout` is shards read by no one until the commit
                                        publishes them: they commit as Xapian flushes (every
                                        XAPIAN_FLUSH_THRESHOLD documents) instead of holding the run in one
                                        transaction each */
    char *dir;                       /* the index folder */
    shaping shape;                   /* the options that shape it, remembered by each commit */
    size_t max_passage;              /* passage bound in bytes */
    char default_lang[16];           /* for documents that do not say */
    trawl_gazetteer *gz;             /* places and centers for facets */
    trawl_extractor_set *extractors; /* shared by the analysts of the run */
    trawl_analyst *analyst;          /* for trawl_indexer_add */
    char *rebuilt;                   /* why the run builds the index anew, or NULL */
    trawl_buf identity;              /* the analyser this run indexes with: the identity an
                                        index must record to be added to */
    int lock_fd;                     /* WRITER_FILE, locked (lock_folder), or -1 */
    trawl_runs runs;                 /* the runs the index remembers */
    trawl_run run;                   /* this one: the next id, its time and what it did */
};

/* The folder's writer lock, naming its holder (lock_folder). */
#define WRITER_FILE "trawl-writer"

/* Files that may sit in an index folder before the index exists (the repo's index/, the
 * writer lock), and what a first build killed before publishing leaves (trawl_layout_owns). */
static int is_placeholder(const char *name)
{
    return strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || strcmp(name, "README.md") == 0 ||
           strcmp(name, ".gitignore") == 0 || strcmp(name, ".gitkeep") == 0 ||
           strcmp(name, WRITER_FILE) == 0 || trawl_layout_owns(name);
}

/* One writer per index folder, whatever its layout: an exclusive flock on the folder's
 * trawl-writer file, held for the whole run, which names the holder while it runs (emptied
 * when the run ends; a crash releases the lock with the process). Xapian's own locks guard
 * each database besides. */
static trawl_status lock_folder(trawl_indexer *ix, trawl_error *err)
{
    trawl_buf path = TRAWL_BUF_INIT;
    trawl_buf_printf(&path, "%s/" WRITER_FILE, ix->dir);
    if (path.failed)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    int fd = open(path.data, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    trawl_status st = TRAWL_OK;
    if (fd < 0) {
        st = trawl_error_set(err, TRAWL_ERR_IO, "%s: %s", path.data, strerror(errno));
    } else if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        char line[128] = "";
        ssize_t n = errno == EWOULDBLOCK ? read(fd, line, sizeof line - 1) : -1;
        line[n > 0 ? n : 0] = '\0';
        line[strcspn(line, "\n")] = '\0';
        st = errno == EWOULDBLOCK || n >= 0
                 ? trawl_error_set(err, TRAWL_ERR_LOCKED, "%s", *line ? line : "holder unknown")
                 : trawl_error_set(err, TRAWL_ERR_IO, "%s: %s", path.data, strerror(errno));
        close(fd);
    } else {
        char when[32];
        time_t now = time(NULL);
        struct tm tm;
        strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", gmtime_r(&now, &tm));
        if (ftruncate(fd, 0) == 0)
            dprintf(fd, "process %ld, writing since %s\n", (long)getpid(), when);
        ix->lock_fd = fd;
    }
    trawl_buf_free(&path);
    return st;
}

static void unlock_folder(trawl_indexer *ix)
{
    if (ix->lock_fd < 0)
        return;
    if (ftruncate(ix->lock_fd, 0) != 0) {
        /* The content is a hint; the lock goes with the descriptor. */
    }
    close(ix->lock_fd);
    ix->lock_fd = -1;
}

/* Refuses to create an index inside a folder that holds anything else. */
static trawl_status check_folder(const char *dir, trawl_error *err)
{
    struct stat sb;
    if (stat(dir, &sb) != 0)
        return errno == ENOENT ? TRAWL_OK
                               : trawl_error_set(err, TRAWL_ERR_IO, "%s: %s", dir, strerror(errno));
    if (!S_ISDIR(sb.st_mode))
        return trawl_error_set(err, TRAWL_ERR_NO_INDEX, "%s: not a folder", dir);
    if (trawl_layout_present(dir))
        return TRAWL_OK;
    DIR *d = opendir(dir);
    if (!d)
        return trawl_error_set(err, TRAWL_ERR_IO, "%s: %s", dir, strerror(errno));
    trawl_status st = TRAWL_OK;
    for (struct dirent *e; (e = readdir(d));) {
        if (!is_placeholder(e->d_name)) {
            st = trawl_error_set(err, TRAWL_ERR_NO_INDEX,
                                 "%s: not a Trawl index (it holds '%s'); give an empty or new "
                                 "folder",
                                 dir, e->d_name);
            break;
        }
    }
    closedir(d);
    return st;
}

static int collect_key(void *ctx, const char *key, const char *value, size_t len)
{
    trawl_buf *keys = ctx;
    (void)value;
    (void)len;
    trawl_buf_puts(keys, key);
    trawl_buf_putc(keys, '\0');
    return 0;
}

static int collect_term(void *ctx, const char *term, size_t len, unsigned freq)
{
    trawl_buf *terms = ctx;
    (void)freq;
    trawl_buf_append(terms, term, len);
    trawl_buf_putc(terms, '\0');
    return 0;
}

/* Empties a shard inside the open transaction: every passage and every "trawl." key (stem
 * expansions included). */
static trawl_status clear(shard_writer *w, trawl_error *err)
{
    trawl_buf list = TRAWL_BUF_INIT;
    trawl_status st = trawl_xdb_each_term(w->db, TRAWL_PREFIX_DOC, collect_term, &list, err);
    for (size_t at = 0; !st && at < list.len; at += strlen(list.data + at) + 1)
        st = trawl_xdb_delete_documents(w->db, list.data + at, err);
    trawl_buf_reset(&list);
    if (!st)
        st = trawl_xdb_each_metadata(w->db, TRAWL_META_ALL, collect_key, &list, err);
    for (size_t at = 0; !st && at < list.len; at += strlen(list.data + at) + 1)
        st = trawl_xdb_set_metadata(w->db, list.data + at, "", 0, err);
    if (!st && list.failed)
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    trawl_buf_free(&list);
    return st;
}

static void shaping_free(shaping *s)
{
    free(s->gazetteer);
    s->gazetteer = NULL;
}

/* Reads what `db` (an index, or NULL) remembers under `given`'s gaps into `out`. */
static trawl_status shaping_of(trawl_xdb *db, const trawl_indexer_options *given, shaping *out,
                               trawl_error *err)
{
    char *stored = NULL;
    json_t *o = NULL;
    trawl_status st = TRAWL_OK;
    const char *gz = given ? given->gazetteer : NULL;
    out->max_passage = given && given->max_passage_bytes ? given->max_passage_bytes : 0;
    out->gazetteer = NULL;
    size_t stored_len = 0;
    bool nomem = false;
    if (db && (!gz || !out->max_passage) &&
        (st = trawl_xdb_get_metadata(db, TRAWL_META_OPTIONS, &stored, &stored_len, err)))
        return st;
    if (stored && stored_len)
        o = trawl_json_parse(stored, stored_len, JSON_COMPACT | JSON_SORT_KEYS, &nomem, NULL);
    if (nomem) {
        free(stored);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory reading the index's options");
    }
    if (!out->max_passage)
        out->max_passage = o && json_integer_value(json_object_get(o, "max_passage")) > 0
                               ? (size_t)json_integer_value(json_object_get(o, "max_passage"))
                               : TRAWL_DEFAULT_MAX_PASSAGE;
    if (!gz && o)
        gz = json_string_value(json_object_get(o, "gazetteer"));
    if (gz && strcmp(gz, TRAWL_GAZETTEER_BUILTIN) != 0) {
        /* A folder given is remembered absolute: later runs may start elsewhere. */
        out->gazetteer = realpath(gz, NULL);
        if (!out->gazetteer && errno == ENOMEM)
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        else if (!out->gazetteer)
            st = trawl_error_set(err, TRAWL_ERR_ARG,
                                 "the gazetteer %s%s cannot be read (%s): give --gazetteer DIR, "
                                 "or --gazetteer %s for the built-in one",
                                 gz, given && given->gazetteer ? "" : " (remembered by the index)",
                                 strerror(errno), TRAWL_GAZETTEER_BUILTIN);
    }
    json_decref(o);
    free(stored);
    return st;
}

/* The remembered options, as JSON (malloc'd). */
static char *shaping_json(const shaping *s)
{
    json_t *o = json_pack("{s:I,s:s?}", "max_passage", (json_int_t)s->max_passage, "gazetteer",
                          s->gazetteer);
    trawl_buf text = TRAWL_BUF_INIT;
    trawl_json_append(&text, o, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(o);
    return trawl_buf_detach(&text);
}

static const char *gazetteer_dir(const shaping *s)
{
    return s->gazetteer ? s->gazetteer : trawl_gazetteer_default_dir();
}

/* Why an index recorded with `schema` and `analyzer` (as its metadata hold them; "" when
 * new) must be rebuilt by an ingest whose analyser identity is `want`: into `why`, left empty
 * when it need not. */
static void outdated_reason(const char *schema, const char *analyzer, const char *want,
                            trawl_buf *why)
{
    if (*schema && atoi(schema) != TRAWL_SCHEMA_VERSION)
        trawl_buf_printf(why, "the index has schema %s, this trawl-ingest writes %d", schema,
                         TRAWL_SCHEMA_VERSION);
    else if (*schema && strcmp(analyzer, want) != 0)
        trawl_buf_printf(why, "the analyser changed from '%s' to '%s'", analyzer, want);
}

trawl_status trawl_indexer_outdated(trawl_xdb *db, const trawl_indexer_options *options,
                                    trawl_buf *why, trawl_error *err)
{
    trawl_gazetteer *gz = NULL;
    char *schema = NULL, *analyzer = NULL;
    trawl_buf want = TRAWL_BUF_INIT;
    shaping shape = {0, NULL};
    trawl_status st = shaping_of(db, options, &shape, err);
    if (!st)
        st = trawl_gazetteer_load_dir(gazetteer_dir(&shape), &gz, err);
    if (!st && !(st = trawl_xdb_get_metadata(db, TRAWL_META_SCHEMA, &schema, NULL, err)) &&
        !(st = trawl_xdb_get_metadata(db, TRAWL_META_ANALYZER, &analyzer, NULL, err))) {
        trawl_schema_analyzer_identity(shape.max_passage, trawl_gazetteer_hash(gz), &want);
        if (!*schema)
            trawl_buf_puts(why, "not a Trawl index");
        outdated_reason(schema, analyzer, trawl_buf_str(&want), why);
    }
    free(schema);
    free(analyzer);
    trawl_buf_free(&want);
    trawl_gazetteer_free(gz);
    shaping_free(&shape);
    return st;
}

/* Why the database `db` (a shard, or the index as found) must be rebuilt (a rebuild asked for,
 * another schema or analyser), into `why`; `fresh` set when it records no schema yet. */
static trawl_status db_outdated(const trawl_indexer *ix, trawl_xdb *db, bool rebuild,
                                trawl_buf *why, bool *fresh, trawl_error *err)
{
    char *schema = NULL, *analyzer = NULL;
    unsigned docs = 0;
    trawl_status st;
    if ((st = trawl_xdb_get_metadata(db, TRAWL_META_SCHEMA, &schema, NULL, err)) ||
        (st = trawl_xdb_get_metadata(db, TRAWL_META_ANALYZER, &analyzer, NULL, err)) ||
        (st = trawl_xdb_doccount(db, &docs, err)))
        goto cleanup;
    *fresh = !*schema;
    if (!*schema && docs > 0)
        st = trawl_error_set(err, TRAWL_ERR_NO_INDEX, "%s: a Xapian database but not a Trawl index",
                             ix->dir);
    else if (*schema && rebuild)
        trawl_buf_puts(why, "a rebuild was asked for");
    else
        outdated_reason(schema, analyzer, trawl_buf_str(&ix->identity), why);
cleanup:
    free(schema);
    free(analyzer);
    return st;
}

/* The gazetteer's names folded as the documents' words (facets/aliases.h), for queries to read
 * instead of folding them all again in each process. */
static trawl_status fold_aliases(const trawl_gazetteer *gz, trawl_buf *out, trawl_error *err)
{
    trawl_analyzer *an = NULL;
    trawl_aliases *a = NULL;
    trawl_status st;
    /* Folding is the same in every language; names are not stemmed. */
    if (!(st = trawl_analyzer_new("und", &an, err)) && !(st = trawl_aliases_new(gz, an, &a, err)))
        st = trawl_aliases_save(a, out, err);
    trawl_aliases_free(a);
    trawl_analyzer_free(an);
    return st;
}

/* Whether shard `w` lacks usable folded names (an index written before ingest kept them, or
 * a damaged value). */
static trawl_status lacks_aliases(const trawl_indexer *ix, shard_writer *w, bool *lacks,
                                  trawl_error *err)
{
    char *text = NULL;
    size_t len = 0;
    trawl_aliases *a = NULL;
    trawl_status st = trawl_xdb_get_metadata(w->db, TRAWL_META_ALIASES, &text, &len, err);
    *lacks = !st && (len == 0 || trawl_aliases_load(ix->gz, text, len, &a, NULL) != TRAWL_OK);
    trawl_aliases_free(a);
    free(text);
    return st;
}

/* Checks each shard's recorded schema and analyser; opens the run's transaction on each (or
 * lets a layout not yet published commit as Xapian flushes); when a shard is new, or built by
 * another schema or analyser, or a rebuild is asked for, empties every shard and records
 * this run's. choose_layout sends an outdated index to a new layout, so emptying here is for
 * what it could not see: the leftovers of a killed rebuild at the new layout's paths, and one
 * shard of several outdated alone. Readers see the old index until the run commits. */
static trawl_status prepare_index(trawl_indexer *ix, bool rebuild, trawl_error *err)
{
    trawl_status st = TRAWL_OK;
    trawl_buf why = TRAWL_BUF_INIT, aliases = TRAWL_BUF_INIT;
    bool fresh = false;
    for (size_t i = 0; i < ix->layout.nshards && !st && !why.len; i++) {
        bool new_shard = false;
        st = db_outdated(ix, ix->shards[i].db, rebuild, &why, &new_shard, err);
        fresh = fresh || new_shard;
    }
    /* Shards of a new or changed layout (staging shards included) are read by no one until
     * the stub names them; a killed run's are swept or completed by the next run. Going back
     * to one shard writes a database in the index folder itself, which readers may open at
     * once: it keeps the transaction, so that they never see half of it. */
    ix->flushing = ix->publish && !trawl_layout_in_folder(&ix->layout, ix->dir);
    for (size_t i = 0; i < ix->layout.nshards && !st && !ix->flushing; i++)
        st = trawl_xdb_begin_transaction(ix->shards[i].db, 1, err);
    if (st)
        goto cleanup;
    if (why.len && !ix->rebuilt)
        ix->rebuilt = trawl_buf_detach(&why);
    /* Folding the names (CJK ones with ICU's dictionaries) costs tens of millions of
     * instructions: only for shards being written anew, or lacking them. */
    bool anew = fresh || ix->rebuilt, lacking = false;
    for (size_t i = 0; i < ix->layout.nshards && !st && !anew && !lacking; i++)
        st = lacks_aliases(ix, &ix->shards[i], &lacking, err);
    if (!st && (anew || lacking))
        st = fold_aliases(ix->gz, &aliases, err);
    for (size_t i = 0; i < ix->layout.nshards && !st; i++) {
        shard_writer *w = &ix->shards[i];
        if (!anew) {
            if (lacking)
                st = trawl_xdb_set_metadata(w->db, TRAWL_META_ALIASES, aliases.data, aliases.len,
                                            err);
            continue;
        }
        char version[16];
        size_t len;
        const char *text = trawl_gazetteer_text(ix->gz, &len);
        snprintf(version, sizeof version, "%d", TRAWL_SCHEMA_VERSION);
        if ((ix->rebuilt && (st = clear(w, err))) ||
            (st =
                 trawl_xdb_set_metadata(w->db, TRAWL_META_SCHEMA, version, strlen(version), err)) ||
            (st = trawl_xdb_set_metadata(w->db, TRAWL_META_ANALYZER, ix->identity.data,
                                         ix->identity.len, err)) ||
            (st = trawl_xdb_set_metadata(w->db, TRAWL_META_LANGUAGE, ix->default_lang,
                                         strlen(ix->default_lang), err)) ||
            (st = trawl_xdb_set_metadata(w->db, TRAWL_META_GAZETTEER, text, len, err)) ||
            (st =
                 trawl_xdb_set_metadata(w->db, TRAWL_META_ALIASES, aliases.data, aliases.len, err)))
            goto cleanup;
    }
    /* Every run: the options it was given become the ones the index remembers. */
    char *remembered = st ? NULL : shaping_json(&ix->shape);
    if (!st && !remembered)
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < ix->layout.nshards && !st; i++)
        st = trawl_xdb_set_metadata(ix->shards[i].db, TRAWL_META_OPTIONS, remembered,
                                    strlen(remembered), err);
    free(remembered);
cleanup:
    trawl_buf_free(&why);
    trawl_buf_free(&aliases);
    return st;
}

/* Why the index as found must be rebuilt, into `why` (empty when it need not). */
static trawl_status found_outdated(trawl_indexer *ix, bool rebuild, trawl_buf *why,
                                   trawl_error *err)
{
    trawl_xdb *db = NULL;
    bool fresh = false;
    trawl_status st = trawl_schema_open_read(ix->dir, NULL, &db, err);
    if (!st)
        st = db_outdated(ix, db, rebuild, why, &fresh, err);
    trawl_xdb_close(db);
    return st;
}

/* The layout this run writes: the one found, unless the index must be rebuilt or `nshards` is
 * given and differs; a new layout is written beside the old one and published by the commit.
 * A rebuild writes a new layout too, as a new index is written (by several writers, merged),
 * instead of emptying the old one inside a transaction: readers keep the old index until the
 * commit either way, and the new one is compacted. */
static trawl_status choose_layout(trawl_indexer *ix, size_t nshards, size_t writers, bool rebuild,
                                  trawl_error *err)
{
    trawl_layout found;
    trawl_status st = trawl_layout_read(ix->dir, &found, err);
    if (st)
        return st;
    size_t target = nshards ? nshards : found.nshards ? found.nshards : 1;
    trawl_buf why = TRAWL_BUF_INIT;
    if (found.nshards && target == found.nshards && (st = found_outdated(ix, rebuild, &why, err)))
        goto fail;
    if (found.nshards && target == found.nshards && !why.len) {
        ix->layout = found;
        return TRAWL_OK;
    }
    bool anew = !found.nshards || why.len;
    ix->publish = true;
    /* A new or rebuilt index of one shard: staging shards, one per writer (two for one
     * writer, which writes them in turn), merged into one compacted database at the commit. */
    ix->staged = anew && target == 1;
    size_t staging = writers > 1 ? writers : 2;
    /* A new or rebuilt index is shards named by a stub, even one: readers see none of it
     * before the commit publishes it, whatever the number of writers. */
    if ((st = trawl_layout_plan(ix->dir, ix->staged ? staging : target, anew, &found, &ix->layout,
                                err)))
        goto fail;
    if (found.nshards) {
        if (!why.len)
            trawl_buf_printf(&why, "the index goes from %zu shard%s to %zu", found.nshards,
                             found.nshards == 1 ? "" : "s", ix->layout.nshards);
        if (why.failed) {
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
            goto fail;
        }
        ix->rebuilt = trawl_buf_detach(&why);
        ix->old = found;
    }
    return TRAWL_OK;
fail:
    trawl_buf_free(&why);
    trawl_layout_free(&found);
    return st;
}

/* Opens (creating) every shard of the layout for writing; first, when the run changes the
 * layout, takes the old shards' locks: no other ingest writes or sweeps them meanwhile. */
static trawl_status open_shards(trawl_indexer *ix, trawl_error *err)
{
    if (ix->old.nshards && !(ix->old_locks = calloc(ix->old.nshards, sizeof *ix->old_locks)))
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < ix->old.nshards; i++, ix->nold_locks++) {
        trawl_status st = trawl_xdb_open(ix->old.paths[i], TRAWL_XDB_WRITE, &ix->old_locks[i], err);
        if (st)
            return st;
    }
    ix->shards = calloc(ix->layout.nshards, sizeof *ix->shards);
    if (!ix->shards)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < ix->layout.nshards; i++) {
        const char *path = ix->layout.paths[i];
        if (strcmp(path, ix->dir) != 0 && mkdir(path, 0777) != 0 && errno != EEXIST)
            return trawl_error_set(err, TRAWL_ERR_IO, "%s: %s", path, strerror(errno));
        /* Staging shards are merged into a database of their own before anything reads them:
         * syncing them would only wait for the disk. */
        trawl_xdb_mode mode = ix->staged ? TRAWL_XDB_SCRATCH : TRAWL_XDB_CREATE_OR_OPEN;
        trawl_status st = trawl_xdb_open(path, mode, &ix->shards[i].db, err);
        if (st && st != TRAWL_ERR_LOCKED && ix->publish) {
            /* A shard of a layout not published yet, left half made by a killed run (no
             * reader can see it; the folder's lock keeps other writers out): made again. */
            char *one_path[] = {(char *)path};
            trawl_layout one = {1, one_path};
            if ((st = trawl_layout_discard(ix->dir, &one, err)) ||
                (mkdir(path, 0777) != 0 && errno != EEXIST))
                return st ? st
                          : trawl_error_set(err, TRAWL_ERR_IO, "%s: %s", path, strerror(errno));
            st = trawl_xdb_open(path, mode, &ix->shards[i].db, err);
        }
        if (st)
            return st;
    }
    return TRAWL_OK;
}

static void close_shards(trawl_indexer *ix)
{
    for (size_t i = 0; ix->shards && i < ix->layout.nshards; i++) {
        trawl_xdb_close(ix->shards[i].db);
        trawl_buf_free(&ix->shards[i].term);
        trawl_strmap_free(&ix->shards[i].expanded);
        trawl_buf_free(&ix->shards[i].words);
    }
    free(ix->shards);
    ix->shards = NULL;
}

/* The staging shards (committed) merged into one compacted database, beside the index being
 * rebuilt if any, which the index then writes to; the staging shards join the old layout,
 * removed once the merged one is published. */
static trawl_status merge_staged(trawl_indexer *ix, trawl_error *err)
{
    trawl_layout merged;
    trawl_status st = trawl_layout_plan(ix->dir, 1, true, &ix->old, &merged, err);
    if (!st)
        st = trawl_layout_discard(ix->dir, &merged, err); /* left by a run killed while merging */
    if (!st)
        st = trawl_xdb_compact((const char *const *)ix->layout.paths, ix->layout.nshards,
                               merged.paths[0], trawl_schema_merge_values, NULL, err);
    if (st) {
        trawl_layout_free(&merged);
        return st;
    }
    close_shards(ix);
    st = trawl_layout_append(&ix->old, &ix->layout, err);
    trawl_layout_free(&ix->layout); /* emptied by the append, or whole when it failed */
    ix->layout = merged;
    ix->staged = false;
    if (st)
        return st;
    if (!(ix->shards = calloc(1, sizeof *ix->shards)))
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    return trawl_xdb_open(merged.paths[0], TRAWL_XDB_WRITE, &ix->shards[0].db, err);
}

/* Writes the languages of the shard's passages (TRAWL_META_LANGUAGES) when they changed. */
static trawl_status note_languages(shard_writer *w, trawl_error *err)
{
    trawl_buf list = TRAWL_BUF_INIT;
    char *old = NULL;
    size_t old_len = 0;
    trawl_status st = trawl_schema_languages_of(w->db, &list, err);
    if (!st)
        st = trawl_xdb_get_metadata(w->db, TRAWL_META_LANGUAGES, &old, &old_len, err);
    if (!st && (old_len != list.len || memcmp(old, trawl_buf_str(&list), list.len) != 0))
        st = trawl_xdb_set_metadata(w->db, TRAWL_META_LANGUAGES, trawl_buf_str(&list), list.len,
                                    err);
    free(old);
    trawl_buf_free(&list);
    return st;
}

static void release_old(trawl_indexer *ix)
{
    for (size_t i = 0; i < ix->nold_locks; i++)
        trawl_xdb_close(ix->old_locks[i]);
    free(ix->old_locks);
    ix->old_locks = NULL;
    ix->nold_locks = 0;
}

trawl_status trawl_indexer_open(const char *dir, const trawl_indexer_options *options,
                                trawl_indexer **ix_out, trawl_error *err)
{
    trawl_status st;
    *ix_out = NULL;
    trawl_indexer *ix = calloc(1, sizeof *ix);
    if (!ix || !(ix->dir = trawl_strdup(dir))) {
        free(ix);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory opening %s", dir);
    }
    ix->lock_fd = -1;
    trawl_xdb *found = NULL; /* the index as it is, for the options it remembers */
    if (trawl_schema_open_read(dir, NULL, &found, NULL) != TRAWL_OK)
        found = NULL;
    st = shaping_of(found, options, &ix->shape, err);
    if (!st && found)
        st = trawl_runs_load(found, &ix->runs, err);
    trawl_xdb_close(found);
    const trawl_run *last = trawl_runs_last(&ix->runs);
    ix->run.id = last ? last->id + 1 : 1;
    trawl_run_set_time(&ix->run, trawl_run_clock());
    if (st)
        goto fail;
    ix->max_passage = ix->shape.max_passage;
    const char *lang =
        options && options->language && *options->language ? options->language : "en";
    if (ix->max_passage < TRAWL_MIN_MAX_PASSAGE || ix->max_passage > TRAWL_MAX_MAX_PASSAGE) {
        st = trawl_error_set(err, TRAWL_ERR_ARG, "passage bound %zu outside %d..%d bytes",
                             ix->max_passage, TRAWL_MIN_MAX_PASSAGE, TRAWL_MAX_MAX_PASSAGE);
        goto fail;
    }
    if (strlen(lang) >= sizeof ix->default_lang) {
        st = trawl_error_set(err, TRAWL_ERR_ARG, "language code too long: '%s'", lang);
        goto fail;
    }
    strcpy(ix->default_lang, lang);
    bool rebuild = options && options->rebuild;
    if ((st = trawl_gazetteer_load_dir(gazetteer_dir(&ix->shape), &ix->gz, err)))
        goto fail;
    trawl_schema_analyzer_identity(ix->max_passage, trawl_gazetteer_hash(ix->gz), &ix->identity);
    if (ix->identity.failed) {
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory opening %s", dir);
        goto fail;
    }
    if ((st = check_folder(dir, err)))
        goto fail;
    if (dir[0] && mkdir(dir, 0777) != 0 && errno != EEXIST) {
        st = trawl_error_set(err, TRAWL_ERR_IO, "%s: %s", dir, strerror(errno));
        goto fail;
    }
    if ((st = lock_folder(ix, err)) ||
        (st = choose_layout(ix, options ? options->shards : 0, options ? options->writers : 0,
                            rebuild, err)) ||
        (st = open_shards(ix, err)) || (st = prepare_index(ix, rebuild || ix->old.nshards, err)) ||
        (st = trawl_extractor_set_new(ix->gz, &ix->extractors, err)) ||
        (st = trawl_indexer_analyst_new(ix, &ix->analyst, err)))
        goto fail;
    *ix_out = ix;
    return TRAWL_OK;
fail:
    trawl_indexer_close(ix);
    return st;
}

void trawl_indexer_close(trawl_indexer *ix)
{
    if (!ix)
        return;
    /* Closing with the transactions open cancels them: the index stays as it was. */
    close_shards(ix);
    release_old(ix);
    unlock_folder(ix);
    free(ix->rebuilt);
    trawl_runs_free(&ix->runs);
    shaping_free(&ix->shape);
    trawl_buf_free(&ix->identity);
    trawl_analyst_free(ix->analyst);
    trawl_extractor_set_free(ix->extractors);
    trawl_gazetteer_free(ix->gz);
    trawl_layout_free(&ix->layout);
    trawl_layout_free(&ix->old);
    free(ix->dir);
    free(ix);
}

/* The shard that holds the document at `path`. */
static shard_writer *shard_for(trawl_indexer *ix, const char *path)
{
    return &ix->shards[trawl_shard_of(path, ix->layout.nshards)];
}

static trawl_status remove_from(shard_writer *w, const char *path, trawl_error *err)
{
    w->changed = true;
    trawl_schema_term(TRAWL_PREFIX_DOC, path, &w->term);
    if (w->term.failed)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    trawl_status st = trawl_xdb_delete_documents(w->db, w->term.data, err);
    trawl_schema_term(TRAWL_META_DOC, path, &w->term);
    if (!st)
        st = trawl_xdb_set_metadata(w->db, w->term.data, "", 0, err);
    trawl_schema_term(TRAWL_META_SIGNATURE, path, &w->term);
    if (!st)
        st = trawl_xdb_set_metadata(w->db, w->term.data, "", 0, err);
    if (!st)
        st = trawl_catalog_delete(w->db, path, err);
    return st;
}

/* The document's MinHash signature, for the commit's grouping of reprints. */
static trawl_status put_signature(shard_writer *w, const char *path, const trawl_analysis *a,
                                  trawl_error *err)
{
    unsigned char bytes[TRAWL_SIGNATURE_BYTES];
    trawl_signature_encode(a->minhash.mins, bytes);
    trawl_schema_term(TRAWL_META_SIGNATURE, path, &w->term);
    return w->term.failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory")
                          : trawl_xdb_set_metadata(w->db, w->term.data, (const char *)bytes,
                                                   sizeof bytes, err);
}

trawl_status trawl_indexer_remove(trawl_indexer *ix, const char *path, trawl_error *err)
{
    return remove_from(shard_for(ix, path), path, err);
}

/* The document's record, for links between documents (records.h). */
static trawl_status add_record(shard_writer *w, const trawl_document *doc, const char *lang,
                               trawl_error *err)
{
    size_t n = trawl_document_link_count(doc);
    trawl_record_link *links = calloc(n ? n : 1, sizeof *links);
    if (!links)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        links[i] = (trawl_record_link){trawl_document_link(doc, i)->text,
                                       trawl_document_link(doc, i)->target};
    trawl_doc_record r = {trawl_document_path(doc),
                          trawl_document_title(doc),
                          trawl_document_url(doc),
                          lang,
                          trawl_document_kind(doc),
                          links,
                          n,
                          NULL};
    trawl_buf value = TRAWL_BUF_INIT;
    trawl_status st = trawl_doc_record_encode(&r, &value, err);
    free(links);
    trawl_schema_term(TRAWL_META_DOC, trawl_document_path(doc), &w->term);
    if (!st)
        st = w->term.failed
                 ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory")
                 : trawl_xdb_set_metadata(w->db, w->term.data, value.data, value.len, err);
    trawl_buf_free(&value);
    return st;
}

trawl_status trawl_indexer_analyst_new(const trawl_indexer *ix, trawl_analyst **an_out,
                                       trawl_error *err)
{
    return trawl_analyst_new(ix->extractors, ix->default_lang, ix->max_passage, an_out, err);
}

/* Records a center the gazetteer lacks. Several texts may name one center differently: the
 * first in byte order is kept, so that the index does not depend on the order documents
 * come in (and readers of several shards keep the first of theirs). */
static trawl_status put_center(shard_writer *w, const trawl_found_center *c, trawl_error *err)
{
    char *had = NULL;
    trawl_status st = trawl_xdb_get_metadata(w->db, c->key, &had, NULL, err);
    if (!st && (!*had || strcmp(c->value, had) < 0))
        st = trawl_xdb_set_metadata(w->db, c->key, c->value, strlen(c->value), err);
    free(had);
    return st;
}

/* Adds `word` to the expansion list named `name` (LANG:STEM, TRAWL_META_STEM) unless it lists
 * it already. */
static trawl_status expand_stem(shard_writer *w, const char *name, size_t name_len,
                                const char *word, size_t word_len, trawl_error *err)
{
    char *had = NULL;
    size_t len = 0;
    trawl_buf_reset(&w->words);
    trawl_buf_append(&w->words, name, name_len);
    trawl_schema_term(TRAWL_META_STEM, trawl_buf_str(&w->words), &w->term);
    if (w->term.failed || w->words.failed)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    trawl_status st = trawl_xdb_get_metadata(w->db, w->term.data, &had, &len, err);
    if (!st) {
        trawl_buf_reset(&w->words);
        trawl_buf_append(&w->words, had, len);
        if (trawl_schema_add_expansion(&w->words, word, word_len))
            st = w->words.failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory")
                                 : trawl_xdb_set_metadata(w->db, w->term.data, w->words.data,
                                                          w->words.len, err);
    }
    free(had);
    return st;
}

/* Adds the stem expansions of an analysis that this run has not written to the shard yet.
 * Expansions are never removed with a document: one left by a word no longer indexed matches
 * nothing. Readers of several shards take the union of their lists. */
static trawl_status put_stem_words(shard_writer *w, const trawl_strmap *words, trawl_error *err)
{
    trawl_status st = TRAWL_OK;
    for (size_t i = 0; i < words->cap && !st; i++) {
        const char *key = words->keys[i];
        if (!key)
            continue;
        size_t len = strlen(key);
        size_t *seen = trawl_strmap_at(&w->expanded, key, len);
        if (!seen)
            return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
        if ((*seen)++)
            continue;
        const char *tab = strchr(key, '\t');
        if (tab)
            st = expand_stem(w, key, (size_t)(tab - key), tab + 1, len - (size_t)(tab + 1 - key),
                             err);
    }
    return st;
}

trawl_status trawl_indexer_apply(trawl_indexer *ix, const trawl_document *doc,
                                 const trawl_analysis *a, const trawl_file_state *file,
                                 trawl_error *err)
{
    const char *path = trawl_document_path(doc);
    shard_writer *w = shard_for(ix, path);
    trawl_status st = remove_from(w, path, err);
    if (st == TRAWL_OK)
        st = put_stem_words(w, &a->stem_words, err);
    char run[16];
    snprintf(run, sizeof run, "%u", ix->run.id);
    trawl_run_term(ix->run.id, &w->term);
    if (st == TRAWL_OK && w->term.failed)
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    /* Each passage carries this run: the analysis is the same whatever run writes it. */
    for (size_t i = 0; i < a->npassages && st == TRAWL_OK; i++)
        if (!(st = trawl_xdoc_add_boolean_term(a->passages[i], w->term.data, w->term.len, err)) &&
            !(st = trawl_xdoc_set_value(a->passages[i], TRAWL_SLOT_RUN, run, strlen(run), err)))
            st = trawl_xdb_add_document(w->db, a->passages[i], NULL, err);
    for (size_t i = 0; i < a->ncenters && st == TRAWL_OK; i++)
        st = put_center(w, &a->centers[i], err);
    if (st == TRAWL_OK)
        st = add_record(w, doc, a->language, err);
    if (st == TRAWL_OK)
        st = put_signature(w, path, a, err);
    if (st == TRAWL_OK && file)
        st = trawl_catalog_put(w->db, path, file, err);
    return st;
}

trawl_status trawl_indexer_add(trawl_indexer *ix, const trawl_document *doc,
                               const trawl_file_state *file, unsigned *passages_out,
                               trawl_error *err)
{
    trawl_analysis *a = NULL;
    *passages_out = 0;
    /* Every passage is analysed before the index is touched: a document that cannot be
     * analysed leaves its old passages as they were. */
    trawl_status st = trawl_analyze_document(ix->analyst, doc, &a, err);
    if (st == TRAWL_OK && (st = trawl_indexer_apply(ix, doc, a, file, err)) == TRAWL_OK)
        *passages_out = (unsigned)a->npassages;
    trawl_analysis_free(a);
    return st;
}

/* ---- links between documents, resolved at commit ---- */

/* The stored edges of the layout, for the ones that changed to be rewritten and the ones of
 * documents gone to be removed. */
typedef struct stored_edges {
    trawl_strmap where; /* key -> its index in `keys` + 1 */
    trawl_strmap seen;  /* keys this commit keeps */
    char **keys;        /* each key stored, its value and its shard */
    char **values;
    size_t *shards;
    size_t n, cap, cap_values, cap_shards;
    size_t shard; /* the shard being read */
    bool failed;
} stored_edges;

static int on_edges(void *ctx, const char *key, const char *value, size_t len)
{
    stored_edges *e = ctx;
    size_t *at = trawl_strmap_at(&e->where, key, strlen(key));
    char *k = trawl_strdup(key), *v = trawl_strndup(value, len);
    if (!at || !k || !v || !trawl_array_grow((void **)&e->keys, &e->cap, e->n, sizeof *e->keys) ||
        !trawl_array_grow((void **)&e->values, &e->cap_values, e->n, sizeof *e->values) ||
        !trawl_array_grow((void **)&e->shards, &e->cap_shards, e->n, sizeof *e->shards)) {
        free(k);
        free(v);
        e->failed = true;
        return 1;
    }
    *at = e->n + 1;
    e->keys[e->n] = k;
    e->values[e->n] = v;
    e->shards[e->n++] = e->shard;
    return 0;
}

/* The linker being filled from the document records, and the first failure. */
typedef struct linking {
    trawl_linker *l;
    trawl_status st;
    trawl_error *err;
} linking;

static int on_record(void *ctx, const char *key, const char *value, size_t len)
{
    linking *k = ctx;
    (void)key;
    k->st = trawl_linker_add(k->l, value, len, k->err);
    return k->st != TRAWL_OK;
}

/* Resolves the links of every document of the index and stores each document's edges where
 * they changed, removing those of documents gone. Only after a run that added or removed a
 * document: a new document can satisfy a link that led nowhere, a removed one leaves links
 * dangling. Linear in the documents and links. */
static trawl_status resolve_links(trawl_indexer *ix, trawl_error *err)
{
    bool changed = false;
    for (size_t i = 0; i < ix->layout.nshards; i++)
        changed |= ix->shards[i].changed;
    if (!changed)
        return TRAWL_OK;
    trawl_linker *l = NULL;
    stored_edges e = {TRAWL_STRMAP_INIT, TRAWL_STRMAP_INIT, NULL, NULL, NULL, 0, 0, 0, 0, 0, false};
    trawl_buf key = TRAWL_BUF_INIT, edges = TRAWL_BUF_INIT;
    trawl_status st = trawl_linker_new(&l, err);
    for (size_t i = 0; i < ix->layout.nshards && !st; i++) {
        e.shard = i;
        linking k = {l, TRAWL_OK, err};
        st = trawl_xdb_each_metadata(ix->shards[i].db, TRAWL_META_DOC, on_record, &k, err);
        if (!st)
            st = k.st;
        if (!st)
            st = trawl_xdb_each_metadata(ix->shards[i].db, TRAWL_META_LINKS, on_edges, &e, err);
    }
    if (!st && e.failed)
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory resolving links");
    if (!st)
        st = trawl_linker_resolve(l, err);
    for (size_t i = 0; !st && i < trawl_linker_count(l); i++) {
        const char *path = trawl_linker_path(l, i);
        trawl_schema_term(TRAWL_META_LINKS, path, &key);
        if ((st = trawl_linker_edges(l, i, &edges, err)))
            break;
        if (key.failed || !trawl_strmap_at(&e.seen, key.data, key.len)) {
            st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory resolving links");
            break;
        }
        const size_t *at = trawl_strmap_get(&e.where, key.data, key.len);
        if (!at || strcmp(e.values[*at - 1], edges.data) != 0)
            st = trawl_xdb_set_metadata(shard_for(ix, path)->db, key.data, edges.data, edges.len,
                                        err);
    }
    for (size_t k = 0; !st && k < e.n; k++)
        if (!trawl_strmap_get(&e.seen, e.keys[k], strlen(e.keys[k])))
            st = trawl_xdb_set_metadata(ix->shards[e.shards[k]].db, e.keys[k], "", 0, err);
    for (size_t i = 0; i < ix->layout.nshards; i++)
        ix->shards[i].changed = false;
    for (size_t k = 0; k < e.n; k++) {
        free(e.keys[k]);
        free(e.values[k]);
    }
    free(e.keys);
    free(e.values);
    free(e.shards);
    trawl_strmap_free(&e.where);
    trawl_strmap_free(&e.seen);
    trawl_buf_free(&key);
    trawl_buf_free(&edges);
    trawl_linker_free(l);
    return st;
}

void trawl_indexer_note_run(trawl_indexer *ix, const trawl_run *what)
{
    ix->run.added = what->added;
    ix->run.changed = what->changed;
    ix->run.removed = what->removed;
    ix->run.unchanged = what->unchanged;
    ix->run.passages = what->passages;
}

unsigned trawl_indexer_run_id(const trawl_indexer *ix)
{
    return ix->run.id;
}

/* Every run's record, this one's included, into shard `w`: a rebuilt index keeps the history
 * of the one it replaces. */
static trawl_status put_runs(trawl_indexer *ix, shard_writer *w, trawl_error *err)
{
    trawl_status st = TRAWL_OK;
    for (size_t i = 0; i < ix->runs.n && !st; i++)
        st = trawl_run_put(w->db, &ix->runs.items[i], err);
    return st ? st : trawl_run_put(w->db, &ix->run, err);
}

/* The signatures being gathered, and the reprint records found, by shard. */
typedef struct gathering {
    trawl_reprints *r;
    trawl_strmap stored; /* TRAWL_META_REPRINT keys found -> shard + 1 */
    size_t shard;
    trawl_status st;
    trawl_error *err;
} gathering;

static int on_signature(void *ctx, const char *key, const char *value, size_t len)
{
    gathering *g = ctx;
    if (len != TRAWL_SIGNATURE_BYTES)
        return 0; /* a removed document's, emptied */
    uint32_t sig[TRAWL_MINHASH_SIZE];
    trawl_signature_decode((const unsigned char *)value, sig);
    g->st = trawl_reprints_add(g->r, key + strlen(TRAWL_META_SIGNATURE), sig, g->err);
    return g->st != TRAWL_OK;
}

static int on_reprint(void *ctx, const char *key, const char *value, size_t len)
{
    (void)value;
    gathering *g = ctx;
    size_t *at = len ? trawl_strmap_at(&g->stored, key, strlen(key)) : NULL;
    if (len && !at) {
        g->st = trawl_error_set(g->err, TRAWL_ERR_NOMEM, "out of memory grouping reprints");
        return 1;
    }
    if (at)
        *at = g->shard + 1;
    return 0;
}

/* Groups the documents of every shard into reprints (reprints.h) and rewrites the records that
 * changed: run by a commit that added, changed or removed documents, since one document can
 * join or split a group anywhere. */
static trawl_status group_reprints(trawl_indexer *ix, trawl_error *err)
{
    bool changed = false;
    for (size_t i = 0; i < ix->layout.nshards; i++)
        changed |= ix->shards[i].changed;
    if (!changed)
        return TRAWL_OK;
    gathering g = {trawl_reprints_new(), TRAWL_STRMAP_INIT, 0, TRAWL_OK, err};
    trawl_buf key = TRAWL_BUF_INIT, value = TRAWL_BUF_INIT;
    trawl_status st = g.r ? TRAWL_OK : trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < ix->layout.nshards && !st; i++) {
        g.shard = i;
        if (!(st = trawl_xdb_each_metadata(ix->shards[i].db, TRAWL_META_SIGNATURE, on_signature, &g,
                                           err)) &&
            !(st = g.st))
            st = trawl_xdb_each_metadata(ix->shards[i].db, TRAWL_META_REPRINT, on_reprint, &g, err);
        if (!st)
            st = g.st;
    }
    if (!st)
        st = trawl_reprints_group(g.r, TRAWL_REPRINT_THRESHOLD, err);
    for (size_t i = 0; !st && i < trawl_reprints_count(g.r); i++) {
        const char *path = trawl_reprints_path(g.r, i), *group = trawl_reprints_group_of(g.r, i);
        if (!group)
            continue; /* alone: a record it had is removed below */
        trawl_schema_term(TRAWL_META_REPRINT, path, &key);
        size_t *at = key.failed || !trawl_strmap_get(&g.stored, key.data, key.len)
                         ? NULL
                         : trawl_strmap_at(&g.stored, key.data, key.len);
        if (at)
            *at = 0; /* rewritten, not removed */
        trawl_buf_reset(&value);
        json_t *o =
            json_pack("{s:s,s:f}", "group", group, "similarity", trawl_reprints_similarity(g.r, i));
        bool ok = trawl_json_append(&value, o, JSON_COMPACT);
        json_decref(o);
        st = !ok || key.failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory")
                               : trawl_xdb_set_metadata(shard_for(ix, path)->db, key.data,
                                                        value.data, value.len, err);
    }
    /* Records of documents now alone or gone. */
    for (size_t k = 0; !st && k < g.stored.cap; k++)
        if (g.stored.keys[k] && g.stored.vals[k])
            st = trawl_xdb_set_metadata(ix->shards[g.stored.vals[k] - 1].db, g.stored.keys[k], "",
                                        0, err);
    trawl_reprints_free(g.r);
    trawl_strmap_free(&g.stored);
    trawl_buf_free(&key);
    trawl_buf_free(&value);
    return st;
}

trawl_status trawl_indexer_commit(trawl_indexer *ix, trawl_error *err)
{
    /* Both look at whether the run changed documents: reprints first (links clear that). */
    trawl_status st = group_reprints(ix, err);
    if (!st)
        st = resolve_links(ix, err);
    for (size_t i = 0; i < ix->layout.nshards && !st; i++)
        if (!(st = note_languages(&ix->shards[i], err)) &&
            !(st = put_runs(ix, &ix->shards[i], err)))
            st = ix->flushing ? trawl_xdb_commit(ix->shards[i].db, err)
                              : trawl_xdb_commit_transaction(ix->shards[i].db, err);
    if (!st && ix->staged)
        st = merge_staged(ix, err);
    /* A new layout becomes the one readers open only now that every shard is committed. */
    if (!st && ix->publish) {
        release_old(ix);
        st = trawl_layout_publish(ix->dir, &ix->layout, err);
        ix->publish = ix->flushing = false;
    }
    /* The run is committed: removing what readers no longer open is best effort, what stays is
     * swept by the next commit (a failure here must not say the run failed). */
    if (!st)
        trawl_layout_remove(ix->dir, &ix->old, &ix->layout, NULL);
    trawl_layout_free(&ix->old);
    /* What comes next is a transaction of its own. */
    for (size_t i = 0; i < ix->layout.nshards && !st; i++)
        st = trawl_xdb_begin_transaction(ix->shards[i].db, 1, err);
    return st;
}

const char *trawl_indexer_rebuilt(const trawl_indexer *ix)
{
    return ix->rebuilt;
}

size_t trawl_indexer_shard_count(const trawl_indexer *ix)
{
    return ix->layout.nshards;
}

size_t trawl_indexer_shard_of(const trawl_indexer *ix, const char *path)
{
    return trawl_shard_of(path, ix->layout.nshards);
}

trawl_xdb *trawl_indexer_shard(trawl_indexer *ix, size_t i)
{
    return ix->shards[i].db;
}
