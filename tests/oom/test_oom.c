/* test_oom: out-of-memory paths, exercised by fault injection. Each operation below runs once
 * per allocation it makes, that allocation failing (malloc, calloc and realloc of this process
 * are replaced by ones that fail the Nth call, setting errno as glibc does, and defer to glibc
 * otherwise); each run must return TRAWL_ERR_NOMEM, or succeed when the failure was recovered
 * from, never crash, and free what it allocated (live allocations counted); an ingest run that
 * fails must leave the index as it was. Libraries that do not survive a failed allocation are
 * kept out, each case says how (docs/ARCHITECTURE.md lists them). Built without the
 * sanitizers only: they replace malloc themselves. */
#define _GNU_SOURCE
#include "../unit/support.h"

#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <link.h>
#include <stdbool.h>
#include <stdint.h>

#include "../unit/check.h"
#include "common/buf.h"
#include "facets/facets.h"
#include "facets/gazetteer.h"
#include "index/analysis.h"
#include "index/indexer.h"
#include "index/records.h"
#include "query/query_parser.h"
#include "ingest/ingest.h"
#include "readers/inputs.h"
#include "readers/metadata.h"
#include "readers/reader.h"
#include "output/printer.h"
#include "search/fingerprint.h"
#include "search/search.h"

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void __libc_free(void *p);
int main(int argc, char **argv);

static long countdown = -1; /* allocations left before the one that fails; -1: none fails */
static bool failed;         /* the planned failure happened */
static long live;           /* allocations made less those freed since the count was reset */

/* When `spare_xapian` is set, Xapian's own allocations never fail (Xapian 1.4 does not survive
 * std::bad_alloc in its matcher: it crashes in Query::Internal), and only allocations Trawl's
 * code makes count (Xapian loses memory when one goes through Xapian::Database's constructor,
 * ICU 72 when one fails in a break iterator's). Those not counted are kept in a set, so that
 * their frees do not count either. */
static bool spare_xapian;
static uintptr_t xapian_lo, xapian_hi;   /* libxapian's mapped range */
static uintptr_t textcat_lo, textcat_hi; /* libexttextcat's: it crashes after a failure */
static bool spare_icu;               /* ICU's allocations never fail either (see the ingest case) */
static uintptr_t icu_lo, icu_hi;     /* libicuuc's */
static uintptr_t trawl_lo, trawl_hi; /* this program's, with libtrawl linked in */
#define SET_SIZE (1u << 20)
static void *spared[SET_SIZE];
static char tombstone;

static size_t slot_of(void *p)
{
    return (size_t)(((uintptr_t)p >> 4) * 2654435761u % SET_SIZE);
}

static void spare(void *p)
{
    for (size_t i = slot_of(p), k = 0; k < SET_SIZE; i = (i + 1) % SET_SIZE, k++)
        if (!spared[i] || spared[i] == &tombstone) {
            spared[i] = p;
            return;
        }
    abort(); /* the set is full: the test is wrong */
}

static bool unspare(void *p)
{
    for (size_t i = slot_of(p), k = 0; k < SET_SIZE && spared[i]; i = (i + 1) % SET_SIZE, k++)
        if (spared[i] == p) {
            spared[i] = &tombstone;
            return true;
        }
    return false;
}

/* Finds the mapped ranges of libxapian and of this program. */
static int find_ranges(struct dl_phdr_info *info, size_t size, void *ctx)
{
    (void)size;
    (void)ctx;
    uintptr_t *lo = NULL, *hi = NULL;
    if (!info->dlpi_name[0])
        lo = &trawl_lo, hi = &trawl_hi; /* this program */
    else if (strstr(info->dlpi_name, "libxapian"))
        lo = &xapian_lo, hi = &xapian_hi;
    else if (strstr(info->dlpi_name, "libexttextcat"))
        lo = &textcat_lo, hi = &textcat_hi;
    else if (strstr(info->dlpi_name, "libicuuc"))
        lo = &icu_lo, hi = &icu_hi;
    else
        return 0;
    for (int i = 0; i < info->dlpi_phnum; i++)
        if (info->dlpi_phdr[i].p_type == PT_LOAD) {
            uintptr_t from = info->dlpi_addr + info->dlpi_phdr[i].p_vaddr;
            uintptr_t to = from + info->dlpi_phdr[i].p_memsz;
            if (!*lo || from < *lo)
                *lo = from;
            if (to > *hi)
                *hi = to;
        }
    return 0;
}

