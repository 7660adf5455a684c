/* writer.c - the public writing API of vnsearch.h: documents go through
 * the pipeline's threads (pipeline.h), which build them with the term
 * generator, into the store (shard.h) in whichever layout it has. */
#include "vnsearch.h"

#include <pthread.h>
#include <stdlib.h>

#include "doc.h"
#include "pipeline.h"
#include "shard.h"
#include "status.h"

/* A progress call every this many documents. */
#define PROGRESS_EVERY 1000

/* Writing happens on the pipeline's threads; mu guards the reports and
 * the statistics they update. */
struct vns_writer {
	vns_store *store;
	vns_pipeline *pipe;
	pthread_mutex_t mu;
	vns_writer_opts o;
	vns_writer_stats stats;
};

static vns_status on_built(void *ctx, unsigned writer, vns_built *bt,
			   vns_err *err);

/* The defaults: two writer threads on a machine with more than one
 * processor, an analyser thread for each processor beyond them. */
static vns_writer_opts resolve_opts(const vns_writer_opts *opts)
{
	vns_writer_opts o = { 0 };
	unsigned cpus = vns_pipeline_cpus();

	if (opts)
		o = *opts;
	if (!o.writers)
		o.writers = cpus > 1 ? 2 : 1;
	return o;
}

vns_status vns_writer_open(const char *path, const vns_writer_opts *opts,
			   vns_writer **out, vns_err *err)
{
	vns_writer *w = calloc(1, sizeof *w);
	vns_store_opts so;
	vns_status st;
	unsigned writers, cpus = vns_pipeline_cpus(), analysers;

	*out = NULL;
	if (!w)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	pthread_mutex_init(&w->mu, NULL);
	w->o = resolve_opts(opts);
	so = (vns_store_opts){ w->o.shard_by_year ? VNS_SHARD_YEAR
						  : VNS_SHARD_NONE,
			       w->o.writers, w->o.commit_every,
			       w->o.part_docs, w->o.atomic };
	st = vns_store_open(path, &so, &w->store, err);
	if (!st) {
		writers = vns_store_writers(w->store);
		analysers = w->o.analysers;
		if (analysers == VNS_WRITER_NONE)
			analysers = 0;
		else if (analysers == 0)
			analysers = cpus > writers ? cpus - writers : 0;
		st = vns_pipeline_new(analysers, writers, on_built, w,
				      &w->pipe, err);
	}
	if (st) {
		vns_writer_close(w);
		return st;
	}
	*out = w;
	return VNS_OK;
}

static void report(vns_writer *w, int skipped, const char *origin,
		   unsigned long line, const vns_err *why)
{
	pthread_mutex_lock(&w->mu);
	if (skipped)
		w->stats.skipped++;
	else
		w->stats.warnings++;
	if (w->o.report)
		w->o.report(w->o.ctx, skipped, origin, line, why);
	pthread_mutex_unlock(&w->mu);
}

/* A built document, on its writer's thread, in input order. */
static vns_status on_built(void *ctx, unsigned writer, vns_built *bt,
			   vns_err *err)
{
	vns_writer *w = ctx;
	vns_status st = bt->st;

	if (st == VNS_EUTF8 || st == VNS_ERECORD) {
		report(w, 1, bt->path, bt->line, bt->why);
		return VNS_OK;
	}
	if (st)
		return vns_err_set(err, st, "%s", bt->why->msg);
	if (bt->warn->code)
		report(w, 0, bt->path, bt->line, bt->warn);
	st = vns_store_replace(w->store, writer, bt->doc, bt->xdoc, err);
	if (st)
		return st;
	pthread_mutex_lock(&w->mu);
	w->stats.docs++;
	if (w->o.progress && w->stats.docs % PROGRESS_EVERY == 0)
		w->o.progress(w->o.ctx, &w->stats);
	pthread_mutex_unlock(&w->mu);
	return VNS_OK;
}

vns_status vns_writer_put(vns_writer *w, const vns_document *doc,
			  vns_err *err)
{
	/* a view of the caller's strings: the pipeline copies them */
	vns_doc view = { (char *)doc->id,      (char *)doc->url,
			 (char *)doc->title,   (char *)doc->date,
			 (char *)doc->source,  (char *)doc->category,
			 (char *)doc->author,  (char *)doc->summary,
			 (char *)doc->body,    doc->ocr_pages,
			 doc->ocr_confidence,  (char *)doc->ocr_low };
	vns_err why;

	if (vns_doc_check(&view, &why)) {
		report(w, 1, doc->origin, doc->line, &why);
		return VNS_OK;
	}
	return vns_pipeline_put(w->pipe, &view, doc->origin, doc->line, err);
}

/* The documents durable now (called with the writers idle, after a
 * flush: the store may be read). */
static void note_committed(vns_writer *w)
{
	pthread_mutex_lock(&w->mu);
	w->stats.committed = vns_store_committed(w->store);
	pthread_mutex_unlock(&w->mu);
}

vns_status vns_writer_sync(vns_writer *w, vns_err *err)
{
	vns_status st = vns_pipeline_flush(w->pipe, err);

	note_committed(w);
	return st;
}

vns_status vns_writer_delete(vns_writer *w, const char *id,
			     unsigned long *count, vns_err *err)
{
	vns_status st = vns_pipeline_flush(w->pipe, err);

	return st ? st : vns_store_delete(w->store, id, count, err);
}

vns_status vns_writer_commit(vns_writer *w, vns_err *err)
{
	vns_status st = vns_pipeline_flush(w->pipe, err);

	if (!st)
		st = vns_store_commit(w->store, err);
	note_committed(w);
	return st;
}

vns_status vns_writer_rollback(vns_writer *w, vns_err *err)
{
	vns_status st = vns_pipeline_flush(w->pipe, err);

	if (!st)
		st = vns_store_rollback(w->store, err);
	note_committed(w);
	return st;
}

vns_writer_stats vns_writer_get_stats(const vns_writer *w)
{
	vns_writer_stats s;

	pthread_mutex_lock((pthread_mutex_t *)&w->mu);
	s = w->stats;
	pthread_mutex_unlock((pthread_mutex_t *)&w->mu);
	return s;
}

void vns_writer_close(vns_writer *w)
{
	if (!w)
		return;
	vns_pipeline_free(w->pipe);
	vns_store_free(w->store);
	pthread_mutex_destroy(&w->mu);
	free(w);
}
