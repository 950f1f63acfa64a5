/* extract.c: the extractor's setup (the gazetteer's names and the pattern words, analysed
 * with the documents' analyzer) and one extraction: places and centers, years, and the
 * centers' foundings. */
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facets/extract_impl.h"

/* What names a center, in the corpus's languages (matched as folded words). */
static const char *const center_words[] = {"ICC",
                                           "International Communication Center",
                                           "International Communication Centre",
                                           "International Communications Center",
                                           "International Communications Centre",
                                           "International Communication Centers",
                                           "International Communication Centres",
                                           "International Media Center",
                                           "International Media Centre",
                                           "Intl Communication Center",
                                           "Int'l Communication Center",
                                           "国际传播中心",
                                           "國際傳播中心",
                                           "国際伝播センター",
                                           "国際コミュニケーションセンター",
                                           "国際メディアセンター",
                                           "국제전파센터",
                                           "국제커뮤니케이션센터",
                                           "Centro de Comunicação Internacional",
                                           "Centro de Comunicación Internacional",
                                           "Centro di Comunicazione Internazionale",
                                           "Centre de communication internationale",
                                           "Centre international de communication",
                                           "Internationales Kommunikationszentrum",
                                           "Internationale Kommunikationszentrum",
                                           "Центр международной коммуникации",
                                           "Международный коммуникационный центр",
                                           "Trung tâm Truyền thông Quốc tế",
                                           NULL};

/* The first words of center words that put the center's name after them. */
static const char *const center_heads[] = {"centro", "centre", "центр", "trung", NULL};

/* Words between a center word and its place ("Centro de Comunicação Internacional de
 * Sichuan", "the International Communication Centers of Dongguan Daily"). */
static const char *const of_words[] = {"of",  "de",  "da", "do",    "di",
                                       "del", "des", "du", "della", NULL};

/* Centers in general: a sentence with these speaks of many. */
static const char *const center_plurals[] = {"ICCs",
                                             "International Communication Centers",
                                             "International Communication Centres",
                                             "centers",
                                             "centres",
                                             NULL};

static const char *const creation_verbs[] = {
    /* English */
    "launched", "launches", "launch", "launching", "established", "establishes", "establish",
    "establishing", "formed", "forms", "form", "forming", "created", "creates", "create",
    "creating", "inaugurated", "inaugurates", "inaugurate", "founded", "founds", "found", "opened",
    "opens", "open", "unveiled", "unveils", "unveil", "set up", "sets up", "setting up", "built",
    "builds", "build", "opening of", "launch of", "creation of", "establishment of", "founding of",
    "inauguration of", "unveiling of",
    /* Chinese (Simplified and Traditional) and Japanese */
    "成立", "成立了", "设立", "設立", "建立", "组建", "組建", "挂牌", "掛牌", "揭牌", "创建",
    "創建", "创立", "創立", "启动", "啟動", "上线", "上線", "开设", "開設", "発足", "創設",
    "设立了", "揭牌成立",
    /* Korean */
    "설립", "설립된", "설립했다", "출범", "출범한", "출범했다", "개설", "발족",
    /* Portuguese, Spanish, Italian, French */
    "inaugurado", "inaugurada", "inaugurou", "lançado", "lançada", "lançou", "criado", "criada",
    "criou", "fundado", "fundada", "estabelecido", "estabelecida", "lanzado", "lanzada", "lanzó",
    "creado", "creada", "creó", "inauguró", "establecido", "establecida", "inaugurato",
    "inaugurata", "lanciato", "lanciata", "creato", "creata", "fondato", "fondata", "istituito",
    "istituita", "inauguré", "inaugurée", "lancé", "lancée", "créé", "créée", "fondé", "fondée",
    /* German */
    "gegründet", "eröffnet", "gestartet", "ins leben gerufen",
    /* Russian */
    "создан", "создана", "создано", "созданный", "создал", "создали", "открыт", "открыта", "открыл",
    "открыли", "запущен", "запущена", "запустил", "основан", "основана", "учрежден", "учреждён",
    "учреждена", "создание", "создании", "открытие",
    /* Vietnamese, Indonesian, Thai */
    "thành lập", "ra mắt", "khai trương", "didirikan", "diluncurkan", "diresmikan", "ก่อตั้ง", "เปิดตัว",
    "จัดตั้ง", NULL};

