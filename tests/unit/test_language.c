/* test_language: language names, scripts and detection (with its accuracy against the shared
 * corpus's manifest when present), CJK bigrams, manifests and front matter. */
#include "support.h"

#include "check.h"
#include "common/fileio.h"
#include "readers/metadata.h"
#include "readers/reader.h"
#include "text/cjk.h"
#include "text/langid.h"
#include "text/language.h"

static const char *detect(trawl_langid *id, const char *text)
{
    static char code[16];
    if (!trawl_langid_detect(id, text, strlen(text), code))
        return "?";
    return code;
}

static int collect_pair(void *ctx, const char *pair, size_t len, unsigned pos)
{
    char *out = ctx;
    char item[32];
    snprintf(item, sizeof item, "%s%.*s@%u", *out ? " " : "", (int)len, pair, pos);
    strcat(out, item);
    return 0;
}

/* Detection of every document of ../shared/corpus against its manifest: prints the figure. */
static void manifest_accuracy(trawl_langid *id, const char *root)
{
    char path[2048];
    snprintf(path, sizeof path, "%.1000s/MANIFEST.tsv", root);
    trawl_manifest *m = NULL;
    if (trawl_manifest_load(path, &m, NULL) != TRAWL_OK) {
        CHECK(!shared_required("language detection against the shared manifest"));
        return;
    }
    FILE *f = fopen(path, "r");
    char line[4096];
    unsigned total = 0, right = 0;
    while (f && fgets(line, sizeof line, f)) {
        char *tab = strchr(line, '\t');
        if (!tab || strncmp(line, "file\t", 5) == 0)
            continue;
        *tab = '\0';
        const trawl_meta *meta = trawl_manifest_find(m, line);
        snprintf(path, sizeof path, "%.1000s/docs/%.900s", root, line);
        char *data = NULL;
        size_t len = 0;
        if (!meta || !meta->language || trawl_read_file(path, 1 << 24, &data, &len, NULL))
            continue;
        char code[16], want[16];
        snprintf(want, sizeof want, "%.*s", (int)strcspn(meta->language, "-"), meta->language);
        total++;
        if (trawl_langid_detect(id, data, len, code) && strcmp(code, want) == 0)
            right++;
        else
            fprintf(stderr, "  %s: manifest %s, detected %s\n", line, meta->language,
                    trawl_langid_detect(id, data, len, code) ? code : "nothing");
        free(data);
    }
    if (f)
        fclose(f);
    trawl_manifest_free(m);
    printf("language detection against the shared manifest: %u of %u documents (%.1f%%)\n", right,
           total, total ? 100.0 * right / total : 0.0);
    CHECK(total > 0 && right * 100 >= total * 90);
}

/* The language guesser, for the cases that detect. */
static trawl_langid *id;

static void setup(void)
{
    trawl_error err;
    if (trawl_langid_new(&id, &err)) {
        fprintf(stderr, "%s\n", err.message);
        exit(1);
    }
}

static void teardown(void)
{
    trawl_langid_free(id);
}

/* Language names and codes. */
static void language_names_and_codes(void)
{
    CHECK_STR(trawl_language_name("zh"), "Chinese");
    CHECK_STR(trawl_language_name("xx"), "xx");
    CHECK_STR(trawl_language_code("Russian"), "ru");
    CHECK_STR(trawl_language_code("russian"), "ru");
    CHECK_STR(trawl_language_code("pt"), "pt");
    CHECK(trawl_language_code("Klingon") == NULL);
}

