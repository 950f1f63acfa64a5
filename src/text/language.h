/* language.h: languages by name and code, and the script a text is written in. Languages are
 * ISO 639-1 codes; the table of names covers every language libstemmer has and the corpus's
 * others. Guessing a text's language is langid.h's. */
#ifndef TRAWL_LANGUAGE_H
#define TRAWL_LANGUAGE_H

#include <stddef.h>

/* The English name of a language code ("zh" -> "Chinese"), or the code itself when unknown.
 * Static storage. */
const char *trawl_language_name(const char *code);
/* The code of a language named in English or by code ("Chinese", "zh"), or NULL. */
const char *trawl_language_code(const char *name);

/* The writing system a text is mostly in, as far as telling languages apart needs. */
typedef enum trawl_script {
    TRAWL_SCRIPT_NONE, /* no letters */
    TRAWL_SCRIPT_LATIN,
    TRAWL_SCRIPT_CYRILLIC,
    TRAWL_SCRIPT_HAN,  /* Han and no kana */
    TRAWL_SCRIPT_KANA, /* Japanese: kana, with or without Han */
    TRAWL_SCRIPT_HANGUL,
    TRAWL_SCRIPT_THAI,
    TRAWL_SCRIPT_OTHER
} trawl_script;

/* The script most letters of `text` are in (a sample of its first 4 KB). */
trawl_script trawl_script_of(const char *text, size_t len);
/* The script a language is written in (Latin for unknown codes). */
trawl_script trawl_language_script(const char *code);

#endif
