/* sinkrec.h - a reader sink for tests that records documents and skipped
 * records (header-only, static: each test file includes it once). */
#ifndef VNS_TEST_SINKREC_H
#define VNS_TEST_SINKREC_H

#include <stdlib.h>
#include <string.h>

#include "readers.h"

#define REC_MAX 16

struct rec {
	unsigned long ndocs, nbad;
	vns_doc docs[REC_MAX]; /* the first REC_MAX, deep copies */
	unsigned long lines[REC_MAX];
	char bad[REC_MAX][VNS_ERR_MSG_MAX];
	unsigned long badlines[REC_MAX];
};

static char *rec_dup(const char *s)
{
	return s ? strdup(s) : NULL;
}

static vns_status rec_doc(void *ctx, const vns_doc *d, const char *path,
			  unsigned long line, vns_err *err)
{
	struct rec *r = ctx;

	(void)path;
	(void)err;
	if (r->ndocs < REC_MAX) {
		vns_doc *c = &r->docs[r->ndocs];
		c->id = rec_dup(d->id);
		c->url = rec_dup(d->url);
		c->title = rec_dup(d->title);
		c->date = rec_dup(d->date);
		c->source = rec_dup(d->source);
		c->author = rec_dup(d->author);
		c->summary = rec_dup(d->summary);
		c->body = rec_dup(d->body);
		r->lines[r->ndocs] = line;
	}
	r->ndocs++;
	return VNS_OK;
}

static void rec_bad(void *ctx, const char *path, unsigned long line,
		    const vns_err *why)
{
	struct rec *r = ctx;

	(void)path;
	if (r->nbad < REC_MAX) {
		strcpy(r->bad[r->nbad], why->msg);
		r->badlines[r->nbad] = line;
	}
	r->nbad++;
}

static vns_sink rec_sink(struct rec *r)
{
	vns_sink s = { rec_doc, rec_bad, r, NULL };

	memset(r, 0, sizeof *r);
	return s;
}

static void rec_free(struct rec *r)
{
	for (unsigned long i = 0; i < r->ndocs && i < REC_MAX; i++)
		vns_doc_clear(&r->docs[i]);
}

/* Write len bytes to a new file named like tmpl's suffix in /tmp;
 * returns the path (static buffer). */
static const char *rec_file(const char *suffix, const void *data, size_t len)
{
	static char path[256];
	static int n;
	FILE *f;

	snprintf(path, sizeof path, "/tmp/vns-test-%d-%d%s", (int)getpid(),
		 n++, suffix);
	f = fopen(path, "wb");
	if (f) {
		fwrite(data, 1, len, f);
		fclose(f);
	}
	return path;
}

#endif
