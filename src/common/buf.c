/* buf.c: growable byte buffer. */
#include "common/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool trawl_buf_reserve(trawl_buf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (b->len + extra + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)-1) / 2) {
            b->failed = true;
            return false;
        }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

void trawl_buf_append(trawl_buf *b, const void *bytes, size_t n)
{
    /* Bytes from the buffer itself move when it grows: keep their offset instead. */
    const char *p = bytes;
    bool inside = b->data && p >= b->data && p < b->data + b->cap;
    size_t offset = inside ? (size_t)(p - b->data) : 0;
    if (!trawl_buf_reserve(b, n))
        return;
    if (inside)
        p = b->data + offset;
    if (n)
        memmove(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void trawl_buf_puts(trawl_buf *b, const char *s)
{
    trawl_buf_append(b, s, strlen(s));
}

void trawl_buf_putc(trawl_buf *b, char c)
{
    trawl_buf_append(b, &c, 1);
}

void trawl_buf_printf(trawl_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if (!trawl_buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void trawl_buf_reset(trawl_buf *b)
{
    b->len = 0;
    b->failed = false;
    if (b->data)
        b->data[0] = '\0';
}

const char *trawl_buf_str(const trawl_buf *b)
{
    return b->data ? b->data : "";
}

char *trawl_buf_detach(trawl_buf *b)
{
    char *s = NULL;
    if (!b->failed)
        s = b->data ? b->data : trawl_strdup("");
    else
        free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = false;
    return s;
}

void trawl_buf_free(trawl_buf *b)
{
    if (!b)
        return;
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = false;
}

bool trawl_array_grow(void **items, size_t *cap, size_t used, size_t size)
{
    if (used < *cap)
        return true;
    size_t n = *cap ? *cap * 2 : 16;
    if (n > ((size_t)-1) / size)
        return false;
    void *p = realloc(*items, n * size);
    if (!p)
        return false;
    *items = p;
    *cap = n;
    return true;
}

char *trawl_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *trawl_strdup(const char *s)
{
    return trawl_strndup(s, strlen(s));
}