static bool within(void *frame, uintptr_t lo, uintptr_t hi)
{
    return (uintptr_t)frame >= lo && (uintptr_t)frame < hi;
}

/* Who makes the allocation being made: Xapian's code (somewhere on the stack), and whether
 * its first caller outside the C and C++ runtimes is Trawl's code. backtrace is loaded before
 * spare_xapian is set, so it does not allocate here. */
static void caller_of(bool *xapian, bool *trawl)
{
    void *frames[10];
    int n = backtrace(frames, 10);
    *xapian = *trawl = false;
    bool first = true;
    for (int i = 2; i < n; i++) {
        Dl_info info = {0};
        if (first && dladdr(frames[i], &info) && info.dli_fname &&
            (strstr(info.dli_fname, "libc.so") || strstr(info.dli_fname, "libstdc++")))
            continue;
        if (first)
            *trawl = within(frames[i], trawl_lo, trawl_hi);
        first = false;
        *xapian = *xapian || within(frames[i], xapian_lo, xapian_hi) ||
                  within(frames[i], textcat_lo, textcat_hi) ||
                  (spare_icu && within(frames[i], icu_lo, icu_hi));
    }
}

/* TRAWL_OOM_AT=N runs only the Nth allocation's failure and prints where that allocation and
 * each one left live are made: "main+OFFSET" (addr2line -f -e test_oom with main's address
 * from nm added) or the library's name. */
static bool debugging;

static void where(const char *what, void *p)
{
    void *frames[12];
    int n = backtrace(frames, 12);
    for (int i = 2; i < n; i++) {
        Dl_info info = {0};
        dladdr(frames[i], &info);
        fprintf(stderr, "%s %p: main%+td %s\n", what, p, (char *)frames[i] - (char *)(void *)main,
                info.dli_sname   ? info.dli_sname
                : info.dli_fname ? info.dli_fname
                                 : "?");
    }
}

/* Spares the fragile libraries (and ICU too when `icu`), or stops sparing them. */
static void spare_libraries(bool on, bool icu)
{
    void *warm[2];
    backtrace(warm, 2); /* loads what backtrace needs before it runs inside malloc */
    if (on && !trawl_hi)
        dl_iterate_phdr(find_ranges, NULL);
    spare_xapian = on;
    spare_icu = on && icu;
}

static bool fail_now(bool *spared_out)
{
    bool xapian = false, trawl = true;
    if (spare_xapian)
        caller_of(&xapian, &trawl);
    *spared_out = !trawl;
    if (countdown < 0 || xapian)
        return false;
    if (countdown-- > 0)
        return false;
    failed = true;
    if (debugging) {
        debugging = false;
        where("failing", NULL);
        debugging = true;
    }
    errno = ENOMEM; /* as glibc's malloc says it */
    return true;
}

/* Counts a new allocation `p`, or spares it. */
static void count(void *p, bool spared_one)
{
    if (!p)
        return;
    if (spared_one) {
        spare(p);
        return;
    }
    live++;
    if (debugging) {
        debugging = false;
        where("made", p);
        debugging = true;
    }
}

static void uncount(void *p)
{
    if (!p || (spare_xapian && unspare(p)))
        return;
    live--;
    if (debugging) {
        debugging = false;
        fprintf(stderr, "freed %p\n", p);
        debugging = true;
    }
}

void *malloc(size_t size)
{
    bool spared_one;
    if (fail_now(&spared_one))
        return NULL;
    void *p = __libc_malloc(size);
    count(p, spared_one);
    return p;
}

void *calloc(size_t n, size_t size)
{
    bool spared_one;
    if (fail_now(&spared_one))
        return NULL;
    void *p = __libc_calloc(n, size);
    count(p, spared_one);
    return p;
}

void *realloc(void *old, size_t size)
{
    bool spared_one;
    if (fail_now(&spared_one))
        return NULL;
    void *p = __libc_realloc(old, size);
    if (p) {
        uncount(old);
        count(p, spared_one);
    }
    return p;
}

void free(void *p)
{
    uncount(p);
    __libc_free(p);
}

