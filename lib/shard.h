/* shard.h - where the indexer's documents go: the writable side of an index
 * that may be one database or several shards. Three layouts:
 *
 *   single   an existing, non-empty database: each document replaces the
 *            one with its id, in place (incremental runs, e.g. daily);
 *   bulk     a new or empty database and several writer threads: each
 *            writer fills part databases of its own beside it, a new one
 *            whenever the last is full, and commit merges the parts into
 *            the index (Xapian's compaction) - writers on small databases
 *            beat one on a large one;
 *   shards   a rule (VNS_SHARD_YEAR) picks one of several databases under
 *            the index directory by the document's year ("2021",
 *            "undated"), and a Xapian stub file DIR/XAPIANDB lists them,
 *            so that readers open DIR as one database. A document replaces
 *            its id in its shard and is deleted from the other shards.
 *
 * Each writer index is used by one thread at a time (pipeline.h). */
#ifndef VNS_SHARD_H
#define VNS_SHARD_H

#include "doc.h"
#include "status.h"
#include "xapian-c.h"

typedef struct vns_store vns_store;

typedef enum {
	VNS_SHARD_NONE, /* one database (or an existing shard set) */
	VNS_SHARD_YEAR  /* one shard per year of the date, "undated" */
} vns_shard_rule;

typedef struct vns_store_opts {
	vns_shard_rule rule;
	unsigned writers;      /* writer threads wanted (>= 1) */
	unsigned commit_every; /* documents per database between commits */
	unsigned long part_docs; /* bulk: documents per part database
				  * (0: the default, 10,000) */
	int atomic;            /* no commit but vns_store_commit(), which
				* applies every change since the last one
				* together; vns_store_rollback() drops them
				* (never the bulk layout) */
} vns_store_opts;

/* Open the index at path for writing. An index that is already sharded
 * (path/XAPIANDB exists) stays sharded by year. *out: caller frees with
 * vns_store_free(). VNS_EDBLOCK if another indexer holds it. */
vns_status vns_store_open(const char *path, const vns_store_opts *o,
			  vns_store **out, vns_err *err);

/* Writer threads the store can take: o->writers in the bulk layout, else 1. */
unsigned vns_store_writers(const vns_store *s);

/* Add or replace doc (built as xdoc) through writer; commits that
 * writer's database every commit_every documents. */
vns_status vns_store_replace(vns_store *s, unsigned writer,
			     const vns_doc *doc, const vns_xdoc *xdoc,
			     vns_err *err);

/* Delete the document with id wherever the store holds it (while no
 * writer is working); *count (may be NULL) gets how many copies went. */
vns_status vns_store_delete(vns_store *s, const char *id,
			    unsigned long *count, vns_err *err);

/* Make everything durable and visible to readers (merges the bulk parts;
 * writes the shards' stub). Only while no writer is working. */
vns_status vns_store_commit(vns_store *s, vns_err *err);

/* Documents written through s that are durable now (the target's
 * automatic commits included); only while no writer is working. */
unsigned long vns_store_committed(const vns_store *s);

/* Drop every change since the last commit (an atomic store only);
 * only while no writer is working. */
vns_status vns_store_rollback(vns_store *s, vns_err *err);

/* Release s without committing what came after the last commit; removes
 * any part databases; accepts NULL. */
void vns_store_free(vns_store *s);

#endif
