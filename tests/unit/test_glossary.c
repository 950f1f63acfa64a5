/* test_glossary: a glossary file's groups, found by any member however it is written (case,
 * accents, Traditional Chinese, a phrase), its comments, and its errors with file and line; and
 * the British/American spelling pairs (text/spelling.h) that queries apply the same way. */
#include "check.h"
#include "query/glossary.h"
#include "text/spelling.h"

static trawl_analyzer *en = NULL;
static char path[512];

static void setup(void)
{
    CHECK_INT(trawl_analyzer_new("en", &en, NULL), TRAWL_OK);
    snprintf(path, sizeof path, "%s/test_glossary.txt",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
}

static void teardown(void)
{
    trawl_analyzer_free(en);
    remove(path);
}

static void write_file(const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    fputs(text, f);
    fclose(f);
}

/* "a = b = c" for the group of `text`, or "-" for none. */
static const char *group_of(trawl_glossary *g, const char *text)
{
    static char out[512];
    const trawl_names *m = NULL;
    CHECK_INT(trawl_glossary_find(g, en, text, &m, NULL), TRAWL_OK);
    strcpy(out, m ? "" : "-");
    for (size_t i = 0; m && i < m->n; i++) {
        strcat(out, i ? " = " : "");
        strcat(out, m->items[i]);
    }
    return out;
}

/* Groups, found by any member as folded; comments and blank lines skipped. */
static void groups_found_by_any_member(void)
{
    write_file("# equivalents\n\npropaganda = пропаганда = 宣传\n"
               "  ICC = 國際傳播中心 = International Communication Center  \n");
    trawl_glossary *g = NULL;
    CHECK_INT(trawl_glossary_load(path, en, &g, NULL), TRAWL_OK);
    CHECK_INT((int)trawl_glossary_groups(g), 2);
    CHECK_STR(group_of(g, "PROPAGANDA"), "propaganda = пропаганда = 宣传");
    CHECK_STR(group_of(g, "Пропаганда"), "propaganda = пропаганда = 宣传");
    CHECK_STR(group_of(g, "国际传播中心"),
              "ICC = 國際傳播中心 = International Communication Center");
    CHECK_STR(group_of(g, "international  communication center"),
              "ICC = 國際傳播中心 = International Communication Center");
    CHECK_STR(group_of(g, "communication"), "-");
    CHECK_STR(trawl_glossary_path(g), path);
    trawl_glossary_free(g);
}

static const char *load_error(const char *text)
{
    static trawl_error err;
    trawl_glossary *g = NULL;
    write_file(text);
    CHECK_INT(trawl_glossary_load(path, en, &g, &err), TRAWL_ERR_INPUT);
    CHECK(g == NULL);
    const char *colon = strrchr(err.message, '/');
    return colon ? colon + 1 : err.message;
}

/* Errors name the file and the line. */
static void errors_name_the_line(void)
{
    CHECK_STR(load_error("a = b\nlonely\n"),
              "test_glossary.txt:2: a group needs two members or more, separated by '='");
    CHECK_STR(load_error("a = = b\n"),
              "test_glossary.txt:1: an empty member (groups are written 'a = b = c d')");
    CHECK_STR(load_error("a = b\n# x\nc = A\n"), "test_glossary.txt:3: 'A' is in two groups");
    trawl_glossary *g = NULL;
    trawl_error err;
    CHECK_INT(trawl_glossary_load("/nonexistent/glossary.txt", en, &g, &err), TRAWL_ERR_IO);
    CHECK(strstr(err.message, "/nonexistent/glossary.txt") != NULL);
}

/* British and American spellings, both ways; words without a variant have none. */
static void spelling_pairs(void)
{
    CHECK_STR(trawl_spelling_variant("centre", 6), "center");
    CHECK_STR(trawl_spelling_variant("center", 6), "centre");
    CHECK_STR(trawl_spelling_variant("programmes", 10), "programs");
    CHECK_STR(trawl_spelling_variant("organization", 12), "organisation");
    CHECK_STR(trawl_spelling_variant("travelled", 9), "traveled");
    CHECK(trawl_spelling_variant("harbor", 6) != NULL);
    CHECK(trawl_spelling_variant("four", 4) == NULL);
    CHECK(trawl_spelling_variant("centrex", 6) != NULL); /* the length given, not the NUL */
    CHECK(trawl_spelling_variant("china", 5) == NULL);
}

CHECK_MAIN(setup, teardown, CHECK_CASE(groups_found_by_any_member),
           CHECK_CASE(errors_name_the_line), CHECK_CASE(spelling_pairs))