/* Runs `op` with its first, second, ... allocation failing until a run makes no allocation
 * fail; returns how many allocations the operation makes. A failing allocation must give
 * TRAWL_ERR_NOMEM or a recovery (TRAWL_OK), and the run must free all it allocated. */
static long exhaust(const char *name, trawl_status (*op)(void))
{
    const char *at = getenv("TRAWL_OOM_AT");
    void *warm[2];
    backtrace(warm, 2); /* loads what backtrace needs before it runs inside malloc */
    long n = at ? atol(at) : 0;
    for (;; n++) {
        live = 0;
        failed = false;
        countdown = n;
        debugging = at != NULL;
        trawl_status st = op();
        debugging = false;
        countdown = -1;
        if (live != 0 || (failed && st != TRAWL_ERR_NOMEM && st != TRAWL_OK) ||
            (!failed && st != TRAWL_OK)) {
            fprintf(stderr, "%s: allocation %ld failing: status %d, %ld allocations left\n", name,
                    n, (int)st, live);
            CHECK(false);
        }
        if (!failed || at)
            break;
    }
    printf("%s: %ld allocations, each made to fail\n", name, n);
    return n;
}

/* As exhaust, for an operation on a handle that keeps state (caches, buffers) from one run
 * to the next. Each allocation fails in turn, and after each such run, which must give
 * TRAWL_ERR_NOMEM or recover, a run without a failure must succeed. Two passes: what the
 * handle makes once and keeps (a lazily made cache) may be made in the first; in the second,
 * no run may lose an allocation (the live count after each successful run is the same). */
static void exhaust_stateful(const char *name, trawl_status (*op)(void))
{
    CHECK_INT(op(), TRAWL_OK);
    long n = 0;
    for (int pass = 1; pass <= 2; pass++) {
        live = 0;
        CHECK_INT(op(), TRAWL_OK);
        long baseline = live;
        for (n = 0;; n++) {
            failed = false;
            countdown = n;
            trawl_status st = op();
            countdown = -1;
            if (!failed)
                break;
            trawl_status again = op();
            if ((st != TRAWL_ERR_NOMEM && st != TRAWL_OK) || again != TRAWL_OK ||
                (pass == 2 && live != baseline)) {
                fprintf(stderr, "%s: allocation %ld failing: status %d, then %d, %ld lost\n", name,
                        n, (int)st, (int)again, live - baseline);
                CHECK(false);
            }
            baseline = live;
        }
    }
    printf("%s: %ld allocations, each made to fail, twice\n", name, n);
    CHECK(n > 100);
}

/* A corpus of a few files in two folders, with a manifest; an index of one document; the
 * gazetteer's extractors. */
static char corpus[1100], index_dir[1100];
static const char *latin_gazetteer; /* places in Latin script only (setup says why) */
static trawl_gazetteer *gz;
static trawl_extractor_set *extractors;
static trawl_analyst *analyst; /* made outside the injection: libexttextcat's loading of its
                                  language models crashes when an allocation fails */

/* Declared English and written in Latin script only: libexttextcat, which crashes when an
 * allocation fails, is not asked, nor ICU's dictionary engine for Chinese, which can loop for
 * ever after one (ICU 72). */
static const char article[] =
    "---\nlang: en\n---\n= Harbor Cities =\n\nThe Chongqing International Communication Center "
    "(iChongqing) opened in 2018 in Chongqing.\n\n== Abroad ==\n\nUniversities in Harbin and "
    "Xinjiang sent students; the Fujian center was launched in 2021.\n";

/* `text` read as the document `name` into `*doc` (the caller frees it and `*data`). */
static trawl_status read_doc(const char *name, const char *text, char **data, trawl_document **doc)
{
    size_t len = strlen(text);
    *doc = NULL;
    if (!(*data = malloc(len + 1)))
        return TRAWL_ERR_NOMEM;
    memcpy(*data, text, len + 1);
    trawl_read_info info;
    return trawl_parse_document(name, NULL, data, &len, doc, &info, NULL);
}

