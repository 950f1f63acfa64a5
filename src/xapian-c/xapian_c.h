/* xapian_c.h: a small, general C API over Xapian's C++ API, and the only door to it.
 *
 * It deals in databases, documents (terms, postings, values, data), queries, enquiries and
 * result sets; no text analysis happens here, so ingest and query analyse text the same way
 * in C. No C++ exception ever crosses into C: every entry point catches them and turns them
 * into a trawl_status with a one-line message, written to the caller's trawl_error and also
 * kept on the database or enquire handle involved (see trawl_xdb_last_error).
 *
 * Ownership: every handle returned through an `_out` pointer belongs to the caller and is
 * released with its `_close`/`_free` function, which accepts NULL. Strings passed in are
 * copied; strings returned through `char **` are malloc'd for the caller to free().
 * Each handle is used by one thread at a time (as Xapian's own objects); threads may each open
 * their own handle on one database. */
#ifndef TRAWL_XAPIAN_C_H
#define TRAWL_XAPIAN_C_H

#include <stdbool.h>
#include <stddef.h>

#include "common/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef unsigned trawl_xdocid;
typedef struct trawl_xdb trawl_xdb;           /* a database, read-only or writable */
typedef struct trawl_xdoc trawl_xdoc;         /* a document being built */
typedef struct trawl_xquery trawl_xquery;     /* an immutable query tree */
typedef struct trawl_xenquire trawl_xenquire; /* a query session on a database */
typedef struct trawl_xmset trawl_xmset;       /* one page of ranked results */
typedef struct trawl_xspy trawl_xspy;         /* sees every matching document (facets) */

/* The Xapian library version, e.g. "1.4.22". Static storage. */
const char *trawl_xapian_version(void);

/* ---- databases ---- */

/* A writable database holds the postings of XAPIAN_FLUSH_THRESHOLD documents in memory
 * (10,000 unless the environment says otherwise: Xapian 1.4 reads it nowhere else) before
 * writing them to its tables, inside transactions too (uncommitted until the commit). The
 * wrapper never sets it: a program that wants another value sets it before opening. */
typedef enum trawl_xdb_mode {
    TRAWL_XDB_READ,           /* read-only; the database must exist */
    TRAWL_XDB_WRITE,          /* writable; the database must exist */
    TRAWL_XDB_CREATE_OR_OPEN, /* writable; created when missing */
    TRAWL_XDB_OVERWRITE,      /* writable; any existing database is replaced */
    TRAWL_XDB_SCRATCH         /* writable; created when missing; its commits are not synced
                                 to disk (a crash may leave it damaged): for a database thrown
                                 away unless it is copied into another before the end */
} trawl_xdb_mode;

/* Opens the database at `path`. A writable open takes the database's lock and fails at once
 * with TRAWL_ERR_LOCKED when another writer holds it. TRAWL_ERR_NO_INDEX: nothing usable at
 * `path`; TRAWL_ERR_CORRUPT / TRAWL_ERR_VERSION: a damaged or foreign database. */
trawl_status trawl_xdb_open(const char *path, trawl_xdb_mode mode, trawl_xdb **db_out,
                            trawl_error *err);
/* Shard sets. A database path may name a Xapian stub database: a file, or a folder holding
 * a file named XAPIANDB, with one shard per line in Xapian's own syntax: `auto PATH` (or
 * `glass PATH`; a relative PATH is taken from the stub's folder), `remote HOST:PORT` (a
 * xapian-tcpsrv) or `remote :PROGRAM ARGS`; blank lines and `#` comments are skipped. A
 * read-only open of a stub opens every shard and searches them as one database, Xapian
 * combining their statistics; a metadata key gets the value the options' `merge` makes from
 * each searched shard's value (Xapian alone would read the first shard's; without `merge`,
 * values that differ fail the read with TRAWL_ERR_ARG). Writable opens take a glass database
 * only, even in a folder that also holds a stub. */
/* The value of metadata `key` given its value in each of `n` databases ("" where unset):
 * `*merged_out` malloc'd, or NULL with nonzero returned when out of memory. */
typedef int (*trawl_xmerge_fn)(void *ctx, const char *key, const char *const *values,
                               const size_t *lens, size_t n, char **merged_out, size_t *len_out);
