/* reader_html.c: HTML through gumbo (an HTML5 parser: any input, however malformed, gives a
 * tree). The title is <title>, else the first <h1>; headings open sections; paragraphs, list
 * items, table cells and other blocks are blocks; links are recorded; scripts, styles,
 * navigation, forms and page furniture are dropped. A block's offset is that of the element
 * that holds it in the source, its text the element's text with spaces collapsed.
 * The publication date is, in this order, <meta property="article:published_time">, the
 * first <time datetime> inside <article>, JSON-LD's datePublished (<script
 * type="application/ld+json">), <meta name="date"> (or dc.date, dcterms.date, pubdate,
 * publishdate, itemprop="datePublished"): the first that is a date (dates.h); one that is not
 * is left for a warning. */
#define _GNU_SOURCE
#include <ctype.h>
#include <gumbo.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "common/buf.h"
#include "readers/formats.h"

/* Where a page says when it was published, most trusted first. */
enum date_source { DATE_ARTICLE_META, DATE_ARTICLE_TIME, DATE_JSON_LD, DATE_META, DATE_SOURCES };

typedef struct html_walk {
    trawl_document *doc;
    trawl_buf text;            /* the block being collected */
    size_t offset;             /* where it starts in the source */
    trawl_block_kind kind;     /* what it is */
    bool have_title;           /* <title> or the first <h1> was seen */
    unsigned in_article;       /* open <article> elements */
    char *dates[DATE_SOURCES]; /* the first date each source gives, as written; malloc'd */
    trawl_status st;
} html_walk;

/* Keeps `value` as the date of `source` unless it has one. */
static void date_from(html_walk *w, enum date_source source, const char *value, size_t len)
{
    if (w->dates[source] || !value || !len)
        return;
    if (!(w->dates[source] = trawl_strndup(value, len)))
        w->st = TRAWL_ERR_NOMEM;
}

/* The date a <meta> element gives, by its property, name or itemprop. */
static void meta_date(html_walk *w, const GumboElement *el)
{
    static const char *const names[] = {
        "date",        "dc.date",        "dcterms.date",    "pubdate",
        "publishdate", "dc.date.issued", "dcterms.created", "datepublished"};
    const GumboAttribute *content = gumbo_get_attribute(&el->attributes, "content");
    if (!content)
        return;
    const char *keys[] = {"property", "name", "itemprop"};
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
        const GumboAttribute *a = gumbo_get_attribute(&el->attributes, keys[k]);
        if (!a)
            continue;
        if (strcasecmp(a->value, "article:published_time") == 0) {
            date_from(w, DATE_ARTICLE_META, content->value, strlen(content->value));
            return;
        }
        for (size_t i = 0; i < sizeof names / sizeof *names; i++)
            if (strcasecmp(a->value, names[i]) == 0) {
                date_from(w, DATE_META, content->value, strlen(content->value));
                return;
            }
    }
}

/* The first "datePublished" string in a JSON-LD value (objects, arrays, @graph). */
static const char *json_ld_date(const json_t *v, unsigned depth)
{
    if (depth > 8)
        return NULL;
    if (json_is_object(v)) {
        const char *s = json_string_value(json_object_get(v, "datePublished"));
        if (s)
            return s;
        const char *key;
        json_t *child;
        json_object_foreach((json_t *)v, key, child)
        {
            if ((s = json_ld_date(child, depth + 1)))
                return s;
        }
    } else if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v); i++) {
            const char *s = json_ld_date(json_array_get(v, i), depth + 1);
            if (s)
                return s;
        }
    }
    return NULL;
}

/* A <script type="application/ld+json">: its datePublished. */
static void script_date(html_walk *w, const GumboElement *el)
{
    const GumboAttribute *type = gumbo_get_attribute(&el->attributes, "type");
    if (!type || strcasecmp(type->value, "application/ld+json") != 0 || w->dates[DATE_JSON_LD] ||
        el->children.length != 1)
        return;
    const GumboNode *k = el->children.data[0];
    if (k->type != GUMBO_NODE_TEXT && k->type != GUMBO_NODE_CDATA)
        return;
    json_t *v = json_loads(k->v.text.text, 0, NULL);
    const char *s = json_ld_date(v, 0);
    if (s)
        date_from(w, DATE_JSON_LD, s, strlen(s));
    json_decref(v);
}