static void setup(void)
{
    snprintf(corpus, sizeof corpus, "%s/corpus", make_tmpdir());
    mkdir(corpus, 0755);
    char sub[1200];
    snprintf(sub, sizeof sub, "%s/sub", corpus);
    mkdir(sub, 0755);
    write_file(corpus, "a.txt", "A\n\nText.\n", 9);
    write_file(corpus, "b.md", "# B\n\nMore.\n", 11);
    write_file(sub, "c.html", "<title>C</title><p>Para</p>", 27);
    const char *manifest = "file\ttitle\tlanguage\na.txt\tThe A\ten\nsub/c.html\tC\tfr\n";
    write_file(corpus, "MANIFEST.tsv", manifest, strlen(manifest));
    /* The index's gazetteer names places in Latin script only: a query's names are analysed
     * by ICU, whose dictionary engine for Chinese and Thai crashes or loops for ever after a
     * failed allocation (ICU 72). */
    const char *gazetteer = make_tmpdir();
    const char *provinces = "key\tname\tkind\taliases\n"
                            "chongqing\tChongqing\tmunicipality\tChongqing|Chungking\n"
                            "heilongjiang\tHeilongjiang\tprovince\tHeilongjiang\n";
    const char *cities = "key\tprovince\tname\taliases\nharbin\theilongjiang\tHarbin\tHarbin\n";
    const char *centers = "key\tname\tprovince\tplace\taliases\toperators\n"
                          "chongqing\tChongqing International Communication Center\tchongqing\t"
                          "chongqing\tiChongqing|Chongqing International Communication Center\t"
                          "Chongqing Media Group\n";
    const char *regions = "key\tname\tprovinces\taliases\n";
    write_file(gazetteer, "provinces.tsv", provinces, strlen(provinces));
    write_file(gazetteer, "cities.tsv", cities, strlen(cities));
    write_file(gazetteer, "centers.tsv", centers, strlen(centers));
    write_file(gazetteer, "regions.tsv", regions, strlen(regions));
    trawl_indexer_options latin = TRAWL_INDEXER_OPTIONS_INIT;
    latin.gazetteer = latin_gazetteer = gazetteer;
    snprintf(index_dir, sizeof index_dir, "%s/index", make_tmpdir());
    trawl_indexer *ix = NULL;
    char *data = NULL;
    trawl_document *doc = NULL;
    unsigned n = 0;
    if (trawl_gazetteer_load_dir(trawl_gazetteer_default_dir(), &gz, NULL) ||
        trawl_extractor_set_new(gz, &extractors, NULL) ||
        read_doc("harbor.txt", article, &data, &doc) ||
        trawl_indexer_open(index_dir, &latin, &ix, NULL) ||
        trawl_indexer_add(ix, doc, NULL, &n, NULL) || trawl_indexer_commit(ix, NULL)) {
        fprintf(stderr, "test_oom: cannot make the fixtures\n");
        exit(2);
    }
    trawl_indexer_close(ix);
    trawl_document_free(doc);
    free(data);
}

/* The ingest case's corpus (text and wiki only: gumbo and cmark do not survive a failed
 * allocation), its index before and the fingerprints of the index before and after. */
static char icorpus[1100], before_dir[1100], work_dir[1100];
static char before_print[33], after_print[33];

static void put_text(const char *dir, const char *name, const char *text)
{
    write_file(dir, name, text, strlen(text));
}

/* TRAWL_OOM_AT: what a run tells, on stderr. */
static void tell(void *ctx, const trawl_ingest_event *e)
{
    (void)ctx;
    if (e->kind != TRAWL_INGEST_PROGRESS)
        fprintf(stderr, "event %d: %s\n", (int)e->kind, e->text);
}

static trawl_status ingest_into(const char *dir)
{
    const char *paths[] = {icorpus};
    trawl_inputs *in = NULL;
    trawl_ingest_options o = TRAWL_INGEST_OPTIONS_INIT;
    o.index.gazetteer = latin_gazetteer;
    o.jobs = 1;
    bool told = getenv("TRAWL_OOM_AT") != NULL;
    o.on_event = told ? tell : NULL;
    trawl_ingest_summary sum = {0};
    trawl_error why = {TRAWL_OK, ""};
    trawl_status st = trawl_inputs_new(paths, 1, NULL, &in, &why);
    if (!st)
        st = trawl_ingest_run(dir, in, &o, &sum, &why);
    if (told)
        fprintf(stderr,
                "ingest: status %d: %s; %zu documents, %zu added, %zu changed, %zu skipped\n",
                (int)st, why.message, sum.documents, sum.added, sum.changed, sum.skipped);
    trawl_inputs_free(in);
    return st;
}

