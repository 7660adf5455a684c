/* xapian-c.h - the thin C binding over libxapian: the only way C code in
 * vnsearch touches Xapian. Opaque handles; every function returns a
 * vns_status and, on failure, fills the caller's vns_err with Xapian's own
 * description. No C++ exception ever crosses this boundary. Xapian's errors
 * map to VNS_EDBLOCK, VNS_EDBOPEN (also DB_CREATE finding a database),
 * VNS_EDBMODIFIED, VNS_EDBCORRUPT, VNS_ENETWORK, VNS_ENOTFOUND (no such
 * document), VNS_EINVAL (invalid argument) and otherwise VNS_EXAPIAN;
 * std::bad_alloc to VNS_ENOMEM, anything else to VNS_EINTERNAL. */
#ifndef VNS_XAPIAN_C_H
#define VNS_XAPIAN_C_H

#include <stddef.h>

#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct vns_xdb vns_xdb;         /* read-only database (1..n shards) */
typedef struct vns_xwdb vns_xwdb;       /* writable database */
typedef struct vns_xdoc vns_xdoc;       /* a document being built or read */
typedef struct vns_xquery vns_xquery;   /* an immutable query tree */
typedef struct vns_xenquire vns_xenquire; /* a search session */
typedef struct vns_xmset vns_xmset;     /* one page of results */
typedef struct vns_xspy vns_xspy;       /* value-count match spy (facets) */
typedef unsigned vns_docid;

/* ---- read-only databases ---------------------------------------------- */

/* Open the database at path (a directory, a stub database file, or a
 * remote stub). *out: caller frees with vns_xdb_free(). */
vns_status vns_xdb_open(const char *path, vns_xdb **out, vns_err *err);

/* The revision of a single local database (VNS_EXAPIAN for shards or a
 * remote database, which have none). */
vns_status vns_xdb_revision(vns_xdb *db, unsigned long *out, vns_err *err);

/* Call fn for each document with a value in slot, in docid order, with
 * that value (valid during the call); stop early when fn returns
 * non-zero. */
vns_status vns_xdb_values(vns_xdb *db, unsigned slot,
			  int (*fn)(void *ctx, vns_docid did,
				    const char *value, size_t len),
			  void *ctx, vns_err *err);

/* The values in slot of the n documents dids, which must be in ascending
 * order, read along one value stream: fn gets the index in dids of each
 * document that has one (valid during the call); stop early when fn
 * returns non-zero. */
vns_status vns_xdb_values_of(vns_xdb *db, unsigned slot,
			     const vns_docid *dids, size_t n,
			     int (*fn)(void *ctx, size_t i, const char *value,
				       size_t len),
			     void *ctx, vns_err *err);

/* Number of documents. */
vns_status vns_xdb_doccount(vns_xdb *db, unsigned long *out, vns_err *err);

/* Number of documents indexed by term (0 if absent). */
vns_status vns_xdb_termfreq(vns_xdb *db, const char *term, size_t len,
			    unsigned long *out, vns_err *err);

/* Call fn for each term in the database that starts with prefix, in
 * sorted order, with its term frequency; stop early when fn returns
 * non-zero. */
vns_status vns_xdb_allterms(vns_xdb *db, const char *prefix,
			    int (*fn)(void *ctx, const char *term, size_t len,
				      unsigned long termfreq),
			    void *ctx, vns_err *err);

/* The stored document did of db: *out caller frees with vns_xdoc_free().
 * VNS_ENOTFOUND when there is none. */
vns_status vns_xdb_document(vns_xdb *db, vns_docid did, vns_xdoc **out,
			    vns_err *err);

/* Release db; accepts NULL. */
void vns_xdb_free(vns_xdb *db);

/* Xapian's consistency check of the database (or single table) at path:
 * *problems gets the number of errors found, *report (caller frees with
 * free()) what the check wrote. */
vns_status vns_xdb_check(const char *path, unsigned long *problems,
			 char **report, vns_err *err);

/* Xapian's consistency check of the database at path, quietly, for
 * deciding whether it may be written: VNS_OK when it finds nothing
 * wrong; VNS_EDBCORRUPT with the first problem it found ("postlist:
 * Block 3 item 1: item ends outside block") when it finds any, also
 * those the check throws; VNS_EDBOPEN when path holds no database. */
vns_status vns_xdb_verify(const char *path, vns_err *err);

/* Merge the n local databases at sources (in this order: their documents
 * are renumbered one after the other) into a new database at dest, which
 * must not exist yet, as xapian-compact does. */
vns_status vns_xdb_compact(const char *const *sources, size_t n,
			   const char *dest, vns_err *err);

