/* slug.h - one spelling for filter values: "Bắc Giang", "bac giang" and
 * "bac-giang" all become "bac-giang" (folded words joined by '-'). The
 * indexer and the query side both call it, so filters accept any spelling. */
#ifndef VNS_SLUG_H
#define VNS_SLUG_H

#include "analyse.h"
#include "buf.h"

/* Append the slug of the NUL-terminated text to out (nothing for a text
 * without words). */
vns_status vns_slug(vns_analyser *a, const char *text, vns_buf *out,
		    vns_err *err);

#endif
