/* places.c: names of the gazetteer found in a text (longest first, ambiguous names resolved
 * by the provinces the text names), the provinces and centers they give, and the patterns
 * that name a center the gazetteer may not hold. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "facets/extract_impl.h"

/* How far back a "... launched an ICC" looks for who set the center up, in words. */
#define SUBJECT_REACH 30
/* How far before a naming cue ("called") the center it names may be, in words. */
#define CUE_REACH 8

static const char *entity_province(const trawl_extractor *ex, entity e)
{
    size_t n;
    switch (e.kind) {
    case ENT_PROVINCE:
        return trawl_gazetteer_provinces(ex->gz, &n)[e.index].key;
    case ENT_CITY:
        return trawl_gazetteer_cities(ex->gz, &n)[e.index].province;
    case ENT_CENTER:
    case ENT_OPERATOR:
        return trawl_gazetteer_centers(ex->gz, &n)[e.index].province;
    case ENT_REGION:
        return NULL; /* several */
    }
    return NULL;
}

/* The key a place entity (province or city) is known by. */
static const char *place_key(const trawl_extractor *ex, entity e)
{
    size_t n;
    if (e.kind == ENT_PROVINCE)
        return trawl_gazetteer_provinces(ex->gz, &n)[e.index].key;
    if (e.kind == ENT_CITY)
        return trawl_gazetteer_cities(ex->gz, &n)[e.index].key;
    return NULL;
}

static const char *place_name(const trawl_extractor *ex, entity e)
{
    size_t n;
    if (e.kind == ENT_PROVINCE)
        return trawl_gazetteer_provinces(ex->gz, &n)[e.index].name;
    return trawl_gazetteer_cities(ex->gz, &n)[e.index].name;
}

static bool is_place(entity e)
{
    return e.kind == ENT_PROVINCE || e.kind == ENT_CITY;
}

/* Byte span of words [a, b). */
static size_t span_start(const trawl_extractor *ex, size_t a)
{
    return ex->text.toks[a].start;
}

static size_t span_end(const trawl_extractor *ex, size_t b)
{
    return ex->text.toks[b - 1].end;
}

static unsigned sentence_of(const trawl_extractor *ex, size_t tok)
{
    return ex->text.toks[tok].sentence;
}

/* Finds the gazetteer's names, longest first, left to right, without overlaps. */
static void find_names(trawl_extractor *ex, trawl_facets *out)
{
    const ftext *t = &ex->text;
    ex->nspans = 0;
    size_t hits[16];
    for (size_t i = 0; i < t->n;) {
        size_t nh = 0;
        size_t len = wordlist_match(&ex->names, t, i, hits, 16, &nh);
        if (!len) {
            i++;
            continue;
        }
        if (!trawl_array_grow((void **)&ex->spans, &ex->cspans, ex->nspans, sizeof *ex->spans)) {
            out->failed = true;
            return;
        }
        name_span *s = &ex->spans[ex->nspans++];
        s->tok = i;
        s->ntok = len;
        s->nsenses = 0;
        for (size_t h = 0; h < nh; h++) {
            entity e = ex->meaning[hits[h]];
            bool dup = false;
            for (size_t k = 0; k < s->nsenses; k++)
                dup |= s->senses[k].kind == e.kind && s->senses[k].index == e.index;
            if (!dup && s->nsenses < MAX_SENSES)
                s->senses[s->nsenses++] = e;
        }
        i += len;
    }
}

static bool in_list(const char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] && s && strcmp(list[i], s) == 0)
            return true;
    return false;
}

/* A name with several meanings keeps the one whose province the text names elsewhere
 * unambiguously, or all when they share one province; otherwise it means nothing here. */
static void resolve_senses(trawl_extractor *ex)
{
    const char **known = malloc((ex->nspans ? ex->nspans : 1) * sizeof *known);
    size_t nknown = 0;
    if (!known)
        return;
    for (size_t i = 0; i < ex->nspans; i++)
        if (ex->spans[i].nsenses == 1)
            known[nknown++] = entity_province(ex, ex->spans[i].senses[0]);
    for (size_t i = 0; i < ex->nspans; i++) {
        name_span *s = &ex->spans[i];
        if (s->nsenses < 2)
            continue;
        bool same = true;
        for (size_t k = 1; k < s->nsenses && same; k++) {
            const char *a = entity_province(ex, s->senses[0]),
                       *b = entity_province(ex, s->senses[k]);
            same = a && b && strcmp(a, b) == 0;
        }
        if (same) {
            s->nsenses = 1;
            continue;
        }
        size_t keep = 0, kept = MAX_SENSES;
        for (size_t k = 0; k < s->nsenses; k++) {
            if (in_list(known, nknown, entity_province(ex, s->senses[k]))) {
                keep++;
                kept = k;
            }
        }
        if (keep == 1) {
            s->senses[0] = s->senses[kept];
            s->nsenses = 1;
        } else {
            s->nsenses = 0;
        }
    }
    free(known);
}