/* ---- writable databases ----------------------------------------------- */

enum {
	VNS_XWDB_CREATE_OR_OPEN = 0, /* open, creating if missing */
	VNS_XWDB_CREATE = 1,         /* create; fail if it exists */
	VNS_XWDB_OPEN = 2,           /* open; fail if missing */
	/* or'ed with one of the above: a scratch database, merged into
	 * another later (vns_xdb_compact), so its commits skip fsync() */
	VNS_XWDB_SCRATCH = 8
};

/* Open a writable database (mode: a VNS_XWDB_* mode, maybe with
 * VNS_XWDB_SCRATCH); VNS_EDBLOCK when another writer holds it.
 * *out: caller frees with vns_xwdb_free() (which does not commit). */
vns_status vns_xwdb_open(const char *path, int mode, vns_xwdb **out,
			 vns_err *err);

/* Add or replace the document that carries unique term idterm. */
vns_status vns_xwdb_replace(vns_xwdb *db, const char *idterm,
			    const vns_xdoc *doc, vns_docid *did_out,
			    vns_err *err);

/* Delete every document carrying term; *count_out (may be NULL) gets how
 * many there were. */
vns_status vns_xwdb_delete(vns_xwdb *db, const char *idterm,
			   unsigned long *count_out, vns_err *err);

/* Make every change so far durable and visible to readers. */
vns_status vns_xwdb_commit(vns_xwdb *db, vns_err *err);

/* Start a transaction: changes until commit_transaction are applied all
 * together or not at all (flushed=1: durable at its end). */
vns_status vns_xwdb_begin(vns_xwdb *db, int flushed, vns_err *err);

/* End the transaction, applying its changes. */
vns_status vns_xwdb_commit_transaction(vns_xwdb *db, vns_err *err);

/* End the transaction, dropping its changes. */
vns_status vns_xwdb_cancel_transaction(vns_xwdb *db, vns_err *err);

/* Set a metadata value (value "" removes it). */
vns_status vns_xwdb_set_metadata(vns_xwdb *db, const char *key,
				 const char *value, vns_err *err);

/* Number of documents. */
vns_status vns_xwdb_doccount(vns_xwdb *db, unsigned long *out, vns_err *err);

/* Close without committing pending changes (they are lost, the database
 * stays at its last commit); accepts NULL. Call vns_xwdb_commit() first
 * to keep them. "Last commit" includes those Xapian makes by itself every
 * XAPIAN_FLUSH_THRESHOLD (default 10000) changed documents outside a
 * transaction. (Xapian's own destructor would commit; this one opens an
 * unflushed transaction first, whose cancellation drops them.) */
void vns_xwdb_free(vns_xwdb *db);

/* ---- documents -------------------------------------------------------- */

/* A new empty document; NULL when out of memory. Caller frees with
 * vns_xdoc_free(). */
vns_xdoc *vns_xdoc_new(void);

/* Add a term (len bytes) with wdf increment wdf_inc, without position. */
vns_status vns_xdoc_add_term(vns_xdoc *doc, const char *term, size_t len,
			     unsigned wdf_inc, vns_err *err);

/* Add a term occurrence at position pos with wdf increment wdf_inc. */
vns_status vns_xdoc_add_posting(vns_xdoc *doc, const char *term, size_t len,
				unsigned pos, unsigned wdf_inc, vns_err *err);

/* Add a boolean (filter) term: wdf 0, no position. */
vns_status vns_xdoc_add_boolean(vns_xdoc *doc, const char *term, size_t len,
				vns_err *err);

/* Set value slot to len bytes of value. */
vns_status vns_xdoc_set_value(vns_xdoc *doc, unsigned slot, const char *value,
			      size_t len, vns_err *err);

/* Set the stored data blob. */
vns_status vns_xdoc_set_data(vns_xdoc *doc, const char *data, size_t len,
			     vns_err *err);

/* The stored data: *out valid until doc is freed or its data changes. */
vns_status vns_xdoc_data(const vns_xdoc *doc, const char **out, size_t *len,
			 vns_err *err);

/* Value in slot: *out valid until doc is freed or changed ("" if unset). */
vns_status vns_xdoc_value(const vns_xdoc *doc, unsigned slot,
			  const char **out, size_t *len, vns_err *err);

/* Call fn for each term of the document (sorted) with its wdf. */
vns_status vns_xdoc_terms(const vns_xdoc *doc,
			  int (*fn)(void *ctx, const char *term, size_t len,
				    unsigned wdf),
			  void *ctx, vns_err *err);

