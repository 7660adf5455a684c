/* vnsearch.h - the public API of libvnsearch: full-text search of
 * Vietnamese news bulletins and project documents over a Xapian index.
 * This one header is the whole contract; the programs vnsearch,
 * vnsearch.cgi and vnsearch-index are front ends of it.
 *
 * Conventions:
 *   - Handles are opaque. Every constructor hands its result back through
 *     an out parameter that the caller frees with the matching
 *     _close()/_free(), each of which accepts NULL.
 *   - Every function that can fail returns a vns_status (0 = VNS_OK) and,
 *     on failure, fills the caller's vns_err (which may be NULL) with the
 *     code and one line of detail: which file, which line, what was
 *     expected. The library never prints, exits or aborts.
 *   - Strings are UTF-8, NUL-terminated unless a length is given. Every
 *     returned pointer says who owns it and how long it is valid.
 *   - Threads: the library keeps no global mutable state. A handle is used
 *     by one thread at a time; distinct handles may be used by distinct
 *     threads at once (open one vns_db per thread). A vns_writer runs
 *     threads of its own, but its functions are called from one thread.
 *   - Readers and one writer may work on the same index at once: readers
 *     see the writer's commits from their next search on (a search in
 *     progress reopens the index when a commit made its revision
 *     unreadable).
 */
#ifndef VNSEARCH_H
#define VNSEARCH_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VNS_VERSION "0.3.0"
#define VNS_VERSION_NUMBER 300 /* major * 10000 + minor * 100 + patch */

/* The library's version, as VNS_VERSION; may differ from the header's
 * when a program runs with a newer shared library. */
const char *vns_version(void);

/* ---- status ------------------------------------------------------------ */

/* X-macro table: code, short message. 0 is success. */
#define VNS_STATUS_MAP(X)                                          \
	X(VNS_OK, "success")                                       \
	X(VNS_ENOMEM, "out of memory")                             \
	X(VNS_EINVAL, "invalid argument")                          \
	X(VNS_EIO, "input/output error")                           \
	X(VNS_EUTF8, "invalid utf-8")                              \
	X(VNS_EJSON, "invalid json")                               \
	X(VNS_ERECORD, "unusable record")                          \
	X(VNS_ETOOBIG, "input too large")                          \
	X(VNS_EQUERY, "unusable query")                            \
	X(VNS_EUNICODE, "unicode conversion failed")               \
	X(VNS_EDBOPEN, "cannot open database")                     \
	X(VNS_EDBLOCK, "database is locked by another writer")     \
	X(VNS_EDBMODIFIED, "database changed while reading")       \
	X(VNS_EDBCORRUPT, "database is corrupt")                   \
	X(VNS_ENETWORK, "remote database unreachable")             \
	X(VNS_EXAPIAN, "xapian error")                             \
	X(VNS_ENOTFOUND, "not found")                              \
	X(VNS_EINTERNAL, "internal error")                         \
	X(VNS_ECANCELED, "interrupted")

typedef enum {
#define VNS_STATUS_ENUM(code, msg) code,
	VNS_STATUS_MAP(VNS_STATUS_ENUM)
#undef VNS_STATUS_ENUM
	VNS_STATUS_COUNT
} vns_status;

/* Short, lower-case message for a status ("invalid utf-8"); never NULL,
 * static storage. */
const char *vns_strerror(vns_status code);

/* Symbolic name of a status ("VNS_EUTF8"); never NULL, static storage. */
const char *vns_status_name(vns_status code);

#define VNS_ERR_MSG_MAX 512

/* An error record: the status plus one line of detail, like
 * sqlite3_errmsg(). The caller owns it (usually on the stack); msg is
 * always NUL-terminated once a function has filled it. */
typedef struct vns_err {
	vns_status code;
	char msg[VNS_ERR_MSG_MAX];
} vns_err;

/* Reset err to VNS_OK with an empty message; accepts NULL. */
void vns_err_clear(vns_err *err);

/* The detail if there is one, else vns_strerror(code); never NULL, valid
 * as long as err is unchanged. */
const char *vns_err_text(const vns_err *err);

/* ---- searching --------------------------------------------------------- */

typedef struct vns_db vns_db;           /* an index opened for searching */
typedef struct vns_results vns_results; /* one page of results */

/* Longest query accepted, in bytes. */
#define VNS_QUERY_MAX 2048
/* Most results one page may ask for. */
#define VNS_LIMIT_MAX 1000
/* Largest offset accepted (deep paging costs memory in Xapian). */
#define VNS_OFFSET_MAX 100000

