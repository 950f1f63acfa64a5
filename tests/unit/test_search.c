/* test_search: the indexer and the searcher together on small documents of our own: stems
 * (listed per language), phrases, NOT, fields, prefixes, CJK, accents, highlights, exact
 * totals, paging, re-indexing without duplicates, and the index's refusals (missing, foreign,
 * locked, other schema, other analyser, unreadable stored data). */
#include "support.h"

#include "check.h"
#include "index/indexer.h"
#include "index/schema.h"
#include "readers/reader.h"
#include "search/highlight.h"
#include "search/search.h"
#include "search/searcher_impl.h"
#include "search/suggest.h"
#include "text/cjk.h"
#include "xapian-c/xapian_c.h"

static const char *index_dir;

static void ingest(trawl_indexer *ix, const char *rel, const char *text, unsigned want_passages)
{
    size_t len = strlen(text);
    char *data = malloc(len + 1);
    memcpy(data, text, len + 1);
    trawl_document *doc = NULL;
    trawl_read_info info;
    unsigned n = 0;
    CHECK_INT(trawl_parse_document(rel, NULL, &data, &len, &doc, &info, NULL), TRAWL_OK);
    CHECK_INT(trawl_indexer_add(ix, doc, NULL, &n, NULL), TRAWL_OK);
    CHECK_INT(n, want_passages);
    trawl_document_free(doc);
    free(data);
}

/* "total: id[highlighted] id ..." for a query; highlights as the marked substrings. */
static const char *search(const char *query, unsigned offset, unsigned limit)
{
    static char out[4096];
    trawl_searcher *s = NULL;
    trawl_results *r = NULL;
    trawl_error err;
    trawl_search_options o = TRAWL_SEARCH_OPTIONS_INIT;
    o.offset = offset;
    o.limit = limit;
    if (trawl_searcher_open(index_dir, NULL, &s, &err) || trawl_search(s, query, &o, &r, &err)) {
        snprintf(out, sizeof out, "ERROR %s", err.message);
        trawl_searcher_close(s);
        return out;
    }
    snprintf(out, sizeof out, "%u:", trawl_results_total(r));
    for (size_t i = 0; i < trawl_results_count(r); i++) {
        const trawl_hit *h = trawl_results_hit(r, i);
        strcat(out, " ");
        strcat(out, h->id);
        for (size_t k = 0; k < h->nhighlights; k++) {
            char mark[128];
            snprintf(mark, sizeof mark, "[%.*s]",
                     (int)(h->highlights[k].end - h->highlights[k].start),
                     h->text + h->highlights[k].start);
            strcat(out, mark);
        }
    }
    trawl_results_free(r);
    trawl_searcher_close(s);
    return out;
}

/* The folder of the index's single shard, as its stub names it: a rebuild writes the new one
 * beside the old (shard-1-of-1, then shard-1-of-1.b, then shard-1-of-1 again). */
static const char *shard_path(void)
{
    static char path[700];
    char stub[650], line[128] = "";
    snprintf(stub, sizeof stub, "%s/XAPIANDB", index_dir);
    FILE *f = fopen(stub, "r");
    if (f) {
        if (!fgets(line, sizeof line, f))
            line[0] = '\0';
        fclose(f);
    }
    line[strcspn(line, "\n")] = '\0';
    snprintf(path, sizeof path, "%s/%s", index_dir, strncmp(line, "auto ", 5) == 0 ? line + 5 : "");
    return path;
}

/* The ranges `hl` marks in `text`, as "[start,end)..." into `out`. */
static const char *marked(trawl_highlighter *hl, trawl_analyzer *an, const char *text, char *out,
                          size_t cap)
{
    trawl_range *r = NULL;
    size_t n = 0;
    out[0] = '\0';
    if (trawl_highlight(hl, an, text, strlen(text), &r, &n, NULL) != TRAWL_OK)
        return "ERROR";
    for (size_t i = 0; i < n; i++)
        snprintf(out + strlen(out), cap - strlen(out), "[%zu,%zu)", r[i].start, r[i].end);
    free(r);
    return out;
}