static void add_center(trawl_extractor *ex, trawl_facets *out, const trawl_center *c, size_t a,
                       size_t b, const char *rule)
{
    unsigned s = sentence_of(ex, a);
    trawl_facets_add(out, TRAWL_FACET_ICC, c->key, span_start(ex, a), span_end(ex, b), s, rule);
    if (c->province)
        trawl_facets_add(out, TRAWL_FACET_PROVINCE, c->province, span_start(ex, a), span_end(ex, b),
                         s, "center");
}

/* Records a center that the gazetteer does not hold (once per key). */
static void add_new_center(trawl_extractor *ex, trawl_facets *out, const char *key,
                           const char *name, const char *province, size_t a, size_t b,
                           const char *rule)
{
    bool seen = false;
    for (size_t i = 0; i < out->nfound && !seen; i++)
        seen = strcmp(out->found[i].key, key) == 0;
    if (!seen) {
        if (!trawl_array_grow((void **)&out->found, &out->cfound, out->nfound,
                              sizeof *out->found)) {
            out->failed = true;
            return;
        }
        trawl_new_center *c = &out->found[out->nfound];
        c->key = trawl_strdup(key);
        c->name = trawl_strdup(name);
        c->province = province ? trawl_strdup(province) : NULL;
        if (!c->key || !c->name || (province && !c->province)) {
            free(c->key);
            free(c->name);
            free(c->province);
            out->failed = true;
            return;
        }
        out->nfound++;
    }
    unsigned s = sentence_of(ex, a);
    trawl_facets_add(out, TRAWL_FACET_ICC, key, span_start(ex, a), span_end(ex, b), s, rule);
    if (province)
        trawl_facets_add(out, TRAWL_FACET_PROVINCE, province, span_start(ex, a), span_end(ex, b), s,
                         "center");
}

/* The center of a place: the gazetteer's, or a new one named after the place. */
static void add_place_center(trawl_extractor *ex, trawl_facets *out, entity place, size_t a,
                             size_t b, const char *rule)
{
    size_t n;
    const trawl_center *centers = trawl_gazetteer_centers(ex->gz, &n);
    const char *key = place_key(ex, place);
    for (size_t i = 0; i < n; i++) {
        if (centers[i].place && strcmp(centers[i].place, key) == 0) {
            add_center(ex, out, &centers[i], a, b, rule);
            return;
        }
    }
    char name[256];
    snprintf(name, sizeof name, "%s International Communication Center", place_name(ex, place));
    add_new_center(ex, out, key, name, entity_province(ex, place), a, b, rule);
}

/* Provinces named inside an organisation's name ("Zhejiang Daily"), when unambiguous. */
static void inner_places(trawl_extractor *ex, trawl_facets *out, const name_span *s)
{
    size_t hits[MAX_SENSES];
    for (size_t i = s->tok; i < s->tok + s->ntok;) {
        size_t nh = 0;
        size_t len = wordlist_match(&ex->places, &ex->text, i, hits, MAX_SENSES, &nh);
        /* Several entries may spell one place ("Zhejiang", "Zhèjiāng"): one province? */
        const char *province = len ? entity_province(ex, ex->place_meaning[hits[0]]) : NULL;
        const char *rule = len && ex->place_meaning[hits[0]].kind == ENT_CITY ? "city" : "name";
        for (size_t h = 1; h < nh && province; h++)
            if (strcmp(entity_province(ex, ex->place_meaning[hits[h]]), province) != 0)
                province = NULL;
        if (province && len <= s->tok + s->ntok - i)
            trawl_facets_add(out, TRAWL_FACET_PROVINCE, province, span_start(ex, i),
                             span_end(ex, i + len), sentence_of(ex, i), rule);
        i += len ? len : 1;
    }
}

