/* test_tokenizer: ICU words with byte offsets, folding, the analyzer's terms, sentences, and
 * UTF-8 repair, across English, Chinese, Japanese, Thai, Russian and accented Latin. */
#include "check.h"
#include "common/buf.h"
#include "text/analyzer.h"
#include "text/fold.h"
#include "text/breaks.h"
#include "text/tokenizer.h"
#include "text/utf8.h"

typedef struct seen {
    const char *text;
    char out[1024];
} seen;

/* "word@start-end kind" for each token. */
static int on_token(void *ctx, const trawl_token *t)
{
    seen *s = ctx;
    static const char kinds[] = "NLKI";
    char item[160];
    snprintf(item, sizeof item, "%s%.*s@%zu%c", s->out[0] ? " " : "", (int)(t->end - t->start),
             s->text + t->start, t->start, kinds[t->kind]);
    strncat(s->out, item, sizeof s->out - strlen(s->out) - 1);
    return 0;
}

static const char *tokens(trawl_tokenizer *tok, const char *text)
{
    static seen s;
    s.text = text;
    s.out[0] = '\0';
    CHECK_INT(trawl_tokenize(tok, text, strlen(text), on_token, &s, NULL), TRAWL_OK);
    return s.out;
}

static const char *fold(trawl_folder *f, const char *word)
{
    static trawl_buf b = TRAWL_BUF_INIT;
    CHECK_INT(trawl_fold(f, word, strlen(word), &b, NULL), TRAWL_OK);
    return trawl_buf_str(&b);
}

/* "term/stem" (or "term" when equal) for each analysed word. */
static int on_term(void *ctx, const trawl_term *t)
{
    char *out = ctx;
    char item[200];
    if (t->stem_len == t->term_len && memcmp(t->stem, t->term, t->term_len) == 0)
        snprintf(item, sizeof item, "%s%.*s", *out ? " " : "", (int)t->term_len, t->term);
    else
        snprintf(item, sizeof item, "%s%.*s/%.*s", *out ? " " : "", (int)t->term_len, t->term,
                 (int)t->stem_len, t->stem);
    strcat(out, item);
    return 0;
}

static const char *terms(trawl_analyzer *an, const char *text)
{
    static char out[2048];
    out[0] = '\0';
    CHECK_INT(trawl_analyze(an, text, strlen(text), on_term, out, NULL), TRAWL_OK);
    return out;
}

static int on_sentence(void *ctx, size_t start, size_t end, int rule)
{
    (void)rule;
    char *out = ctx;
    char item[32];
    snprintf(item, sizeof item, "%s%zu-%zu", *out ? " " : "", start, end);
    strcat(out, item);
    return 0;
}

/* Fixtures shared by the cases. */
static trawl_tokenizer *tok = NULL;
static trawl_folder *f = NULL;
static trawl_analyzer *en = NULL, *ru = NULL, *zh = NULL;
static trawl_breaks *sent = NULL;

static void setup(void)
{
    CHECK_INT(trawl_tokenizer_new(&tok, NULL), TRAWL_OK);
    CHECK_INT(trawl_folder_new(&f, NULL), TRAWL_OK);
    CHECK_INT(trawl_analyzer_new("en", &en, NULL), TRAWL_OK);
    CHECK_INT(trawl_analyzer_new("ru", &ru, NULL), TRAWL_OK);
    CHECK_INT(trawl_analyzer_new("zh", &zh, NULL), TRAWL_OK);
    CHECK_INT(trawl_breaks_new(TRAWL_BREAK_SENTENCES, &sent, NULL), TRAWL_OK);
}

/* English: words with byte offsets; spaces and punctuation skipped; numbers kept. */
static void english_words_with_byte_offsets(void)
{
    CHECK_STR(tokens(tok, "In 2018, Chongqing's ICC (iChongqing) opened."),
              "In@0L 2018@3N Chongqing's@9L ICC@21L iChongqing@26L opened@38L");
    CHECK_STR(tokens(tok, "state-owned   Pan-Green 3.5"),
              "state@0L owned@6L Pan@14L Green@18L 3.5@24N");
    CHECK_STR(tokens(tok, ""), "");
    CHECK_STR(tokens(tok, " ,.;  "), "");
}

/* Chinese: ICU's dictionary segments Han text into words. */
static void chinese_icu_s_dictionary(void)
{
    CHECK_STR(tokens(tok, "重庆国际传播中心"), "重庆@0I 国际@6I 传播@12I 中心@18I");
    CHECK_STR(tokens(tok, "2018年，重庆成立"), "2018@0N 年@4I 重庆@10I 成立@16I");
}

/* Japanese and Thai: dictionary words (ICU marks dictionary words of Japanese as ideographic). */
static void japanese_and_thai_dictionary(void)
{
    CHECK_STR(tokens(tok, "ภาษาไทยง่าย"), "ภาษา@0L ไทย@12L ง่าย@21L");
    CHECK_STR(tokens(tok, "東京でニュース"), "東京@0I で@6I ニュース@9I");
}

/* Russian. */
static void russian(void)
{
    CHECK_STR(tokens(tok, "Центр в Харбине."), "Центр@0L в@11L Харбине@14L");
}