static const trawl_hit *first_hit(const char *query, trawl_searcher **s, trawl_results **r)
{
    trawl_search_options o = TRAWL_SEARCH_OPTIONS_INIT;
    o.limit = 1;
    CHECK_INT(trawl_searcher_open(index_dir, NULL, s, NULL), TRAWL_OK);
    CHECK_INT(trawl_search(*s, query, &o, r, NULL), TRAWL_OK);
    return *r ? trawl_results_hit(*r, 0) : NULL;
}

static const char harbor[] = "= Harbor Cities =\n"
                             "\n"
                             "The red harbor opened in 2018. Universities sent students.\n"
                             "\n"
                             "== Trade ==\n"
                             "\n"
                             "A university partnered with the port of São Paulo.\n"
                             "\n"
                             "- Harbor red lights\n";

static const char river[] = "= River Towns =\n"
                            "\n"
                            "Boats carry grain along the river every day of the year.\n"
                            "\n"
                            "重庆国际传播中心成立于2018年。\n";

/* Fixtures shared by the cases. */
static trawl_error err;
static trawl_indexer *ix = NULL, *ix2 = NULL;
static const char *dir;
static char idx[600];

static void setup(void)
{
    dir = make_tmpdir();
    snprintf(idx, sizeof idx, "%s/index", dir);
    index_dir = idx;
}

/* No index yet: the searcher says to run trawl-ingest. */
static void no_index_yet_the_searcher_says(void)
{
    CHECK(strstr(search("harbor", 0, 10), "no index at") != NULL);
    CHECK(strstr(search("harbor", 0, 10), "run trawl-ingest first") != NULL);
}

/* Indexing: passages per document. */
static void indexing_passages_per_document(void)
{
    /* A bound of 100 bytes: paragraphs of 50 bytes and more stay passages of their own. */
    trawl_indexer_options small = TRAWL_INDEXER_OPTIONS_INIT;
    small.max_passage_bytes = 100;
    CHECK_INT(trawl_indexer_open(idx, &small, &ix, &err), TRAWL_OK);
    ingest(ix, "harbor.txt", harbor, 3);
    ingest(ix, "sub/river.txt", river, 2);
}

/* A second writer is refused while the first is open. */
static void a_second_writer_is_refused_while(void)
{
    CHECK_NEEDS(indexing_passages_per_document);
    CHECK_INT(trawl_indexer_open(idx, NULL, &ix2, &err), TRAWL_ERR_LOCKED);
    CHECK(ix2 == NULL);
    CHECK_INT(trawl_indexer_commit(ix, NULL), TRAWL_OK);
}

/* Words match their stems; highlights mark the matched words. */
static void words_match_their_stems(void)
{
    CHECK_NEEDS(a_second_writer_is_refused_while);
    CHECK_STR(search("universities", 0, 10),
              "2: harbor.txt#1[Universities] harbor.txt#2[university]");
    CHECK_STR(search("university students", 0, 10), "1: harbor.txt#1[Universities][students]");
}

/* Phrases match exact words in order, highlighted whole. */
static void phrases_match_exact_words(void)
{
    CHECK_NEEDS(a_second_writer_is_refused_while);
    CHECK_STR(search("\"red harbor\"", 0, 10), "1: harbor.txt#1[red harbor]");
    CHECK_STR(search("\"harbor red\"", 0, 10), "1: harbor.txt#3[Harbor red]");
    CHECK_STR(search("\"red harbors\"", 0, 10), "0:");
}

/* NOT and -word exclude; OR widens. */
static void not_and_word_exclude_or_widens(void)
{
    CHECK_NEEDS(a_second_writer_is_refused_while);
    CHECK_STR(search("red -lights", 0, 10), "1: harbor.txt#1[red]");
    CHECK_STR(search("red NOT lights", 0, 10), "1: harbor.txt#1[red]");
    CHECK_STR(search("grain OR students", 0, 10),
              "2: harbor.txt#1[students] sub/river.txt#1[grain]");
    CHECK_STR(search("-harbor", 0, 10), "2: sub/river.txt#1 sub/river.txt#2");
}

/* Title and section words are searchable for each passage. */
static void title_and_section_words(void)
{
    CHECK_NEEDS(a_second_writer_is_refused_while);
    /* Equal title matches rank by BM25's length normalisation: the shortest passage first. */
    CHECK_STR(search("title:cities", 0, 10), "3: harbor.txt#3 harbor.txt#1 harbor.txt#2");
    CHECK_STR(search("section:trade", 0, 10), "2: harbor.txt#3 harbor.txt#2");
    CHECK_STR(search("towns boats", 0, 10), "1: sub/river.txt#1[Boats]");
}

