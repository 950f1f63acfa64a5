/* test_xapian_c: the Xapian wrapper: databases, documents, transactions, metadata, queries,
 * enquire, match spies, stubs of several shards, and errors that must come back as statuses,
 * never exceptions. */
#include "support.h"

#include "check.h"
#include "common/buf.h"
#include "xapian-c/xapian_c.h"

static trawl_xdoc *make_doc(const char *words, const char *id, const char *value)
{
    trawl_xdoc *d = NULL;
    CHECK_INT(trawl_xdoc_new(&d, NULL), TRAWL_OK);
    char buf[256];
    snprintf(buf, sizeof buf, "%s", words);
    unsigned pos = 1;
    for (char *w = strtok(buf, " "); w; w = strtok(NULL, " "))
        CHECK_INT(trawl_xdoc_add_posting(d, w, strlen(w), pos++, 1, NULL), TRAWL_OK);
    CHECK_INT(trawl_xdoc_add_boolean_term(d, id, strlen(id), NULL), TRAWL_OK);
    CHECK_INT(trawl_xdoc_set_value(d, 0, value, strlen(value), NULL), TRAWL_OK);
    CHECK_INT(trawl_xdoc_set_data(d, id, strlen(id), NULL), TRAWL_OK);
    return d;
}

static void add(trawl_xdb *db, const char *words, const char *id, const char *value)
{
    trawl_xdoc *d = make_doc(words, id, value);
    CHECK_INT(trawl_xdb_replace_document(db, id, d, NULL, NULL), TRAWL_OK);
    trawl_xdoc_free(d);
}

static void write_stub(const char *dir, const char *name, const char *text)
{
    write_file(dir, name, text, strlen(text));
}

/* Appends "key=value " for each metadata key. */
static int list_meta(void *ctx, const char *key, const char *value, size_t len)
{
    trawl_buf_printf(ctx, "%s=", key);
    trawl_buf_append(ctx, value, len);
    trawl_buf_putc(ctx, ' ');
    return 0;
}

/* Appends "L<path> " or "R<host:port> " for each shard of a stub. */
static int list_shard(void *ctx, int remote, const char *location)
{
    trawl_buf_printf(ctx, "%c%s ", remote ? 'R' : 'L', location);
    return 0;
}

/* Joins the values of a metadata key found in several databases with '+', after "key=". */
static int join_values(void *ctx, const char *key, const char *const *values, const size_t *lens,
                       size_t n, char **merged, size_t *len)
{
    trawl_buf out = TRAWL_BUF_INIT;
    trawl_buf_printf(&out, "%s=", key);
    for (size_t i = 0; i < n; i++) {
        if (i)
            trawl_buf_putc(&out, '+');
        trawl_buf_append(&out, values[i], lens[i]);
    }
    *len = out.len;
    *merged = trawl_buf_detach(&out);
    (*(int *)ctx)++;
    return 0;
}

static trawl_xquery *term(const char *t)
{
    trawl_xquery *q = NULL;
    CHECK_INT(trawl_xquery_term(t, strlen(t), 1, 0, &q, NULL), TRAWL_OK);
    return q;
}

static trawl_xquery *combine2(trawl_xop op, trawl_xquery *a, trawl_xquery *b, unsigned window)
{
    trawl_xquery *subs[2] = {a, b}, *q = NULL;
    CHECK_INT(trawl_xquery_combine(op, subs, 2, window, &q, NULL), TRAWL_OK);
    trawl_xquery_free(a);
    trawl_xquery_free(b);
    return q;
}

/* The data (ids) of results `first` .. `first + max - 1` of `q` (freed here), in rank order,
 * joined by spaces, each result's rank checked; with `tiebreak`, equal weights rank by slot 0. */
static const char *page_ids(trawl_xdb *db, trawl_xquery *q, unsigned first, unsigned max,
                            bool tiebreak)
{
    static char out[512];
    trawl_xenquire *enq = NULL;
    trawl_xmset *ms = NULL;
    out[0] = '\0';
    CHECK_INT(trawl_xenquire_new(db, &enq, NULL), TRAWL_OK);
    CHECK_INT(trawl_xenquire_set_query(enq, q, NULL), TRAWL_OK);
    CHECK_INT(trawl_xenquire_set_bm25(enq, 1.2, 0, 1, 0.75, 0.5, NULL), TRAWL_OK);
    if (tiebreak)
        CHECK_INT(trawl_xenquire_set_tiebreak(enq, 0, NULL), TRAWL_OK);
    CHECK_INT(trawl_xenquire_run(enq, first, max, first + max, &ms, NULL), TRAWL_OK);
    for (size_t i = 0; ms && i < trawl_xmset_size(ms); i++) {
        trawl_xmatch m;
        CHECK_INT(trawl_xmset_item(ms, i, &m, NULL), TRAWL_OK);
        CHECK_INT(m.rank, first + i);
        if (i)
            strcat(out, " ");
        strncat(out, m.data, m.data_len);
    }
    trawl_xmset_free(ms);
    trawl_xenquire_free(enq);
    trawl_xquery_free(q);
    return out;
}

