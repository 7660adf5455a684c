/* search.h - one search: parse the query, build it, run it on the index and
 * walk the ranked results with their stored fields and snippets. Shared by
 * the command line and the CGI page. */
#ifndef VNS_SEARCH_H
#define VNS_SEARCH_H

#include "status.h"

typedef struct vns_search vns_search;
typedef struct vns_results vns_results;

/* Most results one page may ask for. */
#define VNS_LIMIT_MAX 1000
/* Largest offset accepted (deep paging costs memory in Xapian). */
#define VNS_OFFSET_MAX 100000

typedef enum { VNS_SORT_RELEVANCE, VNS_SORT_DATE } vns_sort;

typedef struct vns_search_opts {
	unsigned offset;
	unsigned limit;
	vns_sort sort;
	unsigned snippet_bytes; /* 0 = no snippets */
	int facets;             /* count facets over the whole match set */
} vns_search_opts;

/* Facets: what results can be counted and filtered by. */
typedef enum {
	VNS_FACET_PROVINCE,      /* 2025 province (34) */
	VNS_FACET_PROVINCE_2024, /* 2024 province (63) */
	VNS_FACET_PRODUCT,
	VNS_FACET_PROGRAMME,
	VNS_FACET_SOURCE,
	VNS_FACET_YEAR,
	VNS_FACET_PRODUCT_GROUP, /* OCOP or rural-industry group of products */
	VNS_FACET_COUNT
} vns_facet_kind;

/* The facet's name in JSON and in the query language ("province",
 * "province_2024", "product", "programme", "source", "year",
 * "product_group"). */
const char *vns_facet_name(vns_facet_kind kind);

/* Another copy of a result: the same text from another source. */
typedef struct vns_also {
	const char *id;
	const char *source; /* may be NULL, like url */
	const char *url;
} vns_also;

/* Most other copies listed per result. */
#define VNS_ALSO_MAX 10

/* One result row; strings valid until the next vns_results_next(). */
typedef struct vns_result {
	unsigned rank;        /* 1-based, counting the offset */
	const char *id;
	const char *title;    /* may be NULL, like url, date, source */
	const char *url;
	const char *date;
	const char *source;
	double score;
	const char *snippet;  /* "" when snippets are off */
	const size_t (*spans)[2]; /* highlighted byte ranges in snippet */
	size_t nspans;
	/* the document's entities, display names (may be empty lists) */
	const char *const *provinces; /* 2025 provinces, then 2024 ones */
	size_t n_provinces;
	size_t n_provinces_2025;      /* the first this many are 2025 ones */
	const char *const *products;
	size_t n_products;
	const char *const *programmes;
	size_t n_programmes;
	/* provinces only named in passing: 2025 ones, then 2024 ones */
	const char *const *mentioned;
	size_t n_mentioned;
	size_t n_mentioned_2025;
	/* the same article from other sources, collapsed into this row */
	const vns_also *also;
	size_t n_also;
} vns_result;

/* Open the index at dbpath (directory or stub file) for searching.
 * *out: caller frees with vns_search_free(). */
vns_status vns_search_open(const char *dbpath, vns_search **out,
			   vns_err *err);

/* Hold the facets of every document in memory (read again after each
 * commit), so that counting them costs little per match: for a process
 * that answers many searches (FastCGI, batches), not one (the first
 * count pays the reading, ~10 ms for 35,000 documents). A sharded or
 * remote index counts as before. */
vns_status vns_search_keep_facets(vns_search *s, vns_err *err);

/* Release s; accepts NULL. */
void vns_search_free(vns_search *s);

/* Run query (UTF-8, len bytes). *out: caller frees with
 * vns_results_free(); walk it with vns_results_next(). Errors in the
 * query give VNS_EQUERY / VNS_EUTF8 / VNS_ETOOBIG with a message. */
vns_status vns_search_run(vns_search *s, const char *query, size_t len,
			  const vns_search_opts *opts, vns_results **out,
			  vns_err *err);

/* Estimated number of matches (exact for an empty query). */
unsigned long vns_results_total(const vns_results *r);

/* Advance: 1 with *row filled, 0 when done, negative status on error. */
int vns_results_next(vns_results *r, vns_result *row, vns_err *err);

/* Call fn for each value of facet kind counted over the whole match set
 * (needs opts.facets), most frequent first, at most max values (0 = all);
 * value is a display name ("Bắc Ninh", "2021"). fn returning non-zero
 * stops early. */
vns_status vns_results_facet(const vns_results *r, vns_facet_kind kind,
			     unsigned max,
			     int (*fn)(void *ctx, const char *value,
				       unsigned long count),
			     void *ctx, vns_err *err);

/* 1 if r counted facets (opts.facets was set), else 0. */
int vns_results_has_facets(const vns_results *r);

/* The documents the facets counted: every match, exactly, each copy of
 * an article republished by several sites apart (the results show it
 * once); 0 without facets. */
unsigned long vns_results_documents(const vns_results *r);

/* "Did you mean": the query as the index suggests it should be read
 * (diacritics restored, misspellings corrected), or NULL when there is
 * nothing better to suggest. Valid until r is freed. */
const char *vns_results_suggestion(const vns_results *r);

/* Release r; accepts NULL. */
void vns_results_free(vns_results *r);

#endif
