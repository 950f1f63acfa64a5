/* gazetteer.h: the places and centers that facets are extracted against, kept as data files
 * in src/facets/gazetteer/ (provinces.tsv, cities.tsv, centers.tsv, regions.tsv; their
 * headers say what each column holds). Ingest loads them from that folder and stores their text in
 * the index, so a query resolves names (province:浙江) with exactly the tables the index was built
 * with.
 *
 * Ownership: every string and array returned belongs to the gazetteer and lives as long as
 * it.
 * A gazetteer is read-only once loaded: several threads may share one. */
#ifndef TRAWL_GAZETTEER_H
#define TRAWL_GAZETTEER_H

#include <stddef.h>

#include "common/status.h"

typedef struct trawl_names {
    char **items; /* the names */
    size_t n;     /* how many */
} trawl_names;

typedef struct trawl_province {
    char *key;           /* canonical key: "zhejiang" */
    char *name;          /* display name: "Zhejiang" */
    char *kind;          /* "province", "municipality", "autonomous region", ... */
    trawl_names aliases; /* every name that means it */
} trawl_province;

typedef struct trawl_city {
    char *key;           /* canonical key: "wenzhou" */
    char *province;      /* its province's key */
    char *name;          /* display name */
    trawl_names aliases; /* every name that means it */
} trawl_city;

typedef struct trawl_center {
    char *key;             /* canonical key: "gwicc" */
    char *name;            /* display name */
    char *province;        /* province key, or NULL */
    char *place;           /* city or province key that "<Place> ICC" resolves to, or NULL */
    trawl_names aliases;   /* names and brands that always mean it */
    trawl_names operators; /* organisations that mean it only where they set up a center */
    char *formerly;        /* the key of the center it continues under a new name, or NULL */
} trawl_center;

/* A region made of several provinces, whose names mean each of them (粤港澳大湾区: Guangdong,
 * Hong Kong, Macau). */
typedef struct trawl_region {
    char *key;             /* "gba" */
    char *name;            /* display name */
    trawl_names provinces; /* its provinces' keys */
    trawl_names aliases;   /* every name that means it */
} trawl_region;

typedef struct trawl_gazetteer trawl_gazetteer;

/* The province key of the seat of the central government, whose name also stands for the
 * state ("pro-Beijing", "Beijing says"). */
#define TRAWL_GAZETTEER_CAPITAL "beijing"

/* Loads provinces.tsv, cities.tsv, centers.tsv and regions.tsv (when present) from `dir`. Messages
 * name the file and line of a malformed row, a duplicate key or a reference to an unknown province
 * or place. */
trawl_status trawl_gazetteer_load_dir(const char *dir, trawl_gazetteer **gz_out, trawl_error *err);
/* Loads the serialised form that trawl_gazetteer_text returns (as stored in an index). */
trawl_status trawl_gazetteer_load_text(const char *text, size_t len, trawl_gazetteer **gz_out,
                                       trawl_error *err);
void trawl_gazetteer_free(trawl_gazetteer *gz);

/* The tables as one text (for the index), and a hash of it (for the analyser's identity). */
const char *trawl_gazetteer_text(const trawl_gazetteer *gz, size_t *len_out);
const char *trawl_gazetteer_hash(const trawl_gazetteer *gz);

const trawl_province *trawl_gazetteer_provinces(const trawl_gazetteer *gz, size_t *n_out);
const trawl_city *trawl_gazetteer_cities(const trawl_gazetteer *gz, size_t *n_out);
const trawl_center *trawl_gazetteer_centers(const trawl_gazetteer *gz, size_t *n_out);
const trawl_region *trawl_gazetteer_regions(const trawl_gazetteer *gz, size_t *n_out);

/* Lookups by key; NULL when unknown. */
const trawl_province *trawl_gazetteer_province(const trawl_gazetteer *gz, const char *key);
const trawl_city *trawl_gazetteer_city(const trawl_gazetteer *gz, const char *key);
const trawl_center *trawl_gazetteer_center(const trawl_gazetteer *gz, const char *key);

/* The province key of a place key (a province's own key, or a city's province); NULL when
 * unknown. */
const char *trawl_gazetteer_place_province(const trawl_gazetteer *gz, const char *place);

/* The folder ingest loads by default: $TRAWL_GAZETTEER, else gazetteer/ in Trawl's data folder
 * (common/datadir.h). Static storage; safe from any thread. */
const char *trawl_gazetteer_default_dir(void);

#endif
