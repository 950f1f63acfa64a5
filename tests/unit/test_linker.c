/* test_linker: links between document records resolved at commit (index/linker.h): by URL
 * (relative ones against the linking document's), by title, by file name, never to itself;
 * edges both ways. */
#include <string.h>

#include "check.h"
#include "index/linker.h"

static void add(trawl_linker *l, const char *record)
{
    CHECK_INT(trawl_linker_add(l, record, strlen(record), NULL), TRAWL_OK);
}

/* The edges of the document at `path` (static storage). */
static const char *edges(trawl_linker *l, const char *path)
{
    static char out[2048];
    trawl_buf b = TRAWL_BUF_INIT;
    out[0] = '\0';
    for (size_t i = 0; i < trawl_linker_count(l); i++)
        if (strcmp(trawl_linker_path(l, i), path) == 0 &&
            trawl_linker_edges(l, i, &b, NULL) == TRAWL_OK)
            snprintf(out, sizeof out, "%s", trawl_buf_str(&b));
    trawl_buf_free(&b);
    return out;
}

/* Three records with their links, resolved, for every case. */
static trawl_linker *l;

static void setup(void)
{
    CHECK_INT(trawl_linker_new(&l, NULL), TRAWL_OK);
    add(l, "{\"path\":\"b/hainan.html\",\"title\":\"Hainan\",\"url\":\"https://Example.org/r/"
           "hainan.html\",\"links\":[{\"text\":\"Fujian\",\"target\":\"fujian.html\"},{\"text\":"
           "\"me\",\"target\":\"https://example.org/r/hainan.html#top\"}]}");
    add(l, "{\"path\":\"a/fujian.html\",\"title\":\"Fujian notes\",\"url\":\"https://www."
           "example.org/r/fujian.html/\",\"links\":[{\"text\":\"see\",\"target\":\"  FUJIAN "
           "notes \"},{\"text\":\"gone\",\"target\":\"nowhere.html\"},{\"text\":\"back\","
           "\"target\":\"../x/hainan.html\"}]}");
    add(l, "not json");
    add(l, "{\"title\":\"no path\"}");
    CHECK_INT(trawl_linker_resolve(l, NULL), TRAWL_OK);
}

/* Records in path order, those without a path left out. */
static void records_in_path_order_those(void)
{
    CHECK_INT(trawl_linker_count(l), 2);
    CHECK_STR(trawl_linker_path(l, 0), "a/fujian.html");
}

/* By relative URL (scheme, www., case, slash, fragment aside), never to itself. */
static void by_relative_url_scheme_www_case(void)
{
    CHECK_STR(edges(l, "b/hainan.html"),
              "{\"out\":[{\"text\":\"Fujian\",\"target\":\"fujian.html\",\"path\":\"a/"
              "fujian.html\",\"title\":\"Fujian notes\"},{\"text\":\"me\",\"target\":\"https://"
              "example.org/r/hainan.html#top\"}],\"in\":[{\"text\":\"back\",\"path\":\"a/"
              "fujian.html\",\"title\":\"Fujian notes\"}]}");
}

/* By title (case, outer spaces aside) but not itself, by file name, dangling. */
static void by_title_case_outer_spaces_aside(void)
{
    CHECK_STR(edges(l, "a/fujian.html"),
              "{\"out\":[{\"text\":\"see\",\"target\":\"  FUJIAN notes \"},{\"text\":\"gone\","
              "\"target\":\"nowhere.html\"},{\"text\":\"back\",\"target\":\"../x/hainan.html\","
              "\"path\":\"b/hainan.html\",\"title\":\"Hainan\"}],\"in\":[{\"text\":\"Fujian\","
              "\"path\":\"b/hainan.html\",\"title\":\"Hainan\"}]}");
    trawl_linker_free(NULL);
}

static void teardown(void)
{
    trawl_linker_free(l);
}

CHECK_MAIN(setup, teardown, CHECK_CASE(records_in_path_order_those),
           CHECK_CASE(by_relative_url_scheme_www_case),
           CHECK_CASE(by_title_case_outer_spaces_aside))
