/* utf8.c: UTF-8 validation and repair through ICU (UTF-8 -> UTF-16 with substitution -> UTF-8). */
#include "text/utf8.h"

#include <stdlib.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "text/icu_status.h"

size_t trawl_utf8_seqlen(unsigned char lead)
{
    if (lead < 0xC0)
        return 1;
    if (lead < 0xE0)
        return 2;
    if (lead < 0xF0)
        return 3;
    return 4;
}

size_t trawl_utf8_valid_length(const char *text, size_t len)
{
    int32_t i = 0, n = len > 4 ? 4 : (int32_t)len;
    UChar32 c;
    if (n == 0)
        return 0;
    U8_NEXT((const uint8_t *)text, i, n, c);
    return c < 0 ? 0 : (size_t)i;
}

trawl_status trawl_utf8_sanitize(char **text, size_t *len, size_t *replaced, trawl_error *err)
{
    trawl_status st = TRAWL_OK;
    UChar *wide = NULL;
    char *out = NULL;
    *replaced = 0;
    if (*len > INT32_MAX / 2)
        return trawl_error_set(err, TRAWL_ERR_INPUT, "text too large to analyse (%zu bytes)", *len);
    /* Preflight: counts UTF-16 units and substitutions without writing. */
    UErrorCode uerr = U_ZERO_ERROR;
    int32_t wlen = 0, subs = 0;
    u_strFromUTF8WithSub(NULL, 0, &wlen, *text, (int32_t)*len, 0xFFFD, &subs, &uerr);
    if (uerr != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(uerr))
        return trawl_error_set(err, trawl_icu_status(uerr), "UTF-8 check failed: %s",
                               u_errorName(uerr));
    if (subs == 0)
        return TRAWL_OK;
    wide = malloc(((size_t)wlen + 1) * sizeof *wide);
    if (!wide)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory repairing UTF-8");
    uerr = U_ZERO_ERROR;
    u_strFromUTF8WithSub(wide, wlen + 1, &wlen, *text, (int32_t)*len, 0xFFFD, &subs, &uerr);
    int32_t olen = 0;
    if (U_SUCCESS(uerr)) {
        u_strToUTF8(NULL, 0, &olen, wide, wlen, &uerr);
        if (uerr == U_BUFFER_OVERFLOW_ERROR)
            uerr = U_ZERO_ERROR;
    }
    if (U_FAILURE(uerr)) {
        st = trawl_error_set(err, trawl_icu_status(uerr), "UTF-8 repair failed: %s",
                             u_errorName(uerr));
        goto cleanup;
    }
    out = malloc((size_t)olen + 1);
    if (!out) {
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory repairing UTF-8");
        goto cleanup;
    }
    u_strToUTF8(out, olen + 1, &olen, wide, wlen, &uerr);
    if (U_FAILURE(uerr)) {
        st = trawl_error_set(err, trawl_icu_status(uerr), "UTF-8 repair failed: %s",
                             u_errorName(uerr));
        goto cleanup;
    }
    free(*text);
    *text = out;
    *len = (size_t)olen;
    *replaced = (size_t)subs;
    out = NULL;
cleanup:
    free(out);
    free(wide);
    return st;
}
