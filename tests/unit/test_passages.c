/* test_passages: paragraphs become passages; short ones of a section are joined up to half the
 * bound; long ones split at sentence boundaries into balanced passages within the bound;
 * offsets stay exact; nothing is lost. */
#include "check.h"
#include "index/passages.h"
#include "readers/reader.h"

typedef struct got {
    const char *source;
    size_t n;
    size_t maxlen;
    char joined[8192]; /* passages' texts joined by '|' */
    int offsets_ok;
    unsigned last_ordinal;
} got;

static int on_passage(void *ctx, const trawl_passage *p)
{
    got *g = ctx;
    g->n++;
    if (p->len > g->maxlen)
        g->maxlen = p->len;
    /* The offset is where the passage's (first block's) text starts in the source. */
    size_t first = strcspn(p->text, "\n");
    if (first > p->len)
        first = p->len;
    if (memcmp(g->source + p->offset, p->text, first) != 0)
        g->offsets_ok = 0;
    if (p->ordinal != g->last_ordinal + 1)
        g->offsets_ok = 0;
    g->last_ordinal = p->ordinal;
    if (g->joined[0])
        strcat(g->joined, "|");
    strncat(g->joined, p->text, p->len);
    return 0;
}

static got split(const char *source, size_t max)
{
    got g;
    memset(&g, 0, sizeof g);
    g.source = source;
    g.offsets_ok = 1;
    size_t len = strlen(source);
    char *data = malloc(len + 1);
    memcpy(data, source, len + 1);
    trawl_document *doc = NULL;
    trawl_read_info info;
    trawl_breaks *s = NULL;
    CHECK_INT(trawl_parse_document("t.txt", NULL, &data, &len, &doc, &info, NULL), TRAWL_OK);
    CHECK_INT(trawl_breaks_new(TRAWL_BREAK_SENTENCES, &s, NULL), TRAWL_OK);
    CHECK_INT(trawl_split_passages(doc, s, max, on_passage, &g, NULL), TRAWL_OK);
    trawl_breaks_free(s);
    trawl_document_free(doc);
    free(data);
    return g;
}

/* Short paragraphs and list items of a section are joined by newlines. */
static void short_paragraphs_and_list_items(void)
{
    got g;
    g = split("= T =\n\nOne. Two.\n\n- item\n\nThree.\n", 100);
    CHECK_INT(g.n, 1);
    CHECK_STR(g.joined, "One. Two.\nitem\nThree.");
    CHECK(g.offsets_ok);
}

