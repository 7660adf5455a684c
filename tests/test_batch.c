/* test_batch.c - unit tests of an indexing run (indexer/batch.c): JSON
 * Lines inputs indexed into a real database in a fresh temporary
 * directory per test, checked by reading the database back. */
#include <ftw.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "scratch.h"
#include <zlib.h>

#include "batch.h"
#include "vnsearch.h"
#include "buf.h"
#include "schema.h"
#include "xapian-c.h"
#include "xfixture.h"

#define MAX_REPORTS 64

/* One call of the report hook. */
struct report {
	int skipped;
	char path[PATH_MAX];
	unsigned long line;
	vns_status code;
	char msg[VNS_ERR_MSG_MAX];
};

struct fx {
	char dir[PATH_MAX];
	char db[PATH_MAX];
	struct report reports[MAX_REPORTS];
	size_t nreports;
	unsigned long progress_calls;
	unsigned long progress_docs[8];
};
VNS_TEST_FX_CHECK(struct fx);

/* ---- fixture ---------------------------------------------------------- */

static int setup(void **state)
{
	return vns_test_fx_setup(state, sizeof(struct fx), "batch");
}

/* ---- hooks ------------------------------------------------------------ */

static void on_report(void *ctx, int skipped, const char *path,
		      unsigned long line, const vns_err *why)
{
	struct fx *f = ctx;
	struct report *r;

	assert_true(f->nreports < MAX_REPORTS);
	r = &f->reports[f->nreports++];
	r->skipped = skipped;
	snprintf(r->path, sizeof r->path, "%s", path);
	r->line = line;
	r->code = why->code;
	snprintf(r->msg, sizeof r->msg, "%s", why->msg);
}

static void on_progress(void *ctx, const vns_batch_stats *stats)
{
	struct fx *f = ctx;

	if (f->progress_calls < 8)
		f->progress_docs[f->progress_calls] = stats->docs;
	f->progress_calls++;
}

static vns_batch_hooks hooks_of(struct fx *f)
{
	vns_batch_hooks h = { on_report, on_progress, f, NULL };

	return h;
}

/* ---- helpers ---------------------------------------------------------- */

static const char *write_text(const struct fx *f, const char *name,
			      const char *text, char *path, size_t size)
{
	FILE *fp = fopen(vns_test_path(f->dir, name, path, size), "wb");
	size_t len = strlen(text);

	if (!fp)
		fail_msg("cannot create '%s'", path);
	if (len && fwrite(text, 1, len, fp) != len)
		fail_msg("cannot write '%s'", path);
	if (fclose(fp) != 0)
		fail_msg("cannot close '%s'", path);
	return path;
}

static vns_batch *open_batch(struct fx *f)
{
	vns_batch_hooks h = hooks_of(f);
	vns_batch *b = NULL;
	vns_err err;

	vns_err_clear(&err);
	OK(vns_batch_open(f->db, &h, &b, &err), &err);
	assert_non_null(b);
	return b;
}

/* Index path in a batch of its own, committed; the batch's stats. */
static vns_batch_stats index_file(struct fx *f, const char *path)
{
	vns_batch *b = open_batch(f);
	vns_batch_stats s;
	vns_err err;

	vns_err_clear(&err);
	OK(vns_batch_add_path(b, path, &err), &err);
	OK(vns_batch_commit(b, &err), &err);
	s = vns_batch_stats_get(b);
	vns_batch_free(b);
	return s;
}

static unsigned long doccount(const struct fx *f)
{
	vns_xdb *db = NULL;
	unsigned long n = 0;
	vns_err err;

	vns_err_clear(&err);
	OK(vns_xdb_open(f->db, &db, &err), &err);
	OK(vns_xdb_doccount(db, &n, &err), &err);
	vns_xdb_free(db);
	return n;
}