/* The fingerprint of the index at `dir` into `out`, "" when it cannot be read. */
static void fingerprint_of(const char *dir, char out[33])
{
    trawl_searcher *s = NULL;
    size_t passages = 0;
    out[0] = '\0';
    if (trawl_searcher_open(dir, NULL, &s, NULL) == TRAWL_OK &&
        trawl_fingerprint(s, out, &passages, NULL) != TRAWL_OK)
        out[0] = '\0';
    trawl_searcher_close(s);
}

static void copy_index(const char *from, const char *to)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && cp -a '%s' '%s'", to, from, to);
    if (system(cmd) != 0) {
        fprintf(stderr, "test_oom: %s failed\n", cmd);
        exit(2);
    }
}

/* The JSON of the search's results and its province counts, as printed when nothing fails. */
static char *printed_json;

static trawl_status print_results(void)
{
    trawl_searcher *s = NULL;
    trawl_results *r = NULL;
    trawl_printer *pr = NULL;
    char *buf = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&buf, &size);
    trawl_search_options o = TRAWL_SEARCH_OPTIONS_INIT;
    o.facets = 1u << TRAWL_FACET_PROVINCE;
    trawl_status st = out ? trawl_searcher_open(index_dir, NULL, &s, NULL) : TRAWL_ERR_NOMEM;
    if (!st)
        st = trawl_search(s, "\"international communication\" OR harbin", &o, &r, NULL);
    if (!st)
        st = trawl_printer_new(TRAWL_OUTPUT_JSON, out, &pr, NULL);
    if (!st)
        st = trawl_print_results(pr, r, NULL);
    trawl_printer_free(pr);
    trawl_results_free(r);
    trawl_searcher_close(s);
    if (out && fclose(out) != 0 && !st)
        st = TRAWL_ERR_NOMEM; /* the stream could not grow: the test's own memory */
    if (!st && !buf)
        st = TRAWL_ERR_NOMEM;
    if (!st && printed_json && strcmp(buf, printed_json) != 0)
        st = TRAWL_ERR_INTERNAL; /* printed, but not all of it */
    if (!st && !printed_json)
        printed_json = buf;
    else
        free(buf);
    return st;
}

/* Printing results as JSON: printed whole, or NOMEM (jansson would drop the values it could not
 * add: every one is checked). */
static void printing_results_as_json(void)
{
    spare_libraries(true, false);
    CHECK_INT(print_results(), TRAWL_OK);
    CHECK(printed_json && strstr(printed_json, "\"facets\""));
    CHECK(exhaust("JSON results", print_results) > 100);
    spare_libraries(false, false);
    free(printed_json);
}

/* An ingest run that changes one document and adds one, into an index of two: each of
 * Trawl's allocations fails in turn (Xapian's and libexttextcat's are spared, as above, and
 * ICU's: its sentence iterator with abbreviation rules crashes after a failure). A run
 * that fails must leave the index as it was (its fingerprint), one that recovers must make
 * what a run without failures makes, and Trawl's code must free all it allocated. */
static void ingesting_into_an_index(void)
{
    const char *top = make_tmpdir();
    snprintf(icorpus, sizeof icorpus, "%s/corpus", top);
    snprintf(before_dir, sizeof before_dir, "%s/before", top);
    snprintf(work_dir, sizeof work_dir, "%s/work", top);
    mkdir(icorpus, 0755);
    const char *manifest = "file\tlanguage\none.txt\ten\ntwo.txt\ten\nthree.txt\ten\n";
    put_text(icorpus, "MANIFEST.tsv", manifest);
    put_text(icorpus, "one.txt", "Harbor notes\n\nThe Chongqing center opened in 2018.\n");
    put_text(icorpus, "two.txt", "= Rivers =\n\nBoats carry grain to Harbin.\n");
    CHECK_INT(ingest_into(before_dir), TRAWL_OK);
    fingerprint_of(before_dir, before_print);
    put_text(icorpus, "two.txt", "= Rivers =\n\nBoats carry rice to Harbin in 2021.\n");
    put_text(icorpus, "three.txt", "Canal notes\n\nBarges wait at Chongqing.\n");
    copy_index(before_dir, work_dir);
    CHECK_INT(ingest_into(work_dir), TRAWL_OK);
    fingerprint_of(work_dir, after_print);
    CHECK(strlen(before_print) == 32 && strlen(after_print) == 32);
    CHECK(strcmp(before_print, after_print) != 0);

    spare_libraries(true, true);
    const char *at = getenv("TRAWL_OOM_AT");
    long n = at ? atol(at) : 0;
    for (;; n++) {
        copy_index(before_dir, work_dir);
        live = 0;
        failed = false;
        countdown = n;
        debugging = at != NULL;
        trawl_status st = ingest_into(work_dir);
        debugging = false;
        countdown = -1;
        long left = live;
        char now[33];
        fingerprint_of(work_dir, now);
        const char *want = st ? before_print : after_print;
        if (left != 0 || (st && st != TRAWL_ERR_NOMEM) || strcmp(now, want) != 0) {
            fprintf(stderr, "ingest: allocation %ld failing: status %d, %ld left, index %s\n", n,
                    (int)st, left,
                    strcmp(now, before_print) == 0  ? "as before"
                    : strcmp(now, after_print) == 0 ? "as after"
                                                    : "neither");
            CHECK(false);
        }
        if (!failed || at)
            break;
    }
    spare_libraries(false, false);
    printf("ingest: %ld allocations, each made to fail\n", n);
    CHECK(n > 100);
}

