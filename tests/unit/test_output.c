/* test_output: the text and JSON printers on real results: exact text layout with bracket
 * highlights (and bold on a terminal), and JSON that parses back with the documented keys. */
#include "support.h"

#include <jansson.h>

#include "check.h"
#include "index/indexer.h"
#include "output/printer.h"
#include "output/wrap.h"
#include "readers/reader.h"
#include "search/search.h"

static char *print(const char *index, const char *query, trawl_output_format format, bool color,
                   unsigned limit)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&buf, &size);
    trawl_searcher *s = NULL;
    trawl_results *r = NULL;
    trawl_printer *p = NULL;
    trawl_search_options o = TRAWL_SEARCH_OPTIONS_INIT;
    o.limit = limit;
    CHECK_INT(trawl_searcher_open(index, NULL, &s, NULL), TRAWL_OK);
    CHECK_INT(trawl_search(s, query, &o, &r, NULL), TRAWL_OK);
    CHECK_INT(trawl_printer_new(format, out, &p, NULL), TRAWL_OK);
    trawl_printer_set_style(p, TRAWL_DEFAULT_WIDTH, color);
    CHECK_INT(trawl_print_results(p, r, NULL), TRAWL_OK);
    trawl_printer_free(p);
    trawl_results_free(r);
    trawl_searcher_close(s);
    fclose(out);
    /* Scores depend on BM25's arithmetic, not on the layout under test: mask them. */
    for (char *sc = strstr(buf, "(score "); sc; sc = strstr(sc + 1, "(score "))
        for (char *c = sc + 7; *c && *c != ')'; c++)
            if (*c >= '0' && *c <= '9')
                *c = '9';
    return buf;
}

static int on_wrapped_line(void *ctx, size_t start, size_t end);

static const char doc[] = "= Port Notes =\n"
                          "\n"
                          "== Ships ==\n"
                          "\n"
                          "The ships of São Paulo sail\n"
                          "at dawn.\n"
                          "\n"
                          "== Return ==\n"
                          "\n"
                          "Ships return at dusk.\n";

/* An index of `doc`, for every case. */
static char index_dir[600];

static void setup(void)
{
    const char *dir = make_tmpdir();
    snprintf(index_dir, sizeof index_dir, "%s/index", dir);
    trawl_indexer *ix = NULL;
    trawl_document *d = NULL;
    trawl_read_info info;
    unsigned n;
    size_t len = strlen(doc);
    char *data = malloc(len + 1);
    memcpy(data, doc, len + 1);
    CHECK_INT(trawl_parse_document("notes/port.txt", NULL, &data, &len, &d, &info, NULL), TRAWL_OK);
    CHECK_INT(trawl_indexer_open(index_dir, NULL, &ix, NULL), TRAWL_OK);
    CHECK_INT(trawl_indexer_add(ix, d, NULL, &n, NULL), TRAWL_OK);
    CHECK_INT(trawl_indexer_commit(ix, NULL), TRAWL_OK);
    trawl_indexer_close(ix);
    trawl_document_free(d);
    free(data);
}

/* Text: header with the exact total, then rank, title > section, id, passage. */
static void text_header_with_the_exact_total(void)
{
    char *out = print(index_dir, "\"sao paulo\" ships", TRAWL_OUTPUT_TEXT, false, 10);
    CHECK_STR(out, "1 passage matches: \"sao paulo\" ships\n"
                   "\n"
                   "1. Port Notes > Ships  (score 9.999; en)\n"
                   "   notes/port.txt#1\n"
                   "   The **ships** of **São Paulo** sail at dawn.\n");
    free(out);
}

/* Text: paging is announced; with color, matched words are bold red instead of marked. */
static void text_paging_is_announced(void)
{
    char *out = print(index_dir, "ships", TRAWL_OUTPUT_TEXT, true, 1);
    CHECK(strstr(out, "2 passages match: ships (showing 1-1)\n") == out);
    CHECK(strstr(out, "\033[1;31mShips\033[0m") != NULL ||
          strstr(out, "\033[1;31mships\033[0m") != NULL);
    free(out);
}

/* Text: no match, and a word no passage holds, with the closest word or none. */
static void text_no_match(void)
{
    char *out = print(index_dir, "anchors", TRAWL_OUTPUT_TEXT, false, 10);
    CHECK_STR(out,
              "no passages match: anchors\nno passage has \"anchors\", nor a word close to it\n");
    free(out);
}