/* Release doc; accepts NULL. */
void vns_xdoc_free(vns_xdoc *doc);

/* ---- queries ---------------------------------------------------------- */

typedef enum {
	VNS_XOP_AND,
	VNS_XOP_OR,
	VNS_XOP_AND_NOT,   /* first AND NOT (OR of the rest) */
	VNS_XOP_AND_MAYBE, /* first, weighted up by the rest */
	VNS_XOP_FILTER,    /* first, restricted by the rest (no weight) */
	VNS_XOP_PHRASE,    /* subqueries in order within window */
	VNS_XOP_NEAR,      /* subqueries in any order within window */
	VNS_XOP_SYNONYM,   /* one term for weighting */
	VNS_XOP_ELITE_SET
} vns_xop;

/* Every constructor returns a new query (caller frees with
 * vns_xquery_free()) or NULL with err set. Constructors never take
 * ownership of their arguments; free them as usual. */

/* A term query with query-side wdf qf (1 is normal) at query position pos
 * (0 = none). */
vns_xquery *vns_xquery_term(const char *term, size_t len, unsigned qf,
			    unsigned pos, vns_err *err);

/* Combine n subqueries with op; window is used by PHRASE/NEAR (0 = n)
 * and ELITE_SET (the set size). NULL entries in subs are skipped; with no
 * subquery left the result is the empty query (matches nothing). */
vns_xquery *vns_xquery_combine(vns_xop op, vns_xquery *const *subs, size_t n,
			       unsigned window, vns_err *err);

/* Multiply q's weight by factor (>= 0). */
vns_xquery *vns_xquery_scale(const vns_xquery *q, double factor, vns_err *err);

/* Documents whose value in slot lies in [lo, hi] (string order); lo or hi
 * NULL leaves that end open (both NULL: every document, as Xapian's
 * VALUE_GE "" does). */
vns_xquery *vns_xquery_value_range(unsigned slot, const char *lo,
				   const char *hi, vns_err *err);

/* Matches every document with the same weight w (>= 0), as Xapian's
 * FixedWeightPostingSource: combined with VNS_XOP_FILTER, a constant
 * weight for the documents of a boolean term. */
vns_xquery *vns_xquery_fixed_weight(double w, vns_err *err);

/* Matches every document (weight 0). */
vns_xquery *vns_xquery_match_all(vns_err *err);

/* Matches nothing. */
vns_xquery *vns_xquery_match_nothing(vns_err *err);

/* Xapian's description of q; caller frees with free(). NULL when out of
 * memory. */
char *vns_xquery_describe(const vns_xquery *q);

/* Release q; accepts NULL. */
void vns_xquery_free(vns_xquery *q);

/* ---- enquire, result sets, spies -------------------------------------- */

/* A search session over db (db must outlive it). Caller frees with
 * vns_xenquire_free(). */
vns_status vns_xenquire_new(vns_xdb *db, vns_xenquire **out, vns_err *err);

/* Set the query (copied). */
vns_status vns_xenquire_set_query(vns_xenquire *e, const vns_xquery *q,
				  vns_err *err);

/* Use BM25 with these parameters (Xapian's defaults: k1 1, k2 0, k3 1,
 * b 0.5, min_normlen 0.5). */
vns_status vns_xenquire_set_bm25(vns_xenquire *e, double k1, double k2,
				 double k3, double b, double min_normlen,
				 vns_err *err);

/* Weigh nothing (Xapian's BoolWeight): for a match that only counts. */
vns_status vns_xenquire_set_boolean(vns_xenquire *e, vns_err *err);

/* Sort by value slot (descending if reverse), then by relevance. */
vns_status vns_xenquire_sort_by_value(vns_xenquire *e, unsigned slot,
				      int reverse, vns_err *err);

/* Sort by relevance only (the default), with no collapse key. */
vns_status vns_xenquire_sort_by_relevance(vns_xenquire *e, vns_err *err);

/* Sort by relevance, ties in weight by the value in slot (ascending). */
vns_status vns_xenquire_sort_by_relevance_then_value(vns_xenquire *e,
						     unsigned slot,
						     vns_err *err);

/* Keep at most max documents (>= 1) per value of slot in the results
 * (Xapian's collapse key); documents without a value are all kept. */
vns_status vns_xenquire_set_collapse(vns_xenquire *e, unsigned slot,
				     unsigned max, vns_err *err);

/* Show spy the matches each get_mset looks at, which must stay alive
 * until e is freed: every match only when check_at_least covers them all
 * (a match may stop once its page is full), and counts add up over
 * several get_mset calls. */
vns_status vns_xenquire_add_spy(vns_xenquire *e, vns_xspy *spy, vns_err *err);