static void teardown(void)
{
    trawl_extractor_set_free(extractors);
    trawl_gazetteer_free(gz);
}

static trawl_status list_folder(void)
{
    const char *paths[] = {corpus};
    trawl_inputs *in = NULL;
    trawl_status st = trawl_inputs_new(paths, 1, NULL, &in, NULL);
    if (!st && (trawl_inputs_count(in) != 3 || trawl_inputs_problems(in) != 0))
        st = TRAWL_ERR_INTERNAL; /* memory running out is never a file's problem */
    trawl_inputs_free(in);
    return st;
}

/* Listing a folder: every allocation of the walk. */
static void listing_a_folder(void)
{
    CHECK(exhaust("trawl_inputs_new", list_folder) > 10);
}

static trawl_status load_manifest(void)
{
    char path[1300];
    snprintf(path, sizeof path, "%s/MANIFEST.tsv", corpus);
    trawl_manifest *m = NULL;
    trawl_status st = trawl_manifest_load(path, &m, NULL);
    trawl_manifest_free(m);
    return st;
}

/* Loading a manifest. */
static void loading_a_manifest(void)
{
    CHECK(exhaust("trawl_manifest_load", load_manifest) > 5);
}

static trawl_status parse_text(const char *name, const char *text)
{
    size_t len = strlen(text);
    char *data = malloc(len + 1);
    if (!data)
        return TRAWL_ERR_NOMEM;
    memcpy(data, text, len + 1);
    trawl_document *doc = NULL;
    trawl_read_info info;
    trawl_status st = trawl_parse_document(name, NULL, &data, &len, &doc, &info, NULL);
    trawl_document_free(doc);
    free(data);
    return st;
}

static trawl_status parse_wiki(void)
{
    return parse_text("w.txt", "= Harbor =\n\nOne.\n\n== See also ==\n* [[Port|the port]]\n");
}

static trawl_status parse_plain(void)
{
    return parse_text("p.txt", "Title line\n\nA paragraph\nacross lines.\n\n- an item\n");
}

/* Reading wiki text and plain text. */
static void reading_wiki_and_plain_text(void)
{
    CHECK(exhaust("wiki reader", parse_wiki) > 5);
    CHECK(exhaust("text reader", parse_plain) > 5);
}

static trawl_status parse_query(void)
{
    trawl_qnode *q = NULL;
    trawl_status st = trawl_query_parse("\"red harbor\" OR (boats -grain) title:port icc:gwicc "
                                        "year:2018..2020 harb*",
                                        &q, NULL);
    trawl_qnode_free(q);
    return st;
}

/* Parsing a query. */
static void parsing_a_query(void)
{
    CHECK(exhaust("trawl_query_parse", parse_query) > 5);
}

static const char record_json[] =
    "{\"path\":\"a/h.html\",\"title\":\"H\",\"url\":\"https://x.org/h\",\"lang\":\"en\","
    "\"kind\":\"news\",\"links\":[{\"text\":\"the port\",\"target\":\"port.html\"}]}";