typedef struct trawl_xdb_read_options {
    unsigned timeout_ms;   /* remote shards: to connect and for each answer (0: 10,000) */
    int allow_partial;     /* leave out a shard that cannot be opened (trawl_xdb_shard_missing)
                              instead of failing; at least one must open */
    trawl_xmerge_fn merge; /* how the shards' values of a metadata key merge, or NULL */
    void *merge_ctx;       /* passed to `merge` */
} trawl_xdb_read_options;
#define TRAWL_XDB_READ_OPTIONS_INIT                                                                \
    {                                                                                              \
        0, 0, NULL, NULL                                                                           \
    }

/* Opens `path` read-only (trawl_xdb_open with TRAWL_XDB_READ is this with no options). A
 * shard that cannot be opened fails the open with a message naming it ("shard 2 of 3 (remote
 * 127.0.0.1:9102): ..."). `options` may be NULL. */
trawl_status trawl_xdb_open_read(const char *path, const trawl_xdb_read_options *options,
                                 trawl_xdb **db_out, trawl_error *err);
/* The shards of an open database (1 for a plain one), and why shard `i` was left out ("shard
 * 2 of 3 (remote HOST:PORT): ...", its stub line with a relative path joined to the stub's
 * folder), or NULL when it is searched (or `i` is past the last shard). The string is owned by
 * the handle. */
size_t trawl_xdb_shard_count(const trawl_xdb *db);
const char *trawl_xdb_shard_missing(const trawl_xdb *db, size_t i);
/* Leaves out the shards that no longer answer (a remote server gone or silent since the open),
 * as if they had failed to open (trawl_xdb_shard_missing says why); `*dropped_out` gets how
 * many. TRAWL_ERR_SHARD when none would be left. For a search to go on without them. */
trawl_status trawl_xdb_drop_unreachable(trawl_xdb *db, size_t *dropped_out, trawl_error *err);
/* Calls `fn` with each shard line of the stub database at `path` without opening them, until
 * it returns nonzero: `remote` nonzero for remote ones, `location` the path (joined to the
 * stub's folder when the stub gives it relative) or "HOST:PORT" (":PROGRAM ARGS").
 * TRAWL_ERR_NO_INDEX when `path` is not a stub or a line is not a shard line. */
typedef int (*trawl_xshard_fn)(void *ctx, int remote, const char *location);
trawl_status trawl_xdb_stub_shards(const char *path, trawl_xshard_fn fn, void *ctx,
                                   trawl_error *err);

/* Merges the databases at `sources` (closed or read-only: committed states are read) into a
 * new database at `dest`, compacted (Xapian's compaction: full blocks, documents renumbered in
 * source order). `dest` must not hold a database. A metadata key present in several sources
 * gets the value `merge` makes from theirs. */
trawl_status trawl_xdb_compact(const char *const *sources, size_t n, const char *dest,
                               trawl_xmerge_fn merge, void *ctx, trawl_error *err);

/* Closes the database, releasing its lock. Pending changes are committed, except inside a
 * transaction, which is cancelled. */
void trawl_xdb_close(trawl_xdb *db);
/* The message of the last failure on this handle ("" if none). Owned by the handle; valid
 * until its next call. */
const char *trawl_xdb_last_error(const trawl_xdb *db);
/* Makes a read-only handle see the latest committed revision. */
trawl_status trawl_xdb_reopen(trawl_xdb *db, trawl_error *err);

trawl_status trawl_xdb_doccount(trawl_xdb *db, unsigned *count_out, trawl_error *err);
/* Number of documents indexed by `term` (0 when absent). */
trawl_status trawl_xdb_termfreq(trawl_xdb *db, const char *term, size_t len, unsigned *freq_out,
                                trawl_error *err);
/* Calls `fn` for each term starting with `prefix`, in byte order, until it returns nonzero. */
typedef int (*trawl_xterm_fn)(void *ctx, const char *term, size_t len, unsigned termfreq);
trawl_status trawl_xdb_each_term(trawl_xdb *db, const char *prefix, trawl_xterm_fn fn, void *ctx,
                                 trawl_error *err);

/* Metadata: `*value_out` is malloc'd and NUL-terminated ("" when the key is unset). */
trawl_status trawl_xdb_get_metadata(trawl_xdb *db, const char *key, char **value_out,
                                    size_t *len_out, trawl_error *err);
