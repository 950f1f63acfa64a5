/* replay.c: a standalone driver for a fuzz target, so that ctest replays its seeds in every
 * build, with any compiler (libFuzzer needs clang). Usage: replay_TARGET PATH...: each PATH
 * is a file or a folder of files, each fed once to LLVMFuzzerTestOneInput. A target that
 * finds a bug aborts (or the sanitizers stop it), failing the test; exit 2 when a PATH cannot
 * be read or holds no input. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "common/fileio.h"
#include "fuzz_input.h"

/* Feeds the file at `path` to the target; 0 when it cannot be read. */
static int replay_file(const char *path)
{
    char *data = NULL;
    size_t len = 0;
    if (trawl_read_file(path, (size_t)1 << 24, &data, &len, NULL) != TRAWL_OK) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        return 0;
    }
    LLVMFuzzerTestOneInput((const uint8_t *)data, len);
    free(data);
    return 1;
}

int main(int argc, char **argv)
{
    size_t replayed = 0;
    for (int i = 1; i < argc; i++) {
        struct stat sb;
        if (stat(argv[i], &sb) != 0) {
            fprintf(stderr, "replay: no such file or folder: %s\n", argv[i]);
            return 2;
        }
        if (!S_ISDIR(sb.st_mode)) {
            if (!replay_file(argv[i]))
                return 2;
            replayed++;
            continue;
        }
        struct dirent **names = NULL;
        int n = scandir(argv[i], &names, NULL, alphasort);
        if (n < 0) {
            fprintf(stderr, "replay: cannot list %s\n", argv[i]);
            return 2;
        }
        int ok = 1;
        for (int k = 0; k < n; k++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[i], names[k]->d_name);
            if (names[k]->d_name[0] != '.' && stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
                ok = ok && replay_file(path);
                replayed++;
            }
            free(names[k]);
        }
        free(names);
        if (!ok)
            return 2;
    }
    if (replayed == 0) {
        fprintf(stderr, "replay: no input given\n");
        return 2;
    }
    printf("replayed %zu inputs, none failed\n", replayed);
    return 0;
}
