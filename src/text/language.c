/* language.c: script counting with ICU, n-gram guessing with libexttextcat. */
#include "text/language.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <textcat.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "common/buf.h"
#include "common/datadir.h"

/* How much of a text is looked at. */
#define SAMPLE_BYTES 4096
/* Texts with fewer letters than this are not guessed from n-grams. */
#define MIN_LETTERS 40

static const struct {
    const char *code, *name;
} languages[] = {
    {"ar", "Arabic"},     {"ca", "Catalan"},  {"da", "Danish"},     {"de", "German"},
    {"el", "Greek"},      {"en", "English"},  {"es", "Spanish"},    {"eu", "Basque"},
    {"fi", "Finnish"},    {"fr", "French"},   {"ga", "Irish"},      {"hi", "Hindi"},
    {"hu", "Hungarian"},  {"hy", "Armenian"}, {"id", "Indonesian"}, {"it", "Italian"},
    {"ja", "Japanese"},   {"ko", "Korean"},   {"lt", "Lithuanian"}, {"ms", "Malay"},
    {"ne", "Nepali"},     {"nl", "Dutch"},    {"no", "Norwegian"},  {"pt", "Portuguese"},
    {"ro", "Romanian"},   {"ru", "Russian"},  {"sr", "Serbian"},    {"sv", "Swedish"},
    {"ta", "Tamil"},      {"th", "Thai"},     {"tr", "Turkish"},    {"uk", "Ukrainian"},
    {"vi", "Vietnamese"}, {"yi", "Yiddish"},  {"zh", "Chinese"},    {"bg", "Bulgarian"},
    {"pl", "Polish"},     {"cs", "Czech"},    {"fa", "Persian"},    {"he", "Hebrew"},
};

const char *trawl_language_name(const char *code)
{
    for (size_t i = 0; i < sizeof languages / sizeof *languages; i++)
        if (strcmp(languages[i].code, code) == 0)
            return languages[i].name;
    return code;
}

const char *trawl_language_code(const char *name)
{
    for (size_t i = 0; i < sizeof languages / sizeof *languages; i++) {
        const char *c = languages[i].code, *n = languages[i].name;
        size_t k = 0;
        while (n[k] && name[k] && (n[k] | 0x20) == (name[k] | 0x20))
            k++;
        if (strcmp(c, name) == 0 || (!n[k] && !name[k]))
            return c;
    }
    return NULL;
}

trawl_script trawl_script_of(const char *text, size_t len)
{
    size_t counts[TRAWL_SCRIPT_OTHER + 1] = {0};
    int32_t n = (int32_t)(len < SAMPLE_BYTES ? len : SAMPLE_BYTES);
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT((const uint8_t *)text, i, n, c);
        if (c < 0)
            continue;
        UErrorCode e = U_ZERO_ERROR;
        UScriptCode s = uscript_getScript(c, &e);
        switch (s) {
        case USCRIPT_LATIN:
            counts[TRAWL_SCRIPT_LATIN]++;
            break;
        case USCRIPT_CYRILLIC:
            counts[TRAWL_SCRIPT_CYRILLIC]++;
            break;
        case USCRIPT_HAN:
            counts[TRAWL_SCRIPT_HAN]++;
            break;
        case USCRIPT_HIRAGANA:
        case USCRIPT_KATAKANA:
            counts[TRAWL_SCRIPT_KANA]++;
            break;
        case USCRIPT_HANGUL:
            counts[TRAWL_SCRIPT_HANGUL]++;
            break;
        case USCRIPT_THAI:
            counts[TRAWL_SCRIPT_THAI]++;
            break;
        case USCRIPT_COMMON:
        case USCRIPT_INHERITED:
        case USCRIPT_UNKNOWN:
            break;
        default:
            counts[TRAWL_SCRIPT_OTHER]++;
        }
    }
    /* Japanese mixes Han and kana: a fair share of kana makes Han text Japanese. */
    if (counts[TRAWL_SCRIPT_KANA] * 10 >= counts[TRAWL_SCRIPT_HAN] && counts[TRAWL_SCRIPT_KANA]) {
        counts[TRAWL_SCRIPT_KANA] += counts[TRAWL_SCRIPT_HAN];
        counts[TRAWL_SCRIPT_HAN] = 0;
    }
    trawl_script best = TRAWL_SCRIPT_NONE;
    size_t most = 0;
    for (int s = TRAWL_SCRIPT_LATIN; s <= TRAWL_SCRIPT_OTHER; s++) {
        if (counts[s] > most) {
            most = counts[s];
            best = (trawl_script)s;
        }
    }
    return best;
}

