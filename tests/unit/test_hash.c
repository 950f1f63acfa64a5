/* test_hash: FNV-1a against the reference test vectors, and chained hashing. */
#include <string.h>

#include "check.h"
#include "common/hash.h"

/* FNV-1a 64: reference vectors. */
static void fnv_1a_64_reference_vectors(void)
{
    CHECK(trawl_fnv64(TRAWL_FNV64_INIT, "", 0) == 0xcbf29ce484222325ULL);
    CHECK(trawl_fnv64(TRAWL_FNV64_INIT, "a", 1) == 0xaf63dc4c8601ec8cULL);
    CHECK(trawl_fnv64(TRAWL_FNV64_INIT, "foobar", 6) == 0x85944171f73967e8ULL);
}

/* FNV-1a 32: reference vectors. */
static void fnv_1a_32_reference_vectors(void)
{
    CHECK(trawl_fnv32(TRAWL_FNV32_INIT, "", 0) == 0x811c9dc5u);
    CHECK(trawl_fnv32(TRAWL_FNV32_INIT, "a", 1) == 0xe40c292cu);
    CHECK(trawl_fnv32(TRAWL_FNV32_INIT, "foobar", 6) == 0xbf9cf968u);
}

/* Hashing in pieces is hashing the whole. */
static void hashing_in_pieces_is_hashing(void)
{
    uint64_t h = trawl_fnv64(TRAWL_FNV64_INIT, "foo", 3);
    CHECK(trawl_fnv64(h, "bar", 3) == 0x85944171f73967e8ULL);
}

/* Hex: 16 lower-case digits. */
static void hex_16_lower_case_digits(void)
{
    char hex[17];
    trawl_fnv64_hex("foobar", 6, hex);
    CHECK_STR(hex, "85944171f73967e8");
    trawl_fnv64_hex("", 0, hex);
    CHECK_STR(hex, "cbf29ce484222325");
}

CHECK_MAIN(NULL, NULL, CHECK_CASE(fnv_1a_64_reference_vectors),
           CHECK_CASE(fnv_1a_32_reference_vectors), CHECK_CASE(hashing_in_pieces_is_hashing),
           CHECK_CASE(hex_16_lower_case_digits))
