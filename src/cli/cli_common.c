/* cli_common.c: messages and option parsing for the programs. */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli_common.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

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

double trawl_cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
