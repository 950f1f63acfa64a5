/* schema.h: the index schema in one place: the field table (field name -> term prefixes ->
 * query weight), boolean term prefixes, value slots, stored data keys and metadata keys, and
 * the schema version. index/README.md documents the same table for people; keep them equal. */
#ifndef TRAWL_SCHEMA_H
#define TRAWL_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "common/buf.h"
#include "facets/facets.h"
#include "common/status.h"
#include "xapian-c/xapian_c.h"

/* Version history:
 *   1: passages as documents; body/title/section words with positions plus Z-stems; Q and P
 *      boolean terms; JSON stored data.
 *   2: facets: XI/XP/XY filter terms, value slots 2-5, "facets" evidence in the stored data,
 *      the gazetteer and discovered centers in the metadata.
 *   3: languages and metadata: stems in each passage's language, L/K/U filter terms, value
 *      slots 6-7, "kind" in the stored data; Traditional Chinese folded to Simplified; CJK
 *      character bigrams (B prefix); document and file records (trawl.doc., trawl.file.).
 *   4: short blocks of a section joined into one passage (passages.h); stems expanded at
 *      query time through Xapian's synonym table (keys "Z" + stem) instead of Z terms; detection
 *      among the languages of text/langid.conf; "facets" stored only when found.
 *   5: one value slot (TRAWL_SLOT_TALLY) holds all that facet counts read, instead of slots
 *      0 and 2-7: Xapian's own value-count spy counts it, across shards and remote servers;
 *      stem expansions in metadata (TRAWL_META_STEM) instead of the synonym table, which
 *      Xapian's remote backend does not serve; slot 1 (TRAWL_SLOT_ORDER) orders passages of
 *      equal weight by document and position, however the index was built or sharded.
 *   6: a stem's expansion list per language (trawl.stem.LANG:STEM): a query word's stem in one
 *      language no longer matches the words of another language's stem that is spelt alike
 *      ("memory" stems to "memor" in some language, the English stem of "memorable"); the
 *      stored data's text after its JSON object, read without decoding.
 *   7: a passage's foundings (trawl_founding: a center, the year a creation word of its
 *      sentence gives) instead of every center-year pair of a sentence, in the tally value
 *      and in the stored data ("foundings"); file records keep the file's canonical path;
 *      the options that shape the index (TRAWL_META_OPTIONS); links resolved at commit
 *      (TRAWL_META_LINKS).
 *   8: the parts of words (text/word_parts.h): words joined by a full stop or colon split,
 *      elided articles and possessives dropped; Korean indexed with bigrams too; a sentence
 *      longer than the passage bound cut into equal parts (passages.h).
 *   9: publication dates (TRAWL_SLOT_PUBLISHED, "published" in the stored data, the published
 *      facet in the tally value); ingest runs (runs.h: TRAWL_META_RUN records, each passage's
 *      run in a TRAWL_PREFIX_RUN term and TRAWL_SLOT_RUN); a PDF passage's "page" in the
 *      stored data; reprints (TRAWL_META_SIGNATURE, TRAWL_META_REPRINT); the document's path
 *      in TRAWL_SLOT_DOC (results grouped by document); date sort keys (TRAWL_SLOT_BY_DATE,
 *      TRAWL_SLOT_BY_DATE_DESC). */
#define TRAWL_SCHEMA_VERSION 9

typedef enum trawl_field_id {
    TRAWL_FIELD_BODY,    /* the passage's own text */
    TRAWL_FIELD_TITLE,   /* the document's title, on each of its passages */
    TRAWL_FIELD_SECTION, /* the passage's section path (all its headings) */
    TRAWL_FIELD_COUNT
} trawl_field_id;

typedef struct trawl_field {
    trawl_field_id id;
    const char *name;   /* as typed in queries ("title:"); NULL for the body */
    const char *prefix; /* folded words, with positions */
    double weight;      /* weight factor when an unfielded query word matches here: below 1
                           for the title and headings, which lift a passage whose own text
                           matches rather than outrank it */
} trawl_field;

/* The field with id `id`. Static storage. */
const trawl_field *trawl_schema_field(trawl_field_id id);
/* The field a query names (`title`, `section`), or NULL. */
const trawl_field *trawl_schema_field_named(const char *name, size_t len);
/* Comma-separated names of the query fields, for messages. */
const char *trawl_schema_field_names(void);

/* The filters a query may use: each facet, under its own id, and the URL, which only filters. */
typedef enum trawl_filter_id {
#define TRAWL_FILTER_ENUM(id, name) TRAWL_FILTER_##id = TRAWL_FACET_##id,
    TRAWL_FACET_LIST(TRAWL_FILTER_ENUM)
#undef TRAWL_FILTER_ENUM
        TRAWL_FILTER_URL, /* url:ADDRESS */
    TRAWL_FILTER_ADDED,   /* added:last, added:RUN, added:2026-11-01.. (runs.h) */
    TRAWL_FILTER_COUNT
} trawl_filter_id;
_Static_assert((int)TRAWL_FILTER_URL == (int)TRAWL_FACET_COUNT,
               "the URL filter follows the facets");

