/* check.h: the few assertions the unit tests use, and their runner. A test program is a set of
 * cases, one function each, listed once in CHECK_MAIN; `test_x` runs them all in order, `test_x
 * NAME...` only those named, `test_x --list` lists them. A check that fails prints file, line,
 * case and the two values, and the case goes on; the program exits 1 if any check failed, 2 on
 * an unknown case name.
 *
 * A case that needs what another makes (an index it builds) says so with CHECK_NEEDS(other):
 * the other runs first, once, so that every case also runs alone. Fixtures shared by all cases
 * are made by a `setup` function given to CHECK_MAIN (NULL: none), run once before the first
 * case. */
#ifndef TRAWL_CHECK_H
#define TRAWL_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_failures;
static int check_count;
static const char *check_case = "";

typedef struct check_entry {
    const char *name;
    void (*run)(void);
    int done; /* ran already (by name or as another's need) */
} check_entry;

static check_entry *check_entries;
static size_t check_nentries;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        check_count++;                                                                             \
        if (!(cond)) {                                                                             \
            check_failures++;                                                                      \
            fprintf(stderr, "%s:%d: [%s] failed: %s\n", __FILE__, __LINE__, check_case, #cond);    \
        }                                                                                          \
    } while (0)

#define CHECK_INT(a, b)                                                                            \
    do {                                                                                           \
        long long va_ = (long long)(a), vb_ = (long long)(b);                                      \
        check_count++;                                                                             \
        if (va_ != vb_) {                                                                          \
            check_failures++;                                                                      \
            fprintf(stderr, "%s:%d: [%s] %s == %lld, expected %lld\n", __FILE__, __LINE__,         \
                    check_case, #a, va_, vb_);                                                     \
        }                                                                                          \
    } while (0)

#define CHECK_STR(a, b)                                                                            \
    do {                                                                                           \
        const char *sa_ = (a), *sb_ = (b);                                                         \
        check_count++;                                                                             \
        if (!sa_ || !sb_ || strcmp(sa_, sb_) != 0) {                                               \
            check_failures++;                                                                      \
            fprintf(stderr, "%s:%d: [%s] %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__,     \
                    check_case, #a, sa_ ? sa_ : "(null)", sb_ ? sb_ : "(null)");                   \
        }                                                                                          \
    } while (0)

/* Runs entry `e` unless it ran already, naming it in failures; prints its outcome. */
static void check_run(check_entry *e)
{
    if (e->done)
        return;
    e->done = 1;
    const char *outer = check_case;
    int failures = check_failures, count = check_count;
    check_case = e->name;
    e->run();
    check_case = outer;
    printf("%s %s (%d checks)\n", check_failures > failures ? "FAIL" : "ok  ", e->name,
           check_count - count);
}

/* Runs the case `fn` first, once, when the calling case needs what it makes. */
#define CHECK_NEEDS(fn)                                                                            \
    do {                                                                                           \
        for (size_t i_ = 0; i_ < check_nentries; i_++)                                             \
            if (check_entries[i_].run == (fn))                                                     \
                check_run(&check_entries[i_]);                                                     \
    } while (0)

static int check_main(int argc, char **argv, void (*setup)(void), void (*teardown)(void))
{
    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        for (size_t i = 0; i < check_nentries; i++)
            printf("%s\n", check_entries[i].name);
        return 0;
    }
    for (int a = 1; a < argc; a++) {
        size_t i = 0;
        while (i < check_nentries && strcmp(check_entries[i].name, argv[a]) != 0)
            i++;
        if (i == check_nentries) {
            fprintf(stderr, "%s: no case named %s (--list lists them)\n", argv[0], argv[a]);
            return 2;
        }
    }
    if (setup)
        setup();
    for (size_t i = 0; i < check_nentries; i++) {
        int wanted = argc == 1;
        for (int a = 1; a < argc && !wanted; a++)
            wanted = strcmp(check_entries[i].name, argv[a]) == 0;
        if (wanted)
            check_run(&check_entries[i]);
    }
    if (teardown)
        teardown();
    printf("%d checks, %d failed\n", check_count, check_failures);
    return check_failures ? 1 : 0;
}

/* One entry of CHECK_MAIN's list: the case function `fn`, named by its name. */
#define CHECK_CASE(fn)                                                                             \
    {                                                                                              \
#fn, fn, 0                                                                                 \
    }

/* The program's main: `setup` and `teardown` (may be NULL) around the cases listed. */
#define CHECK_MAIN(setup, teardown, ...)                                                           \
    int main(int argc, char **argv)                                                                \
    {                                                                                              \
        static check_entry entries_[] = {__VA_ARGS__};                                             \
        check_entries = entries_;                                                                  \
        check_nentries = sizeof entries_ / sizeof *entries_;                                       \
        return check_main(argc, argv, setup, teardown);                                            \
    }

#endif
