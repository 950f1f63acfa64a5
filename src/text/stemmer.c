/* stemmer.c: libstemmer's result is owned by the stemmer and dies at the next call, so each
 * stem is copied into the caller's buffer at once. */
#include "text/stemmer.h"

#include <libstemmer.h>
#include <limits.h>
#include <stdlib.h>

struct trawl_stemmer {
    struct sb_stemmer *sb; /* the Snowball algorithm */
};

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
    free(stemmer);
}

trawl_status trawl_stem(trawl_stemmer *stemmer, const char *word, size_t len, trawl_buf *out,
                        trawl_error *err)
{
    trawl_buf_reset(out);
    if (len > INT_MAX)
        return trawl_error_set(err, TRAWL_ERR_ARG, "word too long to stem");
    const sb_symbol *stem = sb_stemmer_stem(stemmer->sb, (const sb_symbol *)word, (int)len);
    if (!stem)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory stemming");
    trawl_buf_append(out, stem, (size_t)sb_stemmer_length(stemmer->sb));
    return out->failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory stemming") : TRAWL_OK;
}

const char *trawl_stemmer_library_version(void)
{
    /* The library has no version call: CMake reads the installed package's version. */
    return TRAWL_STEMMER_VERSION;
}
