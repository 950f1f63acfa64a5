/* t2s.c: ICU's rule matching over tables of its rules: at each character, the first rule (in
 * ICU's order) whose source is the text there replaces it, and matching goes on after it;
 * a character no rule matches is kept. */
#include "text/t2s.h"

#include <string.h>
#include <unicode/utf16.h>

typedef struct t2s_rule {
    UChar32 first;
    uint32_t src;
    int32_t src_len;
    uint32_t dst;
    int32_t dst_len;
} t2s_rule;

#include "t2s_rules.inc"

#define NRULES (sizeof t2s_rules / sizeof t2s_rules[0])

/* The index of the first rule starting with `c`, or NRULES. */
static size_t first_rule(UChar32 c)
{
    if (c < t2s_rules[0].first)
        return NRULES; /* below every rule (U+300C 「 with ICU 72): Latin, Cyrillic, ... */
    size_t lo = 0, hi = NRULES;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t2s_rules[mid].first < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < NRULES && t2s_rules[lo].first == c ? lo : NRULES;
}

bool trawl_t2s_may_change(const UChar *s, int32_t n)
{
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(s, i, n, c);
        if (first_rule(c) < NRULES)
            return true;
    }
    return false;
}

int32_t trawl_t2s_capacity(int32_t n)
{
    return n * T2S_GROWTH;
}

int32_t trawl_t2s(const UChar *src, int32_t n, UChar *dst)
{
    int32_t out = 0;
    for (int32_t i = 0; i < n;) {
        int32_t at = i;
        UChar32 c;
        U16_NEXT(src, i, n, c);
        size_t r = first_rule(c);
        for (; r < NRULES && t2s_rules[r].first == c; r++) {
            const t2s_rule *rule = &t2s_rules[r];
            if (rule->src_len <= n - at &&
                memcmp(src + at, t2s_text + rule->src, (size_t)rule->src_len * sizeof *src) == 0)
                break;
        }
        if (r < NRULES && t2s_rules[r].first == c) {
            memcpy(dst + out, t2s_text + t2s_rules[r].dst,
                   (size_t)t2s_rules[r].dst_len * sizeof *dst);
            out += t2s_rules[r].dst_len;
            i = at + t2s_rules[r].src_len;
        } else {
            memcpy(dst + out, src + at, (size_t)(i - at) * sizeof *dst);
            out += i - at;
        }
    }
    return out;
}
