/* test_facets: the gazetteer, the extraction rules one by one, and the extraction's precision
 * and recall against hand annotations: every sentence of the seed (tests/data/seed-gold.tsv),
 * and, when ../shared/corpus is present, 46 of its documents in 12 languages, per document
 * (tests/data/facets-gold.tsv): at least 0.95 each (FLOOR_*) for each facet. */
#include "support.h"

#include "check.h"
#include "common/fileio.h"
#include "facets/aliases.h"
#include "facets/facets.h"
#include "index/analysis.h"
#include "index/passages.h"
#include "index/schema.h"
#include "readers/metadata.h"
#include "readers/reader.h"
#include "text/breaks.h"

static trawl_gazetteer *gz;

/* "facet=value" of every mention, in order, space-separated. */
static const char *extract(trawl_extractor *ex, const char *text)
{
    static char out[4096];
    trawl_facets f = TRAWL_FACETS_INIT;
    out[0] = '\0';
    CHECK_INT(trawl_extract(ex, text, strlen(text), &f, NULL), TRAWL_OK);
    for (size_t i = 0; i < f.n; i++) {
        char item[128];
        snprintf(item, sizeof item, "%s%s=%s", out[0] ? " " : "",
                 trawl_facet_name(f.mentions[i].facet), f.mentions[i].value);
        strcat(out, item);
    }
    trawl_facets_free(&f);
    return out;
}

static const char *joined(trawl_extractor *ex, const char *text, trawl_facet_id facet)
{
    static char out[1024];
    trawl_facets f = TRAWL_FACETS_INIT;
    CHECK_INT(trawl_extract(ex, text, strlen(text), &f, NULL), TRAWL_OK);
    char *s = facet == TRAWL_FACET_COUNT ? trawl_facets_joined_foundings(&f)
                                         : trawl_facets_joined(&f, facet);
    snprintf(out, sizeof out, "%s", s ? s : "(null)");
    free(s);
    trawl_facets_free(&f);
    return out;
}

/* ---- evaluation against a gold file ---- */

typedef struct score {
    unsigned tp, fp, fn;
} score;

/* The value sets of one sentence: "icc\tprovince\tyear" fields as space lists. */
typedef struct sentence_facets {
    char values[TRAWL_FACET_COUNT][512];
    char begins[64];
} sentence_facets;

static bool has_word(const char *list, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = list; (p = strstr(p, w)); p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return true;
    return false;
}

static void add_word(char *list, size_t cap, const char *w)
{
    if (has_word(list, w) || strlen(list) + strlen(w) + 2 > cap)
        return;
    if (*list)
        strcat(list, " ");
    strcat(list, w);
}

/* Splits a gold row at tabs, in place, into `n` columns; false when it has fewer. */
static bool split_row(char *line, char **cols, int n)
{
    cols[0] = line;
    for (int i = 1; i < n; i++) {
        char *tab = cols[i - 1] ? strchr(cols[i - 1], '\t') : NULL;
        cols[i] = tab ? (*tab = '\0', tab + 1) : NULL;
    }
    return cols[n - 1] != NULL;
}

/* Counts agreement of two space lists ("-" is empty). */
static void compare(const char *gold, const char *got, score *s, const char *where)
{
    char g[512];
    snprintf(g, sizeof g, "%s", strcmp(gold, "-") == 0 ? "" : gold);
    for (char *w = strtok(g, " "); w; w = strtok(NULL, " ")) {
        if (has_word(got, w)) {
            s->tp++;
        } else {
            s->fn++;
            fprintf(stderr, "  missed %s at %s\n", w, where);
        }
    }
    char e[512];
    snprintf(e, sizeof e, "%s", got);
    for (char *w = strtok(e, " "); w; w = strtok(NULL, " ")) {
        if (!has_word(gold, w)) {
            s->fp++;
            fprintf(stderr, "  extra %s at %s\n", w, where);
        }
    }
}

typedef struct collecting {
    sentence_facets *rows;
    size_t nrows;
    size_t block;
    const char *text;
    size_t (*index)[2]; /* block, sentence of each row */
} collecting;

static int on_sentence(void *ctx, size_t start, size_t end, int rule)
{
    collecting *c = ctx;
    (void)rule;
    (void)end;
    sentence_facets *r = &c->rows[c->nrows];
    memset(r, 0, sizeof *r);
    snprintf(r->begins, sizeof r->begins, "%.*s", (int)(end - start), c->text + start);
    c->index[c->nrows][0] = c->block;
    c->index[c->nrows][1] = 0;
    c->nrows++;
    return c->nrows >= 4096;
}