static const char *const object_words[] = {
    "a",     "an",       "its",        "own",       "their",    "the",    "first", "new",
    "in",    "house",    "provincial", "municipal", "city",     "county", "level", "dedicated",
    "local", "regional", "third",      "second",    "official", "了",     "一个",  "一個",
    "首个",  "首個",     "个",         "個",        NULL};

static const char *const naming_cues[] = {"called",       "named",          "dubbed",
                                          "known as",     "brands itself",  "branded as",
                                          "brand itself", "under the name", NULL};

static const char *const connectors[] = {"and", "of", "the", "for", "de", "da", "do", NULL};

static const char *const date_words[] = {
    /* English */
    "in", "since", "from", "by", "until", "till", "through", "during", "before", "after", "around",
    "early", "late", "mid", "of", "to", "year", "years", "circa", "fiscal", "between", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec",
    /* Portuguese, Spanish, French, Italian, German, Indonesian, Vietnamese */
    "em", "desde", "en", "dès", "depuis", "nel", "dal", "im", "seit", "jahr", "pada", "tahun",
    "sejak", "năm", "janeiro", "fevereiro", "março", "maio", "junho", "julho", "agosto", "setembro",
    "outubro", "novembro", "dezembro", "enero", "febrero", "marzo", "mayo", "junio", "julio",
    "septiembre", "octubre", "noviembre", "diciembre", "janvier", "février", "mars", "avril", "mai",
    "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre", "gennaio",
    "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre",
    "januar", "februar", "juni", "juli", "oktober", "dezember", "januari", "februari", "maret",
    "agustus", "desember",
    /* Russian: months in the genitive, the locative and the nominative */
    "в", "с", "по", "до", "году", "год", "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря", "январе", "феврале", "марте",
    "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре", "ноябре", "декабре",
    "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
    "ноябрь", "декабрь",
    /* the word "year" */
    "ano", "año", "anno", "année", "an", "jahr", "ปี", "ในปี", "ค.ศ.",
    /* Thai months */
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน",
    "ตุลาคม", "พฤศจิกายน", "ธันวาคม", NULL};

/* Words before a center word that are no part of its name ("China's latest", 首个地市级). */
static const char *const generic_words[] = {
    "the",   "a",        "an",      "its",      "their",      "this",      "that",   "our",
    "china", "china's",  "chinese", "el",       "la",         "le",        "les",    "il",
    "lo",    "los",      "las",     "o",        "os",         "der",       "die",    "das",
    "first", "new",      "latest",  "national", "provincial", "municipal", "city",   "county",
    "level", "regional", "local",   "official", "首个",       "首個",      "地市级", "地市級",
    "省级",  "省級",     "市级",    "市級",     "县级",       "縣級",      "区域",   "區域",
    "地方",  "该",       "該",      "本",       "全国",       "全國",      "中国",   "中國",
    "国家",  "國家",     "各地",    "我国",     "我國",       "一个",      "一個",   "这个",
    "這個",  "新",       "的",      "了",       "在",         "和",        "与",     "與",
    "及",    "是",       "为",      "為",       "由",         "对",        "對",     "将",
    "將",    "个",       "個",      "首家",     "多个",       "多個",      "省",     "市",
    "县",    "縣",       "区",      "區",       "共建",       "建设",      "建設",   "打造",
    "支持",  "加入",     "推动",    "推動",     "各",         "等",        NULL};

/* Events named with their year ("Expo 2023", "APEC 2026", "Медиафорум-2017"). */
static const char *const event_words[] = {
    "expo",   "forum",      "summit",      "games", "olympics",   "congress", "festival", "fair",
    "cup",    "conference", "biennale",    "форум", "медиафорум", "саммит",   "fórum",    "cúpula",
    "sommet", "gipfel",     "medienforum", "foro",  "cumbre",     NULL};

static const char *const year_suffix[] = {"年", "年度", NULL};

/* Words joining two years ("in 1991 and 1995"). */
static const char *const conjunctions[] = {"and", "et",   "y",   "e",  "und", "и",  "ou", "o",
                                           "or",  "oder", "или", "和", "与",  "與", "及", NULL};

/* Words before a place that make it one: the capital's name counts as the city, not the
 * state ("pro-Beijing", "Beijing's efforts"), only after these or before place_heads. */
