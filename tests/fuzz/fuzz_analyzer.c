/* fuzz_analyzer: libFuzzer target for the tokenizer, folding and stemming: the input, made
 * valid UTF-8 as the readers make it, is analysed as English and as Chinese. */
#include "fuzz_input.h"
#include "text/analyzer.h"
#include "text/utf8.h"

/* Every word lies inside the text and has a folded form. */
static int check_term(void *ctx, const trawl_term *term)
{
    size_t len = *(const size_t *)ctx;
    if (term->start >= term->end || term->end > len || !term->term_len || !term->stem_len)
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static trawl_analyzer *analyzers[2];
    trawl_error err;
    if (!analyzers[0] && (trawl_analyzer_new("en", &analyzers[0], &err) ||
                          trawl_analyzer_new("zh", &analyzers[1], &err)))
        abort();
    char *text = fuzz_copy(data, size);
    if (!text)
        return 0;
    size_t len = size, replaced = 0;
    if (trawl_utf8_sanitize(&text, &len, &replaced, &err) == TRAWL_OK) {
        for (int k = 0; k < 2; k++)
            trawl_analyze(analyzers[k], text, len, check_term, &len, &err);
    }
    free(text);
    return 0;
}
