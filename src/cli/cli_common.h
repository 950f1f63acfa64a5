/* cli_common.h: what both programs share: their name in messages, one-line errors on stderr,
 * option-value parsing, and the exit codes. */
#ifndef TRAWL_CLI_COMMON_H
#define TRAWL_CLI_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum {
    TRAWL_EXIT_OK = 0,      /* everything asked for was done / something matched */
    TRAWL_EXIT_PARTIAL = 1, /* some files were skipped / nothing matched */
    TRAWL_EXIT_FATAL = 2    /* usage error or a failure that stopped the run */
};

/* A macro's value as a string literal: TRAWL_STRINGIFY(TRAWL_DEFAULT_MAX_PASSAGE) is "600". */
#define TRAWL_STRINGIFY(x) TRAWL_STRINGIFY_(x)
#define TRAWL_STRINGIFY_(x) #x

/* Prints "PROGRAM: message" on stderr. */
void trawl_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "PROGRAM: warning: message" on stderr. */
void trawl_cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void trawl_cli_set_program(const char *name);

/* Parses a decimal count in [min, max]; false (after an error naming `option`) otherwise. */
bool trawl_cli_parse_count(const char *option, const char *value, size_t min, size_t max,
                           size_t *out);

/* The index folder: `given` (--index), else $TRAWL_INDEX, else "index" (in the current folder);
 * `*rule`, unless `rule` is NULL, says which, for messages ("--index", "$TRAWL_INDEX", "the
 * default"). */
const char *trawl_cli_index(const char *given, const char **rule);

/* Prints Trawl's version, its index schema, and the versions of the libraries it runs with
 * that an index records (Xapian, ICU, Unicode, Snowball), with the analyser identity a new
 * index would record (index/schema.h). */
void trawl_cli_version(FILE *out);

/* Seconds since an arbitrary start, monotonic. */
double trawl_cli_now(void);

#endif
