/* test_t2s: the tables made when Trawl is built transform Chinese exactly as ICU's
 * Traditional-Simplified transform does: every character alone, every rule's source alone, in
 * context and next to another rule's, and text mixing them. */
#include <stdint.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utrans.h>

#include "check.h"
#include "text/t2s.h"

static UTransliterator *icu;

/* Whether the tables and ICU agree on s[0, n); prints the first disagreement. */
static int agree(const UChar *s, int32_t n)
{
    static int reported;
    UChar want[256], got[256];
    int32_t wlen = n, limit = n;
    UErrorCode uerr = U_ZERO_ERROR;
    if (n > 100 || trawl_t2s_capacity(n) > 256)
        return 0;
    memcpy(want, s, (size_t)n * sizeof *s);
    utrans_transUChars(icu, want, &wlen, 256, 0, &limit, &uerr);
    int32_t glen = trawl_t2s(s, n, got);
    int same = U_SUCCESS(uerr) && wlen == glen && memcmp(want, got, (size_t)glen * 2) == 0;
    if (!same && reported++ < 5) {
        char a[400], b[400], c[400];
        UErrorCode e = U_ZERO_ERROR;
        u_strToUTF8(a, sizeof a, NULL, s, n, &e);
        u_strToUTF8(b, sizeof b, NULL, want, wlen, &e);
        u_strToUTF8(c, sizeof c, NULL, got, glen, &e);
        fprintf(stderr, "t2s: %s: ICU %s, tables %s\n", a, b, c);
    }
    /* Whatever changed, trawl_t2s_may_change said it could. */
    if (same && (wlen != n || memcmp(want, s, (size_t)n * 2) != 0))
        same = trawl_t2s_may_change(s, n);
    return same;
}

/* A deterministic sequence, the same in every run. */
static uint32_t next_random(uint32_t *state)
{
    *state = *state * 1103515245u + 12345u;
    return *state >> 8;
}

/* ICU's own transform, which every case compares with; a program that cannot open it stops. */
static void setup(void)
{
    static const UChar id[] = {'T', 'r', 'a', 'd', 'i', 't', 'i', 'o', 'n', 'a', 'l', '-',
                               'S', 'i', 'm', 'p', 'l', 'i', 'f', 'i', 'e', 'd', 0};
    UErrorCode uerr = U_ZERO_ERROR;
    icu = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &uerr);
    if (U_FAILURE(uerr)) {
        fprintf(stderr, "cannot open ICU's Traditional-Simplified: %s\n", u_errorName(uerr));
        exit(1);
    }
}

/* Every character of the CJK blocks and beyond the BMP, alone. */
static void every_character_of_the_cjk(void)
{
    int bad = 0, checked = 0;
    for (UChar32 c = 0x2000; c <= 0x3FFFF; c++) {
        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        UChar s[2];
        int32_t n = 0;
        UBool unused = 0;
        U16_APPEND(s, n, 2, c, unused);
        (void)unused;
        bad += !agree(s, n);
        checked++;
    }
    CHECK_INT(bad, 0);
    CHECK(checked > 250000);
}

/* Every rule's source: alone, between other characters, next to another rule's. */
static void every_rule_s_source_alone(void)
{
    UErrorCode uerr = U_ZERO_ERROR;
    int32_t len = utrans_toRules(icu, false, NULL, 0, &uerr);
    uerr = U_ZERO_ERROR;
    UChar *rules = malloc(((size_t)len + 1) * sizeof *rules);
    utrans_toRules(icu, false, rules, len + 1, &uerr);
    CHECK(U_SUCCESS(uerr));
    const UChar *src[5000];
    int32_t src_len[5000], nsrc = 0;
    for (int32_t at = 0; at < len && nsrc < 5000;) {
        int32_t end = at;
        while (end < len && rules[end] != '\n')
            end++;
        int32_t arrow = at;
        while (arrow + 1 < end && !(rules[arrow] == ' ' && rules[arrow + 1] == '>'))
            arrow++;
        if (arrow + 1 < end) {
            src[nsrc] = rules + at;
            src_len[nsrc++] = arrow - at;
        }
        at = end + 1;
    }
    CHECK(nsrc > 3900);
    int multi = 0;
    int bad = 0;
    uint32_t state = 2024;
    for (int32_t i = 0; i < nsrc; i++) {
        multi += src_len[i] > 1;
        bad += !agree(src[i], src_len[i]);
        UChar s[64];
        for (int round = 0; round < 4; round++) {
            int32_t n = 0;
            const int32_t j = (int32_t)(next_random(&state) % (uint32_t)nsrc);
            const int32_t k = (int32_t)(next_random(&state) % (uint32_t)nsrc);
            if (round & 1)
                s[n++] = 0x4E2D; /* 中 */
            memcpy(s + n, src[j], (size_t)src_len[j] * 2);
            n += src_len[j];
            memcpy(s + n, src[i], (size_t)src_len[i] * 2);
            n += src_len[i];
            /* The tail of one rule's source next to the head of another's. */
            memcpy(s + n, src[k], (size_t)src_len[k] * 2);
            n += src_len[k];
            if (round & 2)
                s[n++] = 'x';
            bad += !agree(s, n);
            bad += !agree(s + 1, n - 1);
        }
    }
    CHECK_INT(bad, 0);
    CHECK(multi > 900); /* phrases, not only characters */
    free(rules);
}

/* Text with no rule, and empty text. */
static void text_with_no_rule_and_empty_text(void)
{
    static const UChar plain[] = {'a', 0x3042, 0x6587, 0xAC00}; /* a あ 文 가 */
    UChar out[16];
    CHECK(!trawl_t2s_may_change(plain, 4));
    CHECK_INT(trawl_t2s(plain, 4, out), 4);
    CHECK(memcmp(out, plain, sizeof plain) == 0);
    CHECK_INT(trawl_t2s(plain, 0, out), 0);
}

static void teardown(void)
{
    utrans_close(icu);
}

CHECK_MAIN(setup, teardown, CHECK_CASE(every_character_of_the_cjk),
           CHECK_CASE(every_rule_s_source_alone), CHECK_CASE(text_with_no_rule_and_empty_text))