static bool dropped(GumboTag tag)
{
    switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_HEAD:
        return true;
    default:
        return false;
    }
}

static bool block(GumboTag tag)
{
    switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_BODY:
        return true;
    default:
        return false;
    }
}

static int heading_level(GumboTag tag)
{
    switch (tag) {
    case GUMBO_TAG_H1:
        return 1;
    case GUMBO_TAG_H2:
        return 2;
    case GUMBO_TAG_H3:
        return 3;
    case GUMBO_TAG_H4:
        return 4;
    case GUMBO_TAG_H5:
        return 5;
    case GUMBO_TAG_H6:
        return 6;
    default:
        return 0;
    }
}

/* Appends text with runs of white space made one space. */
static void append_collapsed(trawl_buf *b, const char *s)
{
    for (; *s; s++) {
        bool space = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\r' || *s == '\f';
        if (space) {
            if (b->len && b->data[b->len - 1] != ' ')
                trawl_buf_putc(b, ' ');
        } else {
            trawl_buf_putc(b, *s);
        }
    }
}

/* Elements nested deeper than this are read for their text alone, without their structure:
 * the walk is recursive and pathological documents nest thousands of levels. */
#define MAX_DEPTH 200

/* The text of a subtree, for headings, titles, link texts and deep nests: iterative, so that
 * no depth of nesting can exhaust the stack. */
static void text_of(const GumboNode *root, trawl_buf *out)
{
    const GumboNode **stack = NULL;
    size_t n = 0, cap = 0;
    if (!trawl_array_grow((void **)&stack, &cap, n, sizeof *stack)) {
        out->failed = true;
        return;
    }
    stack[n++] = root;
    while (n) {
        const GumboNode *node = stack[--n];
        if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
            node->type == GUMBO_NODE_CDATA) {
            append_collapsed(out, node->v.text.text);
            continue;
        }
        if (node->type != GUMBO_NODE_ELEMENT || dropped(node->v.element.tag))
            continue;
        const GumboVector *kids = &node->v.element.children;
        /* Children pushed last first, so that they come out in document order. */
        for (unsigned i = kids->length; i-- > 0;) {
            if (!trawl_array_grow((void **)&stack, &cap, n, sizeof *stack)) {
                out->failed = true;
                free(stack);
                return;
            }
            stack[n++] = kids->data[i];
        }
    }
    free(stack);
}

/* The range of `t` without its leading and trailing spaces. */
static void trimmed(const trawl_buf *t, size_t *a, size_t *b)
{
    *a = 0;
    *b = t->len;
    while (*a < *b && t->data[*a] == ' ')
        (*a)++;
    while (*b > *a && t->data[*b - 1] == ' ')
        (*b)--;
}

/* The collected block, trimmed, added to the document. */
static void flush(html_walk *w)
{
    size_t a, b;
    trimmed(&w->text, &a, &b);
    if (b > a && !w->st)
        w->st = trawl_document_add_block(w->doc, w->kind, w->text.data + a, b - a, w->offset);
    trawl_buf_reset(&w->text);
}

