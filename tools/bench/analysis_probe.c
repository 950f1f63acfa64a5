/* analysis_probe: the analysis floor of the ingest benchmark. Reads every file named on
 * standard input (one path per line) and runs Trawl's analyser over all of it (ICU word
 * breaking, NFKC and case folding, Snowball English stems), storing nothing; prints the
 * files, bytes and words seen. Invalid UTF-8 is repaired as the readers do. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/fileio.h"
#include "text/analyzer.h"
#include "text/utf8.h"

static int count(void *ctx, const trawl_term *t)
{
    (void)t;
    (*(size_t *)ctx)++;
    return 0;
}

int main(void)
{
    trawl_analyzer *an = NULL;
    trawl_error err;
    if (trawl_analyzer_new("en", &an, &err)) {
        fprintf(stderr, "analysis_probe: %s\n", err.message);
        return 2;
    }
    char line[4096];
    size_t files = 0, bytes = 0, words = 0;
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        char *data = NULL;
        size_t len = 0, replaced = 0;
        if (trawl_read_file(line, (size_t)1 << 30, &data, &len, &err) ||
            trawl_utf8_sanitize(&data, &len, &replaced, &err) ||
            trawl_analyze(an, data, len, count, &words, &err))
            fprintf(stderr, "analysis_probe: %s: %s\n", line, err.message);
        else {
            files++;
            bytes += len;
        }
        free(data);
    }
    trawl_analyzer_free(an);
    printf("%zu files, %zu bytes, %zu words\n", files, bytes, words);
    return 0;
}
