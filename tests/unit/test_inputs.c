/* test_inputs: the files an ingest reads and their document ids (readers/inputs.h). */
#include "support.h"

#include <limits.h>

#include "check.h"
#include "readers/inputs.h"

static void put(const char *dir, const char *name, const char *text)
{
    write_file(dir, name, text, strlen(text));
}

static void subdir(const char *dir, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (mkdir(path, 0755) != 0) {
        perror(path);
        exit(2);
    }
}

/* The ids of `in`, space-separated (static storage). */
static const char *ids(const trawl_inputs *in)
{
    static char out[2048];
    out[0] = '\0';
    for (size_t k = 0; k < trawl_inputs_count(in); k++) {
        if (k)
            strcat(out, " ");
        strcat(out, trawl_inputs_get(in, k)->id);
    }
    return out;
}

static trawl_inputs *list(const char *const *paths, size_t n, const trawl_inputs_options *o)
{
    trawl_inputs *in = NULL;
    CHECK_INT(trawl_inputs_new(paths, n, o, &in, NULL), TRAWL_OK);
    return in;
}

/* Fixtures shared by the cases. */
static char top[1024], path[1600], real[PATH_MAX];
static char coll[1300];
static char a[1400], b[1400], empty[1400], notes[1400];

static void setup(void)
{
    snprintf(top, sizeof top, "%s", make_tmpdir());
    if (!realpath(top, real))
        exit(2);
    subdir(top, "coll");
    snprintf(coll, sizeof coll, "%s/coll", top);
    subdir(coll, "a");
    subdir(coll, "b");
    subdir(coll, "a/deep");
    subdir(coll, "empty");
    snprintf(path, sizeof path, "%s/a", coll);
    put(path, "notes.txt", "A's notes.\n");
    put(path, "guide.rst", "A guide.\n");
    put(path, ".hidden.txt", "hidden\n");
    put(path, "MANIFEST.tsv", "file\ttitle\n");
    snprintf(path, sizeof path, "%s/a/deep", coll);
    put(path, "z.md", "# Z\n");
    snprintf(path, sizeof path, "%s/b", coll);
    put(path, "notes.txt", "B's notes.\n");
    snprintf(a, sizeof a, "%s/a", coll);
    snprintf(b, sizeof b, "%s/b", coll);
    snprintf(empty, sizeof empty, "%s/empty", coll);
    snprintf(notes, sizeof notes, "%s/a/notes.txt", coll);
}

/* The folder a, as a list of one path. */
static const char *one[] = {a};

/* One folder: ids from it, sorted, any extension, hidden files and manifests skipped. */
static void one_folder_ids_from_it_sorted(void)
{
    trawl_inputs *in = list(one, 1, NULL);
    CHECK_STR(ids(in), "deep/z.md guide.rst notes.txt");
    CHECK_INT(trawl_inputs_problems(in), 0);
    CHECK(!trawl_inputs_get(in, 0)->named);
    trawl_inputs_free(in);
}

/* Two folders: ids from the folder holding both, so same names stay two documents. */
static void two_folders_ids_from_the_folder(void)
{
    char want[PATH_MAX + 1600];
    const char *two[] = {a, b};
    trawl_inputs *in = list(two, 2, NULL);
    CHECK_STR(ids(in), "a/deep/z.md a/guide.rst a/notes.txt b/notes.txt");

    snprintf(want, sizeof want, "%s/coll", real);
    CHECK_STR(trawl_inputs_base(in), want);
    snprintf(want, sizeof want, "%s/coll/a/notes.txt", real);
    CHECK(trawl_inputs_find(in, want) != NULL);
    CHECK_STR(trawl_inputs_find(in, want)->id, "a/notes.txt");
    CHECK(trawl_inputs_covers(in, want));
    snprintf(want, sizeof want, "%s/coll/a/gone.txt", real);
    CHECK(trawl_inputs_find(in, want) == NULL);
    CHECK(trawl_inputs_covers(in, want)); /* in a folder walked whole: gone */
    snprintf(want, sizeof want, "%s/coll/other/x.txt", real);
    CHECK(!trawl_inputs_covers(in, want));
    trawl_inputs_free(in);
}

