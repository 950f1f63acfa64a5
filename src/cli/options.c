/* options.c: parsing argv and printing --help from one option table. */
#include "cli/options.h"

#include <stdlib.h>
#include <string.h>

#include "cli/cli_common.h"

/* The help's layout: names and values, then each option's help from HELP_COLUMN on, its
 * words wrapped before HELP_WIDTH (an 80-column terminal). */
#define HELP_COLUMN 23
#define HELP_WIDTH 79

void trawl_cli_list_free(trawl_cli_list *list)
{
    free(list->items);
    list->items = NULL;
    list->n = 0;
}

static const trawl_cli_option *find(const trawl_cli_spec *spec, const char *arg)
{
    for (size_t i = 0; i < spec->noptions; i++) {
        const trawl_cli_option *o = &spec->options[i];
        if (strcmp(arg, o->name) == 0 ||
            (o->letter && arg[0] == '-' && arg[1] == o->letter && !arg[2]))
            return o;
    }
    return NULL;
}

/* The position of `value` among the '|'-separated `choices`, or -1. */
static int choice_of(const char *choices, const char *value)
{
    size_t len = strlen(value);
    int pos = 0;
    for (const char *c = choices; *c; pos++) {
        size_t n = strcspn(c, "|");
        if (n == len && strncmp(c, value, n) == 0)
            return pos;
        c += n + (c[n] == '|');
    }
    return -1;
}

/* "text, json or csv" from "text|json|csv", into `out`. */
static void say_choices(const char *choices, char *out, size_t size)
{
    size_t at = 0, n = strlen(choices);
    const char *last = strrchr(choices, '|');
    for (size_t i = 0; i < n && at + 5 < size; i++) {
        if (choices[i] != '|') {
            out[at++] = choices[i];
        } else if (choices + i == last) {
            memcpy(out + at, " or ", 4);
            at += 4;
        } else {
            memcpy(out + at, ", ", 2);
            at += 2;
        }
    }
    out[at] = '\0';
}

/* Appends `value` to `list` (room for argc values made on first use); false after an error
 * message. */
static bool list_add(trawl_cli_list *list, const char *value, int argc)
{
    if (!list->items && !(list->items = calloc((size_t)argc, sizeof *list->items))) {
        trawl_cli_error("out of memory");
        return false;
    }
    list->items[list->n++] = value; /* at most argc - 1 values */
    return true;
}

/* Sets the target of `o` from `value`; false after an error message. */
static bool take_value(const trawl_cli_option *o, const char *value, int argc)
{
    switch (o->kind) {
    case TRAWL_CLI_STRING:
        *(const char **)o->target = value;
        return true;
    case TRAWL_CLI_COUNT:
        return trawl_cli_parse_count(o->name, value, o->min, o->max, o->target);
    case TRAWL_CLI_CHOICE: {
        int pos = choice_of(o->choices, value);
        if (pos < 0) {
            char list[256];
            say_choices(o->choices, list, sizeof list);
            trawl_cli_error("%s wants %s, not '%s'", o->name, list, value);
            return false;
        }
        *(int *)o->target = pos;
        return true;
    }
    case TRAWL_CLI_LIST:
        return list_add(o->target, value, argc);
    case TRAWL_CLI_FLAG:
    case TRAWL_CLI_HELP:
    case TRAWL_CLI_VERSION:
        break;
    }
    return false;
}

int trawl_cli_parse(const trawl_cli_spec *spec, int argc, char **argv, trawl_cli_list *operands)
{
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool option = !options_done && a[0] == '-' && a[1] && (a[1] == '-' || !spec->dash_operands);
        if (!option) {
            if (!list_add(operands, a, argc))
                return TRAWL_CLI_FAILED;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            options_done = true;
            continue;
        }
        const trawl_cli_option *o = find(spec, a);
        if (!o) {
            trawl_cli_error("%s: unknown option (see --help)", a);
            return TRAWL_CLI_FAILED;
        }
        if (o->kind == TRAWL_CLI_HELP || o->kind == TRAWL_CLI_VERSION) {
            if (o->kind == TRAWL_CLI_HELP)
                trawl_cli_help(spec, stdout);
            else
                trawl_cli_version(stdout);
            return TRAWL_CLI_HELPED;
        }
        if (o->kind == TRAWL_CLI_FLAG) {
            *(bool *)o->target = true;
            continue;
        }
        if (i + 1 == argc) {
            trawl_cli_error("%s wants a value: %s %s (see --help)", a, o->name, o->value);
            return TRAWL_CLI_FAILED;
        }
        if (!take_value(o, argv[++i], argc))
            return TRAWL_CLI_FAILED;
    }
    return TRAWL_CLI_PARSED;
}

void trawl_cli_help(const trawl_cli_spec *spec, FILE *out)
{
    fprintf(out, "%s%s", spec->usage, spec->about);
    for (size_t i = 0; i < spec->noptions; i++) {
        const trawl_cli_option *o = &spec->options[i];
        int width = o->letter ? fprintf(out, "  -%c, %s", o->letter, o->name)
                              : fprintf(out, "  %s", o->name);
        if (o->value)
            width += fprintf(out, " %s", o->value);
        if (width + 1 > HELP_COLUMN) {
            fputc('\n', out);
            width = 0;
        }
        /* The help, its words wrapped into the column. */
        for (const char *h = o->help; *h;) {
            size_t n = strlen(h);
            if (HELP_COLUMN + n > HELP_WIDTH) {
                n = HELP_WIDTH - HELP_COLUMN;
                while (n > 0 && h[n] != ' ')
                    n--;
                if (n == 0)
                    n = strcspn(h, " ");
            }
            fprintf(out, "%*s%.*s\n", HELP_COLUMN - width, "", (int)n, h);
            width = 0;
            h += n;
            h += strspn(h, " ");
        }
    }
    if (spec->epilog)
        fputs(spec->epilog, out);
}
