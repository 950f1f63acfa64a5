/* language.c: language names and codes, and script counting with ICU. */
#include "text/language.h"

#include <stdint.h>
#include <string.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

/* How much of a text is looked at. */
#define SAMPLE_BYTES 4096

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
