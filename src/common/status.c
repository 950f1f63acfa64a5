/* status.c: names of statuses and the error record. */
#include "common/status.h"

#include <stdio.h>
#include <string.h>

const char *trawl_status_string(trawl_status status)
{
    switch (status) {
    case TRAWL_OK:
        return "ok";
    case TRAWL_ERR_NOMEM:
        return "out of memory";
    case TRAWL_ERR_ARG:
        return "invalid argument";
    case TRAWL_ERR_IO:
        return "input/output error";
    case TRAWL_ERR_NO_INDEX:
        return "no index";
    case TRAWL_ERR_LOCKED:
        return "index locked";
    case TRAWL_ERR_CORRUPT:
        return "index corrupt";
    case TRAWL_ERR_VERSION:
        return "incompatible index version";
    case TRAWL_ERR_MODIFIED:
        return "index modified during read";
    case TRAWL_ERR_QUERY_SYNTAX:
        return "query syntax error";
    case TRAWL_ERR_INPUT:
        return "unusable input";
    case TRAWL_ERR_UNICODE:
        return "text analysis error";
    case TRAWL_ERR_XAPIAN:
        return "search engine error";
    case TRAWL_ERR_SHARD:
        return "shard unreachable";
    case TRAWL_ERR_INTERNAL:
        return "internal error";
    }
    return "unknown status";
}

trawl_status trawl_error_set(trawl_error *err, trawl_status status, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->status = status;
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
        /* Messages are one line: a newline from a library message would break that. */
        for (char *p = err->message; *p; p++)
            if (*p == '\n' || *p == '\r')
                *p = ' ';
    }
    return status;
}

void trawl_error_clear(trawl_error *err)
{
    if (err) {
        err->status = TRAWL_OK;
        err->message[0] = '\0';
    }
}