/* The data (ids) of every match, in rank order, joined by spaces. */
static const char *ids(trawl_xdb *db, trawl_xquery *q)
{
    return page_ids(db, q, 0, 100, false);
}

static int list_count(void *ctx, const char *value, size_t len, unsigned count)
{
    char *out = ctx;
    strncat(out, value, len);
    snprintf(out + strlen(out), 16, "=%u ", count);
    return 0;
}

static int list_term(void *ctx, const char *t, size_t len, unsigned freq)
{
    CHECK_INT(freq, 1);
    strncat(ctx, t, len);
    strcat(ctx, " ");
    return 0;
}

static int stop_after_two(void *ctx, const char *t, size_t len, unsigned freq)
{
    list_term(ctx, t, len, freq);
    return strlen(ctx) >= 6;
}

/* Runs the one-term query `word` with a spy on slot 0: the page of `max` results into
 * `*ms_out`, the spy's counts appended to `counted`; returns the page's size. */
static size_t spied_run(trawl_xdb *db, const char *word, unsigned max, char *counted,
                        trawl_xmset **ms_out)
{
    trawl_xspy *spy = NULL;
    trawl_xenquire *enq = NULL;
    trawl_xquery *q = term(word);
    CHECK_INT(trawl_xspy_new(0, &spy, NULL), TRAWL_OK);
    CHECK_INT(trawl_xenquire_new(db, &enq, NULL), TRAWL_OK);
    CHECK_INT(trawl_xenquire_set_query(enq, q, NULL), TRAWL_OK);
    CHECK_INT(trawl_xenquire_add_spy(enq, spy, NULL), TRAWL_OK);
    CHECK_INT(trawl_xenquire_run(enq, 0, max, 100, ms_out, NULL), TRAWL_OK);
    CHECK_INT(trawl_xspy_each(spy, list_count, counted, NULL), TRAWL_OK);
    trawl_xquery_free(q);
    trawl_xenquire_free(enq);
    trawl_xspy_free(spy);
    return trawl_xmset_size(*ms_out);
}

/* Fixtures shared by the cases. */
static const char *dir;
static char path[600];
static trawl_error err;
static trawl_xdb *db = NULL, *other = NULL;

static void setup(void)
{
    dir = make_tmpdir();
    snprintf(path, sizeof path, "%s/db", dir);
}

/* Missing database: NO_INDEX, message names the path. */
static void missing_database_no_index(void)
{
    CHECK_INT(trawl_xdb_open(path, TRAWL_XDB_READ, &db, &err), TRAWL_ERR_NO_INDEX);
    CHECK(db == NULL);
    CHECK(strstr(err.message, path) != NULL);
    CHECK_INT(trawl_xdb_open(path, TRAWL_XDB_WRITE, &db, &err), TRAWL_ERR_NO_INDEX);
}

/* Create, add, replace by unique term, count. */
static void create_add_replace_by_unique(void)
{
    unsigned n = 0;
    CHECK_INT(trawl_xdb_open(path, TRAWL_XDB_CREATE_OR_OPEN, &db, &err), TRAWL_OK);
    add(db, "red apple pie", "Qa", "2018");
    add(db, "green apple tart", "Qb", "2020");
    add(db, "red wine", "Qc", "2024");
    add(db, "red red red wine", "Qc", "2024"); /* replaces Qc */
    n = 0;
    CHECK_INT(trawl_xdb_doccount(db, &n, NULL), TRAWL_OK);
    CHECK_INT(n, 3);
    CHECK_INT(trawl_xdb_termfreq(db, "red", 3, &n, NULL), TRAWL_OK);
    CHECK_INT(n, 2);
}

/* Metadata. */
static void metadata(void)
{
    CHECK_NEEDS(create_add_replace_by_unique);
    char *v = NULL;
    CHECK_INT(trawl_xdb_set_metadata(db, "k", "v1", 2, NULL), TRAWL_OK);
    v = NULL;
    size_t vlen = 0;
    CHECK_INT(trawl_xdb_get_metadata(db, "k", &v, &vlen, NULL), TRAWL_OK);
    CHECK_STR(v, "v1");
    CHECK_INT(vlen, 2);
    free(v);
    CHECK_INT(trawl_xdb_get_metadata(db, "unset", &v, NULL, NULL), TRAWL_OK);
    CHECK_STR(v, "");
    free(v);
    CHECK_INT(trawl_xdb_commit(db, NULL), TRAWL_OK);
}

