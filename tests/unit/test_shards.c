/* test_shards: index folder layouts (one database, N shards named by a stub, a merged
 * shard-1-of-1), publishing and removing them, the stable shard of a path; and the schema's
 * shared formats: tally values and stem expansion lists, and how shards' metadata merge. */
#include "support.h"

#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "common/buf.h"
#include "index/schema.h"
#include "index/shards.h"
#include "xapian-c/xapian_c.h"

static bool exists(const char *dir, const char *name)
{
    char path[700];
    struct stat sb;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &sb) == 0;
}

static void make_db(const char *path)
{
    trawl_xdb *db = NULL;
    mkdir(path, 0777);
    CHECK_INT(trawl_xdb_open(path, TRAWL_XDB_CREATE_OR_OPEN, &db, NULL), TRAWL_OK);
    CHECK_INT(trawl_xdb_commit(db, NULL), TRAWL_OK);
    trawl_xdb_close(db);
}

static int collect(void *ctx, const char *word, size_t len)
{
    trawl_buf_append(ctx, word, len);
    trawl_buf_putc(ctx, '|');
    return 0;
}

/* Fixtures shared by the cases. */
static const char *dir;
static char path[700];
static trawl_error err;

static void setup(void)
{
    dir = make_tmpdir();
}

/* The layouts planned by the first case, which the next ones publish in turn. */
static trawl_layout three, one, merged;

/* An empty folder has no layout; plans name the shards. */
static void an_empty_folder_has_no_layout(void)
{
    trawl_layout found;
    CHECK_INT(trawl_layout_read(dir, &found, NULL), TRAWL_OK);
    CHECK_INT(found.nshards, 0);
    CHECK_INT(trawl_layout_plan(dir, 3, false, NULL, &three, NULL), TRAWL_OK);
    CHECK_INT(three.nshards, 3);
    snprintf(path, sizeof path, "%s/shard-2-of-3", dir);
    CHECK_STR(three.paths[1], path);
    CHECK_INT(trawl_layout_plan(dir, 1, false, NULL, &one, NULL), TRAWL_OK);
    CHECK_STR(one.paths[0], dir);
    CHECK_INT(trawl_layout_plan(dir, 1, true, NULL, &merged, NULL), TRAWL_OK);
    snprintf(path, sizeof path, "%s/shard-1-of-1", dir);
    CHECK_STR(merged.paths[0], path);
    CHECK_INT(trawl_layout_plan(dir, 0, false, NULL, &found, &err), TRAWL_ERR_ARG);
    CHECK_INT(trawl_layout_plan(dir, TRAWL_MAX_SHARDS + 1, false, NULL, &found, &err),
              TRAWL_ERR_ARG);
}

/* Published, a layout of three reads back; a stray unpublished shard is swept. */
static void published_a_layout_of_three(void)
{
    trawl_layout found;
    CHECK_NEEDS(an_empty_folder_has_no_layout);
    for (size_t i = 0; i < 3; i++)
        make_db(three.paths[i]);
    CHECK_INT(trawl_layout_publish(dir, &three, NULL), TRAWL_OK);
    CHECK(!exists(dir, "XAPIANDB.new"));
    CHECK_INT(trawl_layout_read(dir, &found, NULL), TRAWL_OK);
    CHECK_INT(found.nshards, 3);
    CHECK_STR(found.paths[2], three.paths[2]);
    trawl_layout_free(&found);
    snprintf(path, sizeof path, "%s/shard-1-of-2", dir);
    make_db(path);
    trawl_layout none = {0, NULL};
    CHECK_INT(trawl_layout_remove(dir, &none, &three, NULL), TRAWL_OK);
    CHECK(!exists(dir, "shard-1-of-2"));
    CHECK(exists(dir, "shard-3-of-3"));
}

/* Back to one database in the folder: the stub goes, then the old shards. */
static void back_to_one_database(void)
{
    trawl_layout found;
    CHECK_NEEDS(published_a_layout_of_three);
    make_db(dir);
    CHECK_INT(trawl_layout_publish(dir, &one, NULL), TRAWL_OK);
    CHECK(!exists(dir, "XAPIANDB"));
    CHECK_INT(trawl_layout_remove(dir, &three, &one, NULL), TRAWL_OK);
    CHECK(!exists(dir, "shard-1-of-3"));
    CHECK_INT(trawl_layout_read(dir, &found, NULL), TRAWL_OK);
    CHECK_INT(found.nshards, 1);
    CHECK_STR(found.paths[0], dir);
    trawl_layout_free(&found);
}