/* Whether a name of the text ends just before token `tok` ("Hong Kong" before "Macao": "Kong"
 * is no family name there). */
static bool span_ending_at(const trawl_extractor *ex, size_t tok)
{
    for (size_t i = 0; i < ex->nspans; i++)
        if (ex->spans[i].tok + ex->spans[i].ntok == tok)
            return true;
    return false;
}

/* Whether word `i` is in `l` and in sentence `sentence`. */
static bool word_in(const trawl_extractor *ex, const wordlist *l, size_t i, unsigned sentence)
{
    return i < ex->text.n && sentence_of(ex, i) == sentence &&
           wordlist_match(l, &ex->text, i, NULL, 0, NULL) > 0;
}

static bool is_year_word(const char *w)
{
    return strlen(w) == 4 && strspn(w, "0123456789") == 4 && (w[0] == '1' || w[0] == '2');
}

/* Whether the span `s`, which means a place, names it here: not as part of a street's name
 * ("Weihai Road", "route Weihai", 烟台山), nor as a given name after a family name ("Liu
 * Shenyang"); and the capital, written in letters, as the city rather than the state: after a
 * locative word ("in Beijing", "в Пекине"; not "in Beijing's efforts") or before an
 * institution or event of the city ("Beijing Foreign Studies University", "Beijing 2022"),
 * never as "pro-Beijing" or "Beijing's efforts". */
static bool names_place_here(const trawl_extractor *ex, const name_span *s)
{
    const ftext *t = &ex->text;
    size_t a = s->tok, b = s->tok + s->ntok;
    unsigned sentence = sentence_of(ex, a);
    bool has_before = a > 0 && sentence_of(ex, a - 1) == sentence;
    if (word_in(ex, &ex->street_after, b, sentence) ||
        (has_before && word_in(ex, &ex->street_before, a - 1, sentence)))
        return false;
    if (has_before && t->toks[a - 1].upper && t->toks[a].upper &&
        word_in(ex, &ex->surnames, a - 1, sentence) && !span_ending_at(ex, a))
        return false;
    const char *province = entity_province(ex, s->senses[0]);
    bool letters = (unsigned char)t->text[t->toks[a].start] < 0xE0; /* Latin, Cyrillic */
    if (s->senses[0].kind != ENT_PROVINCE || !province || !letters ||
        strcmp(province, TRAWL_GAZETTEER_CAPITAL) != 0)
        return true;
    bool possessive = t->toks[b - 1].possessive; /* "Beijing's efforts" */
    return (has_before && !possessive && word_in(ex, &ex->locative_words, a - 1, sentence)) ||
           word_in(ex, &ex->place_heads, b, sentence) ||
           (b < t->n && sentence_of(ex, b) == sentence && is_year_word(ftext_term(t, b)));
}

/* Each province of the region the span names. */
static void region_provinces(trawl_extractor *ex, trawl_facets *out, const name_span *s)
{
    size_t n;
    const trawl_region *g = &trawl_gazetteer_regions(ex->gz, &n)[s->senses[0].index];
    size_t a = s->tok, b = s->tok + s->ntok;
    for (size_t i = 0; i < g->provinces.n; i++)
        trawl_facets_add(out, TRAWL_FACET_PROVINCE, g->provinces.items[i], span_start(ex, a),
                         span_end(ex, b), sentence_of(ex, a), "region");
}

static void emit_names(trawl_extractor *ex, trawl_facets *out)
{
    size_t n;
    const trawl_center *centers = trawl_gazetteer_centers(ex->gz, &n);
    for (size_t i = 0; i < ex->nspans; i++) {
        const name_span *s = &ex->spans[i];
        if (s->nsenses != 1)
            continue;
        entity e = s->senses[0];
        size_t a = s->tok, b = s->tok + s->ntok;
        if (e.kind == ENT_CENTER)
            add_center(ex, out, &centers[e.index], a, b, "name");
        else if (e.kind == ENT_OPERATOR)
            inner_places(ex, out, s);
        else if (e.kind == ENT_REGION)
            region_provinces(ex, out, s);
        else if (names_place_here(ex, s))
            trawl_facets_add(out, TRAWL_FACET_PROVINCE, entity_province(ex, e), span_start(ex, a),
                             span_end(ex, b), sentence_of(ex, a),
                             e.kind == ENT_CITY ? "city" : "name");
    }
}