trawl_script trawl_language_script(const char *code)
{
    static const struct {
        const char *code;
        trawl_script script;
    } scripts[] = {
        {"zh", TRAWL_SCRIPT_HAN},      {"ja", TRAWL_SCRIPT_KANA},     {"ko", TRAWL_SCRIPT_HANGUL},
        {"th", TRAWL_SCRIPT_THAI},     {"ru", TRAWL_SCRIPT_CYRILLIC}, {"uk", TRAWL_SCRIPT_CYRILLIC},
        {"bg", TRAWL_SCRIPT_CYRILLIC}, {"sr", TRAWL_SCRIPT_CYRILLIC}, {"ar", TRAWL_SCRIPT_OTHER},
        {"el", TRAWL_SCRIPT_OTHER},    {"he", TRAWL_SCRIPT_OTHER},    {"hi", TRAWL_SCRIPT_OTHER},
        {"hy", TRAWL_SCRIPT_OTHER},    {"ta", TRAWL_SCRIPT_OTHER},    {"fa", TRAWL_SCRIPT_OTHER},
        {"ne", TRAWL_SCRIPT_OTHER},    {"yi", TRAWL_SCRIPT_OTHER}};
    for (size_t i = 0; i < sizeof scripts / sizeof *scripts; i++)
        if (strcmp(scripts[i].code, code) == 0)
            return scripts[i].script;
    return TRAWL_SCRIPT_LATIN;
}

struct trawl_langid {
    void *textcat; /* libexttextcat's classifier */
};

trawl_status trawl_langid_new(trawl_langid **id_out, trawl_error *err)
{
    *id_out = NULL;
    trawl_langid *id = calloc(1, sizeof *id);
    if (!id)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    trawl_buf conf = TRAWL_BUF_INIT;
    trawl_buf_printf(&conf, "%s/langid.conf", trawl_data_dir());
    if (conf.failed) {
        free(id);
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    }
    id->textcat = special_textcat_Init(conf.data, TRAWL_TEXTCAT_DIR "/");
    if (!id->textcat) {
        trawl_status st = trawl_error_set(err, TRAWL_ERR_IO,
                                          "%s, or the language models it names in %s (package "
                                          "libexttextcat-data), cannot be read",
                                          conf.data, TRAWL_TEXTCAT_DIR);
        trawl_buf_free(&conf);
        free(id);
        return st;
    }
    trawl_buf_free(&conf);
    *id_out = id;
    return TRAWL_OK;
}

void trawl_langid_free(trawl_langid *id)
{
    if (!id)
        return;
    textcat_Done(id->textcat);
    free(id);
}

bool trawl_langid_detect(trawl_langid *id, const char *text, size_t len, char *code)
{
    switch (trawl_script_of(text, len)) {
    case TRAWL_SCRIPT_HAN:
        strcpy(code, "zh");
        return true;
    case TRAWL_SCRIPT_KANA:
        strcpy(code, "ja");
        return true;
    case TRAWL_SCRIPT_HANGUL:
        strcpy(code, "ko");
        return true;
    case TRAWL_SCRIPT_THAI:
        strcpy(code, "th");
        return true;
    case TRAWL_SCRIPT_NONE:
        return false;
    default:
        break;
    }
    size_t letters = 0;
    for (size_t i = 0; i < len && letters < MIN_LETTERS; i++)
        letters += ((unsigned char)text[i] | 0x20) >= 'a' && ((unsigned char)text[i] | 0x20) <= 'z';
    if (letters < MIN_LETTERS && len < 2 * MIN_LETTERS)
        return false;
    const char *guess =
        textcat_Classify(id->textcat, text, len < SAMPLE_BYTES ? len : SAMPLE_BYTES);
    /* "[en--utf8][sco--utf8]": the best candidate first; "SHORT" or "UNKNOWN" otherwise. */
    if (!guess || guess[0] != '[')
        return false;
    size_t n = strcspn(guess + 1, "-]");
    if (n == 0 || n > 3)
        return false;
    memcpy(code, guess + 1, n);
    code[n] = '\0';
    return true;
}