/* The language of `file` in the MANIFEST.tsv of `root`, else "en". */
static void language_of(const char *root, const char *file, char *lang, size_t cap)
{
    char path[1024], line[2048];
    snprintf(lang, cap, "en");
    if (snprintf(path, sizeof path, "%s/../MANIFEST.tsv", root) >= (int)sizeof path)
        return;
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        char *tab = strchr(line, '\t');
        if (!tab || (size_t)(tab - line) != strlen(file) || strncmp(line, file, strlen(file)))
            continue;
        char *cols[5] = {line};
        for (int i = 1; i < 5 && cols[i - 1]; i++) {
            char *t = strchr(cols[i - 1], '\t');
            cols[i] = t ? (*t = '\0', t + 1) : NULL;
        }
        if (cols[3])
            snprintf(lang, cap, "%s", cols[3]);
    }
    fclose(f);
}

/* Extracts every sentence of `file` under `root`; rows[k] is sentence k in document order. */
static size_t extract_document(const char *root, const char *file, sentence_facets *rows,
                               size_t (*index)[2])
{
    char path[1024], lang[16];
    if (snprintf(path, sizeof path, "%s/%s", root, file) >= (int)sizeof path)
        return 0;
    language_of(root, file, lang, sizeof lang);
    trawl_document *doc = NULL;
    trawl_read_info info;
    if (trawl_read_document(path, file, NULL, &doc, &info, NULL) != TRAWL_OK)
        return 0;
    trawl_analyzer *an = NULL;
    trawl_extractor *ex = NULL;
    trawl_breaks *br = NULL;
    CHECK_INT(trawl_analyzer_new(lang, &an, NULL), TRAWL_OK);
    CHECK_INT(trawl_extractor_new(gz, an, &ex, NULL), TRAWL_OK);
    CHECK_INT(trawl_breaks_new(TRAWL_BREAK_SENTENCES, &br, NULL), TRAWL_OK);
    collecting c = {rows, 0, 0, NULL, index};
    trawl_facets f = TRAWL_FACETS_INIT;
    for (size_t b = 0; b < trawl_document_block_count(doc); b++) {
        const trawl_block *bl = trawl_document_block(doc, b);
        size_t first = c.nrows;
        c.block = b;
        c.text = bl->text;
        trawl_breaks_each(br, bl->text, bl->len, on_sentence, &c, NULL);
        for (size_t k = first; k < c.nrows; k++)
            index[k][1] = k - first;
        CHECK_INT(trawl_extract(ex, bl->text, bl->len, &f, NULL), TRAWL_OK);
        for (size_t m = 0; m < f.n; m++) {
            size_t k = first + f.mentions[m].sentence;
            if (k < c.nrows)
                add_word(rows[k].values[f.mentions[m].facet], sizeof rows[k].values[0],
                         f.mentions[m].value);
        }
    }
    trawl_facets_free(&f);
    trawl_breaks_free(br);
    trawl_extractor_free(ex);
    trawl_analyzer_free(an);
    trawl_document_free(doc);
    return c.nrows;
}

/* Scores the rows of `gold` (documents under `root`); returns false when it cannot be read. */
static bool evaluate(const char *gold, const char *root, score *per_facet)
{
    FILE *f = fopen(gold, "r");
    if (!f)
        return false;
    static sentence_facets rows[4096];
    static size_t index[4096][2];
    char current[512] = "", line[4096];
    size_t nrows = 0;
    bool header = false;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || !line[0])
            continue;
        if (!header) {
            header = true;
            continue;
        }
        char *col[6];
        if (!split_row(line, col, 6)) {
            fprintf(stderr, "%s: malformed row\n", gold);
            check_failures++;
            continue;
        }
        if (strcmp(current, col[0]) != 0) {
            snprintf(current, sizeof current, "%.500s", col[0]);
            nrows = extract_document(root, current, rows, index);
            CHECK(nrows > 0);
        }
        size_t block = 0, sentence = 0, k = 0;
        sscanf(col[1], "%zu.%zu", &block, &sentence);
        while (k < nrows && !(index[k][0] == block && index[k][1] == sentence))
            k++;
        char where[600];
        snprintf(where, sizeof where, "%.500s %.90s", col[0], col[1]);
        if (k == nrows || strncmp(rows[k].begins, col[2], strlen(col[2])) != 0) {
            fprintf(stderr, "%s: sentence %s does not begin '%s'\n", gold, where, col[2]);
            check_failures++;
            continue;
        }
        for (int facet = 0; facet < TRAWL_FACET_EXTRACTED; facet++)
            compare(col[3 + facet], rows[k].values[facet], &per_facet[facet], where);
    }
    fclose(f);
    return true;
}

static void report(const char *what, const score *per_facet, double *precision, double *recall)
{
    score all = {0, 0, 0};
    for (int i = 0; i < TRAWL_FACET_EXTRACTED; i++) {
        const score *s = &per_facet[i];
        printf("%s %-8s precision %.3f recall %.3f (%u right, %u extra, %u missed)\n", what,
               trawl_facet_name((trawl_facet_id)i),
               s->tp + s->fp ? (double)s->tp / (s->tp + s->fp) : 1.0,
               s->tp + s->fn ? (double)s->tp / (s->tp + s->fn) : 1.0, s->tp, s->fp, s->fn);
        all.tp += s->tp;
        all.fp += s->fp;
        all.fn += s->fn;
    }
    *precision = all.tp + all.fp ? (double)all.tp / (all.tp + all.fp) : 1.0;
    *recall = all.tp + all.fn ? (double)all.tp / (all.tp + all.fn) : 1.0;
    printf("%s all      precision %.3f recall %.3f\n", what, *precision, *recall);
}