static const char *const locative_words[] = {
    "in",   "at",     "to",         "near",  "around",  "outside",  "inside",
    "into", "across", "throughout", "visit", "visited", "visiting", "à",
    "au",   "en",     "em",         "no",    "na",      "nel",      "nella",
    "a",    "nach",   "в",          "во",    "под",     "около",    NULL};

/* Words after a place that make it one: institutions and events of the city itself. */
static const char *const place_heads[] = {
    "university",  "universities", "daily",      "municipality", "municipal",   "city",
    "district",    "districts",    "airport",    "olympics",     "olympic",     "games",
    "office",      "bureau",       "station",    "hotel",        "subway",      "metro",
    "normal",      "foreign",      "capital",    "residents",    "universität", "université",
    "universidad", "universidade", "università", "университет",  NULL};

/* Words that make a place's name part of a street's: after it, or before it. */
static const char *const street_after[] = {"road", "rd",     "street",  "avenue", "ave", "lane",
                                           "lu",   "straße", "strasse", "路",     "街",  "大街",
                                           "大道", "巷",     "山",      NULL};
static const char *const street_before[] = {"route", "rue",   "avenue",   "via",
                                            "viale", "calle", "rua",      "avenida",
                                            "улица", "ул",    "проспект", NULL};

/* Chinese family names in pinyin: a city's name right after one is a given name
 * ("Liu Shenyang"). The most common hundred. */
static const char *const surnames[] = {
    "wang", "li",    "zhang", "liu",  "chen",  "yang", "huang", "zhao", "wu",    "zhou",  "xu",
    "sun",  "ma",    "zhu",   "hu",   "guo",   "he",   "gao",   "lin",  "luo",   "zheng", "liang",
    "xie",  "song",  "tang",  "han",  "feng",  "deng", "cao",   "peng", "zeng",  "xiao",  "tian",
    "dong", "pan",   "yuan",  "cai",  "jiang", "yu",   "du",    "ye",   "cheng", "wei",   "su",
    "lu",   "ding",  "ren",   "shen", "yao",   "jin",  "fan",   "fang", "shi",   "tan",   "liao",
    "zou",  "xiong", "qiu",   "meng", "qin",   "bai",  "jia",   "yan",  "xue",   "hou",   "lei",
    "long", "duan",  "hao",   "kong", "shao",  "wan",  "qian",  "dai",  "mo",    "kang",  "gu",
    "mao",  "qiao",  "yin",   "niu",  "xing",  "hong", "cui",   "gong", "mei",   "niu",   "ou",
    "tao",  "zhong", "xiang", "jiao", "wen",   "yi",   NULL};

static const char *const range_words[] = {"to", "through", "until", "till", "至", "到",
                                          "a",  "à",       "bis",   "al",   "по", NULL};

static const char *const carry_phrases[] = {"the same month",
                                            "that same month",
                                            "the same year",
                                            "that same year",
                                            "the following month",
                                            "the following year",
                                            "that year",
                                            "later that year",
                                            "the next month",
                                            "the next year",
                                            "the same day",
                                            "同月",
                                            "同年",
                                            "当月",
                                            "當月",
                                            NULL};

/* The pattern word lists of an extractor and their phrases, made and freed together. */
static const struct {
    size_t offset; /* of the wordlist in trawl_extractor */
    const char *const *phrases;
} pattern_lists[] = {
    {offsetof(trawl_extractor, center_words), center_words},
    {offsetof(trawl_extractor, center_plurals), center_plurals},
    {offsetof(trawl_extractor, locative_words), locative_words},
    {offsetof(trawl_extractor, place_heads), place_heads},
    {offsetof(trawl_extractor, street_after), street_after},
    {offsetof(trawl_extractor, street_before), street_before},
    {offsetof(trawl_extractor, surnames), surnames},
    {offsetof(trawl_extractor, conjunctions), conjunctions},
    {offsetof(trawl_extractor, of_words), of_words},
    {offsetof(trawl_extractor, center_heads), center_heads},
    {offsetof(trawl_extractor, event_words), event_words},
    {offsetof(trawl_extractor, generic_words), generic_words},
    {offsetof(trawl_extractor, creation_verbs), creation_verbs},
    {offsetof(trawl_extractor, object_words), object_words},
    {offsetof(trawl_extractor, naming_cues), naming_cues},
    {offsetof(trawl_extractor, connectors), connectors},
    {offsetof(trawl_extractor, date_words), date_words},
    {offsetof(trawl_extractor, year_suffix), year_suffix},
    {offsetof(trawl_extractor, range_words), range_words},
    {offsetof(trawl_extractor, carry_phrases), carry_phrases},
};