/* "<Place> ICC", "<Place> International Communication Center", "<地名>国际传播中心". */
static void place_then_center(trawl_extractor *ex, trawl_facets *out)
{
    const ftext *t = &ex->text;
    for (size_t i = 0; i < ex->nspans; i++) {
        const name_span *s = &ex->spans[i];
        size_t j = s->tok + s->ntok;
        if (s->nsenses != 1 || !is_place(s->senses[0]) || j >= t->n ||
            sentence_of(ex, j) != sentence_of(ex, s->tok))
            continue;
        size_t len = wordlist_match(&ex->center_words, t, j, NULL, 0, NULL);
        if (len)
            add_place_center(ex, out, s->senses[0], s->tok, j + len, "place + ICC");
    }
}

/* The name span starting at token `tok` that means one place, or NULL. */
static const name_span *place_at(const trawl_extractor *ex, size_t tok)
{
    for (size_t i = 0; i < ex->nspans; i++)
        if (ex->spans[i].tok == tok && ex->spans[i].nsenses == 1 &&
            is_place(ex->spans[i].senses[0]))
            return &ex->spans[i];
    return NULL;
}

static const name_span *span_at(const trawl_extractor *ex, size_t tok);
static size_t capitalised_run(const trawl_extractor *ex, size_t from);
static void slug(const trawl_extractor *ex, size_t a, size_t b, trawl_buf *out);
static const char *province_within(const trawl_extractor *ex, size_t a, size_t b);

/* "<center word> of / de <Place>" ("Centro de Comunicação Internacional de Sichuan", "the
 * International Communication Centers of Dongguan Daily"), and "<center word> <Place>" where a
 * language puts the place after it in the genitive ("Центр международной коммуникации
 * Цзилиня"). */
static void center_of_place(trawl_extractor *ex, trawl_facets *out)
{
    const ftext *t = &ex->text;
    trawl_buf key = TRAWL_BUF_INIT, name = TRAWL_BUF_INIT;
    for (size_t k = 0; k < t->n; k++) {
        size_t len = wordlist_match(&ex->center_words, t, k, NULL, 0, NULL);
        if (!len)
            continue;
        size_t p = k + len;
        if (p < t->n && wordlist_match(&ex->of_words, t, p, NULL, 0, NULL))
            p++;
        const name_span *place =
            p < t->n && sentence_of(ex, p) == sentence_of(ex, k) ? place_at(ex, p) : NULL;
        if (place) {
            add_place_center(ex, out, place->senses[0], k, place->tok + place->ntok,
                             "ICC of place");
        } else if (p > k + len && p < t->n && sentence_of(ex, p) == sentence_of(ex, k) &&
                   t->toks[k].upper && wordlist_match(&ex->center_heads, t, k, NULL, 0, NULL) &&
                   !span_at(ex, p)) {
            /* "Centro de Comunicación Internacional de Anji Yucun": a name the gazetteer
             * lacks, capitalised, after a center word that puts its name last */
            size_t b = capitalised_run(ex, p);
            while (b > p && wordlist_match(&ex->connectors, t, b - 1, NULL, 0, NULL))
                b--;
            if (b > p && b - p <= 4) {
                slug(ex, p, b, &key);
                trawl_buf_reset(&name);
                trawl_buf_append(&name, t->text + span_start(ex, k),
                                 span_end(ex, b) - span_start(ex, k));
                if (!key.failed && !name.failed)
                    add_new_center(ex, out, key.data, name.data, province_within(ex, p, b), k, b,
                                   "ICC of name");
            }
        }
        k = p - 1;
    }
    trawl_buf_free(&key);
    trawl_buf_free(&name);
}

/* "<center word> ... founded / inaugurated in <Place>" ("China's latest ICC has been founded
 * in Luoyang"): a center word at most a few words before the creation word, no other name
 * between. */