/* Scripts: Han alone is Chinese, kana makes Japanese. */
static void scripts_han_alone_is_chinese(void)
{
    CHECK_INT(trawl_script_of("重庆国际传播中心", 24), TRAWL_SCRIPT_HAN);
    CHECK_INT(trawl_script_of("東京でニュースを読む", 30), TRAWL_SCRIPT_KANA);
    CHECK_INT(trawl_script_of("Харбин 2017", 17), TRAWL_SCRIPT_CYRILLIC);
    CHECK_INT(trawl_script_of("12, 34.", 7), TRAWL_SCRIPT_NONE);
    CHECK_INT(trawl_language_script("ja"), TRAWL_SCRIPT_KANA);
    CHECK_INT(trawl_language_script("fr"), TRAWL_SCRIPT_LATIN);
}

/* Detection: by script for CJK, Thai and Korean; by n-grams otherwise. */
static void detection_by_script_for_cjk_thai(void)
{
    CHECK_STR(detect(id, "重庆国际传播中心成立于二〇一八年。"), "zh");
    CHECK_STR(detect(id, "東京でニュースを読む人が増えています。"), "ja");
    CHECK_STR(detect(id, "서울에서 열린 회의에 많은 기자들이 참석했다."), "ko");
    CHECK_STR(detect(id, "ภาษาไทยเป็นภาษาราชการของประเทศไทย"), "th");
    CHECK_STR(detect(id, "The provincial center publishes news for readers abroad every day "
                         "in several languages."),
              "en");
    CHECK_STR(detect(id, "Le centre provincial publie chaque jour des nouvelles pour les "
                         "lecteurs étrangers dans plusieurs langues."),
              "fr");
    CHECK_STR(detect(id, "Das Zentrum der Provinz veröffentlicht jeden Tag Nachrichten für "
                         "Leser im Ausland in mehreren Sprachen."),
              "de");
    CHECK_STR(detect(id, "Центр провинции каждый день публикует новости для зарубежных "
                         "читателей на нескольких языках."),
              "ru");
    CHECK_STR(detect(id, "O centro da província publica todos os dias notícias para os "
                         "leitores no exterior em várias línguas."),
              "pt");
    CHECK_STR(detect(id, "too short"), "?");
}

/* Bigrams of a run of characters, positions counted from the first given. */
static void bigrams_of_a_run_of_characters(void)
{
    char pairs[256] = "";
    CHECK_INT(trawl_bigrams("国际传播", 12, 5, collect_pair, pairs), 3);
    CHECK_STR(pairs, "国际@5 际传@6 传播@7");
    pairs[0] = '\0';
    CHECK_INT(trawl_bigrams("国", 3, 1, collect_pair, pairs), 0);
}

/* Manifests: columns by name, rows by path or file name; errors name the line. */
static void manifests_columns_by_name_rows(void)
{
    trawl_error err;
    const char *dir = make_tmpdir();
    const char *manifest = "# a comment\nfile\tlanguage\ttitle\tkind\n"
                           "docs/a.txt\tru\tA title\tnews\nb.txt\tzh-Hant\t\t\n";
    write_file(dir, "MANIFEST.tsv", manifest, strlen(manifest));
    char path[600];
    snprintf(path, sizeof path, "%s/MANIFEST.tsv", dir);
    trawl_manifest *m = NULL;
    CHECK_INT(trawl_manifest_load(path, &m, &err), TRAWL_OK);
    if (m) {
        CHECK_INT(trawl_manifest_size(m), 2);
        const trawl_meta *a = trawl_manifest_find(m, "docs/a.txt");
        CHECK(a && strcmp(a->language, "ru") == 0 && strcmp(a->title, "A title") == 0);
        CHECK(trawl_manifest_find(m, "elsewhere/a.txt") == a);
        const trawl_meta *b = trawl_manifest_find(m, "b.txt");
        CHECK(b && b->title == NULL && strcmp(b->language, "zh-Hant") == 0);
        CHECK(trawl_manifest_find(m, "c.txt") == NULL);
    }
    trawl_manifest_free(m);
    manifest = "name\tlanguage\nx.txt\ten\n";
    write_file(dir, "MANIFEST.tsv", manifest, strlen(manifest));
    CHECK_INT(trawl_manifest_load(path, &m, &err), TRAWL_ERR_INPUT);
    CHECK(strstr(err.message, "MANIFEST.tsv:1: the header names no 'file' column") != NULL);
    manifest = "file\nx.txt\nx.txt\n";
    write_file(dir, "MANIFEST.tsv", manifest, strlen(manifest));
    CHECK_INT(trawl_manifest_load(path, &m, &err), TRAWL_ERR_INPUT);
    CHECK(strstr(err.message, "MANIFEST.tsv:3: 'x.txt' is listed twice") != NULL);
}

