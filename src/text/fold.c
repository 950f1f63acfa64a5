/* fold.c: NFKC_Casefold, then NFD, strip marks that follow a Latin base, then NFC. ASCII words,
 * the common case, take a fast path that gives the same result. */
#include "text/fold.h"

#include <stdbool.h>
#include <stdlib.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "text/t2s.h"
#include "text/icu_status.h"

struct trawl_folder {
    const UNormalizer2 *nfkc_cf; /* NFKC + case folding, one pass */
    const UNormalizer2 *nfd;     /* to separate base letters from their marks */
    const UNormalizer2 *nfc;     /* to recompose what remains */
    UChar *a, *b;                /* scratch buffers, grown as needed */
    int32_t acap, bcap;          /* their capacities in UTF-16 units */
};

trawl_status trawl_folder_new(trawl_folder **folder_out, trawl_error *err)
{
    UErrorCode uerr = U_ZERO_ERROR;
    *folder_out = NULL;
    trawl_folder *f = calloc(1, sizeof *f);
    if (!f)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory creating a folder");
    f->nfkc_cf = unorm2_getNFKCCasefoldInstance(&uerr);
    f->nfd = unorm2_getNFDInstance(&uerr);
    f->nfc = unorm2_getNFCInstance(&uerr);
    if (U_FAILURE(uerr)) {
        free(f);
        return trawl_error_set(err, trawl_icu_status(uerr), "ICU normalizers unavailable: %s",
                               u_errorName(uerr));
    }
    *folder_out = f;
    return TRAWL_OK;
}

void trawl_folder_free(trawl_folder *folder)
{
    if (!folder)
        return;
    free(folder->a);
    free(folder->b);
    free(folder);
}

static bool grow(UChar **buf, int32_t *cap, int32_t need)
{
    if (need <= *cap)
        return true;
    int32_t ncap = need + need / 2 + 16;
    UChar *p = realloc(*buf, (size_t)ncap * sizeof *p);
    if (!p)
        return false;
    *buf = p;
    *cap = ncap;
    return true;
}

/* Normalizes src into *dst, growing it on overflow. Returns the length or -1. */
static int32_t normalize(const UNormalizer2 *n2, const UChar *src, int32_t len, UChar **dst,
                         int32_t *cap, UErrorCode *uerr)
{
    for (;;) {
        UErrorCode e = U_ZERO_ERROR;
        int32_t n = unorm2_normalize(n2, src, len, *dst, *cap, &e);
        if (e == U_BUFFER_OVERFLOW_ERROR) {
            if (!grow(dst, cap, n + 1)) {
                *uerr = U_MEMORY_ALLOCATION_ERROR;
                return -1;
            }
            continue;
        }
        if (U_FAILURE(e)) {
            *uerr = e;
            return -1;
        }
        return n;
    }
}

/* Letters with no decomposition that users type without their stroke or slash. */
static UChar32 plain_letter(UChar32 c)
{
    switch (c) {
    case 0x00F8: /* ø */
        return 'o';
    case 0x0142: /* ł */
        return 'l';
    case 0x0111: /* đ */
        return 'd';
    case 0x0131: /* dotless ı */
        return 'i';
    case 0x2018: /* ‘ */
    case 0x2019: /* ’ */
    case 0x02BC: /* ʼ */
    case 0xFF07: /* ＇ */
        return '\'';
    default:
        return c;
    }
}

/* Removes nonspacing marks that follow a Latin base letter, in place; sets `*han` when the
 * text has Han characters. */
static int32_t strip_latin_marks(UChar *s, int32_t len, bool *han)
{
    int32_t in = 0, out = 0;
    bool latin_base = false;
    while (in < len) {
        UChar32 c;
        U16_NEXT(s, in, len, c);
        if (u_charType(c) == U_NON_SPACING_MARK) {
            if (latin_base)
                continue;
        } else {
            UErrorCode e = U_ZERO_ERROR;
            UScriptCode script = uscript_getScript(c, &e);
            latin_base = script == USCRIPT_LATIN;
            *han |= script == USCRIPT_HAN;
        }
        c = plain_letter(c);
        UBool unused = 0;
        U16_APPEND(s, out, len, c, unused);
        (void)unused;
    }
    return out;
}

trawl_status trawl_fold(trawl_folder *f, const char *word, size_t len, trawl_buf *out,
                        trawl_error *err)
{
    trawl_buf_reset(out);
    bool ascii = true;
    for (size_t i = 0; i < len && ascii; i++)
        ascii = (unsigned char)word[i] < 0x80;
    if (ascii) {
        for (size_t i = 0; i < len; i++) {
            char c = word[i];
            trawl_buf_putc(out, (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c);
        }
        return out->failed ? trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory folding")
                           : TRAWL_OK;
    }
    if (len > INT32_MAX / 4)
        return trawl_error_set(err, TRAWL_ERR_INPUT, "word too long to fold");
    UErrorCode uerr = U_ZERO_ERROR;
    int32_t n = 0;
    if (!grow(&f->a, &f->acap, (int32_t)len + 1))
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory folding");
    u_strFromUTF8(f->a, f->acap, &n, word, (int32_t)len, &uerr);
    if (U_SUCCESS(uerr))
        n = normalize(f->nfkc_cf, f->a, n, &f->b, &f->bcap, &uerr);
    if (U_SUCCESS(uerr))
        n = normalize(f->nfd, f->b, n, &f->a, &f->acap, &uerr);
    bool han = false;
    if (U_SUCCESS(uerr)) {
        n = strip_latin_marks(f->a, n, &han);
        n = normalize(f->nfc, f->a, n, &f->b, &f->bcap, &uerr);
    }
    if (U_SUCCESS(uerr) && han && trawl_t2s_may_change(f->b, n)) {
        if (!grow(&f->a, &f->acap, trawl_t2s_capacity(n)))
            return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory folding");
        n = trawl_t2s(f->b, n, f->a);
        UChar *swap = f->a;
        f->a = f->b;
        f->b = swap;
        int32_t swap_cap = f->acap;
        f->acap = f->bcap;
        f->bcap = swap_cap;
    }
    int32_t u8len = 0;
    if (U_SUCCESS(uerr)) {
        u_strToUTF8(NULL, 0, &u8len, f->b, n, &uerr);
        if (uerr == U_BUFFER_OVERFLOW_ERROR)
            uerr = U_ZERO_ERROR;
    }
    if (U_FAILURE(uerr))
        return trawl_error_set(err, trawl_icu_status(uerr), "folding failed: %s",
                               u_errorName(uerr));
    /* Reserve, then let ICU write straight into the buffer. */
    if (!trawl_buf_reserve(out, (size_t)u8len))
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory folding");
    u_strToUTF8(out->data, (int32_t)out->cap, &u8len, f->b, n, &uerr);
    if (U_FAILURE(uerr))
        return trawl_error_set(err, trawl_icu_status(uerr), "folding failed: %s",
                               u_errorName(uerr));
    out->len = (size_t)u8len;
    out->data[out->len] = '\0';
    return TRAWL_OK;
}
