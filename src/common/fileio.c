/* fileio.c: whole-file reads. */
#define _POSIX_C_SOURCE 200809L
#include "common/fileio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

trawl_status trawl_read_file(const char *path, size_t max_bytes, char **data_out, size_t *len_out,
                             trawl_error *err)
{
    trawl_status st = TRAWL_OK;
    char *data = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return trawl_error_set(err, errno == ENOMEM ? TRAWL_ERR_NOMEM : TRAWL_ERR_IO,
                               "%s: cannot open: %s", path, strerror(errno));
    struct stat sb;
    if (fstat(fileno(f), &sb) != 0) {
        st = trawl_error_set(err, TRAWL_ERR_IO, "%s: cannot stat: %s", path, strerror(errno));
        goto cleanup;
    }
    if (!S_ISREG(sb.st_mode)) {
        st = trawl_error_set(err, TRAWL_ERR_INPUT, "%s: not a regular file", path);
        goto cleanup;
    }
    if ((unsigned long long)sb.st_size > max_bytes) {
        st = trawl_error_set(err, TRAWL_ERR_INPUT, "%s: too large (%lld bytes, limit %zu)", path,
                             (long long)sb.st_size, max_bytes);
        goto cleanup;
    }
    size_t size = (size_t)sb.st_size;
    data = malloc(size + 1);
    if (!data) {
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "%s: out of memory reading %zu bytes", path,
                             size);
        goto cleanup;
    }
    size_t got = fread(data, 1, size, f);
    if (got != size || ferror(f)) {
        st = trawl_error_set(err, TRAWL_ERR_IO, "%s: read failed after %zu of %zu bytes", path, got,
                             size);
        goto cleanup;
    }
    data[size] = '\0';
    *data_out = data;
    *len_out = size;
    data = NULL;
cleanup:
    free(data);
    fclose(f);
    return st;
}
