/* search.h: a query string -> ranked passages with highlights. Opens an index read-only,
 * checks its schema, parses and compiles the query with the analyzer the index was built
 * with (and its gazetteer, for facet filters), ranks with BM25, counts every match exactly,
 * loads each result's stored passage, highlight ranges and facet evidence, and counts facet
 * values over all matches on request.
 * A searcher, and the results it returns, are used by one thread at a time; threads that search at
 * once each open their own. */
#ifndef TRAWL_SEARCH_H
#define TRAWL_SEARCH_H

#include <stddef.h>

#include "common/status.h"
#include "query/glossary.h"
#include "search/highlight.h"
#include "search/links.h"
#include "search/report.h"
#include "xapian-c/xapian_c.h"

typedef struct trawl_searcher trawl_searcher;

/* Opens the index in `dir`: a folder of one shard or several, or a Xapian stub file naming
 * shards, local or remote (`options` may be NULL: xapian_c.h, trawl_xdb_read_options).
 * TRAWL_ERR_NO_INDEX when there is none (the message says to run trawl-ingest),
 * TRAWL_ERR_VERSION when it has another schema, TRAWL_ERR_SHARD when a shard cannot be
 * reached (the message names it). */
trawl_status trawl_searcher_open(const char *dir, const trawl_xdb_read_options *options,
                                 trawl_searcher **s_out, trawl_error *err);
/* The shards left out by options->allow_partial, when the index was opened or because they
 * stopped answering during a search since: `*n_out` messages naming each shard and why,
 * owned by the searcher, valid until its next search (NULL when none). */
const char *const *trawl_searcher_missing(const trawl_searcher *s, size_t *n_out);
void trawl_searcher_close(trawl_searcher *s);

/* Expands this searcher's queries with the glossary `path` (query/glossary.h); NULL: the file
 * TRAWL_GLOSSARY_FILE beside the index (in the folder that holds it), when there is one, else
 * none. Fails, naming the file and line, when the file cannot be read or is malformed. */
trawl_status trawl_searcher_use_glossary(trawl_searcher *s, const char *path, trawl_error *err);
/* The glossary in use, or NULL. */
const trawl_glossary *trawl_searcher_glossary(const trawl_searcher *s);

/* The order of results. */
typedef enum trawl_sort {
    TRAWL_SORT_SCORE,     /* by descending weight, ties in document order */
    TRAWL_SORT_DATE,      /* by publication date, oldest first; undated last */
    TRAWL_SORT_DATE_DESC, /* newest first; undated last */
    TRAWL_SORT_DOCUMENT   /* document order: path, then position in the document */
} trawl_sort;

typedef struct trawl_search_options {
    unsigned offset;       /* results to skip */
    unsigned limit;        /* results to return */
    const char *language;  /* analyse the query as this language; NULL: the index's default */
    unsigned facets;       /* (1 << trawl_facet_id) for each facet to count over all matches */
    bool documents;        /* count those facets in documents rather than passages */
    bool links;            /* load the links of each result's document */
    trawl_sort sort;       /* the order; passages of one date in document order */
    bool collapse;         /* fold reprints of a passage into it (search/collapse.h) */
    unsigned per_document; /* > 0: results grouped by document, a page of documents (offset
                              and limit count documents), each with its best passages, at
                              most this many */
} trawl_search_options;
/* The first ten results by weight, no facets counted, links not loaded. */
#define TRAWL_SEARCH_OPTIONS_INIT                                                                  \
    {                                                                                              \
        0, 10, NULL, 0, false, false, TRAWL_SORT_SCORE, false, 0                                   \
    }

/* Why a passage carries a facet value. */
typedef struct trawl_hit_facet {
    trawl_facet_id facet;
    const char *value; /* key or year */
    const char *label; /* display name */
    const char *text;  /* the evidence as written */
    const char *rule;  /* what matched: "name", "city", "place + ICC", "set up by", "date" ... */
    size_t start, end; /* byte range of the evidence in the passage */
} trawl_hit_facet;

/* A center's founding that a passage tells (facets.h: trawl_founding). */
typedef struct trawl_hit_founding {
    const char *center; /* center key */
    const char *label;  /* its display name */
    int year;           /* the year the sentence gives */
    const char *text;   /* the sentence */
    size_t start, end;  /* its byte range in the passage */
} trawl_hit_founding;

/* A passage folded into a result as a reprint of it (--collapse). */
typedef struct trawl_hit_copy {
    const char *id, *path, *title, *url; /* its passage id, document, title and URL ("") */
} trawl_hit_copy;

typedef struct trawl_hit {
    unsigned rank;                 /* 1-based rank among all matches */
    double score;                  /* BM25 weight */
    const char *id;                /* passage id "path#ordinal" */
    const char *path;              /* document path relative to the corpus root */
    const char *title;             /* document title */
    const char *url;               /* document URL, "" when none */
    const char *section;           /* section path, "" when none */
    const char *lang;              /* language the passage was analysed as */
    const char *kind;              /* the document's kind, "" when unknown */
    const char *published;         /* its publication date (common/dates.h), "" when unknown */
    unsigned run;                  /* the ingest run that last added or changed it (runs.h) */
    const char *added;             /* that run's time, "2026-12-02T14:43:11Z" */
    const char *text;              /* the passage as written in the source */
    size_t text_len;               /* bytes of text */
    unsigned ordinal;              /* passage ordinal in its document (1-based) */
    size_t offset;                 /* byte offset of the passage in the source file (a PDF: in
                                      its pages' text, joined by form feeds) */
    unsigned page;                 /* its page in a PDF (1-based), 0 for other sources */
    const trawl_range *highlights; /* marked ranges of text, sorted */
    size_t nhighlights;
    const trawl_hit_facet *facets; /* the passage's facet values with their evidence */
    size_t nfacets;
    const trawl_hit_founding *foundings; /* the foundings it tells */
    size_t nfoundings;
    const trawl_doc_links *links; /* its document's links, when asked for; else NULL */
    const trawl_hit_copy *copies; /* with collapse: its reprints in other documents, by rank */
    size_t ncopies;
} trawl_hit;

