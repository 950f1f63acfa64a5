/* test_oom: out-of-memory paths, exercised by fault injection. Each operation below runs once
 * per allocation it makes, that allocation failing (malloc, calloc and realloc of this process
 * are replaced by ones that fail the Nth call and defer to glibc otherwise); each run must
 * return TRAWL_ERR_NOMEM, or succeed when the failure was recovered from, never crash, and free
 * what it allocated (live allocations counted). Built without the sanitizers only: they
 * replace malloc themselves. */
#define _GNU_SOURCE
#include "../unit/support.h"

#include <errno.h>
#include <stdbool.h>

#include "../unit/check.h"
#include "common/buf.h"
#include "index/records.h"
#include "query/query_parser.h"
#include "readers/inputs.h"
#include "readers/metadata.h"
#include "readers/reader.h"

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void __libc_free(void *p);

static long countdown = -1; /* allocations left before the one that fails; -1: none fails */
static bool failed;         /* the planned failure happened */
static long live;           /* allocations made less those freed since the count was reset */

static bool fail_now(void)
{
    if (countdown < 0)
        return false;
    if (countdown-- > 0)
        return false;
    failed = true;
    errno = ENOMEM; /* as glibc's malloc says it */
    return true;
}

void *malloc(size_t size)
{
    if (fail_now())
        return NULL;
    void *p = __libc_malloc(size);
    live += p != NULL;
    return p;
}

void *calloc(size_t n, size_t size)
{
    if (fail_now())
        return NULL;
    void *p = __libc_calloc(n, size);
    live += p != NULL;
    return p;
}

void *realloc(void *old, size_t size)
{
    if (fail_now())
        return NULL;
    void *p = __libc_realloc(old, size);
    live += !old && p;
    return p;
}

void free(void *p)
{
    live -= p != NULL;
    __libc_free(p);
}

/* Runs `op` with its first, second, ... allocation failing until a run makes no allocation
 * fail; returns how many allocations the operation makes. A failing allocation must give
 * TRAWL_ERR_NOMEM, `also` (when not TRAWL_OK), or a recovery (TRAWL_OK). */
static long exhaust_or(const char *name, trawl_status (*op)(void), trawl_status also)
{
    long n = 0;
    for (;; n++) {
        live = 0;
        failed = false;
        countdown = n;
        trawl_status st = op();
        countdown = -1;
        if (live != 0 ||
            (failed && st != TRAWL_ERR_NOMEM && st != TRAWL_OK && (!also || st != also)) ||
            (!failed && st != TRAWL_OK)) {
            fprintf(stderr, "%s: allocation %ld failing: status %d, %ld allocations left\n", name,
                    n, (int)st, live);
            CHECK(false);
        }
        if (!failed)
            break;
    }
    printf("%s: %ld allocations, each made to fail\n", name, n);
    return n;
}

static long exhaust(const char *name, trawl_status (*op)(void))
{
    return exhaust_or(name, op, TRAWL_OK);
}

/* A corpus of a few files in two folders, with a manifest. */
static char corpus[1100];

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
    const char *manifest = "file\ttitle\tlanguage\ta.txt\tThe A\ten\nsub/c.html\tC\tfr\n";
    write_file(corpus, "MANIFEST.tsv", manifest, strlen(manifest));
}

static trawl_status list_folder(void)
{
    const char *paths[] = {corpus};
    trawl_inputs *in = NULL;
    trawl_status st = trawl_inputs_new(paths, 1, NULL, &in, NULL);
    /* What cannot be listed for want of memory is a problem, the rest listed; a file left out
     * never counts as gone. */
    char gone[1300];
    snprintf(gone, sizeof gone, "%s/a.txt", corpus);
    if (!st && trawl_inputs_count(in) != 3 &&
        (trawl_inputs_problems(in) == 0 ||
         (!trawl_inputs_find(in, gone) && trawl_inputs_covers(in, gone))))
        st = TRAWL_ERR_INTERNAL;
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

/* A document record written whole or not at all; read back, or refused: jansson's parser does
 * not say that every failure it meets is for want of memory, so one may read as "malformed". */
static void a_record_written_and_read(void)
{
    CHECK(exhaust("record encoding", record_encode) > 3);
    CHECK(exhaust_or("record decoding", record_decode, TRAWL_ERR_CORRUPT) > 3);
}

CHECK_MAIN(setup, NULL, CHECK_CASE(listing_a_folder), CHECK_CASE(loading_a_manifest),
           CHECK_CASE(reading_wiki_and_plain_text), CHECK_CASE(parsing_a_query),
           CHECK_CASE(a_record_written_and_read))