/* Joining stops once a passage reaches half the bound. */
static void joining_stops_once_a_passage(void)
{
    got g;
    /* Four paragraphs of 30 bytes, bound 100: 30 < 50 takes the second (61 bytes), which
     * is enough; the third starts a passage. */
    g = split("= T =\n\naaaaaaaaaaaaaaaaaaaaaaaaaaaaa1\n\naaaaaaaaaaaaaaaaaaaaaaaaaaaaa2\n\n"
              "aaaaaaaaaaaaaaaaaaaaaaaaaaaaa3\n\naaaaaaaaaaaaaaaaaaaaaaaaaaaaa4\n",
              100);
    CHECK_INT(g.n, 2);
    CHECK_INT(g.maxlen, 61);
    CHECK_STR(g.joined, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaa1\naaaaaaaaaaaaaaaaaaaaaaaaaaaaa2|"
                        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaa3\naaaaaaaaaaaaaaaaaaaaaaaaaaaaa4");
    CHECK(g.offsets_ok);
}

/* Blocks are not joined across sections nor past the bound. */
static void blocks_are_not_joined_across(void)
{
    got g;
    g = split("= T =\n\nOne.\n\n== S ==\n\nTwo.\n", 100);
    CHECK_STR(g.joined, "One.|Two.");
    g = split(
        "= T =\n\nshort one here\n\nThis paragraph is long enough that with the short one it would "
        "pass the bound of the test.\n",
        100);
    CHECK_STR(g.joined,
              "short one here|This paragraph is long enough that with the short one it would "
              "pass the bound of the test.");
    CHECK(g.offsets_ok);
}

/* A section of one paragraph of ten sentences of 31 bytes (static storage). */
static const char *long_paragraph(void)
{
    static char para[1024];
    strcpy(para, "= T =\n\n");
    for (int i = 0; i < 10; i++)
        strcat(para, "This sentence has 31 bytes ok. ");
    strcat(para, "\n");
    return para;
}

/* A long paragraph splits at sentence ends into balanced passages within the bound. */
static void a_long_paragraph_splits(void)
{
    /* 10 sentences of 31 bytes (with their space): 309 bytes, bound 130 -> 3 passages of
     * 3, 3 and 4 sentences (greedy filling would give 4, 4, 2). */
    got g = split(long_paragraph(), 130);
    CHECK_INT(g.n, 3);
    CHECK_INT(g.maxlen, 123);
    CHECK(g.offsets_ok);
    /* Each passage ends at a sentence end. */
    CHECK(strstr(g.joined, "ok.|This") != NULL);
    CHECK(strstr(g.joined, "ok This") == NULL);
}

/* Nothing is lost: the passages rejoined are the paragraph. */
static void nothing_is_lost_the_passages(void)
{
    const char *para = long_paragraph();
    got g = split(para, 130);
    char rejoined[1024];
    size_t k = 0;
    for (const char *p = g.joined; *p && k + 1 < sizeof rejoined; p++)
        rejoined[k++] = *p == '|' ? ' ' : *p;
    rejoined[k] = '\0';
    char expect[1024];
    snprintf(expect, sizeof expect, "%.*s", (int)(strlen(para) - 7 - 2), para + 7);
    CHECK_STR(rejoined, expect);
}

/* One sentence longer than the bound is cut at spaces. */
static void one_sentence_longer(void)
{
    got g;
    char run[2048] = "= T =\n\n";
    for (int i = 0; i < 60; i++)
        strcat(run, "word ");
    strcat(run, "end\n");
    g = split(run, 100);
    CHECK(g.maxlen <= 100);
    CHECK_INT(g.n, 4);
    CHECK(strstr(g.joined, "wor|d") == NULL);
    CHECK(g.offsets_ok);
}

/* Text without any space is cut at character boundaries. */
static void text_without_any_space_is_cut(void)
{
    got g;
    char cjk[4096] = "= T =\n\n";
    for (int i = 0; i < 100; i++)
        strcat(cjk, "中"); /* 300 bytes, no sentence end */
    strcat(cjk, "\n");
    g = split(cjk, 100);
    CHECK(g.maxlen <= 100);
    CHECK_INT(g.n, 4);
    CHECK(g.offsets_ok);
}

/* No stray fragment: a sentence a little longer than the bound becomes two passages of about
 * half of it (600 bytes, one of 610: two of 300 or so, not 600 and a word), in Latin script and
 * in Chinese; every part of a longer one is near the same length. */
static void no_orphan_fragments(void)
{
    char text[4096] = "= T =\n\n";
    for (int i = 0; i < 61; i++)
        strcat(text, "abcdefghi "); /* 610 bytes, one sentence */
    strcat(text, "\n");
    got g = split(text, 600);
    CHECK_INT(g.n, 2);
    CHECK(strlen(strchr(g.joined, '|') + 1) >= 290 && strchr(g.joined, '|') - g.joined >= 290);
    char cjk[4096] = "= T =\n\n";
    for (int i = 0; i < 210; i++)
        strcat(cjk, "国"); /* 630 bytes, no space, no sentence end */
    strcat(cjk, "\n");
    g = split(cjk, 600);
    CHECK_INT(g.n, 2);
    CHECK(g.maxlen <= 330);
    CHECK(g.offsets_ok);
    char longer[8192] = "= T =\n\n";
    for (int i = 0; i < 250; i++)
        strcat(longer, "word "); /* 1,250 bytes: three parts of about 417 */
    strcat(longer, "\n");
    g = split(longer, 600);
    CHECK_INT(g.n, 3);
    CHECK(g.maxlen <= 430);
    CHECK(strstr(g.joined, "wor|d") == NULL);
}

CHECK_MAIN(NULL, NULL, CHECK_CASE(short_paragraphs_and_list_items),
           CHECK_CASE(joining_stops_once_a_passage), CHECK_CASE(blocks_are_not_joined_across),
           CHECK_CASE(a_long_paragraph_splits), CHECK_CASE(nothing_is_lost_the_passages),
           CHECK_CASE(one_sentence_longer), CHECK_CASE(text_without_any_space_is_cut),
           CHECK_CASE(no_orphan_fragments))
