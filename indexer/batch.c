/* batch.c - an indexing run (see batch.h). */
#include "batch.h"

#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "ocrpool.h"
#include "readers.h"

/* Reading happens on the caller's thread, OCR on the pool's threads
 * (ocrpool.h), analysis and writing on the writer's threads; all report
 * through the hooks, under mu, which also guards the count of records the
 * readers skipped and of pages recognised. The writer is called from one
 * thread at a time: the reader and the OCR workers take turns, under
 * put_mu. */
struct vns_batch {
	vns_writer *w;
	vns_ocrpool *ocr;
	pthread_mutex_t mu, put_mu;
	vns_batch_hooks hooks;
	unsigned long read_skipped, pages;
	struct timespec t0;
};

static double elapsed(const vns_batch *b)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - b->t0.tv_sec) +
	       (double)(t.tv_nsec - b->t0.tv_nsec) / 1e9;
}

vns_batch_opts vns_batch_default_opts(void)
{
	vns_batch_opts o = { 0 };

	return o;
}

static void on_report(void *ctx, int skipped, const char *path,
		      unsigned long line, const vns_err *why)
{
	vns_batch *b = ctx;

	pthread_mutex_lock(&b->mu);
	if (b->hooks.report)
		b->hooks.report(b->hooks.ctx, skipped, path, line, why);
	pthread_mutex_unlock(&b->mu);
}

/* The writer's statistics with the readers' skipped records; under mu. */
static vns_batch_stats merged(const vns_batch *b, const vns_writer_stats *ws)
{
	vns_batch_stats s = { ws->docs, ws->committed,
			      ws->skipped + b->read_skipped, ws->warnings,
			      b->pages, elapsed(b) };

	return s;
}

static void on_progress(void *ctx, const vns_writer_stats *ws)
{
	vns_batch *b = ctx;
	vns_batch_stats s;

	pthread_mutex_lock(&b->mu);
	s = merged(b, ws);
	if (b->hooks.progress)
		b->hooks.progress(b->hooks.ctx, &s);
	pthread_mutex_unlock(&b->mu);
}

/* A page recognised: counted, and shown as progress. */
static void on_page(void *ctx, const char *path, unsigned page,
		    unsigned pages)
{
	vns_batch *b = ctx;
	vns_writer_stats ws = vns_writer_get_stats(b->w);
	vns_batch_stats s;

	(void)path;
	(void)page;
	(void)pages;
	pthread_mutex_lock(&b->mu);
	b->pages++;
	s = merged(b, &ws);
	if (b->hooks.progress)
		b->hooks.progress(b->hooks.ctx, &s);
	pthread_mutex_unlock(&b->mu);
}

vns_status vns_batch_ocr(vns_batch *b, const vns_scan_opts *o,
			 unsigned threads, vns_err *err)
{
	vns_scan_opts mine = *o;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	vns_ocrpool *p;
	vns_status st;

	mine.page_done = on_page;
	mine.ctx = b;
	mine.stop = b->hooks.stop;
	if (threads == VNS_BATCH_AUTO)
		threads = cpus > 2 ? (unsigned)cpus / 2 : 1;
	st = vns_ocrpool_new(&mine, threads, &p, err);
	if (st)
		return st;
	vns_ocrpool_free(b->ocr);
	b->ocr = p;
	return VNS_OK;
}

vns_status vns_batch_open(const char *dbpath, const vns_batch_hooks *hooks,
			  vns_batch **out, vns_err *err)
{
	return vns_batch_open_opts(dbpath, hooks, NULL, out, err);
}

vns_status vns_batch_open_opts(const char *dbpath,
			       const vns_batch_hooks *hooks,
			       const vns_batch_opts *opts, vns_batch **out,
			       vns_err *err)
{
	vns_batch_opts o = opts ? *opts : vns_batch_default_opts();
	vns_batch *b = calloc(1, sizeof *b);
	vns_status st;

	if (!b)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	pthread_mutex_init(&b->mu, NULL);
	pthread_mutex_init(&b->put_mu, NULL);
	b->hooks = *hooks;
	clock_gettime(CLOCK_MONOTONIC, &b->t0);
	o.report = on_report;
	o.progress = on_progress;
	o.ctx = b;
	st = vns_writer_open(dbpath, &o, &b->w, err);
	if (!st) {
		vns_scan_opts so = vns_scan_default_opts();

		st = vns_batch_ocr(b, &so, VNS_BATCH_AUTO, err);
	}
	if (st) {
		vns_batch_free(b);
		return st;
	}
	*out = b;
	return VNS_OK;
}

static void on_bad(void *ctx, const char *path, unsigned long line,
		   const vns_err *why)
{
	vns_batch *b = ctx;

	pthread_mutex_lock(&b->mu);
	b->read_skipped++;
	pthread_mutex_unlock(&b->mu);
	on_report(b, 1, path, line, why);
}

static vns_status on_doc(void *ctx, const vns_doc *doc, const char *path,
			 unsigned long line, vns_err *err)
{
	vns_batch *b = ctx;
	vns_document d;
	vns_status st;

	if (b->hooks.stop && b->hooks.stop())
		return vns_err_set(err, VNS_ECANCELED, "interrupted");
	d = (vns_document){ doc->id,	  doc->url,    doc->title,
			   doc->date,	  doc->source, doc->category,
			   doc->author,	  doc->summary, doc->body,
			   path,	  line,	       doc->ocr_pages,
			   doc->ocr_confidence, doc->ocr_low };

	pthread_mutex_lock(&b->put_mu);
	st = vns_writer_put(b->w, &d, err);
	pthread_mutex_unlock(&b->put_mu);
	return st;
}

vns_status vns_batch_add_path(vns_batch *b, const char *path, vns_err *err)
{
	vns_sink sink = { on_doc, on_bad, b, b->ocr };
	vns_status st = vns_read_path(path, &sink, err);
	vns_err ferr;
	/* wait for the path's scans and documents: stats and reports are
	 * then whole */
	vns_status fst = vns_ocrpool_wait(b->ocr, &ferr);

	if (!fst)
		fst = vns_writer_sync(b->w, &ferr);

	if (!st && fst)
		*err = ferr;
	return st ? st : fst;
}

vns_status vns_batch_commit(vns_batch *b, vns_err *err)
{
	return vns_writer_commit(b->w, err);
}

vns_batch_stats vns_batch_stats_get(const vns_batch *b)
{
	vns_writer_stats ws = vns_writer_get_stats(b->w);
	vns_batch_stats s;

	pthread_mutex_lock((pthread_mutex_t *)&b->mu);
	s = merged(b, &ws);
	pthread_mutex_unlock((pthread_mutex_t *)&b->mu);
	return s;
}

void vns_batch_free(vns_batch *b)
{
	if (!b)
		return;
	vns_ocrpool_free(b->ocr); /* its workers may still hand documents */
	vns_writer_close(b->w);
	pthread_mutex_destroy(&b->put_mu);
	pthread_mutex_destroy(&b->mu);
	free(b);
}
