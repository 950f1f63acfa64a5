/* query_parser.c: a lexer and a recursive-descent parser for the query syntax. */
#include "query/query_parser.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"

/* Queries longer than this are refused rather than parsed. */
#define MAX_QUERY_BYTES 100000
/* Parentheses nested deeper than this are refused (the parser recurses). */
#define MAX_DEPTH 100
/* Queries with more words and phrases than this are refused (as Lucene caps its clauses):
 * past it a query is a pasted document, and its matching would take minutes. */
#define MAX_TERMS 1024

typedef enum tok_kind {
    TOK_END,
    TOK_WORD,   /* text: the word */
    TOK_PHRASE, /* text: the inside of the quotes */
    TOK_LPAREN,
    TOK_RPAREN,
    TOK_AND,
    TOK_OR,
    TOK_NOT,  /* NOT, or '-' glued to what follows */
    TOK_NEAR, /* NEAR, NEAR/N, ADJ, ADJ/N: distance and order in the token's fields */
    TOK_FIELD /* text: the field name; what follows (word, phrase, group) belongs to it */
} tok_kind;

typedef struct token {
    tok_kind kind;
    const char *text; /* into the query */
    size_t len;
    size_t column;     /* 1-based byte column, for messages */
    unsigned distance; /* TOK_NEAR: at most this many words between */
    bool ordered;      /* TOK_NEAR: ADJ, in the order written */
} token;

typedef struct parser {
    const char *q;   /* the query */
    size_t pos;      /* lexer position */
    token tok;       /* current token */
    int depth;       /* parenthesis nesting */
    size_t terms;    /* words and phrases so far */
    trawl_status st; /* first failure */
    trawl_error *err;
} parser;

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool ends_word(char c)
{
    return c == '\0' || is_space(c) || c == '(' || c == ')' || c == '"';
}

static void fail(parser *p, size_t column, const char *what)
{
    if (p->st == TRAWL_OK)
        p->st = trawl_error_set(p->err, TRAWL_ERR_QUERY_SYNTAX, "query error at column %zu: %s",
                                column, what);
}

/* Whether the word `t` is a proximity operator: NEAR (at most TRAWL_NEAR_DISTANCE words
 * between, any order), NEAR/N, ADJ (in order, adjacent) or ADJ/N; sets its distance and
 * order. A malformed distance ("NEAR/x", "NEAR/1000") fails. */
static bool proximity(parser *p, token *t)
{
    bool near = t->len >= 4 && memcmp(t->text, "NEAR", 4) == 0;
    bool adj = t->len >= 3 && memcmp(t->text, "ADJ", 3) == 0;
    size_t name = near ? 4 : 3;
    if ((!near && !adj) || (t->len > name && t->text[name] != '/'))
        return false;
    t->ordered = adj;
    t->distance = near ? TRAWL_NEAR_DISTANCE : 0;
    if (t->len == name)
        return true;
    unsigned n = 0;
    size_t i = name + 1;
    for (; i < t->len && t->text[i] >= '0' && t->text[i] <= '9' && n <= TRAWL_MAX_DISTANCE; i++)
        n = n * 10 + (unsigned)(t->text[i] - '0');
    if (i == name + 1 || i < t->len || n > TRAWL_MAX_DISTANCE) {
        char what[128];
        snprintf(what, sizeof what, "%.*s/N needs a number of words from 0 to %d, not '%.*s'",
                 (int)name, t->text, TRAWL_MAX_DISTANCE, (int)(t->len - name - 1),
                 t->text + name + 1);
        fail(p, t->column, what);
        return true;
    }
    t->distance = n;
    return true;
}

