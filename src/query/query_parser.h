/* query_parser.h: the query syntax -> a query tree. No text analysis happens here (words and
 * phrases keep their text as typed); query_compile.h turns the tree into a Xapian query with
 * the same analyzer that indexed the documents.
 *
 * Syntax: words (all must match), "exact phrases", OR between alternatives, NOT word and
 * -word to exclude, parentheses, field:word, field:"phrase" and field:(...), word* for
 * prefixes, facet filters (icc:KEY, province:NAME, year:2024, year:2018..2020), and AND (the
 * default, accepted explicitly), proximity between words: `a NEAR b` (at most
 * TRAWL_NEAR_DISTANCE words between them, in any order), `a NEAR/N b` (at most N), `a ADJ b`
 * (in this order, adjacent), `a ADJ/N b` (in this order, at most N words between). NEAR and
 * ADJ bind tighter than OR, which binds tighter than AND, so `a b OR c` means a AND (b OR c);
 * NOT applies to the next word, phrase, group or OR-chain. */
#ifndef TRAWL_QUERY_PARSER_H
#define TRAWL_QUERY_PARSER_H

#include <stdbool.h>
#include <stddef.h>

#include "common/status.h"
#include "index/schema.h"

typedef enum trawl_qnode_kind {
    TRAWL_QNODE_WORD,     /* a word as typed (it may analyse to several tokens) */
    TRAWL_QNODE_PHRASE,   /* the words of a quoted phrase, in order */
    TRAWL_QNODE_WILDCARD, /* word* : any word starting with the text */
    TRAWL_QNODE_AND,      /* every positive child; none of the NOT children */
    TRAWL_QNODE_OR,       /* any child */
    TRAWL_QNODE_NOT,      /* exclusion of its one child (only inside AND) */
    TRAWL_QNODE_FILTER,   /* facet:value, as typed: matches without adding weight */
    TRAWL_QNODE_NEAR      /* its WORD and WILDCARD children within `distance` words */
} trawl_qnode_kind;

/* Words NEAR allows between its words; the most NEAR/N and ADJ/N accept. */
#define TRAWL_NEAR_DISTANCE 10
#define TRAWL_MAX_DISTANCE 100

typedef struct trawl_qnode {
    trawl_qnode_kind kind;
    const trawl_field *field;  /* field:..., or NULL for the default fields */
    trawl_filter_id filter;    /* FILTER: which */
    char *text;                /* WORD, PHRASE, WILDCARD: the text as typed; owned */
    struct trawl_qnode **kids; /* AND, OR, NOT: children; owned */
    size_t nkids;              /* number of children */
    unsigned distance;         /* NEAR: at most this many other words between its words */
    bool ordered;              /* NEAR: in the order written (ADJ) */
} trawl_qnode;

/* Parses `query`. `*root_out` belongs to the caller (trawl_qnode_free). Errors, with
 * TRAWL_ERR_QUERY_SYNTAX and a message naming the problem and its column: an unbalanced
 * quote or parenthesis, an unknown field, an operator with nothing to apply to (NEAR with no
 * word on one side), NEAR or ADJ joining a phrase or group, an empty query. */
trawl_status trawl_query_parse(const char *query, trawl_qnode **root_out, trawl_error *err);
void trawl_qnode_free(trawl_qnode *node);

/* A canonical description of the tree, e.g. AND(word"a", OR(word"b", phrase"c d")): malloc'd,
 * for tests and --explain. */
char *trawl_qnode_describe(const trawl_qnode *node);

#endif
