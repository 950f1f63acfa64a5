/* test_query_parser: the query syntax -> tree, its precedence, its error messages, and the
 * relaxed trees of queries nothing matches whole (query/relax.h). */
#include "check.h"
#include "query/query_parser.h"
#include "query/relax.h"

static const char *parsed(const char *q)
{
    static char out[1024];
    trawl_qnode *root = NULL;
    trawl_error err;
    if (trawl_query_parse(q, &root, &err) != TRAWL_OK) {
        snprintf(out, sizeof out, "ERROR %s", err.message);
        return out;
    }
    char *d = trawl_qnode_describe(root);
    snprintf(out, sizeof out, "%s", d ? d : "(null)");
    free(d);
    trawl_qnode_free(root);
    return out;
}

/* Words: all must match. */
static void words_all_must_match(void)
{
    CHECK_STR(parsed("winter"), "word\"winter\"");
    CHECK_STR(parsed("  Winter   Olympics "), "AND(word\"Winter\", word\"Olympics\")");
    CHECK_STR(parsed("a AND b"), "AND(word\"a\", word\"b\")");
}

/* Phrases keep their text; operators inside quotes are words. */
static void phrases_keep_their_text(void)
{
    CHECK_STR(parsed("\"Winter Olympics\" 2022"), "AND(phrase\"Winter Olympics\", word\"2022\")");
    CHECK_STR(parsed("\"a OR NOT b\""), "phrase\"a OR NOT b\"");
}

/* OR binds tighter than AND. */
static void or_binds_tighter(void)
{
    CHECK_STR(parsed("a b OR c"), "AND(word\"a\", OR(word\"b\", word\"c\"))");
    CHECK_STR(parsed("a OR b OR \"c d\""), "OR(word\"a\", word\"b\", phrase\"c d\")");
    CHECK_STR(parsed("a or b"), "AND(word\"a\", word\"or\", word\"b\")");
}

/* NOT and -word exclude; a query of exclusions alone is allowed. */
static void not_and_word_exclude_a_query(void)
{
    CHECK_STR(parsed("a NOT b"), "AND(word\"a\", NOT(word\"b\"))");
    CHECK_STR(parsed("a -b -\"c d\""), "AND(word\"a\", NOT(word\"b\"), NOT(phrase\"c d\"))");
    CHECK_STR(parsed("-b"), "NOT(word\"b\")");
    CHECK_STR(parsed("a NOT (b OR c)"), "AND(word\"a\", NOT(OR(word\"b\", word\"c\")))");
    CHECK_STR(parsed("state-owned"), "word\"state-owned\"");
    CHECK_STR(parsed("a - b"), "AND(word\"a\", word\"-\", word\"b\")");
}

/* Parentheses group. */
static void parentheses_group(void)
{
    CHECK_STR(parsed("(a OR b) (c OR d)"),
              "AND(OR(word\"a\", word\"b\"), OR(word\"c\", word\"d\"))");
    CHECK_STR(parsed("((a))"), "word\"a\"");
}

/* Fields: title:word, title:\"phrase\", section:(group). */
static void fields_title_word_title_phrase(void)
{
    CHECK_STR(parsed("title:center"), "word[title]\"center\"");
    CHECK_STR(parsed("title:\"communication center\""), "phrase[title]\"communication center\"");
    CHECK_STR(parsed("section:(history OR see)"),
              "OR(word[section]\"history\", word[section]\"see\")");
    CHECK_STR(parsed("12:30"), "word\"12:30\"");
}

/* Facet filters keep their value as typed. */
static void facet_filters_keep_their_value(void)
{
    CHECK_STR(parsed("icc:gwicc ports"), "AND(filter[icc]\"gwicc\", word\"ports\")");
    CHECK_STR(parsed("province:\"Inner Mongolia\" OR province:浙江"),
              "OR(filter[province]\"Inner Mongolia\", filter[province]\"浙江\")");
    CHECK_STR(parsed("year:2018..2020 -year:2019"),
              "AND(filter[year]\"2018..2020\", NOT(filter[year]\"2019\"))");
    CHECK_STR(parsed("icc:"), "ERROR query error at column 1: a facet filter needs a value after "
                              "':' (icc:KEY, province:NAME, year:2024, year:2018..2020)");
}

