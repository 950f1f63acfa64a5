/* svg_check: checks the geometry of a chart's SVG, independently of Trawl's code.
 *
 *   svg_check FILE.svg...
 *
 * For each file: every text, bar, dot and line lies inside the canvas; no two texts overlap
 * (a text's box is estimated from its characters: 0.6 em for most, 1 em for East Asian wide
 * ones, from 0.8 em above its baseline to 0.2 em below, by its anchor); every bar carrying a
 * data-value has a length proportional to it, one scale for the chart; every group with a
 * data-bar holds segments summing to that number and a text saying it. Prints each failure
 * and exits 1 when there is one. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ITEMS 4096

typedef struct bar {
    double value, w, h;
} bar;

typedef struct box {
    double x0, y0, x1, y1;
    char text[256];
} box;

static int failures;

static void fail(const char *file, const char *fmt, const char *a, double b)
{
    fprintf(stderr, "%s: ", file);
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    failures++;
}

/* The value of attribute `name` in the tag starting at `tag` (up to '>'), or NULL. */
static const char *attr(const char *tag, const char *name, char *out, size_t size)
{
    const char *end = strchr(tag, '>');
    size_t nl = strlen(name);
    for (const char *p = tag + 1; p && p < end; p++) {
        if (p[-1] == ' ' && strncmp(p, name, nl) == 0 && p[nl] == '=' && p[nl + 1] == '"') {
            const char *v = p + nl + 2, *q = strchr(v, '"');
            size_t n = (size_t)(q - v) < size - 1 ? (size_t)(q - v) : size - 1;
            memcpy(out, v, n);
            out[n] = '\0';
            return out;
        }
    }
    return NULL;
}

static double num(const char *tag, const char *name, double otherwise)
{
    char v[64];
    return attr(tag, name, v, sizeof v) ? atof(v) : otherwise;
}

/* Em widths of the UTF-8 text `s` (entities count one character). */
static double ems(const char *s)
{
    double w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        unsigned c = *p;
        size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (n > 1) {
            c &= 0xFF >> (n + 1);
            for (size_t i = 1; i < n && p[i]; i++)
                c = c << 6 | (p[i] & 0x3F);
        }
        if (c == '&') {
            const char *semi = strchr((const char *)p, ';');
            n = semi ? (size_t)(semi - (const char *)p) + 1 : 1;
        }
        bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
                    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
                    (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
                    (c >= 0xFFE0 && c <= 0xFFE6) || c >= 0x20000;
        w += wide ? 1.0 : 0.6;
        p += n;
    }
    return w;
}