/* The filter of a facet (the same id, by construction). */
static inline trawl_filter_id trawl_filter_of(trawl_facet_id facet)
{
    return (trawl_filter_id)facet;
}

/* A filter as stored: its query field and its filter terms. */
typedef struct trawl_facet_schema {
    const char *name;   /* "icc", "province", "year", "lang", "kind", "published", "url",
                           "added": the query field */
    const char *prefix; /* filter terms: prefix + value; NULL for "published", which filters
                           on TRAWL_SLOT_PUBLISHED */
} trawl_facet_schema;

/* The filter with id `id`, or NULL. */
const trawl_facet_schema *trawl_schema_facet(trawl_filter_id id);
/* The filter a query names (`icc`, `lang`, `url` ...), or NULL; `*id_out` gets its id. */
const trawl_facet_schema *trawl_schema_facet_named(const char *name, size_t len,
                                                   trawl_filter_id *id_out);

/* Stems are not terms: the metadata key TRAWL_META_STEM + LANG + ":" + STEM lists the words
 * of the index whose stem in language LANG is STEM and that differ from it, each followed by a
 * newline, from the passages (or titles, sections) analysed in LANG. A query word matches, in
 * each field, its stem in each language of the index and the words each language's list
 * gives for that language's stem. Each shard lists the words of its own passages. */
#define TRAWL_META_STEM "trawl.stem."

/* The name of the list of `stem` (`len` bytes) in language `lang`: LANG:STEM, into `out`
 * (reset first); the key is TRAWL_META_STEM + that name. */
void trawl_schema_stem_name(const char *lang, const char *stem, size_t len, trawl_buf *out);

/* Calls `fn` with each word of an expansion list (words each followed by a newline) until it
 * returns nonzero; returns that value, or 0. */
typedef int (*trawl_word_fn)(void *ctx, const char *word, size_t len);
int trawl_schema_each_expansion(const char *list, size_t len, trawl_word_fn fn, void *ctx);
/* Appends `word` and a newline to the expansion list in `list` unless it holds the word;
 * true when it was appended. */
bool trawl_schema_add_expansion(trawl_buf *list, const char *word, size_t len);
/* Appends to `list` each word of the list `other` that it does not hold. */
void trawl_schema_merge_list(trawl_buf *list, const char *other, size_t len);

/* Boolean (filter) term prefixes. */
#define TRAWL_PREFIX_PASSAGE "Q" /* Q<passage id>: one per passage, unique */
#define TRAWL_PREFIX_DOC "P"     /* P<document path>: every passage of a document */
#define TRAWL_PREFIX_RUN "XR"    /* XR<run id>: the run that last added or changed it */

/* Value slots. */
#define TRAWL_SLOT_TALLY 0 /* what facet counts read: trawl_schema_tally_value() */
/* Document path, a NUL byte, ordinal "%08u": ties rank in this order. */
#define TRAWL_SLOT_ORDER 1
/* The document's publication date (dates.h normal form), absent when unknown. */
#define TRAWL_SLOT_PUBLISHED 2
/* The run that last added or changed the document, decimal (runs.h). */
#define TRAWL_SLOT_RUN 3
/* The document's path: results grouped by document collapse on it. */
#define TRAWL_SLOT_DOC 4
/* Keys that sort passages by publication date, oldest (5) or newest (6) first, passages of one
 * date in document order: trawl_schema_date_keys(), sorted in descending byte order. One value
 * sorts (Xapian's remote backend sorts by a value, not by a KeyMaker of several); every
 * passage has one, so that no two tie (ties would go by document id, which differs between a
 * database and its shards). */
#define TRAWL_SLOT_BY_DATE 5
#define TRAWL_SLOT_BY_DATE_DESC 6
/* The two date keys of a passage of publication date `date` ("" when unknown) whose place
 * (TRAWL_SLOT_ORDER's value) is `order` (`order_len` bytes): the date, 0x01 and the place,
 * every byte b written 255 - b (`oldest`: descending order of these is ascending order of
 * date and place); the same with each digit d of the date first made 9 - d (`newest`); for an
 * undated passage, both the byte 0x01 and the place written so, below every dated key. A date
 * known to the year sorts before that year's months, and a month before its days, in both. */
void trawl_schema_date_keys(const char *date, const char *order, size_t order_len,
                            trawl_buf *oldest, trawl_buf *newest);

/* The tally value of a passage: its values of each facet (trawl_facet_id order: centers,
 * provinces, years, language, kind, publication date; each sorted and space-separated), its
 * foundings as "center:year", then its document path, separated by TRAWL_TALLY_SEP. A
 * separator inside a part other than the last becomes a space. */