/* ---- per document, against facets-gold.tsv ---- */

/* What the annotated documents must reach, per facet (icc, province, year). */
static const double FLOOR_PRECISION[TRAWL_FACET_EXTRACTED] = {0.95, 0.95, 0.95};
static const double FLOOR_RECALL[TRAWL_FACET_EXTRACTED] = {0.95, 0.95, 0.95};

#define GOLD_LANGS 16

/* Scores of one facet: over all documents, per split (tune, held) and per language. */
typedef struct doc_scores {
    score all[TRAWL_FACET_EXTRACTED];
    score split[2][TRAWL_FACET_EXTRACTED];
    char langs[GOLD_LANGS][8];
    score lang[GOLD_LANGS][TRAWL_FACET_EXTRACTED];
    size_t nlangs, documents;
} doc_scores;

/* The union of the facet values ingest's analysis gives the passages of `file`, per facet. */
static bool document_values(trawl_analyst *an, const trawl_manifest *m, const char *root,
                            const char *file, char values[][1024])
{
    char path[1024];
    if (snprintf(path, sizeof path, "%s/%s", root, file) >= (int)sizeof path)
        return false;
    trawl_document *doc = NULL;
    trawl_analysis *a = NULL;
    trawl_read_info info;
    trawl_error err;
    if (trawl_read_document(path, file, trawl_manifest_find(m, file), &doc, &info, &err) ||
        trawl_analyze_document(an, doc, &a, &err)) {
        fprintf(stderr, "%s: %s\n", file, err.message);
        trawl_document_free(doc);
        return false;
    }
    for (size_t i = 0; i < a->npassages; i++) {
        char *tally = NULL;
        size_t len = 0;
        trawl_tally_part parts[TRAWL_TALLY_PARTS];
        CHECK_INT(trawl_xdoc_get_value(a->passages[i], TRAWL_SLOT_TALLY, &tally, &len, NULL),
                  TRAWL_OK);
        CHECK(tally && trawl_schema_tally_split(tally, len, parts));
        for (int f = 0; tally && f < TRAWL_FACET_EXTRACTED; f++) {
            char words[1024];
            snprintf(words, sizeof words, "%.*s", (int)parts[f].len, parts[f].data);
            for (char *w = strtok(words, " "); w; w = strtok(NULL, " "))
                add_word(values[f], 1024, w);
        }
        free(tally);
    }
    trawl_analysis_free(a);
    trawl_document_free(doc);
    return true;
}

static void add_score(score *to, const score *s)
{
    to->tp += s->tp;
    to->fp += s->fp;
    to->fn += s->fn;
}

/* Scores every document of `gold` under `root` (its manifest one folder up). */
static bool evaluate_documents(const char *gold, const char *root, doc_scores *out)
{
    char path[1024], line[4096];
    if (snprintf(path, sizeof path, "%s/../MANIFEST.tsv", root) >= (int)sizeof path)
        return false;
    trawl_manifest *m = NULL;
    FILE *f = fopen(gold, "r");
    if (!f || trawl_manifest_load(path, &m, NULL) != TRAWL_OK) {
        if (f)
            fclose(f);
        return false;
    }
    trawl_extractor_set *set = NULL;
    trawl_analyst *an = NULL;
    CHECK_INT(trawl_extractor_set_new(gz, &set, NULL), TRAWL_OK);
    CHECK_INT(trawl_analyst_new(set, "en", TRAWL_DEFAULT_MAX_PASSAGE, &an, NULL), TRAWL_OK);
    bool header = false;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || !line[0])
            continue;
        if (!header) {
            header = true; /* document language split icc province year */
            continue;
        }
        char *cols[6];
        if (!split_row(line, cols, 6)) {
            fprintf(stderr, "%s: a row without six columns\n", gold);
            CHECK(false);
            continue;
        }
        char got[TRAWL_FACET_EXTRACTED][1024] = {"", "", ""};
        if (!document_values(an, m, root, cols[0], got)) {
            CHECK(false);
            continue;
        }
        size_t l = 0;
        while (l < out->nlangs && strcmp(out->langs[l], cols[1]) != 0)
            l++;
        if (l == out->nlangs && out->nlangs < GOLD_LANGS)
            snprintf(out->langs[out->nlangs++], sizeof out->langs[0], "%s", cols[1]);
        int split = strcmp(cols[2], "held") == 0;
        for (int k = 0; k < TRAWL_FACET_EXTRACTED; k++) {
            score s = {0, 0, 0};
            char where[4200];
            snprintf(where, sizeof where, "%s (%s)", cols[0], trawl_facet_name((trawl_facet_id)k));
            compare(cols[3 + k], got[k], &s, where);
            add_score(&out->all[k], &s);
            add_score(&out->split[split][k], &s);
            if (l < GOLD_LANGS)
                add_score(&out->lang[l][k], &s);
        }
        out->documents++;
    }
    fclose(f);
    trawl_analyst_free(an);
    trawl_extractor_set_free(set);
    trawl_manifest_free(m);
    return out->documents > 0;
}