/* To a merged shard-1-of-1: the folder's own database files go, other files stay. */
static void to_a_merged_shard_1_of_1(void)
{
    trawl_layout found;
    CHECK_NEEDS(back_to_one_database);
    write_file(dir, "README.md", "kept\n", 5);
    make_db(merged.paths[0]);
    CHECK_INT(trawl_layout_publish(dir, &merged, NULL), TRAWL_OK);
    CHECK_INT(trawl_layout_remove(dir, &one, &merged, NULL), TRAWL_OK);
    CHECK(!exists(dir, "iamglass"));
    CHECK(!exists(dir, "postlist.glass"));
    CHECK(exists(dir, "README.md"));
    CHECK_INT(trawl_layout_read(dir, &found, NULL), TRAWL_OK);
    CHECK_INT(found.nshards, 1);
    CHECK_STR(found.paths[0], merged.paths[0]);
    trawl_layout_free(&found);
    CHECK_INT(trawl_layout_discard(dir, &merged, NULL), TRAWL_OK);
    CHECK(!exists(dir, "shard-1-of-1"));
}

/* A layout written beside one of the same names takes the .b names, and back; appended to the old
 * layout, removed with it. */
static void a_layout_written_beside(void)
{
    CHECK_NEEDS(to_a_merged_shard_1_of_1);
    trawl_layout beside, back, staging;
    CHECK_INT(trawl_layout_plan(dir, 1, true, &merged, &beside, NULL), TRAWL_OK);
    snprintf(path, sizeof path, "%s/shard-1-of-1.b", dir);
    CHECK_STR(beside.paths[0], path);
    CHECK_INT(trawl_layout_plan(dir, 1, true, &beside, &back, NULL), TRAWL_OK);
    CHECK_STR(back.paths[0], merged.paths[0]);
    CHECK_INT(trawl_layout_plan(dir, 2, true, &beside, &staging, NULL), TRAWL_OK);
    snprintf(path, sizeof path, "%s/shard-2-of-2", dir); /* no name in common: plain */
    CHECK_STR(staging.paths[1], path);
    CHECK(trawl_layout_owns("shard-1-of-1.b") && trawl_layout_owns("shard-2-of-2"));
    CHECK(!trawl_layout_owns("shard-1-of-1.c") && !trawl_layout_owns("shard-1-of-1b"));
    make_db(merged.paths[0]);
    make_db(staging.paths[0]);
    make_db(staging.paths[1]);
    make_db(beside.paths[0]);
    trawl_layout old = {0, NULL};
    CHECK_INT(trawl_layout_plan(dir, 1, true, NULL, &old, NULL), TRAWL_OK);
    CHECK_INT(trawl_layout_append(&old, &staging, NULL), TRAWL_OK);
    CHECK_INT(old.nshards, 3);
    CHECK_INT(staging.nshards, 0);
    CHECK_INT(trawl_layout_publish(dir, &beside, NULL), TRAWL_OK);
    CHECK_INT(trawl_layout_remove(dir, &old, &beside, NULL), TRAWL_OK);
    CHECK(!exists(dir, "shard-1-of-1") && !exists(dir, "shard-1-of-2") &&
          !exists(dir, "shard-2-of-2"));
    CHECK(exists(dir, "shard-1-of-1.b"));
    CHECK_INT(trawl_layout_discard(dir, &beside, NULL), TRAWL_OK);
    trawl_layout_free(&old);
    trawl_layout_free(&beside);
    trawl_layout_free(&back);
}

/* A stub naming a remote shard, or too many, is refused for writing, saying so. */
static void a_stub_naming_a_remote_shard(void)
{
    trawl_layout found;
    const char *stub = "auto shard-1-of-1\nremote 10.0.0.2:7001\n";
    write_file(dir, "XAPIANDB", stub, strlen(stub));
    CHECK_INT(trawl_layout_read(dir, &found, &err), TRAWL_ERR_NO_INDEX);
    CHECK(strstr(err.message, "remote shard '10.0.0.2:7001'") != NULL);
    trawl_buf many = TRAWL_BUF_INIT;
    for (int i = 0; i <= TRAWL_MAX_SHARDS; i++)
        trawl_buf_printf(&many, "auto s%d\n", i);
    write_file(dir, "XAPIANDB", many.data, many.len);
    trawl_buf_free(&many);
    CHECK_INT(trawl_layout_read(dir, &found, &err), TRAWL_ERR_NO_INDEX);
    CHECK(strstr(err.message, "names more than 64 shards") != NULL);
    unlink(write_file(dir, "XAPIANDB", "", 0));
}

/* A path's shard is stable and spreads. */
static void a_path_s_shard_is_stable(void)
{
    size_t seen[4] = {0};
    char name[32];
    for (int i = 0; i < 400; i++) {
        snprintf(name, sizeof name, "docs/%03d.txt", i);
        seen[trawl_shard_of(name, 4)]++;
    }
    CHECK_INT(trawl_shard_of("docs/001.txt", 4), trawl_shard_of("docs/001.txt", 4));
    CHECK_INT(trawl_shard_of("anything", 1), 0);
    CHECK(seen[0] > 50 && seen[1] > 50 && seen[2] > 50 && seen[3] > 50);
}

