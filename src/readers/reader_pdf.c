/* reader_pdf.c: PDF through poppler-glib. Each page's text comes in reading order
 * (poppler_page_get_text); a page is split into blocks at blank lines, at a short line that
 * ends a sentence (a paragraph's last line: shorter than nine tenths of the page's longest)
 * and before a bullet. Blocks never cross a page and carry its number. The text a PDF's
 * offsets count in is the pages' text as poppler gives it, joined by form feeds. The title and
 * the date (creation date) come from the PDF's metadata, which a manifest or front matter
 * replaces. Poppler's shared state is not known to be safe for threads: one PDF is read at a
 * time, whatever the number of ingest threads. */
#include <glib.h>
#include <poppler.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "readers/blocks.h"
#include "readers/formats.h"
#include "text/utf8.h"

static pthread_mutex_t poppler_lock = PTHREAD_MUTEX_INITIALIZER;

bool trawl_looks_like_pdf(const char *data, size_t len)
{
    /* The header may follow a little junk (the specification allows 1024 bytes). */
    size_t n = len < 1024 ? len : 1024;
    for (size_t i = 0; i + 5 <= n; i++)
        if (memcmp(data + i, "%PDF-", 5) == 0)
            return true;
    return false;
}

/* The characters of `len` bytes of UTF-8. */
static size_t chars_of(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Whether a line (trailing spaces trimmed) ends a sentence: . ! ? : and their CJK forms. */
static bool ends_sentence(const char *s, size_t len)
{
    while (len && strchr(" \t\r", s[len - 1]))
        len--;
    if (!len)
        return false;
    if (strchr(".!?:\"”)", s[len - 1]))
        return true;
    static const char *const marks[] = {"。", "！", "？", "：", "」", "”"};
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
        size_t m = strlen(marks[i]);
        if (len >= m && memcmp(s + len - m, marks[i], m) == 0)
            return true;
    }
    return false;
}

