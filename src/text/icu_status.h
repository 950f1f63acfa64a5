/* icu_status.h: the status of an ICU failure: TRAWL_ERR_NOMEM when ICU ran out of memory,
 * TRAWL_ERR_UNICODE otherwise (text ICU cannot analyse, data it lacks). */
#ifndef TRAWL_ICU_STATUS_H
#define TRAWL_ICU_STATUS_H

#include <unicode/utypes.h>

#include "common/status.h"

static inline trawl_status trawl_icu_status(UErrorCode uerr)
{
    return uerr == U_MEMORY_ALLOCATION_ERROR ? TRAWL_ERR_NOMEM : TRAWL_ERR_UNICODE;
}

#endif