/* A second writer is refused with LOCKED. */
static void a_second_writer_is_refused(void)
{
    CHECK_NEEDS(metadata);
    CHECK_INT(trawl_xdb_open(path, TRAWL_XDB_WRITE, &other, &err), TRAWL_ERR_LOCKED);
    CHECK(other == NULL);
    CHECK(strlen(err.message) > 0);
}

/* Transactions: cancel undoes, commit keeps. */
static void transactions_cancel_undoes(void)
{
    CHECK_NEEDS(a_second_writer_is_refused);
    unsigned n = 0;
    CHECK_INT(trawl_xdb_begin_transaction(db, 1, NULL), TRAWL_OK);
    add(db, "blue cheese", "Qd", "2019");
    CHECK_INT(trawl_xdb_delete_documents(db, "Qa", NULL), TRAWL_OK);
    CHECK_INT(trawl_xdb_cancel_transaction(db, NULL), TRAWL_OK);
    CHECK_INT(trawl_xdb_termfreq(db, "Qd", 2, &n, NULL), TRAWL_OK);
    CHECK_INT(n, 0);
    CHECK_INT(trawl_xdb_termfreq(db, "Qa", 2, &n, NULL), TRAWL_OK);
    CHECK_INT(n, 1);
    CHECK_INT(trawl_xdb_begin_transaction(db, 0, NULL), TRAWL_OK);
    add(db, "blue cheese", "Qd", "2019");
    CHECK_INT(trawl_xdb_commit_transaction(db, NULL), TRAWL_OK);
    CHECK_INT(trawl_xdb_commit_transaction(db, &err), TRAWL_ERR_XAPIAN); /* none open */
    CHECK(strstr(err.message, "transaction") != NULL);
    CHECK_INT(trawl_xdb_commit(db, NULL), TRAWL_OK);
}

static trawl_xdb *rd; /* made by a_reader_sees_committed */
/* A reader sees committed documents; writes on it fail cleanly. */
static void a_reader_sees_committed(void)
{
    CHECK_NEEDS(transactions_cancel_undoes);
    unsigned n = 0;
    rd = NULL;
    CHECK_INT(trawl_xdb_open(path, TRAWL_XDB_READ, &rd, NULL), TRAWL_OK);
    CHECK_INT(trawl_xdb_doccount(rd, &n, NULL), TRAWL_OK);
    CHECK_INT(n, 4);
    CHECK_INT(trawl_xdb_set_metadata(rd, "k", "x", 1, &err), TRAWL_ERR_XAPIAN);
    CHECK(strstr(trawl_xdb_last_error(rd), "read-only") != NULL);
}

/* Term, AND, OR, AND_NOT, FILTER, AND_MAYBE, SYNONYM. */
static void term_and_or_and_not_filter(void)
{
    CHECK_NEEDS(a_reader_sees_committed);
    CHECK_STR(ids(rd, term("apple")), "Qa Qb");
    CHECK_STR(ids(rd, combine2(TRAWL_XOP_AND, term("red"), term("apple"), 0)), "Qa");
    CHECK_STR(ids(rd, combine2(TRAWL_XOP_OR, term("cheese"), term("pie"), 0)), "Qd Qa");
    CHECK_STR(ids(rd, combine2(TRAWL_XOP_AND_NOT, term("red"), term("wine"), 0)), "Qa");
    CHECK_STR(ids(rd, combine2(TRAWL_XOP_FILTER, term("apple"), term("Qb"), 0)), "Qb");
    CHECK_STR(ids(rd, combine2(TRAWL_XOP_AND_MAYBE, term("wine"), term("apple"), 0)), "Qc");
    CHECK_STR(ids(rd, combine2(TRAWL_XOP_SYNONYM, term("tart"), term("pie"), 0)), "Qa Qb");
}

/* Phrase and near with windows. */
static void phrase_and_near_with_windows(void)
{
    CHECK_NEEDS(a_reader_sees_committed);
    CHECK_STR(ids(rd, combine2(TRAWL_XOP_PHRASE, term("apple"), term("pie"), 2)), "Qa");
    CHECK_STR(ids(rd, combine2(TRAWL_XOP_PHRASE, term("pie"), term("apple"), 2)), "");
    CHECK_STR(ids(rd, combine2(TRAWL_XOP_NEAR, term("pie"), term("apple"), 2)), "Qa");
    CHECK_STR(ids(rd, combine2(TRAWL_XOP_NEAR, term("red"), term("pie"), 2)), "");
    CHECK_STR(ids(rd, combine2(TRAWL_XOP_NEAR, term("red"), term("pie"), 3)), "Qa");
}

