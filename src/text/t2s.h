/* t2s.h: Traditional -> Simplified Chinese, exactly as ICU's Traditional-Simplified transform
 * does it (臺灣 -> 台湾, 乾坤 kept while 乾燥 -> 干燥), from tables made of that transform's
 * rules when Trawl is built (t2s_gen.c): opening ICU's transform builds its registry of every
 * transform, a cost every query finding Chinese text would pay. No state, no allocation:
 * thread-safe. */
#ifndef TRAWL_T2S_H
#define TRAWL_T2S_H

#include <stdbool.h>
#include <stdint.h>
#include <unicode/utypes.h>

/* Whether some rule may change s[0, n): whether it holds a character a rule starts with. */
bool trawl_t2s_may_change(const UChar *s, int32_t n);

/* The most UTF-16 units the transform of `n` units can take. */
int32_t trawl_t2s_capacity(int32_t n);

/* Writes the transform of src[0, n) to `dst`, which has room for trawl_t2s_capacity(n) units
 * and does not overlap `src`; returns its length. */
int32_t trawl_t2s(const UChar *src, int32_t n, UChar *dst);

#endif