static wordlist *pattern_list(trawl_extractor *ex, size_t i)
{
    return (wordlist *)((char *)ex + pattern_lists[i].offset);
}

/* Adds each name to `list`, recording its entity in `*meaning`. */
static trawl_status add_to(trawl_extractor *ex, wordlist *list, entity **meaning, size_t *cap,
                           const trawl_names *names, entity what, trawl_error *err)
{
    for (size_t i = 0; i < names->n; i++) {
        trawl_status st;
        for (int stems = 0; stems < 2; stems++) {
            size_t e = wordlist_add(list, ex->an, names->items[i], stems, &st, err);
            if (st)
                return st;
            if (e == SIZE_MAX)
                continue;
            if (!trawl_array_grow((void **)meaning, cap, e, sizeof **meaning))
                return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
            (*meaning)[e] = what;
        }
    }
    return TRAWL_OK;
}

static trawl_status add_names(trawl_extractor *ex, const trawl_names *names, ent_kind kind,
                              size_t index, trawl_error *err)
{
    entity what = {kind, index};
    trawl_status st = add_to(ex, &ex->names, &ex->meaning, &ex->cmeaning, names, what, err);
    if (!st && (kind == ENT_PROVINCE || kind == ENT_CITY))
        st = add_to(ex, &ex->places, &ex->place_meaning, &ex->cplace_meaning, names, what, err);
    return st;
}

trawl_status trawl_extractor_new(const trawl_gazetteer *gz, trawl_analyzer *an,
                                 trawl_extractor **ex_out, trawl_error *err)
{
    trawl_status st;
    *ex_out = NULL;
    trawl_extractor *ex = calloc(1, sizeof *ex);
    if (!ex)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory creating an extractor");
    ex->gz = gz;
    ex->an = an;
    ex->names.by = MATCH_KEY;
    ex->places.by = MATCH_KEY;
    if ((st = trawl_breaks_new(TRAWL_BREAK_SENTENCES, &ex->sentences, err)))
        goto fail;
    size_t n;
    const trawl_province *p = trawl_gazetteer_provinces(gz, &n);
    for (size_t i = 0; i < n; i++)
        if ((st = add_names(ex, &p[i].aliases, ENT_PROVINCE, i, err)))
            goto fail;
    const trawl_city *c = trawl_gazetteer_cities(gz, &n);
    for (size_t i = 0; i < n; i++)
        if ((st = add_names(ex, &c[i].aliases, ENT_CITY, i, err)))
            goto fail;
    const trawl_center *k = trawl_gazetteer_centers(gz, &n);
    for (size_t i = 0; i < n; i++)
        if ((st = add_names(ex, &k[i].aliases, ENT_CENTER, i, err)) ||
            (st = add_names(ex, &k[i].operators, ENT_OPERATOR, i, err)))
            goto fail;
    const trawl_region *g = trawl_gazetteer_regions(gz, &n);
    for (size_t i = 0; i < n; i++)
        if ((st = add_names(ex, &g[i].aliases, ENT_REGION, i, err)))
            goto fail;
    for (size_t i = 0; i < sizeof pattern_lists / sizeof *pattern_lists; i++) {
        wordlist *l = pattern_list(ex, i);
        l->by = MATCH_TERM;
        if ((st = wordlist_add_all(l, an, pattern_lists[i].phrases, err)))
            goto fail;
    }
    *ex_out = ex;
    return TRAWL_OK;
fail:
    trawl_extractor_free(ex);
    return st;
}

void trawl_extractor_free(trawl_extractor *ex)
{
    if (!ex)
        return;
    trawl_breaks_free(ex->sentences);
    ftext_free(&ex->text);
    free(ex->spans);
    if (ex->borrowed) {
        free(ex);
        return;
    }
    wordlist_free(&ex->names);
    wordlist_free(&ex->places);
    for (size_t i = 0; i < sizeof pattern_lists / sizeof *pattern_lists; i++)
        wordlist_free(pattern_list(ex, i));
    free(ex->meaning);
    free(ex->place_meaning);
    free(ex);
}