static double precision_of(const score *s)
{
    return s->tp + s->fp ? (double)s->tp / (s->tp + s->fp) : 1.0;
}

static double recall_of(const score *s)
{
    return s->tp + s->fn ? (double)s->tp / (s->tp + s->fn) : 1.0;
}

/* One line: P/R of each facet. */
static void print_scores(const char *what, const score *per_facet)
{
    printf("%-10s", what);
    for (int k = 0; k < TRAWL_FACET_EXTRACTED; k++)
        printf("  %s P %.3f R %.3f", trawl_facet_name((trawl_facet_id)k),
               precision_of(&per_facet[k]), recall_of(&per_facet[k]));
    putchar('\n');
}

/* Fixtures shared by the cases. */
static trawl_error err;
static const char *data;
static char path[1024];

/* The analyzers and extractors of the languages the cases extract from. */
static trawl_analyzer *en, *zh, *ru, *it, *es;
static trawl_extractor *ex, *exzh, *exru, *exit_, *exes;

static void setup(void)
{
    data = getenv("TRAWL_TEST_DATA");
    if (trawl_gazetteer_load_dir(trawl_gazetteer_default_dir(), &gz, &err)) {
        fprintf(stderr, "%s\n", err.message);
        exit(1);
    }
    trawl_analyzer **analyzers[] = {&en, &zh, &ru, &it, &es};
    trawl_extractor **extractors[] = {&ex, &exzh, &exru, &exit_, &exes};
    const char *langs[] = {"en", "zh", "ru", "it", "es"};
    for (size_t i = 0; i < 5; i++) {
        CHECK_INT(trawl_analyzer_new(langs[i], analyzers[i], NULL), TRAWL_OK);
        CHECK_INT(trawl_extractor_new(gz, *analyzers[i], extractors[i], NULL), TRAWL_OK);
    }
}

/* The gazetteer: 34 provincial-level divisions, cities, centers, checked references. */
static void the_gazetteer_34_provincial(void)
{
    size_t n;
    trawl_gazetteer_provinces(gz, &n);
    CHECK_INT(n, 34);
    trawl_gazetteer_cities(gz, &n);
    CHECK(n >= 330);
    trawl_gazetteer_centers(gz, &n);
    CHECK(n >= 30);
    CHECK_STR(trawl_gazetteer_center(gz, "gwicc")->province, "hebei");
    CHECK_STR(trawl_gazetteer_place_province(gz, "wangcheng"), "hunan");
    CHECK_STR(trawl_gazetteer_place_province(gz, "xinjiang"), "xinjiang");
    CHECK(trawl_gazetteer_place_province(gz, "atlantis") == NULL);
    CHECK_INT(strlen(trawl_gazetteer_hash(gz)), 16);
}

/* The serialised gazetteer loads back the same. */
static void the_serialised_gazetteer_loads(void)
{
    size_t len;
    const char *text = trawl_gazetteer_text(gz, &len);
    trawl_gazetteer *copy = NULL;
    CHECK_INT(trawl_gazetteer_load_text(text, len, &copy, NULL), TRAWL_OK);
    CHECK_STR(trawl_gazetteer_hash(copy), trawl_gazetteer_hash(gz));
    trawl_gazetteer_free(copy);
}

/* Malformed tables are refused with the file and line. */
static void malformed_tables_are_refused(void)
{
    const char *dir = make_tmpdir();
    trawl_gazetteer *copy = NULL;
    const char *provinces = "key\tname\tkind\taliases\nx\tX\tprovince\tX\n";
    const char *cities = "key\tprovince\tname\taliases\ny\tnowhere\tY\tY\n";
    const char *centers = "key\tname\tprovince\tplace\taliases\toperators\n";
    write_file(dir, "provinces.tsv", provinces, strlen(provinces));
    write_file(dir, "cities.tsv", cities, strlen(cities));
    write_file(dir, "centers.tsv", centers, strlen(centers));
    CHECK_INT(trawl_gazetteer_load_dir(dir, &copy, &err), TRAWL_ERR_INPUT);
    CHECK_STR(err.message, "gazetteer cities.tsv:2: unknown province");
    cities = "key\tprovince\tname\taliases\ny\tx\tY\n";
    write_file(dir, "cities.tsv", cities, strlen(cities));
    CHECK_INT(trawl_gazetteer_load_dir(dir, &copy, &err), TRAWL_ERR_INPUT);
    CHECK_STR(err.message, "gazetteer cities.tsv:2: expected 4 tab-separated columns, found 3");
    snprintf(path, sizeof path, "%s/none", dir);
    CHECK_INT(trawl_gazetteer_load_dir(path, &copy, &err), TRAWL_ERR_IO);
    CHECK(strstr(err.message, "give --gazetteer DIR") != NULL);
}

