/* hash.h: the one hash function of Trawl, FNV-1a, for hash tables, content hashes (changed-file
 * checks), the gazetteer's identity and shard placement. Shard placement and the hashes an
 * index records depend on these exact values: never change them without a schema bump. */
#ifndef TRAWL_HASH_H
#define TRAWL_HASH_H

#include <stddef.h>
#include <stdint.h>

#define TRAWL_FNV64_INIT 0xcbf29ce484222325ULL /* the 64-bit offset basis */
#define TRAWL_FNV32_INIT 2166136261u           /* the 32-bit offset basis */

/* FNV-1a 64 of `len` bytes, continuing from `h` (TRAWL_FNV64_INIT to start). */
uint64_t trawl_fnv64(uint64_t h, const void *bytes, size_t len);
/* FNV-1a 32 of `len` bytes, continuing from `h` (TRAWL_FNV32_INIT to start). */
uint32_t trawl_fnv32(uint32_t h, const void *bytes, size_t len);
/* FNV-1a 64 of `len` bytes as 16 lower-case hex digits and a NUL into `hex` (17 bytes). */
void trawl_fnv64_hex(const void *bytes, size_t len, char hex[17]);

#endif
