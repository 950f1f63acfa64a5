/* printer_shared.c: what the printer back ends share: a report's unit and title, and the
 * columns text takes on a terminal. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "facets/facets.h"
#include "output/printer_impl.h"

size_t trawl_display_width(const char *s)
{
    size_t width = 0;
    int32_t i = 0, len = (int32_t)strlen(s);
    while (i < len) {
        UChar32 c;
        U8_NEXT((const uint8_t *)s, i, len, c);
        int ea = c < 0 ? U_EA_NEUTRAL : u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
        width += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
    }
    return width;
}

const char *trawl_report_unit(const trawl_report *r)
{
    return r->spec.documents ? "documents" : "passages";
}

void trawl_report_title(const trawl_report *r, char *buf, size_t size)
{
    if (r->spec.kind == TRAWL_REPORT_REGISTRY)
        snprintf(buf, size, "icc-registry");
    else if (r->spec.kind == TRAWL_REPORT_CROSSTAB)
        snprintf(buf, size, "%s x %s", trawl_facet_name(r->spec.facets[0]),
                 trawl_facet_name(r->spec.facets[1]));
    else
        snprintf(buf, size, "%s", trawl_facet_name(r->spec.facets[0]));
}