/* Provinces by any alias; cities give their province; the longest name wins. */
static void provinces_by_any_alias_cities(void)
{
    CHECK_STR(extract(ex, "Szechwan and Sinkiang, Xīzàng."),
              "province=sichuan province=xinjiang province=tibet");
    CHECK_STR(extract(ex, "Hangzhou's tea"), "province=zhejiang");
    CHECK_STR(extract(ex, "the Hainan International Media Center"), "icc=himc province=hainan");
    CHECK_STR(extract(exru, "в Харбине и Синьцзяне"), "province=heilongjiang province=xinjiang");
    CHECK_STR(extract(exzh, "浙江省和新疆"), "province=zhejiang province=xinjiang");
}

/* A place named as a place: not a street, a given name, the state, another word. */
static void a_place_named_as_a_place(void)
{
    CHECK_STR(
        joined(ex, "pro-Beijing papers; Beijing's efforts; Beijing said so.", TRAWL_FACET_PROVINCE),
        "");
    CHECK_STR(joined(ex, "It is based in Beijing.", TRAWL_FACET_PROVINCE), "beijing");
    CHECK_STR(joined(ex, "At Beijing 2022, and Beijing Foreign Studies University.",
                     TRAWL_FACET_PROVINCE),
              "beijing");
    CHECK_STR(joined(ex, "escalation in Beijing's efforts", TRAWL_FACET_PROVINCE), "");
    CHECK_STR(joined(exru, "Представительство ТАСС в Пекине", TRAWL_FACET_PROVINCE), "beijing");
    CHECK_STR(joined(exzh, "北京的会议", TRAWL_FACET_PROVINCE), "beijing");
    CHECK_STR(joined(ex, "755, route Weihai, district de Jing'an, Shanghai; 298 Weihai Road",
                     TRAWL_FACET_PROVINCE),
              "shanghai");
    CHECK_STR(joined(exzh, "前往福州烟台山", TRAWL_FACET_PROVINCE), "fujian");
    CHECK_STR(joined(ex, "Liu Shenyang (the painter) met Deputy Consul General Xian Yi.",
                     TRAWL_FACET_PROVINCE),
              "");
    CHECK_STR(joined(ex, "the Guangdong-Hong Kong-Macao Greater Bay Area", TRAWL_FACET_PROVINCE),
              "guangdong hong-kong macau");
    /* regions (regions.tsv) and abbreviations after a verb of place */
    CHECK_STR(joined(exzh, "打造粤港澳大湾区，港澳地区媒体，在京召开", TRAWL_FACET_PROVINCE),
              "beijing guangdong hong-kong macau");
    /* words whose stem is a name's: Italian "dal" (Dali), pinyin "shiye" (Shiyan) */
    CHECK_STR(joined(exit_, "Dal canto suo, la vicedirettrice dal Zhejiang.", TRAWL_FACET_PROVINCE),
              "zhejiang");
    CHECK_STR(joined(exes, "Zhōngguó wàiwén chūbǎn Faxing shiye jú", TRAWL_FACET_PROVINCE), "");
}

/* A name of two cities counts only where the text names the province. */
static void a_name_of_two_cities_counts_only(void)
{
    CHECK_STR(joined(ex, "Yichun in Jiangxi province opened a center.", TRAWL_FACET_PROVINCE),
              "jiangxi");
    CHECK_STR(joined(ex, "Yichun opened a museum.", TRAWL_FACET_PROVINCE), "");
}

