/* support.h: temporary folders for tests, removed at exit; the shared corpus's absence. */
#ifndef TRAWL_TEST_SUPPORT_H
#define TRAWL_TEST_SUPPORT_H

#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char support_dirs[16][512];
static int support_ndirs;

static int support_rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void support_cleanup(void)
{
    for (int i = 0; i < support_ndirs; i++)
        nftw(support_dirs[i], support_rm, 16, FTW_DEPTH | FTW_PHYS);
}

/* Says that the checks of `what` on ../shared/corpus are skipped, it being absent; returns
 * true when that is a failure (TRAWL_REQUIRE_SHARED=1, as CI sets it). */
__attribute__((unused)) static int shared_required(const char *what)
{
    const char *require = getenv("TRAWL_REQUIRE_SHARED");
    int required = require && strcmp(require, "1") == 0;
    printf("%s: %s (no ../shared/corpus)\n", what,
           required ? "FAILED, TRAWL_REQUIRE_SHARED=1" : "skipped");
    return required;
}

/* A new empty folder under $TMPDIR; returns its path (static storage). */
__attribute__((unused)) static const char *make_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    if (support_ndirs == 16)
        abort();
    char *d = support_dirs[support_ndirs];
    snprintf(d, sizeof support_dirs[0], "%s/trawl-test-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(d)) {
        perror("mkdtemp");
        exit(2);
    }
    if (support_ndirs++ == 0)
        atexit(support_cleanup);
    return d;
}

/* Writes `len` bytes to dir/name; returns the path (static storage, overwritten each call). */
__attribute__((unused)) static const char *write_file(const char *dir, const char *name,
                                                      const char *data, size_t len)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
        perror(path);
        exit(2);
    }
    return path;
}

#endif
