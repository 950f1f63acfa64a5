/* fileio.h: reading a whole file into memory with the checks ingest needs (regular file,
 * readable, bounded size), each failure reported as one line naming the file. */
#ifndef TRAWL_FILEIO_H
#define TRAWL_FILEIO_H

#include <stddef.h>

#include "common/status.h"

/* Reads `path` into a new NUL-terminated buffer; `*data_out` is owned by the caller (free()).
 * Fails with TRAWL_ERR_INPUT for a non-regular file or one larger than `max_bytes`, and
 * TRAWL_ERR_IO when it cannot be opened or read. */
trawl_status trawl_read_file(const char *path, size_t max_bytes, char **data_out, size_t *len_out,
                             trawl_error *err);

#endif
