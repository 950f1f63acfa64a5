/* printer_impl.h: what a printer back end implements. Internal to src/output/. */
#ifndef TRAWL_PRINTER_IMPL_H
#define TRAWL_PRINTER_IMPL_H

#include "output/printer.h"

typedef struct trawl_printer_ops {
    trawl_status (*results)(trawl_printer *p, const trawl_results *r, trawl_error *err);
} trawl_printer_ops;

struct trawl_printer {
    const trawl_printer_ops *ops; /* the back end */
    FILE *out;                    /* where it writes; not owned */
    bool terminal;                /* out is a terminal */
};

extern const trawl_printer_ops trawl_printer_text_ops;
extern const trawl_printer_ops trawl_printer_json_ops;

#endif
