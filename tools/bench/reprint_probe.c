/* reprint_probe: precision and recall of reprint grouping (index/reprints.h) against labelled
 * families, at each threshold from 0.20 to 0.80: reads the signatures an index stored, groups
 * them as a commit does at each threshold, and compares the pairs grouped with the pairs of
 * one family (FAMILIES: "path<TAB>family" lines; two files of one family are reprints, any
 * other two are not). Prints one line per threshold: threshold, pairs grouped, true pairs,
 * pairs labelled, precision, recall. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index/reprints.h"
#include "index/schema.h"

#define MAX_DOCS 100000

static char *paths[MAX_DOCS], *families[MAX_DOCS];
static size_t nlabels;
static uint32_t (*sigs)[TRAWL_MINHASH_SIZE];
static char *sig_paths[MAX_DOCS];
static size_t nsigs;

static int on_signature(void *ctx, const char *key, const char *value, size_t len)
{
    (void)ctx;
    if (len != TRAWL_SIGNATURE_BYTES || nsigs == MAX_DOCS)
        return 0;
    trawl_signature_decode((const unsigned char *)value, sigs[nsigs]);
    sig_paths[nsigs++] = strdup(key + strlen(TRAWL_META_SIGNATURE));
    return 0;
}

static const char *family_of(const char *path)
{
    for (size_t i = 0; i < nlabels; i++)
        if (strcmp(paths[i], path) == 0)
            return families[i];
    return path;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: reprint_probe INDEX FAMILIES\n");
        return 2;
    }
    FILE *f = fopen(argv[2], "r");
    char line[4096];
    while (f && nlabels < MAX_DOCS && fgets(line, sizeof line, f)) {
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = 0;
        tab[strcspn(tab + 1, "\n") + 1] = 0;
        paths[nlabels] = strdup(line);
        families[nlabels++] = strdup(tab + 1);
    }
    if (f)
        fclose(f);
    sigs = calloc(MAX_DOCS, sizeof *sigs);
    trawl_xdb *db = NULL;
    trawl_error err;
    if (!sigs || trawl_schema_open_read(argv[1], NULL, &db, &err) ||
        trawl_xdb_each_metadata(db, TRAWL_META_SIGNATURE, on_signature, NULL, &err)) {
        fprintf(stderr, "reprint_probe: %s\n", sigs ? err.message : "out of memory");
        return 1;
    }
    size_t labelled = 0; /* pairs of one family among the documents indexed */
    for (size_t i = 0; i < nsigs; i++)
        for (size_t j = i + 1; j < nsigs; j++)
            labelled += strcmp(family_of(sig_paths[i]), family_of(sig_paths[j])) == 0;
    printf("threshold\tgrouped\ttrue\tlabelled\tprecision\trecall\n");
    for (int t = 20; t <= 80; t += 5) {
        trawl_reprints *r = trawl_reprints_new();
        for (size_t i = 0; i < nsigs; i++)
            trawl_reprints_add(r, sig_paths[i], sigs[i], NULL);
        trawl_reprints_group(r, t / 100.0, NULL);
        size_t grouped = 0, right = 0, n = trawl_reprints_count(r);
        for (size_t i = 0; i < n; i++) {
            const char *gi = trawl_reprints_group_of(r, i);
            for (size_t j = i + 1; gi && j < n; j++) {
                const char *gj = trawl_reprints_group_of(r, j);
                if (!gj || strcmp(gi, gj) != 0)
                    continue;
                grouped++;
                right += strcmp(family_of(trawl_reprints_path(r, i)),
                                family_of(trawl_reprints_path(r, j))) == 0;
            }
        }
        printf("%.2f\t%zu\t%zu\t%zu\t%.3f\t%.3f\n", t / 100.0, grouped, right, labelled,
               grouped ? (double)right / (double)grouped : 1.0,
               labelled ? (double)right / (double)labelled : 1.0);
        trawl_reprints_free(r);
    }
    trawl_xdb_close(db);
    return 0;
}