/* A word or phrase of a query that the glossary expanded: it matched every member. */
typedef struct trawl_expansion {
    char *term;     /* as the query wrote it */
    char **members; /* its group, as the glossary writes it */
    size_t n;
} trawl_expansion;

/* A word of a query that no passage holds, and the indexed word closest to it (NULL: none). */
typedef struct trawl_suggestion {
    char *word;       /* folded */
    char *suggestion; /* search/suggest.h */
} trawl_suggestion;

typedef struct trawl_results trawl_results;

/* One occurrence of the words and phrases a query matched (a run of marked words with only
 * spaces between them), in one passage. */
typedef struct trawl_occurrence {
    const trawl_hit *hit;    /* its passage (no rank: occurrences come in document order) */
    size_t start, end;       /* its bytes in hit->text */
    long long source_offset; /* where it starts in the source file (a PDF: in its pages'
                                text), -1 when the passage's text is not the source's bytes
                                (Markdown and HTML give their inline text): then */
    long long element;       /* the offset of the element or block holding it */
} trawl_occurrence;

/* Called with each occurrence; nonzero stops. Strings live during the call. */
typedef int (*trawl_occurrence_fn)(void *ctx, const trawl_occurrence *occurrence);

/* Calls `fn` with every occurrence of what `query` matches, in every passage it matches, in
 * document order (path, then position): all of them, not a page. The matching documents are
 * listed first (a match spy on their paths), then read one at a time: memory holds that list
 * and one document's passages, however many occurrences there are. `*passages_out` gets the
 * number of passages that matched. */
trawl_status trawl_search_occurrences(trawl_searcher *s, const char *query, const char *language,
                                      trawl_occurrence_fn fn, void *ctx, size_t *passages_out,
                                      trawl_error *err);

/* Runs `query`: passages by descending BM25 weight, those of equal weight in document order
 * (path, then position); a NULL query matches every passage, in document order. When no
 * passage matches a query of TRAWL_RELAX_MIN_CLAUSES or more clauses (query/relax.h), the
 * results are the passages matching the most of them (trawl_results_relaxed says how many).
 * `*results_out` belongs to the caller. Query errors give TRAWL_ERR_QUERY_SYNTAX with the
 * parser's message. */
trawl_status trawl_search(trawl_searcher *s, const char *query, const trawl_search_options *opts,
                          trawl_results **results_out, trawl_error *err);

/* The links of the document `doc` (its path, title or URL): what it links to and what links to
 * it. TRAWL_ERR_ARG when the index has no such document. `*links_out` belongs to the caller
 * (trawl_doc_links_free). */
trawl_status trawl_search_links(trawl_searcher *s, const char *doc, trawl_doc_links **links_out,
                                trawl_error *err);

/* Builds the report `spec` over every passage `query` matches (NULL: the whole index),
 * analysing the query as `language` (NULL: the index's default). */
trawl_status trawl_search_report(trawl_searcher *s, const char *query,
                                 const trawl_report_spec *spec, const char *language,
                                 trawl_report **report_out, trawl_error *err);

/* Accessors; strings are owned by the results and live as long as them. */
const char *trawl_results_query(const trawl_results *r);
unsigned trawl_results_total(const trawl_results *r); /* exact number of matching passages */
unsigned trawl_results_offset(const trawl_results *r);
/* 0 when the results match the whole query; else they are partial matches, each matching this
 * many of the query's `*clauses` clauses (words, phrases ...) and none matching more. */
size_t trawl_results_relaxed(const trawl_results *r, size_t *clauses);
/* For a query that matched nothing whole (no results, or partial ones): its words that no
 * passage holds, with the closest indexed word (`*n` of them; NULL when none). */
const trawl_suggestion *trawl_results_suggestions(const trawl_results *r, size_t *n);
/* The query's words and phrases the glossary expanded (`*n` of them; NULL when none). */
const trawl_expansion *trawl_results_expansions(const trawl_results *r, size_t *n);
size_t trawl_results_count(const trawl_results *r); /* hits in this page */
/* Results grouped by document: each document's hits (trawl_results_hit indexes `first` to
 * `first + n - 1`, its best passages in rank order) and the number of its passages that match. */
typedef struct trawl_doc_group {
    size_t first, n;
    unsigned passages;
} trawl_doc_group;
/* The groups (NULL and 0 when results are not grouped); total then counts documents. */
const trawl_doc_group *trawl_results_groups(const trawl_results *r, size_t *n);
/* With collapse: the passages of the best matches that were looked at, of which reprints were
 * folded (0 without collapse). */
size_t trawl_results_examined(const trawl_results *r);
const trawl_hit *trawl_results_hit(const trawl_results *r, size_t i);
/* The counts of `facet` over all matches when the options asked for them, else NULL. */
const trawl_report *trawl_results_facet(const trawl_results *r, int facet);
void trawl_results_free(trawl_results *r);

#endif