/* Centers the gazetteer does not hold are found by their patterns. */
static void centers_the_gazetteer_does(void)
{
    CHECK_STR(extract(ex, "The Yichang ICC opened."), "province=hubei icc=yichang province=hubei");
    CHECK_STR(joined(ex, "In 2023, Zhuhai launched an ICC.", TRAWL_FACET_ICC), "zhuhai");
    CHECK_STR(
        joined(ex, "The city set up an ICC called Pearl River Voice in 2022.", TRAWL_FACET_ICC),
        "pearl-river-voice");
    CHECK_STR(joined(ex, "Huawei Media Studio unveiled its own ICC.", TRAWL_FACET_ICC),
              "huawei-media-studio");
    CHECK_STR(joined(exzh, "2023年，宜昌国际传播中心成立。", TRAWL_FACET_ICC), "yichang");
    CHECK_STR(joined(ex, "China's latest ICC has been founded in Luoyang.", TRAWL_FACET_ICC),
              "luoyang");
    /* names the gazetteer lacks, of several words, before or after the center word */
    CHECK_STR(
        joined(ex, "The Weifang Bohai International Communication Center opened.", TRAWL_FACET_ICC),
        "weifang-bohai");
    CHECK_STR(joined(ex, "The Weifang Bohai International Communication Center opened.",
                     TRAWL_FACET_PROVINCE),
              "shandong");
    CHECK_STR(joined(ex,
                     "The Yangtze Culture International Communication Center and the Anji Yucun "
                     "International Communication Center.",
                     TRAWL_FACET_ICC),
              "anji-yucun yangtze-culture");
    CHECK_STR(joined(exzh, "长江文化国际传播中心成立。首批国际传播中心、首个地市级国际传播中心。",
                     TRAWL_FACET_ICC),
              "长江文化");
    CHECK_STR(joined(exes, "El Centro de Comunicación Internacional de Anji Yucun abrió.",
                     TRAWL_FACET_ICC),
              "anji-yucun");
    CHECK_STR(joined(ex,
                     "Tag: International Communication Center. As international "
                     "communication centers open, China's latest International "
                     "Communication Center opened.",
                     TRAWL_FACET_ICC),
              "");
    /* Korean writes the name and the center word as one word */
    trawl_analyzer *ko = NULL;
    trawl_extractor *exko = NULL;
    CHECK_INT(trawl_analyzer_new("ko", &ko, NULL), TRAWL_OK);
    CHECK_INT(trawl_extractor_new(gz, ko, &exko, NULL), TRAWL_OK);
    CHECK_STR(
        joined(exko, "후베이국제전파센터가 문을 열었다. 한강문화국제전파센터.", TRAWL_FACET_ICC),
        "hubei 한강문화");
    trawl_extractor_free(exko);
    trawl_analyzer_free(ko);
    /* pinyin readings left inside a name by a scraped page */
    CHECK_STR(joined(exzh, "支持重慶國(guó)際傳播中心在既往工作", TRAWL_FACET_ICC), "chongqing");
    CHECK_STR(
        joined(ex, "the International Communication Centers of Dongguan Daily", TRAWL_FACET_ICC),
        "dongguan");
    CHECK_STR(joined(ex, "Many ICCs have opened; it launched an ICC.", TRAWL_FACET_ICC), "");
}

/* Years in date contexts only. */
static void years_in_date_contexts_only(void)
{
    CHECK_STR(joined(ex, "In 2018 there were 200 ICCs and over 30 offices, 2000 people.",
                     TRAWL_FACET_YEAR),
              "2018");
    CHECK_STR(joined(ex, "It ran 2021-2023 and since June 28, 2024.", TRAWL_FACET_YEAR),
              "2021 2022 2023 2024");
    CHECK_STR(joined(ex, "between 2019 and 2020; the 2008 Olympics; 2024-05-29", TRAWL_FACET_YEAR),
              "2008 2019 2020 2024");
    CHECK_STR(joined(exzh, "2024年5月，中心成立。", TRAWL_FACET_YEAR), "2024");
    CHECK_STR(joined(exru, "в 2017 году в Харбине", TRAWL_FACET_YEAR), "2017");
    CHECK_STR(joined(ex, "Room 2018 and the 1850 treaty.", TRAWL_FACET_YEAR), "");
    CHECK_STR(joined(ex, "Dated 26-09-2014, 31.05.2023 and 5/31/2024.", TRAWL_FACET_YEAR),
              "2014 2023 2024");
    CHECK_STR(
        joined(ex, "Created in 1991 and 1995; the film (2019); Beijing 2022.", TRAWL_FACET_YEAR),
        "1991 1995 2019 2022");
    CHECK_STR(joined(ex, "Gründungsjahr: 2001. Over 1500 and 2000 people.", TRAWL_FACET_YEAR),
              "2001");
    CHECK_STR(joined(ex, "Em 27 de junho de 2024, no dia.", TRAWL_FACET_YEAR), "2024");
    CHECK_STR(joined(ex, "On Tuesday, March 18th, 2025, it opened.", TRAWL_FACET_YEAR), "2025");
    CHECK_STR(joined(ex, "Smart China Expo 2023, APEC 2026; posted 12 30,2019.", TRAWL_FACET_YEAR),
              "2019 2023 2026");
    CHECK_STR(joined(exru, "В 2000-х годах; в июле 2017 года.", TRAWL_FACET_YEAR), "2017");
    CHECK_STR(joined(exzh, "二〇三五年远景目标，「2023清新福建行」，2000多人。", TRAWL_FACET_YEAR),
              "2023 2035");
}

