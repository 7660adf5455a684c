/* facets.h - facet values counted over every match of a query. One value
 * slot holds all of a document's facet values, entries joined by a
 * separator. The count is a boolean match of its own (no weights, no
 * rows), so the ranked match stops as early as its page allows. Xapian's
 * value-count spy counts whole values, which remote servers know how to
 * count and merge, and the entries are split after counting; a process
 * that searches many times may keep the slot's entries of every document
 * in memory (a column, as Solr un-inverts a field), which a callback spy
 * reads with a few array reads a match. */
#ifndef VNS_FACETS_H
#define VNS_FACETS_H

#include "status.h"
#include "xapian-c.h"

typedef struct vns_column vns_column;

typedef struct vns_facet_value {
	char *value;
	unsigned long count;
} vns_facet_value;

/* Counted entries, most frequent first (ties in value order), and the
 * number of documents counted. */
typedef struct vns_facet_counts {
	vns_facet_value *v;
	size_t n;
	unsigned long total;
} vns_facet_counts;

/* Keep *col, the column of slot (entries joined by sep), current with
 * db's revision: read it whole when it is missing or older (about 10 ms
 * for 35,000 documents). *col becomes NULL when db is not one local
 * database (shards and remote databases have no revision to check it
 * against). The caller frees *col with vns_column_free(). */
vns_status vns_column_update(vns_column **col, vns_xdb *db, unsigned slot,
			     char sep, vns_err *err);

/* Release c; accepts NULL. */
void vns_column_free(vns_column *c);

/* Count the entries of slot (joined by sep) over the documents q matches
 * in db into out (cleared first; release it with
 * vns_facet_counts_clear()). col: a current column of that slot
 * (vns_column_update), or NULL to read the values. */
vns_status vns_facets_count(vns_xdb *db, const vns_xquery *q, unsigned slot,
			    char sep, const vns_column *col,
			    vns_facet_counts *out, vns_err *err);

/* Release what c holds and zero it; accepts NULL. */
void vns_facet_counts_clear(vns_facet_counts *c);

#endif
