/* ranked.h - one page of ranked results, in the engine's order: by date
 * with Xapian's sort and collapse, or by relevance with one row per
 * article (the best of the copies that share a content key, equal weights
 * ordered by the document's id, so that shards and a merged index agree).
 * A relevance page near the top is picked from a plain relevance match of
 * a few more rows than it needs, whose keys are read for those rows
 * alone; when they cannot decide the page (copies or equal weights at its
 * end), or the page reaches far, or the count must be exact, or a shard is
 * remote, Xapian sorts and collapses as it matches, reading both values of
 * every candidate. The rows are walked like a result set of the binding. */
#ifndef VNS_RANKED_H
#define VNS_RANKED_H

#include "status.h"
#include "xapian-c.h"

typedef struct vns_ranked vns_ranked;

/* What the relevance order needs, and the state one database keeps
 * between searches: where copies fill the top rows (an index of many
 * republished articles), a pick that failed is followed by a few matches
 * that go to Xapian's collapse straight away. */
typedef struct vns_distinct {
	unsigned tie_slot; /* equal weights: ascending by this value */
	unsigned key_slot; /* one row per value (documents without one:
			    * every one) */
	int remote;        /* a shard is remote: never pick */
	unsigned skip;     /* matches left that skip the pick */
} vns_distinct;

/* The page offset .. offset+count-1 of e's query with e's own order
 * (set on e beforehand). *out: caller frees with vns_ranked_free(). */
vns_status vns_ranked_sorted(vns_xenquire *e, unsigned offset,
			     unsigned count, unsigned check_at_least,
			     vns_ranked **out, vns_err *err);

/* The page offset .. offset+count-1 of e's query by relevance, one row
 * per key (d says how; its skip count is updated). Replaces e's order.
 * *out: caller frees with vns_ranked_free(). */
vns_status vns_ranked_distinct(vns_xdb *db, vns_xenquire *e,
			       vns_distinct *d, unsigned offset,
			       unsigned count, unsigned check_at_least,
			       vns_ranked **out, vns_err *err);

/* 1 if the page was picked from a plain relevance match, 0 if Xapian
 * sorted it. */
int vns_ranked_picked(const vns_ranked *p);

/* Estimated number of matches, one per key when picked. */
unsigned long vns_ranked_estimated(const vns_ranked *p);

/* Rows in the page. */
unsigned vns_ranked_size(const vns_ranked *p);

/* Advance: VNS_ROW while there is a row, then VNS_DONE; a negative
 * status on error. */
int vns_ranked_next(vns_ranked *p, vns_err *err);

/* Make row index (0-based, in the page) the current one. */
vns_status vns_ranked_seek(vns_ranked *p, unsigned index, vns_err *err);

/* The current row's rank (0-based, counting the offset). */
unsigned vns_ranked_rank(const vns_ranked *p);

/* The result set the current row is in, for its docid, weight, data and
 * positions (xapian-c.h); valid until p is freed. */
vns_xmset *vns_ranked_mset(vns_ranked *p);

/* Release p; accepts NULL. */
void vns_ranked_free(vns_ranked *p);

#endif