/* Accents fold: Sao Paulo finds São Paulo. */
static void accents_fold_sao_paulo_finds_s_o(void)
{
    CHECK_NEEDS(a_second_writer_is_refused_while);
    CHECK_STR(search("\"sao paulo\"", 0, 10), "1: harbor.txt#2[São Paulo]");
    CHECK_STR(search("SÃO", 0, 10), "1: harbor.txt#2[São]");
}

/* Chinese queries match whatever the segmentation; Traditional finds Simplified. */
static void chinese_queries_match_whatever(void)
{
    CHECK_NEEDS(a_second_writer_is_refused_while);
    CHECK_STR(search("国际传播中心", 0, 10), "1: sub/river.txt#2[国际传播中心]");
    CHECK_STR(search("重庆", 0, 10), "1: sub/river.txt#2[重庆]");
    /* The Chinese passage is longer for BM25 (its character bigrams count): it ranks second. */
    CHECK_STR(search("2018", 0, 10), "2: harbor.txt#1[2018] sub/river.txt#2[2018]");
    CHECK_STR(search("\"际传播中\"", 0, 10), "1: sub/river.txt#2[际传播中]");
    CHECK_STR(search("國際傳播", 0, 10), "1: sub/river.txt#2[国际传播]");
}

/* The closest indexed word to one no passage holds (search/suggest.h). */
static const char *suggestion(const char *word)
{
    static char out[64];
    trawl_searcher *s = NULL;
    char *got = NULL;
    CHECK_INT(trawl_searcher_open(index_dir, NULL, &s, NULL), TRAWL_OK);
    CHECK_INT(trawl_suggest_word(trawl_searcher_db(s), word, &got, NULL), TRAWL_OK);
    snprintf(out, sizeof out, "%s", got ? got : "-");
    free(got);
    trawl_searcher_close(s);
    return out;
}

/* Suggestions: one edit for short words, two for longer ones, a transposition counting one;
 * the same first letter; never the word itself. */
static void suggestions_of_close_words(void)
{
    CHECK_NEEDS(a_second_writer_is_refused_while);
    CHECK_STR(suggestion("harbr"), "harbor");
    CHECK_STR(suggestion("habror"), "harbor");
    CHECK_STR(suggestion("unversitis"), "universities");
    CHECK_STR(suggestion("rde"), "red");
    CHECK_STR(suggestion("rxx"), "-");
    CHECK_STR(suggestion("arbor"), "-");
    CHECK_STR(suggestion("zzzzzz"), "-");
}

/* Prefixes. */
static void prefixes(void)
{
    CHECK_NEEDS(a_second_writer_is_refused_while);
    CHECK_STR(search("harb*", 0, 10), "2: harbor.txt#3[Harbor] harbor.txt#1[harbor]");
}

/* Exact totals and paging. */
static void exact_totals_and_paging(void)
{
    CHECK_NEEDS(a_second_writer_is_refused_while);
    /* "river" matches the river document's title on both its passages, and one body; a match
     * through the title alone (river.txt#2) ranks below those of title:harbor, asked for. */
    CHECK_STR(search("title:harbor OR river", 0, 2), "5: sub/river.txt#1[river] harbor.txt#3");
    CHECK_STR(search("title:harbor OR river", 2, 2), "5: harbor.txt#1 harbor.txt#2");
    CHECK_STR(search("title:harbor OR river", 4, 2), "5: sub/river.txt#2");
    CHECK_STR(search("title:harbor OR river", 9, 2), "5:");
}

/* Hit fields: id, path, title, section, ordinal, offset into the source. */
static void hit_fields_id_path_title_section(void)
{
    CHECK_NEEDS(a_second_writer_is_refused_while);
    trawl_searcher *s = NULL;
    trawl_results *r = NULL;
    const trawl_hit *h = first_hit("university partnered", &s, &r);
    CHECK(h != NULL);
    if (h) {
        CHECK_STR(h->id, "harbor.txt#2");
        CHECK_STR(h->path, "harbor.txt");
        CHECK_STR(h->title, "Harbor Cities");
        CHECK_STR(h->section, "Trade");
        CHECK_STR(h->lang, "en");
        CHECK_INT(h->ordinal, 2);
        CHECK(memcmp(harbor + h->offset, h->text, h->text_len) == 0);
        CHECK_INT(h->rank, 1);
        CHECK(h->score > 0);
    }
    trawl_results_free(r);
    trawl_searcher_close(s);
}

