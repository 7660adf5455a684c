/* batch.h - one indexing run: opens the writable index, reads inputs
 * through the readers, builds each document with the term generator and
 * replaces it by its unique id, committing in batches. Reports go through
 * hooks so that only main() prints. */
#ifndef VNS_BATCH_H
#define VNS_BATCH_H

#include <limits.h>

#include "scan.h"
#include "shard.h"
#include "status.h"

typedef struct vns_batch vns_batch;

typedef struct vns_batch_stats {
	unsigned long docs;     /* documents added or replaced */
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
} vns_batch_hooks;

/* How a run works (see pipeline.h and shard.h). */
typedef struct vns_batch_opts {
	vns_shard_rule shard_rule; /* VNS_SHARD_NONE: one database */
	unsigned analysers;        /* analyser threads besides the writers,
				    * which analyse their own documents
				    * when no analyser has (pipeline.h);
				    * VNS_BATCH_AUTO: one per processor the
				    * writers leave free */
	unsigned writers;          /* writer threads for a new index */
	unsigned commit_every;     /* documents per database between
				    * commits; 0: the default (250) */
	unsigned long part_docs;   /* a new index: documents per part
				    * database; 0: the default (10,000) */
	vns_scan_opts ocr;         /* limits and cache of OCR (scan.h); its
				    * page_done is the batch's own */
	unsigned ocr_threads;      /* OCR worker threads (ocrpool.h); 0:
				    * scans are read on the reading thread;
				    * VNS_BATCH_AUTO: half the processors,
				    * at least one */
} vns_batch_opts;

#define VNS_BATCH_AUTO UINT_MAX

/* The defaults: no shards, two writers on a machine with more than one
 * processor, an analyser for each processor beyond the writers; OCR with
 * vns_scan_default_opts() (no cache) on VNS_BATCH_AUTO threads. */
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
