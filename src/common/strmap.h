/* strmap.h: a hash map from byte strings to counts, for facet counting and distinct sets.
 * Keys are copied. An allocation failure sets `failed` (the map stays usable, incomplete). */
#ifndef TRAWL_STRMAP_H
#define TRAWL_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct trawl_strmap {
    char **keys;  /* NUL-terminated copies; NULL for an empty slot */
    size_t *vals; /* the count of each key */
    size_t cap;   /* slots (a power of two, or 0) */
    size_t n;     /* keys held */
    bool failed;  /* an allocation failed */
} trawl_strmap;

#define TRAWL_STRMAP_INIT                                                                          \
    {                                                                                              \
        NULL, NULL, 0, 0, false                                                                    \
    }

/* The count of `key` (`len` bytes), inserted as 0 when new; NULL when memory runs out. */
size_t *trawl_strmap_at(trawl_strmap *m, const char *key, size_t len);
/* The count of `key`, or NULL when absent. */
const size_t *trawl_strmap_get(const trawl_strmap *m, const char *key, size_t len);
void trawl_strmap_free(trawl_strmap *m);

#endif