/* Query errors come back as statuses with the parser's message. */
static void query_errors_come_back(void)
{
    CHECK_NEEDS(a_second_writer_is_refused_while);
    CHECK_STR(search("\"open", 0, 10),
              "ERROR query error at column 1: unbalanced quote: this \" has no closing quote");
    CHECK_STR(search("-- ,", 0, 10), "ERROR the query has no searchable words");
    CHECK_STR(search("caf\xe9", 0, 10), "ERROR the query is not valid UTF-8");
}

/* Re-indexing a document replaces its passages, never duplicates. */
static void re_indexing_a_document_replaces(void)
{
    CHECK_NEEDS(a_second_writer_is_refused_while);
    ingest(ix, "harbor.txt", harbor, 3);
    CHECK_INT(trawl_indexer_commit(ix, NULL), TRAWL_OK);
    CHECK_STR(search("universities", 0, 10),
              "2: harbor.txt#1[Universities] harbor.txt#2[university]");
    ingest(ix, "harbor.txt", "= Harbor Cities =\n\nOnly one passage now.\n", 1);
    CHECK_INT(trawl_indexer_commit(ix, NULL), TRAWL_OK);
    CHECK_STR(search("title:harbor", 0, 10), "1: harbor.txt#1");
    CHECK_STR(search("universities", 0, 10), "0:");
    CHECK_INT(trawl_indexer_remove(ix, "harbor.txt", NULL), TRAWL_OK);
    CHECK_INT(trawl_indexer_commit(ix, NULL), TRAWL_OK);
    CHECK_STR(search("title:harbor", 0, 10), "0:");
    trawl_indexer_close(ix);
}

/* Another analyser (passage bound) empties and rebuilds, atomically. */
static void another_analyser_passage_bound(void)
{
    CHECK_NEEDS(re_indexing_a_document_replaces);
    trawl_indexer_options opts = TRAWL_INDEXER_OPTIONS_INIT;
    opts.max_passage_bytes = 500;
    CHECK_INT(trawl_indexer_open(idx, &opts, &ix, &err), TRAWL_OK);
    CHECK(trawl_indexer_rebuilt(ix) && strstr(trawl_indexer_rebuilt(ix), "passage 500"));
    CHECK_STR(search("boats", 0, 10), "1: sub/river.txt#1[Boats]"); /* readers: the old index */
    /* The new index is written beside the old one, which goes once it is published. */
    char old_shard[700];
    snprintf(old_shard, sizeof old_shard, "%s", shard_path());
    CHECK(strstr(old_shard, "/shard-1-of-1") && access(old_shard, F_OK) == 0);
    CHECK_INT(trawl_indexer_commit(ix, NULL), TRAWL_OK);
    trawl_indexer_close(ix);
    CHECK_STR(search("boats", 0, 10), "0:");
    CHECK(strcmp(shard_path(), old_shard) != 0 && strstr(shard_path(), "/shard-1-of-1"));
    CHECK(access(old_shard, F_OK) != 0);
}

/* Another schema version: refused by the searcher, rebuilt by ingest. */
static void another_schema_version_refused(void)
{
    CHECK_NEEDS(another_analyser_passage_bound);
    trawl_indexer_options opts = TRAWL_INDEXER_OPTIONS_INIT;
    trawl_xdb *db = NULL;
    CHECK_INT(trawl_xdb_open(shard_path(), TRAWL_XDB_WRITE, &db, NULL), TRAWL_OK);
    CHECK_INT(trawl_xdb_set_metadata(db, TRAWL_META_SCHEMA, "999", 3, NULL), TRAWL_OK);
    CHECK_INT(trawl_xdb_commit(db, NULL), TRAWL_OK);
    trawl_xdb_close(db);
    CHECK(strstr(search("boats", 0, 10), "index schema 999") != NULL);
    CHECK_INT(trawl_indexer_open(idx, &opts, &ix, &err), TRAWL_OK);
    CHECK(trawl_indexer_rebuilt(ix) && strstr(trawl_indexer_rebuilt(ix), "schema 999"));
    CHECK_INT(trawl_indexer_commit(ix, NULL), TRAWL_OK);
    trawl_indexer_close(ix);
    CHECK_STR(search("boats", 0, 10), "0:");
}

