/* json_text.c: JSON text through a checked callback. */
#include "common/json_text.h"

static int append(const char *text, size_t len, void *ctx)
{
    trawl_buf *out = ctx;
    trawl_buf_append(out, text, len);
    return out->failed ? -1 : 0;
}

bool trawl_json_append(trawl_buf *out, const json_t *value, size_t flags)
{
    if (!value || json_dump_callback(value, append, out, flags) != 0)
        out->failed = true;
    return !out->failed;
}