/* Run the search: results offset .. offset+count-1; check_at_least makes
 * the match count exact up to that many. *out: caller frees with
 * vns_xmset_free(). When a writer's commits made the revision
 * unreadable, the database is reopened and the match run again (up to 5
 * times in all), as every read of a vns_xdb is. */
vns_status vns_xenquire_get_mset(vns_xenquire *e, unsigned offset,
				 unsigned count, unsigned check_at_least,
				 vns_xmset **out, vns_err *err);

/* Relevance feedback (Xapian's get_eset): the terms that best tell the
 * n documents rel from the rest of the database, best first, at most
 * max; accept (may be NULL) is asked about each candidate term and
 * returns non-zero to keep it. exact non-zero: term frequencies summed
 * exactly over shards and remote databases (USE_EXACT_TERMFREQ), so the
 * terms and weights are those of one merged database. fn gets each kept
 * term (valid during the call) with its expand weight; fn returning
 * non-zero stops. */
vns_status vns_xenquire_eset(vns_xenquire *e, const vns_docid *rel, size_t n,
			     unsigned max, int exact,
			     int (*accept)(void *ctx, const char *term,
					   size_t len),
			     int (*fn)(void *ctx, const char *term, size_t len,
				       double weight),
			     void *ctx, vns_err *err);

/* Release e; accepts NULL. */
void vns_xenquire_free(vns_xenquire *e);

/* Match-count estimate and upper bound of the set. */
unsigned long vns_xmset_estimated(const vns_xmset *m);
unsigned long vns_xmset_upper_bound(const vns_xmset *m);

/* Number of rows in this page. */
unsigned vns_xmset_size(const vns_xmset *m);

typedef enum { VNS_ROW = 1, VNS_DONE = 0 } vns_step;

/* Advance to the next row: VNS_ROW while there is one, then VNS_DONE; a
 * negative vns_status on error (err set). */
int vns_xmset_next(vns_xmset *m, vns_err *err);

/* Make the index-th row of this page (0-based) the current row, as if
 * next() had stopped there; VNS_EINVAL past the page. */
vns_status vns_xmset_seek(vns_xmset *m, unsigned index, vns_err *err);

/* Accessors for the current row (after next() returned VNS_ROW); 0 when
 * there is none. */
vns_docid vns_xmset_docid(const vns_xmset *m);
double vns_xmset_weight(const vns_xmset *m);
unsigned vns_xmset_rank(const vns_xmset *m); /* 0-based, counts offset */

/* The current row's document data (VNS_EINVAL if there is no current
 * row) into *data / *len, valid until the next call on m. Only the data
 * is read, not the document's values. When a writer's commits have made
 * the match's revision unreadable, the database is reopened and the data
 * read at the latest revision (VNS_ENOTFOUND if the document was deleted
 * meanwhile). */
vns_status vns_xmset_data(vns_xmset *m, const char **data, size_t *len,
			  vns_err *err);

/* The positions of term (len bytes) in the current row's document,
 * ascending, into *out (malloc'd; NULL when none, caller frees) and *n;
 * none when the term does not index it. Retried like vns_xmset_data()
 * when a writer's commits made the revision unreadable. */
vns_status vns_xmset_positions(vns_xmset *m, const char *term, size_t len,
			       unsigned **out, size_t *n, vns_err *err);

/* Release m; accepts NULL. */
void vns_xmset_free(vns_xmset *m);

/* A spy counting the values of slot, as Xapian's ValueCountMatchSpy
 * does (remote servers know it, count and merge it). Caller frees with
 * vns_xspy_free(). */
vns_status vns_xspy_new(unsigned slot, vns_xspy **out, vns_err *err);

/* A spy calling fn with every document a match shows it (a local
 * database only: remote servers cannot run it). Caller frees with
 * vns_xspy_free(). */
vns_status vns_xspy_new_callback(void (*fn)(void *ctx, vns_docid did),
				 void *ctx, vns_xspy **out, vns_err *err);

/* Number of documents a value-count spy saw (0 for a callback spy). */
unsigned long vns_xspy_total(const vns_xspy *spy);

/* Call fn for each value a value-count spy counted, with its count, in
 * value order (none for a callback spy); fn returning non-zero stops. */
vns_status vns_xspy_values(const vns_xspy *spy,
			   int (*fn)(void *ctx, const char *value, size_t len,
				     unsigned long count),
			   void *ctx, vns_err *err);

/* Release spy; accepts NULL. */
void vns_xspy_free(vns_xspy *spy);

#ifdef __cplusplus
}
#endif

#endif