/* Foundings: a creation word's center and year, never a year beside a center. */
static void foundings_a_creation_word_s(void)
{
    CHECK_STR(joined(ex,
                     "In June 2023, a meeting. The same month, Tianjin formed an ICC. "
                     "Later, Shandong formed an ICC.",
                     TRAWL_FACET_COUNT),
              "tianjin:2023");
    /* the nearest center and year to each creation word */
    CHECK_STR(joined(ex,
                     "Established in 2019, the HIMC was among the earliest ICCs, following "
                     "Chongqing, which launched its ICC in June 2018.",
                     TRAWL_FACET_COUNT),
              "chongqing:2018 himc:2019");
    /* years beside a center without a creation word */
    CHECK_STR(joined(ex,
                     "The Sichuan International Communication Center was included in the plan "
                     "in February 2021, part of a push since around 2018-2019.",
                     TRAWL_FACET_COUNT),
              "");
    CHECK_STR(joined(exzh,
                     "自1996年，尤其是2022年以来，云南省南亚东南亚区域国际传播中心开展国际传播。",
                     TRAWL_FACET_COUNT),
              "");
    /* a sentence naming no center refers to the one of the sentence before */
    CHECK_STR(joined(ex,
                     "China has launched its latest tool, the Tibet International Communication "
                     "Center. This development, unveiled on September 2, 2024, marks a shift.",
                     TRAWL_FACET_COUNT),
              "tibet:2024");
    /* ... unless it speaks of centers in general */
    CHECK_STR(joined(ex,
                     "Tibet established an ICC in September. Since then, 26 provinces have "
                     "established ICCs as of 2022.",
                     TRAWL_FACET_COUNT),
              "");
    CHECK_STR(
        joined(
            exzh,
            "2020年，《四川日报》与中共四川省委联合成立了四川国际传播中心。2022年5月，会议举行。",
            TRAWL_FACET_COUNT),
        "sichuan:2020");
}

/* Precision and recall on the hand-annotated seed: at least 0.95 each. */
static void precision_and_recall_on_the_hand(void)
{
    score seed[TRAWL_FACET_COUNT] = {{0, 0, 0}};
    char root[1024];
    snprintf(path, sizeof path, "%s/seed-gold.tsv", data ? data : "tests/data");
    snprintf(root, sizeof root, "%s/../../corpus", data ? data : "tests/data");
    CHECK(evaluate(path, root, seed));
    double p, r;
    report("seed", seed, &p, &r);
    CHECK(p >= 0.95);
    CHECK(r >= 0.95);
}

/* 76 documents of ../shared/corpus in 13 languages, per document, when present. */
static void shared_corpus_76_documents(void)
{
    char root[1024];
    snprintf(root, sizeof root, "%s/../../../shared/corpus/docs", data ? data : "tests/data");
    snprintf(path, sizeof path, "%s/facets-gold.tsv", data ? data : "tests/data");
    struct stat sb;
    if (stat(root, &sb) == 0) {
        static doc_scores docs;
        CHECK(evaluate_documents(path, root, &docs));
        printf("%zu documents:\n", docs.documents);
        print_scores("all", docs.all);
        print_scores("tune", docs.split[0]);
        print_scores("held out", docs.split[1]);
        for (size_t l = 0; l < docs.nlangs; l++)
            print_scores(docs.langs[l], docs.lang[l]);
        CHECK_INT(docs.documents, 76);
        for (int k = 0; k < TRAWL_FACET_EXTRACTED; k++) {
            CHECK(precision_of(&docs.all[k]) >= FLOOR_PRECISION[k]);
            CHECK(recall_of(&docs.all[k]) >= FLOOR_RECALL[k]);
        }
    } else {
        CHECK(!shared_required("10"));
    }
}

/* Extractors taken from a set share a language's word lists and extract the same. */
static void extractors_taken_from_a_set(void)
{
    trawl_extractor_set *set = NULL;
    trawl_extractor *s1 = NULL, *s2 = NULL, *s3 = NULL;
    trawl_analyzer *en2 = NULL;
    CHECK_INT(trawl_analyzer_new("en", &en2, NULL), TRAWL_OK);
    CHECK_INT(trawl_extractor_set_new(gz, &set, NULL), TRAWL_OK);
    CHECK_INT(trawl_extractor_set_take(set, en, &s1, NULL), TRAWL_OK);
    CHECK_INT(trawl_extractor_set_take(set, en2, &s2, NULL), TRAWL_OK);
    CHECK_INT(trawl_extractor_set_take(set, zh, &s3, NULL), TRAWL_OK);
    const char *sample = "In 2018, Chongqing established the first ICC; the Hainan International "
                         "Media Center followed in Haikou.";
    char alone[4096];
    snprintf(alone, sizeof alone, "%s", extract(ex, sample));
    CHECK(strstr(alone, "icc=himc") != NULL && strstr(alone, "province=chongqing") != NULL);
    CHECK_STR(extract(s1, sample), alone);
    trawl_extractor_free(s1); /* the lists outlive the first extractor that used them */
    CHECK_STR(extract(s2, sample), alone);
    CHECK_STR(extract(s3, "浙江省和新疆"), "province=zhejiang province=xinjiang");
    trawl_extractor_free(s2);
    trawl_extractor_free(s3);
    trawl_extractor_set_free(set);
    trawl_extractor_set_free(NULL);
    trawl_analyzer_free(en2);
}

