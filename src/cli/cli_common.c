/* cli_common.c: messages and option parsing for the programs. */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli_common.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unicode/uchar.h>
#include <unicode/uversion.h>

#include "common/buf.h"
#include "common/datadir.h"
#include "facets/gazetteer.h"
#include "index/passages.h"
#include "index/schema.h"
#include "text/stemmer.h"
#include "xapian-c/xapian_c.h"

static const char *program = "trawl";

void trawl_cli_set_program(const char *name)
{
    program = name;
}

static void report(const char *kind, const char *fmt, va_list ap)
{
    fprintf(stderr, "%s: %s", program, kind);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void trawl_cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report("", fmt, ap);
    va_end(ap);
}

void trawl_cli_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report("warning: ", fmt, ap);
    va_end(ap);
}

bool trawl_cli_parse_count(const char *option, const char *value, size_t min, size_t max,
                           size_t *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long long v = value && *value != '-' ? strtoull(value, &end, 10) : 0;
    if (!value || !*value || *value == '-' || errno || *end || v < min || v > max) {
        trawl_cli_error("%s wants a whole number from %zu to %zu, not '%s'", option, min, max,
                        value ? value : "");
        return false;
    }
    *out = (size_t)v;
    return true;
}

const char *trawl_cli_index(const char *given, const char **rule)
{
    const char *env = getenv("TRAWL_INDEX"), *unused;
    if (!rule)
        rule = &unused;
    if (given) {
        *rule = "--index";
        return given;
    }
    if (env && *env) {
        *rule = "$TRAWL_INDEX";
        return env;
    }
    *rule = "the default";
    return "index";
}

void trawl_cli_version(FILE *out)
{
    UVersionInfo icu, unicode;
    char icu_s[U_MAX_VERSION_STRING_LENGTH], unicode_s[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(icu);
    u_getUnicodeVersion(unicode);
    u_versionToString(icu, icu_s);
    u_versionToString(unicode, unicode_s);
    fprintf(out, "trawl %s (index schema %d)\n", TRAWL_VERSION, TRAWL_SCHEMA_VERSION);
    fprintf(out, "Xapian %s, ICU %s, Unicode %s, Snowball (libstemmer) %s\n",
            trawl_xapian_version(), icu_s, unicode_s, trawl_stemmer_library_version());
    trawl_gazetteer *gz = NULL;
    trawl_error err;
    trawl_buf identity = TRAWL_BUF_INIT;
    if (trawl_gazetteer_load_dir(trawl_gazetteer_default_dir(), &gz, &err)) {
        fprintf(out, "data: %s (%s)\n", trawl_data_dir(), err.message);
    } else {
        trawl_schema_analyzer_identity(TRAWL_DEFAULT_MAX_PASSAGE, trawl_gazetteer_hash(gz),
                                       &identity);
        fprintf(out, "data: %s\nanalyser of a new index: %s\n", trawl_data_dir(),
                trawl_buf_str(&identity));
    }
    trawl_buf_free(&identity);
    trawl_gazetteer_free(gz);
}

double trawl_cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
