/* entindex.h - a document's entity tags (tagger.h) as the index keeps
 * them: boolean filter terms, facet values and the stored-data lists
 * (prefixes, slots and keys named in schema.h). */
#ifndef VNS_ENTINDEX_H
#define VNS_ENTINDEX_H

#include <jansson.h>

#include "analyse.h"
#include "buf.h"
#include "status.h"
#include "tagger.h"
#include "xapian-c.h"

/* Add the filter terms and set the facet values of tags to doc. */
vns_status vns_entindex_add(const vns_tags *tags, vns_xdoc *doc,
			    vns_err *err);

/* Set the entity lists of tags (display names) in the stored-data
 * object data. */
vns_status vns_entindex_store(const vns_tags *tags, json_t *data,
			      vns_err *err);

typedef enum {
	VNS_FILTER_PROVINCE,
	VNS_FILTER_PRODUCT,
	VNS_FILTER_PROGRAMME
} vns_filter_kind;

/* The filter term (into term, reset first) for what a user typed as a
 * province, product or programme, in any spelling ("Bắc Giang", "bac
 * giang", "bac-giang", "TPHCM", "KCQG"). A province that exists in 2025
 * filters by its 2025 area (so "Bắc Ninh" includes the former Bắc
 * Giang); a name that exists only before 2025 filters by its own area.
 * A product of two words or more that the lexicon lacks filters by its
 * slug, as the tagger makes the terms of products outside the lexicon
 * ("bánh xu kem"). Another
 * unknown value gives VNS_EQUERY: "unknown province 'bac zang'; did you
 * mean: Bắc Giang?". */
vns_status vns_entindex_filter_term(vns_analyser *a, vns_filter_kind kind,
				    const char *value, vns_buf *term,
				    vns_err *err);

#endif
