/* aliases.h: the gazetteer's names, folded as documents' words are, so that a name typed in a
 * query is recognised whatever its script, case or accents: province:浙江, and "Chongqing"
 * finding 重庆 (each name of a place or center stands for all its names, in every script;
 * built on the gazetteer's lists, not on transliteration, which misreads 长城 or 厦门).
 * A trawl_aliases is used by one thread at a time (lookups keep scratch state). */
#ifndef TRAWL_ALIASES_H
#define TRAWL_ALIASES_H

#include "common/buf.h"
#include "common/status.h"
#include "facets/gazetteer.h"
#include "text/analyzer.h"

typedef enum trawl_alias_kind {
    TRAWL_ALIAS_PROVINCE,
    TRAWL_ALIAS_CITY,
    TRAWL_ALIAS_CENTER
} trawl_alias_kind;

typedef struct trawl_alias_entity {
    trawl_alias_kind kind;
    const char *key;          /* its key in the gazetteer */
    const trawl_names *names; /* all its names */
} trawl_alias_entity;

typedef struct trawl_aliases trawl_aliases;

/* Folds every name of `gz` with `an`. `gz` must outlive the result; `an` is not kept. */
trawl_status trawl_aliases_new(const trawl_gazetteer *gz, trawl_analyzer *an,
                               trawl_aliases **aliases_out, trawl_error *err);
/* The aliases `text` holds, as trawl_aliases_save wrote them with the same gazetteer `gz` and
 * Trawl's folding: no name is folded again (the index keeps them: folding them all costs a
 * process more than its query). `gz` must outlive the result. TRAWL_ERR_CORRUPT when a line
 * is malformed or out of byte order; a key `gz` does not have is found as nothing. */
trawl_status trawl_aliases_load(const trawl_gazetteer *gz, const char *text, size_t len,
                                trawl_aliases **aliases_out, trawl_error *err);
void trawl_aliases_free(trawl_aliases *a);

/* Every folded name and what it means, one per line in byte order ("folded\tp KEY", c for a
 * city, i for a center, ? when ambiguous), into `out` (reset first). */
trawl_status trawl_aliases_save(const trawl_aliases *a, trawl_buf *out, trawl_error *err);

/* What `name` (or a province's or city's key), folded by `an`, means, into `*out`; `*found`
 * false when nothing, or when it names several things (a name shared by two cities). Fails
 * when the name cannot be analysed (memory, ICU). */
trawl_status trawl_aliases_find(trawl_aliases *a, trawl_analyzer *an, const char *name,
                                trawl_alias_entity *out, bool *found, trawl_error *err);

#endif
