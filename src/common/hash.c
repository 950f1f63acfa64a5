/* hash.c: FNV-1a, 64 and 32 bits. */
#include "common/hash.h"

#include <stdio.h>

uint64_t trawl_fnv64(uint64_t h, const void *bytes, size_t len)
{
    const unsigned char *p = bytes;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

uint32_t trawl_fnv32(uint32_t h, const void *bytes, size_t len)
{
    const unsigned char *p = bytes;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

void trawl_fnv64_hex(const void *bytes, size_t len, char hex[17])
{
    snprintf(hex, 17, "%016llx", (unsigned long long)trawl_fnv64(TRAWL_FNV64_INIT, bytes, len));
}