#define TRAWL_TALLY_SEP '\x1e'
#define TRAWL_TALLY_FOUNDINGS TRAWL_FACET_COUNT  /* the part holding the foundings */
#define TRAWL_TALLY_PATH (TRAWL_FACET_COUNT + 1) /* the part holding the path */
#define TRAWL_TALLY_PARTS (TRAWL_FACET_COUNT + 2)
void trawl_schema_tally_value(const char *const parts[TRAWL_TALLY_PARTS], trawl_buf *out);
/* Splits a tally value into its parts (pointers into `value`); false when it does not have
 * TRAWL_TALLY_PARTS parts. */
typedef struct trawl_tally_part {
    const char *data;
    size_t len;
} trawl_tally_part;
bool trawl_schema_tally_split(const char *value, size_t len,
                              trawl_tally_part parts[TRAWL_TALLY_PARTS]);

/* Metadata keys. */
#define TRAWL_META_SCHEMA "trawl.schema"       /* TRAWL_SCHEMA_VERSION, decimal */
#define TRAWL_META_ANALYZER "trawl.analyzer"   /* trawl_schema_analyzer_identity() */
#define TRAWL_META_LANGUAGE "trawl.language"   /* default document language */
#define TRAWL_META_GAZETTEER "trawl.gazetteer" /* the gazetteer's tables, as ingest loaded them */
#define TRAWL_META_ALIASES "trawl.aliases"     /* their names folded (trawl_aliases_save) */
/* The options that shape the index, for later runs that do not give them: {"max_passage": N,
 * "gazetteer": absolute folder, absent for the built-in one}. */
#define TRAWL_META_OPTIONS "trawl.options"
/* The languages of a shard's passages (its L terms' codes), in the list format of stem
 * expansions, rewritten by each commit: readers learn them without walking the L terms, whose
 * posting lists lie between them in Xapian's table (a read of every block between). */
#define TRAWL_META_LANGUAGES "trawl.languages"
/* Appends to `list` (a list in the format of stem expansions) the languages of the passages of
 * `db` that it does not hold, from the L terms themselves. */
trawl_status trawl_schema_languages_of(trawl_xdb *db, trawl_buf *list, trawl_error *err);

/* CJK character bigrams, with positions of their own: phrases of Chinese and Japanese match
 * whatever the segmentation. */
#define TRAWL_PREFIX_BIGRAM "B"
#define TRAWL_META_CENTER "trawl.center." /* + key: a discovered center, "name\tprovince" */
#define TRAWL_META_DOC "trawl.doc." /* + path: the document's record: title, URL, links (JSON) */
/* + path: the document's links resolved (linker.h): {"out": [{"text", "target", "path",
 * "title"}], "in": [{"text", "path", "title"}]}, rewritten where they change by the commit of a
 * run that added, changed or removed documents. */
#define TRAWL_META_LINKS "trawl.links."
#define TRAWL_META_FILE "trawl.file." /* + path: the file it was read from (catalog.h) */
#define TRAWL_META_RUN "trawl.run."   /* + run id "%08u": what the run did (runs.h) */
/* + path: the document's MinHash signature (reprints.h: TRAWL_SIGNATURE_BYTES bytes). */
#define TRAWL_META_SIGNATURE "trawl.sig."
/* + path: the group of near-duplicates the document belongs to, as the commit of the last run
 * that changed documents found it: {"group": its founding document, "similarity": to it};
 * absent for a document without reprints. */
#define TRAWL_META_REPRINT "trawl.reprint."
#define TRAWL_META_ALL "trawl." /* the prefix of every key Trawl writes */

/* The one rule for a metadata key that several shards each hold, for reads of a shard set as
 * for compaction: lists (TRAWL_META_STEM keys, TRAWL_META_LANGUAGES) merge into the union of
 * their words, in shard order; any other key takes its smallest non-empty value, so that the
 * answer does not depend on the order of the shards. A trawl_xmerge_fn; `ctx` is unused. */
int trawl_schema_merge_values(void *ctx, const char *key, const char *const *values,
                              const size_t *lens, size_t n, char **merged_out, size_t *len_out);
/* trawl_xdb_open_read with that rule: every read-only open of an index goes through here.
 * `options` may be NULL; its `merge` is replaced. */
trawl_status trawl_schema_open_read(const char *path, const trawl_xdb_read_options *options,
                                    trawl_xdb **db_out, trawl_error *err);

/* Writes `prefix` + `value` as a Xapian term into `out` (reset first). Values too long for a
 * term (Xapian's limit is 245 bytes) keep their first bytes plus a hash of the whole. */
void trawl_schema_term(const char *prefix, const char *value, trawl_buf *out);

/* The analyser's identity: ICU and Unicode versions, Snowball version, passage bound, and the
 * gazetteer's hash. A change in any of them changes what would be indexed, so an index
 * records it. */
void trawl_schema_analyzer_identity(size_t max_passage_bytes, const char *gazetteer_hash,
                                    trawl_buf *out);

/* The passage id of passage `ordinal` (1-based) of document `path`: "path#ordinal". */
void trawl_schema_passage_id(const char *path, unsigned ordinal, trawl_buf *out);

#endif