static void walk(html_walk *w, const GumboNode *n, unsigned depth)
{
    if (w->st)
        return;
    if (depth > MAX_DEPTH) {
        if (!w->text.len)
            w->offset = n->type == GUMBO_NODE_ELEMENT ? n->v.element.start_pos.offset : w->offset;
        text_of(n, &w->text);
        return;
    }
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA ||
        n->type == GUMBO_NODE_WHITESPACE) {
        if (!w->text.len)
            w->offset = n->v.text.start_pos.offset;
        append_collapsed(&w->text, n->v.text.text);
        return;
    }
    if (n->type != GUMBO_NODE_ELEMENT)
        return;
    const GumboElement *el = &n->v.element;
    if (el->tag == GUMBO_TAG_META)
        meta_date(w, el);
    else if (el->tag == GUMBO_TAG_SCRIPT)
        script_date(w, el);
    else if (el->tag == GUMBO_TAG_TIME && w->in_article) {
        const GumboAttribute *at = gumbo_get_attribute(&el->attributes, "datetime");
        if (at)
            date_from(w, DATE_ARTICLE_TIME, at->value, strlen(at->value));
    }
    if (el->tag == GUMBO_TAG_HEAD) { /* only its <title> and dates matter */
        for (unsigned i = 0; i < el->children.length; i++) {
            const GumboNode *k = el->children.data[i];
            if (k->type != GUMBO_NODE_ELEMENT)
                continue;
            if (k->v.element.tag == GUMBO_TAG_TITLE)
                walk(w, k, depth + 1);
            else if (k->v.element.tag == GUMBO_TAG_META)
                meta_date(w, &k->v.element);
            else if (k->v.element.tag == GUMBO_TAG_SCRIPT)
                script_date(w, &k->v.element);
        }
        return;
    }
    if (el->tag == GUMBO_TAG_TITLE || (el->tag == GUMBO_TAG_H1 && !w->have_title)) {
        trawl_buf t = TRAWL_BUF_INIT;
        text_of(n, &t);
        size_t a, b;
        trimmed(&t, &a, &b);
        if (b > a && !w->have_title) {
            flush(w);
            w->st = trawl_document_set_title(w->doc, t.data + a, b - a);
            w->have_title = true;
        }
        trawl_buf_free(&t);
        return;
    }
    if (dropped(el->tag))
        return;
    int level = heading_level(el->tag);
    if (level) {
        trawl_buf t = TRAWL_BUF_INIT;
        text_of(n, &t);
        flush(w);
        size_t a, b;
        trimmed(&t, &a, &b);
        /* An <h1> repeating the title adds nothing; other headings open sections. */
        bool repeats = level == 1 && strlen(trawl_document_title(w->doc)) == b - a &&
                       strncmp(trawl_document_title(w->doc), t.data + a, b - a) == 0;
        if (b > a && !repeats)
            w->st = trawl_document_begin_section(w->doc, (unsigned)(level > 1 ? level - 1 : 1),
                                                 t.data + a, b - a);
        trawl_buf_free(&t);
        return;
    }
    if (el->tag == GUMBO_TAG_A) {
        const GumboAttribute *href = gumbo_get_attribute(&el->attributes, "href");
        if (href && *href->value && href->value[0] != '#') {
            trawl_buf t = TRAWL_BUF_INIT;
            text_of(n, &t);
            if (!w->st)
                w->st = trawl_document_add_link(w->doc, trawl_buf_str(&t), t.len, href->value,
                                                strlen(href->value));
            trawl_buf_free(&t);
        }
    }
    if (el->tag == GUMBO_TAG_BR && w->text.len)
        trawl_buf_putc(&w->text, ' ');
    bool is_block = block(el->tag);
    trawl_block_kind outer = w->kind;
    if (is_block) {
        flush(w);
        if (el->tag == GUMBO_TAG_LI)
            w->kind = TRAWL_BLOCK_LIST_ITEM;
        else if (el->tag != GUMBO_TAG_UL && el->tag != GUMBO_TAG_OL)
            w->kind = outer == TRAWL_BLOCK_LIST_ITEM ? outer : TRAWL_BLOCK_PARAGRAPH;
    }
    w->in_article += el->tag == GUMBO_TAG_ARTICLE;
    for (unsigned i = 0; i < el->children.length; i++)
        walk(w, el->children.data[i], depth + 1);
    w->in_article -= el->tag == GUMBO_TAG_ARTICLE;
    if (is_block) {
        flush(w);
        w->kind = outer;
    }
}

bool trawl_looks_like_html(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len && strchr(" \t\r\n", text[i]))
        i++;
    static const char *const starts[] = {"<!doctype html", "<html", "<head"};
    for (size_t k = 0; k < sizeof starts / sizeof *starts; k++) {
        size_t n = strlen(starts[k]), j = 0;
        while (j < n && i + j < len && (text[i + j] | 0x20) == starts[k][j])
            j++;
        if (j == n)
            return true;
    }
    return false;
}

