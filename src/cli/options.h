/* options.h: the command-line options of a program as one declarative table, which both parses
 * argv and prints --help: each option is declared once, with its value, its help text and
 * where its value goes.
 *
 * Options may come before, between or after the operands; "--" ends them. A value is the next
 * argument ("--index DIR"). Errors are one line on stderr naming the option, as
 * trawl_cli_error prints them. Tables and their targets belong to the caller; nothing here
 * allocates but the arrays of operands and repeatable options (trawl_cli_list). */
#ifndef TRAWL_CLI_OPTIONS_H
#define TRAWL_CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum trawl_cli_kind {
    TRAWL_CLI_FLAG,   /* no value; target: bool, set true */
    TRAWL_CLI_STRING, /* target: const char *, the value (the last one given) */
    TRAWL_CLI_COUNT,  /* target: size_t, a whole number from min to max */
    TRAWL_CLI_CHOICE, /* target: int, the position of the value among `choices` */
    TRAWL_CLI_LIST,   /* repeatable; target: trawl_cli_list, each value appended */
    TRAWL_CLI_HELP,   /* prints the help and ends the program's parse (no target) */
    TRAWL_CLI_VERSION /* prints the versions (trawl_cli_version) and ends the parse */
} trawl_cli_kind;

/* The values of a repeatable option, in the order given; `items` is malloc'd by the parser
 * and freed by the caller (trawl_cli_list_free). */
typedef struct trawl_cli_list {
    const char **items;
    size_t n;
} trawl_cli_list;
void trawl_cli_list_free(trawl_cli_list *list);

typedef struct trawl_cli_option {
    const char *name; /* "--index" */
    char letter;      /* a one-letter alias ('q' for -q), or 0 */
    trawl_cli_kind kind;
    const char *value;   /* the value's name in the help ("DIR"); NULL for flags */
    const char *help;    /* one paragraph, wrapped by trawl_cli_help */
    void *target;        /* where the value goes (see the kind) */
    size_t min, max;     /* COUNT: the bounds */
    const char *choices; /* CHOICE: the values, separated by '|' ("text|json|csv") */
} trawl_cli_option;

typedef struct trawl_cli_spec {
    const char *usage;  /* the usage lines, from "usage: " on */
    const char *about;  /* what the program does, before the options */
    const char *epilog; /* after the options, or NULL */
    const trawl_cli_option *options;
    size_t noptions;
    bool dash_operands; /* an argument with one leading '-' ("-word") is an operand, not an
                           option: the program's operands are query words */
} trawl_cli_spec;

enum {
    TRAWL_CLI_PARSED, /* the options are set and the operands collected */
    TRAWL_CLI_HELPED, /* --help or --version was given and printed on stdout: exit 0 */
    TRAWL_CLI_FAILED  /* an error was printed: exit 2 */
};

/* Parses argv[1..argc) by `spec`: sets the targets, and appends the other arguments to
 * `operands` (which the caller frees with trawl_cli_list_free, whatever the result). Returns
 * one of the TRAWL_CLI_* results above. */
int trawl_cli_parse(const trawl_cli_spec *spec, int argc, char **argv, trawl_cli_list *operands);

/* Prints the help of `spec`: usage, about, one entry per option, epilog. */
void trawl_cli_help(const trawl_cli_spec *spec, FILE *out);

#endif
