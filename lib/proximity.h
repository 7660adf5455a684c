/* proximity.h - how closely a text gathers the words of a query: the most
 * distinct query words found within any run of `window` consecutive words,
 * as a share of the query's words. A question is usually answered by the
 * passage that holds most of its words together, which term weights alone
 * (BM25) do not see. Words are compared in folded form, so marks, tone
 * placement and normalisation do not matter. */
#ifndef VNS_PROXIMITY_H
#define VNS_PROXIMITY_H

#include <stddef.h>

#include "analyse.h"
#include "status.h"

/* Most query words taken into account. */
#define VNS_PROXIMITY_MAX_WORDS 64

/* *out = best share in [0, 1] of the n distinct folded words folds[] found
 * within `window` consecutive words of text (len bytes); 0 when n is 0. */
vns_status vns_proximity(vns_analyser *a, const char *text, size_t len,
			 char *const *folds, size_t n, unsigned window,
			 double *out, vns_err *err);

#endif
