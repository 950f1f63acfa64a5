/* printer_text.c: results for people. Each hit: rank, title and section, score; the passage
 * id (path#ordinal) and URL; the passage wrapped to the width, highlights marked. */
#include <string.h>

#include "output/printer_impl.h"

#define WRAP_COLUMNS 96
#define INDENT "   "

static void mark(const trawl_printer *p, bool open)
{
    if (p->terminal)
        fputs(open ? "\033[1m" : "\033[0m", p->out);
    else
        fputc(open ? '[' : ']', p->out);
}

/* Width in characters of the word at the start of s[0, len). */
static size_t word_width(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len && s[i] != ' ' && s[i] != '\n' && s[i] != '\t'; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            w++;
    return w;
}

/* Writes the passage wrapped at spaces, newlines in the source made spaces, highlights
 * marked. Columns count characters (UTF-8 lead bytes). */
static void print_passage(const trawl_printer *p, const trawl_hit *h)
{
    size_t next = 0, col = 0;
    bool inside = false;
    fputs(INDENT, p->out);
    for (size_t i = 0; i < h->text_len; i++) {
        if (inside && i == h->highlights[next].end) {
            mark(p, false);
            inside = false;
            next++;
        }
        if (!inside && next < h->nhighlights && i == h->highlights[next].start) {
            mark(p, true);
            inside = true;
        }
        char c = h->text[i];
        if (c == '\n' || c == '\r' || c == '\t')
            c = ' ';
        if (c == ' ' && col + 1 + word_width(h->text + i + 1, h->text_len - i - 1) > WRAP_COLUMNS &&
            col > 0) {
            fputs("\n" INDENT, p->out);
            col = 0;
            continue;
        }
        fputc(c, p->out);
        if (((unsigned char)c & 0xC0) != 0x80)
            col++;
    }
    if (inside)
        mark(p, false);
    fputc('\n', p->out);
}

static trawl_status text_results(trawl_printer *p, const trawl_results *r, trawl_error *err)
{
    (void)err;
    unsigned total = trawl_results_total(r);
    size_t count = trawl_results_count(r);
    if (total == 0) {
        fprintf(p->out, "no passages match: %s\n", trawl_results_query(r));
        return TRAWL_OK;
    }
    fprintf(p->out, "%u passage%s match%s: %s", total, total == 1 ? "" : "s",
            total == 1 ? "es" : "", trawl_results_query(r));
    if (count > 0 && count < total)
        fprintf(p->out, " (showing %u-%zu)", trawl_results_offset(r) + 1,
                trawl_results_offset(r) + count);
    else if (count == 0)
        fprintf(p->out, " (none from %u)", trawl_results_offset(r) + 1);
    fputc('\n', p->out);
    for (size_t i = 0; i < count; i++) {
        const trawl_hit *h = trawl_results_hit(r, i);
        fprintf(p->out, "\n%u. %s", h->rank, h->title);
        if (*h->section)
            fprintf(p->out, " > %s", h->section);
        fprintf(p->out, "  (score %.3f)\n" INDENT "%s", h->score, h->id);
        if (*h->url)
            fprintf(p->out, "  %s", h->url);
        fputc('\n', p->out);
        print_passage(p, h);
    }
    return TRAWL_OK;
}

const trawl_printer_ops trawl_printer_text_ops = {text_results};
