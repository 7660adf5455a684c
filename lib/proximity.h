/* proximity.h - how closely a document gathers the words of a query: the
 * most distinct query words found within any run of `window` consecutive
 * positions, as a share of the query's words. A question is usually
 * answered by the passage that holds most of its words together, which
 * term weights alone (BM25) do not see. The positions are those the index
 * keeps for folded words (schema.h), so marks, tone placement and
 * normalisation do not matter, and a window never spans two fields
 * (they are VNS_FIELD_GAP apart). */
#ifndef VNS_PROXIMITY_H
#define VNS_PROXIMITY_H

#include <stddef.h>

/* Most query words taken into account, and the widest window. */
#define VNS_PROXIMITY_MAX_WORDS 64
#define VNS_PROXIMITY_MAX_WINDOW 256

/* The positions of one query word in a document, ascending. */
typedef struct vns_poslist {
	const unsigned *pos;
	size_t n;
} vns_poslist;

/* The best share in [0, 1] of the n distinct words whose positions are
 * words[] found within `window` consecutive positions (0 counts as 1,
 * wider than VNS_PROXIMITY_MAX_WINDOW as that); 0 when n is 0. Words past
 * VNS_PROXIMITY_MAX_WORDS are ignored. */
double vns_proximity(const vns_poslist *words, size_t n, unsigned window);

#endif
