/* test_ocrpool.c - unit tests of the OCR worker threads
 * (indexer/ocrpool.c): scans queued by the reader reach the sink from the
 * workers, waiting sees them all through, a sink's error stops the pool,
 * and without a pool a scan is made on the caller's thread. The files are
 * blank pages and cache entries: no models are needed, or loaded. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mkpng.h"
#include "ocrpool.h"
#include "scratch.h"

struct rec {
	pthread_mutex_t mu;
	int docs, bad, off_thread, one_page;
	vns_status fail; /* what doc() returns */
	pthread_t caller;
	char last_bad[VNS_ERR_MSG_MAX];
};

static void seen(struct rec *r)
{
	if (!pthread_equal(pthread_self(), r->caller))
		r->off_thread++;
}

static vns_status on_doc(void *ctx, const vns_doc *doc, const char *path,
			 unsigned long line, vns_err *err)
{
	struct rec *r = ctx;

	(void)path;
	(void)line;
	pthread_mutex_lock(&r->mu);
	r->docs++;
	r->one_page += doc->ocr_pages == 1; /* asserted on the test's thread */
	seen(r);
	pthread_mutex_unlock(&r->mu);
	return r->fail ? vns_err_set(err, r->fail, "sink failed") : VNS_OK;
}

static void on_bad(void *ctx, const char *path, unsigned long line,
		   const vns_err *why)
{
	struct rec *r = ctx;

	(void)path;
	(void)line;
	pthread_mutex_lock(&r->mu);
	r->bad++;
	seen(r);
	snprintf(r->last_bad, sizeof r->last_bad, "%s", why->msg);
	pthread_mutex_unlock(&r->mu);
}

struct fixture {
	char dir[256], cache[512], *blank[8], text[512];
	struct rec r;
	vns_scan_opts o;
};

/* A cache entry that makes f->text a one-page document. */
static void cache_text(struct fixture *f)
{
	char key[65];
	vns_ocrtext t;
	vns_err err;
	FILE *fp = fopen(f->text, "wb");

	fputs("a scan", fp);
	fclose(fp);
	vns_ocrtext_init(&t);
	vns_buf_adds(&t.text, "BÁO CÁO\nnội dung\n");
	vns_ocrtext_add_page(&t, 0, 90, NULL);
	t.total = 1;
	assert_int_equal(vns_ocrcache_key(f->text, key, &err), VNS_OK);
	assert_int_equal(vns_ocrcache_put(f->cache, key, &t, &err), VNS_OK);
	vns_ocrtext_free(&t);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	if (!f || vns_test_mkdtemp(f->dir, sizeof f->dir, "ocrpool"))
		return -1;
	setenv("TESSDATA_PREFIX", f->dir, 1); /* no models there */
	snprintf(f->cache, sizeof f->cache, "%s/cache", f->dir);
	for (int i = 0; i < 8; i++) {
		char path[600];

		snprintf(path, sizeof path, "%s/b%d.png", f->dir, i);
		f->blank[i] = strdup(path);
		mkpng(f->blank[i], 300 + (unsigned long)i, 200, 255);
	}
	snprintf(f->text, sizeof f->text, "%s/t.png", f->dir);
	cache_text(f);
	pthread_mutex_init(&f->r.mu, NULL);
	f->r.caller = pthread_self();
	f->o = vns_scan_default_opts();
	f->o.cache_dir = f->cache;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	pthread_mutex_destroy(&f->r.mu);
	for (int i = 0; i < 8; i++)
		free(f->blank[i]);
	vns_test_rmtree(f->dir);
	free(f);
	return 0;
}

static void test_workers_hand_every_scan_to_the_sink(void **state)
{
	struct fixture *f = *state;
	vns_ocrpool *p = NULL;
	vns_sink sink = { on_doc, on_bad, &f->r, NULL };
	vns_err err;

	assert_int_equal(vns_ocrpool_new(&f->o, 2, &p, &err), VNS_OK);
	sink.ocr = p;
	for (int i = 0; i < 8; i++)
		assert_int_equal(vns_ocrpool_read(f->blank[i], VNS_SCAN_IMAGE,
						  NULL, &sink, &err), VNS_OK);
	assert_int_equal(vns_read_image(f->text, &sink, &err), VNS_OK);
	assert_int_equal(vns_ocrpool_wait(p, &err), VNS_OK);
	assert_int_equal(f->r.bad, 8);
	assert_int_equal(f->r.docs, 1);
	assert_int_equal(f->r.one_page, 1);
	assert_int_equal(f->r.off_thread, 9);
	assert_string_equal(f->r.last_bad, "no text found by ocr in 1 of 1 pages");
	vns_ocrpool_free(p);
}

static void test_sink_error_stops_the_pool(void **state)
{
	struct fixture *f = *state;
	vns_ocrpool *p = NULL;
	vns_sink sink = { on_doc, on_bad, &f->r, NULL };
	vns_err err;
	vns_status st = VNS_OK;

	f->r.fail = VNS_EXAPIAN;
	assert_int_equal(vns_ocrpool_new(&f->o, 1, &p, &err), VNS_OK);
	sink.ocr = p;
	assert_int_equal(vns_read_image(f->text, &sink, &err), VNS_OK);
	/* later puts see the failure, once the worker has met it */
	for (int i = 0; i < 8 && !st; i++)
		st = vns_ocrpool_read(f->blank[i], VNS_SCAN_IMAGE, NULL, &sink,
				      &err);
	vns_err_clear(&err);
	assert_int_equal(vns_ocrpool_wait(p, &err), VNS_EXAPIAN);
	assert_string_equal(err.msg, "sink failed");
	assert_int_equal(f->r.docs, 1);
	vns_ocrpool_free(p);
}

static void test_without_workers_scans_run_here(void **state)
{
	struct fixture *f = *state;
	vns_ocrpool *p = NULL;
	vns_sink sink = { on_doc, on_bad, &f->r, NULL };
	vns_err err;

	/* no pool: the default options, no cache: a blank page */
	assert_int_equal(vns_read_image(f->blank[0], &sink, &err), VNS_OK);
	assert_int_equal(f->r.bad, 1);
	/* a pool of no threads: its options (the cache) on this thread */
	assert_int_equal(vns_ocrpool_new(&f->o, 0, &p, &err), VNS_OK);
	sink.ocr = p;
	assert_int_equal(vns_read_image(f->text, &sink, &err), VNS_OK);
	assert_int_equal(f->r.docs, 1);
	assert_int_equal(f->r.off_thread, 0);
	assert_int_equal(vns_ocrpool_wait(p, &err), VNS_OK);
	vns_ocrpool_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_workers_hand_every_scan_to_the_sink, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_sink_error_stops_the_pool,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_without_workers_scans_run_here, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
