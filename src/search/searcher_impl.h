/* searcher_impl.h: what modules of src/search/ beside search.c may use of a searcher. */
#ifndef TRAWL_SEARCHER_IMPL_H
#define TRAWL_SEARCHER_IMPL_H

#include "search/search.h"
#include "xapian-c/xapian_c.h"

/* The searcher's database; owned by the searcher. */
trawl_xdb *trawl_searcher_db(trawl_searcher *s);

#endif