/* Front matter: fields read, the block blanked so offsets hold. */
static void front_matter_fields_read(void)
{
    char text[] = "---\ntitle: T: a title\nlang: pt\nkind: news\n---\nBody text.\n";
    trawl_meta meta = {0};
    CHECK_INT(trawl_front_matter(text, strlen(text), &meta, NULL), TRAWL_OK);
    CHECK_STR(meta.title, "T: a title");
    CHECK_STR(meta.language, "pt");
    CHECK_STR(meta.kind, "news");
    CHECK(strstr(text, "Body text.") == text + 46);
    CHECK(strncmp(text, "   \n", 4) == 0);
    trawl_meta_clear(&meta);
    char quoted[] = "---\ntitle: \"Quoted: yes\"\ndate: '2024-05-29'\nkind: \"\n---\nB.\n";
    CHECK_INT(trawl_front_matter(quoted, strlen(quoted), &meta, NULL), TRAWL_OK);
    CHECK_STR(meta.title, "Quoted: yes"); /* YAML's quotes are not part of the value */
    CHECK_STR(meta.date, "2024-05-29");
    CHECK_STR(meta.kind, "\""); /* a lone quote is the value */
    trawl_meta_clear(&meta);
    char open_block[] = "---\ntitle: never closed\nBody.\n";
    CHECK_INT(trawl_front_matter(open_block, strlen(open_block), &meta, NULL), TRAWL_OK);
    CHECK(meta.title == NULL);
    CHECK(open_block[0] == '-');
}

/* A document's metadata: manifest over the text, front matter over both. */
static void a_document_s_metadata_manifest(void)
{
    char *data = malloc(128);
    strcpy(data, "---\nkind: notes\n---\n= Wiki Title =\n\nText.\n");
    size_t len = strlen(data);
    trawl_meta from_manifest = {.title = "Manifest Title", .kind = "news", .language = "en"};
    trawl_document *doc = NULL;
    trawl_read_info info;
    CHECK_INT(trawl_parse_document("d.txt", &from_manifest, &data, &len, &doc, &info, NULL),
              TRAWL_OK);
    CHECK_INT(info.format, TRAWL_FORMAT_WIKI);
    CHECK_STR(trawl_document_title(doc), "Manifest Title");
    CHECK_STR(trawl_document_kind(doc), "notes");
    CHECK_STR(trawl_document_language(doc), "en");
    trawl_document_free(doc);
    free(data);
}

/* Detection agrees with the shared corpus's manifest (90% at least), when present. */
static void detection_agrees_with_the_shared(void)
{
    const char *data_dir = getenv("TRAWL_TEST_DATA");
    char root[1024];
    snprintf(root, sizeof root, "%s/../../../shared/corpus", data_dir ? data_dir : "tests/data");
    manifest_accuracy(id, root);
}

CHECK_MAIN(setup, teardown, CHECK_CASE(language_names_and_codes),
           CHECK_CASE(scripts_han_alone_is_chinese), CHECK_CASE(detection_by_script_for_cjk_thai),
           CHECK_CASE(bigrams_of_a_run_of_characters), CHECK_CASE(manifests_columns_by_name_rows),
           CHECK_CASE(front_matter_fields_read), CHECK_CASE(a_document_s_metadata_manifest),
           CHECK_CASE(detection_agrees_with_the_shared))