/* A run that is not committed leaves the index as it was. */
static void a_run_that_is_not_committed(void)
{
    CHECK_NEEDS(another_schema_version_refused);
    trawl_indexer_options opts = TRAWL_INDEXER_OPTIONS_INIT;
    CHECK_INT(trawl_indexer_open(idx, &opts, &ix, &err), TRAWL_OK);
    ingest(ix, "late.txt", "= Late =\n\nBoats came late.\n", 1);
    trawl_indexer_close(ix);
    CHECK_STR(search("boats", 0, 10), "0:");
}

/* The index keeps the gazetteer's names folded; without them, queries fold them. */
static void the_index_keeps_the_gazetteer_s(void)
{
    CHECK_NEEDS(a_run_that_is_not_committed);
    trawl_indexer_options opts = TRAWL_INDEXER_OPTIONS_INIT;
    trawl_xdb *db = NULL;
    char *folded = NULL;
    CHECK_INT(trawl_xdb_open(idx, TRAWL_XDB_READ, &db, NULL), TRAWL_OK);
    size_t folded_len = 0;
    CHECK_INT(trawl_xdb_get_metadata(db, TRAWL_META_ALIASES, &folded, &folded_len, NULL), TRAWL_OK);
    CHECK(folded && strstr(folded, "\nchekiang\tp zhejiang\n") != NULL);
    trawl_xdb_close(db);
    CHECK_STR(search("province:Chekiang boats", 0, 10), "0:");
    CHECK(strstr(search("province:Atlantis", 0, 10), "Atlantis") != NULL);
    /* An index written before ingest kept them. */
    CHECK_INT(trawl_xdb_open(shard_path(), TRAWL_XDB_WRITE, &db, NULL), TRAWL_OK);
    CHECK_INT(trawl_xdb_set_metadata(db, TRAWL_META_ALIASES, "", 0, NULL), TRAWL_OK);
    CHECK_INT(trawl_xdb_commit(db, NULL), TRAWL_OK);
    trawl_xdb_close(db);
    CHECK_STR(search("province:Chekiang boats", 0, 10), "0:");
    CHECK(strstr(search("province:Atlantis", 0, 10), "Atlantis") != NULL);
    /* The next run adds them. */
    CHECK_INT(trawl_indexer_open(idx, &opts, &ix, &err), TRAWL_OK);
    CHECK_INT(trawl_indexer_commit(ix, NULL), TRAWL_OK);
    trawl_indexer_close(ix);
    CHECK_INT(trawl_xdb_open(idx, TRAWL_XDB_READ, &db, NULL), TRAWL_OK);
    char *again = NULL;
    size_t again_len = 0;
    CHECK_INT(trawl_xdb_get_metadata(db, TRAWL_META_ALIASES, &again, &again_len, NULL), TRAWL_OK);
    CHECK(again_len == folded_len && again && memcmp(again, folded, folded_len) == 0);
    trawl_xdb_close(db);
    free(folded);
    free(again);
    /* Damaged folded names: an error naming them, until the next run writes them again. */
    CHECK_INT(trawl_xdb_open(shard_path(), TRAWL_XDB_WRITE, &db, NULL), TRAWL_OK);
    const char *damaged = "b\tp x\na\tp x\n";
    CHECK_INT(trawl_xdb_set_metadata(db, TRAWL_META_ALIASES, damaged, strlen(damaged), NULL),
              TRAWL_OK);
    CHECK_INT(trawl_xdb_commit(db, NULL), TRAWL_OK);
    trawl_xdb_close(db);
    CHECK(strstr(search("boats", 0, 10), "folded names, line 2: malformed") != NULL);
    CHECK_INT(trawl_indexer_open(idx, &opts, &ix, &err), TRAWL_OK);
    CHECK_INT(trawl_indexer_commit(ix, NULL), TRAWL_OK);
    trawl_indexer_close(ix);
    CHECK_STR(search("boats", 0, 10), "0:");
}