static unsigned long termfreq(const struct fx *f, const char *term)
{
	vns_xdb *db = NULL;
	unsigned long n = 0;
	vns_err err;

	vns_err_clear(&err);
	OK(vns_xdb_open(f->db, &db, &err), &err);
	OK(vns_xdb_termfreq(db, term, strlen(term), &n, &err), &err);
	vns_xdb_free(db);
	return n;
}

/* The title the search API gives the document with id: the record that
 * won is the one indexed. */
static void expect_title(const struct fx *f, const char *id,
			 const char *title)
{
	vns_search_opts o = { .limit = VNS_LIMIT_MAX };
	vns_db *db = NULL;
	vns_results *r = NULL;
	vns_result row;
	vns_err err;
	int got, found = 0;

	vns_err_clear(&err);
	OK(vns_db_open(f->db, &db, &err), &err);
	OK(vns_db_search(db, "", 0, &o, &r, &err), &err);
	while ((got = vns_results_next(r, &row, &err)) == 1)
		if (!strcmp(row.id, id)) {
			found = 1;
			if (!row.title || strcmp(row.title, title))
				fail_msg("'%s' is not the record titled '%s': "
					 "'%s'", id, title,
					 row.title ? row.title : "(none)");
		}
	assert_int_equal(got, 0);
	if (!found)
		fail_msg("no document '%s'", id);
	vns_results_free(r);
	vns_db_close(db);
}

static const char three_docs[] =
	"{\"id\":\"n1\",\"title\":\"Bắc Giang\",\"body\":\"khuyến công\","
	"\"date\":\"2021-07-01\"}\n"
	"{\"id\":\"n2\",\"title\":\"Hòa Bình\",\"body\":\"du lịch\"}\n"
	"{\"id\":\"n3\",\"title\":\"Lạng Sơn\",\"body\":\"cửa khẩu\","
	"\"date\":\"2020-01-02T08:00:00+07:00\"}\n";

/* ---- tests ------------------------------------------------------------ */

static void test_indexes_every_record_of_a_jsonl_file(void **state)
{
	struct fx *f = *state;
	char path[PATH_MAX];
	vns_batch_stats s;

	write_text(f, "a.jsonl", three_docs, path, sizeof path);
	s = index_file(f, path);
	assert_int_equal(s.docs, 3);
	assert_int_equal(s.skipped, 0);
	assert_int_equal(s.warnings, 0);
	assert_true(s.seconds >= 0);
	assert_int_equal(f->nreports, 0);
	assert_int_equal(doccount(f), 3);
	assert_int_equal(termfreq(f, "Qn2"), 1);
	assert_int_equal(termfreq(f, "XFbac"), 1);
	assert_int_equal(termfreq(f, "Y2021"), 1);
	assert_int_equal(termfreq(f, VNS_TERM_NODATE), 1);
}

static void test_reindexing_an_id_replaces_its_document(void **state)
{
	struct fx *f = *state;
	char path[PATH_MAX];
	vns_batch_stats s;

	write_text(f, "a.jsonl", three_docs, path, sizeof path);
	index_file(f, path);
	write_text(f, "b.jsonl",
		   "{\"id\":\"n2\",\"title\":\"Hoà Bình mới\",\"body\":\"lúa\"}\n"
		   "{\"id\":\"n1\",\"title\":\"Bắc Giang mới\",\"body\":\"vải\"}\n",
		   path, sizeof path);
	s = index_file(f, path);
	assert_int_equal(s.docs, 2);
	assert_int_equal(doccount(f), 3);
	assert_int_equal(termfreq(f, "Qn1"), 1);
	assert_int_equal(termfreq(f, "XFvai"), 1);
	assert_int_equal(termfreq(f, "XFkhuyen"), 0); /* the old n1's words */
	expect_title(f, "n2", "Hoà Bình mới");
}

static void test_same_id_twice_in_one_run_keeps_one_document(void **state)
{
	struct fx *f = *state;
	char path[PATH_MAX];
	vns_batch_stats s;

	write_text(f, "a.jsonl",
		   "{\"id\":\"d\",\"title\":\"một\",\"body\":\"x\"}\n"
		   "{\"id\":\"d\",\"title\":\"hai\",\"body\":\"y\"}\n",
		   path, sizeof path);
	s = index_file(f, path);
	assert_int_equal(s.docs, 2);
	assert_int_equal(doccount(f), 1);
	expect_title(f, "d", "hai");
}

