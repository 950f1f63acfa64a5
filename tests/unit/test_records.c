/* test_records: the codec of document records, resolved links and passages' stored data
 * (index/records.h): what is encoded decodes the same, and what is not a record is refused. */
#include <string.h>

#include "check.h"
#include "index/records.h"

int main(void)
{
    trawl_buf b = TRAWL_BUF_INIT;
    trawl_error err;

    CASE("1 a document record round-trips");
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

    CASE("2 what is not a record is refused");
    const char *bad[] = {"", "[]", "{\"title\":\"no path\"}", "{\"path\":\"x\",\"links\":3}"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CHECK_INT(trawl_doc_record_decode(bad[i], strlen(bad[i]), &d, &err), TRAWL_ERR_CORRUPT);
    CHECK_STR(err.message, "a document record is malformed");

    CASE("3 resolved links round-trip; a link that leads nowhere has no path");
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

    CASE("4 no value is no links; a malformed one is refused");
    CHECK_INT(trawl_doc_edges_decode("", 0, &g, NULL), TRAWL_OK);
    CHECK_INT(g.nout + g.nin, 0);
    CHECK_INT(trawl_doc_edges_decode("{\"out\":1}", 9, &g, &err), TRAWL_ERR_CORRUPT);
    CHECK_STR(err.message, "a document's links are malformed");

    CASE("5 a passage's stored data round-trips: head in its key order, text with a newline");
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

    CASE("6 stored data that is not a passage's is refused, saying why");
    const char *broken[] = {"{\"length\":3}", "[1]\nabc", "{\"length\":4}\nabc", "{x\nabc"};
    const char *reason[] = {"no text", "not a JSON object", "the text's length differs", NULL};
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
    return CHECK_DONE();
}
