/* ocrpool.h - worker threads that recognise scanned documents (scan.h)
 * while the reading thread goes on with other files: the reader queues a
 * scan and returns; a worker, with its own recogniser, makes the document
 * and hands it to the reader's sink (or reports the file through
 * sink->bad). The queue is bounded (two scans a worker), so memory is:
 * the workers' recognisers and pages, and a few paths. Sinks given to
 * vns_ocrpool_put() must accept calls from the workers' threads. */
#ifndef VNS_OCRPOOL_H
#define VNS_OCRPOOL_H

#include "readers.h"
#include "scan.h"
#include "status.h"

typedef struct vns_ocrpool vns_ocrpool;

/* A pool of `threads` workers (0: scans run on the caller's thread, in
 * vns_ocrpool_read) with options o (copied, with the cache directory).
 * *out: caller frees with vns_ocrpool_free(). */
vns_status vns_ocrpool_new(const vns_scan_opts *o, unsigned threads,
			   vns_ocrpool **out, vns_err *err);

/* Make the document of the scanned file at path (kind) and hand it to
 * sink: through sink->ocr's workers when it has some (waiting while the
 * queue is full), else now on this thread (with vns_scan_default_opts()
 * when sink->ocr is NULL). meta (may be NULL): a title, author and date
 * found elsewhere (a PDF's information dictionary), copied, used where
 * the text gives none (scan.h). Returns a sink's error, once one has
 * stopped the pool. */
vns_status vns_ocrpool_read(const char *path, vns_scan_kind kind,
			    const vns_doc *meta, const vns_sink *sink,
			    vns_err *err);

/* Wait until every scan queued so far has been handed to its sink. The
 * first error a sink returned (which stops the pool), in err. */
vns_status vns_ocrpool_wait(vns_ocrpool *p, vns_err *err);

/* Finish what is queued, stop the workers and release p; accepts NULL. */
void vns_ocrpool_free(vns_ocrpool *p);

/* The reader of image files (.png, .jpg, .jpeg, .tif, .tiff), in the
 * shape of readers.h's vns_reader_fn. */
vns_status vns_read_image(const char *path, const vns_sink *sink,
			  vns_err *err);

#endif