/* Open the index at path for searching: a directory (one database), a
 * directory of year shards, or a Xapian stub file listing local and
 * remote shards ("remote 10.0.0.2:33333", served by xapian-tcpsrv).
 * *out: caller frees with vns_db_close(). VNS_EDBOPEN when path holds no
 * index, VNS_ENETWORK when a remote shard does not answer. */
vns_status vns_db_open(const char *path, vns_db **out, vns_err *err);

/* For a process that answers many searches (a FastCGI server, a batch):
 * hold the facet values of every document in memory (read again after
 * each commit), so that counting them costs little per match. The first
 * count pays the reading (about 10 ms for 35,000 documents). A sharded or
 * remote index counts as before. */
vns_status vns_db_keep_facets(vns_db *db, vns_err *err);

/* A number that changes with every commit of a single local index (its
 * revision), for validating caches such as an HTTP ETag; for a sharded
 * or remote index, which has no one revision, the number of documents.
 * It is the revision db reads: open db again to see later commits. */
vns_status vns_db_revision(vns_db *db, unsigned long long *out, vns_err *err);

/* Release db; accepts NULL. Every vns_results of db must be freed first. */
void vns_db_close(vns_db *db);

typedef enum { VNS_SORT_RELEVANCE, VNS_SORT_DATE } vns_sort;

/* What one search returns. Zero-initialise it and set what you need
 * (limit 0 gives no rows: set it). */
typedef struct vns_search_opts {
	unsigned offset;        /* rows to skip (at most VNS_OFFSET_MAX) */
	unsigned limit;         /* rows wanted (at most VNS_LIMIT_MAX) */
	vns_sort sort;          /* relevance (newest first when the query has
				 * no words) or date, newest first */
	unsigned snippet_bytes; /* snippet length; 0 = no snippets */
	int facets;             /* count facets over the whole match set */
	const char *like;       /* NULL, or the id of an indexed document:
				 * rank the documents most like it (its
				 * best terms, provinces, products and
				 * programmes), never it nor its copies;
				 * the query then only filters. An unknown
				 * id gives VNS_ENOTFOUND. */
	const char *added_since; /* NULL, or an ISO 8601 date or date-time
				  * (UTC unless it has an offset; see
				  * vns_time_utc): only documents indexed
				  * at or after it. Anything else gives
				  * VNS_EQUERY saying the format. */
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
 * "product_group"); static storage, "" for an unknown kind. */
const char *vns_facet_name(vns_facet_kind kind);

/* Another copy of a result: the same text from another source. */
typedef struct vns_also {
	const char *id;
	const char *source; /* may be NULL, like url */
	const char *url;
} vns_also;

/* Most other copies listed per result. */
#define VNS_ALSO_MAX 10

/* One result row. Every pointer in it is owned by the vns_results and
 * valid until the next vns_results_next() or vns_results_free(). */
typedef struct vns_result {
	unsigned rank;        /* 1-based, counting the offset */
	const char *id;
	const char *title;    /* may be NULL, like url, date, source */
	int title_derived;    /* 1: the document came without a title, and
			       * title is its first sentence (made when it
			       * was indexed) */
	const char *url;
	const char *date;     /* ISO 8601 as indexed */
	const char *source;
	double score;         /* relevance weight; 0 when sorted by date */
	const char *snippet;  /* best passage; "" when snippets are off */
	const size_t (*spans)[2]; /* highlighted [start, end) byte ranges of
				   * snippet, ascending: one per query word
				   * (adjacent query syllables found
				   * together are one range) */
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
	const char *indexed;  /* when the document was last indexed,
			       * "YYYY-MM-DDThh:mm:ssZ"; NULL in an index
			       * written before 0.3 */
	/* text from OCR: the mean confidence ("87.5"; NULL when the text is
	 * not from OCR) and the pages of low confidence ("2", ...) */
	const char *ocr;
	const char *const *ocr_low;
	size_t n_ocr_low;
} vns_result;

/* Search db for query (UTF-8, len bytes, in the query language: words,
 * "a phrase", -excluded, a OR b, province:NAME, product:NAME,
 * programme:NAME, source:NAME, year:YYYY, date:FROM..TO). Words typed
 * without diacritics find the accented forms; an empty query lists every
 * document. *out: caller frees with vns_results_free(), before db is
 * closed; walk it with vns_results_next(). An unusable query gives
 * VNS_EQUERY (or VNS_EUTF8, VNS_ETOOBIG) with a message saying what and
 * where. */
