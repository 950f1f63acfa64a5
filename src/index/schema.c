/* schema.c: the field table and the identity of the analysis. */
#include "index/schema.h"

#include <stdint.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uversion.h>

#include "common/hash.h"
#include "facets/facets.h"
#include "text/stemmer.h"
#include "xapian-c/xapian_c.h"

static const trawl_field fields[TRAWL_FIELD_COUNT] = {
    {TRAWL_FIELD_BODY, NULL, "", 1.0},
    {TRAWL_FIELD_TITLE, "title", "S", 0.25},
    {TRAWL_FIELD_SECTION, "section", "XH", 0.2},
};

/* Each filter's term prefix. */
#define PREFIX_ICC "XI"
#define PREFIX_PROVINCE "XP"
#define PREFIX_YEAR "XY"
#define PREFIX_LANG "L"
#define PREFIX_KIND "K"
#define PREFIX_PUBLISHED NULL /* a range of TRAWL_SLOT_PUBLISHED */

static const trawl_facet_schema facets[TRAWL_FILTER_COUNT] = {
#define FILTER_ROW(id, name) [TRAWL_FILTER_##id] = {name, PREFIX_##id},
    TRAWL_FACET_LIST(FILTER_ROW)
#undef FILTER_ROW
        [TRAWL_FILTER_URL] = {"url", "U"},
    [TRAWL_FILTER_ADDED] = {"added", TRAWL_PREFIX_RUN},
};

int trawl_schema_each_expansion(const char *list, size_t len, trawl_word_fn fn, void *ctx)
{
    for (const char *w = list; w && w < list + len;) {
        const char *nl = memchr(w, '\n', (size_t)(list + len - w));
        size_t n = nl ? (size_t)(nl - w) : (size_t)(list + len - w);
        int stop = n ? fn(ctx, w, n) : 0;
        if (stop)
            return stop;
        w += n + 1;
    }
    return 0;
}

typedef struct word_search {
    const char *word;
    size_t len;
} word_search;

static int is_word(void *ctx, const char *word, size_t len)
{
    const word_search *ws = ctx;
    return len == ws->len && memcmp(word, ws->word, len) == 0;
}

bool trawl_schema_add_expansion(trawl_buf *list, const char *word, size_t len)
{
    word_search ws = {word, len};
    if (trawl_schema_each_expansion(list->data, list->len, is_word, &ws))
        return false;
    trawl_buf_append(list, word, len);
    trawl_buf_putc(list, '\n');
    return true;
}

void trawl_schema_stem_name(const char *lang, const char *stem, size_t len, trawl_buf *out)
{
    trawl_buf_reset(out);
    trawl_buf_puts(out, lang);
    trawl_buf_putc(out, ':');
    trawl_buf_append(out, stem, len);
}

static int add_word(void *ctx, const char *word, size_t len)
{
    trawl_schema_add_expansion(ctx, word, len);
    return 0;
}

void trawl_schema_merge_list(trawl_buf *list, const char *other, size_t len)
{
    trawl_schema_each_expansion(other, len, add_word, list);
}

static int add_language_term(void *ctx, const char *term, size_t len, unsigned freq)
{
    size_t plen = strlen(facets[TRAWL_FACET_LANG].prefix);
    if (freq && len > plen)
        trawl_schema_add_expansion(ctx, term + plen, len - plen);
    return 0;
}

/* Byte order of two strings that may hold NUL bytes. */
static int bytes_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
    int c = memcmp(a, b, alen < blen ? alen : blen);
    return c ? c : alen < blen ? -1 : alen > blen;
}

int trawl_schema_merge_values(void *ctx, const char *key, const char *const *values,
                              const size_t *lens, size_t n, char **merged_out, size_t *len_out)
{
    (void)ctx;
    trawl_buf out = TRAWL_BUF_INIT;
    bool lists = strncmp(key, TRAWL_META_STEM, strlen(TRAWL_META_STEM)) == 0 ||
                 strcmp(key, TRAWL_META_LANGUAGES) == 0;
    size_t best = n;
    for (size_t i = 0; i < n; i++) {
        if (lists)
            trawl_schema_merge_list(&out, values[i], lens[i]);
        else if (lens[i] &&
                 (best == n || bytes_cmp(values[i], lens[i], values[best], lens[best]) < 0))
            best = i;
    }
    if (!lists && best < n)
        trawl_buf_append(&out, values[best], lens[best]);
    *len_out = out.len;
    *merged_out = out.failed ? NULL : out.len ? trawl_buf_detach(&out) : trawl_strdup("");
    trawl_buf_free(&out);
    return *merged_out == NULL;
}

trawl_status trawl_schema_open_read(const char *path, const trawl_xdb_read_options *options,
                                    trawl_xdb **db_out, trawl_error *err)
{
    trawl_xdb_read_options with_rule = TRAWL_XDB_READ_OPTIONS_INIT;
    if (options)
        with_rule = *options;
    with_rule.merge = trawl_schema_merge_values;
    with_rule.merge_ctx = NULL;
    return trawl_xdb_open_read(path, &with_rule, db_out, err);
}

trawl_status trawl_schema_languages_of(trawl_xdb *db, trawl_buf *list, trawl_error *err)
{
    trawl_status st =
        trawl_xdb_each_term(db, facets[TRAWL_FACET_LANG].prefix, add_language_term, list, err);
    if (!st && list->failed)
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory listing languages");
    return st;
}