/* A folder inside another, and a file named too: each file once. */
static void a_folder_inside_another(void)
{
    const char *nested[] = {coll, a, notes};
    trawl_inputs *in = list(nested, 3, NULL);
    CHECK_STR(ids(in), "a/deep/z.md a/guide.rst a/notes.txt b/notes.txt");
    trawl_inputs_free(in);
}

/* A file named alone: its folder is the base; named files are marked. */
static void a_file_named_alone_its_folder(void)
{
    char want[PATH_MAX + 1600];
    const char *file[] = {notes};
    trawl_inputs *in = list(file, 1, NULL);
    CHECK_STR(ids(in), "notes.txt");
    CHECK(trawl_inputs_get(in, 0)->named);
    snprintf(want, sizeof want, "%s/coll/a/gone.txt", real);
    CHECK(!trawl_inputs_covers(in, want)); /* its folder was not walked */
    trawl_inputs_free(in);
}

/* Globs: names without '/', ids with it; excluded files are counted. */
static void globs_names_without_ids(void)
{
    const char *exclude[] = {"*.rst", "deep"};
    trawl_inputs_options o = TRAWL_INPUTS_OPTIONS_INIT;
    o.exclude = exclude;
    o.nexclude = 2;
    trawl_inputs *in = list(one, 1, &o);
    CHECK_STR(ids(in), "notes.txt");
    CHECK_INT(trawl_inputs_ignored(in), 2);
    trawl_inputs_free(in);
    const char *include[] = {"deep/*"};
    trawl_inputs_options o2 = {include, 1, NULL, 0};
    in = list(one, 1, &o2);
    CHECK_STR(ids(in), "deep/z.md");
    trawl_inputs_free(in);
}

/* An empty folder is a normal input; a missing one a problem. */
static void an_empty_folder_is_a_normal(void)
{
    char want[PATH_MAX + 1600];
    const char *none[] = {empty};
    trawl_inputs *in = list(none, 1, NULL);
    CHECK_INT(trawl_inputs_count(in), 0);
    CHECK_INT(trawl_inputs_problems(in), 0);
    trawl_inputs_free(in);
    char missing[1400];
    snprintf(missing, sizeof missing, "%s/nowhere", coll);
    const char *gone[] = {missing, a};
    in = list(gone, 2, NULL);
    CHECK_INT(trawl_inputs_problems(in), 1);
    snprintf(want, sizeof want, "%s: No such file or directory", missing);
    CHECK_STR(trawl_inputs_problem(in, 0), want);
    CHECK_STR(ids(in), "deep/z.md guide.rst notes.txt");
    trawl_inputs_free(in);
}

/* A folder that cannot be listed: nothing under it counts as gone. */
static void a_folder_that_cannot_be_listed(void)
{
    char want[PATH_MAX + 1600];
    if (geteuid() != 0) {
        snprintf(path, sizeof path, "%s/a/deep", coll);
        chmod(path, 0);
        trawl_inputs *in = list(one, 1, NULL);
        CHECK_INT(trawl_inputs_problems(in), 1);
        snprintf(want, sizeof want, "%s/coll/a/deep/z.md", real);
        CHECK(!trawl_inputs_covers(in, want));
        snprintf(want, sizeof want, "%s/coll/a/notes.txt", real);
        CHECK(trawl_inputs_covers(in, want));
        trawl_inputs_free(in);
        chmod(path, 0755);
    } else {
        printf("7: as root every folder can be listed; the e2e test runs it as another user\n");
    }
}

CHECK_MAIN(setup, NULL, CHECK_CASE(one_folder_ids_from_it_sorted),
           CHECK_CASE(two_folders_ids_from_the_folder), CHECK_CASE(a_folder_inside_another),
           CHECK_CASE(a_file_named_alone_its_folder), CHECK_CASE(globs_names_without_ids),
           CHECK_CASE(an_empty_folder_is_a_normal), CHECK_CASE(a_folder_that_cannot_be_listed))