vns_status vns_db_search(vns_db *db, const char *query, size_t len,
			 const vns_search_opts *opts, vns_results **out,
			 vns_err *err);

/* Estimated number of matches, counting each republished article once
 * (exact for an empty query). */
unsigned long vns_results_total(const vns_results *r);

/* Advance to the next row: 1 with *row filled, 0 when there are no more,
 * a negative vns_status (err filled) on error. */
int vns_results_next(vns_results *r, vns_result *row, vns_err *err);

/* Call fn for each value of facet kind counted over the whole match set
 * (needs opts.facets), most frequent first, at most max values (0 =
 * all). value is a display name ("Bắc Ninh", "2021"), valid during the
 * call. fn returning non-zero stops early. */
vns_status vns_results_facet(const vns_results *r, vns_facet_kind kind,
			     unsigned max,
			     int (*fn)(void *ctx, const char *value,
				       unsigned long count),
			     void *ctx, vns_err *err);

/* The 2025 province that the 2024 province named province ("Bắc Giang")
 * is part of now ("Bắc Ninh"), for showing a place as the text wrote it:
 * "Bắc Giang (nay Bắc Ninh)". NULL when the name did not change ("Hà
 * Nội") or is not a 2024 province. Static storage; thread-safe. */
const char *vns_province_now(const char *province);

/* 1 if r counted facets (opts.facets was set), else 0. */
int vns_results_has_facets(const vns_results *r);

/* The documents the facets counted: every match, exactly, each copy of a
 * republished article apart (the rows show it once); 0 without facets. */
unsigned long vns_results_documents(const vns_results *r);

/* "Did you mean": the query as the index suggests it should be read
 * (diacritics restored, Telex or VNI keystrokes decoded, misspellings
 * corrected), or NULL when there is nothing better to suggest. Owned by r, valid until r is freed. */
const char *vns_results_suggestion(const vns_results *r);

/* Release r; accepts NULL. */
void vns_results_free(vns_results *r);

/* Check the index at path (a database, or a directory of shards) with
 * Xapian's consistency check: *problems gets how many it found (0: the
 * index is sound) and *report (caller frees with free()) its account.
 * VNS_EDBOPEN when path holds no index. */
vns_status vns_db_check(const char *path, unsigned long *problems,
			char **report, vns_err *err);

/* Call fn with every indexed document id that starts with prefix ("" for
 * all), in byte order; id is valid during the call. fn returning
 * non-zero stops early. */
vns_status vns_db_ids(vns_db *db, const char *prefix,
		      int (*fn)(void *ctx, const char *id), void *ctx,
		      vns_err *err);

/* Length of the UTC form "YYYY-MM-DDThh:mm:ssZ". */
#define VNS_TIME_LEN 20

/* Read iso, an ISO 8601 date or date-time (YYYY-MM-DD, then optionally
 * Thh:mm[:ss], then optionally Z or an offset +hh:mm / -hh:mm; UTC when
 * there is none), into out as "YYYY-MM-DDThh:mm:ssZ", the form of
 * vns_result.indexed. VNS_EINVAL with the expected format otherwise.
 * Thread-safe. */
vns_status vns_time_utc(const char *iso, char out[VNS_TIME_LEN + 1],
			vns_err *err);

/* ---- writing ----------------------------------------------------------- */

/* One article or bulletin to index. The library copies what it needs
 * during vns_writer_put(); the caller keeps ownership of the strings. */
typedef struct vns_document {
	const char *id;       /* required: a stable unique id; a document
			       * with an indexed id replaces it */
	const char *url;      /* the rest may be NULL */
	const char *title;
	const char *date;     /* ISO 8601: YYYY[-MM[-DD[THH:MM[:SS][zone]]]] */
	const char *source;
	const char *category;
	const char *author;
	const char *summary;
	const char *body;     /* required, non-empty */
	/* where the document was read (may be NULL, 0), for reports */
	const char *origin;
	unsigned long line;
	/* text recognised by OCR: the pages recognised (0: the text is not
	 * from OCR), their mean word confidence (0-100) and the pages of low
	 * confidence ("2 5", or NULL); stored, and given back in
	 * vns_result.ocr */
	unsigned ocr_pages;
	double ocr_confidence;
	const char *ocr_low;
} vns_document;

typedef struct vns_writer vns_writer;