/* One language's model in a set: its own analyser and the extractor whose word lists the
 * set's extractors of that language borrow (the model itself never extracts). */
typedef struct model {
    trawl_analyzer *an;
    trawl_extractor *ex;
} model;

struct trawl_extractor_set {
    const trawl_gazetteer *gz;
    pthread_mutex_t lock; /* guards models */
    model *models;
    size_t n, cap;
};

trawl_status trawl_extractor_set_new(const trawl_gazetteer *gz, trawl_extractor_set **set_out,
                                     trawl_error *err)
{
    trawl_extractor_set *set = calloc(1, sizeof *set);
    *set_out = set;
    if (!set)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    set->gz = gz;
    pthread_mutex_init(&set->lock, NULL);
    return TRAWL_OK;
}

void trawl_extractor_set_free(trawl_extractor_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->n; i++) {
        trawl_extractor_free(set->models[i].ex);
        trawl_analyzer_free(set->models[i].an);
    }
    free(set->models);
    pthread_mutex_destroy(&set->lock);
    free(set);
}

/* The model of `lang`, made when missing; call with the lock held. */
static trawl_status model_of(trawl_extractor_set *set, const char *lang, const model **out,
                             trawl_error *err)
{
    for (size_t i = 0; i < set->n; i++) {
        if (strcmp(trawl_analyzer_language(set->models[i].an), lang) == 0) {
            *out = &set->models[i];
            return TRAWL_OK;
        }
    }
    if (!trawl_array_grow((void **)&set->models, &set->cap, set->n, sizeof *set->models))
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    model m = {NULL, NULL};
    trawl_status st = trawl_analyzer_new(lang, &m.an, err);
    if (!st)
        st = trawl_extractor_new(set->gz, m.an, &m.ex, err);
    if (st) {
        trawl_analyzer_free(m.an);
        return st;
    }
    set->models[set->n] = m;
    *out = &set->models[set->n++];
    return TRAWL_OK;
}

trawl_status trawl_extractor_set_take(trawl_extractor_set *set, trawl_analyzer *an,
                                      trawl_extractor **ex_out, trawl_error *err)
{
    *ex_out = NULL;
    const model *m = NULL;
    pthread_mutex_lock(&set->lock);
    trawl_status st = model_of(set, trawl_analyzer_language(an), &m, err);
    /* Taken under the lock: another thread may move the array of models. */
    const trawl_extractor *shared = st ? NULL : m->ex;
    pthread_mutex_unlock(&set->lock);
    if (st)
        return st;
    trawl_extractor *ex = malloc(sizeof *ex);
    if (!ex)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory");
    /* The word lists and meanings are read only once made: a shallow copy shares them. */
    *ex = *shared;
    ex->an = an;
    ex->borrowed = true;
    ex->sentences = NULL;
    memset(&ex->text, 0, sizeof ex->text);
    ex->spans = NULL;
    ex->nspans = ex->cspans = 0;
    if ((st = trawl_breaks_new(TRAWL_BREAK_SENTENCES, &ex->sentences, err))) {
        free(ex);
        return st;
    }
    *ex_out = ex;
    return TRAWL_OK;
}

/* Whether sentence `s` says its date by reference to the one before ("the same month"). */
static bool carries_date(const trawl_extractor *ex, unsigned s)
{
    const ftext *t = &ex->text;
    for (size_t i = 0; i < t->n; i++)
        if (t->toks[i].sentence == s && wordlist_match(&ex->carry_phrases, t, i, NULL, 0, NULL))
            return true;
    return false;
}

/* Bytes between the spans [a0, a1) and [b0, b1): 0 when they overlap. */
static size_t gap(size_t a0, size_t a1, size_t b0, size_t b1)
{
    return a1 <= b0 ? b0 - a1 : b1 <= a0 ? a0 - b1 : 0;
}

/* The mention of `facet` in sentence `s` nearest to the bytes [v0, v1), or SIZE_MAX. */
static size_t nearest(const trawl_facets *out, trawl_facet_id facet, unsigned s, size_t v0,
                      size_t v1)
{
    size_t best = SIZE_MAX, best_gap = SIZE_MAX;
    for (size_t i = 0; i < out->n; i++) {
        const trawl_mention *m = &out->mentions[i];
        if (m->facet != facet || m->sentence != s)
            continue;
        size_t g = gap(v0, v1, m->start, m->end);
        if (g < best_gap) {
            best = i;
            best_gap = g;
        }
    }
    return best;
}

