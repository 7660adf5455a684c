/* pipeline.c - writer threads, helped by analyser threads (see
 * pipeline.h). One mutex guards the ring; a slot goes FREE -> QUEUED (put)
 * -> BUSY (an analyser, or its writer, builds it) -> BUILT -> FREE (its
 * writer). */
#include "pipeline.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyse.h"
#include "hash.h"
#include "termgen.h"

/* Slots are reused in input order, so while one writer commits (Xapian
 * writes its batch) the reader stops at that writer's oldest slot: the
 * ring must hold about a commit's worth of the other writer's documents
 * to keep it busy meanwhile. 32 per analyser (built documents: 12% less
 * wall time than 4 on 8,000 articles, 64 no better) and 64 per writer
 * (mostly records waiting to be built, a few KB each). On the corpus,
 * two writers and no analyser take 3-10% less wall time than two
 * analysers feeding two writers with 64 slots per writer, but not
 * reliably with 32. */
#define SLOTS_PER_ANALYSER 32
#define SLOTS_PER_WRITER 64

enum { FREE, QUEUED, BUSY, BUILT };

struct slot {
	int state;
	unsigned long seq;  /* the put that filled it */
	unsigned writer;
	vns_doc doc;        /* owned copy */
	char *path;
	unsigned long line;
	vns_xdoc *xdoc;
	vns_status st;
	vns_err why, warn;
};

struct analyser {
	vns_pipeline *p;
	pthread_t thread;
	int started;
	vns_analyser *a;
	vns_termgen *tg;
};

struct writer {
	vns_pipeline *p;
	pthread_t thread;
	int started;
	unsigned index;
	unsigned long next; /* next seq this writer looks at */
	vns_analyser *a;    /* to build its own documents */
	vns_termgen *tg;
};

struct vns_pipeline {
	pthread_mutex_t mu;
	pthread_cond_t space, work, built, idle;
	struct slot *slots;
	size_t nslots;
	unsigned long head;     /* seqs put so far */
	unsigned long analysed; /* next seq for an analyser */
	unsigned long freed;    /* slots written (or dropped) */
	int closing;
	vns_status failed;
	vns_err fail_err;
	vns_pipeline_sink sink;
	void *ctx;
	struct analyser *an;
	unsigned nan;
	struct writer *wr;
	unsigned nwr;
};

unsigned vns_pipeline_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (unsigned)n : 1;
}

/* FNV-1a: the writer of an id must not depend on anything but the id. */
unsigned vns_pipeline_writer_of(const vns_pipeline *p, const char *id)
{
	return (unsigned)(vns_hash32(id, strlen(id)) % p->nwr);
}

static char *dup_or_null(const char *s, int *oom)
{
	char *d;

	if (!s)
		return NULL;
	d = strdup(s);
	if (!d)
		*oom = 1;
	return d;
}

static int copy_doc(vns_doc *to, const vns_doc *from)
{
	int oom = 0;

	to->id = dup_or_null(from->id, &oom);
	to->url = dup_or_null(from->url, &oom);
	to->title = dup_or_null(from->title, &oom);
	to->date = dup_or_null(from->date, &oom);
	to->source = dup_or_null(from->source, &oom);
	to->category = dup_or_null(from->category, &oom);
	to->author = dup_or_null(from->author, &oom);
	to->summary = dup_or_null(from->summary, &oom);
	to->body = dup_or_null(from->body, &oom);
	to->ocr_pages = from->ocr_pages;
	to->ocr_confidence = from->ocr_confidence;
	to->ocr_low = dup_or_null(from->ocr_low, &oom);
	if (oom)
		vns_doc_clear(to);
	return oom ? -1 : 0;
}

static void build(vns_termgen *tg, struct slot *s)
{
	vns_err_clear(&s->why);
	vns_err_clear(&s->warn);
	s->st = vns_termgen_build(tg, &s->doc, &s->xdoc, &s->warn, &s->why);
}

/* Free what the slot holds; its state is the caller's (FREE is set under
 * the mutex: the reader fills a slot it sees FREE). */
static void release_slot(struct slot *s)
{
	vns_doc_clear(&s->doc);
	free(s->path);
	s->path = NULL;
	vns_xdoc_free(s->xdoc);
	s->xdoc = NULL;
}

/* ---- analyser threads --------------------------------------------------- */

