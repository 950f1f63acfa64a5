/* stemmer.c: libstemmer's result is owned by the stemmer and dies at the next call, so each
 * stem is copied into the caller's buffer at once. Frequent words repeat (the, kernel, ...):
 * a direct-mapped cache of recent words and their stems answers them without Snowball. */
#include "text/stemmer.h"

#include <libstemmer.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/hash.h"

/* Cache slots (a power of two) and the longest word or stem they hold. */
#define CACHE_SLOTS 2048
#define CACHE_BYTES 31
/* Stems before the cache is made: a query stems a few words in each language of the index,
 * and 128 KB per language, made and paged in for them, would cost more than it saves. */
#define CACHE_AFTER 256

typedef struct cached {
    unsigned char word_len, stem_len; /* 0: empty */
    char word[CACHE_BYTES], stem[CACHE_BYTES];
} cached;

struct trawl_stemmer {
    struct sb_stemmer *sb; /* the Snowball algorithm */
    cached *cache;         /* CACHE_SLOTS slots, made after CACHE_AFTER stems */
    unsigned stems;        /* stems made before the cache */
};

static size_t slot_of(const char *word, size_t len)
{
    return trawl_fnv32(TRAWL_FNV32_INIT, word, len) & (CACHE_SLOTS - 1);
}

bool trawl_stemmer_available(const char *lang)
{
    if (!lang || !*lang)
        return false;
    struct sb_stemmer *sb = sb_stemmer_new(lang, NULL);
    sb_stemmer_delete(sb);
    return sb != NULL;
}

trawl_status trawl_stemmer_new(const char *lang, trawl_stemmer **stemmer_out, trawl_error *err)
{
    *stemmer_out = NULL;
    if (!lang || !*lang)
        return trawl_error_set(err, TRAWL_ERR_ARG, "no language given for stemming");
    trawl_stemmer *s = calloc(1, sizeof *s);
    if (!s)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory creating a stemmer");
    s->sb = sb_stemmer_new(lang, NULL);
    if (!s->sb) {
        free(s);
        /* libstemmer says NULL for a language it lacks and when memory runs out. */
        if (trawl_stemmer_available(lang))
            return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory creating a stemmer");
        return trawl_error_set(err, TRAWL_ERR_ARG, "no Snowball stemmer for language '%s'", lang);
    }
    *stemmer_out = s;
    return TRAWL_OK;
}

void trawl_stemmer_free(trawl_stemmer *stemmer)
{
    if (!stemmer)
        return;
    sb_stemmer_delete(stemmer->sb);
    free(stemmer->cache);
    free(stemmer);
}

trawl_status trawl_stem(trawl_stemmer *stemmer, const char *word, size_t len, trawl_buf *out,
                        trawl_error *err)
{
    trawl_buf_reset(out);
    if (len > INT_MAX)
        return trawl_error_set(err, TRAWL_ERR_ARG, "word too long to stem");
    if (!stemmer->cache && ++stemmer->stems > CACHE_AFTER)
        stemmer->cache = calloc(CACHE_SLOTS, sizeof *stemmer->cache);
    cached *c = stemmer->cache && len <= CACHE_BYTES ? &stemmer->cache[slot_of(word, len)] : NULL;
    if (c && c->word_len == len && memcmp(c->word, word, len) == 0) {
        trawl_buf_append(out, c->stem, c->stem_len);
    } else {
        const sb_symbol *stem = sb_stemmer_stem(stemmer->sb, (const sb_symbol *)word, (int)len);
        if (!stem)
            return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory stemming");
        size_t stem_len = (size_t)sb_stemmer_length(stemmer->sb);
        trawl_buf_append(out, stem, stem_len);
        if (c && stem_len <= CACHE_BYTES && len > 0) {
            c->word_len = (unsigned char)len;
            c->stem_len = (unsigned char)stem_len;
            memcpy(c->word, word, len);
            memcpy(c->stem, stem, stem_len);
        }
    }
    return out->failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory stemming") : TRAWL_OK;
}

const char *trawl_stemmer_library_version(void)
{
    /* The library has no version call: CMake reads the installed package's version. */
    return TRAWL_STEMMER_VERSION;
}