/* Whether sentence `s` speaks of a center by a word of its own ("the ICC", 国际传播中心) or of
 * centers in general ("ICCs"). */
static bool has_center_word(const trawl_extractor *ex, unsigned s)
{
    const ftext *t = &ex->text;
    for (size_t i = 0; i < t->n; i++)
        if (t->toks[i].sentence == s && (wordlist_match(&ex->center_words, t, i, NULL, 0, NULL) ||
                                         wordlist_match(&ex->center_plurals, t, i, NULL, 0, NULL)))
            return true;
    return false;
}

/* The one center sentence `s` names (several mentions of it count as one), or SIZE_MAX when it
 * names none or several. */
static size_t only_center(const trawl_facets *out, unsigned s)
{
    size_t found = SIZE_MAX;
    for (size_t i = 0; i < out->n; i++) {
        const trawl_mention *m = &out->mentions[i];
        if (m->facet != TRAWL_FACET_ICC || m->sentence != s)
            continue;
        if (found != SIZE_MAX && strcmp(out->mentions[found].value, m->value) != 0)
            return SIZE_MAX;
        found = i;
    }
    return found;
}

/* The foundings of the text: each creation word is paired with the center nearest to it in its
 * sentence and the year nearest to it there. A sentence dated by reference ("The same month,
 * Shenzhen Media Group formed an ICC") takes the year of the sentence before nearest to its
 * end; a sentence that names no center, nor speaks of centers in general ("26 provinces have
 * established ICCs as of 2022"), refers to the one center of the sentence before, if that
 * names exactly one ("This development, unveiled on September 2, 2024, ..."). */
static void find_foundings(trawl_extractor *ex, trawl_facets *out)
{
    const ftext *t = &ex->text;
    for (size_t i = 0; i < t->n; i++) {
        size_t words = wordlist_match(&ex->creation_verbs, t, i, NULL, 0, NULL);
        if (words == 0)
            continue;
        unsigned s = t->toks[i].sentence;
        size_t v0 = t->toks[i].start, v1 = t->toks[i + words - 1].end;
        size_t year = nearest(out, TRAWL_FACET_YEAR, s, v0, v1);
        if (year == SIZE_MAX && s > 0 && carries_date(ex, s))
            year = nearest(out, TRAWL_FACET_YEAR, s - 1, v0, v0);
        size_t center = nearest(out, TRAWL_FACET_ICC, s, v0, v1);
        if (center == SIZE_MAX && s > 0 && !has_center_word(ex, s))
            center = only_center(out, s - 1);
        i += words - 1;
        if (year == SIZE_MAX || center == SIZE_MAX)
            continue;
        size_t start = v0, end = v1;
        for (size_t k = 0; k < t->n; k++) {
            if (t->toks[k].sentence != s)
                continue;
            start = t->toks[k].start < start ? t->toks[k].start : start;
            end = t->toks[k].end > end ? t->toks[k].end : end;
        }
        trawl_facets_add_founding(out, out->mentions[center].value, atoi(out->mentions[year].value),
                                  start, end);
    }
}

bool trawl_extract_begin(trawl_extractor *ex, const char *text, size_t len)
{
    return ftext_begin(&ex->text, text, len);
}

int trawl_extract_word(void *ex, const trawl_term *word)
{
    return ftext_add(&((trawl_extractor *)ex)->text, word);
}

trawl_status trawl_extract(trawl_extractor *ex, const char *text, size_t len, trawl_facets *out,
                           trawl_error *err)
{
    trawl_extract_begin(ex, text, len);
    return trawl_extract_end(ex, false, out, err);
}

trawl_status trawl_extract_end(trawl_extractor *ex, bool fed, trawl_facets *out, trawl_error *err)
{
    trawl_facets_reset(out);
    trawl_status st = ftext_end(&ex->text, fed, ex->an, ex->sentences, err);
    if (st)
        return st;
    extract_places(ex, out);
    extract_years(ex, out);
    find_foundings(ex, out);
    if (out->failed)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory extracting facets");
    return TRAWL_OK;
}