static void center_founded_in(trawl_extractor *ex, trawl_facets *out)
{
    const ftext *t = &ex->text;
    for (size_t i = 0; i < t->n; i++) {
        size_t verb = wordlist_match(&ex->creation_verbs, t, i, NULL, 0, NULL);
        if (!verb)
            continue;
        size_t in = i + verb;
        const name_span *place = NULL;
        if (in + 1 < t->n && sentence_of(ex, in) == sentence_of(ex, i) &&
            wordlist_match(&ex->locative_words, t, in, NULL, 0, NULL) &&
            sentence_of(ex, in + 1) == sentence_of(ex, i))
            place = place_at(ex, in + 1);
        if (!place)
            continue;
        size_t from = i > CUE_REACH ? i - CUE_REACH : 0, center = SIZE_MAX;
        for (size_t k = from; k < i; k++)
            if (sentence_of(ex, k) == sentence_of(ex, i) &&
                wordlist_match(&ex->center_words, t, k, NULL, 0, NULL))
                center = k;
        bool named_between = false;
        for (size_t n = 0; n < ex->nspans && center != SIZE_MAX; n++)
            named_between |= ex->spans[n].tok > center && ex->spans[n].tok < i;
        if (center != SIZE_MAX && !named_between)
            add_place_center(ex, out, place->senses[0], center, place->tok + place->ntok,
                             "ICC founded in");
    }
}

/* The name span starting at token `tok`, or NULL. */
static const name_span *span_at(const trawl_extractor *ex, size_t tok)
{
    for (size_t i = 0; i < ex->nspans; i++)
        if (ex->spans[i].tok == tok)
            return &ex->spans[i];
    return NULL;
}

/* The nearest name before token `tok` in its sentence, within `reach` words, or NULL. */
static const name_span *span_before(const trawl_extractor *ex, size_t tok, size_t reach)
{
    for (size_t i = ex->nspans; i-- > 0;) {
        const name_span *s = &ex->spans[i];
        if (s->tok + s->ntok > tok || s->nsenses != 1)
            continue;
        if (tok - s->tok > reach || sentence_of(ex, s->tok) != sentence_of(ex, tok))
            return NULL;
        return s;
    }
    return NULL;
}

/* "the city of Yichun in Jiangxi province launched ...": when the nearest place is a province
 * and a city of that province comes just before it, the city is the subject. */
static const name_span *more_specific(const trawl_extractor *ex, const name_span *s, size_t tok)
{
    if (!s || s->senses[0].kind != ENT_PROVINCE)
        return s;
    const char *province = entity_province(ex, s->senses[0]);
    for (const name_span *p = s; p-- > ex->spans;) {
        if (tok - p->tok > SUBJECT_REACH || sentence_of(ex, p->tok) != sentence_of(ex, tok))
            break;
        if (p->nsenses == 1 && p->senses[0].kind == ENT_CITY &&
            strcmp(entity_province(ex, p->senses[0]), province) == 0)
            return p;
    }
    return s;
}

/* A run of capitalised words from `from` (small connecting words allowed inside): its end. */
static size_t capitalised_run(const trawl_extractor *ex, size_t from)
{
    const ftext *t = &ex->text;
    size_t end = from;
    for (size_t i = from; i < t->n && sentence_of(ex, i) == sentence_of(ex, from); i++) {
        if (t->toks[i].upper || t->toks[i].kind == TRAWL_TOKEN_IDEOGRAPHIC)
            end = i + 1;
        else if (!wordlist_match(&ex->connectors, t, i, NULL, 0, NULL))
            break;
    }
    return end;
}

/* A key from words [a, b): their folded forms joined by '-' (Han words by nothing). */
static void slug(const trawl_extractor *ex, size_t a, size_t b, trawl_buf *out)
{
    const ftext *t = &ex->text;
    trawl_buf_reset(out);
    for (size_t i = a; i < b; i++) {
        bool han = i > a && t->toks[i].kind == TRAWL_TOKEN_IDEOGRAPHIC &&
                   t->toks[i - 1].kind == TRAWL_TOKEN_IDEOGRAPHIC; /* 长江文化, not 长江-文化 */
        if (out->len && !han)
            trawl_buf_putc(out, '-');
        for (const char *c = ftext_term(&ex->text, i); *c; c++)
            trawl_buf_putc(out, (*c == ' ' || *c == ':' || *c == '\'') ? '-' : *c);
    }
}