/* Index path into a new index with two writers filling parts of
 * part_docs documents each, committed. */
static void index_in_parts(struct fx *f, const char *path,
			   unsigned long part_docs)
{
	vns_batch_opts o = vns_batch_default_opts();
	vns_batch_hooks h = hooks_of(f);
	vns_batch *b = NULL;
	vns_err err;

	o.writers = 2;
	o.part_docs = part_docs;
	vns_err_clear(&err);
	OK(vns_batch_open_opts(f->db, &h, &o, &b, &err), &err);
	OK(vns_batch_add_path(b, path, &err), &err);
	OK(vns_batch_commit(b, &err), &err);
	vns_batch_free(b);
}

/* A new index written by two writers in parts of two documents each: an
 * id seen again after its first copy's part was full still keeps one
 * document, the later one, and every other record is there once. */
static void test_small_parts_keep_one_document_per_id(void **state)
{
	struct fx *f = *state;
	char path[PATH_MAX], rec[128];
	vns_buf in;

	vns_buf_init(&in, 0);
	vns_buf_adds(&in, "{\"id\":\"d\",\"title\":\"một\",\"body\":\"x\"}\n");
	for (int i = 0; i < 12; i++) {
		snprintf(rec, sizeof rec,
			 "{\"id\":\"n%d\",\"title\":\"tin %d\",\"body\":\"y\"}\n",
			 i, i);
		vns_buf_adds(&in, rec);
	}
	vns_buf_adds(&in, "{\"id\":\"d\",\"title\":\"hai\",\"body\":\"z\"}\n");
	write_text(f, "a.jsonl", in.data, path, sizeof path);
	vns_buf_free(&in);
	index_in_parts(f, path, 2);
	assert_int_equal(doccount(f), 13);
	assert_int_equal(termfreq(f, "Qd"), 1);
	assert_int_equal(termfreq(f, "Qn11"), 1);
	expect_title(f, "d", "hai");
}

/* Parts of one document and one id over and over: each copy empties the
 * part before, and the empty parts still merge. */
static void test_parts_emptied_by_later_copies_still_merge(void **state)
{
	struct fx *f = *state;
	char path[PATH_MAX];

	write_text(f, "a.jsonl",
		   "{\"id\":\"d\",\"title\":\"một\",\"body\":\"x\"}\n"
		   "{\"id\":\"d\",\"title\":\"hai\",\"body\":\"x\"}\n"
		   "{\"id\":\"d\",\"title\":\"ba\",\"body\":\"x\"}\n",
		   path, sizeof path);
	index_in_parts(f, path, 1);
	assert_int_equal(doccount(f), 1);
	expect_title(f, "d", "ba");
}

static void test_bad_records_are_skipped_and_reported(void **state)
{
	struct fx *f = *state;
	char path[PATH_MAX];
	vns_batch_stats s;

	write_text(f, "a.jsonl",
		   "{\"id\":\"ok1\",\"body\":\"một\"}\n"
		   "{\"id\":\"broken\"\n"
		   "{\"id\":\"e\",\"body\":\"\"}\n"
		   "{\"body\":\"no id\"}\n"
		   "{\"id\":\"ok2\",\"body\":\"hai\"}\n",
		   path, sizeof path);
	s = index_file(f, path);
	assert_int_equal(s.docs, 2);
	assert_int_equal(s.skipped, 3);
	assert_int_equal(s.warnings, 0);
	assert_int_equal(f->nreports, 3);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(f->reports[i].skipped, 1);
		assert_int_equal(f->reports[i].line, i + 2);
		assert_string_equal(f->reports[i].path, path);
	}
	assert_int_equal(f->reports[0].code, VNS_EJSON);
	assert_non_null(strstr(f->reports[1].msg, "empty body"));
	assert_non_null(strstr(f->reports[2].msg, "'id'"));
	assert_int_equal(doccount(f), 2);
}