/* The next QUEUED slot in input order, skipping those a writer took, or
 * NULL when closing and none is left. Called with the mutex held. */
static struct slot *next_work(vns_pipeline *p)
{
	for (;;) {
		if (p->analysed < p->head) {
			struct slot *s = &p->slots[p->analysed % p->nslots];
			int queued = s->seq == p->analysed &&
				     s->state == QUEUED;

			p->analysed++;
			if (!queued)
				continue;
			s->state = BUSY;
			return s;
		}
		if (p->closing)
			return NULL;
		pthread_cond_wait(&p->work, &p->mu);
	}
}

static void *analyser_main(void *arg)
{
	struct analyser *an = arg;
	vns_pipeline *p = an->p;
	struct slot *s;

	pthread_mutex_lock(&p->mu);
	while ((s = next_work(p))) {
		pthread_mutex_unlock(&p->mu);
		build(an->tg, s);
		pthread_mutex_lock(&p->mu);
		s->state = BUILT;
		pthread_cond_broadcast(&p->built);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* ---- writer threads ----------------------------------------------------- */

/* This writer's next slot in input order, skipping the other writers'
 * slots: BUILT, or QUEUED, which it then takes to build itself (*mine set)
 * rather than wait for an analyser; NULL when closing and everything put
 * has been seen. Called with the mutex held. */
static struct slot *next_slot(vns_pipeline *p, struct writer *w, int *mine)
{
	for (;;) {
		if (w->next < p->head) {
			struct slot *s = &p->slots[w->next % p->nslots];
			/* a slot refilled by a later put was another writer's */
			if (s->seq != w->next || s->writer != w->index) {
				w->next++;
				continue;
			}
			*mine = s->state == QUEUED;
			if (*mine)
				s->state = BUSY;
			if (*mine || s->state == BUILT) {
				w->next++;
				return s;
			}
		} else if (p->closing) {
			return NULL;
		}
		pthread_cond_wait(&p->built, &p->mu);
	}
}

/* Hand the slot to the sink; its status, with the detail in *err. */
static vns_status write_slot(vns_pipeline *p, struct writer *w,
			     struct slot *s, vns_err *err)
{
	vns_built b = { &s->doc, s->path, s->line, s->xdoc, s->st, &s->why,
			&s->warn };
	vns_status st = p->sink(p->ctx, w->index, &b, err);

	s->xdoc = b.xdoc;
	return st;
}

static void *writer_main(void *arg)
{
	struct writer *w = arg;
	vns_pipeline *p = w->p;
	struct slot *s;
	int mine;

	pthread_mutex_lock(&p->mu);
	while ((s = next_slot(p, w, &mine))) {
		int failed = p->failed != VNS_OK;
		vns_status st = VNS_OK;
		vns_err err;

		pthread_mutex_unlock(&p->mu);
		vns_err_clear(&err);
		if (mine && !failed)
			build(w->tg, s);
		if (!failed)
			st = write_slot(p, w, s, &err);
		release_slot(s);
		pthread_mutex_lock(&p->mu);
		if (st && !p->failed) {
			p->failed = st;
			p->fail_err = err;
		}
		s->state = FREE;
		p->freed++;
		pthread_cond_broadcast(&p->space);
		pthread_cond_broadcast(&p->idle);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* ---- the caller's side -------------------------------------------------- */

/* An analyser and the term generator over it, for one thread. */
static vns_status term_maker(vns_analyser **a, vns_termgen **tg,
			     vns_err *err)
{
	vns_status st = vns_analyser_new(a, err);

	return st ? st : vns_termgen_new(*a, NULL, tg, err);
}

static vns_status start_threads(vns_pipeline *p, vns_err *err)
{
	for (unsigned i = 0; i < p->nan; i++) {
		struct analyser *an = &p->an[i];
		vns_status st = term_maker(&an->a, &an->tg, err);

		if (st)
			return st;
		if (pthread_create(&an->thread, NULL, analyser_main, an))
			return vns_err_set(err, VNS_EINTERNAL,
					   "cannot start an analyser thread");
		an->started = 1;
	}
	for (unsigned i = 0; i < p->nwr; i++) {
		vns_status st = term_maker(&p->wr[i].a, &p->wr[i].tg, err);

		if (st)
			return st;
		if (pthread_create(&p->wr[i].thread, NULL, writer_main,
				   &p->wr[i]))
			return vns_err_set(err, VNS_EINTERNAL,
					   "cannot start a writer thread");
		p->wr[i].started = 1;
	}
	return VNS_OK;
}

vns_status vns_pipeline_new(unsigned analysers, unsigned writers,
			    vns_pipeline_sink sink, void *ctx,
			    vns_pipeline **out, vns_err *err)
{
	vns_pipeline *p = calloc(1, sizeof *p);
	vns_status st;

	if (!p)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	p->nan = analysers;
	p->nwr = writers ? writers : 1;
	p->nslots = SLOTS_PER_ANALYSER * (size_t)p->nan +
		    SLOTS_PER_WRITER * (size_t)p->nwr;
	p->sink = sink;
	p->ctx = ctx;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->space, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->built, NULL);
	pthread_cond_init(&p->idle, NULL);
	p->slots = calloc(p->nslots, sizeof *p->slots);
	/* at least one, so that NULL means out of memory */
	p->an = calloc(p->nan ? p->nan : 1, sizeof *p->an);
	p->wr = calloc(p->nwr, sizeof *p->wr);
	if (!p->slots || !p->an || !p->wr) {
		vns_pipeline_free(p);
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	}
	for (unsigned i = 0; i < p->nan; i++)
		p->an[i].p = p;
	for (unsigned i = 0; i < p->nwr; i++) {
		p->wr[i].p = p;
		p->wr[i].index = i;
	}
	st = start_threads(p, err);
	if (st) {
		vns_pipeline_free(p);
		return st;
	}
	*out = p;
	return VNS_OK;
}

/* The pipeline's failure, if any, into err. Called with the mutex held. */
static vns_status failure(vns_pipeline *p, vns_err *err)
{
	if (p->failed && err)
		*err = p->fail_err;
	return p->failed;
}

vns_status vns_pipeline_put(vns_pipeline *p, const vns_doc *doc,
			    const char *path, unsigned long line, vns_err *err)
{
	struct slot *s;
	vns_status st;

	pthread_mutex_lock(&p->mu);
	s = &p->slots[p->head % p->nslots];
	while (!p->failed && s->state != FREE)
		pthread_cond_wait(&p->space, &p->mu);
	st = failure(p, err);
	pthread_mutex_unlock(&p->mu);
	if (st)
		return st;
	/* the slot is FREE: no other thread touches it until it is QUEUED */
	memset(&s->doc, 0, sizeof s->doc);
	if (copy_doc(&s->doc, doc) ||
	    (path && !(s->path = strdup(path)))) {
		vns_doc_clear(&s->doc);
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	}
	s->line = line;
	s->xdoc = NULL;
	s->writer = vns_pipeline_writer_of(p, doc->id ? doc->id : "");
	pthread_mutex_lock(&p->mu);
	s->seq = p->head++;
	s->state = QUEUED;
	pthread_cond_signal(&p->work);
	pthread_cond_broadcast(&p->built);
	pthread_mutex_unlock(&p->mu);
	return VNS_OK;
}

vns_status vns_pipeline_flush(vns_pipeline *p, vns_err *err)
{
	vns_status st;

	pthread_mutex_lock(&p->mu);
	while (p->freed < p->head)
		pthread_cond_wait(&p->idle, &p->mu);
	st = failure(p, err);
	pthread_mutex_unlock(&p->mu);
	return st;
}

void vns_pipeline_free(vns_pipeline *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->closing = 1;
	pthread_cond_broadcast(&p->work);
	pthread_cond_broadcast(&p->built);
	pthread_mutex_unlock(&p->mu);
	for (unsigned i = 0; p->an && i < p->nan; i++) {
		if (p->an[i].started)
			pthread_join(p->an[i].thread, NULL);
		vns_termgen_free(p->an[i].tg);
		vns_analyser_free(p->an[i].a);
	}
	for (unsigned i = 0; p->wr && i < p->nwr; i++) {
		if (p->wr[i].started)
			pthread_join(p->wr[i].thread, NULL);
		vns_termgen_free(p->wr[i].tg);
		vns_analyser_free(p->wr[i].a);
	}
	for (size_t i = 0; p->slots && i < p->nslots; i++)
		release_slot(&p->slots[i]);
	free(p->slots);
	free(p->an);
	free(p->wr);
	pthread_cond_destroy(&p->space);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->built);
	pthread_cond_destroy(&p->idle);
	pthread_mutex_destroy(&p->mu);
	free(p);
}
