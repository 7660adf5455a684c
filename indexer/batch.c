/* batch.c - an indexing run (see batch.h). */
#include "batch.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyse.h"
#include "buf.h"
#include "readers.h"
#include "schema.h"
#include "termgen.h"
#include "xapian-c.h"

struct vns_batch {
	vns_xwdb *db;
	vns_analyser *a;
	vns_termgen *tg;
	vns_batch_hooks hooks;
	vns_batch_stats stats;
	unsigned long uncommitted;
	struct timespec t0;
	vns_buf idterm;
};

static double elapsed(const vns_batch *b)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - b->t0.tv_sec) +
	       (double)(t.tv_nsec - b->t0.tv_nsec) / 1e9;
}

vns_status vns_batch_open(const char *dbpath, const vns_batch_hooks *hooks,
			  vns_batch **out, vns_err *err)
{
	vns_batch *b = calloc(1, sizeof *b);
	vns_status st;

	if (!b)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	b->hooks = *hooks;
	vns_buf_init(&b->idterm, 4096);
	clock_gettime(CLOCK_MONOTONIC, &b->t0);
	st = vns_xwdb_open(dbpath, VNS_XWDB_CREATE_OR_OPEN, &b->db, err);
	if (!st)
		st = vns_xwdb_set_metadata(b->db, VNS_META_SCHEMA,
					   VNS_SCHEMA_VERSION, err);
	if (!st)
		st = vns_analyser_new(&b->a, err);
	if (!st)
		st = vns_termgen_new(b->a, NULL, &b->tg, err);
	if (st) {
		vns_batch_free(b);
		return st;
	}
	*out = b;
	return VNS_OK;
}

static void report(vns_batch *b, int skipped, const char *path,
		   unsigned long line, const vns_err *why)
{
	if (skipped)
		b->stats.skipped++;
	else
		b->stats.warnings++;
	if (b->hooks.report)
		b->hooks.report(b->hooks.ctx, skipped, path, line, why);
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
	vns_xdoc *xdoc = NULL;
	vns_err warn, why;
	vns_status st;

	vns_err_clear(&why);
	st = vns_termgen_build(b->tg, doc, &xdoc, &warn, &why);
	if (st == VNS_EUTF8 || st == VNS_ERECORD) {
		report(b, 1, path, line, &why);
		return VNS_OK;
	}
	if (st)
		return vns_err_set(err, st, "%s", why.msg);
	if (warn.code)
		report(b, 0, path, line, &warn);
	vns_termgen_idterm(doc->id, &b->idterm);
	st = vns_xwdb_replace(b->db, b->idterm.data, xdoc, NULL, err);
	vns_xdoc_free(xdoc);
	if (st)
		return st;
	b->stats.docs++;
	if (++b->uncommitted >= VNS_BATCH_COMMIT_EVERY)
		st = vns_batch_commit(b, err);
	if (b->hooks.progress && b->stats.docs % 1000 == 0) {
		b->stats.seconds = elapsed(b);
		b->hooks.progress(b->hooks.ctx, &b->stats);
	}
	return st;
}

vns_status vns_batch_add_path(vns_batch *b, const char *path, vns_err *err)
{
	vns_sink sink = { on_doc, on_bad, b };

	return vns_read_path(path, &sink, err);
}

vns_status vns_batch_commit(vns_batch *b, vns_err *err)
{
	vns_status st = vns_xwdb_commit(b->db, err);

	if (!st)
		b->uncommitted = 0;
	return st;
}

vns_batch_stats vns_batch_stats_get(const vns_batch *b)
{
	vns_batch_stats s = b->stats;

	s.seconds = elapsed(b);
	return s;
}

void vns_batch_free(vns_batch *b)
{
	if (!b)
		return;
	vns_xwdb_free(b->db);
	vns_termgen_free(b->tg);
	vns_analyser_free(b->a);
	vns_buf_free(&b->idterm);
	free(b);
}
