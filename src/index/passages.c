/* passages.c: paragraph -> sentences -> balanced passages. */
#include "index/passages.h"

#include <stdlib.h>

#include "common/buf.h"
#include "text/language.h"
#include "text/utf8.h"

typedef struct span {
    size_t start, end; /* byte range within the block */
} span;

typedef struct spans {
    span *items;
    size_t n, cap;
    int failed;
} spans;

static void push(spans *s, size_t start, size_t end)
{
    if (s->failed)
        return;
    if (!trawl_array_grow((void **)&s->items, &s->cap, s->n, sizeof *s->items)) {
        s->failed = 1;
        return;
    }
    s->items[s->n++] = (span){start, end};
}

typedef struct cutter {
    const char *text; /* the block */
    size_t max;       /* the bound */
    spans *out;       /* sentence-sized pieces, none longer than the bound */
} cutter;

/* The UTF-8 character boundary at or before `at` (not before `start`). */
static size_t char_start(const char *text, size_t start, size_t at)
{
    while (at > start && ((unsigned char)text[at] & 0xC0) == 0x80)
        at--;
    return at;
}

/* Cuts [start, end), a sentence longer than the bound, into the fewest pieces the bound allows,
 * of about equal length: each cut at the space nearest its target (within a quarter of the
 * target, never past the bound), else at the character boundary at the target (text without
 * spaces, such as Chinese). No piece is a stray word left over. */
static void cut_long(cutter *c, size_t start, size_t end)
{
    while (end - start > c->max) {
        size_t k = (end - start + c->max - 1) / c->max; /* pieces still needed */
        size_t target = (end - start) / k, slack = target / 4;
        size_t at = char_start(c->text, start, start + target), cut = at;
        for (size_t d = 1; d <= slack && cut == at; d++) {
            if (c->text[at - d] == ' ' || c->text[at - d] == '\n')
                cut = at - d + 1;
            else if (target + d <= c->max && at + d < end &&
                     (c->text[at + d] == ' ' || c->text[at + d] == '\n'))
                cut = at + d + 1;
        }
        if (cut == start)
            cut = start + trawl_utf8_seqlen((unsigned char)c->text[start]);
        push(c->out, start, cut);
        start = cut;
    }
    if (end > start)
        push(c->out, start, end);
}

static int on_sentence(void *ctx, size_t start, size_t end, int rule)
{
    (void)rule;
    cutter *c = ctx;
    cut_long(c, start, end);
    return c->out->failed;
}

/* Trims spaces and newlines at both ends of text[*a, *b). */
static void trim(const char *text, size_t *a, size_t *b)
{
    while (*a < *b && (text[*a] == ' ' || text[*a] == '\n' || text[*a] == '\t' || text[*a] == '\r'))
        (*a)++;
    while (*b > *a && (text[*b - 1] == ' ' || text[*b - 1] == '\n' || text[*b - 1] == '\t' ||
                       text[*b - 1] == '\r'))
        (*b)--;
}

/* Short blocks of one section waiting to become one passage: their texts joined by a newline. */
typedef struct group {
    trawl_buf text;      /* the joined texts */
    size_t first;        /* index of the first block */
    size_t offset;       /* its offset in the source */
    size_t section;      /* the section of every block in it */
    trawl_script script; /* the script of its letters (TRAWL_SCRIPT_NONE when none yet) */
    unsigned ordinal;    /* of the last passage given */
} group;

static int emit(group *g, size_t block, const char *text, size_t len, size_t offset, size_t section,
                trawl_passage_fn fn, void *ctx)
{
    trawl_passage p = {++g->ordinal, block, text, len, offset, section};
    return fn(ctx, &p);
}

/* Gives the group as a passage, if it holds anything. */
static int flush_group(group *g, trawl_passage_fn fn, void *ctx)
{
    if (!g->text.len)
        return 0;
    int stop = emit(g, g->first, g->text.data, g->text.len, g->offset, g->section, fn, ctx);
    trawl_buf_reset(&g->text);
    return stop;
}

trawl_status trawl_split_passages(const trawl_document *doc, trawl_breaks *sentences,
                                  size_t max_bytes, trawl_passage_fn fn, void *ctx,
                                  trawl_error *err)
{
    trawl_status st = TRAWL_OK;
    spans pieces = {NULL, 0, 0, 0};
    group g = {TRAWL_BUF_INIT, 0, 0, TRAWL_NO_SECTION, TRAWL_SCRIPT_NONE, 0};
    size_t min_bytes = max_bytes / TRAWL_MERGE_DIVISOR;
    for (size_t bi = 0; bi < trawl_document_block_count(doc); bi++) {
        const trawl_block *b = trawl_document_block(doc, bi);
        if (b->len <= max_bytes) {
            /* A short block joins the group before it when that group is still shorter than
             * the minimum, belongs to the same section and page, is written in the same script (so
             * that a passage in another language keeps its own) and stays within the
             * bound. */
            trawl_script script = trawl_script_of(b->text, b->len);
            if (g.text.len &&
                (g.text.len >= min_bytes || g.section != b->section ||
                 trawl_document_block(doc, g.first)->page != b->page ||
                 (script != g.script && script != TRAWL_SCRIPT_NONE &&
                  g.script != TRAWL_SCRIPT_NONE) ||
                 g.text.len + 1 + b->len > max_bytes) &&
                flush_group(&g, fn, ctx))
                goto cleanup;
            if (!g.text.len || g.script == TRAWL_SCRIPT_NONE)
                g.script = script;
            if (!g.text.len) {
                g.first = bi;
                g.offset = b->offset;
                g.section = b->section;
            } else {
                trawl_buf_putc(&g.text, '\n');
            }
            trawl_buf_append(&g.text, b->text, b->len);
            if (g.text.failed)
                break;
            continue;
        }
        if (flush_group(&g, fn, ctx))
            goto cleanup;
        pieces.n = 0;
        cutter c = {b->text, max_bytes, &pieces};
        if ((st = trawl_breaks_each(sentences, b->text, b->len, on_sentence, &c, err)))
            goto cleanup;
        if (pieces.failed)
            break;
        /* Pack sentences into passages of about equal length: the target is what is left
         * divided by the passages the bound still requires, and a sentence joins the current
         * passage when it fits and brings the passage closer to the target. */
        size_t i = 0;
        while (i < pieces.n) {
            size_t start = pieces.items[i].start, end = pieces.items[i].end;
            size_t left = b->len - start;
            size_t target = left / ((left + max_bytes - 1) / max_bytes);
            for (i++; i < pieces.n; i++) {
                size_t with = pieces.items[i].end - start, without = end - start;
                if (with > max_bytes ||
                    (with > target ? with - target : target - with) >=
                        (without > target ? without - target : target - without))
                    break;
                end = pieces.items[i].end;
            }
            trim(b->text, &start, &end);
            if (start != end &&
                emit(&g, bi, b->text + start, end - start, b->offset + start, b->section, fn, ctx))
                goto cleanup;
        }
    }
    if (pieces.failed || g.text.failed)
        st = trawl_error_set(err, TRAWL_ERR_NOMEM, "%s: out of memory splitting passages",
                             trawl_document_path(doc));
    else
        flush_group(&g, fn, ctx);
cleanup:
    free(pieces.items);
    trawl_buf_free(&g.text);
    return st;
}
