/* fuzz_query: libFuzzer target for the query parser: any text parses to a tree or fails with
 * a message, never a crash, a leak or unbounded recursion. */
#include "fuzz_input.h"
#include "query/query_parser.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *query = fuzz_copy(data, size);
    if (!query)
        return 0;
    trawl_qnode *root = NULL;
    trawl_error err;
    if (trawl_query_parse(query, &root, &err) == TRAWL_OK) {
        if (!root)
            abort();
    } else if (!err.message[0] || root) {
        abort();
    }
    trawl_qnode_free(root);
    free(query);
    return 0;
}