/* A query reads positions when a PHRASE or NEAR is anywhere in it, however deep. */
static void positional_queries_are_told(void)
{
    trawl_xquery *q = term("apple");
    CHECK(!trawl_xquery_positional(q));
    trawl_xquery_free(q);
    q = combine2(TRAWL_XOP_AND, term("red"), term("apple"), 0);
    CHECK(!trawl_xquery_positional(q));
    trawl_xquery_free(q);
    q = combine2(TRAWL_XOP_NEAR, term("red"), term("pie"), 3);
    CHECK(trawl_xquery_positional(q));
    trawl_xquery_free(q);
    trawl_xquery *scaled = NULL;
    trawl_xquery *phrase = combine2(TRAWL_XOP_PHRASE, term("apple"), term("pie"), 2);
    CHECK_INT(trawl_xquery_scale(phrase, 0.25, &scaled, NULL), TRAWL_OK);
    trawl_xquery_free(phrase);
    q = combine2(TRAWL_XOP_OR, term("cheese"), scaled, 0);
    CHECK(trawl_xquery_positional(q));
    trawl_xquery_free(q);
    CHECK(!trawl_xquery_positional(NULL));
}

/* The ids of results `first` .. `first + max - 1` of term `word` in `db`, equal weights in
 * ascending order of slot 0. */
static const char *tiebroken(trawl_xdb *db, const char *word, unsigned first, unsigned max)
{
    return page_ids(db, term(word), first, max, true);
}

/* Equal weights rank by the tiebreak slot, then by document id, on every page: pages whose
 * edges cut through a run of equal weights, and pages that hold whole runs. */
static void ties_rank_by_the_tiebreak_on_every_page(void)
{
    char path_ties[600];
    snprintf(path_ties, sizeof path_ties, "%s/ties", dir);
    trawl_xdb *tdb = NULL;
    CHECK_INT(trawl_xdb_open(path_ties, TRAWL_XDB_CREATE_OR_OPEN, &tdb, NULL), TRAWL_OK);
    /* Three weights (w twice in 3 words; once in 3; once in 5), three documents each, added
     * against the order of their values. */
    const char *docs[][3] = {
        {"w w x", "QH1", "c"},     {"w w x", "QH2", "a"},     {"w w x", "QH3", "b"},
        {"w x y", "QM1", "z"},     {"w x y", "QM2", "y"},     {"w x y", "QM3", "x"},
        {"w x y z u", "QL1", "b"}, {"w x y z u", "QL2", "a"}, {"w x y z u", "QL3", "a"}};
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++)
        add(tdb, docs[i][0], docs[i][1], docs[i][2]);
    CHECK_INT(trawl_xdb_commit(tdb, NULL), TRAWL_OK);
    CHECK_STR(tiebroken(tdb, "w", 0, 100), "QH2 QH3 QH1 QM3 QM2 QM1 QL2 QL3 QL1");
    CHECK_STR(tiebroken(tdb, "w", 0, 3), "QH2 QH3 QH1");  /* a whole run */
    CHECK_STR(tiebroken(tdb, "w", 0, 2), "QH2 QH3");      /* the end cuts a run */
    CHECK_STR(tiebroken(tdb, "w", 3, 3), "QM3 QM2 QM1");  /* a whole run, after a page */
    CHECK_STR(tiebroken(tdb, "w", 4, 3), "QM2 QM1 QL2");  /* the start cuts a run */
    CHECK_STR(tiebroken(tdb, "w", 6, 10), "QL2 QL3 QL1"); /* equal values: by id */
    CHECK_STR(tiebroken(tdb, "w", 9, 10), "");
    trawl_xdb_close(tdb);
}

/* Value range, wildcard, scale, match all and nothing. */
static void value_range_wildcard_scale_match(void)
{
    CHECK_NEEDS(a_reader_sees_committed);
    trawl_xquery *q = NULL;
    trawl_xquery *t = NULL;
    q = NULL;
    CHECK_INT(trawl_xquery_value_range(0, "2019", 4, "2020", 4, &q, NULL), TRAWL_OK);
    CHECK_STR(ids(rd, q), "Qb Qd");
    CHECK_INT(trawl_xquery_wildcard("app", 3, 10, &q, NULL), TRAWL_OK);
    CHECK_STR(ids(rd, q), "Qa Qb");
    t = term("cheese");
    CHECK_INT(trawl_xquery_scale(t, 2.0, &q, NULL), TRAWL_OK);
    char *desc = trawl_xquery_describe(q);
    CHECK(desc && strstr(desc, "2 * cheese") != NULL);
    free(desc);
    trawl_xquery_free(t);
    CHECK_STR(ids(rd, q), "Qd");
    CHECK_INT(trawl_xquery_match_all(&q, NULL), TRAWL_OK);
    CHECK_STR(ids(rd, q), "Qa Qb Qc Qd");
    CHECK_INT(trawl_xquery_match_nothing(&q, NULL), TRAWL_OK);
    CHECK_STR(ids(rd, q), "");
}