trawl_status trawl_xdb_set_metadata(trawl_xdb *db, const char *key, const char *value, size_t len,
                                    trawl_error *err);
/* Calls `fn` with each metadata key starting with `prefix` and its value, in key order, until
 * it returns nonzero. The strings are valid during the call. */
typedef int (*trawl_xmeta_fn)(void *ctx, const char *key, const char *value, size_t len);
trawl_status trawl_xdb_each_metadata(trawl_xdb *db, const char *prefix, trawl_xmeta_fn fn,
                                     void *ctx, trawl_error *err);

/* Calls `fn` with the value of metadata `key` in each shard that has one (a plain database:
 * at most once), in shard order, until it returns nonzero: for keys whose values the shards
 * each hold part of. */
trawl_status trawl_xdb_each_metadata_value(trawl_xdb *db, const char *key, trawl_xmeta_fn fn,
                                           void *ctx, trawl_error *err);

/* Transactions (writable databases): changes between begin and commit become visible to
 * readers together, or not at all, and cancel undoes them all. A `flushed` transaction is
 * durable at its commit; an unflushed one becomes durable with the next trawl_xdb_commit,
 * which makes pending changes outside a transaction durable. */
trawl_status trawl_xdb_begin_transaction(trawl_xdb *db, int flushed, trawl_error *err);
trawl_status trawl_xdb_commit_transaction(trawl_xdb *db, trawl_error *err);
trawl_status trawl_xdb_cancel_transaction(trawl_xdb *db, trawl_error *err);
trawl_status trawl_xdb_commit(trawl_xdb *db, trawl_error *err);

trawl_status trawl_xdb_add_document(trawl_xdb *db, const trawl_xdoc *doc, trawl_xdocid *docid_out,
                                    trawl_error *err);
/* Replaces every document indexed by `unique_term` with `doc` (adds it when none is). */
trawl_status trawl_xdb_replace_document(trawl_xdb *db, const char *unique_term,
                                        const trawl_xdoc *doc, trawl_xdocid *docid_out,
                                        trawl_error *err);
/* Deletes every document indexed by `term`. */
trawl_status trawl_xdb_delete_documents(trawl_xdb *db, const char *term, trawl_error *err);

/* The stored data of document `docid`: malloc'd, NUL-terminated. */
trawl_status trawl_xdb_get_data(trawl_xdb *db, trawl_xdocid docid, char **data_out, size_t *len_out,
                                trawl_error *err);
/* The value in `slot` of document `docid`: malloc'd, NUL-terminated ("" when unset). */
trawl_status trawl_xdb_get_value(trawl_xdb *db, trawl_xdocid docid, unsigned slot, char **value_out,
                                 size_t *len_out, trawl_error *err);
/* The positions of `term` in document `docid`, ascending: malloc'd array (NULL when none). */
trawl_status trawl_xdb_positions(trawl_xdb *db, trawl_xdocid docid, const char *term, size_t len,
                                 unsigned **positions_out, size_t *count_out, trawl_error *err);

/* Calls `fn` with the id of every document, ascending, until it returns nonzero. */
typedef int (*trawl_xdocid_fn)(void *ctx, trawl_xdocid docid);
trawl_status trawl_xdb_each_docid(trawl_xdb *db, trawl_xdocid_fn fn, void *ctx, trawl_error *err);
/* Calls `fn` with each term of document `docid` (byte order), its wdf and its positions
 * (ascending; none for terms without positions), until it returns nonzero. */
typedef int (*trawl_xposting_fn)(void *ctx, const char *term, size_t len, unsigned wdf,
                                 const unsigned *positions, size_t npositions);
trawl_status trawl_xdb_each_document_term(trawl_xdb *db, trawl_xdocid docid, trawl_xposting_fn fn,
                                          void *ctx, trawl_error *err);
/* Calls `fn` with each value of document `docid` (slot order), until it returns nonzero. */
typedef int (*trawl_xslot_fn)(void *ctx, unsigned slot, const char *value, size_t len);
trawl_status trawl_xdb_each_value(trawl_xdb *db, trawl_xdocid docid, trawl_xslot_fn fn, void *ctx,
                                  trawl_error *err);

/* ---- documents ---- */

