/* relax.c: an OR of the ANDs of each `keep`-subset of an AND's clauses, built from copies. */
#include "query/relax.h"

#include <stdbool.h>
#include <stdlib.h>

#include "common/buf.h"

/* Whether a child of the top AND is a clause that can be left out (not a filter or an
 * exclusion, which every partial match still honours). */
static bool is_clause(const trawl_qnode *n)
{
    return n->kind != TRAWL_QNODE_FILTER && n->kind != TRAWL_QNODE_NOT;
}

size_t trawl_query_clauses(const trawl_qnode *root)
{
    size_t n = 0;
    for (size_t i = 0; root && root->kind == TRAWL_QNODE_AND && i < root->nkids; i++)
        n += is_clause(root->kids[i]);
    return n;
}

/* A deep copy of `n`, or NULL when out of memory. */
static trawl_qnode *copy(const trawl_qnode *n)
{
    trawl_qnode *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    *c = *n;
    c->text = NULL;
    c->kids = NULL;
    c->nkids = 0;
    bool ok = !n->text || (c->text = trawl_strdup(n->text)) != NULL;
    if (ok && n->nkids) {
        ok = (c->kids = calloc(n->nkids, sizeof *c->kids)) != NULL;
        for (size_t i = 0; ok && i < n->nkids; i++, c->nkids++)
            ok = (c->kids[i] = copy(n->kids[i])) != NULL;
    }
    if (!ok) {
        trawl_qnode_free(c);
        return NULL;
    }
    return c;
}

/* A new node of `kind` with room for `cap` children. */
static trawl_qnode *node(trawl_qnode_kind kind, size_t cap)
{
    trawl_qnode *n = calloc(1, sizeof *n);
    if (n && !(n->kids = calloc(cap ? cap : 1, sizeof *n->kids))) {
        free(n);
        return NULL;
    }
    if (n)
        n->kind = kind;
    return n;
}

static bool add(trawl_qnode *parent, trawl_qnode *kid)
{
    if (!kid)
        return false;
    parent->kids[parent->nkids++] = kid;
    return true;
}

/* Adds to `or` the AND of each subset of `keep` clauses from clauses[from..n) joined to the
 * `chosen` ones so far. */
static bool subsets(trawl_qnode * or, const trawl_qnode *const *clauses, size_t n, size_t from,
                    size_t keep, const trawl_qnode **chosen, size_t nchosen, size_t *cap)
{
    if (nchosen == keep) {
        trawl_qnode *and = keep == 1 ? NULL : node(TRAWL_QNODE_AND, keep);
        if (keep == 1)
            return trawl_array_grow((void **)& or->kids, cap, or->nkids, sizeof * or->kids) &&
                   add(or, copy(chosen[0]));
        bool ok = and != NULL;
        for (size_t i = 0; ok && i < keep; i++)
            ok = add(and, copy(chosen[i]));
        ok = ok && trawl_array_grow((void **)& or->kids, cap, or->nkids, sizeof * or->kids);
        if (!ok) {
            trawl_qnode_free(and);
            return false;
        }
        or->kids[or->nkids++] = and;
        return true;
    }
    for (size_t i = from; i + (keep - nchosen) <= n; i++) {
        chosen[nchosen] = clauses[i];
        if (!subsets(or, clauses, n, i + 1, keep, chosen, nchosen + 1, cap))
            return false;
    }
    return true;
}

trawl_status trawl_query_relax(const trawl_qnode *root, size_t keep, trawl_qnode **out,
                               trawl_error *err)
{
    *out = NULL;
    size_t n = trawl_query_clauses(root);
    if (keep == 0 || keep >= n)
        return trawl_error_set(err, TRAWL_ERR_ARG, "relaxing %zu clauses to %zu", n, keep);
    const trawl_qnode **clauses = calloc(n, sizeof *clauses);
    const trawl_qnode **chosen = calloc(keep, sizeof *chosen);
    trawl_qnode *and = node(TRAWL_QNODE_AND, root->nkids), * or = node(TRAWL_QNODE_OR, 0);
    size_t cap = 1, nc = 0;
    bool ok = clauses && chosen && and&& or ;
    for (size_t i = 0; ok && i < root->nkids; i++) {
        if (is_clause(root->kids[i]))
            clauses[nc++] = root->kids[i];
        else
            ok = add(and, copy(root->kids[i]));
    }
    bool or_added = ok && subsets(or, clauses, n, 0, keep, chosen, 0, &cap) && add(and, or);
    free(clauses);
    free(chosen);
    if (!or_added) {
        trawl_qnode_free(and);
        trawl_qnode_free(or);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory relaxing the query");
    }
    *out = and;
    return TRAWL_OK;
}
