/* pipeline.h - parallel indexing: the caller's thread reads documents and
 * puts them in a bounded ring; one or more writer threads build their
 * Xapian documents and hand them to a sink callback, helped by a pool of
 * analyser threads, which may be empty. Every thread has its own analyser
 * and term generator (one-per-thread objects). A writer builds its next
 * document itself unless an analyser has taken it, so it never waits for
 * analysis, and the document it builds is still in its processor's cache
 * when it writes it. Each document goes to writer hash(id) % writers, so
 * every copy of an id meets the same writer, and each writer sees its
 * documents in input order: a later record with the same id still wins.
 * Memory is bounded by the ring (32 documents per analyser, 64 per
 * writer). */
#ifndef VNS_PIPELINE_H
#define VNS_PIPELINE_H

#include "doc.h"
#include "status.h"
#include "xapian-c.h"

typedef struct vns_pipeline vns_pipeline;

/* One built document as the sink sees it; everything is valid during the
 * call only, except xdoc, which the sink may take (set it to NULL). */
typedef struct vns_built {
	const vns_doc *doc;
	const char *path;     /* where it was read */
	unsigned long line;
	vns_xdoc *xdoc;       /* NULL when the build failed */
	vns_status st;        /* the build's status (VNS_OK or the error) */
	const vns_err *why;   /* the build error's detail */
	const vns_err *warn;  /* warn->code set: indexed with a warning */
} vns_built;

/* Called on writer thread `writer` (0 .. writers-1) for each document of
 * that writer, in input order. A non-zero return stops the pipeline: later
 * documents are dropped and put/flush return that status (err copied). */
typedef vns_status (*vns_pipeline_sink)(void *ctx, unsigned writer,
					vns_built *b, vns_err *err);

/* Start `analysers` analyser threads (>= 0) and `writers` writer threads
 * (>= 1) feeding sink. *out: caller frees with vns_pipeline_free(). */
vns_status vns_pipeline_new(unsigned analysers, unsigned writers,
			    vns_pipeline_sink sink, void *ctx,
			    vns_pipeline **out, vns_err *err);

/* Writer thread that doc (by its id) goes to. */
unsigned vns_pipeline_writer_of(const vns_pipeline *p, const char *id);

/* Queue a copy of doc (read at path, line); waits while the ring is full.
 * Returns a sink's error once the pipeline has stopped. */
vns_status vns_pipeline_put(vns_pipeline *p, const vns_doc *doc,
			    const char *path, unsigned long line, vns_err *err);

/* Wait until every document put so far has been through its sink (the
 * writer threads are then idle until the next put). Returns a sink's
 * error if the pipeline stopped. */
vns_status vns_pipeline_flush(vns_pipeline *p, vns_err *err);

/* Stop the threads (after what was put has been written) and release p;
 * accepts NULL. */
void vns_pipeline_free(vns_pipeline *p);

/* Number of online processors (at least 1). */
unsigned vns_pipeline_cpus(void);

#endif
