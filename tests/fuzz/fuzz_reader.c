/* fuzz_reader: libFuzzer target for one document reader. FUZZ_AS names the file the input is
 * read as, and so the reader (wiki.txt, plain.txt, page.html, notes.md). Any input must give a
 * document or a status with a message, never a crash or a leak. */
#include "fuzz_input.h"
#include "readers/reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = fuzz_copy(data, size);
    if (!copy)
        return 0;
    size_t len = size;
    trawl_document *doc = NULL;
    trawl_read_info info;
    trawl_error err;
    if (trawl_parse_document(FUZZ_AS, NULL, &copy, &len, &doc, &info, &err) == TRAWL_OK) {
        for (size_t i = 0; i < trawl_document_block_count(doc); i++) {
            const trawl_block *b = trawl_document_block(doc, i);
            if (b->offset > len)
                abort(); /* a block's offset must fall inside the source */
        }
    } else if (!err.message[0]) {
        abort(); /* every failure says why */
    }
    trawl_document_free(doc);
    free(copy);
    return 0;
}