/* A center named after a cue: "an ICC called X", "... brands itself as X". */
static void named_centers(trawl_extractor *ex, trawl_facets *out)
{
    const ftext *t = &ex->text;
    trawl_buf key = TRAWL_BUF_INIT, name = TRAWL_BUF_INIT;
    for (size_t i = 0; i < t->n; i++) {
        size_t cue = wordlist_match(&ex->naming_cues, t, i, NULL, 0, NULL);
        if (!cue)
            continue;
        bool after_center = false;
        for (size_t k = i > CUE_REACH ? i - CUE_REACH : 0; k < i && !after_center; k++)
            after_center = sentence_of(ex, k) == sentence_of(ex, i) &&
                           wordlist_match(&ex->center_words, t, k, NULL, 0, NULL);
        size_t a = i + cue;
        if (!after_center || a >= t->n)
            continue;
        if (strcmp(ftext_term(t, a), "as") == 0 && a + 1 < t->n) /* "brands itself as" */
            a++;
        if (strcmp(ftext_term(t, a), "the") == 0 && a + 1 < t->n)
            a++;
        if (span_at(ex, a)) /* a name the gazetteer knows: already counted */
            continue;
        size_t b = capitalised_run(ex, a);
        while (b > a && wordlist_match(&ex->connectors, t, b - 1, NULL, 0, NULL))
            b--;
        if (b == a)
            continue;
        slug(ex, a, b, &key);
        trawl_buf_reset(&name);
        trawl_buf_append(&name, t->text + span_start(ex, a), span_end(ex, b) - span_start(ex, a));
        const name_span *place = span_before(ex, i, SUBJECT_REACH);
        const char *province = place ? entity_province(ex, place->senses[0]) : NULL;
        if (!key.failed && !name.failed)
            add_new_center(ex, out, key.data, name.data, province, a, b, "named");
    }
    trawl_buf_free(&key);
    trawl_buf_free(&name);
}

/* "<Subject> launched / formed / set up ... an ICC": the subject is the nearest name before
 * the verb (an organisation that runs a center, or a place), else a capitalised name just
 * before it. A center named by a cue right after ("an ICC called X") is left to the cue. */
static void set_up_centers(trawl_extractor *ex, trawl_facets *out)
{
    const ftext *t = &ex->text;
    size_t n;
    const trawl_center *centers = trawl_gazetteer_centers(ex->gz, &n);
    trawl_buf key = TRAWL_BUF_INIT, name = TRAWL_BUF_INIT;
    for (size_t i = 0; i < t->n; i++) {
        size_t verb = wordlist_match(&ex->creation_verbs, t, i, NULL, 0, NULL);
        if (!verb)
            continue;
        size_t k = i + verb, skipped = 0;
        size_t len;
        while (skipped < 5 && k < t->n && sentence_of(ex, k) == sentence_of(ex, i) &&
               !wordlist_match(&ex->center_words, t, k, NULL, 0, NULL) &&
               wordlist_match(&ex->object_words, t, k, NULL, 0, NULL)) {
            k++;
            skipped++;
        }
        if (k >= t->n || sentence_of(ex, k) != sentence_of(ex, i) ||
            !(len = wordlist_match(&ex->center_words, t, k, NULL, 0, NULL)))
            continue;
        size_t after = k + len;
        if (after < t->n && (strcmp(ftext_term(t, after), "that") == 0 ||
                             strcmp(ftext_term(t, after), "which") == 0))
            after++;
        if (after < t->n && wordlist_match(&ex->naming_cues, t, after, NULL, 0, NULL))
            continue;
        const name_span *subject = more_specific(ex, span_before(ex, i, SUBJECT_REACH), i);
        if (subject && subject->senses[0].kind == ENT_OPERATOR) {
            add_center(ex, out, &centers[subject->senses[0].index], subject->tok, k + len,
                       "set up by");
        } else if (subject && is_place(subject->senses[0])) {
            add_place_center(ex, out, subject->senses[0], subject->tok, k + len, "set up in");
        } else if (!subject && i > 0) {
            /* An organisation the gazetteer does not know: capitalised words before the
             * verb, at least two ("It launched" names nothing). */
            size_t b = i, a = i;
            while (a > 0 && sentence_of(ex, a - 1) == sentence_of(ex, i) &&
                   (t->toks[a - 1].upper ||
                    (a - 1 > 0 && t->toks[a - 2].upper &&
                     wordlist_match(&ex->connectors, t, a - 1, NULL, 0, NULL))))
                a--;
            if (a < b && strcmp(ftext_term(t, a), "the") == 0)
                a++;
            if (b - a < 2)
                continue;
            slug(ex, a, b, &key);
            trawl_buf_reset(&name);
            trawl_buf_append(&name, t->text + span_start(ex, a),
                             span_end(ex, b) - span_start(ex, a));
            trawl_buf_puts(&name, " ICC");
            if (!key.failed && !name.failed)
                add_new_center(ex, out, key.data, name.data, NULL, a, k + len, "set up by");
        }
    }
    trawl_buf_free(&key);
    trawl_buf_free(&name);
}

