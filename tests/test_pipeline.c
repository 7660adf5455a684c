/* test_pipeline.c - unit tests of the indexing pipeline
 * (indexer/pipeline.c): documents put from this thread reach the sink on
 * their writer's thread, built, once each and in input order per writer,
 * whether analyser threads help the writers or not. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "pipeline.h"
#include "schema.h"

#define NDOCS 600
#define NIDS 70 /* ids repeat: copies of an id must meet one writer */
#define MAX_WR 4

/* What the sink saw, written by the writer threads under mu. */
struct seen {
	pthread_mutex_t mu;
	vns_pipeline *p;
	unsigned long calls;
	unsigned long times[NDOCS + 1];       /* sink calls per line */
	unsigned long last_line[MAX_WR];      /* per writer */
	unsigned long out_of_order;
	unsigned long wrong_writer;
	unsigned long unbuilt;                /* no document, or no word */
	unsigned long fail_at_line;           /* 0, or the sink fails there */
};

/* Counts the folded word terms of a built document. */
static int count_words(void *ctx, const char *term, size_t len,
		       unsigned wdf)
{
	size_t plen = strlen(VNS_PREFIX_FOLD);

	(void)wdf;
	if (len > plen && memcmp(term, VNS_PREFIX_FOLD, plen) == 0)
		++*(unsigned *)ctx;
	return 0;
}

static vns_status sink(void *ctx, unsigned writer, vns_built *b,
		       vns_err *err)
{
	struct seen *s = ctx;
	unsigned words = 0;
	vns_err e;

	vns_err_clear(&e);
	if (b->xdoc)
		vns_xdoc_terms(b->xdoc, count_words, &words, &e);
	pthread_mutex_lock(&s->mu);
	s->calls++;
	if (b->line <= NDOCS)
		s->times[b->line]++;
	if (writer >= MAX_WR || b->line <= s->last_line[writer])
		s->out_of_order++;
	else
		s->last_line[writer] = b->line;
	if (writer != vns_pipeline_writer_of(s->p, b->doc->id))
		s->wrong_writer++;
	if (b->st != VNS_OK || !b->xdoc || words < 2)
		s->unbuilt++;
	pthread_mutex_unlock(&s->mu);
	if (s->fail_at_line && b->line == s->fail_at_line)
		return vns_err_set(err, VNS_EIO, "sink fails at line %lu",
				   b->line);
	return VNS_OK;
}

/* Put NDOCS documents through a pipeline of `analysers` and `writers`
 * and check what the sink saw. */
static void run(unsigned analysers, unsigned writers)
{
	struct seen *s = calloc(1, sizeof *s);
	char id[32], title[64];
	vns_doc d = { 0 };
	vns_err err;

	assert_non_null(s);
	pthread_mutex_init(&s->mu, NULL);
	vns_err_clear(&err);
	/* a writer that waited for analysers that do not exist would hang
	 * here: the alarm ends the test instead */
	alarm(60);
	assert_int_equal(vns_pipeline_new(analysers, writers, sink, s, &s->p,
					  &err), VNS_OK);
	d.id = id;
	d.title = title;
	d.body = "Giá xăng dầu hôm nay tăng mạnh tại Hà Nội và các tỉnh.";
	for (unsigned long line = 1; line <= NDOCS; line++) {
		snprintf(id, sizeof id, "doc-%lu", line % NIDS);
		snprintf(title, sizeof title, "Tin số %lu", line);
		assert_int_equal(vns_pipeline_put(s->p, &d, "in.jsonl", line,
						  &err), VNS_OK);
	}
	assert_int_equal(vns_pipeline_flush(s->p, &err), VNS_OK);
	vns_pipeline_free(s->p);
	alarm(0);
	assert_int_equal(s->calls, NDOCS);
	for (unsigned long line = 1; line <= NDOCS; line++)
		assert_int_equal(s->times[line], 1);
	assert_int_equal(s->out_of_order, 0);
	assert_int_equal(s->wrong_writer, 0);
	assert_int_equal(s->unbuilt, 0);
	pthread_mutex_destroy(&s->mu);
	free(s);
}

/* The writers build every document themselves. */
static void test_writers_without_analysers_build_everything(void **state)
{
	(void)state;
	run(0, 1);
	run(0, 2);
	run(0, 3);
}

/* Analysers and writers build documents side by side. */
static void test_writers_with_analysers_see_each_document_once(void **state)
{
	(void)state;
	run(1, 1);
	run(1, 2);
	run(3, 2);
	run(2, 4);
}

/* A failing sink stops the pipeline: flush returns its error, and the
 * threads still end. */
static void test_a_sink_error_stops_the_run(void **state)
{
	struct seen *s = calloc(1, sizeof *s);
	char id[32];
	vns_doc d = { 0 };
	vns_status st = VNS_OK;
	vns_err err;

	(void)state;
	assert_non_null(s);
	pthread_mutex_init(&s->mu, NULL);
	s->fail_at_line = 40;
	vns_err_clear(&err);
	alarm(60);
	assert_int_equal(vns_pipeline_new(0, 2, sink, s, &s->p, &err),
			 VNS_OK);
	d.id = id;
	d.title = "tin";
	d.body = "Hà Nội mưa to.";
	for (unsigned long line = 1; line <= NDOCS && !st; line++) {
		snprintf(id, sizeof id, "doc-%lu", line);
		st = vns_pipeline_put(s->p, &d, "in.jsonl", line, &err);
	}
	if (!st)
		st = vns_pipeline_flush(s->p, &err);
	vns_pipeline_free(s->p);
	alarm(0);
	assert_int_equal(st, VNS_EIO);
	assert_non_null(strstr(vns_err_text(&err), "line 40"));
	assert_true(s->calls < NDOCS);
	pthread_mutex_destroy(&s->mu);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_writers_without_analysers_build_everything),
		cmocka_unit_test(test_writers_with_analysers_see_each_document_once),
		cmocka_unit_test(test_a_sink_error_stops_the_run),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