static void check(const char *file)
{
    FILE *f = fopen(file, "r");
    if (!f) {
        fail(file, "cannot open%s%g", "", 0);
        return;
    }
    char *svg = NULL;
    size_t cap = 0;
    ssize_t len = getdelim(&svg, &cap, '\0', f);
    fclose(f);
    if (len <= 0) {
        fail(file, "empty%s%g", "", 0);
        free(svg);
        return;
    }
    const char *root = strstr(svg, "<svg");
    double width = root ? num(root, "width", 0) : 0, height = root ? num(root, "height", 0) : 0;
    double font = root ? num(root, "font-size", 12) : 12;
    static box texts[MAX_ITEMS];
    static bar bars[MAX_ITEMS];
    size_t ntexts = 0, nbars = 0;
    for (const char *p = strchr(svg + 1, '<'); p; p = strchr(p + 1, '<')) {
        if (strncmp(p, "<text ", 6) == 0 && ntexts < MAX_ITEMS) {
            const char *open = strchr(p, '>') + 1, *close = strstr(open, "</text>");
            box *b = &texts[ntexts++];
            size_t n = 0;
            for (const char *q = open; q < close && n < sizeof b->text - 1; q++) {
                if (strncmp(q, "<title>", 7) == 0) { /* a tooltip is not drawn */
                    q = strstr(q, "</title>") + 7;
                    if (q >= close)
                        break;
                }
                b->text[n++] = *q;
            }
            b->text[n] = '\0';
            char anchor[16] = "start";
            attr(p, "text-anchor", anchor, sizeof anchor);
            double size = num(p, "font-size", font), x = num(p, "x", 0), y = num(p, "y", 0);
            double w = ems(b->text) * size;
            b->x0 = !strcmp(anchor, "end") ? x - w : !strcmp(anchor, "middle") ? x - w / 2 : x;
            b->x1 = b->x0 + w;
            b->y0 = y - 0.8 * size;
            b->y1 = y + 0.2 * size;
            if (b->x0 < -0.5 || b->x1 > width + 0.5 || b->y0 < -0.5 || b->y1 > height + 0.5)
                fail(file, "text '%s' outside the canvas (right edge %.1f)", b->text, b->x1);
        } else if (strncmp(p, "<rect ", 6) == 0 && strstr(p, " x=\"") &&
                   strstr(p, " x=\"") < strchr(p, '>')) {
            double x = num(p, "x", 0), y = num(p, "y", 0), w = num(p, "width", 0),
                   h = num(p, "height", 0);
            if (x < -0.5 || y < -0.5 || x + w > width + 0.5 || y + h > height + 0.5 || w < 0 ||
                h < 0)
                fail(file, "a rectangle outside the canvas%s (right edge %.1f)", "", x + w);
            char v[32];
            if (attr(p, "data-value", v, sizeof v) && nbars < MAX_ITEMS)
                bars[nbars++] = (bar){atof(v), w, h};
        } else if (strncmp(p, "<circle ", 8) == 0) {
            double x = num(p, "cx", 0), y = num(p, "cy", 0), r = num(p, "r", 0);
            if (x - r < 0 || y - r < 0 || x + r > width || y + r > height)
                fail(file, "a dot outside the canvas%s at x %.1f", "", x);
        } else if (strncmp(p, "<line ", 6) == 0) {
            double xs[2] = {num(p, "x1", 0), num(p, "x2", 0)},
                   ys[2] = {num(p, "y1", 0), num(p, "y2", 0)};
            for (int k = 0; k < 2; k++)
                if (xs[k] < 0 || xs[k] > width || ys[k] < 0 || ys[k] > height)
                    fail(file, "a line outside the canvas%s at x %.1f", "", xs[k]);
        } else if (strncmp(p, "<g data-bar=\"", 13) == 0) {
            double want = atof(p + 13), sum = 0;
            const char *end = strstr(p, "</g>");
            bool said = false;
            for (const char *q = strstr(p, "<rect"); q && q < end; q = strstr(q + 1, "<rect"))
                sum += num(q, "data-value", 0);
            for (const char *q = strstr(p, "<text"); q && q < end; q = strstr(q + 1, "<text"))
                said = said || atof(strchr(q, '>') + 1) == want;
            if (fabs(sum - want) > 0.001 || !said)
                fail(file, "a stacked bar numbered %s has segments summing to %.0f", p + 13, sum);
        }
    }
    /* Bars as high as each other grow along x; as wide as each other, along y. */
    bool same_h = true, same_w = true;
    for (size_t i = 1; i < nbars; i++) {
        same_h = same_h && fabs(bars[i].h - bars[0].h) < 0.01;
        same_w = same_w && fabs(bars[i].w - bars[0].w) < 0.01;
    }
    double scale = 0;
    for (size_t i = 0; i < nbars; i++) {
        double length = same_h ? bars[i].w : bars[i].h;
        if (!same_h && !same_w && nbars > 1) {
            fail(file, "bars neither as high nor as wide as each other%s%g", "", 0);
            break;
        }
        if (!scale && bars[i].value > 0)
            scale = length / bars[i].value;
        if (fabs(length - bars[i].value * scale) > 0.6) {
            char v[32];
            snprintf(v, sizeof v, "%g", bars[i].value);
            fail(file, "a bar of %s is %.2f long, not in scale with the others", v, length);
        }
    }
    for (size_t i = 0; i < ntexts; i++)
        for (size_t k = i + 1; k < ntexts; k++) {
            const box *a = &texts[i], *b = &texts[k];
            if (a->x0 + 0.5 < b->x1 && b->x0 + 0.5 < a->x1 && a->y0 + 0.5 < b->y1 &&
                b->y0 + 0.5 < a->y1) {
                char both[520];
                snprintf(both, sizeof both, "'%s' and '%s'", a->text, b->text);
                fail(file, "texts %s overlap (at y %.1f)", both, a->y1);
            }
        }
    printf("%s: %zu texts, %zu bars checked\n", file, ntexts, nbars);
    free(svg);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: svg_check FILE.svg...\n");
        return 2;
    }
    for (int i = 1; i < argc; i++)
        check(argv[i]);
    return failures ? 1 : 0;
}