static void next(parser *p)
{
    const char *q = p->q;
    while (is_space(q[p->pos]))
        p->pos++;
    size_t start = p->pos;
    token t = {TOK_END, q + start, 0, start + 1, 0, false};
    char c = q[start];
    if (c == '\0') {
        p->tok = t;
        return;
    }
    if (c == '(' || c == ')') {
        t.kind = c == '(' ? TOK_LPAREN : TOK_RPAREN;
        t.len = 1;
        p->pos++;
    } else if (c == '"') {
        const char *close = strchr(q + start + 1, '"');
        if (!close) {
            fail(p, start + 1, "unbalanced quote: this \" has no closing quote");
            t.kind = TOK_END;
            p->pos = strlen(q);
        } else {
            t.kind = TOK_PHRASE;
            t.text = q + start + 1;
            t.len = (size_t)(close - t.text);
            p->pos = (size_t)(close - q) + 1;
        }
    } else if (c == '-' && q[start + 1] != '-' && q[start + 1] != ')' &&
               (q[start + 1] == '"' || q[start + 1] == '(' || !ends_word(q[start + 1]))) {
        t.kind = TOK_NOT;
        t.len = 1;
        p->pos++;
    } else {
        size_t end = start;
        while (!ends_word(q[end]))
            end++;
        t.len = end - start;
        t.kind = TOK_WORD;
        /* field:... when the part before the first ':' is a name made of letters. */
        const char *colon = memchr(q + start, ':', t.len);
        size_t name_len = colon ? (size_t)(colon - (q + start)) : 0;
        bool letters = name_len > 0;
        for (size_t i = 0; i < name_len && letters; i++)
            letters = (q[start + i] >= 'a' && q[start + i] <= 'z') ||
                      (q[start + i] >= 'A' && q[start + i] <= 'Z');
        if (letters) {
            t.kind = TOK_FIELD;
            t.len = name_len;
            end = start + name_len + 1;
        } else if (t.len == 2 && memcmp(t.text, "OR", 2) == 0) {
            t.kind = TOK_OR;
        } else if (t.len == 3 && memcmp(t.text, "AND", 3) == 0) {
            t.kind = TOK_AND;
        } else if (t.len == 3 && memcmp(t.text, "NOT", 3) == 0) {
            t.kind = TOK_NOT;
        } else if (proximity(p, &t)) {
            t.kind = TOK_NEAR;
        }
        p->pos = end;
    }
    p->tok = t;
}

static trawl_qnode *new_node(parser *p, trawl_qnode_kind kind)
{
    trawl_qnode *n = calloc(1, sizeof *n);
    if (!n && p->st == TRAWL_OK)
        p->st = trawl_error_set(p->err, TRAWL_ERR_NOMEM, "out of memory parsing the query");
    if (n)
        n->kind = kind;
    return n;
}

static trawl_qnode *leaf(parser *p, trawl_qnode_kind kind, const char *text, size_t len,
                         const trawl_field *field)
{
    if (++p->terms > MAX_TERMS) {
        char what[96];
        snprintf(what, sizeof what, "too many words and phrases (at most %d)", MAX_TERMS);
        /* the column of the word, or of a phrase's opening quote */
        fail(p, (size_t)(text - p->q) + (kind == TRAWL_QNODE_PHRASE ? 0 : 1), what);
        return NULL;
    }
    trawl_qnode *n = new_node(p, kind);
    if (!n)
        return NULL;
    n->field = field;
    if (!(n->text = trawl_strndup(text, len))) {
        free(n);
        p->st = trawl_error_set(p->err, TRAWL_ERR_NOMEM, "out of memory parsing the query");
        return NULL;
    }
    return n;
}

static void add_kid(parser *p, trawl_qnode *parent, trawl_qnode *kid)
{
    if (!kid)
        return;
    trawl_qnode **k = realloc(parent->kids, (parent->nkids + 1) * sizeof *k);
    if (!k) {
        trawl_qnode_free(kid);
        p->st = trawl_error_set(p->err, TRAWL_ERR_NOMEM, "out of memory parsing the query");
        return;
    }
    parent->kids = k;
    parent->kids[parent->nkids++] = kid;
}

/* A node with a single child is that child. */
static trawl_qnode *simplify(trawl_qnode *n)
{
    if (n && (n->kind == TRAWL_QNODE_AND || n->kind == TRAWL_QNODE_OR) && n->nkids == 1) {
        trawl_qnode *only = n->kids[0];
        free(n->kids);
        free(n);
        return only;
    }
    return n;
}

static trawl_qnode *parse_seq(parser *p, const trawl_field *field);

/* facet:value or facet:"value with spaces". The value is taken as written, up to a space or
 * a parenthesis, so that url:https://example.org/a:b keeps its colons. */
static trawl_qnode *parse_filter(parser *p, trawl_filter_id filter, size_t column)
{
    const char *q = p->q;
    size_t start = p->pos, end;
    const char *value;
    if (q[start] == '"') {
        const char *close = strchr(q + start + 1, '"');
        if (!close) {
            fail(p, start + 1, "unbalanced quote: this \" has no closing quote");
            return NULL;
        }
        value = q + start + 1;
        end = (size_t)(close - value);
        p->pos = (size_t)(close - q) + 1;
    } else {
        size_t e = start;
        while (q[e] && !is_space(q[e]) && q[e] != '(' && q[e] != ')')
            e++;
        value = q + start;
        end = e - start;
        p->pos = e;
    }
    if (end == 0) {
        fail(p, column,
             "a facet filter needs a value after ':' (icc:KEY, province:NAME, "
             "year:2024, year:2018..2020)");
        return NULL;
    }
    next(p);
    trawl_qnode *n = leaf(p, TRAWL_QNODE_FILTER, value, end, NULL);
    if (n)
        n->filter = filter;
    return n;
}