/* Stored data, values, positions. */
static void stored_data_values_positions(void)
{
    CHECK_NEEDS(a_reader_sees_committed);
    char *data = NULL;
    CHECK_INT(trawl_xdb_get_data(rd, 1, &data, NULL, NULL), TRAWL_OK);
    CHECK_STR(data, "Qa");
    free(data);
    CHECK_INT(trawl_xdb_get_value(rd, 2, 0, &data, NULL, NULL), TRAWL_OK);
    CHECK_STR(data, "2020");
    free(data);
    unsigned *pos = NULL;
    size_t npos = 0;
    CHECK_INT(trawl_xdb_positions(rd, 3, "red", 3, &pos, &npos, NULL), TRAWL_OK);
    CHECK_INT(npos, 3);
    CHECK(pos && pos[0] == 1 && pos[2] == 3);
    free(pos);
    CHECK_INT(trawl_xdb_get_data(rd, 999, &data, NULL, &err), TRAWL_ERR_XAPIAN);
    CHECK(strstr(err.message, "999") != NULL);
}

/* Each_term lists a prefix in order and stops on request. */
static void each_term_lists_a_prefix(void)
{
    CHECK_NEEDS(a_reader_sees_committed);
    char listed[64] = "";
    CHECK_INT(trawl_xdb_each_term(rd, "Q", list_term, listed, NULL), TRAWL_OK);
    CHECK_STR(listed, "Qa Qb Qc Qd ");
    listed[0] = '\0';
    CHECK_INT(trawl_xdb_each_term(rd, "Q", stop_after_two, listed, NULL), TRAWL_OK);
    CHECK_STR(listed, "Qa Qb ");
}

/* The match spy counts the values of every match. */
static void the_match_spy_counts_the_values(void)
{
    CHECK_NEEDS(a_reader_sees_committed);
    trawl_xmset *ms = NULL;
    char counted[256] = "";
    unsigned lo, est, hi;
    CHECK_INT(spied_run(rd, "red", 1, counted, &ms), 1);
    CHECK_STR(counted, "2018=1 2024=1 ");
    trawl_xmset_counts(ms, &lo, &est, &hi);
    CHECK_INT(lo, 2);
    CHECK_INT(est, 2);
    CHECK_INT(hi, 2);
    trawl_xmset_free(ms);
}

/* A run that may skip estimates its total; count is exact. */
static void a_run_that_may_skip_estimates(void)
{
    trawl_xenquire *enq = NULL;
    trawl_xmset *ms = NULL;
    unsigned lo, est, hi;
    char many[600];
    snprintf(many, sizeof many, "%s/many", dir);
    trawl_xdb *mdb = NULL;
    CHECK_INT(trawl_xdb_open(many, TRAWL_XDB_CREATE_OR_OPEN, &mdb, NULL), TRAWL_OK);
    for (int i = 0; i < 600; i++) {
        char words[32], id[16];
        snprintf(words, sizeof words, "%s %s x", i % 3 ? "a" : "three", i % 5 ? "b" : "five");
        snprintf(id, sizeof id, "Q%d", i);
        add(mdb, words, id, "");
    }
    CHECK_INT(trawl_xdb_commit(mdb, NULL), TRAWL_OK);
    CHECK_INT(trawl_xenquire_new(mdb, &enq, NULL), TRAWL_OK);
    trawl_xquery *either = combine2(TRAWL_XOP_OR, term("three"), term("five"), 0);
    CHECK_INT(trawl_xenquire_set_query(enq, either, NULL), TRAWL_OK);
    CHECK_INT(trawl_xenquire_run(enq, 0, 1, 1, &ms, NULL), TRAWL_OK);
    trawl_xmset_counts(ms, &lo, &est, &hi);
    CHECK(lo < hi); /* the run stopped early: bounds, not a count */
    trawl_xmset_free(ms);
    unsigned counted_all = 0;
    CHECK_INT(trawl_xenquire_count(enq, &counted_all, NULL), TRAWL_OK);
    CHECK_INT(counted_all, 280); /* 200 multiples of 3, 120 of 5, less 40 of 15 */
    trawl_xenquire_free(enq);
    trawl_xquery_free(either);
    trawl_xdb_close(mdb);
}