/* JSON: query, total, results with text, byte offsets of highlights, source. */
static void json_query_total_results(void)
{
    char *out = print(index_dir, "\"sao paulo\"", TRAWL_OUTPUT_JSON, false, 10);
    json_error_t jerr;
    json_t *root = json_loads(out, 0, &jerr);
    CHECK(json_is_object(root));
    CHECK_STR(json_string_value(json_object_get(root, "query")), "\"sao paulo\"");
    CHECK_INT(json_integer_value(json_object_get(root, "total")), 1);
    json_t *res = json_object_get(root, "results");
    CHECK_INT(json_array_size(res), 1);
    json_t *h = json_array_get(res, 0);
    CHECK_STR(json_string_value(json_object_get(h, "id")), "notes/port.txt#1");
    CHECK_STR(json_string_value(json_object_get(h, "path")), "notes/port.txt");
    CHECK_STR(json_string_value(json_object_get(h, "title")), "Port Notes");
    CHECK_STR(json_string_value(json_object_get(h, "section")), "Ships");
    CHECK_STR(json_string_value(json_object_get(h, "text")),
              "The ships of São Paulo sail\nat dawn.");
    CHECK_INT(json_integer_value(json_object_get(h, "rank")), 1);
    CHECK_INT(json_integer_value(json_object_get(h, "ordinal")), 1);
    CHECK_INT(json_integer_value(json_object_get(h, "offset")), 29);
    json_t *hl = json_object_get(h, "highlights");
    CHECK_INT(json_array_size(hl), 1);
    CHECK_INT(json_integer_value(json_object_get(json_array_get(hl, 0), "start")), 13);
    CHECK_INT(json_integer_value(json_object_get(json_array_get(hl, 0), "end")), 23);
    CHECK(json_real_value(json_object_get(h, "score")) > 0);
    json_decref(root);
    free(out);
}

/* JSON Lines (--batch): one object per line; a query that cannot run is a line too. */
static void json_lines_batch_one_object_per(void)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *stream = open_memstream(&buf, &size);
    trawl_printer *p = NULL;
    CHECK_INT(trawl_printer_new(TRAWL_OUTPUT_JSON, stream, &p, NULL), TRAWL_OK);
    trawl_printer_set_lines(p, true);
    CHECK_INT(trawl_print_json_error(p, "\"open", "unbalanced quote", NULL), TRAWL_OK);
    CHECK_INT(trawl_print_json_error(p, "a (", "unclosed", NULL), TRAWL_OK);
    trawl_printer_free(p);
    fclose(stream);
    CHECK_STR(buf, "{\"query\":\"\\\"open\",\"error\":\"unbalanced quote\"}\n"
                   "{\"query\":\"a (\",\"error\":\"unclosed\"}\n");
    free(buf);
}

static char wrap_out[2048];

static int on_wrapped_line(void *ctx, size_t start, size_t end)
{
    const char *text = ctx;
    if (wrap_out[0])
        strcat(wrap_out, "|");
    strncat(wrap_out, text + start, end - start);
    for (char *c = wrap_out; *c; c++)
        if (*c == '\n' || *c == '\t')
            *c = ' ';
    return 0;
}

/* "line|line|..." of text wrapped at `first` and `width` columns. */
static const char *wrapped(const char *text, size_t first, size_t width)
{
    trawl_wrapper *w = NULL;
    CHECK_INT(trawl_wrapper_new(&w, NULL), TRAWL_OK);
    wrap_out[0] = '\0';
    CHECK_INT(trawl_wrap(w, text, strlen(text), first, width, on_wrapped_line, (void *)text, NULL),
              TRAWL_OK);
    trawl_wrapper_free(w);
    return wrap_out;
}

/* Wrapping: at spaces for Latin text, never past the width; Chinese between characters, each
 * two columns wide; a word longer than a line cut; no wrapping at width 0. */
static void text_wraps_to_the_width(void)
{
    CHECK_STR(wrapped("the ships of Sao Paulo sail at dawn", 12, 12),
              "the ships of|Sao Paulo|sail at dawn");
    CHECK_STR(wrapped("the ships of Sao Paulo", 5, 12), "the|ships of Sao|Paulo");
    CHECK_STR(wrapped("西藏国际传播中心成立", 8, 8), "西藏国际|传播中心|成立");
    CHECK_STR(wrapped("see https://example.org/a/very/long/path now", 10, 10),
              "see|https://|example.or|g/a/very/|long/path|now");
    CHECK_STR(wrapped("line\nbreaks\tand tabs", 80, 80), "line breaks and tabs");
    CHECK_STR(wrapped("no wrapping at all here", 5, 0), "no wrapping at all here");
    CHECK_INT((int)trawl_text_width("中文abc", strlen("中文abc")), 7);
    CHECK_INT((int)trawl_text_width("e\xcc\x81", 3), 1); /* e + combining acute */
}

CHECK_MAIN(setup, NULL, CHECK_CASE(text_header_with_the_exact_total),
           CHECK_CASE(text_wraps_to_the_width), CHECK_CASE(text_paging_is_announced),
           CHECK_CASE(text_no_match), CHECK_CASE(json_query_total_results),
           CHECK_CASE(json_lines_batch_one_object_per))