/* A word, phrase or group, within `field` (NULL: the default fields). */
static trawl_qnode *parse_primary(parser *p, const trawl_field *field)
{
    token t = p->tok;
    switch (t.kind) {
    case TOK_WORD:
        next(p);
        if (t.len > 1 && t.text[t.len - 1] == '*')
            return leaf(p, TRAWL_QNODE_WILDCARD, t.text, t.len - 1, field);
        return leaf(p, TRAWL_QNODE_WORD, t.text, t.len, field);
    case TOK_PHRASE:
        next(p);
        return leaf(p, TRAWL_QNODE_PHRASE, t.text, t.len, field);
    case TOK_FIELD: {
        const trawl_field *f = trawl_schema_field_named(t.text, t.len);
        trawl_filter_id filter;
        if (!f && trawl_schema_facet_named(t.text, t.len, &filter))
            return parse_filter(p, filter, t.column);
        if (!f) {
            char msg[256];
            snprintf(msg, sizeof msg, "unknown field '%.*s' (fields: %s)", (int)t.len, t.text,
                     trawl_schema_field_names());
            fail(p, t.column, msg);
            return NULL;
        }
        if (field) {
            fail(p, t.column, "a field inside a field");
            return NULL;
        }
        next(p);
        if (p->tok.kind != TOK_WORD && p->tok.kind != TOK_PHRASE && p->tok.kind != TOK_LPAREN &&
            p->tok.kind != TOK_FIELD) {
            fail(p, t.column, "a field name needs a word, a phrase or a group after ':'");
            return NULL;
        }
        return parse_primary(p, f);
    }
    case TOK_LPAREN: {
        if (++p->depth > MAX_DEPTH) {
            fail(p, t.column, "parentheses nested too deeply");
            return NULL;
        }
        next(p);
        trawl_qnode *inner = parse_seq(p, field);
        if (p->st == TRAWL_OK && p->tok.kind != TOK_RPAREN)
            fail(p, t.column, "unbalanced parenthesis: this ( is never closed");
        else if (p->st == TRAWL_OK && !inner)
            fail(p, t.column, "empty parentheses");
        else
            next(p);
        p->depth--;
        return inner;
    }
    case TOK_RPAREN:
        fail(p, t.column, "unbalanced parenthesis: this ) closes nothing");
        return NULL;
    case TOK_OR:
    case TOK_AND:
        fail(p, t.column, "OR and AND need a word, phrase or group on both sides");
        return NULL;
    case TOK_NOT:
        fail(p, t.column, "NOT needs a word, phrase or group after it");
        return NULL;
    case TOK_NEAR:
        fail(p, t.column, "NEAR and ADJ need a word on both sides");
        return NULL;
    case TOK_END:
        fail(p, t.column, "the query ends where a word, phrase or group was expected");
        return NULL;
    }
    return NULL;
}

/* The words a proximity operator joins: words and prefixes, not phrases or groups. */
static bool near_operand(parser *p, const trawl_qnode *n, size_t column)
{
    if (!n || n->kind == TRAWL_QNODE_WORD || n->kind == TRAWL_QNODE_WILDCARD)
        return true;
    fail(p, column, "NEAR and ADJ join words or prefixes, not phrases, groups or filters");
    return false;
}

/* word NEAR word ...: one node for a chain of the same operator. */
static trawl_qnode *parse_near(parser *p, const trawl_field *field)
{
    size_t column = p->tok.column;
    trawl_qnode *first = parse_primary(p, field);
    if (p->st || p->tok.kind != TOK_NEAR)
        return first;
    token op = p->tok;
    trawl_qnode *near = new_node(p, TRAWL_QNODE_NEAR);
    if (!near || !near_operand(p, first, column)) {
        trawl_qnode_free(first);
        trawl_qnode_free(near);
        return NULL;
    }
    near->distance = op.distance;
    near->ordered = op.ordered;
    add_kid(p, near, first);
    while (p->st == TRAWL_OK && p->tok.kind == TOK_NEAR) {
        if (p->tok.distance != op.distance || p->tok.ordered != op.ordered) {
            fail(p, p->tok.column, "a chain of NEAR or ADJ must repeat one operator");
            break;
        }
        size_t at = p->tok.column;
        next(p);
        if (p->tok.kind == TOK_END || p->tok.kind == TOK_RPAREN || p->tok.kind == TOK_OR ||
            p->tok.kind == TOK_AND || p->tok.kind == TOK_NEAR) {
            fail(p, at, "NEAR and ADJ need a word on both sides");
            break;
        }
        column = p->tok.column;
        trawl_qnode *kid = parse_primary(p, field);
        if (near_operand(p, kid, column))
            add_kid(p, near, kid);
        else
            trawl_qnode_free(kid);
    }
    return near;
}