/* Folded names: found in any script and case, saved, loaded back the same. */
static void folded_names_found_in_any_script(void)
{
    trawl_aliases *folded = NULL, *loaded = NULL;
    trawl_buf saved = TRAWL_BUF_INIT, again = TRAWL_BUF_INIT;
    CHECK_INT(trawl_aliases_new(gz, en, &folded, NULL), TRAWL_OK);
    CHECK_INT(trawl_aliases_save(folded, &saved, NULL), TRAWL_OK);
    CHECK(strstr(trawl_buf_str(&saved), "\nchekiang\tp zhejiang\n") != NULL);
    CHECK(strstr(trawl_buf_str(&saved), "\n重庆\tp chongqing\n") != NULL);
    CHECK(strstr(trawl_buf_str(&saved), "\nichongqing\ti chongqing\n") != NULL);
    CHECK(strstr(trawl_buf_str(&saved), "\nsuzhou\t?\n") != NULL); /* two cities */
    CHECK_INT(trawl_aliases_load(gz, saved.data, saved.len, &loaded, NULL), TRAWL_OK);
    CHECK_INT(trawl_aliases_save(loaded, &again, NULL), TRAWL_OK);
    CHECK_STR(trawl_buf_str(&again), trawl_buf_str(&saved));
    static const char *const names[][2] = {
        {"Chekiang", "zhejiang"}, {"浙江省", "zhejiang"},      {"ZHÈJIĀNG", "zhejiang"},
        {"重慶", "chongqing"},    {"iChongqing", "chongqing"}, {"萬州", "wanzhou"},
        {"Suzhou", NULL},         {"Atlantis", NULL}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        trawl_alias_entity e1, e2;
        bool f1 = false, f2 = false;
        CHECK_INT(trawl_aliases_find(folded, zh, names[i][0], &e1, &f1, NULL), TRAWL_OK);
        CHECK_INT(trawl_aliases_find(loaded, ru, names[i][0], &e2, &f2, NULL), TRAWL_OK);
        if (!names[i][1]) {
            CHECK(!f1 && !f2);
            continue;
        }
        CHECK_STR(f1 ? e1.key : "(none)", names[i][1]);
        CHECK_STR(f2 ? e2.key : "(none)", names[i][1]);
        CHECK(f1 && f2 && e1.kind == e2.kind && e1.names == e2.names);
    }
    trawl_aliases_free(loaded);
    static const char *const corrupt[] = {"x\n", "\tp zhejiang\n", "x\tq zhejiang\n", "x\tp\n",
                                          "b\tp zhejiang\na\tp zhejiang\n"};
    for (size_t i = 0; i < sizeof corrupt / sizeof corrupt[0]; i++) {
        CHECK_INT(trawl_aliases_load(gz, corrupt[i], strlen(corrupt[i]), &loaded, &err),
                  TRAWL_ERR_CORRUPT);
        CHECK(loaded == NULL);
    }
    CHECK_STR(err.message, "the index's folded names, line 2: malformed");
    /* A key its gazetteer lacks names nothing. */
    CHECK_INT(trawl_aliases_load(gz, "x\tp atlantis\n", strlen("x\tp atlantis\n"), &loaded, NULL),
              TRAWL_OK);
    trawl_alias_entity none;
    bool found = true;
    CHECK_INT(trawl_aliases_find(loaded, en, "X", &none, &found, NULL), TRAWL_OK);
    CHECK(!found);
    trawl_aliases_free(loaded);
    trawl_aliases_free(folded);
    trawl_buf_free(&saved);
    trawl_buf_free(&again);
}

static void teardown(void)
{
    trawl_extractor_free(ex);
    trawl_extractor_free(exzh);
    trawl_extractor_free(exru);
    trawl_extractor_free(exit_);
    trawl_extractor_free(exes);
    trawl_analyzer_free(it);
    trawl_analyzer_free(es);
    trawl_analyzer_free(en);
    trawl_analyzer_free(zh);
    trawl_analyzer_free(ru);
    trawl_gazetteer_free(gz);
}

CHECK_MAIN(setup, teardown, CHECK_CASE(the_gazetteer_34_provincial),
           CHECK_CASE(the_serialised_gazetteer_loads), CHECK_CASE(malformed_tables_are_refused),
           CHECK_CASE(provinces_by_any_alias_cities), CHECK_CASE(a_place_named_as_a_place),
           CHECK_CASE(a_name_of_two_cities_counts_only), CHECK_CASE(centers_the_gazetteer_does),
           CHECK_CASE(years_in_date_contexts_only), CHECK_CASE(foundings_a_creation_word_s),
           CHECK_CASE(precision_and_recall_on_the_hand), CHECK_CASE(shared_corpus_76_documents),
           CHECK_CASE(extractors_taken_from_a_set), CHECK_CASE(folded_names_found_in_any_script))