/* Prefixes. */
static void prefixes(void)
{
    CHECK_STR(parsed("chin*"), "prefix\"chin\"");
    CHECK_STR(parsed("title:comm*"), "prefix[title]\"comm\"");
    CHECK_STR(parsed("*"), "word\"*\"");
}

/* Errors name the problem and the column. */
static void errors_name_the_problem(void)
{
    CHECK_STR(parsed("\"Winter Olympics"),
              "ERROR query error at column 1: unbalanced quote: this \" has no closing quote");
    CHECK_STR(parsed("a (b OR c"),
              "ERROR query error at column 3: unbalanced parenthesis: this ( is never closed");
    CHECK_STR(parsed("a b)"),
              "ERROR query error at column 4: unbalanced parenthesis: this ) closes nothing");
    CHECK_STR(parsed("author:smith"),
              "ERROR query error at column 1: unknown field 'author' (fields: title, section, icc, "
              "province, year, lang, kind, published, url, added)");
    CHECK_STR(parsed("a OR"), "ERROR query error at column 5: the query ends where a word, "
                              "phrase or group was expected");
    CHECK_STR(parsed("OR a"), "ERROR query error at column 1: OR and AND need a word, phrase "
                              "or group on both sides");
    CHECK_STR(parsed("a NOT"), "ERROR query error at column 6: the query ends where a word, "
                               "phrase or group was expected");
    CHECK_STR(parsed("a AND"), "ERROR query error at column 6: AND needs a word, phrase or "
                               "group on both sides");
    CHECK_STR(parsed("()"), "ERROR query error at column 1: empty parentheses");
    CHECK_STR(parsed(""), "ERROR empty query");
    CHECK_STR(parsed("   "), "ERROR empty query");
    CHECK_STR(parsed("title:"), "ERROR query error at column 1: a field name needs a word, a "
                                "phrase or a group after ':'");
    CHECK_STR(parsed("title:section:x"), "ERROR query error at column 7: a field inside a field");
}

/* Deep nesting and huge queries are refused, not crashed on. */
static void deep_nesting_and_huge_queries(void)
{
    char deep[512] = "";
    for (int i = 0; i < 150; i++)
        strcat(deep, "(");
    CHECK(strstr(parsed(deep), "nested too deeply") != NULL);
    size_t big = 200000;
    char *huge = malloc(big + 1);
    memset(huge, 'a', big);
    huge[big] = '\0';
    CHECK(strstr(parsed(huge), "query too long") != NULL);
    for (size_t i = 1; i < big; i += 2)
        huge[i] = ' ';
    huge[2048] = '\0'; /* 1,024 words */
    CHECK(strncmp(parsed(huge), "AND(word\"a\", word\"a\"", 20) == 0);
    huge[2048] = 'a'; /* the 1,025th word, at column 2049 */
    huge[2049] = '\0';
    CHECK_STR(parsed(huge),
              "ERROR query error at column 2049: too many words and phrases (at most 1024)");
    free(huge);
}

/* NEAR and ADJ: distance, order, precedence over OR, chains, and their errors with columns;
 * lowercase or misspelt forms are words. */
