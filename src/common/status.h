/* status.h: the one status type of Trawl, and the caller-owned error record that fallible
 * calls fill with a one-line message.
 *
 * Every fallible call returns a trawl_status (TRAWL_OK is 0) and, when given a non-NULL
 * trawl_error, writes a message a person can read, naming the file or the problem. */
#ifndef TRAWL_STATUS_H
#define TRAWL_STATUS_H

#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum trawl_status {
    TRAWL_OK = 0,
    TRAWL_ERR_NOMEM,        /* an allocation failed */
    TRAWL_ERR_ARG,          /* a caller passed an invalid argument */
    TRAWL_ERR_IO,           /* reading or writing a file failed */
    TRAWL_ERR_NO_INDEX,     /* the index is missing or the folder is not an index */
    TRAWL_ERR_LOCKED,       /* another writer holds the index's lock */
    TRAWL_ERR_CORRUPT,      /* the index is damaged */
    TRAWL_ERR_VERSION,      /* the index was written by an incompatible version */
    TRAWL_ERR_MODIFIED,     /* the index changed under a reader; reopen and retry */
    TRAWL_ERR_QUERY_SYNTAX, /* a query could not be parsed */
    TRAWL_ERR_INPUT,        /* a document cannot be indexed (binary, empty, unsupported) */
    TRAWL_ERR_UNICODE,      /* ICU failed to analyse text */
    TRAWL_ERR_XAPIAN,       /* any other error reported by Xapian */
    TRAWL_ERR_SHARD,        /* a shard of the index cannot be reached (down, timed out) */
    TRAWL_ERR_INTERNAL      /* an unexpected failure (a bug) */
} trawl_status;

/* The name of a status, e.g. "locked". Static storage; never NULL. */
const char *trawl_status_string(trawl_status status);

/* A caller-owned error record. Functions taking a `trawl_error *` accept NULL. */
typedef struct trawl_error {
    trawl_status status; /* the status that was returned with this message */
    char message[512];   /* one line, no trailing newline */
} trawl_error;

/* Records `status` and a printf-style message in `err` (if not NULL); returns `status`, so a
 * failing path can say `return trawl_error_set(err, TRAWL_ERR_IO, "...", ...);`. */
trawl_status trawl_error_set(trawl_error *err, trawl_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Clears `err` (if not NULL) to TRAWL_OK and an empty message. */
void trawl_error_clear(trawl_error *err);

#ifdef __cplusplus
}
#endif

#endif
