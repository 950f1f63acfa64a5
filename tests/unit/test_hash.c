/* test_hash: FNV-1a against the reference test vectors, and chained hashing. */
#include <string.h>

#include "check.h"
#include "common/hash.h"

int main(void)
{
    CASE("1 FNV-1a 64: reference vectors");
    CHECK(trawl_fnv64(TRAWL_FNV64_INIT, "", 0) == 0xcbf29ce484222325ULL);
    CHECK(trawl_fnv64(TRAWL_FNV64_INIT, "a", 1) == 0xaf63dc4c8601ec8cULL);
    CHECK(trawl_fnv64(TRAWL_FNV64_INIT, "foobar", 6) == 0x85944171f73967e8ULL);

    CASE("2 FNV-1a 32: reference vectors");
    CHECK(trawl_fnv32(TRAWL_FNV32_INIT, "", 0) == 0x811c9dc5u);
    CHECK(trawl_fnv32(TRAWL_FNV32_INIT, "a", 1) == 0xe40c292cu);
    CHECK(trawl_fnv32(TRAWL_FNV32_INIT, "foobar", 6) == 0xbf9cf968u);

    CASE("3 hashing in pieces is hashing the whole");
    uint64_t h = trawl_fnv64(TRAWL_FNV64_INIT, "foo", 3);
    CHECK(trawl_fnv64(h, "bar", 3) == 0x85944171f73967e8ULL);

    CASE("4 hex: 16 lower-case digits");
    char hex[17];
    trawl_fnv64_hex("foobar", 6, hex);
    CHECK_STR(hex, "85944171f73967e8");
    trawl_fnv64_hex("", 0, hex);
    CHECK_STR(hex, "cbf29ce484222325");
    return CHECK_DONE();
}
