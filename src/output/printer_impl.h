/* printer_impl.h: what a printer back end implements. Internal to src/output/. */
#ifndef TRAWL_PRINTER_IMPL_H
#define TRAWL_PRINTER_IMPL_H

#include "common/buf.h"
#include "output/printer.h"

/* An occurrence as --kwic prints it: its contexts cut from the passage. */
typedef struct trawl_kwic_row {
    const trawl_occurrence *o;
    const char *left, *match, *right; /* NUL-terminated; line breaks made spaces */
} trawl_kwic_row;

typedef struct trawl_printer_ops {
    trawl_status (*results)(trawl_printer *p, const trawl_results *r, trawl_error *err);
    trawl_status (*report)(trawl_printer *p, const trawl_report *r, trawl_error *err);
    trawl_status (*links)(trawl_printer *p, const trawl_doc_links *l, trawl_error *err);
    /* --kwic: before the first row, each row, after the last (counts set then only) */
    void (*kwic_begin)(trawl_printer *p, const char *query);
    trawl_status (*kwic_row)(trawl_printer *p, const trawl_kwic_row *row, trawl_error *err);
    void (*kwic_end)(trawl_printer *p, size_t occurrences, size_t passages);
} trawl_printer_ops;

struct trawl_printer {
    const trawl_printer_ops *ops;  /* the back end */
    FILE *out;                     /* where it writes; not owned */
    size_t width;                  /* text: wrap at this many columns; 0: do not */
    bool color;                    /* text: ANSI colors */
    struct trawl_wrapper *wrapper; /* text: made on first use */
    bool explain;                  /* show facet evidence with results */
    bool lines;                    /* JSON: one object per line (JSON Lines) */
    const char *const *missing;    /* shards the answers were made without; not owned */
    size_t nmissing;
    const char *label; /* results belong to this saved search (--watch), or NULL */
    bool header_done;  /* CSV: the header of saved searches' rows is out */
    size_t context;    /* --kwic: characters of context on each side */
    size_t kwic_rows;  /* --kwic: rows printed so far */
};

extern const trawl_printer_ops trawl_printer_text_ops;
extern const trawl_printer_ops trawl_printer_json_ops;
extern const trawl_printer_ops trawl_printer_csv_ops;

/* The JSON back end's {"query", "error"} (trawl_print_json_error). */
trawl_status trawl_json_error(trawl_printer *p, const char *query, const char *message,
                              trawl_error *err);

/* Shared by the back ends. */
/* The values of facet `f` a hit carries, space-separated, into `out` (reset first). */
void trawl_hit_facet_values(const trawl_hit *h, trawl_facet_id f, trawl_buf *out);
/* "passages" or "documents": what a report counts. */
const char *trawl_report_unit(const trawl_report *r);
/* The report's title: "icc", "year x province", "icc-registry". */
void trawl_report_title(const trawl_report *r, char *buf, size_t size);
/* Columns `s` takes on a terminal: East Asian wide characters count two. */
size_t trawl_display_width(const char *s);
/* `s` in at most `cols` display columns (0: no limit): whole, or its first characters and an
 * ellipsis; into `out` (reset first). Returns its columns. */
size_t trawl_shortened(const char *s, size_t cols, trawl_buf *out);

#endif
