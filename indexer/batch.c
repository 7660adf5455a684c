/* batch.c - an indexing run (see batch.h). */
#include "batch.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ocrpool.h"
#include "pipeline.h"
#include "readers.h"
#include "shard.h"

/* Reading happens on the caller's thread, OCR on the pool's threads
 * (ocrpool.h), analysis and writing on the pipeline's threads
 * (pipeline.h); mu guards hooks and stats, put_mu the pipeline's one
 * producer side (the reader and the OCR workers take turns). */
struct vns_batch {
	vns_store *store;
	vns_pipeline *pipe;
	vns_ocrpool *ocr;
	pthread_mutex_t mu, put_mu;
	vns_batch_hooks hooks;
	vns_batch_stats stats;
	struct timespec t0;
};

static double elapsed(const vns_batch *b)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - b->t0.tv_sec) +
	       (double)(t.tv_nsec - b->t0.tv_nsec) / 1e9;
}

static vns_status on_built(void *ctx, unsigned writer, vns_built *bt,
			   vns_err *err);

/* A page recognised: counted, and shown as progress. */
static void on_page(void *ctx, const char *path, unsigned page,
		    unsigned pages)
{
	vns_batch *b = ctx;

	(void)path;
	(void)page;
	(void)pages;
	pthread_mutex_lock(&b->mu);
	b->stats.pages++;
	if (b->hooks.progress) {
		b->stats.seconds = elapsed(b);
		b->hooks.progress(b->hooks.ctx, &b->stats);
	}
	pthread_mutex_unlock(&b->mu);
}

static vns_status open_ocr(vns_batch *b, vns_batch_opts *o, vns_err *err)
{
	unsigned cpus = vns_pipeline_cpus();

	o->ocr.page_done = on_page;
	o->ocr.ctx = b;
	if (o->ocr_threads == VNS_BATCH_AUTO)
		o->ocr_threads = cpus > 2 ? cpus / 2 : 1;
	return vns_ocrpool_new(&o->ocr, o->ocr_threads, &b->ocr, err);
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
	vns_store_opts so = { o.shard_rule, o.writers, o.commit_every,
			      o.part_docs };
	vns_batch *b = calloc(1, sizeof *b);
	vns_status st;
	unsigned writers, cpus = vns_pipeline_cpus();

	if (!b)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	pthread_mutex_init(&b->mu, NULL);
	pthread_mutex_init(&b->put_mu, NULL);
	b->hooks = *hooks;
	clock_gettime(CLOCK_MONOTONIC, &b->t0);
	st = vns_store_open(dbpath, &so, &b->store, err);
	if (!st) {
		writers = vns_store_writers(b->store);
		if (o.analysers == VNS_BATCH_AUTO)
			o.analysers = cpus > writers ? cpus - writers : 0;
		st = vns_pipeline_new(o.analysers, writers, on_built, b,
				      &b->pipe, err);
	}
	if (!st)
		st = open_ocr(b, &o, err);
	if (st) {
		vns_batch_free(b);
		return st;
	}
	*out = b;
	return VNS_OK;
}

vns_batch_opts vns_batch_default_opts(void)
{
	vns_batch_opts o;
	unsigned cpus = vns_pipeline_cpus();

	memset(&o, 0, sizeof o);
	o.shard_rule = VNS_SHARD_NONE;
	o.ocr = vns_scan_default_opts();
	o.ocr_threads = VNS_BATCH_AUTO;
	o.analysers = VNS_BATCH_AUTO;
	o.writers = cpus > 1 ? 2 : 1;
	return o;
}

static void report(vns_batch *b, int skipped, const char *path,
		   unsigned long line, const vns_err *why)
{
	pthread_mutex_lock(&b->mu);
	if (skipped)
		b->stats.skipped++;
	else
		b->stats.warnings++;
	if (b->hooks.report)
		b->hooks.report(b->hooks.ctx, skipped, path, line, why);
	pthread_mutex_unlock(&b->mu);
}

static void on_bad(void *ctx, const char *path, unsigned long line,
		   const vns_err *why)
{
	report(ctx, 1, path, line, why);
}

static vns_status on_doc(void *ctx, const vns_doc *doc, const char *path,
			 unsigned long line, vns_err *err)
{
	vns_batch *b = ctx;
	vns_status st;

	pthread_mutex_lock(&b->put_mu);
	st = vns_pipeline_put(b->pipe, doc, path, line, err);
	pthread_mutex_unlock(&b->put_mu);
	return st;
}

/* A built document, on its writer's thread, in input order. */
static vns_status on_built(void *ctx, unsigned writer, vns_built *bt,
			   vns_err *err)
{
	vns_batch *b = ctx;
	vns_status st = bt->st;

	if (st == VNS_EUTF8 || st == VNS_ERECORD) {
		report(b, 1, bt->path, bt->line, bt->why);
		return VNS_OK;
	}
	if (st)
		return vns_err_set(err, st, "%s", bt->why->msg);
	if (bt->warn->code)
		report(b, 0, bt->path, bt->line, bt->warn);
	st = vns_store_replace(b->store, writer, bt->doc, bt->xdoc, err);
	if (st)
		return st;
	pthread_mutex_lock(&b->mu);
	b->stats.docs++;
	if (b->hooks.progress && b->stats.docs % 1000 == 0) {
		b->stats.seconds = elapsed(b);
		b->hooks.progress(b->hooks.ctx, &b->stats);
	}
	pthread_mutex_unlock(&b->mu);
	return VNS_OK;
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
		fst = vns_pipeline_flush(b->pipe, &ferr);

	if (!st && fst)
		*err = ferr;
	return st ? st : fst;
}

vns_status vns_batch_commit(vns_batch *b, vns_err *err)
{
	vns_status st = vns_pipeline_flush(b->pipe, err);

	return st ? st : vns_store_commit(b->store, err);
}

vns_batch_stats vns_batch_stats_get(const vns_batch *b)
{
	vns_batch_stats s;

	pthread_mutex_lock((pthread_mutex_t *)&b->mu);
	s = b->stats;
	pthread_mutex_unlock((pthread_mutex_t *)&b->mu);
	s.seconds = elapsed(b);
	return s;
}

void vns_batch_free(vns_batch *b)
{
	if (!b)
		return;
	vns_ocrpool_free(b->ocr);
	vns_pipeline_free(b->pipe);
	vns_store_free(b->store);
	pthread_mutex_destroy(&b->put_mu);
	pthread_mutex_destroy(&b->mu);
	free(b);
}
