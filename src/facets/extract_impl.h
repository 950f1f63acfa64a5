/* extract_impl.h: the extractor's state, shared by its passes (extract.c: setup and pairing;
 * places.c: names, places and centers; years.c: years). Internal to src/facets/. */
#ifndef TRAWL_FACETS_EXTRACT_IMPL_H
#define TRAWL_FACETS_EXTRACT_IMPL_H

#include "facets/facets.h"
#include "facets/words.h"

typedef enum ent_kind {
    ENT_PROVINCE, /* index into the gazetteer's provinces */
    ENT_CITY,     /* ... cities */
    ENT_CENTER,   /* ... centers, by one of its names */
    ENT_OPERATOR, /* ... centers, by the organisation that runs it */
    ENT_REGION    /* ... regions: each of their provinces */
} ent_kind;

typedef struct entity {
    ent_kind kind;
    size_t index;
} entity;

/* At most this many entities share one name (Yichun, Suzhou, Taizhou ...). */
#define MAX_SENSES 4

/* A name found in the text. */
typedef struct name_span {
    size_t tok, ntok;          /* its words */
    entity senses[MAX_SENSES]; /* what it may mean */
    size_t nsenses;            /* 1 when unambiguous; 0 once found to mean nothing here */
} name_span;

struct trawl_extractor {
    const trawl_gazetteer *gz;
    trawl_analyzer *an;
    trawl_breaks *sentences;
    wordlist names;  /* by stem: every alias and operator of the gazetteer */
    entity *meaning; /* the entity of each entry of `names` */
    size_t cmeaning;
    wordlist places;       /* by stem: the names of provinces and cities alone */
    entity *place_meaning; /* the entity of each entry of `places` */
    size_t cplace_meaning;
    wordlist center_words;   /* "ICC", "International Communication Center", 国际传播中心 */
    wordlist center_plurals; /* "ICCs", "centers": centers in general */
    wordlist locative_words; /* "in", "at", "в": before a place */
    wordlist place_heads;    /* "University", "Olympics": after a place */
    wordlist street_after;   /* "Road", 路: a street named after a place */
    wordlist street_before;  /* "route", "rue", "улица" */
    wordlist surnames;       /* pinyin family names: "Liu Shenyang" is a person */
    wordlist conjunctions;   /* "and", "et": "in 1991 and 1995" */
    wordlist of_words;       /* "of", "de": "Centro de Comunicação Internacional de Sichuan" */
    wordlist center_heads;   /* "Centro", "Центр": center words with the name after them */
    wordlist event_words;    /* "Expo", "Forum": "Expo 2023" */
    wordlist generic_words;  /* "the", "latest", 首个: no part of a center's name */
    wordlist creation_verbs; /* "launched", "set up", 成立 ... */
    wordlist object_words;   /* what may stand between the verb and the center: "its own" */
    wordlist naming_cues;    /* "called", "brands itself as" ... */
    wordlist connectors;     /* small words inside a capitalised name: "and", "of" */
    wordlist date_words;     /* words before a year: "in", "since", months ... */
    wordlist year_suffix;    /* 年 */
    wordlist range_words;    /* "to", "through", 至 */
    wordlist carry_phrases;  /* "the same month" ... */
    bool borrowed;           /* the word lists and meanings belong to a set's model */
    ftext text;              /* scratch: the text being extracted */
    name_span *spans;        /* scratch: names found */
    size_t nspans, cspans;
};

/* Places (provinces, cities) and centers. */
void extract_places(trawl_extractor *ex, trawl_facets *out);
/* Years. */
void extract_years(trawl_extractor *ex, trawl_facets *out);

#endif