static trawl_status record_encode(void)
{
    trawl_record_link links[] = {{"the port", "port.html"}};
    trawl_doc_record r = {"a/h.html", "H", "https://x.org/h", "en", "news", links, 1, NULL};
    trawl_buf b = TRAWL_BUF_INIT;
    trawl_status st = trawl_doc_record_encode(&r, &b, NULL);
    if (!st && strcmp(trawl_buf_str(&b), record_json) != 0) {
        fprintf(stderr, "record encoding gave %s\n", trawl_buf_str(&b));
        st = TRAWL_ERR_INTERNAL; /* never a record with a part left out */
    }
    trawl_buf_free(&b);
    return st;
}

static trawl_status record_decode(void)
{
    trawl_doc_record r;
    trawl_status st = trawl_doc_record_decode(record_json, strlen(record_json), &r, NULL);
    if (!st && (r.nlinks != 1 || strcmp(r.links[0].target, "port.html") != 0))
        st = TRAWL_ERR_INTERNAL;
    if (!st)
        trawl_doc_record_clear(&r);
    return st;
}

/* A document record written whole or not at all, and read back whole or not at all. */
static void a_record_written_and_read(void)
{
    CHECK(exhaust("record encoding", record_encode) > 3);
    CHECK(exhaust("record decoding", record_decode) > 3);
}

/* The passages of the article, as the first analysis found them. */
static size_t article_passages;

static trawl_status analyse_article(void)
{
    char *data = NULL;
    trawl_document *doc = NULL;
    trawl_analysis *a = NULL;
    trawl_status st = read_doc("harbor.txt", article, &data, &doc);
    if (!st)
        st = trawl_analyze_document(analyst, doc, &a, NULL);
    if (!st && article_passages && a->npassages != article_passages)
        st = TRAWL_ERR_INTERNAL;
    if (!st && !article_passages)
        article_passages = a->npassages;
    trawl_analysis_free(a);
    trawl_document_free(doc);
    free(data);
    return st;
}

/* Analysing a document in three languages (ICU words and folding, Snowball, CJK bigrams,
 * facets, the passages' Xapian documents), after a first run has made ICU's caches and the
 * analyst's analysers; a failed run leaves the analyst usable. */
static void analysing_a_document(void)
{
    CHECK_INT(trawl_analyst_new(extractors, "en", 600, &analyst, NULL), TRAWL_OK);
    exhaust_stateful("analysis", analyse_article);
    trawl_analyst_free(analyst);
}

/* The matches of the query, as the first search counted them. */
static unsigned search_total;

static trawl_status search_index(void)
{
    trawl_searcher *s = NULL;
    trawl_error why = {TRAWL_OK, ""}; /* told under TRAWL_OOM_AT */
    trawl_results *r = NULL;
    trawl_search_options o = TRAWL_SEARCH_OPTIONS_INIT;
    o.facets = 1u << TRAWL_FACET_PROVINCE;
    trawl_status st = trawl_searcher_open(index_dir, NULL, &s, &why);
    if (!st)
        st = trawl_search(s, "\"international communication\" OR harbin province:chongqing", &o, &r,
                          NULL);
    if (!st && search_total && trawl_results_total(r) != search_total)
        st = TRAWL_ERR_INTERNAL;
    if (!st && !search_total)
        search_total = trawl_results_total(r);
    if (getenv("TRAWL_OOM_AT"))
        fprintf(stderr, "search: status %d: %s\n", (int)st, why.message);
    trawl_results_free(r);
    trawl_searcher_close(s);
    return st;
}

/* Opening the index and searching it: a phrase, a word naming a place, a facet filter,
 * highlights, counts; every allocation but Xapian's fails in turn, Trawl's count (above). */
static void searching_an_index(void)
{
    spare_libraries(true, false);
    CHECK(xapian_hi > xapian_lo && trawl_hi > trawl_lo);
    CHECK_INT(search_index(), TRAWL_OK);
    CHECK(exhaust("search", search_index) > 100);
    spare_libraries(false, false);
}

CHECK_MAIN(setup, teardown, CHECK_CASE(listing_a_folder), CHECK_CASE(loading_a_manifest),
           CHECK_CASE(reading_wiki_and_plain_text), CHECK_CASE(parsing_a_query),
           CHECK_CASE(a_record_written_and_read), CHECK_CASE(analysing_a_document),
           CHECK_CASE(searching_an_index), CHECK_CASE(printing_results_as_json),
           CHECK_CASE(ingesting_into_an_index))