trawl_status trawl_xdoc_new(trawl_xdoc **doc_out, trawl_error *err);
void trawl_xdoc_free(trawl_xdoc *doc);
/* Adds `term` at `pos` (positions start at 1), raising its wdf by `wdf_inc`. */
trawl_status trawl_xdoc_add_posting(trawl_xdoc *doc, const char *term, size_t len, unsigned pos,
                                    unsigned wdf_inc, trawl_error *err);
/* Adds `term` without a position. */
trawl_status trawl_xdoc_add_term(trawl_xdoc *doc, const char *term, size_t len, unsigned wdf_inc,
                                 trawl_error *err);
/* Adds a filter term: wdf 0, so it never changes the document's weight. */
trawl_status trawl_xdoc_add_boolean_term(trawl_xdoc *doc, const char *term, size_t len,
                                         trawl_error *err);
trawl_status trawl_xdoc_set_value(trawl_xdoc *doc, unsigned slot, const char *bytes, size_t len,
                                  trawl_error *err);
trawl_status trawl_xdoc_set_data(trawl_xdoc *doc, const char *bytes, size_t len, trawl_error *err);
/* The value in `slot` of a document not yet written, into `*value_out` (malloc'd, NUL-terminated,
 * "" when the slot is empty; the caller frees it). */
trawl_status trawl_xdoc_get_value(const trawl_xdoc *doc, unsigned slot, char **value_out,
                                  size_t *len_out, trawl_error *err);

/* ---- queries ---- */

typedef enum trawl_xop {
    TRAWL_XOP_AND,       /* all subqueries match */
    TRAWL_XOP_OR,        /* any subquery matches */
    TRAWL_XOP_AND_NOT,   /* the first matches and none of the others */
    TRAWL_XOP_FILTER,    /* the first matches, the others must too but add no weight */
    TRAWL_XOP_AND_MAYBE, /* the first matches; the others only add weight */
    TRAWL_XOP_PHRASE,    /* terms in order within `window` positions (0: as many as terms) */
    TRAWL_XOP_NEAR,      /* terms in any order within `window` positions */
    TRAWL_XOP_SYNONYM    /* any subquery matches, weighted as one term */
} trawl_xop;

/* Queries are immutable values: builders copy their inputs, which stay the caller's. */
trawl_status trawl_xquery_term(const char *term, size_t len, unsigned wqf, unsigned pos,
                               trawl_xquery **query_out, trawl_error *err);
trawl_status trawl_xquery_match_all(trawl_xquery **query_out, trawl_error *err);
trawl_status trawl_xquery_match_nothing(trawl_xquery **query_out, trawl_error *err);
/* Combines `n` >= 1 subqueries with `op`; `window` is used by PHRASE and NEAR only. */
trawl_status trawl_xquery_combine(trawl_xop op, trawl_xquery *const *subs, size_t n,
                                  unsigned window, trawl_xquery **query_out, trawl_error *err);
/* Documents whose value in `slot` lies in [lo, hi] (byte order). */
trawl_status trawl_xquery_value_range(unsigned slot, const char *lo, size_t lo_len, const char *hi,
                                      size_t hi_len, trawl_xquery **query_out, trawl_error *err);
/* Any term starting with `prefix`, expanded to at most `max_expansion` terms (0: no limit);
 * expanding to more fails at search time with TRAWL_ERR_QUERY_SYNTAX. */
trawl_status trawl_xquery_wildcard(const char *prefix, size_t len, unsigned max_expansion,
                                   trawl_xquery **query_out, trawl_error *err);
/* `query` with its weight multiplied by `factor` (>= 0). */
trawl_status trawl_xquery_scale(const trawl_xquery *query, double factor, trawl_xquery **query_out,
                                trawl_error *err);
/* Whether `query` has a PHRASE or NEAR anywhere in it (matching it reads positions). */
bool trawl_xquery_positional(const trawl_xquery *query);
/* Xapian's description of the query, for tests and --explain: malloc'd. */
char *trawl_xquery_describe(const trawl_xquery *query);
void trawl_xquery_free(trawl_xquery *query);

/* ---- match spies ---- */

/* Counts the distinct values of one slot among the documents a run examines (Xapian's
 * ValueCountMatchSpy: it runs on every shard, remote ones included, and their counts merge). */
trawl_status trawl_xspy_new(unsigned slot, trawl_xspy **spy_out, trawl_error *err);
void trawl_xspy_free(trawl_xspy *spy);
/* Calls `fn` with each distinct value seen (bytes valid during the call) and the number of
 * documents that had it, in byte order of the values, until it returns nonzero. */