/* The name span holding token `tok`, or NULL. */
static const name_span *span_holding(const trawl_extractor *ex, size_t tok)
{
    for (size_t i = 0; i < ex->nspans; i++)
        if (ex->spans[i].tok <= tok && tok < ex->spans[i].tok + ex->spans[i].ntok)
            return &ex->spans[i];
    return NULL;
}

/* Characters of word `i`. */
static size_t code_points_of(const ftext *t, size_t i)
{
    size_t n = 0;
    for (size_t b = t->toks[i].start; b < t->toks[i].end; b++)
        n += ((unsigned char)t->text[b] & 0xC0) != 0x80;
    return n;
}

/* The province of the one place named inside words [a, b), or NULL (none, or several). */
static const char *province_within(const trawl_extractor *ex, size_t a, size_t b)
{
    const char *found = NULL;
    for (size_t i = 0; i < ex->nspans; i++) {
        const name_span *s = &ex->spans[i];
        if (s->tok < a || s->tok + s->ntok > b || s->nsenses != 1 || !is_place(s->senses[0]))
            continue;
        const char *p = entity_province(ex, s->senses[0]);
        if (found && p && strcmp(found, p) != 0)
            return NULL;
        found = p;
    }
    return found;
}

/* Whether only spaces stand between words `a` and `a + 1`. */
static bool spaced(const ftext *t, size_t a)
{
    for (size_t i = t->toks[a].end; i < t->toks[a + 1].start; i++)
        if (t->text[i] != ' ')
            return false;
    return true;
}

/* The first word of the name just before the center word at `k`, or `k` when there is none:
 * capitalised words before a capitalised center word ("Weifang Bohai", "Yangtze Culture",
 * "Anji Yucun" International Communication Center), or, in Chinese and Japanese, the Han words
 * written against it ("长江文化国际传播中心"); never generic words ("China's latest", 首个) nor
 * across punctuation ("Tag: International ..."). */
static size_t name_before_center(const trawl_extractor *ex, size_t k)
{
    const ftext *t = &ex->text;
    bool han = t->toks[k].kind == TRAWL_TOKEN_IDEOGRAPHIC;
    if (!han && !t->toks[k].upper)
        return k;
    size_t a = k;
    while (a > 0 && k - a < 5 && sentence_of(ex, a - 1) == sentence_of(ex, k)) {
        const ftoken *w = &t->toks[a - 1];
        bool joined =
            han ? w->kind == TRAWL_TOKEN_IDEOGRAPHIC && w->end == t->toks[a].start
                : spaced(t, a - 1) &&
                      (w->upper || (a - 1 > 0 && t->toks[a - 2].upper && a < k &&
                                    wordlist_match(&ex->connectors, t, a - 1, NULL, 0, NULL)));
        if (!joined || wordlist_match(&ex->generic_words, t, a - 1, NULL, 0, NULL) ||
            wordlist_match(&ex->creation_verbs, t, a - 1, NULL, 0, NULL) ||
            wordlist_match(&ex->object_words, t, a - 1, NULL, 0, NULL))
            break;
        a--;
    }
    while (a < k && wordlist_match(&ex->connectors, t, a, NULL, 0, NULL))
        a++;
    if (a == k || !han)
        return a;
    /* Han: a name of words of two characters or more, four at least ("长江文化"), unless it
     * names a place (首批, 区域性 and 级 name nothing) */
    size_t chars = 0;
    for (size_t i = a; i < k; i++) {
        size_t n = code_points_of(t, i);
        if (n < 2 && !province_within(ex, a, k))
            return k;
        chars += n;
    }
    return chars >= 4 || province_within(ex, a, k) ? a : k;
}

/* "<Name> International Communication Center" and "<名>国际传播中心" where the name is not one the
 * gazetteer holds: a center of its own, keyed by its name's words, in the province of a place
 * it names (if one). A known place alone before the center word is place_then_center's. */