void trawl_schema_tally_value(const char *const parts[TRAWL_TALLY_PARTS], trawl_buf *out)
{
    trawl_buf_reset(out);
    for (size_t i = 0; i < TRAWL_TALLY_PARTS; i++) {
        if (i)
            trawl_buf_putc(out, TRAWL_TALLY_SEP);
        size_t from = out->len;
        trawl_buf_puts(out, parts[i] ? parts[i] : "");
        for (size_t k = from; i + 1 < TRAWL_TALLY_PARTS && !out->failed && k < out->len; k++)
            if (out->data[k] == TRAWL_TALLY_SEP)
                out->data[k] = ' ';
    }
}

bool trawl_schema_tally_split(const char *value, size_t len,
                              trawl_tally_part parts[TRAWL_TALLY_PARTS])
{
    const char *p = value, *end = value + len;
    for (size_t i = 0; i + 1 < TRAWL_TALLY_PARTS; i++) {
        const char *sep = memchr(p, TRAWL_TALLY_SEP, (size_t)(end - p));
        if (!sep)
            return false;
        parts[i] = (trawl_tally_part){p, (size_t)(sep - p)};
        p = sep + 1;
    }
    parts[TRAWL_TALLY_PARTS - 1] = (trawl_tally_part){p, (size_t)(end - p)};
    return true;
}

const trawl_facet_schema *trawl_schema_facet(trawl_filter_id id)
{
    return (unsigned)id < TRAWL_FILTER_COUNT ? &facets[id] : NULL;
}

const trawl_facet_schema *trawl_schema_facet_named(const char *name, size_t len,
                                                   trawl_filter_id *id_out)
{
    for (size_t i = 0; i < TRAWL_FILTER_COUNT; i++) {
        if (strlen(facets[i].name) == len && memcmp(facets[i].name, name, len) == 0) {
            *id_out = (trawl_filter_id)i;
            return &facets[i];
        }
    }
    return NULL;
}

const trawl_field *trawl_schema_field(trawl_field_id id)
{
    return id < TRAWL_FIELD_COUNT ? &fields[id] : NULL;
}

const trawl_field *trawl_schema_field_named(const char *name, size_t len)
{
    for (size_t i = 0; i < TRAWL_FIELD_COUNT; i++)
        if (fields[i].name && strlen(fields[i].name) == len &&
            memcmp(fields[i].name, name, len) == 0)
            return &fields[i];
    return NULL;
}

const char *trawl_schema_field_names(void)
{
    static char names[128];
    if (!names[0]) {
        for (size_t i = 0; i < TRAWL_FIELD_COUNT; i++) {
            if (!fields[i].name)
                continue;
            if (names[0])
                strcat(names, ", ");
            strcat(names, fields[i].name);
        }
        for (size_t i = 0; i < sizeof facets / sizeof *facets; i++) {
            strcat(names, ", ");
            strcat(names, facets[i].name);
        }
    }
    return names;
}

/* Room for the prefix and a value in a Xapian term (at most 245 bytes). */
#define MAX_TERM_VALUE 200

void trawl_schema_term(const char *prefix, const char *value, trawl_buf *out)
{
    trawl_buf_reset(out);
    trawl_buf_puts(out, prefix);
    size_t len = strlen(value);
    if (len <= MAX_TERM_VALUE) {
        trawl_buf_append(out, value, len);
        return;
    }
    /* FNV-1a 64 of the whole value keeps long values distinct. */
    char hex[17];
    trawl_fnv64_hex(value, len, hex);
    trawl_buf_append(out, value, MAX_TERM_VALUE - 17);
    trawl_buf_printf(out, "#%s", hex);
}

void trawl_schema_analyzer_identity(size_t max_passage_bytes, const char *gazetteer_hash,
                                    trawl_buf *out)
{
    UVersionInfo icu, uni;
    char icu_s[U_MAX_VERSION_STRING_LENGTH], uni_s[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(icu);
    u_getUnicodeVersion(uni);
    u_versionToString(icu, icu_s);
    u_versionToString(uni, uni_s);
    trawl_buf_reset(out);
    trawl_buf_printf(out, "icu %s; unicode %s; snowball %s; passage %zu; gazetteer %s; facets %d",
                     icu_s, uni_s, trawl_stemmer_library_version(), max_passage_bytes,
                     gazetteer_hash, TRAWL_FACET_RULES);
}

void trawl_schema_passage_id(const char *path, unsigned ordinal, trawl_buf *out)
{
    trawl_buf_reset(out);
    trawl_buf_printf(out, "%s#%u", path, ordinal);
}

/* Appends byte `c` to `out` as 255 - c. */
static void put_inverted(trawl_buf *out, char c)
{
    trawl_buf_putc(out, (char)(255 - (unsigned char)c));
}

void trawl_schema_date_keys(const char *date, const char *order, size_t order_len,
                            trawl_buf *oldest, trawl_buf *newest)
{
    trawl_buf_reset(oldest);
    trawl_buf_reset(newest);
    if (!*date) { /* below every date's key: last, in document order */
        trawl_buf_putc(oldest, '\x01');
        trawl_buf_putc(newest, '\x01');
    }
    for (const char *c = date; *c; c++) {
        put_inverted(oldest, *c);
        put_inverted(newest, *c >= '0' && *c <= '9' ? (char)('9' - (*c - '0')) : *c);
    }
    if (*date) {
        put_inverted(oldest, '\x01');
        put_inverted(newest, '\x01');
    }
    for (size_t i = 0; i < order_len; i++) {
        put_inverted(oldest, order[i]);
        put_inverted(newest, order[i]);
    }
}
