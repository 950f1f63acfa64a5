/* printer_shared.c: what the printer back ends share: a report's unit and title, and the
 * columns text takes on a terminal, and text shortened to some of them. */
#include <stdio.h>
#include <string.h>

#include "facets/facets.h"
#include "output/printer_impl.h"
#include "output/wrap.h"
#include "text/utf8.h"

size_t trawl_display_width(const char *s)
{
    return trawl_text_width(s, strlen(s));
}

size_t trawl_shortened(const char *s, size_t cols, trawl_buf *out)
{
    trawl_buf_reset(out);
    size_t w = trawl_display_width(s);
    if (w <= cols || cols == 0) {
        trawl_buf_puts(out, s);
        return w;
    }
    size_t used = 0, at = 0, len = strlen(s);
    while (at < len) {
        size_t n = trawl_utf8_seqlen((unsigned char)s[at]);
        size_t cw = trawl_text_width(s + at, n);
        if (used + cw + 1 > cols)
            break;
        used += cw;
        at += n;
    }
    trawl_buf_append(out, s, at);
    trawl_buf_puts(out, "\u2026");
    return used + 1;
}

const char *trawl_report_unit(const trawl_report *r)
{
    if (r->spec.kind == TRAWL_REPORT_REPRINTS)
        return "groups";
    return r->spec.originals ? "originals" : r->spec.documents ? "documents" : "passages";
}

void trawl_report_title(const trawl_report *r, char *buf, size_t size)
{
    if (r->spec.kind == TRAWL_REPORT_REGISTRY)
        snprintf(buf, size, "icc-registry");
    else if (r->spec.kind == TRAWL_REPORT_REPRINTS)
        snprintf(buf, size, "reprints");
    else if (r->spec.kind == TRAWL_REPORT_CROSSTAB)
        snprintf(buf, size, "%s x %s", trawl_report_facet_name(&r->spec, 0),
                 trawl_report_facet_name(&r->spec, 1));
    else
        snprintf(buf, size, "%s", trawl_report_facet_name(&r->spec, 0));
}

void trawl_hit_facet_values(const trawl_hit *h, trawl_facet_id facet, trawl_buf *b)
{
    trawl_buf_reset(b);
    for (size_t i = 0; i < h->nfacets; i++) {
        if (h->facets[i].facet != facet)
            continue;
        bool seen = false;
        for (size_t k = 0; k < i && !seen; k++)
            seen = h->facets[k].facet == facet && !strcmp(h->facets[k].value, h->facets[i].value);
        if (!seen)
            trawl_buf_printf(b, "%s%s", b->len ? " " : "", h->facets[i].value);
    }
}
