/* test_stemmer: libstemmer through trawl_stemmer: languages, stems, the cache of recent words,
 * and refusal of unknown languages. */
#include "check.h"
#include "common/buf.h"
#include "text/stemmer.h"

static const char *stem(trawl_stemmer *s, const char *word)
{
    static trawl_buf b = TRAWL_BUF_INIT;
    CHECK_INT(trawl_stem(s, word, strlen(word), &b, NULL), TRAWL_OK);
    return trawl_buf_str(&b);
}

/* The stemmers of the languages the cases stem. */
static trawl_stemmer *en, *ru, *pt, *fr;

static void setup(void)
{
    CHECK_INT(trawl_stemmer_new("en", &en, NULL), TRAWL_OK);
    CHECK_INT(trawl_stemmer_new("ru", &ru, NULL), TRAWL_OK);
    CHECK_INT(trawl_stemmer_new("pt", &pt, NULL), TRAWL_OK);
    CHECK_INT(trawl_stemmer_new("fr", &fr, NULL), TRAWL_OK);
}

/* Availability by ISO code and by name. */
static void availability_by_iso_code(void)
{
    CHECK(trawl_stemmer_available("en"));
    CHECK(trawl_stemmer_available("english"));
    CHECK(trawl_stemmer_available("ru"));
    CHECK(trawl_stemmer_available("pt"));
    CHECK(!trawl_stemmer_available("zh"));
    CHECK(!trawl_stemmer_available("th"));
    CHECK(!trawl_stemmer_available(""));
    CHECK(!trawl_stemmer_available(NULL));
}

/* English. */
static void english(void)
{
    CHECK_STR(stem(en, "universities"), "univers");
    CHECK_STR(stem(en, "university"), "univers");
    CHECK_STR(stem(en, "communication"), "communic");
    CHECK_STR(stem(en, "launched"), "launch");
    CHECK_STR(stem(en, "china's"), "china");
    CHECK_STR(stem(en, "2018"), "2018");
}

/* Russian inflections share a stem. */
static void russian_inflections_share_a_stem(void)
{
    CHECK_STR(stem(ru, "харбине"), "харбин");
    CHECK_STR(stem(ru, "харбин"), "харбин");
    CHECK_STR(stem(ru, "центра"), stem(ru, "центр"));
}

/* Portuguese verb forms share a stem. */
static void portuguese_verb_forms_share(void)
{
    char s1[64];
    snprintf(s1, sizeof s1, "%s", stem(pt, "inaugurou"));
    CHECK_STR(stem(pt, "inaugurar"), s1);
    CHECK_STR(stem(pt, "inaugurado"), s1);
}

/* French. */
static void french(void)
{
    CHECK_STR(stem(fr, "internationales"), stem(fr, "international"));
}

/* Unknown languages are refused with a message. */
static void unknown_languages_are_refused(void)
{
    trawl_error err;
    trawl_stemmer *x = NULL;
    CHECK_INT(trawl_stemmer_new("zz", &x, &err), TRAWL_ERR_ARG);
    CHECK(x == NULL);
    CHECK_STR(err.message, "no Snowball stemmer for language 'zz'");
    CHECK_INT(trawl_stemmer_new(NULL, &x, &err), TRAWL_ERR_ARG);
    CHECK(strlen(trawl_stemmer_library_version()) > 0);
}

/* The cache of recent words gives what Snowball gives, collisions and long words too. */
static void the_cache_of_recent_words_gives(void)
{
    /* 5,000 words (more than the cache's slots, so slots are shared and replaced), twice,
     * against a stemmer that sees each word once, fresh. */
    static const char *const roots[] = {
        "connect", "nation", "univers", "communicat", "run", "happi", "internationalization",
        "relat",   "organ",  "gener"};
    static const char *const ends[] = {"",     "s",  "ed",   "ing", "ion",
                                       "ions", "ly", "ness", "al",  "ize"};
    int same = 1;
    char word[64];
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < 5000; i++) {
            snprintf(word, sizeof word, "%s%s%s", roots[i % 10], ends[(i / 10) % 10],
                     i >= 100 ? ends[(i / 100) % 10] : "");
            if (i >= 1000)
                snprintf(word + strlen(word), sizeof word - strlen(word), "x%d", i);
            char cached_stem[64];
            snprintf(cached_stem, sizeof cached_stem, "%s", stem(en, word));
            trawl_stemmer *fresh = NULL;
            CHECK_INT(trawl_stemmer_new("en", &fresh, NULL), TRAWL_OK);
            same &= strcmp(cached_stem, stem(fresh, word)) == 0;
            trawl_stemmer_free(fresh);
        }
    }
    CHECK(same);
    CHECK_STR(stem(en, "internationalizations"), "internation");
    CHECK_STR(stem(en, "internationalizations"), "internation");
    CHECK_STR(stem(en, "antidisestablishmentarianismsthings"), "antidisestablishmentarianismsth");
    CHECK_STR(stem(en, "antidisestablishmentarianismsthings"), "antidisestablishmentarianismsth");

    trawl_stemmer_free(NULL);
}

static void teardown(void)
{
    trawl_stemmer_free(en);
    trawl_stemmer_free(ru);
    trawl_stemmer_free(pt);
    trawl_stemmer_free(fr);
}

CHECK_MAIN(setup, teardown, CHECK_CASE(availability_by_iso_code), CHECK_CASE(english),
           CHECK_CASE(russian_inflections_share_a_stem), CHECK_CASE(portuguese_verb_forms_share),
           CHECK_CASE(french), CHECK_CASE(unknown_languages_are_refused),
           CHECK_CASE(the_cache_of_recent_words_gives))