/* Each commit lists the passages' languages; queries use the list, or the terms. */
static void each_commit_lists_the_passages(void)
{
    CHECK_NEEDS(the_index_keeps_the_gazetteer_s);
    trawl_indexer_options opts = TRAWL_INDEXER_OPTIONS_INIT;
    trawl_xdb *db = NULL;
    char *folded = NULL;
    CHECK_INT(trawl_indexer_open(idx, &opts, &ix, &err), TRAWL_OK);
    ingest(ix, "fr.txt",
           "= Les bateaux =\n\nLes bateaux naviguaient lentement sur la rivière pendant que les "
           "pêcheurs chantaient des chansons anciennes de leur village.\n",
           1);
    ingest(ix, "en.txt", "= Boats =\n\nThe boats sailed slowly down the river.\n", 1);
    CHECK_INT(trawl_indexer_commit(ix, NULL), TRAWL_OK);
    trawl_indexer_close(ix);
    CHECK_INT(trawl_xdb_open(idx, TRAWL_XDB_READ, &db, NULL), TRAWL_OK);
    CHECK_INT(trawl_xdb_get_metadata(db, TRAWL_META_LANGUAGES, &folded, NULL, NULL), TRAWL_OK);
    CHECK_STR(folded, "en\nfr\n");
    free(folded);
    trawl_xdb_close(db);
    /* French stems: chanter -> chant, which lists chantaient */
    CHECK_STR(search("chanter", 0, 10), "1: fr.txt#1[chantaient]");
    const char *lists[] = {"en\n", ""};
    const char *want[] = {"0:", "1: fr.txt#1[chantaient]"}; /* listed; no list: the terms */
    for (int i = 0; i < 2; i++) {
        CHECK_INT(trawl_xdb_open(shard_path(), TRAWL_XDB_WRITE, &db, NULL), TRAWL_OK);
        CHECK_INT(
            trawl_xdb_set_metadata(db, TRAWL_META_LANGUAGES, lists[i], strlen(lists[i]), NULL),
            TRAWL_OK);
        CHECK_INT(trawl_xdb_commit(db, NULL), TRAWL_OK);
        trawl_xdb_close(db);
        CHECK_STR(search("chanter", 0, 10), want[i]);
    }
    CHECK_INT(trawl_indexer_open(idx, &opts, &ix, &err), TRAWL_OK);
    CHECK_INT(trawl_indexer_remove(ix, "fr.txt", NULL), TRAWL_OK);
    CHECK_INT(trawl_indexer_commit(ix, NULL), TRAWL_OK);
    trawl_indexer_close(ix);
    CHECK_INT(trawl_xdb_open(idx, TRAWL_XDB_READ, &db, NULL), TRAWL_OK);
    CHECK_INT(trawl_xdb_get_metadata(db, TRAWL_META_LANGUAGES, &folded, NULL, NULL), TRAWL_OK);
    CHECK_STR(folded, "en\n"); /* the French passage removed */
    free(folded);
    trawl_xdb_close(db);
}

/* A stem's words are listed per language: another language's stem spelt alike matches none of them.
 */
static void a_stem_s_words_are_listed_per(void)
{
    CHECK_NEEDS(each_commit_lists_the_passages);
    trawl_indexer_options opts = TRAWL_INDEXER_OPTIONS_INIT;
    trawl_xdb *db = NULL;
    char *folded = NULL;
    CHECK_INT(trawl_indexer_open(idx, &opts, &ix, &err), TRAWL_OK);
    ingest(ix, "speech.txt", "= Speeches =\n\nA memorable speech, and memories of it.\n", 1);
    /* Lithuanian stems "memory" to "memor", the English stem of "memorable". */
    ingest(ix, "lt.txt",
           "---\nlang: lt\n---\n= Kalba =\n\nŠi kalba buvo įsimintina visiems klausytojams.\n", 1);
    CHECK_INT(trawl_indexer_commit(ix, NULL), TRAWL_OK);
    trawl_indexer_close(ix);
    CHECK_INT(trawl_xdb_open(idx, TRAWL_XDB_READ, &db, NULL), TRAWL_OK);
    CHECK_INT(trawl_xdb_get_metadata(db, TRAWL_META_STEM "en:memor", &folded, NULL, NULL),
              TRAWL_OK);
    CHECK_STR(folded, "memorable\n");
    free(folded);
    CHECK_INT(trawl_xdb_get_metadata(db, TRAWL_META_STEM "memor", &folded, NULL, NULL), TRAWL_OK);
    CHECK_STR(folded, ""); /* schema 5's key, language-blind */
    free(folded);
    trawl_xdb_close(db);
    CHECK_STR(search("memory", 0, 10), "1: speech.txt#1[memories]");
    CHECK_STR(search("memorable", 0, 10), "1: speech.txt#1[memorable]");
}