static void proximity_operators(void)
{
    CHECK_STR(parsed("tibet NEAR launched"), "NEAR[NEAR/10](word\"tibet\", word\"launched\")");
    CHECK_STR(parsed("a NEAR/3 b NEAR/3 c*"), "NEAR[NEAR/3](word\"a\", word\"b\", prefix\"c\")");
    CHECK_STR(parsed("a ADJ b"), "NEAR[ADJ/0](word\"a\", word\"b\")");
    CHECK_STR(parsed("x a ADJ/2 b OR c"),
              "AND(word\"x\", OR(NEAR[ADJ/2](word\"a\", word\"b\"), word\"c\"))");
    CHECK_STR(parsed("title:(a NEAR b)"), "NEAR[NEAR/10](word[title]\"a\", word[title]\"b\")");
    CHECK_STR(parsed("a near b NAER c NEARBY ADJUST"),
              "AND(word\"a\", word\"near\", word\"b\", word\"NAER\", word\"c\", "
              "word\"NEARBY\", word\"ADJUST\")");
    CHECK_STR(parsed("NEAR tibet"),
              "ERROR query error at column 1: NEAR and ADJ need a word on both sides");
    CHECK_STR(parsed("tibet NEAR"),
              "ERROR query error at column 7: NEAR and ADJ need a word on both sides");
    CHECK_STR(parsed("a NEAR/x b"), "ERROR query error at column 3: NEAR/N needs a number of "
                                    "words from 0 to 100, not 'x'");
    CHECK_STR(parsed("a ADJ/101 b"), "ERROR query error at column 3: ADJ/N needs a number of "
                                     "words from 0 to 100, not '101'");
    CHECK_STR(parsed("a NEAR \"b c\""), "ERROR query error at column 8: NEAR and ADJ join "
                                        "words or prefixes, not phrases, groups or filters");
    CHECK_STR(parsed("a NEAR b ADJ c"),
              "ERROR query error at column 10: a chain of NEAR or ADJ must repeat one operator");
}

static const char *relaxed(const char *q, size_t keep)
{
    static char out[1024];
    trawl_qnode *root = NULL, *r = NULL;
    CHECK_INT(trawl_query_parse(q, &root, NULL), TRAWL_OK);
    trawl_error err;
    if (trawl_query_relax(root, keep, &r, &err) != TRAWL_OK) {
        snprintf(out, sizeof out, "ERROR %s", err.message);
    } else {
        char *d = trawl_qnode_describe(r);
        snprintf(out, sizeof out, "%s", d);
        free(d);
    }
    trawl_qnode_free(root);
    trawl_qnode_free(r);
    return out;
}

/* Relaxation: any `keep` of an AND's clauses, its filters and exclusions kept whole. */
static void relaxed_queries(void)
{
    trawl_qnode *root = NULL;
    CHECK_INT(trawl_query_parse("a \"b c\" d OR e -f year:2024", &root, NULL), TRAWL_OK);
    CHECK_INT((int)trawl_query_clauses(root), 3);
    trawl_qnode_free(root);
    CHECK_STR(relaxed("a b c", 2), "AND(OR(AND(word\"a\", word\"b\"), AND(word\"a\", word\"c\"), "
                                   "AND(word\"b\", word\"c\")))");
    CHECK_STR(relaxed("a \"b c\" d OR e -f year:2024", 1),
              "AND(NOT(word\"f\"), filter[year]\"2024\", OR(word\"a\", phrase\"b c\", "
              "OR(word\"d\", word\"e\")))");
    CHECK_STR(relaxed("a b c", 3), "ERROR relaxing 3 clauses to 3");
    CHECK_STR(relaxed("a OR b", 1), "ERROR relaxing 0 clauses to 1");
}

CHECK_MAIN(NULL, NULL, CHECK_CASE(words_all_must_match), CHECK_CASE(phrases_keep_their_text),
           CHECK_CASE(or_binds_tighter), CHECK_CASE(not_and_word_exclude_a_query),
           CHECK_CASE(parentheses_group), CHECK_CASE(fields_title_word_title_phrase),
           CHECK_CASE(facet_filters_keep_their_value), CHECK_CASE(prefixes),
           CHECK_CASE(errors_name_the_problem), CHECK_CASE(deep_nesting_and_huge_queries),
           CHECK_CASE(proximity_operators), CHECK_CASE(relaxed_queries))
