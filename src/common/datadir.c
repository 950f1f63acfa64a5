/* datadir.c: the candidates of datadir.h, tried once per process. */
#define _POSIX_C_SOURCE 200809L /* readlink */
#include "common/datadir.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef TRAWL_DATA_FROM_BIN
#define TRAWL_DATA_FROM_BIN "../share/trawl"
#endif

/* A file every data folder holds. */
#define PROBE "/gazetteer/provinces.tsv"

static char found[PATH_MAX + 64]; /* room for the program's folder and a relative path */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int holds_data(const char *dir)
{
    char probe[PATH_MAX + 64 + sizeof PROBE];
    snprintf(probe, sizeof probe, "%s%s", dir, PROBE);
    return access(probe, R_OK) == 0;
}

static void find(void)
{
    const char *env = getenv("TRAWL_DATA_DIR");
    if (env && *env) {
        snprintf(found, sizeof found, "%s", env);
        return;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        snprintf(found, sizeof found, "%s", "share/trawl");
        return;
    }
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash)
        *slash = '\0';
    const char *relative[] = {"share/trawl", TRAWL_DATA_FROM_BIN, "../share/trawl"};
    for (size_t i = 0; i < sizeof relative / sizeof *relative; i++) {
        char dir[PATH_MAX + 64];
        int len = snprintf(dir, sizeof dir, "%s/%s", exe, relative[i]);
        if (len > 0 && (size_t)len < sizeof dir && holds_data(dir)) {
            snprintf(found, sizeof found, "%s", dir);
            return;
        }
    }
    snprintf(found, sizeof found, "%s/%s", exe, TRAWL_DATA_FROM_BIN);
}

const char *trawl_data_dir(void)
{
    pthread_once(&once, find);
    return found;
}