/* Folding: NFKC, case folding, Latin diacritics removed, apostrophes unified. */
static void folding_nfkc_case_folding_latin(void)
{
    CHECK_STR(fold(f, "São"), "sao");
    CHECK_STR(fold(f, "Agência"), "agencia");
    CHECK_STR(fold(f, "STRASSE"), "strasse");
    CHECK_STR(fold(f, "Straße"), "strasse");
    CHECK_STR(fold(f, "Øresund"), "oresund");
    CHECK_STR(fold(f, "Łódź"), "lodz");
    CHECK_STR(fold(f, "China’s"), "china's");
    CHECK_STR(fold(f, "ＡＢＣ１２"), "abc12");
    CHECK_STR(fold(f, "ﬁnance"), "finance");
    CHECK_STR(fold(f, "Харбине"), "харбине");
    CHECK_STR(fold(f, "Йошкар"), "йошкар");
    CHECK_STR(fold(f, "ΑΘΗΝΑ"), "αθηνα");
    CHECK_STR(fold(f, "ง่าย"), "ง่าย");
    CHECK_STR(fold(f, "が"), "が");
    CHECK_STR(fold(f, "重庆"), "重庆");
    CHECK_STR(fold(f, "國際傳播中心"), "国际传播中心"); /* Traditional -> Simplified */
    CHECK_STR(fold(f, "溫州"), "温州");
}

/* The analyzer: positions, folded terms and English stems. */
static void the_analyzer_positions_folded(void)
{
    CHECK_STR(terms(en, "Universities and the University's agreements"),
              "universities/univers and the university/univers agreements/agreement");
    CHECK_STR(terms(en, "São Paulo 2024"), "sao paulo 2024");
}

/* Russian stems, Chinese unstemmed. */
static void russian_stems_chinese_unstemmed(void)
{
    CHECK_STR(terms(ru, "в Харбине Харбин"), "в харбине/харбин харбин");
    CHECK_STR(terms(zh, "重庆国际传播中心 Centers"), "重庆 国际 传播 中心 centers");
    CHECK_INT(trawl_analyzer_stems(zh), 0);
    CHECK_STR(trawl_analyzer_language(en), "en");
}

/* Possessives never hide a word; elided articles are dropped; words joined by a full stop or
 * a colon are split, while names with a dot stay whole. */
static void possessives_elisions_joined_words(void)
{
    CHECK_STR(terms(en, "Xi Jinping's and Xi Jinping’s CENTER'S"),
              "xi jinping/jinp and xi jinping/jinp center");
    CHECK_STR(terms(en, "all'estero all’estero d'édition L'Italia qu'il"),
              "estero estero edition/edit italia il");
    /* Not elisions: an Irish name, a word with an apostrophe inside, a lone article. */
    CHECK_STR(terms(en, "O'Brien aujourd'hui l'"), "o'brien aujourd'hui l");
    CHECK_STR(terms(en, "inaugurado.Trata-se inequality.In Hainan.All"),
              "inaugurado trata se inequality/inequ in hainan all");
    CHECK_STR(terms(en, "ichongqing.info U.S. 3.5 e.g. Note:The"),
              "ichongqing.info u.s/u. 3.5 e.g note the");
}

/* Words longer than the term limit are not indexed. */
static void words_longer_than_the_term_limit(void)
{
    char longword[200];
    memset(longword, 'a', 100);
    strcpy(longword + 100, " short");
    CHECK_STR(terms(en, longword), "short");
}

/* Sentences (with abbreviations kept inside). */
static void sentences_with_abbreviations(void)
{
    char spans[256] = "";
    const char *text = "Mr. Xi spoke. It was 2018! Was it? Yes";
    CHECK_INT(trawl_breaks_each(sent, text, strlen(text), on_sentence, spans, NULL), TRAWL_OK);
    CHECK_STR(spans, "0-14 14-27 27-35 35-38");
}

/* Invalid UTF-8 is repaired with U+FFFD and counted; valid text is untouched. */
static void invalid_utf_8_is_repaired_with_u(void)
{
    char *s = malloc(16);
    memcpy(s,
           "ab\xff"
           "cd\xc3",
           6);
    size_t len = 6, replaced = 0;
    CHECK_INT(trawl_utf8_sanitize(&s, &len, &replaced, NULL), TRAWL_OK);
    CHECK_INT(replaced, 2);
    CHECK_INT(len, 10);
    CHECK(memcmp(s,
                 "ab\xef\xbf\xbd"
                 "cd\xef\xbf\xbd",
                 10) == 0);
    CHECK_STR(tokens(tok, s), "ab@0L cd@5L");
    free(s);
    s = malloc(8);
    memcpy(s, "S\xc3\xa3o", 4);
    len = 4;
    char *before = s;
    CHECK_INT(trawl_utf8_sanitize(&s, &len, &replaced, NULL), TRAWL_OK);
    CHECK_INT(replaced, 0);
    CHECK(s == before);
    free(s);
}

static void teardown(void)
{
    trawl_tokenizer_free(tok);
    trawl_folder_free(f);
    trawl_analyzer_free(en);
    trawl_analyzer_free(ru);
    trawl_analyzer_free(zh);
    trawl_breaks_free(sent);
}

CHECK_MAIN(setup, teardown, CHECK_CASE(english_words_with_byte_offsets),
           CHECK_CASE(chinese_icu_s_dictionary), CHECK_CASE(japanese_and_thai_dictionary),
           CHECK_CASE(russian), CHECK_CASE(folding_nfkc_case_folding_latin),
           CHECK_CASE(the_analyzer_positions_folded), CHECK_CASE(russian_stems_chinese_unstemmed),
           CHECK_CASE(possessives_elisions_joined_words),
           CHECK_CASE(words_longer_than_the_term_limit), CHECK_CASE(sentences_with_abbreviations),
           CHECK_CASE(invalid_utf_8_is_repaired_with_u))
