/* fuzz_input.h: what every fuzz target shares: libFuzzer's entry point, and the input as a
 * NUL-terminated malloc'd copy (the caller frees it), the form Trawl's readers take. */
#ifndef TRAWL_FUZZ_INPUT_H
#define TRAWL_FUZZ_INPUT_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline char *fuzz_copy(const uint8_t *data, size_t size)
{
    char *copy = malloc(size + 1);
    if (copy) {
        memcpy(copy, data, size);
        copy[size] = '\0';
    }
    return copy;
}

#endif
