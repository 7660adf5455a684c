/* test_writer.c - unit tests of the public writing API (lib/writer.c):
 * documents put through vns_writer into a fresh index per test, read back
 * through the public search API, as a program embedding vnsearch would. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "scratch.h"
#include "vnsearch.h"

/* call must return VNS_OK (its detail is not needed to fail the test). */
#define OK(call)                                                      \
	do {                                                          \
		vns_status st_ = (call);                              \
		if (st_)                                              \
			fail_msg("%s: %s", #call, vns_strerror(st_)); \
	} while (0)

struct fx {
	char dir[PATH_MAX];
	char db[PATH_MAX];
	int reports, skipped;
	char why[VNS_ERR_MSG_MAX];
	unsigned long line;
};
VNS_TEST_FX_CHECK(struct fx);

static int setup(void **state)
{
	return vns_test_fx_setup(state, sizeof(struct fx), "writer");
}

static void on_report(void *ctx, int skipped, const char *origin,
		      unsigned long line, const vns_err *why)
{
	struct fx *f = ctx;

	(void)origin;
	f->reports++;
	f->skipped += skipped;
	f->line = line;
	snprintf(f->why, sizeof f->why, "%s", vns_err_text(why));
}

static vns_writer *open_writer(struct fx *f, int shard_by_year)
{
	vns_writer_opts o = { .shard_by_year = shard_by_year,
			      .report = on_report, .ctx = f };
	vns_writer *w = NULL;
	vns_err err;

	if (vns_writer_open(f->db, &o, &w, &err))
		fail_msg("open '%s': %s", f->db, vns_err_text(&err));
	return w;
}

static void put(vns_writer *w, const char *id, const char *title,
		const char *date, const char *body)
{
	vns_document d = { .id = id, .title = title, .date = date,
			   .body = body, .origin = "test", .line = 7 };
	vns_err err;

	if (vns_writer_put(w, &d, &err))
		fail_msg("put '%s': %s", id, vns_err_text(&err));
}

/* The ids a search for q finds, space-separated in found order. */
static void ids_of(const struct fx *f, const char *q, char *out, size_t size)
{
	vns_search_opts o = { .limit = 50, .sort = VNS_SORT_DATE };
	vns_db *db = NULL;
	vns_results *r = NULL;
	vns_result row;
	vns_err err;
	size_t at = 0;
	int got;

	out[0] = '\0';
	if (vns_db_open(f->db, &db, &err) ||
	    vns_db_search(db, q, strlen(q), &o, &r, &err))
		fail_msg("search '%s': %s", q, vns_err_text(&err));
	while ((got = vns_results_next(r, &row, &err)) == 1 && at < size)
		at += (size_t)snprintf(out + at, size - at, "%s%s",
				       at ? " " : "", row.id);
	assert_int_equal(got, 0);
	vns_results_free(r);
	vns_db_close(db);
}

static void test_put_and_commit_make_documents_searchable(void **state)
{
	struct fx *f = *state;
	vns_writer *w = open_writer(f, 0);
	char ids[256];

	put(w, "a", "Khuyến công Bắc Giang", "2025-03-05",
	    "Tỉnh Bắc Giang hỗ trợ máy sấy vải thiều.");
	put(w, "b", "Trà hoa vàng", "2024-12-02",
	    "Trà hoa vàng Ba Chẽ được chế biến sâu.");
	OK(vns_writer_commit(w, NULL));
	assert_int_equal(vns_writer_get_stats(w).docs, 2);
	vns_writer_close(w);
	ids_of(f, "bac giang", ids, sizeof ids);
	assert_string_equal(ids, "a");
	ids_of(f, "", ids, sizeof ids);
	assert_string_equal(ids, "a b");
}

static void test_a_second_put_of_an_id_replaces_it(void **state)
{
	struct fx *f = *state;
	vns_writer *w = open_writer(f, 0);
	char ids[256];

	put(w, "a", "Cũ", "2020-01-01", "Nội dung về chè Thái Nguyên.");
	OK(vns_writer_commit(w, NULL));
	put(w, "a", "Mới", "2021-01-01", "Nội dung về cà phê Đắk Lắk.");
	OK(vns_writer_commit(w, NULL));
	vns_writer_close(w);
	ids_of(f, "chè", ids, sizeof ids);
	assert_string_equal(ids, "");
	ids_of(f, "cà phê", ids, sizeof ids);
	assert_string_equal(ids, "a");
}

static void test_delete_removes_the_document_and_counts_it(void **state)
{
	struct fx *f = *state;
	vns_writer *w = open_writer(f, 0);
	unsigned long n = 9;
	char ids[256];

	put(w, "a", "Một", "2021-01-01", "Gốm Bát Tràng.");
	put(w, "b", "Hai", "2021-01-02", "Gốm Chu Đậu.");
	OK(vns_writer_commit(w, NULL));
	OK(vns_writer_delete(w, "a", &n, NULL));
	assert_int_equal(n, 1);
	OK(vns_writer_delete(w, "nope", &n, NULL));
	assert_int_equal(n, 0);
	OK(vns_writer_commit(w, NULL));
	vns_writer_close(w);
	ids_of(f, "gốm", ids, sizeof ids);
	assert_string_equal(ids, "b");
}

static void test_delete_reaches_documents_not_yet_merged(void **state)
{
	struct fx *f = *state;
	vns_writer *w = open_writer(f, 0); /* a new index: written in parts */
	unsigned long n = 0;
	char ids[256];

	put(w, "a", "Một", "2021-01-01", "Nón lá Huế.");
	put(w, "b", "Hai", "2021-01-02", "Nón lá Chuông.");
	OK(vns_writer_delete(w, "b", &n, NULL));
	assert_int_equal(n, 1);
	OK(vns_writer_commit(w, NULL));
	vns_writer_close(w);
	ids_of(f, "nón lá", ids, sizeof ids);
	assert_string_equal(ids, "a");
}

static void test_a_bad_document_is_reported_and_skipped(void **state)
{
	struct fx *f = *state;
	vns_writer *w = open_writer(f, 0);
	char ids[256];

	put(w, "bad", "Tiêu đề", "2021-01-01", "");
	put(w, "good", "Tiêu đề", "2021-01-01", "Mây tre đan Phú Vinh.");
	OK(vns_writer_sync(w, NULL));
	assert_int_equal(f->reports, 1);
	assert_int_equal(f->skipped, 1);
	assert_int_equal(f->line, 7);
	assert_non_null(strstr(f->why, "body"));
	OK(vns_writer_commit(w, NULL));
	assert_int_equal(vns_writer_get_stats(w).skipped, 1);
	vns_writer_close(w);
	ids_of(f, "", ids, sizeof ids);
	assert_string_equal(ids, "good");
}

static void test_close_without_commit_keeps_the_last_commit(void **state)
{
	struct fx *f = *state;
	vns_writer *w = open_writer(f, 0);
	char ids[256];

	put(w, "a", "Một", "2021-01-01", "Lụa Vạn Phúc.");
	OK(vns_writer_commit(w, NULL));
	vns_writer_close(w);
	w = open_writer(f, 0);
	put(w, "b", "Hai", "2021-01-02", "Lụa Nha Xá.");
	vns_writer_close(w);
	ids_of(f, "lụa", ids, sizeof ids);
	assert_string_equal(ids, "a");
}

static void test_a_second_writer_gets_edblock(void **state)
{
	struct fx *f = *state;
	vns_writer *w = open_writer(f, 0), *w2 = NULL;
	vns_err err;

	put(w, "a", "Một", "2021-01-01", "Đồ gỗ Đồng Kỵ.");
	OK(vns_writer_commit(w, NULL));
	assert_int_equal(vns_writer_open(f->db, NULL, &w2, &err), VNS_EDBLOCK);
	assert_null(w2);
	assert_int_equal(err.code, VNS_EDBLOCK);
	vns_writer_close(w);
}

static void test_shard_by_year_writes_a_stub_and_searches_as_one(void **state)
{
	struct fx *f = *state;
	vns_writer *w = open_writer(f, 1);
	char ids[256], stub[PATH_MAX + 16];

	put(w, "a", "Một", "2021-05-01", "Chiếu cói Kim Sơn.");
	put(w, "b", "Hai", "2023-05-01", "Chiếu cói Nga Sơn.");
	put(w, "c", "Ba", NULL, "Chiếu cói không ngày.");
	OK(vns_writer_commit(w, NULL));
	vns_writer_close(w);
	snprintf(stub, sizeof stub, "%s/XAPIANDB", f->db);
	assert_int_equal(access(stub, R_OK), 0);
	ids_of(f, "chiếu cói", ids, sizeof ids);
	assert_string_equal(ids, "b a c");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name)                                                        \
	cmocka_unit_test_setup_teardown(name, setup, vns_test_fx_teardown)
		T(test_put_and_commit_make_documents_searchable),
		T(test_a_second_put_of_an_id_replaces_it),
		T(test_delete_removes_the_document_and_counts_it),
		T(test_delete_reaches_documents_not_yet_merged),
		T(test_a_bad_document_is_reported_and_skipped),
		T(test_close_without_commit_keeps_the_last_commit),
		T(test_a_second_writer_gets_edblock),
		T(test_shard_by_year_writes_a_stub_and_searches_as_one),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