static void named_before_center(trawl_extractor *ex, trawl_facets *out)
{
    const ftext *t = &ex->text;
    trawl_buf key = TRAWL_BUF_INIT, name = TRAWL_BUF_INIT;
    for (size_t k = 1; k < t->n; k++) {
        size_t len = wordlist_match(&ex->center_words, t, k, NULL, 0, NULL);
        const char *last = len ? ftext_term(t, k + len - 1) : "";
        if (!len || span_holding(ex, k) || strcmp(ftext_term(t, k), "icc") == 0 ||
            last[strlen(last) - 1] == 's' ||                        /* "... Centers": several */
            wordlist_match(&ex->center_heads, t, k, NULL, 0, NULL)) /* the name comes after */
            continue;
        size_t a = name_before_center(ex, k);
        const name_span *alone = a < k ? place_at(ex, a) : NULL;
        bool known = a == k || (alone && alone->tok + alone->ntok == k);
        for (size_t w = a; w < k && !known; w++) {
            const name_span *h = span_holding(ex, w);
            known = h && h->nsenses == 1 && !is_place(h->senses[0]); /* a center's or region's */
        }
        if (known) {
            k += len - 1;
            continue;
        }
        slug(ex, a, k, &key);
        trawl_buf_reset(&name);
        trawl_buf_append(&name, t->text + span_start(ex, a),
                         span_end(ex, k + len) - span_start(ex, a));
        if (!key.failed && !name.failed)
            add_new_center(ex, out, key.data, name.data, province_within(ex, a, k), a, k + len,
                           "named ICC");
        k += len - 1;
    }
    trawl_buf_free(&key);
    trawl_buf_free(&name);
}

/* The place (province or city) one of whose names is `name` exactly, or false. */
static bool place_named(const trawl_extractor *ex, const char *name, size_t len, entity *out)
{
    size_t n;
    const trawl_province *p = trawl_gazetteer_provinces(ex->gz, &n);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < p[i].aliases.n; k++)
            if (strlen(p[i].aliases.items[k]) == len &&
                memcmp(p[i].aliases.items[k], name, len) == 0) {
                *out = (entity){ENT_PROVINCE, i};
                return true;
            }
    const trawl_city *c = trawl_gazetteer_cities(ex->gz, &n);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < c[i].aliases.n; k++)
            if (strlen(c[i].aliases.items[k]) == len &&
                memcmp(c[i].aliases.items[k], name, len) == 0) {
                *out = (entity){ENT_CITY, i};
                return true;
            }
    return false;
}

/* Korean writes a center's name and the center word as one word, a particle often after it
 * ("후베이국제전파센터가"): the name before the center word is a place of the gazetteer, or a
 * center of its own. */
static void korean_centers(trawl_extractor *ex, trawl_facets *out)
{
    static const char *const words[] = {"국제전파센터", "국제커뮤니케이션센터", "국제소통센터"};
    const ftext *t = &ex->text;
    trawl_buf name = TRAWL_BUF_INIT;
    for (size_t i = 0; i < t->n; i++) {
        const char *w = t->text + t->toks[i].start;
        size_t len = t->toks[i].end - t->toks[i].start;
        unsigned char lead = (unsigned char)w[0];
        if (t->toks[i].kind != TRAWL_TOKEN_LETTER || lead < 0xEA || lead > 0xED)
            continue; /* Hangul syllables, U+AC00..U+D7A3, lead with EA..ED */
        for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
            const char *at = NULL;
            for (size_t p = 3; p + strlen(words[k]) <= len && !at; p += 3)
                if (memcmp(w + p, words[k], strlen(words[k])) == 0)
                    at = w + p;
            if (!at)
                continue;
            entity place;
            size_t plen = (size_t)(at - w);
            if (place_named(ex, w, plen, &place)) {
                add_place_center(ex, out, place, i, i + 1, "place + ICC");
            } else {
                trawl_buf_reset(&name);
                trawl_buf_append(&name, w, plen);
                trawl_buf_puts(&name, words[k]);
                char *key = trawl_strndup(w, plen);
                if (key && !name.failed)
                    add_new_center(ex, out, key, name.data, NULL, i, i + 1, "named ICC");
                free(key);
            }
            break;
        }
    }
    trawl_buf_free(&name);
}

void extract_places(trawl_extractor *ex, trawl_facets *out)
{
    find_names(ex, out);
    resolve_senses(ex);
    emit_names(ex, out);
    place_then_center(ex, out);
    named_before_center(ex, out);
    korean_centers(ex, out);
    center_of_place(ex, out);
    center_founded_in(ex, out);
    named_centers(ex, out);
    set_up_centers(ex, out);
}