/* Compaction merges databases; a key in several gets the merge of its values. */
static void compaction_merges_databases(void)
{
    CHECK_NEEDS(a_reader_sees_committed);
    unsigned n = 0;
    char *v = NULL;
    int merges = 0;
    char part2[600], merged[600];
    snprintf(part2, sizeof part2, "%s/part2", dir);
    snprintf(merged, sizeof merged, "%s/merged", dir);
    trawl_xdb *p2 = NULL;
    CHECK_INT(trawl_xdb_open(part2, TRAWL_XDB_CREATE_OR_OPEN, &p2, NULL), TRAWL_OK);
    add(p2, "blue whale", "Qz", "");
    CHECK_INT(trawl_xdb_set_metadata(p2, "k", "v2", 2, NULL), TRAWL_OK);
    CHECK_INT(trawl_xdb_set_metadata(p2, "only2", "x", 1, NULL), TRAWL_OK);
    CHECK_INT(trawl_xdb_commit(p2, NULL), TRAWL_OK);
    trawl_xdb_close(p2);
    const char *parts[2] = {path, part2};
    merges = 0;
    CHECK_INT(trawl_xdb_compact(parts, 2, merged, join_values, &merges, NULL), TRAWL_OK);
    CHECK_INT(merges, 1);
    CHECK_INT(trawl_xdb_open(merged, TRAWL_XDB_READ, &p2, NULL), TRAWL_OK);
    CHECK_INT(trawl_xdb_doccount(p2, &n, NULL), TRAWL_OK);
    CHECK_INT(n, 5);
    CHECK_INT(trawl_xdb_get_metadata(p2, "k", &v, NULL, NULL), TRAWL_OK);
    CHECK_STR(v, "k=v1+v2"); /* the key's name, then the values in source order */
    free(v);
    CHECK_INT(trawl_xdb_get_metadata(p2, "only2", &v, NULL, NULL), TRAWL_OK);
    CHECK_STR(v, "x");
    free(v);
    trawl_xdb_close(p2);
}

/* Bad query arguments are statuses. */
static void bad_query_arguments_are_statuses(void)
{
    trawl_xquery *q = NULL;
    trawl_xquery *t = NULL;
    CHECK_INT(trawl_xquery_combine(TRAWL_XOP_AND, NULL, 0, 0, &q, &err), TRAWL_ERR_ARG);
    trawl_xquery *nul[2] = {NULL, NULL};
    CHECK_INT(trawl_xquery_combine(TRAWL_XOP_OR, nul, 2, 0, &q, &err), TRAWL_ERR_ARG);
    CHECK_INT(trawl_xquery_term("", 0, 1, 0, &q, &err), TRAWL_ERR_ARG);
    t = term("x");
    CHECK_INT(trawl_xquery_scale(t, -1.0, &q, &err), TRAWL_ERR_ARG);
    CHECK(q == NULL);
    trawl_xquery_free(t);
    CHECK_INT(trawl_xquery_combine((trawl_xop)99, nul, 2, 0, &q, &err), TRAWL_ERR_ARG);
}

/* A wildcard over its limit fails at search time, cleanly. */
static void a_wildcard_over_its_limit_fails(void)
{
    CHECK_NEEDS(a_reader_sees_committed);
    trawl_xquery *q = NULL;
    trawl_xenquire *enq = NULL;
    trawl_xmset *ms = NULL;
    CHECK_INT(trawl_xquery_wildcard("", 0, 2, &q, NULL), TRAWL_OK);
    CHECK_INT(trawl_xenquire_new(rd, &enq, NULL), TRAWL_OK);
    CHECK_INT(trawl_xenquire_set_query(enq, q, NULL), TRAWL_OK);
    CHECK_INT(trawl_xenquire_run(enq, 0, 10, 10, &ms, &err), TRAWL_ERR_QUERY_SYNTAX);
    CHECK(ms == NULL);
    CHECK(strlen(trawl_xenquire_last_error(enq)) > 0);
    trawl_xenquire_free(enq);
    trawl_xquery_free(q);
}

/* A corrupt database folder is an error, not a crash. */
static void a_corrupt_database_folder(void)
{
    char bad[600];
    snprintf(bad, sizeof bad, "%s/corrupt", dir);
    mkdir(bad, 0755);
    write_file(bad, "iamglass", "garbage garbage garbage", 23);
    write_file(bad, "postlist.glass", "\x01\x02\x03", 3);
    trawl_status st = trawl_xdb_open(bad, TRAWL_XDB_READ, &other, &err);
    CHECK(st == TRAWL_ERR_CORRUPT || st == TRAWL_ERR_VERSION || st == TRAWL_ERR_NO_INDEX);
    CHECK(other == NULL);
    CHECK(strstr(err.message, bad) != NULL);
    st = trawl_xdb_open(bad, TRAWL_XDB_CREATE_OR_OPEN, &other, &err);
    CHECK(st != TRAWL_OK);
    CHECK(other == NULL);
}

