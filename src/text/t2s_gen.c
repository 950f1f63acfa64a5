/* t2s_gen: run when Trawl is built, writes to standard output the C tables of t2s.c, made of
 * the rules of ICU's Traditional-Simplified transform (the ICU Trawl is built with). Opening
 * that transform costs 40-60 ms per process (ICU builds its registry of every transform, then
 * compiles 3,952 rules); the tables cost nothing to load. The rules are plain replacements
 * (`臺灣 > 台湾;`); any other rule syntax fails the build rather than be misread. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uclean.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

typedef struct rule {
    UChar32 first;          /* the first character of its source */
    size_t order;           /* its place among ICU's rules: the first that matches wins */
    const UChar *src, *dst; /* into the rules' text */
    int32_t src_len, dst_len;
} rule;

static int by_first(const void *a, const void *b)
{
    const rule *x = a, *y = b;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static int fail(const char *what)
{
    fprintf(stderr, "t2s_gen: %s\n", what);
    return 1;
}

/* Whether s[0, n) is text a rule replaces, nothing of the rule syntax: no ASCII (quotes,
 * sets, contexts, variables, cursors), none of the other characters of Pattern_White_Space,
 * no arrows (→ ← ↔ stand for > < <>). */
static int plain(const UChar *s, int32_t n)
{
    if (n <= 0)
        return 0;
    for (int32_t i = 0; i < n; i++) {
        UChar c = s[i];
        if (c < 0x80 || c == 0x85 || c == 0x200E || c == 0x200F || c == 0x2028 || c == 0x2029 ||
            c == 0x2190 || c == 0x2192 || c == 0x2194)
            return 0;
    }
    return 1;
}

static void print_units(const UChar *s, int32_t n, size_t *column)
{
    for (int32_t i = 0; i < n; i++) {
        printf("0x%04X,", (unsigned)s[i]);
        if (++*column % 12 == 0)
            printf("\n");
    }
}

int main(void)
{
    static const UChar id[] = {'T', 'r', 'a', 'd', 'i', 't', 'i', 'o', 'n', 'a', 'l', '-',
                               'S', 'i', 'm', 'p', 'l', 'i', 'f', 'i', 'e', 'd', 0};
    UErrorCode uerr = U_ZERO_ERROR;
    UTransliterator *t = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &uerr);
    if (U_FAILURE(uerr))
        return fail(u_errorName(uerr));
    int32_t len = utrans_toRules(t, false, NULL, 0, &uerr);
    if (uerr == U_BUFFER_OVERFLOW_ERROR)
        uerr = U_ZERO_ERROR;
    UChar *text = malloc(((size_t)len + 1) * sizeof *text);
    if (!text)
        return fail("out of memory");
    utrans_toRules(t, false, text, len + 1, &uerr);
    utrans_close(t);
    if (U_FAILURE(uerr))
        return fail(u_errorName(uerr));

    size_t n = 0, cap = 4096;
    rule *rules = malloc(cap * sizeof *rules);
    int32_t growth = 1;
    for (int32_t at = 0; at < len && rules;) {
        int32_t end = at;
        while (end < len && text[end] != '\n')
            end++;
        /* SRC " > " DST ";" */
        int32_t arrow = at;
        while (arrow + 2 < end &&
               !(text[arrow] == ' ' && text[arrow + 1] == '>' && text[arrow + 2] == ' '))
            arrow++;
        rule r = {0, n, text + at, text + arrow + 3, arrow - at, end - 1 - (arrow + 3)};
        if (end == at) {
            at = end + 1;
            continue;
        }
        if (arrow + 2 >= end || text[end - 1] != ';' || !plain(r.src, r.src_len) ||
            !plain(r.dst, r.dst_len)) {
            char line[256];
            int32_t u8 = 0;
            UErrorCode e = U_ZERO_ERROR;
            u_strToUTF8(line, (int32_t)sizeof line - 1, &u8, text + at,
                        end - at < 60 ? end - at : 60, &e);
            line[U_SUCCESS(e) ? u8 : 0] = '\0';
            fprintf(stderr, "t2s_gen: a rule that is not a plain replacement: %s\n", line);
            return 1;
        }
        U16_GET(r.src, 0, 0, r.src_len, r.first);
        /* The most units a rule writes per unit it reads, rounded up. */
        int32_t g = (r.dst_len + r.src_len - 1) / r.src_len;
        growth = g > growth ? g : growth;
        if (n == cap) {
            rule *grown = realloc(rules, 2 * cap * sizeof *rules);
            if (!grown)
                return fail("out of memory");
            rules = grown;
            cap *= 2;
        }
        rules[n++] = r;
        at = end + 1;
    }
    if (!rules)
        return fail("out of memory");
    if (n == 0)
        return fail("ICU's Traditional-Simplified transform has no rules");
    qsort(rules, n, sizeof *rules, by_first);

    UVersionInfo v;
    char version[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(v);
    u_versionToString(v, version);
    printf("/* Made by t2s_gen from the %zu rules of ICU %s's Traditional-Simplified transform,\n"
           " * when Trawl was built: do not edit. */\n",
           n, version);
    printf("#define T2S_GROWTH %d /* the most units a rule writes per unit it reads */\n",
           (int)growth);
    printf("static const UChar t2s_text[] = {\n");
    size_t column = 0;
    for (size_t i = 0; i < n; i++) {
        print_units(rules[i].src, rules[i].src_len, &column);
        print_units(rules[i].dst, rules[i].dst_len, &column);
    }
    printf("};\n/* By first character, then in ICU's order: {first, source, its length, "
           "replacement, its length}, offsets into t2s_text. */\n");
    printf("static const t2s_rule t2s_rules[%zu] = {\n", n);
    uint32_t off = 0;
    for (size_t i = 0; i < n; i++) {
        const rule *r = &rules[i];
        printf("{0x%05X,%u,%d,%u,%d},\n", (unsigned)r->first, off, (int)r->src_len,
               off + (uint32_t)r->src_len, (int)r->dst_len);
        off += (uint32_t)(r->src_len + r->dst_len);
    }
    printf("};\n");
    free(rules);
    free(text);
    u_cleanup();
    return ferror(stdout) || fflush(stdout) ? fail("cannot write the tables") : 0;
}
