/* batch.c - an indexing run (see batch.h). */
#include "batch.h"

#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "readers.h"

/* Reading happens on the caller's thread, analysis and writing on the
 * writer's threads; both report through the hooks, under mu, which also
 * guards the count of records the readers skipped. */
struct vns_batch {
	vns_writer *w;
	pthread_mutex_t mu;
	vns_batch_hooks hooks;
	unsigned long read_skipped;
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
			      elapsed(b) };

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
	b->hooks = *hooks;
	clock_gettime(CLOCK_MONOTONIC, &b->t0);
	o.report = on_report;
	o.progress = on_progress;
	o.ctx = b;
	st = vns_writer_open(dbpath, &o, &b->w, err);
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

	if (b->hooks.stop && b->hooks.stop())
		return vns_err_set(err, VNS_ECANCELED, "interrupted");
	d = (vns_document){ doc->id,	  doc->url,    doc->title,
			   doc->date,	  doc->source, doc->category,
			   doc->author,	  doc->summary, doc->body,
			   path,	  line };

	return vns_writer_put(b->w, &d, err);
}

vns_status vns_batch_add_path(vns_batch *b, const char *path, vns_err *err)
{
	vns_sink sink = { on_doc, on_bad, b };
	vns_status st = vns_read_path(path, &sink, err);
	vns_err ferr;
	/* wait for the path's documents: stats and reports are then whole */
	vns_status fst = vns_writer_sync(b->w, &ferr);

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
	vns_writer_close(b->w);
	pthread_mutex_destroy(&b->mu);
	free(b);
}