/* A stub of three shards: searched as one, metadata merged, values per shard. */
static void a_stub_of_three_shards_searched(void)
{
    unsigned n = 0;
    char *v = NULL;
    trawl_xmset *ms = NULL;
    char counted[256] = "";
    int merges = 0;
    trawl_xdb *set = NULL;
    char shard_path[700], stub[700];
    const char *shard_words[3][2] = {
        {"red fox", "red hen"}, {"red ant", "blue jay"}, {"red owl", "grey cat"}};
    for (int k = 0; k < 3; k++) {
        trawl_xdb *w = NULL;
        char id[8], meta[16];
        snprintf(shard_path, sizeof shard_path, "%s/s%d", dir, k);
        CHECK_INT(trawl_xdb_open(shard_path, TRAWL_XDB_CREATE_OR_OPEN, &w, NULL), TRAWL_OK);
        for (int d = 0; d < 2; d++) {
            snprintf(id, sizeof id, "Q%d%d", k, d);
            add(w, shard_words[k][d], id, d ? "odd" : "even");
        }
        snprintf(meta, sizeof meta, "v%d", 2 - k);
        CHECK_INT(trawl_xdb_set_metadata(w, "shared", meta, strlen(meta), NULL), TRAWL_OK);
        snprintf(meta, sizeof meta, "own%d", k);
        CHECK_INT(trawl_xdb_set_metadata(w, meta, "x", 1, NULL), TRAWL_OK);
        CHECK_INT(trawl_xdb_set_metadata(w, "part", meta, strlen(meta), NULL), TRAWL_OK);
        CHECK_INT(trawl_xdb_commit(w, NULL), TRAWL_OK);
        trawl_xdb_close(w);
    }
    snprintf(stub, sizeof stub, "%s/set.stub", dir);
    write_stub(dir, "set.stub", "# three shards\nauto s0\n\nglass s1\nauto s2\n");
    set = NULL;
    merges = 0;
    trawl_xdb_read_options joined = TRAWL_XDB_READ_OPTIONS_INIT;
    joined.merge = join_values;
    joined.merge_ctx = &merges;
    CHECK_INT(trawl_xdb_open_read(stub, &joined, &set, &err), TRAWL_OK);
    CHECK_INT(trawl_xdb_shard_count(set), 3);
    CHECK(trawl_xdb_shard_missing(set, 1) == NULL);
    CHECK(trawl_xdb_shard_missing(set, 3) == NULL); /* past the last: no exception leaks */
    CHECK_INT(trawl_xdb_doccount(set, &n, NULL), TRAWL_OK);
    CHECK_INT(n, 6);
    CHECK_INT(trawl_xdb_termfreq(set, "red", 3, &n, NULL), TRAWL_OK);
    CHECK_INT(n, 4);
    /* The caller's rule gets every shard's value, in shard order, "" where unset. */
    CHECK_INT(trawl_xdb_get_metadata(set, "shared", &v, NULL, NULL), TRAWL_OK);
    CHECK_STR(v, "shared=v2+v1+v0");
    free(v);
    CHECK_INT(trawl_xdb_get_metadata(set, "own2", &v, NULL, NULL), TRAWL_OK);
    CHECK_STR(v, "own2=++x");
    free(v);
    trawl_buf keys = TRAWL_BUF_INIT;
    /* Every shard's keys, not only the first shard's as Xapian lists them. */
    CHECK_INT(trawl_xdb_each_metadata(set, "own", list_meta, &keys, NULL), TRAWL_OK);
    CHECK_STR(trawl_buf_str(&keys), "own0=own0=x++ own1=own1=+x+ own2=own2=++x ");
    CHECK_INT(merges, 5);
    trawl_buf_reset(&keys);
    CHECK_INT(trawl_xdb_each_metadata_value(set, "part", list_meta, &keys, NULL), TRAWL_OK);
    CHECK_STR(trawl_buf_str(&keys), "part=own0 part=own1 part=own2 ");
    trawl_buf_free(&keys);
    trawl_xdb_close(set);
    /* Without a rule the wrapper decides nothing: values that differ are an error. */
    CHECK_INT(trawl_xdb_open(stub, TRAWL_XDB_READ, &set, &err), TRAWL_OK);
    v = NULL;
    CHECK_INT(trawl_xdb_get_metadata(set, "shared", &v, NULL, &err), TRAWL_ERR_ARG);
    CHECK(v == NULL);
    CHECK(strstr(err.message, "metadata shared differs between shards") != NULL);
    CHECK_INT(trawl_xdb_each_metadata(set, "own", list_meta, &keys, &err), TRAWL_ERR_ARG);
    CHECK_INT(trawl_xdb_get_metadata(set, "unset", &v, NULL, NULL), TRAWL_OK);
    CHECK_STR(v, ""); /* equal everywhere */
    free(v);
    trawl_buf_free(&keys);
    CHECK_INT(spied_run(set, "red", 10, counted, &ms), 4);
    CHECK_STR(counted, "even=3 odd=1 "); /* counted in every shard, merged */
    trawl_xmset_free(ms);
    trawl_xdb_close(set);
}