/* Tally values: parts joined by 0x1E and split back; a separator inside becomes a space. */
static void tally_values_parts_joined(void)
{
    const char *parts[TRAWL_TALLY_PARTS] = {"gwicc",      "guangdong",   "2019 2024",
                                            "en",         "news\x1eodd", "2024-06",
                                            "gwicc:2019", "a\x1e b.txt"};
    trawl_buf v = TRAWL_BUF_INIT;
    trawl_schema_tally_value(parts, &v);
    CHECK_INT(v.len, 6 + 10 + 10 + 3 + 9 + 8 + 11 + 8); /* each part and its separator */
    trawl_tally_part got[TRAWL_TALLY_PARTS];
    CHECK(trawl_schema_tally_split(v.data, v.len, got));
    CHECK(got[0].len == 5 && memcmp(got[0].data, "gwicc", 5) == 0);
    CHECK(got[2].len == 9 && memcmp(got[2].data, "2019 2024", 9) == 0);
    CHECK(memcmp(got[4].data, "news odd", 8) == 0 && got[4].len == 8);
    CHECK(got[TRAWL_FACET_PUBLISHED].len == 7 &&
          memcmp(got[TRAWL_FACET_PUBLISHED].data, "2024-06", 7) == 0);
    CHECK(got[TRAWL_TALLY_PATH].len == 8 &&
          memcmp(got[TRAWL_TALLY_PATH].data, "a\x1e b.txt", 8) == 0);
    CHECK(!trawl_schema_tally_split("only\x1etwo", 8, got));
    trawl_buf_free(&v);
}

/* Expansion lists: each word once, listed in order. */
static void expansion_lists_each_word_once(void)
{
    trawl_buf list = TRAWL_BUF_INIT, words = TRAWL_BUF_INIT;
    CHECK(trawl_schema_add_expansion(&list, "university", 10));
    CHECK(trawl_schema_add_expansion(&list, "universities", 12));
    CHECK(!trawl_schema_add_expansion(&list, "university", 10));
    CHECK(trawl_schema_add_expansion(&list, "univers", 7));
    CHECK_STR(trawl_buf_str(&list), "university\nuniversities\nunivers\n");
    trawl_schema_each_expansion(list.data, list.len, collect, &words);
    CHECK_STR(trawl_buf_str(&words), "university|universities|univers|");
    trawl_buf_free(&list);
    trawl_buf_free(&words);
}

/* One rule merges a metadata key across shards: lists unite, others the smallest. */
static void one_rule_merges_a_metadata_key(void)
{
    const char *langs[3] = {"en\nzh\n", "", "fr\nen\n"};
    size_t langs_len[3] = {6, 0, 6};
    char *merged_value = NULL;
    size_t merged_len = 99;
    CHECK_INT(trawl_schema_merge_values(NULL, TRAWL_META_LANGUAGES, langs, langs_len, 3,
                                        &merged_value, &merged_len),
              0);
    CHECK_STR(merged_value, "en\nzh\nfr\n");
    CHECK_INT(merged_len, 9);
    free(merged_value);
    CHECK_INT(trawl_schema_merge_values(NULL, TRAWL_META_STEM "en:boat", langs, langs_len, 3,
                                        &merged_value, &merged_len),
              0);
    CHECK_STR(merged_value, "en\nzh\nfr\n");
    free(merged_value);
    /* Not a list: the smallest non-empty value, bytes compared (a NUL inside counts). */
    const char *schemas[4] = {"", "7", "10", "1\0z"};
    size_t schemas_len[4] = {0, 1, 2, 3};
    CHECK_INT(trawl_schema_merge_values(NULL, TRAWL_META_SCHEMA, schemas, schemas_len, 4,
                                        &merged_value, &merged_len),
              0);
    CHECK_INT(merged_len, 3);
    CHECK(memcmp(merged_value, "1\0z", 3) == 0);
    free(merged_value);
    CHECK_INT(trawl_schema_merge_values(NULL, TRAWL_META_SCHEMA, schemas, schemas_len, 1,
                                        &merged_value, &merged_len),
              0);
    CHECK_STR(merged_value, ""); /* unset everywhere: unset */
    CHECK_INT(merged_len, 0);
    free(merged_value);
}

static void teardown(void)
{
    trawl_layout_free(&three);
    trawl_layout_free(&one);
    trawl_layout_free(&merged);
}

CHECK_MAIN(setup, teardown, CHECK_CASE(an_empty_folder_has_no_layout),
           CHECK_CASE(published_a_layout_of_three), CHECK_CASE(back_to_one_database),
           CHECK_CASE(to_a_merged_shard_1_of_1), CHECK_CASE(a_layout_written_beside),
           CHECK_CASE(a_stub_naming_a_remote_shard), CHECK_CASE(a_path_s_shard_is_stable),
           CHECK_CASE(tally_values_parts_joined), CHECK_CASE(expansion_lists_each_word_once),
           CHECK_CASE(one_rule_merges_a_metadata_key))
