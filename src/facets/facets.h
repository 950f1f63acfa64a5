/* facets.h: facet values of a passage, extracted from its own text: the centers (ICCs) it
 * names, the provinces it names (directly, through a city or through a center), and the
 * years it gives in date contexts. Each value keeps its evidence (the matched span and the
 * rule that matched), so a user can see why a passage carries it.
 *
 * Centers come from the gazetteer's names and brands, and from patterns that name one even
 * when the gazetteer does not know it, in the corpus's languages: "<Place> ICC", "<Place or
 * Name> International Communication Center" ("Weifang Bohai"), "<地名>国际传播中心"
 * ("长江文化"), "Centro de Comunicação Internacional de <Place or Name>", "Центр
 * международной коммуникации <Place>", "an ICC called <Name>", "brands itself as <Name>",
 * "<Organisation or place> ... launched / formed / created ... an ICC" (or "its own ICC"),
 * "<ICC> ... founded in <Place>".
 * Years: "In 2018", "June 2024", "2024年", "2024-05-29", ranges ("2021-2023", "from 2021 to
 * 2023": every year), "the 2022 Winter Olympics"; never counts ("200 ICCs", "over 30").
 * Foundings: the year a center was founded, as a creation word of its sentence says, never a
 * year that merely stands beside it (trawl_founding). */
#ifndef TRAWL_FACETS_H
#define TRAWL_FACETS_H

#include <stdbool.h>
#include <stddef.h>

#include "common/status.h"
#include "facets/gazetteer.h"
#include "text/analyzer.h"

/* The version of the extraction rules, part of the analyser's identity that an index records:
 * raised with every change to what extraction finds, so that an index whose facets other
 * rules found is rebuilt rather than counted together with new ones. */
#define TRAWL_FACET_RULES 7

/* The years the year facet takes: four digits in this range, in a date context. */
#define TRAWL_FIRST_YEAR 1900
#define TRAWL_LAST_YEAR 2099

/* The facets, in id order: each id's suffix and its name, the one list the enum, the names
 * (trawl_facet_name) and the index's filter table (index/schema.c) are made from.
 *   ICC: center keys; PROVINCE: province keys; YEAR: four-digit years; LANG: the passage's
 *   language (from metadata or detected); KIND: the document's kind (from metadata);
 *   PUBLISHED: the document's publication date (common/dates.h), counted by year or month. The
 *   last three are not extracted from the text. */
#define TRAWL_FACET_LIST(X)                                                                        \
    X(ICC, "icc")                                                                                  \
    X(PROVINCE, "province")                                                                        \
    X(YEAR, "year")                                                                                \
    X(LANG, "lang")                                                                                \
    X(KIND, "kind")                                                                                \
    X(PUBLISHED, "published")

typedef enum trawl_facet_id {
#define TRAWL_FACET_ENUM(id, name) TRAWL_FACET_##id,
    TRAWL_FACET_LIST(TRAWL_FACET_ENUM)
#undef TRAWL_FACET_ENUM
        TRAWL_FACET_COUNT
} trawl_facet_id;

/* The facets extraction finds in the text: those before this one. */
#define TRAWL_FACET_EXTRACTED TRAWL_FACET_LANG

/* "icc", "province", "year", "lang", "kind", "published". Static storage. */
const char *trawl_facet_name(trawl_facet_id facet);
/* Parses a facet name; false when unknown. */
bool trawl_facet_parse(const char *name, size_t len, trawl_facet_id *facet_out);
/* Parses "icc,year,province" into a mask of (1 << trawl_facet_id); false when a name is
 * unknown or the list is empty. */
bool trawl_facets_parse_list(const char *list, unsigned *mask);

typedef struct trawl_mention {
    trawl_facet_id facet;
    char *value;       /* canonical key, or the year; owned by the trawl_facets */
    size_t start, end; /* byte span of the evidence in the extracted text */
    unsigned sentence; /* 0-based sentence of the text it was found in */
    const char *rule;  /* why: "name", "city", "center", "place + ICC", ... (static) */
} trawl_mention;

/* A center that a pattern found and the gazetteer does not hold. */
typedef struct trawl_new_center {
    char *key;      /* derived from its place or name: "yichang", "foo-media-group" */
    char *name;     /* display name */
    char *province; /* province key, or NULL */
} trawl_new_center;

