/* also.h - the other copies of a search result: documents with the same
 * content key (dedup.h), i.e. the same article republished by other
 * sites, which the search collapsed into the one it shows. */
#ifndef VNS_ALSO_H
#define VNS_ALSO_H

#include "docdata.h"
#include "vnsearch.h"
#include "xapian-c.h"

typedef struct vns_also_list {
	vns_also items[VNS_ALSO_MAX];
	size_t n;
	vns_docdata data[VNS_ALSO_MAX]; /* the stored data items point into */
} vns_also_list;

/* Fill out (cleared first) with up to VNS_ALSO_MAX documents of db whose
 * content key is key, other than the one with id self. key NULL or ""
 * gives an empty list. Strings are valid until the next call or
 * vns_also_clear(). */
vns_status vns_also_find(vns_xdb *db, const char *key, const char *self,
			 vns_also_list *out, vns_err *err);

/* Release what out holds and empty it. */
void vns_also_clear(vns_also_list *out);

#endif