static trawl_qnode *parse_or(parser *p, const trawl_field *field)
{
    trawl_qnode *first = parse_near(p, field);
    if (p->st || p->tok.kind != TOK_OR)
        return first;
    trawl_qnode * or = new_node(p, TRAWL_QNODE_OR);
    if (! or) {
        trawl_qnode_free(first);
        return NULL;
    }
    add_kid(p, or, first);
    while (p->st == TRAWL_OK && p->tok.kind == TOK_OR) {
        next(p);
        add_kid(p, or, parse_near(p, field));
    }
    return or ;
}

/* Clauses up to ')' or the end, joined by AND. */
static trawl_qnode *parse_seq(parser *p, const trawl_field *field)
{
    trawl_qnode *and = new_node(p, TRAWL_QNODE_AND);
    if (!and)
        return NULL;
    while (p->st == TRAWL_OK && p->tok.kind != TOK_END && p->tok.kind != TOK_RPAREN) {
        if (p->tok.kind == TOK_AND) {
            if (and->nkids == 0)
                fail(p, p->tok.column, "AND needs a word, phrase or group on both sides");
            next(p);
            if (p->tok.kind == TOK_END || p->tok.kind == TOK_RPAREN)
                fail(p, p->tok.column, "AND needs a word, phrase or group on both sides");
            continue;
        }
        if (p->tok.kind == TOK_NOT) {
            next(p);
            trawl_qnode *not = new_node(p, TRAWL_QNODE_NOT);
            if (not ) {
                add_kid(p, not, parse_or(p, field));
                add_kid(p, and, not );
            }
            continue;
        }
        add_kid(p, and, parse_or(p, field));
    }
    if (p->st || and->nkids == 0) {
        trawl_qnode_free(and);
        return NULL;
    }
    return simplify(and);
}

trawl_status trawl_query_parse(const char *query, trawl_qnode **root_out, trawl_error *err)
{
    *root_out = NULL;
    if (strlen(query) > MAX_QUERY_BYTES)
        return trawl_error_set(err, TRAWL_ERR_QUERY_SYNTAX,
                               "query too long (%zu bytes; at most %d)", strlen(query),
                               MAX_QUERY_BYTES);
    parser p = {query, 0, {TOK_END, query, 0, 1, 0, false}, 0, 0, TRAWL_OK, err};
    next(&p);
    trawl_qnode *root = parse_seq(&p, NULL);
    if (p.st == TRAWL_OK && p.tok.kind == TOK_RPAREN)
        fail(&p, p.tok.column, "unbalanced parenthesis: this ) closes nothing");
    if (p.st == TRAWL_OK && !root)
        p.st = trawl_error_set(err, TRAWL_ERR_QUERY_SYNTAX, "empty query");
    if (p.st) {
        trawl_qnode_free(root);
        return p.st;
    }
    *root_out = root;
    return TRAWL_OK;
}

void trawl_qnode_free(trawl_qnode *node)
{
    if (!node)
        return;
    for (size_t i = 0; i < node->nkids; i++)
        trawl_qnode_free(node->kids[i]);
    free(node->kids);
    free(node->text);
    free(node);
}

static void describe(const trawl_qnode *n, trawl_buf *b)
{
    static const char *const names[] = {"word", "phrase", "prefix", "AND",
                                        "OR",   "NOT",    "filter", "NEAR"};
    trawl_buf_puts(b, names[n->kind]);
    if (n->kind == TRAWL_QNODE_NEAR)
        trawl_buf_printf(b, "[%s/%u]", n->ordered ? "ADJ" : "NEAR", n->distance);
    if (n->field && n->field->name)
        trawl_buf_printf(b, "[%s]", n->field->name);
    if (n->kind == TRAWL_QNODE_FILTER)
        trawl_buf_printf(b, "[%s]", trawl_schema_facet(n->filter)->name);
    if (n->text) {
        trawl_buf_printf(b, "\"%s\"", n->text);
        return;
    }
    trawl_buf_putc(b, '(');
    for (size_t i = 0; i < n->nkids; i++) {
        if (i)
            trawl_buf_puts(b, ", ");
        describe(n->kids[i], b);
    }
    trawl_buf_putc(b, ')');
}

char *trawl_qnode_describe(const trawl_qnode *node)
{
    trawl_buf b = TRAWL_BUF_INIT;
    describe(node, &b);
    return trawl_buf_detach(&b);
}
