/* schema.c: the field table and the identity of the analysis. */
#include "index/schema.h"

#include <stdint.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uversion.h>

#include "text/stemmer.h"

static const trawl_field fields[TRAWL_FIELD_COUNT] = {
    {TRAWL_FIELD_BODY, NULL, "", 1.0},
    {TRAWL_FIELD_TITLE, "title", "S", 2.0},
    {TRAWL_FIELD_SECTION, "section", "XH", 1.5},
};

static const trawl_facet_schema facets[] = {
    {"icc", "XI", TRAWL_SLOT_ICC},   {"province", "XP", TRAWL_SLOT_PROVINCE},
    {"year", "XY", TRAWL_SLOT_YEAR}, {"lang", "L", TRAWL_SLOT_LANG},
    {"kind", "K", TRAWL_SLOT_KIND},  {"url", "U", 0},
};

const trawl_facet_schema *trawl_schema_facet(int id)
{
    return id >= 0 && (size_t)id < sizeof facets / sizeof *facets ? &facets[id] : NULL;
}

const trawl_facet_schema *trawl_schema_facet_named(const char *name, size_t len, int *id_out)
{
    for (size_t i = 0; i < sizeof facets / sizeof *facets; i++) {
        if (strlen(facets[i].name) == len && memcmp(facets[i].name, name, len) == 0) {
            *id_out = (int)i;
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
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)value[i];
        h *= 0x100000001b3ULL;
    }
    trawl_buf_append(out, value, MAX_TERM_VALUE - 17);
    trawl_buf_printf(out, "#%016llx", (unsigned long long)h);
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
    trawl_buf_printf(out, "icu %s; unicode %s; snowball %s; passage %zu; gazetteer %s", icu_s,
                     uni_s, trawl_stemmer_library_version(), max_passage_bytes, gazetteer_hash);
}

void trawl_schema_passage_id(const char *path, unsigned ordinal, trawl_buf *out)
{
    trawl_buf_reset(out);
    trawl_buf_printf(out, "%s#%u", path, ordinal);
}
