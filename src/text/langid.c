/* langid.c: n-gram guessing with libexttextcat, after the script has had its say. */
#include "text/langid.h"

#include <stdlib.h>
#include <string.h>
#include <textcat.h>

#include "common/buf.h"
#include "common/datadir.h"

/* How much of a text is given to the n-gram models (trawl_script_of samples as much). */
#define SAMPLE_BYTES 4096
/* Texts with fewer letters than this are not guessed from n-grams. */
#define MIN_LETTERS 40

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
