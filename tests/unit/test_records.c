/* test_records: the codec of document records, resolved links and passages' stored data
 * (index/records.h): what is encoded decodes the same, and what is not a record is refused. */
#include <string.h>

#include "check.h"
#include "index/records.h"

/* A document record round-trips. */
static void a_document_record_round_trips(void)
{
    trawl_buf b = TRAWL_BUF_INIT;
    trawl_record_link links[] = {{"the Fujian notes", "fujian.md"}, {"CMG", "https://x.org/#a"}};
    trawl_doc_record r = {
        "a/hainan.html", "Hainan \"opens\"", "https://x.org/h", "en", "news", links, 2, NULL};
    CHECK_INT(trawl_doc_record_encode(&r, &b, NULL), TRAWL_OK);
    CHECK_STR(trawl_buf_str(&b),
              "{\"path\":\"a/hainan.html\",\"title\":\"Hainan \\\"opens\\\"\",\"url\":\"https://"
              "x.org/h\",\"lang\":\"en\",\"kind\":\"news\",\"links\":[{\"text\":\"the Fujian "
              "notes\",\"target\":\"fujian.md\"},{\"text\":\"CMG\",\"target\":\"https://x.org/"
              "#a\"}]}");
    trawl_doc_record d;
    CHECK_INT(trawl_doc_record_decode(b.data, b.len, &d, NULL), TRAWL_OK);
    CHECK_STR(d.path, r.path);
    CHECK_STR(d.title, r.title);
    CHECK_STR(d.url, r.url);
    CHECK_STR(d.lang, "en");
    CHECK_STR(d.kind, "news");
    CHECK_INT(d.nlinks, 2);
    CHECK_STR(d.links[1].target, "https://x.org/#a");
    trawl_doc_record_clear(&d);
    trawl_buf_free(&b);
}

/* What is not a record is refused. */
static void what_is_not_a_record_is_refused(void)
{
    trawl_error err;
    trawl_doc_record d;
    const char *bad[] = {"", "[]", "{\"title\":\"no path\"}", "{\"path\":\"x\",\"links\":3}"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CHECK_INT(trawl_doc_record_decode(bad[i], strlen(bad[i]), &d, &err), TRAWL_ERR_CORRUPT);
    CHECK_STR(err.message, "a document record is malformed");
}

/* Resolved links round-trip; a link that leads nowhere has no path. */
static void resolved_links_round_trip_a_link(void)
{
    trawl_buf b = TRAWL_BUF_INIT;
    trawl_edge out[] = {{"see", "b.html", "docs/b.html", "B"}, {"gone", "none.html", NULL, NULL}};
    trawl_edge in[] = {{"back", NULL, "docs/c.html", "C"}};
    trawl_doc_edges e = {out, 2, in, 1, NULL};
    CHECK_INT(trawl_doc_edges_encode(&e, &b, NULL), TRAWL_OK);
    CHECK_STR(trawl_buf_str(&b),
              "{\"out\":[{\"text\":\"see\",\"target\":\"b.html\",\"path\":\"docs/b.html\","
              "\"title\":\"B\"},{\"text\":\"gone\",\"target\":\"none.html\"}],\"in\":[{\"text\":"
              "\"back\",\"path\":\"docs/c.html\",\"title\":\"C\"}]}");
    trawl_doc_edges g;
    CHECK_INT(trawl_doc_edges_decode(b.data, b.len, &g, NULL), TRAWL_OK);
    CHECK_INT(g.nout, 2);
    CHECK_INT(g.nin, 1);
    CHECK_STR(g.out[0].path, "docs/b.html");
    CHECK_STR(g.out[0].title, "B");
    CHECK(g.out[1].path == NULL && g.out[1].title == NULL);
    CHECK_STR(g.out[1].target, "none.html");
    CHECK(g.in[0].target == NULL);
    CHECK_STR(g.in[0].title, "C");
    trawl_doc_edges_clear(&g);
    trawl_buf_free(&b);
}

/* No value is no links; a malformed one is refused. */
static void no_value_is_no_links_a_malformed(void)
{
    trawl_error err;
    trawl_doc_edges g;
    CHECK_INT(trawl_doc_edges_decode("", 0, &g, NULL), TRAWL_OK);
    CHECK_INT(g.nout + g.nin, 0);
    CHECK_INT(trawl_doc_edges_decode("{\"out\":1}", 9, &g, &err), TRAWL_ERR_CORRUPT);
    CHECK_STR(err.message, "a document's links are malformed");
}

/* A passage's stored data round-trips: head in its key order, text with a newline. */
static void a_passage_s_stored_data_round(void)
{
    trawl_buf b = TRAWL_BUF_INIT;
    json_t *head =
        json_pack("{s:s,s:i,s:i,s:s}", "id", "a.txt#2", "ordinal", 2, "length", 0, "lang", "zh");
    const char *text = "第一行\n{not json}";
    CHECK_INT(trawl_passage_data_encode(head, text, strlen(text), &b, NULL), TRAWL_OK);
    json_decref(head);
    CHECK_STR(trawl_buf_str(&b), "{\"id\":\"a.txt#2\",\"ordinal\":2,\"length\":20,"
                                 "\"lang\":\"zh\"}\n第一行\n{not json}");
    json_t *back = NULL;
    const char *got = NULL;
    size_t got_len = 0;
    CHECK_INT(trawl_passage_data_decode(b.data, b.len, &back, &got, &got_len, NULL), TRAWL_OK);
    CHECK_INT(got_len, strlen(text));
    CHECK(got && memcmp(got, text, got_len) == 0);
    CHECK_STR(json_string_value(json_object_get(back, "lang")), "zh");
    json_decref(back);
    trawl_buf_free(&b);
}

/* Stored data that is not a passage's is refused, saying why. */
static void stored_data_not_a_passage_s(void)
{
    trawl_buf b = TRAWL_BUF_INIT;
    trawl_error err;
    const char *broken[] = {"{\"length\":3}", "[1]\nabc", "{\"length\":4}\nabc", "{x\nabc"};
    const char *reason[] = {"no text", "not a JSON object", "the text's length differs", NULL};
    json_t *back = NULL;
    const char *got = NULL;
    size_t got_len = 0;
    for (size_t i = 0; i < sizeof broken / sizeof *broken; i++) {
        back = (json_t *)1;
        CHECK_INT(
            trawl_passage_data_decode(broken[i], strlen(broken[i]), &back, &got, &got_len, &err),
            TRAWL_ERR_CORRUPT);
        CHECK(back == NULL && got == NULL && got_len == 0);
        if (reason[i])
            CHECK_STR(err.message, reason[i]);
    }
    trawl_buf_free(&b);
}

CHECK_MAIN(NULL, NULL, CHECK_CASE(a_document_record_round_trips),
           CHECK_CASE(what_is_not_a_record_is_refused),
           CHECK_CASE(resolved_links_round_trip_a_link),
           CHECK_CASE(no_value_is_no_links_a_malformed), CHECK_CASE(a_passage_s_stored_data_round),
           CHECK_CASE(stored_data_not_a_passage_s))