typedef int (*trawl_xcount_fn)(void *ctx, const char *value, size_t len, unsigned count);
trawl_status trawl_xspy_each(trawl_xspy *spy, trawl_xcount_fn fn, void *ctx, trawl_error *err);

/* ---- enquire and results ---- */

/* `db` must outlive the enquire. */
trawl_status trawl_xenquire_new(trawl_xdb *db, trawl_xenquire **enq_out, trawl_error *err);
void trawl_xenquire_free(trawl_xenquire *enq);
const char *trawl_xenquire_last_error(const trawl_xenquire *enq);
trawl_status trawl_xenquire_set_query(trawl_xenquire *enq, const trawl_xquery *query,
                                      trawl_error *err);
/* BM25 with Xapian's parameter names (defaults 1, 0, 1, 0.5, 0.5). */
trawl_status trawl_xenquire_set_bm25(trawl_xenquire *enq, double k1, double k2, double k3, double b,
                                     double min_normlen, trawl_error *err);
/* Results of equal weight rank by the value in `slot`, ascending (byte order), then by document
 * id, instead of by document id alone (which depends on how and in how many shards the
 * database was built). Without a collapse key or a spy, a run reads the values of the page's
 * equal weights only, and runs the match a second time, with Xapian's own tiebreak, only when
 * a weight is shared across the page's edges. */
trawl_status trawl_xenquire_set_tiebreak(trawl_xenquire *enq, unsigned slot, trawl_error *err);
/* Results in the byte order of their values in `slot`, ascending (a document without one
 * first) or descending (last), weights left out; the values should be unique, for an order
 * that does not depend on document ids. Xapian's remote backend serves it (a KeyMaker it does
 * not). */
trawl_status trawl_xenquire_set_sort_by_value(trawl_xenquire *enq, unsigned slot, int descending,
                                              trawl_error *err);
/* At most `max` results with one value in `slot` (Xapian's collapse key): the best of each
 * value are kept, and the match counts count values rather than documents. */
trawl_status trawl_xenquire_set_collapse_key(trawl_xenquire *enq, unsigned slot, unsigned max,
                                             trawl_error *err);
/* `spy` must outlive the enquire; it sees every document the next run examines, which is
 * every match when `check_at_least` covers the database. */
trawl_status trawl_xenquire_add_spy(trawl_xenquire *enq, trawl_xspy *spy, trawl_error *err);
/* Runs the query: results `first` .. `first + max_items - 1` by descending weight (ties by
 * ascending docid, or the tiebreak slot's value). With `check_at_least` >= the document count, the
 * match counts are exact. */
trawl_status trawl_xenquire_run(trawl_xenquire *enq, unsigned first, unsigned max_items,
                                unsigned check_at_least, trawl_xmset **mset_out, trawl_error *err);
/* Counts the documents matching the enquire's query, exactly, into `*count`: a match without
 * weights (much cheaper than an exact weighted run), with the enquire's spies left out. */
trawl_status trawl_xenquire_count(trawl_xenquire *enq, unsigned *count, trawl_error *err);

typedef struct trawl_xmatch {
    trawl_xdocid docid; /* the document */
    unsigned rank;      /* 0-based rank in the whole result list */
    double weight;      /* BM25 weight */
    const char *data;   /* stored data; owned by the mset, valid until it is freed */
    size_t data_len;    /* bytes of data */
} trawl_xmatch;

size_t trawl_xmset_size(const trawl_xmset *mset);
/* Lower bound, estimate and upper bound of the total number of matches; all three are equal
 * when the run was exact. */
void trawl_xmset_counts(const trawl_xmset *mset, unsigned *lower, unsigned *estimated,
                        unsigned *upper);
trawl_status trawl_xmset_item(trawl_xmset *mset, size_t index, trawl_xmatch *match_out,
                              trawl_error *err);
/* The value in `slot` of result `index` (malloc'd, "" when it has none), from the document
 * the result set fetched (on remote shards: no further round trip). */
trawl_status trawl_xmset_value(trawl_xmset *mset, size_t index, unsigned slot, char **value_out,
                               size_t *len_out, trawl_error *err);
void trawl_xmset_free(trawl_xmset *mset);

#ifdef __cplusplus
}
#endif

#endif
