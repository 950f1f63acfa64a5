/* judge: ranking quality of trawl-query on a judged query set, independently of Trawl's code
 * (it links jansson only).
 *
 *   judge [--min-mrr X] [--min-top3 Y] JUDGED.tsv RESULTS.jsonl
 *
 * JUDGED.tsv holds one query per line (tests/data/judged-queries.tsv: query, language,
 * answers "FILE: TEXT | ..."; '#' lines are comments); RESULTS.jsonl is `trawl-query --batch
 * --limit 10` over those queries, in that order. A result answers when its path is FILE (or
 * ends in "/FILE") and its text holds TEXT. Prints, per language and overall, the mean
 * reciprocal rank of the first answer within the results (MRR@10) and the share of queries
 * with an answer in the top 3, then each query with no answer in the top 3 and the rank of its
 * first answer. Exits 1 when the overall MRR or top-3 share is below the floor given. */
#define _POSIX_C_SOURCE 200809L /* strdup, getline */
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_QUERIES 1000
#define MAX_LANGS 64

typedef struct judged {
    char *query, *lang, *answers; /* answers: "FILE: TEXT | FILE: TEXT" */
} judged;

/* Whether result `r` (a JSON object with "path" and "text") is one of the answers. */
static bool answers(const char *list, json_t *r)
{
    const char *path = json_string_value(json_object_get(r, "path"));
    const char *text = json_string_value(json_object_get(r, "text"));
    if (!path || !text)
        return false;
    char *copy = strdup(list), *save = NULL;
    bool yes = false;
    for (char *item = strtok_r(copy, "|", &save); item && !yes; item = strtok_r(NULL, "|", &save)) {
        while (*item == ' ')
            item++;
        char *colon = strstr(item, ": ");
        if (!colon)
            continue;
        *colon = '\0';
        char *want = colon + 2;
        size_t wl = strlen(want);
        while (wl && want[wl - 1] == ' ')
            want[--wl] = '\0';
        size_t pl = strlen(path), fl = strlen(item);
        bool same_file = strcmp(path, item) == 0 ||
                         (pl > fl && path[pl - fl - 1] == '/' && strcmp(path + pl - fl, item) == 0);
        yes = same_file && strstr(text, want) != NULL;
    }
    free(copy);
    return yes;
}

static char *field(char **line)
{
    char *start = *line, *tab = strchr(start, '\t');
    if (tab) {
        *tab = '\0';
        *line = tab + 1;
    } else {
        *line = start + strlen(start);
    }
    return start;
}

int main(int argc, char **argv)
{
    double min_mrr = 0, min_top3 = 0;
    int a = 1;
    for (; a + 1 < argc && strncmp(argv[a], "--min-", 6) == 0; a += 2) {
        if (strcmp(argv[a], "--min-mrr") == 0)
            min_mrr = atof(argv[a + 1]);
        else if (strcmp(argv[a], "--min-top3") == 0)
            min_top3 = atof(argv[a + 1]);
    }
    if (argc - a != 2) {
        fprintf(stderr, "usage: judge [--min-mrr X] [--min-top3 Y] JUDGED.tsv RESULTS.jsonl\n");
        return 2;
    }
    FILE *tsv = fopen(argv[a], "r"), *res = fopen(argv[a + 1], "r");
    if (!tsv || !res) {
        fprintf(stderr, "judge: cannot open %s\n", !tsv ? argv[a] : argv[a + 1]);
        return 2;
    }
    static judged qs[MAX_QUERIES];
    size_t n = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, tsv)) > 0 && n < MAX_QUERIES) {
        if (line[len - 1] == '\n')
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        char *rest = line;
        qs[n].query = strdup(field(&rest));
        qs[n].lang = strdup(field(&rest));
        qs[n].answers = strdup(field(&rest));
        n++;
    }
    const char *langs[MAX_LANGS];
    double rr_sum[MAX_LANGS] = {0}, total_rr = 0;
    size_t top3[MAX_LANGS] = {0}, count[MAX_LANGS] = {0}, nlangs = 0, total_top3 = 0;
    char misses[8192] = "";
    for (size_t i = 0; i < n; i++) {
        if ((len = getline(&line, &cap, res)) <= 0) {
            fprintf(stderr, "judge: %s has %zu results for %zu queries\n", argv[a + 1], i, n);
            return 2;
        }
        json_error_t jerr;
        json_t *o = json_loads(line, 0, &jerr);
        json_t *results = o ? json_object_get(o, "results") : NULL;
        size_t rank = 0;
        for (size_t k = 0; results && k < json_array_size(results) && !rank; k++)
            if (answers(qs[i].answers, json_array_get(results, k)))
                rank = k + 1;
        json_decref(o);
        size_t l = 0;
        while (l < nlangs && strcmp(langs[l], qs[i].lang) != 0)
            l++;
        if (l == nlangs && nlangs < MAX_LANGS)
            langs[nlangs++] = qs[i].lang;
        double rr = rank ? 1.0 / (double)rank : 0;
        rr_sum[l] += rr;
        total_rr += rr;
        count[l]++;
        top3[l] += rank && rank <= 3;
        total_top3 += rank && rank <= 3;
        if (!rank || rank > 3) {
            char item[512];
            if (rank)
                snprintf(item, sizeof item, "  %s: first answer at rank %zu\n", qs[i].query, rank);
            else
                snprintf(item, sizeof item, "  %s: no answer in the top 10\n", qs[i].query);
            strncat(misses, item, sizeof misses - strlen(misses) - 1);
        }
    }
    printf("lang  queries  MRR@10  top-3\n");
    for (size_t l = 0; l < nlangs; l++)
        printf("%-5s %7zu  %6.3f  %5.2f\n", langs[l], count[l], rr_sum[l] / (double)count[l],
               (double)top3[l] / (double)count[l]);
    double mrr = n ? total_rr / (double)n : 0, t3 = n ? (double)total_top3 / (double)n : 0;
    printf("all   %7zu  %6.3f  %5.2f\n", n, mrr, t3);
    if (*misses)
        printf("not in the top 3:\n%s", misses);
    free(line);
    fclose(tsv);
    fclose(res);
    if (mrr < min_mrr || t3 < min_top3) {
        printf("below the floor: MRR %.3f (at least %.3f), top-3 %.2f (at least %.2f)\n", mrr,
               min_mrr, t3, min_top3);
        return 1;
    }
    return 0;
}