/* Whether a line starts a list item: a bullet, or a number and a full stop or parenthesis. */
static bool starts_item(const char *s, size_t len)
{
    while (len && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    static const char *const bullets[] = {"•", "◦", "▪", "‣", "–", "-", "*"};
    for (size_t i = 0; i < sizeof bullets / sizeof *bullets; i++) {
        size_t m = strlen(bullets[i]);
        if (len > m && memcmp(s, bullets[i], m) == 0 && s[m] == ' ')
            return true;
    }
    return false;
}

/* The block of page text [*start, last) (`base`: the page's offset in the document's text),
 * when one is open; closes it. */
static trawl_status close_block(trawl_document *doc, const char *text, size_t base, bool *open,
                                size_t start, size_t last)
{
    if (!*open)
        return TRAWL_OK;
    *open = false;
    return trawl_document_add_block(doc, TRAWL_BLOCK_PARAGRAPH, text + start, last - start,
                                    base + start);
}

/* Adds the blocks of one page's text (`base`: its offset in the document's text). */
static trawl_status add_page(trawl_document *doc, const char *text, size_t len, size_t base)
{
    size_t widest = 0, pos = 0, a, b;
    while (trawl_next_line(text, len, &pos, &a, &b)) {
        size_t w = chars_of(text + a, b - a);
        widest = w > widest ? w : widest;
    }
    size_t start = 0, last = 0; /* the block being gathered: [start, last) */
    bool open = false;
    trawl_status st = TRAWL_OK;
    pos = 0;
    while (!st && trawl_next_line(text, len, &pos, &a, &b)) {
        size_t ta = a, tb = b;
        trawl_trim(text, &ta, &tb);
        if (ta == tb || starts_item(text + a, b - a))
            st = close_block(doc, text, base, &open, start, last);
        if (st || ta == tb)
            continue;
        if (!open)
            start = a;
        open = true;
        last = b;
        /* A short line that ends a sentence ends its paragraph. */
        if (ends_sentence(text + a, b - a) && chars_of(text + a, b - a) * 10 < widest * 9)
            st = close_block(doc, text, base, &open, start, last);
    }
    return st ? st : close_block(doc, text, base, &open, start, last);
}

/* The PDF's title and creation date, unless empty. */
static trawl_status add_metadata(trawl_document *doc, PopplerDocument *pd)
{
    trawl_status st = TRAWL_OK;
    gchar *title = poppler_document_get_title(pd);
    if (title) {
        size_t n = strlen(title);
        while (n && strchr(" \t\r\n", title[n - 1]))
            n--;
        char *copy = n ? trawl_strndup(title, n) : NULL;
        size_t replaced = 0;
        g_free(title);
        if (n && !copy)
            return TRAWL_ERR_NOMEM;
        if (copy && trawl_utf8_sanitize(&copy, &n, &replaced, NULL) == TRAWL_OK)
            st = trawl_document_set_title(doc, copy, n);
        free(copy);
    }
    GDateTime *created = st ? NULL : poppler_document_get_creation_date_time(pd);
    if (created) {
        gchar *day = g_date_time_format(created, "%Y-%m-%d");
        if (day)
            st = trawl_document_set_date(doc, day, strlen(day));
        g_free(day);
        g_date_time_unref(created);
    }
    return st;
}

/* Reads the pages of an open PDF into `doc`. */
static trawl_status read_pages(trawl_document *doc, PopplerDocument *pd, trawl_error *err)
{
    int pages = poppler_document_get_n_pages(pd);
    size_t base = 0, letters = 0;
    trawl_status st = TRAWL_OK;
    trawl_document_set_verbatim(doc, true); /* slices of the pages' text */
    for (int i = 0; i < pages && !st; i++) {
        PopplerPage *page = poppler_document_get_page(pd, i);
        gchar *got = page ? poppler_page_get_text(page) : NULL;
        size_t len = got ? strlen(got) : 0, replaced = 0;
        char *text = trawl_strndup(got ? got : "", len);
        g_free(got);
        if (page)
            g_object_unref(page);
        if (!text)
            return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory reading a PDF");
        if (!(st = trawl_utf8_sanitize(&text, &len, &replaced, err))) {
            for (size_t k = 0; k < len; k++)
                letters += !strchr(" \t\r\n\f\v", text[k]);
            trawl_document_set_page(doc, (unsigned)i + 1);
            if ((st = add_page(doc, text, len, base)))
                trawl_error_set(err, st, "out of memory reading a PDF");
        }
        base += len + 1; /* the form feed between pages */
        free(text);
    }
    if (!st && letters == 0)
        st = trawl_error_set(err, TRAWL_ERR_INPUT,
                             "PDF without a text layer (%d page%s of images only: scanned pages "
                             "need OCR first); skipped",
                             pages, pages == 1 ? "" : "s");
    return st;
}

trawl_status trawl_read_pdf(trawl_document *doc, const char *data, size_t len, trawl_error *err)
{
    GError *gerr = NULL;
    trawl_status st = TRAWL_OK;
    pthread_mutex_lock(&poppler_lock);
    GBytes *bytes = g_bytes_new_static(data, len);
    PopplerDocument *pd = poppler_document_new_from_bytes(bytes, NULL, &gerr);
    if (!pd) {
        bool locked =
            gerr && gerr->domain == POPPLER_ERROR && gerr->code == POPPLER_ERROR_ENCRYPTED;
        if (locked)
            st = trawl_error_set(err, TRAWL_ERR_INPUT,
                                 "encrypted PDF: its text needs a password; skipped");
        else
            st = trawl_error_set(err, TRAWL_ERR_INPUT, "damaged PDF (%s); skipped",
                                 gerr && gerr->message ? gerr->message : "poppler cannot read it");
    } else if ((st = add_metadata(doc, pd))) {
        trawl_error_set(err, st, "out of memory reading a PDF");
    } else {
        st = read_pages(doc, pd, err);
    }
    if (pd)
        g_object_unref(pd);
    g_bytes_unref(bytes);
    g_clear_error(&gerr);
    pthread_mutex_unlock(&poppler_lock);
    return st;
}