static void test_overlong_id_is_skipped_and_reported(void **state)
{
	struct fx *f = *state;
	char path[PATH_MAX], rec[1024], id[400];
	vns_batch_stats s;

	memset(id, 'x', sizeof id - 1);
	id[sizeof id - 1] = '\0';
	snprintf(rec, sizeof rec,
		 "{\"id\":\"%s\",\"body\":\"a\"}\n{\"id\":\"k\",\"body\":\"b\"}\n",
		 id);
	write_text(f, "a.jsonl", rec, path, sizeof path);
	s = index_file(f, path);
	assert_int_equal(s.docs, 1);
	assert_int_equal(s.skipped, 1);
	assert_int_equal(f->nreports, 1);
	assert_int_equal(f->reports[0].line, 1);
	assert_non_null(strstr(f->reports[0].msg, "'id'"));
	assert_int_equal(doccount(f), 1);
}

static void test_bad_date_is_a_warning_and_still_indexed(void **state)
{
	struct fx *f = *state;
	char path[PATH_MAX];
	vns_batch_stats s;

	write_text(f, "a.jsonl",
		   "{\"id\":\"w\",\"body\":\"một\",\"date\":\"2021-13-45\"}\n"
		   "{\"id\":\"v\",\"body\":\"hai\",\"date\":\"2021-02-03\"}\n",
		   path, sizeof path);
	s = index_file(f, path);
	assert_int_equal(s.docs, 2);
	assert_int_equal(s.skipped, 0);
	assert_int_equal(s.warnings, 1);
	assert_int_equal(f->nreports, 1);
	assert_int_equal(f->reports[0].skipped, 0);
	assert_int_equal(f->reports[0].line, 1);
	assert_int_equal(f->reports[0].code, VNS_ERECORD);
	assert_non_null(strstr(f->reports[0].msg, "2021-13-45"));
	assert_int_equal(doccount(f), 2);
	assert_int_equal(termfreq(f, VNS_TERM_NODATE), 1);
	assert_int_equal(termfreq(f, "Y2021"), 1);
}

static void test_unsupported_file_in_explicit_path_is_skipped(void **state)
{
	struct fx *f = *state;
	char path[PATH_MAX];
	vns_batch_stats s;

	write_text(f, "notes.md", "# notes\n", path, sizeof path);
	s = index_file(f, path);
	assert_int_equal(s.docs, 0);
	assert_int_equal(s.skipped, 1);
	assert_int_equal(f->nreports, 1);
	assert_int_equal(f->reports[0].line, 0);
	assert_non_null(strstr(f->reports[0].msg, "unsupported"));
}

static void test_second_writer_gets_edblock(void **state)
{
	struct fx *f = *state;
	vns_batch_hooks h = hooks_of(f);
	vns_batch *first = open_batch(f), *second = NULL;
	vns_err err;

	vns_err_clear(&err);
	assert_int_equal(vns_batch_open(f->db, &h, &second, &err),
			 VNS_EDBLOCK);
	assert_int_equal(err.code, VNS_EDBLOCK);
	assert_null(second);
	vns_batch_free(first);
	/* once the first is gone the index opens again */
	second = open_batch(f);
	vns_batch_free(second);
}