/* Stored data that is not a passage's is refused, naming the passage. */
static void stored_data_not_a_passage_s(void)
{
    CHECK_NEEDS(a_stem_s_words_are_listed_per);
    trawl_xdb *db = NULL;
    const char *bad[] = {"{\"id\":\"x\"}", "[1]\ntext", "{\"length\":3}\ntext", "{\"id\"\ntext"};
    const char *why[] = {"no text", "not a JSON object", "the text's length differs",
                         "':' expected near end of file"};
    for (int i = 0; i < 4; i++) {
        trawl_xdoc *xd = NULL;
        trawl_xdocid id = 0;
        CHECK_INT(trawl_xdb_open(shard_path(), TRAWL_XDB_WRITE, &db, NULL), TRAWL_OK);
        CHECK_INT(trawl_xdoc_new(&xd, NULL), TRAWL_OK);
        CHECK_INT(trawl_xdoc_add_posting(xd, "zebra", 5, 1, 1, NULL), TRAWL_OK);
        CHECK_INT(trawl_xdoc_add_boolean_term(xd, "Qzebra", 6, NULL), TRAWL_OK);
        CHECK_INT(trawl_xdoc_set_data(xd, bad[i], strlen(bad[i]), NULL), TRAWL_OK);
        CHECK_INT(trawl_xdb_replace_document(db, "Qzebra", xd, &id, NULL), TRAWL_OK);
        trawl_xdoc_free(xd);
        CHECK_INT(trawl_xdb_commit(db, NULL), TRAWL_OK);
        trawl_xdb_close(db);
        char want[200];
        snprintf(want, sizeof want, "ERROR passage %u: unreadable stored data: %s", id, why[i]);
        CHECK_STR(search("zebra", 0, 10), want);
    }
    CHECK_INT(trawl_xdb_open(shard_path(), TRAWL_XDB_WRITE, &db, NULL), TRAWL_OK);
    CHECK_INT(trawl_xdb_delete_documents(db, "Qzebra", NULL), TRAWL_OK);
    CHECK_INT(trawl_xdb_commit(db, NULL), TRAWL_OK);
    trawl_xdb_close(db);
    CHECK_STR(search("zebra", 0, 10), "0:");
}

/* A folder holding other files is not taken for an index. */
static void a_folder_holding_other_files(void)
{
    char other[600];
    snprintf(other, sizeof other, "%s/other", dir);
    mkdir(other, 0755);
    write_file(other, "notes.txt", "x", 1);
    CHECK_INT(trawl_indexer_open(other, NULL, &ix, &err), TRAWL_ERR_NO_INDEX);
    CHECK(strstr(err.message, "not a Trawl index (it holds 'notes.txt')") != NULL);
    write_file(dir, "afile", "x", 1);
    snprintf(other, sizeof other, "%s/afile", dir);
    CHECK_INT(trawl_indexer_open(other, NULL, &ix, &err), TRAWL_ERR_NO_INDEX);
    CHECK(strstr(err.message, "not a folder") != NULL);
}

/* A folder with only README.md and .gitignore becomes an index. */
static void a_folder_with_only_readme_md(void)
{
    char other[600];
    snprintf(other, sizeof other, "%s/repo-index", dir);
    mkdir(other, 0755);
    write_file(other, "README.md", "schema\n", 7);
    write_file(other, ".gitignore", "*\n", 2);
    CHECK_INT(trawl_indexer_open(other, NULL, &ix, &err), TRAWL_OK);
    CHECK_INT(trawl_indexer_commit(ix, NULL), TRAWL_OK);
    trawl_indexer_close(ix);
    index_dir = other;
    CHECK_STR(search("anything", 0, 10), "0:");
}

/* Highlights: runs of dictionary scripts are skipped when nothing to mark is in them, with the
 * ranges of the whole text's analysis. */