/* Gumbo's time grows with the square of the number of open elements (each new tag searches
 * the stack): 20,000 unclosed <div>s take seconds, 100,000 minutes. Files nested deeper than
 * this are refused before parsing; real pages stay under a hundred. */
#define MAX_OPEN_ELEMENTS 5000

/* Elements that never need an end tag: void ones, and those closed by what follows. */
static bool closes_itself(const char *name, size_t n)
{
    static const char *const names[] = {
        "area",    "base",     "br",     "col",   "embed", "hr",    "img",   "input", "link",
        "meta",    "param",    "source", "track", "wbr",   "p",     "li",    "dt",    "dd",
        "option",  "optgroup", "tr",     "td",    "th",    "tbody", "thead", "tfoot", "colgroup",
        "caption", "rb",       "rt",     "rtc",   "rp",    "html",  "head",  "body"};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        if (strlen(names[k]) == n && strncasecmp(names[k], name, n) == 0)
            return true;
    return false;
}

/* A quick count of the elements left open by start and end tags, without building a tree:
 * the byte offset where more than MAX_OPEN_ELEMENTS are open, or `len` if that never happens. */
static size_t too_deep_at(const char *text, size_t len)
{
    size_t open = 0;
    for (size_t i = 0; i + 1 < len; i++) {
        if (text[i] != '<')
            continue;
        if (len - i >= 4 && memcmp(text + i, "<!--", 4) == 0) {
            const char *end = memmem(text + i + 4, len - i - 4, "-->", 3);
            if (!end)
                break;
            i = (size_t)(end - text) + 2;
            continue;
        }
        bool closing = text[i + 1] == '/';
        size_t start = i + 1 + closing, j = start;
        while (j < len && isalnum((unsigned char)text[j]))
            j++;
        if (j == start || !isalpha((unsigned char)text[start]) ||
            closes_itself(text + start, j - start))
            continue;
        const char *gt = memchr(text + j, '>', len - j);
        if (!closing && gt && gt > text + j && gt[-1] == '/')
            continue; /* <x/> */
        if (closing)
            open -= open > 0;
        else if (++open > MAX_OPEN_ELEMENTS)
            return i;
    }
    return len;
}

trawl_status trawl_read_html(trawl_document *doc, const char *text, size_t len, trawl_error *err)
{
    size_t deep = too_deep_at(text, len);
    if (deep < len)
        return trawl_error_set(err, TRAWL_ERR_INPUT,
                               "HTML nested too deeply (more than %d elements open at byte "
                               "%zu)",
                               MAX_OPEN_ELEMENTS, deep);
    /* Gumbo copies the stack of open elements into every parse error it records: with many
     * unclosed elements that is memory squared. Trawl does not report HTML errors. */
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;
    GumboOutput *out = gumbo_parse_with_options(&options, text, len);
    if (!out)
        return trawl_error_set(err, TRAWL_ERR_NOMEM, "out of memory parsing HTML");
    html_walk w = {doc, TRAWL_BUF_INIT, 0, TRAWL_BLOCK_PARAGRAPH, false, 0, {NULL}, TRAWL_OK};
    walk(&w, out->root, 0);
    flush(&w);
    /* The least trusted first: a more trusted date that is one replaces it; one that is not
     * leaves it and is told. */
    for (int s = DATE_SOURCES - 1; s >= 0; s--) {
        if (w.dates[s] && !w.st)
            w.st = trawl_document_set_date(doc, w.dates[s], strlen(w.dates[s]));
        free(w.dates[s]);
    }
    if (!w.st && w.text.failed)
        w.st = TRAWL_ERR_NOMEM;
    trawl_buf_free(&w.text);
    gumbo_destroy_output(&options, out);
    if (w.st)
        return trawl_error_set(err, w.st, "out of memory reading HTML");
    return TRAWL_OK;
}
