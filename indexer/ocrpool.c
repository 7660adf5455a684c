/* ocrpool.c - OCR worker threads (see ocrpool.h). One mutex guards the
 * queue, a ring of jobs: head is taken by workers, tail filled by put. */
#include "ocrpool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "docfile.h"

#define JOBS_PER_THREAD 2

struct job {
	char *path;
	vns_scan_kind kind;
	vns_doc meta; /* title, author, date only */
	vns_sink sink;
};

struct worker {
	vns_ocrpool *p;
	pthread_t thread;
	vns_ocr *ocr;
};

struct vns_ocrpool {
	pthread_mutex_t mu;
	pthread_cond_t work, space, idle;
	struct job *q;
	size_t cap, head, count;
	unsigned busy;
	int closing;
	vns_status failed;
	vns_err fail_err;
	vns_scan_opts o;
	char *cache_dir;
	vns_ocr *own;       /* for scans on the caller's thread */
	struct worker *w;
	unsigned nw, started;
};

static void page_skipped(void *ctx, const char *path, const vns_err *why)
{
	const vns_sink *sink = ctx;

	sink->bad(sink->ctx, path, 0, why);
}

/* A copy of meta's title, author and date into *to (zeroed first). */
static vns_status copy_meta(vns_doc *to, const vns_doc *meta, vns_err *err)
{
	memset(to, 0, sizeof *to);
	if (!meta)
		return VNS_OK;
	to->title = meta->title ? strdup(meta->title) : NULL;
	to->author = meta->author ? strdup(meta->author) : NULL;
	to->date = meta->date ? strdup(meta->date) : NULL;
	if ((meta->title && !to->title) || (meta->author && !to->author) ||
	    (meta->date && !to->date)) {
		vns_doc_clear(to);
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	}
	return VNS_OK;
}

/* Scan path and give the result to sink; the sink's status. doc holds
 * the metadata on entry, and is cleared. */
static vns_status scan(const vns_scan_opts *o, vns_ocr **ocr,
		       const char *path, vns_scan_kind kind, vns_doc *doc,
		       const vns_sink *sink, vns_err *err)
{
	vns_err why;
	vns_status made;

	vns_err_clear(&why);
	made = vns_scan_doc(path, kind, o, ocr, page_skipped, (void *)sink,
			    doc, &why);
	if (made == VNS_ECANCELED || made == VNS_ENOMEM) { /* not the file's */
		vns_doc_clear(doc);
		*err = why;
		return made;
	}
	return vns_docfile_give(path, made, doc, &why, sink, err);
}

