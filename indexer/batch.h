/* batch.h - one indexing run: reads inputs through the readers and hands
 * each document to the library's writer (vnsearch.h), which replaces it by
 * its unique id. Reports go through hooks so that only main() prints. */
#ifndef VNS_BATCH_H
#define VNS_BATCH_H

#include <limits.h>

#include "scan.h"
#include "status.h"
#include "vnsearch.h"

typedef struct vns_batch vns_batch;

typedef struct vns_batch_stats {
	unsigned long docs;     /* documents added or replaced */
	unsigned long committed; /* of those, durable as of the last path
				  * read or commit */
	unsigned long skipped;  /* records or files not indexed */
	unsigned long warnings; /* indexed, but with a problem (bad date) */
	unsigned long pages;    /* pages recognised by OCR */
	double seconds;         /* since vns_batch_open */
} vns_batch_stats;

typedef struct vns_batch_hooks {
	/* a record or file skipped, or indexed with a warning */
	void (*report)(void *ctx, int skipped, const char *path,
		       unsigned long line, const vns_err *why);
	/* called about every 1000 documents, and after each page OCR
	 * recognises */
	void (*progress)(void *ctx, const vns_batch_stats *stats);
	void *ctx;
	/* non-zero when the run should stop (checked before each document:
	 * reading then ends with VNS_ECANCELED); may be NULL */
	int (*stop)(void);
} vns_batch_hooks;

/* How a run works: the writer's options (vnsearch.h), whose report and
 * progress callbacks the batch sets itself. */
typedef vns_writer_opts vns_batch_opts;

/* The defaults: no shards, the writer's own thread counts. */
vns_batch_opts vns_batch_default_opts(void);

/* Open (creating if needed) the index at dbpath for writing, with the
 * default options. *out: caller frees with vns_batch_free().
 * VNS_EDBLOCK if another indexer holds the index. */
vns_status vns_batch_open(const char *dbpath, const vns_batch_hooks *hooks,
			  vns_batch **out, vns_err *err);

/* The same with options (NULL: the defaults). */
vns_status vns_batch_open_opts(const char *dbpath,
			       const vns_batch_hooks *hooks,
			       const vns_batch_opts *opts, vns_batch **out,
			       vns_err *err);

/* Recognise scans (images, PDFs without text: ocrpool.h) with the
 * options o (copied; their page_done and stop are the batch's own) on
 * `threads` threads (0: on the reading thread; VNS_BATCH_AUTO: half the
 * processors, at least one). Until called, a batch recognises with
 * vns_scan_default_opts() (no cache) on VNS_BATCH_AUTO threads. */
#define VNS_BATCH_AUTO UINT_MAX
vns_status vns_batch_ocr(vns_batch *b, const vns_scan_opts *o,
			 unsigned threads, vns_err *err);

/* Index everything at path (file, directory or "-"). A file-level error
 * (truncated gzip, unreadable file) is returned; what was read before it
 * stays indexed. */
vns_status vns_batch_add_path(vns_batch *b, const char *path, vns_err *err);

/* Commit what has been indexed so far (waits for the pipeline; a new
 * index built by several writers is merged here). */
vns_status vns_batch_commit(vns_batch *b, vns_err *err);

/* Statistics so far. */
vns_batch_stats vns_batch_stats_get(const vns_batch *b);

/* Release b without committing (call vns_batch_commit() first); accepts
 * NULL. */
void vns_batch_free(vns_batch *b);

#endif