static void highlights_runs_of_dictionary(void)
{
    trawl_analyzer *an = NULL;
    trawl_highlighter *plain = NULL, *whole = NULL;
    CHECK_INT(trawl_analyzer_new("en", &an, NULL), TRAWL_OK);
    CHECK_INT(trawl_highlighter_new(&plain, NULL), TRAWL_OK);
    CHECK_INT(trawl_highlighter_new(&whole, NULL), TRAWL_OK);
    trawl_highlighter *both[] = {plain, whole};
    const char *phrase[] = {"boats", "carry"};
    const size_t phrase_len[] = {5, 5};
    for (int i = 0; i < 2; i++) {
        CHECK_INT(trawl_highlighter_add_word(both[i], "grain", 5), TRAWL_OK);
        CHECK_INT(trawl_highlighter_add_word(both[i], "abc_", 4), TRAWL_OK);
        CHECK_INT(trawl_highlighter_add_prefix(both[i], "riv", 3), TRAWL_OK);
        CHECK_INT(trawl_highlighter_add_phrase(both[i], phrase, phrase_len, 2), TRAWL_OK);
    }
    /* A run of characters found in none of the texts: `whole` analyses every text whole. */
    CHECK_INT(trawl_highlighter_add_chars(whole, "\xe9\xbe\x98\xe9\xbe\x98", 6), TRAWL_OK);
    const char *texts[] = {
        "Boats carry grain along the river.",
        "Boats 重庆 carry grain; boats carry 国际传播中心 grain.",
        "重庆Boats carry grain重庆",
        "東京のriverとカタカナ grain ไทย boats carry ภาษา",
        "abc_カタ grain", /* '_' joins Katakana to the word before it: analysed whole */
        "カタ_abc grain",
        "e\xcc\x81 重\xcc\x81 grain rivers", /* a combining mark after a Han character */
        "中文",
        "重庆国际传播中心成立于2018年。grain 2018年 riverside",
        "ｶﾀｶﾅgrain ﾟ grain カタカナー々 boats carry",
        "",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        char a[512], b[512];
        CHECK_STR(marked(plain, an, texts[i], a, sizeof a),
                  marked(whole, an, texts[i], b, sizeof b));
    }
    char got[512];
    /* The phrase does not span a skipped run. */
    CHECK_STR(marked(plain, an, texts[1], got, sizeof got), "[19,24)[26,37)[57,62)");
    trawl_span *spans = NULL;
    CHECK(trawl_plain_spans(texts[4], strlen(texts[4]), &spans) == -1);
    CHECK(trawl_plain_spans(texts[1], strlen(texts[1]), &spans) == 3);
    CHECK_INT(spans[1].start, 12);
    CHECK_INT(spans[1].end, 38);
    free(spans);
    trawl_highlighter_free(plain);
    trawl_highlighter_free(whole);
    trawl_analyzer_free(an);
}

CHECK_MAIN(setup, NULL, CHECK_CASE(no_index_yet_the_searcher_says),
           CHECK_CASE(indexing_passages_per_document), CHECK_CASE(a_second_writer_is_refused_while),
           CHECK_CASE(words_match_their_stems), CHECK_CASE(phrases_match_exact_words),
           CHECK_CASE(not_and_word_exclude_or_widens), CHECK_CASE(title_and_section_words),
           CHECK_CASE(accents_fold_sao_paulo_finds_s_o), CHECK_CASE(chinese_queries_match_whatever),
           CHECK_CASE(suggestions_of_close_words), CHECK_CASE(prefixes),
           CHECK_CASE(exact_totals_and_paging), CHECK_CASE(hit_fields_id_path_title_section),
           CHECK_CASE(query_errors_come_back), CHECK_CASE(re_indexing_a_document_replaces),
           CHECK_CASE(another_analyser_passage_bound), CHECK_CASE(another_schema_version_refused),
           CHECK_CASE(a_run_that_is_not_committed), CHECK_CASE(the_index_keeps_the_gazetteer_s),
           CHECK_CASE(each_commit_lists_the_passages), CHECK_CASE(a_stem_s_words_are_listed_per),
           CHECK_CASE(stored_data_not_a_passage_s), CHECK_CASE(a_folder_holding_other_files),
           CHECK_CASE(a_folder_with_only_readme_md), CHECK_CASE(highlights_runs_of_dictionary))