static void test_truncated_gzip_keeps_what_was_read(void **state)
{
	struct fx *f = *state;
	char path[PATH_MAX];
	vns_batch *b;
	vns_batch_stats s;
	struct stat sb;
	gzFile gz;
	unsigned seed = 7;
	vns_err err;

	vns_test_path(f->dir, "t.jsonl.gz", path, sizeof path);
	gz = gzopen(path, "wb");
	assert_non_null(gz);
	for (int i = 0; i < 3000; i++) {
		seed = seed * 1103515245u + 12345u;
		gzprintf(gz, "{\"id\":\"t%d\",\"body\":\"so %u %u\"}\n", i,
			 seed, seed >> 5);
	}
	assert_int_equal(gzclose(gz), Z_OK);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(truncate(path, sb.st_size / 2), 0);

	b = open_batch(f);
	vns_err_clear(&err);
	assert_int_equal(vns_batch_add_path(b, path, &err), VNS_EIO);
	s = vns_batch_stats_get(b);
	assert_true(s.docs > 100 && s.docs < 3000);
	OK(vns_batch_commit(b, &err), &err);
	vns_batch_free(b);
	assert_int_equal(doccount(f), s.docs);
}

static void test_free_without_commit_drops_the_run(void **state)
{
	struct fx *f = *state;
	char path[PATH_MAX];
	vns_batch *b;
	vns_err err;

	write_text(f, "a.jsonl", three_docs, path, sizeof path);
	index_file(f, path);
	write_text(f, "b.jsonl", "{\"id\":\"late\",\"body\":\"muộn\"}\n", path,
		   sizeof path);
	b = open_batch(f);
	vns_err_clear(&err);
	OK(vns_batch_add_path(b, path, &err), &err);
	assert_int_equal(vns_batch_stats_get(b).docs, 1);
	vns_batch_free(b);
	assert_int_equal(doccount(f), 3);
	assert_int_equal(termfreq(f, "Qlate"), 0);
	vns_batch_free(NULL);
}

static void test_progress_is_reported_every_thousand_docs(void **state)
{
	struct fx *f = *state;
	char path[PATH_MAX];
	vns_batch_stats s;
	FILE *fp;

	fp = fopen(vns_test_path(f->dir, "many.jsonl", path, sizeof path), "w");
	assert_non_null(fp);
	for (int i = 0; i < 2500; i++)
		fprintf(fp, "{\"id\":\"m%d\",\"body\":\"tin số %d\"}\n", i, i);
	assert_int_equal(fclose(fp), 0);
	s = index_file(f, path);
	assert_int_equal(s.docs, 2500);
	assert_int_equal(f->progress_calls, 2);
	assert_int_equal(f->progress_docs[0], 1000);
	assert_int_equal(f->progress_docs[1], 2000);
	assert_int_equal(doccount(f), 2500);
}

static void test_directory_input_indexes_all_files(void **state)
{
	struct fx *f = *state;
	char path[PATH_MAX];
	vns_batch_stats s;

	vns_test_path(f->dir, "in", path, sizeof path);
	assert_int_equal(mkdir(path, 0700), 0);
	write_text(f, "in/a.jsonl", three_docs, path, sizeof path);
	write_text(f, "in/b.txt", "Tiêu đề\nNội dung bản tin.\n", path,
		   sizeof path);
	write_text(f, "in/README.md", "not indexed\n", path, sizeof path);
	s = index_file(f, vns_test_path(f->dir, "in", path, sizeof path));
	assert_int_equal(s.docs, 4);
	assert_int_equal(s.skipped, 0);
	assert_int_equal(doccount(f), 4);
}

int main(void)
{
#define T(name)                                                        \
	cmocka_unit_test_setup_teardown(name, setup, vns_test_fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_indexes_every_record_of_a_jsonl_file),
		T(test_reindexing_an_id_replaces_its_document),
		T(test_same_id_twice_in_one_run_keeps_one_document),
		T(test_small_parts_keep_one_document_per_id),
		T(test_parts_emptied_by_later_copies_still_merge),
		T(test_bad_records_are_skipped_and_reported),
		T(test_overlong_id_is_skipped_and_reported),
		T(test_bad_date_is_a_warning_and_still_indexed),
		T(test_unsupported_file_in_explicit_path_is_skipped),
		T(test_second_writer_gets_edblock),
		T(test_truncated_gzip_keeps_what_was_read),
		T(test_free_without_commit_drops_the_run),
		T(test_progress_is_reported_every_thousand_docs),
		T(test_directory_input_indexes_all_files),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
