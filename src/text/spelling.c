/* spelling.c: a binary search in each of the two sorted tables of pairs. */
#include "text/spelling.h"

#include <stdlib.h>
#include <string.h>

typedef struct trawl_spelling_pair {
    const char *word;  /* one spelling */
    const char *other; /* the other */
} trawl_spelling_pair;

#include "text/spelling_pairs.inc"

typedef struct key {
    const char *word;
    size_t len;
} key;

static int compare(const void *k, const void *entry)
{
    const key *a = k;
    const char *b = ((const trawl_spelling_pair *)entry)->word;
    int c = strncmp(a->word, b, a->len);
    return c ? c : (b[a->len] ? -1 : 0);
}

const char *trawl_spelling_variant(const char *word, size_t len)
{
    key k = {word, len};
    const trawl_spelling_pair *p = bsearch(&k, by_british, sizeof by_british / sizeof *by_british,
                                           sizeof *by_british, compare);
    if (!p)
        p = bsearch(&k, by_american, sizeof by_american / sizeof *by_american, sizeof *by_american,
                    compare);
    return p ? p->other : NULL;
}
