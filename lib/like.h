/* like.h - "more like this": the query that ranks the documents most like
 * one indexed document, by Xapian's relevance feedback (the terms that
 * best tell that document from the rest), with its provinces, products and
 * programmes weighted in, and never the document itself nor its copies
 * (the same content key, dedup.h). Works over any backend: local, sharded
 * or remote databases. Tuning is described in doc/ranking.md. */
#ifndef VNS_LIKE_H
#define VNS_LIKE_H

#include "xapian-c.h"

/* The query for documents like the one whose id is id. *out: caller
 * frees with vns_xquery_free(). VNS_ENOTFOUND, naming id, when the index
 * has no such document. */
vns_status vns_like_query(vns_xdb *db, const char *id, vns_xquery **out,
			  vns_err *err);

#endif