/* A shard that cannot open: an error naming it, or left out with allow_partial. */
static void a_shard_that_cannot_open(void)
{
    CHECK_NEEDS(a_stub_of_three_shards_searched);
    unsigned n = 0;
    trawl_xdb *set = NULL;
    char shard_path[700], stub[700];
    write_stub(dir, "gap.stub", "auto s0\nauto nowhere\nauto s2\n");
    snprintf(stub, sizeof stub, "%s/gap.stub", dir);
    CHECK_INT(trawl_xdb_open(stub, TRAWL_XDB_READ, &set, &err), TRAWL_ERR_SHARD);
    CHECK(strstr(err.message, "shard 2 of 3 (auto ") != NULL);
    CHECK(strstr(err.message, "/nowhere)") != NULL);
    trawl_xdb_read_options partial = TRAWL_XDB_READ_OPTIONS_INIT;
    partial.allow_partial = 1;
    CHECK_INT(trawl_xdb_open_read(stub, &partial, &set, &err), TRAWL_OK);
    CHECK(trawl_xdb_shard_missing(set, 0) == NULL);
    CHECK(strstr(trawl_xdb_shard_missing(set, 1), "shard 2 of 3") != NULL);
    CHECK_INT(trawl_xdb_doccount(set, &n, NULL), TRAWL_OK);
    CHECK_INT(n, 4);
    trawl_xdb_close(set);
    write_stub(dir, "none.stub", "auto nowhere\n");
    snprintf(stub, sizeof stub, "%s/none.stub", dir);
    CHECK(trawl_xdb_open_read(stub, &partial, &set, &err) != TRAWL_OK);
    CHECK(strstr(err.message, "no shard") != NULL);
    write_stub(dir, "bad.stub", "auto s0\nremote tcp host 1\n");
    snprintf(stub, sizeof stub, "%s/bad.stub", dir);
    CHECK_INT(trawl_xdb_open(stub, TRAWL_XDB_READ, &set, &err), TRAWL_ERR_NO_INDEX);
    CHECK(strstr(err.message, "bad.stub:2: not a shard line") != NULL);
    write_stub(dir, "list.stub", "auto s0\nremote 10.0.0.9:33333\n");
    snprintf(stub, sizeof stub, "%s/list.stub", dir);
    trawl_buf listed2 = TRAWL_BUF_INIT;
    CHECK_INT(trawl_xdb_stub_shards(stub, list_shard, &listed2, NULL), TRAWL_OK);
    snprintf(shard_path, sizeof shard_path, "L%s/s0 R10.0.0.9:33333 ", dir);
    CHECK_STR(trawl_buf_str(&listed2), shard_path);
    trawl_buf_free(&listed2);
    CHECK_INT(trawl_xdb_stub_shards(path, list_shard, &listed2, &err), TRAWL_ERR_NO_INDEX);
}

/* Close accepts NULL; the version is known. */
static void close_accepts_null_the_version(void)
{
    trawl_xdb_close(NULL);
    trawl_xdoc_free(NULL);
    trawl_xquery_free(NULL);
    trawl_xmset_free(NULL);
    CHECK(strlen(trawl_xapian_version()) > 0);
}

static void teardown(void)
{
    CHECK_NEEDS(a_reader_sees_committed);
    trawl_xdb_close(rd);
    trawl_xdb_close(db);
}

CHECK_MAIN(setup, teardown, CHECK_CASE(missing_database_no_index),
           CHECK_CASE(create_add_replace_by_unique), CHECK_CASE(metadata),
           CHECK_CASE(a_second_writer_is_refused), CHECK_CASE(transactions_cancel_undoes),
           CHECK_CASE(a_reader_sees_committed), CHECK_CASE(term_and_or_and_not_filter),
           CHECK_CASE(phrase_and_near_with_windows), CHECK_CASE(positional_queries_are_told),
           CHECK_CASE(ties_rank_by_the_tiebreak_on_every_page),
           CHECK_CASE(value_range_wildcard_scale_match), CHECK_CASE(stored_data_values_positions),
           CHECK_CASE(each_term_lists_a_prefix), CHECK_CASE(the_match_spy_counts_the_values),
           CHECK_CASE(a_run_that_may_skip_estimates), CHECK_CASE(compaction_merges_databases),
           CHECK_CASE(bad_query_arguments_are_statuses),
           CHECK_CASE(a_wildcard_over_its_limit_fails), CHECK_CASE(a_corrupt_database_folder),
           CHECK_CASE(a_stub_of_three_shards_searched), CHECK_CASE(a_shard_that_cannot_open),
           CHECK_CASE(close_accepts_null_the_version))