/* The next job, or NULL when closing and none is left. Mutex held. */
static int take(vns_ocrpool *p, struct job *j)
{
	while (!p->count && !p->closing)
		pthread_cond_wait(&p->work, &p->mu);
	if (!p->count)
		return 0;
	*j = p->q[p->head];
	p->head = (p->head + 1) % p->cap;
	p->count--;
	p->busy++;
	pthread_cond_signal(&p->space);
	return 1;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	vns_ocrpool *p = w->p;
	struct job j;

	pthread_mutex_lock(&p->mu);
	while (take(p, &j)) {
		int failed = p->failed != VNS_OK;
		vns_status st = VNS_OK;
		vns_err err;

		pthread_mutex_unlock(&p->mu);
		vns_err_clear(&err);
		if (!failed)
			st = scan(&p->o, &w->ocr, j.path, j.kind, &j.meta,
				  &j.sink, &err);
		vns_doc_clear(&j.meta);
		free(j.path);
		pthread_mutex_lock(&p->mu);
		if (st && !p->failed) {
			p->failed = st;
			p->fail_err = err;
		}
		p->busy--;
		pthread_cond_broadcast(&p->idle);
		pthread_cond_broadcast(&p->space);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

vns_status vns_ocrpool_new(const vns_scan_opts *o, unsigned threads,
			   vns_ocrpool **out, vns_err *err)
{
	vns_ocrpool *p = calloc(1, sizeof *p);

	if (!p)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->space, NULL);
	pthread_cond_init(&p->idle, NULL);
	p->o = *o;
	p->nw = threads;
	p->cap = JOBS_PER_THREAD * (size_t)(threads ? threads : 1);
	p->q = calloc(p->cap, sizeof *p->q);
	p->w = calloc(threads ? threads : 1, sizeof *p->w);
	p->cache_dir = o->cache_dir ? strdup(o->cache_dir) : NULL;
	p->o.cache_dir = p->cache_dir;
	if (!p->q || !p->w || (o->cache_dir && !p->cache_dir)) {
		vns_ocrpool_free(p);
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	}
	for (; p->started < threads; p->started++) {
		p->w[p->started].p = p;
		if (pthread_create(&p->w[p->started].thread, NULL, worker_main,
				   &p->w[p->started])) {
			vns_ocrpool_free(p);
			return vns_err_set(err, VNS_EINTERNAL,
					   "cannot start an ocr thread");
		}
	}
	*out = p;
	return VNS_OK;
}

static vns_status failure(vns_ocrpool *p, vns_err *err)
{
	if (p->failed && err)
		*err = p->fail_err;
	return p->failed;
}

/* Queue a job; waits while the queue is full. */
static vns_status put(vns_ocrpool *p, const char *path, vns_scan_kind kind,
		      const vns_doc *meta, const vns_sink *sink, vns_err *err)
{
	char *copy = strdup(path);
	vns_doc m;
	vns_status st;

	if (!copy)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	st = copy_meta(&m, meta, err);
	if (st) {
		free(copy);
		return st;
	}
	pthread_mutex_lock(&p->mu);
	while (!p->failed && p->count == p->cap)
		pthread_cond_wait(&p->space, &p->mu);
	st = failure(p, err);
	if (!st) {
		struct job *j = &p->q[(p->head + p->count) % p->cap];

		j->path = copy;
		j->kind = kind;
		j->meta = m;
		j->sink = *sink;
		p->count++;
		pthread_cond_signal(&p->work);
	}
	pthread_mutex_unlock(&p->mu);
	if (st) {
		free(copy);
		vns_doc_clear(&m);
	}
	return st;
}

vns_status vns_ocrpool_read(const char *path, vns_scan_kind kind,
			    const vns_doc *meta, const vns_sink *sink,
			    vns_err *err)
{
	vns_ocrpool *p = sink->ocr;
	vns_scan_opts o = vns_scan_default_opts();
	vns_ocr *ocr = NULL;
	vns_doc doc;
	vns_status st;

	if (p && p->nw)
		return put(p, path, kind, meta, sink, err);
	st = copy_meta(&doc, meta, err);
	if (!st && p)
		return scan(&p->o, &p->own, path, kind, &doc, sink, err);
	if (!st)
		st = scan(&o, &ocr, path, kind, &doc, sink, err);
	vns_ocr_free(ocr);
	return st;
}

vns_status vns_ocrpool_wait(vns_ocrpool *p, vns_err *err)
{
	vns_status st;

	pthread_mutex_lock(&p->mu);
	while (p->count || p->busy)
		pthread_cond_wait(&p->idle, &p->mu);
	st = failure(p, err);
	pthread_mutex_unlock(&p->mu);
	return st;
}

void vns_ocrpool_free(vns_ocrpool *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->closing = 1;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
	for (unsigned i = 0; i < p->started; i++) {
		pthread_join(p->w[i].thread, NULL);
		vns_ocr_free(p->w[i].ocr);
	}
	vns_ocr_free(p->own);
	free(p->q);
	free(p->w);
	free(p->cache_dir);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->space);
	pthread_cond_destroy(&p->idle);
	pthread_mutex_destroy(&p->mu);
	free(p);
}

vns_status vns_read_image(const char *path, const vns_sink *sink,
			  vns_err *err)
{
	return vns_ocrpool_read(path, VNS_SCAN_IMAGE, NULL, sink, err);
}