/* A center's founding as the text tells it: a creation word ("launched", "established", 成立,
 * "inaugurado", "создан") with the center it governs and the year it happened. */
typedef struct trawl_founding {
    char *center;      /* center key */
    int year;          /* the year it was founded, launched, unveiled ... */
    size_t start, end; /* bytes of the sentence that says so */
} trawl_founding;

/* What one extraction found. Strings are owned by it. */
typedef struct trawl_facets {
    trawl_mention *mentions; /* in text order per rule pass */
    size_t n, cap;
    trawl_founding *foundings; /* distinct (center, year) pairs, in text order */
    size_t nfoundings, cfoundings;
    trawl_new_center *found; /* centers not in the gazetteer */
    size_t nfound, cfound;
    bool failed; /* an allocation failed: incomplete */
} trawl_facets;

#define TRAWL_FACETS_INIT                                                                          \
    {                                                                                              \
        NULL, 0, 0, NULL, 0, 0, NULL, 0, 0, false                                                  \
    }

void trawl_facets_reset(trawl_facets *f);
void trawl_facets_free(trawl_facets *f);
/* Adds a mention (copies `value`); sets `failed` when memory runs out. */
void trawl_facets_add(trawl_facets *f, trawl_facet_id facet, const char *value, size_t start,
                      size_t end, unsigned sentence, const char *rule);
/* The distinct values of `facet`, sorted (byte order), as "v1 v2 ..." into a malloc'd string
 * (NULL when out of memory). */
char *trawl_facets_joined(const trawl_facets *f, trawl_facet_id facet);
/* Adds a founding (copies `center`) unless one of the same center and year is there. */
void trawl_facets_add_founding(trawl_facets *f, const char *center, int year, size_t start,
                               size_t end);
/* The distinct foundings as "center:year", sorted, joined by spaces: malloc'd. */
char *trawl_facets_joined_foundings(const trawl_facets *f);

typedef struct trawl_extractor trawl_extractor;

/* An extractor for texts analysed by `an` (its language decides stems); `gz` and `an` must
 * outlive it. */
trawl_status trawl_extractor_new(const trawl_gazetteer *gz, trawl_analyzer *an,
                                 trawl_extractor **ex_out, trawl_error *err);
void trawl_extractor_free(trawl_extractor *ex);

/* Extractors of every language for the threads of one ingest: the word lists of a language
 * (the gazetteer's names analysed into stems, 1.25 MB) are made once, by the first thread
 * that needs them, and shared read only; each extractor keeps its own scratch state. */
typedef struct trawl_extractor_set trawl_extractor_set;

/* `gz` must outlive the set. */
trawl_status trawl_extractor_set_new(const trawl_gazetteer *gz, trawl_extractor_set **set_out,
                                     trawl_error *err);
/* Frees the set; every extractor taken from it must be freed before. NULL is allowed. */
void trawl_extractor_set_free(trawl_extractor_set *set);
/* A new extractor for texts analysed by `an`, sharing the word lists of its language with the
 * set's other extractors; safe to call from several threads at once. The caller frees it. */
trawl_status trawl_extractor_set_take(trawl_extractor_set *set, trawl_analyzer *an,
                                      trawl_extractor **ex_out, trawl_error *err);

/* Extracts the facets of the valid UTF-8 `text` into `out` (reset first). */
trawl_status trawl_extract(trawl_extractor *ex, const char *text, size_t len, trawl_facets *out,
                           trawl_error *err);

/* trawl_extract for a caller that analyses `text` anyway (ingest), so that it is analysed
 * once: trawl_extract_begin says whether the caller's words are wanted (false: the text holds
 * pinyin readings, analysed without them by trawl_extract_end); if so, the caller passes each
 * word that trawl_analyze gives for `text`, with the analyzer the extractor was made for, to
 * trawl_extract_word (a trawl_term_fn, `ctx` the extractor; it never stops the analysis),
 * then calls trawl_extract_end with what begin returned. `text` must stay valid until then. */
bool trawl_extract_begin(trawl_extractor *ex, const char *text, size_t len);
int trawl_extract_word(void *ex, const trawl_term *word);
trawl_status trawl_extract_end(trawl_extractor *ex, bool fed, trawl_facets *out, trawl_error *err);

#endif