/* A document the writer skipped (skipped = 1: no id, an empty body,
 * invalid UTF-8, an unusable field) or indexed with a warning (skipped =
 * 0: a date it could not read). Called on the writer's threads (or in
 * vns_writer_put()), one call at a time. */
typedef void (*vns_writer_report)(void *ctx, int skipped,
				  const char *origin, unsigned long line,
				  const vns_err *why);

/* Documents indexed so far, and documents skipped or indexed with a
 * warning (reported). */
typedef struct vns_writer_stats {
	unsigned long docs;
	unsigned long skipped;
	unsigned long warnings;
	unsigned long committed; /* of docs, those durable as of the last
				  * vns_writer_sync(), commit or rollback */
} vns_writer_stats;

/* vns_writer_opts.analysers: no thread that only analyses */
#define VNS_WRITER_NONE 0xffffffffu

/* How a writer works; zero-initialise it (or pass NULL) for the
 * defaults and set what you need. */
typedef struct vns_writer_opts {
	int shard_by_year;   /* a new index: one database per year of the
			      * date under path, listed in a stub file */
	unsigned writers;    /* writer threads for a new or empty index,
			      * each filling parts merged at commit (0: 2 on
			      * a machine with more than one processor);
			      * an index with documents takes one */
	unsigned analysers;  /* threads that only analyse, besides the
			      * writers, which analyse their own documents
			      * when none has (0: one for each processor
			      * the writers leave free; VNS_WRITER_NONE) */
	unsigned commit_every;   /* documents between a database's
				  * commits (0: 250) */
	unsigned long part_docs; /* documents per part (0: 10,000) */
	int atomic;          /* changes become durable only at
			      * vns_writer_commit(), all together (per
			      * database of a sharded index), and
			      * vns_writer_rollback() drops them: for
			      * one file, one transaction. One writer
			      * thread, never parts. */
	vns_writer_report report; /* may be NULL */
	/* called every 1,000 documents, on a writer's thread (may be NULL) */
	void (*progress)(void *ctx, const vns_writer_stats *stats);
	void *ctx;                /* passed to report and progress */
} vns_writer_opts;

/* Open (creating it if needed) the index at path for writing; opts NULL
 * gives the defaults. An index that is already sharded stays sharded.
 * *out: caller frees with vns_writer_close(). VNS_EDBLOCK when another
 * writer holds the index. An existing index is checked (Xapian's
 * consistency check, seconds for 20,000 articles) before anything is
 * written to it, unless its files are as a vnsearch writer's last commit
 * left them (recorded in the file vnsearch-checked beside them), and a
 * damaged one gives VNS_EDBCORRUPT: "'PATH': the index is damaged
 * (WHAT); run vnsearch-index --check 'PATH' (or xapian-check), then
 * rebuild it or restore a copy". Searching meets damage with the same
 * status and line. The check runs in a child process (fork()). */
vns_status vns_writer_open(const char *path, const vns_writer_opts *opts,
			   vns_writer **out, vns_err *err);

/* Add doc, or replace the indexed document with its id; the document
 * records when it is analysed here as when it was indexed (UTC, see
 * vns_result.indexed and vns_search_opts.added_since). Analysis runs on
 * the writer's threads: a problem of this document goes to the report
 * callback, while the status returned is the writer's own (an index that
 * cannot be written: then every later call fails the same way). */
vns_status vns_writer_put(vns_writer *w, const vns_document *doc,
			  vns_err *err);

/* Wait until every document put so far has been written or reported
 * (the statistics and reports are then whole). */
vns_status vns_writer_sync(vns_writer *w, vns_err *err);

/* Delete the document with this id (after every put so far); *count
 * (may be NULL) gets how many were deleted (0 or 1). */
vns_status vns_writer_delete(vns_writer *w, const char *id,
			     unsigned long *count, vns_err *err);

/* Make every change so far durable and visible to readers. */
vns_status vns_writer_commit(vns_writer *w, vns_err *err);

/* Drop every change since the last commit (a writer opened with
 * opts.atomic; VNS_EINVAL otherwise): the index stays at that commit. */
vns_status vns_writer_rollback(vns_writer *w, vns_err *err);

/* Statistics so far. */
vns_writer_stats vns_writer_get_stats(const vns_writer *w);

/* Release w without committing: changes after the last commit are lost
 * and the index stays at that commit. Accepts NULL. */
void vns_writer_close(vns_writer *w);

#ifdef __cplusplus
}
#endif

#endif
