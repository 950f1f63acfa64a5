/* buf.h: a growable byte buffer, always NUL-terminated, with a sticky failure flag.
 *
 * An allocation failure sets `failed` and turns later appends into no-ops (like ICU's chained
 * UErrorCode), so a builder appends freely and checks `failed` once at the end. */
#ifndef TRAWL_BUF_H
#define TRAWL_BUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct trawl_buf {
    char *data;  /* owned; NUL-terminated when not NULL; NULL until the first append */
    size_t len;  /* bytes used, excluding the terminating NUL */
    size_t cap;  /* bytes allocated */
    bool failed; /* an allocation failed: contents are incomplete */
} trawl_buf;

#define TRAWL_BUF_INIT                                                                             \
    {                                                                                              \
        NULL, 0, 0, false                                                                          \
    }

/* Ensures room for `extra` more bytes and the NUL without changing `len`; false if failed. */
bool trawl_buf_reserve(trawl_buf *b, size_t extra);
/* Appends `n` bytes, which may lie in the buffer itself. */
void trawl_buf_append(trawl_buf *b, const void *bytes, size_t n);
void trawl_buf_puts(trawl_buf *b, const char *s);
void trawl_buf_putc(trawl_buf *b, char c);
void trawl_buf_printf(trawl_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Empties the buffer, keeping its memory and clearing `failed`. */
void trawl_buf_reset(trawl_buf *b);
/* The contents as a C string: "" when empty. Owned by the buffer. */
const char *trawl_buf_str(const trawl_buf *b);
/* Hands the contents to the caller (free() them) and empties the buffer; NULL if failed. */
char *trawl_buf_detach(trawl_buf *b);
void trawl_buf_free(trawl_buf *b);

/* Makes room for one more element in the malloc'd array `*items` of `size`-byte elements,
 * `used` of `*cap` in use (doubling it); false, array unchanged, when memory runs out. */
bool trawl_array_grow(void **items, size_t *cap, size_t used, size_t size);

/* strdup/strndup that return NULL on failure (C11 has neither). */
char *trawl_strdup(const char *s);
char *trawl_strndup(const char *s, size_t n);

#endif
